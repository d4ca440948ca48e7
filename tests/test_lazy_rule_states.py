"""RulePolicy's debug text of the dialogue states is rasa's own, made only when rendered."""

from __future__ import annotations

import copy
from typing import Any, Dict, List

import pytest
from rasa.core.policies.policy import Policy
from rasa.core.policies.rule_policy import RulePolicy

from rasa_overrides import lazy_rule_states

STATES = [
    {"user": {"intent": "greet"}, "prev_action": {"action_name": "action_listen"}},
    {"user": {"intent": "ask_pet_ct_scan"}, "prev_action": {"action_name": "action_answer_question"}},
]


def test_the_text_is_rasas_and_a_copy_costs_nothing() -> None:
    lazy = lazy_rule_states.LazyStates(STATES)
    assert str(lazy) == Policy.format_tracker_states(STATES)
    assert repr(lazy) == str(lazy)
    assert copy.deepcopy(lazy) is lazy


def test_nothing_is_formatted_until_the_line_is_rendered(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: List[int] = []

    def counting(states: List[Dict[str, Any]]) -> str:
        calls.append(len(states))
        return "formatted"

    monkeypatch.setattr(lazy_rule_states, "_format_states", counting)
    lazy_rule_states.install()
    value = RulePolicy.format_tracker_states(STATES)
    copy.deepcopy(value)
    assert calls == []
    assert f"{value}" == "formatted" and calls == [2]
