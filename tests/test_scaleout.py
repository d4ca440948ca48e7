"""Scale-out: two Rasa servers sharing a PostgreSQL tracker store and a Redis
lock store (rasa's RedisLockStore), one action server, nginx in front.

PostgreSQL and Redis are the Debian packages, installed and started on
loopback by scripts/services.sh (which the fixture runs); nginx is started
here with deployment/nginx/assistant.conf.template.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any, Dict, Iterator, List

import pytest
import requests
import sqlalchemy as sa
from rasa.shared.core.events import BotUttered, UserUttered

from launcher.cli import tracker_store
from launcher.scaleout import build_scaleout, scaleout_settings, services_environment
from launcher.servers import Assistant
from storage.lock_store import AtomicRedisLockStore
from tests.helpers import assistant_settings, free_port, kinds, texts

pytestmark = [pytest.mark.server, pytest.mark.scaleout]
POLITE_ERROR = "Sorry, er ging iets mis"


@pytest.fixture(scope="module")
def scaleout(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    services = services_environment()
    tmp = tmp_path_factory.mktemp("scaleout")
    settings = scaleout_settings(assistant_settings(tmp, enable_api=False), services)
    assistant = build_scaleout(settings, [free_port(), free_port()], tmp, services["NGINX"], free_port())
    try:
        assistant.start(timeout=300)
        yield assistant
    finally:
        assistant.stop()


def url(assistant: Assistant, name: str) -> str:
    return assistant.servers[name].health_url.removesuffix("/webhooks/rest/")


def post(base: str, sender: str, text: str) -> List[Dict[str, Any]]:
    answer = requests.post(
        f"{base}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60
    )
    assert answer.status_code == 200, answer.text
    result: List[Dict[str, Any]] = answer.json()
    return result


def stored_events(assistant: Assistant, sender: str) -> List[Any]:
    """The conversation as stored in PostgreSQL, read as the Rasa servers read it."""
    saved = dict(os.environ)
    try:
        store = tracker_store(assistant.settings)
        tracker = asyncio.run(store.retrieve_full_tracker(sender))
        return list(tracker.events) if tracker is not None else []
    finally:
        os.environ.clear()
        os.environ.update(saved)


def test_one_conversation_alternating_between_instances_keeps_its_state(scaleout: Assistant) -> None:
    sender = f"alternate-{uuid.uuid4()}"
    first, second = url(scaleout, "rasa"), url(scaleout, "rasa1")
    assert kinds(post(first, sender, "hallo"))[0] == "disclosure"
    # The other instance continues the same conversation: no second disclosure.
    assert kinds(post(second, sender, "hallo")) == ["greeting"]
    assert "curated_answer" in kinds(post(first, sender, "wat is complete remissie"))
    assert "curated_answer" in kinds(post(second, sender, "hoe worden botuitzaaiingen behandeld"))
    users = [e.text for e in stored_events(scaleout, sender) if isinstance(e, UserUttered)]
    assert users == ["hallo", "hallo", "wat is complete remissie", "hoe worden botuitzaaiingen behandeld"]


QUESTIONS = [
    "wat is complete remissie",
    "hoe worden botuitzaaiingen behandeld",
    "wat is doelgerichte therapie",
    "wat betekent progressievrije overleving",
    "hoe wordt chemotherapie toegediend",
    "wanneer krijg je hormoontherapie",
    "wat voegt een petscan toe",
    "wat zijn tumormarkers",
]


def test_concurrent_messages_of_one_conversation_are_processed_one_at_a_time(scaleout: Assistant) -> None:
    sender = f"concurrent-{uuid.uuid4()}"
    instances = [url(scaleout, "rasa"), url(scaleout, "rasa1")]
    post(instances[0], sender, "hallo")
    with ThreadPoolExecutor(max_workers=len(QUESTIONS)) as pool:
        replies = list(
            pool.map(lambda item: post(instances[item[0] % 2], sender, item[1]), enumerate(QUESTIONS))
        )
    assert_processed_one_at_a_time(scaleout, sender, ["hallo", *QUESTIONS], replies)


def assert_processed_one_at_a_time(
    assistant: Assistant, sender: str, sent: List[str], replies: List[List[Dict[str, Any]]]
) -> None:
    assert all("curated_answer" in kinds(reply) for reply in replies)
    events = stored_events(assistant, sender)
    users = [e.text for e in events if isinstance(e, UserUttered)]
    # Every message stored exactly once (none lost, none answered twice) ...
    assert sorted(users) == sorted(sent)
    # ... and each one answered before the next was processed.
    turns: List[str] = []
    for event in events:
        if isinstance(event, UserUttered):
            turns.append("user")
        elif isinstance(event, BotUttered) and turns and turns[-1] == "user":
            turns.append("bot")
    assert turns == ["user", "bot"] * len(users)


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    """One Rasa server with two Sanic worker processes (SANIC_WORKERS=2) on
    the shared PostgreSQL and Redis lock store."""
    services = services_environment()
    tmp = tmp_path_factory.mktemp("two_workers")
    settings = replace(
        scaleout_settings(assistant_settings(tmp, enable_api=False), services), sanic_workers=2
    )
    assistant = build_scaleout(settings, [free_port()], tmp)
    try:
        assistant.start(timeout=300)
        yield assistant
    finally:
        assistant.stop()


def test_two_sanic_workers_process_one_conversation_one_message_at_a_time(two_workers: Assistant) -> None:
    sender = f"workers-{uuid.uuid4()}"
    server = url(two_workers, "rasa")
    post(server, sender, "hallo")
    with ThreadPoolExecutor(max_workers=len(QUESTIONS)) as pool:
        replies = list(pool.map(lambda question: post(server, sender, question), QUESTIONS))
    assert_processed_one_at_a_time(two_workers, sender, ["hallo", *QUESTIONS], replies)
    # Other conversations at the same time, spread over both workers.
    with ThreadPoolExecutor(max_workers=8) as pool:
        others = list(pool.map(lambda n: post(server, f"{sender}-{n}", QUESTIONS[n]), range(8)))
    assert all("curated_answer" in kinds(reply) for reply in others)


def test_a_conversation_through_nginx_keeps_its_state(scaleout: Assistant) -> None:
    balancer = url(scaleout, "nginx")
    sender = f"nginx-{uuid.uuid4()}"
    assert kinds(post(balancer, sender, "hallo"))[0] == "disclosure"
    for _ in range(3):
        assert "disclosure" not in kinds(post(balancer, sender, "wat is complete remissie"))
    malformed = requests.post(f"{balancer}/webhooks/rest/webhook", data=b"{", timeout=10)
    assert malformed.status_code == 400


def test_lock_tickets_are_unique_when_issued_concurrently(scaleout: Assistant) -> None:
    settings = scaleout.settings
    conversation = f"tickets-{uuid.uuid4()}"

    def issue(_: int) -> List[int]:
        store = AtomicRedisLockStore(
            host=settings.redis_host, port=settings.redis_port, db=settings.redis_db, key_prefix="tickettest"
        )
        return [store.issue_ticket(conversation) for _ in range(50)]

    with ThreadPoolExecutor(max_workers=4) as pool:
        tickets = [ticket for batch in pool.map(issue, range(4)) for ticket in batch]
    assert len(tickets) == len(set(tickets)) == 200
    store = AtomicRedisLockStore(
        host=settings.redis_host, port=settings.redis_port, db=settings.redis_db, key_prefix="tickettest"
    )
    for ticket in tickets:
        store.cleanup(conversation, ticket)
    assert store.get_lock(conversation) is None


def postgres_cluster() -> List[str]:
    version, name = subprocess.run(
        ["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=True
    ).stdout.split()[:2]
    return [version, name]


def test_dead_database_connections_are_replaced_without_losing_a_message(scaleout: Assistant) -> None:
    """Every connection to the database is killed, as a database restart does:
    the next message of a conversation is answered and stored all the same
    (the store runs a statement that met a dead connection once more)."""
    sender = f"reconnect-{uuid.uuid4()}"
    first = url(scaleout, "rasa")
    assert kinds(post(first, sender, "hallo"))[0] == "disclosure"
    saved = dict(os.environ)
    try:
        store = tracker_store(scaleout.settings)
        engine = getattr(store, "_tracker_store", store).engine
        with engine.connect() as connection:
            killed = connection.execute(
                sa.text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            ).scalar_one()
        engine.dispose()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    assert killed >= 2  # at least the pooled connection of each Rasa server
    after = post(first, sender, "wat is complete remissie")
    assert "curated_answer" in kinds(after) and "disclosure" not in kinds(after)
    users = [e.text for e in stored_events(scaleout, sender) if isinstance(e, UserUttered)]
    assert users == ["hallo", "wat is complete remissie"]


def test_postgres_and_redis_outages_give_clear_errors_and_lose_nothing_acknowledged(
    scaleout: Assistant,
) -> None:
    """Runs last in this module: stops and restarts PostgreSQL and Redis."""
    sender = f"outage-{uuid.uuid4()}"
    first, second = url(scaleout, "rasa"), url(scaleout, "rasa1")
    assert kinds(post(first, sender, "hallo"))[0] == "disclosure"

    subprocess.run(["pg_ctlcluster", *postgres_cluster(), "stop", "-m", "fast"], check=True)
    try:
        during = post(first, sender, "wat is complete remissie")
        assert POLITE_ERROR in texts(during) and "112" in texts(during)
    finally:
        services_environment()  # starts PostgreSQL again
    after = post(first, sender, "wat is complete remissie")
    assert "curated_answer" in kinds(after) and "disclosure" not in kinds(after)

    subprocess.run(
        ["redis-cli", "-h", "127.0.0.1", "-p", str(scaleout.settings.redis_port), "shutdown", "nosave"],
        capture_output=True,
    )
    try:
        during = post(second, sender, "hoe worden botuitzaaiingen behandeld")
        assert POLITE_ERROR in texts(during)
    finally:
        services_environment()  # starts Redis again
    after = post(second, sender, "hoe worden botuitzaaiingen behandeld")
    assert "curated_answer" in kinds(after) and "disclosure" not in kinds(after)

    users = [e.text for e in stored_events(scaleout, sender) if isinstance(e, UserUttered)]
    # Every answered message is stored; the two that got the error were not answered.
    assert users == ["hallo", "wat is complete remissie", "hoe worden botuitzaaiingen behandeld"]
