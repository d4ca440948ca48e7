"""Start, watch and stop the action server and the Rasa server.

The one place that knows their command lines. `make run` (through the
supervisor), `make shell`, the tests and the benchmarks all use it, so every
start reads the same endpoints.yml with the same environment.

To plug in more (another channel, static files), pass `extra_rasa_args`
(e.g. another `--credentials`) or add a `ServerProcess` to `Assistant.servers`
(see `extra_processes` of `build_assistant`).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Dict, List, Optional, Sequence, Tuple

import requests

from launcher.model_cache import model_path
from launcher.paths import CREDENTIALS_FILE, ENDPOINTS_FILE, REPO_ROOT
from launcher.settings import Settings, server_environment

VENV_BIN = Path(sys.executable).parent


class StartError(RuntimeError):
    """A server did not start; the message says which and where its log is."""


@dataclass
class ServerProcess:
    """One server process: its command, environment, log file and health URL."""

    name: str
    command: List[str]
    env: Dict[str, str]
    health_url: str
    log_path: Optional[Path] = None
    process: Optional[subprocess.Popen] = None
    _log: Optional[IO[Any]] = None

    def start(self) -> None:
        if self.log_path is not None:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            self._log = self.log_path.open("a", encoding="utf-8")
        self.process = subprocess.Popen(
            self.command,
            cwd=REPO_ROOT,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT if self._log is not None else None,
            start_new_session=True,
        )

    @property
    def pid(self) -> int:
        if self.process is None:
            raise StartError(f"{self.name} was never started")
        return self.process.pid

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def healthy(self) -> bool:
        try:
            return requests.get(self.health_url, timeout=2).ok
        except requests.RequestException:
            return False

    def signal(self, signum: int) -> None:
        if self.alive():
            assert self.process is not None
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signum)

    def stop(self, timeout: float = 20) -> None:
        if self.process is None:
            return
        self.signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.signal(signal.SIGKILL)
            self.process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None

    def kill(self) -> None:
        """SIGKILL, as a crash would end it."""
        self.signal(signal.SIGKILL)
        if self.process is not None:
            self.process.wait()

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise StartError(
                    f"{self.name} exited with code {self.process.returncode} while starting"
                    + (f"; see {self.log_path}" if self.log_path else "")
                )
            if self.healthy():
                return
            time.sleep(0.3)
        raise StartError(
            f"{self.name} not ready after {timeout:.0f} s"
            + (f"; see {self.log_path}" if self.log_path else "")
        )


def action_server_command(settings: Settings) -> List[str]:
    # rasa_sdk binds to SANIC_HOST (server_environment sets it to ACTIONS_HOST);
    # `--cors` with no origin: the action server is called by Rasa, not browsers.
    return [str(VENV_BIN / "python"), "-m", "launcher.action_server", "--actions", "actions",
            "--port", str(settings.actions_port), "--cors"]  # fmt: skip


def rasa_server_command(settings: Settings, model: Path, extra_args: Sequence[str] = ()) -> List[str]:
    command = [
        str(VENV_BIN / "rasa"), "run",
        "--model", str(model),
        "--endpoints", str(ENDPOINTS_FILE),
        "--credentials", os.environ.get("RASA_CREDENTIALS", "") or str(CREDENTIALS_FILE),
        "--interface", settings.host,
        "--port", str(settings.rasa_port),
        "--cors", *settings.resolved_cors_origins,
    ]  # fmt: skip
    if settings.enable_api:
        command += ["--enable-api", "--auth-token", settings.api_token]
    return command + list(extra_args)


def action_server(settings: Settings, log_path: Optional[Path] = None) -> ServerProcess:
    env = server_environment(settings)
    env["SANIC_WORKERS"] = "1"
    return ServerProcess(
        "action server", action_server_command(settings), env, f"{settings.actions_url}/health", log_path
    )


def rasa_server(
    settings: Settings,
    model: Optional[Path] = None,
    log_path: Optional[Path] = None,
    extra_args: Sequence[str] = (),
) -> ServerProcess:
    model = model or model_path()
    if not model.exists():
        raise StartError(f"no trained model at {model}: run 'make train' first")
    return ServerProcess(
        "rasa server",
        rasa_server_command(settings, model, extra_args),
        server_environment(settings),
        f"{settings.url}/webhooks/rest/",
        log_path,
    )


@dataclass
class Assistant:
    """The running assistant: its servers and a client for the REST channel."""

    settings: Settings
    servers: Dict[str, ServerProcess]
    session: requests.Session = field(default_factory=requests.Session)

    @property
    def url(self) -> str:
        return self.settings.url

    @property
    def action_url(self) -> str:
        return self.settings.actions_url

    @property
    def actions(self) -> ServerProcess:
        return self.servers["actions"]

    @property
    def rasa(self) -> ServerProcess:
        return self.servers["rasa"]

    def send(self, text: str, sender: str, timeout: float = 60) -> List[Dict[str, Any]]:
        reply = self.session.post(
            f"{self.url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=timeout
        )
        reply.raise_for_status()
        result: List[Dict[str, Any]] = reply.json()
        return result

    def parse(self, text: str) -> Dict[str, Any]:
        """NLU result through the HTTP API (needs enable_api and its token)."""
        reply = self.session.post(
            f"{self.url}/model/parse",
            params={"token": self.settings.api_token},
            json={"text": text},
            timeout=60,
        )
        reply.raise_for_status()
        result: Dict[str, Any] = reply.json()
        return result

    def start(self, timeout: float = 240) -> float:
        """Start every server not running, in order; returns the seconds until all are ready."""
        started = time.monotonic()
        try:
            for server in self.servers.values():
                if not server.alive():
                    server.start()
            for server in self.servers.values():
                server.wait_ready(timeout)
        except Exception:
            self.stop()
            raise
        return time.monotonic() - started

    def restart(self, name: str, timeout: float = 240) -> float:
        server = self.servers[name]
        server.stop()
        started = time.monotonic()
        server.start()
        server.wait_ready(timeout)
        return time.monotonic() - started

    def stop(self) -> None:
        for server in reversed(list(self.servers.values())):
            server.stop()


def build_assistant(
    settings: Settings,
    log_dir: Optional[Path] = None,
    model: Optional[Path] = None,
    extra_rasa_args: Sequence[str] = (),
    extra_processes: Sequence[Callable[[Settings], ServerProcess]] = (),
) -> Assistant:
    def log(name: str) -> Optional[Path]:
        return log_dir / f"{name}.log" if log_dir is not None else None

    servers = {
        "actions": action_server(settings, log("action_server")),
        "rasa": rasa_server(settings, model, log("rasa_server"), extra_rasa_args),
    }
    for make in extra_processes:
        extra = make(settings)
        servers[extra.name] = extra
    return Assistant(settings, servers)


def start_assistant(
    settings: Settings, log_dir: Optional[Path] = None, **kwargs: Any
) -> Tuple[Assistant, float]:
    """Build and start the assistant; returns it and the seconds until it answered health checks."""
    assistant = build_assistant(settings, log_dir, **kwargs)
    return assistant, assistant.start()
