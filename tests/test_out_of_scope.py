"""Out of scope as a first-class outcome: honest, and saying who can help."""

from __future__ import annotations

import pytest

from actions.out_of_scope import ActionRespondOutOfScope
from actions.referrals import get_referrals
from actions.replies import reply


@pytest.mark.parametrize(
    ("question", "who"),
    [
        ("wordt een pruik vergoed door de verzekering?", "zorgverzekeraar"),
        ("moet ik mijn werkgever vertellen dat het uitgezaaid is", "bedrijfsarts"),
        ("mag ik nog autorijden met botuitzaaiingen", "CBR"),
        ("mag ik ibuprofen naast mijn tamoxifen slikken", "apotheker"),
        ("kan ik met uitzaaiingen op vakantie naar spanje", "reisverzekering"),
        ("helpt yoga bij vermoeidheid", "behandelend team"),
    ],
)
def test_each_kind_of_question_gets_the_right_referral(question: str, who: str) -> None:
    assert who in get_referrals().for_question(question)


def test_every_referral_is_reachable_and_distinct() -> None:
    referrals = get_referrals()
    texts = [referral.text for referral in referrals.referrals] + [referrals.default]
    assert len(set(texts)) == len(texts)
    for referral in referrals.referrals:
        assert referrals.for_question(f"vraag over {referral.keywords[0].strip()}") == referral.text


async def test_not_in_source_says_who_can_help(dispatcher, make_tracker, domain) -> None:
    tracker = make_tracker("out_of_scope_medical", "mag ik nog autorijden")
    await ActionRespondOutOfScope().run(dispatcher, tracker, domain)
    message, line = dispatcher.messages
    assert message["text"].startswith("Daar heb ik geen informatie over.")
    assert "CBR" in message["text"] and "{referral}" not in message["text"]
    assert message["buttons"] and line["text"] == reply("emergency_line")


async def test_off_topic_is_honest_about_what_the_assistant_does(dispatcher, make_tracker, domain) -> None:
    await ActionRespondOutOfScope().run(
        dispatcher, make_tracker("out_of_scope_other", "wie wint de tour"), domain
    )
    message, line = dispatcher.messages
    assert message["text"].startswith("Daar kan ik u helaas niet mee helpen.")
    assert "uitgezaaide borstkanker" in message["text"]
    assert line["metadata"]["kind"] == "safety_line"


async def test_out_of_scope_forgets_the_last_answer_for_follow_ups(dispatcher, make_tracker, domain) -> None:
    tracker = make_tracker("out_of_scope_other", "wie wint de tour", slots={"last_answer_id": "pet_ct_scan"})
    events = await ActionRespondOutOfScope().run(dispatcher, tracker, domain)
    assert {"event": "slot", "name": "last_answer_id", "value": None, "timestamp": None} in events
    fresh = make_tracker("out_of_scope_other", "wie wint de tour")
    assert not any(
        e.get("name") == "last_answer_id"
        for e in await ActionRespondOutOfScope().run(dispatcher, fresh, domain)
    )
