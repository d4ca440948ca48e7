"""Send the action server the recent turns of a conversation, not the whole session.

rasa 3.6 sends, for every custom action, the tracker with every event of the
session (`tracker.current_state(EventVerbosity.ALL)`), and the action server
parses it all again: in a 200-message conversation about 1,800 events, the
largest cost per message left that grew with the conversation (README,
"Measured under load").

The actions here look back a few user turns at most (actions/base.py: whether
the assistant already spoke in this session, an urgent reply within the last
`SAFETY_FOLLOW_UP_TURNS` turns), and all else they read (slots, the latest
message, the active loop, the latest action) is part of the state apart from
the events and is sent whole. So the events sent are those of the last
`ACTION_EVENT_TURNS` user turns (default 10), all of the session when it is
shorter. `ACTION_EVENT_TURNS=0` sends every event, as rasa does.

`install()` swaps RemoteAction's request builder, rasa_overrides.install() calls it,
as every `rasa run` with this project's credentials.yml imports that module.
"""

from __future__ import annotations

import logging
import os
from itertools import islice
from typing import TYPE_CHECKING, Any, Dict, Iterable, List

import rasa
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event, UserUttered
from rasa.shared.core.trackers import EventVerbosity

from launcher.settings import MIN_ACTION_EVENT_TURNS, Settings

if TYPE_CHECKING:
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker


logger = logging.getLogger(__name__)

# rasa's own request builder, as it was before install().
RASAS_ACTION_CALL = RemoteAction._action_call_format


def user_turns_from_environment() -> int:
    """ACTION_EVENT_TURNS (0: every event). The launcher refuses a bad value
    before start; a server started otherwise logs it and sends every event,
    which is always right, only slower."""
    value = os.environ.get("ACTION_EVENT_TURNS", "").strip()
    if not value:
        return Settings.action_event_turns
    try:
        turns = int(value)
    except ValueError:
        turns = -1
    if turns != 0 and turns < MIN_ACTION_EVENT_TURNS:
        logger.error(
            "ACTION_EVENT_TURNS=%r is not 0 or a whole number of at least %d: sending every event",
            value,
            MIN_ACTION_EVENT_TURNS,
        )
        return 0
    return turns


def recent_events(events: Iterable[Event], user_turns: int) -> List[Event]:
    """The events from the `user_turns`-th last user message on (all of them
    when there are fewer user messages, or when `user_turns` is 0)."""
    events = list(events)
    if user_turns <= 0:
        return events
    seen = 0
    for index in range(len(events) - 1, -1, -1):
        if isinstance(events[index], UserUttered):
            seen += 1
            if seen == user_turns:
                return list(islice(events, index, None))
    return events


def action_call(
    action: RemoteAction, tracker: DialogueStateTracker, domain: Domain, user_turns: int
) -> Dict[str, Any]:
    """rasa 3.6.21's `RemoteAction._action_call_format`, with the events bounded."""
    state = tracker.current_state(EventVerbosity.NONE)
    state["events"] = [event.as_dict() for event in recent_events(tracker.events, user_turns)]
    result: Dict[str, Any] = {
        "next_action": action.name(),
        "sender_id": tracker.sender_id,
        "tracker": state,
        "version": rasa.__version__,
    }
    if not action._is_selective_domain_enabled() or domain.does_custom_action_explicitly_need_domain(
        action.name()
    ):
        result["domain"] = domain.as_dict()
    return result


def install(user_turns: int) -> None:
    if user_turns <= 0:
        return

    def _action_call_format(
        self: RemoteAction, tracker: DialogueStateTracker, domain: Domain
    ) -> Dict[str, Any]:
        return action_call(self, tracker, domain, user_turns)

    RemoteAction._action_call_format = _action_call_format
