"""After an urgent reply. The alarm and distress replies themselves are
domain responses (utter_alarm, utter_distress, written from
knowledge/replies.yml by scripts/sync_knowledge.py) that the Rasa server
sends itself, so they reach the patient even when this action server is
down. This action completes the turn: the AI disclosure when it is the
first reply of the conversation, the end of a pending clarification, and,
after the distress reply to a message that also asks for someone to talk to
("ik kan het niet meer aan, is er iemand om mee te praten?"), the answer on
psychosocial support."""

import logging
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.base import AssistantAction, safety_decision
from actions.channel_helpers import send_answer
from actions.clarification_state import end_clarification
from actions.follow_up import remember_answer
from actions.knowledge_base import get_knowledge_base
from actions.settings import QUESTION_INTENT_PREFIX
from safety.red_flags import DISTRESS

logger = logging.getLogger(__name__)

SUPPORT_ANSWER = "psychosocial_support"


def support_answer_after_distress(latest_message: Dict[str, Any]) -> Optional[str]:
    """The answer to add after the distress reply: psychosocial support when
    the message got the distress reply alone (no alarm) and the topic
    classifier read it as a question about support. None otherwise: no
    other answer follows words of despair."""
    intent = (latest_message.get("intent") or {}).get("name")
    decision = latest_message.get("safety_net")
    if intent != DISTRESS or not isinstance(decision, dict) or decision.get("alarm"):
        return None
    if decision.get("classifier_intent") != f"{QUESTION_INTENT_PREFIX}{SUPPORT_ANSWER}":
        return None
    return SUPPORT_ANSWER


class ActionAfterUrgentReply(AssistantAction):
    urgent = True

    def name(self) -> str:
        return "action_after_urgent_reply"

    async def respond(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[EventType]:
        decision = safety_decision(tracker)
        logger.info(
            "Urgent reply to sender %s (intent %s, categories %s)",
            tracker.sender_id,
            (tracker.latest_message.get("intent") or {}).get("name"),
            ",".join(decision.get("alarm_categories") or []),
        )
        answer_id = support_answer_after_distress(tracker.latest_message)
        if answer_id is None:
            return end_clarification(tracker)
        knowledge_base = get_knowledge_base()
        entry = knowledge_base.entries[answer_id]
        logger.info("Answer %s after the distress reply to sender %s", entry.id, tracker.sender_id)
        send_answer(dispatcher, knowledge_base, entry)
        return [*end_clarification(tracker), *remember_answer(entry)]
