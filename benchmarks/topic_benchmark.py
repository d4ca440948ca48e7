"""Topic questions written blind: does the assistant give the right answer?

Runs every message of a blind topic set (tests/nlu/blind/, README there)
through the whole NLU pipeline of the trained model and reads the reply it
leads to, as the running assistant would:
- a knowledge intent ask_<id>: the answer <id>;
- personal_decision: the personal note plus the general information the
  action would pick (keyword, else the classifier's topic at >= 0.4);
- nlu_fallback: "Bedoelt u ...?" (and whether the right topic is offered);
- out_of_scope_other / out_of_scope_medical: the honest out-of-scope reply
  (a question about the assistant itself: its own honest bot reply);
- alarm / distress: the urgent reply (after the distress reply to a
  question about support, also the support answer: actions/safety_replies.py).

Reports for topic questions the share answered right (top choice), answered
wrong, clarified, sent out of scope or to an urgent reply; for off-topic and
not-in-source questions the share that got the honest out-of-scope reply and
the share that got a curated answer; the misses by text; and the median parse
time. A TF-IDF word + character n-gram logistic regression trained on the
same data is scored beside it, as a baseline.

    python -m benchmarks.topic_benchmark            # development part
    python -m benchmarks.topic_benchmark --locked   # the locked part: once, at the end

Writes benchmarks/results/topics_<part>.json.
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import statistics
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

REPO_ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from actions import settings  # noqa: E402
from actions.clarify_question import out_of_scope_lead  # noqa: E402
from actions.knowledge_base import get_knowledge_base  # noqa: E402
from actions.safety_replies import support_answer_after_distress  # noqa: E402
from benchmarks.blind_parsing import parse_timed, part_to_score, trained_model  # noqa: E402
from tests.helpers import BLIND_TOPIC_DIR, blind_sets, training_examples  # noqa: E402
from understanding.small_talk import SMALL_TALK_INTENTS  # noqa: E402

RESULTS = REPO_ROOT / "benchmarks" / "results"
OUT_OF_SCOPE = {"out_of_scope_other", "out_of_scope_medical"}
URGENT = {"alarm_symptom", "alarm_with_distress", "distress"}
OUTSIDE_LABELS = {"off_topic", "not_in_source"}
# From round 5 of the topic sets on, writers label a bare greeting, thank-you or goodbye
# "small_talk" (earlier rounds called it off_topic); the assistant's own
# greeting, thanks or goodbye reply is the right one, and so is the honest
# out-of-scope reply ("ok", "lol").
SMALL_TALK_LABEL = "small_talk"


# Asking what the assistant is gets utter_bot_challenge: "a digital assistant,
# not a doctor, general information about metastatic breast cancer only",
# which is the honest reply to that off-topic question.
ABOUT_THE_ASSISTANT = "bot_challenge"


def reply_for(parse: Dict[str, Any], text: str) -> Tuple[str, Optional[str]]:
    """(kind of reply, answer id or None) the assistant gives for one parse."""
    knowledge_base = get_knowledge_base()
    intent = parse["intent"]["name"]
    if intent.startswith(settings.QUESTION_INTENT_PREFIX):
        entry = knowledge_base.entry_for_intent(intent)
        return "answer", entry.id if entry else None
    if intent == "personal_decision":
        entry = knowledge_base.entry_for_personal_question(text)
        if entry is None:
            ranked = knowledge_base.ranked_entries(
                parse.get("intent_ranking") or [], settings.PERSONAL_TOPIC_MIN_CONFIDENCE
            )
            entry = ranked[0] if ranked else None
        # Without general information: the note and who can help, no answer.
        return ("answer", entry.id) if entry else ("out_of_scope", None)
    if intent == "nlu_fallback":
        # As actions/clarify_question.py: unsure, but out of scope leads.
        if out_of_scope_lead(parse.get("intent_ranking") or []):
            return "out_of_scope", None
        return "clarification", None
    if intent in OUT_OF_SCOPE:
        return "out_of_scope", None
    if intent in URGENT:
        # After the distress reply, a question about support also gets that answer.
        support = support_answer_after_distress(parse)
        return ("answer", support) if support else ("urgent", None)
    if intent in SMALL_TALK_INTENTS:
        return "small_talk", None
    if intent == ABOUT_THE_ASSISTANT:
        # "Ben jij een robot?": the bot's own reply says what it is and does.
        return "out_of_scope", None
    return "other", None


def offered(parse: Dict[str, Any]) -> List[str]:
    ranked = get_knowledge_base().ranked_entries(parse.get("intent_ranking") or [])
    return [entry.id for entry in ranked][: settings.CLARIFICATION_CHOICES]


def baseline_predictions(texts: List[str]) -> List[str]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    pairs = [(text, intent) for intent, items in training_examples().items() for text in items]
    model = make_pipeline(
        make_union(
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
        ),
        LogisticRegression(max_iter=3000, C=10.0),
    )
    model.fit([t for t, _ in pairs], [i for _, i in pairs])
    return list(model.predict(texts))


def score(rows: List[Tuple[str, str]], parses: List[Dict[str, Any]]) -> Dict[str, Any]:
    topics: Counter = Counter()
    outside: Dict[str, Counter] = {label: Counter() for label in OUTSIDE_LABELS}
    small_talk: Counter = Counter()
    misses = []
    for (label, text), parse in zip(rows, parses, strict=False):
        kind, answer_id = reply_for(parse, text)
        if label == SMALL_TALK_LABEL:
            small_talk["n"] += 1
            if kind in ("small_talk", "out_of_scope"):
                small_talk["right"] += 1
            else:
                misses.append({"label": label, "reply": f"{kind}:{answer_id or ''}", "text": text})
            continue
        if label in OUTSIDE_LABELS:
            counts = outside[label]
            counts["n"] += 1
            counts[kind] += 1
            if kind != "out_of_scope":
                misses.append({"label": label, "reply": f"{kind}:{answer_id or ''}", "text": text})
            continue
        topics["n"] += 1
        if kind == "answer":
            topics["right" if answer_id == label else "wrong"] += 1
        else:
            topics[kind] += 1
            if kind == "clarification" and label in offered(parse):
                topics["clarification_offers_right"] += 1
        if not (kind == "answer" and answer_id == label):
            misses.append({"label": label, "reply": f"{kind}:{answer_id or ''}", "text": text})
    n = max(topics["n"], 1)
    result: Dict[str, Any] = {
        "topic_questions": topics["n"],
        "top_choice_right": topics["right"] / n,
        "answered_wrong": topics["wrong"] / n,
        "clarified": topics["clarification"] / n,
        "clarified_with_right_topic_offered": topics["clarification_offers_right"] / n,
        "sent_out_of_scope": topics["out_of_scope"] / n,
        "urgent_reply": topics["urgent"] / n,
        "other_reply": topics["other"] / n,
    }
    for label, counts in outside.items():
        m = max(counts["n"], 1)
        result[label] = {
            "messages": counts["n"],
            "honest_out_of_scope": counts["out_of_scope"] / m,
            "curated_answer": counts["answer"] / m,
            "clarified": counts["clarification"] / m,
            "urgent_reply": counts["urgent"] / m,
        }
    result[SMALL_TALK_LABEL] = {
        "messages": small_talk["n"],
        "own_or_out_of_scope_reply": small_talk["right"] / max(small_talk["n"], 1),
    }
    result["misses"] = misses
    return result


def main() -> None:
    part = part_to_score(__doc__.splitlines()[0])
    rows = blind_sets(BLIND_TOPIC_DIR, part)
    texts = [text for _, text in rows]
    model = trained_model()
    parses, times, _ = asyncio.run(parse_timed(texts, model))
    result = score(rows, parses)
    baseline = baseline_predictions(texts)
    topic_rows = [
        (label, guess)
        for (label, _), guess in zip(rows, baseline, strict=False)
        if label not in OUTSIDE_LABELS
    ]
    result["baseline_tfidf_word_char_logreg_top_choice_right"] = sum(
        f"ask_{label}" == guess for label, guess in topic_rows
    ) / max(len(topic_rows), 1)
    result.update(
        {
            "part": part,
            "model": Path(model).name,
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
            "median_parse_ms": round(statistics.median(times), 2),
        }
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"topics_{part}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"{part} set: {len(rows)} messages ({result['topic_questions']} topic questions)")
    for key in (
        "top_choice_right",
        "answered_wrong",
        "clarified",
        "clarified_with_right_topic_offered",
        "sent_out_of_scope",
        "urgent_reply",
        "other_reply",
        "baseline_tfidf_word_char_logreg_top_choice_right",
    ):
        print(f"  {key:50s} {result[key]:.3f}")
    for label in sorted(OUTSIDE_LABELS | {SMALL_TALK_LABEL}):
        print(f"  {label}: {result[label]}")
    print(f"  median parse {result['median_parse_ms']} ms")
    for miss in result["misses"]:
        print(f"  MISS {miss['label']} -> {miss['reply']}: {miss['text'][:150]}")


if __name__ == "__main__":
    main()
