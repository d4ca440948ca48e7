"""Messaging apps: Telegram, and WhatsApp (or SMS) through Twilio.

Both replace rasa's stock connectors of the same name (same webhook URLs,
/webhooks/telegram/webhook and /webhooks/twilio/webhook) and share the output
contract of channels/output.py, on a text-only screen:

- an answer stays one message with its disclaimer (split only above the
  app's length limit, at a paragraph boundary);
- buttons become numbered options under the text ("Typ het nummer van uw
  keuze: 1. ... 2. ..."), and a reply of just the number chooses that option
  (rasa's stock Twilio channel sends each button as a separate message showing
  its raw payload);
- phone numbers and Telegram chat ids never reach the conversation store: the
  sender id is an HMAC-SHA256 pseudonym with a secret salt (USER_ID_SALT); the
  real address is kept only for the replies to the request being answered;
- the webhook is authenticated: Telegram's secret-token header, Twilio's
  request signature;
- a failure still gets the Dutch "something went wrong" reply.

Settings come from environment variables; credentials.yml names them (see the
README). A connector whose variables are not set answers 503 and logs why.
The API base URLs are settings too, so the tests can point them at a local
fake server.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
from typing import Any, Awaitable, Callable, Dict, List, Optional

import aiohttp
from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from actions.replies import reply
from channels.output import (
    MAX_MESSAGE_CHARS,
    ContractOutputChannel,
    Message,
    bot_message,
    chosen_payload,
    handle_safely,
    last_buttons,
    numbered_text,
    over_cap_messages,
    split_text,
)

logger = logging.getLogger(__name__)

TELEGRAM_TEXT_LIMIT = 4096
TWILIO_TEXT_LIMIT = 1600
API_TIMEOUT = aiohttp.ClientTimeout(total=15)


def setting(credentials: Optional[Dict[str, Any]], key: str, default_env: str) -> str:
    """The value of the environment variable that credentials.yml names for `key`."""
    env_name = str((credentials or {}).get(key) or default_env)
    return os.environ.get(env_name, "").strip()


async def post(what: str, url: str, **kwargs: Any) -> None:
    """One call to a messaging API; a failure is logged (the user cannot be reached anyway)."""
    async with aiohttp.ClientSession(timeout=API_TIMEOUT) as session, session.post(url, **kwargs) as answer:
        if answer.status >= 300:
            logger.error("%s failed with HTTP %s", what, answer.status)


def pseudonym(channel: str, address: str, salt: str) -> str:
    """A stable sender id that does not reveal the phone number or chat id."""
    digest = hmac.new(salt.encode(), f"{channel}:{address}".encode(), hashlib.sha256).hexdigest()
    return f"{channel}-{digest[:40]}"


class TextOnlyOutput(ContractOutputChannel):
    """Sends contract messages as plain text to one real address."""

    def __init__(self, channel_name: str, send: Callable[[str], Awaitable[None]], limit: int) -> None:
        super().__init__()
        self.channel_name = channel_name
        self.send = send
        self.limit = limit

    def name(self) -> str:
        return self.channel_name

    async def deliver(self, message: Message) -> None:
        text = numbered_text(message)
        if not text:
            return
        for part in split_text(text, self.limit):
            await self.send(part)


class MessagingInput(InputChannel):
    """What the Telegram and Twilio connectors share."""

    channel_name = "messaging"
    text_limit = 1000

    def __init__(self, salt: str, api_base: str) -> None:
        self.salt = salt
        self.api_base = api_base.rstrip("/")

    @classmethod
    def name(cls) -> str:
        return cls.channel_name

    def missing_settings(self) -> List[str]:
        return [] if self.salt else ["USER_ID_SALT"]

    async def user_text(self, request: Request, sender_id: str, text: str) -> str:
        """The text to process: the option's payload when the user typed its number."""
        agent = getattr(request.app.ctx, "agent", None)
        if agent is None or agent.tracker_store is None:
            return text
        tracker = await agent.tracker_store.retrieve(sender_id)
        if tracker is None:
            return text
        buttons = last_buttons([event.as_dict() for event in tracker.events])
        return chosen_payload(text, buttons) or text

    async def process(
        self,
        request: Request,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        address: str,
        text: Optional[str],
        send: Callable[[str], Awaitable[None]],
    ) -> None:
        """Answer one inbound message; never raises (the app would retry the webhook)."""
        sender_id = pseudonym(self.channel_name, address, self.salt)
        output = TextOnlyOutput(self.channel_name, send, self.text_limit)
        try:
            if text is None or not text.strip():
                await output.deliver(bot_message(sender_id, text=reply("not_text_message")))
                return
            if len(text) > MAX_MESSAGE_CHARS:
                for over_cap in over_cap_messages(sender_id, text):
                    await output.deliver(over_cap)
                return
            text = await self.user_text(request, sender_id, text)
            message = UserMessage(text, output, sender_id, input_channel=self.channel_name)
            await handle_safely(on_new_message, message, output)
        except Exception:
            logger.exception("Could not answer a %s message from sender %s", self.channel_name, sender_id)

    def not_configured(self) -> Optional[HTTPResponse]:
        missing = self.missing_settings()
        if not missing:
            return None
        return response.json(
            {"error": "not_configured", "detail": f"Set {', '.join(missing)} to use this channel."},
            status=503,
        )


class TelegramConnector(MessagingInput):
    """Telegram bot webhook (set it with setWebhook and a secret_token)."""

    channel_name = "telegram"
    text_limit = TELEGRAM_TEXT_LIMIT

    def __init__(self, access_token: str, secret_token: str, salt: str, api_base: str) -> None:
        super().__init__(salt, api_base or "https://api.telegram.org")
        self.access_token = access_token
        self.secret_token = secret_token

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        return cls(
            setting(credentials, "access_token_env", "TELEGRAM_ACCESS_TOKEN"),
            setting(credentials, "secret_token_env", "TELEGRAM_SECRET_TOKEN"),
            setting(credentials, "salt_env", "USER_ID_SALT"),
            setting(credentials, "api_base_env", "TELEGRAM_API_BASE"),
        )

    def missing_settings(self) -> List[str]:
        missing = super().missing_settings()
        if not self.access_token:
            missing.append("TELEGRAM_ACCESS_TOKEN")
        if not self.secret_token:
            missing.append("TELEGRAM_SECRET_TOKEN")
        return missing

    def sender(self, chat_id: Any) -> Callable[[str], Awaitable[None]]:
        async def send(text: str) -> None:
            url = f"{self.api_base}/bot{self.access_token}/sendMessage"
            await post("Telegram sendMessage", url, json={"chat_id": chat_id, "text": text})

        return send

    @staticmethod
    def inbound_text(update: Dict[str, Any]) -> Optional[str]:
        message = update.get("message") or {}
        text = message.get("text")
        if not isinstance(text, str):
            return None
        command = text.strip().split(" ", 1)[0].split("@", 1)[0].lower()
        if command == "/start":
            return "/greet"  # Telegram's first message: the welcome and topics
        if command == "/help":
            return "/help"
        # Other slash texts are read as words, never as an intent payload.
        return text.lstrip("/") if text.startswith("/") else text

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("telegram_contract_webhook", __name__)
        if self.missing_settings():
            logger.warning("Telegram channel not configured: set %s", ", ".join(self.missing_settings()))

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return self.not_configured() or response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            refusal = self.not_configured()
            if refusal is not None:
                return refusal
            given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
            if not hmac.compare_digest(given.encode(), self.secret_token.encode()):
                return response.json({"error": "forbidden"}, status=403)
            update = request.json if isinstance(request.json, dict) else None
            message = (update or {}).get("message")
            chat = message.get("chat") if isinstance(message, dict) else None
            chat_id = chat.get("id") if isinstance(chat, dict) else None
            if update is None or chat_id is None:
                # Edited messages, channel posts, callbacks...: acknowledged, not answered.
                return response.json({"ok": True})
            await self.process(
                request, on_new_message, str(chat_id), self.inbound_text(update), self.sender(chat_id)
            )
            return response.json({"ok": True})

        return webhook


class TwilioConnector(MessagingInput):
    """Twilio webhook for WhatsApp ("whatsapp:+31...") and SMS numbers."""

    channel_name = "twilio"
    text_limit = TWILIO_TEXT_LIMIT

    def __init__(self, account_sid: str, auth_token: str, webhook_url: str, salt: str, api_base: str) -> None:
        super().__init__(salt, api_base or "https://api.twilio.com")
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.webhook_url = webhook_url

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        return cls(
            setting(credentials, "account_sid_env", "TWILIO_ACCOUNT_SID"),
            setting(credentials, "auth_token_env", "TWILIO_AUTH_TOKEN"),
            setting(credentials, "webhook_url_env", "TWILIO_WEBHOOK_URL"),
            setting(credentials, "salt_env", "USER_ID_SALT"),
            setting(credentials, "api_base_env", "TWILIO_API_BASE"),
        )

    def missing_settings(self) -> List[str]:
        missing = super().missing_settings()
        for value, name in (
            (self.account_sid, "TWILIO_ACCOUNT_SID"),
            (self.auth_token, "TWILIO_AUTH_TOKEN"),
            (self.webhook_url, "TWILIO_WEBHOOK_URL"),
        ):
            if not value:
                missing.append(name)
        return missing

    def sender(self, to: str, from_: str) -> Callable[[str], Awaitable[None]]:
        async def send(text: str) -> None:
            url = f"{self.api_base}/2010-04-01/Accounts/{self.account_sid}/Messages.json"
            auth = aiohttp.BasicAuth(self.account_sid, self.auth_token)
            await post("Twilio message create", url, data={"To": to, "From": from_, "Body": text}, auth=auth)

        return send

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("twilio_contract_webhook", __name__)
        if self.missing_settings():
            logger.warning("Twilio channel not configured: set %s", ", ".join(self.missing_settings()))
        empty_twiml = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return self.not_configured() or response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            refusal = self.not_configured()
            if refusal is not None:
                return refusal
            params = {key: request.form.get(key) for key in request.form}
            signature = request.headers.get("X-Twilio-Signature", "")
            if not RequestValidator(self.auth_token).validate(self.webhook_url, params, signature):
                return response.json({"error": "forbidden"}, status=403)
            sender, ours = params.get("From"), params.get("To")
            if not sender or not ours:
                return response.json({"error": "missing_from_or_to"}, status=400)
            text = params.get("Body")
            await self.process(request, on_new_message, sender, text, self.sender(sender, ours))
            return response.text(empty_twiml, content_type="text/xml")

        return webhook
