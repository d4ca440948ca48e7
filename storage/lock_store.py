"""rasa's RedisLockStore with atomic ticket updates.

rasa 3.6's RedisLockStore reads the conversation's ticket lock, changes it in
Python and writes it back (issue_ticket, finish_serving, update_lock,
cleanup) without a transaction. Two Rasa processes handling messages of one
conversation at the same moment can then both hold "the" lock: they process
the same tracker concurrently, and the SQL tracker store (which appends the
events beyond the stored count) drops one of the messages. The scale-out test
that sends one conversation's messages to two instances at once showed it.

Here each read-change-write runs in a Redis WATCH/MULTI transaction (retried
when another process changed the lock in between), so tickets are unique
and processing is one message at a time, in ticket order.

endpoints.yml: `lock_store: type: ${LOCK_STORE_TYPE}`; the launcher sets it to
this class when LOCK_STORE_TYPE=redis.
"""

from __future__ import annotations

import json
from typing import Any, Callable, List, Optional, Tuple, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

T = TypeVar("T")
Change = Callable[[Optional[TicketLock]], Tuple[Optional[TicketLock], T]]


class AtomicRedisLockStore(RedisLockStore):
    """RedisLockStore whose ticket changes are atomic across processes."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **kwargs: Any) -> None:
        if endpoint_config is not None:
            options = {k: v for k, v in endpoint_config.kwargs.items() if v not in (None, "")}
            super().__init__(host=endpoint_config.url or "localhost", **options)
        else:
            super().__init__(**kwargs)

    def _atomic(self, conversation_id: str, change: Change[T]) -> T:
        key = self.key_prefix + conversation_id
        result: List[T] = []

        def transaction(pipe: Any) -> None:
            raw = pipe.get(key)
            lock = TicketLock.from_dict(json.loads(raw)) if raw else None
            new_lock, value = change(lock)
            pipe.multi()
            if new_lock is None:
                pipe.delete(key)
            else:
                pipe.set(key, new_lock.dumps())
            result[:] = [value]

        self.red.transaction(transaction, key)
        return result[0]

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def change(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], int]:
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._atomic(conversation_id, change)
        except Exception as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: str) -> None:
        def change(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._atomic(conversation_id, change)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        def change(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], None]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return lock, None

        self._atomic(conversation_id, change)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Remove this ticket, and the lock when no one else waits: in one step."""

        def change(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], None]:
            if lock is None:
                return None, None
            lock.remove_ticket_for(ticket_number)
            return (lock if lock.is_someone_waiting() else None), None

        self._atomic(conversation_id, change)
