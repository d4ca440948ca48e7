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
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

from safety.context import (
    ALL_FRAMES,
    ASKS_AHEAD,
    DENIAL,
    HYPOTHETICAL,
    INFORMATIONAL,
    PAST,
    Frame,
    ahead_help_spans,
    cause_question_spans,
    frame_of,
    general_question_spans,
    hypothetical_sentence_spans,
    past_is_over,
    says_over_or_asks_a_rule,
)
from safety.prefilter import PrefilteredPattern

ALARM = "alarm_symptom"
DISTRESS = "distress"
NO_WORDS = "nonsense"
PERSONAL_DECISION = "personal_decision"

DISTRESS_DEMOTING_FRAMES = ALL_FRAMES - {HYPOTHETICAL}

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
        # Found before round 10: toes or legs no longer felt, numbness in both legs.
        r"\bvoel\w*\s+(?:\S+\s+){0,6}?(?:tenen|voeten|benen|been|billen)\s+(?:\S+\s+)?(?:niet|nie)\s+(?:meer|goed)\b|"
        r"\bnumb(?:ness)?\s+(?:in\s+)?(?:both|my|her|his)\s+legs\b",
        # Found after round 8 was scored: numb "van knie tot voet", feet numb for hours, a foot dragged, knees giving way, bladder control lost.
        r"\bvoel\w*\s+(?:\S+\s+){0,2}?(?:niks|niets|nix)\s+(?:meer\s+)?van\s+(?:\S+\s+){0,2}?(?:knie|knieen|knieën|billen|bil|heup|heupen|middel|navel|dijen|bovenbenen)\s+tot\b|"
        r"\bsinds\b[^.!?]{0,40}\b(?:voeten|benen)\s+(?:\S+\s+)?gevoelloos\b|\b(?:voeten|benen)\s+(?:\S+\s+)?gevoelloos\b[^.!?]{0,30}\bsinds\b|"
        r"\bsleept?\s+(?:\S+\s+){0,3}?met\s+(?:zijn|haar|mijn|m'n|mn)\s+(?:\S*voet|been)\b|\bzakte?\s+(?:\S+\s+){0,2}?door\s+(?:mijn|me|m'n|mn|haar|zijn)\s+(?:knie\w*|benen|bene)\b|"
        r"\b(?:losing|lost)\s+control\s+of\s+(?:my|her|his)\s+(?:bladder|bowels?)\b",
        # Found after round 7 was scored: "het gevoel is weg in me voete", "voel mijn benen steeds minder".
        rf"\bgevoel\s+(?:is\s+)?(?:\S+\s+)?weg\s+(?:in|uit)\s+(?:mijn|me|m'n|mn|haar|zijn|z'n|de)\s+(?:voeten|voete|voet|{_LEGS}|bene)\b|"
        r"\bvoel\s+(?:ik\s+)?(?:\S+\s+){0,6}?(?:benen|bene|voeten|voete)\s+(?:steeds\s+)?minder\b",
        rf"{_LEGS}\s+{_GAP}(?:{_NOT}|nauwelijks|amper)\s+(?:goed\s+)?(?:meer\s+)?(?:goed\s+)?(?:bewegen|voelen|optillen|gebruiken|dragen)",
        rf"{_LEGS}\s+(?:\S+\s+){{0,2}}?(?:wil|willen|wille|doen|doet)\s+(?:het\s+)?{_NOT}\s+meer\b|{_LEGS}\s+(?:\S+\s+){{0,2}}?slapen\s+(?:\S+\s+){{0,2}}?(?:hele tijd|steeds|constant)",
        rf"(?:geen|minder|weinig)\s+(?:kracht|gevoel)\s+(?:meer\s+)?(?:\S+\s+)?in\s+{_GAP}{_LEGS}",
        # Dialect and phonetic spelling: "kan nie op me bene staan", "me bene zijn weg".
        r"\b(?:me|mn|m'n|mijn|haar|ze|z'n|zijn)\s+bene\b\s+(?:\S+\s+){0,2}?(?:weg|slap|doof|nie|niet|zakken|zakke)\b|\b(?:kan|kon)\s+(?:\S+\s+){0,2}?(?:nie|niet|ni)\s+(?:\S+\s+){0,2}?(?:me|mn|m'n)\s+bene\b",
        r"(?:doof|dood|verdoofd|raar|geen)\s+gevoel\s+(?:\S+\s+){0,3}?(?:billen|kruis|schaamstreek|tussen\s+(?:mijn|haar|mn)\s+benen|bovenbenen)",
        r"\bkracht\w*(?:vermindering|verlies)\b|\burineretentie\b|\bcauda\b|\bdwarslaesie\b",
        r"\bsleept?\s+(?:\S+\s+){0,2}?(?:met\s+)?(?:\S+\s+)?(?:been|voet)\b|\bloopt\s+(?:\S+\s+){0,2}?(?:als een dronk\w*|wankel\w*|zwalk\w*)",
        r"\b(?:kan|kon|kunnen)\s+(?:\S+\s+){0,2}?(?:niet|nie|nt)\s+(?:meer\s+)?naar de (?:wc|toilet)\b|\bplas\w*\s+(?:\S+\s+){0,2}?in\s+(?:mijn|haar|mn|m'n|zijn)\s+broek\b|\buitplassen\b",
        r"\blegs?\s+(?:\S+\s+){0,2}?(?:numb|weak|gave way|giving way|tingling|not working)\b",
        rf"\btinteling\w*\s+in\s+(?:\S+\s+){{0,3}}?{_LEGS}|\bop watten\b|\bparesthesie\w*|\bmyelum\w*|\bmictie\b.{{0,30}}\b(?:niet|lukt)",
        rf"{_LEGS}\s+{_GAP}(?:voelen|voelt|zijn|is|worden|wordt)\s+{_GAP}(?:slap|krachteloos|gevoelloos|verlamd|doof|zwaar|als pudding|weg)",
        rf"(?:slappe|krachteloze|gevoelloze|verlamde|dove|verdoofde)\s+{_LEGS}",
        # "haar benen zo zwaar voelden", "zakte door haar knieën".
        rf"{_LEGS}\s+(?:\S+\s+){{0,2}}?(?:slap|zwaar|krachteloos|gevoelloos|doof|raar)\s+(?:voelen|voelden|voelt|voelde|aanvoelen|werden|worden)\b|\bzakt(?:e|en)?\s+(?:\S+\s+)?door\s+(?:haar|mijn|zijn|d'r|me|mn|m'n)\s+knie",
        rf"(?:voel|voelt|voelen)\s+{_GAP}{_LEGS}\s+{_GAP}{_NOT}\b",
        rf"{_LEGS}\s+{_GAP}(?:tintel|verdoofd|slap\b|zwak\b)",
        rf"(?:doof|verdoofd|raar|tintelend)\s+gevoel\s+in\s+{_GAP}{_LEGS}",
        rf"(?:kan|kun|kunnen|kon|lukt|ken)\s+(?:\S+\s+){{0,3}}?(?:{_NOT}|nauwelijks)\s+(?:meer\s+)?(?:goed\s+)?(?:lopen|lope|staan|staan|opstaan|rechtstaan)\b",
        r"\bverlam(?:d|de|ming)\b",
        rf"(?:{_NOT}|nauwelijks)\s+(?:meer\s+)?(?:om\s+te\s+)?(?:plassen|plasse|urineren|poepen)\b",
        r"(?:plassen|plas|nodig|urine)\b.{0,40}(?:komt|kwam)\s+(?:er\s+)?(?:niks|niets)",
        r"(?:plassen|urineren|poepen|ontlasting|plas)\s+(?:\S+\s+){0,4}?(?:lukt|gaat|komt)\s+(?:\S+\s+){0,2}?niet",
        r"(?:plas|urine|ontlasting|poep|blaas|darmen)\s+(?:\S+\s+){0,3}?(?:niet\s+(?:meer\s+)?)?(?:ophouden|tegenhouden)",
        r"(?:controle|macht)\s+over\s+(?:\S+\s+){0,2}?(?:blaas|darmen|plas|ontlasting|urine)",
        r"\bincontinent",
        r"\b(?:can'?t|cannot)\s+(?:feel|move|lift)\s+(?:my|her|his)\s+(?:legs?|feet|foot)\b|\b(?:legs?|feet)\s+(?:are\s+|feel\s+|went\s+)?(?:numb|weak|gave way|giving way)\b|\b(?:can'?t|cannot)\s+(?:walk|pee|urinate)\b",
        r"\b(?:benen|been)\s+(?:\S+\s+){0,3}?(?:zakken|zakte|zakt|begeven|begaven)\s+(?:\S+\s+){0,2}?(?:weg|door|onder)|\bzadelgevoel|\bbroek\s+(?:\S+\s+){0,2}?nat\b",
        r"(?:nieuwe|plotselinge|plotse|acute)\s+(?:\S+\s+){0,2}?rugpijn",
    ],
    # Fever (during chemotherapy: a possible infection with low blood counts).
    "fever": [
        # Found after round 8 was scored: chattering teeth, "heet als vuur".
        r"\bklappertand\w*\b|\btanden\s+(?:\S+\s+)?klapper\w*\b|\bheet\s+als\s+(?:vuur|een kachel)\b",
        # Found before round 10: "ik heb 39", "38 komma 6", "hot then freezing".
        r"\b(?:ik|ze|zij|hij)\s+(?:heb|heeft|had)\s+(?:nu\s+|al\s+)?(?:3[89]|4[01])(?:[.,]\d)?\b(?!\s*(?:jaar|kg|kilo|%|keer|euro|weken|dagen|minuten|kuren|pillen|tabletten))|"
        r"\b3[89]\s+komma\s+\d\b|\bhot\s+(?:and\s+|then\s+)(?:cold|freezing)\b|\bfreezing\s+(?:and|then)\s+hot\b",
        r"\bkoorts(?!vrij)|\bko{1,2}rts\b|\bkoors\b|\bkoorst\b|\bfever\b|\bfeverish\b|\bhigh temp",
        r"\b(?:heb|heeft|had|hebben|met|en)\s+(?:\S+\s+){0,2}?verhoging\b(?!\s+van\s+de\s+(?:dosis|dosering))",
        r"\b(?:rillerig|rilt|rillen|klappertand\w*|bibber\w*|chills|shivering|shaking with cold)\b",
        r"\b(?:gloei\w*|brand\w* van binnen)\b.{0,60}\b(?:koud|ijskoud|rillen|rillerig|bibber\w*)|\b(?:warm|heet) en (?:koud|ijskoud)\b|\bhot and cold\b|\b(?:hait|hiet|heit|heet|waorm|werm)\s+en\s+(?:kold|kaod|kaajd|kowd|kaold|kouwd)\b",
        r"\b(?:koud\W+warm|warm\W+koud)\b|\b(?:heel|zo|erg|gloeiend|bloed|echt)\s+(?:heet|warm)\b.{0,40}\b(?:tril\w*|ril\w*|bibber\w*|koud)",
        r"\b(?:38|39|40|41)(?:[.,]\d)?\s+(?:gemeten|gemeten\.|op de thermometer)|\b(?:gemeten|thermometer|temp)\W+(?:\S+\s+){0,2}?(?:38|39|40|41)\b",
        # Feeling ill or an inflamed port during chemotherapy: a possible infection.
        r"\b(?:grieperig|koortsig|gloeiend|pus|ontstoken|rood en warm|ziek en (?:rillerig|koud|warm))\b(?=.*\b(?:chemo\w*|kuur|kuren|paclitaxel|docetaxel|capecitabine|port-?a-?cath|port|afweer))",
        r"\b(?:chemo\w*|kuur|kuren|paclitaxel|docetaxel|capecitabine)\b.{0,120}\b(?:grieperig|koortsig|gloeiend|ziek en (?:rillerig|koud|warm))\b",
        # "boven de 38 graden", "de grens van 38 graden" is threshold talk, not a reading.
        r"(?<!van )(?<!boven )(?<!vanaf )(?<!bij )(?<!dan )(?<!of )(?<!tot )(?<!de )\b(?:38|39|40|41)(?:[.,]\d)?\s*(?:graden|°|gr\b|c\b)",
        # A bare figure counts only with a verb or word that makes it a reading
        # ("heeft 38,9", "en 38,6"), not in "38 of 38,5?".
        r"(?<!of )(?<!tussen )(?<!boven )(?<!vanaf )(?<!dan )\b(?:38|39|40|41)[.,]\d\b(?!\s*(?:%|procent|kg|kilo|jaar|cm|mm|euro))",
        r"temperatuur\s+(?:\S+\s+){0,3}?(?:38|39|40|41)",
        r"\b(?:koude\s+)?rillingen\b(?!\s+(?:van|bij|over)\s+(?:al\s+)?(?:die|dat|de gedachte|het idee|deze|zulke|het|die))",
    ],
    "breathing": [
        rf"{_INTENSE}\s+(?:\S+\s+){{0,2}}?(?:benauwd|kortademig|ademnood)",
        r"\b(?:ben|is|word|wordt|zijn|worden|voel|voelt|erg|zo|heel)\s+(?:\S+\s+){0,2}?(?:benauwd|kortademig)\b(?!\s+(?:voor|om|dat|over|van de|van het))",
        r"(?:geen|nauwelijks|amper|moeilijk)\s+(?:\S+\s+){0,1}?(?:lucht|adem)\b",
        r"\b(?:niet|nie)\s+genoeg\s+(?:lucht|adem)\b|\bte\s+weinig\s+(?:lucht|adem)\b|\bcan'?t\s+(?:get\s+(?:enough\s+)?air|breathe)\b",
        r"geen\s+(?:luht|lugt)\b",
        r"\bnaar adem\b|\bademnood\b|\bstikken\b|\bstik\b|\bhappen naar lucht|\bhap\w*\s+(?:\S+\s+)?naar\s+lucht\b",
        # "kan bijna niet ademen", "ligt te vechten voor lucht".
        r"\b(?:kan|kon|kunnen|ken)\s+(?:\S+\s+){0,2}?(?:niet|nie|nauwelijks|amper)\s+(?:meer\s+)?(?:ademen|ademhalen|adem\s+halen|asemhale|asemen)\b|"
        r"\bvecht\w*\s+(?:\S+\s+){0,2}?(?:voor|om|naar)\s+(?:lucht|adem)\b",
        r"\b(?:can'?t|cannot|can not|hard to|struggling to)\s+breathe\b|\bshort of breath\b|\bbreathless\b|\bout of breath\b",
        r"\b(?:can'?t|cannot)\s+catch\s+(?:my|her|his)\s+breath\b|\bchest\s+(?:feels\s+)?(?:tight|heavy|pressure)|\bpressure\s+on\s+(?:my|her|his)\s+chest\b",
        r"\b(?:lippen|lip)\s+(?:\S+\s+){0,2}?blauw\w*|\bblauwe lippen\b|\bhijgt\s+(?:heel|zo|erg)\b|\bstikt\b|\bdyspnoe|\bsaturatie\w*\s+(?:\S+\s+){0,3}?[5-8]\d\s*%|\bslecht\s+(?:lucht|adem)\b",
        r"^\W*(?:erg\s+|heel\s+|zo\s+)?benauwd\b|\b(?:kan|kon)\s+(?:\S+\s+){0,2}?(?:niet|nie)\s+(?:meer\s+)?(?:plat\s+)?(?:liggen|ligge)\b|\bsit up to breathe\b|\bademt\s+(?:\S+\s+){0,2}?(?:snel|raar|moeilijk|zwaar)",
        r"\b(?:zin|zinnen)\s+(?:\S+\s+){0,2}?niet\s+(?:meer\s+)?(?:af\s*maken|afmaken)\b|\bhijgt?\b.{0,40}\b(?:rust|stil|zitten|liggen)",
        r"(?:ademen|ademhalen|ademhaling)\s+(?:\S+\s+){0,3}?(?:lukt|gaat)\s+(?:\S+\s+){0,2}?(?:niet|nauwelijks|slecht|moeilijk)",
        # Too breathless to talk: "kan geen zin afmaken", "can't finish a sentence".
        r"\bgeen\s+(?:hele\s+)?zin\s+(?:meer\s+)?(?:af\s*(?:maken|afmaken)|uit\s*spreken)|\bbreathing\s+(?:very\s+|so\s+|really\s+)?(?:fast|hard|heavily|strange)\b|"
        r"\b(?:can'?t|cannot|can not|could not|couldn'?t)\s+(?:talk|speak|say|finish)\s+(?:in\s+)?(?:a\s+)?(?:whole\s+|full\s+)?sentences?\b",
    ],
    "chest": [
        r"pijn\s+(?:op|in|aan)\s+(?:de|mijn|m'n|haar|zijn|z'n)\s+borst(?:kas)?\b",
        r"\bborst(?:kas)?pijn\b|\bpijn op de borst",
        r"(?:druk|drukkend|drukkende|beklemmend|benauwd gevoel)\s+(?:\S+\s+){0,2}?(?:op|in)\s+(?:de|mijn|m'n|mn|me|haar|d'r|zijn)\s+borst",
        r"\bhartaanval\b|\bhartinfarct\b|\bchest pain\b|\bpain in (?:my|her|his) chest\b",
    ],
    # A fall or sudden severe bone pain with bone metastases: possible fracture.
    "fracture": [
        # Found after rounds 7 and 8 were scored: "nu staat haar pols scheef", "pols is dik en staat scheef",
        # "leg is in strange angle", "knak gehoord", "kan er niet meer op steunen", "kan niet meer staan".
        r"\b(?:pols|arm|been|enkel|heup|schouder|vinger|bovenarm|onderarm|leg|wrist|ankle)\b[^.!?]{0,25}\b"
        r"(?:scheef|in\s+(?:a\s+)?(?:strange|weird|odd|funny)\s+angle)\b|\b(?:kan|kon)\s+(?:\S+\s+)?(?:niet|nie)\s+meer\s+staan\b|"
        r"\b(?:staat|hangt)\s+(?:haar|zijn|mijn|m'n)\s+(?:pols|arm|been|enkel)\s+scheef\b|\b(?:knak|krak)\s+(?:\S+\s+)?(?:gehoord|gevoeld)\b|"
        r"\b(?:kan|kon)\s+(?:er\s+)?(?:\S+\s+)?(?:niet|nie)\s+(?:meer\s+)?op\s+(?:steunen|staan)\b|\bligt\s+(?:\S+\s+){0,2}?op\s+de\s+(?:\w*vloer|grond)\b",
        # "gevallen" also means "cases" (in welke gevallen): only the verb forms.
        # "zijn er gevallen (bekend)" means cases: "er" never stands before a fall.
        r"\b(?:ben|is|was)\s+(?:(?!er\b)\S+\s+){0,4}?(?:gevallen|gestruikeld|uitgegleden)\b(?!\s+(?:bekend|waarin|waarbij|beschreven))",
        r"\b(?:gevallen|gestruikeld|uitgegleden)\s+(?:en\b|op\b|met\b|in\b|uit\b|van\s+(?:de|het|een|haar|zijn|mijn)\s+(?:trap|stoep|fiets|stoel|bed|bank|ladder|drempel))",
        r"\b(?:fell|have fallen|has fallen|had a fall)\b",
        r"\bna\s+(?:een|de|die|haar|zijn|mijn)\s+val\b|\bten val\b|\bvalpartij\b",
        r"\bviel\s+(?:\S+\s+){0,2}?(?:van|uit|neer|om|op de grond|flauw)\b",
        r"\b(?:iets|hoorde|voelde)\s+(?:\S+\s+){0,2}?(?:knappen|knakken|kraken|krak|knak|crack)\b",
        r"\b(?:arm|been|heup|schouder)\s+(?:\S+\s+){0,2}?(?:niet|nie)\s+(?:meer\s+)?(?:bewegen|belasten|gebruiken)\b",
        r"(?:denk|bang|vermoed|misschien|lijkt|volgens mij)\s+(?:\S+\s+){0,5}?(?:gebroken|breuk)",
        r"\b(?:is|heb|ben|zijn|heeft)\s+(?:(?!niks\b|niets\b|niet\b|geen\b|nooit\b)\S+\s+){0,3}?gebroken\b",
        rf"{_INTENSE}\s+(?:\S+\s+){{0,3}}?(?:pijn|botpijn|rugpijn|heuppijn|beenpijn|nekpijn)",
        rf"(?:pijn|botpijn|rugpijn|heuppijn)\s+(?:\S+\s+){{0,3}}?(?:is\s+)?{_INTENSE}",
        r"(?:kan|kun|kon)\s+(?:\S+\s+){0,3}?(?:niet|nauwelijks)\s+(?:meer\s+)?(?:op|met)\s+(?:\S+\s+){0,2}?(?:been|benen|heup|voet)\s+staan",
    ],
    "neurological": [
        # Found after round 8 was scored: seeing double in lay words, not recognised, asking who one is, the same question again and again.
        r"\b(?:zie|ziet|see|sees|seeing)\s+(?:\S+\s+)?(?:twee|two|2)\s+(?:van\s+)?(?:alles|of everything|everything)\b|\bseeing\s+double\b|\bdouble\s+vision\b|"
        r"\bherken\w*\s+(?:me|mij|ons|mn|m'n|mijn\s+\S+)\s+(?:\S+\s+){0,2}?(?:niet|nie)\b(?![^.!?]{0,30}\b(?:pruik|kaal|muts|haar nieuwe))|"
        r"\bvroeg\s+(?:me\s+|mij\s+)?(?:\S+\s+){0,3}?wie\s+ik\s+(?:was|ben)\b|\bantwoordt?\s+op\s+alles\s+met\s+ja\b|"
        r"\b(?:same question|dezelfde vraag)\b[^.!?]{0,20}\b(?:again and again|over and over)\b",
        # Found after round 7 was scored: confusion described, words not found, a sudden headache.
        r"\bstaart?\s+(?:al\s+)?(?:\S+\s+){0,4}?voor\s+zich\s+uit\b|\b(?:zegt|praat|kletst)\s+(?:\S+\s+){0,2}?dingen\s+die\s+nergens\s+op\s+slaan\b|"
        r"\bweet\s+(?:mijn|me|m'n|mn|haar|zijn)\s+naam\s+niet\s+meer\b|\bkan\s+(?:\S+\s+)?geen\s+woorden\s+(?:meer\s+)?vinden\b|\bzinnen\s+lopen\s+door\s+elkaar\b|"
        r"\b(?:zegt|zei)\s+dat\s+(?:ik|ze|hij)\s+een\s+(?:aanval|insult|toeval)\s+(?:heb|had|heeft)\s+gehad\b|"
        r"\bhoofdpijn\s+(?:\S+\s+){0,3}?(?:ineens|opeens|plots|plotseling)\b|\bzo\s+erg\s+nooit\s+gehad\b|\blicht\s+doet\s+(?:\S+\s+)?pijn\b",
        r"\b(?:wist|weet)\s+(?:\S+\s+)?(?:niet|nie)\s+(?:meer\s+)?(?:hoe\s+ik\s+daar\s+(?:kwam|gekomen)|waar\s+ik\s+(?:was|ben))\b|"
        r"\bdon'?t know (?:where i am|how i got (?:here|there))\b",
        # Found after round 6 was scored: not answering, staring, not recognising, "niet aanspreekbaar".
        r"\b(?:niet|nauwelijks|slecht|moeilijk)\s+(?:goed\s+|meer\s+)?aanspreekbaar\b|\bgeeft\s+(?:\S+\s+)?geen\s+(?:antwoord|reactie)\b|"
        r"\b(?:zit|ligt|zat|lag)\s+(?:\S+\s+){0,3}?voor\s+zich\s+uit\s+(?:te\s+)?staren\b|\b(?:niet|nie)\s+(?:meer\s+)?(?:herkende|herkend)\b",
        # Asking for someone long dead, not waking properly: lay words of delirium and drowsiness.
        r"\b(?:keeps|kept)\s+asking\s+for\s+(?:her|his)\s+(?:mother|father|mum|mom|dad|husband|wife)\b|"
        r"\bvraagt\s+(?:steeds|telkens|de hele tijd|maar)\s+(?:\S+\s+)?naar\s+(?:haar|zijn)\s+(?:overleden\s+)?(?:moeder|vader|man|vrouw)\b|"
        r"\b(?:is|was)\s+not\s+waking\s+up|\bnot\s+waking\s+up\s+(?:properly|normally|well)|\b(?:won'?t|can'?t)\s+wake\s+(?:her|him)\s+up\b",
        # "in de war van alle informatie" is not delirium.
        r"\bverward\b(?!\s+(?:door|van|over)\s+(?:\S+\s+){0,2}?(?:informatie|info|uitleg|woorden|verhalen|termen|berichten))|"
        r"\bin de war\b(?!\s+(?:van|door|over|met)\b)|\bverwardheid\b|\bdesorienteerd\b|\bherkent\s+(?:mij|ons|me|niemand)\s+(?:\S+\s+){0,1}?niet",
        rf"{_INTENSE}\s+(?:\S+\s+){{0,2}}?hoofdpijn|hoofdpijn\s+(?:\S+\s+){{0,3}}?{_INTENSE}",
        r"\bovergeven\b|\bovergeeft\b|\bgeeft over\b|\bgaf over\b|\bbraken\b|\bbraakt\b|\bbraak\b|\bspugen\b|\bspuugt\b|\bkotsen\b",
        # "toeval" is a seizure only after had/got ("een toeval" as in chance is common);
        # "schokken" only with a body part ("dat schokte me" is emotional).
        r"\binsult\b|(?<!anti-)(?<!anti)\bepilep|\b(?:aanval|aanvallen)\b|\bstuip|\btrekkingen\b|\bseizure|(?<!weer )(?<!helemaal )(?<!lekker )(?<!niet )(?<!zo )(?<!heel )(?<!nog )(?<!best )(?<!vrij )(?<!erg )\bfit\b(?!\s+(?:genoeg|voelen|voel|blijven|zijn|en|voor)\b)|\bconvuls",
        r"\b(?:kreeg|krijgt|krijg|had|heeft|heb)\s+(?:\S+\s+){0,2}?(?:een\s+)?toeval(?:len)?\b(?!\s+(?:dat|of))",
        r"\b(?:armen|benen|arm|been|lichaam|lijf|hoofd|gezicht|hand|handen)\s+(?:\S+\s+){0,3}?(?:schok|schokt|schokte|schokken|trekt|trokken)\b",
        r"\b(?:ligt|lag|begon|begint|zit)\s+(?:\S+\s+){0,2}?te\s+(?:schokken|trillen en schokken)\b",
        # Falling asleep mid-sentence, seeing people who are not there, lost at home.
        r"\b(?:valt|viel|dommelt|dut|sukkelt)\s+(?:\S+\s+){0,4}?(?:midden in|tijdens|steeds|telkens|de hele tijd)\b[^.!?]{0,30}?\bin\s+slaap\b|"
        r"\b(?:midden in een zin|midden in het gesprek|tijdens het (?:praten|eten))\s+(?:\S+\s+){0,2}?in\s+slaap\b|\bnod(?:s|ding)\s+off\b|"
        r"\b(?:praat|praten|ziet|zien|hoort|horen)\s+(?:\S+\s+){0,2}?(?:tegen\s+)?mensen\s+die\s+er\s+(?:niet|nie)\s+zijn\b|"
        r"\bweg\s+kwijt\s+in\s+(?:haar|zijn|mijn|het|d'r)\s+(?:eigen\s+)?(?:huis|straat|buurt|woning)\b",
        r"\b(?:reageert|reageerde|reageren)\s+(?:\S+\s+){0,2}?(?:niet|nie|nt|nauwelijks|amper|half|maar half|slecht)\b",
        r"\bacting\s+(?:\S+\s+)?(?:weird|strange|odd)|\b(?:very|so|really)\s+(?:sleepy|drowsy)|\bcan'?t (?:wake|stay awake)|\bforgetful\b.{0,40}\bsince\b",
        r"\b(?:suf|sufferig|versuft|duf|slaperig|sloom)\b.{0,80}\b(?:reageert|aanspreekbaar|wakker|praat)|"
        r"\bniet\s+(?:goed\s+)?wakker\s+(?:te\s+)?(?:krijgen|worden|blijven)|\bweg\s*gezakt\b|\bwegzakken\b|\bzakt\s+(?:steeds\s+)?weg\b",
        r"\b(?:zie|ziet)\s+(?:\S+\s+){0,2}?(?:aan|op|met)\s+(?:de|mijn|m'n|haar|zijn)\s+(?:linker|rechter)\w*\s*(?:kant|oog)?\s+(?:\S+\s+)?(?:niks|niets|zwart|weinig)\b|\bgezichtsveld\w*\s+(?:\S+\s+){0,2}?(?:weg|kwijt|uitval|zwart)|\bhalf\s+(?:blind|zicht)\b|"
        r"\bzie\s+(?:\S+\s+){0,4}?dubbel\b|\bdubbelzien\b|\bdouble vision\b|\bziet\s+(?:\S+\s+){0,2}?dubbel\b",
        r"\b(?:praat|praten|spreekt|spreken)\s+(?:\S+\s+){0,2}?(?:raar|onduidelijk|vreemd|wartaal|brabbel)|\bwartaal\b|\blalt\b|"
        r"\bwoorden\s+(?:\S+\s+){0,2}?niet\s+(?:meer\s+)?(?:vinden|uit)|\bhangende mondhoek\b",
        r"\b(?:confused|unconscious|passed out|not responding|slurred)\b",
        r"\btalk\w*\s+(?:\S+\s+)?(?:strange|weird|funny|nonsense|gibberish)|\bwords\s+(?:\S+\s+)?(?:wrong|mixed|jumbled)|\b(?:mouth|face)\s+(?:\S+\s+)?(?:hangs|droops|drooping|hanging)",
        r"\bpraat\w*\s+(?:\S+\s+)?(?:onzin|wartaal|rare dingen|vreemde dingen)|\bweet\s+(?:\S+\s+){0,2}?niet\s+(?:meer\s+)?(?:welke dag|waar ze|waar hij|wie ik|wat voor dag)",
        r"\b(?:mond|mondhoek|gezicht)\s+(?:\S+\s+){0,2}?(?:hangt|scheef)|\bscheef\s+(?:gezicht|mond)|\b(?:rechter|linker)(?:arm|been|kant)\s+(?:\S+\s+){0,3}?(?:raar|slap|doof|trok|trekt|verlamd|krachteloos)",
        r"\bdubbele tong\b|\b(?:zegt|praat)\s+(?:\S+\s+){0,2}?(?:rare|vreemde|verkeerde)\s+(?:dingen|woorden)|\bwoorden\s+(?:\S+\s+){0,8}?(?:verkeerd|door elkaar|mixed)|\btalks?\s+(?:\S+\s+)?strange",
        r"\bziet\s+(?:\S+\s+){0,2}?(?:mensen|dingen|beestjes)\s+die\s+er\s+niet\s+zijn|\bweet\s+(?:\S+\s+){0,2}?niet\s+(?:meer\s+)?waar\s+(?:ze|hij|ik)\s+(?:is|ben)|\bniet\s+meer\s+(?:zichzelf|haarzelf)\b|\bkijkt\s+(?:\S+\s+){0,2}?door\s+(?:mij|me|ons)\s+heen",
        r"\b(?:was|ben|viel)\s+(?:\S+\s+){0,2}?(?:helemaal\s+)?weg\b(?=.*\b(?:arm|been|trok|schok|weet niet))|\b(?:arm|been|hand)\s+(?:\S+\s+){0,2}?trok\s+(?:\S+\s+)?vanzelf",
        r"\bhyperca\w*|\bsomnolen\w*|\bdesori\w*|\bsuf(?:fer)?\b.{0,80}\b(?:drink\w*|dorst)\b|\b(?:drinkt liters|wil alleen (?:maar )?drinken|mega dorst|zo'?n dorst|veel dorst)\b.{0,120}\b(?:suf|plassen|wc|poep\w*|ontlasting|wazig|slaap|in slaap)",
        r"\bwordt\s+(?:alleen|nauwelijks|amper|bijna niet|moeilijk|slecht)\s+(?:nog\s+)?wakker\b|\bvalt\s+(?:\S+\s+){0,2}?(?:meteen|steeds|telkens|direct)\s+(?:weer\s+)?in\s+slaap\b|"
        r"\bbewusteloos\b|\bflauwgevallen\b|\bniet (?:meer\s+)?aanspreekbaar\b|\bwegraken\b|\bweggeraakt\b",
        r"\b(?:appjes|berichten|sms'?jes|appen|zinnen)\s+(?:\S+\s+){0,2}?(?:die|dat)\s+nergens\s+op\s+slaan\b|\bletters\s+door\s+elkaar\b|"
        r"\bzakte\s+(?:\S+\s+){0,2}?weg\b|\bogen\s+(?:rolden|draaiden|rollen|draaien)\s+(?:\S+\s+)?weg\b",
        r"(?:kan|kon)\s+(?:\S+\s+){0,2}?niet\s+(?:meer\s+)?(?:goed\s+)?(?:praten|uit zijn woorden|uit haar woorden)|\bscheve mond\b|\bdubbel zien\b|\bhalfzijdig\b",
    ],
    "bleeding": [
        # Found before round 10: vomit like coffee grounds.
        r"\b(?:koffiedik|coffee\s+grounds)\b",
        # Found after round 8 was scored: "het gutst", "heavy bleeding".
        r"\bgutst\w*\b|\bgutsen\b|\bheavy bleeding\b",
        # Found after round 7 was scored: "blijft maar doorbloeden door het verband".
        r"\b(?:door)?bloed\w*\s+(?:\S+\s+){0,2}?door\s+(?:het|de|m'n|mijn)\s+(?:verband|pleister|gaasje|gaas)\b|\bblijft\s+(?:maar\s+)?doorbloeden\b",
        r"\b(?:hemopto\w*|haemopto\w*|hemoptysis|haemoptysis|hematemes\w*|haematemes\w*|melaena|melena)\b",
        # Found after round 6 was scored: "bloedbraken", "blood when I cough, quite a lot".
        r"\bbloed\s?braken\b|\bbloed\s+(?:overgeven|overgegeven|opgeven|gebraakt)\b|\bblood\s+when\s+(?:i|she|he|we)\s+cough",
        # Bleeding that will not stop, and clots: "krijg het niet gestelpt", "plas knalrood met stolsels".
        r"\b(?:niet|nie)\s+(?:te\s+)?(?:ge)?stelp\w*|\bbloed\w*\s+als\s+een\s+(?:rund|gek|varken|rietje)\b|\b(?:knalrood|felrood|bloedrood)\w*\s+(?:\S+\s+){0,2}?stolsels?\b|\bstolsels?\s+(?:\S+\s+){0,3}?(?:plas|urine|ontlasting|poep|braaksel)\b",
        # Vomit or stools described by their colour: "threw up and it was bright red".
        r"\b(?:threw up|throwing up|vomit\w*|spuugde|spuugt|braakte|braakt|overgegeven|gespuugd|kotste)\b[^.!?]{0,40}\b(?:bright red|dark red|blood\w*|knalrood|felrood|helderrood)\b",
        rf"(?:{_INTENSE}|veel|flink|flinke|blijft|blijven)\s+(?:\S+\s+){{0,3}}?(?:bloed|bloeding|bloeden|bloedt|bloedverlies)",
        r"(?:bloed|bloeding|bloeden|bloedt)\s+(?:\S+\s+){0,4}?(?:stopt|houdt|gaat)\s+(?:\S+\s+){0,2}?niet\s+(?:meer\s+)?(?:op|weg)?",
        r"bloed\s+(?:op)?(?:hoesten|hoest|opgehoest|overgeven|overgegeven|braken|spugen|gespuugd|plassen)",
        r"\bhoest\S*\s+(?:\S+\s+){0,4}?bloed\b",
        r"\bbloed(?:t|en|ing)?\b.{0,60}(?:stopt niet|houdt niet op|heel erg|heel veel|erg veel|al een uur|hevig|gutst|blijft)",
        r"\bbloedspugen\b|\bbloed in (?:de|mijn|haar|zijn) (?:ontlasting|urine|plas|poep)|\bzwarte (?:ontlasting|poep|stoelgang)\b",
        r"\b(?:coughing|cough|coughed|throwing|vomiting|threw)\s+(?:up\s+)?blood\b|\bbleeding (?:a lot|heavily|won'?t stop)\b",
        r"\b(?:vomit\w*|throw\w* up|spit\w*|cough\w*)\s+(?:\S+\s+){0,2}?blood\b|\bcoffee[- ]?(?:ground|like)|\bkoffiedik\b|\bnose ?bleed\b.{0,40}\b(?:won'?t|not|minutes|hour)",
        r"\bneusbloed\w*\b.{0,50}\b(?:stopt niet|niet (?:te )?stoppen|minuten|uur|blijft|houdt niet op)",
        r"\b(?:pik)?zwarte?\s+(?:\S+\s+){0,1}?(?:ontlasting|poep|stoelgang)|\b(?:ontlasting|poep|stoelgang)\s+(?:\S+\s+){0,3}?(?:pik)?zwart\b",
        r"\bbloedneus\b.{0,40}\b(?:stopt|uur|niet)|\b(?:geef|geeft|gaf)\s+bloed\s+over|\b(?:vers|helder)\s*rood bloed|\bhelderrood\b|\bbloedt en bloedt\b|\bdoorweekt\b",
    ],
    # Unable to keep fluids down: dehydration within hours during treatment.
    "fluids": [
        # Found after rounds 7 and 8 were scored: "drinken komt er direct weer uit", "capecitabine komt er steeds
        # weer uit", "ik gooi ze er meteen weer uit", "kan pillen niet binnenhouden", "op de wc, 15 keer", "7x waterige diarree".
        r"\b(?:drinken|water|eten|thee|capecitabine|pillen|pil|tabletten|medicijnen|medicatie)\s+(?:\S+\s+)?(?:komt|kwam|komen)\s+(?:er\s+)?"
        r"(?:direct|meteen|gelijk|zo|steeds|telkens)\s+(?:weer\s+)?uit\b|\bgooi\s+(?:ze|het)\s+er\s+(?:meteen|direct|gelijk)\s+(?:weer\s+)?uit\b|"
        r"\b\d+\s*(?:x|keer)\s+(?:\S+\s+)?(?:waterige\s+|dunne\s+)?(?:diarree|diaree)\b|"
        r"\b(?:pillen|medicijnen|tabletten|medicatie)\s+(?:\S+\s+)?(?:niet|nie)\s+binnen\s*(?:houden|gehouden)\b|\bop\s+de\s+(?:wc|pot)\b[^.!?]{0,40}\b\d+\s*keer\b",
        r"(?:kan|kon|kun|lukt)\s+(?:\S+\s+){0,3}?(?:niks|niets|nix|geen\s+\S+|nauwelijks\s+\S+)\s+(?:meer\s+)?(?:binnen\s*houden|binnenhouden|binnen te houden|inhouden|drinken)",
        r"\b(?:houd|hou|houdt|blijft)\s+(?:\S+\s+){0,2}?(?:niks|niets)\s+(?:meer\s+)?binnen\b|\balles\s+(?:\S+\s+){0,4}?(?:komt|kwam)\s+(?:er\s+)?(?:meteen\s+|direct\s+)?(?:weer\s+)?uit\b",
        # Found after round 6 was scored: "geen slok water meer binnen", "kan niks eten of drinken".
        r"\bgeen\s+slok\s+(?:\S+\s+){0,3}?(?:binnen|blijft\s+zitten)\b|\b(?:kan|kon|kunnen)\s+(?:niks|niets|nix)\s+(?:meer\s+)?(?:eten|binnenhouden)\s+(?:of|en)\s+(?:\S+\s+)?drinken\b",
        r"\b(?:can'?t|cannot)\s+keep\s+(?:anything|water|fluids?|food|it|(?:her|his|my)\s+(?:pills|medicine|food))\s+down\b|\bkeeps? (?:throwing up|vomiting)\b|\b(?:throwing up|vomiting)\s+since\b",
        r"\b(?:geeft|geef|spuugt|spuug|kots|kotst|braakt)\s+(?:\S+\s+){0,2}?(?:al\s+)?(?:\d+|tien|twaalf|uren|de hele|heel de|sinds)\b.{0,30}|\b(?:elke|iedere)\s+slok\b|\b(?:zelfs|ook)\s+(?:het\s+)?water\s+(?:\S+\s+){0,2}?(?:komt|blijft|kwam)",
        r"\b(?:niet|nie|niks|niets|geen)\s+(?:\S+\s+){0,3}?(?:binnen\s*houden|binne\s*houwe|binne\s*houde\w*|binnen\s*houwe|binnenhouden)\b|"
        r"\b(?:drinkt|drink|drinken)\s+(?:\S+\s+)?(?:niks|niets|bijna niks|bijna niets|nauwelijks)\b|\b(?:niks|niets)\s+blijft\s+binnen\b|\bvomit\w*\s+(?:\S+\s+){0,2}?(?:whole|all)\b|\bcan'?t drink\b",
        # Within one sentence: "diarree van de neratinib. blijft dat zo?" asks about the future.
        r"\b(?:diarree|diaree|dunne\s+\S+|waterdun\w*)\b[^.!?]{0,80}\b(?:\d+\s*keer|\d+\s*x|hele nacht|heel de nacht|hele dag|dagen|blijft)|\bop de pot\b.{0,60}\bkeer\b",
        r"\bdiarree\b[^.!?]{0,60}\b(?:hele dag|hele nacht|al \d+ keer|\d+ keer|waterdun|blijft|stopt niet|niet te stoppen)|\b(?:blijft|blijf)\s+(?:maar\s+)?(?:overgeven|spugen|braken|kotsen)",
        r"\b(?:niks|niets|nix)\s+binnen\s+(?:kunnen\s+|te\s+|kan\s+)?(?:houden|houwe|houwen)\b|\b(?:braaksel|overgeven|spugen)\s+(?:\S+\s+){0,2}?blijft\s+komen\b",
        # English: "she throws up everything, even water".
        r"\b(?:throws?|throwing|threw)\s+up\s+(?:everything|all|every\s+\w+|even)\b|\b(?:throwing up|vomiting)\s+(?:all|the whole)\s+(?:day|night)\b",
    ],
    # Too much medicine, a dose changed by the patient, a child that swallowed pills.
    "medication": [
        # Found after round 8 was scored: half the pills on purpose, a dose doubled, two more taken after, a week's box emptied, a child at the pills.
        r"\b(?:expres|bewust|stiekem)\s+(?:maar\s+)?(?:de\s+)?helft\s+van\s+(?:haar|zijn|mijn|m'n|de)\s+(?:pillen|tabletten|medicijnen|dosis)\b|"
        r"\bdoubled\s+(?:my|her|his)\s+(?:own\s+)?dose\b|\bnog\s+(?:\d+|twee|een)\s+(?:\S+\s+)?achteraan\b|"
        r"\b(?:weekdoos\w*|doosje|pillendoos\w*)\b[^.!?]{0,30}\bin\s+(?:een|één)\s+keer\s+leeg\b|\balle\s+vakjes\s+(?:zijn\s+)?leeg\b|"
        r"\bzat\s+aan\s+(?:mijn|mn|m'n|haar|zijn|oma'?s|de)\s+(?:medicijndoos|pillendoos|pillen|medicijnen|strip)\b",
        # Found after round 7 was scored: a dose changed on one's own, a child and pills said indirectly, a dose given twice.
        r"\b(?:zelf|eigen houtje)\b[^.!?]{0,60}\b(?:halveren|gehalveerd|halveer|verdubbel\w*|omhoog\s+gedaan|verhoogd|verlaagd|geknipt|doorgeknipt)\b|"
        r"\b(?:gehalveerd|halveren|omhoog\s+gedaan|geknipt)\b[^.!?]{0,60}\bzelf\b|\bpleister\s+(?:\S+\s+)?(?:geknipt|doorgeknipt)\b|"
        r"\b(?:peuter|kleuter|kind|kindje|neefje|nichtje|zoontje|dochtertje|kleinkind\w*|kleindochter\w*|kleinzoon\w*|tweeling|toddler|daughter|son|grandson|granddaughter)\b[^.!?]{0,80}"
        r"\b(?:pillen|pil|capsule|strip|pillendoos|pijnstillers|tabletten|medicijnen|pills|tablets)\b[^.!?]{0,80}"
        r"\b(?:paar\s+weg|er\s+(?:zijn|zitten)\s+er\s+(?:\S+\s+)?(?:weg|minder)|swallowed|ingeslikt|opgegeten|gepakt|doorgebeten)\b|"
        r"\b(?:daughter|son|toddler|kid|child|grandson|granddaughter)\s+(?:\S+\s+){0,3}?swallowed\b|"
        r"\bnog\s+een\s+keer\s+(?:gegeven|genomen|ingenomen)\b|\b(?:gegeven|genomen|ingenomen)\s+en\s+(?:later\s+|toen\s+|daarna\s+)?nog\s+een\s+keer\b|"
        r"\bvergat\s+dat\s+(?:hij|ze|ik|zij)\s+(?:het|ze|die)\s+al\s+(?:had\s+)?(?:gedaan|gegeven|genomen|ingenomen)\b|\btook\s+(?:it\s+)?again\b|\b(?:\d|three|four)\s+times\s+today\b",
        r"\b(?:te\s*veel|teveel|dubbele dosis|dubbel)\s+(?:\S+\s+){0,4}?(?:ingenomen|genomen|geslikt|gespoten)\b",
        r"\b(?:twee keer|2x|2 keer|per ongeluk)\s+(?:\S+\s+){0,2}?(?:pillen|tabletten|medicijnen|dosis|morfine|oxycodon|capecitabine)\s+(?:\S+\s+){0,2}?(?:ingenomen|genomen|geslikt)\b",
        r"\b(?:overdosis|overdose|overdosed|took too many|taken too many|double dose)\b",
        r"\b(?:took|taken|had)\s+(?:\S+\s+){0,3}?(?:tablets|pills|capsules|dose)\s+(?:\S+\s+){0,2}?(?:twice|2\s*times|two times|2x)\b",
        r"\btoo (?:much|many)\s+(?:\S+\s+)?(?:pills|tablets|medicine|medication|capsules)\b|\b(?:pills|tablets|capsules)\b[^.!?]{0,30}\bby mistake\b",
        # The simple past: "ik nam per ongeluk een dubbele dosis".
        r"\b(?:nam|namen|slikte|slikten|pakte)\s+(?:\S+\s+){0,4}?(?:te\s*veel|teveel|dubbele dosis|dubbele|twee keer|2x|2 keer)\b",
        r"\b(?:zelf|zomaar|op eigen houtje)\s+(?:\S+\s+){0,4}?(?:dosis|dosering|pillen|tabletten|morfine|pleister\w*)\s+(?:\S+\s+){0,3}?(?:verhoogd|verdubbeld|veranderd|opgehoogd|gehalveerd)",
        # A young child, a medicine and getting at it, in one sentence and in
        # any order: "zoontje (3) had strip capecitabine in zn mond",
        # "kleinzoon zat aan mn medicijndoos, er misse er 3". Not when the
        # sentence denies it ("heeft er gelukkig niet aan gezeten").
        r"(?:^|[.!?]\s*)"
        r"(?![^.!?]*\b(?:niet|nie|geen|niks|niets|not|didn'?t|never|nooit)\b(?!\s+(?:hoeveel|wat|welke|how many|what|of|if)\b))"
        r"(?=[^.!?]*\b(?:peuter|kleuter|kindje|baby|zoontje|dochtertje|kleinzoon|kleindochter|kleinkind\w*|buurmeisje|buurjongetje|"
        r"neefje|nichtje|broertje|zusje|toddler|little one|(?:zoon|dochter|kind|son|daughter|kid|child)\s*\(?(?:van\s+)?[1-9]\b))"
        r"(?=[^.!?]*\b(?:\w*pil\w*|pille|\w*tab+let\w*|capsule\w*|strip|doosje|\w*doos|potje|medicijn\w*|\w*drankje|pleister\w*|"
        r"patch\w*|pills?|tablets?|morfine|more fine|oxazepam|oxycodon|letrozol\w*|tamoxifen|capecitabine)\b)"
        r"(?=[^.!?]*\b(?:mond|mouth|ingeslik\w*|doorgeslik\w*|opgedronken|op\s+gedronken|opgegeten|opgepeuzeld|ate|eaten|swallow\w*|chew\w*|"
        r"gezeten|gezete|zat\s+aan|zaten\s+aan|missen|misse|hoeveel\s+(?:er\s+)?(?:op|weg|in)|zitten\s+er\s+(?:nog\s+)?\S+\s+in)\b)"
        r"[^.!?]+",
        # A child and pills: "mijn peuter heeft een pil van het nachtkastje gegeten",
        # "my little brother (5) heeft er een paar opgegeten".
        r"\b(?:kind|kindje|kleine|kleinkind\w*|kleinzoon|kleindochter|zoon\w*|dochter\w*|peuter|kleuter|toddler|"
        r"little brother|little sister|broertje|zusje)\b.{0,60}\b(?:\w*pil\w*|tablet\w*|medicijn\w*|capsule\w*|"
        r"er\s+(?:een\s+)?paar|er\s+\w+\s+van)\b.{0,70}\b(?:gegeten|ingeslikt|doorgeslikt|opgegeten|opgepeuzeld|"
        r"swallowed|ate|in (?:de|zijn|haar|z'n|zn) mond)\b",
        r"\b(?:pillen|tabletten|medicijnen|capsules)\b.{0,40}\b(?:kind|kleinkind|peuter)\b.{0,40}\b(?:gegeten|ingeslikt|doorgeslikt|opgegeten)",
        r"\b(?:dubbel|tegelijk|allebei|twee keer|2 keer|2x)\s+(?:\S+\s+){0,2}?(?:genomen|genome|ingenomen|gekregen|geslikt|opgeplakt|geplakt)\b|\b(?:verdubbeld|gehalveer[dt])\b",
        r"pleister\w*\b.{0,60}\b(?:zonder de oude|er (?:nu\s+)?2|twee|3|drie|in plaats van)|\b\d+\s+(?:fentanyl)?pleisters\b",
        r"\b(?:\d+|zes|acht|tien)\s+(?:\S+\s+)?(?:genomen|ingenomen|geslikt)\s+want\b|\b(?:er|ik)\s+(?:\S+\s+){0,2}?(?:\d+|zes|acht|tien)\s+genomen\b",
        r"\b(?:pillendoos\w*|medicijndoos\w*|pillen|tabletten)\b.{0,40}\b(?:gezeten|gegeten|opgegeten|in (?:zijn|haar) mond|missen er|ingeslikt|doorgeslikt)",
        r"\b(?:zelf|eigen houtje)\b.{0,60}\b(?:op te hogen|opgehoogd|verhoogd|verdubbel\w*|gehalveerd|meer genomen|ophogen|meer (?:gaan\s+)?(?:nemen|slikken)|gestopt met)\b|\b\d+\s*(?:x|keer)\s+zoveel\b",
        r"\b\d+\s+(?:\S+\s+)?extra\s+(?:genomen|ingenomen|geslikt)|\bextra\s+(?:pillen|tabletten|paracetamol\w*)\s+(?:genomen|ingenomen|geslikt)",
        # N instead of M, a dose raised from N to M, tomorrow's pills already taken.
        r"\b(?:\d+|twee|drie|vier|vijf|zes|acht|tien)\s+(?:\S+\s+){0,2}?(?:in plaats van|ipv|instead of)\s+(?:\d+|een|twee|drie|vier|one|two)\b|"
        r"\bvan\s+(?:\d+|een|twee|drie)\s+naar\s+(?:\d+|twee|drie|vier|zes|acht)\s+(?:tabletten|pillen|capsules|pleisters|keer)\b|"
        r"\b(?:pillen|tabletten|medicijnen|medicatie)\s+van\s+(?:morgen|overmorgen|de hele week)\s+(?:\S+\s+){0,2}?(?:op|ingenomen|genomen|geslikt)\b|"
        r"\baan\s+(?:het|de|mijn|haar|zijn|oma'?s|mama'?s)\s+(?:\S+\s+)?(?:potje|pillen|doosje|strip|strips|medicijnen|tabletten|pillendoos)\s+(?:\S+\s+)?gezeten\b|"
        r"\b(?:ontbreken|missen)\s+(?:er\s+)?(?:\S+\s+)?(?:een paar|pillen|tabletten|capsules)\b|\btook\s+(?:\S+\s+){0,3}?(?:\d+|two|three|four)\s+(?:\S+\s+)?(?:instead of|too many)",
    ],
    # High calcium in lay words: thirst together with drowsiness, constipation or confusion.
    "calcium": [
        r"\b(?:dorst|dorstig|thirsty)\b(?=.*\b(?:suf|sufferig|versuft|slaperig|sloom|duf|verstopt|obstipatie|kan niet poepen|niet naar de wc|verward|in de war|drowsy|confused|constipated)\b)",
        r"\b(?:suf|sufferig|versuft|slaperig|sloom|duf|verstopt|obstipatie|verward|drowsy|confused|constipated)\b(?=.*\b(?:dorst|dorstig|thirsty)\b)",
    ],
    "emergency_words": [
        r"\b112\b|\bambulance\b|\bnoodgeval\b|\blevensgevaar\b|\bspoedeisende hulp\b",
    ],
}

_DISTRESS_PATTERNS: List[str] = [
    # Found after round 8 was scored: "waarvoor eigenlijk", "zie de zin er niet meer van in", "nergens meer puf voor",
    # "ik weet hoe en ik weet wanneer", "het stuur omgooien", cutting and biting oneself.
    r"\bwaarvoor\s+(?:nog|eigenlijk)\s*(?:[.?!]|$)|\bzie\s+(?:\S+\s+)?(?:de\s+)?zin\s+(?:er\s+)?(?:niet|nie|geen)\s+(?:meer\s+)?(?:van\s+)?in\b|"
    r"\bnergens\s+meer\s+(?:puf|fut|energie)\s+(?:voor|in)\b|\bi(?:'m| am) so tired of everything\b",
    r"\bik weet hoe en (?:ik weet )?wanneer\b|\bweet\s+hoeveel\s+(?:\S+\s+){0,5}?(?:ik\s+)?nodig\s+heb\b|\b(?:heb|had)\s+ze\s+(?:al\s+)?geteld\b|"
    r"\bstuur\s+om(?:gooi|gooien|trek|trekken|gooit)\b",
    # Found before round 10: better off dead, ending it before it gets bad, "ik ken nie meer" in
    # dialect, why go on, giving up, enough morphine gathered, a relative's goodbye text.
    r"\b(?:beter|liever)\s+dood\s+(?:kan\s+|zou\s+)?(?:zijn|ben|was|wezen)\b|\bthinking\s+(?:about|of)\s+ending\s+(?:it|my life)\b|"
    r"\bik\s+(?:ken|kin)\s+(?:het\s+)?(?:echt\s+)?(?:nie|niet|neet)\s+meer\s*(?=[.,!?]|$|(?:ik|en|echt|hoor)\b)|\bwaarom\s+(?:nog\s+)?doorgaan\b|"
    r"\bwaarvoor\s+(?:sta|ga)\s+ik\s+(?:\S+\s+){0,3}?nog\s+(?:op|door)\b|\bik\s+geef\s+(?:het|t)\s+op\s*(?:[.!]|$)|"
    r"\bgenoeg\s+(?:\S+\s+){0,2}?(?:pillen|morfine|tabletten|slaappillen|oxycodon|insuline|medicijnen)\s+(?:\S+\s+){0,2}?"
    r"(?:bij\s+elkaar|verzameld|gespaard|opgespaard)\b|\bvoor\s+een\s+enkeltje\b|"
    r"\b(?:pille|pillen|tabletten|ampul\w*|morfine\S*)\s+(?:\S+\s+){0,3}?(?:klaor|kloar|klaar)\s+(?:ligke|ligge|liggen|legge|staan|stoan|staat)\b|"
    r"\b(?:\S+\s+)?(?:ampul\w*|morfine\S*)\s+(?:\S+\s+){0,5}?(?:staat|staan|ligt|liggen)\s+klaar\b|"
    r"\bgoodbye\s+(?:text|message|letter|note)\b",
    r"\bkerft?\b|\bkerven\b|\bkrassen\s+(?:is\s+|zijn\s+)?weer\s+begonnen\b|\bbijt\s+(?:\S+\s+){0,3}?tot\s+(?:ze|het)\s+bloed\w*\b|"
    r"\bscratch\w*\s+(?:my|her|his)\s+skin\s+open\b",
    # Found after round 7 was scored: plans told as arrangements, self-harm in other words.
    r"\b(?:juwelen|sieraden|spullen|bezittingen|stuff|things)\s+(?:\S+\s+){0,2}?(?:verdeeld|weggegeven|weg\s+te\s+geven|away)\b|\bgiv(?:e|ing)\s+(?:\S+\s+){0,2}?(?:stuff|things|belongings)\s+away\b|"
    r"\bgave\s+away\s+(?:her|his|my)\b|\b(?:pills|tablets)\s+(?:are\s+)?(?:saved|in my bag)\b|\bstash\s+of\b|"
    r"\b(?:tabletten|pillen|pleisters|strips)\s+(?:\S+\s+){0,3}?(?:zijn\s+geteld|apart\s+gelegd|liggen\s+(?:\S+\s+){0,3}?(?:klaar|bij\s+elkaar))\b|"
    r"\b(?:apart\s+gelegd|geteld)\b[^.!?]{0,60}\b(?:is\s+het\s+zover|doe\s+ik\s+het)\b|\bna\s+(?:mijn|de)\s+(?:verjaardag|kerst)\s+(?:doe\s+ik\s+het|stap\s+ik\s+eruit)\b|"
    r"\bstap\s+ik\s+eruit\b|\b(?:zelf\s+)?(?:een\s+)?(?:punt|eind|einde)\s+(?:er)?(?:achter|aan)\s+(?:zet|zetten|maken|maak)\b|\bverloren\s+zaak\b|\bcan'?t\s+keep\s+going\b|"
    r"\b(?:slaat|sloeg|bijt|beet|knijpt)\s+(?:\S+\s+)?(?:zichzelf|mezelf|haarzelf)\b|\bsnijd\s+ik\s+(?:\S+\s+)?weer\b|"
    r"\b(?:mezelf|zichzelf|haarzelf)\s+(?:\S+\s+)?(?:gaan\s+|te\s+)?(?:snijden|krassen|branden|slaan)\b|"
    r"\b(?:striemen|sneden|brandwondjes)\s+(?:\S+\s+)?(?:op|in)\s+(?:haar|zijn|z'n|zn|mijn)\s+(?:armen|arm|benen|been|polsen|pols|dijen|bovenbenen|buik)\b",
    # Means at hand with the intention: "als het niet lukt neem ik ze allemaal".
    r"\b(?:neem|slik)\s+ik\s+(?:ze|die|alles)\s+(?:\S+\s+)?allemaal\b|\b(?:take|swallow)\s+them\s+all\b|\buitzichtloos\w*",
    r"\bzelfmoord|\bzelfdoding|\bsuicid|\bsuicide\b",
    # Not waking someone else ("ik wil mijn man niet wakker maken").
    r"(?:wil|wilt|willen|wou)\s+(?:\S+\s+){0,3}?(?:niet|nooit)\s+(?:meer\s+)?(?:leven|verder|wakker(?!\s+(?:te\s+)?(?:maken|maakt|houden|bellen|schudden)))",
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
    r"\bafscheidsbrie(?:f|ven)\b|(?<!viscerale )(?<!visceral )\bcrisis\b|\bgeen uitweg\b",
    # "de chemo hoeft niet meer" is about treatment; "het hoeft niet meer" is despair.
    r"\b(?:het|t|dit|leven)\s+hoeft\s+(?:voor mij\s+|van mij\s+)?(?:allemaal\s+)?niet\s+meer(?:\s*[.,!?]|\s*$)",
    r"(?:eind|einde)\s+(?:aan|maken aan)\s+(?:\S+\s+){0,2}?(?:leven|alles)|(?:er|het)\s+(?:\S+\s+){0,2}?(?:een\s+)?(?:eind|einde)\s+aan\s+(?:\S+\s+)?maken",
    r"(?:zie|ziet|zien)\s+(?:het|t)\s+(?:\S+\s+){0,2}?(?:niet|nt|nie)\s+meer\s+zitten",
    r"(?:pillen|medicijnen|tabletten)\s+(?:\S+\s+){0,4}?(?:in\s+een\s+keer|tegelijk|allemaal)\s+(?:\S+\s+){0,2}?(?:in\s+te\s+nemen|innemen|nemen|slikken)",
    r"(?:eind|einde)\s+aan\s+(?:\S+\s+)?(?:maakt|maken|te maken)\b",
    r"weet\s+(?:echt\s+)?niet\s+(?:meer\s+)?hoe\s+(?:ik|we|wij)\s+(?:\S+\s+)?verder\s+moet",
    r"(?:kan|kun|kunnen)\s+(?:dit|het|t)\s+(?:\S+\s+){0,2}?niet\s+meer\s+aan\b|\b(?:trek|trekt)\s+(?:dit|het|t)\s+(?:\S+\s+){0,2}?(?:niet|nie)\s+meer\b",
    r"(?:er|hier)\s+niet\s+meer\s+(?:willen\s+)?zijn\b",
    r"nooit\s+(?:\S+\s+){0,1}?geboren|\bnooit\s+(?:\S+\s+){0,1}?geleefd",
    r"(?:leven|alles)\s+(?:\S+\s+){0,2}?(?:heeft|is)\s+(?:\S+\s+){0,2}?(?:geen\s+zin|zinloos)|geen\s+zin\s+meer\s+(?:in|om)\s+(?:\S+\s+){0,1}?(?:leven|verder)",
    r"\b(?:mezelf|mijzelf|zichzelf|haarzelf)\s+(?:\S+\s+){0,2}?(?:iets\s+)?(?:aandoen|aan\s+te\s+doen|van kant|ombrengen|doden)",
    r"uit het leven (?:stappen|te stappen|stapt)|\bvan kant maken\b",
    r"\bwanhopig\b(?!\s+van\s+(?:te\s+)?(?:worden|word))|\bhopeloos\b|\bhoop\s+opgegeven\b",
    r"(?:kan|kun)\s+(?:\S+\s+){0,2}?niet\s+meer\s+(?:verder|tegen)\b",
    # Plans and means: a time, a method, pills saved up.
    # Found after round 10 was scored: a named drug gathered ("40 tramadol verzameld").
    r"\b(?:pillen|tabletten|medicijnen|slaappillen|morfine|oxy\w*|tramadol|fentanyl\w*|oxazepam|temazepam|diazepam|lorazepam|"
    r"zolpidem|paracetamol|insuline|codeine)\s+(?:\S+\s+){0,4}?(?:gespaard|opgespaard|verzameld|klaar\s*(?:gelegd|liggen|staan)?|bewaard|apart gehouden|apart gelegd)\b",
    r"\b(?:gespaard|opgespaard|verzameld)\s+(?:\S+\s+){0,3}?(?:pillen|tabletten|medicijnen|slaappillen)\b",
    r"\b(?:eind|einde)\s*(?:er)?aan\b(?:\s+\S+){0,3}\s+(?:maken|maak|maakt)\b|\b(?:maak|maakt|maken)\s+(?:(?:ik|ze|zij|hij|we|je)\s+)?(?:er|het)\s+(?:\S+\s+){0,3}?(?:een\s+)?(?:eind|einde)\s+aan\b",
    r"\b(?:afscheid\s+(?:\S+\s+){0,2}?(?:nemen|genomen|neem)\s+van\s+(?:iedereen|jullie|het leven)|laatste\s+(?:\S+\s+){0,1}?(?:bericht|brief|keer dat))\b",
    # Found after round 9 was scored: a farewell said in so many words.
    r"\b(?:dit|this)\s+(?:is|was)\s+(?:eigenlijk\s+|dus\s+|really\s+)?(?:mijn|m'n|mn|een|my)\s+(?:afscheid\w*|goodbye(?:\s+message)?|final\s+message)\b|"
    r"\b(?:said|saying)\s+(?:my\s+)?goodbyes?\s+to\s+(?:everyone|everybody|my|all)\b|\bgoodbye\s+(?:texts|messages)\b",
    r"\b(?:spullen|sieraden|bezittingen)\s+(?:\S+\s+){0,3}?(?:weggeven|weg te geven|verdelen|weggegeven)\b.{0,80}\b(?:niet meer|afscheid|klaar|nodig)",
    r"\b(?:beter\s+af|beter\s+zonder\s+mij|better off)\b|\bzonder mij\s+(?:\S+\s+){0,2}?beter\b",
    r"\b(?:verdwijnen|verdwijn)\b.{0,40}\b(?:voor altijd|voorgoed|van de aardbodem|beter|niemand)",
    r"\b(?:slapen|inslapen|in slaap vallen)\s+en\s+(?:\S+\s+){0,2}?(?:nooit|niet)\s+meer\s+wakker",
    # English (and mixed) wordings.
    r"\b(?:want|wanna|wish)\s+(?:to\s+)?(?:\S+\s+){0,2}?(?:die|be dead|disappear|end it|not wake up)\b|\bkill (?:my|him|her)self\b|"
    r"\bend (?:my|her|his) (?:own )?life\b|\bend(?:ing)? it all\b|\b(?:letale|dodelijke)\s+dosis\b|\blethal dose\b|\bde datum staat vast\b|\bweet\s+(?:al\s+|precies\s+)?hoe\s+en\s+wanneer\b(?!\s+(?:ik|je|u|we|de|het|die|ze|mijn|ik)\b)|\bno (?:reason|point) (?:to|in) (?:live|living|going on)\b|"
    r"\b(?:don'?t|do not) want to (?:live|be here|go on|wake up)\b|\bsuicidal\b|\bself[- ]harm|\bhurt(?:ing)? (?:my|him|her)self\b|"
    r"\bcut(?:s|ting)? (?:my|him|her)self\b|\bgive up on (?:life|everything)\b|\bcan'?t (?:go on|take it) any ?more\b|\bgoodbye letter",
    # Self-harm, one's own or a relative's.
    r"\b(?:begonnen|beginnen|start\w*)\s+met\s+(?:krassen|snijden|mezelf\s+(?:te\s+)?(?:snijden|krassen|pijn doen))\b|"
    r"\b(?:snij|snijd|snijdt|snijt|snijden|sneed|kras|krast|krassen|bonk|bonkt)\s+(?:\S+\s+){0,5}?(?:mezelf|zichzelf|haarzelf|zich|in\s+(?:haar|zijn|mijn)\s+(?:armen|arm|benen|polsen|pols))\b",
    r"\bno hope\b|\bhopeless\b|\bgeloof\s+(?:er\s+)?(?:echt\s+)?niet\s+meer\s+in\b|"
    r"\b(?:everything|alles)\s+(?:is\s+)?(?:arranged|geregeld)\b.{0,80}\b(?:pills|pillen|afscheid|dag zeggen|goodbye)|"
    r"\b(?:nog\s+)?(?:even\s+)?(?:dag|doei|vaarwel)\s+(?:\S+\s+)?zeggen\b|\bsay(?:ing)? goodbye\b",
    r"\b(?:brandt|brand|verbrandt|bijt|slaat|krabt)\s+(?:\S+\s+)?(?:zich|zichzelf|mezelf|haarzelf)\b",
    r"\b(?:bonk|bonkt|sla|slaat)\s+(?:ik\s+|ze\s+|hij\s+)?(?:mijn|haar|zijn|mn|zn|z'n|d'r)\s+hoofd\s+tegen|\b(?:armen|arm|polsen)\s+open\w*|\bkrab\w*\s+(?:\S+\s+){0,3}?open\b",
    r"\b(?:saving|saved|hoarding)\s+(?:up\s+)?(?:my|her|his)?\s*(?:sleeping\s+)?(?:pills|tablets|morphine)",
    # Found after round 9 was scored: suicide idioms, a relative's threat,
    # means named ("hoeveel ... is dodelijk", someone else's insulin), a plan
    # set for a day, hope gone, skin cut or picked open.
    r"\bvan\s+kant\s+(?:\S+\s+)?(?:te\s+)?(?:maken|maakt|maak)\b|\b(?:zich|zig|zichzelf|mezelf|mij)\s+(?:\S+\s+)?iets\s+(?:aan\s*(?:doen|doet|te doen)|aandoet|aandoen)\b|"
    r"\ber\s+(?:gewoon\s+|ook\s+|zelf\s+)?uit\s*(?:stappen|stapt|stap)\b|^(?=.*\b(?:zelfmoord|suicide)).*\bik\s+denk\s+er\s+(?:zelf\s+)?(?:ook\s+)?(?:steeds\s+|vaak\s+)?aan\b|"
    r"\bals\s+(?:jij|zij|ze|hij|je)\s+(?:gaat|sterft|doodgaat|overlijdt)\b.{0,30}\b(?:ga|stap|wil)\s+ik\s+ook\b|\bif\s+(?:she|he|you)\s+goes?,?\s+i\s+go\s+too\b",
    r"\bafscheidsbericht\w*\b|\bhoeveel\s+(?:van\s+)?(?:mijn\s+|m'n\s+|die\s+|de\s+)?(?:\w*pil\w*|tablet\w*|morfine|oxy\w*|tramadol|paracetamol|insuline|medicijn\w*|fentanyl)\s+(?:\S+\s+){0,2}?(?:is|zijn)\s+(?:\S+\s+)?(?:dodelijk|fataal)\b|\bhow\s+many\b.{0,40}\b(?:lethal|fatal|deadly|to\s+die)\b|\bstockpil\w*\b|"
    r"\b(?:insuline|insulin)\s+van\s+(?:mijn|m'n|mn|de|haar|zijn|my)\s+(?:\S+\s+)?(?:man|vrouw|buurman|buurvrouw|vader|moeder|partner|husband|neighbour)\b|"
    r"\b(?:kom|keer)\s+(?:ik\s+)?(?:niet|nooit)\s+meer\s+terug\b|\b(?:mijn|my)\s+plan\s+is\b.{0,40}\b(?:bridge|brug|spoor|trein|train|pills|pillen|rope|touw)\b|"
    r"\b(?:rope|touw|strop)\b.{0,30}\b(?:garage|zolder|schuur|attic)\b|"
    r"^(?=.*\b(?:testament|afscheid\w*|brieven|pillen|morfine|weggegeven|weggeven)\b)(?=.*\b(?:is het zover|zet ik de rest in gang|doe ik het)\b)",
    r"(?:^|[.,!?;:]\s*|\b(?:de|mijn|m'n|mn|alle|haar|zijn|elke)\s+)(?:hoop|moed)\s+(?:is\s+)?(?:helemaal\s+|echt\s+)?weg\b(?!\s+te\b)|\bgeen\s+(?:greintje|sprankje)\s+(?:\S+\s+)?hoop\b|\b(?:kan|ken)\s+(?:\S+\s+)?niet\s+meer\s+hopen\b|\bstopped\s+hoping\b|"
    r"\bin\s+(?:haar|zijn|mijn|d'r|z'n|mn)\s+(?:arm|armen|pols|polsen|been|benen|huid)\s+(?:\S+\s+)?(?:gekrast|gesneden|geknipt)\b|"
    r"\b(?:knip\w*|pluk\w*)\s+(?:\S+\s+){0,3}?(?:in\s+)?(?:zijn|haar|mijn|m'n|mn|z'n)\s+huid\b|\bsnij\s+mich\b|"
    r"\b(?:pols|polsen|arm|armen)\s+(?:\S+\s+){0,2}?open\s*(?:gehaald|gesneden|gekrast)\b",
    r"\b(?:daughter|son|kid|child|she|he|i)\s+(?:\S+\s+)?(?:cuts|cut|burns|scratches)\b(?!\s+(?:the|a|an|her hair|his hair|my hair|vegetables|bread)\b)|\bhit(?:s|ting)?\s+(?:my|her|his)\s+head\s+against|"
    r"\bexpres\s+(?:\S+\s+){0,4}?(?:tegen de kachel|gebrand|gesneden|gekrast|pijn gedaan|verwond)|\b(?:snij|snijd|snijdt|snijden|krast|kras)\s+in\s+(?:dr|d'r|der|haar|zijn|me|mn|m'n)\s+(?:arm\w*|ben\w*|been|pols\w*)",
    r"\bzelfbeschadig\w*|\bautomutilatie\b|\bzichzelf\s+(?:\S+\s+){0,2}?(?:pijn doen|pijn te doen|verwonden|iets aandoen|iets aan te doen)",
    # Marks seen rather than the act: "krassen op zijn benen", "sneetjes in haar armen".
    r"\b(?:krassen|krasjes|sneetjes|snijwonden|snijwondjes|cuts|scratches)\s+(?:\S+\s+)?(?:op|in|on)\s+(?:haar|zijn|z'n|zn|his|her)\s+"
    r"(?:armen|arm|benen|been|polsen|pols|dijen|bovenbenen|buik|arms|legs|wrists|thighs)\b|"
    # A relative's self-harm told the other way round: "dat mijn dochter zich in haar armen snijdt".
    r"\bzich\s+(?:\S+\s+){0,6}?(?:snijdt|snijden|sneed|gesneden|krast|krassen|kraste|gekrast|verwond|verwondt|verwonden|verwondde)\b|"
    r"\b(?:krast|kras|krassen|kraste|snijdt|snijden|sneed|kerft)\s+(?:\S+\s+){0,4}?(?:scheer)?mesje\b",
    r"\b(?:pills|tablets|morphine|pillen|tabletten)\b.{0,30}\b(?:counted|ready|lined up|stockpiled|uitgeteld|geteld en klaar)\b|"
    r"\b(?:stop|stoppen|ophouden|kappen)\s+met\s+(?:leven|levn|het leven)\b",
    r"\b(?:mezelf|zichzelf|haarzelf)\s+(?:\S+\s+){0,3}?(?:gesneden|gekrast|gebrand|pijn|iets aandoet|aandoet)\b|\b(?:burning|burns|burned|burnt)\s+(?:him|her|my)self\b|\bcutting again\b|\b(?:is|was)\s+cutting\b",
    # Found after round 6 was scored: plans and means in few words, hope gone.
    r"\bmy plan is (?:ready|set|made|clear)\b|\b(?:pills|tablets|meds|morphine)\s+(?:are|is)\s+(?:ready|in the drawer|waiting|hidden)\b|"
    r"\b(?:saved|saving|stockpiled|hoarded)\s+(?:up\s+)?(?:\S+\s+){0,3}?(?:pills|tablets|morphine|oxycodone|oxy|meds|medication)\b|"
    r"\b(?:bottle|box|stash)\s+of\s+(?:morphine|pills|oxycodone|sleeping pills)\s+(?:\S+\s+){0,2}?saved\b|\bknow how (?:much|many) i need\b",
    r"\b(?:strip|strips|doosje|potje|pillen|medicijnen|tabletten)\s+(?:\S+\s+){0,3}?(?:ligt|liggen)\s+(?:al\s+)?(?:opzij|apart|verstopt|in de la)\b|\bvoor als ik besluit te gaan\b|"
    r"\bdatum\s+(?:is\s+)?(?:geprikt|gekozen|bepaald)\b|\b(?:brug|spoor|trein|flat|dak)\b[^.!?]{0,40}\ben dan is (?:het|alles) (?:klaar|over|gedaan|voorbij)\b",
    r"\bwhat(?:'s| is) the point (?:anymore|of (?:going on|living|it all))\b|\b(?:mijn|alle)\s+hoop\s+is\s+(?:helemaal\s+)?(?:weg|op|verdwenen|vervlogen)\b|\bgeloof\s+nergens\s+meer\s+in\b|"
    r"\bgeen\s+zin\s+meer\s+in\s+(?:iets|niks|niets|alles)\b|"
    # Found on the development sets after round 7: "niks heeft nog zin",
    # "er komt nooit meer iets goeds".
    r"\b(?:niks|niets|nix)\s+heeft\s+(?:nog|meer)\s+zin\b|\bnooit\s+meer\s+iets\s+goeds\b",
    r"\b(?:in|op)\s+(?:haar|zijn|mijn|m'n|z'n|mn)\s+(?:armen|arm|benen|been|polsen|pols|dijen|buik)\s+(?:\S+\s+)?(?:gesneden|gekrast|gesneeën|gesneje)\b",
    # "ik zie het nut er niet meer van in".
    r"\bzie\s+(?:\S+\s+){0,2}?(?:het\s+)?nut\s+(?:er\s+)?(?:\S+\s+)?(?:niet|nie|geen)\s+(?:meer\s+)?(?:van\s+)?in\b",
    r"\bgeen\s+(?:enkel\s+)?(?:lichtpuntje|hoop|toekomst)\s+meer\b|\bwhat'?s the point\b(?!\s+of\s+(?:a\s+|an\s+|the\s+|this\s+|that\s+|more\s+|another\s+)?(?:\w+\s+)?(?:pet|ct|scan|mri|test|biopsy|treatment|therapy|chemo|radiation|operation|surgery|medicine|behandeling|onderzoek)\w*)|\bno point\b|\bgeen zin meer\b(?!\s+in\s+(?!(?:het\s+)?leven|alles))|\b(?:alles|het leven)\s+(?:\S+\s+){0,1}?zinloos\b|\bik ben op\b|\bhet is op\b",
    r"\b(?:can'?t|cannot) do this any ?more\b|\b(?:niet|nie|nt)\s+meer\s+op\s+(?:te\s+)?(?:brengen|brenge)\b|\bending my life\b|\bend it myself\b|\bpicked (?:the|a) date\b|\bgoodbye (?:messages|notes|letters)\b",
    r"^(?=.*\b(?:doe|ga)\s+ik\s+het\b)(?=.*\b(?:brieven|afscheid|pillen|sieraden|weggegeven|als iedereen weg|als mijn man|zaterdag|zondag|vannacht|morgen))|"
    r"\b(?:he'?ll|she'?ll|i'?ll|going to|gonna|will)\s+end it\b|\bweet\s+(?:\S+\s+){0,2}?hoe\s+ik\s+het\s+ga\s+doen\b|\b(?:is het|het is)\s+genoeg geweest\b",
    r"\b(?:alle|all|all my)\s+(?:\S+\s+){0,2}?(?:pillen|morphine|pills|morfine)\b.{0,60}\b(?:take|nemen|innemen|tonight|vannacht)|\bsaved up\b.{0,40}\b(?:pills|morphine|tablets)|\bneem ik ze allemaal\b|\bneem ik ze alle\s*maal\b",
]

# Questions that ask for a personal decision or prognosis. They only overrule
# a knowledge topic or a fallback (see safety.decision.decide): the person
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

# Everyday idioms that sound like a symptom or despair ("ik schrok me dood",
# "daar word ik gek van", "I'm dying to know"). They are masked before any
# pattern or the classifier reads the text.
_IDIOMS = re.compile(
    r"\b(?:(?:schrok|schrik|schrokken|lach|lachte|verveel|verveelde)\s+(?:me|mij|ons|zich|je)\s+(?:\S+\s+)?dood|"
    r"dood\s*(?:moe|ziek van|saai|nerveus|eng|stil|gewoon|normaal)|dodelijk\s+(?:saai|vermoeiend|eng)|"
    r"(?:word|wordt|werd)\s+(?:ik|je|een mens)\s+(?:\S+\s+)?(?:gek|knettergek|horendol|wanhopig|moedeloos)\s+van|"
    r"om\s+(?:gek|wanhopig|moedeloos|moe)\s+van\s+te\s+worden|"
    # "ik ben het zat", not "ze zat versuft op de bank" or "zat aan mijn pillen".
    r"(?:spuugzat|kotsbeu|strontziek|beu|spuug\s*zat)\b|zat(?=\s*(?:[.!,?]|$)|\s+(?:van|om|dat|met|hoor|echt)\b)|mijn\s+buik\s+vol\s+van|"
    r"hart\s+(?:zakte|zonk|zakt)\s+(?:\S+\s+){0,2}?schoenen|\blig\w*\s+dubbel\b|dubbel\s+van\s+het\s+lachen|"
    r"geen\s+zin\s+(?:meer\s+)?in\s+(?:dat|die|de|het|al die|dit)\s+(?!leven\b)\S+|"
    r"dying\s+(?:to|for)|killing\s+me|scared\s+to\s+death|bored\s+to\s+death|"
    r"(?:ik|je)\s+(?:ben|bent)\s+(?:de\s+)?weg\s+kwijt\s+(?:met|in|door)|"
    r"(?:snap|begrijp)\s+er\s+(?:geen\s+(?:bal|snars|moer|jota)|niks|niets)\s+van|"
    r"(?:zie|ziet|zien)\s+(?:het|t)\s+(?:\S+\s+){0,2}?(?:niet|nie|nt)\s+meer\s+zitten\s+met\s+(?:die|de|dien|dat|het|deze|dit)\s+(?:parkeer\w*|\w*automaat|formulier\w*|papier\w*|wachtrij|wachttijd\w*|website|app|portaal|printer|computer|telefoon|verzekering\w*|rekening\w*|parking)|"
    r"koude\s+rillingen\s+van\s+(?:die|dat|de|het|deze|dit)\s+(?:folder|brief|brochure|film|verhaal|boek|serie|programma|schema|rooster|gedachte|idee|nieuws|formulier|rekening)|"
    r"(?:geeft|geven|gaf|bezorgt)\s+(?:me|mij|je|ons)\s+(?:echt\s+)?(?:de\s+)?koude\s+rillingen|"
    r"\bstik(?:te|ken|t)?\s+(?:bijna\s+|echt\s+)?van\s+(?:het\s+)?lachen|(?:de\s+)?stuipen\s+op\s+het\s+lijf|"
    r"koortsachtig\s+(?:aan\s+het\s+|op\s+)?(?:zoek\w*|werk\w*|bezig|nadenk\w*|speur\w*|regel\w*)|(?:het\s+)?hoofd\s+gebroken\s+over|word\s+(?:er\s+)?(?:echt\s+|helemaal\s+)?gestoord\s+van|"
    r"(?:de\s+)?grond\s+(?:zakte|zakt|zonk)\s+(?:\S+\s+){0,3}?weg|fed\s+up|sick\s+(?:and\s+tired\s+)?of\s+waiting|door\s+de\s+bomen\s+het\s+bos\s+(?:niet\s+)?(?:meer\s+)?(?:niet\s+)?(?:zien|zie|ziet)|"
    r"op\s+van\s+de\s+zenuwen|(?:tril|tril\w*|sta\s+te\s+trillen)\s+(?:\S+\s+){0,2}?(?:mijn|m'n|mn|haar|zijn)\s+benen\s+van\s+(?:de\s+)?(?:zenuwen|spanning|angst|de stress)|"
    r"(?:zie|ziet|zien)\s+door\s+de\s+bomen\s+het\s+bos\s+(?:niet|nie)(?:\s+meer)?|krijg\w*\s+er\s+(?:\S+\s+)?koude\s+rillingen\s+van\b|"
    r"bijna\s+een\s+hartaanval|(?:almost|nearly)\s+(?:had|gave\s+(?:me|her|him))\s+a\s+heart\s+attack|"
    r"koude\s+rillingen\s+(?:als|wanneer|bij)\s+(?:ik|ze|hij|je)\s+(?:\S+\s+){0,4}?(?:denk|denkt|lees|leest|hoor|hoort|zie|ziet)\b|"
    r"(?:viel|val|valt|vallen)\s+bijna\s+van\s+(?:mijn|m'n|mn)\s+stoel|van\s+(?:mijn|m'n|mn)\s+stoel\s+(?:\S+\s+)?van\s+(?:verbazing|schrik|het\s+lachen)|"
    r"van\s+(?:mijn|m'n|mn)\s+a\s*propos|"
    r"\w+\s+(?:\w+\s+)?(?:\w+\s+)?,?\s*figuurlijk(?:\s+dan)?)"
)
# A warning sign quoted, then said to be happening now: "de verpleegkundige
# zei: 'plotseling benauwd ..., meteen bellen'. Dat heb ik nu." The quoted
# words count as a report of now.
_REFERS_BACK_TO_NOW = re.compile(
    r"\b(?:dat|dit|die)\s+(?:heb|heeft|hebben|voel|voelt|gebeurt)\s+(?:ik|ze|zij|hij|het|er\s+)?\s*(?:nu|nou|op dit moment)\b"
    r"(?!\s+(?:niet|nie|geen|gelukkig niet|nog niet))|\bis\s+(?:dit|dat)\s+(?:dat|het)\s*\?|"
    r"\bis\s+(?:dit|dat)\s+(?:waar|wat)\s+(?:\S+\s+){0,3}?(?:voor\s+)?(?:waarschuwde|waarschuwden|bedoelde|bedoelden)\b|"
    r"\b(?:that|this)\s+is\s+(?:happening|what i have)\s+(?:now|right now)\b|\bis\s+this\s+(?:it|the thing|what)\b.{0,30}\bwarned\b"
)
_LETTER = re.compile(r"[a-z]")
_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?(?:</\1\s*>|$)", re.S)
_TAG = re.compile(r"<[^>]{0,500}>")


def _compile(patterns: List[str]) -> PrefilteredPattern:
    # The alternation of the patterns; only the parts that can match a given
    # message run (safety/prefilter.py: five times faster, the same matches).
    return PrefilteredPattern(patterns)


_ALARM_RE: List[Tuple[str, PrefilteredPattern]] = [
    (category, _compile(patterns)) for category, patterns in _ALARM_PATTERNS.items()
]
_DISTRESS_RE = _compile(_DISTRESS_PATTERNS)
_PERSONAL_RE = _compile(_PERSONAL_PATTERNS)


@dataclass(frozen=True)
class SafetyVerdict:
    """What the detector found in one message.

    `alarm_categories` and `distress` count only triggers that describe
    something happening now; triggers in a negated, past, hypothetical or
    informational frame (safety.context) are in `framed_categories` and
    `framed_distress`: such a message gets its answer plus a safety line.
    """

    alarm_categories: Tuple[str, ...]
    distress: bool
    has_words: bool
    personal: bool = False
    framed_categories: Tuple[str, ...] = ()
    framed_distress: bool = False
    # The normalised text with idioms and framed triggers blanked out: what
    # the learned classifier reads, so "geen koorts" does not count as fever.
    masked: str = ""
    # A recovery, a denial, a hypothetical sentence or a question about a rule
    # anywhere in the message, even where no pattern matched.
    frame_cue: bool = False

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

    @property
    def mentions_red_flag(self) -> bool:
        """A trigger word appears, whatever its frame."""
        return bool(self.alarm_categories or self.distress or self.framed_categories or self.framed_distress)


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


def _inside(span: Tuple[int, int], spans: List[Tuple[int, int]]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in spans)


def _current_and_framed(
    regex: PrefilteredPattern,
    clean: str,
    framed_spans: List[Tuple[int, int]],
    demoting: FrozenSet[str] = ALL_FRAMES,
    sentence_frames: Sequence[Tuple[str, List[Tuple[int, int]]]] = (),
    past_must_be_over: bool = False,
) -> Tuple[bool, bool]:
    """Whether `regex` matches as something happening now, and whether it
    matches only inside a non-current frame of the kinds in `demoting`
    (whose spans are collected). `sentence_frames` are whole sentences with
    the frame they put their words in ("in case of chest pain, bel ik 112
    of de oncologie?" is hypothetical). With `past_must_be_over`, a past
    frame counts only when the episode is said to be over or long ago."""
    framed = False
    spans = []
    for match in regex.finditer(clean):
        frame = frame_of(clean, match.start(), match.end())
        if frame.kind == PAST and past_must_be_over and not past_is_over(clean, match.start(), match.end()):
            frame = Frame(None)
        if frame.current or frame.kind not in demoting:
            frame = next(
                (Frame(kind) for kind, kind_spans in sentence_frames if _inside(match.span(), kind_spans)),
                frame,
            )
        if frame.current or frame.kind not in demoting:
            return True, False
        framed = True
        spans.append((match.start(), match.end()))
    framed_spans.extend(spans)
    return False, framed


def _mask(text: str, spans: List[Tuple[int, int]]) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " + text[end:]
    return " ".join(text.split())


def assess(text: str) -> SafetyVerdict:
    """Run every pattern on one message, with the frame of each match."""
    clean = _IDIOMS.sub(" ", normalise(text))
    current: List[str] = []
    framed: List[str] = []
    framed_spans: List[Tuple[int, int]] = []
    # Whole sentences that ask about a possibility (safety.context).
    hypothetical = hypothetical_sentence_spans(clean)
    alarm_sentence_frames = (
        (HYPOTHETICAL, hypothetical),
        (INFORMATIONAL, cause_question_spans(clean) + general_question_spans(clean)),
    )
    for category, regex in _ALARM_RE:
        is_current, is_framed = _current_and_framed(
            regex, clean, framed_spans, sentence_frames=alarm_sentence_frames
        )
        if is_current:
            current.append(category)
        elif is_framed:
            framed.append(category)
    if framed and _REFERS_BACK_TO_NOW.search(clean):
        current.extend(category for category in framed if category not in current)
        framed = []
    # "Wat als ik gewoon stop met leven?" is not a hypothetical question about
    # a symptom: for distress, only a denial, the past or reading about it
    # lowers the weight of the words.
    # Except asking ahead who helps if it comes some day ("mocht ik ooit zo
    # somber worden ..., bij wie kan ik dan terecht?").
    distress, framed_distress = _current_and_framed(
        _DISTRESS_RE,
        clean,
        framed_spans,
        DISTRESS_DEMOTING_FRAMES | {ASKS_AHEAD},
        sentence_frames=((ASKS_AHEAD, ahead_help_spans(clean)),),
        # Despair "toen ik de uitslag hoorde" may still be going on.
        past_must_be_over=True,
    )
    # Denied symptoms that are no pattern of their own ("geen diarree") are
    # hidden from the classifier too.
    denials = [match.span() for match in DENIAL.finditer(clean)]
    framed_spans.extend(denials)
    framed_spans.extend(hypothetical)
    return SafetyVerdict(
        alarm_categories=tuple(current),
        distress=distress,
        has_words=bool(_LETTER.search(clean)) or bool(_LETTER.search(normalise(text))),
        personal=bool(_PERSONAL_RE.search(clean)),
        framed_categories=tuple(framed),
        framed_distress=framed_distress,
        masked=_mask(clean, framed_spans),
        frame_cue=bool(denials or hypothetical) or says_over_or_asks_a_rule(clean),
    )
