"""After an urgent reply. The alarm and distress replies themselves are
domain responses (utter_alarm, utter_distress, written from
knowledge/replies.yml by scripts/sync_knowledge.py) that the Rasa server
sends itself, so they reach the patient even when this action server is
down. This action only completes the turn: the AI disclosure when it is the
first reply of the conversation, and the end of a pending clarification."""

import logging
from typing import List

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.base import AssistantAction, safety_decision
from actions.clarification_state import end_clarification

logger = logging.getLogger(__name__)


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
        return end_clarification(tracker)
