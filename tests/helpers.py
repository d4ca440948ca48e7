"""Shared test utilities: paths, data loading, and the real servers (started
through the launcher, as `make run` starts them)."""

from __future__ import annotations

import functools
import random
import secrets
import socket
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any, Dict, List, Optional, Set, Tuple

import requests
import yaml

from launcher.model_cache import model_path
from launcher.paths import REPO_ROOT
from launcher.servers import Assistant as RunningAssistant
from launcher.servers import build_assistant
from launcher.settings import Settings, from_environment

__all__ = ["REPO_ROOT", "RunningAssistant", "model_path", "start_assistant", "stop_assistant"]

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


_ISSUED_PORTS: Set[int] = set()


@functools.lru_cache(maxsize=1)
def _ephemeral_low() -> int:
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def free_port() -> int:
    """A free loopback port below the kernel's ephemeral range, never the
    same twice in one run. A port from bind(0) comes from that range, where
    an outgoing connection (to PostgreSQL, Redis, a server under test) can
    take it before the server binds it: a clean-clone CI run once failed on
    "Address already in use" that way."""
    high = max(_ephemeral_low() - 1, 11000)
    for _ in range(500):
        port = random.randint(10000, high)
        if port in _ISSUED_PORTS:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        _ISSUED_PORTS.add(port)
        return port
    raise RuntimeError("no free loopback port found")


def assistant_settings(data_dir: Path, enable_api: bool = True, **overrides: Any) -> Settings:
    """Settings for a test assistant: the environment's, on free loopback ports,
    with its own data directory (SQLite store, salt) and a random API token."""
    settings = replace(
        from_environment(),
        rasa_port=free_port(),
        actions_port=free_port(),
        data_dir=data_dir,
        tracker_db="",
        enable_api=enable_api,
        api_token=secrets.token_hex(16) if enable_api else "",
    )
    return replace(settings, **overrides)


def start_assistant(
    tmp_dir: Path,
    log_dir: Path,
    enable_api: bool = True,
    extra_env: Optional[Dict[str, str]] = None,
    **overrides: Any,
) -> Tuple[RunningAssistant, float]:
    """Start both servers through the launcher; returns the handle and the seconds until ready.
    `extra_env`: more environment for both servers (e.g. the messaging channels' settings),
    on top of what the launcher sets from the settings."""
    assistant = build_assistant(assistant_settings(tmp_dir, enable_api, **overrides), log_dir)
    for server in assistant.servers.values():
        server.env.update(extra_env or {})
    return assistant, assistant.start()


def stop_assistant(assistant: RunningAssistant) -> None:
    assistant.stop()


def stored_tracker(assistant: RunningAssistant, sender_id: str) -> Dict[str, Any]:
    """The conversation as the tracker store keeps it, through rasa's HTTP API
    (which the launcher opens only with a token)."""
    response = requests.get(
        f"{assistant.url}/conversations/{sender_id}/tracker",
        params={"token": assistant.settings.api_token},
        timeout=10,
    )
    response.raise_for_status()
    result: Dict[str, Any] = response.json()
    return result


def texts(messages: List[Dict[str, Any]]) -> str:
    return "\n".join(message.get("text") or "" for message in messages)


def kinds(messages: List[Dict[str, Any]]) -> List[Optional[str]]:
    return [(message.get("metadata") or {}).get("kind") for message in messages]
