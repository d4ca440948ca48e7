"""Unit tests of the shared output contract and the channel helpers."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Dict, List

import pytest
import yaml

from actions.replies import reply
from channels.messaging import TelegramConnector, pseudonym
from channels.output import (
    ContractOutputChannel,
    Message,
    bot_message,
    chosen_payload,
    last_buttons,
    numbered_text,
    parse_metadata,
    split_text,
)
from tests.helpers import REPO_ROOT

BUTTONS = [
    {"title": "PET/CT-scan", "payload": "/ask_pet_ct_scan"},
    {"title": "Botten", "payload": "/ask_bones"},
]


class Recording(ContractOutputChannel):
    def __init__(self) -> None:
        super().__init__()
        self.messages: List[Message] = []

    async def deliver(self, message: Message) -> None:
        self.messages.append(message)


async def test_every_kind_of_output_becomes_one_whole_contract_message() -> None:
    output = Recording()
    text = "Antwoord.\n\nLet op: dit is algemene informatie."
    await output.send_response(
        "u1", {"text": text, "buttons": BUTTONS, "metadata": {"kind": "curated_answer"}}
    )
    await output.send_response("u1", {"text": "Alleen tekst", "metadata": {"kind": "greeting"}})
    assert output.messages == [
        {"recipient_id": "u1", "text": text, "buttons": BUTTONS, "metadata": {"kind": "curated_answer"}},
        {"recipient_id": "u1", "text": "Alleen tekst", "metadata": {"kind": "greeting"}},
    ]
    assert output.sent == 2


def test_numbered_options_under_the_text() -> None:
    text = numbered_text(bot_message("u", text="Kies:", buttons=BUTTONS))
    assert text == f"Kies:\n\n{reply('numbered_options_intro')}\n1. PET/CT-scan\n2. Botten"
    assert numbered_text(bot_message("u", text="Geen knoppen")) == "Geen knoppen"


@pytest.mark.parametrize(
    ("typed", "payload"),
    [
        ("1", "/ask_pet_ct_scan"),
        (" 2 ", "/ask_bones"),
        ("2.", "/ask_bones"),
        ("3", None),
        ("0", None),
        ("1 en 2", None),
    ],
)
def test_a_number_chooses_an_offered_option(typed: str, payload: Any) -> None:
    assert chosen_payload(typed, BUTTONS) == payload


def test_only_the_last_bot_message_offers_options() -> None:
    events: List[Dict[str, Any]] = [
        {"event": "bot", "text": "a", "data": {"buttons": BUTTONS}},
        {"event": "action", "name": "action_listen"},
    ]
    assert last_buttons(events) == BUTTONS
    assert last_buttons([*events, {"event": "user", "text": "1"}]) == []
    assert last_buttons([*events, {"event": "bot", "text": "b", "data": {}}]) == []


def test_long_texts_split_at_paragraphs_and_short_ones_stay_whole() -> None:
    text = "Eerste alinea.\n\n" + "woord " * 300
    assert split_text(text, 2000) == [text]
    parts = split_text(text, 500)
    assert parts[0] == "Eerste alinea."
    assert all(len(part) <= 500 for part in parts)
    assert " ".join(" ".join(parts).split()) == " ".join(text.split())


def test_metadata_must_be_an_object() -> None:
    assert parse_metadata({"a": 1}) == {"a": 1}
    assert parse_metadata('{"a": 1}') == {"a": 1}
    assert parse_metadata("{broken") is None
    assert parse_metadata([1]) is None


def test_pseudonyms_are_stable_salted_and_do_not_contain_the_number() -> None:
    first = pseudonym("twilio", "whatsapp:+31612345678", "salt-a")
    assert first == pseudonym("twilio", "whatsapp:+31612345678", "salt-a")
    assert first != pseudonym("twilio", "whatsapp:+31612345678", "salt-b")
    assert "612345678" not in first and first.startswith("twilio-")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/start", "/greet"),
        ("/start@BorstkankerBot abc", "/greet"),
        ("/ask_pet_ct_scan", "ask_pet_ct_scan"),
        ("hoi", "hoi"),
    ],
)
def test_telegram_commands(text: str, expected: str) -> None:
    assert TelegramConnector.inbound_text({"message": {"text": text}}) == expected


def test_every_interface_text_the_pages_use_exists() -> None:
    texts = yaml.safe_load((REPO_ROOT / "knowledge" / "interface.yml").read_text(encoding="utf-8"))
    used = set()
    for script in ("widget.js", "kiosk.js"):
        source = Path(REPO_ROOT / "web" / script).read_text(encoding="utf-8")
        used |= set(re.findall(r"texts\.([a-z_]+)", source))
        used |= set(re.findall(r'setStatus\("([a-z_]+)"\)', source))
    assert used, "no interface texts found in the scripts"
    assert sorted(used - set(texts)) == []


async def test_a_failure_still_gets_the_dutch_reply_and_silent_commands_stay_silent() -> None:
    from rasa.core.channels.channel import UserMessage

    from channels.output import handle_safely

    async def failing(message: UserMessage) -> None:
        raise RuntimeError("action server down")

    async def silent(message: UserMessage) -> None:
        return None

    output = Recording()
    await handle_safely(failing, UserMessage("hallo", output, "u1"), output)
    assert output.messages == [
        {"recipient_id": "u1", "text": reply("processing_failed"), "metadata": {"kind": "error"}}
    ]
    output = Recording()
    await handle_safely(silent, UserMessage("wat is pfs", output, "u1"), output)
    assert [m["text"] for m in output.messages] == [reply("processing_failed")]
    output = Recording()
    await handle_safely(silent, UserMessage("/session_start", output, "u1"), output)
    assert output.messages == []


async def test_socketio_origins_can_be_limited_in_credentials() -> None:
    from channels.socketio import ContractSocketIOInput

    async def ignore(message: Any) -> None:
        return None

    limited = ContractSocketIOInput.from_credentials(
        {
            "session_persistence": True,
            "cors_allowed_origins": "https://www.ziekenhuis.nl, https://kiosk.local",
        }
    )
    assert isinstance(limited, ContractSocketIOInput)
    limited.blueprint(ignore)
    assert limited.sio is not None
    assert limited.sio.eio.cors_allowed_origins == ["https://www.ziekenhuis.nl", "https://kiosk.local"]

    default = ContractSocketIOInput.from_credentials({"session_persistence": True})
    assert isinstance(default, ContractSocketIOInput)
    default.blueprint(ignore)
    assert default.sio is not None and default.sio.eio.cors_allowed_origins == []
