"""Find the rules that match the dialogue, from an index of the current state.

rasa 3.6's RulePolicy checks every rule (about 100 here) against the states
of the whole session on each prediction (`_get_possible_keys`, twice per
message, about 1 ms per message here). Two facts make most of that work
avoidable without changing the answer:
- the current state alone rules out almost every rule, and the same current
  states (the intent just recognised after the action before it, the slots)
  recur in every conversation: the rules that match a current state are kept
  and reused;
- a rule is never checked further back than its own length (rasa's
  `_is_rule_applicable` accepts any earlier turn), so the few remaining rules
  are checked, with rasa's own check, on as many earlier states as the
  longest rule has, not on the whole session.

The index lives on the policy object (a new model gets a new one), holds at
most `MAX_ENTRIES` states per lookup table and only rule names and dialogue
states (intent and action names, slot features), no message text.
`install()` replaces the method; rasa_overrides.install() calls it.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from typing import Any, Callable, Dict, FrozenSet, Hashable, List, Optional, Set

from rasa.core.policies.rule_policy import RulePolicy

MAX_ENTRIES = 2048

_CACHE_ATTRIBUTE = "_rule_match_cache"
_rasa_get_possible_keys: Callable[[RulePolicy, Dict[str, str], List[Dict[str, Any]]], Set[str]] = (
    RulePolicy._get_possible_keys
)


class _LookupCache:
    """Current state -> rules whose last state it matches, for one lookup table."""

    def __init__(self, lookup: Dict[str, str]) -> None:
        # A rule key is its states as JSON; the longest rule bounds the depth.
        self.longest_rule = max((len(json.loads(key)) for key in lookup), default=0)
        self.entries: OrderedDict[Hashable, FrozenSet[str]] = OrderedDict()


def _frozen(state: Dict[str, Any]) -> Optional[Hashable]:
    """A hashable copy of one state, or None when a value is not hashable."""
    try:
        frozen = tuple(sorted((name, tuple(sorted(sub_state.items()))) for name, sub_state in state.items()))
        hash(frozen)
    except TypeError:
        return None
    return frozen


def _get_possible_keys(self: RulePolicy, lookup: Dict[str, str], states: List[Dict[str, Any]]) -> Set[str]:
    current = _frozen(states[-1]) if states else None
    if current is None:
        return _rasa_get_possible_keys(self, lookup, states)
    caches: Dict[int, _LookupCache] = self.__dict__.setdefault(_CACHE_ATTRIBUTE, {})
    # The policy keeps its lookup tables for its lifetime, so their ids are stable.
    cache = caches.get(id(lookup))
    if cache is None:
        cache = caches[id(lookup)] = _LookupCache(lookup)
    matching = cache.entries.get(current)
    if matching is None:
        matching = frozenset(key for key in lookup if self._is_rule_applicable(key, 0, states[-1]))
        cache.entries[current] = matching
        if len(cache.entries) > MAX_ENTRIES:
            cache.entries.popitem(last=False)
    else:
        cache.entries.move_to_end(current)
    possible = set(matching)
    earlier = states[-cache.longest_rule : -1] if cache.longest_rule > 1 else []
    for turn_index, state in enumerate(reversed(earlier), start=1):
        if not possible:
            break
        possible = {key for key in possible if self._is_rule_applicable(key, turn_index, state)}
    return possible


def install() -> None:
    RulePolicy._get_possible_keys = _get_possible_keys
