"""The urgency combiner (safety/combiner.py): its fitted weights, and how
safety.decision uses it."""

from __future__ import annotations

import json

import pytest

from safety.classifier import ALARM_LABEL, DISTRESS_LABEL
from safety.combiner import FEATURES, WEIGHTS_PATH, UrgencyCombiner, combiner_features
from safety.decision import ALARM_WITH_DISTRESS, Thresholds, decide
from safety.red_flags import ALARM, DISTRESS, assess


def _combiner(alarm_bias: float, distress_bias: float) -> UrgencyCombiner:
    """A combiner that follows the rules' decision, shifted by a bias."""
    alarm = [0.0] * len(FEATURES)
    distress = [0.0] * len(FEATURES)
    alarm[FEATURES.index("rules_alarm")] = 10.0
    distress[FEATURES.index("rules_distress")] = 10.0
    return UrgencyCombiner(tuple(alarm), alarm_bias, tuple(distress), distress_bias)


def test_the_fitted_weights_match_the_features() -> None:
    combiner = UrgencyCombiner.load()
    assert combiner is not None, f"{WEIGHTS_PATH} is missing: run benchmarks/fit_urgency_combiner.py --write"
    assert len(combiner.alarm_weights) == len(combiner.distress_weights) == len(FEATURES)
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert "development" in data["fitted"] and "locked" not in data["fitted"]


def test_weights_for_other_features_are_refused() -> None:
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    data["features"] = data["features"][:-1]
    with pytest.raises(ValueError, match="refit"):
        UrgencyCombiner.from_dict(data)


def test_the_features_follow_their_names() -> None:
    verdict = assess("ik heb 39,5 koorts en ik wil niet meer leven")
    scores = {ALARM_LABEL: 0.7, DISTRESS_LABEL: 0.6, "neither": 0.1}
    features = dict(
        zip(
            FEATURES,
            combiner_features(verdict, scores, {"alarm_symptom": 0.8}, "alarm_symptom", True, True),
            strict=True,
        )
    )
    assert features["safety_alarm"] == 0.7 and features["topic_alarm_symptom"] == 0.8
    assert features["topic_distress"] == 0.0
    assert features["pattern_alarm_now"] == 1.0 and features["pattern_distress_now"] == 1.0
    assert features["safety_alarm_x_pattern_alarm_now"] == 0.7
    assert features["rules_alarm"] == features["rules_distress"] == 1.0
    assert features["topic_is_question"] == 0.0


def test_the_fitted_combiner_weighs_urgent_and_ordinary_messages_apart() -> None:
    combiner = UrgencyCombiner.load()
    assert combiner is not None
    urgent = combiner.probabilities(
        combiner_features(
            assess("ik heb 39,5 koorts en ril, zit in de chemo"),
            {ALARM_LABEL: 0.9, DISTRESS_LABEL: 0.02, "neither": 0.08},
            {"alarm_symptom": 0.9},
            "alarm_symptom",
            True,
            False,
        )
    )
    ordinary = combiner.probabilities(
        combiner_features(
            assess("wat is een petscan?"),
            {ALARM_LABEL: 0.01, DISTRESS_LABEL: 0.01, "neither": 0.98},
            {},
            "ask_pet_ct_scan",
            False,
            False,
        )
    )
    assert urgent[ALARM_LABEL] > 0.9 > 0.1 > ordinary[ALARM_LABEL]
    assert ordinary[DISTRESS_LABEL] < 0.1


def test_the_combiner_has_the_last_word() -> None:
    thresholds = Thresholds(combined_alarm=0.5, combined_distress=0.5)
    verdict = assess("ik krijg geen lucht")
    kept = decide(verdict, {}, thresholds, "ask_pet_ct_scan", combiner=_combiner(-5.0, -5.0))
    assert kept.intent == ALARM and kept.rules_alarm and kept.combined[ALARM_LABEL] > 0.5
    # Weighed as a mention: the answer stands, with the safety line.
    vetoed = decide(verdict, {}, thresholds, "ask_pet_ct_scan", combiner=_combiner(-20.0, -20.0))
    assert vetoed.intent is None and not vetoed.alarm and vetoed.rules_alarm
    assert vetoed.warn and set(verdict.alarm_categories) <= set(vetoed.framed_categories)
    # Urgent where the rules saw nothing.
    raised = decide(assess("raar gevoel"), {}, thresholds, "nlu_fallback", combiner=_combiner(5.0, 5.0))
    assert raised.intent == ALARM_WITH_DISTRESS and not raised.rules_alarm
    distress_only = decide(
        assess("raar gevoel"), {}, thresholds, "nlu_fallback", combiner=_combiner(-5.0, 5.0)
    )
    assert distress_only.intent == DISTRESS


def test_without_a_combiner_the_rules_decide() -> None:
    decision = decide(assess("ik krijg geen lucht"), {}, Thresholds(), "ask_pet_ct_scan")
    assert decision.intent == ALARM and decision.combined == {}
    assert decision.as_dict()["rules_alarm"] is True


def test_a_current_distress_pattern_always_counts() -> None:
    thresholds = Thresholds(combined_alarm=0.5, combined_distress=0.5)
    verdict = assess("ik heb 39 graden koorts tijdens de chemo en ik wil niet meer leven")
    assert verdict.distress
    decision = decide(verdict, {}, thresholds, "alarm_symptom", combiner=_combiner(5.0, -20.0))
    assert decision.intent == ALARM_WITH_DISTRESS
