"""The action server gets the recent turns of a conversation (rasa_overrides/action_payload.py):
the rest of the request is rasa's own, and what the actions decide from the
events is the same as with the whole session."""

from __future__ import annotations

import random
from typing import Any, Dict, List

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig
from rasa_sdk import Tracker

from actions import settings as action_settings
from actions.base import is_first_reply, recent_urgent_reply
from launcher.paths import REPO_ROOT
from launcher.settings import MIN_ACTION_EVENT_TURNS, SettingsError, from_environment
from rasa_overrides import action_payload


def conversation(turns: int, seed: int = 0) -> List[Event]:
    """A session of `turns` user messages, each answered; some answers are
    urgent replies (metadata kind alarm or distress), one turn goes unanswered."""
    chooser = random.Random(seed)
    events: List[Event] = [
        ActionExecuted("action_session_start"),
        SessionStarted(),
        ActionExecuted("action_listen"),
    ]
    for number in range(turns):
        events.append(UserUttered(f"vraag {number}", {"name": "ask_treatment_goals", "confidence": 0.9}))
        kind = chooser.choice(["curated_answer", "curated_answer", "alarm", "distress", None])
        if kind is not None:
            events.append(ActionExecuted("action_answer_question"))
            events.append(BotUttered(f"antwoord {number}", metadata={"kind": kind}))
            events.append(SlotSet("last_answer_id", f"id-{number}"))
        events.append(ActionExecuted("action_listen"))
    return events


def sdk_tracker(events: List[Dict[str, Any]]) -> Tracker:
    return Tracker("patient", {}, {}, events, False, None, {}, "action_listen")


def test_recent_events_start_at_the_nth_last_user_message() -> None:
    events = conversation(12)
    window = action_payload.recent_events(events, 5)
    assert isinstance(window[0], UserUttered)
    assert sum(isinstance(event, UserUttered) for event in window) == 5
    assert window == events[len(events) - len(window) :]


def test_short_sessions_and_a_zero_window_send_every_event() -> None:
    events = conversation(4)
    assert action_payload.recent_events(events, 5) == events
    assert action_payload.recent_events(conversation(30), 0) == conversation(30)


def test_the_minimum_window_covers_what_the_actions_look_back_at() -> None:
    assert MIN_ACTION_EVENT_TURNS >= action_settings.SAFETY_FOLLOW_UP_TURNS + 2


@pytest.mark.parametrize("seed", range(5))
def test_the_actions_decide_the_same_on_the_window_as_on_the_whole_session(seed: int) -> None:
    events = conversation(40, seed)
    compared = 0
    for end, event in enumerate(events, start=1):
        if not isinstance(event, UserUttered):
            continue
        whole = [e.as_dict() for e in events[:end]]
        window = [e.as_dict() for e in action_payload.recent_events(events[:end], MIN_ACTION_EVENT_TURNS)]
        assert is_first_reply(sdk_tracker(window)) == is_first_reply(sdk_tracker(whole))
        assert recent_urgent_reply(sdk_tracker(window)) == recent_urgent_reply(sdk_tracker(whole))
        compared += 1
    assert compared == 40


def test_the_request_is_rasas_with_only_the_events_bounded() -> None:
    domain = Domain.load(str(REPO_ROOT / "domain"))
    tracker = DialogueStateTracker.from_events("patient", conversation(30, seed=3), domain.slots)
    action = RemoteAction("action_answer_question", EndpointConfig("http://127.0.0.1:1/webhook"))
    expected = action_payload.RASAS_ACTION_CALL(action, tracker, domain)
    found = action_payload.action_call(action, tracker, domain, 10)
    assert {key: value for key, value in found.items() if key != "tracker"} == {
        key: value for key, value in expected.items() if key != "tracker"
    }
    found_state, expected_state = found["tracker"], expected["tracker"]
    assert {k: v for k, v in found_state.items() if k != "events"} == {
        k: v for k, v in expected_state.items() if k != "events"
    }
    assert found_state["events"] == expected_state["events"][-len(found_state["events"]) :]
    assert sum(event["event"] == "user" for event in found_state["events"]) == 10
    assert len(found_state["events"]) < len(expected_state["events"]) / 2


@pytest.mark.parametrize("value", ["1", "4", "-1", "veel"])
def test_a_window_too_small_to_keep_the_actions_right_is_refused(value: str) -> None:
    with pytest.raises(SettingsError, match="ACTION_EVENT_TURNS"):
        from_environment({"ACTION_EVENT_TURNS": value})


def test_the_window_setting_reaches_the_server() -> None:
    assert from_environment({}).action_event_turns == 10
    assert from_environment({"ACTION_EVENT_TURNS": "0"}).action_event_turns == 0
    assert from_environment({"ACTION_EVENT_TURNS": "25"}).action_event_turns == 25


@pytest.mark.parametrize(("value", "turns"), [("", 10), ("0", 0), ("7", 7), ("3", 0), ("veel", 0)])
def test_a_server_started_without_the_launcher_falls_back_to_every_event(
    monkeypatch: pytest.MonkeyPatch, value: str, turns: int
) -> None:
    monkeypatch.setenv("ACTION_EVENT_TURNS", value)
    assert action_payload.user_turns_from_environment() == turns
