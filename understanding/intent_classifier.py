"""Rasa NLU component: the topic (intent) classifier.

TF-IDF word and character n-grams with logistic regression
(understanding.linear_text_classifier), trained on the NLU training data
plus every sentence, title and plain-words summary of the knowledge-base
answers: the answers' own wording is a source of patients' words too.

Why not DIET: on the blind development set of patients' own questions
(tests/nlu/blind/) DIET answered 85% right against 92% for this model,
which also trains in seconds instead of minutes on 2 cores (figures in
README.md, benchmarks/topic_benchmark.py). The FallbackClassifier and the
safety layers run after it, as they did after DIET.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Dict, List, Tuple

import yaml
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
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
from safety.red_flags import normalise
from understanding.linear_text_classifier import LinearTextClassifier
from understanding.other_conditions import OFF_TOPIC_INTENT, about_another_disease
from understanding.small_talk import small_talk_intent
from understanding.stored_component import StoredModelComponent

KNOWLEDGE_BASE_PATH = Path(__file__).resolve().parent.parent / "knowledge" / "knowledge_base.yml"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def knowledge_base_examples(path: Path = KNOWLEDGE_BASE_PATH) -> List[Tuple[str, str]]:
    """(text, intent) pairs from the knowledge base: each answer's title,
    and each sentence of its answer and plain-words summary."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    examples: List[Tuple[str, str]] = []
    for entry in document.get("entries") or []:
        intent = f"ask_{entry['id']}"
        examples.append((str(entry["title"]), intent))
        for field in ("answer", "simple"):
            for sentence in _SENTENCE_END.split(str(entry.get(field) or "")):
                if len(sentence.strip()) > 15:
                    examples.append((sentence.strip(), intent))
    return examples


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LinearIntentClassifier(StoredModelComponent[LinearTextClassifier]):
    """Predicts the intent and a ranking of the 10 most likely intents."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {
            "c": 30.0,
            "min_df": 1,
            "char_ngram_max": 5,
            "max_iter": 3000,
            "ranking_length": 10,
            "use_knowledge_base": True,
        }

    @classmethod
    def read_model(cls, directory: Path) -> LinearTextClassifier:
        return LinearTextClassifier.load(directory)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [
            (message.get(TEXT), message.get(INTENT))
            for message in training_data.intent_examples
            if message.get(TEXT) and message.get(INTENT)
        ]
        if self._config["use_knowledge_base"]:
            examples += knowledge_base_examples()
        return self.store(
            LinearTextClassifier.train(
                examples,
                c=float(self._config["c"]),
                preprocessor=normalise,
                min_df=int(self._config["min_df"]),
                char_ngram_max=int(self._config["char_ngram_max"]),
                max_iter=int(self._config["max_iter"]),
            )
        )

    def process(self, messages: List[Message]) -> List[Message]:
        if self._classifier is None:
            return messages
        for message in messages:
            text = message.get(TEXT) or ""
            normalised = normalise(text)
            scores = self._classifier.scores(text)
            ranking = sorted(scores.items(), key=lambda item: -item[1])[: int(self._config["ranking_length"])]
            ranked = [{INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: score} for name, score in ranking]
            if str(ranked[0][INTENT_NAME_KEY]).startswith(QUESTION_INTENT_PREFIX) and about_another_disease(
                normalised, text
            ):
                # A breast-cancer answer to a question about another disease
                # would give the wrong disease's figures (other_conditions.py).
                # Certain, like small talk below: a "Bedoelt u ...?" with
                # breast-cancer topics would not help ("nierstenen zo'n pijn,
                # wat kan ik doen" had the pain answer close behind).
                top = {INTENT_NAME_KEY: OFF_TOPIC_INTENT, PREDICTED_CONFIDENCE_KEY: 1.0}
                ranked = [top, *(entry for entry in ranked if entry[INTENT_NAME_KEY] != OFF_TOPIC_INTENT)]
            small_talk = small_talk_intent(normalised)
            if small_talk is not None:
                # Only a greeting, thanks or goodbye (small_talk.py).
                top = {INTENT_NAME_KEY: small_talk, PREDICTED_CONFIDENCE_KEY: 1.0}
                ranked = [top, *(entry for entry in ranked if entry[INTENT_NAME_KEY] != small_talk)]
            message.set(INTENT, ranked[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranked, add_to_output=True)
        return messages
