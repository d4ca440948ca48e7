"""Decide once per domain whether it is empty, not on every message.

rasa 3.6's processor checks each parsed message for intents and entities the
domain lacks (`_check_for_unseen_features`) and first asks `domain.is_empty()`,
which builds the whole domain as a dictionary, and an empty domain as
another, and compares them: about a quarter of a millisecond per message
here, for an answer that cannot change while a model is loaded (a domain is
not changed after it is built; a new model brings a new domain object).
`install()` makes is_empty() remember its answer on the domain object;
rasa_overrides.install() calls it.
"""

from __future__ import annotations

from typing import Callable

from rasa.shared.core.domain import Domain

_rasa_is_empty: Callable[[Domain], bool] = Domain.is_empty
_ATTRIBUTE = "_known_to_be_empty"


def is_empty(self: Domain) -> bool:
    known = self.__dict__.get(_ATTRIBUTE)
    if known is None:
        known = self.__dict__[_ATTRIBUTE] = _rasa_is_empty(self)
    return bool(known)


def install() -> None:
    Domain.is_empty = is_empty
