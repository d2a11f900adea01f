"""Reading a request into named facts (facts.Fact) and the words left over for the activity
lexicon and the model.

The grammar is small on purpose: body part (with its side), relation, target; verbs first
("raise the left arm", "put your right hand on your head") or parts first ("left arm up",
"right hand on the hip"). Normalisation folds the many ways people say the same thing
(lift/put up/raise, floor/ground, his/her/your) before the patterns run.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..data.figure import mirror_text
from .facts import Fact, other
from .spelling import mend_typos

# (pattern, replacement) applied in order to the lower-cased request.
_NORMALISE: tuple[tuple[str, str], ...] = (
    (r"[’`]", "'"),
    # Chat spelling: "ur", "u", "w/", stretched letters ("waaay").
    (r"\bur\b", "your"), (r"\bu\b", "you"), (r"\bw/\s*", "with "), (r"([a-z])\1{2,}", r"\1"),
    (r"\bn\b", "and"), (r"\bfwd\b", "forward"), (r"\b(?:bwd|bkwd)\b", "backward"), (r"\bchilds\b", "child's"), (r"\bcrosslegged\b", "cross-legged"),
    (r"\bcross\s+legged\b", "cross-legged"),
    (r"\bsouthpaw\b|\blefty\b", "left-handed"), (r"\brighty\b", "right-handed"),
    (r"\bperch\w*\b", "sitting"),
    (r"\b(?:hinge|hinging|hinged|fold|folding|folded)\s+(?:forward\s+|over\s+)?(?:at|from)\s+"
     r"(?:the\s+|your\s+|his\s+|her\s+|their\s+)?(?:waist|hips?)\b", "lean forward at the waist"),
    (r"\bturn\w*\s+(?:a\s+full\s+|about\s+)?180(?:\s*degrees|\s*°)?", "turn around"),
    (r"\b(turn\w*)\s+(?:about\s+)?\d+\s*(?:degrees|deg|°)\s+", r"\1 "),
    (r"\b(look\w*|glanc\w*|gaz\w*)\s+down\s+and\s+(?:to\s+the\s+)?(left|right)\b",
     r"\1 down, \1 to the \2"),
    (r"\breach\w*\s+(?:up\s+)?(?:for|to)\s+(?:the\s+|a\s+)?(?:top|high|upper)\s+(?:shelf|"
     r"cupboard|cabinet)\b", "reach up"),
    (r"\b(left|right)\s+(?:palm|hand)\s+(?:held\s+)?(?:up\s+)?(?:facing|turned)\s+(?:forward|out)\b",
     r"\1 arm forward"),
    (r"\b(?:press\w*\s+)?(?:both\s+)?(?:palms|hands)\s+(?:flat\s+|pressed\s+)?(?:on|against)\s+"
     r"(?:an?\s+|the\s+)?(?:invisible\s+|glass\s+)?(?:wall|window|door|glass)(?:\s+in front)?",
     "both arms forward"),
    (r"\blean\w*\s+forward\s+from\s+the\s+(?:hips|waist)\b", "lean forward at the waist"),
    (r"\bbow\w*\s+(?:deeply|low)\b", "bent over"),
    (r"\b((?:left|right)\s+leg)\s+(?:is\s+)?(?:held|raised|lifted|extended|kept)\s+(?:straight\s+)?"
     r"(?:out\s+)?(?:in front|forward)\b", r"kick the \1 forward"),
    (r"\b(legs?|foot|feet)\s+trailing\b(?!\s+behind)", r"\1 trailing behind"),
    # An ear or the head dropped toward a shoulder is a tilt of the head.
    (r"\b(?:the\s+|your\s+|his\s+|her\s+|their\s+)?(?:left\s+|right\s+)?(?:ear|head)\s+"
     r"(?:is\s+)?(?:dropped|drops|drop|lowered|lower|tilted|tilts|tilt|leaning|leans|lean|cocked|"
     r"bent)\s+(?:to|toward|towards)\s+(?:the\s+|your\s+|his\s+|her\s+|their\s+)?"
     r"(left|right)\s+shoulder\b", r"head tilt to the \1"),
    (r"\b(to|on) the ([lr])\b(?!-)", lambda m: f"{m.group(1)} the {'left' if m.group(2) == 'l' else 'right'}"),
    (r"\bl\b(?=\s+(?:hand|arm|leg|foot|knee|elbow|shoulder|hip))", "left"),
    (r"\br\b(?=\s+(?:hand|arm|leg|foot|knee|elbow|shoulder|hip))", "right"),
    (r"\b(hands?|fists?|palms?)\s+(?:up\s+|raised\s+|held\s+up\s+)?(?:in front of|before)\s+"
     r"(?:the\s+|his\s+|her\s+|their\s+|your\s+)?face\b", r"\1 covering the face"),
    (r"\b(?:in front of|before) (?:you|yourself|him|her|them|me)\b", "forward"),
    (r"\b(point\w*)\s+(?:straight\s+|right\s+)?(?:at|to|toward|towards)\s+(?:the\s+)?(?:camera|"
     r"viewer|lens|audience|you|me|us)\b", r"\1 forward"),
    (r"\bside[- ]kick", "kick to the side"),
    (r"\b(?:reach\w*|stretch\w*)\s+(?:down\s+)?(?:to|toward|towards|for)\s+(?:the\s+|your\s+|"
     r"his\s+|her\s+|their\s+)?toes\b", "touch the toes"),
    (r"\b(step\w*|mov\w*|shuffl\w*) (?:out )?sideways (?=to (?:the|your|his|her|their) "
     r"(?:left|right)\b)", r"\1 "),
    (r"\b(?:the )?tips? of (?:the |your |his |her |their )?", ""),
    (r"\b(?:index|middle|ring|pinky) (?=fingers?\b)", ""),
    # Holding a thing overhead, no arm named: both arms up.
    (r"\b(?:holds?|holding|held|lifts?|lifting|carry|carries|carrying|press\w*|hoist\w*)"
     r"(?:\s+(?!left\b|right\b|arms?\b|hands?\b)[\w'-]+){1,4}?\s+(?:overhead|above (?:the |his |"
     r"her |their |your )?head)\b", "raise both arms up"),
    (r"\bhug\w* (?:herself|himself|themselves|yourself|oneself|myself)\b", "arms crossed"),
    (r"\bty(?:e|es|ing)|\btie[sd]?\b", "tie"),
    # What a request says not to do is no fact: "not sitting back on the heels".
    (r"\b(?:not|never|without|instead of)\b[^,;.]*", ""),
    (r"\bwarrior (?:2|ii)\b", "warrior two"),
    (r"\bhold\w* out (?:a|an|the) [a-z]+ (?:with|in) (?:the |his |her |their |your )?"
     r"(?P<s>left|right) hand\b", lambda m: f"{m.group('s')} arm stretch forward"),
    (r"\b(?:a |an |the )?[a-z]+ (?:above (?:the |his |her |their |your )?head|overhead|up high) "
     r"in (?:the |his |her |their |your )?(?P<s>left|right) hand\b",
     lambda m: f"{m.group('s')} arm up"),
    (r"\bcarry\w* (?:a|an|the) (?:heavy |big |small |light )?[a-z]+ in (?:the |his |her |their |"
     r"your )?(?P<s>left|right) hand\b", lambda m: f"{m.group('s')} arm down"),
    (r"\bblow\w* (?:a )?kiss(?:es)?(?: with (?:the |his |her |their |your )?(?P<s>left|right) "
     r"hand)?", lambda m: f"{m.group('s') or 'right'} hand on the mouth"),
    (r"\bface-?palm\w*(?: with (?:the |his |her |their |your )?(?P<s>left|right) hand)?",
     lambda m: f"{m.group('s') or 'right'} hand on the face"),
    (r"\bbit\w* (?:the |his |her |their |your )?(?:finger)?nails\b", "hand on the mouth"),
    (r"\barms? wrapped around (?:the |his |her |their |your )?(?:body|self|chest|torso|herself|"
     r"himself|themselves|yourself)\b", "arms crossed"),
    (r"\b(?:with )?(?:the )?(?:arms |hands )?akimbo\b", "hands on the hips"),
    (r"\bwarrior (?:1|i)\b", "warrior one"),
    (r"\b(?:fists|hands|guard) (?:are )?(?:up|raised)(?= in (?:a |the )?guard|,? (?:like )?a boxer)"
     r"|\b(?:fists|guard) (?:are )?(?:up|raised)\b", "both hands by the chin"),
    (r"\b(?:a |the )?(?P<s>left|right) (?:jab|punch|straight|cross|uppercut)\b",
     lambda m: f"{m.group('s')} arm stretch forward, {m.group('s')} arm straight"),
    (r"\bbottom of (?:a |the )?push-?up\b", "push-up, arms bent"),
    (r"\bsalut(?:e|es|ing)\b(?:,?\s*(?:with\s+)?(?:the\s+|your\s+|his\s+|her\s+)?(?P<s>left|right)"
     r" hand)?", lambda m: f"salute, {m.group('s') or 'right'} hand touching the forehead"),
    (r"\b(?:recoil\w*|flinch\w*|shrink\w* back|cower\w*)\b", "leaning back"),
    (r"\b(?:doing )?sit-?ups?\b|\bcrunch(?:es|ing)?\b", "lying on the back, knees bent"),
    (r"\b(?:pick\w* up|grab\w*|lift\w*|lifting)\b[^,;]*?\b(?:off|from) the (?:floor|ground)\b",
     "both hands touching the ground"),
    # Eyes on something held or low: the head is down.
    (r"\b(?:look|looks|looking|looked|star\w*|gaz\w*|glanc\w*|peer\w*)\s+(?:down\s+)?"
     r"(?:at|on|into)\s+(?:the\s+|a\s+|his\s+|her\s+|their\s+|your\s+)?(phone|screen|book|"
     r"tablet|map|feet|floor|ground|shoes|lap)\b", r"looking down at the \1"),
    (r"\b(?:(?:an?|the) )?(?!(?:face|head|eyes|chin|cheeks?|buried|hidden|cradled|sunk|put|"
     r"propped|resting|rested|supported|touch\w*|held)\b)[a-z]+ in both hands\b",
     "hands together"),
    # "held straight out", "holding it up high": kept there, not touching anything.
    (r"\b(?:held|holds|holding)\b(?=\s+(?:straight|out|up|high|down|forward|back|behind|level|"
     r"still|steady|horizontal|in front)\b)", "kept"),
    (r"\b(?:his|her|their|your|my|its|one's|the person's)\b", "the"),
    (r"\b(?:with )?(?:the )?palms? (?:facing |turned )?(?:up|upward|down|downward|out|in)\b", ""),
    (r"\b(?P<s>left |right )?hand wav\w*\b|\bwav\w*(?: hello| goodbye| bye| hi)?(?: with)?"
     r" (?:the )?(?P<s2>left |right )?hand\b",
     lambda m: f"{m.group('s') or m.group('s2') or ''}arm raise halfway"),
    (r"\b(?:holds?|holding|held|press\w*) (?:a|an|the) [a-z]+ (?:to|against|up to) (?:the )?"
     r"(?P<s>left |right )?(?P<t>ear|mouth|lips|face|chest|forehead)\b",
     lambda m: f"{m.group('s') or ''}hand on the {m.group('s') or ''}{m.group('t')}"),
    (r"\b(?:he|she|they|it|you|i)\s*(?:'s|'re|'m|is|are|am|was|were)\b", ""),
    (r"\b(?:he|she|they|you|i)\b", ""),
    (r"\bthe\s+the\b", "the"),
    # Walking or heading off to one side: the body faces that way.
    (r"\b(?:walk\w*|run\w*|jog\w*|stroll\w*|head(?:ing|s|ed)|strid\w*|march\w*)\s+"
     r"(?:off\s+|away\s+)?(?:to|toward|towards)"
     r"\s+the\s+(left|right)\b(?!\s+(?:side\s+)?of)", r"facing \1"),
    (r"\b(?:floor|ground|mat|grass|deck)\b", "ground"),
    (r"\b(hands?)\s+(?:buried\s+|deep\s+)?(?:in|into|on)\s+the\s+(?:soil|dirt|earth|sand|mud|"
     r"flower ?bed|garden)\b", r"\1 on the ground"),
    (r"\b(?:palms?|fists?|fingers?|fingertips?)\b",
     lambda m: "hands" if m.group(0).endswith("s") else "hand"),
    (r"\b(?:stomach|tummy|abdomen|belly button|gut|abs)\b", "belly"),
    (r"\b(?:backwards?|rearward)\b", "back"),
    (r"\b(?:sideways|outwards?|laterally)\b", "to the side"),
    (r"\b(?:upwards?(?!\s+(?:facing\s+)?dog)|skyward|to the sky|to the ceiling|toward the ceiling|in the air|overhead)\b",
     "up"),
    (r"\b(?:downwards?(?!\s+(?:facing\s+)?dog)|toward the ground|to the ground)\b", "down"),
    (r"\b(?:forwards|ahead|in front|to the front|out front)\b", "forward"),
    (r"\b(?:lifts|lifted|lifting|lift|raises|raising|raise|rais|hoists?|hoisting)\b", "raise"),
    (r"\braised\b", "raise"),
    (r"\b(?:put|puts|putting|holds?|holding|has|have|having|keep|keeps|keeping)\s+up\b", "raise"),
    (r"\bput (the )?(left |right |both )?(arms?|hands?) up\b", r"raise \2\3"),
    (r"\b(?:places?|placing|placed|rests?|resting|rested|puts?|putting|lays?|laying|plants?|"
     r"planting|planted|presses|pressing|pressed|sets?|setting)\b", "put"),
    (r"\b(?:touches|touching|touched|taps?|tapping|grabs?|grabbing|grabbed|clutch(?:es|ing)?|"
     r"clasping|cups?|cupping|cupped|holds|holding|held|hold|rubs?|rubbing|scratch(?:es|ing)?|"
     r"covers?|covering|covered|cradl(?:es|ing|e)|gripping|grips?|strok(?:es|ing|ed|e)|"
     r"pat(?:s|ting|ted)?|guard(?:s|ing|ed)?|shield(?:s|ing|ed)?)\b", "touch"),
    (r"\b(?:bend|bends|bending|bent)\s+(?=(?:over|forward|back|down|to the|sideways))", "lean "),
    (r"\bcock(?:s|ed|ing)?\s+(?=(?:the |your |his |her |their )?head\b)", "tilt "),
    # a throwing arm cocked back: the elbow bent, the hand up behind the shoulder
    (r"\b(arms?|hands?)\s+(?:is\s+|are\s+)?(?:cocked|drawn)\s+back\b", r"\1 cocked"),
    (r"\b(arms?|hands?)\s+(?:is\s+|are\s+)?pulled\s+back\b", r"\1 back"),
    (r"\b(head\s+(?:is\s+)?)cock(?:s|ed|ing)?\b", r"\1tilted"),
    (r"\b(?:lean|leans|leaning|leaned|leant|tilt|tilts|tilting|tilted|tip|tips|tipping|tipped|"
     r"lurch(?:ed|ing)?)\b", "lean"),
    (r"\b(?:look|looks|looking|looked|gaze|gazes|gazing|glance|glances|glancing|stare|stares|"
     r"staring|peer|peers|peering)\b", "look"),
    (r"\b(?:stretched|stretches|stretching|stretch|extended|extends|extending|extend|"
     r"outstretched|reaching|reaches|reach|straightened)\b", "stretch"),
    (r"\b(?:pointing|points|pointed)\b", "point"),
    # The upper body turns on the hips; "the body turned to the left" faces there (_facing).
    (r"\b(?:upper body|trunk|chest|shoulders|waist|hips)\s+(?=(?:turn|twist|rotat))", "torso "),
    (r"\b(?:twisted|twists|twisting|rotated|rotates|rotating|rotate)\b", "twist"),
    (r"\b(?:turned|turns|turning)\b", "turn"),
    (r"\b(?:stepping|steps|stepped)\b", "step"),
    (r"\b(?:kicking|kicks|kicked)\b", "kick"),
    (r"\b(?:kneeling|kneels|knelt|kneel down)\b", "kneel"),
    (r"\b(?:reclin\w*)\b(?=[^,.;]*\b(?:chair|sofa|couch|armchair|seat)\b)", "sit, lean back"),
    (r"\b(?:lying|lies|laying|lay|lie down|lying down|reclining|reclined)\b", "lie"),
    (r"\b(?:sitting|sits|sat|seated|sit down)\b", "sit"),
    (r"\b(?:standing|stands|stood)\b", "stand"),
    (r"\b(?:squatting|squats|squatted|crouching|crouches|crouched|crouch|hunkered|hunker)\b",
     "squat"),
    (r"\b(?:lunging|lunges|lunged)\b", "lunge"),
    (r"\b(?:balancing|balances|balanced|hopping|hops)\b", "balance"),
    (r"\bsurface\b", ""),
    (r"\bdown(?: down)+\b", "down"),
    (r"\btie (?:the )?(?:shoe ?)?laces? of (?:the )?(?P<s>left|right) (?:shoe|boot|foot)\b|"
     r"\btie (?:the )?(?P<s2>left|right) (?:shoe|boot)(?: ?laces?)?\b",
     lambda m: f"both hands on the {m.group('s') or m.group('s2')} foot"),
    (r"\s+", " "),
)
CLAUSE_BREAK = re.compile(r"[,;.!?\n]+|\s+(?:and|while|whilst|but|then)\s+")
_SIDE = r"(?:(?P<side>left|right|both|other|one|each|the other)\s+)?"
_ARM_WORD = r"(?P<part>arms?|hands?|wrists?|forearms?)"
_LEG_WORD = r"(?P<leg>legs?|feet|foot|knees?|thighs?|ankles?|shins?|heels?|toes)"
_TARGETS = {
    "head": "head_top", "top of the head": "head_top", "the top of the head": "head_top",
    "hair": "head_top", "crown": "head_top",
    "forehead": "forehead", "brow": "forehead", "temple": "ear", "temples": "ear",
    "face": "face", "faces": "face", "cheek": "face", "cheeks": "face", "nose": "face",
    "eyes": "face", "eye": "face",
    "mouth": "mouth", "lips": "mouth", "lip": "mouth", "chin": "chin", "jaw": "chin",
    "ear": "ear", "ears": "ear", "neck": "neck_front", "throat": "neck_front",
    "chest": "chest", "heart": "chest", "breast": "chest", "sternum": "chest",
    "belly": "belly", "pocket": "waist", "pockets": "waist", "hip": "waist", "hips": "waist", "waist": "waist", "side": "waist",
    "knee": "knee", "knees": "knee", "kneecap": "knee", "thigh": "thigh", "thighs": "thigh",
    "lap": "thigh", "leg": "thigh", "shoulder": "shoulder", "shoulders": "shoulder",
    "back": "back", "lower back": "buttocks", "small of the back": "buttocks",
    "butt": "buttocks", "bottom": "buttocks", "buttocks": "buttocks",
    "back of the head": "back_of_head", "back of head": "back_of_head", "nape": "back_of_head",
    "ankle": "ankle", "ankles": "ankle", "foot": "foot", "feet": "foot", "toes": "foot",
    "toe": "foot", "shin": "ankle", "shins": "ankle", "elbow": "elbow", "elbows": "elbow",
}
_TARGET_RE = "|".join(sorted((re.escape(k) for k in _TARGETS), key=len, reverse=True))


# Words that carry no activity: what is left of "standing with the feet apart" is nothing.
_FUNCTION_WORDS = frozenset("""a an the and with while whilst but then as is are be being of in on
at to by for from into onto up down out over both each one other left right side sides his her
their its this that so very really just slightly bit little way also too stand still straight
pose posture position person someone somebody man woman guy girl boy figure character body
please make let have has keep kept put get gets leg legs foot feet knee knees hand hands arm arms
elbow elbows head ground kneel sit lie squat lunge balance wide apart together facing face
bent bend partially slightly completely raise raised above below hip hips height level torso
shoulder shoulders knees touching touch front behind forward back lean leaning turned turn look
looks looking tilts tilt spread close width crossed cross upper lower halfway high low""".split())


# Furniture a read posture already says ("sitting in a chair"): no activity to look up (the
# yoga chair pose is no seat).
_POSTURE_PROPS = frozenset("chair armchair seat stool bench couch sofa bed".split())


@dataclass
class Reading:
    """What a request says: its facts and the clauses no fact pattern used."""

    facts: list[Fact]
    leftover: list[str]
    text: str
    residual: str  # the request's words that no fact used, for the activity lexicon


def normalise(text: str) -> str:
    out = mend_typos(text.lower())
    for pattern, repl in _NORMALISE:
        out = re.sub(pattern, repl, out)
    return out.strip()


def _sides(word: str | None, part: str, context: str) -> list[str]:
    """Sides a part names: "left", "right", both for plurals/"both"; context resolves
    "other"; no side and a singular part: the context's side, else the right (leading)."""
    if word in ("left", "right"):
        return [word]
    if word in ("both", "each") or (part.endswith("s") and part not in ("hips",)) or \
            part in ("feet",):
        return ["left", "right"]
    if word in ("other", "the other"):
        return [other(context)] if context else ["left"]
    return [context or "right"]


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.facts: list[Fact] = []
        self.context = ""  # the last side named, for "the other hand"
        self.posture: Fact | None = None

    def add(self, kind: str, side: str, what: str, words: str) -> None:
        fact = Fact(kind, side, what, words.strip())
        if fact not in self.facts:
            self.facts.append(fact)

    # -- whole-request postures ----------------------------------------------------------------
    def postures(self, t: str) -> None:
        side_of = lambda m: (m.group("s") if m and m.groupdict().get("s") in ("left", "right")
                             else "")
        m = re.search(r"\b(handstand|hand stand|upside down|on the hands, feet up)\b", t)
        if m:
            return self._posture("handstand", "", m.group(0))
        if re.search(r"\bheadstand\b", t):
            return self._posture("handstand", "", "headstand")
        if re.search(r"\bside plank\b", t):
            m = re.search(r"\bon the (?P<s>left|right)\s+(?:side|arm|hand|elbow|forearm)", t)
            return self._posture("side_plank", side_of(m) or "right", "side plank")
        if re.search(r"\b(plank|push[- ]?ups?|press[- ]?ups?)\b", t):
            if re.search(r"\b(forearms?|elbows?|low plank)\b", t):
                return self._posture("forearm_plank", "", "plank on the forearms")
            return self._posture("plank", "", "plank")
        if re.search(r"\b(all fours|hands and knees|crawl\w*|knees and hands)\b", t):
            return self._posture("all_fours", "", "on all fours")
        m = re.search(r"\blie\b[^,]*?\bon (?:the |a )?(?P<s>left|right)?\s*side\b|"
                      r"\blie\b[^,]*?\bside\b|\bon (?:the |a )?(?P<s2>left|right) side\b", t)
        if m and re.search(r"\b(lie|sleep\w*|rest\w*|curled|fetal|doz\w*|nap\w*|snooz\w*)\b", t) or \
                re.search(r"\bfetal\b", t):
            side = (m.group("s") or m.group("s2")) if m else None
            return self._posture("lying_side", side or "right", "lying on the side")
        if re.search(r"\blean\w* back on (?:the )?(?:elbows|forearms)\b", t):
            return self._posture("propped_back", "", "leaning back on the elbows")
        if re.search(r"\b(lie|sleep\w*|asleep|supine|prone|sunbath\w*|(?<!hand )(?<!hands )(?<!foot )(?<!feet )flat on the (?:back|ground|"
                      r"belly|front))\b", t) and not re.search(r"\b(sit|stand|kneel)\b", t):
            front = re.search(r"\b(prone|face ?down|on the belly|on the front|front|"
                              r"belly|stomach)\b", t)
            propped = re.search(r"\b(propped|prop\w*|on the elbows|on the forearms|"
                                r"elbows|forearms)\b", t)
            if front:
                return self._posture("propped_front" if propped else "lying_front", "",
                                     "lying face down")
            return self._posture("propped_back" if propped else "lying_back", "",
                                 "lying on the back")
        m = re.search(r"\bkneel\b|\bon (?:the |one |a )?(?P<s>left|right|one|both)?\s*knees?\b|"
                      r"\btake a knee\b|\bdown on (?:the |one )?(?P<s2>left|right|one)?\s*knee\b|"
                      r"\b(?:left|right) knee (?:is )?(?:down )?(?:on|to|touch\w*) the ground\b", t)
        if m and "kneel" not in m.group(0) and re.search(
                r"\b(?:hands?|palms?|elbows?|arms?|wrists?|touch|put|feet|foot|ankles?|heels?|"
                r"toes|soles?|over|crossed)\s+(?:\w+\s+){0,3}$", t[:m.start()]):
            m = re.search(r"\bkneel\b", t)
        if m:
            named = re.search(r"\b(?:on|down on) (?:the )?(?P<s>left|right) knee\b|\b(?P<s2>left|"
                              r"right) knee (?:down|on the ground|touch\w* the ground)\b", t)
            if re.search(r"\bheels\b", t):
                return self._posture("sitting_heels", "", "sitting on the heels")
            if named:
                side = named.group("s") or named.group("s2")
                return self._posture("kneeling_one", side, f"kneeling on the {side} knee")
            up = re.search(r"\b(?P<s>left|right) (?:foot|knee|leg) (?:up|forward|put|planted|"
                           r"raise|in front|bent)", t)
            if up:
                side = other(up.group("s"))
                return self._posture("kneeling_one", side, f"kneeling on the {side} knee")
            if re.search(r"\b(one|a) knee\b|\btake a knee\b|\bpropos\w*", t):
                return self._posture("kneeling_one", "right", "kneeling on one knee")
            return self._posture("kneeling_both", "", "kneeling on both knees")
        furniture = (r"\b(chair|stool|bench|sofa|couch|desk|seat|edge|table|car|throne|toilet|box|"
                     r"piano|keyboard|computer|laptop|wheel|saddle|bar|armchair|bed)\b")
        if re.search(r"\bsit\b(?!-)|\bseat\b|\bon (?:a|the) (?:chair|stool|bench|sofa|couch|"
                     r"armchair|saddle)\b", t):
            if re.search(furniture, t):
                return self._posture("sitting_chair", "", "sitting on a chair")
            if re.search(r"\b(cross-?legged|lotus|indian style)\b", t) or \
                    re.search(r"\b(legs crossed|crossed legs)\b", t) and re.search(r"\bground\b", t):
                return self._posture("cross_legged", "", "sitting cross-legged")
            if re.search(r"\bheels\b", t):
                return self._posture("sitting_heels", "", "sitting on the heels")
            if re.search(r"\blean back\b|\blean\w* back\b|\bon the hands\b|\brecline", t):
                return self._posture("sitting_lean_back", "", "sitting, leaning back")
            # A seat is the usual place to sit; the ground when it is said or the legs show it.
            if re.search(r"\b(ground|beach|sand|lawn|outdoors|picnic|knees? (?:up )?to the chest|"
                         r"hug\w* (?:the )?knees|legs (?:stretch|out|straight|forward)|campfire)\b", t):
                return self._posture("sitting_floor", "", "sitting on the ground")
            return self._posture("sitting_chair", "", "sitting on a chair")
        m = re.search(r"\b(?:stand|balance|balanced|hop|hopping|stand up|arabesque|pirouette|"
                      r"spin|spinning|pivot|pivoting|land|landing|poised|perched|pass[eé]|spiral|slid\w*|"
                      r"glid\w*|skat\w*|twirl\w*) on (?:the )?"
                      r"(?P<s>left|right|one)\s+(?:leg|foot)\b|\bflamingo\b", t)
        if m:
            side = m.group("s") if m.groupdict().get("s") in ("left", "right") else ""
            if not side:
                up = re.search(r"\b(?P<s>left|right) (?:leg|foot|knee) (?:up|raise|off|bent|in)",
                               t)
                side = other(up.group("s")) if up else "left"
            return self._posture("one_leg", side, f"standing on the {side} leg")
        m = re.search(r"\blunge\b", t)
        if m:
            named = re.search(r"\b(?P<s>left|right) (?:leg|foot|knee)", t)
            side = named.group("s") if named else "right"
            return self._posture("lunge", side, "a lunge")
        if re.search(r"\bsquat\b", t):
            return self._posture("squat", "", "squatting")
        if re.search(r"\b(lean over(?! to the (?:left|right)| sideways)|bent over|lean down|"
                     r"touch the toes|touch toes|forward fold|"
                     r"toe touch|lean forward at the waist)\b", t):
            return self._posture("bent_over", "", "bent over")
        if re.search(r"\bstand (?:up )?(?:straight|upright|tall)\b|\bstand up\b|\bupright\b", t) \
                and not re.search(r"\b(?:torso|back|body) upright\b", t):
            return self._posture("standing", "", "standing upright")

    def _posture(self, what: str, side: str, words: str) -> None:
        self.posture = Fact("posture", side, what, words)
        self.facts.append(self.posture)
        if what in ("sitting_floor", "cross_legged", "sitting_lean_back"):
            self.add("ground", "", "buttocks", "")
        if what == "all_fours":
            for side in ("left", "right"):
                self.add("ground", side, f"{side}_knee", "")
                self.add("ground", side, f"{side}_hand", "")

    # -- clause facts --------------------------------------------------------------------------
    def clause(self, c: str) -> bool:
        """Facts of one clause; whether any was found."""
        before = len(self.facts)
        named = re.findall(r"\b(left|right)\b(?!-handed)", c)  # a handedness names no limb
        if len(set(named)) == 1:  # "left arm forward with the elbow bent": the left elbow
            self.context = named[0]
        for rule in (self._foot_on, self._hands_together, self._arms_crossed, self._contact,
                     self._ground,
                     self._arm, self._bend, self._leg_placement, self._feet, self._lean,
                     self._twist, self._head, self._facing):
            rule(c)
        if named:
            self.context = named[-1]
        return len(self.facts) > before

    def _foot_on(self, c: str) -> None:
        """A foot resting on the other leg: "right ankle on the left knee", "foot on the inside
        of the left thigh" (a tree pose), "cross the right ankle over the left knee"."""
        for m in re.finditer(
                r"(?:\b(?:put|place|rest|cross|press)\s+)?(?:the\s+)?(?:(?P<side>left|right)\s+)?"
                r"(?P<p>ankle|foot|heel|sole|toes)\s+(?:(?:is|put|crossed|touch|tucked|over|"
                r"propped|pressed|resting)\s+)*(?:(?:on top of|on|onto|over|against|into|to|at)\s+"
                r"|(?<=touch )|(?<=over ))"
                r"(?:the\s+)?(?:inside\s+of\s+(?:the\s+)?|inner\s+)?(?P<tside>left|right)\s+"
                r"(?P<t>knee|calf|shin|thigh)\b", c):
            tside = m.group("tside")
            side = m.group("side") or other(tside)
            if side == tside:
                continue  # a foot on its own leg is no place to rest
            part = {"shin": "calf"}.get(m.group("t"), m.group("t"))
            self.add("foot_on", side, f"{tside}_{part}", m.group(0))

    def _hands_together(self, c: str) -> None:
        m = re.search(r"\bhands? (?:together|clasped|joined|touch(?:ing)? each other)|"
                      r"\b(?:clasp|join|put) (?:the )?hands(?: together)?\b|\bhands (?:are )?touch\b(?!\s+(?:the|a|around|on|at|to|over|behind|near|under)\b)|"
                      r"\bpray\w*\b|\bnamaste\b|\bhand in hand\b|\bhands (?:put )?together\b|"
                      r"\binterlac\w* (?:the )?hand|\bhands (?:laced|interlaced|interlocked|linked)\b|"
                      r"\barms (?:locked |held |pressed |clasped )?together\b", c)
        if m:
            self.add("hands_together", "", "hands", m.group(0))

    def _arms_crossed(self, c: str) -> None:
        m = re.search(r"\b(?:arms?|hands?) (?:are |is )?(?:crossed|folded)\b|\b(?:cross|fold)\w* "
                      r"(?:the )?arms\b", c)
        if m:
            self.add("arms_crossed", "", "arms", m.group(0))

    def _contact(self, c: str) -> None:
        # "left hand on the right knee", "right hand touch the head", "hands behind the head"
        part_first = re.finditer(
            rf"{_SIDE}{_ARM_WORD}\s+(?:(?:is|are|put|kept|still|firmly|lightly|gently|both|"
            rf"together|clasped|joined|up|just|flat|laced|interlaced|interlocked|pulled|drawn|"
            rf"brought|back|touch|[a-z]+ing)\s+)*"
            rf"(?P<rel>on|at|to|against|over|touch|behind|near|by|under|across|around|onto|upon|"
            rf"in|into|up to|pressed to|to the|beside|next to)\s+(?:the\s+|a\s+)?(?:(?P<tside>left|right|other|"
            rf"opposite)\s+)?(?P<target>{_TARGET_RE})\b", c)
        verb_first = re.finditer(
            rf"\b(?:(?:touch|put|cover|bury|hide|press)\s+|(?:bring|stretch)\s+(?=behind|to|toward))"
            rf"(?:(?P<rel>behind|to|toward)\s+)?"
            rf"(?:the\s+)?(?:(?P<tside>left|right|"
            rf"other|opposite)\s+)?(?P<target>{_TARGET_RE})\b(?:(?:\s+[a-z]+){{0,4}}?\s+(?:with|using)"
            rf"\s+(?:the\s+)?(?P<side>left|right|both|other|one)?\s*(?P<part>hands?|arms?))?", c)
        passive = re.finditer(
            rf"(?:the\s+)?(?:(?P<tside>left|right)\s+)?(?P<target>{_TARGET_RE})\s+(?:is\s+)?"
            rf"touch\s+by\s+(?:the\s+)?(?P<side>left|right|both|other)?\s*(?P<part>hands?)", c)
        put_on = re.finditer(
            rf"\bput\s+(?:the\s+)?{_SIDE}{_ARM_WORD}\s+(?P<rel>on|at|to|against|over|behind|"
            rf"onto|across)\s+(?:the\s+)?(?:(?P<tside>left|right|other|opposite)\s+)?"
            rf"(?P<target>{_TARGET_RE})\b", c)
        buried = re.finditer(
            rf"(?:the\s+)?(?P<target>face|eyes|head)\s+(?:is\s+)?(?:(?:buried|hidden|put|sunk|"
            rf"cradled|touch)\s+)?in\s+(?:the\s+)?(?P<side>left|right|both|one)?\s*(?P<part>hands?)|"
            rf"\b(?:bury|hide|put)\s+(?:the\s+)?(?P<target2>face|head)\s+in\s+(?:the\s+)?"
            rf"(?P<side2>left|right|both)?\s*(?P<part2>hands?)|"
            rf"\b(?P<target3>chin|cheek|cheeks|head)\s+(?:put\s+|touch\s+|propped\s+(?:up\s+)?|"
            rf"supported\s+)?(?:in|on)\s+(?:the\s+)?"
            rf"(?P<side3>left|right|both)?\s*(?P<part3>hands?)\b", c)
        for m in buried:
            g = m.groupdict()
            part = g["part"] or g["part2"] or g["part3"]
            what = {"chin": "chin", "head": "ear"}.get(g["target3"], "face")
            for side in _sides(g["side"] or g["side2"] or g["side3"], part, self.context):
                # a head propped on a hand rests on it by the ear
                self.add("contact", side, f"{side}_ear" if what == "ear" else what, m.group(0))
        for m in list(part_first) + list(verb_first) + list(passive) + list(put_on):
            g = m.groupdict()
            target = g["target"]
            rel = g.get("rel") or ""
            part = g.get("part") or "hand"
            if "fore" in part or re.match(r" (?:height|level|width)\b", c[m.end():]):
                continue  # "hand at shoulder height" is a height, not a touch
            if not g.get("part") and (re.search(r"\b(?:elbow|knee|foot|feet|heel|head|forehead|toe|ankle|sole)s?\s+"
                                                r"(?:[a-z]+\s+){0,3}$", c[:m.start()]) or (
                    target in ("elbow", "elbows", "knee", "knees", "foot", "feet", "head")
                    and re.match(rf"\s+(?:to|against|on)\s+(?:the\s+)?(?:(?:left|right)\s+)?"
                                 rf"(?:{_TARGET_RE})\b", c[m.end():]))):
                continue  # "the left elbow down to touch the right knee", "touch the left
                # elbow to the right knee": no hand touches
            if part.startswith("arm") and (rel == "across" or re.search(r"\bup\b", m.group(0))
                                           or rel == "over" and target == "head"):
                # the arm lies across, or is up by the ears: no hand on anything
                for side in _sides(g.get("side"), part, self.context):
                    self.add("arm", side, "across" if rel == "across" else "up", m.group(0))
                continue
            if g.get("side") is None and not g.get("part"):
                named = re.findall(r"\b(left|right) (?:arm|hand)\b", c[:m.start()])
                if named:
                    g["side"] = named[-1]
            if rel == "behind" and target in ("head", "back", "neck"):
                target = {"head": "back of the head", "back": "lower back",
                          "neck": "back of the head"}[target]
            if target in ("side",) and rel not in ("on", "at", "to", "against"):
                continue
            if target == "side" and part.startswith("arm") and rel == "at":
                for side in _sides(g.get("side"), part, self.context):
                    self.add("arm", side, "down", m.group(0))  # "left arm at his side" hangs
                continue
            sides = _sides(g.get("side"), part, self.context)
            if g.get("side") is None and target in ("hips", "knees", "thighs", "cheeks", "ears",
                                                    "temples", "shoulders", "toes", "feet",
                                                    "ankles", "shins"):
                sides = ["left", "right"]
            if g.get("side") is None and target in ("face", "faces", "eyes") and \
                    "hands" in (g.get("part") or "") + m.group(0):
                sides = ["left", "right"]
            for side in sides:
                self.add("contact", side, self._target(target, side, g.get("tside"), len(sides)),
                         m.group(0))

    def _target(self, word: str, hand_side: str, tside: str | None, hands: int) -> str:
        name = _TARGETS[word]
        if name in ("ear", "waist", "knee", "thigh", "shoulder", "ankle", "foot", "elbow"):
            if tside in ("left", "right"):
                side = tside
            elif tside in ("other", "opposite"):
                side = other(hand_side)
            elif name in ("shoulder", "elbow") and hands == 1:
                side = other(hand_side)   # a hand on "the shoulder" reaches across
            else:
                side = hand_side
            return {"shoulder": f"{side}_shoulder_top", "thigh": f"{side}_thigh",
                    "ear": f"{side}_ear", "waist": f"{side}_waist"}.get(name, f"{side}_{name}")
        return name

    def _ground(self, c: str) -> None:
        for m in re.finditer(rf"{_SIDE}(?P<p>hands?|knees?|elbows?|forearms?|feet|foot|heels?)\s+"
                             rf"(?:(?:is|are|put|flat|firmly|still|both)\s+)*(?:on|touch|to)\s+(?:the\s+)?"
                             rf"ground\b", c):
            part = {"hands": "hand", "knees": "knee", "elbows": "elbow", "forearms": "elbow",
                    "forearm": "elbow", "feet": "ankle", "foot": "ankle", "heel": "ankle",
                    "heels": "ankle"}.get(m.group("p"),
                                                                               m.group("p"))
            for side in _sides(m.group("side"), m.group("p"), self.context):
                self.add("ground", side, f"{side}_{part}", m.group(0))
        m = re.search(rf"\btouch (?:the )?ground (?:with )?(?:the )?{_SIDE}(?P<p>hands?)?", c) or \
            re.search(rf"\bstretch down (?:with |using )?(?:the )?{_SIDE}(?P<p>hands?)", c)
        if m and m.group("p"):
            for side in _sides(m.group("side"), m.group("p"), self.context):
                self.add("ground", side, f"{side}_hand", m.group(0))

    def _arm(self, c: str) -> None:
        ways = (r"(?P<way>straight up|up|high|above (?:the )?head|over (?:the )?head|down|"
                r"hanging|hang|at (?:the |its |their )?sides?|by (?:the )?sides?|lowered|"
                r"lower|relaxed|limp|forward|straight forward|out to the side|to the side|"
                r"out|wide|at shoulder height|shoulder height|level|horizontal|back|behind|"
                r"cocked)")
        patterns = (
            rf"{_SIDE}{_ARM_WORD}\s+(?:(?:is|are|raise|stretch|point|held|kept|hanging|hang|"
            rf"straight|fully|both|pointing|out|way|just|simply|loosely|thrown|flung|shot|locked|spread|"
            rf"together|clasped|joined|laced|interlaced|interlocked|linked|pushed|push|thrust|"
            rf"all the way|far|touch(?: the| a)? [a-z]+)\s+)*{ways}",
            rf"\b(?:raise|stretch|point|throw|shoot|thrust|drop|lower|hang|swing|extend|hold|"
            rf"let|put)\s+(?:the\s+)?{_SIDE}{_ARM_WORD}(?:\s+(?:straight|out|fully|all the way))*"
            rf"(?:\s+{ways})?",
            rf"\b(?P<verb>raise)\s+(?:the\s+)?{_SIDE}{_ARM_WORD}",
            rf"{_SIDE}{_ARM_WORD}\s+(?:(?:is|are|both|held|kept)\s+)*(?P<verb2>raise)\b",
            rf"\b(?:point|stretch|raise|wave)\w*\s+{ways}\s+(?:with|using)\s+(?:the\s+)?{_SIDE}"
            rf"{_ARM_WORD}",
            rf"\b(?:point|stretch|reach)\w*\s+(?:(?:out|off|over|away)\s+)*(?:to the\s+|on the\s+)?"
            rf"(?P<way>left|right)\s+(?:with|using)\s+(?:the\s+)?{_SIDE}{_ARM_WORD}",
            rf"\b(?:point|stretch|reach)\w*\b[^,;]{{0,40}}?\b(?:to|on) the (?P<way>left|right)\b"
            rf"[^,;]{{0,20}}?\b(?:with|using)\s+(?:the\s+)?{_SIDE}{_ARM_WORD}",
            rf"{_SIDE}{_ARM_WORD}\s+(?:(?:is|are|point|stretch|held|kept|straight|out|off|way|far)"
            rf"\s+)*(?:to|toward|towards) the (?P<way>left|right)(?:\s+side)?\b(?!\s+(?:of\b|"
            rf"[a-z]+\s+of\b|shoulder|hip|knee|ear|hand|foot|arm|leg|elbow|thigh|waist|cheek|"
            rf"temple|ankle|wrist))",
        )
        for pattern in patterns:
            for m in re.finditer(pattern, c):
                if c[m.end():].startswith(" of"):
                    continue  # "hands in front of the body": where, not an arm direction
                g = m.groupdict()
                if g.get("way") in ("wide", "at shoulder height", "shoulder height", "level") and (
                        c[m.end():].startswith(" apart") or (g.get("part") or "").startswith("hand")):
                    continue  # "hands wide apart" is how far apart, not where the arms point
                way = g.get("way") or ("raised" if g.get("verb") or g.get("verb2") or "raise" in m.group(0)
                                       else None)
                if way is None:
                    if re.search(r"\b(drop|lower|hang|let)\b", m.group(0)):
                        way = "down"
                    elif re.search(r"\bstretch|extend", m.group(0)):
                        way = "side" if "forward" not in c else "forward"
                    else:
                        continue
                if way in ("left", "right"):  # toward the arm's own side only; across is no fact
                    way = "to the side" if way == g.get("side") else ""
                what = self._arm_way(way, c, m) if way else None
                if what is None:
                    continue
                if not g.get("side") and re.search(r"\b(?:left|right)-handed\b", self.text):
                    continue  # "right-handed guitarist, fretting hand up": which hand is open
                for side in _sides(g.get("side"), g.get("part") or "arm", self.context):
                    bent = any(f.kind == "bend" and f.side == side and f.what == "elbow:bent"
                               for f in self.facts)
                    part = g.get("part") or ""
                    if bent and (what == "up" and part.startswith("hand") or what in (
                            "up", "forward", "side") and part.startswith("forearm")):
                        what = f"{what}:fore"  # a bent elbow's forearm (or hand) points there
                    self.add("arm", side, what, m.group(0))

    @staticmethod
    def _arm_way(way: str, c: str, m: re.Match) -> str | None:
        if way in ("straight up", "above the head", "above head", "over the head", "over head"):
            return "up"
        if way in ("up", "high", "raised") and re.match(r" (?:forward of|by|near|at) ", c[m.end():]):
            return "raised"  # "hands up in front of the face": up to it, not above the head
        if way in ("up", "high", "raised"):
            # "raised" alone means up; halfway, slightly, or to shoulder height mean less.
            if re.search(r"\b(slightly|a bit|a little|halfway|partly|partially)\b", c):
                return "raised"
            if re.search(r"\bshoulder height|\blevel\b|\bhorizontal", c):
                return "forward" if "forward" in c else "side"
            return "up"
        if way in ("down", "hanging", "hang", "lowered", "lower", "relaxed", "limp") or \
                way.startswith("at ") and "side" in way or way.startswith("by "):
            return "down"
        if way in ("forward", "straight forward"):
            return "forward"
        if way == "out" and (m.groupdict().get("part") or "") == "hand":
            return "forward"  # "hold your hand out", "right hand out" for a handshake: offered
        if way in ("out to the side", "to the side", "out", "wide", "at shoulder height",
                   "shoulder height", "level", "horizontal"):
            return "forward" if "forward" in c else "side"
        if way in ("back", "behind"):
            return "back"
        if way == "cocked":
            return "cocked"
        return None

    def _bend(self, c: str) -> None:
        for m in re.finditer(rf"{_SIDE}(?P<j>elbows?|knees?|arms?|legs?)\s+(?:(?:is|are|slightly|"
                             rf"deeply|fully|a bit|kept|held|both)\s+)*(?P<how>bent|bend|flexed|"
                             rf"straight|locked|stretch|unbent|straightened)\b", c):
            self._bend_fact(m, m.group("j"), m.group("how"), c[m.end():])
        for m in re.finditer(rf"\b(?P<how>bend|flex|straighten|lock)\s+(?:the\s+)?{_SIDE}"
                             rf"(?P<j>elbows?|knees?|arms?|legs?)\b", c):
            self._bend_fact(m, m.group("j"), m.group("how"))
        m = re.search(r"\b(?P<how>straight|bent)\s+(?P<j>arms?|legs?|knees?|elbows?)\b", c)
        if m:
            self._bend_fact(m, m.group("j"), m.group("how"))

    def _bend_fact(self, m: re.Match, joint: str, how: str, rest: str = "") -> None:
        bent = how in ("bent", "bend", "flexed", "flex")
        if bent and re.search(r"\b(slightly|partially|a bit|a little|softly)\b", m.group(0)):
            return  # a soft bend is no promise of a bent joint

        name = "elbow" if joint.startswith(("elbow", "arm")) else "knee"
        if how == "stretch" and name == "elbow" and re.match(r"\s*(?:and\s+)?[a-z]", rest):
            return  # "arm stretched up" is a direction, read by _arm; "arms extended" is not
        for side in _sides(m.groupdict().get("side"), joint, self.context):
            self.add("bend", side, f"{name}:{'bent' if bent else 'straight'}", m.group(0))

    def _leg_placement(self, c: str) -> None:
        way = (r"(?P<way>forward|back|behind|to the side|out to the side|out forward|out back|"
               r"out|wide|up|raise|high|off the ground|bent up)")
        # The side may come before or after the direction: "step the left foot back",
        # "step out to the right side with the right foot".
        with_side = rf"(?:\s+(?:(?:to the|the)\s+)?(?:left|right)(?:\s+side)?)?(?:\s+(?:with|using)\s+" \
                    rf"(?:the\s+)?(?P<s2>left|right)\s+(?:leg|foot))?"
        for m in re.finditer(rf"\bstep\w*(?:\s+(?:the\s+)?(?P<s1>left|right)\s+(?:leg|foot))?"
                             rf"(?:\s+{way})?{with_side}", c):
            side = m.group("s1") or m.group("s2")
            w = m.group("way") or ("forward" if side else None)
            if side and w:
                self.add("leg", side, self._leg_way(w), m.group(0))
        for m in re.finditer(r"\bstep\w*\s+(?:out\s+)?to the (?P<s>left|right)\b(?!\s+(?:side\s+)?"
                             r"(?:with|using))", c):
            self.add("leg", m.group("s"), "side", m.group(0))
        for m in re.finditer(rf"\bkick(?:\s+(?:the\s+)?(?:(?P<s1>left|right)\s+)?(?:leg|foot|heel))?"
                             rf"(?:\s+(?:straight|hard|way|far|up|high))*"
                             rf"(?:\s+(?P<way>forward|back|behind|to the side|out to the side|out|"
                             rf"high|up))?{with_side}", c):
            before = re.findall(r"\b(left|right)\s+(?:leg|foot)\b", c[:m.start()])
            side = m.group("s1") or m.group("s2") or (before[-1] if before else "") or \
                self.context or "right"
            w = {"back": "kick_back", "behind": "kick_back", "to the side": "kick_side",
                 "out to the side": "kick_side", "out": "kick_side"}.get(m.group("way") or "",
                                                                           "kick_forward")
            self.add("leg", side, w, m.group(0))
        for m in re.finditer(rf"(?:the\s+)?(?P<side>left|right|one)\s+(?P<p>leg|foot|knee|thigh)"
                             rf"\s+(?:(?:is|put|kept|held|slightly|extended|stretch|raise|bent|"
                             rf"planted|well|placed|pointing|point|straight|step\w*|mov\w*|"
                             rf"pulled|pull|drawn|brought|tucked|hugged|sweep\w*|swing\w*|"
                             rf"trailing|kicked)\s+)*"
                             rf"{way}", c):
            side = m.group("side") if m.group("side") != "one" else "right"
            w, part = m.group("way"), m.group("p")
            if w in ("back", "behind") and "raise" in m.group(0):
                self.add("leg", side, "kick_back", m.group(0))  # "foot raised behind"
            elif part in ("knee", "thigh") and w in ("up", "raise", "high", "bent up"):
                self.add("leg", side, "knee_up", m.group(0))
            else:
                self.add("leg", side, self._leg_way(w), m.group(0))
        for m in re.finditer(rf"\braise\s+(?:the\s+)?(?P<side>left|right|one)\s+(?P<p>leg|foot|"
                             rf"knee|thigh)", c):
            side = m.group("side") if m.group("side") != "one" else "right"
            self.add("leg", side, "knee_up" if m.group("p") in ("knee", "thigh") else "lifted",
                     m.group(0))

    @staticmethod
    def _leg_way(way: str) -> str:
        return {"forward": "forward", "back": "back", "behind": "back", "to the side": "side",
                "out forward": "forward", "out back": "back",
                "out to the side": "side", "out": "side", "wide": "side"}.get(way, "lifted")

    def _feet(self, c: str) -> None:
        # "shoulder width apart" is the everyday stance, no promise of a wide one.
        m = re.search(r"\b(?:feet|legs|stance|ankles)\b(?:(?! shoulder[- ]width)[^,])*?\b(?:wide|"
                      r"apart|spread)\b(?: apart)?|\bwide stance\b|\bstraddl\w*|\bspread "
                      r"(?:the )?(?:legs|feet)\b|\blegs (?:wide|spread)", c)
        if m:
            self.add("feet", "", "apart", m.group(0))
        m = None if m else re.search(r"\b(?:feet|legs|heels|ankles) (?:are )?(?:together|close "
                                     r"together|touching)\b|\bfeet close\b", c)
        if m:
            self.add("feet", "", "together", m.group(0))
        m = re.search(r"\b(?:legs|ankles|feet) (?:are )?crossed\b|\bcross\w* (?:the )?(?:legs|"
                      r"ankles)\b", c)
        if m and self.posture is None:
            self.add("feet", "", "crossed", m.group(0))

    def _lean(self, c: str) -> None:
        m = re.search(r"\blean\w*\s+(?:(?:the\s+)?(?:torso|body|upper body|trunk|whole body|"
                      r"over|far|slightly|a bit|a little|way|all the way|strongly|heavily|"
                      r"to the side)\s+)*"
                      r"(?P<way>forward|back|to the left|to the right|left|right|over|down)\b|"
                      r"\b(?:torso|body|upper body|trunk|back)\s+(?:is\s+)?lean\w*\s+(?:(?:over|far|"
                      r"slightly)\s+)*(?P<way2>forward|back|to the left|to the right|left|right)",
                      c)
        if m and re.search(r"\b(?:head|neck|chin)\s+(?:is\s+)?$", c[:m.start()]):
            m = None  # "head tilted back" moves the head (read by _head), not the torso
        if m and not re.search(r"\blean\w* (?:back )?(?:on|against)\b(?! (?:the |a )?(?:couch|"
                                 r"sofa|chair|seat|armchair))", m.group(0)):
            way = (m.group("way") or m.group("way2")).replace("to the ", "")
            way = {"over": "forward", "down": "forward"}.get(way, way)
            if way in ("left", "right") and re.search(r"\bhead\b", c):
                return
            self.add("lean", "", way, m.group(0))
        elif re.search(r"\b(?:arch\w* (?:the )?back|back arched)\b", c):
            self.add("lean", "", "back", "back arched")
        elif re.search(r"\b(?:slouch\w*|stoop\w*|hunched)\b", c):
            self.add("lean", "", "forward", "hunched")

    def _twist(self, c: str) -> None:
        m = re.search(r"\b(?:twist\w*\s+(?:the\s+)?(?:torso|upper body|body)|turn\w*\s+(?:the\s+)?"
                      r"(?:torso|upper body))\s+(?:to the\s+)?"
                      r"(?P<way>left|right)|\btorso\s+(?:is\s+)?(?:twist|turn)\w*\s+(?:to the\s+)?"
                      r"(?P<way2>left|right)|\btwist\w*\s+(?:to the\s+)?(?P<way3>left|right)", c)
        if m:
            self.add("twist", "", m.group("way") or m.group("way2") or m.group("way3"),
                     m.group(0))

    def _head(self, c: str) -> None:
        m = re.search(r"\blook\w*\s+(?:(?:straight|slightly|sharply|back|over|toward|towards|"
                      r"to)\s+)*(?:at the\s+)?(?:the\s+)?(?:(?:upper|lower|far)\s+)?(?P<way>up|down|to the left|to the right|left|right|"
                      r"(?P<sh>left|right) shoulder|back)\b", c)
        if m:
            way = m.group("way")
            if m.group("sh"):
                way = m.group("sh")
            way = way.replace("to the ", "")
            if way != "back":
                self.add("head", "", way, m.group(0))
        m = re.search(r"\bhead\s+(?:is\s+)?(?:(?:slightly|sharply|a bit)\s+)*(?P<how>turn|lean|"
                      r"tilt|down|up|bowed|bow|lowered|hanging|hang|raise|back|to the left|"
                      r"to the right)\w*(?:\s+(?:to the\s+)?(?P<way>left|right|up|down|back|"
                      r"forward))?|\b(?P<v>turn|lean|tilt|bow|raise|lower|drop|nod)\w*\s+"
                      r"(?:the\s+)?head\s*(?:to the\s+)?(?P<way2>left|right|up|down|back|"
                      r"forward)?", c)
        if m:
            how = m.group("how") or m.group("v")
            way = m.group("way") or m.group("way2")
            if how in ("to the left", "to the right"):
                how, way = "turn", how[7:]
            if how in ("down", "bowed", "bow", "lowered", "hanging", "hang", "lower", "drop",
                       "nod") or way in ("down", "forward"):
                self.add("head", "", "down", m.group(0))
            elif how in ("up", "back", "raise") or way in ("up", "back"):
                self.add("head", "", "up", m.group(0))
            elif way in ("left", "right"):
                self.add("head", "", way if how == "turn" else f"tilt_{way}", m.group(0))
        if re.search(r"\bchin (?:tucked |dropped |lowered )?(?:down|in(?! (?:the |both )?(?:left |"
                     r"right )?hands?\b)|to the chest)\b|\bchin tucked\b", c):
            self.add("head", "", "down", "chin down")
        if re.search(r"\bchin (?:up|raise)\b", c):
            self.add("head", "", "up", "chin up")

    def _facing(self, c: str) -> None:
        m = re.search(r"\b(?:torso|chest|hips|body)\s+(?:is\s+)?(?:face|faces|facing)\s+(?:to\s+)?"
                      r"(?:the\s+)?(?P<way>left|right)\b", c)
        if m:
            self.add("facing", "", m.group("way"), m.group(0))
            return
        if re.search(r"\bhead\b|\btorso\b|\blook", c):
            return
        m = re.search(r"\b(?:facing|face|faces|turn|turn around|turn to face|rotate\w*|"
                      r"pointed|oriented)\s+(?:to\s+|toward\w*\s+|towards\s+)?(?:the\s+)?"
                      r"(?:(?:camera|viewer)(?:'s)?\s+)?(?P<way>left|right|away|back|around|camera|"
                      r"viewer|forward|front|us)\b|\b(?P<back>back|backs) (?:is |are )?"
                      r"(?:to|toward\w*|facing) (?:the )?(?:camera|viewer|us)\b|"
                      r"\bturn\w* (?:the )?(?:whole )?body (?:to the )?(?P<way2>left|right)|"
                      r"\b(?:whole )?body (?:is )?turn\w* (?:to the )?(?P<way3>left|right)", c)
        if not m:
            if re.search(r"\bfrom behind\b|\bturn\w* away\b|\bseen from the back\b", c):
                self.add("facing", "", "back", "facing away")
            return
        way = m.group("way") or m.group("way2") or m.group("way3") or (
            "back" if m.group("back") else "")
        way = {"away": "back", "around": "back", "camera": "front", "viewer": "front",
               "forward": "front", "us": "front"}.get(way, way)
        if way:
            self.add("facing", "", way, m.group(0))


def first_side(text: str) -> str:
    """The first side a request names once read ("fretting hand" names the left)."""
    m = re.search(r"\b(left|right)\b", normalise(text))
    return m.group(1) if m else ""


def read_request(text: str, mirrored: bool = False) -> Reading:
    """The facts a request names, and its clauses that named none; mirrored reads it with
    left and right exchanged (after normalising, which may itself name a side)."""
    reader = _Reader(text)
    normal = normalise(text)
    if mirrored:
        normal = mirror_text(normal)
    reader.postures(normal)
    leftover = []
    for c in (p.strip() for p in CLAUSE_BREAK.split(normal)):
        if c and not reader.clause(c):
            leftover.append(c)
    residual = normal
    for fact in sorted(reader.facts, key=lambda f: -len(f.words)):
        if fact.words and fact.kind != "posture":
            residual = residual.replace(fact.words, " ")
    props = _POSTURE_PROPS if any(f.kind == "posture" for f in reader.facts) else frozenset()
    words = [w for w in re.findall(r"[a-z][a-z'-]+", residual)
             if w not in _FUNCTION_WORDS and w not in props]
    return Reading(_consistent(reader.facts), leftover, text, " ".join(words))


def _sided(fact: Fact) -> bool:
    """Whether the words a fact was read from name its side."""
    return re.search(r"\b(?:left|right)\b", fact.words) is not None


def _consistent(facts: list[Fact]) -> list[Fact]:
    """Drop facts the posture already says or that contradict a more specific fact."""
    posture = next((f for f in facts if f.kind == "posture"), None)
    if any(f.kind == "leg" and _sided(f) for f in facts):
        # "his leg kick, right knee up": the leg named by its side says what the legs do
        facts = [f for f in facts if f.kind != "leg" or _sided(f)]
    out = []
    for f in facts:
        if posture is not None and f.kind == "ground" and f.what.endswith("knee") and \
                posture.what.startswith(("kneeling", "sitting_heels")):
            continue
        if posture is not None and posture.what in ("one_leg",) and f.kind == "leg" and \
                f.what == "lifted" and f.side == posture.side:
            continue
        if posture is not None and f.kind == "lean" and posture.what.startswith(
                ("lying", "propped", "plank", "forearm", "side_plank", "handstand", "all_fours")):
            continue  # the posture sets the torso
        if f.kind == "leg" and not f.what.startswith("kick") and any(
                g.kind == "leg" and g.side == f.side and g.what.startswith("kick") for g in facts):
            continue  # "kick the left leg forward" is one kick, not a step too
        if f.kind == "arm" and any(g.kind == "contact" and g.side == f.side or g.kind == "ground"
                                   and g.what == f"{f.side}_hand" for g in facts):
            continue  # a hand on a body part says where the arm is
        if f.kind == "arm" and f.what == "raised" and any(
                g.kind == "arm" and g.side == f.side and g.what != "raised" for g in facts):
            continue
        if f.kind == "arm" and f.what in ("up", "down", "forward", "side", "back") and any(
                g.kind == "bend" and g.side == f.side and g.what == "elbow:bent" for g in facts
        ) and not re.search(r"\b(forearm|fist|hand)s?\b", f.words):
            f = Fact(f.kind, f.side, f"{f.what}:upper", f.words)  # the forearm is folded
        out.append(f)
    return out
