"""The production start, tested against the real servers on loopback ports.

One supervised assistant (`python -m launcher run`, what `make run` starts,
with its defaults: SQLite store, HTTP API off, CORS for localhost) serves
these tests: security settings, no message text in the logs, a killed action
server (polite reply, restarted by the supervisor), a killed Rasa server (the
conversation continues from the SQLite store), and malformed requests.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterator, List, Set

import pytest
import requests
from rasa.shared.core.domain import Domain

from launcher.paths import REPO_ROOT
from tests.fuzz_cases import malformed_requests
from tests.helpers import RunningAssistant, free_port, kinds, safety_cases, texts

pytestmark = pytest.mark.server

POLITE_ERROR = "Sorry, er ging iets mis"
SECRET_TEXT = "mijn buurvrouw Geertruida Zonnebloem vroeg naar progressievrije overleving"


@dataclass
class Supervised:
    process: subprocess.Popen
    url: str
    actions_url: str
    data_dir: Path
    log: Path
    session: requests.Session

    def pid(self, name: str) -> int:
        return int((self.data_dir / "run" / f"{name}.pid").read_text())

    def send(self, text: str, sender: str, timeout: float = 30) -> List[Dict[str, Any]]:
        reply = self.session.post(
            f"{self.url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=timeout
        )
        assert reply.status_code == 200, reply.text
        result: List[Dict[str, Any]] = reply.json()
        return result


def wait_for(url: str, timeout: float, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, f"the supervisor exited; see {log}"
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} not healthy after {timeout:.0f} s; see {log}")


@pytest.fixture(scope="module")
def supervised(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Supervised]:
    data_dir = tmp_path_factory.mktemp("supervised")
    rasa_port, actions_port = free_port(), free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("RASA_", "TRACKER_", "LOCK_STORE", "REDIS_", "SANIC_"))
    }
    env.update(
        {"RASA_PORT": str(rasa_port), "ACTIONS_PORT": str(actions_port), "ASSISTANT_DATA_DIR": str(data_dir)}
    )
    log = data_dir / "supervisor.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "launcher", "run"],
            cwd=REPO_ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    running = Supervised(
        process,
        f"http://127.0.0.1:{rasa_port}",
        f"http://127.0.0.1:{actions_port}",
        data_dir,
        log,
        requests.Session(),
    )
    try:
        wait_for(f"{running.actions_url}/health", 120, process, log)
        wait_for(f"{running.url}/webhooks/rest/", 240, process, log)
        yield running
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            process.kill()
        for pid_file in (data_dir / "run").glob("*.pid"):
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.killpg(int(pid_file.read_text()), signal.SIGKILL)


def urgent_replies_in_domain() -> bool:
    """Whether the alarm reply is a domain response (not yet on every branch)."""
    domain = Domain.load(str(REPO_ROOT / "domain"))
    return "utter_alarm" in domain.responses


def listening_addresses(port: int) -> Set[str]:
    """Local addresses with a listening TCP socket on `port` (from /proc/net/tcp*)."""
    found: Set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, port_hex = fields[1].rsplit(":", 1)
            if int(port_hex, 16) == port and fields[3] == "0A":  # LISTEN
                if len(address) == 8:
                    found.add(socket.inet_ntop(socket.AF_INET, bytes.fromhex(address)[::-1]))
                else:
                    found.add(address)
    return found


def test_servers_listen_on_loopback_only(supervised: Supervised) -> None:
    for url in (supervised.url, supervised.actions_url):
        port = int(url.rsplit(":", 1)[1])
        assert listening_addresses(port) == {"127.0.0.1"}


def test_http_api_is_off_by_default(supervised: Supervised) -> None:
    for method, path in [
        ("post", "/model/parse"),
        ("get", "/conversations/someone/tracker"),
        ("get", "/status"),
    ]:
        answer = requests.request(method, f"{supervised.url}{path}", json={"text": "hallo"}, timeout=10)
        assert answer.status_code == 404, path


def test_cors_allows_only_the_configured_origins(supervised: Supervised) -> None:
    port = supervised.url.rsplit(":", 1)[1]
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    webhook = f"{supervised.url}/webhooks/rest/webhook"
    allowed = requests.options(
        webhook, headers={"Origin": f"http://localhost:{port}", **preflight}, timeout=10
    )
    assert allowed.headers.get("Access-Control-Allow-Origin") == f"http://localhost:{port}"
    denied = requests.options(webhook, headers={"Origin": "https://evil.example", **preflight}, timeout=10)
    assert "Access-Control-Allow-Origin" not in denied.headers
    posted = requests.post(
        webhook,
        json={"sender": "cors", "message": "hallo"},
        headers={"Origin": "https://evil.example"},
        timeout=30,
    )
    assert "Access-Control-Allow-Origin" not in posted.headers


def test_killed_rasa_server_is_restarted_and_the_conversation_continues(supervised: Supervised) -> None:
    sender = "restart-patient"
    first = supervised.send("hallo", sender)
    assert kinds(first)[0] == "disclosure"
    old_pid = supervised.pid("rasa")
    os.killpg(old_pid, signal.SIGKILL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (
        not (supervised.data_dir / "run" / "rasa.pid").exists() or supervised.pid("rasa") == old_pid
    ):
        time.sleep(0.2)
    assert supervised.pid("rasa") != old_pid, "the supervisor did not restart the Rasa server"
    wait_for(f"{supervised.url}/webhooks/rest/", 240, supervised.process, supervised.log)
    again = supervised.send("hallo", sender)
    # The AI disclosure comes once per conversation: after the restart the
    # stored conversation continues, so it does not come again.
    assert "disclosure" not in kinds(again)
    assert kinds(again) == ["greeting"]
    # A new conversation still gets it.
    assert kinds(supervised.send("hallo", "restart-newcomer"))[0] == "disclosure"


def test_killed_action_server_gets_a_polite_reply_then_answers_return(supervised: Supervised) -> None:
    sender = "fault-patient"
    supervised.send("hallo", sender)
    os.killpg(supervised.pid("actions"), signal.SIGKILL)
    started = time.monotonic()
    reply = supervised.send("wat is complete remissie", sender, timeout=10)
    elapsed = time.monotonic() - started
    assert POLITE_ERROR in texts(reply) and "112" in texts(reply)
    assert elapsed < 2.0, f"the polite reply took {elapsed:.2f} s"
    if urgent_replies_in_domain():
        # Urgent replies are domain responses the Rasa server sends itself.
        urgent = supervised.send(safety_cases()["alarm"][0], sender, timeout=10)
        assert "112" in texts(urgent) and POLITE_ERROR not in texts(urgent)
    wait_for(f"{supervised.actions_url}/health", 60, supervised.process, supervised.log)
    answer = supervised.send("wat is complete remissie", sender)
    assert "curated_answer" in kinds(answer)
    assert POLITE_ERROR not in texts(answer)


def test_malformed_requests_never_get_a_5xx(supervised: Supervised) -> None:
    cases = malformed_requests()
    assert len(cases) >= 200
    statuses: Dict[int, int] = {}
    for case in cases:
        answer = requests.post(
            f"{supervised.url}/webhooks/rest/webhook", data=case.body, headers=case.headers, timeout=60
        )
        statuses[answer.status_code] = statuses.get(answer.status_code, 0) + 1
        assert answer.status_code < 500, f"{case.name}: {answer.status_code} {answer.text[:200]}"
        if answer.status_code == 200:
            assert isinstance(answer.json(), list)
    assert requests.get(f"{supervised.url}/webhooks/rest/", timeout=5).ok
    after = supervised.send("wat is complete remissie", "fuzz-after")
    assert "curated_answer" in kinds(after)


def test_no_message_text_in_the_logs(supervised: Supervised) -> None:
    sender = "+31699887766"  # a channel that uses phone numbers as sender ids
    supervised.send(SECRET_TEXT, sender)
    time.sleep(0.5)
    logged = supervised.log.read_text(encoding="utf-8", errors="replace")
    assert "Zonnebloem" not in logged and "Geertruida" not in logged
    # Actions log the pseudonymous id the store uses, never the sender id.
    assert "99887766" not in logged
    assert "sender p1-" in logged
    for stored in supervised.data_dir.glob("conversations.sqlite*"):  # with the WAL file
        assert b"Zonnebloem" not in stored.read_bytes()


def test_api_with_token_refuses_requests_without_it(assistant: RunningAssistant) -> None:
    assert assistant.settings.enable_api and assistant.settings.api_token
    without = requests.post(f"{assistant.url}/model/parse", json={"text": "hallo"}, timeout=10)
    assert without.status_code in (401, 403)
    wrong = requests.post(
        f"{assistant.url}/model/parse",
        params={"token": "wrong-token-123456"},
        json={"text": "hallo"},
        timeout=10,
    )
    assert wrong.status_code in (401, 403)
    assert assistant.parse("hallo")["intent"]["name"] == "greet"


SOCKETIO_BAD_PAYLOADS: List[Any] = [
    None, 0, -1, 3.5, True, "", "hallo", [], [1, "a"], {}, {"message": None}, {"message": 5},
    {"message": ["a"]}, {"message": {"a": 1}}, {"message": ""}, {"message": "x" * 100_000},
    {"message": "hallo", "session_id": None}, {"message": "hallo", "session_id": 5},
    {"message": "hallo", "session_id": ["x"]}, {"message": "hallo", "session_id": "s" * 10_000},
    {"message": "\x00\x1b[31m\u202e"}, {"message": "🙂" * 1000}, {"session_id": "only"},
    {"message": "hallo", "customData": "not-a-dict"}, {"message": "hallo", "customData": {"a": [1] * 1000}},
]  # fmt: skip


async def test_malformed_socketio_events_do_not_break_the_server(supervised: Supervised) -> None:
    import asyncio

    import socketio

    rasa_pid = supervised.pid("rasa")
    client = socketio.AsyncClient()
    await client.connect(supervised.url, socketio_path="/socket.io", transports=["websocket"])
    sent = 0
    try:
        for _ in range(9):
            for payload in SOCKETIO_BAD_PAYLOADS:
                for event in ("user_uttered", "session_request"):
                    await client.emit(event, payload)
                    sent += 1
        await asyncio.sleep(1)
    finally:
        await client.disconnect()
    assert sent >= 200
    assert (
        supervised.pid("rasa") == rasa_pid and requests.get(f"{supervised.url}/webhooks/rest/", timeout=5).ok
    )
    # A normal socket.io conversation still works.
    received: List[Dict[str, Any]] = []
    done = asyncio.Event()
    client = socketio.AsyncClient()

    @client.on("bot_uttered")
    async def on_bot(data: Dict[str, Any]) -> None:
        received.append(data)
        if "Goedendag" in (data.get("text") or ""):
            done.set()

    await client.connect(supervised.url, socketio_path="/socket.io", transports=["websocket"])
    try:
        await client.emit("session_request", {"session_id": "socket-after-fuzz"})
        await client.emit("user_uttered", {"message": "goedemorgen", "session_id": "socket-after-fuzz"})
        await asyncio.wait_for(done.wait(), timeout=30)
    finally:
        await client.disconnect()
    assert supervised.pid("rasa") == rasa_pid


def test_forget_and_purge_commands_delete_from_the_running_store(supervised: Supervised) -> None:
    """Runs last: the purge with a tiny retention empties the whole store."""
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(supervised.data_dir)}
    supervised.send("hallo", "forget-me")
    supervised.send("hallo", "keep-me")

    def run(*args: str, **extra: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "launcher", *args],
            cwd=REPO_ROOT,
            env={**env, **extra},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        return result.stdout

    assert "deleted 0 events" not in run("forget", "forget-me")
    assert "deleted 0 events" in run("forget", "forget-me")
    # The conversation starts over: the AI disclosure comes again.
    assert kinds(supervised.send("hallo", "forget-me"))[0] == "disclosure"
    assert kinds(supervised.send("hallo", "keep-me")) == ["greeting"]
    time.sleep(1.5)
    # Retention of about 0.9 s: every conversation above is now too old.
    assert "deleted 0 events" not in run("purge", RETENTION_DAYS="0.00001")
    assert kinds(supervised.send("hallo", "keep-me"))[0] == "disclosure"
