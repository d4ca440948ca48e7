"""Loads and checks the knowledge base (knowledge/knowledge_base.yml)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml

from actions import settings

logger = logging.getLogger(__name__)

REQUIRED_FIELDS = ("id", "title", "answer", "source_section", "facts", "related")

# Intents of follow-up questions, read against the last answer (actions/follow_up.py).
FOLLOW_UP_SIMPLER = "follow_up_simpler"
FOLLOW_UP_SIDE_EFFECTS = "follow_up_side_effects"
FOLLOW_UP_DURATION_OR_EFFECT = "follow_up_duration_or_effect"
FOLLOW_UP_MORE = "follow_up_more"
FOLLOW_UP_OTHER_CASE = "follow_up_other_case"
FOLLOW_UP_INTENTS = (
    FOLLOW_UP_SIMPLER,
    FOLLOW_UP_SIDE_EFFECTS,
    FOLLOW_UP_DURATION_OR_EFFECT,
    FOLLOW_UP_MORE,
    FOLLOW_UP_OTHER_CASE,
)
# A follow-up kind is an intent, or for follow_up_other_case the intent and
# the body site the message names: "follow_up_other_case:liver".
SITE_SEPARATOR = ":"


class KnowledgeBaseError(ValueError):
    """The knowledge base file is missing or malformed."""


@dataclass(frozen=True)
class Entry:
    """One curated answer."""

    id: str
    title: str
    answer: str
    source_section: str
    facts: Tuple[str, ...]
    related: Tuple[str, ...]
    reviewed: str
    # The answer in 1-3 short sentences, for "kunt u dat simpeler zeggen?".
    simple: str = ""

    @property
    def intent(self) -> str:
        return settings.QUESTION_INTENT_PREFIX + self.id


@dataclass(frozen=True)
class PersonalQuestionTopic:
    """Keywords in a personal question that point to general information."""

    answer_id: str
    keywords: Tuple[str, ...]


@dataclass(frozen=True)
class KnowledgeBase:
    disclaimer: str
    entries: Dict[str, Entry]
    featured: Tuple[str, ...]
    personal_question_topics: Tuple[PersonalQuestionTopic, ...]
    # (last answer id, follow-up kind) -> the entry that answers the follow-up.
    follow_ups: Dict[Tuple[str, str], str] = field(default_factory=dict)
    # Body site -> word beginnings that name it ("lever", "bot").
    follow_up_sites: Dict[str, Tuple[str, ...]] = field(default_factory=dict)
    # Words that name a person close to the patient ("moeder").
    follow_up_persons: Tuple[str, ...] = ()

    def entry_for_intent(self, intent: Optional[str]) -> Optional[Entry]:
        if not intent or not intent.startswith(settings.QUESTION_INTENT_PREFIX):
            return None
        return self.entries.get(intent[len(settings.QUESTION_INTENT_PREFIX) :])

    def entry_for_personal_question(self, text: str) -> Optional[Entry]:
        lowered = f" {text.lower()} "
        for topic in self.personal_question_topics:
            if any(keyword in lowered for keyword in topic.keywords):
                return self.entries[topic.answer_id]
        return None

    def ranked_entries(self, ranking: List[Dict[str, Any]], min_confidence: float = 0.0) -> List[Entry]:
        """Entries of the question intents in a parse's intent ranking, best first."""
        entries: List[Entry] = []
        for candidate in ranking:
            entry = self.entry_for_intent(candidate.get("name"))
            if (
                entry is not None
                and entry not in entries
                and float(candidate.get("confidence") or 0) >= min_confidence
            ):
                entries.append(entry)
        return entries

    def follow_up_target(self, last_answer_id: str, kind: str) -> Optional[Entry]:
        """The entry that answers a follow-up of `kind` after `last_answer_id`, if any."""
        target = self.follow_ups.get((last_answer_id, kind))
        return self.entries[target] if target else None

    def site_in(self, text: str) -> Optional[str]:
        """The first body site (of follow_up_sites) a word of the message begins with."""
        words = re.findall(r"\w+", text.lower())
        for site, beginnings in self.follow_up_sites.items():
            if any(word.startswith(beginning) for word in words for beginning in beginnings):
                return site
        return None

    def names_person(self, text: str) -> bool:
        """Whether the message names a person close to the patient ("en voor mijn moeder?")."""
        return bool(set(re.findall(r"\w+", text.lower())) & set(self.follow_up_persons))

    @property
    def intents(self) -> List[str]:
        return [entry.intent for entry in self.entries.values()]


def _entry(raw: Dict[str, Any], position: int) -> Entry:
    missing = [field for field in REQUIRED_FIELDS if field not in raw]
    if missing:
        raise KnowledgeBaseError(f"entry {position} ({raw.get('id', '?')}) lacks: {', '.join(missing)}")
    return Entry(
        id=str(raw["id"]),
        title=str(raw["title"]),
        answer=str(raw["answer"]).strip(),
        source_section=str(raw["source_section"]),
        facts=tuple(str(fact) for fact in raw["facts"] or ()),
        related=tuple(str(related) for related in raw["related"] or ()),
        reviewed=str(raw.get("reviewed", "")),
        simple=" ".join(str(raw.get("simple") or "").split()),
    )


def _follow_ups(document: Dict[str, Any], sites: Dict[str, Tuple[str, ...]]) -> Dict[Tuple[str, str], str]:
    """Flatten the follow_ups section to (last answer id, kind) -> target id."""
    follow_ups: Dict[Tuple[str, str], str] = {}
    for last_id, targets in (document.get("follow_ups") or {}).items():
        for intent, target in (targets or {}).items():
            if intent not in FOLLOW_UP_INTENTS or intent == FOLLOW_UP_SIMPLER:
                raise KnowledgeBaseError(f"follow_ups of '{last_id}': unknown follow-up intent '{intent}'")
            if intent == FOLLOW_UP_OTHER_CASE:
                if not isinstance(target, dict):
                    raise KnowledgeBaseError(
                        f"follow_ups of '{last_id}': {intent} maps body sites to entries"
                    )
                unknown_sites = sorted(set(target) - set(sites))
                if unknown_sites:
                    raise KnowledgeBaseError(f"follow_ups of '{last_id}': unknown sites {unknown_sites}")
                for site, site_target in target.items():
                    follow_ups[(str(last_id), f"{intent}{SITE_SEPARATOR}{site}")] = str(site_target)
            else:
                follow_ups[(str(last_id), str(intent))] = str(target)
    return follow_ups


def parse_knowledge_base(document: Dict[str, Any]) -> KnowledgeBase:
    """Build a KnowledgeBase from the parsed YAML, checking its references."""
    if not isinstance(document, dict) or not document.get("entries"):
        raise KnowledgeBaseError("the file has no 'entries'")
    entries: Dict[str, Entry] = {}
    for position, raw in enumerate(document["entries"], start=1):
        entry = _entry(raw, position)
        if entry.id in entries:
            raise KnowledgeBaseError(f"duplicate entry id '{entry.id}'")
        entries[entry.id] = entry
    featured = tuple(document.get("featured") or ())
    topics = tuple(
        PersonalQuestionTopic(
            answer_id=str(topic["answer"]),
            keywords=tuple(str(k).lower() for k in topic["keywords"]),
        )
        for topic in document.get("personal_question_topics") or ()
    )
    sites = {
        str(site): tuple(str(word).lower() for word in words)
        for site, words in (document.get("follow_up_sites") or {}).items()
    }
    persons = tuple(str(word).lower() for word in document.get("follow_up_persons") or ())
    follow_ups = _follow_ups(document, sites)
    referenced = [
        *(related for entry in entries.values() for related in entry.related),
        *featured,
        *(topic.answer_id for topic in topics),
        *(last_id for last_id, _ in follow_ups),
        *follow_ups.values(),
    ]
    unknown = sorted({ref for ref in referenced if ref not in entries})
    if unknown:
        raise KnowledgeBaseError(f"unknown entry ids referenced: {', '.join(unknown)}")
    disclaimer = str(document.get("disclaimer") or "").strip()
    if not disclaimer:
        raise KnowledgeBaseError("the file has no 'disclaimer'")
    return KnowledgeBase(disclaimer, entries, featured, topics, follow_ups, sites, persons)


def load_knowledge_base(path: Path) -> KnowledgeBase:
    try:
        with path.open(encoding="utf-8") as handle:
            document = yaml.safe_load(handle)
    except OSError as error:
        raise KnowledgeBaseError(f"cannot read {path}: {error}") from error
    except yaml.YAMLError as error:
        raise KnowledgeBaseError(f"{path} is not valid YAML: {error}") from error
    knowledge_base = parse_knowledge_base(document)
    logger.info("Loaded %d knowledge-base entries from %s", len(knowledge_base.entries), path)
    return knowledge_base


@lru_cache(maxsize=1)
def get_knowledge_base() -> KnowledgeBase:
    """The knowledge base of this deployment, loaded once per process."""
    return load_knowledge_base(settings.KNOWLEDGE_BASE_PATH)
