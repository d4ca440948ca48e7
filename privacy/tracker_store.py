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
- `forget(sender_id)` deletes one person's conversation (python -m launcher forget).
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any, Dict, Optional

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

logger = logging.getLogger(__name__)

PURGE_INTERVAL_SECONDS = 600.0
DEFAULT_SESSION_MINUTES = 60.0
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
            # After a database restart, pooled connections are dead: test each
            # before use, so the first message after an outage is answered.
            url = store.engine.url
            store.engine.dispose()
            store.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=store.engine)
        self._last_purge = 0.0
        if purge_on_start:
            self.purge_expired()

    def key(self, sender_id: str) -> str:
        return pseudonymise(self.salt, str(sender_id))

    def _event_query(self, session: Any, sender_id: str, fetch_events_from_all_sessions: bool) -> Any:
        return super()._event_query(session, self.key(sender_id), fetch_events_from_all_sessions)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Store the new events of `tracker` under the hashed sender id, de-identified."""
        await self.stream_events(tracker)
        key = self.key(tracker.sender_id)
        with self.session_scope() as session:
            new_session_started: Optional[float] = None
            for event in self._additional_events(session, tracker):
                data = event.as_dict()
                if self.deidentify_texts:
                    data = scrub_event(data)
                if isinstance(event, SessionStarted):
                    new_session_started = event.timestamp
                session.add(
                    self.SQLEvent(
                        sender_id=key,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=(data.get("parse_data") or {}).get("intent", {}).get(INTENT_NAME_KEY),
                        action_name=data.get("name"),
                        data=json.dumps(data),
                    )
                )
            if self.retention_days == 0 and new_session_started is not None:
                # Kiosk mode: the previous session has ended, nothing of it is kept.
                session.query(self.SQLEvent).filter(
                    self.SQLEvent.sender_id == key, self.SQLEvent.timestamp < new_session_started
                ).delete(synchronize_session=False)
            session.commit()
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
