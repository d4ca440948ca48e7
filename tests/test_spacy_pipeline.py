"""The Dutch spaCy pipelines that SpacyNLP can load."""

from __future__ import annotations

import pytest
import spacy
import spacy.util


@pytest.fixture(scope="module")
def nl_core_lookup() -> spacy.language.Language:
    return spacy.load("nl_core_lookup", disable=["parser"])


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("uitzaaiingen", "uitzaaiing"),
        ("behandeld", "behandelen"),
        ("chemokuren", "chemokuur"),
        ("wordt", "worden"),
        ("metastasen", "metastase"),
        ("bijwerkingen", "bijwerking"),
        ("gekregen", "krijgen"),
    ],
)
def test_default_pipeline_lemmatises_dutch(nl_core_lookup, word: str, lemma: str) -> None:
    assert [token.lemma_ for token in nl_core_lookup(word)] == [lemma]


def test_default_pipeline_tokenises_dutch(nl_core_lookup) -> None:
    tokens = [token.text for token in nl_core_lookup("Wat is 'n PET/CT-scan, m'n oncoloog zei 40-60%?")]
    assert "PET/CT-scan" in tokens or "PET" in tokens
    assert tokens[-1] == "?"


def test_default_pipeline_is_a_loadable_model_package(nl_core_lookup) -> None:
    assert nl_core_lookup.lang == "nl"
    assert nl_core_lookup.path is not None  # rasa's SpacyNLP rejects path-less stubs
    assert spacy.util.is_package("nl_core_lookup")
    assert spacy.info("nl_core_lookup")["spacy_version"].startswith(">=3.4")


def test_nl_core_news_sm_when_installed() -> None:
    if not spacy.util.is_package("nl_core_news_sm"):
        reason = "nl_core_news_sm is not installed (it is distributed outside PyPI; see README)"
        print(f"SKIP: {reason}")
        pytest.skip(reason)
    nlp = spacy.load("nl_core_news_sm", disable=["parser"])
    assert [token.lemma_ for token in nlp("uitzaaiingen")] == ["uitzaaiing"]
