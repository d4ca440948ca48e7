"""Honest fallback in two stages for questions below the confidence threshold.

Stage 1: "Bedoelt u ...?" with the most likely topic, and the second only
when it is close; with nothing plausible, a request for other words.
Stage 2 (still unclear right after stage 1): say so and refer to the team.
A confident wrong answer is never given."""

import logging
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import settings
from actions.base import AssistantAction, FixedReplyAction
from actions.channel_helpers import featured_buttons, topic_buttons
from actions.clarification_state import CLARIFICATION_SLOT, clarification_pending, end_clarification
from actions.knowledge_base import KnowledgeBase, get_knowledge_base
from actions.out_of_scope import MEDICAL_INTENT, OUT_OF_SCOPE_INTENTS, send_out_of_scope_reply
from actions.replies import reply

logger = logging.getLogger(__name__)

FALLBACK_INTENT = "nlu_fallback"


def likely_topics(knowledge_base: KnowledgeBase, tracker: Tracker) -> List[str]:
    """Entry ids worth offering: the best topic, and the second only when it
    is close to the first (two unrelated topics help nobody)."""
    ranking: List[Dict[str, Any]] = tracker.latest_message.get("intent_ranking") or []
    confidence = {entry.get("name"): float(entry.get("confidence") or 0.0) for entry in ranking}
    ranked = knowledge_base.ranked_entries(ranking, settings.CLARIFICATION_MIN_CONFIDENCE)
    if not ranked:
        return []
    best = confidence.get(ranked[0].intent, 0.0)
    close = [
        entry.id
        for entry in ranked[1 : settings.CLARIFICATION_CHOICES]
        if best - confidence.get(entry.intent, 0.0) <= settings.CLARIFICATION_CLOSE_MARGIN
    ]
    return [ranked[0].id, *close]


def out_of_scope_lead(ranking: List[Dict[str, Any]]) -> Optional[str]:
    """The out-of-scope intent, when it leads the ranking of an unsure
    prediction: an off-topic question gets the honest out-of-scope reply,
    not a choice between two unrelated topics."""
    for entry in ranking:
        name = entry.get("name")
        if name == FALLBACK_INTENT:
            continue
        return str(name) if name in OUT_OF_SCOPE_INTENTS else None
    return None


class ActionClarifyQuestion(AssistantAction):
    adds_emergency_line = True

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
        ranking: List[Dict[str, Any]] = tracker.latest_message.get("intent_ranking") or []
        out_of_scope = out_of_scope_lead(ranking)
        if out_of_scope is not None:
            logger.info("Unsure, but most likely out of scope, for sender %s", tracker.sender_id)
            send_out_of_scope_reply(dispatcher, tracker, medical=out_of_scope == MEDICAL_INTENT)
            return end_clarification(tracker)
        choices = likely_topics(knowledge_base, tracker)
        logger.info("Clarification %s for sender %s", choices, tracker.sender_id)
        if not choices:
            # Nothing plausible: ask for other words, with the featured topics.
            dispatcher.utter_message(
                text=reply("clarify_rephrase"),
                buttons=featured_buttons(knowledge_base),
                metadata={"kind": "clarification"},
            )
            return [SlotSet(CLARIFICATION_SLOT, True)]
        buttons = topic_buttons(knowledge_base, choices)
        # "Iets anders" invites the person to say it in other words.
        buttons.append({"title": reply("something_else_button"), "payload": "/rephrase"})
        dispatcher.utter_message(
            text=reply("clarify" if len(choices) > 1 else "clarify_one"),
            buttons=buttons,
            metadata={"kind": "clarification"},
        )
        return [SlotSet(CLARIFICATION_SLOT, True)]


class ActionInviteRephrase(FixedReplyAction):
    """After "Iets anders": ask for the question in other words. The
    clarification stays open, so a second unclear message gets the honest
    "ik begrijp het niet" with the referral."""

    reply_key, kind = "rephrase", "clarification"
    adds_emergency_line = True

    def name(self) -> str:
        return "action_invite_rephrase"

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        dispatcher.utter_message(text=reply(self.reply_key), metadata={"kind": self.kind})
        return [SlotSet(CLARIFICATION_SLOT, True)]
