"""Record "Was dit nuttig? ja/nee" in the conversation.

The answer is stored as a SlotSet event of the `answer_feedback` slot
(domain/feedback.yml) with the value {"answer_id": ..., "useful": true|false},
appended straight to the conversation's tracker under rasa's conversation lock.

Why an event written by the channel rather than a user message handled by an
action: feedback is not something the user says to the assistant. As a user
message it would go through NLU, need an intent with training data and a rule,
count as a user turn (ending a "Bedoelt u ...?" clarification, resetting the
session timer) and produce a bot turn. A slot event changes none of that
(`influence_conversation: false`), and it is in the tracker store with every
other event, so feedback can be counted per answer id later.
"""

from __future__ import annotations

import logging
from typing import Any, Optional

from rasa.shared.core.events import SlotSet

from actions.knowledge_base import get_knowledge_base

logger = logging.getLogger(__name__)

FEEDBACK_SLOT = "answer_feedback"


async def record_feedback(agent: Any, sender_id: str, answer_id: Any, useful: Any) -> Optional[str]:
    """Append the feedback event; returns None, or an error code when refused."""
    if not isinstance(useful, bool):
        return "invalid_useful"
    if not isinstance(answer_id, str) or answer_id not in get_knowledge_base().entries:
        return "unknown_answer"
    if agent is None or agent.tracker_store is None:
        return "unavailable"
    async with agent.lock_store.lock(sender_id):
        tracker = await agent.tracker_store.retrieve(sender_id)
        if tracker is None:
            return "unknown_conversation"
        tracker.update(SlotSet(FEEDBACK_SLOT, {"answer_id": answer_id, "useful": useful}))
        await agent.tracker_store.save(tracker)
    logger.info("Feedback useful=%s on answer %s from sender %s", useful, answer_id, sender_id)
    return None
