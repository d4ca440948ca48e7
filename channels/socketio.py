"""socket.io channel for the web widget and the kiosk.

Same events, URL and credentials as rasa's stock `socketio` channel
(`session_request` / `session_confirm`, `user_uttered` / `bot_uttered`), but:
- every bot message is one contract message (channels/output.py): the text
  whole (rasa's splits it at blank lines, separating answer and disclaimer),
  with its buttons and metadata (rasa's drops the metadata, so a widget could
  not show the source or ask for feedback per answer);
- a malformed payload (not an object, no text, an absurdly long text, broken
  metadata) gets a Dutch reply instead of an exception inside rasa's handler;
- a failure during processing still gets a Dutch reply;
- `feedback` events ({"session_id", "answer_id", "useful"}) are recorded in
  the conversation (channels/feedback.py), answered by a socket.io ack;
- works with python-socketio's sync and async `enter_room`.
"""

from __future__ import annotations

import inspect
import logging
import re
import uuid
from typing import Any, Awaitable, Callable, Dict, List, Optional

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from actions.replies import reply
from channels.feedback import record_feedback
from channels.output import (
    MAX_MESSAGE_CHARS,
    ContractOutputChannel,
    Message,
    bot_message,
    handle_safely,
    over_cap_messages,
    parse_metadata,
)

logger = logging.getLogger(__name__)

_SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


async def maybe_await(result: Any) -> None:
    """python-socketio >= 5.9 made enter_room / leave_room coroutines."""
    if inspect.isawaitable(result):
        await result


def valid_session_id(value: Any) -> Optional[str]:
    return value if isinstance(value, str) and _SESSION_ID.match(value) else None


class ContractSocketIOOutput(ContractOutputChannel):
    """Emits each contract message whole, as one `bot_uttered` event."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def __init__(self, sio: AsyncServer, bot_message_evt: str, room: str) -> None:
        super().__init__()
        self.sio = sio
        self.bot_message_evt = bot_message_evt
        self.room = room

    async def deliver(self, message: Message) -> None:
        await self.sio.emit(self.bot_message_evt, message, room=self.room)


class ContractSocketIOInput(SocketIOInput):
    """Drop-in replacement for rasa's SocketIOInput (same name, same URL).

    One extra, optional credentials key: `cors_allowed_origins`, a list of
    origins allowed to open a socket.io connection (python-socketio checks
    the Origin header, websockets included). Absent, the check is left to the
    Sanic app, as in rasa's own channel."""

    cors_allowed_origins: Optional[List[str]] = None

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        channel = super().from_credentials(credentials)
        origins = (credentials or {}).get("cors_allowed_origins")
        if isinstance(origins, str):
            origins = [origin.strip() for origin in origins.split(",") if origin.strip()]
        if isinstance(channel, ContractSocketIOInput) and isinstance(origins, list) and origins:
            channel.cors_allowed_origins = [str(origin) for origin in origins]
        return channel

    def get_output_channel(self) -> Optional[ContractSocketIOOutput]:
        # External events (reminders) have no room to go to; rasa's own
        # channel has the same limit with several workers.
        return None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        # Without configured origins, python-socketio leaves CORS to the Sanic
        # app (rasa's --cors), as rasa's own channel does.
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=self.cors_allowed_origins or [])
        socketio_webhook = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        self.sio = sio
        namespace = self.namespace
        app: Dict[str, Sanic] = {}

        @socketio_webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @socketio_webhook.listener("after_server_start")
        async def remember_app(server: Sanic, _: Any) -> None:
            app["app"] = server

        async def reply_to(sid: str, key: str) -> None:
            await sio.emit(
                self.bot_message_evt,
                bot_message(sid, text=reply(key), metadata={"kind": "error"}),
                room=sid,
                namespace=namespace,
            )

        async def join_conversation(sid: str, session_id: str) -> None:
            """A socket follows one conversation: leaving the previous one ("Nieuw
            gesprek", a wiped kiosk) stops its late replies."""
            rooms = sio.rooms(sid, namespace=namespace)
            if session_id in rooms:
                return
            for room in rooms:
                if room != sid:
                    await maybe_await(sio.leave_room(sid, room, namespace=namespace))
            await maybe_await(sio.enter_room(sid, session_id, namespace=namespace))

        @sio.on("connect", namespace=namespace)
        async def connect(sid: str, environ: Dict[str, Any], auth: Any = None) -> bool:
            if not self.jwt_key:
                return True
            from rasa.core.channels.channel import decode_bearer_token

            token = auth.get("token") if isinstance(auth, dict) else None
            return bool(token and decode_bearer_token(token, self.jwt_key, self.jwt_algorithm))

        @sio.on("session_request", namespace=namespace)
        async def session_request(sid: str, data: Any = None) -> None:
            requested = valid_session_id(data.get("session_id")) if isinstance(data, dict) else None
            session_id = requested or uuid.uuid4().hex
            if self.session_persistence:
                await join_conversation(sid, session_id)
            await sio.emit("session_confirm", session_id, room=sid, namespace=namespace)

        @sio.on(self.user_message_evt, namespace=namespace)
        async def handle_message(sid: str, data: Any = None) -> None:
            if not isinstance(data, dict):
                await reply_to(sid, "message_not_readable")
                return
            if self.session_persistence:
                sender_id = valid_session_id(data.get("session_id"))
                if sender_id is None:
                    await reply_to(sid, "message_not_readable")
                    return
                # A message the client buffered while reconnecting can arrive
                # before its session_request: its reply must still reach it.
                await join_conversation(sid, sender_id)
            else:
                sender_id = sid
            text = data.get("message")
            if not isinstance(text, str) or not text.strip():
                await reply_to(sid, "message_not_readable")
                return
            if len(text) > MAX_MESSAGE_CHARS:
                room = sender_id if self.session_persistence else sid
                for over_cap in over_cap_messages(sender_id, text):
                    await sio.emit(self.bot_message_evt, over_cap, room=room, namespace=namespace)
                return
            metadata = parse_metadata(data.get(self.metadata_key or "metadata"))
            room = sender_id if self.session_persistence else sid
            output = ContractSocketIOOutput(sio, self.bot_message_evt, room)
            message = UserMessage(text, output, sender_id, input_channel=self.name(), metadata=metadata)
            await handle_safely(on_new_message, message, output)

        @sio.on("feedback", namespace=namespace)
        async def feedback(sid: str, data: Any = None) -> Dict[str, Any]:
            if not isinstance(data, dict) or "app" not in app:
                return {"ok": False, "error": "invalid_feedback"}
            sender_id = valid_session_id(data.get("session_id")) if self.session_persistence else sid
            if sender_id is None:
                return {"ok": False, "error": "invalid_session"}
            error = await record_feedback(
                app["app"].ctx.agent, sender_id, data.get("answer_id"), data.get("useful")
            )
            return {"ok": error is None, **({"error": error} if error else {})}

        return socketio_webhook
