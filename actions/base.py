"""The base of every reply action: the AI disclosure opens each conversation.

Every conversation must say plainly, in its first reply, that this is an
automated assistant and not a doctor. The first reply of a session therefore
comes with the disclosure: before it for ordinary replies, and after it for
urgent ones (alarm, distress), so that a person in danger reads the urgent
instruction first (that reply itself says it comes from a digital assistant).
"""

import logging
from abc import ABC, abstractmethod
from typing import Any, ClassVar, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import settings
from actions.channel_helpers import send_response_with_topics
from actions.clarification_state import end_clarification
from actions.knowledge_base import get_knowledge_base
from actions.replies import reply

logger = logging.getLogger(__name__)

# Metadata kinds of the urgent replies (domain responses utter_alarm, utter_distress).
URGENT_KINDS = frozenset({"alarm", "distress"})


def is_first_reply(tracker: Tracker) -> bool:
    """True when the bot said nothing in this session before the latest user
    message (an urgent domain response sent for that message does not count)."""
    seen_latest_user_message = False
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "user":
            seen_latest_user_message = True
        elif kind == "bot" and seen_latest_user_message:
            return False
        elif kind == "session_started":
            return True
    return True


def send_disclosure(dispatcher: CollectingDispatcher) -> None:
    dispatcher.utter_message(text=reply("ai_disclosure"), metadata={"kind": "disclosure"})


def send_emergency_line(dispatcher: CollectingDispatcher) -> None:
    """One short line with the emergency route and 113."""
    dispatcher.utter_message(text=reply("emergency_line"), metadata={"kind": "safety_line"})


def safety_decision(tracker: Tracker) -> Dict[str, Any]:
    """What the safety layers (safety/decision.py) said about the latest message."""
    decision = tracker.latest_message.get("safety_net")
    return decision if isinstance(decision, dict) else {}


def _bot_event_kind(event: Dict[str, Any]) -> Optional[str]:
    metadata: Dict[str, Any] = event.get("metadata") or {}
    nested = metadata.get("metadata")
    kind = nested.get("kind") if isinstance(nested, dict) else None
    return kind or metadata.get("kind")


def recent_urgent_reply(tracker: Tracker) -> bool:
    """Whether an alarm or distress reply went out in this session within
    the last few user turns (before the latest message)."""
    user_turns = 0
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "session_started":
            return False
        if kind == "user":
            user_turns += 1
            if user_turns > settings.SAFETY_FOLLOW_UP_TURNS + 1:
                return False
        elif kind == "bot" and user_turns >= 1 and _bot_event_kind(event) in URGENT_KINDS:
            return True
    return False


def urgent_follow_up_responses(tracker: Tracker) -> List[str]:
    """The urgent responses due again for a follow-up that is still urgent
    or distressed, read with the lower follow-up threshold."""
    if not recent_urgent_reply(tracker):
        return []
    decision = safety_decision(tracker)
    responses = []
    if decision.get("follow_up_alarm"):
        responses.append("utter_alarm")
    if decision.get("follow_up_distress"):
        responses.append("utter_distress")
    return responses


class AssistantAction(Action, ABC):
    """Subclasses implement `respond`; `run` adds what every reply needs:
    the disclosure where due, the urgent reply again for a still-urgent
    follow-up, a request to shorten an over-long message, and the safety
    line after an answer to a message that mentions a red flag.
    Abstract, so rasa-sdk does not register it as an action itself."""

    urgent: ClassVar[bool] = False
    # Replies that admit uncertainty always carry the emergency route.
    adds_emergency_line: ClassVar[bool] = False

    @abstractmethod
    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        """Send the reply and return the events."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        first = is_first_reply(tracker)
        if not self.urgent:
            follow_up = urgent_follow_up_responses(tracker)
            if follow_up:
                logger.info("Urgent follow-up for sender %s: %s", tracker.sender_id, ",".join(follow_up))
                for response in follow_up:
                    dispatcher.utter_message(response=response)
                return end_clarification(tracker)
        if first and not self.urgent:
            send_disclosure(dispatcher)
        decision = safety_decision(tracker)
        if decision.get("too_long") and not self.urgent:
            logger.info("Over-long message from sender %s", tracker.sender_id)
            dispatcher.utter_message(text=reply("too_long"), metadata={"kind": "too_long"})
            send_emergency_line(dispatcher)
            return end_clarification(tracker)
        events = await self.respond(dispatcher, tracker, domain)
        if not self.urgent and (self.adds_emergency_line or decision.get("warn")):
            send_emergency_line(dispatcher)
        if first and self.urgent:
            send_disclosure(dispatcher)
        return events


class FixedReplyAction(AssistantAction, ABC):
    """An action that sends one fixed reply from knowledge/replies.yml,
    optionally with the featured topics as buttons. Subclasses set the class
    attributes and `name`."""

    reply_key: ClassVar[str]
    kind: ClassVar[str]
    offer_topics: ClassVar[bool] = False

    @abstractmethod
    def name(self) -> str:
        """The action name used in rules."""

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        logger.info("%s to sender %s", self.kind, tracker.sender_id)
        if self.offer_topics:
            send_response_with_topics(dispatcher, get_knowledge_base(), self.reply_key, kind=self.kind)
        else:
            dispatcher.utter_message(text=reply(self.reply_key), metadata={"kind": self.kind})
        return end_clarification(tracker)
