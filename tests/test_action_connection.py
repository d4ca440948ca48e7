"""The Rasa server keeps its connection to the action server open between
custom action calls (rasa_overrides/action_connection.py): against the real action
server, and against a server that closes a kept-alive connection as it is reused."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Awaitable, Callable, Dict, Iterator, List

import aiohttp
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import ClientResponseError, EndpointConfig

from launcher.paths import REPO_ROOT
from rasa_overrides import action_connection
from tests.helpers import RunningAssistant, free_port


@pytest.fixture
def kept_alive() -> Iterator[None]:
    before = RemoteAction.__init__
    action_connection.install()
    try:
        yield
    finally:
        RemoteAction.__init__ = before  # type: ignore[method-assign]


def http_response(status: str, body: bytes, keep_alive: bool = False) -> bytes:
    connection = b"Connection: keep-alive\r\n" if keep_alive else b""
    return (
        f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\n".encode()
        + connection
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )


@asynccontextmanager
async def raw_server(
    serve: Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]],
) -> AsyncIterator[str]:
    """A bare HTTP server on loopback (its webhook URL), closed afterwards
    together with the kept-alive session."""
    port = free_port()
    server = await asyncio.start_server(serve, "127.0.0.1", port)
    try:
        yield f"http://127.0.0.1:{port}/webhook"
    finally:
        await action_connection.close_sessions()
        server.close()
        await server.wait_closed()


def greeting_call(action_url: str) -> RemoteAction:
    return RemoteAction("action_greet", EndpointConfig(url=action_url))


def call_body(action: RemoteAction) -> Dict[str, Any]:
    domain = Domain.load(str(REPO_ROOT / "domain"))
    tracker = DialogueStateTracker.from_events(
        "connection-test",
        [
            ActionExecuted("action_session_start"),
            SessionStarted(),
            ActionExecuted("action_listen"),
            UserUttered("hallo", {"name": "greet", "confidence": 1.0}),
        ],
        domain.slots,
    )
    return action._action_call_format(tracker, domain)


async def test_action_calls_share_one_connection(assistant: RunningAssistant, kept_alive: None) -> None:
    action = greeting_call(assistant.settings.resolved_action_server_url)
    assert isinstance(action.action_endpoint, action_connection.KeptAliveEndpoint)
    body = call_body(action)
    opened = action_connection.connections_opened
    replies = [await action.action_endpoint.request(json=body, method="post", timeout=30) for _ in range(5)]
    assert all(reply["responses"] and reply["responses"][0].get("text") for reply in replies)
    assert action_connection.connections_opened - opened == 1
    await action_connection.close_sessions()


async def test_a_connection_closed_on_reuse_is_retried_once(kept_alive: None) -> None:
    """The server answers the first request, then closes that connection when
    the second arrives on it (as a restarting server or its keep-alive timeout
    can): the second call is sent again on a new connection and answered."""
    requests_per_connection: List[int] = []

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        requests_per_connection.append(0)
        index = len(requests_per_connection) - 1
        while True:
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except asyncio.IncompleteReadError:
                return  # the client closed its kept-alive connection
            length = next(
                int(line.split(b":", 1)[1])
                for line in head.split(b"\r\n")
                if line.lower().startswith(b"content-length:")
            )
            await reader.readexactly(length)
            requests_per_connection[index] += 1
            if index == 0 and requests_per_connection[index] == 2:
                writer.close()
                return
            writer.write(http_response("200 OK", b'{"events": [], "responses": []}', keep_alive=True))
            await writer.drain()

    async with raw_server(serve) as webhook:
        endpoint = greeting_call(webhook).action_endpoint
        assert await endpoint.request(json={"n": 1}, method="post") == {"events": [], "responses": []}
        assert await endpoint.request(json={"n": 2}, method="post") == {"events": [], "responses": []}
        assert requests_per_connection == [2, 1]


async def test_a_server_that_is_down_fails_fast(kept_alive: None) -> None:
    endpoint = greeting_call(f"http://127.0.0.1:{free_port()}/webhook").action_endpoint
    with pytest.raises(aiohttp.ClientConnectorError):
        await endpoint.request(json={}, method="post")
    await action_connection.close_sessions()


async def test_an_error_status_keeps_rasas_error_with_the_body(kept_alive: None) -> None:
    """rasa reads a 400's body to reject an action (ActionExecutionRejection)."""

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(http_response("400 Bad Request", b'{"action_name": "action_greet", "error": "nee"}'))
        await writer.drain()
        writer.close()

    async with raw_server(serve) as webhook:
        endpoint = greeting_call(webhook).action_endpoint
        with pytest.raises(ClientResponseError) as raised:
            await endpoint.request(json={}, method="post")
        assert raised.value.status == 400
        assert b"action_greet" in raised.value.text
