"""RulePolicy's matching rules found from the index of current states
(rasa_overrides/rule_match_cache.py) are rasa's own: real conversations through
the trained agent as the server builds it, every lookup compared with rasa's
`_get_possible_keys` on the same states."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, Dict, List, Set, Tuple

import pytest
from rasa.core.policies.rule_policy import RulePolicy

from launcher.servers import ServerProcess
from rasa_overrides import rule_match_cache
from tests.test_past_states import actions, messages, run_conversations  # noqa: F401  (fixture)

pytestmark = [pytest.mark.server]


def test_remembered_rules_are_rasas_at_every_lookup(
    actions: Tuple[ServerProcess, Any],  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, settings = actions
    compared: List[int] = []
    hits: List[int] = []

    def checked(self: RulePolicy, lookup: Dict[str, str], states: List[Dict[str, Any]]) -> Set[str]:
        before = sum(len(cache.entries) for cache in self.__dict__.get("_rule_match_cache", {}).values())
        found = rule_match_cache._get_possible_keys(self, lookup, states)
        after = sum(len(cache.entries) for cache in self.__dict__.get("_rule_match_cache", {}).values())
        assert found == rule_match_cache._rasa_get_possible_keys(self, lookup, states)
        compared.append(len(states))
        if after == before:
            hits.append(len(states))
        return found

    import channels.rest  # noqa: F401  (installs the cache on first import: before the spy)

    rule_match_cache.install()
    monkeypatch.setattr(RulePolicy, "_get_possible_keys", checked)
    conversations = [messages(40, seed) for seed in range(20, 23)]
    asyncio.run(run_conversations(settings, tmp_path, conversations, monkeypatch))
    # Every message: at least two predictions, each looking up the rules.
    assert len(compared) >= 2 * sum(map(len, conversations))
    assert max(compared) > 40  # long histories, not only short ones
    # Most current states had been seen before, also late in conversations.
    assert len(hits) > len(compared) / 2 and max(hits) > 40


def test_a_state_with_an_unhashable_value_goes_to_rasa() -> None:
    assert rule_match_cache._frozen({"user": {"intent": "greet"}}) is not None
    assert rule_match_cache._frozen({"user": {"entities": ["a", "list"]}}) is None


def test_install_replaces_the_lookup() -> None:
    rule_match_cache.install()
    assert RulePolicy._get_possible_keys is rule_match_cache._get_possible_keys
