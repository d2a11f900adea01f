"""Which way round an activity's template is drawn: as built (its right side leading) or
mirrored, chosen by what the request says about sides.

Requests are read canonically (a request whose first side word is "left" is read mirrored
and its answer mirrored back), which puts the first side named on the template's lead. That
is right for "kick with the left foot" and wrong where the side named is not the lead: the
fretting hand of "fretting hand far out on the left", the jaw of "violin under the left side
of the jaw". So each side word is read with what it is attached to, and the draw whose body
agrees with more of them wins; with no evidence either way the first side named leads.
Every score changes sign when the draw is mirrored, so a request and its left/right twin
still get mirrored answers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from core.body_points import BodyView
from core.retarget import mirror_rotations
from .facts import Fact

_HAND = r"hands?|arms?|palms?|fists?|wrists?|forearms?|fingers?|elbows?|handed|grip"
_FOOT = r"feet|foot|legs?|knees?|heels?|toes?|thighs?|shins?|footed"
_PLACE = {"jaw": "ear", "cheek": "ear", "ear": "ear", "temple": "ear", "face": "ear",
          "head": "ear", "shoulder": "shoulder", "hip": "waist", "waist": "waist"}
_PLACE_RE = re.compile(r"\b(left|right)\s+(?:side\s+of\s+(?:the\s+|his\s+|her\s+|their\s+|"
                       r"your\s+)?)?(" + "|".join(_PLACE) + r")s?\b")
_TOWARD = re.compile(rf"\b({_HAND}|{_FOOT})\b(?:\s+\w+){{0,4}}?\s+(?:on|to|out\s+to|off\s+to)"
                     r"\s+(?:the\s+|his\s+|her\s+|their\s+|your\s+)?(left|right)\b"
                     rf"(?!\s+(?:{_HAND}|{_FOOT}|" + "|".join(_PLACE) + r")\b)")
# A score of this many metres counts as one side word's full support.
_SCALE = 0.1
# How much more support the mirrored draw needs before it replaces the first-side reading.
_MARGIN = 0.5


@dataclass(frozen=True)
class Mention:
    """A side word and what it is attached to: a place on the body ("left side of the jaw")
    or a direction a limb reaches ("hand out to the left"). A side word on a limb itself
    ("the left hand") is left to the canonical reading and the facts: which limb an activity
    leads with is not which one moves most."""

    kind: str  # "place" | "toward"
    side: str
    part: str  # "hand" | "foot" for directions; a landmark stem for places


def _limb(word: str) -> str:
    return "hand" if re.fullmatch(_HAND, word) else "foot"


def mentions(text: str) -> list[Mention]:
    """The side words of a normalised request, each with what it is attached to."""
    found = [Mention("place", m.group(1), _PLACE[m.group(2)]) for m in _PLACE_RE.finditer(text)]
    found += [Mention("toward", m.group(2), _limb(m.group(1))) for m in _TOWARD.finditer(text)]
    return found


def _end(part: str, side: str) -> str:
    return f"{side}_wrist" if part == "hand" else f"{side}_ankle"


def _support(body: BodyView, m: Mention) -> float:
    """Metres by which the body agrees with m (negative: its mirror agrees better)."""
    other = "left" if m.side == "right" else "right"
    if m.kind == "toward":
        sign = 1.0 if m.side == "left" else -1.0  # body x is the body's own left
        return sign * sum(float(body.body_coords(_end(m.part, s))[0]) for s in ("left", "right"))
    hands = [body.point(f"{s}_wrist") for s in ("left", "right")]
    near = min(np.linalg.norm(h - body.point(f"{m.side}_{m.part}")) for h in hands)
    far = min(np.linalg.norm(h - body.point(f"{other}_{m.part}")) for h in hands)
    if m.part == "ear":  # a thing held at the side of the head tilts the head toward it
        tilt = body.head_angles()[2] * (1.0 if m.side == "left" else -1.0)
        return float(far - near) + 0.5 * float(np.sin(np.radians(tilt)))
    return float(far - near)


def agreement(rotvecs: np.ndarray, said: list[Mention], facts: list[Fact]) -> float:
    """How well a pose agrees with the request's sides: each side word counts up to one,
    each named fact that holds one."""
    body = BodyView(rotvecs)
    score = sum(float(np.tanh(_support(body, m) / _SCALE)) for m in said)
    return score + sum(1.0 for f in facts if f.kind != "posture" and f.holds(body))


def choose_side(draw: np.ndarray, canon_text: str, facts: list[Fact]) -> np.ndarray:
    """draw or its mirror, whichever agrees with the (canonical, normalised) request's sides;
    draw itself unless the mirror is clearly better."""
    said = mentions(canon_text)
    if not said and not facts:
        return draw
    twin = mirror_rotations(draw)
    if agreement(twin, said, facts) > agreement(draw, said, facts) + _MARGIN:
        return twin
    return draw
