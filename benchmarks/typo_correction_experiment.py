"""Does typo correction before the NLU help? (issue 8: measure before adopting)

Corrects every word of 5+ letters that is neither in the training data, the
knowledge base nor the 60,000 most frequent Dutch or 30,000 English words of
`wordfreq`, to the nearest word (SymSpell, edit distance <= 2) of a
dictionary of Dutch word frequencies plus the domain's own vocabulary; then
scores the development part of the blind topic set with and without it.

Not a dependency of the assistant: wordfreq 3.1 needs regex >= 2023 (rasa
3.6 pins regex < 2022.11), so it is installed beside the venv for this
experiment only:

    .venv/bin/pip install --target /tmp/spell wordfreq==3.0.3 symspellpy==6.10.1 editdistpy
    rm -rf /tmp/spell/regex /tmp/spell/regex-*      # keep rasa's regex
    PYTHONPATH=/tmp/spell .venv/bin/python -m benchmarks.typo_correction_experiment

Measured 2026-11-27 (README, "Understanding patients' own words"): with the
model before the round 2 training data it changed 58 of 1,140 messages and
moved the right top answer from 91.8% to 92.0%; with the model after it, 42
messages and no change (94.8% both). Harmful corrections were among them
("longe" -> "lange", "merkstoffen" -> "meststoffen"), so it was not adopted.
"""

from __future__ import annotations

import asyncio
import re
import sys
from pathlib import Path
from typing import Dict, List

REPO_ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"[A-Za-zà-ÿ]+")


def build_corrector() -> Corrector:
    try:
        import wordfreq
        from symspellpy import SymSpell
    except ImportError:
        sys.exit("This experiment needs wordfreq and symspellpy: see the module docstring.")
    spell = SymSpell(max_dictionary_edit_distance=2)
    dutch = [w for w in wordfreq.top_n_list("nl", 60000) if w.isalpha()]
    for word in dutch:
        spell.create_dictionary_entry(word, int(10 ** wordfreq.zipf_frequency(word, "nl")))
    domain: Dict[str, int] = {}
    sources = [
        *sorted((REPO_ROOT / "data" / "nlu").glob("*.yml")),
        REPO_ROOT / "knowledge" / "knowledge_base.yml",
    ]
    for path in sources:
        for word in WORD.findall(path.read_text(encoding="utf-8").lower()):
            domain[word] = domain.get(word, 0) + 1
    for word, count in domain.items():
        if len(word) > 2:
            spell.create_dictionary_entry(word, 10**5 + count * 1000)
    known = set(domain) | set(dutch) | set(wordfreq.top_n_list("en", 30000))
    return Corrector(spell, known)


class Corrector:
    def __init__(self, spell: object, known: set) -> None:
        self._spell = spell
        self._known = known

    def correct(self, text: str) -> str:
        from symspellpy import Verbosity

        def fix(match: re.Match) -> str:
            word = match.group(0)
            lower = word.lower()
            if len(lower) < 5 or lower in self._known:
                return word
            suggestions = self._spell.lookup(lower, Verbosity.TOP, max_edit_distance=2)  # type: ignore[attr-defined]
            return str(suggestions[0].term) if suggestions else word

        return WORD.sub(fix, text)


def main() -> None:
    from benchmarks.blind_parsing import parse_timed, trained_model
    from benchmarks.topic_benchmark import score
    from tests.helpers import BLIND_TOPIC_DIR, blind_sets

    corrector = build_corrector()
    rows = blind_sets(BLIND_TOPIC_DIR, "dev")
    original: List[str] = [text for _, text in rows]
    corrected = [corrector.correct(text) for text in original]
    changed = sum(a != b for a, b in zip(original, corrected, strict=True))
    model = trained_model()
    plain, _, _ = asyncio.run(parse_timed(original, model))
    fixed, _, _ = asyncio.run(parse_timed(corrected, model))
    before, after = score(rows, plain), score(rows, fixed)
    print(f"changed {changed} of {len(rows)} messages")
    for key in ("top_choice_right", "clarified", "answered_wrong"):
        print(f"  {key:20s} {before[key]:.4f} -> {after[key]:.4f}")


if __name__ == "__main__":
    main()
