"""The base of every reply action: the AI disclosure opens each conversation.

Every conversation must say plainly, in its first reply, that this is an
automated assistant and not a doctor. The first reply of a session therefore
comes with the disclosure: before it for ordinary replies, and after it for
urgent ones (alarm, distress), so that a person in danger reads the urgent
instruction first (that reply itself says it comes from a digital assistant).
"""

import logging
from abc import ABC, abstractmethod
from typing import ClassVar, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.channel_helpers import send_response_with_topics
from actions.clarification_state import end_clarification
from actions.knowledge_base import get_knowledge_base
from actions.replies import reply

logger = logging.getLogger(__name__)


def is_first_reply(tracker: Tracker) -> bool:
    """True when the bot has said nothing yet in this session."""
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            return False
        if event.get("event") == "session_started":
            return True
    return True


def send_disclosure(dispatcher: CollectingDispatcher) -> None:
    dispatcher.utter_message(text=reply("ai_disclosure"), metadata={"kind": "disclosure"})


class AssistantAction(Action, ABC):
    """Subclasses implement `respond`; `run` adds the disclosure where due.
    Abstract, so rasa-sdk does not register it as an action itself."""

    urgent: ClassVar[bool] = False

    @abstractmethod
    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        """Send the reply and return the events."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        first = is_first_reply(tracker)
        if first and not self.urgent:
            send_disclosure(dispatcher)
        events = await self.respond(dispatcher, tracker, domain)
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
