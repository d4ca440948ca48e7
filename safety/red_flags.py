"""Deterministic detection of alarm symptoms, distress and empty input.

The intent classifier is statistical: a message that mixes a known topic with
an emergency ("ik heb botuitzaaiingen en kan mijn benen niet bewegen") may be
classified, confidently, as the topic. These patterns are the safety net that
a confident topic cannot hide. They err on the side of caution: a false alarm
costs the user one extra sentence, a missed alarm can cost far more.

Each pattern is matched against the normalised text (lower case, accents
removed, whitespace folded). Extend them together with tests/safety/.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from typing import Dict, List, Optional, Pattern, Tuple

ALARM = "alarm_symptom"
DISTRESS = "distress"
NO_WORDS = "nonsense"
PERSONAL_DECISION = "personal_decision"

# Optional filler words between two parts of a phrase ("kan mijn benen opeens
# niet meer bewegen").
_GAP = r"(?:\S+\s+){0,4}?"
_INTENSE = (
    r"(?:hevig|hevige|heftig|heftige|ernstig|ernstige|erg|erge|enorm|enorme|"
    r"vreselijk|vreselijke|verschrikkelijk|verschrikkelijke|ondraaglijk|"
    r"ondraaglijke|plotseling|plotselinge|plots|plotse|opeens|ineens|acuut|"
    r"acute|heel veel|ontzettend|ontzettende|extreem|extreme|"
    r"barstende|niet te harden|steeds erger)"
)
_LEGS = r"(?:benen|been|voeten|voet|onderlichaam|billen)"
# "niet" as people type it in a hurry.
_NOT = r"(?:niet|nt|nie|ni)"

_ALARM_PATTERNS: Dict[str, List[str]] = {
    # Spinal cord compression: strength or feeling in the legs, bladder, bowel.
    "spinal_cord": [
        rf"{_LEGS}\s+{_GAP}(?:niet|nauwelijks|amper)\s+(?:meer\s+)?(?:bewegen|voelen|optillen|gebruiken|dragen)",
        rf"(?:geen|minder|weinig)\s+(?:kracht|gevoel)\s+(?:meer\s+)?in\s+{_GAP}{_LEGS}",
        rf"{_LEGS}\s+{_GAP}(?:voelen|voelt|zijn|is|worden|wordt)\s+{_GAP}(?:slap|krachteloos|gevoelloos|verlamd|doof|zwaar|als pudding|weg)",
        rf"(?:slappe|krachteloze|gevoelloze|verlamde|dove|verdoofde)\s+{_LEGS}",
        rf"(?:voel|voelt|voelen)\s+{_GAP}{_LEGS}\s+{_GAP}{_NOT}\b",
        rf"{_LEGS}\s+{_GAP}(?:tintel|verdoofd|slap\b|zwak\b)",
        rf"(?:doof|verdoofd|raar|tintelend)\s+gevoel\s+in\s+{_GAP}{_LEGS}",
        rf"(?:kan|kun|kunnen|kon|lukt)\s+(?:\S+\s+){{0,3}}?(?:{_NOT}|nauwelijks)\s+(?:meer\s+)?(?:lopen|staan|opstaan)\b",
        r"\bverlam(?:d|de|ming)\b",
        rf"(?:{_NOT}|nauwelijks)\s+(?:meer\s+)?(?:om\s+te\s+)?(?:plassen|plasse|urineren|poepen)\b",
        r"(?:plassen|plas|nodig|urine)\b.{0,40}(?:komt|kwam)\s+(?:er\s+)?(?:niks|niets)",
        r"(?:plassen|urineren|poepen|ontlasting|plas)\s+(?:\S+\s+){0,4}?(?:lukt|gaat|komt)\s+(?:\S+\s+){0,2}?niet",
        r"(?:plas|urine|ontlasting|poep|blaas|darmen)\s+(?:\S+\s+){0,3}?(?:niet\s+(?:meer\s+)?)?(?:ophouden|tegenhouden)",
        r"(?:controle|macht)\s+over\s+(?:\S+\s+){0,2}?(?:blaas|darmen|plas|ontlasting|urine)",
        r"\bincontinent",
        r"(?:nieuwe|plotselinge|plotse|acute)\s+(?:\S+\s+){0,2}?rugpijn",
    ],
    # Fever (during chemotherapy: a possible infection with low blood counts).
    "fever": [
        r"\bkoorts",
        r"\b(?:38|39|40|41)(?:[.,]\d)?\s*(?:graden|°|gr\b|c\b)",
        r"\b(?:38|39|40|41)[.,]\d\b",
        r"temperatuur\s+(?:\S+\s+){0,3}?(?:38|39|40|41)",
        r"\brillingen\b|\bkoude rillingen",
    ],
    "breathing": [
        rf"{_INTENSE}\s+(?:\S+\s+){{0,2}}?(?:benauwd|kortademig|ademnood)",
        r"\b(?:ben|is|word|wordt|zijn|worden|voel|voelt|erg|zo|heel)\s+(?:\S+\s+){0,2}?(?:benauwd|kortademig)\b",
        r"(?:geen|nauwelijks|amper|moeilijk)\s+(?:\S+\s+){0,1}?(?:lucht|adem)\b",
        r"geen\s+(?:luht|lugt)\b",
        r"\bnaar adem\b|\bademnood\b|\bstikken\b|\bstik\b|\bhappen naar lucht",
        r"(?:ademen|ademhalen|ademhaling)\s+(?:\S+\s+){0,3}?(?:lukt|gaat)\s+(?:\S+\s+){0,2}?(?:niet|nauwelijks|slecht|moeilijk)",
    ],
    "chest": [
        r"pijn\s+(?:op|in|aan)\s+(?:de|mijn|m'n|haar|zijn|z'n)\s+borst(?:kas)?\b",
        r"\bborst(?:kas)?pijn\b|\bpijn op de borst",
        r"(?:druk|drukkend|beklemmend|benauwd gevoel)\s+(?:\S+\s+){0,2}?(?:op|in)\s+(?:de|mijn|m'n|haar)\s+borst",
        r"\bhartaanval\b|\bhartinfarct\b",
    ],
    # A fall or sudden severe bone pain with bone metastases: possible fracture.
    "fracture": [
        # "gevallen" also means "cases" (in welke gevallen): only the verb forms.
        r"\b(?:ben|is|zijn|was|waren)\s+(?:\S+\s+){0,4}?(?:gevallen|gestruikeld|uitgegleden)\b",
        r"\b(?:gevallen|gestruikeld|uitgegleden)\s+(?:en|op|van|met|in|uit)\b",
        r"\bna\s+(?:een|de|die|haar|zijn|mijn)\s+val\b|\bten val\b|\bvalpartij\b",
        r"\bviel\s+(?:\S+\s+){0,2}?(?:van|uit|neer|om|op de grond|flauw)\b",
        r"\b(?:iets|hoorde|voelde)\s+(?:\S+\s+){0,2}?(?:knappen|knakken|kraken)\b",
        r"(?:denk|bang|vermoed|misschien|lijkt|volgens mij)\s+(?:\S+\s+){0,5}?(?:gebroken|breuk)",
        r"\b(?:is|heb|ben|zijn|heeft)\s+(?:\S+\s+){0,3}?gebroken\b",
        rf"{_INTENSE}\s+(?:\S+\s+){{0,3}}?(?:pijn|botpijn|rugpijn|heuppijn|beenpijn|nekpijn)",
        rf"(?:pijn|botpijn|rugpijn|heuppijn)\s+(?:\S+\s+){{0,3}}?(?:is\s+)?{_INTENSE}",
        r"(?:kan|kun|kon)\s+(?:\S+\s+){0,3}?(?:niet|nauwelijks)\s+(?:meer\s+)?(?:op|met)\s+(?:\S+\s+){0,2}?(?:been|benen|heup|voet)\s+staan",
    ],
    "neurological": [
        r"\bverward\b|\bin de war\b|\bverwardheid\b|\bdesorienteerd\b|\bherkent\s+(?:mij|ons|me|niemand)\s+(?:\S+\s+){0,1}?niet",
        rf"{_INTENSE}\s+(?:\S+\s+){{0,2}}?hoofdpijn|hoofdpijn\s+(?:\S+\s+){{0,3}}?{_INTENSE}",
        r"\bovergeven\b|\bovergeeft\b|\bgeeft over\b|\bgaf over\b|\bbraken\b|\bbraakt\b|\bbraak\b|\bspugen\b|\bspuugt\b|\bkotsen\b",
        r"\binsult\b|\bepilep|\b(?:aanval|aanvallen)\b|\bstuip|\btoeval\b|\btrekkingen\b|\bschokken\b",
        r"\b(?:reageert|reageerde)\s+(?:\S+\s+){0,2}?niet\b|\bschokte\b|\bschokt\b",
        r"\bbewusteloos\b|\bflauwgevallen\b|\bniet (?:meer\s+)?aanspreekbaar\b|\bwegraken\b|\bweggeraakt\b",
        r"(?:kan|kon)\s+(?:\S+\s+){0,2}?niet\s+(?:meer\s+)?(?:goed\s+)?(?:praten|uit zijn woorden|uit haar woorden)|\bscheve mond\b|\bdubbel zien\b|\bhalfzijdig\b",
    ],
    "bleeding": [
        rf"(?:{_INTENSE}|veel|flink|flinke|blijft|blijven)\s+(?:\S+\s+){{0,3}}?(?:bloed|bloeding|bloeden|bloedt|bloedverlies)",
        r"(?:bloed|bloeding|bloeden|bloedt)\s+(?:\S+\s+){0,4}?(?:stopt|houdt|gaat)\s+(?:\S+\s+){0,2}?niet\s+(?:meer\s+)?(?:op|weg)?",
        r"bloed\s+(?:op)?(?:hoesten|hoest|overgeven|braken|spugen|plassen)",
        r"\bhoest\S*\s+(?:\S+\s+){0,4}?bloed\b",
        r"\bbloed(?:t|en|ing)?\b.{0,60}(?:stopt niet|houdt niet op|heel erg|heel veel|erg veel|al een uur|hevig|gutst|blijft)",
        r"\bbloedspugen\b|\bbloed in (?:de|mijn|haar) (?:ontlasting|urine|plas)|\bzwarte ontlasting\b",
    ],
    "emergency_words": [
        r"\b112\b|\bambulance\b|\bnoodgeval\b|\blevensgevaar\b|\bspoedeisende hulp\b",
    ],
}

_DISTRESS_PATTERNS: List[str] = [
    r"\bzelfmoord|\bzelfdoding|\bsuicid|\bsuicide\b",
    r"(?:wil|wilt|willen|wou)\s+(?:\S+\s+){0,3}?(?:niet|nooit)\s+(?:meer\s+)?(?:leven|verder|wakker)",
    r"(?:wil|wilt|willen|wou)\s+(?:\S+\s+){0,3}?dood\b|\bdood\s+(?:\S+\s+)?(?:wil|wilt|willen)\b|\bliever dood\b",
    r"(?:wil|wilt|willen)\s+(?:\S+\s+){0,2}?(?:niet|nie|nt)\s+(?:meer\s+)?(?:leven|leve)\b|niet\s+meer\s+(?:\S+\s+){0,1}?(?:wil|wilt|willen)\s+(?:leven|worden|wakker)",
    r"niet\s+meer\s+wakker\s+(?:\S+\s+){0,1}?(?:wil|wilt|willen|worden)",
    r"(?:leven|alles)\s+(?:\S+\s+){0,2}?(?:beeindigen|stoppen)\b|\bleven\s+zat\b|\bklaar\s+(?:\S+\s+){0,3}?met\s+(?:het\s+)?leven",
    r"(?:zie|zien|ziet)\s+(?:\S+\s+){0,1}?geen\s+(?:uitweg|reden|zin|toekomst)",
    r"\bbeter af zonder\b|\btot last\b|\bniemand heeft (?:nog\s+)?(?:iets|wat) aan\b",
    r"(?:hoop|moed)\s+(?:\S+\s+){0,1}?kwijt|\bheb het opgegeven\b|\bhou het niet (?:meer\s+)?vol\b|\bhoud het niet (?:meer\s+)?vol\b",
    r"(?:kan|kun)\s+(?:echt\s+|gewoon\s+|het\s+)?(?:niet|nt|nie)\s+meer(?:\s*[.,!?]|\s*$)",
    r"\bwil\s+niet\s+meer(?:\s*[.,!?]|\s*$)",
    r"\bwat heeft het (?:\S+\s+){0,2}?(?:nog\s+)?(?:voor\s+)?zin\b|waarom zou ik (?:\S+\s+){0,1}?(?:nog\s+)?(?:doorgaan|verder)",
    r"\b(?:alle|al mijn|al m'n)\s+(?:pillen|medicijnen|tabletten)\s+(?:\S+\s+){0,3}?(?:innemen|nemen|slikken)",
    r"\b(?:balkon|brug|flat|trein)\b.{0,30}\bspringen\b|\bspringen\b.{0,30}\b(?:balkon|brug|flat|trein)\b|\bvoor de trein\b",
    r"\bafscheidsbrie(?:f|ven)\b|\bcrisis\b|\bgeen uitweg\b|\bhoeft (?:\S+\s+){0,3}?niet meer\b",
    r"(?:eind|einde)\s+(?:aan|maken aan)\s+(?:\S+\s+){0,2}?(?:leven|alles)|(?:er|het)\s+(?:\S+\s+){0,2}?(?:een\s+)?(?:eind|einde)\s+aan\s+(?:\S+\s+)?maken",
    r"(?:zie|ziet|zien)\s+(?:het|t)\s+(?:\S+\s+){0,2}?(?:niet|nt|nie)\s+meer\s+zitten",
    r"(?:pillen|medicijnen|tabletten)\s+(?:\S+\s+){0,4}?(?:in\s+een\s+keer|tegelijk|allemaal)\s+(?:\S+\s+){0,2}?(?:in\s+te\s+nemen|innemen|nemen|slikken)",
    r"(?:eind|einde)\s+aan\s+(?:\S+\s+)?(?:maakt|maken|te maken)\b",
    r"weet\s+(?:echt\s+)?niet\s+(?:meer\s+)?hoe\s+(?:ik|we|wij)\s+(?:\S+\s+)?verder\s+moet",
    r"(?:kan|kun|kunnen)\s+(?:dit|het|t)\s+(?:\S+\s+){0,2}?niet\s+meer\s+aan\b",
    r"(?:er|hier)\s+niet\s+meer\s+(?:willen\s+)?zijn\b",
    r"nooit\s+(?:\S+\s+){0,1}?geboren|\bnooit\s+(?:\S+\s+){0,1}?geleefd",
    r"(?:leven|alles)\s+(?:\S+\s+){0,2}?(?:heeft|is)\s+(?:\S+\s+){0,2}?(?:geen\s+zin|zinloos)|geen\s+zin\s+meer\s+(?:in|om)\s+(?:\S+\s+){0,1}?(?:leven|verder)",
    r"\b(?:mezelf|mijzelf|zichzelf|haarzelf)\s+(?:\S+\s+){0,2}?(?:iets\s+)?(?:aandoen|aan\s+te\s+doen|van kant|ombrengen|doden)",
    r"uit het leven (?:stappen|te stappen|stapt)|\bvan kant maken\b",
    r"\bwanhopig\b|\bhopeloos\b|\bhoop\s+opgegeven\b",
    r"(?:kan|kun)\s+(?:\S+\s+){0,2}?niet\s+meer\s+(?:verder|tegen)\b",
]

# Questions that ask for a personal decision or prognosis. They only overrule
# a knowledge topic or a fallback (see SafetyVerdict.intent_for): the person
# still gets that topic's general information, with the note that the
# oncologist decides together with them.
_PERSONAL_PATTERNS: List[str] = [
    r"(?:beste|goed|goede|verstandig|zinvol|geschikt|werkt|werken|helpt|helpen|idee)\s+(?:\S+\s+){0,3}?voor mij\b|\bvoor mij\s+(?:\S+\s+){0,3}?(?:beste|goed|goede|verstandig|zinvol|geschikt|werkt|werken|helpt|helpen|idee)\b",
    r"\b(?:zal|gaat|slaat)\s+(?:\S+\s+){0,3}?bij mij\s+(?:\S+\s+){0,2}?(?:aanslaan|werken|helpen|aan)\b",
    r"\b(?:in mijn (?:situatie|geval|toestand)|in haar (?:situatie|geval)|in zijn (?:situatie|geval)|in ons geval)\b",
    r"\bwat\s+(?:moet|moeten|zou|kan)\s+(?:ik|ze|zij|hij|we|wij)\s+(?:nu\s+)?doen\b",
    r"\b(?:zal|gaat|haalt)\s+(?:ik|mijn\s+\S+|ze|hij)\s+(?:\S+\s+){0,3}?(?:halen|overleven|meemaken|redden)\b",
    r"\bmijn\s+(?:kansen|kans|prognose|levensverwachting)\b",
    r"\b(?:kan|mag)\s+ik\s+mijn\s+(?:\S+\s+){0,1}?(?:tabletten|pillen|medicijnen|medicatie|kuur|chemo|injectie)\b",
    r"\b(?:moet|zou|kan|mag|moeten)\s+(?:ik|mijn\s+\S+|we|wij)\s+(?:\S+\s+){0,6}?(?:stoppen|beginnen|kiezen|aanvragen|aandringen|overslaan|laten doen|weigeren|meedoen|uitstellen|ophouden|doorgaan|starten|nemen)\b",
    r"\bis\s+(?:dat|het|dit|die|deze)\s+(?:\S+\s+){0,2}?(?:verstandig|slim|een goed idee|aan te raden)\b",
    r"\bwat\s+zou\s+(?:jij|u)\s+(?:\S+\s+){0,3}?doen\b|\bzou\s+(?:jij|u)\s+(?:\S+\s+){0,4}?(?:nemen|doen|kiezen)\b",
    r"\bhoe\s*lang\s+(?:heb|heeft)\s+(?:ik|ze|zij|hij|mijn\s+\S+)\s+(?:\S+\s+)?nog\b",
    r"\bmijn\s+(?:\S+\s+){0,3}?(?:is|zijn)\s+(?:\S+\s+){0,2}?(?:gestegen|gedaald|verhoogd|omhoog|omlaag|hoger|lager)\b",
]

_LETTER = re.compile(r"[a-z]")
_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?(?:</\1\s*>|$)", re.S)
_TAG = re.compile(r"<[^>]{0,500}>")


def _compile(patterns: List[str]) -> Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


_ALARM_RE: List[Tuple[str, Pattern[str]]] = [
    (category, _compile(patterns)) for category, patterns in _ALARM_PATTERNS.items()
]
_DISTRESS_RE = _compile(_DISTRESS_PATTERNS)
_PERSONAL_RE = _compile(_PERSONAL_PATTERNS)


@dataclass(frozen=True)
class SafetyVerdict:
    """What the detector found in one message."""

    alarm_categories: Tuple[str, ...]
    distress: bool
    has_words: bool
    personal: bool = False

    @property
    def intent(self) -> Optional[str]:
        """The intent that must overrule the classifier, if any.
        Alarm wins over distress (the alarm reply mentions 113 as well)."""
        if self.alarm_categories:
            return ALARM
        if self.distress:
            return DISTRESS
        if not self.has_words:
            return NO_WORDS
        return None

    def intent_for(self, classified: Optional[str]) -> Optional[str]:
        """The overruling intent given what the classifier predicted. A
        personal question overrules only a knowledge topic or a fallback."""
        if self.intent is not None:
            return self.intent
        if (
            self.personal
            and classified is not None
            and (classified.startswith("ask_") or classified == "nlu_fallback")
        ):
            return PERSONAL_DECISION
        return None


def normalise(text: str) -> str:
    """Lower case, HTML entities decoded, markup removed, accents stripped,
    whitespace folded: the form every pattern is written against."""
    text = html.unescape(text or "")
    text = _SCRIPT_OR_STYLE.sub(" ", text)
    text = _TAG.sub(" ", text)
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'")
    return " ".join(text.split())


def assess(text: str) -> SafetyVerdict:
    """Run every pattern on one message."""
    clean = normalise(text)
    categories = tuple(category for category, regex in _ALARM_RE if regex.search(clean))
    return SafetyVerdict(
        alarm_categories=categories,
        distress=bool(_DISTRESS_RE.search(clean)),
        has_words=bool(_LETTER.search(clean)),
        personal=bool(_PERSONAL_RE.search(clean)),
    )
