"""Loads and checks the knowledge base (knowledge/knowledge_base.yml)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml

from actions import settings

logger = logging.getLogger(__name__)

REQUIRED_FIELDS = ("id", "title", "answer", "source_section", "facts", "related")


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
    )


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
    referenced = [
        *(related for entry in entries.values() for related in entry.related),
        *featured,
        *(topic.answer_id for topic in topics),
    ]
    unknown = sorted({ref for ref in referenced if ref not in entries})
    if unknown:
        raise KnowledgeBaseError(f"unknown entry ids referenced: {', '.join(unknown)}")
    disclaimer = str(document.get("disclaimer") or "").strip()
    if not disclaimer:
        raise KnowledgeBaseError("the file has no 'disclaimer'")
    return KnowledgeBase(disclaimer, entries, featured, topics)


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
