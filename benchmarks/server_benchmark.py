"""Speed and memory of the running assistant on this machine.

Measures, in one run:
- a full `rasa train` from scratch, as scripts/train.sh runs it (into a temporary folder, no cached component reused);
- seconds from starting both servers to the first answered message;
- resident memory (RSS) of the Rasa server and the action server after start
  and after the message load;
- REST round-trip latency over a fixed set of messages (median, p95).
Writes benchmarks/results/server.json (run: python -m benchmarks.server_benchmark). Traffic goes to 127.0.0.1 only, and the
loop is bounded (ROUNDS passes over the message list).
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List

from launcher.paths import REPO_ROOT
from tests.helpers import VENV_BIN, start_assistant, stop_assistant

RESULTS = REPO_ROOT / "benchmarks" / "results"
ROUNDS = 5
MESSAGES = [
    "hallo",
    "wat is progressievrije overleving",
    "waarom chemo en geen hormoontherapie",
    "hoe worden botuitzaaiingen behandeld",
    "wat voegt een petscan toe",
    "ik heb botuitzaaiingen en kan mijn benen niet meer bewegen",
    "moet ik stoppen met mijn chemo?",
    "mag ik autorijden",
    "asdfgh",
    "dank je wel",
]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def time_full_training() -> float:
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        subprocess.run(
            # As scripts/train.sh runs it; no cached component reused.
            [str(VENV_BIN / "rasa"), "train", "--skip-validation", "--domain", "domain", "--data", "data",
             "--config", "config.yml", "--out", out, "--force"],
            cwd=REPO_ROOT, check=True, capture_output=True,
            env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "RASA_MAX_CACHE_SIZE": "0",
                 "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"},
        )  # fmt: skip
        return time.perf_counter() - started


def main() -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    skip_training = "--skip-training" in sys.argv
    report: Dict[str, object] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, Python {platform.python_version()}",
    }
    if not skip_training:
        report["full_training_seconds"] = round(time_full_training(), 1)
        print(f"full rasa train: {report['full_training_seconds']} s")

    report.update(measure_servers("cached action validation"))
    os.environ["STOCK_ACTION_VALIDATION"] = "1"
    try:
        stock = measure_servers("rasa's stock action validation")
    finally:
        del os.environ["STOCK_ACTION_VALIDATION"]
    report["stock_validation_latency_ms_median"] = stock["latency_ms_median"]
    report["stock_validation_latency_ms_p95"] = stock["latency_ms_p95"]

    (RESULTS / "server.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    for key, value in report.items():
        print(f"{key}: {value}")


def measure_servers(label: str) -> Dict[str, object]:
    print(f"measuring the running assistant ({label}) ...")
    report: Dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        assistant, ready_seconds = start_assistant(Path(tmp), Path(tmp), enable_api=False)
        try:
            assistant.send("hallo", "benchmark-first")
            report["start_to_first_answer_seconds"] = round(time.perf_counter() - started, 1)
            report["servers_ready_seconds"] = round(ready_seconds, 1)
            rasa_pid, action_pid = assistant.rasa.pid, assistant.actions.pid
            report["rasa_server_rss_mb_after_start"] = round(rss_mb(rasa_pid), 0)
            report["action_server_rss_mb_after_start"] = round(rss_mb(action_pid), 0)

            latencies: List[float] = []
            for round_number in range(ROUNDS):
                for index, message in enumerate(MESSAGES):
                    sent = time.perf_counter()
                    assistant.send(message, f"benchmark-{round_number}-{index % 3}")
                    latencies.append(1000 * (time.perf_counter() - sent))
            latencies.sort()
            report["messages"] = len(latencies)
            report["latency_ms_median"] = round(statistics.median(latencies), 1)
            report["latency_ms_p95"] = round(latencies[int(0.95 * (len(latencies) - 1))], 1)
            report["rasa_server_rss_mb_after_load"] = round(rss_mb(rasa_pid), 0)
            report["action_server_rss_mb_after_load"] = round(rss_mb(action_pid), 0)
        finally:
            stop_assistant(assistant)
    return report


if __name__ == "__main__":
    main()
