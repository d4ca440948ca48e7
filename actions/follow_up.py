"""Follow-up questions, read against the last answer of the session.

"Wat zijn de bijwerkingen daarvan?", "hoe lang duurt dat?", "vertel eens
meer", "kunt u dat simpeler zeggen?", "en bij uitzaaiingen in de lever?" only
make sense after an answer. The answer actions remember the entry they sent
in the slot `last_answer_id` (not carried over to a new session), and this
action answers the follow-up from the knowledge base:

- follow_up_simpler: the entry's `simple` summary with the disclaimer
  (metadata kind `simple_answer`, with answer id, source section, reviewed);
- another follow-up: the entry that `follow_ups` in knowledge_base.yml maps
  (last answer, follow-up) to, as a curated answer; where there is none, an
  honest "that is not in my information" with the last topic's related topics
  (metadata kind `follow_up_not_covered`);
- "en voor mijn moeder?": the information is general, the person's own team
  knows what it means for them (kind `follow_up_person`);
- nothing asked yet in this session: the help reply with topics.
"""

import logging
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.base import AssistantAction
from actions.channel_helpers import answer_metadata, send_answer, send_response_with_topics, topic_buttons
from actions.clarification_state import end_clarification
from actions.knowledge_base import (
    FOLLOW_UP_DURATION_OR_EFFECT,
    FOLLOW_UP_INTENTS,
    FOLLOW_UP_MORE,
    FOLLOW_UP_OTHER_CASE,
    FOLLOW_UP_SIDE_EFFECTS,
    FOLLOW_UP_SIMPLER,
    SITE_SEPARATOR,
    Entry,
    KnowledgeBase,
    get_knowledge_base,
)
from actions.replies import reply
from safety.red_flags import assess

logger = logging.getLogger(__name__)

LAST_ANSWER_SLOT = "last_answer_id"
SIMPLE_ANSWER_KIND = "simple_answer"
NOT_COVERED_KIND = "follow_up_not_covered"
PERSON_KIND = "follow_up_person"

# What the assistant says when its information does not answer the follow-up.
NOT_COVERED_REPLIES: Dict[str, str] = {
    FOLLOW_UP_SIDE_EFFECTS: "follow_up_not_covered_side_effects",
    FOLLOW_UP_DURATION_OR_EFFECT: "follow_up_not_covered_duration_or_effect",
    FOLLOW_UP_MORE: "follow_up_not_covered_more",
    FOLLOW_UP_OTHER_CASE: "follow_up_not_covered_other_case",
}
# The line before a mapped answer; the side-effects answer is general only.
INTRODUCTIONS: Dict[str, str] = {FOLLOW_UP_SIDE_EFFECTS: "follow_up_side_effects_intro"}
DEFAULT_INTRODUCTION = "follow_up_answer_intro"


def remember_answer(entry: Entry) -> List[EventType]:
    """The event that makes `entry` the topic of the next follow-up."""
    return [SlotSet(LAST_ANSWER_SLOT, entry.id)]


def forget_answer(tracker: Tracker) -> List[EventType]:
    """After an out-of-scope reply a follow-up ("en hoe lang duurt dat?") is
    no longer about the answer before it: clear the remembered entry."""
    return [SlotSet(LAST_ANSWER_SLOT, None)] if tracker.get_slot(LAST_ANSWER_SLOT) else []


def last_answer(knowledge_base: KnowledgeBase, tracker: Tracker) -> Optional[Entry]:
    """The entry answered last in this session, if any."""
    return knowledge_base.entries.get(str(tracker.get_slot(LAST_ANSWER_SLOT) or ""))


def send_simple_answer(dispatcher: CollectingDispatcher, knowledge_base: KnowledgeBase, entry: Entry) -> None:
    """The entry's short summary with the disclaimer, as one message."""
    parts = [reply("follow_up_simpler_intro"), entry.simple, knowledge_base.disclaimer]
    dispatcher.utter_message(
        text="\n\n".join(parts),
        buttons=topic_buttons(knowledge_base, entry.related),
        metadata=answer_metadata(entry, kind=SIMPLE_ANSWER_KIND),
    )


def send_topic_note(
    dispatcher: CollectingDispatcher, knowledge_base: KnowledgeBase, last: Entry, reply_key: str, kind: str
) -> None:
    """A reply about the last topic (not covered, or a note for a relative)
    with that topic's related topics as buttons."""
    metadata: Dict[str, Any] = {"kind": kind, "answer_id": last.id}
    dispatcher.utter_message(
        text=reply(reply_key).replace("{title}", last.title),
        buttons=topic_buttons(knowledge_base, last.related or knowledge_base.featured),
        metadata=metadata,
    )


def follow_up_kind(knowledge_base: KnowledgeBase, intent: str, text: str) -> str:
    """The key into the follow_ups mapping: the intent, and for
    follow_up_other_case the body site the message names."""
    if intent == FOLLOW_UP_OTHER_CASE:
        site = knowledge_base.site_in(text)
        if site is not None:
            return f"{intent}{SITE_SEPARATOR}{site}"
    return intent


def answer_follow_up(
    dispatcher: CollectingDispatcher, knowledge_base: KnowledgeBase, last: Entry, intent: str, text: str
) -> List[EventType]:
    """Send the reply to a follow-up of `last`; the events to return."""
    if intent == FOLLOW_UP_SIMPLER:
        send_simple_answer(dispatcher, knowledge_base, last)
        return []
    kind = follow_up_kind(knowledge_base, intent, text)
    target = knowledge_base.follow_up_target(last.id, kind)
    logger.info("Follow-up %s after %s: %s", kind, last.id, target.id if target else "not covered")
    if target is not None:
        introduction = reply(INTRODUCTIONS.get(intent, DEFAULT_INTRODUCTION))
        send_answer(dispatcher, knowledge_base, target, introduction=introduction)
        return remember_answer(target)
    if intent == FOLLOW_UP_OTHER_CASE and kind == intent and knowledge_base.names_person(text):
        send_topic_note(dispatcher, knowledge_base, last, "follow_up_person", PERSON_KIND)
        return []
    send_topic_note(
        dispatcher,
        knowledge_base,
        last,
        NOT_COVERED_REPLIES.get(intent, "follow_up_not_covered_more"),
        NOT_COVERED_KIND,
    )
    return []


class ActionAnswerFollowUp(AssistantAction):
    def name(self) -> str:
        return "action_answer_follow_up"

    async def respond(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[EventType]:
        knowledge_base = get_knowledge_base()
        intent = str((tracker.latest_message.get("intent") or {}).get("name") or "")
        if intent not in FOLLOW_UP_INTENTS:
            logger.warning("Follow-up action for intent %s (sender %s)", intent, tracker.sender_id)
        events = end_clarification(tracker)
        last = last_answer(knowledge_base, tracker)
        if last is None:
            # Nothing asked yet in this session: say what the assistant can help with.
            logger.info("Follow-up %s without an earlier answer from sender %s", intent, tracker.sender_id)
            send_response_with_topics(dispatcher, knowledge_base, "help", kind="help")
            return events
        text = tracker.latest_message.get("text") or ""
        # "Werkt dat bij mij?" asks for a personal judgement: no advice, then
        # the general information.
        if assess(text).personal:
            logger.info("Personal follow-up from sender %s", tracker.sender_id)
            dispatcher.utter_message(text=reply("personal_decision"), metadata={"kind": "personal_decision"})
        return events + answer_follow_up(dispatcher, knowledge_base, last, intent, text)
