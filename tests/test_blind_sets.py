"""The blind evaluation sets stay blind: well-formed, split as documented,
and never in the training data or the patterns' own test data."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Iterable, List, Set

import pytest

from actions.knowledge_base import KnowledgeBase
from tests.helpers import (
    BLIND_SAFETY_DIR,
    BLIND_TOPIC_DIR,
    blind_sets,
    held_out_examples,
    read_blind_set,
    safety_cases,
    training_examples,
)

SAFETY_LABEL = re.compile(
    r"^(?:alarm/(?:fever_infection|spinal_bone|neuro_calcium|breathing_chest_bleeding|fluids_medication)"
    r"|distress/(?:hopeless|suicidal|plan_means|self_harm)"
    r"|none/(?:negated|past|hypothetical|informational|idiom))$"
)


def folded(text: str) -> str:
    """Lower case, accents and punctuation removed, whitespace folded."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def all_blind_messages() -> List[str]:
    return [
        text
        for directory in (BLIND_SAFETY_DIR, BLIND_TOPIC_DIR)
        for part in ("dev", "locked")
        for _, text in blind_sets(directory, part)
    ]


def fold_all(texts: Iterable[str]) -> Set[str]:
    # A text without words (emoji, punctuation) folds to "" and says nothing
    # about the wording of a set, so it does not count as a copy.
    return {folded(text) for text in texts} - {""}


def test_the_blind_sets_are_large_enough() -> None:
    safety = blind_sets(BLIND_SAFETY_DIR, "dev") + blind_sets(BLIND_SAFETY_DIR, "locked")
    topics = blind_sets(BLIND_TOPIC_DIR, "dev") + blind_sets(BLIND_TOPIC_DIR, "locked")
    assert len(safety) >= 400 and len(topics) >= 28 * 15 + 100


@pytest.mark.parametrize("directory", [BLIND_SAFETY_DIR, BLIND_TOPIC_DIR], ids=["safety", "topics"])
def test_the_locked_part_is_at_least_a_third(directory: Path) -> None:
    dev, locked = blind_sets(directory, "dev"), blind_sets(directory, "locked")
    assert len(locked) * 3 >= len(dev) + len(locked)


def test_every_file_says_who_wrote_it_and_that_it_was_blind() -> None:
    for path in [*BLIND_SAFETY_DIR.glob("*.tsv"), *BLIND_TOPIC_DIR.glob("*.tsv")]:
        header = path.read_text(encoding="utf-8")[:1000]
        assert "# writer" in header and "written blind" in header, path.name


def test_safety_labels_are_known_and_every_family_is_covered() -> None:
    rows = [row for path in sorted(BLIND_SAFETY_DIR.glob("*.tsv")) for row in read_blind_set(path)]
    labels = {label for label, _ in rows}
    assert all(SAFETY_LABEL.match(label) for label in labels), labels - {
        label for label in labels if SAFETY_LABEL.match(label)
    }
    per_group = {
        group: sum(label.startswith(group) for label, _ in rows) for group in ("alarm/", "distress/")
    }
    assert per_group["alarm/"] >= 5 * 40 and per_group["distress/"] >= 40
    assert sum(label.startswith("none/") for label, _ in rows) >= 100


def test_topic_labels_are_knowledge_entries_out_of_scope_or_small_talk(knowledge_base: KnowledgeBase) -> None:
    rows = [row for path in sorted(BLIND_TOPIC_DIR.glob("*.tsv")) for row in read_blind_set(path)]
    allowed = set(knowledge_base.entries) | {"off_topic", "not_in_source", "small_talk"}
    assert {label for label, _ in rows} <= allowed
    for entry_id in knowledge_base.entries:
        assert sum(label == entry_id for label, _ in rows) >= 15, entry_id


def test_no_blind_message_is_in_the_training_data() -> None:
    training = fold_all(text for examples in training_examples().values() for text in examples)
    leaked = [text for text in all_blind_messages() if folded(text) in training]
    assert not leaked, leaked[:5]


def test_no_blind_message_is_in_the_patterns_own_test_data() -> None:
    cases = safety_cases()
    own = fold_all(text for examples in cases.values() for text in examples)
    own |= fold_all(text for examples in held_out_examples().values() for text in examples)
    leaked = [text for text in all_blind_messages() if folded(text) in own]
    assert not leaked, leaked[:5]


def test_the_leak_check_would_catch_a_copy() -> None:
    # The check folds case, accents and punctuation, so a lightly edited copy is caught too.
    sample = all_blind_messages()[0]
    assert folded(sample.upper() + " !!") == folded(sample)
