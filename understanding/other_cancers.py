"""Another cancer named as the subject of a question.

"longkanker stadium 3 levensverwachting" or "melanoom met uitzaaiingen,
welke behandeling?" are read by the topic classifier as the breast-cancer
topic they resemble (survival figures, treatment choice), and the answer
would give breast-cancer figures for another disease. When a question names
another cancer and not breast cancer, the honest reply is that the assistant
cannot help with that (out_of_scope_other).

Words that patients also use for metastases of breast cancer ("botkanker",
"leverkanker", "hersentumor") are left out on purpose: "mijn moeder heeft nu
botkanker" usually means bone metastases.
"""

from __future__ import annotations

import re

_OTHER_CANCER = re.compile(
    r"\b(?:long|darm|dikkedarm|dikke darm|endeldarm|alvleesklier|pancreas|prostaat|eierstok|baarmoeder|"
    r"baarmoederhals|blaas|nier|maag|slokdarm|huid|keel|tong|schildklier|bloed|teelbal|zaadbal)\s?kanker\b|"
    r"\b(?:melanoo?m\w*|leukemie|lymfoo?m\w*|myeloom|sarcoom|glioblastoo?m|mesothelioo?m)\b|"
    r"\b(?:lung|colon|colorectal|bowel|pancreatic|prostate|ovarian|cervical|bladder|kidney|skin|stomach|"
    r"throat|thyroid|blood|testicular)\s+cancer\b|\b(?:leukaemia|leukemia|lymphoma|myeloma|sarcoma|melanoma)\b"
)
_BREAST = re.compile(r"\b(?:borst\w*|mamma\w*|breast)\b")

OFF_TOPIC_INTENT = "out_of_scope_other"


def about_another_cancer(normalised_text: str) -> bool:
    """Whether the (normalised, lower-case) text names another cancer and
    not breast cancer."""
    return bool(_OTHER_CANCER.search(normalised_text)) and not _BREAST.search(normalised_text)
