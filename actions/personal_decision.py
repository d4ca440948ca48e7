"""Personal medical decisions: no advice, general information where it exists."""

import logging
from typing import List

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import settings
from actions.base import AssistantAction
from actions.channel_helpers import send_answer
from actions.clarification_state import end_clarification
from actions.follow_up import remember_answer
from actions.knowledge_base import get_knowledge_base
from actions.referrals import get_referrals
from actions.replies import reply

logger = logging.getLogger(__name__)


class ActionRespondToPersonalDecision(AssistantAction):
    def name(self) -> str:
        return "action_respond_to_personal_decision"

    async def respond(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[EventType]:
        knowledge_base = get_knowledge_base()
        dispatcher.utter_message(text=reply("personal_decision"), metadata={"kind": "personal_decision"})
        # A keyword ("stoppen", "hoe lang") points to general information; else
        # the topic the classifier saw in the question, if it was confident.
        entry = knowledge_base.entry_for_personal_question(tracker.latest_message.get("text") or "")
        if entry is None:
            ranked = knowledge_base.ranked_entries(
                tracker.latest_message.get("intent_ranking") or [], settings.PERSONAL_TOPIC_MIN_CONFIDENCE
            )
            entry = ranked[0] if ranked else None
        logger.info(
            "Personal question from sender %s; general information: %s",
            tracker.sender_id,
            entry.id if entry else "none",
        )
        if entry is None:
            # Nothing in the source: say who can help ("mag ik ibuprofen naast
            # mijn letrozol?": the pharmacist), never an answer.
            referral = get_referrals().for_question(tracker.latest_message.get("text") or "")
            dispatcher.utter_message(text=referral, metadata={"kind": "referral"})
            return end_clarification(tracker)
        send_answer(dispatcher, knowledge_base, entry, introduction=reply("personal_general_information"))
        # The general information is the topic of follow-up questions.
        return [*end_clarification(tracker), *remember_answer(entry)]
