"""Whether a domain is empty is decided once per domain object
(rasa_overrides/domain_emptiness.py), with rasa's own answer."""

from __future__ import annotations

from typing import Iterator, List

import pytest
from rasa.shared.core.domain import Domain

from launcher.paths import REPO_ROOT
from rasa_overrides import domain_emptiness


@pytest.fixture
def remembered() -> Iterator[List[Domain]]:
    """install(), with rasa's own is_empty counted; restored afterwards."""
    before = Domain.is_empty
    computed: List[Domain] = []
    rasas = domain_emptiness._rasa_is_empty

    def counted(domain: Domain) -> bool:
        computed.append(domain)
        return rasas(domain)

    domain_emptiness._rasa_is_empty = counted
    domain_emptiness.install()
    try:
        yield computed
    finally:
        Domain.is_empty = before  # type: ignore[method-assign]
        domain_emptiness._rasa_is_empty = rasas


def computed_for(remembered: List[Domain], domain: Domain) -> int:
    return sum(1 for seen in remembered if seen is domain)


def test_the_answer_is_rasas_and_computed_once_per_domain(remembered: List[Domain]) -> None:
    project = Domain.load(str(REPO_ROOT / "domain"))
    empty = Domain.empty()
    answers = [domain.is_empty() for domain in (project, empty, project, empty, project)]
    assert answers == [False, True, False, True, False]
    assert answers[:2] == [domain_emptiness._rasa_is_empty(d) for d in (project, empty)]
    # Once each through the remembering is_empty, once each directly.
    assert computed_for(remembered, project) == 2 and computed_for(remembered, empty) == 2


def test_a_new_domain_is_asked_again(remembered: List[Domain]) -> None:
    first = Domain.load(str(REPO_ROOT / "domain"))
    second = Domain.load(str(REPO_ROOT / "domain"))
    for _ in range(3):
        first.is_empty()
        second.is_empty()
    assert computed_for(remembered, first) == 1 and computed_for(remembered, second) == 1
