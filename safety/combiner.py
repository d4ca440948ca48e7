"""The last safety layer: one learned decision from every earlier signal.

Each earlier layer sees part of the picture: the patterns know the red-flag
words and their frame (safety.red_flags, safety.context), the safety
classifier scores urgency from n-grams (safety.classifier), and the topic
classifier, trained on all 40 intents, often hears an emergency in words
neither of the others knows ("ze denkt dat het 1985 is"). The hand-set
rules of safety.decision combine them with fixed thresholds. This layer
weighs them instead: two logistic regressions, one for "alarm" and one for
"distress", over the signals listed in FEATURES (the rules' own decision
among them).

The weights are fitted on the development part of the blind sets
(benchmarks/fit_urgency_combiner.py, never on a locked set): the safety
sets, and the topic sets as messages that are not urgent, so that a
greeting or an off-topic question in English is weighed as well, and kept
in `urgency_combiner.json` beside this module. Fitted on rounds 1-10 only,
it raised alarm recall on round 11 (then unseen by the fit) from 98.0% to
98.7% and distress recall from 98.0% to 98.3%, with fewer over-triggers
(3.5% against 4.1%). A current distress pattern still always counts
(safety.decision); README, "Safety design".
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

from actions.settings import QUESTION_INTENT_PREFIX
from safety.classifier import ALARM_LABEL, DISTRESS_LABEL, NEITHER_LABEL
from safety.red_flags import SafetyVerdict
from understanding.small_talk import SMALL_TALK_INTENTS

logger = logging.getLogger(__name__)

WEIGHTS_PATH = Path(__file__).resolve().parent / "urgency_combiner.json"

# The topic classifier's own urgent intents (its confidence in each is a signal).
TOPIC_URGENT_INTENTS = ("alarm_symptom", "distress", "alarm_with_distress")

FEATURES: Tuple[str, ...] = (
    "safety_alarm",
    "safety_distress",
    "safety_neither",
    "topic_alarm_symptom",
    "topic_distress",
    "topic_alarm_with_distress",
    "pattern_alarm_now",
    "pattern_alarm_framed",
    "pattern_distress_now",
    "pattern_distress_framed",
    "frame_cue",
    "topic_is_question",
    "topic_is_out_of_scope",
    "topic_is_fallback",
    "topic_is_small_talk",
    "safety_alarm_x_pattern_alarm_now",
    "safety_neither_x_pattern_alarm_now",
    "safety_alarm_x_pattern_alarm_framed",
    "safety_distress_x_pattern_distress_now",
    "topic_alarm_symptom_x_pattern_alarm_now",
    "topic_distress_x_pattern_distress_now",
    "personal",
    "mentions_red_flag",
    "rules_alarm",
    "rules_distress",
)


def combiner_features(
    verdict: SafetyVerdict,
    scores: Mapping[str, float],
    topic_urgent: Mapping[str, float],
    classified: Optional[str],
    rules_alarm: bool,
    rules_distress: bool,
) -> List[float]:
    """The signals of one message, in the order of FEATURES. `topic_urgent`
    holds the topic classifier's confidence in each of its urgent intents,
    `classified` its top intent, `rules_*` the hand-set rules' decision."""
    alarm, distress, neither = (
        scores.get(label, 0.0) for label in (ALARM_LABEL, DISTRESS_LABEL, NEITHER_LABEL)
    )
    topic_alarm, topic_distress, topic_both = (topic_urgent.get(name, 0.0) for name in TOPIC_URGENT_INTENTS)
    alarm_now = float(bool(verdict.alarm_categories))
    alarm_framed = float(bool(verdict.framed_categories))
    distress_now = float(verdict.distress)
    name = classified or ""
    return [
        alarm,
        distress,
        neither,
        topic_alarm,
        topic_distress,
        topic_both,
        alarm_now,
        alarm_framed,
        distress_now,
        float(verdict.framed_distress),
        float(verdict.frame_cue),
        float(name.startswith(QUESTION_INTENT_PREFIX)),
        float(name.startswith("out_of_scope")),
        float(name == "nlu_fallback"),
        float(name in SMALL_TALK_INTENTS),
        alarm * alarm_now,
        neither * alarm_now,
        alarm * alarm_framed,
        distress * distress_now,
        topic_alarm * alarm_now,
        topic_distress * distress_now,
        float(verdict.personal),
        float(verdict.mentions_red_flag),
        float(rules_alarm),
        float(rules_distress),
    ]


def _logistic(weights: Sequence[float], intercept: float, features: Sequence[float]) -> float:
    z = intercept + sum(w * x for w, x in zip(weights, features, strict=True))
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


@dataclass(frozen=True)
class UrgencyCombiner:
    """Probability that a message needs the alarm reply, and the 113 reply."""

    alarm_weights: Tuple[float, ...]
    alarm_intercept: float
    distress_weights: Tuple[float, ...]
    distress_intercept: float

    def probabilities(self, features: Sequence[float]) -> Dict[str, float]:
        return {
            ALARM_LABEL: _logistic(self.alarm_weights, self.alarm_intercept, features),
            DISTRESS_LABEL: _logistic(self.distress_weights, self.distress_intercept, features),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> UrgencyCombiner:
        if tuple(data["features"]) != FEATURES:  # type: ignore[arg-type]
            raise ValueError("urgency combiner weights were fitted on other features; refit them")
        alarm: Mapping[str, object] = data[ALARM_LABEL]  # type: ignore[assignment]
        distress: Mapping[str, object] = data[DISTRESS_LABEL]  # type: ignore[assignment]
        return cls(
            alarm_weights=tuple(float(w) for w in alarm["weights"]),  # type: ignore[attr-defined]
            alarm_intercept=float(alarm["intercept"]),  # type: ignore[arg-type]
            distress_weights=tuple(float(w) for w in distress["weights"]),  # type: ignore[attr-defined]
            distress_intercept=float(distress["intercept"]),  # type: ignore[arg-type]
        )

    @classmethod
    def load(cls, path: Path = WEIGHTS_PATH) -> Optional[UrgencyCombiner]:
        """The fitted combiner, or None when no usable weights file exists
        (then the rules decide; said loudly, as a missing classifier is)."""
        if not path.exists():
            logger.error("No urgency combiner weights at %s; the safety rules decide alone.", path)
            return None
        try:
            return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, KeyError, TypeError) as error:
            logger.error("Urgency combiner weights unusable (%s); the safety rules decide alone.", error)
            return None
