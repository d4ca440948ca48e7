"""Who can help with a question the source does not cover (knowledge/referrals.yml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Tuple

import yaml

from actions import settings


@dataclass(frozen=True)
class Referral:
    name: str
    keywords: Tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Referrals:
    default: str
    referrals: Tuple[Referral, ...]

    def for_question(self, text: str) -> str:
        """The referral for a question: the first whose keyword occurs in it."""
        lowered = f" {text.lower()} "
        for referral in self.referrals:
            if any(keyword in lowered for keyword in referral.keywords):
                return referral.text
        return self.default


def _clean(text: str) -> str:
    return " ".join(str(text).split())


@lru_cache(maxsize=1)
def get_referrals() -> Referrals:
    document = yaml.safe_load(settings.REFERRALS_PATH.read_text(encoding="utf-8"))
    return Referrals(
        default=_clean(document["default"]),
        referrals=tuple(
            Referral(
                name=str(raw["name"]),
                keywords=tuple(str(keyword).lower() for keyword in raw["keywords"]),
                text=_clean(raw["text"]),
            )
            for raw in document["referrals"]
        ),
    )
