"""Session start, greeting, help, thanks, goodbye and human contact."""

import logging
from typing import List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.base import AssistantAction, FixedReplyAction
from actions.clarification_state import end_clarification
from actions.contact_details import get_contact_details
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
        # No slots carry over (domain: carry_over_slots_to_new_session: false),
        # so a new session never starts inside an old clarification.
        return [SessionStarted(), ActionExecuted("action_listen")]


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
