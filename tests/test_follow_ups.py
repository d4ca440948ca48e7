"""Follow-up questions in context (issue 8, item 5): "wat zijn de bijwerkingen
daarvan?" after an answer is read against the last topic of the session.

Action tests use rasa-sdk's real Tracker and CollectingDispatcher; the last
test talks to the running servers (marked `server`)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any, Dict, List

import pytest
import yaml
from rasa_sdk.events import SlotSet

from actions.answer_question import ActionAnswerQuestion
from actions.follow_up import (
    INTRODUCTIONS,
    LAST_ANSWER_SLOT,
    NOT_COVERED_REPLIES,
    ActionAnswerFollowUp,
)
from actions.knowledge_base import FOLLOW_UP_INTENTS, KnowledgeBase
from actions.personal_decision import ActionRespondToPersonalDecision
from actions.replies import reply
from tests.helpers import REPO_ROOT, RunningAssistant, kinds, read_nlu_examples, texts

FOLLOW_UP_DATA = REPO_ROOT / "data" / "nlu" / "follow_ups.yml"
# Words that name a topic: a question with one of these belongs to that topic's intent.
TOPIC_WORDS = re.compile(
    r"chemo|hormo|bestral|radiother|doelgericht|scan|operat|opereer|biopt|biopsie|tumormark|"
    r"pijnstill|richtlijn|remissie|palliatie|progressie|overleving|levensverwachting|genez"
)
SENDERS = (f"follow-up-{number}" for number in itertools.count())


def _normalise(text: str) -> str:
    """Lower case, punctuation removed, whitespace folded."""
    return " ".join(re.sub(r"[^\w\s]+", " ", text.lower()).split())


def _run_follow_up(make_tracker, intent: str, text: str, last: Any = None, **kwargs: Any):
    return make_tracker(intent, text, slots={LAST_ANSWER_SLOT: last, **kwargs.pop("slots", {})}, **kwargs)


# ----- the answer actions remember the topic -----


async def test_an_answer_makes_its_entry_the_topic_of_follow_ups(dispatcher, make_tracker, domain) -> None:
    events = await ActionAnswerQuestion().run(dispatcher, make_tracker("ask_hormone_therapy"), domain)
    assert events == [SlotSet(LAST_ANSWER_SLOT, "hormone_therapy")]


async def test_general_information_after_a_personal_question_is_the_topic_too(
    dispatcher, make_tracker, domain
) -> None:
    tracker = make_tracker("personal_decision", "moet ik stoppen met mijn behandeling?")
    events = await ActionRespondToPersonalDecision().run(dispatcher, tracker, domain)
    assert events == [SlotSet(LAST_ANSWER_SLOT, "side_effects_and_stopping")]
    # Without general information there is no topic to remember.
    tracker = make_tracker(
        "personal_decision", "wat zou u doen?", ranking=[{"name": "greet", "confidence": 1}]
    )
    assert await ActionRespondToPersonalDecision().run(dispatcher, tracker, domain) == []


# ----- each kind of follow-up -----


async def test_simpler_gives_the_simple_summary_with_the_disclaimer(
    knowledge_base: KnowledgeBase, dispatcher, make_tracker, domain
) -> None:
    tracker = _run_follow_up(
        make_tracker, "follow_up_simpler", "kunt u dat simpeler zeggen?", "hormone_therapy"
    )
    events = await ActionAnswerFollowUp().run(dispatcher, tracker, domain)
    assert events == []
    [message] = dispatcher.messages
    entry = knowledge_base.entries["hormone_therapy"]
    assert entry.simple in message["text"]
    assert message["text"].endswith(knowledge_base.disclaimer)
    assert message["metadata"] == {
        "kind": "simple_answer",
        "answer_id": "hormone_therapy",
        "source_section": entry.source_section,
        "reviewed": entry.reviewed,
    }
    assert [button["payload"] for button in message["buttons"]] == [f"/ask_{r}" for r in entry.related]


async def test_side_effects_of_chemotherapy_get_the_side_effects_answer(
    knowledge_base: KnowledgeBase, dispatcher, make_tracker, domain
) -> None:
    tracker = _run_follow_up(
        make_tracker, "follow_up_side_effects", "wat zijn de bijwerkingen daarvan?", "chemotherapy_effect"
    )
    events = await ActionAnswerFollowUp().run(dispatcher, tracker, domain)
    # The answer sent becomes the topic of the next follow-up.
    assert events == [SlotSet(LAST_ANSWER_SLOT, "side_effects_and_stopping")]
    [message] = dispatcher.messages
    assert message["metadata"]["kind"] == "curated_answer"
    assert message["metadata"]["answer_id"] == "side_effects_and_stopping"
    # Honest that the information is general, then the answer and the disclaimer.
    assert message["text"].startswith(reply("follow_up_side_effects_intro"))
    assert knowledge_base.entries["side_effects_and_stopping"].answer in message["text"]
    assert message["text"].endswith(knowledge_base.disclaimer)


async def test_how_long_after_chemotherapy_gets_the_effect_answer(dispatcher, make_tracker, domain) -> None:
    tracker = _run_follow_up(
        make_tracker, "follow_up_duration_or_effect", "hoe lang duurt dat?", "chemotherapy_effect"
    )
    await ActionAnswerFollowUp().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert message["metadata"]["answer_id"] == "chemotherapy_effect"
    assert "8-12 maanden" in message["text"]
    assert message["text"].startswith(reply("follow_up_answer_intro"))


@pytest.mark.parametrize(
    ("intent", "text", "last"),
    [
        # The source says nothing about side effects of radiotherapy.
        ("follow_up_side_effects", "wat zijn de bijwerkingen daarvan?", "radiotherapy_of_metastases"),
        ("follow_up_duration_or_effect", "hoe vaak werkt dat?", "hormone_therapy"),
        ("follow_up_more", "vertel eens meer", "pet_ct_scan"),
        # Radiotherapy of liver metastases is not in the source either.
        ("follow_up_other_case", "en bij uitzaaiingen in de lever?", "radiotherapy_of_metastases"),
    ],
)
async def test_a_follow_up_the_information_does_not_cover_is_said_honestly(
    knowledge_base: KnowledgeBase, dispatcher, make_tracker, domain, intent: str, text: str, last: str
) -> None:
    events = await ActionAnswerFollowUp().run(
        dispatcher, _run_follow_up(make_tracker, intent, text, last), domain
    )
    assert events == [], "the topic stays the same"
    [message] = dispatcher.messages
    entry = knowledge_base.entries[last]
    assert message["text"] == reply(NOT_COVERED_REPLIES[intent]).replace("{title}", entry.title)
    assert f"'{entry.title}'" in message["text"] and "behandelend team" in message["text"]
    assert message["metadata"] == {"kind": "follow_up_not_covered", "answer_id": last}
    assert [button["payload"] for button in message["buttons"]] == [f"/ask_{r}" for r in entry.related]


@pytest.mark.parametrize(
    ("text", "last", "expected"),
    [
        ("en bij uitzaaiingen in de lever?", "surgery_of_metastases", "surgery_of_metastases"),
        ("en als het in de botten zit?", "radiotherapy_of_metastases", "bone_metastases_treatment"),
        ("geldt dat ook bij uitzaaiingen in de hersenen", "radiotherapy_of_metastases", "brain_metastases"),
        ("en bij longuitzaaiingen", "chemo_instead_of_hormones", "chemo_instead_of_hormones"),
    ],
)
async def test_another_body_site_gets_the_entry_about_it(
    dispatcher, make_tracker, domain, text: str, last: str, expected: str
) -> None:
    tracker = _run_follow_up(make_tracker, "follow_up_other_case", text, last)
    events = await ActionAnswerFollowUp().run(dispatcher, tracker, domain)
    assert events == [SlotSet(LAST_ANSWER_SLOT, expected)]
    assert dispatcher.messages[0]["metadata"]["answer_id"] == expected


async def test_a_relative_is_told_the_information_is_general(
    knowledge_base: KnowledgeBase, dispatcher, make_tracker, domain
) -> None:
    tracker = _run_follow_up(make_tracker, "follow_up_other_case", "en voor mijn moeder?", "hormone_therapy")
    assert await ActionAnswerFollowUp().run(dispatcher, tracker, domain) == []
    [message] = dispatcher.messages
    assert message["text"] == reply("follow_up_person")
    assert message["metadata"] == {"kind": "follow_up_person", "answer_id": "hormone_therapy"}
    related = knowledge_base.entries["hormone_therapy"].related
    assert [button["payload"] for button in message["buttons"]] == [f"/ask_{r}" for r in related]


async def test_a_personal_follow_up_gets_no_advice_first(dispatcher, make_tracker, domain) -> None:
    tracker = _run_follow_up(
        make_tracker, "follow_up_duration_or_effect", "zal dat bij mij werken?", "chemotherapy_effect"
    )
    await ActionAnswerFollowUp().run(dispatcher, tracker, domain)
    assert [m["metadata"]["kind"] for m in dispatcher.messages] == ["personal_decision", "curated_answer"]
    assert dispatcher.messages[0]["text"] == reply("personal_decision")


# ----- no topic, clarification, disclosure -----


@pytest.mark.parametrize("intent", FOLLOW_UP_INTENTS)
async def test_a_follow_up_before_any_answer_gets_the_help_reply(
    knowledge_base: KnowledgeBase, dispatcher, make_tracker, domain, intent: str
) -> None:
    """Nothing asked yet in this session (a new session has no topic: slots
    do not carry over)."""
    events = await ActionAnswerFollowUp().run(
        dispatcher, _run_follow_up(make_tracker, intent, "en dat?"), domain
    )
    assert events == []
    [message] = dispatcher.messages
    assert message["text"] == reply("help")
    assert message["metadata"] == {"kind": "help"}
    assert [button["payload"] for button in message["buttons"]] == [
        f"/ask_{f}" for f in knowledge_base.featured
    ]


async def test_a_topic_that_no_longer_exists_counts_as_no_topic(dispatcher, make_tracker, domain) -> None:
    tracker = _run_follow_up(make_tracker, "follow_up_more", "vertel eens meer", "removed_entry")
    await ActionAnswerFollowUp().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["metadata"] == {"kind": "help"}


async def test_a_follow_up_closes_a_pending_clarification(dispatcher, make_tracker, domain) -> None:
    tracker = _run_follow_up(
        make_tracker,
        "follow_up_simpler",
        "wat betekent dat?",
        "pet_ct_scan",
        slots={"clarification_pending": True},
    )
    assert await ActionAnswerFollowUp().run(dispatcher, tracker, domain) == [
        SlotSet("clarification_pending", False)
    ]


async def test_a_first_reply_starts_with_the_ai_disclosure(dispatcher, make_tracker, domain) -> None:
    tracker = _run_follow_up(make_tracker, "follow_up_simpler", "wat betekent dat?", first_turn=True)
    await ActionAnswerFollowUp().run(dispatcher, tracker, domain)
    assert [m["metadata"]["kind"] for m in dispatcher.messages] == ["disclosure", "help"]


@pytest.mark.parametrize("intent", FOLLOW_UP_INTENTS)
async def test_every_topic_and_follow_up_gets_one_grounded_reply(
    knowledge_base: KnowledgeBase, make_tracker, domain, intent: str
) -> None:
    """Every (last topic, follow-up) pair: a curated answer only where the
    mapping says so, otherwise the summary or an honest note."""
    from rasa_sdk.executor import CollectingDispatcher

    for entry_id in knowledge_base.entries:
        dispatcher = CollectingDispatcher()
        tracker = _run_follow_up(make_tracker, intent, "en dat?", entry_id)
        await ActionAnswerFollowUp().run(dispatcher, tracker, domain)
        [message] = dispatcher.messages
        kind = message["metadata"]["kind"]
        if intent == "follow_up_simpler":
            assert kind == "simple_answer" and message["metadata"]["answer_id"] == entry_id
        elif kind == "curated_answer":
            target = knowledge_base.follow_up_target(entry_id, intent)
            assert target is not None and message["metadata"]["answer_id"] == target.id
        else:
            assert kind == "follow_up_not_covered", (entry_id, intent, kind)
        if kind in ("simple_answer", "curated_answer"):
            assert message["text"].endswith(knowledge_base.disclaimer)


def test_every_reply_the_follow_up_action_uses_exists() -> None:
    replies = yaml.safe_load((REPO_ROOT / "knowledge" / "replies.yml").read_text(encoding="utf-8"))
    keys = {*NOT_COVERED_REPLIES.values(), *INTRODUCTIONS.values()}
    keys |= {
        "follow_up_answer_intro",
        "follow_up_simpler_intro",
        "follow_up_person",
        "help",
        "personal_decision",
    }
    assert keys <= set(replies), keys - set(replies)
    for key in NOT_COVERED_REPLIES.values():
        assert "{title}" in replies[key] and "behandelend team" in replies[key]


# ----- training data, domain and rules -----


def test_follow_up_intents_have_30_varied_examples_free_of_topic_words() -> None:
    examples = read_nlu_examples([FOLLOW_UP_DATA])
    assert set(examples) == set(FOLLOW_UP_INTENTS)
    for intent, lines in examples.items():
        assert len(lines) >= 30, intent
        assert len({_normalise(line) for line in lines}) == len(lines), f"{intent}: duplicates"
        with_topic = [line for line in lines if TOPIC_WORDS.search(line.lower())]
        assert not with_topic, f"{intent}: topic words belong to the topic intents: {with_topic}"


def test_follow_up_examples_duplicate_no_other_training_example() -> None:
    """Exact match after lower-casing, punctuation removal and whitespace folding."""
    others = sorted(path for path in (REPO_ROOT / "data" / "nlu").glob("*.yml") if path != FOLLOW_UP_DATA)
    existing = {_normalise(line) for lines in read_nlu_examples(others).values() for line in lines}
    mine = [line for lines in read_nlu_examples([FOLLOW_UP_DATA]).values() for line in lines]
    assert not [line for line in mine if _normalise(line) in existing]


def test_domain_and_rules_send_every_follow_up_intent_to_the_follow_up_action() -> None:
    domain: Dict[str, Any] = yaml.safe_load(
        (REPO_ROOT / "domain" / "follow_up.yml").read_text(encoding="utf-8")
    )
    assert set(domain["intents"]) == set(FOLLOW_UP_INTENTS)
    slot = domain["slots"][LAST_ANSWER_SLOT]
    assert slot["type"] == "text" and slot["influence_conversation"] is False
    rules: List[Dict[str, Any]] = yaml.safe_load(
        Path(REPO_ROOT, "data", "rules", "follow_ups.yml").read_text(encoding="utf-8")
    )["rules"]
    pairs = {(rule["steps"][0]["intent"], rule["steps"][1]["action"]) for rule in rules}
    assert pairs == {(intent, "action_answer_follow_up") for intent in FOLLOW_UP_INTENTS}


# ----- end to end, against the running servers -----


@pytest.mark.server
def test_simpler_after_hormone_therapy_end_to_end(
    assistant: RunningAssistant, knowledge_base: KnowledgeBase
) -> None:
    sender = next(SENDERS)
    answer = assistant.send("wat is hormoontherapie", sender)
    assert "curated_answer" in kinds(answer), texts(answer)
    messages = assistant.send("kunt u dat simpeler zeggen?", sender)
    simple = [m for m in messages if (m.get("metadata") or {}).get("kind") == "simple_answer"]
    assert len(simple) == 1, texts(messages)
    entry = knowledge_base.entries["hormone_therapy"]
    assert simple[0]["metadata"]["answer_id"] == "hormone_therapy"
    assert entry.simple in simple[0]["text"]
    assert simple[0]["text"].endswith(knowledge_base.disclaimer)

    # A new session forgets the topic: the same follow-up now gets the help reply.
    assistant.send("/session_start", sender)
    messages = assistant.send("kunt u dat simpeler zeggen?", sender)
    assert "simple_answer" not in kinds(messages) and "help" in kinds(messages), texts(messages)
