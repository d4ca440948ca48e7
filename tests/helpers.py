"""Shared test utilities: paths, data loading, and the real servers."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import requests
import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
SOURCE_PATH = REPO_ROOT.parent / "shared" / "source" / "000_4e3a1cc3180e6a8a.txt"
VENV_BIN = Path(sys.executable).parent
HELD_OUT_PATH = REPO_ROOT / "tests" / "nlu" / "held_out.yml"
SAFETY_CASES_PATH = REPO_ROOT / "tests" / "safety" / "safety_cases.yml"


def read_nlu_examples(paths: List[Path]) -> Dict[str, List[str]]:
    """Intent -> examples from Rasa NLU YAML files."""
    examples: Dict[str, List[str]] = {}
    for path in paths:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for block in document.get("nlu") or []:
            if "intent" not in block:
                continue
            lines = [line.strip()[2:].strip() for line in block["examples"].splitlines() if line.strip()]
            examples.setdefault(block["intent"], []).extend(lines)
    return examples


def training_examples() -> Dict[str, List[str]]:
    return read_nlu_examples(sorted((REPO_ROOT / "data" / "nlu").glob("*.yml")))


def held_out_examples() -> Dict[str, List[str]]:
    return read_nlu_examples([HELD_OUT_PATH])


def safety_cases() -> Dict[str, List[str]]:
    return yaml.safe_load(SAFETY_CASES_PATH.read_text(encoding="utf-8"))


BLIND_SAFETY_DIR = REPO_ROOT / "tests" / "safety" / "blind"
BLIND_TOPIC_DIR = REPO_ROOT / "tests" / "nlu" / "blind"


def read_blind_set(path: Path) -> List[Tuple[str, str]]:
    """(label, message) pairs of one blind evaluation file (label<TAB>message)."""
    rows: List[Tuple[str, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        label, separator, message = line.partition("\t")
        if not separator or not message.strip():
            raise ValueError(f"{path.name}:{number}: expected label<TAB>message")
        rows.append((label.strip(), message.strip()))
    return rows


def blind_sets(directory: Path, part: str) -> List[Tuple[str, str]]:
    """All rows of the development ("dev") or locked ("locked") files."""
    return [row for path in sorted(directory.glob(f"{part}_*.tsv")) for row in read_blind_set(path)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def model_path() -> Path:
    sys.path.insert(0, str(REPO_ROOT / "scripts"))
    from model_cache import model_path as cached_model_path

    return cached_model_path()


@dataclass
class RunningAssistant:
    """The real action server and Rasa server, on free loopback ports."""

    url: str
    action_url: str
    processes: List[subprocess.Popen] = field(default_factory=list)
    session: requests.Session = field(default_factory=requests.Session)

    def send(self, text: str, sender: str) -> List[Dict[str, Any]]:
        reply = self.session.post(
            f"{self.url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60
        )
        reply.raise_for_status()
        return reply.json()

    def parse(self, text: str) -> Dict[str, Any]:
        reply = self.session.post(f"{self.url}/model/parse", json={"text": text}, timeout=60)
        reply.raise_for_status()
        return reply.json()


def _wait_until(check, timeout: float, what: str, processes: List[subprocess.Popen]) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for process in processes:
            if process.poll() is not None:
                raise RuntimeError(f"{what}: a server exited early with code {process.returncode}")
        try:
            if check():
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{what}: not ready after {timeout:.0f} s")


def start_assistant(
    tmp_dir: Path, log_dir: Path, enable_api: bool = True, extra_env: Optional[Dict[str, str]] = None
) -> Tuple[RunningAssistant, float]:
    """Start both servers; returns the handle and the seconds until ready.
    `extra_env`: settings for the servers (e.g. the messaging channels')."""
    model = model_path()
    if not model.exists():
        raise RuntimeError(f"no trained model at {model}: run 'make train' first")
    action_port, rasa_port = free_port(), free_port()
    endpoints = tmp_dir / "endpoints.yml"
    endpoints.write_text(f'action_endpoint:\n  url: "http://127.0.0.1:{action_port}/webhook"\n')
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "TF_CPP_MIN_LOG_LEVEL": "2", **(extra_env or {})}
    started = time.monotonic()
    processes = [
        subprocess.Popen(
            [str(VENV_BIN / "python"), "-m", "rasa_sdk", "--actions", "actions", "--port", str(action_port)],
            cwd=REPO_ROOT,
            env=env,
            stdout=(log_dir / "action_server.log").open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        ),
        subprocess.Popen(
            [
                str(VENV_BIN / "rasa"),
                "run",
                "--model",
                str(model),
                "--endpoints",
                str(endpoints),
                "--credentials",
                str(REPO_ROOT / "credentials.yml"),
                "--interface",
                "127.0.0.1",
                "--port",
                str(rasa_port),
                *(["--enable-api"] if enable_api else []),
            ],
            cwd=REPO_ROOT,
            env=env,
            stdout=(log_dir / "rasa_server.log").open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        ),
    ]
    assistant = RunningAssistant(
        f"http://127.0.0.1:{rasa_port}", f"http://127.0.0.1:{action_port}", processes
    )
    try:
        _wait_until(
            lambda: requests.get(f"{assistant.action_url}/health", timeout=2).ok,
            120,
            "action server",
            processes,
        )
        _wait_until(
            lambda: requests.get(f"{assistant.url}/webhooks/rest/", timeout=2).ok,
            240,
            "rasa server",
            processes,
        )
    except Exception:
        stop_assistant(assistant)
        raise
    return assistant, time.monotonic() - started


def stop_assistant(assistant: RunningAssistant) -> None:
    for process in assistant.processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in assistant.processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def texts(messages: List[Dict[str, Any]]) -> str:
    return "\n".join(message.get("text") or "" for message in messages)


def kinds(messages: List[Dict[str, Any]]) -> List[Optional[str]]:
    return [(message.get("metadata") or {}).get("kind") for message in messages]
