"""The learned safety classifier: alarm / distress / neither.

Separate from the topic classifier on purpose: it answers one question only,
"is this urgent?", so it still scores a message worded in a way no pattern
foresaw ("ik gloei en ril", "mn benen willen niet meer", "I can't do this
anymore"). Word and character n-grams (understanding.linear_text_classifier).

It is trained by the SafetyNet component on the NLU training data: examples
of `alarm_symptom` and `alarm_with_distress` are "alarm", `distress` is
"distress", every other intent is "neither" (data/nlu/symptom_mentions.yml
holds ordinary questions that use the same words). Classes are balanced:
urgent examples are a minority, and missing one costs more than a false
alarm. Thresholds live in config.yml (SafetyNet), chosen for recall on the
development part of the blind set.
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Iterable, Optional, Tuple

from safety.red_flags import normalise
from understanding.linear_text_classifier import LinearTextClassifier

ALARM_LABEL = "alarm"
DISTRESS_LABEL = "distress"
NEITHER_LABEL = "neither"
LABELS = (ALARM_LABEL, DISTRESS_LABEL, NEITHER_LABEL)

# Intents whose examples are not sentences about anything (emoji, markup).
IGNORED_INTENTS = frozenset({"nonsense"})
INTENT_LABELS = {"alarm_symptom": ALARM_LABEL, "alarm_with_distress": ALARM_LABEL, "distress": DISTRESS_LABEL}

_FILE_NAME = "safety_classifier.joblib"


def label_for_intent(intent: str) -> Optional[str]:
    """The safety label of a training example of `intent` (None: not used)."""
    if intent in IGNORED_INTENTS:
        return None
    return INTENT_LABELS.get(intent, NEITHER_LABEL)


class SafetyClassifier:
    """Scores a message for alarm and distress (probabilities, 0..1)."""

    def __init__(self, classifier: LinearTextClassifier) -> None:
        self._classifier = classifier

    @classmethod
    def train(cls, examples: Iterable[Tuple[str, str]], c: float = 3.0) -> SafetyClassifier:
        """Train on (text, label) pairs."""
        examples = list(examples)
        missing = set(LABELS) - {label for _, label in examples}
        if missing:
            raise ValueError(f"safety classifier needs examples of every label; missing: {sorted(missing)}")
        return cls(LinearTextClassifier.train(examples, c=c, preprocessor=normalise, balanced=True))

    def scores(self, text: str) -> Dict[str, float]:
        """Probability of each label for one message."""
        return self._classifier.scores(text)

    def sklearn_scores(self, text: str) -> Dict[str, float]:
        return self._classifier.sklearn_scores(text)

    def persist(self, directory: Path) -> None:
        self._classifier.persist(directory, _FILE_NAME)

    @classmethod
    def load(cls, directory: Path) -> SafetyClassifier:
        return cls(LinearTextClassifier.load(directory, _FILE_NAME))
