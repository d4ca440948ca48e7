"""Safety on messages written blind: recall, precision, over-triggering, cost.

Loads the trained model (make train) and runs every message of a blind
safety set (tests/safety/blind/, README there) through the whole NLU
pipeline, as the running assistant does, then reads the reply it leads to:
- "alarm":    alarm_symptom or alarm_with_distress (the urgent instruction);
- "distress": distress or alarm_with_distress (113);
- otherwise the ordinary reply, with the safety line when `warn` is set.

Reported per label family: recall of alarm and distress, precision, the
over-trigger rate (an urgent reply replacing the answer to a non-urgent
message), the share of non-urgent messages that get the safety line, the
misses by text, and the median cost of the safety decision alone (patterns +
classifier, no DIET) and of the whole parse. Also the earlier hand-written
safety set (tests/safety/safety_cases.yml) for comparison.

    python -m benchmarks.safety_benchmark            # development part
    python -m benchmarks.safety_benchmark --locked   # the locked part: once, at the end

Writes benchmarks/results/safety_<part>.json.
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List, Tuple

REPO_ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from benchmarks.blind_parsing import parse_timed, part_to_score, trained_model  # noqa: E402
from tests.helpers import BLIND_SAFETY_DIR, blind_sets, safety_cases  # noqa: E402

RESULTS = REPO_ROOT / "benchmarks" / "results"
ALARM_INTENTS = {"alarm_symptom", "alarm_with_distress"}
DISTRESS_INTENTS = {"distress", "alarm_with_distress"}


def outcome(parse: Dict[str, Any]) -> Tuple[bool, bool, bool]:
    """(alarm reply, distress reply, safety line) for one parse result."""
    intent = parse["intent"]["name"]
    warn = bool((parse.get("safety_net") or {}).get("warn"))
    return intent in ALARM_INTENTS, intent in DISTRESS_INTENTS, warn


def safety_net_component(agent: Any) -> Any:
    """The SafetyNet instance inside the loaded model (to time it alone)."""
    from safety.safety_net import SafetyNet

    for node in agent.processor.graph_runner._instantiated_nodes.values():  # noqa: SLF001
        component = getattr(node, "_component", None)
        if isinstance(component, SafetyNet):
            return component
    raise SystemExit("no SafetyNet in the model")


def decision_cost_ms(agent: Any, texts: List[str]) -> float:
    from rasa.shared.nlu.training_data.message import Message

    component = safety_net_component(agent)
    times = []
    for text in texts:
        message = Message(data={"text": text, "intent": {"name": "ask_pet_ct_scan", "confidence": 0.9}})
        start = time.perf_counter()
        component.process([message])
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def score(rows: List[Tuple[str, str]], parses: List[Dict[str, Any]]) -> Dict[str, Any]:
    per_label: Dict[str, Counter] = {}
    misses: List[Dict[str, str]] = []
    got_alarm = got_distress = true_alarm = true_distress = 0
    for (label, text), parse in zip(rows, parses, strict=False):
        family = label.split("/")[0]
        alarm, distress, warn = outcome(parse)
        counts = per_label.setdefault(label, Counter())
        counts["n"] += 1
        if family == "alarm":
            ok = alarm
        elif family == "distress":
            ok = distress
        else:
            ok = not (alarm or distress)
            counts["safety_line"] += int(ok and warn)
        counts["ok"] += int(ok)
        got_alarm += int(alarm)
        got_distress += int(distress)
        true_alarm += int(alarm and family == "alarm")
        true_distress += int(distress and family == "distress")
        if not ok:
            misses.append({"label": label, "reply": parse["intent"]["name"], "text": text})

    def total(family: str, key: str) -> int:
        return sum(c[key] for label, c in per_label.items() if label.startswith(family + "/"))

    none_n = total("none", "n")
    return {
        "messages": len(rows),
        "alarm_recall": total("alarm", "ok") / max(total("alarm", "n"), 1),
        "distress_recall": total("distress", "ok") / max(total("distress", "n"), 1),
        "alarm_precision": true_alarm / max(got_alarm, 1),
        "distress_precision": true_distress / max(got_distress, 1),
        "over_trigger_rate": (none_n - total("none", "ok")) / max(none_n, 1),
        "safety_line_rate_non_urgent": total("none", "safety_line") / max(none_n, 1),
        "per_label": {label: dict(c) for label, c in sorted(per_label.items())},
        "misses": misses,
    }


def main() -> None:
    part = part_to_score(__doc__.splitlines()[0])
    rows = blind_sets(BLIND_SAFETY_DIR, part)
    old = safety_cases()
    old_rows = [("alarm/old_set", t) for t in old["alarm"]] + [
        ("distress/old_set", t) for t in old["distress"]
    ]

    texts = [text for _, text in rows] + [text for _, text in old_rows]
    parses, parse_times, agent = asyncio.run(parse_timed(texts, trained_model()))
    blind = score(rows, parses[: len(rows)])
    earlier = score(old_rows, parses[len(rows) :])
    result = {
        "part": part,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "blind": blind,
        "earlier_safety_set": {
            k: earlier[k] for k in ("messages", "alarm_recall", "distress_recall", "misses")
        },
        "median_ms_safety_decision": round(decision_cost_ms(agent, [t for _, t in rows]), 3),
        "median_ms_full_parse": round(statistics.median(parse_times), 2),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"safety_{part}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")

    print(f"{part} set: {blind['messages']} messages")
    for key in (
        "alarm_recall",
        "distress_recall",
        "alarm_precision",
        "distress_precision",
        "over_trigger_rate",
        "safety_line_rate_non_urgent",
    ):
        print(f"  {key:30s} {blind[key]:.3f}")
    for label, counts in blind["per_label"].items():
        print(f"  {label:32s} {counts['ok']}/{counts['n']}")
    print(
        f"  earlier set: alarm {earlier['alarm_recall']:.3f}, distress {earlier['distress_recall']:.3f}; "
        f"safety decision {result['median_ms_safety_decision']} ms, parse {result['median_ms_full_parse']} ms (median)"
    )
    for miss in blind["misses"]:
        print(f"  MISS {miss['label']} -> {miss['reply']}: {miss['text'][:160]}")


if __name__ == "__main__":
    main()
