"""The literal prefilter of the safety patterns (safety/prefilter.py): the
necessary literals it finds, and matches equal to the plain alternation's on
the real patterns."""

from __future__ import annotations

import functools
import re
from typing import List, Tuple

import pytest

from safety import red_flags
from safety.prefilter import PrefilteredPattern, _trie_pattern, necessary_literals, top_level_branches
from tests.helpers import BLIND_SAFETY_DIR, BLIND_TOPIC_DIR, blind_sets, safety_cases, training_examples


def test_necessary_literals_of_small_patterns() -> None:
    assert necessary_literals(r"\bkoorts\b|\brillingen") == {"koorts", "rillingen"}
    # Small character sets and literal alternatives are spelled out.
    assert necessary_literals(r"\b3[89][.,]\d") == {"38.", "38,", "39.", "39,"}
    assert necessary_literals(r"\b(?:heb|had)\s+koorts") == {"koorts"}
    assert necessary_literals(r"(?:ik|ze)\s+(?:heb|had)") == {"heb", "had"}
    # A positive look-ahead must match in the text too; an optional part need not.
    assert necessary_literals(r"^(?=.*\bpillen\b)\w+") == {"pillen"}
    assert necessary_literals(r"\b(?:erg\s+)?benauwd") == {"benauwd"}
    # A piece containing another piece adds nothing.
    assert necessary_literals(r"pijn|buikpijn") == {"pijn"}
    # Nothing literal, or a branch without it: unknown.
    assert necessary_literals(r"\w+\s+\d+") is None
    assert necessary_literals(r"koorts|\w+") is None
    assert necessary_literals(r"(?i:koorts)") is None


def test_top_level_branches_split_only_outside_groups_and_sets() -> None:
    assert top_level_branches(r"a|(?:b|c)|[|x]|d\|e") == ["a", "(?:b|c)", "[|x]", r"d\|e"]
    assert top_level_branches(r"[]|]x|y") == ["[]|]x", "y"]
    assert top_level_branches("koorts") == ["koorts"]


def test_the_trie_finds_the_longest_word_at_a_position() -> None:
    scan = re.compile("(?=(" + _trie_pattern(["pijn", "pijnlijk", "pil", "pillen", "z"]) + "))")
    found = [(m.start(), m.group(1)) for m in scan.finditer("pijnlijke pillen z")]
    assert found == [(0, "pijnlijk"), (10, "pillen"), (17, "z")]


@functools.lru_cache(maxsize=1)
def _texts() -> List[str]:
    texts = [text for items in safety_cases().values() for text in items]
    texts += [text for items in training_examples().values() for text in items]
    for directory in (BLIND_SAFETY_DIR, BLIND_TOPIC_DIR):
        texts += [text for _, text in blind_sets(directory, "dev")][::20]
    return [red_flags._IDIOMS.sub(" ", red_flags.normalise(text)) for text in texts]


def _spans(matches) -> List[Tuple[Tuple[int, int], str]]:  # type: ignore[no-untyped-def]
    return [(match.span(), match.group()) for match in matches]


@pytest.mark.parametrize(
    "name",
    [*red_flags._ALARM_PATTERNS, "distress", "personal"],
)
def test_the_prefiltered_patterns_find_exactly_what_the_alternation_finds(name: str) -> None:
    patterns = {"distress": red_flags._DISTRESS_PATTERNS, "personal": red_flags._PERSONAL_PATTERNS}.get(
        name
    ) or red_flags._ALARM_PATTERNS[name]
    prefiltered = PrefilteredPattern(patterns)
    plain = re.compile("|".join(f"(?:{p})" for p in patterns))
    texts = _texts()
    matched = 0
    for text in texts:
        expected = _spans(plain.finditer(text))
        assert _spans(prefiltered.finditer(text)) == expected, text
        assert (prefiltered.search(text) is None) == (not expected), text
        matched += bool(expected)
    # The comparison means something only if the texts trigger the patterns.
    assert matched > 20, name


def test_two_alternatives_that_both_match_keep_the_alternation_order() -> None:
    patterns = [r"\bkoorts\w*", r"\bkoortsig\b", r"\bril\w*", r"(?:^|\s)ik\s+ril"]
    prefiltered = PrefilteredPattern(patterns)
    plain = re.compile("|".join(f"(?:{p})" for p in patterns))
    for text in ("koortsig en ik ril", "ik ril, koortsig", "rillen koorts koortsig", "niets"):
        assert _spans(prefiltered.finditer(text)) == _spans(plain.finditer(text)), text
