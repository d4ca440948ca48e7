"""Replies to alarm symptoms and distress. These never carry an FAQ answer."""

import logging
from typing import List

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.base import AssistantAction, FixedReplyAction
from actions.clarification_state import end_clarification
from actions.replies import reply
from safety.red_flags import assess

logger = logging.getLogger(__name__)


class ActionRespondToAlarm(AssistantAction):
    urgent = True

    def name(self) -> str:
        return "action_respond_to_alarm"

    async def respond(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[EventType]:
        verdict = assess(tracker.latest_message.get("text") or "")
        logger.info(
            "Alarm reply to sender %s (categories %s)", tracker.sender_id, ",".join(verdict.alarm_categories)
        )
        dispatcher.utter_message(text=reply("alarm"), metadata={"kind": "alarm"})
        if verdict.distress:
            # Alarm wins the routing, but distress in the same message is not ignored.
            dispatcher.utter_message(text=reply("distress"), metadata={"kind": "distress"})
        return end_clarification(tracker)


class ActionRespondToDistress(FixedReplyAction):
    urgent = True
    reply_key, kind = "distress", "distress"

    def name(self) -> str:
        return "action_respond_to_distress"
