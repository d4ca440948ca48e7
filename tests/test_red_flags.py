"""The deterministic safety net on its own (no model needed)."""

from __future__ import annotations

import pytest

from safety.red_flags import ALARM, DISTRESS, NO_WORDS, PERSONAL_DECISION, assess, normalise
from tests.helpers import held_out_examples, safety_cases

CASES = safety_cases()


@pytest.mark.parametrize("message", CASES["alarm"])
def test_alarm_messages_are_caught_by_the_net(message: str) -> None:
    assert assess(message).intent == ALARM


@pytest.mark.parametrize("message", CASES["distress"])
def test_distress_messages_are_caught_by_the_net(message: str) -> None:
    assert assess(message).intent == DISTRESS


@pytest.mark.parametrize(
    "message",
    [
        "ik heb botuitzaaiingen en sinds vanochtend kan ik mijn benen niet bewegen",
        "mijn moeder krijgt chemo en heeft nu 39 graden",
        "hoe werkt bestraling? ik heb trouwens sinds gisteren pijn op de borst",
        "ik krijg opeens geen lucht meer",
        "ze is verward en moet steeds overgeven",
    ],
)
def test_a_topic_in_the_same_message_does_not_hide_the_alarm(message: str) -> None:
    assert assess(message).intent == ALARM


@pytest.mark.parametrize(
    "message",
    [
        "in welke gevallen wordt direct voor chemotherapie gekozen",
        "kan een botbreuk door uitzaaiingen voorkomen worden",
        "wat doen bisfosfonaten",
        "zware pijnstillers en kanker uitleg",
        "wat is progressievrije overleving",
    ],
)
def test_ordinary_questions_are_not_alarms(message: str) -> None:
    assert assess(message).intent is None


def test_no_held_out_knowledge_question_raises_an_alarm() -> None:
    flagged = [
        example
        for intent, examples in held_out_examples().items()
        for example in examples
        if assess(example).intent in (ALARM, DISTRESS)
    ]
    assert not flagged


@pytest.mark.parametrize(
    "message", ["😀😀", "???", "...!", "<b></b>", "<script>alert(1)</script>", "12345", ""]
)
def test_input_without_words_is_flagged(message: str) -> None:
    assert assess(message).intent == NO_WORDS


def test_both_alarm_and_distress_are_reported_and_alarm_wins() -> None:
    verdict = assess("ik heb koorts en ik wil niet meer leven")
    assert verdict.distress and verdict.alarm_categories == ("fever",)
    assert verdict.intent == ALARM


def test_normalise_strips_markup_and_accents() -> None:
    assert normalise("<b>Hé</b> &amp; Beëindigen") == "he & beeindigen"


def _safety_net(classifier=None, urgency_combiner: bool = True):
    from safety.safety_net import SafetyNet

    config = {**SafetyNet.get_default_config(), "urgency_combiner": urgency_combiner}
    return SafetyNet(config, None, None, classifier)  # type: ignore[arg-type]


def _message(text: str, intent: str, confidence: float, ranking=None):
    from rasa.shared.nlu.training_data.message import Message

    message = Message(data={"text": text})
    message.set("intent", {"name": intent, "confidence": confidence}, add_to_output=True)
    message.set("intent_ranking", ranking or [{"name": intent, "confidence": confidence}])
    return message


def test_safety_net_component_overrules_a_confident_topic() -> None:
    message = _message("ik heb botuitzaaiingen en kan niet meer lopen", "ask_bone_metastases_treatment", 0.97)
    [processed] = _safety_net().process([message])
    assert processed.get("intent") == {"name": ALARM, "confidence": 1.0}
    assert [entry["name"] for entry in processed.get("intent_ranking")] == [
        ALARM,
        "ask_bone_metastases_treatment",
    ]
    assert processed.get("safety_net")["classifier_intent"] == "ask_bone_metastases_treatment"


def test_a_personal_question_about_another_disease_gets_no_personal_route() -> None:
    # Found after topic round 9 was scored: "wat kan ik doen" with a topic close
    # behind took a question about kidney stones to the pain answer.
    ranking = [
        {"name": "out_of_scope_other", "confidence": 0.6},
        {"name": "ask_pain_treatment", "confidence": 0.3},
    ]
    for text, personal in (
        ("nierstenen zo'n pijn, wat kan ik doen", False),
        ("welke behandeling is het beste voor mij?", True),
    ):
        [processed] = _safety_net().process([_message(text, "out_of_scope_other", 0.6, ranking)])
        assert (processed.get("intent")["name"] == PERSONAL_DECISION) is personal, text


def test_safety_net_leaves_ordinary_questions_alone() -> None:
    [processed] = _safety_net().process([_message("wat is een petscan", "ask_pet_ct_scan", 0.9)])
    assert processed.get("intent")["name"] == "ask_pet_ct_scan"
    decision = processed.get("safety_net")
    assert decision["intent"] is None and not decision["warn"] and not decision["alarm"]


def test_safety_net_answers_and_warns_on_a_symptom_in_a_question() -> None:
    message = _message("is koorts een bijwerking van chemo?", "ask_side_effects_and_stopping", 0.8)
    [processed] = _safety_net().process([message])
    assert processed.get("intent")["name"] == "ask_side_effects_and_stopping"
    assert processed.get("safety_net")["warn"]


def test_safety_net_demotes_a_classifier_alarm_on_a_negated_symptom() -> None:
    ranking = [
        {"name": ALARM, "confidence": 0.5},
        {"name": "ask_chemotherapy_administration", "confidence": 0.45},
    ]
    message = _message("ik heb geen koorts, hoe wordt chemo gegeven?", ALARM, 0.5, ranking)
    [processed] = _safety_net().process([message])
    assert processed.get("intent")["name"] == "ask_chemotherapy_administration"
    assert processed.get("safety_net")["warn"]


def test_safety_net_marks_an_over_long_calm_message_but_answers_a_long_urgent_one() -> None:
    calm = _message("Wat is een petscan? " * 120, "ask_pet_ct_scan", 0.9)
    urgent = _message(
        "Wat is een petscan? " * 120 + "Ik krijg sinds vanochtend geen lucht.", "ask_pet_ct_scan", 0.9
    )
    [calm_out, urgent_out] = _safety_net().process([calm, urgent])
    assert calm_out.get("safety_net")["too_long"]
    assert urgent_out.get("intent")["name"] == ALARM and not urgent_out.get("safety_net")["too_long"]


def test_safety_net_uses_the_classifier_for_words_no_pattern_knows() -> None:
    from safety.classifier import SafetyClassifier

    examples = [("ik ben helemaal kwabbelig en zwiebelig", "alarm")] * 3
    examples += [("ik wil hier weg uit dit leven, klaar", "distress")] * 3
    examples += [("wat is een petscan", "neither"), ("hoe werkt chemo", "neither")] * 3
    classifier = SafetyClassifier.train(examples)
    message = _message("kwabbelig en zwiebelig", "ask_pet_ct_scan", 0.6)
    # The classifier layer of the rules (the fitted combiner expects the real classifier's scores).
    [processed] = _safety_net(classifier, urgency_combiner=False).process([message])
    assert processed.get("intent")["name"] == ALARM
    assert processed.get("safety_net")["scores"]["alarm"] > 0.5


@pytest.mark.parametrize("message", CASES["personal_decision"])
def test_personal_decisions_are_recognised(message: str) -> None:
    assert assess(message).personal


def test_personal_questions_overrule_only_topics_and_fallback() -> None:
    verdict = assess("is bestraling voor mij een goed idee?")
    assert verdict.intent is None
    from safety.decision import Thresholds, decide

    def intent_for(classified: str):
        return decide(verdict, {}, Thresholds(), classified).intent

    assert intent_for("ask_radiotherapy_of_metastases") == "personal_decision"
    assert intent_for("nlu_fallback") == "personal_decision"
    assert intent_for("greet") is None
    assert intent_for("out_of_scope_medical") == "personal_decision"


def test_no_held_out_knowledge_question_is_taken_for_a_personal_one() -> None:
    flagged = [
        example
        for intent, examples in held_out_examples().items()
        if intent.startswith("ask_")
        for example in examples
        if assess(example).personal
    ]
    assert not flagged


@pytest.mark.parametrize(
    ("message", "urgent"),
    [
        # Round 3 families, in words written for this test.
        ("mijn man kan door de benauwdheid geen zin meer afmaken", ALARM),
        ("she is breathing really fast and cannot finish a sentence", ALARM),
        ("sinds gisteren kan ik niks binnen te houden, ook geen water", ALARM),
        ("ik heb per ongeluk 3 tabletten in plaats van 1 genomen", ALARM),
        ("mijn zoontje heeft aan het doosje met oma's pillen gezeten", ALARM),
        ("ik heb de pillen van morgen ook al ingenomen", ALARM),
        ("haar berichten zijn zinnen die nergens op slaan, dat is nieuw", ALARM),
        ("mijn zus zakte ineens weg op de bank", ALARM),
        ("ik ontdekte dat mijn zoon zich met een mesje in zijn benen krast", DISTRESS),
        ("the pills are lined up on the table", DISTRESS),
        ("wat als ik er gewoon mee stop met leven", DISTRESS),
    ],
)
def test_round_three_families_are_caught(message: str, urgent: str) -> None:
    assert assess(message).intent == urgent


@pytest.mark.parametrize(
    "message",
    [
        "ik zie niet dubbel, waarom dan toch een scan van mijn hoofd?",
        "ze heeft gen koorts, wat doet die tumormarker eigenlijk",
        "vorige herfst had ik koorts door de port, is dat een reden om hem te vervangen?",
        "mijn vader is vorig jaar gevallen, zijn botten nu zwakker?",
        "ik heb ooit te veel paracetamol genomen, hoe voorkom ik dat?",
        "last summer she was confused for a week, now all good. can that return?",
        "ik hoestte bloed op in januari. sindsdien niks meer. moet de arts dat weten?",
        "als ik straks op reis ben en daar koorts krijg, wat dan?",
        "mocht mijn vrouw benauwd worden, wie bellen we dan?",
        "welke klachten horen bij een dwarslaesie?",
        "de grond zakte onder mijn voeten weg toen ik de uitslag hoorde",
        "ik ben op van de zenuwen voor morgen, wat moet ik meenemen?",
        "I'm fed up with the waiting room, can appointments be faster?",
    ],
)
def test_round_three_look_alikes_are_not_alarms(message: str) -> None:
    assert assess(message).intent is None


@pytest.mark.parametrize(
    ("message", "urgent"),
    [
        # Round 4 families, in words written for this test.
        ("ik zie met mijn linker oog ineens zwart", ALARM),
        ("the wound at her port is red and there is pus, she feels koortsig", ALARM),
        ("ik ben zelf gestopt met mijn tabletten, niemand weet het", ALARM),
        ("ik slik nu 2x zoveel morfine als op de doos staat", ALARM),
        ("my son cuts since his mum got ill", DISTRESS),
        ("ze heeft expres haar arm tegen de kachel gehouden", DISTRESS),
        ("mijn zoon snijdt in zijn arm", DISTRESS),
    ],
)
def test_round_four_families(message: str, urgent: str) -> None:
    assert assess(message).intent == urgent


@pytest.mark.parametrize(
    "message",
    [
        "drie weken geleden was ze erg verward door het calcium, nu is ze weer helemaal de oude. komt dat terug?",
        "vorige week had mijn man een epileptische aanval, hij is nu ingesteld op medicijnen. mag hij fietsen?",
        "hoe lang blijft ze op de anti-epileptica?",
        "waarom die botprikken? ik heb toch niks gebroken",
        "als ik koorts krijg moet ik dan naar de huisarts of naar het ziekenhuis",
        "mijn zus vraagt of ik verward ben, maar ik ben gewoon moe. komt dat van de chemo?",
        "ik zie het niet meer zitten met die parkeerautomaat, waar kan ik pinnen?",
        "ik heb me het hoofd gebroken over die folder, wie legt het uit?",
    ],
)
def test_round_four_look_alikes_are_not_alarms(message: str) -> None:
    assert assess(message).intent is None


def test_not_waking_someone_else_is_not_a_wish_not_to_wake() -> None:
    # Found on the development sets: night-time questions that spare a partner.
    assert assess("het is 3 uur, ik wil mijn vrouw niet wakker maken. wat helpt tegen pijn?").intent is None
    assert assess("ik wil de kinderen niet wakker maken met mijn gehoest").intent is None
    assert assess("ik wil gewoon niet meer wakker worden").intent == DISTRESS
    assert assess("ik wil morgen niet meer wakker worden").intent == DISTRESS
