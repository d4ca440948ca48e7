"""Session start (AI disclosure), greeting, help and human contact."""

import logging
from typing import Any, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.channel_helpers import send_response_with_topics
from actions.clarification_state import end_clarification
from actions.contact_details import get_contact_details
from actions.knowledge_base import get_knowledge_base
from actions.replies import reply

logger = logging.getLogger(__name__)


class ActionSessionStart(Action):
    """Every conversation opens by saying plainly that this is an automated
    assistant, not a person and not a doctor (EU AI Act transparency)."""

    def name(self) -> str:
        return "action_session_start"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[EventType]:
        logger.info("Session start for sender %s", tracker.sender_id)
        dispatcher.utter_message(text=reply("session_intro"), metadata={"kind": "disclosure"})
        events: List[Any] = [SessionStarted()]
        # Keep slots set before the session started (e.g. by channel metadata).
        events.extend(
            SlotSet(key=event["name"], value=event["value"])
            for event in tracker.events
            if event.get("event") == "slot"
        )
        events.append(ActionExecuted("action_listen"))
        return events


class ActionGreet(Action):
    def name(self) -> str:
        return "action_greet"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[EventType]:
        send_response_with_topics(dispatcher, get_knowledge_base(), "greet", kind="greeting")
        return end_clarification(tracker)


class ActionOfferHelp(Action):
    def name(self) -> str:
        return "action_offer_help"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[EventType]:
        send_response_with_topics(dispatcher, get_knowledge_base(), "help", kind="help")
        return end_clarification(tracker)


class ActionHumanContact(Action):
    def name(self) -> str:
        return "action_human_contact"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[EventType]:
        text = get_contact_details().as_dutch_text()
        logger.info("Human contact (configured=%s) for sender %s", text is not None, tracker.sender_id)
        if text is None:
            dispatcher.utter_message(text=reply("human_contact_default"), metadata={"kind": "human_contact"})
        else:
            dispatcher.utter_message(text=text, metadata={"kind": "human_contact"})
        return end_clarification(tracker)
