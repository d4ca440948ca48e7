"""Knowledge base, NLU data, domain and rules stay in step; the held-out and
safety sets are separate from the training data."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Set

import yaml

from actions.knowledge_base import KnowledgeBase
from tests.helpers import REPO_ROOT, held_out_examples, safety_cases, training_examples

OTHER_INTENTS = {
    "greet", "goodbye", "thank", "bot_challenge", "request_human", "help",
    "alarm_symptom", "distress", "personal_decision", "out_of_scope_medical", "out_of_scope_other", "nonsense",
}  # fmt: skip


def _normalise(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.lower()).strip()


def _domain_intents() -> Set[str]:
    intents: Set[str] = set()
    for path in (REPO_ROOT / "domain").glob("*.yml"):
        intents.update(yaml.safe_load(path.read_text(encoding="utf-8")).get("intents") or [])
    return intents


def test_every_question_intent_has_an_answer_and_every_answer_an_intent(
    knowledge_base: KnowledgeBase,
) -> None:
    question_intents = {intent for intent in training_examples() if intent.startswith("ask_")}
    assert question_intents == set(knowledge_base.intents)


def test_domain_lists_exactly_the_trained_intents() -> None:
    assert _domain_intents() == set(training_examples())
    assert _domain_intents() >= OTHER_INTENTS


def test_generated_domain_and_rules_are_current() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "sync_knowledge.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_every_intent_has_at_least_25_training_examples() -> None:
    thin = {intent: len(examples) for intent, examples in training_examples().items() if len(examples) < 25}
    assert not thin


def test_no_training_example_is_used_for_two_intents() -> None:
    seen = {}
    clashes = []
    for intent, examples in training_examples().items():
        for example in examples:
            key = _normalise(example)
            if key in seen and seen[key] != intent:
                clashes.append((example, seen[key], intent))
            seen[key] = intent
    assert not clashes


def test_held_out_set_covers_every_question_intent_with_eight_or_more(knowledge_base: KnowledgeBase) -> None:
    held_out = held_out_examples()
    for intent in knowledge_base.intents:
        assert len(held_out.get(intent, [])) >= 8, intent


def test_held_out_and_safety_sets_are_not_copied_into_training_data() -> None:
    trained = {_normalise(example) for examples in training_examples().values() for example in examples}
    evaluation = [example for examples in held_out_examples().values() for example in examples]
    evaluation += [message for messages in safety_cases().values() for message in messages]
    copied = [example for example in evaluation if _normalise(example) in trained and _normalise(example)]
    assert not copied


def test_safety_set_has_at_least_15_messages_per_category() -> None:
    cases = safety_cases()
    assert set(cases) == {"alarm", "distress", "personal_decision", "out_of_scope", "gibberish"}
    assert all(len(messages) >= 15 for messages in cases.values())


def test_training_data_files_are_split_by_topic() -> None:
    names = {path.name for path in Path(REPO_ROOT / "data" / "nlu").glob("*.yml")}
    assert len(names) >= 5
