"""Keep the HTTP connection to the action server open between messages.

rasa 3.6 opens a new aiohttp session, and so a new TCP connection, for every
custom action call and closes it afterwards (`EndpointConfig.request`): per
message a connect, a connection set-up in the action server's Sanic and a
close, and the request body encoded by the standard json module. install()
gives every RemoteAction an endpoint whose requests share one session per
event loop (each Sanic worker has its own) with kept-alive connections, and
encode the body with ujson (already a rasa dependency).

A kept-alive connection can be closed by the action server at the moment it is
reused (a restart, its 5-second keep-alive timeout): such a request is sent
once more on a new connection. The actions are stateless, so a repeat is
harmless; a server that is down still fails fast, as before.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from typing import Any, Dict, Optional

import aiohttp
import ujson
from rasa.core.actions.action import RemoteAction
from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT
from rasa.utils.endpoints import ClientResponseError, EndpointConfig, concat_url

logger = logging.getLogger(__name__)

# Shorter than Sanic's keep-alive timeout (5 s), so the client usually drops
# an idle connection before the server closes it.
KEEPALIVE_SECONDS = 3.0
# Errors of a connection the server closed while it was being reused.
STALE_CONNECTION_ERRORS = (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError)

# rasa's own constructor, as it was before install().
RASAS_REMOTE_ACTION_INIT = RemoteAction.__init__

_sessions: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, aiohttp.ClientSession] = (
    weakref.WeakKeyDictionary()
)
# Connections opened so far in this process (the tests read it).
connections_opened = 0


async def _count_connection(*_: Any) -> None:
    global connections_opened
    connections_opened += 1


def _session() -> aiohttp.ClientSession:
    loop = asyncio.get_running_loop()
    session = _sessions.get(loop)
    if session is None or session.closed:
        tracing = aiohttp.TraceConfig()
        tracing.on_connection_create_end.append(_count_connection)
        session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_SECONDS),
            json_serialize=ujson.dumps,
            trace_configs=[tracing],
        )
        _sessions[loop] = session
    return session


async def close_sessions() -> None:
    """Close this event loop's session (the server calls it when it stops)."""
    session = _sessions.pop(asyncio.get_running_loop(), None)
    if session is not None:
        await session.close()


class KeptAliveEndpoint(EndpointConfig):
    """An EndpointConfig whose requests share the event loop's session."""

    def __init__(self, endpoint: EndpointConfig) -> None:
        super().__init__(
            endpoint.url,
            endpoint.params,
            endpoint.headers,
            endpoint.basic_auth,
            endpoint.token,
            endpoint.token_name,
            endpoint.cafile,
            **endpoint.kwargs,
        )
        self.type = endpoint.type

    async def request(
        self,
        method: str = "post",
        subpath: Optional[str] = None,
        content_type: Optional[str] = "application/json",
        compress: bool = False,
        **kwargs: Any,
    ) -> Optional[Any]:
        """As rasa's EndpointConfig.request, on a kept-alive connection."""
        if self.cafile:  # a custom CA: rasa's own path, one session per call
            return await super().request(method, subpath, content_type, compress, **kwargs)
        headers: Dict[str, str] = {"Content-Type": content_type} if content_type else {}
        headers.update(kwargs.pop("headers", {}))
        headers.update(self.headers)
        auth = (
            aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"])
            if self.basic_auth
            else None
        )
        params = self.combine_parameters(kwargs)
        timeout = kwargs.pop("timeout", DEFAULT_REQUEST_TIMEOUT)
        if isinstance(timeout, (int, float)):
            timeout = aiohttp.ClientTimeout(total=timeout)
        request = dict(
            headers=headers, params=params, compress=compress, auth=auth, timeout=timeout, **kwargs
        )
        url = concat_url(self.url, subpath)
        try:
            return await _send(method, url, request)
        except STALE_CONNECTION_ERRORS as error:
            if isinstance(error, aiohttp.ClientConnectorError):
                raise  # the server is down: fail fast, as rasa does
            logger.debug("Action server closed a kept-alive connection; sending again")
        return await _send(method, url, request)


async def _send(method: str, url: str, request: Dict[str, Any]) -> Optional[Any]:
    """One request on the event loop's session, answered as rasa's
    EndpointConfig.request answers it (its error for a status of 400 or more,
    the JSON body, or None for a body that is not JSON)."""
    async with _session().request(method, url, **request) as response:
        if response.status >= 400:
            raise ClientResponseError(response.status, response.reason or "", await response.content.read())
        try:
            return await response.json(loads=ujson.loads)
        except aiohttp.ContentTypeError:
            return None


def _remote_action_init(self: RemoteAction, name: str, action_endpoint: Optional[EndpointConfig]) -> None:
    if action_endpoint is not None and not isinstance(action_endpoint, KeptAliveEndpoint):
        action_endpoint = KeptAliveEndpoint(action_endpoint)
    RASAS_REMOTE_ACTION_INIT(self, name, action_endpoint)


def install() -> None:
    """Make every RemoteAction call the action server over kept-alive connections."""
    RemoteAction.__init__ = _remote_action_init
