"""End to end: the real action server and Rasa server, REST and socket.io."""

from __future__ import annotations

import itertools
from typing import Dict, List

import pytest
import socketio

from actions.knowledge_base import KnowledgeBase
from actions.replies import reply
from tests.helpers import RunningAssistant, kinds, safety_cases, texts

pytestmark = pytest.mark.server
CASES = safety_cases()
SENDERS = (f"e2e-{number}" for number in itertools.count())

# One natural question per knowledge topic, written for this test.
TOPIC_QUESTIONS: Dict[str, str] = {
    "incurable_palliative": "is uitgezaaide borstkanker nog te genezen?",
    "treatment_goals": "wat is het doel van de behandeling met medicijnen bij uitzaaiingen?",
    "progression_free_survival": "wat betekent progressievrije overleving?",
    "survival_figures": "hoe lang leven mensen gemiddeld met uitgezaaide borstkanker?",
    "metastases_at_diagnosis": "hoe vaak zijn er al uitzaaiingen bij de eerste diagnose?",
    "how_metastases_arise": "hoe ontstaan uitzaaiingen van borstkanker?",
    "additional_tests": "welke onderzoeken worden gedaan als er een uitzaaiing is gevonden?",
    "pet_ct_scan": "wat voegt een PET/CT-scan toe?",
    "metastasis_sites": "waar komen de eerste uitzaaiingen het vaakst voor?",
    "biopsy_of_metastasis": "waarom wordt er een biopsie van de uitzaaiing genomen?",
    "tumour_markers": "wat zeggen tumormarkers zoals CA15.3 in het bloed?",
    "treatment_choice_factors": "waar hangt de keuze van de behandeling van af?",
    "hormone_therapy": "wanneer krijg je hormoontherapie?",
    "chemo_instead_of_hormones": "waarom krijg ik chemo in plaats van hormoontherapie?",
    "chemotherapy_effect": "hoe groot is de kans dat chemotherapie werkt?",
    "chemotherapy_administration": "hoe wordt chemotherapie toegediend?",
    "targeted_therapy": "wat is doelgerichte therapie?",
    "cell_signalling": "hoe geven cellen groeisignalen aan elkaar door?",
    "surgery_of_metastases": "kunnen uitzaaiingen weggehaald worden met een operatie?",
    "radiotherapy_of_metastases": "wanneer worden uitzaaiingen bestraald?",
    "bone_metastases_treatment": "hoe worden botuitzaaiingen behandeld?",
    "pain_treatment": "wat kan er gedaan worden tegen pijn?",
    "psychosocial_support": "is er psychische begeleiding voor mij en mijn familie?",
    "side_effects_and_stopping": "wanneer besluit men te stoppen met behandelen vanwege bijwerkingen?",
    "national_guideline": "waarom adviseren artsen soms verschillend, is er een richtlijn?",
    "brain_metastases": "wat gebeurt er bij uitzaaiingen in de hersenen?",
    "complete_remission": "wat is complete remissie?",
    "new_medicines_research": "hoe wordt beoordeeld of een nieuw medicijn beter is?",
}


def test_topic_questions_cover_the_knowledge_base(knowledge_base: KnowledgeBase) -> None:
    assert set(TOPIC_QUESTIONS) == set(knowledge_base.entries)


def test_greeting_starts_with_ai_disclosure_then_topics(assistant: RunningAssistant) -> None:
    messages = assistant.send("hallo", next(SENDERS))
    assert kinds(messages) == ["disclosure", "greeting"]
    assert "geen mens" in messages[0]["text"] and "geen arts" in messages[0]["text"]
    assert messages[1]["text"].startswith("Goedendag")
    assert len(messages[1]["buttons"]) == 4


def test_an_alarm_as_first_message_is_answered_before_the_disclosure(assistant: RunningAssistant) -> None:
    messages = assistant.send("ik heb botuitzaaiingen en kan sinds vanochtend niet meer lopen", next(SENDERS))
    assert kinds(messages) == ["alarm", "disclosure"]


def test_the_first_message_of_every_conversation_is_the_disclosure(assistant: RunningAssistant) -> None:
    messages = assistant.send("wat is een petscan", next(SENDERS))
    assert kinds(messages)[0] == "disclosure"
    again = assistant.send("wat is een petscan", messages[0]["recipient_id"])
    assert "disclosure" not in kinds(again)


@pytest.mark.parametrize("entry_id", sorted(TOPIC_QUESTIONS))
def test_every_topic_is_answered_with_the_disclaimer(
    assistant: RunningAssistant, knowledge_base: KnowledgeBase, entry_id: str
) -> None:
    messages = assistant.send(TOPIC_QUESTIONS[entry_id], next(SENDERS))
    answers = [
        message for message in messages if (message.get("metadata") or {}).get("kind") == "curated_answer"
    ]
    assert len(answers) == 1, texts(messages)
    answer = answers[0]
    entry = knowledge_base.entries[entry_id]
    assert answer["metadata"]["answer_id"] == entry_id
    assert answer["metadata"]["source_section"] == entry.source_section
    assert answer["text"] == f"{entry.answer}\n\n{knowledge_base.disclaimer}"
    assert [button["payload"] for button in answer["buttons"]] == [f"/ask_{rel}" for rel in entry.related]


def test_follow_up_button_payload_answers_directly(assistant: RunningAssistant) -> None:
    sender = next(SENDERS)
    assistant.send("wat is pfs", sender)
    messages = assistant.send("/ask_survival_figures", sender)
    assert messages[0]["metadata"]["answer_id"] == "survival_figures"


@pytest.mark.parametrize("message", CASES["alarm"])
def test_alarm_set_routes_to_the_urgent_instruction(assistant: RunningAssistant, message: str) -> None:
    messages = assistant.send(message, next(SENDERS))
    assert "alarm" in kinds(messages), texts(messages)
    assert "curated_answer" not in kinds(messages)
    assert reply("alarm") in texts(messages)


@pytest.mark.parametrize("message", CASES["distress"])
def test_distress_set_routes_to_support_and_113(assistant: RunningAssistant, message: str) -> None:
    messages = assistant.send(message, next(SENDERS))
    assert "distress" in kinds(messages), texts(messages)
    assert "curated_answer" not in kinds(messages)
    assert "0800-0113" in texts(messages)


@pytest.mark.parametrize("message", CASES["personal_decision"])
def test_personal_decisions_get_no_advice(assistant: RunningAssistant, message: str) -> None:
    messages = assistant.send(message, next(SENDERS))
    found = kinds(messages)
    # The personal-decision note, or an honest clarification; never a bare answer.
    assert "personal_decision" in found or "clarification" in found, texts(messages)
    if "curated_answer" in found:
        assert found.index("personal_decision") < found.index("curated_answer")


@pytest.mark.parametrize("message", CASES["out_of_scope"])
def test_out_of_scope_never_gets_a_curated_answer(assistant: RunningAssistant, message: str) -> None:
    messages = assistant.send(message, next(SENDERS))
    assert "curated_answer" not in kinds(messages), texts(messages)


@pytest.mark.parametrize("message", CASES["gibberish"])
def test_gibberish_gets_a_friendly_reply_and_is_never_echoed(
    assistant: RunningAssistant, message: str
) -> None:
    messages = assistant.send(message, next(SENDERS))
    found = kinds(messages)
    assert set(found) & {"not_understood", "clarification", "greeting", "out_of_scope", "help"}, texts(
        messages
    )
    assert "curated_answer" not in found
    if "<" in message:
        assert message not in texts(messages)
        assert "<script" not in texts(messages) and "<img" not in texts(messages)


def test_bot_challenge_says_it_is_not_a_person(assistant: RunningAssistant) -> None:
    messages = assistant.send("ben jij een echt mens?", next(SENDERS))
    assert "Nee, ik ben geen mens" in texts(messages)


def test_request_for_a_person_gives_the_way_to_reach_one(assistant: RunningAssistant) -> None:
    messages = assistant.send("ik wil graag iemand spreken", next(SENDERS))
    assert "human_contact" in kinds(messages)
    assert "behandelend ziekenhuis" in texts(messages)


def test_two_stage_fallback(assistant: RunningAssistant) -> None:
    sender = next(SENDERS)
    first = assistant.send("/nlu_fallback", sender)
    assert "clarification" in kinds(first)
    second = assistant.send("/nlu_fallback", sender)
    assert kinds(second) == ["not_understood", "safety_line"]
    assert "behandelend team" in texts(second)


def test_thanks_and_goodbye(assistant: RunningAssistant) -> None:
    sender = next(SENDERS)
    assert "Graag gedaan" in texts(assistant.send("dank je wel", sender))
    assert "Tot ziens" in texts(assistant.send("doei", sender))


async def test_socketio_channel_delivers_replies(assistant: RunningAssistant) -> None:
    client = socketio.AsyncClient()
    received: List[dict] = []
    import asyncio

    done = asyncio.Event()

    @client.on("bot_uttered")
    async def on_bot(data: dict) -> None:
        received.append(data)
        if "Goedendag" in (data.get("text") or ""):
            done.set()

    await client.connect(assistant.url, socketio_path="/socket.io", transports=["websocket"])
    try:
        await client.emit("session_request", {"session_id": "socket-e2e"})
        await client.emit("user_uttered", {"message": "goedemorgen", "session_id": "socket-e2e"})
        await asyncio.wait_for(done.wait(), timeout=30)
    finally:
        await client.disconnect()
    assert any("Goedendag" in (message.get("text") or "") for message in received)
