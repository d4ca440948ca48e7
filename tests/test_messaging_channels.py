"""Telegram and WhatsApp (Twilio) on the real running assistant. Realistic
inbound webhook payloads go to the local connector endpoints; the outgoing API
calls are captured by a fake Telegram / Twilio API on loopback."""

from __future__ import annotations

import itertools
import json
import uuid
from typing import Any, Dict, List

import pytest
import requests
from twilio.request_validator import RequestValidator

from actions.knowledge_base import KnowledgeBase
from actions.replies import reply
from channels.messaging import pseudonym
from channels.output import numbered_text
from tests.fake_messaging_api import (
    TELEGRAM_SECRET,
    TELEGRAM_TOKEN,
    TWILIO_SID,
    TWILIO_TOKEN,
    USER_ID_SALT,
    FakeMessagingApi,
    channel_env,
)
from tests.helpers import RunningAssistant, stored_tracker
from tests.socketio_client import Client

pytestmark = pytest.mark.server

_ids = itertools.count(700_000_001)
ALARM = "Ik heb ineens geen gevoel meer in mijn benen en kan niet goed plassen"
DISTRESS = "Ik zie het niet meer zitten, ik wil er een eind aan maken"


def telegram_update(chat_id: int, text: str) -> Dict[str, Any]:
    """An update as Telegram posts it to a bot's webhook."""
    return {
        "update_id": next(_ids),
        "message": {
            "message_id": next(_ids),
            "from": {"id": chat_id, "is_bot": False, "first_name": "Test", "language_code": "nl"},
            "chat": {"id": chat_id, "first_name": "Test", "type": "private"},
            "date": 1764230400,
            "text": text,
            **(
                {"entities": [{"offset": 0, "length": len(text), "type": "bot_command"}]}
                if text[0] == "/"
                else {}
            ),
        },
    }


def telegram(
    assistant: RunningAssistant, update: Dict[str, Any], secret: str = TELEGRAM_SECRET
) -> requests.Response:
    return requests.post(
        f"{assistant.url}/webhooks/telegram/webhook",
        json=update,
        headers={"X-Telegram-Bot-Api-Secret-Token": secret},
        timeout=60,
    )


def telegram_texts(api: FakeMessagingApi, chat_id: int) -> List[str]:
    calls = api.calls_to(f"/bot{TELEGRAM_TOKEN}/sendMessage", chat_id=chat_id)
    return [call.body["text"] for call in calls]


def whatsapp_form(phone: str, text: str) -> Dict[str, str]:
    """The form Twilio posts for an inbound WhatsApp message."""
    return {
        "SmsMessageSid": "SM" + "a" * 32,
        "NumMedia": "0",
        "ProfileName": "Test",
        "SmsSid": "SM" + "a" * 32,
        "WaId": phone.lstrip("+"),
        "SmsStatus": "received",
        "Body": text,
        "To": "whatsapp:+14155238886",
        "NumSegments": "1",
        "ReferralNumMedia": "0",
        "MessageSid": "SM" + "a" * 32,
        "AccountSid": TWILIO_SID,
        "From": f"whatsapp:{phone}",
        "ApiVersion": "2010-04-01",
    }


def whatsapp(
    assistant: RunningAssistant, api: FakeMessagingApi, form: Dict[str, str], token: str = TWILIO_TOKEN
) -> requests.Response:
    # Twilio signs the public webhook URL configured in its console.
    public_url = channel_env(api)["TWILIO_WEBHOOK_URL"]
    signature = RequestValidator(token).compute_signature(public_url, form)
    return requests.post(
        f"{assistant.url}/webhooks/twilio/webhook",
        data=form,
        headers={"X-Twilio-Signature": signature},
        timeout=60,
    )


def whatsapp_texts(api: FakeMessagingApi, phone: str) -> List[str]:
    calls = api.calls_to(f"/2010-04-01/Accounts/{TWILIO_SID}/Messages.json", To=f"whatsapp:{phone}")
    return [call.body["Body"] for call in calls]


def rest_texts(assistant: RunningAssistant, text: str, sender: str) -> List[str]:
    return [numbered_text(message) for message in assistant.send(text, sender)]


# --- Telegram -----------------------------------------------------------------


def test_telegram_start_gets_the_welcome_with_numbered_topics(
    assistant: RunningAssistant, messaging_api: FakeMessagingApi, knowledge_base: KnowledgeBase
) -> None:
    chat_id = next(_ids)
    assert telegram(assistant, telegram_update(chat_id, "/start")).status_code == 200
    texts = telegram_texts(messaging_api, chat_id)
    assert texts[0] == reply("ai_disclosure")
    assert texts[1].startswith(reply("greet"))
    assert reply("numbered_options_intro") in texts[1]
    first_topic = knowledge_base.entries[knowledge_base.featured[0]].title
    assert f"\n1. {first_topic}\n" in texts[1]


def test_telegram_answer_is_one_message_with_disclaimer_and_a_number_chooses(
    assistant: RunningAssistant, messaging_api: FakeMessagingApi, knowledge_base: KnowledgeBase
) -> None:
    chat_id = next(_ids)
    telegram(assistant, telegram_update(chat_id, "wat is een pet ct scan"))
    answer = telegram_texts(messaging_api, chat_id)[-1]
    entry = knowledge_base.entries["pet_ct_scan"]
    assert answer.startswith(entry.answer.strip()[:40])
    assert knowledge_base.disclaimer in answer
    assert "(/ask_" not in answer and "/ask_" not in answer  # no raw payloads
    second = knowledge_base.entries[entry.related[1]]
    assert f"\n2. {second.title}" in answer

    telegram(assistant, telegram_update(chat_id, "2"))
    chosen = telegram_texts(messaging_api, chat_id)[-1]
    assert chosen.startswith(second.answer.strip()[:40])
    assert knowledge_base.disclaimer in chosen


def test_telegram_non_text_message_gets_a_dutch_reply(
    assistant: RunningAssistant, messaging_api: FakeMessagingApi
) -> None:
    chat_id = next(_ids)
    update = telegram_update(chat_id, "x")
    del update["message"]["text"]
    update["message"]["photo"] = [{"file_id": "abc", "file_unique_id": "u", "width": 90, "height": 90}]
    assert telegram(assistant, update).status_code == 200
    assert telegram_texts(messaging_api, chat_id) == [reply("not_text_message")]


def test_telegram_rejects_a_wrong_secret(
    assistant: RunningAssistant, messaging_api: FakeMessagingApi
) -> None:
    chat_id = next(_ids)
    assert telegram(assistant, telegram_update(chat_id, "hallo"), secret="wrong").status_code == 403
    assert telegram(assistant, telegram_update(chat_id, "hallo"), secret="").status_code == 403
    assert telegram_texts(messaging_api, chat_id) == []


def test_telegram_malformed_bodies_are_acknowledged_without_a_crash(assistant: RunningAssistant) -> None:
    for body in [b"", b"[]", b"null", b'{"message": "x"}', b'{"edited_message": {"chat": {"id": 1}}}']:
        answer = requests.post(
            f"{assistant.url}/webhooks/telegram/webhook",
            data=body,
            headers={"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET, "Content-Type": "application/json"},
            timeout=30,
        )
        assert answer.status_code == 200, body


def test_telegram_chat_ids_never_reach_the_conversation_store(
    assistant: RunningAssistant, messaging_api: FakeMessagingApi
) -> None:
    chat_id = next(_ids)
    telegram(assistant, telegram_update(chat_id, "hallo"))
    hashed = pseudonym("telegram", str(chat_id), USER_ID_SALT)
    stored = stored_tracker(assistant, hashed)
    assert any(event["event"] == "user" for event in stored["events"])
    assert str(chat_id) not in json.dumps(stored)
    in_clear = stored_tracker(assistant, str(chat_id))
    assert not any(event["event"] == "user" for event in in_clear["events"])


# --- WhatsApp through Twilio --------------------------------------------------


def test_whatsapp_answer_with_disclaimer_numbered_options_and_number_choice(
    assistant: RunningAssistant, messaging_api: FakeMessagingApi, knowledge_base: KnowledgeBase
) -> None:
    phone = "+31612340001"
    answer = whatsapp(assistant, messaging_api, whatsapp_form(phone, "wat is een pet ct scan"))
    assert answer.status_code == 200 and "<Response>" in answer.text
    calls = messaging_api.calls_to("/Messages.json", To=f"whatsapp:{phone}")
    assert all(call.body["From"] == "whatsapp:+14155238886" for call in calls)
    assert all(call.headers.get("Authorization", "").startswith("Basic ") for call in calls)
    text = whatsapp_texts(messaging_api, phone)[-1]
    entry = knowledge_base.entries["pet_ct_scan"]
    assert text.startswith(entry.answer.strip()[:40]) and knowledge_base.disclaimer in text
    assert "/ask_" not in text
    first = knowledge_base.entries[entry.related[0]]
    assert f"\n1. {first.title}" in text

    whatsapp(assistant, messaging_api, whatsapp_form(phone, "1"))
    assert whatsapp_texts(messaging_api, phone)[-1].startswith(first.answer.strip()[:40])


def test_whatsapp_rejects_an_unsigned_or_wrongly_signed_request(
    assistant: RunningAssistant, messaging_api: FakeMessagingApi
) -> None:
    phone = "+31612340002"
    form = whatsapp_form(phone, "hallo")
    assert whatsapp(assistant, messaging_api, form, token="not-the-token").status_code == 403
    unsigned = requests.post(f"{assistant.url}/webhooks/twilio/webhook", data=form, timeout=30)
    assert unsigned.status_code == 403
    assert whatsapp_texts(messaging_api, phone) == []


def test_whatsapp_numbers_never_reach_the_conversation_store(
    assistant: RunningAssistant, messaging_api: FakeMessagingApi
) -> None:
    phone = "+31612340003"
    whatsapp(assistant, messaging_api, whatsapp_form(phone, "hallo"))
    hashed = pseudonym("twilio", f"whatsapp:{phone}", USER_ID_SALT)
    stored = stored_tracker(assistant, hashed)
    assert any(event["event"] == "user" for event in stored["events"])
    assert phone.lstrip("+") not in json.dumps(stored)


# --- the same urgent replies everywhere ------------------------------------------


@pytest.mark.parametrize("text", [ALARM, DISTRESS])
def test_urgent_replies_read_the_same_on_every_channel(
    assistant: RunningAssistant, messaging_api: FakeMessagingApi, text: str
) -> None:
    over_rest = rest_texts(assistant, text, f"rest-urgent-{next(_ids)}")
    assert reply("alarm") in over_rest or reply("distress") in over_rest
    chat_id = next(_ids)
    telegram(assistant, telegram_update(chat_id, text))
    phone = f"+3161{next(_ids)}"
    whatsapp(assistant, messaging_api, whatsapp_form(phone, text))
    assert telegram_texts(messaging_api, chat_id) == over_rest
    assert whatsapp_texts(messaging_api, phone) == over_rest
    # And the web widget's channel: the same messages, whole.
    client = Client(assistant.url)
    try:
        session_id = client.session(uuid.uuid4().hex)
        client.say({"message": text, "session_id": session_id})
        over_socketio = [numbered_text(message) for message in client.receive(len(over_rest))]
    finally:
        client.sio.disconnect()
    assert over_socketio == over_rest
