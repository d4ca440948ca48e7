"""python -m review.report: the clinical team's review report.

    python -m review.report [--since YYYY-MM-DD] [--until YYYY-MM-DD]
        [--out var/report.html] [--csv aggregates.csv] [--db URL]

Days are Europe/Amsterdam calendar days. Defaults: the last 30 days up to
today, var/report.html, and the conversation store the launcher's settings name (launcher/settings.py: the
SQLite file under ASSISTANT_DATA_DIR, or PostgreSQL via TRACKER_DB_*).
--db takes any SQLAlchemy URL, e.g. sqlite:////path/conversations.sqlite.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import List, Optional

import sqlalchemy as sa

from launcher.paths import REPO_ROOT
from launcher.settings import Settings, from_environment
from review.aggregates import Report, StoreError, build_report, load_events, today
from review.render import render_html, write_csv

DEFAULT_DAYS = 30
DEFAULT_OUT = REPO_ROOT / "var" / "report.html"


def store_url(settings: Settings) -> str:
    """The SQLAlchemy URL of the configured conversation store."""
    if settings.tracker_dialect == "sqlite":
        return f"sqlite:///{Path(settings.resolved_tracker_db).resolve()}"
    url = sa.engine.URL.create(
        drivername=settings.tracker_dialect,
        username=settings.tracker_user or None,
        password=settings.tracker_password or None,
        host=settings.tracker_host or None,
        port=int(settings.tracker_port) if settings.tracker_port else None,
        database=settings.resolved_tracker_db,
    )
    return url.render_as_string(hide_password=False)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from error


def make_report(url: str, since: date, until: date) -> Report:
    from actions.knowledge_base import get_knowledge_base

    return build_report(load_events(url, since, until), since, until, get_knowledge_base().entries)


def main(argv: Optional[List[str]] = None) -> int:
    last_day = today()
    parser = argparse.ArgumentParser(prog="python -m review.report", description=__doc__.splitlines()[0])
    parser.add_argument("--since", type=_day, default=None, help="first day (default: 30 days ago)")
    parser.add_argument("--until", type=_day, default=last_day, help="last day, included (default: today)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the HTML file to write")
    parser.add_argument("--csv", type=Path, default=None, help="also write the aggregates as CSV")
    parser.add_argument(
        "--db", default=None, help="SQLAlchemy URL of the store (default: the configured one)"
    )
    args = parser.parse_args(argv)
    since: date = args.since or args.until - timedelta(days=DEFAULT_DAYS - 1)
    if since > args.until:
        parser.error("--since is after --until")
    url = args.db or store_url(from_environment())
    try:
        report = make_report(url, since, args.until)
    except StoreError as error:
        print(f"report: {error}", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render_html(report), encoding="utf-8")
    if args.csv:
        write_csv(report, args.csv)
    print(
        f"Report {since} to {args.until}: {report.conversations} conversations, {report.messages} messages "
        f"-> {args.out}" + (f", {args.csv}" if args.csv else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
