"""Honest fallback in two stages for questions below the confidence threshold.

Stage 1: "Bedoelt u ...?" with the two most likely topics as buttons.
Stage 2 (still unclear right after stage 1): say so and refer to the team.
A confident wrong answer is never given."""

import logging
from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import settings
from actions.base import AssistantAction
from actions.channel_helpers import topic_buttons
from actions.clarification_state import CLARIFICATION_SLOT, clarification_pending
from actions.knowledge_base import KnowledgeBase, get_knowledge_base
from actions.replies import reply

logger = logging.getLogger(__name__)


def likely_topics(knowledge_base: KnowledgeBase, tracker: Tracker) -> List[str]:
    """Entry ids of the best-ranked question intents of the last message."""
    ranking: List[Dict[str, Any]] = tracker.latest_message.get("intent_ranking") or []
    ids = [entry.id for entry in knowledge_base.ranked_entries(ranking)][: settings.CLARIFICATION_CHOICES]
    return ids or list(knowledge_base.featured[: settings.CLARIFICATION_CHOICES])


class ActionClarifyQuestion(AssistantAction):
    def name(self) -> str:
        return "action_clarify_question"

    async def respond(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[EventType]:
        if clarification_pending(tracker):
            logger.info("Second unclear message in a row from sender %s", tracker.sender_id)
            dispatcher.utter_message(text=reply("not_understood"), metadata={"kind": "not_understood"})
            return [SlotSet(CLARIFICATION_SLOT, False)]
        knowledge_base = get_knowledge_base()
        choices = likely_topics(knowledge_base, tracker)
        logger.info("Clarification %s for sender %s", choices, tracker.sender_id)
        buttons = topic_buttons(knowledge_base, choices)
        buttons.append({"title": "Iets anders", "payload": "/help"})
        dispatcher.utter_message(text=reply("clarify"), buttons=buttons, metadata={"kind": "clarification"})
        return [SlotSet(CLARIFICATION_SLOT, True)]
