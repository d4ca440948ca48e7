"""A linear text classifier on word and character n-grams (TF-IDF +
logistic regression), shared by the topic classifier and the safety
classifier.

Character n-grams carry typos and Dutch compounds ("botuitzaaiingen",
"chemokuur"), word n-grams carry phrases. Scoring one message goes through
a compiled copy of the fitted model's arithmetic (a dictionary of columns,
the selected rows of the coefficients, a softmax), far faster than sklearn's
per-call path and equal to it in result (tests/test_safety_context.py
compares them).
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Tuple

import joblib
import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline


def _pipeline(
    c: float,
    preprocessor: Callable[[str], str],
    class_weight: object,
    min_df: int = 1,
    char_ngram_max: int = 5,
    max_iter: int = 3000,
) -> Pipeline:
    features = FeatureUnion(
        [
            (
                "words",
                TfidfVectorizer(
                    preprocessor=preprocessor, ngram_range=(1, 2), sublinear_tf=True, min_df=min_df
                ),
            ),
            (
                "chars",
                TfidfVectorizer(
                    preprocessor=preprocessor,
                    analyzer="char_wb",
                    ngram_range=(2, char_ngram_max),
                    sublinear_tf=True,
                    min_df=min_df,
                ),
            ),
        ]
    )
    model = LogisticRegression(C=c, class_weight=class_weight, max_iter=max_iter)
    return Pipeline([("features", features), ("model", model)])


class _CompiledScorer:
    """For each vectorizer: n-grams, sublinear tf x idf, L2 norm; then the
    linear model and the softmax, as sklearn computes them, on the rows of
    the coefficient matrix that the message's n-grams select."""

    def __init__(self, pipeline: Pipeline) -> None:
        features: FeatureUnion = pipeline.named_steps["features"]
        model: LogisticRegression = pipeline.named_steps["model"]
        # One row per feature, one column per class.
        self._weights = np.ascontiguousarray(model.coef_.T, dtype=np.float64)
        self._intercepts = np.asarray(model.intercept_, dtype=np.float64)
        self._idf = np.zeros(self._weights.shape[0], dtype=np.float64)
        self._vectorizers: List[Tuple[Callable[[str], List[str]], Dict[str, int]]] = []
        offset = 0
        for _, vectorizer in features.transformer_list:
            columns = {term: offset + index for term, index in vectorizer.vocabulary_.items()}
            self._idf[offset : offset + len(columns)] = vectorizer.idf_
            self._vectorizers.append((vectorizer.build_analyzer(), columns))
            offset += len(columns)

    def probabilities(self, text: str) -> List[float]:
        logits = self._intercepts.copy()
        for analyzer, columns in self._vectorizers:
            counts: Dict[int, int] = {}
            for term in analyzer(text):
                column = columns.get(term)
                if column is not None:
                    counts[column] = counts.get(column, 0) + 1
            if not counts:
                continue
            rows = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
            values = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))
            values *= self._idf[rows]
            values /= math.sqrt(float(values @ values)) or 1.0
            logits += values @ self._weights[rows]
        exps = np.exp(logits - logits.max())
        return [float(value) for value in exps / exps.sum()]


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
        min_df: int = 1,
        char_ngram_max: int = 5,
        max_iter: int = 3000,
    ) -> LinearTextClassifier:
        """`min_df`: n-grams seen in fewer examples are left out;
        `char_ngram_max`: the longest character n-gram. Both mean fewer
        weights and a faster fit. `max_iter`: L-BFGS iterations at most; a
        fit stopped there on purpose does not warn."""
        texts, labels = zip(*examples, strict=False)
        pipeline = _pipeline(
            c, preprocessor, "balanced" if balanced else None, min_df, char_ngram_max, max_iter
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
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
