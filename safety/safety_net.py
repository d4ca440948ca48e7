"""Rasa NLU component that lets the deterministic red-flag detector overrule
the statistical classifier.

It runs last in the pipeline (after DIETClassifier and FallbackClassifier).
When `safety.red_flags.assess` finds an alarm symptom, distress, or a message
without any words, the predicted intent is replaced by `alarm_symptom`,
`distress` or `nonsense` with confidence 1.0, whatever the classifier said.
A question asking for a personal decision overrules a knowledge topic (or a
fallback) with `personal_decision`.
The original prediction stays in the intent ranking and in `safety_net`, so
logs and tests can see what was overruled.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa.engine.graph import ExecutionContext, GraphComponent
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

from safety.red_flags import assess

SAFETY_NET_KEY = "safety_net"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SafetyNet(GraphComponent):
    """Overrules the predicted intent for alarm symptoms, distress and input
    without words."""

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SafetyNet:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._overrule_if_needed(message)
        return messages

    @staticmethod
    def _overrule_if_needed(message: Message) -> None:
        text: Optional[str] = message.get(TEXT)
        verdict = assess(text or "")
        predicted = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
        intent = verdict.intent_for(predicted)
        if intent is None:
            return
        ranking = [
            entry for entry in (message.get(INTENT_RANKING_KEY) or []) if entry.get(INTENT_NAME_KEY) != intent
        ]
        message.set(
            INTENT,
            {INTENT_NAME_KEY: intent, PREDICTED_CONFIDENCE_KEY: 1.0},
            add_to_output=True,
        )
        message.set(
            INTENT_RANKING_KEY,
            [{INTENT_NAME_KEY: intent, PREDICTED_CONFIDENCE_KEY: 1.0}, *ranking],
            add_to_output=True,
        )
        message.set(
            SAFETY_NET_KEY,
            {
                "intent": intent,
                "classifier_intent": predicted,
                "alarm_categories": list(verdict.alarm_categories),
                "distress": verdict.distress,
                "personal": verdict.personal,
            },
            add_to_output=True,
        )
