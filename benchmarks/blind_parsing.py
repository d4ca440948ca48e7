"""What the two blind-set benchmarks share: which part to score, the trained
model, and the whole-pipeline parse of every message with its time."""

from __future__ import annotations

import argparse
import logging
import os
import time
from typing import Any, Dict, List, Tuple

from tests.helpers import model_path


def part_to_score(description: str) -> str:
    """ "dev" or "locked", from the command line (--locked: once, at the end)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--locked", action="store_true", help="score the locked part (once, when done)")
    return "locked" if parser.parse_args().locked else "dev"


def trained_model() -> str:
    """MODEL_PATH if set, else the model of the current data and config."""
    return os.environ.get("MODEL_PATH") or str(model_path())


async def parse_timed(texts: List[str], model: str) -> Tuple[List[Dict[str, Any]], List[float], Any]:
    """Every text through the loaded model's whole NLU pipeline: the parse
    results, the milliseconds each took, and the agent."""
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    logging.disable(logging.WARNING)
    agent = Agent.load(model)
    parses, times = [], []
    for text in texts:
        start = time.perf_counter()
        parses.append(await agent.parse_message(text))
        times.append((time.perf_counter() - start) * 1000)
    return parses, times, agent
