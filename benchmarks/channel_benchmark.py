"""Latency of the channels on this machine, end to end through the real servers.

Measures, for the same questions:
- REST round trip (request to full JSON reply);
- socket.io (python-socketio client): message emitted to the answer received;
- the web widget in headless Chromium: Enter pressed to the answer rendered;
- the Telegram connector: webhook posted to the fake Telegram API receiving the answer.
Writes benchmarks/results/channels.json. Traffic stays on 127.0.0.1.

    .venv/bin/python -m benchmarks.channel_benchmark
"""

from __future__ import annotations

import json
import platform
import queue
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any, Dict, List

import requests
import socketio
from playwright.sync_api import sync_playwright

from launcher.paths import REPO_ROOT
from tests.browser import CHROMIUM, CHROMIUM_FLAGS
from tests.fake_messaging_api import (
    TELEGRAM_SECRET,
    TELEGRAM_TOKEN,
    channel_env,
    start_fake_messaging_api,
)
from tests.helpers import start_assistant, stop_assistant

RESULTS = REPO_ROOT / "benchmarks" / "results"
ROUNDS = 3
QUESTIONS = [
    "wat is progressievrije overleving",
    "waarom chemo en geen hormoontherapie",
    "hoe worden botuitzaaiingen behandeld",
    "wat voegt een petscan toe",
    "moet ik stoppen met mijn chemo?",
]


def summary(samples: List[float]) -> Dict[str, float]:
    ordered = sorted(samples)
    return {
        "n": len(ordered),
        "median_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000, 1),
    }


def rest(url: str) -> List[float]:
    samples = []
    for round_ in range(ROUNDS):
        for question in QUESTIONS:
            started = time.perf_counter()
            answer = requests.post(
                f"{url}/webhooks/rest/webhook",
                json={"sender": f"bench-rest-{round_}", "message": question},
                timeout=60,
            )
            answer.raise_for_status()
            samples.append(time.perf_counter() - started)
    return samples


def socket_io(url: str) -> List[float]:
    client = socketio.Client(reconnection=False)
    received: queue.Queue[Dict[str, Any]] = queue.Queue()
    confirmed: queue.Queue[str] = queue.Queue()
    client.on("bot_uttered", received.put)
    client.on("session_confirm", confirmed.put)
    client.connect(url, socketio_path="/socket.io", transports=["polling"])
    samples = []
    try:
        for _ in range(ROUNDS):
            client.emit("session_request", {"session_id": uuid.uuid4().hex})
            session_id = confirmed.get(timeout=20)
            for question in QUESTIONS:
                started = time.perf_counter()
                client.emit("user_uttered", {"message": question, "session_id": session_id})
                while True:  # the disclosure may come first; wait for the reply with buttons or the last one
                    message = received.get(timeout=60)
                    if (message.get("metadata") or {}).get("kind") != "disclosure":
                        break
                samples.append(time.perf_counter() - started)
    finally:
        client.disconnect()
    return samples


def widget(url: str) -> List[float]:
    samples = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        for _ in range(ROUNDS):
            page = browser.new_page(bypass_csp=True)  # wait_for_function evaluates a string
            page.goto(f"{url}/chat/demo")
            page.wait_for_selector(".bk-message[data-kind=greeting]", timeout=30_000)
            for question in QUESTIONS:
                count = page.locator(".bk-message.bk-bot").count()
                page.locator("#bk-input").fill(question)
                started = time.perf_counter()
                page.keyboard.press("Enter")
                page.wait_for_function(
                    f"document.querySelectorAll('.bk-message.bk-bot').length > {count}",
                    timeout=30_000,
                    polling=5,
                )
                samples.append(time.perf_counter() - started)
            page.close()
        browser.close()
    return samples


def telegram(url: str, api: Any) -> List[float]:
    samples = []
    for round_ in range(ROUNDS):
        chat_id = 900_000 + round_
        for number, question in enumerate(QUESTIONS):
            update = {
                "update_id": round_ * 100 + number,
                "message": {
                    "message_id": number,
                    "chat": {"id": chat_id, "type": "private"},
                    "date": 0,
                    "text": question,
                },
            }
            before = len(api.calls_to("/sendMessage", chat_id=chat_id))
            started = time.perf_counter()
            requests.post(
                f"{url}/webhooks/telegram/webhook",
                json=update,
                headers={"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET},
                timeout=60,
            ).raise_for_status()
            api.wait_for(f"/bot{TELEGRAM_TOKEN}/sendMessage", count=before + 1, chat_id=chat_id)
            samples.append(time.perf_counter() - started)
    return samples


def main() -> None:
    api = start_fake_messaging_api()
    with tempfile.TemporaryDirectory() as tmp:
        assistant, _ = start_assistant(Path(tmp), Path(tmp), extra_env=channel_env(api))
        try:
            rest(assistant.url)  # warm-up
            results = {
                "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
                "python": platform.python_version(),
                "questions": len(QUESTIONS) * ROUNDS,
                "rest": summary(rest(assistant.url)),
                "socketio": summary(socket_io(assistant.url)),
                "widget_in_chromium": summary(widget(assistant.url)),
                "telegram_webhook_to_api_call": summary(telegram(assistant.url, api)),
            }
        finally:
            stop_assistant(assistant)
            api.stop()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "channels.json").write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
