"""De-identify Dutch user texts before they are stored, with deduce.

deduce (UMC Utrecht) replaces names, phone numbers, e-mail addresses, BSN,
addresses, places, dates, ages and other identifiers with tags such as
[PERSOON-1] or [TELEFOONNUMMER-1]. Version 3.0.0 is the last one that fits
rasa 3.6's `regex` pin; its wheel lacks the base configuration, which this
package ships (deduce_base_config.json, from deduce's v3.0.0 tag).

deduce runs in a worker process of its own (`python -m privacy.deidentify
--serve`, one JSON line per text on stdin/stdout): its lookup structures are
about 1 GB of Python objects, and merely having them in the Rasa server's heap
made every message about 5 ms slower (measured: see the README). A call costs
a pipe round trip plus deduce's 0.1 ms. If the worker dies it is started
again; if it cannot be, the call raises, and the message is not stored with
its text in clear (the user gets the channel's polite error).

The first load after an install builds deduce's cache (about 1.5 minutes);
`python -m privacy.deidentify` does it during set-up.
"""

from __future__ import annotations

import atexit
import gc
import json
import subprocess
import sys
import threading
import time
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, Optional

CONFIG_PATH = Path(__file__).with_name("deduce_base_config.json")
READY = "ready"


@lru_cache(maxsize=1)
def _deduce() -> Any:
    from deduce import Deduce

    deduce = Deduce(load_base_config=False, config=str(CONFIG_PATH))
    gc.collect()
    gc.freeze()
    return deduce


def deidentify_here(text: str) -> str:
    """De-identify in this process (the worker, and set-up)."""
    if not text or not any(character.isalnum() for character in text):
        return text
    return str(_deduce().deidentify(text).deidentified_text)


class DeidentificationError(RuntimeError):
    """The de-identification worker could not be used."""


class _Worker:
    def __init__(self) -> None:
        self.process: Optional[subprocess.Popen] = None
        self.lock = threading.Lock()

    def _start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "privacy.deidentify", "--serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        assert self.process.stdout is not None
        if self.process.stdout.readline().strip() != READY:
            self.stop()
            raise DeidentificationError("the de-identification worker did not start")

    def ensure_started(self) -> None:
        with self.lock:
            if self.process is None or self.process.poll() is not None:
                self._start()

    def call(self, text: str) -> str:
        with self.lock:
            for _ in range(2):
                if self.process is None or self.process.poll() is not None:
                    self._start()
                assert self.process is not None
                stdin: Optional[IO[str]] = self.process.stdin
                stdout: Optional[IO[str]] = self.process.stdout
                assert stdin is not None and stdout is not None
                try:
                    stdin.write(json.dumps(text) + "\n")
                    stdin.flush()
                    line = stdout.readline()
                    if line:
                        return str(json.loads(line))
                except (OSError, ValueError):
                    pass
                self.stop()
            raise DeidentificationError("the de-identification worker failed twice")

    def stop(self) -> None:
        if self.process is not None:
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait()
            self.process = None


_WORKER = _Worker()
atexit.register(_WORKER.stop)


def deidentify(text: str) -> str:
    """`text` with personal identifiers replaced by tags (through the worker)."""
    if not text or not any(character.isalnum() for character in text):
        return text
    return _WORKER.call(text)


def warm_up() -> float:
    """Start the worker (it loads deduce); returns the seconds it took."""
    started = time.perf_counter()
    _WORKER.ensure_started()
    return time.perf_counter() - started


def serve() -> None:
    """The worker: one JSON text per line in, its de-identified text out."""
    _deduce()
    print(READY, flush=True)
    for line in sys.stdin:
        print(json.dumps(deidentify_here(json.loads(line))), flush=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve"]:
        serve()
    else:
        started = time.perf_counter()
        _deduce()
        print(f"deduce ready in {time.perf_counter() - started:.1f} s", file=sys.stderr)
