"""Load benchmark of the REST webhook: throughput and latency under concurrency.

    make benchmark-load                       # everything below, default sizes
    python -m benchmarks.load_benchmark --messages 2000 --skip-scaleout

Measured in one run (loopback only, bounded loops):
- in process, no HTTP: the Rasa agent built from endpoints.yml, as the server
  builds it (SQLite store, real action server), 10 concurrent conversations;
- default start (SQLite tracker store): CONCURRENCY simulated conversations of
  8 realistic Dutch messages each, repeated until MESSAGES messages;
- one user alone (sequential messages): median latency;
- a long conversation: 200 messages in one conversation, the 5th message's
  latency against the 200th's (median of messages 3-7 and 196-200);
- scale-out: two Rasa servers on PostgreSQL + Redis behind nginx
  (scripts/services.sh starts PostgreSQL and Redis), same load through nginx.
Reports throughput (messages/s), median, p95, p99, errors (non-200 or an
empty reply: a lost reply) to stdout and benchmarks/results/load.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

import aiohttp

from launcher.paths import ENDPOINTS_FILE, REPO_ROOT
from launcher.scaleout import build_scaleout, scaleout_settings, services_environment
from launcher.servers import Assistant, build_assistant, start_assistant
from launcher.settings import Settings, server_environment
from tests.helpers import assistant_settings, free_port, model_path

RESULTS = REPO_ROOT / "benchmarks" / "results"
CONVERSATION = [
    "hallo",
    "wat betekent het dat de borstkanker is uitgezaaid",
    "hoe worden botuitzaaiingen behandeld",
    "wat betekent progressievrije overleving",
    "hoe wordt chemotherapie toegediend",
    "moet ik stoppen met mijn chemo?",
    "is er ook begeleiding voor mijn familie",
    "dank je wel",
]


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.machine()} {cpu}, {os.cpu_count()} cores, {memory:.0f} GiB, Python {platform.python_version()}"


def summary(latencies: List[float], errors: int, seconds: float) -> Dict[str, Any]:
    ordered = sorted(latencies)

    def percentile(share: float) -> float:
        return (
            round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1) if ordered else float("nan")
        )

    return {
        "messages": len(latencies) + errors,
        "errors": errors,
        "seconds": round(seconds, 1),
        "messages_per_second": round((len(latencies) + errors) / seconds, 1) if seconds else 0.0,
        "median_ms": round(statistics.median(ordered), 1) if ordered else float("nan"),
        "p95_ms": percentile(0.95),
        "p99_ms": percentile(0.99),
    }


async def send(http: aiohttp.ClientSession, url: str, sender: str, text: str) -> Any:
    """One message to the REST webhook: the reply body, or None on any failure."""
    try:
        async with http.post(
            f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}
        ) as answer:
            return await answer.json(content_type=None) if answer.status == 200 else None
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
        return None


async def converse(
    http: aiohttp.ClientSession, url: str, sender: str, texts: Sequence[str], latencies: List[float]
) -> int:
    errors = 0
    for text in texts:
        started = time.perf_counter()
        body = await send(http, url, sender, text)
        if not body or not isinstance(body, list):
            errors += 1
        else:
            latencies.append(1000 * (time.perf_counter() - started))
    return errors


async def http_load(url: str, concurrency: int, messages: int) -> Dict[str, Any]:
    """`concurrency` conversations at a time until `messages` messages were sent."""
    latencies: List[float] = []
    rounds = max(1, messages // (concurrency * len(CONVERSATION)))
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(
        timeout=timeout, connector=aiohttp.TCPConnector(limit=concurrency)
    ) as http:
        await converse(http, url, "warm-up", CONVERSATION, [])
        started = time.perf_counter()
        errors = 0
        for round_number in range(rounds):
            results = await asyncio.gather(
                *(
                    converse(
                        http,
                        url,
                        f"load-{round_number}-{index}-{uuid.uuid4().hex[:6]}",
                        CONVERSATION,
                        latencies,
                    )
                    for index in range(concurrency)
                )
            )
            errors += sum(results)
        return summary(latencies, errors, time.perf_counter() - started)


async def long_conversation(url: str, length: int = 200) -> Dict[str, Any]:
    latencies: List[float] = []
    texts = [CONVERSATION[1 + index % (len(CONVERSATION) - 2)] for index in range(length)]
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as http:
        sender = f"long-{uuid.uuid4().hex[:8]}"
        for text in texts:
            before = len(latencies)
            if await converse(http, url, sender, [text], latencies) or len(latencies) == before:
                latencies.append(float("nan"))
    early = statistics.median(latencies[2:7])
    late = statistics.median(latencies[length - 5 : length])
    return {
        "messages": length,
        "message_5_ms": round(early, 1),
        "message_200_ms": round(late, 1),
        "ratio": round(late / early, 2),
    }


async def in_process(settings: Settings, concurrency: int, messages: int) -> Dict[str, Any]:
    """The agent the server builds, called directly: the cost without HTTP."""
    from rasa.core.agent import load_agent
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
    from rasa.core.utils import AvailableEndpoints
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    import channels.rest  # noqa: F401  (the server loads it: cached action-response validation)

    # Log as `rasa run` does (INFO). Without this, structlog prints every debug
    # line (all dialogue states at every prediction), which the in-process
    # figure then included; the servers never log at that level by default.
    configure_logging_and_warnings(logging.INFO, warn_only_once=True, filter_repeated_logs=True)
    configure_structlog(logging.INFO)
    os.environ.update(server_environment(settings))
    endpoints = AvailableEndpoints.read_endpoints(str(ENDPOINTS_FILE))
    agent = await load_agent(model_path=str(model_path()), endpoints=endpoints)
    latencies: List[float] = []
    errors = 0

    async def one(sender: str) -> None:
        nonlocal errors
        for text in CONVERSATION:
            output = CollectingOutputChannel()
            started = time.perf_counter()
            await agent.handle_message(UserMessage(text, output, sender))
            if output.messages:
                latencies.append(1000 * (time.perf_counter() - started))
            else:
                errors += 1

    await one("in-process-warm-up")
    started = time.perf_counter()
    for round_number in range(max(1, messages // (concurrency * len(CONVERSATION)))):
        await asyncio.gather(*(one(f"in-process-{round_number}-{index}") for index in range(concurrency)))
    return summary(latencies, errors, time.perf_counter() - started)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024)
    return float("nan")


def print_row(label: str, result: Dict[str, Any]) -> None:
    print(
        f"{label:<38} {result['messages_per_second']:>7} msg/s  median {result['median_ms']:>6} ms  "
        f"p95 {result['p95_ms']:>6} ms  p99 {result['p99_ms']:>6} ms  errors {result['errors']}/{result['messages']}",
        flush=True,
    )


def run_default(tmp: Path, args: argparse.Namespace, report: Dict[str, Any]) -> Settings:
    settings = assistant_settings(tmp / "default", enable_api=False)
    assistant, _ = start_assistant(settings, tmp / "default")
    try:
        result = asyncio.run(http_load(assistant.url, args.concurrency, args.messages))
        report["sqlite_concurrent"] = result
        print_row(f"SQLite, {args.concurrency} conversations at once", result)
        single = asyncio.run(http_load(assistant.url, 1, args.single_messages))
        report["sqlite_single_user"] = single
        print_row("SQLite, one user", single)
        report["long_conversation"] = asyncio.run(long_conversation(assistant.url))
        print(f"long conversation: {report['long_conversation']}", flush=True)
        report["rasa_server_rss_mb"] = rss_mb(assistant.rasa.pid)
        print(f"Rasa server RSS: {report['rasa_server_rss_mb']} MB", flush=True)
        if not args.skip_in_process:
            inproc = asyncio.run(in_process(replace(settings), args.concurrency, min(args.messages, 2000)))
            report["in_process_concurrent"] = inproc
            print_row(f"in process (no HTTP), {args.concurrency} at once", inproc)
    finally:
        assistant.stop()
    return settings


def run_store_comparison(tmp: Path, args: argparse.Namespace, report: Dict[str, Any]) -> None:
    """The same concurrent load with three stores, back to back (same machine
    load): rasa's in-memory store (a temporary endpoints file without a
    tracker store, for comparison only), SQLite without de-identification, and
    the default (SQLite with de-identification)."""
    comparison: Dict[str, Any] = {}
    in_memory = tmp / "endpoints-in-memory.yml"
    in_memory.write_text("action_endpoint:\n  url: ${ACTION_SERVER_URL}\n", encoding="utf-8")
    for label, deidentify, endpoints in [
        ("in-memory store (rasa default)", True, in_memory),
        ("SQLite, no de-identification", False, None),
        ("SQLite + de-identification (default)", True, None),
    ]:
        settings = assistant_settings(
            tmp / f"compare-{len(comparison)}", enable_api=False, deidentify=deidentify
        )
        assistant = build_assistant(settings, tmp / f"compare-{len(comparison)}")
        if endpoints is not None:
            command = assistant.rasa.command
            command[command.index("--endpoints") + 1] = str(endpoints)
        assistant.start()
        try:
            result = asyncio.run(http_load(assistant.url, args.concurrency, args.compare_messages))
            result["rasa_server_rss_mb"] = rss_mb(assistant.rasa.pid)
        finally:
            assistant.stop()
        comparison[label] = result
        print_row(label, result)
    report["store_comparison"] = comparison


async def load_with_action_server_kill(
    url: str, pid_file: Path, concurrency: int, messages: int
) -> Dict[str, Any]:
    """Load of `messages` messages; the action server is SIGKILLed after a third of them."""
    polite, answered, errors = 0, 0, 0
    latencies: List[float] = []
    killed_at: Optional[float] = None
    first_polite: Optional[float] = None
    last_polite: Optional[float] = None
    sent = 0

    async def conversation(http: aiohttp.ClientSession, sender: str) -> None:
        nonlocal polite, answered, errors, sent, killed_at, first_polite, last_polite
        for text in CONVERSATION:
            sent += 1
            if killed_at is None and sent >= messages // 3:
                killed_at = time.monotonic()
                os.killpg(int(pid_file.read_text()), signal.SIGKILL)
            started = time.perf_counter()
            body = await send(http, url, sender, text)
            latencies.append(1000 * (time.perf_counter() - started))
            if not body:
                errors += 1
            elif any("er ging iets mis" in (message.get("text") or "") for message in body):
                polite += 1
                now = time.monotonic()
                first_polite = first_polite or now
                last_polite = now
            else:
                answered += 1

    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as http:
        for round_number in range(max(1, messages // (concurrency * len(CONVERSATION)))):
            await asyncio.gather(
                *(
                    conversation(http, f"fault-{round_number}-{index}-{uuid.uuid4().hex[:6]}")
                    for index in range(concurrency)
                )
            )
    return {
        "messages": len(latencies),
        "errors": errors,
        "answered": answered,
        "polite_error_replies": polite,
        "max_latency_ms": round(max(latencies), 1) if latencies else float("nan"),
        "seconds_from_kill_to_answers_again": round(last_polite - killed_at, 1)
        if last_polite is not None and killed_at is not None
        else 0.0,
    }


def run_faults(tmp: Path, args: argparse.Namespace, report: Dict[str, Any]) -> None:
    """The supervised start (python -m launcher run) under load; its action server is killed."""
    data_dir = tmp / "faults"
    rasa_port, actions_port = free_port(), free_port()
    env = {
        **os.environ,
        "RASA_PORT": str(rasa_port),
        "ACTIONS_PORT": str(actions_port),
        "ASSISTANT_DATA_DIR": str(data_dir),
    }
    data_dir.mkdir(parents=True, exist_ok=True)
    with (data_dir / "supervisor.log").open("w") as log:
        supervisor = subprocess.Popen(
            [sys.executable, "-m", "launcher", "run"],
            cwd=REPO_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{rasa_port}"
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                if urllib.request.urlopen(f"{url}/webhooks/rest/", timeout=2).status == 200:
                    break
            except OSError:
                time.sleep(0.5)
        result = asyncio.run(
            load_with_action_server_kill(
                url, data_dir / "run" / "actions.pid", args.concurrency, args.fault_messages
            )
        )
        report["action_server_killed_under_load"] = result
        print(f"action server killed under load: {result}", flush=True)
    finally:
        supervisor.send_signal(signal.SIGTERM)
        supervisor.wait(timeout=60)


def run_scaleout(tmp: Path, args: argparse.Namespace, report: Dict[str, Any]) -> None:
    services = services_environment()
    settings = scaleout_settings(assistant_settings(tmp / "scaleout", enable_api=False), services)
    assistant: Optional[Assistant] = None
    for workers in args.scaleout_workers:
        label = f"scale-out (2 Rasa x {workers} worker(s), PostgreSQL, Redis, nginx)"
        instance = replace(settings, sanic_workers=workers)
        assistant = build_scaleout(
            instance, [free_port(), free_port()], tmp / f"scaleout-{workers}", services["NGINX"], free_port()
        )
        try:
            assistant.start(timeout=400)
            nginx_url = assistant.servers["nginx"].health_url.removesuffix("/webhooks/rest/")
            result = asyncio.run(http_load(nginx_url, args.concurrency, args.scaleout_messages))
            report[f"scaleout_{workers}_workers"] = result
            print_row(label, result)
        finally:
            assistant.stop()


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--messages", type=int, default=10_000, help="messages in the concurrent SQLite run")
    parser.add_argument("--single-messages", type=int, default=400)
    parser.add_argument("--scaleout-messages", type=int, default=5_000)
    parser.add_argument("--scaleout-workers", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--skip-scaleout", action="store_true")
    parser.add_argument("--faults", action="store_true", help="also: kill the action server under load")
    parser.add_argument("--fault-messages", type=int, default=800)
    parser.add_argument(
        "--compare-stores", action="store_true", help="also: in-memory vs SQLite vs SQLite+deduce"
    )
    parser.add_argument("--compare-messages", type=int, default=2000)
    parser.add_argument("--skip-in-process", action="store_true")
    parser.add_argument("--output", type=Path, default=RESULTS / "load.json")
    args = parser.parse_args(argv)
    report: Dict[str, Any] = {
        "machine": machine(),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    print(f"load benchmark on {report['machine']}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        if args.compare_stores:
            run_store_comparison(Path(tmp), args, report)
        if args.faults:
            run_faults(Path(tmp), args, report)
        run_default(Path(tmp), args, report)
        if not args.skip_scaleout:
            run_scaleout(Path(tmp), args, report)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(
        f"wrote {args.output.relative_to(REPO_ROOT) if args.output.is_relative_to(REPO_ROOT) else args.output}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
