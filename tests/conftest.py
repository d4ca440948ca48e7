"""Fixtures: the real knowledge base, rasa-sdk trackers and dispatchers, the
source page (skipped where absent) and the running assistant."""

from __future__ import annotations

from typing import Any, Callable, Dict, Iterator, List, Optional

import pytest
from playwright.sync_api import Browser
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge_base import KnowledgeBase, get_knowledge_base
from tests.browser import launch
from tests.fake_messaging_api import FakeMessagingApi, channel_env, start_fake_messaging_api
from tests.helpers import REPO_ROOT, SOURCE_PATH, RunningAssistant, start_assistant, stop_assistant


@pytest.fixture(scope="session")
def knowledge_base() -> KnowledgeBase:
    return get_knowledge_base()


@pytest.fixture(scope="session")
def source_text() -> str:
    if not SOURCE_PATH.exists():
        message = f"source page not found at {SOURCE_PATH} (only developers and CI have ../shared/)"
        print(f"SKIP: {message}")
        pytest.skip(message)
    return SOURCE_PATH.read_text(encoding="utf-8")


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture
def domain() -> Dict[str, Any]:
    return {}


TrackerFactory = Callable[..., Tracker]


@pytest.fixture
def make_tracker() -> TrackerFactory:
    """A real rasa-sdk Tracker whose last user message has the given parse."""

    def build(
        intent: str,
        text: str = "",
        ranking: Optional[List[Dict[str, Any]]] = None,
        slots: Optional[Dict[str, Any]] = None,
        sender_id: str = "test-user",
        first_turn: bool = False,
        safety: Optional[Dict[str, Any]] = None,
    ) -> Tracker:
        latest = {
            "text": text,
            "intent": {"name": intent, "confidence": 1.0},
            "intent_ranking": ranking or [{"name": intent, "confidence": 1.0}],
            "entities": [],
            # What the safety layers decided (safety/decision.py); nothing by default.
            "safety_net": safety or {},
        }
        # By default the bot has already spoken in this session (no disclosure due).
        earlier = (
            [] if first_turn else [{"event": "user", "text": "hallo"}, {"event": "bot", "text": "Goedendag!"}]
        )
        events = [
            {"event": "session_started"},
            *earlier,
            {"event": "user", "text": text, "parse_data": latest},
        ]
        return Tracker(
            sender_id=sender_id,
            # last_answer_id: no topic for follow-up questions yet (actions/follow_up.py).
            slots={"clarification_pending": False, "last_answer_id": None, **(slots or {})},
            latest_message=latest,
            events=events,
            paused=False,
            followup_action=None,
            active_loop={},
            latest_action_name="action_listen",
        )

    return build


@pytest.fixture(scope="session")
def domain_files() -> Dict[str, Any]:
    """The domain directory merged (responses, intents, actions)."""
    from rasa.shared.core.domain import Domain

    return Domain.load(str(REPO_ROOT / "domain")).as_dict()


@pytest.fixture(scope="session")
def messaging_api() -> Iterator[FakeMessagingApi]:
    """A fake Telegram / Twilio API on loopback that records the assistant's calls."""
    api = start_fake_messaging_api()
    try:
        yield api
    finally:
        api.stop()


@pytest.fixture(scope="session")
def assistant(
    tmp_path_factory: pytest.TempPathFactory, messaging_api: FakeMessagingApi
) -> Iterator[RunningAssistant]:
    """The real action server and Rasa server, started once per test session
    (messaging channels configured against the fake API)."""
    tmp = tmp_path_factory.mktemp("assistant")
    running, _ = start_assistant(tmp, tmp, extra_env=channel_env(messaging_api))
    try:
        yield running
    finally:
        stop_assistant(running)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Chromium, one per test module (tests/browser.py)."""
    yield from launch()
