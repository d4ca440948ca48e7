"""Context frames around a red-flag trigger: is the symptom happening now?

A trigger word ("koorts", "benauwd", "gevallen") is urgent only when it
describes something happening now. The same word in an ordinary question is
not: "ik heb geen koorts" (negated), "vorig jaar had ik koorts" (past), "wat
als ik koorts krijg?" (hypothetical), "is koorts een bijwerking?" or "ik las
dat ..." (informational). Such a message gets its answer plus a short safety
line instead of the urgent reply that would replace the answer.

The idea is ConText (Harkema et al. 2009), which clinlp implements for Dutch
clinical text. clinlp needs spaCy 3.5+ and pydantic 2, which cannot live
beside rasa 3.6, so the triggers here are our own, written for how patients
type, and applied to the normalised text of safety.red_flags.

A frame trigger governs the words after it (or, for a few, before it) up to
the end of its clause: a sentence end, "maar", "alleen", "en nu", "but".
"Ik had vorig jaar koorts, maar nu ben ik erg benauwd" is therefore still
urgent: the past frame ends at "maar".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, List, Match, Optional, Pattern, Tuple

NEGATED = "negated"
PAST = "past"
HYPOTHETICAL = "hypothetical"
INFORMATIONAL = "informational"
ALL_FRAMES = frozenset({NEGATED, PAST, HYPOTHETICAL, INFORMATIONAL})
# Asking ahead who helps if despair comes some day: the one hypothetical
# that lowers the weight of despairing words (safety.red_flags.assess).
ASKS_AHEAD = "asks_ahead"

# Where a frame stops: the end of a sentence or a turn such as "maar".
_CLAUSE_END = re.compile(
    r"[.!?;]+(?:\s|$)|\n|\s(?:maar|alleen|echter|behalve|but|however|en nu|nu wel|inmiddels|sinds)\s"
    # "twee jaar geleden gebroken, nu heb ik uitzaaiingen": what follows ", nu"
    # is about now; a symptom there is a trigger of its own.
    r"|,\s*(?:en\s+)?nu\s"
)

# Month names, Dutch and English, for dates ("in maart", "in january").
_MONTHS = (
    r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    r"january|february|march|june|july|august|october)"
)

# Triggers that govern what follows them in the clause. Kept short and
# specific: a frame that is too wide would hide a real alarm, so every
# trigger here was added for a family of everyday wordings, not one sentence.
_FORWARD: List[Tuple[str, str]] = [
    # Negation: the symptom is denied (only a few words before it, see
    # _NEGATION_WORDS: "het gaat niet goed, ik heb koorts" is not negated).
    (
        NEGATED,
        # Not when it negates another verb: "als het niet lukt, neem ik ze allemaal".
        r"\b(?<!waarom )(?<!why )(?:geen|gene|gen|zonder|nooit|niet|nie|niks|niets|niemand(?!\s+meer)|no|not|never|without|nobody|no one|"
        r"don'?t have|do not have|doesn'?t have|does not have|hasn'?t had|has not had|haven'?t had|nul komma nul|zero)\b"
        # Nor "kan niet ophouden met bibberen": the symptom goes on.
        r"(?!\s+(?:meer\s+)?(?:lukt|lukken|helpt|helpen|werkt|werken|beter|goed|ophouden|ophoude|stoppen|stoppe|stop)\b)",
    ),
    # Past and over: long ago, an earlier treatment.
    (
        PAST,
        r"\b(?:vorig(?:e)?\s+(?:jaar|maand|kuur|behandeling|keer|najaar|voorjaar|zomer|winter|lente|herfst)|vorig jaar|verleden jaar|"
        r"(?:heb|had|ben|was|is|hebben|heeft)\s+(?:\S+\s+)?ooit|in het begin(?:\s+van)?|"
        r"(?:\w+\s+)?(?:jaar|jaren|maanden|maand|weken)\s+geleden|vroeger|destijds|in het verleden|vorige?\s+week|"
        r"toen\s+(?:ik|ze|zij|hij|we|wij|haar|zijn|mijn|mn|m'n|mama|moeder|mam|ma|pa|mijn moeder)|"
        r"tijdens\s+(?:de|mijn|haar|zijn)\s+(?:eerste|vorige)|bij\s+(?:de|mijn|haar)\s+(?:eerste|vorige)|"
        r"na\s+(?:de|mijn|haar|zijn|het)\s+(?:eerste|vorige|tweede|derde|\d+e|\d+ste)\s+(?:kuur|chemo\w*|behandeling|operatie|bestraling|diagnose|infuus|ronde)|"
        r"(?:een\s+)?(?:tijd|tijdje|poos|poosje)\s+(?:geleden|terug)|lang geleden|als\s+(?:tiener|kind|puber)|"
        r"(?:begin|eind|halverwege|eerder)\s+dit\s+jaar|"
        r"in\s+(?:het|'t|de)\s+(?:voorjaar|najaar)|(?:a|one|half a|\w+)\s+(?:year|month|week)s?\s+ago|long ago|a while (?:ago|back)|"
        r"in\s+(?:the\s+)?(?:spring|summer|autumn|fall|winter)|as\s+a\s+(?:teenager|kid|child)|"
        rf"in\s+(?:19|20)\d\d|in\s+(?:{_MONTHS}|may)|(?:\w+\s+)?(?:maanden|maand|jaar|jaren|weken)\s+terug|"
        r"(?:in de|vorige|afgelopen|deze)\s+(?:zomer|winter|lente|herfst|kerst)|afgelopen\s+(?:weekend|voorjaar|najaar|kuur)|"
        r"(?:\w+\s+)?kuren\s+(?:geleden|terug)|die\s+keer\s+(?:dat|toen)|ooit\s+eens|(?:met|rond)\s+(?:de\s+)?(?:kerst|kerstmis|pasen|oud en nieuw)|"
        r"in\s+(?:de|mijn|haar|zijn)\s+(?:eerste|vorige)\s+(?:lijn|kuur|chemo\w*|serie|behandeling)|(?:eind|begin|medio)\s+(?:19|20)\d\d|"
        rf"op\s+\d{{1,2}}\s+{_MONTHS}|(?:the|my|her|his)\s+(?:last|previous)\s+(?:cycle|round|course)|(?:a few|some|two|three)\s+years\s+back|"
        r"once\s+(?:i|she|he|we|my|on)\s+(?:\S+\s+)?(?:had|took|was|fell|got|swallowed)|"
        r"last (?:year|month|spring|summer|autumn|fall|winter)|years ago|months ago|back then|back in|in the past)\b",
    ),
    # Hypothetical or conditional: what if, when should I call.
    (
        HYPOTHETICAL,
        r"\b(?:wat\s+(?:als|moet ik doen als|te doen als|doe ik als|gebeurt er als)|stel\s+(?:dat|nou|je voor)|"
        r"(?:voor het geval|in geval)|indien|mocht(?:en)?\s+\S+|stel\s+(?:ik|je|ze|hij|mama|mijn)|"
        r"welke\s+(?:klachten|signalen|symptomen|verschijnselen|tekenen)|hoe\s+(?:herken|merk|zie)\s+(?:ik|je|u|we)|"
        r"wat\s+(?:moet|moeten|doe|doen)\s+(?:je|ik|we|u)\s+(?:\S+\s+){0,2}?(?:als|bij|wanneer)|"
        r"(?:mag|moet|kan|kun)\s+(?:ik|je|u|ze|hij)\s+bij\b|"
        r"alarmsympto\w*|if\s+(?:\S+\s+){0,3}?(?:ever|one day|gets?|starts?|has|have|becomes?|develops?|feels?)\b|"
        r"wanneer\s+(?:moet|mot|moeten|moete|moet je|bel|bellen|belle|is het|moet ik|mot ik)|"
        r"what\s+(?:should|do|must|can)\s+(?:i|we|you)\s+do\s+(?:if|when)|what to do (?:if|when)|"
        r"bij\s+(?:welke|hoeveel|wat voor)|vanaf\s+(?:welke|hoeveel)|"
        r"(?:kan|kun|kunnen|zou|zouden)\s+(?:ik|je|u|ze|zij|men|mensen|patienten|vrouwen)\s+(?:\S+\s+){0,3}?"
        r"(?:krijgen|ontstaan|optreden|ontwikkelen)|"
        r"(?:bang|angst|zorgen|schrik|idee|gedachte)\s+(?:\S+\s+){0,2}?(?:dat|voor|om)|(?:vraagt|vroeg|vragen|vraag)\s+(?:\S+\s+){0,2}?of\b|"
        r"waar\s+(?:moet|moeten)\s+(?:ik|we|je)\s+(?:op\s+)?letten|waarschuwings\w*|alarmsignal\w*|"
        r"\bals\s+(?:ik|ze|zij|hij|je|u|mama|mijn\s+\w+)\s+(?:nou\s+|straks\s+|ooit\s+|weer\s+|later\s+)?(?:\S+\s+){0,3}?"
        r"(?:ga|gaat|gaan|krijg|krijgt|zou|zouden)|"
        r"what if|in case|should i call|when should|suppose|supposing|imagine)\b",
    ),
    # Informational: asking about or reading about the symptom in general.
    (
        INFORMATIONAL,
        # Not hearsay about someone now: "ik hoorde van de buren dat mijn moeder verward ...".
        r"\b(?:(?<!toen )(?<!nadat )(?<!sinds )ik\s+(?:las|lees|heb gelezen|hoorde|heb gehoord)"
        r"(?!\s+(?:net\s+|zojuist\s+)?van\s+(?:de|mijn|m'n|mn|haar|zijn|onze)\s+(?:buren|buurvrouw|buurman|zoon|dochter|man|vrouw|moeder|vader|"
        r"zus|broer|thuiszorg|verpleging|verzorging|oppas|kinderen)|\s+(?:\S+\s+){0,6}?zeggen\b)|(?:las|lees|gelezen|gehoord)\s+(?:dat|over|op|in)|"
        r"op internet|in (?:de|een) (?:folder|brochure|krant)|op (?:de|een) (?:website|site|forum)|"
        r"(?:de|mijn|haar) (?:arts|dokter|oncoloog|verpleegkundige|huisarts)\s+(?:zei|vertelde|noemde|had het over|sprak over)|"
        r"(?:is|zijn|kan|kunnen)\s+(?:\S+\s+){0,4}?(?:een\s+)?bijwerking(?:en)?|"
        r"(?:hoe\s+vaak|hoeveel\s+(?:mensen|vrouwen|patienten|procent)|hoe\s+groot is de kans|"
        r"hoe\s+(?:ontstaat|ontstaan|komt het|behandel|behandelt|wordt)|"
        r"waarom\s+(?:krijgen|krijg|hebben|heb)|komt\s+(?:\S+\s+){0,2}?vaak voor|"
        r"sommige\s+(?:mensen|vrouwen|patienten)|andere\s+(?:mensen|vrouwen|patienten)|"
        r"(?:mensen|vrouwen|patienten)\s+(?:die|met)|in het algemeen|algemene vraag|"
        r"is it a side effect|is that a side effect|side effects?|i read|general question))\b",
    ),
]

# "Wat is ..." only right before the symptom ("wat is hypercalciemie"), not
# in "wat is er aan de hand, ik krijg geen lucht".
_FORWARD.append(
    (
        INFORMATIONAL,
        r"\b(?:wat\s+(?:is|zijn|betekent|betekenen|houdt)|what\s+(?:is|are|does|means))\s+(?:\S+\s+){0,2}$",
    )
)
# A condition right before the symptom: "moet ik 112 bellen als ze een ...",
# "if fever comes ...".
_FORWARD.append(
    (
        HYPOTHETICAL,
        r"(?:\b(?:moet|moeten|mot)\s+(?:ik|we|je)\s+(?:\S+\s+){0,2}?(?:bellen|belle|komen|gaan)\s+(?:als|wanneer)\s+(?:\S+\s+){0,3}?"
        r"|\bif\s+(?:the\s+|a\s+|my\s+|her\s+|his\s+)?)$",
    )
)
# "het woord 'dwarslaesie'", "medicijnen tegen epilepsie": the word itself,
# or a medicine against it, not the symptom (not "pillen voor een dodelijke
# dosis").
_FORWARD.append(
    (
        INFORMATIONAL,
        r"\b(?:(?:het|dat)\s+woord|de\s+term|het\s+begrip|the\s+(?:word|term)|"
        r"(?:medicijnen|medicatie|middelen|middel|pillen|tabletten|medicine|medication|drugs)\s+(?:tegen|against))"
        r"\s+(?:de\s+|een\s+)?['\"]?$",
    )
)
# "welke koorts is gevaarlijk?": asking which kind counts.
_FORWARD.append((HYPOTHETICAL, r"\bwelke\s+(?:\S+\s+)?$"))
# "kan chemo tintelingen geven?": a question whether a treatment causes it.
_FORWARD.append(
    (
        INFORMATIONAL,
        r"\b(?:kan|kunnen|geeft|geven|krijg je)\s+(?:de\s+)?(?:chemo\w*|kuur|behandeling|bestraling|hormoontherapie|"
        r"medicijnen|pillen|tabletten|uitzaaiing\w*|hersenuitzaaiing\w*|botuitzaaiing\w*|metastas\w*|mets|tumou?r\w*|kanker)\s+$",
    )
)
# Asking whether a rule or threshold applies: "bellen bij 38 of pas bij 38,5?",
# "welke drempelwaarde ...", "do I call you or 112?". Read over the whole
# stretch before the trigger (like the past), since "of" and commas split it.
_RULE_QUESTION = re.compile(
    r"\b(?:drempel\w*|grenswaarde\w*|threshold|(?:bij|vanaf)\s+welke\s+temperatuur|(?:at|from)\s+what\s+temperature|"
    r"(?:bellen|bel|belle|call)\s+(?:\S+\s+){0,2}?(?:bij|vanaf|boven|above|at|from)\s+(?:\d\d(?:[.,]\d)?\s+(?:of|or)\s+(?:pas\s+)?(?:bij\s+)?)?$|"
    r"(?:do|should|must|shall)\s+(?:i|we)\s+call\s+(?:\S+\s+){0,3}?(?:or\s+)?$|"
    r"(?:bel|bellen)\s+(?:ik|we|je)\s+(?:\S+\s+){0,3}?(?:of\s+)?$|"
    r"(?:moet|moeten|mot)\s+(?:ik|we|je)\s+(?:\S+\s+){0,3}?(?:bellen|belle)\s+(?:of\s+)?$)"
)

# Triggers that govern what comes before them in the clause ("koorts heb ik
# niet", "koorts gehad").
_BACKWARD: List[Tuple[str, str]] = [
    (
        NEGATED,
        r"\b(?:heb ik niet|had ik niet|is er niet|gelukkig niet|niet gehad|nooit gehad|nee)\b|"
        r"\b(?:ben|is|heb|had|heeft|was)\s+(?:ik|ze|zij|hij)\s+(?:ook\s+|echt\s+|gelukkig\s+|helemaal\s+)?(?:niet|nie)\b(?!\s+meer\b)|"
        r"\b(?:heb|had)\s+(?:ik|ze|hij)\s+(?:\S+\s+){0,3}?(?:niet|nooit)\s+(?:gehad|last van)\b",
    ),
    (
        PAST,
        r"\b(?:gehad|was (?:toen|destijds)|jaar geleden|jaren geleden|maanden geleden|vroeger|van vorige (?:week|maand|keer)|"
        r"vorig jaar|vorige maand|last year|last month|years ago|months ago)\b",
    ),
    (
        HYPOTHETICAL,
        r"\b(?:krijg(?:t|en)?\s*\?|zou kunnen krijgen|kan krijgen|kunnen krijgen)|\bzou(?:den)?\s+(?:krijgen|hebben|gebeuren|ontstaan)\b|"
        r"^(?:bellen|bel|call)\s+(?:als|wanneer|if|when)\b|"
        r"\b(?:wat|wie)\s+(?:moet|moeten|doe|kan|bel)\s+(?:ik|we|je|u)\s+(?:\S+\s+)?(?:dan|in dat geval)\b",
    ),
    (
        INFORMATIONAL,
        r"(?:een\s+)?bijwerking(?:en)?\s*(?:\?|van)|is dat normaal\s*\?|komt dat vaak voor|"
        r"\bhoe komt dat\s*\?|side effect|\bals bijwerking|\b(?:een\s+)?(?:symptoom|teken|signaal|verschijnsel)\s+(?:van|bij)\b|"
        r"\ba\s+(?:sign|symptom)\s+of\b|\b(?:geven|veroorzaken|cause|causes)\s*\?|\b(?:vaak|veel) voor\b|\b(?:las|lees|hoorde) ik\b|\bheb ik (?:gelezen|gehoord)\b",
    ),
]

_FORWARD_RE: List[Tuple[str, Pattern[str]]] = [(frame, re.compile(p)) for frame, p in _FORWARD]
_BACKWARD_RE: List[Tuple[str, Pattern[str]]] = [(frame, re.compile(p)) for frame, p in _BACKWARD]
_PAST_RE: Pattern[str] = next(regex for frame, regex in _FORWARD_RE if frame == PAST)

# A frame trigger this far or nearer before the symptom governs it; a
# negation only within a few words ("geen last van koorts").
_MAX_FORWARD_CHARS = 90
_NEGATION_WORDS = 3
_BACKWARD_WORDS = 4
# "koorts heb ik deze kuur niet gehad": a denial may come a few words later.
_NEGATION_BACKWARD_WORDS = 7
_MAX_BACKWARD_CHARS = 60

# A conversation ended as usual, with a next time in view ("tot morgen",
# "merci, tot de volgende keer"): the opposite of a farewell, which the
# classifier alone had read as one after round 9 (a pattern still counts).
_SEE_YOU_AGAIN = re.compile(
    r"(?:^|[,.!?;:]\s*|\b(?:dag|doei|ok|oke|bedankt|dank\w*|merci|thanks|groetjes)\s+)"
    r"(?:tot\s+(?:morgen|later|straks|gauw|de\s+volgende(?:\s+keer)?|een\s+volgende\s+keer|volgende\s+week)|"
    r"see\s+you\s+(?:tomorrow|later|soon|next\s+time))"
    r"(?:\s+(?:maar\s+weer|misschien|allemaal|hoor|dan|weer))?\W*$|^(?:\W*\w+\W+){0,2}?(?:hier|daar)\s+ben\s+ik\s+weer\b"
)

# Words after the symptom, in the same sentence, that say it is over: "toen
# gebeld en alles was ok", "sindsdien niks meer", "I'm fine now".
_RESOLVED = re.compile(
    r"\b(?:alles (?:was|is) (?:weer\s+)?(?:ok|oke|goed|in orde)|(?:gaat|ging|loopt|is) (?:het\s+)?(?:nu\s+)?weer (?:goed|normaal|beter)|"
    r"(?:sindsdien|daarna|nadien) (?:niks|niets|nooit|geen)|(?:is|was) (?:nu\s+)?weer (?:over|weg|normaal)|"
    r"(?:fine|ok|okay|better) now|now (?:all\s+|everything\s+)?(?:ok|okay|fine|good|well)|nothing since(?!\s+(?:yesterday|this|last|today|\d))|never again since|"
    r"(?:is|was) (?:toen\s+)?(?:over|overgegaan)(?!\s+(?:\d+|een|twee|drie|vier|vijf|enkele|paar|een paar|mijn|zijn|haar|de|het|je|hun|ons|onze|wat|alles|iets|dat|die|dit)\b)|"
    r"(?<!verder )(?:gaat|ging) (?:het\s+)?(?:nu\s+)?(?:weer\s+)?(?:goed|prima)|weer\s+(?:helemaal\s+)?(?:de|het)\s+oude|"
    r"(?:is|was|zijn)\s+(?:nu\s+)?ingesteld\s+op|bleek\s+(?:\S+\s+){0,2}?(?:mee\s+te\s+vallen|spier\w*|onschuldig|niks|niets)|"
    r"voel\s+(?:ik|ze|hij)\s+(?:me|mij|zich)\s+(?:nu\s+)?(?:weer\s+)?(?:prima|goed)|"
    r"(?:nu|inmiddels)\s+(?:is\s+)?(?:alles\s+)?(?:weer\s+)?(?:goed|ok|oke|prima)\b|"
    r"sinds\s*dien (?:niks|niets|nooit|geen)|(?:kwam|kwamen) (?:door|van) |"
    r"(?:now|nu)\s+stab\w*|(?:is|was)\s+(?:nu\s+)?stabiel|liep\s+(?:\S+\s+)?goed\s+af|(?:is|was)\s+goed\s+afgelopen|"
    r"niks gebroken|niets gebroken|die\s+(?:zijn|is)\s+(?:\S+\s+)?(?:weg|over|verdwenen)|"
    r"it'?s gone|it went away|went away|(?:it|that) passed|passed (?:in|after)|gone now|"
    r"(?:is|was|zijn)\s+(?:nu\s+)?(?:al\s+|allang\s+)?(?:weer|wer)\s+(?:weg|over)|allang\s+(?:weer\s+)?(?:weg|over)|"
    r"(?:(?:is|was|zijn|waren)\s+(?:nu\s+)?(?:weer\s+)?helemaal\s+(?:weg|verdwenen)\b)|(?:weer\s+)?helemaal\s+(?:opgeknapt|over|hersteld|goed)|\bopgeknapt\b|(?:het|dat|die|t)\s+(?:is|was)\s+(?:helemaal\s+|al\s+|nu\s+)?weg\b|"
    r"all (?:good|fine|ok|okay) now|(?:was|bleek)\s+(?:het\s+|t\s+|'t\s+)?(?:niks|niets)\s+ernstigs|(?:gaat|ging)\s+(?:het\s+)?(?:weer\s+)?top\b|"
    r"niet\s+meer\s+(?:gebeurd|voorgekomen|teruggekomen)|(?:was|is)\s+(?:er\s+)?niks\s+aan\s+de\s+hand|"
    r"(?:nu|now)\s+(?:is\s+(?:het|t)\s+)?(?:weer\s+)?rustig|(?:it|they)\s+(?:was|were)\s+(?:radiated|treated)|"
    r"(?:is|werd|was)\s+(?:toen\s+)?(?:bestraald|geopereerd)|zakte\s+(?:het|dat)\b(?!\s+niet)|"
    r"(?:ben|is)\s+(?:ik|ze|hij)\s+(?:nu\s+)?(?:weer\s+)?rustig|"
    # Recovered: "nu is ze weer fit", "ben ik weer helemaal helder".
    r"(?:nu|inmiddels)\s+(?:is|ben|zijn)\s+(?:ze|zij|hij|ik|we)\s+(?:weer\s+)?(?:helemaal\s+)?(?:fit|helder|beter|goed|hersteld|de oude)\b|"
    r"(?:is|ben|zijn)\s+(?:ze|zij|hij|ik|we)\s+(?:nu\s+|inmiddels\s+|al\s+)?(?:weer\s+)?(?:helemaal\s+)?(?:fit|helder|hersteld|opgeknapt)\b|"
    r"(?:nu|inmiddels)\s+(?:is\s+)?(?:alles|allemaal)\s+(?:weer\s+)?(?:goed|ok|oke|prima|in orde)\b|"
    r"(?:nu|inmiddels)\s+gaat\s+het\s+(?:weer\s+|wat\s+|iets\s+|een stuk\s+|veel\s+)?(?:beter|goed)\b|"
    r"(?:nu|inmiddels|sindsdien)\s+(?:eet|drink|loop|slaap|plas|werk|fiets|wandel|eten|lopen)\s+(?:ik|ze|hij|zij|we)\s+(?:weer\s+)?(?:gewoon|normaal|goed|prima)\b|"
    # Over: "dat is gelukkig over", "dat is lang voorbij", "daarna niet meer".
    # "als ik het stuur omgooi is het voorbij" is a consequence: the inverted
    # order needs a word such as "nu" or "gelukkig".
    r"(?:(?:dat|het|die|t)\s+is\s+(?:(?:nu|gelukkig|al|allang|lang|inmiddels|toen|echt|helemaal)\s+){0,2}|"
    r"(?<!dan )(?<!then )is\s+(?:dat|die)\s+(?:(?:nu|gelukkig|al|allang|lang|inmiddels|toen|echt|helemaal)\s+){0,2}|"
    r"(?<!dan )(?<!then )is\s+het\s+(?:(?:nu|gelukkig|al|allang|lang|inmiddels|toen|echt|helemaal)\s+){1,2})"
    r"(?:over|voorbij|verleden tijd)\b"
    r"(?!\s+(?:\d|een|twee|drie|vier|vijf|enkele|paar|een paar)\b)|"
    r"(?:daarna|sindsdien|nadien|sinds\s*dien)\s+(?:niet|nooit)\s+meer|sinds\s+(?:\S+\s+){0,5}?nooit\s+meer|"
    r"(?:er\s+)?(?:is|was)\s+(?:toen\s+)?(?:gelukkig\s+)?(?:niks|niets)\s+(?:gebeurd|mis)\b|"
    r"(?:is|was)\s+(?:toen\s+)?(?:gelukkig\s+)?goed\s+afgelopen|liep\s+(?:toen\s+)?(?:gelukkig\s+)?goed\s+af|"
    r"(?:is|zijn|was|waren)\s+(?!(?:\S+\s+){0,3}?(?:niet|nie|nooit)\b)(?:\S+\s+){0,4}?"
    r"(?:weggegaan|verdwenen|overgegaan|genezen|hersteld|geheeld|vergroeid)\b|"
    r"(?:dat|het)\s+doe\s+ik\s+(?:\S+\s+){0,4}?niet\s+meer|(?:gaat|ging)\s+(?:het\s+)?(?:nu\s+)?(?:weer\s+)?(?:wat|iets|een stuk|veel)\s+beter|"
    r"(?:al\s+\S+\s+|weer\s+|nu\s+)?(?:koortsvrij|aanvalsvrij|fever[- ]free|seizure[- ]free)|"
    r"(?:all|everything)\s+(?:was|is)\s+(?:fine|ok|okay|good|normal)|(?:been|is|was)\s+stable|(?:has|have)\s+healed|healed\s+(?:now|up)|"
    r"(?:was\s+)?fixed\s+in\s+(?:the\s+)?hospital|it\s+was\s+nothing|(?:het|dat|die|t)\s+ging\s+(?:weer\s+|vanzelf\s+)?over\b|"
    # Back to normal: "nu fit", "nu is ze weer wakker en kwiek", "er bovenop gekomen", "alles over".
    r"(?:nu|now|inmiddels)\s+(?:weer\s+)?(?:fit|kwiek|hersteld|genezen|healed)\b|(?:nu|inmiddels)\s+(?:is|ben|zijn)\s+(?:ze|zij|hij|ik|we)\s+(?:weer\s+)?(?:\S+\s+)?(?:en\s+)?kwiek\b|"
    r"er\s+(?:weer\s+)?(?:bovenop|boven op)\s+gekomen|(?:is|zijn|was)\s+(?:allemaal\s+|toch\s+)?goed\s+gekomen|"
    r"(?:^|[,.]\s*|\b(?:en|nu|toen)\s+)(?:is\s+|was\s+)?(?:alles|allemaal)\s+(?:weer\s+)?over\b(?!\s*(?:gegeven|geven))|"
    r"now\s+(?:i am|i'm|she is|she's|he is|he's|it is|it's|they are)\s+(?:all\s+)?(?:fine|ok|okay|better|healed|well|stable)\b|"
    r"\bno\s+(?:more\s+)?(?:seizures|fits|attacks|fever|bleeding|problems|episodes)\s+since(?!\s+(?:yesterday|this|last|today|\d|morning|tonight))|no more since|nothing happened|niks gemerkt|niets gemerkt|"
    r"(?:nu|inmiddels)\s+(?:al\s+)?(?:\d+|een|twee|drie|vier)\s+(?:dagen|weken|maanden)\s+(?:rustig|niks|niets|geen|weg|over)\b|"
    r"(?:nu|inmiddels)\s+(?:is|zijn)\s+(?:de\s+|het\s+|die\s+)?\w+\s+(?:weer\s+|goed\s+)?onder controle|"
    r"(?:ben|is|zijn)\s+(?:ik|ze|hij|we)\s+er\s+(?:weer\s+|nu\s+)?doorheen|"
    r"(?:nu|inmiddels)\s+(?:loop|loopt|adem|ademt|praat|plas|plast|eet|drinkt|drink)\s+(?:ik|ze|hij|zij)\s+(?:weer|wer)\b|"
    r"(?:adem|ademt|loop|loopt)\s+(?:ik|ze|hij)\s+(?:weer\s+)?(?:prima|normaal|goed)\b|(?:loop|loopt)\s+(?:ik|ze|hij)\s+(?:nu\s+)?(?:weer|wer)\b|"
    r"(?:nu|inmiddels)\s+(?:is\s+)?(?:alles|allemaal)\s+(?:weer\s+)?normaal\b|(?:gaat|ging)\s+(?:het\s+)?(?:nu\s+)?(?:weer\s+)?goe\b|"
    r"(?:mocht|mag)\s+(?:ze|ik|hij)\s+(?:weer\s+|gewoon\s+)?naar\s+huis|"
    r"(?:apotheek|apotheker|pharmacist|huisarts|arts|dokter|doctor)\s+(?:zei|said)\s+(?:\S+\s+){0,3}?(?:geen probleem|niks aan de hand|ok|oke|fine|no problem)\b|"
    r"bleek\s+(?:het\s+|t\s+)?(?:een\s+)?(?:griep\w*|\w*ontsteking|longembolie|virus\w*|infectie|vocht\w*|allergi\w*|paniek\w*)\b|"
    r"(?:zit|voel)\s+(?:ik|ze|hij)\s+(?:me\s+|zich\s+)?(?:nu\s+)?(?:\S+\s+)?beter\s+in\s+(?:mijn|mn|m'n|haar|zijn)\s+vel|"
    r"(?:het\s+)?gaat\s+(?:het\s+)?(?:nu\s+)?(?:echt\s+|al\s+(?:\S+\s+)?|weer\s+)(?:beter|goed)\b|(?:dat|het)\s+is\s+(?:nu\s+)?anders\b|"
    r"(?:sta|staat)\s+(?:ik|ze|hij)\s+er\s+(?:nu\s+)?anders\s+in|(?:is|zijn)\s+(?:echt\s+)?weg\s+nu\b|daar\s+al\s+(?:lang|jaren|maanden)\s+mee\s+gestopt|"
    r"nothing\s+for\s+\S+\s+years|(?:ik\s+)?heb\s+(?:het|dat)\s+nooit\s+gedaan|(?:dat|het)\s+is\s+al\s+(?:jaren|maanden|lang)\s+(?:voorbij|over)\b|"
    # Found after round 10 was scored.
    r"\bklachtenvrij\b|(?:hasn'?t|has\s+not)\s+had\s+(?:one|any)\s+since|(?:been|was)\s+fine\s+since|(?:is|was|has|it|that|she|he)\s+(?:now\s+|has\s+)?healed\b|"
    r"\bging\s+over\s+(?:in|na|binnen)\b|(?:was|is)\s+(?:ze|hij|ik)?\s*(?:weer\s+)?(?:helemaal\s+)?helder\b|"
    r"\bniet\s+teruggekomen\b|\bben\s+(?:daar|er)\s+(?:\S+\s+)?uitgekomen\b|\ben\s+het\s+gaat\s+(?:nu\s+)?beter\b|"
    r"\bdoe\s+(?:ik\s+)?(?:dat|het)\s+(?:\S+\s+){0,4}?(?:niet|nie)\s+meer\b|\bit\s+stopped\b|"
    r"(?:het|dat|t)\s+zakte\b(?!\s+(?:niet|weg|in|door))|(?:mri|scan|ct)\s+was\s+(?:clean|clear|goed|schoon)|(?:is|was|zijn)\s+(?:nu\s+|toen\s+|gelukkig\s+)?(?:weer\s+)?(?:opgelost|verholpen)\b)"
)
_TREATMENT_WORDS = r"(?:chemo\w*|kuur|kuren|behandeling|bestraling|infuus|immunotherapie|hormoontherapie)"
_TREATMENT = re.compile(rf"\b{_TREATMENT_WORDS}\b")
# Dating what came before it: "een dubbele dosis genomen, dat was maanden
# geleden" (not "gevallen, 2 weken geleden begonnen met chemo").
_DATED_AFTER = re.compile(
    r"\b(?:dat|het|that|it)\s+(?:was|is)\s+(?:al\s+|alweer\s+)?(?:\S+\s+)?(?:jaar|jaren|maanden|maand|weken)\s+(?:geleden|terug)|"
    r"\b(?:that|it)\s+was\s+(?:\S+\s+)?(?:years|months|weeks)\s+ago"
)
# "Als/as/wanneer ... , wat moet ik dan doen": a condition with a question about it.
_CONDITIONAL_SENTENCE = re.compile(
    r"^\s*(?:just in case\W+|voor de zekerheid\W+|en\s+|maar\s+)?(?:wat als|what if|als|as|wanneer|indien|mocht|stel|if)\b.*\b(?:dan|then)\b.*"
    r"(?:\?|\b(?:doen|bellen|bel|call|do|naar|gaan|komen)\b)"
    r"|^\s*(?:als|wanneer|indien|if)\b[^?]*\b(?:zou|zouden|would)\b[^?]*\?"
)
# A time marker that dates the treatment, not the symptom after it: "vorige
# week chemo kreeg, thermometer zegt 38,7", "chemo vorige week is heet en koud".
# Not when the verb governs what follows ("chemo kreeg ik rillingen").
_DATES_TREATMENT = re.compile(
    rf"\s*(?:\S+\s+){{0,2}}?{_TREATMENT_WORDS}\s+(?:\S+\s+)?(?:kreeg|kregen|gekregen|gehad|had|gehaald|begonnen|gestart)\b"
    r"(?!\s+(?:ik|ze|zij|hij|we|wij|mijn|haar|zijn)\b)"
)
# Minutes or hours ago: "stuiptrekking gehad 10 minuten geleden" is now.
_MINUTES_AGO = re.compile(
    r"\b(?:\d+|een|paar|tien|vijf|twintig|half)\s*(?:min\w*|kwartier|uur|uurtje|hours?|minutes?)\s+(?:geleden|ago|terug)\b"
)
# "tabletjes in haar mond gehad": what was had is the pills, now.
_IN_THE_MOUTH = re.compile(r"\bmond\s*$")
_RECENT = re.compile(
    r"(?:vorige|afgelopen)\s+(?:week|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)|"
    r"(?:\d+|een paar|paar|twee|drie|vier|vijf|zes)\s+dagen\s+(?:geleden|terug)|(?:eer)?gisteren|last week"
)
_TREATMENT_BEFORE = re.compile(rf"\b{_TREATMENT_WORDS}\s+(?:van\s+)?$")
# "insult gehad, 1e keer ooit": a first time is news, not history.
_FIRST_TIME = re.compile(r"\b(?:1e|1ste|eerste|first)\s+(?:keer|time)\b")
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)|\n")
_DIGIT = re.compile(r"\d")
# An episode of today is urgent even when it is over already: a seizure or a
# fever today during chemotherapy is reason to call ("stuiptrekking gehad
# net, nu weer goed").
_TODAY = re.compile(
    r"\b(?:net|zojuist|vandaag|vannacht|vanochtend|vanmorgen|vanmiddag|vanavond|just now|this morning|today)\b"
)

# "rillingen? nee.": the symptom asked and answered with a no.
_ANSWERED_NO = re.compile(r"\s*\?+\s*(?:nee|neen|nope|no|nop|nah)\b")
# A denial that covers a list joined by "of"/"or": "geen koorts of
# rillingen", "no fever or chills". Nominal denials only: after "kan niet"
# the list is the symptom itself ("kan niet plassen of poepen").
_DENIED_LIST = re.compile(
    r"\b(?:geen|gene|zonder|no|without|not any|nul komma nul|(?:don'?t|do not|doesn'?t|does not) have(?:\s+any)?|(?:hasn'?t|has not|haven'?t) had(?:\s+any)?)\s+"
    r"(?:\S+\s+){0,2}?\S+\s+(?:of|or|noch|nor)\s+(?:(?:geen|no|any)\s+)?(?:\S+\s+){0,2}?"
    r"(?:(?:of|or|noch|nor)\s+(?:(?:geen|no|any)\s+)?(?:\S+\s+){0,2}?)?$"
)
# A condition whose verb follows the symptom: "als mijn moeder zwarte
# ontlasting krijgt", "as ik koorts krijg", "als de rugpijn erger wordt".
# Not for "steeds"/"zo": "als ze steeds verwarder wordt" describes now.
_CONDITION_OPENS = re.compile(
    r"\b(?:als|as|indien|zodra|mocht|if)\s+(?!(?:\S+\s+){0,6}?(?:steeds|alsmaar|almaar|zo)\s)(?:\S+\s+){0,6}?$"
)
_CONDITION_VERB_AFTER = re.compile(
    r"^\S*\s*(?:\S+\s+){0,3}?(?:krijgt|krijg|krijgen|wordt|word|worden|raakt|raak|raken|ontstaat|ontstaan|optreedt|"
    r"optreden|gets|get|becomes|develops|starts)\b"
)
# A date closing the clause after the symptom: "had een toeval in 2021,",
# "chest pain in january, ...".
_DATED_CLAUSE_END = re.compile(
    rf"^[^,]*?\b(?:in|back in)\s+(?:(?:19|20)\d\d|{_MONTHS}|(?:the\s+)?(?:spring|summer|autumn|fall|winter)|"
    r"(?:de|het|'t)\s+(?:voorjaar|najaar|zomer|winter|lente|herfst))\s*(?:,|$)"
)

_OWN_NEGATION = re.compile(
    r"\b(?:niks|niets|nix|geen)\s+(?:eten|ete|drinken|drinke|te eten|te drinken|trek|zin)\b|"
    r"\ber\s+(?:niet|nie)\s+meer\s+(?:ben|bent|is|zijn|was|zou zijn)\b"
)

_NOT_THAT = re.compile(r"\b(?:niet|nie|not)\s+(?:zo\s+)?(?:dat|that)\b")
_SELF_NEGATED = re.compile(r"\b(?:niet|nie|geen|gen|niks|niets|not|no|nothing)\b")

# Words that mark a report about now: they cancel past and hypothetical
# frames in their clause ("sinds gisteren", "nu", "vannacht").
_NOW = re.compile(
    r"\b(?:nu|net|zojuist|vandaag|vannacht|vanochtend|vanmorgen|vanmiddag|vanavond|"
    r"sinds (?:gisteren|vannacht|vanochtend|vanmorgen|een uur|een paar uur|vandaag)|gisteren|"
    r"op dit moment|momenteel|al de hele dag|right now|now|tonight|today)\b"
)


# A denied symptom where the negation sits inside the trigger's own words
# ("ik ben niet benauwd", "benen zijn niet slap"), unlike an inability,
# which is the symptom itself ("kan niet lopen", "krijg geen lucht").
DENIAL = re.compile(
    r"\b(?:niet|nie|geen|gen|nooit|not|no)\s+(?:echt\s+|erg\s+|zo\s+|meer\s+|heel\s+|really\s+|last\s+van\s+)?"
    r"(?:benauwd|kortademig|slap|doof|zwak|verward|suf|koorts|koortsig|diarree|misselijk|gevallen|"
    r"rillerig|rillingen|bloed|bloeding|hoofdpijn|pijn|dorst|dubbel|zwart|zwarte|blauw|blauwe|verhoging|short of breath|feverish|fever|confused|"
    r"numb|weak|tingling|tingly|dizzy|bleeding|vomiting|throwing up|breathless|tintelingen|uitval)\b|"
    # "she isn't drowsy or confused", "my legs aren't weak", "not shivery".
    r"\b(?:isn'?t|aren'?t|wasn'?t|am not|i'm not|is not|are not|not feeling)\s+(?:at all\s+|really\s+|very\s+)?"
    r"(?:drowsy|sleepy|confused|weak|numb|dizzy|feverish|hot|shivery|shivering|short of breath|breathless|bleeding|vomiting|throwing up)\b|"
    r"\b(?:praat|praten|spreekt)\s+(?:ze\s+|hij\s+)?(?:\S+\s+)?(?:niet|nie)\s+(?:raar|vreemd|onduidelijk|warrig|dubbel|brabbelig)\b|"
    r"\b(?:niet|nie|not)\s+(?:meer\s+|echt\s+)?in de war\b|\bnergens\s+(?:last\s+van\s+)?(?:pijn|koorts|bloed)\b|\b(?:braak|kots|spuw|spuwt)\s+(?:ik\s+|ze\s+|hij\s+)?(?:niet|nie)\b|"
    # "ik wil niet dood": a denial of the wish, not the wish.
    r"\b(?:wil|wilde|wou|want)\s+(?:echt\s+|helemaal\s+|absoluut\s+|zeker\s+|heus\s+)?(?:niet|nie|not)\s+(?:dood|sterven|to die|die)\b|"
    r"\b(?:don'?t|do not)\s+want\s+to\s+die\b|\b(?:wil|wou)\s+(?:\S+\s+)?(?:mezelf|mijzelf|zichzelf)\s+(?:niks|niets|geen pijn)\s+(?:aandoen|aan\s+doen)\b|"
    r"\b(?:doet|doe)\s+(?:zichzelf|mezelf)\s+(?:niks|niets)\s+aan\b|"
    r"\b(?:niet|geen)\s+(?:de\s+neiging|het\s+gevoel|enkele\s+gedachte|gedachten?)\s+(?:om|dat)\b|"
    r"\b(?:niet|nie|not)\s+(?:\S+\s+)?(?:somber|wanhopig|depressief|suicidaal|suicidal|hopeless)\b|"
    r"\b(?:spuugt|spuug|geeft|kotst|braakt|bloedt|bloed|valt|ril|rilt)\s+(?:ze\s+|hij\s+|ik\s+)?niet\b|"
    r"\b(?:niet|nie|niks|niets|nothing|not)\s+(?:\S+\s+)?(?:overgegeven|gebraakt|gespuugd|gekotst|ingeslikt|doorgeslikt|swallowed|vomited)\b|"
    r"\b(?:geef|geeft|gaf|moet|hoef)\s+(?:ik\s+|ze\s+)?(?:niet|nie|geen)\s+(?:meer\s+)?over(?:geven)?\b|"
    r"\bkan\s+(?:alles|gewoon|goed)\s+(?:binnen\s*houden|eten|drinken)\b"
)


@dataclass(frozen=True)
class Frame:
    """The frame of one trigger occurrence; None when it is happening now."""

    kind: Optional[str]

    @property
    def current(self) -> bool:
        return self.kind is None


def _clause_bounds(text: str, start: int, end: int) -> Tuple[int, int]:
    """The clause around text[start:end]."""
    clause_start = 0
    for match in _CLAUSE_END.finditer(text, 0, start):
        clause_start = match.end()
    following = _CLAUSE_END.search(text, end)
    clause_end = following.start() if following else len(text)
    return clause_start, clause_end


def _sentence_start(text: str, position: int) -> int:
    """Where the sentence holding text[position] begins."""
    start = 0
    for match in _SENTENCE_END.finditer(text, 0, position):
        start = match.end()
    return start


def _end_of_next_sentence(text: str, sentence_end: Optional[Match[str]]) -> int:
    """Where the sentence after the one ending at `sentence_end` ends: a
    recovery may be said there ("Ik heb ooit bloed opgehoest. Sindsdien niks
    meer.")."""
    if sentence_end is None:
        return len(text)
    following = _SENTENCE_END.search(text, sentence_end.end())
    return following.start() if following else len(text)


def _dates_the_treatment(window: str, marker: Match[str]) -> bool:
    """Whether the past marker found in `window` dates a recent treatment
    rather than the symptom that follows. Only days or a week ago: "tijdens de
    chemo vorig jaar" or "bij de vorige kuur kreeg ik rillingen" stay past."""
    return bool(_RECENT.fullmatch(marker.group(0).strip())) and bool(
        _DATES_TREATMENT.match(window, marker.end()) or _TREATMENT_BEFORE.search(window, 0, marker.start())
    )


# "sinds vorige week", "since last month": not over, going on since then.
_SINCE = re.compile(r"\b(?:sinds|since|vanaf|al\s+sinds)\s+$")


def _starts_an_ongoing(text: str, window: str, marker: Match[str], trigger_start: int) -> bool:
    """Whether a past marker in `window` (the text right before the trigger at
    `trigger_start`) follows "sinds": the symptom is going on since then."""
    absolute = trigger_start - len(window) + marker.start()
    return bool(_SINCE.search(text, max(0, absolute - 12), absolute))


def frame_of(text: str, start: int, end: int) -> Frame:
    """The frame governing the trigger at text[start:end] (normalised text)."""
    clause_start, clause_end = _clause_bounds(text, start, end)
    before = text[max(clause_start, start - _MAX_FORWARD_CHARS) : start]
    after = text[end : min(clause_end, end + _MAX_BACKWARD_CHARS)]
    # "Now" counts only near the symptom: in "vorig jaar had ik koorts ..., nu
    # begin ik aan een nieuwe lijn" the "nu" is about something else.
    now = bool(_NOW.search(text, max(clause_start, start - 40), min(clause_end, end + 25)))
    sentence_start = _sentence_start(text, start)
    sentence_end = _SENTENCE_END.search(text, end)
    # With its closing punctuation: "..., wat dan?" is a question.
    sentence = text[sentence_start : sentence_end.end() if sentence_end else len(text)]
    if _CONDITIONAL_SENTENCE.search(sentence) and not now:
        return Frame(HYPOTHETICAL)
    # A time marker inside the matched words themselves: "is vorig jaar gevallen".
    # It dates the symptom itself, so a "nu" elsewhere ("is ze nu zwakker?")
    # does not cancel it; one inside the matched words does.
    if _PAST_RE.search(text, start, end) and not _NOW.search(text, start, end):
        return Frame(PAST)
    # The resolution may come in the next sentence, unless this one says it
    # is happening now.
    if _NOW.search(sentence):
        resolved_end = sentence_end.start() if sentence_end else len(text)
    else:
        resolved_end = _end_of_next_sentence(text, sentence_end)
    if _RESOLVED.search(text, end, resolved_end) and not _TODAY.search(
        text, clause_start, min(clause_end, end + 25)
    ):
        return Frame(PAST)
    # A negation governs only its own phrase: not across a comma or "en".
    # ("vraagt of" is a question, not an "or".)
    if _ANSWERED_NO.match(text, end, end + 12):
        return Frame(NEGATED)
    if _DENIED_LIST.search(before):
        return Frame(NEGATED)
    if _CONDITION_OPENS.search(before) and _CONDITION_VERB_AFTER.search(after) and not now:
        return Frame(HYPOTHETICAL)
    if _DATED_CLAUSE_END.search(after) and not now:
        return Frame(PAST)
    phrase = re.split(r",|\sen\s|\sand\s|(?<!vraagt)(?<!vroeg)(?<!vragen)(?<!vraag)\sof\s", before)[-1]
    # A negation ends at a colon too ("geen grap: ik wil dood"; a report such
    # as "de arts zei: ..." spans it), and one that belongs to a word of its
    # own does not reach the symptom: "wil niks eten temp 38", "als jij er
    # niet meer bent" (dead).
    negated_phrase = _OWN_NEGATION.sub(" ", re.split(r"[:;]", phrase)[-1])
    near = " ".join(negated_phrase.split()[-_NEGATION_WORDS:]) + " "
    if DENIAL.search(text, max(clause_start, start - 20), min(clause_end, end + 5)):
        return Frame(NEGATED)
    # A trigger that is itself a negation ("geeft geen antwoord", "reageert
    # niet") is not denied by a "niet" just before it, which belongs to
    # something else ("ik versta haar niet ze geeft geen antwoord").
    # Unless the earlier word denies the whole report ("'t is nie dat ik geen
    # lucht krijg").
    if _SELF_NEGATED.search(text, start, end) and not _NOT_THAT.search(near):
        near = " "
    if _RULE_QUESTION.search(before) and not now:
        return Frame(HYPOTHETICAL)
    for kind, regex in _FORWARD_RE:
        # Past frames may span a comma ("vorig jaar, tijdens de chemo, had ik
        # koorts"); the others govern only their own phrase.
        window = near if kind == NEGATED else before if kind == PAST else phrase
        # The first marker that does not merely date a recent treatment.
        found = next(
            (
                m
                for m in regex.finditer(window)
                if not (
                    kind == PAST
                    and (_dates_the_treatment(window, m) or _starts_an_ongoing(text, window, m, start))
                )
            ),
            None,
        )
        if found and not (now and kind in (PAST, HYPOTHETICAL)):
            return Frame(kind)
    if _DATED_AFTER.search(after) and not now:
        return Frame(PAST)
    # Backward triggers only right after the symptom: in "38,9 en ze heeft
    # vorige week chemo gehad", "gehad" belongs to the chemo, not the fever.
    words_after = after.split()
    for kind, regex in _BACKWARD_RE:
        window = " ".join(words_after[: _NEGATION_BACKWARD_WORDS if kind == NEGATED else _BACKWARD_WORDS])
        found = regex.search(window)
        # "39 koorts en maandag chemo gehad": what was had is the treatment.
        if found and kind == PAST and _TREATMENT.search(window, 0, found.start()):
            continue
        if found and kind == PAST and _FIRST_TIME.search(after):
            continue
        if found and kind == PAST and (_MINUTES_AGO.search(after) or _IN_THE_MOUTH.search(text, start, end)):
            continue
        if found and not (now and kind in (PAST, HYPOTHETICAL)):
            return Frame(kind)
    return Frame(None)


# Sentences that as a whole ask about a possibility, not report a fact:
# "wat als ze ooit niet meer kan lopen?", "stel ik krijg koorts, ...",
# "if my mom gets confused one day ...". The classifier does not read them.
_HYPOTHETICAL_SENTENCE = re.compile(
    r"^\s*(?:en\s+|maar\s+|even\s+|ok\s+)?(?:wat als|what if|stel\b(?!\s+(?:ik|we|u)\s+(?:een|de|deze|mijn)\s+vraag)|mocht\s+(?:ik|ze|hij)|"
    r"in case|if\s+(?:\S+\s+){0,4}?(?:ever|one day|gets|starts|becomes))\b|"
    r"\b(?:alarmsympto\w*|alarmsignal\w*|waarschuwingssignal\w*|waarschuwingsteken\w*|warning signs?)\b|"
    # "wat moet ik doen als mama benauwd wordt": in the development sets every
    # one of 29 such questions asked ahead, none reported an emergency.
    r"\b(?:wat|wa)\s+(?:moet|mot|moeten|moete)\s+(?:ik|we|wij|je)\s+(?:dan\s+)?(?:doen|doe)\s+(?:als|as|wanneer|indien)\b|"
    r"\bwie\s+(?:moet|mot)\s+ik\s+(?:dan\s+)?(?:bellen|belle)\s+(?:als|as|wanneer)\b|\bin case of\b|"
    # A condition about some day: "als ze ooit een toeval krijgt", "if she ever".
    r"\b(?:als|as|wanneer|mocht|indien|if)\s+(?:\S+\s+){0,3}?(?:ooit|ever|one day|op een dag|in de toekomst)\b|"
    r"^\s*(?:suppose|supposing|imagine)\b|\bwhen\s+should\s+(?:i|we|he|she|you)\s+(?:call|bring|go|take)\b|"
    # "wanneer is benauwdheid een reden om te bellen", "when is it serious enough".
    r"(?<!sinds )(?<!since )\b(?:wanneer|when)\s+(?:is|zijn|wordt|are|does)\b(?:\s+\S+){0,5}?\s+(?:reden|erg|ernstig|gevaarlijk|serious|dangerous|spoed|an emergency|te\s+veel|teveel|too\s+much)\b|"
    # "hoe benauwd is benauwd?": asking where the line is.
    r"\bhoe\s+(\w+)\s+is\s+\1\b|"
    r"\bhoe\s+weet\s+(?:ik|je|u|we)\s+(?:straks|later|dan|ooit|in de toekomst)\b|\b(?:hypothetisch|hypothetical(?:ly)?|puur theoretisch)\b|"
    # Asking the rule: "moet ik bij koude rillingen altijd bellen?", "wanneer
    # hij bij benauwdheid 112 moet bellen".
    r"^\s*(?:moet|moeten|mot|mag|kan|kun)\s+(?:ik|we|je|u)\s+bij\b|"
    r"\bwanneer\s+(?:ik|je|we|hij|ze|zij|u)\s+(?:\S+\s+){0,5}?(?:moet|moeten|mot|moete)\s+(?:bellen|belle)\b"
)

# Sentences that ask whether a treatment or the disease causes a symptom:
# "kunnen botuitzaaiingen in de rug tintelingen in de benen geven?". Not
# with a figure in it ("kan de chemo koorts geven, ik heb 39,2").
_CAUSE_QUESTION = re.compile(
    r"^\s*(?:\S+\s+){0,2}?(?:kan|kunnen|kun|geeft|geven|veroorzaakt|veroorzaken|can|could|does|do)\s+(?:je\s+|u\s+)?"
    r"(?:van\s+)?(?:de\s+|een\s+|het\s+|the\s+)?(?:chemo\w*|kuur|kuren|behandeling\w*|bestraling|radiotherapie|\w*therapie|"
    r"hormoonpil\w*|medicijn\w*|pillen|tabletten|\w*uitzaaiing\w*|metastas\w*|mets|bisfosfonat\w*|denosumab|morfine|"
    r"tamoxifen|letrozol|anastrozol|herceptin|trastuzumab|kanker|tumou?r\w*)\b.*\b(?:geven|veroorzaken|opleveren|cause|give)\b"
    # Why people in general get it: "waardoor worden mensen benauwd?".
    r"|\b(?:waardoor|waarom|hoe)\s+(?:worden|raken|krijgen|word|raak|krijg)\s+(?:mensen|je|patienten|vrouwen|men)\b"
)

# "Mocht ik ooit zo somber worden dat ..., bij wie kan ik dan terecht?": a
# possibility some day with a question who helps. The only hypothetical that
# lowers the weight of despairing words (see safety.red_flags.assess).
_AHEAD_QUESTION = (
    r"\b(?:bij wie|wie kan|naar wie|waar kan|waar moet|who can|where can|who do|hoe (?:moet|kan) ik (?:daarop |daar )?reageren|"
    r"hoe reageer (?:ik|je)|wat (?:moet|kan) ik (?:dan\s+)?(?:zeggen|doen)|wat zeg (?:ik|je)|hoe (?:zou|kan) ik dat (?:merken|herkennen)|"
    r"bespreek ik dat|how do i (?:respond|react)|what do i say)"
)
_AHEAD_HELP = re.compile(
    r"\b(?:(?:als|as|mocht|wanneer|indien|if)\s+(?:\S+\s+){0,4}?|(?:bang|angst)\s+dat\s+(?:\S+\s+){0,3}?)"
    r"(?:ooit|ever|one day|op een dag|later|in de toekomst)\b.*" + _AHEAD_QUESTION + "|"
    # "Stel mijn moeder zegt dat ze niet meer wil leven, hoe reageer ik dan?"
    r"^\s*stel\b.*" + _AHEAD_QUESTION + "|"
    # "wat zeg je als iemand zegt dat ze niet meer wil leven?"
    r"\b(?:wat zeg je|hoe reageer je|what do you say|how do you respond)\s+(?:als|wanneer|if|when)\s+(?:iemand|someone|je\s+\w+)\b"
)


def _previous_end(text: str, start: int) -> int:
    """Where the sentence before the one starting at `start` ends."""
    end = start
    while end > 0 and (text[end - 1].isspace() or text[end - 1] in ".!?"):
        end -= 1
    return end


def _sentences(text: str) -> Iterator[Tuple[int, int]]:
    """The (start, end) of each sentence of `text`, without its punctuation."""
    start = 0
    for end_match in _SENTENCE_END.finditer(text):
        yield start, end_match.start()
        start = end_match.end()
    yield start, len(text)


# Asking which temperature counts: "38 of 38,5 = bellen?", "is 37,8 al
# koorts?", "what temperature counts as fever?". Not when someone in the
# sentence has it ("ik heb 38 of 38,5?"), see _REPORTS_NOW below.
_THRESHOLD_QUESTION = re.compile(
    r"\b3[6-9](?:[.,]\d)?\s*(?:graden\s*)?(?:\S+\s+){0,2}?(?:of|or)\s+(?:pas\s+)?(?:bij\s+|vanaf\s+)?3[6-9](?:[.,]\d)?\b[^.!]*(?:\?|$)|"
    # Found after round 10 was scored: "hoeveel graden is koorts", "is that already fever".
    r"\b(?:hoeveel|vanaf\s+hoeveel|bij\s+hoeveel)\s+graden\b|\b(?:is\s+(?:dat|that)\s+(?:al|already)\s+(?:koorts|(?:a\s+)?fever))\b|"
    r"\bis\s+3[6-9](?:[.,]\d)?\s+(?:graden\s+)?al\s+koorts\b|\b(?:wat|welke\s+temperatuur)\s+geldt\s+(?:eigenlijk\s+|nou\s+)?als\s+koorts\b|"
    r"\b(?:temperature|temp)\s+counts?\s+as\b|\bcounts?\s+as\s+(?:a\s+)?fever\b"
)
# A condition whose clause ends in a change ("als ik 's nachts benauwd word,
# ...?", "as ze valt, wie bel ik?"), then a question. Not a habit told in one
# clause with its symptom ("als ik opsta word ik duizelig en krijg ik geen
# lucht, wat moet ik doen?").
_CONDITION_THEN_QUESTION = re.compile(
    r"^\s*(?:als|as|wanneer|indien|mocht|if)\b[^,?]{3,80}\b(?:word|wordt|worden|krijg|krijgt|krijgen|ga|gaat|gaan|zou|zouden|raakt|raak|"
    r"valt|vallen|gets?|becomes?|starts?|falls?)\s*,[^?]*\?"
)
# The message says it asks ahead ("ik wil voorbereid zijn", "vraag het voor
# het geval dat", "not for now"): its sentences that report nothing now are
# hypothetical.
_ASKS_AHEAD_DECLARED = re.compile(
    r"\b(?:(?:ik|we)\s+wil(?:len)?\s+(?:\S+\s+)?voorbereid\s+zijn|"
    r"vraag\s+(?:het\s+|dit\s+)?(?:\S+\s+)?voor\s+(?:later|het geval|als het|de volgende|de toekomst)|(?:wil|wou)\s+het\s+weten\s+voor\s+later|"
    r"voor\s+het\s+geval\s+dat\s*(?:[.?!]|$)|(?:just\s+)?for\s+(?:later|the future)|in case it happens|"
    # Found after round 10 was scored.
    r"voor\s+als\s+het\s+(?:ooit\s+)?nodig\s+is|(?:ff|even)\s+checken\s+voor\s+later|zodat\s+ik\s+het\s+weet\s*(?:[.?!]|$)|"
    r"asking\s+before\s+it\s+happens|want\s+to\s+be\s+prepared|(?:een\s+)?lijstje\s+(?:op\s+de\s+koelkast|van\s+wat|wanneer)|"
    r"(?:het|dat)\s+is\s+nog\s+niet\s+(?:gebeurd|zo ver|aan de hand)|not\s+(?:for\s+)?now,?\s+(?:just|only)|niet\s+voor\s+nu)"
)


def hypothetical_sentence_spans(text: str) -> List[Tuple[int, int]]:
    """Spans of the sentences of `text` (normalised) that ask about a
    possibility rather than report something happening now."""
    asks_ahead = bool(_ASKS_AHEAD_DECLARED.search(text))
    spans: List[Tuple[int, int]] = []
    for start, end in _sentences(text):
        sentence = text[start:end]
        hypothetical = (
            _HYPOTHETICAL_SENTENCE.search(sentence)
            or _CONDITIONAL_SENTENCE.search(sentence)
            or _CONDITION_THEN_QUESTION.search(sentence)
            or (asks_ahead and not _DIGIT.search(sentence) and not _REPORTS_NOW.search(sentence))
            or (_THRESHOLD_QUESTION.search(sentence) and not _REPORTS_NOW.search(sentence))
        )
        # "Welke klachten krijg je dan? Hoofdpijn? Dubbelzien?": a bare
        # question of a few words goes on the list of the one before.
        listed = (
            bool(spans)
            and spans[-1][1] == _previous_end(text, start)
            and len(sentence.split()) <= 3
            and text[end : end + 1] == "?"
        )
        if sentence.strip() and (hypothetical or listed) and not _NOW.search(sentence):
            spans.append((start, end))
    return spans


def _sentence_spans(text: str, regex: Pattern[str]) -> List[Tuple[int, int]]:
    """Spans of the sentences of `text` that `regex` finds and that say
    nothing about now."""
    return [
        (start, end)
        for start, end in _sentences(text)
        # Sliced: the regexes anchor at the sentence's start with "^".
        if text[start:end].strip() and regex.search(text[start:end]) and not _NOW.search(text[start:end])
    ]


def cause_question_spans(text: str) -> List[Tuple[int, int]]:
    """Sentences asking whether a treatment or the disease causes a symptom,
    without a figure in them ("kan de chemo koorts geven, ik heb 39,2")."""
    return [
        (start, end)
        for start, end in _sentence_spans(text, _CAUSE_QUESTION)
        if not _DIGIT.search(text, start, end)
    ]


# Sentences that ask about a symptom in general, with a word that says so
# ("krijgt iedereen koorts van chemo?", "is coughing blood common with that,
# in general?", "waar komt die misselijkheid vandaan?"), and nobody in them
# having or being something now (_REPORTS_NOW): "ik heb zwarte ontlasting,
# kan dat van de ijzerpillen komen?" stays a report.
_GENERAL_QUESTION = re.compile(
    r"\b(?:(?:krijgt|heeft|hebben|krijgen)\s+iedereen|iedereen\s+(?:die|met)|in general|general question|in het algemeen|algemene vraag|"
    r"common\s+(?:with|in|after|for)|(?:bekende|veel\s*voorkomende)\s+(?:klachten|bijwerking\w*|symptomen)|klopt\s+(?:dat|het)|"
    r"i\s+ask\s+to\s+understand|(?:waar|where)\s+(?:komt|komen|does|do)\s+(?:\S+\s+){0,6}?(?:vandaan|come from)|"
    r"waarom\s+(?:vraagt|vragen|vroeg)|te\s+maken\s+(?:hebben\s+|heeft\s+)?met|met\s+(?:\S+\s+){1,3}te\s+maken|normaal\s+als\s+je|"
    r"(?:can|does|do|could)\s+(?:\S+\s+){0,3}?(?:make|cause|give)\s+(?:you|a person|people|someone)|"
    r"(?:kan|kunnen)\s+(?:\S+\s+){0,4}?(?:door|van)\s+(?:\S+\s+){0,2}?komen)\b"
)
_REPORTS_NOW = re.compile(
    r"\b(?:ik|ze|zij|hij|we|wij|mama|moeder|mam|papa|vader|man|vrouw|oma|opa|dochter|zoon)\s+"
    r"(?:heb|heeft|hebben|ben|is|zijn|voel|voelt|krijg|krijgt|hoest|braak|braakt|spuug|spuugt|zie|ziet|lig|ligt|kan|kun)\b|"
    r"\b(?:i|she|he|we|my\s+\w+)\s+(?:have|has|am|is|are|feel|feels|keep|keeps|can'?t|cannot)\b|\b(?:i'm|she's|he's)\b"
)


def general_question_spans(text: str) -> List[Tuple[int, int]]:
    """Sentences asking about a symptom in general, without a figure in them
    and with nobody in them having or being something now."""
    return [
        (start, end)
        for start, end in _sentence_spans(text, _GENERAL_QUESTION)
        if not _DIGIT.search(text, start, end) and not _REPORTS_NOW.search(text, start, end)
    ]


def ahead_help_spans(text: str) -> List[Tuple[int, int]]:
    """Sentences asking who helps if despair comes some day."""
    return _sentence_spans(text, _AHEAD_HELP)


# Long enough ago to be over without saying so: "als tiener", "toen ik 16
# was", "jaren geleden".
_LONG_AGO = re.compile(
    r"\b(?:(?:\w+\s+)?(?:jaar|jaren|maanden)\s+(?:geleden|terug)|vroeger|destijds|lang geleden|als\s+(?:tiener|kind|puber)|"
    r"vorig\s+jaar|in\s+(?:19|20)\d\d|years\s+ago|long\s+ago|as\s+a\s+(?:teenager|kid|child)|in\s+het\s+verleden|"
    r"toen\s+ik\s+(?:\d+|jong|jonger|klein|tiener|kind|student)\b)\b"
)


def past_is_over(text: str, start: int, end: int) -> bool:
    """Whether a trigger read as past (text[start:end], normalised) is also
    said to be over or long ago. Despair or self-harm "toen ik de uitslag
    hoorde" or "vorige week" may still be going on; "als tiener" or "dat is
    voorbij" is not."""
    if _LONG_AGO.search(text, _sentence_start(text, start), end):
        return True
    resolved_end = _end_of_next_sentence(text, _SENTENCE_END.search(text, end))
    return bool(_RESOLVED.search(text, end, resolved_end) or _DATED_AFTER.search(text, end, resolved_end))


# Words that say the body works as it should: "mijn benen zijn sterk",
# "plassen en poepen gaan prima", "ik hou alles binnen", "niks dubbel",
# "temp 36,8". Part of the message-wide frame cue (never a frame of a
# trigger: "mijn benen zijn sterk maar ik kan niet plassen" stays urgent).
_REASSURED = re.compile(
    r"\b(?:(?:benen|ze|zij|hij|ik)\s+(?:zijn|is|ben)\s+(?:nog\s+)?(?:gewoon\s+|helemaal\s+)?(?:sterk|helder|fit)\b|"
    r"(?:plassen|poepen|plast|poept|ontlasting|stoelgang|ademhaling|lopen|loopt|praat|eten|drinken)\s+(?:[^\s,]+\s+){0,3}?"
    r"(?:gaat|gaan|is|zijn|ziet\s+er|doet|doen)\s+(?:gewoon\s+|allemaal\s+)?(?:prima|normaal|goed|ok|oke)\b|"
    r"(?:hou|houd|houdt)\s+(?:ik\s+|ze\s+|hij\s+)?alles\s+(?:gewoon\s+)?(?:binnen|binne)\b|niks\s+dubbel|(?:niet|nie)\s+te\s+veel\s*(?:[,.!?]|$|genomen|ingenomen|geslikt)|"
    r"(?:precies|netjes|gewoon)\s+volgens\s+(?:het\s+)?schema|drink\s+(?:genoeg|goed)|"
    r"(?:temp\w*|temperatuur|thermometer)\s+(?:\S+\s+){0,3}?3[56][.,]\d|(?:bleek|kon)\s+geen\s+kwaad|geen\s+kwaad\s+(?:kon|kan)|"
    r"(?<!says )(?<!said )(?<!zegt )(?<!zei )(?:she|he|i)\s+(?:is|am)\s+fine|(?<!says )(?<!said )(?<!zegt )(?<!zei )(?:she's|he's|i'm)\s+fine|"
    r"alles\s+is\s+rustig|niks\s+geks|"
    r"(?:ik\s+)?heb\s+(?:er\s+)?nu\s+geen\b|vandaag\s+(?:weer\s+)?(?:helemaal\s+)?(?:prima|goed)\b)"
)


def says_over_or_asks_a_rule(text: str) -> bool:
    """Whether `text` (normalised) says anywhere that an episode is over, or
    asks about a rule or threshold, or ends with "tot morgen", or says the
    body works as it should (_REASSURED). With a denial or
    a hypothetical sentence (which safety.red_flags.assess finds anyway) this
    is the message-wide frame cue: weight against an urgent reading when no
    pattern matched."""
    return bool(
        _RESOLVED.search(text)
        or _RULE_QUESTION.search(text)
        or _SEE_YOU_AGAIN.search(text)
        or _REASSURED.search(text)
    )
