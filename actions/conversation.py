"""Greeting, help, thanks, goodbye and human contact.

Sessions start with rasa's own action_session_start (the domain sets
carry_over_slots_to_new_session: false, so a new session never starts inside
an old clarification). It runs in the Rasa server, so a first message still
gets its urgent reply when the action server is down."""

import logging
from typing import List

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.base import AssistantAction, FixedReplyAction
from actions.clarification_state import end_clarification
from actions.contact_details import get_contact_details
from actions.replies import reply

logger = logging.getLogger(__name__)


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


class ActionGreet(FixedReplyAction):
    reply_key, kind, offer_topics = "greet", "greeting", True

    def name(self) -> str:
        return "action_greet"


class ActionOfferHelp(FixedReplyAction):
    reply_key, kind, offer_topics = "help", "help", True

    def name(self) -> str:
        return "action_offer_help"


class ActionThank(FixedReplyAction):
    reply_key, kind = "thank", "thanks"

    def name(self) -> str:
        return "action_thank"


class ActionGoodbye(FixedReplyAction):
    reply_key, kind = "goodbye", "goodbye"

    def name(self) -> str:
        return "action_goodbye"
