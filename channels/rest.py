"""REST channel that validates its input and keeps answer metadata.

Same URL and protocol as rasa's stock REST channel
(POST /webhooks/rest/webhook with {"sender": "...", "message": "..."}), but:
- a body that is not a JSON object with a text "message" (empty body, null,
  [], a bare string, a number, oversized text) gets a 400 with a clear error
  instead of rasa's 500;
- "sender" is required (rasa falls back to one shared "default" conversation);
- each bot message keeps its "metadata" (answer id, source section, kind), so
  a client can show the source and collect feedback per answer;
- if processing fails or yields nothing, the user still gets a Dutch reply.
"""

from __future__ import annotations

import json
import logging
import os
from asyncio import CancelledError
from typing import Any, Awaitable, Callable, Dict, List, Optional, Tuple

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels import action_response_validation

logger = logging.getLogger(__name__)

# Loaded by every `rasa run` with this credentials.yml: the place to make the
# server validate action responses with a cached validator (see that module).
# STOCK_ACTION_VALIDATION=1 keeps rasa's own check (for the benchmark's comparison).
if os.environ.get("STOCK_ACTION_VALIDATION") != "1":
    action_response_validation.install()

MAX_MESSAGE_CHARS = 2000
MAX_SENDER_CHARS = 128
PROCESSING_FAILED_REPLY = (
    "Sorry, er ging iets mis bij het beantwoorden van uw vraag. Probeer het over een paar "
    "minuten opnieuw. Bij spoed belt u uw ziekenhuis of de huisartsenpost, bij levensgevaar 112."
)


class MetadataCollectingOutputChannel(CollectingOutputChannel):
    """Collects bot messages like rasa's, plus their metadata, and keeps each
    text whole (rasa's splits it at blank lines, separating an answer from
    its disclaimer)."""

    @staticmethod
    def _message(
        recipient_id: str,
        text: Optional[str] = None,
        image: Optional[str] = None,
        buttons: Optional[List[Dict[str, Any]]] = None,
        attachment: Optional[str] = None,
        custom: Optional[Dict[str, Any]] = None,
        metadata: Optional[Dict[str, Any]] = None,
    ) -> Dict[str, Any]:
        message = CollectingOutputChannel._message(recipient_id, text, image, buttons, attachment, custom)
        if metadata:
            message["metadata"] = metadata
        return message

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._persist_message(self._message(recipient_id, text=text, metadata=kwargs.get("metadata")))

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: List[Dict[str, Any]], **kwargs: Any
    ) -> None:
        await self._persist_message(
            self._message(recipient_id, text=text, buttons=buttons, metadata=kwargs.get("metadata"))
        )


def bad_request(error: str, detail: str) -> HTTPResponse:
    return response.json({"error": error, "detail": detail}, status=400)


def parse_body(request: Request) -> Tuple[Optional[Dict[str, Any]], Optional[HTTPResponse]]:
    """The validated request body, or the 400 response that explains what is wrong."""
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
    if len(message) > MAX_MESSAGE_CHARS:
        return None, bad_request(
            "message_too_long", f'"message" may be at most {MAX_MESSAGE_CHARS} characters.'
        )
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

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            body, error = parse_body(request)
            if error is not None:
                return error
            assert body is not None
            collector = MetadataCollectingOutputChannel()
            try:
                await on_new_message(
                    UserMessage(
                        body["message"],
                        collector,
                        body["sender"],
                        input_channel=self.name(),
                        metadata=body["metadata"],
                    )
                )
            except CancelledError:
                logger.error("Message handling timed out for sender %s", body["sender"])
            except Exception:
                logger.exception("Message handling failed for sender %s", body["sender"])
            if not collector.messages:
                # Never leave a patient without any reply.
                collector.messages.append(
                    {
                        "recipient_id": body["sender"],
                        "text": PROCESSING_FAILED_REPLY,
                        "metadata": {"kind": "error"},
                    }
                )
            return response.json(collector.messages)

        return webhook
