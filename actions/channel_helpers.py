"""How answers are shaped for the channels: buttons, metadata, disclaimer.

Buttons carry an intent payload ("/ask_pet_ct_scan") so a tap skips NLU.
Metadata rides along with the message; channels that can show it (the REST
channel returns it as "metadata") use it for the source line and per-answer
feedback."""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional

from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge_base import Entry, KnowledgeBase
from actions.replies import reply


def topic_buttons(knowledge_base: KnowledgeBase, entry_ids: Iterable[str]) -> List[Dict[str, str]]:
    return [
        {
            "title": knowledge_base.entries[entry_id].title,
            "payload": f"/{knowledge_base.entries[entry_id].intent}",
        }
        for entry_id in entry_ids
        if entry_id in knowledge_base.entries
    ]


def featured_buttons(knowledge_base: KnowledgeBase) -> List[Dict[str, str]]:
    return topic_buttons(knowledge_base, knowledge_base.featured)


def answer_metadata(entry: Entry, kind: str = "curated_answer") -> Dict[str, Any]:
    return {
        "kind": kind,
        "answer_id": entry.id,
        "source_section": entry.source_section,
        "reviewed": entry.reviewed,
    }


def send_answer(
    dispatcher: CollectingDispatcher,
    knowledge_base: KnowledgeBase,
    entry: Entry,
    introduction: Optional[str] = None,
) -> None:
    """Send one curated answer with the disclaimer, follow-up buttons and
    metadata, as a single message so no channel can drop the disclaimer."""
    parts = [introduction, entry.answer, knowledge_base.disclaimer]
    dispatcher.utter_message(
        text="\n\n".join(part for part in parts if part),
        buttons=topic_buttons(knowledge_base, entry.related),
        metadata=answer_metadata(entry),
    )


def send_response_with_topics(
    dispatcher: CollectingDispatcher,
    knowledge_base: KnowledgeBase,
    reply_key: str,
    kind: str,
    entry_ids: Optional[Iterable[str]] = None,
) -> None:
    """Send a fixed reply with topic buttons (the featured ones by default)."""
    buttons = (
        topic_buttons(knowledge_base, entry_ids)
        if entry_ids is not None
        else featured_buttons(knowledge_base)
    )
    dispatcher.utter_message(text=reply(reply_key), buttons=buttons, metadata={"kind": kind})
