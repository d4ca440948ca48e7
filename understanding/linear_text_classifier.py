"""A linear text classifier on word and character n-grams (TF-IDF +
logistic regression), shared by the topic classifier and the safety
classifier.

Character n-grams carry typos and Dutch compounds ("botuitzaaiingen",
"chemokuur"), word n-grams carry phrases. Scoring one message goes through
a compiled copy of the fitted model's arithmetic (dictionaries and a
softmax), about ten times faster than sklearn's per-call path and equal to
it in result (tests/test_safety_context.py compares them).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Tuple

import joblib
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline


def _pipeline(c: float, preprocessor: Callable[[str], str], class_weight: object) -> Pipeline:
    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(preprocessor=preprocessor, ngram_range=(1, 2), sublinear_tf=True)),
            (
                "chars",
                TfidfVectorizer(
                    preprocessor=preprocessor, analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True
                ),
            ),
        ]
    )
    model = LogisticRegression(C=c, class_weight=class_weight, max_iter=3000)
    return Pipeline([("features", features), ("model", model)])


class _CompiledScorer:
    """For each vectorizer: n-grams, sublinear tf x idf, L2 norm; then the
    linear model and the softmax, as sklearn computes them."""

    def __init__(self, pipeline: Pipeline) -> None:
        features: FeatureUnion = pipeline.named_steps["features"]
        model: LogisticRegression = pipeline.named_steps["model"]
        classes = list(model.classes_)
        coefficients = model.coef_
        self._intercepts = [float(value) for value in model.intercept_]
        self._vectorizers = []
        offset = 0
        for _, vectorizer in features.transformer_list:
            weights: Dict[str, Tuple[float, Tuple[float, ...]]] = {}
            for term, index in vectorizer.vocabulary_.items():
                column = offset + index
                weights[term] = (
                    float(vectorizer.idf_[index]),
                    tuple(float(coefficients[k, column]) for k in range(len(classes))),
                )
            self._vectorizers.append((vectorizer.build_analyzer(), weights))
            offset += len(vectorizer.vocabulary_)

    def probabilities(self, text: str) -> List[float]:
        logits = list(self._intercepts)
        for analyzer, weights in self._vectorizers:
            counts: Dict[str, int] = {}
            for term in analyzer(text):
                if term in weights:
                    counts[term] = counts.get(term, 0) + 1
            values = {term: (1.0 + math.log(count)) * weights[term][0] for term, count in counts.items()}
            norm = math.sqrt(sum(value * value for value in values.values())) or 1.0
            for term, value in values.items():
                for k, coefficient in enumerate(weights[term][1]):
                    logits[k] += value / norm * coefficient
        top = max(logits)
        exps = [math.exp(logit - top) for logit in logits]
        total = sum(exps)
        return [value / total for value in exps]


class LinearTextClassifier:
    """Probabilities of each label for one text."""

    FILE_NAME = "linear_text_classifier.joblib"

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline
        self._scorer = _CompiledScorer(pipeline)
        self.labels: List[str] = [str(label) for label in pipeline.classes_]

    @classmethod
    def train(
        cls,
        examples: Iterable[Tuple[str, str]],
        c: float,
        preprocessor: Callable[[str], str],
        balanced: bool = False,
    ) -> LinearTextClassifier:
        texts, labels = zip(*examples, strict=False)
        pipeline = _pipeline(c, preprocessor, "balanced" if balanced else None)
        pipeline.fit(list(texts), list(labels))
        return cls(pipeline)

    def scores(self, text: str) -> Dict[str, float]:
        return dict(zip(self.labels, self._scorer.probabilities(text), strict=False))

    def sklearn_scores(self, text: str) -> Dict[str, float]:
        """The same through sklearn itself (the reference for `scores`)."""
        return {
            label: float(p)
            for label, p in zip(self.labels, self._pipeline.predict_proba([text])[0], strict=False)
        }

    def persist(self, directory: Path, name: str = FILE_NAME) -> None:
        joblib.dump(self._pipeline, directory / name)

    @classmethod
    def load(cls, directory: Path, name: str = FILE_NAME) -> LinearTextClassifier:
        return cls(joblib.load(directory / name))
