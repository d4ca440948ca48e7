"""Where the time of one message goes in the Rasa server process (cProfile).

    python -m benchmarks.profile_turn                  # 300 messages, one conversation
    python -m benchmarks.profile_turn --messages 200 --conversations 10 --top 40

Starts the real action server, loads the agent in this process as `rasa run`
builds it from endpoints.yml (SQLite store with de-identification), sends the
benchmark's Dutch messages and prints cProfile's cumulative and own-time
tables; also the median time per message of the first and the last tenth of
each conversation, so growth with conversation length shows.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import logging
import os
import pstats
import statistics
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional

from benchmarks.load_benchmark import CONVERSATION
from launcher.paths import ENDPOINTS_FILE
from launcher.servers import action_server
from tests.helpers import assistant_settings, model_path


async def run(
    messages: int, conversations: int, rounds: int, profile: Optional[cProfile.Profile]
) -> Dict[str, float]:
    from rasa.core.agent import load_agent
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
    from rasa.core.utils import AvailableEndpoints

    import channels.rest  # noqa: F401  (the server loads it: cached action-response validation)

    endpoints = AvailableEndpoints.read_endpoints(str(ENDPOINTS_FILE))
    agent = await load_agent(model_path=str(model_path()), endpoints=endpoints)
    texts = [CONVERSATION[1 + index % (len(CONVERSATION) - 2)] for index in range(messages)]
    timings: Dict[str, List[float]] = {}

    async def converse(sender: str) -> None:
        for text in texts:
            output = CollectingOutputChannel()
            started = time.perf_counter()
            await agent.handle_message(UserMessage(text, output, sender))
            timings.setdefault(sender, []).append(1000 * (time.perf_counter() - started))
            if not output.messages:
                raise RuntimeError("no reply")

    # Warm up (first calls load lazily), then measure.
    output = CollectingOutputChannel()
    await agent.handle_message(UserMessage("hallo", output, "warm-up"))
    if profile is not None:
        profile.enable()
    started = time.perf_counter()
    for round_number in range(rounds):
        await asyncio.gather(
            *(converse(f"profile-{round_number}-{number}") for number in range(conversations))
        )
    seconds = time.perf_counter() - started
    if profile is not None:
        profile.disable()
    tenth = max(1, messages // 10)
    return {
        "messages_per_second": round(messages * conversations * rounds / seconds, 1),
        "median_ms": round(statistics.median(t for row in timings.values() for t in row), 2),
        "first_tenth_median_ms": round(
            statistics.median(t for row in timings.values() for t in row[:tenth]), 2
        ),
        "last_tenth_median_ms": round(
            statistics.median(t for row in timings.values() for t in row[-tenth:]), 2
        ),
    }


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=300, help="messages per conversation")
    parser.add_argument("--conversations", type=int, default=1, help="conversations at once")
    parser.add_argument("--rounds", type=int, default=1, help="new conversations, one round after another")
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--no-profile", action="store_true", help="only the timings")
    parser.add_argument("--deidentify", default="1")
    parser.add_argument("--output", type=Path, help="also write the raw profile here")
    args = parser.parse_args(argv)
    # As `rasa run` sets up logging (INFO): debug messages are not formatted.
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.INFO, warn_only_once=True, filter_repeated_logs=True)
    configure_structlog(logging.INFO)
    with tempfile.TemporaryDirectory() as tmp:
        settings = assistant_settings(Path(tmp), enable_api=False, deidentify=args.deidentify == "1")
        actions = action_server(settings)
        actions.start()
        try:
            actions.wait_ready(120)
            from launcher.settings import server_environment

            os.environ.update(server_environment(settings))
            profile = None if args.no_profile else cProfile.Profile()
            result = asyncio.run(run(args.messages, args.conversations, args.rounds, profile))
        finally:
            actions.stop()
    print(result, flush=True)
    if profile is not None:
        if args.output:
            profile.dump_stats(str(args.output))
        for order in ("cumulative", "tottime"):
            stream = io.StringIO()
            pstats.Stats(profile, stream=stream).sort_stats(order).print_stats(args.top)
            print(stream.getvalue())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
