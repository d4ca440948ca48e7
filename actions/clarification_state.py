"""The one piece of dialogue state: whether the last bot turn was a
clarification question ("Bedoelt u ...?")."""

from typing import List

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

CLARIFICATION_SLOT = "clarification_pending"


def clarification_pending(tracker: Tracker) -> bool:
    return bool(tracker.get_slot(CLARIFICATION_SLOT))


def end_clarification(tracker: Tracker) -> List[EventType]:
    """Events that close a pending clarification (none if there is none)."""
    return [SlotSet(CLARIFICATION_SLOT, False)] if clarification_pending(tracker) else []
