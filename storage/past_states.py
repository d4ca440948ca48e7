"""The policies' dialogue states of a conversation, computed once per stored turn.

rasa's policies featurise a tracker with `tracker.past_states(domain, ...)`
(`Domain.states_for_tracker_history`): it replays every event of the session
onto a fresh tracker and computes a state before each action, five times per
message here (RulePolicy twice, MemoizationPolicy once, per prediction).
Profiled in a 200-message conversation this was half of the remaining time
per message, growing with the conversation.

The states are a left fold over `tracker.applied_events()`. `StoredSessionTracker`
(what the tracker store hands out) keeps, per conversation, the fold's state
after the stored part of the session (the replay tracker, the states so far
and the two values rasa carries from turn to turn), and resumes from it when
the applied events begin with exactly those event objects. Anything else (a
revert, another domain, an event that changes an earlier user message) falls
back to rasa's own computation. The loop body is rasa 3.6's
`states_for_tracker_history`; tests/test_past_states.py compares the result
with rasa's at every policy call of real conversations.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import operator
from typing import Any, Dict, List, Optional, Set, Tuple, Union

from rasa.shared.core.constants import PREVIOUS_ACTION, USER
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    DefinePrevUserUtteredFeaturization,
    EntitiesAdded,
    Event,
    Restarted,
    SessionStarted,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

MemoKey = Tuple[int, bool, bool, str]
APPLIED = "applied"


@dataclasses.dataclass
class AppliedFold:
    """rasa's `applied_events` loop after the events `prefix`."""

    prefix: List[Event]
    applied: List[Event]
    loop_names: Set[str]


@dataclasses.dataclass
class Fold:
    """rasa's loop state after `len(prefix)` applied events."""

    domain: Domain
    replay: DialogueStateTracker
    prefix: List[Event]
    states: List[State]
    last_ml_action_sub_state: Optional[Dict[str, Any]] = None
    turn_was_hidden: bool = False

    def fork(self) -> Fold:
        """A copy that can go on without changing this one (states are shared, never changed)."""
        return Fold(
            self.domain,
            _copy_replay(self.replay),
            list(self.prefix),
            list(self.states),
            self.last_ml_action_sub_state,
            self.turn_was_hidden,
        )

    def begins(self, applied: List[Event]) -> bool:
        return len(applied) >= len(self.prefix) and all(map(operator.is_, self.prefix, applied))


def _copy_replay(replay: DialogueStateTracker) -> DialogueStateTracker:
    from storage.tracker_cache import handed_out_copy

    return handed_out_copy(replay, replay.sender_id)


def _step(
    fold: Fold,
    tracker: DialogueStateTracker,
    hide_rule_turn: bool,
    omit_unset_slots: bool,
    ignore_rule_only_turns: bool,
    rule_only_data: Optional[Dict[str, Any]],
) -> None:
    """The body of rasa's loop in `Domain.states_for_tracker_history`, for one prior tracker."""
    domain = fold.domain
    tr = tracker
    if ignore_rule_only_turns:
        if not fold.turn_was_hidden:
            fold.last_ml_action_sub_state = domain._get_prev_action_sub_state(tr)
        if not tr.followup_action and tr.latest_action_name != tr.active_loop_name:
            fold.turn_was_hidden = hide_rule_turn
        if fold.turn_was_hidden:
            return
    state = domain.get_active_state(tr, omit_unset_slots=omit_unset_slots)
    if ignore_rule_only_turns:
        domain._remove_rule_only_features(state, rule_only_data)
        if fold.states:
            domain._substitute_rule_only_user_input(state, fold.states[-1])
        if fold.last_ml_action_sub_state:
            state[PREVIOUS_ACTION] = fold.last_ml_action_sub_state
    fold.states.append(domain._clean_state(state))


def _changes_an_earlier_message(event: Event, replay: DialogueStateTracker, before: Optional[Event]) -> bool:
    """Events whose `apply_to` changes the latest user message in place: if that
    message is one the saved states were computed with, they may be stale."""
    return (
        isinstance(event, (EntitiesAdded, DefinePrevUserUtteredFeaturization))
        and before is not None
        and replay.latest_message is before
    )


class StoredSessionTracker(DialogueStateTracker):
    """A tracker handed out by the tracker store (storage/tracker_cache.py):
    `past_states` resumes from the states of the stored part of the session."""

    # Set by the store: the conversation's saved folds and how many of
    # `events` came from the store.
    _states_memo: Optional[Dict[Union[MemoKey, str], Any]] = None
    _stored_events: int = 0

    def applied_events(self) -> List[Event]:
        """rasa's `applied_events`, resumed after the stored events (it is
        called seven times per message, each walking the whole session)."""
        memo = self._states_memo
        if memo is None:
            return super().applied_events()
        events = list(self.events)
        saved: Optional[AppliedFold] = memo.get(APPLIED)
        if (
            saved is not None
            and len(events) >= len(saved.prefix)
            and all(map(operator.is_, saved.prefix, events))
        ):
            tail = events[len(saved.prefix) :]
            if any(isinstance(event, ActiveLoop) and event.name not in saved.loop_names for event in tail):
                # rasa decides on earlier loop actions by the loop names of all events.
                return super().applied_events()
            fold = AppliedFold(saved.prefix, list(saved.applied), saved.loop_names)
        else:
            names = {event.name for event in events if isinstance(event, ActiveLoop) and event.name}
            fold = AppliedFold([], [], names)
            tail = events
        start = len(fold.prefix)
        boundary = self._stored_events if 0 < self._stored_events <= len(events) else -1
        for index, event in enumerate(tail, start=start):
            if index == boundary and index > start:
                memo[APPLIED] = AppliedFold(events[:index], list(fold.applied), fold.loop_names)
            self._apply_one(event, fold.applied, fold.loop_names)
        if boundary == len(events) and boundary > start:
            memo[APPLIED] = AppliedFold(events, list(fold.applied), fold.loop_names)
        return fold.applied

    def _apply_one(self, event: Event, applied_events: List[Event], loop_names: Set[str]) -> None:
        """The body of rasa 3.6's `DialogueStateTracker.applied_events` loop."""
        if isinstance(event, (Restarted, SessionStarted)):
            applied_events.clear()
        elif isinstance(event, ActionReverted):
            self._undo_till_previous(ActionExecuted, applied_events)
        elif isinstance(event, UserUtteranceReverted):
            self._undo_till_previous(UserUttered, applied_events)
            self._undo_till_previous(ActionExecuted, applied_events)
        elif (
            isinstance(event, ActionExecuted)
            and event.action_name in loop_names
            and not self._first_loop_execution_or_unhappy_path(event.action_name, applied_events)
        ):
            self._undo_till_previous_loop_execution(event.action_name, applied_events)
        else:
            applied_events.append(event)

    def copy(self) -> DialogueStateTracker:
        """rasa's `copy` replays every event of the session, and the processor
        copies the tracker before every action it runs: the same tracker, built
        from the events and state as they are (storage/tracker_cache.py)."""
        clone = _copy_replay(self)
        # A replay starts a new tracker, without the ids the processor set.
        clone.model_id = None
        clone.assistant_id = None
        return clone

    def past_states(
        self,
        domain: Domain,
        omit_unset_slots: bool = False,
        ignore_rule_only_turns: bool = False,
        rule_only_data: Optional[Dict[str, Any]] = None,
    ) -> List[State]:
        memo = self._states_memo
        if memo is None:
            return super().past_states(domain, omit_unset_slots, ignore_rule_only_turns, rule_only_data)
        key: MemoKey = (
            id(domain),
            omit_unset_slots,
            ignore_rule_only_turns,
            json.dumps(rule_only_data, sort_keys=True, default=str),
        )
        applied = self.applied_events()
        saved = memo.get(key)
        if saved is not None and saved.domain is domain and saved.begins(applied):
            fold = saved.fork()
        else:
            fold = Fold(domain, self.init_copy(), [], [])
        start = len(fold.prefix)
        latest_before = fold.replay.latest_message if start else None
        boundary = self._stored_boundary(applied)
        for index in range(start, len(applied)):
            if index == boundary and index > start:
                memo[key] = fold.fork()
            event = applied[index]
            if _changes_an_earlier_message(event, fold.replay, latest_before):
                memo.pop(key, None)
                return super().past_states(domain, omit_unset_slots, ignore_rule_only_turns, rule_only_data)
            if isinstance(event, ActionExecuted):
                _step(
                    fold,
                    fold.replay,
                    event.hide_rule_turn,
                    omit_unset_slots,
                    ignore_rule_only_turns,
                    rule_only_data,
                )
            fold.replay.update(event)
            fold.prefix.append(event)
        if boundary == len(applied) and boundary > start:
            memo[key] = fold.fork()
        # The last state, from the tracker after all events (rasa's final yield).
        last = Fold(
            domain, fold.replay, [], list(fold.states), fold.last_ml_action_sub_state, fold.turn_was_hidden
        )
        _step(last, fold.replay, False, omit_unset_slots, ignore_rule_only_turns, rule_only_data)
        return _private_tail(last.states)

    def _stored_boundary(self, applied: List[Event]) -> int:
        """How many applied events are the store's (the fold is saved there), or -1."""
        if self._stored_events <= 0 or self._stored_events > len(self.events):
            return -1
        last_stored = self.events[self._stored_events - 1]
        for index in range(len(applied) - 1, -1, -1):
            if applied[index] is last_stored:
                return index + 1
        return -1


def _private_tail(states: List[State]) -> List[State]:
    """The states, with those that share the last state's user sub-state copied:
    callers change the last state in place (rasa's `_choose_last_user_input`),
    and rasa's `_substitute_rule_only_user_input` makes consecutive states share
    one user sub-state; one deep copy of them keeps that sharing, as in rasa's
    own result, while the saved states stay as they are."""
    if not states:
        return states
    start = len(states) - 1
    shared = states[start].get(USER)
    while start > 0 and shared is not None and states[start - 1].get(USER) is shared:
        start -= 1
    return states[:start] + copy.deepcopy(states[start:])
