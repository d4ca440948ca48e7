"""Fit the urgency combiner (safety/combiner.py) on the development part of
the blind sets, and show what each threshold would do.

Never reads a locked file. Every development message goes through the
trained model's whole pipeline: the safety sets, and the topic sets as
messages that are not urgent (questions, off-topic, small talk: without
them the combiner never sees a greeting). The signals the combiner weighs are taken
from its `safety_net` output (the rules' decision, the classifier scores,
the topic classifier's urgent confidences) and from the patterns. Two
logistic regressions are fitted (alarm against the rest, distress against
the rest; a missed urgent message weighs three times a false alarm).
Thresholds are judged by cross-validation over writers: each writer's
messages are scored by a combiner fitted without them, so the table shows
what a new writer's words would meet.

    python -m benchmarks.fit_urgency_combiner           # report only
    python -m benchmarks.fit_urgency_combiner --write   # and write safety/urgency_combiner.json

The weights file is part of the model's hash: retrain after writing it
(make train). The signals do not depend on the weights, so fitting on a
model trained with older weights gives the same result.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
from datetime import date
from pathlib import Path
from typing import Any, Dict, List, Tuple

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402

from benchmarks.blind_parsing import parse_timed, trained_model  # noqa: E402
from safety.classifier import ALARM_LABEL, DISTRESS_LABEL  # noqa: E402
from safety.combiner import FEATURES, WEIGHTS_PATH, combiner_features  # noqa: E402
from safety.red_flags import assess  # noqa: E402
from tests.helpers import BLIND_SAFETY_DIR, BLIND_TOPIC_DIR, read_blind_set  # noqa: E402

C = 1.0
URGENT_WEIGHT = 3.0
THRESHOLDS = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
FOLDS = 5


def development_rows() -> List[Tuple[str, str, str]]:
    """(writer file, label, text) of every development message; topic-set
    messages are labelled "none/topic_set" (none of them is urgent)."""
    safety = [
        (path.stem, label, text)
        for path in sorted(BLIND_SAFETY_DIR.glob("dev_*.tsv"))
        for label, text in read_blind_set(path)
    ]
    topics = [
        (path.stem, "none/topic_set", text)
        for path in sorted(BLIND_TOPIC_DIR.glob("dev_*.tsv"))
        for _, text in read_blind_set(path)
    ]
    return safety + topics


def configured_thresholds() -> Tuple[float, float]:
    """combined_alarm and combined_distress of the SafetyNet in config.yml."""
    import yaml

    config = yaml.safe_load(
        (Path(__file__).resolve().parent.parent / "config.yml").read_text(encoding="utf-8")
    )
    net = next(c for c in config["pipeline"] if c["name"].endswith("SafetyNet"))
    return float(net["combined_alarm"]), float(net["combined_distress"])


def features_of(text: str, parse: Dict[str, Any]) -> List[float]:
    net = parse.get("safety_net") or {}
    return combiner_features(
        assess(text),
        net.get("scores") or {},
        net.get("topic_urgent") or {},
        net.get("classifier_intent"),
        bool(net.get("rules_alarm")),
        bool(net.get("rules_distress")),
    )


def fit(x: np.ndarray, y: np.ndarray) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=5000, class_weight={False: 1.0, True: URGENT_WEIGHT}).fit(x, y)


def cross_validated(x: np.ndarray, families: np.ndarray, writers: np.ndarray) -> Dict[str, np.ndarray]:
    """Each message's alarm and distress probability from a combiner fitted without its writer."""
    unique = sorted(set(writers))
    fold_of = {writer: index % FOLDS for index, writer in enumerate(unique)}
    folds = np.array([fold_of[w] for w in writers])
    out = {ALARM_LABEL: np.zeros(len(x)), DISTRESS_LABEL: np.zeros(len(x))}
    for fold in range(FOLDS):
        train, test = folds != fold, folds == fold
        for label in out:
            model = fit(x[train], families[train] == label)
            out[label][test] = model.predict_proba(x[test])[:, 1]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {WEIGHTS_PATH.name}")
    args = parser.parse_args()

    rows = development_rows()
    parses, _, _ = asyncio.run(parse_timed([text for _, _, text in rows], trained_model()))
    x = np.array([features_of(text, parse) for (_, _, text), parse in zip(rows, parses, strict=True)])
    families = np.array([label.split("/")[0] for _, label, _ in rows])
    writers = np.array([writer for writer, _, _ in rows])
    rules_alarm, rules_distress = (
        x[:, FEATURES.index("rules_alarm")] > 0,
        x[:, FEATURES.index("rules_distress")] > 0,
    )

    topic_set = np.array([label == "none/topic_set" for _, label, _ in rows])

    def line(name: str, alarm: np.ndarray, distress: np.ndarray) -> str:
        urgent = alarm | distress
        return (
            f"{name:24s} alarm recall {alarm[families == 'alarm'].mean():.4f}  "
            f"distress recall {distress[families == 'distress'].mean():.4f}  "
            f"over-trigger {urgent[(families == 'none') & ~topic_set].mean():.4f}  "
            f"urgent on topic sets {urgent[topic_set].mean():.4f}"
        )

    print(f"{len(rows)} development messages from {len(set(writers))} writers")
    print(line("rules alone", rules_alarm, rules_distress))
    probabilities = cross_validated(x, families, writers)
    for threshold in THRESHOLDS:
        print(
            line(
                f"combiner at {threshold}",
                probabilities[ALARM_LABEL] >= threshold,
                probabilities[DISTRESS_LABEL] >= threshold,
            )
        )
    configured = configured_thresholds()
    print(
        line(
            f"configured {configured[0]}/{configured[1]}",
            probabilities[ALARM_LABEL] >= configured[0],
            probabilities[DISTRESS_LABEL] >= configured[1],
        )
    )
    if args.write:
        fitted = {label: fit(x, families == label) for label in (ALARM_LABEL, DISTRESS_LABEL)}
        data = {
            "fitted": f"{date.today().isoformat()} on {len(rows)} development messages "
            f"({len(set(writers))} writers, safety and topic sets) by benchmarks/fit_urgency_combiner.py",
            "features": list(FEATURES),
            **{
                label: {
                    "weights": [round(float(w), 6) for w in model.coef_[0]],
                    "intercept": round(float(model.intercept_[0]), 6),
                }
                for label, model in fitted.items()
            },
        }
        Path(WEIGHTS_PATH).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS_PATH}")


if __name__ == "__main__":
    main()
