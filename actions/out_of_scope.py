"""Questions outside the source, and messages that are not understood."""

import logging
from typing import List

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.base import AssistantAction, FixedReplyAction
from actions.channel_helpers import send_response_with_topics
from actions.clarification_state import end_clarification
from actions.knowledge_base import get_knowledge_base

logger = logging.getLogger(__name__)

MEDICAL_INTENT = "out_of_scope_medical"


class ActionRespondOutOfScope(AssistantAction):
    def name(self) -> str:
        return "action_respond_out_of_scope"

    async def respond(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[EventType]:
        medical = (tracker.latest_message.get("intent") or {}).get("name") == MEDICAL_INTENT
        logger.info("Out-of-scope reply (medical=%s) to sender %s", medical, tracker.sender_id)
        reply_key = "out_of_scope_medical" if medical else "out_of_scope"
        send_response_with_topics(dispatcher, get_knowledge_base(), reply_key, kind="out_of_scope")
        return end_clarification(tracker)


class ActionNotUnderstood(FixedReplyAction):
    """Gibberish, emoji, punctuation, markup: a friendly "niet begrepen"."""

    reply_key, kind, offer_topics = "nonsense", "not_understood", True

    def name(self) -> str:
        return "action_not_understood"
