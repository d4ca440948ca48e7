"""Bad input to the REST webhook gets a clear 400, never a 500."""

from __future__ import annotations

import pytest
import requests

from channels.output import MAX_MESSAGE_CHARS
from tests.helpers import RunningAssistant

BAD_BODIES = [
    (b"", "invalid_json"),
    (b"null", "not_an_object"),
    (b"[]", "not_an_object"),
    (b'"hallo"', "not_an_object"),
    (b"42", "not_an_object"),
    (b"{not json", "invalid_json"),
    (b'{"sender": "x"}', "missing_message"),
    (b'{"sender": "x", "message": ""}', "missing_message"),
    (b'{"sender": "x", "message": "   "}', "missing_message"),
    (b'{"sender": "x", "message": 5}', "missing_message"),
    (b'{"sender": "x", "message": null}', "missing_message"),
    (b'{"sender": [], "message": "hallo"}', "invalid_sender"),
    (b'{"message": "hallo"}', "invalid_sender"),
    (b'{"sender": "  ", "message": "hallo"}', "invalid_sender"),
    (b'{"sender": true, "message": "hallo"}', "invalid_sender"),
    (b'{"sender": "x", "message": "hallo", "metadata": 3}', "invalid_metadata"),
    (b"\xff\xfe", "invalid_json"),
]


@pytest.mark.server
@pytest.mark.parametrize(("body", "error"), BAD_BODIES)
def test_malformed_bodies_get_a_400_with_a_reason(
    assistant: RunningAssistant, body: bytes, error: str
) -> None:
    answer = requests.post(
        f"{assistant.url}/webhooks/rest/webhook",
        data=body,
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    assert answer.status_code == 400
    assert answer.json()["error"] == error
    assert answer.json()["detail"]


@pytest.mark.server
def test_a_message_past_the_cap_is_answered_not_refused(assistant: RunningAssistant) -> None:
    answer = requests.post(
        f"{assistant.url}/webhooks/rest/webhook",
        json={"sender": "x", "message": "a" * (MAX_MESSAGE_CHARS + 1)},
        timeout=30,
    )
    assert answer.status_code == 200
    assert [message["metadata"]["kind"] for message in answer.json()] == ["too_long", "safety_line"]


@pytest.mark.server
def test_a_long_question_is_answered(assistant: RunningAssistant) -> None:
    question = "Wat is complete remissie? " + "Ik wil het graag goed begrijpen. " * 80
    assert len(question) > 2000
    messages = assistant.send(question, "rest-long")
    assert messages and all(message.get("text") for message in messages)


@pytest.mark.server
def test_numeric_sender_and_metadata_are_accepted(assistant: RunningAssistant) -> None:
    answer = requests.post(
        f"{assistant.url}/webhooks/rest/webhook",
        json={"sender": 12345, "message": "hallo", "metadata": {"channel": "kiosk"}},
        timeout=30,
    )
    assert answer.status_code == 200
    assert answer.json()[0]["recipient_id"] == "12345"


@pytest.mark.server
def test_messages_keep_their_paragraphs_in_one_bubble(assistant: RunningAssistant) -> None:
    messages = assistant.send("wat is complete remissie", "rest-paragraphs")
    answer = [m for m in messages if (m.get("metadata") or {}).get("kind") == "curated_answer"][0]
    assert "\n\n" in answer["text"]
