"""Session start, greeting, help, thanks, goodbye and human contact."""

import logging
from typing import Any, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.base import AssistantAction
from actions.channel_helpers import send_response_with_topics
from actions.clarification_state import end_clarification
from actions.contact_details import get_contact_details
from actions.knowledge_base import get_knowledge_base
from actions.replies import reply

logger = logging.getLogger(__name__)


class ActionSessionStart(Action):
    """Starts a session. The AI disclosure (EU AI Act transparency) comes with
    the first reply (actions/base.py): the user's message is not known yet here,
    and an urgent reply must come before it."""

    def name(self) -> str:
        return "action_session_start"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[EventType]:
        logger.info("Session start for sender %s", tracker.sender_id)
        events: List[Any] = [SessionStarted()]
        # Keep slots set before the session started (e.g. by channel metadata).
        events.extend(
            SlotSet(key=event["name"], value=event["value"])
            for event in tracker.events
            if event.get("event") == "slot"
        )
        events.append(ActionExecuted("action_listen"))
        return events


class ActionGreet(AssistantAction):
    def name(self) -> str:
        return "action_greet"

    async def respond(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[EventType]:
        send_response_with_topics(dispatcher, get_knowledge_base(), "greet", kind="greeting")
        return end_clarification(tracker)


class ActionOfferHelp(AssistantAction):
    def name(self) -> str:
        return "action_offer_help"

    async def respond(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[EventType]:
        send_response_with_topics(dispatcher, get_knowledge_base(), "help", kind="help")
        return end_clarification(tracker)


class ActionHumanContact(AssistantAction):
    def name(self) -> str:
        return "action_human_contact"

    async def respond(
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


class ActionThank(AssistantAction):
    def name(self) -> str:
        return "action_thank"

    async def respond(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[EventType]:
        dispatcher.utter_message(text=reply("thank"), metadata={"kind": "thanks"})
        return end_clarification(tracker)


class ActionGoodbye(AssistantAction):
    def name(self) -> str:
        return "action_goodbye"

    async def respond(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[EventType]:
        dispatcher.utter_message(text=reply("goodbye"), metadata={"kind": "goodbye"})
        return end_clarification(tracker)
