"""A socket.io client (python-socketio) for the tests: collects `bot_uttered`."""

from __future__ import annotations

import queue
from typing import Any, Dict, List

import socketio


class Client:
    """A socket.io client that collects `bot_uttered` messages."""

    def __init__(self, url: str) -> None:
        self.sio = socketio.Client(reconnection=False)
        self.messages: queue.Queue[Dict[str, Any]] = queue.Queue()
        self.confirmed: queue.Queue[str] = queue.Queue()
        self.sio.on("bot_uttered", self.messages.put)
        self.sio.on("session_confirm", self.confirmed.put)
        self.sio.connect(url, socketio_path="/socket.io", transports=["polling"], wait_timeout=20)

    def session(self, session_id: Any = None) -> str:
        self.sio.emit("session_request", {"session_id": session_id})
        return self.confirmed.get(timeout=20)

    def say(self, payload: Any) -> None:
        self.sio.emit("user_uttered", payload)

    def receive(self, count: int, timeout: float = 30) -> List[Dict[str, Any]]:
        return [self.messages.get(timeout=timeout) for _ in range(count)]

    def receive_until(self, kind: str, timeout: float = 30) -> List[Dict[str, Any]]:
        received: List[Dict[str, Any]] = []
        while True:
            message = self.messages.get(timeout=timeout)
            received.append(message)
            if (message.get("metadata") or {}).get("kind") == kind:
                return received
