"""The knowledge base is complete, well-formed and grounded in the source."""

from __future__ import annotations

import re

import pytest
import yaml

from actions.knowledge_base import (
    KnowledgeBase,
    KnowledgeBaseError,
    load_knowledge_base,
    parse_knowledge_base,
)
from actions.settings import KNOWLEDGE_BASE_PATH

# Every topic the issue lists must have its own entry.
REQUIRED_TOPICS = {
    "incurable_palliative", "treatment_goals", "progression_free_survival", "survival_figures",
    "metastases_at_diagnosis", "how_metastases_arise", "additional_tests", "pet_ct_scan",
    "metastasis_sites", "biopsy_of_metastasis", "tumour_markers", "treatment_choice_factors",
    "hormone_therapy", "chemo_instead_of_hormones", "chemotherapy_effect", "chemotherapy_administration",
    "targeted_therapy", "cell_signalling", "surgery_of_metastases", "radiotherapy_of_metastases",
    "bone_metastases_treatment", "pain_treatment", "psychosocial_support", "side_effects_and_stopping",
    "national_guideline", "brain_metastases", "complete_remission", "new_medicines_research",
}  # fmt: skip
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def test_every_topic_of_the_source_has_an_entry(knowledge_base: KnowledgeBase) -> None:
    assert set(knowledge_base.entries) == REQUIRED_TOPICS


@pytest.mark.parametrize("entry_id", sorted(REQUIRED_TOPICS))
def test_entry_is_short_plain_and_linked(knowledge_base: KnowledgeBase, entry_id: str) -> None:
    entry = knowledge_base.entries[entry_id]
    words = len(entry.answer.split())
    limits = (40, 130) if entry_id == "chemotherapy_administration" else (60, 130)
    assert limits[0] <= words <= limits[1], f"{entry_id}: {words} words"
    assert 1 <= len(entry.title) <= 40
    assert 2 <= len(entry.related) <= 3 or entry_id == "chemotherapy_administration"
    assert entry.id not in entry.related
    # Where an answer addresses the reader, it says "u", never "je/jij".
    assert not re.search(r"\b(je|jij|jouw|jou)\b", entry.answer, re.I), "no informal 'je/jij'"
    assert entry.reviewed, "every entry carries a review date"
    assert knowledge_base.disclaimer not in entry.answer, "the disclaimer is attached by the action"


@pytest.mark.parametrize("entry_id", sorted(REQUIRED_TOPICS))
def test_every_number_in_an_answer_is_a_listed_fact(knowledge_base: KnowledgeBase, entry_id: str) -> None:
    entry = knowledge_base.entries[entry_id]
    for number in NUMBER.findall(entry.answer):
        assert any(
            number in fact for fact in entry.facts
        ), f"{entry_id}: '{number}' is not in facts {entry.facts}"
    for fact in entry.facts:
        assert fact in entry.answer, f"{entry_id}: listed fact '{fact}' is not used in the answer"


@pytest.mark.parametrize("entry_id", sorted(REQUIRED_TOPICS))
def test_facts_and_section_occur_in_the_source(
    knowledge_base: KnowledgeBase, source_text: str, entry_id: str
) -> None:
    entry = knowledge_base.entries[entry_id]
    headings = {line.strip().lstrip("*").strip() for line in source_text.splitlines() if 0 < len(line) < 60}
    assert (
        entry.source_section in headings
    ), f"{entry_id}: section '{entry.source_section}' is not a source heading"
    for fact in entry.facts:
        assert fact in source_text, f"{entry_id}: fact '{fact}' does not occur in the source"


@pytest.mark.parametrize("entry_id", sorted(REQUIRED_TOPICS))
def test_answers_are_in_our_own_words(knowledge_base: KnowledgeBase, source_text: str, entry_id: str) -> None:
    """No run of 8 words copied from the source."""
    source_words = re.findall(r"\w+", source_text.lower())
    source_runs = {" ".join(source_words[i : i + 8]) for i in range(len(source_words) - 7)}
    answer_words = re.findall(r"\w+", knowledge_base.entries[entry_id].answer.lower())
    copied = [" ".join(answer_words[i : i + 8]) for i in range(len(answer_words) - 7)]
    assert not [run for run in copied if run in source_runs]


@pytest.mark.parametrize("entry_id", sorted(REQUIRED_TOPICS))
def test_answer_addresses_the_reader_as_u(knowledge_base: KnowledgeBase, entry_id: str) -> None:
    assert re.search(
        r"\b(u|uw)\b", knowledge_base.entries[entry_id].answer, re.I
    ), f"{entry_id}: no 'u' or 'uw'"


@pytest.mark.parametrize("entry_id", sorted(REQUIRED_TOPICS))
def test_no_sentence_is_longer_than_25_words(knowledge_base: KnowledgeBase, entry_id: str) -> None:
    sentences = re.split(r"[.!?\n]", knowledge_base.entries[entry_id].answer)
    too_long = [sentence.strip() for sentence in sentences if len(sentence.split()) > 25]
    assert not too_long, f"{entry_id}: sentences over 25 words: {too_long}"


@pytest.mark.parametrize("entry_id", sorted(REQUIRED_TOPICS))
def test_percentages_and_averages_say_they_come_from_older_research(
    knowledge_base: KnowledgeBase, entry_id: str
) -> None:
    """The source's figures date from about 2010-2014; answers that give them say so."""
    answer = knowledge_base.entries[entry_id].answer
    if re.search(r"%|\bgemiddeld\b|afgelopen \d+ jaar", answer):
        assert "ouder onderzoek" in answer, f"{entry_id}: figures without 'ouder onderzoek'"
        assert "afgelopen" not in answer, f"{entry_id}: 'afgelopen' is relative to the source's date"


def test_terms_and_doubtful_explanations_not_in_our_answers(knowledge_base: KnowledgeBase) -> None:
    """Terms the source does not use, and the source's doubtful bone-medicine explanation
    (see knowledge/REVIEW.md), stay out of the answers."""
    for entry in knowledge_base.entries.values():
        assert not re.search(r"\bPFS\b|overall survival|totale overleving", entry.answer), entry.id
        assert not re.search(r"botaanmaak|aanmaak van bot", entry.answer), entry.id


def test_the_numbers_the_issue_names_are_used_exactly(knowledge_base: KnowledgeBase) -> None:
    facts = {fact for entry in knowledge_base.entries.values() for fact in entry.facts}
    assert {"6%", "2 jaar", "40-60%", "8-12 maanden", "4-5 maanden", "30-60%", "10-20%"} <= facts


def test_lees_meer_topics_say_they_are_not_covered(knowledge_base: KnowledgeBase) -> None:
    assert "niet beschreven" in knowledge_base.entries["chemotherapy_administration"].answer
    assert "behandelend team" in knowledge_base.entries["chemotherapy_administration"].answer
    for entry_id in ("bone_metastases_treatment", "hormone_therapy"):
        assert re.search(r"sta(at|an) niet in deze informatie", knowledge_base.entries[entry_id].answer)


def test_disclaimer_says_general_information_own_situation_and_oncologist(
    knowledge_base: KnowledgeBase,
) -> None:
    disclaimer = knowledge_base.disclaimer.lower()
    assert "algemene informatie" in disclaimer
    assert "situatie" in disclaimer
    assert "oncoloog" in disclaimer


def test_loader_rejects_broken_files(tmp_path) -> None:
    document = yaml.safe_load(KNOWLEDGE_BASE_PATH.read_text(encoding="utf-8"))
    document["entries"][0]["related"] = ["no_such_entry"]
    with pytest.raises(KnowledgeBaseError, match="no_such_entry"):
        parse_knowledge_base(document)
    broken = tmp_path / "kb.yml"
    broken.write_text("entries: [\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="not valid YAML"):
        load_knowledge_base(broken)
    with pytest.raises(KnowledgeBaseError, match="cannot read"):
        load_knowledge_base(tmp_path / "missing.yml")


def test_every_reply_the_actions_use_exists() -> None:
    """reply("x") and reply_key "x" in actions/ must name an entry of knowledge/replies.yml."""
    from pathlib import Path

    from actions import settings

    replies = yaml.safe_load(settings.REPLIES_PATH.read_text(encoding="utf-8"))
    # The actions, the channels, and the urgent domain responses written by sync_knowledge.
    source = "\n".join(
        path.read_text(encoding="utf-8")
        for folder in ("actions", "channels")
        for path in Path(settings.REPO_ROOT, folder).glob("*.py")
    )
    from scripts.sync_knowledge import URGENT_RESPONSES

    source += "".join(f'reply("{key}")' for key, _ in URGENT_RESPONSES.values())
    used = set(re.findall(r'reply\("([a-z_]+)"\)', source)) | set(
        re.findall(r'reply_key[^=\n]*= "([a-z_]+)"', source)
    )
    used |= set(re.findall(r'reply_key, kind(?:, offer_topics)? = "([a-z_]+)"', source))
    assert used, "the pattern found no reply keys"
    assert used <= set(replies), used - set(replies)
    assert {"alarm", "distress", "ai_disclosure", "greet", "nonsense", "thank", "goodbye"} <= used


# ----- Simple summaries ("kunt u dat simpeler zeggen?") and the follow-up mapping -----


def _sentences(text: str) -> list:
    return [sentence.strip() for sentence in re.split(r"[.!?\n]", text) if sentence.strip()]


@pytest.mark.parametrize("entry_id", sorted(REQUIRED_TOPICS))
def test_every_entry_has_a_short_simple_summary_for_the_reader(
    knowledge_base: KnowledgeBase, entry_id: str
) -> None:
    """1-3 short sentences, "u", sentences <= 25 words, no disclaimer (the action adds it)."""
    entry = knowledge_base.entries[entry_id]
    assert entry.simple, f"{entry_id}: no 'simple' summary"
    sentences = _sentences(entry.simple)
    assert 1 <= len(sentences) <= 3, f"{entry_id}: {len(sentences)} sentences"
    assert not [s for s in sentences if len(s.split()) > 25], f"{entry_id}: a sentence over 25 words"
    assert len(entry.simple.split()) < len(entry.answer.split()), f"{entry_id}: not shorter than the answer"
    assert re.search(r"\b(u|uw)\b", entry.simple, re.I), f"{entry_id}: no 'u' or 'uw'"
    assert not re.search(r"\b(je|jij|jouw|jou)\b", entry.simple, re.I), "no informal 'je/jij'"
    assert knowledge_base.disclaimer not in entry.simple


@pytest.mark.parametrize("entry_id", sorted(REQUIRED_TOPICS))
def test_every_number_in_a_simple_summary_is_a_listed_fact(
    knowledge_base: KnowledgeBase, entry_id: str
) -> None:
    entry = knowledge_base.entries[entry_id]
    for number in NUMBER.findall(entry.simple):
        assert any(number in fact for fact in entry.facts), f"{entry_id}: '{number}' not in facts"
    if re.search(r"%|\bgemiddeld\b", entry.simple):
        assert "ouder onderzoek" in entry.simple, f"{entry_id}: figures without 'ouder onderzoek'"


@pytest.mark.parametrize("entry_id", sorted(REQUIRED_TOPICS))
def test_simple_summaries_are_in_our_own_words(
    knowledge_base: KnowledgeBase, source_text: str, entry_id: str
) -> None:
    """No run of 8 words copied from the source."""
    source_words = re.findall(r"\w+", source_text.lower())
    source_runs = {" ".join(source_words[i : i + 8]) for i in range(len(source_words) - 7)}
    words = re.findall(r"\w+", knowledge_base.entries[entry_id].simple.lower())
    copied = [" ".join(words[i : i + 8]) for i in range(len(words) - 7)]
    assert not [run for run in copied if run in source_runs]


def test_follow_up_mapping_answers_what_the_issue_names(knowledge_base: KnowledgeBase) -> None:
    def target(last: str, kind: str) -> object:
        entry = knowledge_base.follow_up_target(last, kind)
        return entry.id if entry else None

    assert target("chemotherapy_effect", "follow_up_side_effects") == "side_effects_and_stopping"
    assert target("chemotherapy_effect", "follow_up_duration_or_effect") == "chemotherapy_effect"
    assert target("radiotherapy_of_metastases", "follow_up_other_case:brain") == "brain_metastases"
    # The source says nothing about side effects of radiotherapy, surgery or scans:
    # those follow-ups get the honest "not in my information" instead.
    for last in ("radiotherapy_of_metastases", "surgery_of_metastases", "pet_ct_scan"):
        assert target(last, "follow_up_side_effects") is None
    # Nothing is mapped for "simpler": every entry has its own summary.
    assert not [key for key in knowledge_base.follow_ups if key[1] == "follow_up_simpler"]


def test_loader_rejects_a_broken_follow_up_mapping() -> None:
    document = yaml.safe_load(KNOWLEDGE_BASE_PATH.read_text(encoding="utf-8"))
    document["follow_ups"] = {"hormone_therapy": {"follow_up_side_effects": "no_such_entry"}}
    with pytest.raises(KnowledgeBaseError, match="no_such_entry"):
        parse_knowledge_base(document)
    document["follow_ups"] = {"hormone_therapy": {"follow_up_weather": "hormone_therapy"}}
    with pytest.raises(KnowledgeBaseError, match="follow_up_weather"):
        parse_knowledge_base(document)
    document["follow_ups"] = {"hormone_therapy": {"follow_up_other_case": {"knee": "hormone_therapy"}}}
    with pytest.raises(KnowledgeBaseError, match="knee"):
        parse_knowledge_base(document)
