"""The tracker store that endpoints.yml configures, on a real SQLite file:
rasa builds it (not its in-memory fallback), sender ids are hashed, user texts
de-identified, retention and deletion work."""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import replace
from pathlib import Path
from typing import Any, List

import pytest
from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException
from rasa.utils.endpoints import read_endpoint_config

from launcher.paths import ENDPOINTS_FILE, REPO_ROOT
from launcher.settings import Settings, server_environment
from privacy.tracker_store import PrivateSQLTrackerStore

PERSONAL = (
    "Ik ben Jan Jansen, bel 06-12345678 of mail jan.jansen@example.com, BSN 123456782, "
    "ik woon op Dorpsstraat 12 in Utrecht"
)
CLEAR_PARTS = ["Jansen", "12345678", "jan.jansen@example.com", "123456782", "Dorpsstraat"]


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(REPO_ROOT / "domain"))


def make_store(tmp_path: Path, domain: Domain, monkeypatch: pytest.MonkeyPatch, **overrides: Any) -> Any:
    settings = replace(Settings(), data_dir=tmp_path, **overrides)
    for name, value in server_environment(settings).items():
        monkeypatch.setenv(name, value)
    config = read_endpoint_config(str(ENDPOINTS_FILE), "tracker_store")
    return TrackerStore.create(config, domain)


def inner(store: Any) -> PrivateSQLTrackerStore:
    """The store rasa wraps (AwaitableTrackerStore) or the store itself."""
    found = getattr(store, "_tracker_store", store)
    assert isinstance(found, PrivateSQLTrackerStore), f"rasa built {type(found).__name__}"
    return found


def rows(path: Path) -> List[sqlite3.Row]:
    with sqlite3.connect(path) as connection:
        connection.row_factory = sqlite3.Row
        return list(connection.execute("SELECT sender_id, type_name, timestamp, data FROM events"))


def conversation(sender: str, text: str, at: float) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(
        sender,
        [
            ActionExecuted("action_session_start", timestamp=at),
            SessionStarted(timestamp=at),
            ActionExecuted("action_listen", timestamp=at),
            UserUttered(text, {"name": "greet", "confidence": 1.0}, timestamp=at + 1),
            BotUttered("Goedendag!", timestamp=at + 2),
        ],
    )


def test_endpoints_need_the_launcher_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ACTION_SERVER_URL", raising=False)
    with pytest.raises(RasaException, match="ACTION_SERVER_URL"):
        read_endpoint_config(str(ENDPOINTS_FILE), "action_endpoint")


def test_endpoints_take_every_setting_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = replace(
        Settings(),
        actions_port=6001,
        lock_store="redis",
        redis_port=6390,
        tracker_dialect="postgresql",
        tracker_host="db.internal",
        tracker_port="5433",
    )
    for name, value in server_environment(settings).items():
        monkeypatch.setenv(name, value)
    action = read_endpoint_config(str(ENDPOINTS_FILE), "action_endpoint")
    lock = read_endpoint_config(str(ENDPOINTS_FILE), "lock_store")
    tracker = read_endpoint_config(str(ENDPOINTS_FILE), "tracker_store")
    assert action is not None and action.url == "http://127.0.0.1:6001/webhook"
    assert lock is not None and lock.type == "storage.lock_store.AtomicRedisLockStore"
    assert lock.kwargs["port"] == "6390"
    assert tracker is not None and tracker.url == "db.internal" and tracker.kwargs["port"] == "5433"
    assert tracker.kwargs["dialect"] == "postgresql" and tracker.kwargs["db"] == "assistant"


async def test_sqlite_store_is_created_under_the_data_dir_and_keeps_conversations(
    tmp_path: Path, domain: Domain, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "var"
    store = make_store(data_dir, domain, monkeypatch)
    database = data_dir / "conversations.sqlite"
    assert database.exists()
    await store.save(conversation("patient-1", "hallo", time.time()))
    again = make_store(data_dir, domain, monkeypatch)  # as after a restart
    tracker = await again.retrieve("patient-1")
    assert tracker is not None
    assert [e.text for e in tracker.events if isinstance(e, UserUttered)] == ["hallo"]
    assert await again.retrieve("someone-else") is None


async def test_sender_ids_are_hashed_and_texts_deidentified(
    tmp_path: Path, domain: Domain, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = make_store(tmp_path, domain, monkeypatch)
    await store.save(conversation("+31612345678", PERSONAL, time.time()))
    stored = rows(tmp_path / "conversations.sqlite")
    assert stored
    assert {row["sender_id"] for row in stored} == {inner(store).key("+31612345678")}
    everything = "\n".join(row["sender_id"] + row["data"] for row in stored)
    for part in [*CLEAR_PARTS, "31612345678"]:
        assert part not in everything
    user = [json.loads(row["data"]) for row in stored if row["type_name"] == "user"][0]
    assert "[PERSOON-1]" in user["text"] and "[TELEFOONNUMMER-1]" in user["text"]
    assert user["parse_data"]["text"] == user["text"]
    assert user["parse_data"]["intent"]["name"] == "greet"
    # An ordinary question is stored as it was.
    await store.save(conversation("patient-2", "wat is progressievrije overleving", time.time()))
    tracker = await store.retrieve("patient-2")
    assert tracker is not None and tracker.latest_message.text == "wat is progressievrije overleving"


async def test_purge_deletes_conversations_older_than_the_retention(
    tmp_path: Path, domain: Domain, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = inner(make_store(tmp_path, domain, monkeypatch, retention_days=30))
    now = time.time()
    await store.save(conversation("old", "hallo", now - 31 * 86400))
    await store.save(conversation("recent", "hallo", now - 29 * 86400))
    assert store.count_events("old") > 0
    deleted = store.purge_expired()
    assert deleted == 5
    assert store.count_events("old") == 0
    assert await store.retrieve("old") is None
    assert store.count_events("recent") == 5


async def test_retention_zero_keeps_nothing_of_ended_sessions(
    tmp_path: Path, domain: Domain, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = inner(make_store(tmp_path, domain, monkeypatch, retention_days=0))
    now = time.time()
    session_seconds = store.session_minutes() * 60
    await store.save(conversation("kiosk-ended", "hallo", now - session_seconds - 100))
    await store.save(conversation("kiosk-active", "hallo", now - 10))
    assert store.purge_expired() == 5
    assert store.count_events("kiosk-ended") == 0
    assert store.count_events("kiosk-active") == 5
    # A new session of the same sender: the previous session is deleted at once.
    tracker = await store.retrieve("kiosk-active")
    assert tracker is not None
    tracker.update(ActionExecuted("action_session_start", timestamp=now))
    tracker.update(SessionStarted(timestamp=now + 1))
    await store.save(tracker)
    stored = rows(tmp_path / "conversations.sqlite")
    assert [row["type_name"] for row in stored] == ["session_started"]


async def test_forget_deletes_one_person_only(
    tmp_path: Path, domain: Domain, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = inner(make_store(tmp_path, domain, monkeypatch))
    await store.save(conversation("alice", "hallo", time.time()))
    await store.save(conversation("bob", "hallo", time.time()))
    assert store.forget("alice") == 5
    assert await store.retrieve("alice") is None
    assert await store.retrieve("bob") is not None


def test_deidentification_runs_in_a_worker_that_is_restarted_after_a_crash() -> None:
    from privacy import deidentify as module

    assert "[PERSOON-1]" in module.deidentify(PERSONAL)
    worker = module._WORKER.process
    assert worker is not None and worker.poll() is None
    worker.kill()
    worker.wait()
    assert "[PERSOON-1]" in module.deidentify(PERSONAL)
    assert module._WORKER.process is not None and module._WORKER.process.pid != worker.pid


async def test_the_current_session_count_equals_rasas_query(
    tmp_path: Path, domain: Domain, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The one-statement count of the current session's stored events (used
    when the cache cannot tell) equals rasa's own query, over two sessions."""
    store = inner(make_store(tmp_path, domain, monkeypatch))
    now = time.time()
    tracker = conversation("two-sessions", "hallo", now - 100)
    await store.save(tracker)
    tracker.update(ActionExecuted("action_session_start", timestamp=now - 50))
    tracker.update(SessionStarted(timestamp=now - 50))
    tracker.update(UserUttered("nog een vraag", {"name": "greet", "confidence": 1.0}, timestamp=now - 40))
    await store.save(tracker)
    counts = []
    for sender in ("two-sessions", "nobody"):
        with store.session_scope() as session:
            key = store.key(sender)
            ours = session.execute(store._session_count, {"key": key}).scalar_one()
            rasas = store._event_query(session, sender, fetch_events_from_all_sessions=False).count()
            counts.append((ours, rasas))
    assert counts == [(3, 3), (0, 0)]
