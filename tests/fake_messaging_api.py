"""A fake Telegram Bot API and Twilio REST API on loopback: records every call.

Only the outgoing calls of the messaging channels are faked; the assistant
(Rasa server, action server, channels) is the real one.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List
from urllib.parse import parse_qs


@dataclass
class Call:
    path: str
    headers: Dict[str, str]
    body: Dict[str, Any]


@dataclass
class FakeMessagingApi:
    server: ThreadingHTTPServer
    calls: List[Call] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        if isinstance(host, bytes):  # typeshed allows bytes; an IPv4 server gives str
            host = host.decode()
        return f"http://{host}:{port}"

    def calls_to(self, path_part: str, **body_match: Any) -> List[Call]:
        with self.lock:
            return [
                call
                for call in self.calls
                if path_part in call.path
                and all(str(call.body.get(k)) == str(v) for k, v in body_match.items())
            ]

    def wait_for(self, path_part: str, count: int = 1, timeout: float = 30, **body_match: Any) -> List[Call]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            calls = self.calls_to(path_part, **body_match)
            if len(calls) >= count:
                return calls
            time.sleep(0.1)
        raise AssertionError(
            f"expected {count} call(s) to {path_part} {body_match}, got {self.calls_to(path_part)}"
        )

    def clear(self) -> None:
        with self.lock:
            self.calls.clear()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def start_fake_messaging_api() -> FakeMessagingApi:
    api: Dict[str, FakeMessagingApi] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
            if "json" in (self.headers.get("Content-Type") or ""):
                body = json.loads(raw or "{}")
            else:
                body = {key: values[0] for key, values in parse_qs(raw).items()}
            with api["api"].lock:
                api["api"].calls.append(Call(self.path, dict(self.headers.items()), body))
            if "/Messages.json" in self.path:
                answer: Dict[str, Any] = {"sid": "SM" + "0" * 32, "status": "queued"}
                self.send_response(201)
            else:
                answer = {"ok": True, "result": {"message_id": len(api["api"].calls)}}
                self.send_response(200)
            payload = json.dumps(answer).encode()
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    api["api"] = FakeMessagingApi(server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return api["api"]


# The settings the test assistant runs with (fake credentials, real code paths).
TELEGRAM_TOKEN = "123456:TEST-token"
TELEGRAM_SECRET = "telegram-webhook-secret"
TWILIO_SID = "AC" + "1" * 32
TWILIO_TOKEN = "twilio-test-auth-token"
USER_ID_SALT = "test-salt-not-secret"
SOURCE_PAGE_URL = "https://www.example.org/uitgezaaide-borstkanker"


def channel_env(api: FakeMessagingApi, rasa_url_placeholder: str = "http://testserver") -> Dict[str, str]:
    return {
        "TELEGRAM_ACCESS_TOKEN": TELEGRAM_TOKEN,
        "TELEGRAM_SECRET_TOKEN": TELEGRAM_SECRET,
        "TELEGRAM_API_BASE": api.url,
        "TWILIO_ACCOUNT_SID": TWILIO_SID,
        "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
        "TWILIO_WEBHOOK_URL": f"{rasa_url_placeholder}/webhooks/twilio/webhook",
        "TWILIO_API_BASE": api.url,
        "USER_ID_SALT": USER_ID_SALT,
        "SOURCE_PAGE_URL": SOURCE_PAGE_URL,
    }
