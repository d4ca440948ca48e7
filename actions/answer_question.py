"""The one action behind every knowledge question intent (ask_<id>)."""

import logging
from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.base import AssistantAction
from actions.channel_helpers import send_answer
from actions.clarification_state import end_clarification
from actions.follow_up import remember_answer
from actions.knowledge_base import get_knowledge_base
from actions.replies import reply

logger = logging.getLogger(__name__)


class ActionAnswerQuestion(AssistantAction):
    def name(self) -> str:
        return "action_answer_question"

    async def respond(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[EventType]:
        knowledge_base = get_knowledge_base()
        intent: Dict[str, Any] = tracker.latest_message.get("intent") or {}
        entry = knowledge_base.entry_for_intent(intent.get("name"))
        if entry is None:
            # Only reachable if rules and knowledge base drift apart (a test guards it).
            logger.warning("No answer for intent %s (sender %s)", intent.get("name"), tracker.sender_id)
            dispatcher.utter_message(text=reply("not_understood"))
            return end_clarification(tracker)
        logger.info("Answer %s to sender %s", entry.id, tracker.sender_id)
        send_answer(dispatcher, knowledge_base, entry)
        # The topic of follow-up questions ("wat zijn de bijwerkingen daarvan?").
        return [*end_clarification(tracker), *remember_answer(entry)]
