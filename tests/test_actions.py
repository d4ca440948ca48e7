"""Actions with rasa-sdk's real Tracker and CollectingDispatcher."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from actions.answer_question import ActionAnswerQuestion
from actions.clarify_question import ActionClarifyQuestion
from actions.contact_details import ContactDetails, load_contact_details
from actions.conversation import (
    ActionGoodbye,
    ActionGreet,
    ActionHumanContact,
    ActionSessionStart,
    ActionThank,
)
from actions.knowledge_base import KnowledgeBase
from actions.out_of_scope import ActionNotUnderstood, ActionRespondOutOfScope
from actions.personal_decision import ActionRespondToPersonalDecision
from actions.replies import reply
from actions.safety_replies import ActionRespondToAlarm, ActionRespondToDistress


async def test_answer_carries_disclaimer_buttons_and_metadata(
    knowledge_base: KnowledgeBase, dispatcher, make_tracker, domain
) -> None:
    tracker = make_tracker("ask_progression_free_survival", "wat is pfs")
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert events == []
    [message] = dispatcher.messages
    entry = knowledge_base.entries["progression_free_survival"]
    assert message["text"].startswith(entry.answer)
    assert message["text"].endswith(knowledge_base.disclaimer)
    assert [button["payload"] for button in message["buttons"]] == [
        f"/ask_{related}" for related in entry.related
    ]
    assert message["metadata"]["answer_id"] == "progression_free_survival"
    assert message["metadata"]["source_section"] == entry.source_section


@pytest.mark.parametrize(
    "entry_id",
    ["pet_ct_scan", "chemo_instead_of_hormones", "bone_metastases_treatment", "chemotherapy_administration"],
)
async def test_each_question_intent_gets_its_own_answer(
    knowledge_base: KnowledgeBase, dispatcher, make_tracker, domain, entry_id: str
) -> None:
    await ActionAnswerQuestion().run(dispatcher, make_tracker(f"ask_{entry_id}"), domain)
    assert dispatcher.messages[0]["metadata"]["answer_id"] == entry_id


async def test_answer_closes_a_pending_clarification(dispatcher, make_tracker, domain) -> None:
    tracker = make_tracker("ask_pet_ct_scan", slots={"clarification_pending": True})
    assert await ActionAnswerQuestion().run(dispatcher, tracker, domain) == [
        SlotSet("clarification_pending", False)
    ]


async def test_unknown_question_intent_is_not_answered(dispatcher, make_tracker, domain) -> None:
    await ActionAnswerQuestion().run(dispatcher, make_tracker("ask_something_else"), domain)
    assert dispatcher.messages[0]["text"] == reply("not_understood")


async def test_clarification_offers_the_two_best_topics_then_gives_up(
    dispatcher, make_tracker, domain
) -> None:
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.5},
        {"name": "greet", "confidence": 0.2},
        {"name": "ask_radiotherapy_of_metastases", "confidence": 0.18},
        {"name": "ask_bone_metastases_treatment", "confidence": 0.15},
        {"name": "ask_pain_treatment", "confidence": 0.1},
    ]
    events = await ActionClarifyQuestion().run(
        dispatcher, make_tracker("nlu_fallback", "botjes straling", ranking), domain
    )
    assert events == [SlotSet("clarification_pending", True)]
    [message] = dispatcher.messages
    assert message["text"] == reply("clarify")
    assert [button["payload"] for button in message["buttons"]] == [
        "/ask_radiotherapy_of_metastases",
        "/ask_bone_metastases_treatment",
        "/help",
    ]

    second = make_tracker("nlu_fallback", "hmm", ranking, slots={"clarification_pending": True})
    events = await ActionClarifyQuestion().run(dispatcher, second, domain)
    assert events == [SlotSet("clarification_pending", False)]
    assert dispatcher.messages[-1]["text"] == reply("not_understood")
    assert "behandelend team" in dispatcher.messages[-1]["text"]


async def test_alarm_reply_is_urgent_and_adds_113_when_distress_too(dispatcher, make_tracker, domain) -> None:
    text = "ik kan mijn benen niet meer bewegen en ik wil niet meer leven"
    await ActionRespondToAlarm().run(dispatcher, make_tracker("alarm_symptom", text), domain)
    assert [message["metadata"]["kind"] for message in dispatcher.messages] == ["alarm", "distress"]
    assert "112" in dispatcher.messages[0]["text"]
    assert "huisartsenpost" in dispatcher.messages[0]["text"]
    assert "0800-0113" in dispatcher.messages[1]["text"]


async def test_alarm_reply_alone_has_no_faq_answer(dispatcher, make_tracker, domain) -> None:
    text = "ik heb botuitzaaiingen en ben net gevallen, mijn heup doet heel erg pijn"
    await ActionRespondToAlarm().run(dispatcher, make_tracker("alarm_symptom", text), domain)
    assert [message["metadata"]["kind"] for message in dispatcher.messages] == ["alarm"]


async def test_distress_reply_names_113_and_the_gp(dispatcher, make_tracker, domain) -> None:
    await ActionRespondToDistress().run(
        dispatcher, make_tracker("distress", "ik zie het niet meer zitten"), domain
    )
    text = dispatcher.messages[0]["text"]
    assert "113" in text and "0800-0113" in text and "113.nl" in text and "huisarts" in text


async def test_personal_decision_gives_no_advice_but_general_information(
    knowledge_base: KnowledgeBase, dispatcher, make_tracker, domain
) -> None:
    tracker = make_tracker("personal_decision", "moet ik stoppen met mijn chemo?")
    await ActionRespondToPersonalDecision().run(dispatcher, tracker, domain)
    first, second = dispatcher.messages
    assert first["text"] == reply("personal_decision")
    assert "oncoloog" in first["text"] and "schrijf uw vraag op" in first["text"].lower()
    assert second["metadata"]["answer_id"] == "side_effects_and_stopping"
    assert second["text"].endswith(knowledge_base.disclaimer)


async def test_personal_decision_without_general_information(dispatcher, make_tracker, domain) -> None:
    tracker = make_tracker("personal_decision", "mag ik een dosis overslaan?")
    await ActionRespondToPersonalDecision().run(dispatcher, tracker, domain)
    assert [message["text"] for message in dispatcher.messages] == [reply("personal_decision")]


@pytest.mark.parametrize(
    ("intent", "pharmacist"), [("out_of_scope_medical", True), ("out_of_scope_other", False)]
)
async def test_out_of_scope_is_honest_and_offers_topics(
    dispatcher, make_tracker, domain, intent: str, pharmacist: bool
) -> None:
    await ActionRespondOutOfScope().run(dispatcher, make_tracker(intent, "mag ik autorijden"), domain)
    [message] = dispatcher.messages
    assert message["text"].startswith("Daar heb ik geen informatie over.")
    assert ("apotheker" in message["text"]) is pharmacist
    assert 3 <= len(message["buttons"]) <= 4


async def test_not_understood_offers_help(dispatcher, make_tracker, domain) -> None:
    await ActionNotUnderstood().run(dispatcher, make_tracker("nonsense", "😀😀"), domain)
    assert dispatcher.messages[0]["text"] == reply("nonsense")
    assert dispatcher.messages[0]["buttons"]


async def test_session_start_sends_nothing_and_carries_no_slots(dispatcher, make_tracker, domain) -> None:
    tracker = make_tracker("greet", slots={"clarification_pending": True})
    tracker.events.append({"event": "slot", "name": "clarification_pending", "value": True})
    events = await ActionSessionStart().run(dispatcher, tracker, domain)
    assert [event["event"] for event in events] == ["session_started", "action"]
    assert events[-1]["name"] == "action_listen"
    assert dispatcher.messages == []


async def test_first_reply_of_a_session_starts_with_the_ai_disclosure(
    dispatcher, make_tracker, domain
) -> None:
    await ActionGreet().run(dispatcher, make_tracker("greet", "hallo", first_turn=True), domain)
    assert [message["metadata"]["kind"] for message in dispatcher.messages] == ["disclosure", "greeting"]
    text = dispatcher.messages[0]["text"]
    assert "digitale assistent" in text and "geen mens" in text and "geen arts" in text


async def test_urgent_first_reply_comes_before_the_disclosure(dispatcher, make_tracker, domain) -> None:
    tracker = make_tracker("alarm_symptom", "ik krijg geen lucht", first_turn=True)
    await ActionRespondToAlarm().run(dispatcher, tracker, domain)
    assert [message["metadata"]["kind"] for message in dispatcher.messages] == ["alarm", "disclosure"]


async def test_later_replies_carry_no_disclosure(dispatcher, make_tracker, domain) -> None:
    await ActionThank().run(dispatcher, make_tracker("thank", "bedankt"), domain)
    await ActionGoodbye().run(dispatcher, make_tracker("goodbye", "doei"), domain)
    assert [message["text"] for message in dispatcher.messages] == [reply("thank"), reply("goodbye")]


def test_every_reply_action_discloses_on_the_first_turn() -> None:
    """rasa-sdk registers exactly our concrete actions, and every one of them
    except session start derives from AssistantAction (so none can skip the
    disclosure)."""
    from rasa_sdk.executor import ActionExecutor

    from actions.base import AssistantAction

    executor = ActionExecutor()
    executor.register_package("actions")
    registered = set(executor.actions)
    assert {
        "action_answer_question",
        "action_respond_to_alarm",
        "action_greet",
        "action_goodbye",
    } <= registered
    assert not {"AssistantAction", "FixedReplyAction"} & registered

    def concrete(cls: type) -> list:
        found = []
        for sub in cls.__subclasses__():
            found.extend(concrete(sub))
            if not getattr(sub, "__abstractmethods__", None):
                found.append(sub)
        return found

    disclosing = {cls().name() for cls in concrete(AssistantAction)}
    assert registered - disclosing == {"action_session_start"}


async def test_greeting_offers_featured_topics(
    knowledge_base: KnowledgeBase, dispatcher, make_tracker, domain
) -> None:
    await ActionGreet().run(dispatcher, make_tracker("greet", "hallo"), domain)
    assert [button["payload"] for button in dispatcher.messages[0]["buttons"]] == [
        f"/ask_{entry_id}" for entry_id in knowledge_base.featured
    ]


async def test_human_contact_default_and_configured(
    tmp_path, monkeypatch, dispatcher, make_tracker, domain
) -> None:
    await ActionHumanContact().run(dispatcher, make_tracker("request_human"), domain)
    assert dispatcher.messages[0]["text"] == reply("human_contact_default")

    config = tmp_path / "contact.yml"
    config.write_text(
        'organisation: "de afdeling oncologie"\nphone: "020 123 45 67"\nhours: "op werkdagen"\n'
    )
    details = load_contact_details(config)
    assert details == ContactDetails("de afdeling oncologie", "020 123 45 67", "op werkdagen", "")
    monkeypatch.setattr("actions.conversation.get_contact_details", lambda: details)
    await ActionHumanContact().run(dispatcher, make_tracker("request_human"), domain)
    assert "020 123 45 67 (op werkdagen)" in dispatcher.messages[-1]["text"]


def test_broken_contact_file_falls_back_to_the_default(tmp_path) -> None:
    broken = tmp_path / "contact.yml"
    broken.write_text("phone: [\n")
    assert load_contact_details(broken).as_dutch_text() is None


async def test_personal_question_gets_the_topic_the_classifier_saw(dispatcher, make_tracker, domain) -> None:
    ranking = [
        {"name": "personal_decision", "confidence": 1.0},
        {"name": "ask_radiotherapy_of_metastases", "confidence": 0.9},
    ]
    tracker = make_tracker("personal_decision", "is dat voor mij een goed idee?", ranking)
    await ActionRespondToPersonalDecision().run(dispatcher, tracker, domain)
    assert dispatcher.messages[1]["metadata"]["answer_id"] == "radiotherapy_of_metastases"


async def test_personal_question_with_an_unsure_topic_gets_no_answer(
    dispatcher, make_tracker, domain
) -> None:
    ranking = [
        {"name": "personal_decision", "confidence": 1.0},
        {"name": "ask_pet_ct_scan", "confidence": 0.2},
    ]
    tracker = make_tracker("personal_decision", "is dat voor mij een goed idee?", ranking)
    await ActionRespondToPersonalDecision().run(dispatcher, tracker, domain)
    assert len(dispatcher.messages) == 1
