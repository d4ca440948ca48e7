"""The fixed Dutch replies that actions send (knowledge/replies.yml)."""

from functools import lru_cache
from typing import Dict

import yaml

from actions import settings


@lru_cache(maxsize=1)
def _replies() -> Dict[str, str]:
    with settings.REPLIES_PATH.open(encoding="utf-8") as handle:
        replies = yaml.safe_load(handle)
    return {str(key): str(text).strip() for key, text in replies.items()}


def reply(key: str) -> str:
    """The reply text for `key`; a KeyError names a reply missing from the file."""
    return _replies()[key]
