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
    ActionThank,
)
from actions.knowledge_base import KnowledgeBase
from actions.out_of_scope import ActionNotUnderstood
from actions.personal_decision import ActionRespondToPersonalDecision
from actions.referrals import get_referrals
from actions.replies import reply
from actions.safety_replies import ActionAfterUrgentReply


async def test_answer_carries_disclaimer_buttons_and_metadata(
    knowledge_base: KnowledgeBase, dispatcher, make_tracker, domain
) -> None:
    tracker = make_tracker("ask_progression_free_survival", "wat is pfs")
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    # The answer becomes the topic of follow-up questions (actions/follow_up.py).
    assert events == [SlotSet("last_answer_id", "progression_free_survival")]
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
        SlotSet("clarification_pending", False),
        SlotSet("last_answer_id", "pet_ct_scan"),
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
    message, line = dispatcher.messages
    assert message["text"] == reply("clarify")
    # No uncertain reply without the way out.
    assert line["text"] == reply("emergency_line")
    assert [button["payload"] for button in message["buttons"]] == [
        "/ask_radiotherapy_of_metastases",
        "/ask_bone_metastases_treatment",
        "/rephrase",
    ]

    second = make_tracker("nlu_fallback", "hmm", ranking, slots={"clarification_pending": True})
    events = await ActionClarifyQuestion().run(dispatcher, second, domain)
    assert events == [SlotSet("clarification_pending", False)]
    assert dispatcher.messages[-2]["text"] == reply("not_understood")
    assert "behandelend team" in dispatcher.messages[-2]["text"]
    assert dispatcher.messages[-1]["text"] == reply("emergency_line")


async def test_after_an_urgent_reply_nothing_more_is_said_later_in_a_session(
    dispatcher, make_tracker, domain
) -> None:
    # The alarm and distress texts are domain responses (domain/urgent_replies.yml).
    await ActionAfterUrgentReply().run(
        dispatcher, make_tracker("alarm_symptom", "ik krijg geen lucht"), domain
    )
    assert dispatcher.messages == []


async def test_a_distress_message_asking_for_someone_to_talk_to_also_gets_the_support_answer(
    knowledge_base: KnowledgeBase, dispatcher, make_tracker, domain
) -> None:
    tracker = make_tracker(
        "distress",
        "ik trek het niet meer, kan ik met iemand praten?",
        safety={"distress": True, "alarm": False, "classifier_intent": "ask_psychosocial_support"},
    )
    events = await ActionAfterUrgentReply().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert message["metadata"]["answer_id"] == "psychosocial_support"
    assert message["text"].startswith(knowledge_base.entries["psychosocial_support"].answer)
    assert SlotSet("last_answer_id", "psychosocial_support") in events


@pytest.mark.parametrize(
    ("intent", "safety"),
    [
        # Any other question after words of despair gets no answer.
        ("distress", {"distress": True, "classifier_intent": "ask_survival_figures"}),
        ("distress", {"distress": True, "classifier_intent": "distress"}),
        # An alarm comes first and alone.
        (
            "alarm_with_distress",
            {"alarm": True, "distress": True, "classifier_intent": "ask_psychosocial_support"},
        ),
        ("distress", {"alarm": True, "distress": True, "classifier_intent": "ask_psychosocial_support"}),
    ],
)
async def test_no_other_answer_follows_an_urgent_reply(
    dispatcher, make_tracker, domain, intent: str, safety: dict
) -> None:
    await ActionAfterUrgentReply().run(dispatcher, make_tracker(intent, "...", safety=safety), domain)
    assert dispatcher.messages == []


def test_urgent_domain_responses_are_the_replies_of_knowledge(domain_files) -> None:
    responses = domain_files["responses"]
    assert responses["utter_alarm"][0]["text"] == " ".join(reply("alarm").split())
    assert responses["utter_distress"][0]["text"] == " ".join(reply("distress").split())
    assert (
        "112" in responses["utter_alarm"][0]["text"]
        and "huisartsenpost" in responses["utter_alarm"][0]["text"]
    )
    distress = responses["utter_distress"][0]["text"]
    assert "0800-0113" in distress and "113.nl" in distress and "huisarts" in distress


async def test_a_still_urgent_follow_up_gets_the_urgent_reply_again(dispatcher, make_tracker, domain) -> None:
    tracker = make_tracker("nlu_fallback", "nee echt", safety={"follow_up_distress": True})
    tracker.events.insert(-1, {"event": "bot", "text": "113", "metadata": {"metadata": {"kind": "distress"}}})
    await ActionClarifyQuestion().run(dispatcher, tracker, domain)
    assert [message.get("response") for message in dispatcher.messages] == ["utter_distress"]


async def test_follow_up_flags_without_a_recent_urgent_reply_change_nothing(
    dispatcher, make_tracker, domain
) -> None:
    tracker = make_tracker("ask_pet_ct_scan", "wat is een petscan", safety={"follow_up_alarm": True})
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert [m["metadata"]["kind"] for m in dispatcher.messages] == ["curated_answer"]


async def test_an_answer_to_a_question_mentioning_a_symptom_ends_with_the_safety_line(
    dispatcher, make_tracker, domain
) -> None:
    tracker = make_tracker(
        "ask_side_effects_and_stopping", "is koorts een bijwerking?", safety={"warn": True}
    )
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert [m["metadata"]["kind"] for m in dispatcher.messages] == ["curated_answer", "safety_line"]
    assert dispatcher.messages[-1]["text"] == reply("emergency_line")


async def test_an_over_long_message_is_asked_to_be_shortened(dispatcher, make_tracker, domain) -> None:
    tracker = make_tracker("ask_pet_ct_scan", "lang verhaal", safety={"too_long": True})
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert [m["metadata"]["kind"] for m in dispatcher.messages] == ["too_long", "safety_line"]


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
    # The note, then who can help with a medicine question: no answer.
    texts = [message["text"] for message in dispatcher.messages]
    assert texts == [reply("personal_decision"), get_referrals().for_question("mag ik een dosis overslaan?")]
    assert "apotheker" in texts[1]
    assert "curated_answer" not in [(m.get("metadata") or {}).get("kind") for m in dispatcher.messages]


async def test_clarification_offers_one_topic_when_the_second_is_far_behind(
    dispatcher, make_tracker, domain
) -> None:
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.4},
        {"name": "ask_pet_ct_scan", "confidence": 0.38},
        {"name": "ask_hormone_therapy", "confidence": 0.05},
    ]
    await ActionClarifyQuestion().run(dispatcher, make_tracker("nlu_fallback", "scan?", ranking), domain)
    message = dispatcher.messages[0]
    assert message["text"] == reply("clarify_one")
    assert [button["payload"] for button in message["buttons"]] == ["/ask_pet_ct_scan", "/rephrase"]


async def test_clarification_without_a_plausible_topic_asks_for_other_words(
    dispatcher, make_tracker, domain
) -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.4}, {"name": "ask_pet_ct_scan", "confidence": 0.05}]
    await ActionClarifyQuestion().run(dispatcher, make_tracker("nlu_fallback", "hmm", ranking), domain)
    assert dispatcher.messages[0]["text"] == reply("clarify_rephrase")


async def test_something_else_invites_other_words_and_keeps_the_clarification_open(
    dispatcher, make_tracker, domain
) -> None:
    from actions.clarify_question import ActionInviteRephrase

    tracker = make_tracker("rephrase", "iets anders", slots={"clarification_pending": True})
    events = await ActionInviteRephrase().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["text"] == reply("rephrase")
    assert events == [SlotSet("clarification_pending", True)]


async def test_not_understood_offers_help(dispatcher, make_tracker, domain) -> None:
    await ActionNotUnderstood().run(dispatcher, make_tracker("nonsense", "😀😀"), domain)
    assert dispatcher.messages[0]["text"] == reply("nonsense")
    assert dispatcher.messages[0]["buttons"]


async def test_first_reply_of_a_session_starts_with_the_ai_disclosure(
    dispatcher, make_tracker, domain
) -> None:
    await ActionGreet().run(dispatcher, make_tracker("greet", "hallo", first_turn=True), domain)
    assert [message["metadata"]["kind"] for message in dispatcher.messages] == ["disclosure", "greeting"]
    text = dispatcher.messages[0]["text"]
    assert "digitale assistent" in text and "geen mens" in text and "geen arts" in text


async def test_urgent_first_reply_comes_before_the_disclosure(dispatcher, make_tracker, domain) -> None:
    tracker = make_tracker("alarm_symptom", "ik krijg geen lucht", first_turn=True)
    # Rasa has just sent the urgent domain response for this message.
    tracker.events.append(
        {"event": "bot", "text": reply("alarm"), "metadata": {"metadata": {"kind": "alarm"}}}
    )
    await ActionAfterUrgentReply().run(dispatcher, tracker, domain)
    assert [message["metadata"]["kind"] for message in dispatcher.messages] == ["disclosure"]


async def test_later_replies_carry_no_disclosure(dispatcher, make_tracker, domain) -> None:
    await ActionThank().run(dispatcher, make_tracker("thank", "bedankt"), domain)
    await ActionGoodbye().run(dispatcher, make_tracker("goodbye", "doei"), domain)
    assert [message["text"] for message in dispatcher.messages] == [reply("thank"), reply("goodbye")]


def test_every_reply_action_discloses_on_the_first_turn() -> None:
    """rasa-sdk registers exactly our concrete actions, and every one of them
    derives from AssistantAction (so none can skip the
    disclosure)."""
    from rasa_sdk.executor import ActionExecutor

    from actions.base import AssistantAction

    executor = ActionExecutor()
    executor.register_package("actions")
    registered = set(executor.actions)
    assert {
        "action_answer_question",
        "action_after_urgent_reply",
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
    assert registered == disclosing


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
        {"name": "ask_pet_ct_scan", "confidence": 0.1},
    ]
    tracker = make_tracker("personal_decision", "is dat voor mij een goed idee?", ranking)
    await ActionRespondToPersonalDecision().run(dispatcher, tracker, domain)
    # The note and who can help (the treating team by default), no answer.
    kinds = [(m.get("metadata") or {}).get("kind") for m in dispatcher.messages]
    assert kinds == ["personal_decision", "referral"]
