"""Building blocks of the tracker store's per-process conversation cache.

rasa's SQL tracker store rebuilds the whole session on every message: it reads
every stored event of the session, JSON-decodes it, looks up its class (rasa's
`Event.resolve_by_type` walks all Event subclasses for each event) and replays
it onto a new tracker. Profiled (cProfile, one conversation of 200 messages)
this was half of the Rasa server's time, and it grows with the conversation.

`privacy.tracker_store.PrivateSQLTrackerStore` keeps, per conversation, a
*mirror*: the tracker built from the stored (de-identified) rows, and brings
it up to date from the rows added since (`id > last_id`), after checking with
one aggregate query that nothing else changed (see `RowSummary`). This module
has the parts that do not touch the database: the event class look-up, the
copy of a mirror that is handed out, and the cache entries.
"""

from __future__ import annotations

import copy
import dataclasses
from collections import OrderedDict
from typing import Any, Dict, Iterable, List, Optional, Type

from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import all_subclasses

_EVENT_CLASSES: Dict[str, Type[Event]] = {}


def event_class(type_name: str) -> Optional[Type[Event]]:
    """The class rasa's `Event.resolve_by_type` returns, looked up once per name.

    rasa returns the first match in `all_subclasses(Event)` order; the table
    is filled in that order. Names it does not know are not remembered, so a
    class defined later is still found."""
    found = _EVENT_CLASSES.get(type_name)
    if found is None:
        for candidate in all_subclasses(Event):
            _EVENT_CLASSES.setdefault(candidate.type_name, candidate)
        found = _EVENT_CLASSES.get(type_name)
    return found


def deserialise_event(data: Dict[str, Any]) -> Optional[Event]:
    """`Event.from_parameters(data)`, without its per-event class search."""
    cls = event_class(str(data.get("event")))
    if cls is None:
        # Unknown or legacy names: rasa's own handling (and its warnings).
        return Event.from_parameters(data)
    return cls._from_parameters(data)


def handed_out_copy(
    mirror: DialogueStateTracker, sender_id: str, states_memo: Optional[Dict[Any, Any]] = None
) -> DialogueStateTracker:
    """A tracker equal to `DialogueStateTracker.from_events(sender_id,
    mirror.events, slots)`, without replaying the events.

    Whatever the processor changes on the copy (new events, slot values, the
    latest action, the active loop) is its own; event objects are shared, as a
    replay shares them between a tracker and its prior trackers.
    tests/test_tracker_cache.py compares every attribute with a replay."""
    clone = copy.copy(mirror)
    clone.sender_id = sender_id
    clone.events = clone._create_events([])
    clone.events.extend(mirror.events)
    clone.slots = {name: copy.copy(slot) for name, slot in mirror.slots.items()}
    clone.latest_action = dict(mirror.latest_action) if mirror.latest_action is not None else None
    clone.active_loop = dataclasses.replace(mirror.active_loop) if mirror.active_loop is not None else None
    if states_memo is not None:
        # storage/past_states.py: the policies' states of the stored part, once.
        clone._states_memo = states_memo
        clone._stored_events = len(mirror.events)
    return clone


@dataclasses.dataclass
class RowSummary:
    """What one aggregate query says about a sender's stored rows (all
    sessions): any insert or delete by another process or command changes it
    (ids only grow; a deleted row lowers the count; rows written again after a
    deletion carry a newer timestamp)."""

    count: int
    max_id: Optional[int]
    max_timestamp: Optional[float]


@dataclasses.dataclass
class CachedConversation:
    """The mirror of one conversation's current session and what it was built from."""

    mirror: DialogueStateTracker
    rows: RowSummary
    # rasa's session boundary: the newest session_started timestamp (None: all rows).
    session_start: Optional[float]
    # Stored rows of the current session (rasa's `_additional_events` count).
    session_count: int
    domain_id: int
    # True between a retrieve that brought the mirror up to date and the next
    # save: then the mirror holds exactly the stored events of the session.
    in_sync: bool = False
    # The policies' states of the mirror's events (storage/past_states.py).
    states_memo: Dict[Any, Any] = dataclasses.field(default_factory=dict)


class ConversationCache:
    """Least recently used conversations, at most `size` of them."""

    def __init__(self, size: int) -> None:
        self.size = max(0, int(size))
        self._entries: OrderedDict[str, CachedConversation] = OrderedDict()

    def get(self, key: str) -> Optional[CachedConversation]:
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
        return entry

    def put(self, key: str, entry: CachedConversation) -> None:
        if self.size == 0:
            return
        self._entries[key] = entry
        self._entries.move_to_end(key)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def drop(self, key: str) -> None:
        self._entries.pop(key, None)

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)

    def keys(self) -> Iterable[str]:
        return list(self._entries)


def session_rows(rows: List[Any]) -> tuple[Optional[float], List[Any]]:
    """rasa's `_event_query` in Python: the rows from the newest
    session_started timestamp on (all rows when there is none), in id order.
    `rows`: (id, type_name, timestamp, data) of one sender, ordered by id."""
    starts = [
        row.timestamp for row in rows if row.type_name == "session_started" and row.timestamp is not None
    ]
    session_start = max(starts) if starts else None
    if session_start is None:
        return None, list(rows)
    return session_start, [
        row for row in rows if row.timestamp is not None and row.timestamp >= session_start
    ]
