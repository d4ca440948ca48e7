"""Rasa's SQL tracker store with privacy built in.

Configured in endpoints.yml (`type: privacy.tracker_store.PrivateSQLTrackerStore`),
on SQLite by default (a file under var/) or PostgreSQL. Compared with rasa's
`SQLTrackerStore` it:
- stores each conversation under a salted hash of its sender id, never the id
  itself (privacy/sender_ids.py);
- de-identifies user texts before they are written (privacy/deidentify.py):
  the current turn is answered from the original text, what is kept is not it;
- deletes what is older than the retention period (RETENTION_DAYS, default
  30) when the server starts and then at most every PURGE_INTERVAL_SECONDS;
  with RETENTION_DAYS=0 (kiosks) a conversation is deleted once its session
  has ended: when a new session starts, and by the purge once it has been
  idle longer than the session expiration time;
- `forget(sender_id)` deletes one person's conversation (python -m launcher forget);
- keeps a per-process cache of each conversation's current session (built
  from the stored, de-identified rows) and brings it up to date from the rows
  added since, after one aggregate query shows that nothing else changed
  (storage/tracker_cache.py): several Rasa processes on one PostgreSQL still
  see each other's turns, and a deletion by another process is noticed. It
  replaces rasa's rebuild of the whole session from the database on every
  message, the largest cost per message in a long conversation (profiled).
"""

from __future__ import annotations

import itertools
import json
import logging
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, TypeVar

import sqlalchemy as sa
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import FailSafeTrackerStore, SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from launcher.paths import DEFAULT_DATA_DIR
from privacy.deidentify import deidentify, warm_up
from privacy.sender_ids import load_or_create_salt, pseudonymise
from storage.past_states import StoredSessionTracker
from storage.tracker_cache import (
    CachedConversation,
    ConversationCache,
    RowSummary,
    deserialise_event,
    handed_out_copy,
    session_rows,
)

logger = logging.getLogger(__name__)
T = TypeVar("T")

PURGE_INTERVAL_SECONDS = 600.0
DEFAULT_SESSION_MINUTES = 60.0
# Conversations whose current session is kept in memory per Rasa process (a
# miss costs one full load, as rasa does every time; 1,000 short ones added
# ~140 MB of RSS in the load benchmark).
DEFAULT_CACHE_SIZE = 256
SECONDS_PER_DAY = 86400.0


def _flag(value: Any) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def scrub_event(data: Dict[str, Any]) -> Dict[str, Any]:
    """The serialised event with the user's text (and entity values) de-identified."""
    if data.get("event") != "user":
        return data
    if isinstance(data.get("text"), str):
        data["text"] = deidentify(data["text"])
    parse_data = data.get("parse_data")
    if isinstance(parse_data, dict):
        if isinstance(parse_data.get("text"), str):
            parse_data["text"] = data["text"]
        for entity in parse_data.get("entities") or []:
            if isinstance(entity, dict) and isinstance(entity.get("value"), str):
                entity["value"] = deidentify(entity["value"])
    return data


class PrivateSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore with hashed sender ids, de-identified texts and retention."""

    def __init__(
        self,
        domain: Optional[Domain] = None,
        dialect: str = "sqlite",
        host: Optional[str] = None,
        port: Any = None,
        db: str = "rasa.db",
        username: Optional[str] = None,
        password: Optional[str] = None,
        event_broker: Optional[EventBroker] = None,
        login_db: Optional[str] = None,
        query: Optional[Dict] = None,
        retention_days: Any = 30,
        deidentify: Any = True,
        data_dir: str = "",
        sender_id_salt: str = "",
        purge_on_start: bool = True,
        tracker_cache_size: Any = DEFAULT_CACHE_SIZE,
        **kwargs: Any,
    ) -> None:
        # endpoints.yml gives every ${VAR} as text; unset ones are empty.
        self.retention_days = float(retention_days if retention_days not in (None, "") else 30)
        self.deidentify_texts = _flag(deidentify) if not isinstance(deidentify, bool) else deidentify
        data_path = Path(data_dir or DEFAULT_DATA_DIR)
        self.salt = load_or_create_salt(data_path, sender_id_salt or "")
        if dialect == "sqlite":
            Path(db).resolve().parent.mkdir(parents=True, exist_ok=True)
        if self.deidentify_texts:
            logger.info("De-identification (deduce) loaded in %.1f s", warm_up())
        super().__init__(
            domain,
            dialect,
            host or None,
            int(port) if port not in (None, "") else None,
            db,
            username or None,
            password or None,
            event_broker,
            login_db or None,
            query,
            **kwargs,
        )
        store: Any = self  # rasa's SQLTrackerStore leaves `engine` untyped
        if store.engine.dialect.name == "sqlite":
            # SQLAlchemy 1.4 opens and closes a new SQLite connection for every
            # session (NullPool): about two per message. Keep them in a pool,
            # set up once. WAL: readers do not block the writer; NORMAL is
            # durable across process crashes (a power cut may lose the last
            # transactions).
            url = store.engine.url
            store.engine.dispose()
            store.engine = sa.create_engine(
                url, poolclass=sa.pool.QueuePool, pool_size=2, connect_args={"check_same_thread": False}
            )
            sa.event.listen(store.engine, "connect", _sqlite_pragmas)
        else:
            # After a database restart, pooled connections are dead. Rather than
            # test each before use (a round trip per checkout, two per message),
            # a statement that fails on a dead connection is run once more on a
            # new one (`_in_session`): the first message after an outage is answered.
            url = store.engine.url
            store.engine.dispose()
            store.engine = sa.create_engine(url, **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=store.engine)
        self.cache = ConversationCache(
            int(tracker_cache_size) if tracker_cache_size not in (None, "") else DEFAULT_CACHE_SIZE
        )
        columns = self.SQLEvent.__table__.c
        # Core statements, built once: no ORM objects per row.
        self._rows_after = (
            sa.select(columns.id, columns.type_name, columns.timestamp, columns.data)
            .where(columns.sender_id == sa.bindparam("key"), columns.id > sa.bindparam("after"))
            .order_by(columns.id)
        )
        self._summary = sa.select(
            sa.func.count(columns.id), sa.func.max(columns.id), sa.func.max(columns.timestamp)
        ).where(columns.sender_id == sa.bindparam("key"))
        # rasa's count of the current session's events (`_event_query(...).count()`)
        # as one Core statement.
        session_start = (
            sa.select(sa.func.max(columns.timestamp))
            .where(columns.sender_id == sa.bindparam("key"), columns.type_name == SessionStarted.type_name)
            .scalar_subquery()
        )
        self._session_count = sa.select(sa.func.count(columns.id)).where(
            columns.sender_id == sa.bindparam("key"),
            sa.or_(columns.timestamp >= session_start, session_start.is_(None)),
        )
        self._insert = self.SQLEvent.__table__.insert()
        self._last_purge = 0.0
        if purge_on_start:
            self.purge_expired()

    def key(self, sender_id: str) -> str:
        return pseudonymise(self.salt, str(sender_id))

    def _event_query(self, session: Any, sender_id: str, fetch_events_from_all_sessions: bool) -> Any:
        return super()._event_query(session, self.key(sender_id), fetch_events_from_all_sessions)

    def _row_summary(self, session: Any, key: str) -> RowSummary:
        count, max_id, max_timestamp = session.execute(self._summary, {"key": key}).one()
        return RowSummary(int(count), max_id, max_timestamp)

    def _load(self, session: Any, key: str, sender_id: str) -> Optional[CachedConversation]:
        """The conversation's current session from all its rows (one query)."""
        assert self.domain is not None
        rows = session.execute(self._rows_after, {"key": key, "after": -1}).all()
        if not rows:
            return None
        session_start, current = session_rows(rows)
        events = [
            event
            for event in (deserialise_event(json.loads(row.data)) for row in current)
            if event is not None
        ]
        mirror = StoredSessionTracker.from_events(sender_id, events, self.domain.slots)
        timestamps = [row.timestamp for row in rows if row.timestamp is not None]
        summary = RowSummary(len(rows), rows[-1].id, max(timestamps) if timestamps else None)
        return CachedConversation(mirror, summary, session_start, len(current), id(self.domain), True)

    def _catch_up(self, session: Any, key: str, entry: CachedConversation) -> Optional[CachedConversation]:
        """The cached conversation plus the rows stored since; None when
        anything else changed (then it is loaded again)."""
        new = session.execute(self._rows_after, {"key": key, "after": entry.rows.max_id}).all()
        if any(row.type_name == "session_started" for row in new):
            return None  # a new session: rasa's boundary moves
        timestamps = [row.timestamp for row in new if row.timestamp is not None]
        if entry.rows.max_timestamp is not None:
            timestamps.append(entry.rows.max_timestamp)
        expected = RowSummary(
            entry.rows.count + len(new),
            new[-1].id if new else entry.rows.max_id,
            max(timestamps) if timestamps else None,
        )
        if self._row_summary(session, key) != expected:
            return None  # rows deleted (forget, purge) or written concurrently
        for row in new:
            if entry.session_start is None or (
                row.timestamp is not None and row.timestamp >= entry.session_start
            ):
                event = deserialise_event(json.loads(row.data))
                if event is not None:
                    entry.mirror.update(event)
                entry.session_count += 1
        entry.rows = expected
        entry.in_sync = True
        return entry

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        """The current session of `sender_id`, as rasa's SQLTrackerStore rebuilds
        it, from the cache brought up to date with the database."""
        if self.domain is None or self.cache.size == 0:
            tracker: Optional[DialogueStateTracker] = await super().retrieve(sender_id)
            return tracker
        key = self.key(sender_id)
        cached = self.cache.get(key)

        def read(session: Any) -> Optional[CachedConversation]:
            entry = None
            if cached is not None and cached.domain_id == id(self.domain):
                entry = self._catch_up(session, key, cached)
            return entry if entry is not None else self._load(session, key, sender_id)

        entry = self._in_session(read)
        if entry is None:
            self.cache.drop(key)
            return None
        self.cache.put(key, entry)
        return handed_out_copy(entry.mirror, sender_id, entry.states_memo)

    def _in_session(self, work: Callable[[Any], T]) -> T:
        """`work(session)` in a session; once more on a new connection when the
        database connection turned out to be dead (a database restart)."""
        try:
            with self.session_scope() as session:
                return work(session)
        except sa.exc.DBAPIError as error:
            if not error.connection_invalidated:
                raise
            logger.warning("Tracker store: the database connection was lost; trying a new one")
        with self.session_scope() as session:
            return work(session)

    def _stored_count(self, session: Any, key: str, tracker: DialogueStateTracker) -> int:
        """How many events of the tracker's session are stored (rasa's
        `_additional_events` counts them with a query; the cache knows when it
        is in sync, which one aggregate query confirms)."""
        entry = self.cache.get(key)
        summary = self._row_summary(session, key)
        if (
            entry is not None
            and entry.in_sync
            and entry.domain_id == id(self.domain)
            and summary == entry.rows
        ):
            return entry.session_count
        if summary.count == 0:
            return 0  # a new conversation: nothing stored yet
        return int(session.execute(self._session_count, {"key": key}).scalar_one())

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Store the new events of `tracker` under the hashed sender id, de-identified."""
        await self.stream_events(tracker)
        key = self.key(tracker.sender_id)

        def write(session: Any) -> None:
            # Counted again on a retry: rows a lost commit did store are not written twice.
            stored = self._stored_count(session, key, tracker)
            new_session_started: Optional[float] = None
            rows: List[Dict[str, Any]] = []
            for event in itertools.islice(tracker.events, stored, len(tracker.events)):
                data = event.as_dict()
                if self.deidentify_texts:
                    data = scrub_event(data)
                if isinstance(event, SessionStarted):
                    new_session_started = event.timestamp
                rows.append(
                    {
                        "sender_id": key,
                        "type_name": event.type_name,
                        "timestamp": data.get("timestamp"),
                        "intent_name": (data.get("parse_data") or {}).get("intent", {}).get(INTENT_NAME_KEY),
                        "action_name": data.get("name"),
                        "data": json.dumps(data),
                    }
                )
            if rows:
                session.execute(self._insert, rows)
            if self.retention_days == 0 and new_session_started is not None:
                # Kiosk mode: the previous session has ended, nothing of it is kept.
                session.query(self.SQLEvent).filter(
                    self.SQLEvent.sender_id == key, self.SQLEvent.timestamp < new_session_started
                ).delete(synchronize_session=False)
            session.commit()

        self._in_session(write)
        entry = self.cache.get(key)
        if entry is not None:
            # The mirror lags behind by what was just written; the next
            # retrieve reads those rows back (so it holds what is stored).
            entry.in_sync = False
        if time.monotonic() - self._last_purge > PURGE_INTERVAL_SECONDS:
            self.purge_expired()

    def session_minutes(self) -> float:
        if self.domain is not None:
            minutes = float(self.domain.session_config.session_expiration_time or 0)
            if minutes > 0:
                return minutes
        return DEFAULT_SESSION_MINUTES

    def purge_expired(self, now: Optional[float] = None) -> int:
        """Delete what the retention period no longer allows; returns the number of events deleted."""
        now = time.time() if now is None else now
        self._last_purge = time.monotonic()
        event = self.SQLEvent
        with self.session_scope() as session:
            if self.retention_days > 0:
                cutoff = now - self.retention_days * SECONDS_PER_DAY
                deleted = (
                    session.query(event).filter(event.timestamp < cutoff).delete(synchronize_session=False)
                )
            else:
                cutoff = now - self.session_minutes() * 60
                ended = (
                    session.query(event.sender_id)
                    .group_by(event.sender_id)
                    .having(sa.func.max(event.timestamp) < cutoff)
                    .subquery()
                )
                deleted = (
                    session.query(event)
                    .filter(event.sender_id.in_(sa.select(ended.c.sender_id)))
                    .delete(synchronize_session=False)
                )
            session.commit()
        if deleted:
            # Nothing deleted lives on in memory (the cache is rebuilt as needed).
            self.cache.clear()
            logger.info("Retention: deleted %d stored events", deleted)
        return int(deleted)

    def forget(self, sender_id: str) -> int:
        """Delete every stored event of one sender; returns the number deleted."""
        with self.session_scope() as session:
            deleted = (
                session.query(self.SQLEvent)
                .filter(self.SQLEvent.sender_id == self.key(sender_id))
                .delete(synchronize_session=False)
            )
            session.commit()
        self.cache.drop(self.key(sender_id))
        return int(deleted)

    def count_events(self, sender_id: Optional[str] = None) -> int:
        with self.session_scope() as session:
            query = session.query(self.SQLEvent)
            if sender_id is not None:
                query = query.filter(self.SQLEvent.sender_id == self.key(sender_id))
            return int(query.count())


def _errors_propagate_from_this_store() -> None:
    """rasa wraps every tracker store in a FailSafeTrackerStore, which hides
    errors: when the database is down it returns no tracker (the conversation
    silently starts over) or saves into memory (gone at the next turn), while
    the user gets a normal answer. For this store errors propagate instead:
    the message fails, the channel answers with its polite error ("probeer het
    over een paar minuten opnieuw", 112 for emergencies), and no answer is
    given for a message that was not stored."""
    if getattr(FailSafeTrackerStore, "_strict_for_private_store", False):
        return
    original_retrieve = FailSafeTrackerStore.retrieve
    original_save = FailSafeTrackerStore.save

    async def retrieve(self: FailSafeTrackerStore, sender_id: str) -> Optional[DialogueStateTracker]:
        if isinstance(self._tracker_store, PrivateSQLTrackerStore):
            return await self._tracker_store.retrieve(sender_id)
        return await original_retrieve(self, sender_id)

    async def save(self: FailSafeTrackerStore, tracker: DialogueStateTracker) -> None:
        if isinstance(self._tracker_store, PrivateSQLTrackerStore):
            await self._tracker_store.save(tracker)
            return
        await original_save(self, tracker)

    FailSafeTrackerStore.retrieve = retrieve
    FailSafeTrackerStore.save = save
    FailSafeTrackerStore._strict_for_private_store = True


_errors_propagate_from_this_store()


def _sqlite_pragmas(connection: Any, _: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()
