"""The socket.io channel on the real running assistant: whole messages with
metadata, malformed payloads answered in Dutch, feedback recorded as an event."""

from __future__ import annotations

import queue
import uuid
from typing import Any, Dict, Iterator

import pytest
import requests

from actions.knowledge_base import KnowledgeBase
from actions.replies import reply
from channels.output import MAX_MESSAGE_CHARS
from tests.helpers import RunningAssistant, stored_tracker
from tests.socketio_client import Client

pytestmark = pytest.mark.server


@pytest.fixture
def client(assistant: RunningAssistant) -> Iterator[Client]:
    connection = Client(assistant.url)
    try:
        yield connection
    finally:
        connection.sio.disconnect()


def test_an_answer_arrives_whole_with_its_metadata(client: Client, knowledge_base: KnowledgeBase) -> None:
    session_id = client.session(uuid.uuid4().hex)
    client.say({"message": "wat is een pet ct scan", "session_id": session_id})
    messages = client.receive_until("curated_answer")
    answer = messages[-1]
    entry = knowledge_base.entries[answer["metadata"]["answer_id"]]
    # One message: answer and disclaimer together (rasa's channel splits at blank lines).
    assert answer["text"].startswith(entry.answer.strip()[:40])
    assert answer["text"].endswith(knowledge_base.disclaimer)
    assert answer["metadata"]["source_section"] == entry.source_section
    assert answer["buttons"] and all(b["payload"].startswith("/ask_") for b in answer["buttons"])
    assert messages[0]["metadata"]["kind"] == "disclosure"


def test_a_session_id_that_is_not_an_id_gets_a_fresh_one(client: Client) -> None:
    for bad in [None, 42, "", "x", "../../etc", "a" * 500, {"nested": 1}]:
        confirmed = client.session(bad)
        assert confirmed != bad and len(confirmed) == 32


@pytest.mark.parametrize(
    ("payload", "reply_key"),
    [
        ("just a string", "message_not_readable"),
        ([1, 2, 3], "message_not_readable"),
        (None, "message_not_readable"),
        ({"message": "hallo"}, "message_not_readable"),  # no session id
        ({"message": 5, "session_id": "s" * 32}, "message_not_readable"),
        ({"message": "   ", "session_id": "s" * 32}, "message_not_readable"),
    ],
)
def test_malformed_payloads_get_a_dutch_reply(client: Client, payload: Any, reply_key: str) -> None:
    client.session(uuid.uuid4().hex)
    client.say(payload)
    [message] = client.receive(1)
    assert message["text"] == reply(reply_key)
    assert message["metadata"]["kind"] == "error"


def test_a_message_past_the_cap_gets_the_request_to_shorten_it(client: Client) -> None:
    session_id = client.session(uuid.uuid4().hex)
    client.say({"message": "x" * (MAX_MESSAGE_CHARS + 1), "session_id": session_id})
    messages = client.receive(2)
    assert [message["metadata"]["kind"] for message in messages] == ["too_long", "safety_line"]


def test_broken_metadata_is_ignored_and_the_question_answered(client: Client) -> None:
    session_id = client.session(uuid.uuid4().hex)
    client.say({"message": "wat is een pet ct scan", "session_id": session_id, "metadata": "{not json"})
    assert client.receive_until("curated_answer")[-1]["metadata"]["answer_id"]


def test_the_server_survives_malformed_payloads(client: Client, assistant: RunningAssistant) -> None:
    client.session(uuid.uuid4().hex)
    client.say(["broken"])
    client.receive(1)
    assert requests.get(f"{assistant.url}/webhooks/rest/", timeout=5).ok


def test_feedback_is_recorded_in_the_conversation(client: Client, assistant: RunningAssistant) -> None:
    session_id = client.session(uuid.uuid4().hex)
    client.say({"message": "wat is een pet ct scan", "session_id": session_id})
    answer_id = client.receive_until("curated_answer")[-1]["metadata"]["answer_id"]

    acknowledged = client.sio.call(
        "feedback", {"session_id": session_id, "answer_id": answer_id, "useful": False}, timeout=20
    )
    assert acknowledged == {"ok": True}

    tracker = stored_tracker(assistant, session_id)
    feedback = [e for e in tracker["events"] if e["event"] == "slot" and e["name"] == "answer_feedback"]
    assert [event["value"] for event in feedback] == [{"answer_id": answer_id, "useful": False}]


@pytest.mark.parametrize(
    ("payload", "error"),
    [
        ({"answer_id": "pet_ct_scan", "useful": "ja"}, "invalid_useful"),
        ({"answer_id": "no_such_answer", "useful": True}, "unknown_answer"),
        ({"answer_id": ["x"], "useful": True}, "unknown_answer"),
    ],
)
def test_invalid_feedback_is_refused(client: Client, payload: Dict[str, Any], error: str) -> None:
    session_id = client.session(uuid.uuid4().hex)
    answer = client.sio.call("feedback", {"session_id": session_id, **payload}, timeout=20)
    assert answer == {"ok": False, "error": error}


def test_feedback_on_an_unknown_conversation_is_refused(client: Client) -> None:
    client.session(uuid.uuid4().hex)
    answer = client.sio.call(
        "feedback", {"session_id": uuid.uuid4().hex, "answer_id": "pet_ct_scan", "useful": True}, timeout=20
    )
    assert answer == {"ok": False, "error": "unknown_conversation"}


def test_a_new_session_stops_the_replies_of_the_previous_one(
    client: Client, assistant: RunningAssistant
) -> None:
    old_session = client.session(uuid.uuid4().hex)
    client.session(uuid.uuid4().hex)  # "Nieuw gesprek" on the same socket
    other = Client(assistant.url)
    try:
        other.session(old_session)
        other.say({"message": "hallo", "session_id": old_session})
        assert other.receive(1)  # the old conversation still answers its own socket
        with pytest.raises(queue.Empty):
            client.messages.get(timeout=3)
    finally:
        other.sio.disconnect()


def test_a_message_before_the_session_request_is_still_answered(assistant: RunningAssistant) -> None:
    """socket.io clients send what they buffered while offline right after
    reconnecting, before the widget's session_request."""
    fresh = Client(assistant.url)
    try:
        fresh.say({"message": "hallo", "session_id": uuid.uuid4().hex})
        assert fresh.receive(1, timeout=20)
    finally:
        fresh.sio.disconnect()
