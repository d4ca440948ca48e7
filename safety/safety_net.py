"""Rasa NLU component: the safety layers have the last word on every message.

It runs last in the pipeline (after DIETClassifier and FallbackClassifier).
It trains its own classifier (safety.classifier) on the NLU training data
and, for every message, combines it with the deterministic patterns
(safety.red_flags, safety.context) into one decision (safety.decision):

- urgent: the intent becomes `alarm_symptom`, `distress` or
  `alarm_with_distress` with confidence 1.0, whatever the topic classifier
  said (the rules answer them with responses the Rasa server sends itself);
- a red flag only mentioned (negated, past, hypothetical, informational):
  the topic stands and `safety_net.warn` asks the answer to carry a short
  safety line; a topic-classifier alarm on such a message is demoted to the
  next best intent;
- no words: `nonsense`; a personal decision: `personal_decision` (only
  over a topic or a fallback); over-long and not urgent: `too_long`, which
  the actions answer with a request to shorten the message.

The decision, with the scores and follow-up flags, is added to the parse
data as `safety_net`, so actions, logs and tests can see it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Dict, List, Optional

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from actions.settings import QUESTION_INTENT_PREFIX
from safety.classifier import SafetyClassifier, label_for_intent
from safety.combiner import TOPIC_URGENT_INTENTS, UrgencyCombiner
from safety.decision import URGENT_INTENTS, Thresholds, decide
from safety.red_flags import PERSONAL_DECISION, assess, normalise
from understanding.other_conditions import about_another_disease
from understanding.stored_component import StoredModelComponent

logger = logging.getLogger(__name__)

SAFETY_NET_KEY = "safety_net"
FALLBACK_INTENT = "nlu_fallback"


# How far down the topic classifier's ranking a question of the assistant's
# own still counts as a close alternative, and with what confidence.
RUNNER_UP_PLACES = 3
RUNNER_UP_MIN_CONFIDENCE = 0.05


def topic_runner_up(ranking: List[Dict[str, Any]]) -> bool:
    """Whether one of the next choices after the top intent is a knowledge
    question or a personal decision, with some confidence."""
    for entry in ranking[1 : 1 + RUNNER_UP_PLACES]:
        name = str(entry.get(INTENT_NAME_KEY) or "")
        if (name.startswith(QUESTION_INTENT_PREFIX) or name == PERSONAL_DECISION) and float(
            entry.get(PREDICTED_CONFIDENCE_KEY, 0.0)
        ) >= RUNNER_UP_MIN_CONFIDENCE:
            return True
    return False


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class SafetyNet(StoredModelComponent[SafetyClassifier]):
    """Overrules the predicted intent for urgent messages, and marks
    messages that only mention a red flag."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {
            # Messages longer than this are not answered (a polite request to
            # shorten them), unless urgent: the safety check reads the whole text.
            "max_message_chars": 2000,
            # Regularisation of the classifier (larger: fits the data closer).
            "c": 3.0,
            # A topic-classifier alarm demoted to the next best intent needs
            # this confidence; below it the assistant asks "Bedoelt u ...?".
            "demoted_min_confidence": 0.4,
            # Whether the fitted urgency combiner (safety/combiner.py) has the
            # last word; without it, or without its weights file, the rules decide.
            "urgency_combiner": True,
            **Thresholds().__dict__,
        }

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        classifier: Optional[SafetyClassifier] = None,
    ) -> None:
        super().__init__(config, model_storage, resource, classifier)
        self._thresholds = Thresholds.from_config(config)
        self._max_chars = int(config["max_message_chars"])
        self._combiner = UrgencyCombiner.load() if config["urgency_combiner"] else None

    @classmethod
    def read_model(cls, directory: Path) -> SafetyClassifier:
        return SafetyClassifier.load(directory)

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> SafetyNet:
        try:
            return super().load(config, model_storage, resource, execution_context, **kwargs)
        except (ValueError, FileNotFoundError):
            # Patterns alone still work; say so loudly.
            logger.error("Safety classifier not found in the model; running on the patterns alone.")
            return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        examples = []
        for message in training_data.intent_examples:
            label = label_for_intent(message.get(INTENT))
            # The classifier learns from what it will read: idioms and framed
            # triggers blanked out (SafetyVerdict.masked).
            text = assess(message.get(TEXT) or "").masked
            if label is not None and text:
                examples.append((text, label))
        return self.store(SafetyClassifier.train(examples, c=float(self._config["c"])))

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._decide(message)
        return messages

    def _decide(self, message: Message) -> None:
        text: str = message.get(TEXT) or ""
        predicted = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
        verdict = assess(text)
        scores = (
            self._classifier.scores(verdict.masked) if self._classifier is not None and verdict.masked else {}
        )
        ranking: List[Dict[str, Any]] = message.get(INTENT_RANKING_KEY) or []
        # A question about another disease ("nierstenen, wat kan ik doen")
        # gets no breast-cancer answer through the personal route either.
        # Only a personal question takes that route, so only then is it checked.
        another_disease = verdict.personal and about_another_disease(normalise(text), text)
        decision = decide(
            verdict,
            scores,
            self._thresholds,
            predicted,
            too_long=len(text) > self._max_chars,
            topic_runner_up=topic_runner_up(ranking),
            another_disease=another_disease,
            # Fitted on the classifier's scores: without the classifier, the rules decide.
            combiner=self._combiner if self._classifier is not None else None,
            topic_urgent={
                str(entry.get(INTENT_NAME_KEY)): float(entry.get(PREDICTED_CONFIDENCE_KEY, 0.0))
                for entry in ranking
                if entry.get(INTENT_NAME_KEY) in TOPIC_URGENT_INTENTS
            },
        )
        message.set(
            SAFETY_NET_KEY, {"classifier_intent": predicted, **decision.as_dict()}, add_to_output=True
        )
        if decision.intent is not None:
            self._set_intent(message, decision.intent, ranking)
        elif predicted in URGENT_INTENTS:
            # The topic classifier heard an alarm in what the safety layers
            # read as a question about a symptom: answer the question.
            self._set_intent(message, self._next_best(ranking), ranking, keep_confidence=True)

    def _next_best(self, ranking: List[Dict[str, Any]]) -> str:
        for entry in ranking:
            name = entry.get(INTENT_NAME_KEY)
            if name and name not in URGENT_INTENTS:
                if float(entry.get(PREDICTED_CONFIDENCE_KEY, 0.0)) < float(
                    self._config["demoted_min_confidence"]
                ):
                    return FALLBACK_INTENT
                return str(name)
        return FALLBACK_INTENT

    @staticmethod
    def _set_intent(
        message: Message, intent: str, ranking: List[Dict[str, Any]], keep_confidence: bool = False
    ) -> None:
        confidence = 1.0
        if keep_confidence:
            confidence = next(
                (
                    float(e.get(PREDICTED_CONFIDENCE_KEY, 0.0))
                    for e in ranking
                    if e.get(INTENT_NAME_KEY) == intent
                ),
                1.0,
            )
        rest = [entry for entry in ranking if entry.get(INTENT_NAME_KEY) != intent]
        top = {INTENT_NAME_KEY: intent, PREDICTED_CONFIDENCE_KEY: confidence}
        message.set(INTENT, top, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [top, *rest], add_to_output=True)
