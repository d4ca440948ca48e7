"""One safety decision per message, from the patterns and the classifier.

Layers, each able to raise the alarm on its own (recall first). The topic
classifier's own alarm_symptom / distress intent does not count: it is a
40-way classifier that hears "urgent" in long or English stories; where the
safety layers disagree, the next best topic answers (safety_net.py).
1. the deterministic patterns of safety.red_flags, with the context frame
   of every match (safety.context): a current trigger is urgent, unless
   the classifier is all but certain the message is an ordinary question
   (`neither` at or above `pattern_veto`): that is a frame the patterns
   missed ("mocht mama verward raken, hoe merk ik dat?"), and the message
   is treated as framed. Alarm patterns only: a distress pattern always
   counts;
2. the learned classifier (safety.classifier): a score at or above the
   threshold is urgent; a message whose only triggers sit in a negated,
   past, hypothetical or informational frame needs a higher score, because
   the frame is evidence that the message is an ordinary question. So does
   a message without any pattern that the topic classifier reads as one of
   its questions (`topic_question`) or as off-topic (`off_topic`).

3. the urgency combiner (safety.combiner), when fitted: it weighs all of
   the above, the rules' own decision among them, with the topic
   classifier's confidence in its urgent intents, and has the last word
   (`combined_alarm` / `combined_distress`); a current distress pattern
   still always counts.

What is not urgent but mentions a red flag gets `warn`: the answer, then a
short safety line. After an urgent reply, the next turns are read with the
lower `follow_up` threshold (`follow_up_alarm` / `follow_up_distress`; the
action server acts on them, see actions/base.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, Mapping, Optional, Tuple

from actions.settings import QUESTION_INTENT_PREFIX
from safety.classifier import ALARM_LABEL, DISTRESS_LABEL, NEITHER_LABEL
from safety.combiner import UrgencyCombiner, combiner_features
from safety.red_flags import ALARM, DISTRESS, NO_WORDS, PERSONAL_DECISION, SafetyVerdict
from understanding.other_conditions import OFF_TOPIC_INTENT
from understanding.small_talk import SMALL_TALK_INTENTS

ALARM_WITH_DISTRESS = "alarm_with_distress"
URGENT_INTENTS = frozenset({ALARM, DISTRESS, ALARM_WITH_DISTRESS})


@dataclass(frozen=True)
class Thresholds:
    """Classifier scores at which a message counts as urgent."""

    alarm: float = 0.5
    distress: float = 0.5
    # When every trigger found sits in a non-current frame.
    alarm_framed: float = 0.85
    distress_framed: float = 0.85
    # A current alarm pattern in a message the classifier reads as "neither"
    # with at least this probability counts as framed (1.0: never).
    pattern_veto: float = 1.0
    # The classifier alone, on a message the topic classifier reads as
    # off-topic ("mijn hond eet niet meer"): no higher than alarm/distress
    # unless configured.
    off_topic: float = 0.0
    # The classifier alone, with no red-flag pattern at all, on a message the
    # topic classifier reads as one of its questions ("pijn pijn pijn, is er
    # iets anders dan die pillen?"): likewise.
    topic_question: float = 0.0
    # Turns right after an urgent reply.
    follow_up: float = 0.25
    # A score this high (but below the urgent thresholds) earns the safety line.
    warn: float = 0.3
    # The urgency combiner's probabilities at which a message is urgent.
    combined_alarm: float = 0.5
    combined_distress: float = 0.5

    @classmethod
    def from_config(cls, config: Dict[str, Any]) -> Thresholds:
        values = {name: float(config[name]) for name in cls.__dataclass_fields__ if name in config}
        return cls(**values)


@dataclass(frozen=True)
class SafetyDecision:
    """What the safety layers decided for one message."""

    intent: Optional[str]
    alarm: bool
    distress: bool
    warn: bool
    follow_up_alarm: bool
    follow_up_distress: bool
    # Over the length the assistant answers; an urgent message is answered all the same.
    too_long: bool = False
    scores: Dict[str, float] = field(default_factory=dict)
    alarm_categories: Tuple[str, ...] = ()
    framed_categories: Tuple[str, ...] = ()
    # What the hand-set rules decided, the topic classifier's confidence in
    # its urgent intents, and the combiner's probabilities (empty without it).
    rules_alarm: bool = False
    rules_distress: bool = False
    topic_urgent: Dict[str, float] = field(default_factory=dict)
    combined: Dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> Dict[str, Any]:
        return {
            "intent": self.intent,
            "alarm": self.alarm,
            "distress": self.distress,
            "warn": self.warn,
            "follow_up_alarm": self.follow_up_alarm,
            "follow_up_distress": self.follow_up_distress,
            "too_long": self.too_long,
            "scores": {label: round(score, 4) for label, score in self.scores.items()},
            "alarm_categories": list(self.alarm_categories),
            "framed_categories": list(self.framed_categories),
            "rules_alarm": self.rules_alarm,
            "rules_distress": self.rules_distress,
            "topic_urgent": {name: round(value, 4) for name, value in self.topic_urgent.items()},
            "combined": {label: round(value, 4) for label, value in self.combined.items()},
        }


def decide(
    verdict: SafetyVerdict,
    scores: Dict[str, float],
    thresholds: Thresholds,
    classified: Optional[str],
    too_long: bool = False,
    topic_runner_up: bool = False,
    another_disease: bool = False,
    combiner: Optional[UrgencyCombiner] = None,
    topic_urgent: Optional[Mapping[str, float]] = None,
) -> SafetyDecision:
    """The safety decision for one message; `classified` is the topic
    classifier's intent, `topic_runner_up` whether one of its next choices is
    a question of the assistant's own (`topic_runner_up` in safety_net.py),
    `another_disease` whether the message is about another disease
    (understanding.other_conditions: no personal note, no topic answer),
    `too_long` whether the text exceeds the length the
    assistant answers, `combiner` the fitted urgency combiner (None: the
    rules decide) and `topic_urgent` the topic classifier's confidence in
    each of its urgent intents."""
    alarm_score = scores.get(ALARM_LABEL, 0.0)
    distress_score = scores.get(DISTRESS_LABEL, 0.0)
    current_categories = verdict.alarm_categories
    framed_categories = verdict.framed_categories
    if (
        current_categories
        and thresholds.pattern_veto < 1.0
        and scores.get(NEITHER_LABEL, 0.0) >= thresholds.pattern_veto
    ):
        framed_categories = tuple(dict.fromkeys(framed_categories + current_categories))
        current_categories = ()
    framed_only_alarm = bool(framed_categories) and not current_categories
    framed_only_distress = verdict.framed_distress and not verdict.distress

    # Only a greeting, thanks or goodbye ("hi 👋", "allez, tot de volgende"):
    # a few words the classifier has nothing to go on, so it alone needs the
    # off-topic score. A pattern still counts.
    off_topic_or_small_talk = classified == OFF_TOPIC_INTENT or classified in SMALL_TALK_INTENTS
    alarm_threshold = thresholds.alarm_framed if framed_only_alarm else thresholds.alarm
    distress_threshold = thresholds.distress_framed if framed_only_distress else thresholds.distress
    if off_topic_or_small_talk:
        alarm_threshold = max(alarm_threshold, thresholds.off_topic)
        distress_threshold = max(distress_threshold, thresholds.off_topic)
    no_pattern = not (current_categories or framed_categories or verdict.distress or verdict.framed_distress)
    if no_pattern and verdict.frame_cue:
        # No trigger at all, but the message says it is over, denies or asks
        # "what if" ("de hoofdpijn van gisteren is helemaal weg"): the
        # classifier alone needs the framed score.
        alarm_threshold = max(alarm_threshold, thresholds.alarm_framed)
        distress_threshold = max(distress_threshold, thresholds.distress_framed)
    if framed_categories and not current_categories and not (verdict.distress or verdict.framed_distress):
        # The only triggers are framed alarm words and nothing speaks of
        # despair ("ik heb geen koors, ik wil alleen weten hoe laat ik moet
        # komen"): a distress score from the classifier alone is framed too.
        distress_threshold = max(distress_threshold, thresholds.distress_framed)
    if no_pattern and classified is not None and classified.startswith(QUESTION_INTENT_PREFIX):
        alarm_threshold = max(alarm_threshold, thresholds.topic_question)
        distress_threshold = max(distress_threshold, thresholds.topic_question)
    alarm = bool(current_categories) or alarm_score >= alarm_threshold
    distress = verdict.distress or distress_score >= distress_threshold
    rules_alarm, rules_distress = alarm, distress
    topic_urgent = dict(topic_urgent or {})
    combined: Dict[str, float] = {}
    if combiner is not None:
        features = combiner_features(verdict, scores, topic_urgent, classified, alarm, distress)
        combined = combiner.probabilities(features)
        alarm = combined[ALARM_LABEL] >= thresholds.combined_alarm
        # A current distress pattern still always counts: the blind sets
        # give each message one label, so the combiner never saw despair
        # beside an alarm ("39 graden koorts en ik wil niet meer leven").
        distress = combined[DISTRESS_LABEL] >= thresholds.combined_distress or verdict.distress
        if not alarm and current_categories:
            # Weighed as a mention, not an emergency now: answer + safety line.
            framed_categories = tuple(dict.fromkeys(framed_categories + current_categories))
            current_categories = ()
    if alarm and distress:
        intent: Optional[str] = ALARM_WITH_DISTRESS
    elif alarm:
        intent = ALARM
    elif distress:
        intent = DISTRESS
    elif not verdict.has_words:
        intent = NO_WORDS
    elif (
        verdict.personal
        and not another_disease
        and classified is not None
        # Over out_of_scope_medical too ("mag ik een dosis overslaan?"): the
        # personal note, then who can help (actions/personal_decision.py).
        and (
            classified.startswith(QUESTION_INTENT_PREFIX)
            or classified in ("nlu_fallback", "out_of_scope_medical")
            # "welke behandeling is het beste voor mij?" read as off-topic
            # ("welke stofzuiger is het beste?") with a topic close behind.
            or (classified == OFF_TOPIC_INTENT and topic_runner_up)
        )
    ):
        intent = PERSONAL_DECISION
    else:
        intent = None

    urgent = alarm or distress
    warn = not urgent and (
        verdict.mentions_red_flag or alarm_score >= thresholds.warn or distress_score >= thresholds.warn
    )
    return SafetyDecision(
        intent=intent,
        alarm=alarm,
        distress=distress,
        warn=warn,
        follow_up_alarm=alarm or alarm_score >= thresholds.follow_up or bool(framed_categories),
        follow_up_distress=distress or distress_score >= thresholds.follow_up or verdict.framed_distress,
        too_long=too_long and not urgent,
        scores=scores,
        alarm_categories=current_categories,
        framed_categories=framed_categories,
        rules_alarm=rules_alarm,
        rules_distress=rules_distress,
        topic_urgent=topic_urgent,
        combined=combined,
    )
