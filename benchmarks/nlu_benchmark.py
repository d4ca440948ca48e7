"""Held-out NLU evaluation: the project's pipeline against a simple baseline.

Loads the trained model (make train), classifies every message of the held-out
set (tests/nlu/held_out.yml, never used for training) and reports, in one run:
- intent accuracy and macro-F1 of the project pipeline, as the running
  assistant sees it (fallback and safety net included: a fallback counts as wrong);
- the same for a TF-IDF + logistic-regression baseline trained on the same
  training data (data/nlu);
- a sweep of the fallback threshold: held-out accuracy and fallback rate, and
  the share of out-of-scope, gibberish and personal-decision messages
  (tests/safety/safety_cases.yml) that would get a curated answer;
- a confusion-matrix image.
Writes benchmarks/results/nlu.json and benchmarks/results/confusion_matrix.png.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import platform
import time
from pathlib import Path
from typing import Any, Dict, List, Tuple

REPO_ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import yaml  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import accuracy_score, f1_score  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402

from tests.helpers import held_out_examples, model_path, safety_cases, training_examples  # noqa: E402

RESULTS = REPO_ROOT / "benchmarks" / "results"
FALLBACK = "nlu_fallback"
THRESHOLDS = [0.3, 0.4, 0.5, 0.55, 0.6, 0.7, 0.8]


def flatten(examples: Dict[str, List[str]]) -> Tuple[List[str], List[str]]:
    texts, labels = [], []
    for intent, items in examples.items():
        texts.extend(items)
        labels.extend([intent] * len(items))
    return texts, labels


def configured_fallback() -> Tuple[float, float]:
    config = yaml.safe_load((REPO_ROOT / "config.yml").read_text(encoding="utf-8"))
    for component in config["pipeline"]:
        if component["name"] == "FallbackClassifier":
            return float(component["threshold"]), float(component["ambiguity_threshold"])
    raise SystemExit("config.yml has no FallbackClassifier")


async def parse_all(texts: List[str]) -> List[Dict[str, Any]]:
    from rasa.core.agent import Agent

    agent = Agent.load(os.environ.get("MODEL_PATH") or str(model_path()))
    return [await agent.parse_message(text) for text in texts]


def decide(parse: Dict[str, Any], threshold: float, ambiguity: float) -> str:
    """The intent the assistant acts on for a given threshold (as FallbackClassifier + SafetyNet do)."""
    if (parse.get("safety_net") or {}).get("intent"):
        # The safety layers overruled the classifier: thresholds do not apply.
        return parse["intent"]["name"]
    ranking = [entry for entry in parse.get("intent_ranking") or [] if entry["name"] != FALLBACK]
    if not ranking:
        return parse["intent"]["name"]
    top = ranking[0]["confidence"]
    second = ranking[1]["confidence"] if len(ranking) > 1 else 0.0
    if top < threshold or top - second < ambiguity:
        return FALLBACK
    return ranking[0]["name"]


def main() -> None:
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    logging.disable(logging.WARNING)
    RESULTS.mkdir(parents=True, exist_ok=True)
    held_texts, held_labels = flatten(held_out_examples())
    train_texts, train_labels = flatten(training_examples())
    cases = safety_cases()
    probe_sets = {name: cases[name] for name in ("out_of_scope", "gibberish", "personal_decision")}

    started = time.perf_counter()
    parses = asyncio.run(parse_all(held_texts + [m for messages in probe_sets.values() for m in messages]))
    parse_seconds = time.perf_counter() - started
    held_parses = parses[: len(held_texts)]
    probe_parses: Dict[str, List[Dict[str, Any]]] = {}
    offset = len(held_texts)
    for name, messages in probe_sets.items():
        probe_parses[name] = parses[offset : offset + len(messages)]
        offset += len(messages)

    labels = sorted(set(held_labels))
    threshold, ambiguity = configured_fallback()
    predicted = [parse["intent"]["name"] for parse in held_parses]
    project = {
        "accuracy": accuracy_score(held_labels, predicted),
        "macro_f1": f1_score(held_labels, predicted, labels=labels, average="macro", zero_division=0),
        "fallback_rate": sum(p == FALLBACK for p in predicted) / len(predicted),
    }

    baseline_model = make_pipeline(
        TfidfVectorizer(lowercase=True, ngram_range=(1, 2), sublinear_tf=True),
        LogisticRegression(max_iter=3000, C=10.0),
    )
    baseline_model.fit(train_texts, train_labels)
    baseline_predicted = list(baseline_model.predict(held_texts))
    baseline = {
        "accuracy": accuracy_score(held_labels, baseline_predicted),
        "macro_f1": f1_score(
            held_labels, baseline_predicted, labels=labels, average="macro", zero_division=0
        ),
    }

    sweep = []
    for candidate in sorted(set(THRESHOLDS + [threshold])):
        decided = [decide(parse, candidate, ambiguity) for parse in held_parses]
        row = {
            "threshold": candidate,
            "held_out_accuracy": accuracy_score(held_labels, decided),
            "held_out_macro_f1": f1_score(
                held_labels, decided, labels=labels, average="macro", zero_division=0
            ),
            "held_out_fallback_rate": sum(d == FALLBACK for d in decided) / len(decided),
        }
        for name, parses_of_set in probe_parses.items():
            curated = [decide(parse, candidate, ambiguity).startswith("ask_") for parse in parses_of_set]
            row[f"{name}_curated_share"] = sum(curated) / len(curated)
        sweep.append(row)

    errors = [
        {"text": text, "expected": label, "predicted": guess}
        for text, label, guess in zip(held_texts, held_labels, predicted, strict=False)
        if label != guess
    ]
    report = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "held_out_messages": len(held_texts),
        "intents": len(labels),
        "training_examples": len(train_texts),
        "fallback_threshold": threshold,
        "ambiguity_threshold": ambiguity,
        "project_pipeline": project,
        "baseline_tfidf_logreg": baseline,
        "threshold_sweep": sweep,
        "parse_ms_per_message": 1000 * parse_seconds / len(parses),
        "errors": errors,
    }
    (RESULTS / "nlu.json").write_text(
        json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    save_confusion_matrix(held_labels, predicted, labels + [FALLBACK])

    print(f"held-out set: {len(held_texts)} messages, {len(labels)} intents; trained on {len(train_texts)}")
    print(f"project pipeline : accuracy {project['accuracy']:.3f}  macro-F1 {project['macro_f1']:.3f}"
          f"  (fallback {project['fallback_rate']:.1%} at threshold {threshold})")  # fmt: skip
    print(f"TF-IDF + logreg  : accuracy {baseline['accuracy']:.3f}  macro-F1 {baseline['macro_f1']:.3f}")
    print("threshold  acc    macro-F1  fallback  out-of-scope→answer  gibberish→answer  personal→answer")
    for row in sweep:
        print(f"{row['threshold']:<9}  {row['held_out_accuracy']:.3f}  {row['held_out_macro_f1']:.3f}     "
              f"{row['held_out_fallback_rate']:.3f}     {row['out_of_scope_curated_share']:.3f}"
              f"                {row['gibberish_curated_share']:.3f}             "
              f"{row['personal_decision_curated_share']:.3f}")  # fmt: skip
    print(
        f"misclassified: {len(errors)} (see {RESULTS / 'nlu.json'}); confusion matrix: {RESULTS / 'confusion_matrix.png'}"
    )


def save_confusion_matrix(expected: List[str], predicted: List[str], labels: List[str]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.metrics import ConfusionMatrixDisplay

    figure, axes = plt.subplots(figsize=(16, 14))
    ConfusionMatrixDisplay.from_predictions(
        expected, predicted, labels=labels, ax=axes, xticks_rotation="vertical", colorbar=False, cmap="Blues"
    )
    axes.set_title("Held-out intent confusion matrix (project pipeline)")
    figure.tight_layout()
    figure.savefig(RESULTS / "confusion_matrix.png", dpi=80)


if __name__ == "__main__":
    main()
