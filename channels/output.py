"""The output contract every channel shares (REST, socket.io, Telegram, WhatsApp).

One bot message is one dict, the same on every channel:

    {"recipient_id": "...", "text": "...", "buttons": [{"title": ..., "payload": ...}],
     "metadata": {"kind": ..., "answer_id": ..., "source_section": ..., "reviewed": ...}}

- A text is never split: an answer and its disclaimer stay in one message
  (rasa's stock channels split at blank lines).
- The metadata that actions attach travels with the message (rasa's stock
  socket.io, Telegram and Twilio channels drop it).
- `handle_safely` runs a user message and, when processing fails or yields no
  reply, sends the Dutch "something went wrong" reply: a patient is never left
  without an answer.
- Text-only channels (SMS, WhatsApp, Telegram) show buttons as numbered
  options; `numbered_text` renders them and `chosen_payload` maps a reply of
  just the number back to the option's payload.

All Dutch text comes from knowledge/replies.yml.
"""

from __future__ import annotations

import json
import logging
import re
from abc import ABC, abstractmethod
from asyncio import CancelledError
from typing import Any, Awaitable, Callable, Dict, List, Optional

from rasa.core.channels.channel import OutputChannel, UserMessage

from actions.replies import reply
from safety.red_flags import assess

logger = logging.getLogger(__name__)

# The one limit on message length, for every channel. Longer messages are
# passed to the NLU, whose safety check reads the whole text (an urgent story
# gets the urgent reply, another a request to shorten it); past this cap the
# channel answers itself with over_cap_messages.
MAX_MESSAGE_CHARS = 20_000
MAX_SENDER_CHARS = 128

# Commands a client sends that need no reply (a new session starts silently).
SILENT_COMMANDS = ("/session_start", "/restart")

Message = Dict[str, Any]


def bot_message(
    recipient_id: str,
    text: Optional[str] = None,
    buttons: Optional[List[Dict[str, Any]]] = None,
    metadata: Optional[Dict[str, Any]] = None,
    image: Optional[str] = None,
    custom: Optional[Dict[str, Any]] = None,
    attachment: Optional[Any] = None,
) -> Message:
    """One bot message in the shared shape; absent parts are left out."""
    message: Message = {"recipient_id": recipient_id}
    if text is not None:
        message["text"] = text
    if buttons:
        message["buttons"] = [
            {"title": str(button.get("title", "")), "payload": str(button.get("payload", ""))}
            for button in buttons
        ]
    if image:
        message["image"] = image
    if custom:
        message["custom"] = custom
    if attachment:
        message["attachment"] = attachment
    if metadata:
        message["metadata"] = metadata
    return message


def over_cap_messages(recipient_id: str, text: str) -> List[Message]:
    """The channel's own reply to a text past MAX_MESSAGE_CHARS (not run
    through the NLU): the urgent replies first when the safety patterns find
    an alarm or distress anywhere in the whole text, then the request to
    shorten it and the emergency line."""
    verdict = assess(text)
    messages = []
    if verdict.alarm_categories:
        messages.append(bot_message(recipient_id, text=reply("alarm"), metadata={"kind": "alarm"}))
    if verdict.distress:
        messages.append(bot_message(recipient_id, text=reply("distress"), metadata={"kind": "distress"}))
    messages.append(bot_message(recipient_id, text=reply("too_long"), metadata={"kind": "too_long"}))
    messages.append(bot_message(recipient_id, text=reply("emergency_line"), metadata={"kind": "safety_line"}))
    return messages


def failure_message(recipient_id: str) -> Message:
    return bot_message(recipient_id, text=reply("processing_failed"), metadata={"kind": "error"})


class ContractOutputChannel(OutputChannel, ABC):
    """Turns every kind of bot output into one contract message and hands it
    to `deliver`. Counts what it sent, so `handle_safely` knows whether the
    user got a reply."""

    def __init__(self) -> None:
        self.sent = 0

    @abstractmethod
    async def deliver(self, message: Message) -> None:
        """Send one contract message to the user."""

    async def _send(self, message: Message) -> None:
        await self.deliver(message)
        self.sent += 1

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._send(bot_message(recipient_id, text=text, metadata=kwargs.get("metadata")))

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: List[Dict[str, Any]], **kwargs: Any
    ) -> None:
        await self._send(
            bot_message(recipient_id, text=text, buttons=buttons, metadata=kwargs.get("metadata"))
        )

    async def send_quick_replies(
        self, recipient_id: str, text: str, quick_replies: List[Dict[str, Any]], **kwargs: Any
    ) -> None:
        await self.send_text_with_buttons(recipient_id, text, quick_replies, **kwargs)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self._send(bot_message(recipient_id, image=image, metadata=kwargs.get("metadata")))

    async def send_attachment(self, recipient_id: str, attachment: Any, **kwargs: Any) -> None:
        await self._send(bot_message(recipient_id, attachment=attachment, metadata=kwargs.get("metadata")))

    async def send_custom_json(self, recipient_id: str, json_message: Dict[str, Any], **kwargs: Any) -> None:
        await self._send(bot_message(recipient_id, custom=json_message, metadata=kwargs.get("metadata")))


async def handle_safely(
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
    message: UserMessage,
    output: ContractOutputChannel,
) -> None:
    """Process a user message; never leave the user without a reply."""
    try:
        await on_new_message(message)
    except CancelledError:
        logger.error("Message handling timed out for sender %s", message.sender_id)
    except Exception:
        logger.exception("Message handling failed for sender %s", message.sender_id)
    text = (message.text or "").strip()
    if output.sent == 0 and not text.startswith(SILENT_COMMANDS):
        await output._send(failure_message(str(message.sender_id)))


def parse_metadata(value: Any) -> Optional[Dict[str, Any]]:
    """Client metadata as a dict: a JSON object or a text holding one; anything else is dropped."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    return value if isinstance(value, dict) else None


# --- text-only channels -------------------------------------------------------

_NUMBER_ONLY = re.compile(r"^\s*(\d{1,2})\s*[.)]?\s*$")


def numbered_text(message: Message) -> str:
    """The message text with its buttons as numbered options underneath."""
    text = str(message.get("text") or "").strip()
    buttons = message.get("buttons") or []
    if not buttons:
        return text
    options = "\n".join(f"{number}. {button['title']}" for number, button in enumerate(buttons, start=1))
    return f"{text}\n\n{reply('numbered_options_intro')}\n{options}".strip()


def split_text(text: str, limit: int) -> List[str]:
    """Parts of at most `limit` characters, cut at paragraph, then line, then
    word boundaries; a text that fits stays whole."""
    if len(text) <= limit:
        return [text]
    parts: List[str] = []
    rest = text
    while len(rest) > limit:
        window = rest[:limit]
        cut = next((window.rfind(sep) for sep in ("\n\n", "\n", " ") if window.rfind(sep) > 0), limit)
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        parts.append(rest)
    return parts


def last_buttons(events: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """The buttons of the bot's last message, from the conversation's events."""
    for event in reversed(events):
        if event.get("event") == "user":
            return []
        if event.get("event") == "bot":
            buttons = (event.get("data") or {}).get("buttons") or []
            return [button for button in buttons if isinstance(button, dict)]
    return []


def chosen_payload(text: str, buttons: List[Dict[str, Any]]) -> Optional[str]:
    """The payload of option N when `text` is just the number N of an offered option."""
    match = _NUMBER_ONLY.match(text or "")
    if not match:
        return None
    index = int(match.group(1)) - 1
    if 0 <= index < len(buttons):
        payload = buttons[index].get("payload")
        return str(payload) if payload else None
    return None
