"""The tracker store's per-process conversation cache (storage/tracker_cache.py,
privacy/tracker_store.py): what it hands out is what rasa's own SQLTrackerStore
rebuilds from the database, and two stores on one database (two Rasa
processes) see each other's turns and deletions. On SQLite here; the
scale-out tests run the same store on PostgreSQL with two Rasa servers."""

from __future__ import annotations

import dataclasses
import sqlite3
import time
from dataclasses import replace
from pathlib import Path
from typing import Any, Dict, List

import pytest
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa.shared.utils.common import all_subclasses
from rasa.utils.endpoints import read_endpoint_config

from launcher.paths import ENDPOINTS_FILE, REPO_ROOT
from launcher.settings import Settings, server_environment
from privacy.tracker_store import PrivateSQLTrackerStore
from storage.tracker_cache import deserialise_event, event_class, handed_out_copy

PERSONAL = "Ik ben Jan Jansen, bel 06-12345678"


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(REPO_ROOT / "domain"))


def make_store(
    tmp_path: Path, domain: Domain, monkeypatch: pytest.MonkeyPatch, **kwargs: Any
) -> PrivateSQLTrackerStore:
    """The store as endpoints.yml configures it, on the SQLite file under tmp_path;
    two calls give two stores on one database, as two Rasa processes have."""
    for name, value in server_environment(replace(Settings(), data_dir=tmp_path)).items():
        monkeypatch.setenv(name, value)
    config = read_endpoint_config(str(ENDPOINTS_FILE), "tracker_store")
    assert config is not None
    if kwargs:
        config.kwargs.update(kwargs)
    store = TrackerStore.create(config, domain)
    found = getattr(store, "_tracker_store", store)
    assert isinstance(found, PrivateSQLTrackerStore)
    return found


async def uncached(store: PrivateSQLTrackerStore, sender: str) -> Any:
    """What rasa's SQLTrackerStore.retrieve rebuilds from the database."""
    return await SQLTrackerStore.retrieve(store, sender)


def state(tracker: DialogueStateTracker) -> Dict[str, Any]:
    """Every attribute of a tracker, comparable."""
    result = {}
    for name, value in vars(tracker).items():
        if name in ("_states_memo", "_stored_events"):
            continue  # storage/past_states.py (tests/test_past_states.py)
        if name == "events":
            result[name] = [event.as_dict() for event in value]
        elif name == "slots":
            result[name] = {slot_name: slot.value for slot_name, slot in value.items()}
        elif isinstance(value, Event):
            result[name] = value.as_dict()
        else:
            result[name] = value
    result["current_state"] = tracker.current_state(EventVerbosity.ALL)
    return result


async def retrieved_as_rebuilt(store: PrivateSQLTrackerStore, sender: str) -> DialogueStateTracker:
    """What the cache hands out for `sender`, checked against rasa's rebuild."""
    cached = await store.retrieve(sender)
    rebuilt = await uncached(store, sender)
    assert cached is not None and rebuilt is not None
    assert state(cached) == state(rebuilt)
    return cached


async def turn(store: PrivateSQLTrackerStore, sender: str, text: str, at: float) -> DialogueStateTracker:
    """One turn as rasa's processor does it: retrieve (or start), add events, save."""
    tracker = await store.retrieve(sender)
    if tracker is None:
        tracker = DialogueStateTracker(sender, store.domain.slots if store.domain else None)
        tracker.update(ActionExecuted("action_session_start", timestamp=at))
        tracker.update(SessionStarted(timestamp=at))
        tracker.update(ActionExecuted("action_listen", timestamp=at))
    tracker.update(UserUttered(text, {"name": "greet", "confidence": 1.0}, timestamp=at + 0.1))
    tracker.update(ActionExecuted("action_greet", timestamp=at + 0.2))
    tracker.update(BotUttered(f"antwoord op {len(tracker.events)}", timestamp=at + 0.3))
    tracker.update(SlotSet("last_answer_id", f"id-{len(tracker.events)}", timestamp=at + 0.4))
    tracker.update(ActionExecuted("action_listen", timestamp=at + 0.5))
    await store.save(tracker)
    return tracker


def event_rows(path: Path) -> List[str]:
    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute("SELECT type_name FROM events ORDER BY id")]


def test_event_classes_are_the_ones_rasa_resolves() -> None:
    names = {cls.type_name for cls in all_subclasses(Event)}
    assert len(names) > 20
    for name in names:
        assert event_class(name) is Event.resolve_by_type(name), name
    assert event_class("no-such-event") is None
    user = UserUttered("hallo", {"name": "greet", "confidence": 1.0}, timestamp=1.0)
    assert deserialise_event(user.as_dict()) == user


def test_a_handed_out_copy_equals_a_replay_and_is_independent(domain: Domain) -> None:
    events = [
        ActionExecuted("action_session_start", timestamp=1),
        SessionStarted(timestamp=2),
        ActionExecuted("action_listen", timestamp=3),
        UserUttered("hallo", {"name": "greet", "confidence": 1.0}, timestamp=4),
        SlotSet("last_answer_id", "a1", timestamp=5),
        ActiveLoop("some_loop", timestamp=6),
        ActionExecuted("action_greet", timestamp=7),
        BotUttered("Goedendag", timestamp=8),
    ]
    mirror = DialogueStateTracker.from_events("mirror", events, domain.slots)
    replay = DialogueStateTracker.from_events("patient", events, domain.slots)
    copied = handed_out_copy(mirror, "patient")
    assert set(vars(copied)) == set(vars(replay))
    assert state(copied) == state(replay)
    before = state(mirror)
    copied.update(SlotSet("last_answer_id", "changed"))
    copied.update(ActiveLoop(None))
    copied.update(ActionExecuted("action_listen"))
    assert mirror.active_loop is not None and mirror.active_loop.name == "some_loop"
    assert state(mirror) == before


async def test_cached_retrieve_equals_rasas_rebuild_from_the_database(
    tmp_path: Path, domain: Domain, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = make_store(tmp_path, domain, monkeypatch)
    now = time.time()
    for number in range(6):
        await turn(store, "patient", PERSONAL if number == 2 else f"vraag {number}", now + number)
        cached = await retrieved_as_rebuilt(store, "patient")
    assert len(store.cache) == 1
    # What is kept in memory is what is stored: de-identified.
    texts = [event.text or "" for event in cached.events if isinstance(event, UserUttered)]
    assert "Jansen" not in " ".join(texts) and "[PERSOON-1]" in " ".join(texts)
    # Each event was stored once (the cache's count replaces rasa's count query).
    assert len(event_rows(tmp_path / "conversations.sqlite")) == len(cached.events)


async def test_changes_to_a_handed_out_tracker_that_are_not_saved_do_not_stay(
    tmp_path: Path, domain: Domain, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = make_store(tmp_path, domain, monkeypatch)
    await turn(store, "patient", "hallo", time.time())
    tracker = await store.retrieve("patient")
    assert tracker is not None
    length = len(tracker.events)
    tracker.update(UserUttered("niet opgeslagen", {"name": "greet", "confidence": 1.0}))
    tracker.update(SlotSet("last_answer_id", "niet opgeslagen"))
    again = await store.retrieve("patient")
    assert again is not None and len(again.events) == length
    assert again.get_slot("last_answer_id") != "niet opgeslagen"


async def test_two_processes_on_one_database_see_each_others_turns(
    tmp_path: Path, domain: Domain, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = make_store(tmp_path, domain, monkeypatch)
    second = make_store(tmp_path, domain, monkeypatch, purge_on_start=False)
    now = time.time()
    # The conversation alternates between the two, as behind a load balancer.
    for number in range(6):
        store = first if number % 2 == 0 else second
        await turn(store, "patient", f"vraag {number}", now + number)
    for store in (first, second):
        cached = await retrieved_as_rebuilt(store, "patient")
        texts = [event.text for event in cached.events if isinstance(event, UserUttered)]
        assert texts == [f"vraag {number}" for number in range(6)]
    assert len(event_rows(tmp_path / "conversations.sqlite")) == len(cached.events)


async def test_deletions_by_another_process_are_noticed(
    tmp_path: Path, domain: Domain, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = make_store(tmp_path, domain, monkeypatch)
    command = make_store(tmp_path, domain, monkeypatch, purge_on_start=False)
    now = time.time()
    await turn(server, "patient", "hallo", now)
    assert await server.retrieve("patient") is not None
    # `python -m launcher forget` in another process, and the same person
    # starts again there: as many rows as before, and SQLite reuses the ids.
    assert command.forget("patient") > 0
    await turn(command, "patient", "opnieuw", now + 10)
    tracker = await server.retrieve("patient")
    assert tracker is not None
    assert [event.text for event in tracker.events if isinstance(event, UserUttered)] == ["opnieuw"]
    assert command.forget("patient") > 0
    assert await server.retrieve("patient") is None
    # Retention purge by another process removes old events of a cached conversation.
    await turn(server, "old", "oud", now - 40 * 86400)
    await turn(server, "old", "nieuw", now)
    assert await server.retrieve("old") is not None
    assert command.purge_expired() > 0
    await retrieved_as_rebuilt(server, "old")


async def test_a_new_session_started_elsewhere_replaces_the_cached_one(
    tmp_path: Path, domain: Domain, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = make_store(tmp_path, domain, monkeypatch)
    second = make_store(tmp_path, domain, monkeypatch, purge_on_start=False)
    now = time.time()
    await turn(first, "patient", "eerste sessie", now)
    assert await first.retrieve("patient") is not None
    tracker = await second.retrieve("patient")
    assert tracker is not None
    tracker.update(ActionExecuted("action_session_start", timestamp=now + 5))
    tracker.update(SessionStarted(timestamp=now + 6))
    tracker.update(ActionExecuted("action_listen", timestamp=now + 6))
    await second.save(tracker)
    await turn(second, "patient", "tweede sessie", now + 7)
    cached = await retrieved_as_rebuilt(first, "patient")
    assert [event.text for event in cached.events if isinstance(event, UserUttered)] == ["tweede sessie"]


async def test_without_the_cache_the_store_behaves_the_same(
    tmp_path: Path, domain: Domain, monkeypatch: pytest.MonkeyPatch
) -> None:
    cached_store = make_store(tmp_path / "a", domain, monkeypatch)
    plain_store = make_store(tmp_path / "b", domain, monkeypatch, tracker_cache_size=0)
    now = time.time()
    for number in range(4):
        for store in (cached_store, plain_store):
            await turn(store, "patient", f"vraag {number}", now + number)
    one = await cached_store.retrieve("patient")
    other = await plain_store.retrieve("patient")
    assert one is not None and other is not None
    assert len(plain_store.cache) == 0
    assert state(one) == state(other)
    assert event_rows(tmp_path / "a" / "conversations.sqlite") == event_rows(
        tmp_path / "b" / "conversations.sqlite"
    )


def test_the_cache_is_bounded() -> None:
    from storage.tracker_cache import CachedConversation, ConversationCache, RowSummary

    cache = ConversationCache(2)
    entry = CachedConversation(DialogueStateTracker("x", []), RowSummary(0, None, None), None, 0, 0)
    for key in ("a", "b", "c"):
        cache.put(key, dataclasses.replace(entry))
    assert list(cache.keys()) == ["b", "c"]
    cache.get("b")
    cache.put("d", entry)
    assert list(cache.keys()) == ["b", "d"]


def test_the_cache_size_comes_from_the_environment_through_endpoints_yml(
    tmp_path: Path, domain: Domain, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert make_store(tmp_path, domain, monkeypatch).cache.size == 256
    for name, value in server_environment(
        replace(Settings(), data_dir=tmp_path, tracker_cache_size=3)
    ).items():
        monkeypatch.setenv(name, value)
    config = read_endpoint_config(str(ENDPOINTS_FILE), "tracker_store")
    assert config is not None
    store = TrackerStore.create(config, domain)
    assert getattr(store, "_tracker_store", store).cache.size == 3
