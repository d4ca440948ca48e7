"""Another disease named as the subject of a question.

"longkanker stadium 3 levensverwachting" or "hoe lang leef je gemiddeld met
copd" are read by the topic classifier as the breast-cancer topic they
resemble (survival figures, treatment choice), and the answer would give
breast-cancer figures for another disease. When a question is about another
disease, the honest reply is that the assistant cannot help with that
(out_of_scope_other).

- Another cancer counts unless breast cancer is named too. Words that
  patients also use for metastases of breast cancer ("botkanker",
  "leverkanker", "hersentumor") are left out on purpose: "mijn moeder heeft
  nu botkanker" usually means bone metastases.
- Another illness or procedure (COPD, diabetes, a smear test) counts only
  when nothing in the message ties it to metastatic breast cancer or its
  treatment: "ik heb ook diabetes, mag ik hormoontherapie?" is still a
  question for the assistant.
"""

from __future__ import annotations

import re

_OTHER_CANCER = re.compile(
    r"\b(?:long|darm|dikkedarm|dikke darm|endeldarm|alvleesklier|pancreas|prostaat|eierstok|eierstokken|baarmoeder|niercel|"
    r"baarmoederhals|blaas|nier|maag|slokdarm|huid|keel|tong|schildklier|bloed|teelbal|zaadbal)\s?kanker\b|"
    r"\b(?:melanoo?m\w*|leukemie|lymfoo?m\w*|myeloom|sarcoom|glioblastoo?m|mesothelioo?m|(?:non[- ]?)?hodgkin\w*)\b|"
    r"\b(?:lung|colon|colorectal|bowel|pancreatic|prostate|ovarian|cervical|bladder|kidney|skin|stomach|"
    r"throat|thyroid|blood|testicular)\s+cancer\b|\b(?:leukaemia|leukemia|lymphoma|myeloma|sarcoma|melanoma)\b|"
    # Tumour markers of other cancers (the source names CA 15-3 and CEA).
    r"\b(?:psa|ca[- ]?125|ca[- ]?19[.,-]?9|afp)\b|"
    # Found after round 10 was scored: a cancer written as "...carcinoom"
    # ("coloncarcinoom", "kleincellig longcarcinoom"), not the breast's own
    # ("mammacarcinoom") nor words patients also use for its metastases.
    r"\b(?!mamma|borst|lever|bot|hersen)\w+carcino(?:om|ma)\b|"
    # Found after round 11 was scored: primary brain tumours by name, and a
    # brain tumour said not to be a metastasis ("een hersentumor, geen
    # uitzaaiing maar een echte"); "hersentumor" alone may be a metastasis.
    r"\b(?:glioo?m\w*|glioma\w*|astrocytoo?m\w*|oligodendroglioo?m\w*|meningeoo?m\w*|medulloblastoo?m\w*)\b|"
    r"\bhersentumou?r\w*\b[^.?!]{0,40}\bgeen (?:uitzaai\w*|metasta\w*)|"
    r"\bgeen (?:uitzaai\w*|metasta\w*)[^.?!]{0,40}\bhersentumou?r|"
    # Found after round 12 was scored: a cancer named as "<organ> carcinoom"
    # in two words ("colorectaal carcinoom"), and a brain tumour said not to
    # be breast cancer or to have started in the brain itself.
    r"\b(?:colorectaal|colon|rectum|hepatocellulair|plaveiselcel|basaalcel|(?:niet[- ]?)?kleincellig|endometrium|"
    r"ovarium|cervix|pancreas|prostaat|nier|niercel|blaas|maag|slokdarm|schildklier|long)\s+carcino(?:om|ma)\b|"
    r"\b(?:hersentumou?r\w*|tumou?r in (?:zijn|haar|de|het) hersenen)\b[^.?!]{0,60}\b(?:geen borst\w*|"
    r"(?:in|uit) de hersenen zelf)|\bgeen borstkanker\b[^.?!]{0,40}\bhersentumou?r"
)
_BREAST_WORDS = r"(?:borst\w*|mamma\w*|breast)"
_BREAST = re.compile(rf"\b{_BREAST_WORDS}\b")
# Breast cancer said not to be the subject ("het begon in de long, niet in de
# borst", "geen borstkanker"): such a mention does not make a question about
# another cancer one about breast cancer.
_DENIED_BREAST = re.compile(
    rf"\b(?:niet|geen|not|no)\s+(?:(?:in|van|uit)\s+(?:de|het|haar|zijn|mijn)\s+)?{_BREAST_WORDS}\w*"
)

# Named illnesses, conditions and procedures that are not breast cancer.
# Not symptoms ("koorts", "benauwd"): those may belong to the patient's own
# illness. "artrose" (and "arthritis") is left out: the source names it as a look-alike on a
# bone scan.
_OTHER_ILLNESS = re.compile(
    r"\b(?:copd|astma|asthma|diabetes|suikerziekte|hartfalen|hartziekte\w*|hartinfarct|heart failure|"
    r"dementie|dementia|alzheimer\w*|parkinson\w*|multiple sclerose|reuma\w*|"
    r"nierfalen|nierziekte|epilepsie|epilepsy|migraine|griep|influenza|corona|covid\w*|longontsteking|"
    r"pneumonia|hiv|aids|zwanger\w*|pregnan\w*|uitstrijk\w*|baarmoederhals\w*|colonoscopie|coloscopie|"
    r"tandarts|kiespijn|lyme|hooikoorts|eczeem|psoriasis|crohn|colitis|hepatitis|tuberculose|mazelen|"
    r"waterpokken|hernia|niersten\w*|niersteen\w*|galstenen|galsteen|blaasontsteking|blindedarm\w*|jicht|spataderen|"
    r"glaucoom|staar|tinnitus|kidney stones?|gallstones?|hoge bloeddruk|bloeddruk\w*|ziekte van (?:kahler|lyme|crohn|parkinson|alzheimer)|"
    r"amyotrofische laterale sclerose|spierziekte\w*|multiple sclerosis|beroerte|herseninfarct|stroke|cholesterol\w*|"
    r"schildklier\w*|maagzweer|reflux|coeliakie|gordelroos|zona|cirrose|dialyse|hartritme\w*|boezemfibrilleren|"
    r"eierstok\w*|prostaat\w*|baarmoeder\w*|zaadbal\w*|teelbal\w*|ovarian|prostate|"
    # Found after round 10 was scored.
    r"anorexia|boulimia|eetstoornis\w*|"
    # Found after round 11 was scored: medicines for other conditions.
    r"blood pressure|amlodipine?|metoprolol|bisoprolol|lisinopril|losartan|simvastatine?|atorvastatine?|"
    r"omeprazol\w*|pantoprazol\w*|metformine?|levothyroxine?|statines?|"
    # Found after round 12 was scored: knee and tendon injuries, urine tests.
    r"meniscus|kruisband\w*|tennisarm|hielspoor|peesontsteking|enkelverstuiking|urineonderzoek|urinetest|"
    r"urinekweek|uitslag (?:van (?:de |het )?)?urine\w*|urine[- ]?uitslag)\b"
)
# Conditions treated with hormones or surgery of their own: the hormone and
# surgery words that tie other illnesses to breast cancer do not tie these
# ("endometriose, operatie of hormonen?"); only cancer words do.
_OTHER_HORMONAL_CONDITION = re.compile(
    r"\b(?:endometriose|endometriosis|vleesbo(?:o|m)m\w*|pcos|adenomyose)\b"
)
_CANCER_WORDS = re.compile(
    r"\b(?:borst\w*|mamma\w*|breast|\w*uitzaai\w*|\w*metasta\w*|\w*kanker\w*|cancer|chemo\w*|tumor\w*|tumour\w*|oncolo\w*)\b"
)
# An animal as the one who is ill or in pain ("kanker bij katten", "kan een
# vis pijn voelen", "mijn hond heeft een tumor"): a question for a vet.
_ANIMAL = (
    r"(?:kat|katten|kater|poes|poezen|hond|honden|hondje|pup|puppy|vis|vissen|goudvis|paard|paarden|konijn|konijnen|"
    r"cavia|hamster|vogel|parkiet|huisdier\w*|cat|cats|dog|dogs|fish|horse|rabbit)"
)
_ANIMAL_AS_PATIENT = re.compile(
    rf"\b(?:bij|van) (?:een |mijn |onze |ons |de |het |z'n |zijn |haar )?{_ANIMAL}\b|"
    rf"\b{_ANIMAL} (?:heeft|hebben|krijgt|krijgen|voelt|voelen|is ziek|has|gets)\b|"
    rf"\b(?:kan|kunnen|voelt|voelen|krijgt|krijgen) (?:een )?{_ANIMAL}\b|\bdierenarts\w*"
)
_CLAUSE_BREAK = re.compile(r"[.,;:?!]|\bmaar\b|\bbut\b")
_ILL_OR_IN_PAIN = re.compile(
    r"\b(?:\w*kanker\w*|cancer|tumou?r\w*|chemo\w*|\w*pijn\w*|pain|ziek\w*|sick|ill|bestral\w*|uitzaai\w*|dood\w*|sterven|dying)\b"
)
# Amyotrophic lateral sclerosis and multiple sclerosis written "ALS" and "MS":
# looked for in the text as typed (not the Dutch "als"), unless the message is
# typed in capitals throughout.
_ABBREVIATED_DISEASE = re.compile(r"\b(?:ALS|MS)\b")
# Anything that ties a message to (metastatic) breast cancer or its treatment.
_BREAST_CANCER_CONTEXT = re.compile(
    r"\b(?:borst\w*|mamma\w*|breast|\w*uitzaai\w*|\w*metasta\w*|\w*kanker\w*|cancer|chemo\w*|\w*hormo\w*|"
    r"tumor\w*|tumour\w*|oncolo\w*|bestral\w*|kuur|kuren|mets|letrozol\w*|tamoxifen\w*|anastrozol\w*|exemesta\w*|"
    r"fulvestrant|herceptin|trastuzumab|xgeva|denosumab|capecitabine|\w*taxel)\b"
)

OFF_TOPIC_INTENT = "out_of_scope_other"


def about_another_cancer(normalised_text: str) -> bool:
    """Whether the (normalised, lower-case) text names another cancer and
    not breast cancer."""
    if not _OTHER_CANCER.search(normalised_text):
        return False
    return not _BREAST.search(_DENIED_BREAST.sub(" ", normalised_text))


def _names_an_abbreviated_disease(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    mostly_capitals = bool(letters) and sum(ch.isupper() for ch in letters) > len(letters) / 2
    return not mostly_capitals and bool(_ABBREVIATED_DISEASE.search(text))


def about_an_ill_animal(normalised_text: str) -> bool:
    """Whether the (normalised, lower-case) text asks about an animal's
    illness or pain."""
    # In the same clause: "mijn hond heeft vlooien, maar wat doet de chemo?"
    # is about the chemotherapy. Most messages name no animal at all: they
    # are not split (a clause is part of the text, so nothing is lost).
    if not _ANIMAL_AS_PATIENT.search(normalised_text):
        return False
    return any(
        _ANIMAL_AS_PATIENT.search(clause) and _ILL_OR_IN_PAIN.search(clause)
        for clause in _CLAUSE_BREAK.split(normalised_text)
    )


def about_another_disease(normalised_text: str, text: str = "") -> bool:
    """Whether the (normalised, lower-case) text is about another cancer, an
    ill animal, or names another illness with nothing tying it to breast
    cancer. `text` is the message as typed (for "ALS" and "MS")."""
    if about_another_cancer(normalised_text) or about_an_ill_animal(normalised_text):
        return True
    if _OTHER_HORMONAL_CONDITION.search(normalised_text) and not _CANCER_WORDS.search(normalised_text):
        return True
    names_another = bool(_OTHER_ILLNESS.search(normalised_text)) or _names_an_abbreviated_disease(text)
    return names_another and not _BREAST_CANCER_CONTEXT.search(normalised_text)
