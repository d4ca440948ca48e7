"""Aggregates over the events of rasa's SQL tracker store (table `events`).

Reads only what the report needs and never returns a sender id: conversations
are keyed by the (already hashed) sender id only while they are walked.
User texts are kept only for the unanswered list; they are de-identified by
the store before they are written (privacy/tracker_store.py).
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple
from zoneinfo import ZoneInfo

import sqlalchemy as sa

# Days are the hospital's calendar days.
REPORT_TIMEZONE = ZoneInfo("Europe/Amsterdam")
QUESTION_PREFIX = "ask_"
FEEDBACK_SLOT = "answer_feedback"
URGENT_KINDS = ("alarm", "distress")
URGENT_ACTIONS = {"utter_alarm": "alarm", "utter_distress": "distress"}
ANSWER_KINDS = ("curated_answer", "simple_answer")
# Groups smaller than this show no example text (re-identification risk).
MIN_GROUP_FOR_EXAMPLES = 3
MAX_EXAMPLES = 3

# Outcomes of one user message, judged from the bot's reply to it.
ANSWERED = "answered"
CLARIFIED = "clarified"
OUT_OF_SCOPE = "out_of_scope"
NOT_UNDERSTOOD = "not_understood"
URGENT = "urgent"
OTHER = "other"
OUTCOMES = (ANSWERED, CLARIFIED, OUT_OF_SCOPE, NOT_UNDERSTOOD, URGENT, OTHER)


@dataclass(frozen=True)
class StoredEvent:
    sender_id: str
    type_name: str
    timestamp: float
    intent_name: Optional[str]
    action_name: Optional[str]
    data: Dict[str, Any]


@dataclass
class Turn:
    """One user message and what the assistant did until the next one."""

    day: date
    text: str
    intent: Optional[str]
    topic: Optional[str]
    channel: str
    actions: List[str] = field(default_factory=list)
    kinds: List[str] = field(default_factory=list)

    @property
    def outcome(self) -> str:
        kinds, actions = set(self.kinds), set(self.actions)
        if kinds & set(URGENT_KINDS) or actions & set(URGENT_ACTIONS):
            return URGENT
        if kinds & set(ANSWER_KINDS):
            return ANSWERED
        if "out_of_scope" in kinds or "action_respond_out_of_scope" in actions:
            return OUT_OF_SCOPE
        if "not_understood" in kinds or "action_not_understood" in actions:
            return NOT_UNDERSTOOD
        if "clarification" in kinds or "action_clarify_question" in actions or self.intent == "nlu_fallback":
            return CLARIFIED
        return OTHER

    @property
    def unanswered_reason(self) -> Optional[str]:
        """Why this message belongs on the unanswered list, or None."""
        outcome = self.outcome
        if outcome in (OUT_OF_SCOPE, NOT_UNDERSTOOD):
            return outcome
        if self.intent == "nlu_fallback" and outcome != ANSWERED and outcome != URGENT:
            return "fallback"
        return None


@dataclass
class UnansweredGroup:
    count: int
    reasons: Dict[str, int]
    examples: List[str]  # empty when count < MIN_GROUP_FOR_EXAMPLES


@dataclass
class FeedbackRow:
    answer_id: str
    title: str
    reviewed: str
    useful: int
    not_useful: int

    @property
    def total(self) -> int:
        return self.useful + self.not_useful

    @property
    def share_useful(self) -> float:
        return self.useful / self.total if self.total else 0.0


@dataclass
class ModelPeriod:
    model_id: str
    assistant_id: str
    first_day: date
    last_day: date
    events: int
    # The newest review date among the answers this model sent (answer metadata
    # `reviewed`): the knowledge-base version as far as the events show it.
    knowledge_reviewed: str = ""


@dataclass
class Report:
    since: date
    until: date
    conversations_per_day: Dict[date, int]
    messages_per_day: Dict[date, int]
    channels: Dict[str, int]
    topics: Dict[str, Dict[str, int]]  # topic -> outcome -> count
    outcomes: Dict[str, int]
    unanswered: List[UnansweredGroup]
    feedback: List[FeedbackRow]
    urgent_per_day: Dict[date, Dict[str, int]]  # day -> alarm/distress -> count
    models: List[ModelPeriod]
    titles: Dict[str, str] = field(default_factory=dict)  # answer id -> title

    @property
    def conversations(self) -> int:
        return sum(self.conversations_per_day.values())

    @property
    def messages(self) -> int:
        return sum(self.messages_per_day.values())

    @property
    def urgent_total(self) -> int:
        return sum(sum(kinds.values()) for kinds in self.urgent_per_day.values())


class StoreError(RuntimeError):
    """The conversation store cannot be read."""


def day_of(timestamp: float) -> date:
    """The calendar day (Europe/Amsterdam) of a rasa timestamp (seconds since the epoch)."""
    return datetime.fromtimestamp(timestamp, tz=REPORT_TIMEZONE).date()


def today() -> date:
    return day_of(time.time())


def epoch(day: date) -> float:
    """The start of a calendar day (Europe/Amsterdam) in seconds since the epoch."""
    return datetime(day.year, day.month, day.day, tzinfo=REPORT_TIMEZONE).timestamp()


def load_events(url: str, since: date, until: date) -> List[StoredEvent]:
    """The events from `since` up to and including `until` (Europe/Amsterdam days), per conversation in order."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").is_file():
        # Connecting would create an empty database file where the store belongs.
        raise StoreError(f"no conversation store at {parsed.database or url}")
    engine = sa.create_engine(url)
    query = sa.text(
        "SELECT sender_id, type_name, timestamp, intent_name, action_name, data FROM events "
        "WHERE timestamp >= :start AND timestamp < :end ORDER BY sender_id, id"
    )
    try:
        with engine.connect() as connection:
            if not sa.inspect(connection).has_table("events"):
                raise StoreError(f"no conversation store (table 'events') at {engine.url!r}")
            rows = connection.execute(
                query, {"start": epoch(since), "end": epoch(until + timedelta(days=1))}
            ).fetchall()
    finally:
        engine.dispose()
    events = []
    for row in rows:
        try:
            data = json.loads(row.data or "{}")
        except ValueError:
            data = {}
        events.append(
            StoredEvent(
                sender_id=row.sender_id,
                type_name=row.type_name,
                timestamp=float(row.timestamp or 0.0),
                intent_name=row.intent_name,
                action_name=row.action_name,
                data=data if isinstance(data, dict) else {},
            )
        )
    return events


def topic_of(data: Dict[str, Any], intent: Optional[str]) -> Optional[str]:
    """The knowledge entry a question was about: its ask_<id> intent, or for a
    fallback the best-ranked ask_<id> intent (the one offered for clarification)."""
    if intent and intent.startswith(QUESTION_PREFIX):
        return intent[len(QUESTION_PREFIX) :]
    if intent == "nlu_fallback":
        for ranked in (data.get("parse_data") or {}).get("intent_ranking") or []:
            name = str((ranked or {}).get("name") or "")
            if name.startswith(QUESTION_PREFIX):
                return name[len(QUESTION_PREFIX) :]
    return None


def bot_kind(data: Dict[str, Any]) -> Optional[str]:
    """The `kind` a bot message was sent with: rasa stores the message's own
    metadata under metadata.metadata (next to model_id); older events at the top."""
    metadata = data.get("metadata") or {}
    kind = (
        (metadata.get("metadata") or {}).get("kind") if isinstance(metadata.get("metadata"), dict) else None
    )
    kind = kind or metadata.get("kind")
    return kind if isinstance(kind, str) else None


def walk(events: Sequence[StoredEvent]) -> Tuple[List[Turn], Dict[date, int], List[Tuple[str, bool]]]:
    """Turns, conversations per day (a session with at least one user message,
    counted on the day of its first message) and feedback (answer id, useful)."""
    turns: List[Turn] = []
    conversations: Dict[date, int] = Counter()
    feedback: List[Tuple[str, bool]] = []
    current: Optional[Turn] = None
    sender: Optional[str] = None
    session_has_message = False
    for event in events:
        if event.sender_id != sender or event.type_name == "session_started":
            sender, current, session_has_message = event.sender_id, None, False
        data = event.data
        if event.type_name == "user":
            intent = event.intent_name or ((data.get("parse_data") or {}).get("intent") or {}).get("name")
            current = Turn(
                day=day_of(event.timestamp),
                text=str(data.get("text") or ""),
                intent=intent,
                topic=topic_of(data, intent),
                channel=str(data.get("input_channel") or "onbekend"),
            )
            turns.append(current)
            if not session_has_message:
                conversations[current.day] += 1
                session_has_message = True
        elif event.type_name == "action" and current is not None and event.action_name:
            current.actions.append(event.action_name)
        elif event.type_name == "bot" and current is not None:
            kind = bot_kind(data)
            if kind:
                current.kinds.append(kind)
        elif event.type_name == "slot" and data.get("name") == FEEDBACK_SLOT:
            value = data.get("value")
            if isinstance(value, dict) and isinstance(value.get("useful"), bool):
                feedback.append((str(value.get("answer_id")), bool(value["useful"])))
    return turns, dict(conversations), feedback


def group_unanswered(turns: Iterable[Turn], distance_threshold: float = 0.8) -> List[UnansweredGroup]:
    """Unanswered messages grouped by similarity (TF-IDF on words and character
    n-grams, agglomerative clustering on cosine distance), largest group first."""
    items = [
        (turn.text.strip(), reason)
        for turn in turns
        if (reason := turn.unanswered_reason) and turn.text.strip()
    ]
    if not items:
        return []
    texts = [text for text, _ in items]
    if len(items) == 1:
        labels = [0]
    else:
        from sklearn.cluster import AgglomerativeClustering
        from sklearn.feature_extraction.text import TfidfVectorizer

        vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), lowercase=True).fit_transform(texts)
        clustering = AgglomerativeClustering(
            n_clusters=None, distance_threshold=distance_threshold, affinity="cosine", linkage="average"
        )
        labels = [int(label) for label in clustering.fit_predict(vectors.toarray())]
    members: Dict[int, List[Tuple[str, str]]] = defaultdict(list)
    for label, item in zip(labels, items, strict=True):
        members[label].append(item)
    groups = []
    for group in members.values():
        examples: List[str] = []
        if len(group) >= MIN_GROUP_FOR_EXAMPLES:
            for text, _ in group:
                if text not in examples:
                    examples.append(text)
                if len(examples) == MAX_EXAMPLES:
                    break
        groups.append(
            UnansweredGroup(
                count=len(group), reasons=dict(Counter(reason for _, reason in group)), examples=examples
            )
        )
    groups.sort(key=lambda group: (-group.count, sorted(group.reasons)))
    return groups


def feedback_rows(feedback: Iterable[Tuple[str, bool]], entries: Dict[str, Any]) -> List[FeedbackRow]:
    """Per answer id the yes/no counts, worst first (lowest share useful, then most "no")."""
    counts: Dict[str, List[int]] = defaultdict(lambda: [0, 0])
    for answer_id, useful in feedback:
        counts[answer_id][0 if useful else 1] += 1
    rows = []
    for answer_id, (yes, no) in counts.items():
        entry = entries.get(answer_id)
        rows.append(
            FeedbackRow(
                answer_id=answer_id,
                title=str(getattr(entry, "title", "") or ""),
                reviewed=str(getattr(entry, "reviewed", "") or ""),
                useful=yes,
                not_useful=no,
            )
        )
    rows.sort(key=lambda row: (row.share_useful, -row.not_useful, row.answer_id))
    return rows


def urgent_per_day(turns: Iterable[Turn], events: Iterable[StoredEvent]) -> Dict[date, Dict[str, int]]:
    """Urgent replies per day: bot messages of kind alarm / distress; an
    utter_alarm / utter_distress action counts only where no such message was stored."""
    result: Dict[date, Dict[str, int]] = defaultdict(lambda: {kind: 0 for kind in URGENT_KINDS})
    for turn in turns:
        for kind in URGENT_KINDS:
            sent = turn.kinds.count(kind)
            executed = sum(1 for action in turn.actions if URGENT_ACTIONS.get(action) == kind)
            result[turn.day][kind] += max(sent, executed)
    return {day: counts for day, counts in result.items() if sum(counts.values())}


def model_periods(events: Iterable[StoredEvent]) -> List[ModelPeriod]:
    """Which model (rasa's model_id and assistant_id in event metadata) ran when."""
    periods: Dict[Tuple[str, str], ModelPeriod] = {}
    for event in events:
        metadata = event.data.get("metadata") or {}
        model_id = str(metadata.get("model_id") or "")
        if not model_id:
            continue
        key = (model_id, str(metadata.get("assistant_id") or ""))
        day = day_of(event.timestamp)
        period = periods.get(key)
        if period is None:
            period = periods[key] = ModelPeriod(key[0], key[1], day, day, 0)
        period.first_day, period.last_day = min(period.first_day, day), max(period.last_day, day)
        period.events += 1
        reviewed = (
            metadata.get("metadata", {}).get("reviewed")
            if isinstance(metadata.get("metadata"), dict)
            else None
        )
        if isinstance(reviewed, str) and reviewed > period.knowledge_reviewed:
            period.knowledge_reviewed = reviewed
    return sorted(periods.values(), key=lambda period: (period.first_day, period.last_day))


def build_report(events: Sequence[StoredEvent], since: date, until: date, entries: Dict[str, Any]) -> Report:
    turns, conversations, feedback = walk(events)
    messages: Dict[date, int] = Counter(turn.day for turn in turns)
    topics: Dict[str, Dict[str, int]] = defaultdict(lambda: {outcome: 0 for outcome in OUTCOMES})
    for turn in turns:
        if turn.topic:
            topics[turn.topic][turn.outcome] += 1
    return Report(
        since=since,
        until=until,
        conversations_per_day=dict(sorted(conversations.items())),
        messages_per_day=dict(sorted(messages.items())),
        channels=dict(Counter(turn.channel for turn in turns).most_common()),
        topics=dict(sorted(topics.items(), key=lambda item: (-sum(item[1].values()), item[0]))),
        outcomes=dict(Counter(turn.outcome for turn in turns)),
        unanswered=group_unanswered(turns),
        feedback=feedback_rows(feedback, entries),
        urgent_per_day=dict(sorted(urgent_per_day(turns, events).items())),
        models=model_periods(events),
        titles={answer_id: str(getattr(entry, "title", "") or "") for answer_id, entry in entries.items()},
    )
