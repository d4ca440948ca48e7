"""The clinical team's review report (review/): a store filled through the
running servers (REST and socket.io, answers, feedback, an out-of-scope
question, a fallback, an alarm), the report generated from it, its figures
checked, and the HTML opened in headless Chromium."""

from __future__ import annotations

import csv
import sqlite3
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest
from playwright.sync_api import Browser

from review.aggregates import ANSWERED, MIN_GROUP_FOR_EXAMPLES, Report, StoredEvent, build_report
from review.aggregates import today as current_day
from review.render import render_html
from review.report import main, make_report
from tests.browser import launch, screenshot_path
from tests.helpers import RunningAssistant, kinds, safety_cases, start_assistant, stop_assistant
from tests.socketio_client import Client

pytestmark = pytest.mark.server

PET_CT = "wat voegt een PET/CT-scan toe?"
HORMONES = "wanneer krijg je hormoontherapie?"
WIG = [
    "wordt een pruik vergoed door de zorgverzekering?",
    "wordt mijn pruik vergoed door de zorgverzekering?",
    "wordt een pruik door de zorgverzekering vergoed?",
]
# Alone in its group: never shown (privacy threshold).
LONELY = "Mag ik nog autorijden met mijn medicijnen?"
ALARM = safety_cases()["alarm"][0]
UNANSWERED_KINDS = {"out_of_scope", "not_understood", "clarification"}


@dataclass
class Store:
    path: Path
    senders: List[str]
    replies: List[List[Dict[str, Any]]] = field(default_factory=list)
    feedback: List[Dict[str, Any]] = field(default_factory=list)

    def with_kind(self, kind: str) -> int:
        return sum(1 for messages in self.replies if kind in kinds(messages))

    def answered(self, answer_id: str) -> int:
        return sum(
            1
            for messages in self.replies
            if any(
                (m.get("metadata") or {}).get("kind") == "curated_answer"
                and (m.get("metadata") or {}).get("answer_id") == answer_id
                for m in messages
            )
        )


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A fresh assistant (its own SQLite store) and a known set of conversations."""
    tmp = tmp_path_factory.mktemp("review")
    running, _ = start_assistant(tmp, tmp)
    try:
        yield fill(running)
    finally:
        stop_assistant(running)


def fill(assistant: RunningAssistant) -> Store:
    result = Store(path=Path(assistant.settings.resolved_tracker_db), senders=[])

    def rest(sender: str, text: str) -> List[Dict[str, Any]]:
        result.senders.append(sender)
        messages = assistant.send(text, sender)
        result.replies.append(messages)
        return messages

    first = f"review-rest-{uuid.uuid4().hex[:8]}"
    rest(first, PET_CT)
    rest(first, HORMONES)
    rest(f"review-rest-{uuid.uuid4().hex[:8]}", PET_CT)
    for text in WIG:
        assert UNANSWERED_KINDS & set(kinds(rest(f"review-rest-{uuid.uuid4().hex[:8]}", text)))
    assert "clarification" in kinds(rest(f"review-rest-{uuid.uuid4().hex[:8]}", "/nlu_fallback"))
    assert "alarm" in kinds(rest(f"review-rest-{uuid.uuid4().hex[:8]}", ALARM))
    assert UNANSWERED_KINDS & set(kinds(rest(f"review-rest-{uuid.uuid4().hex[:8]}", LONELY)))

    # The widget: two conversations over socket.io, with "Was dit nuttig?".
    for useful_pet, extra in ((False, None), (True, (HORMONES, "hormone_therapy", True))):
        client = Client(assistant.url)
        try:
            session_id = client.session(uuid.uuid4().hex)
            result.senders.append(session_id)
            client.say({"message": PET_CT, "session_id": session_id})
            messages = client.receive_until("curated_answer")
            result.replies.append(messages)
            answer_id = messages[-1]["metadata"]["answer_id"]
            votes = [(answer_id, useful_pet)]
            if extra:
                client.say({"message": extra[0], "session_id": session_id})
                messages = client.receive_until("curated_answer")
                result.replies.append(messages)
                votes.append((messages[-1]["metadata"]["answer_id"], extra[2]))
            for voted_id, useful in votes:
                vote = {"session_id": session_id, "answer_id": voted_id, "useful": useful}
                assert client.sio.call("feedback", vote, timeout=20) == {"ok": True}
                result.feedback.append(vote)
        finally:
            client.sio.disconnect()
    return result


def stored_sender_keys(path: Path) -> List[str]:
    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute("SELECT DISTINCT sender_id FROM events")]


@pytest.fixture(scope="module")
def today() -> date:
    return current_day()


@pytest.fixture(scope="module")
def report(store: Store, today: date) -> Report:
    return make_report(f"sqlite:///{store.path}", today - timedelta(days=1), today)


@pytest.fixture(scope="module")
def html(store: Store, today: date, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    since = (today - timedelta(days=1)).isoformat()
    argv = [
        "--since",
        since,
        "--until",
        today.isoformat(),
        "--out",
        str(out),
        "--db",
        f"sqlite:///{store.path}",
    ]
    assert main([*argv, "--csv", str(out.with_suffix(".csv"))]) == 0
    return out


def test_conversations_and_messages_are_counted(store: Store, report: Report) -> None:
    assert report.conversations == len(set(store.senders)) == 10
    assert report.messages == len(store.replies) == 12
    assert set(report.channels) >= {"rest"} and sum(report.channels.values()) == 12


def test_questions_per_topic(store: Store, report: Report) -> None:
    pet = report.topics["pet_ct_scan"]
    assert pet[ANSWERED] == store.answered("pet_ct_scan") == 4
    assert report.topics["hormone_therapy"][ANSWERED] == store.answered("hormone_therapy") == 2
    # Outcomes over all messages agree with what the servers replied.
    assert report.outcomes["out_of_scope"] == store.with_kind("out_of_scope") >= 3
    assert report.outcomes["clarified"] == store.with_kind("clarification") >= 1
    assert report.outcomes["urgent"] == store.with_kind("alarm") == 1


def test_unanswered_messages_are_grouped(store: Store, report: Report) -> None:
    unanswered = sum(group.count for group in report.unanswered)
    # The three wig questions, the fallback and the lonely question.
    assert unanswered == 5
    assert sum(group.reasons.get("fallback", 0) for group in report.unanswered) >= 1
    wig = report.unanswered[0]
    assert wig.count == 3 and set(wig.examples) == set(WIG)
    for group in report.unanswered:
        if group.count < MIN_GROUP_FOR_EXAMPLES:
            assert group.examples == []


def test_feedback_per_answer_worst_first(report: Report, knowledge_base: Any) -> None:
    rows = {row.answer_id: row for row in report.feedback}
    assert (rows["pet_ct_scan"].useful, rows["pet_ct_scan"].not_useful) == (1, 1)
    assert (rows["hormone_therapy"].useful, rows["hormone_therapy"].not_useful) == (1, 0)
    assert [row.answer_id for row in report.feedback] == ["pet_ct_scan", "hormone_therapy"]
    assert rows["pet_ct_scan"].reviewed == knowledge_base.entries["pet_ct_scan"].reviewed


def test_urgent_replies_and_model_are_counted(report: Report, today: date, knowledge_base: Any) -> None:
    assert report.urgent_total == 1
    assert report.urgent_per_day == {today: {"alarm": 1, "distress": 0}}
    assert len(report.models) == 1 and report.models[0].model_id
    assert report.models[0].knowledge_reviewed == knowledge_base.entries["pet_ct_scan"].reviewed


def test_the_html_shows_no_sender_ids_and_no_small_group_text(store: Store, html: Path) -> None:
    page = html.read_text(encoding="utf-8")
    assert "Onbeantwoorde vragen" in page and "Vragen per onderwerp" in page
    for sender in [*store.senders, *stored_sender_keys(store.path)]:
        assert sender not in page
    assert LONELY not in page and ALARM not in page and "/nlu_fallback" not in page
    assert WIG[0] in page  # the group of three shows its examples
    # Self-contained: no external resources.
    assert "http://" not in page and "https://" not in page and "<script" not in page


def test_the_csv_has_the_same_aggregates(html: Path, report: Report) -> None:
    with html.with_suffix(".csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    feedback = {(r["key"], r["measure"]): r["value"] for r in rows if r["section"] == "feedback"}
    assert feedback[("pet_ct_scan", "not_useful")] == "1"
    topics = {(r["key"], r["measure"]): r["value"] for r in rows if r["section"] == "topics"}
    assert topics[("pet_ct_scan", ANSWERED)] == str(report.topics["pet_ct_scan"][ANSWERED])
    assert LONELY not in html.with_suffix(".csv").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from launch()


def test_the_report_opens_in_chromium(html: Path, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    requested: List[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(html.as_uri())
    assert page.locator("h1").inner_text().startswith("Overzicht")
    widths = page.eval_on_selector_all("img", "images => images.map(i => i.naturalWidth)")
    assert widths and all(width > 0 for width in widths)
    assert all(url.startswith(("file:", "data:")) for url in requested)
    page.screenshot(path=str(screenshot_path("report.png")), full_page=True)
    page.close()


def test_a_missing_store_is_one_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--out", str(tmp_path / "r.html"), "--db", f"sqlite:///{tmp_path / 'none.sqlite'}"]
    assert main(argv) == 1
    assert "no conversation store" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists() and not (tmp_path / "none.sqlite").exists()


def event(sender: str, type_name: str, at: float, **data: Any) -> StoredEvent:
    intent = ((data.get("parse_data") or {}).get("intent") or {}).get("name")
    return StoredEvent(sender, type_name, at, intent, data.get("name"), {"event": type_name, **data})


def test_aggregates_without_servers(knowledge_base: Any) -> None:
    """The walk on hand-made events: an urgent reply counted once (action and
    message), both metadata layouts, a group of two shows no example."""
    at = datetime(2026, 11, 2, 12, tzinfo=timezone.utc).timestamp()
    user = {"input_channel": "rest"}
    events = [
        event("a", "session_started", at),
        event(
            "a", "user", at, text="pijn op de borst", parse_data={"intent": {"name": "alarm_symptom"}}, **user
        ),
        event("a", "action", at, name="utter_alarm"),
        event("a", "bot", at, metadata={"metadata": {"kind": "alarm"}, "model_id": "m1"}),
        event("b", "session_started", at),
        event(
            "b",
            "user",
            at,
            text="mag ik autorijden",
            parse_data={"intent": {"name": "out_of_scope_other"}},
            **user,
        ),
        event("b", "bot", at, metadata={"kind": "out_of_scope"}),
        event(
            "b",
            "user",
            at,
            text="mag ik nog autorijden",
            parse_data={"intent": {"name": "out_of_scope_other"}},
        ),
        event("b", "bot", at, metadata={"kind": "out_of_scope"}),
        event("b", "slot", at, name="answer_feedback", value={"answer_id": "pet_ct_scan", "useful": False}),
        event(
            "b", "slot", at, name="answer_feedback", value={"answer_id": "hormone_therapy", "useful": "ja"}
        ),
    ]
    day = date(2026, 11, 2)
    report = build_report(events, day, day, knowledge_base.entries)
    assert report.urgent_per_day == {day: {"alarm": 1, "distress": 0}}
    assert report.conversations == 2 and report.messages == 3
    assert report.channels == {"rest": 2, "onbekend": 1}
    [group] = report.unanswered
    assert group.count == 2 and group.examples == [] and group.reasons == {"out_of_scope": 2}
    assert [(row.answer_id, row.useful, row.not_useful) for row in report.feedback] == [("pet_ct_scan", 0, 1)]
    assert [model.model_id for model in report.models] == ["m1"]
    html = render_html(report)
    assert "autorijden" not in html and "pijn op de borst" not in html
