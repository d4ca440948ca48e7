"""REST channel that validates its input and follows the shared output contract.

Same URL and protocol as rasa's stock REST channel
(POST /webhooks/rest/webhook with {"sender": "...", "message": "..."}), but:
- a body that is not a JSON object with a text "message" (empty body, null,
  [], a bare string, a number) gets a 400 with a clear error instead of
  rasa's 500; a long message is answered, never refused (see channels/output.py);
- "sender" is required (rasa falls back to one shared "default" conversation);
- bot messages follow channels/output.py: whole texts with their metadata
  (answer id, source section, kind), and a Dutch reply even when processing fails.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Awaitable, Callable, Dict, Optional, Tuple

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

import rasa_overrides
from channels.output import (
    MAX_MESSAGE_CHARS,
    MAX_SENDER_CHARS,
    ContractOutputChannel,
    Message,
    handle_safely,
    over_cap_messages,
)

logger = logging.getLogger(__name__)

# Loaded by every `rasa run` with this credentials.yml: the place to put
# this project's changes to rasa's own behaviour in place (rasa_overrides/).
rasa_overrides.install()


class MetadataCollectingOutputChannel(ContractOutputChannel, CollectingOutputChannel):
    """Collects contract messages for the HTTP response (a CollectingOutputChannel,
    so rasa's processor treats it as one)."""

    def __init__(self) -> None:
        ContractOutputChannel.__init__(self)
        CollectingOutputChannel.__init__(self)

    async def deliver(self, message: Message) -> None:
        self.messages.append(message)


def bad_request(error: str, detail: str, status: int = 400) -> HTTPResponse:
    return response.json({"error": error, "detail": detail}, status=status)


def parse_body(request: Request) -> Tuple[Optional[Dict[str, Any]], Optional[HTTPResponse]]:
    """The validated request body, or the 4xx response that explains what is wrong."""
    try:
        body = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: deeply nested JSON
        return None, bad_request(
            "invalid_json",
            'Send a JSON object such as {"sender": "abc", "message": "hallo"}.',
        )
    if not isinstance(body, dict):
        return None, bad_request(
            "not_an_object", 'The body must be a JSON object with "sender" and "message".'
        )
    message = body.get("message")
    if not isinstance(message, str) or not message.strip():
        return None, bad_request("missing_message", '"message" must be a non-empty text.')
    # No shared "default" sender (rasa's fallback): anonymous users would
    # share one conversation and see each other's dialogue state.
    sender = body.get("sender")
    if isinstance(sender, bool) or not isinstance(sender, (str, int)) or not str(sender).strip():
        return None, bad_request("invalid_sender", '"sender" must be a non-empty text or number.')
    if len(str(sender)) > MAX_SENDER_CHARS:
        return None, bad_request("invalid_sender", f'"sender" may be at most {MAX_SENDER_CHARS} characters.')
    metadata = body.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        return None, bad_request("invalid_metadata", '"metadata" must be a JSON object when given.')
    return {"sender": str(sender), "message": message, "metadata": metadata}, None


class RobustRestInput(RestInput):
    """Drop-in replacement for rasa's RestInput (same name, same URL)."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.listener("before_server_stop")
        async def close_action_connections(*_: Any) -> None:
            await rasa_overrides.action_connection.close_sessions()

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            body, error = parse_body(request)
            if error is not None:
                return error
            assert body is not None
            if len(body["message"]) > MAX_MESSAGE_CHARS:
                return response.json(over_cap_messages(body["sender"], body["message"]))
            collector = MetadataCollectingOutputChannel()
            message = UserMessage(
                body["message"],
                collector,
                body["sender"],
                input_channel=self.name(),
                metadata=body["metadata"],
            )
            await handle_safely(on_new_message, message, collector)
            return response.json(collector.messages)

        return webhook
