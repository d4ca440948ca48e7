"""Questions outside the source, and messages that are not understood.

Two kinds of out of scope: off-topic (the weather, another illness): an
honest "daar kan ik u niet mee helpen" and what the assistant can do; and
about life with breast cancer but not in the source (money, work, driving,
medicines): who can help (knowledge/referrals.yml)."""

import logging
from typing import List

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.base import AssistantAction, FixedReplyAction
from actions.channel_helpers import featured_buttons
from actions.clarification_state import end_clarification
from actions.follow_up import forget_answer
from actions.knowledge_base import get_knowledge_base
from actions.referrals import get_referrals
from actions.replies import reply

logger = logging.getLogger(__name__)

MEDICAL_INTENT = "out_of_scope_medical"
OUT_OF_SCOPE_INTENTS = frozenset({MEDICAL_INTENT, "out_of_scope_other"})


def send_out_of_scope_reply(dispatcher: CollectingDispatcher, tracker: Tracker, medical: bool) -> None:
    """Off-topic: honest, with what the assistant can do. Not in the source
    but about life with the illness: who can help."""
    logger.info("Out-of-scope reply (not in source=%s) to sender %s", medical, tracker.sender_id)
    if medical:
        referral = get_referrals().for_question(tracker.latest_message.get("text") or "")
        text = reply("out_of_scope_medical").format(referral=referral)
    else:
        text = reply("out_of_scope")
    dispatcher.utter_message(
        text=text, buttons=featured_buttons(get_knowledge_base()), metadata={"kind": "out_of_scope"}
    )


class ActionRespondOutOfScope(AssistantAction):
    adds_emergency_line = True

    def name(self) -> str:
        return "action_respond_out_of_scope"

    async def respond(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[EventType]:
        medical = (tracker.latest_message.get("intent") or {}).get("name") == MEDICAL_INTENT
        send_out_of_scope_reply(dispatcher, tracker, medical)
        return end_clarification(tracker) + forget_answer(tracker)


class ActionNotUnderstood(FixedReplyAction):
    """Gibberish, emoji, punctuation, markup: a friendly "niet begrepen"."""

    reply_key, kind, offer_topics = "nonsense", "not_understood", True
    adds_emergency_line = True

    def name(self) -> str:
        return "action_not_understood"
