"""A small process supervisor: keeps the action server and the Rasa server up.

`make run` and `python -m launcher run` use it. When a server exits (crash,
kill, out of memory) it is started again after a back-off (1 s, doubling up
to 30 s, reset once the server has stayed up for a minute); the other server
keeps running, so Rasa answers with its polite error while the action server
comes back. SIGTERM / SIGINT / SIGHUP stop both. In production the systemd
units in deployment/systemd/ do the same job (Restart=always).

Each server's pid is written to <run_dir>/<name>.pid, for operators and tests.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Dict, Optional

from launcher.servers import Assistant, ServerProcess

logger = logging.getLogger("launcher.supervisor")

MIN_BACKOFF_SECONDS = 1.0
MAX_BACKOFF_SECONDS = 30.0
STABLE_SECONDS = 60.0


@dataclass
class _State:
    started_at: float = 0.0
    backoff: float = MIN_BACKOFF_SECONDS
    restart_at: Optional[float] = None
    restarts: int = 0


@dataclass
class Supervisor:
    assistant: Assistant
    run_dir: Path
    poll_seconds: float = 0.2
    stopping: threading.Event = field(default_factory=threading.Event)
    states: Dict[str, _State] = field(default_factory=dict)

    def _start(self, name: str, server: ServerProcess) -> None:
        server.start()
        state = self.states.setdefault(name, _State())
        state.started_at = time.monotonic()
        state.restart_at = None
        (self.run_dir / f"{name}.pid").write_text(f"{server.pid}\n", encoding="utf-8")
        logger.info("started %s (pid %d)", server.name, server.pid)

    def _check(self, name: str, server: ServerProcess) -> None:
        state = self.states[name]
        now = time.monotonic()
        if server.alive():
            if now - state.started_at > STABLE_SECONDS:
                state.backoff = MIN_BACKOFF_SECONDS
            return
        if state.restart_at is None:
            code = server.process.returncode if server.process is not None else None
            logger.warning("%s exited (code %s); restarting in %.0f s", server.name, code, state.backoff)
            state.restart_at = now + state.backoff
            state.backoff = min(state.backoff * 2, MAX_BACKOFF_SECONDS)
        elif now >= state.restart_at:
            state.restarts += 1
            self._start(name, server)

    def run(self) -> int:
        """Start all servers and keep them running until asked to stop."""
        self.run_dir.mkdir(parents=True, exist_ok=True)
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, self._on_signal)
        try:
            for name, server in self.assistant.servers.items():
                self._start(name, server)
            while not self.stopping.is_set():
                for name, server in self.assistant.servers.items():
                    self._check(name, server)
                self.stopping.wait(self.poll_seconds)
        finally:
            logger.info("stopping")
            self.assistant.stop()
            for name in self.assistant.servers:
                (self.run_dir / f"{name}.pid").unlink(missing_ok=True)
        return 0

    def _on_signal(self, signum: int, _: Optional[FrameType]) -> None:
        logger.info("signal %d: stopping", signum)
        self.stopping.set()
