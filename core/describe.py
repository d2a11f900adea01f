"""The posecode captioner: an SMPL pose in words, from joint geometry alone.

Every fact (a "posecode") is extracted deterministically from forward kinematics in the body's
own heading (the body turned to face +Z; tilt kept, so "up" stays gravity's up). Each fact has
a region (posture, legs, arms, torso, head) and a salience: how far its measure lies from a
relaxed standing pose. Text is built in fixed styles: a full description in region order, a
terse animator's list, and a short one keeping only the most salient facts. Left and right are
treated by the same code with X mirrored, so a mirrored pose reads with the sides swapped.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .ik import remove_heading
from .pose import SmplPose, forward_kinematics
from .skeleton import JOINT_INDEX as J

REGIONS = ("posture", "legs", "arms", "torso", "head")
# Joint angle bins (degrees, upper bounds) for elbows and knees.
_ANGLE_BINS = ((60.0, "completely bent"), (90.0, "bent"), (120.0, "partially bent"),
               (150.0, "slightly bent"), (181.0, "straight"))
# Distance bins (metres, upper bounds) between two body parts.
_DIST_BINS = ((0.20, "close together"), (0.40, "shoulder width apart"),
              (0.80, "spread apart"), (np.inf, "wide apart"))
_IGNORE, _FIRM = 0.05, 0.15   # relative positions: ignored below, "slightly" up to firm
_GROUND = 0.10                # on the ground: within this of the lowest joint
_LEAN, _TWIST = 20.0, 20.0    # degrees of torso lean / twist worth saying
# Degrees from vertical for a segment to read as vertical / horizontal; looser than 10 / 80
# because raised arms rarely stand exactly vertical.
_VERTICAL, _HORIZONTAL = 25.0, 75.0
_CONTACT = 0.13               # a hand this close to a landmark touches it
_PLURAL = {"foot": "feet", "knee": "knees", "hand": "hands", "elbow": "elbows",
           "arm": "arms", "leg": "legs", "thigh": "thighs", "shin": "shins",
           "forearm": "forearms"}
_PLURAL_PREDICATE = {"on the hip": "on the hips", "on the knee": "on the knees"}
_VERB_ING = {"leans": "leaning", "lean": "leaning", "points": "pointing", "point": "pointing",
             "looks": "looking", "look": "looking", "tilts": "tilting", "tilt": "tilting"}
_UPPER_ARM_WAY = {"out to the side": "sideways", "forward": "forward", "backward": "backward"}
_MAX_FULL = 10


@dataclass(frozen=True)
class Fact:
    """One posecode: where it belongs, how salient it is, and its words.

    subject is "" for the whole person; side is "left", "right" or "" (merged into "both" when
    both sides say the same). verb is "is" or a verb phrase's head ("leans", "points").
    """

    region: str
    salience: float
    subject: str
    side: str
    verb: str
    predicate: str

    def full(self) -> str:
        if not self.subject:
            return f"the person {self.verb} {self.predicate}"
        return f"{self._noun(article=True)} {self.verb} {self.predicate}"

    def terse(self) -> str:
        if not self.subject:
            return self.predicate
        verb = "" if self.verb in ("is", "are") else f"{_VERB_ING.get(self.verb, self.verb)} "
        return f"{self._noun(article=False)} {verb}{self.predicate}"

    def _noun(self, article: bool) -> str:
        if self.side == "both":
            return f"both {self.subject}"
        side = f"{self.side} " if self.side else ""
        return f"the {side}{self.subject}" if article else f"{side}{self.subject}"


# ---------------------------------------------------------------------------------------------
# Geometry


@dataclass
class _Body:
    """Joints (24, 3) and joint frames (24, 3, 3) in the body's heading, ground height."""

    joints: np.ndarray
    frames: np.ndarray

    def __post_init__(self) -> None:
        self.ground = float(self.joints[:, 1].min())

    def p(self, name: str) -> np.ndarray:
        return self.joints[J[name]]

    def height(self, name: str) -> float:
        """Height above the lowest joint."""
        return float(self.joints[J[name], 1] - self.ground)

    def axis(self, name: str, k: int) -> np.ndarray:
        """Column k (0: left, 1: up, 2: forward at rest) of a joint's frame."""
        return self.frames[J[name]][:, k]

    def local(self, name: str, offset: tuple[float, float, float]) -> np.ndarray:
        """A landmark at a rest-frame offset from a joint, carried by the joint's rotation."""
        return self.joints[J[name]] + self.frames[J[name]] @ np.asarray(offset)


def _rotvecs(pose: SmplPose | np.ndarray) -> np.ndarray:
    if isinstance(pose, SmplPose):
        return pose.rotations()
    rotvecs = np.asarray(pose, dtype=np.float64)
    if rotvecs.size != 72:
        raise ValueError(f"a pose is an SmplPose or 24 x 3 axis-angle values, got shape "
                         f"{rotvecs.shape}")
    rotvecs = rotvecs.reshape(24, 3)
    if not np.all(np.isfinite(rotvecs)):
        raise ValueError("the pose holds NaN or infinite rotations")
    return rotvecs


def _body(pose: SmplPose | np.ndarray) -> _Body:
    joints, frames = forward_kinematics(remove_heading(_rotvecs(pose)))
    return _Body(joints, frames)


def _angle(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> float:
    """Angle at b (degrees) between b->a and b->c."""
    u, v = a - b, c - b
    cos = np.dot(u, v) / max(np.linalg.norm(u) * np.linalg.norm(v), 1e-9)
    return float(np.degrees(np.arccos(np.clip(cos, -1.0, 1.0))))


def _from_vertical(v: np.ndarray) -> float:
    """Angle (degrees) between a vector and +Y."""
    return float(np.degrees(np.arccos(np.clip(v[1] / max(np.linalg.norm(v), 1e-9), -1, 1))))


def _bin(value: float, bins: tuple[tuple[float, str], ...]) -> str:
    return next(label for bound, label in bins if value < bound)


def _mirror_sign(side: str) -> float:
    """+1 on the left (+X), -1 on the right: lateral measures read the same on both sides."""
    return 1.0 if side == "left" else -1.0


def _other(side: str) -> str:
    return "right" if side == "left" else "left"


def _slightly(amount: float) -> str:
    return "slightly " if amount < _FIRM else ""


# ---------------------------------------------------------------------------------------------
# Posecode extraction


def _posture(b: _Body) -> tuple[list[Fact], str]:
    """The whole-body posture fact and a label used by the leg rules."""
    torso = b.p("neck") - b.p("pelvis")
    tilt = _from_vertical(torso)
    knees_down = [s for s in ("right", "left") if b.height(f"{s}_knee") < _GROUND]
    hands_down = [s for s in ("right", "left")
                  if min(b.height(f"{s}_wrist"), b.height(f"{s}_hand")) < _GROUND]
    feet_lift = {s: min(b.height(f"{s}_ankle"), b.height(f"{s}_foot")) for s in ("left", "right")}
    knee_angle = {s: _angle(b.p(f"{s}_hip"), b.p(f"{s}_knee"), b.p(f"{s}_ankle"))
                  for s in ("left", "right")}
    facts: list[Fact] = []

    def person(predicate: str, salience: float) -> None:
        facts.append(Fact("posture", salience, "", "", "is", predicate))

    if tilt > 55 and b.height("pelvis") < 0.40 and b.height("spine3") < 0.45:
        chest_fwd, chest_left = b.axis("spine3", 2), b.axis("spine3", 0)
        if chest_fwd[1] > 0.5:
            person("lying on the back", 1.5)
        elif chest_fwd[1] < -0.5:
            person("lying face down", 1.5)
        else:
            person(f"lying on the {'right' if chest_left[1] > 0 else 'left'} side", 1.5)
        return facts, "lying"
    if b.height("pelvis") < 0.30 and tilt < 55:
        knees_apart = np.linalg.norm(b.p("left_knee") - b.p("right_knee"))
        ankles_apart = np.linalg.norm(b.p("left_ankle") - b.p("right_ankle"))
        if max(knee_angle.values()) < 100 and knees_apart > 0.4 and ankles_apart < 0.3:
            person("sitting cross-legged on the ground", 1.5)
        elif len(knees_down) == 2 and max(knee_angle.values()) < 50:
            person("kneeling, sitting on the heels", 1.5)
        else:
            person("sitting on the ground", 1.4)
        return facts, "sitting"
    near = [s for s in ("right", "left") if b.height(f"{s}_knee") < _GROUND + 0.08
            and min(b.height(f"{s}_wrist"), b.height(f"{s}_hand")) < _GROUND + 0.08]
    if len(near) == 2 and tilt > 60:
        person("on all fours", 1.5)
        return facts, "kneeling"
    if knees_down:
        where = "both knees" if len(knees_down) == 2 else f"the {knees_down[0]} knee"
        person(f"kneeling on {where}", 1.5)
        return facts, "kneeling"
    thighs_level = all(_from_vertical(b.p(f"{s}_hip") - b.p(f"{s}_knee")) > 55
                       for s in ("left", "right"))
    feet_down = all(v < _FIRM for v in feet_lift.values())
    # Unsupported, the hips must stay above the feet: that tells a squat from a seat.
    feet_ahead = (b.p("left_ankle")[2] + b.p("right_ankle")[2]) / 2 - b.p("pelvis")[2]
    if feet_down and max(knee_angle.values()) < 120 and feet_ahead < 0.25 and tilt < 50:
        low = b.height("pelvis") < 0.55
        person("squatting" if low else "crouching", 1.3 if low else 1.0)
        return facts, "squatting"
    if thighs_level and tilt < 35 and b.height("pelvis") > 0.25:
        person("sitting", 1.2)
        return facts, "sitting"
    touching = ""
    if hands_down:
        which = "both hands" if len(hands_down) == 2 else f"the {hands_down[0]} hand"
        touching = f", touching the ground with {which}"
    raised = [s for s in ("left", "right") if feet_lift[s] > _FIRM]
    if len(raised) == 1:
        person(f"standing on the {_other(raised[0])} leg{touching}", 1.0 + 0.2 * bool(touching))
        return facts, "one_leg"
    if tilt > 60:
        person(f"bent over{touching}", 1.1 + 0.2 * bool(touching))
    else:
        person(f"standing{touching}", 1.2 if touching else 0.05)
    return facts, "standing"


def _legs(b: _Body, posture: str) -> list[Fact]:
    facts: list[Fact] = []
    for side in ("left", "right"):
        hip, knee, ankle = b.p(f"{side}_hip"), b.p(f"{side}_knee"), b.p(f"{side}_ankle")
        angle = _angle(hip, knee, ankle)
        facts.append(Fact("legs", (180 - angle) / 120, "knee", side, "is",
                          _bin(angle, _ANGLE_BINS)))
        if posture in ("lying", "sitting"):
            continue
        thigh_rise = knee[1] - hip[1]
        if thigh_rise > -_IGNORE:
            facts.append(Fact("legs", 1.0, "knee", side, "is",
                              "raised above the hip" if thigh_rise > _IGNORE
                              else "raised to hip height"))
        lift = min(b.height(f"{side}_ankle"), b.height(f"{side}_foot"))
        if lift > _FIRM and posture != "kneeling":
            rel = ankle - hip
            out = rel[0] * _mirror_sign(side)
            if out > 0.25 and out > abs(rel[2]):
                where = "raised out to the side"
            elif rel[2] > 0.1:
                where = "raised in front"
            elif rel[2] < -0.1:
                where = "raised behind"
            else:
                where = "off the ground"
            facts.append(Fact("legs", 0.6 + lift, "foot", side, "is", where))
    # Which foot is ahead (one fact for the pair).
    ahead = b.p("left_ankle")[2] - b.p("right_ankle")[2]
    if abs(ahead) > _IGNORE and posture != "lying":
        front = "left" if ahead > 0 else "right"
        facts.append(Fact("legs", abs(ahead) * 2, "foot", front, "is",
                          f"{_slightly(abs(ahead))}in front of the {_other(front)} foot"))
    apart = float(np.linalg.norm(b.p("left_ankle") - b.p("right_ankle")))
    facts.append(Fact("legs", abs(apart - 0.21) * 1.5, "feet", "", "are", _bin(apart, _DIST_BINS)))
    knees_apart = float(np.linalg.norm(b.p("left_knee") - b.p("right_knee")))
    if knees_apart > 0.4 and knees_apart > apart + 0.15:
        facts.append(Fact("legs", 0.6, "knees", "", "are", "spread apart"))
    if b.p("left_ankle")[0] - b.p("right_ankle")[0] < -_IGNORE:  # each ankle past the other
        facts.append(Fact("legs", 0.8, "legs", "", "are", "crossed"))
    return facts


def _head_landmarks(b: _Body, side: str) -> dict[str, np.ndarray]:
    """Points on the head a hand may touch (rest-frame offsets from the head joint)."""
    s = _mirror_sign(side)
    return {
        "on the head": b.local("head", (0.0, 0.15, 0.0)),
        "at the forehead": b.local("head", (0.0, 0.09, 0.11)),
        "on the chin": b.local("head", (0.0, -0.04, 0.10)),
        "at the ear": b.local("head", (s * 0.09, 0.02, 0.0)),
        "behind the head": b.local("head", (0.0, 0.05, -0.10)),
    }


def _contact(b: _Body, side: str) -> str | None:
    """Where the hand of this side rests, if on a body part; the nearest landmark wins."""
    s, other = _mirror_sign(side), _other(side)
    wrist, hand, elbow = b.p(f"{side}_wrist"), b.p(f"{side}_hand"), b.p(f"{side}_elbow")
    # The hand on the hip: wrist at the waist's side, elbow out.
    waist = b.local("pelvis", (s * 0.16, 0.04, 0.0))
    bent = _angle(b.p(f"{side}_shoulder"), elbow, wrist) < 150
    if np.linalg.norm(wrist - waist) < _CONTACT and bent and \
            (elbow[0] - b.p(f"{side}_shoulder")[0]) * s > 0.08:
        return "on the hip"
    near = {**_head_landmarks(b, side),
            "on the knee": b.p(f"{side}_knee") + np.array([0.0, 0.06, 0.0]),
            f"on the {other} knee": b.p(f"{other}_knee") + np.array([0.0, 0.06, 0.0]),
            f"on the {other} shoulder": b.p(f"{other}_shoulder")}
    dist = {where: min(np.linalg.norm(hand - p), np.linalg.norm(wrist - p))
            for where, p in near.items()}
    where = min(dist, key=dist.get)
    return where if dist[where] < _CONTACT else None


def _arms_crossed(b: _Body) -> bool:
    """Each wrist past the midline, in front of the chest, between the waist and the neck."""
    lw, rw = b.p("left_wrist"), b.p("right_wrist")
    chest = b.p("spine3")
    return bool(lw[0] < -0.03 and rw[0] > 0.03
                and min(lw[2], rw[2]) > chest[2] + 0.08
                and all(b.p("pelvis")[1] < w[1] < b.p("neck")[1] for w in (lw, rw)))


def _arms(b: _Body) -> list[Fact]:
    facts: list[Fact] = []
    crossed = _arms_crossed(b)
    if crossed:
        facts.append(Fact("arms", 1.6, "arms", "", "are", "crossed"))
    for side in ("left", "right"):
        s = _mirror_sign(side)
        shoulder, elbow, wrist = (b.p(f"{side}_{n}") for n in ("shoulder", "elbow", "wrist"))
        angle = _angle(shoulder, elbow, wrist)
        facts.append(Fact("arms", (180 - angle) / 150, "elbow", side, "is",
                          _bin(angle, _ANGLE_BINS)))
        contact = None if crossed else _contact(b, side)
        if contact:
            facts.append(Fact("arms", 1.6, "hand", side, "is", contact))
        # Where the hand is, unless a contact or crossed arms already say it.
        if not (contact or crossed):
            above = wrist[1] - b.p("head")[1]
            # Front and back of the chest, so a bent-over body's hanging hands are in front.
            fwd = float(np.dot(wrist - shoulder, b.axis("spine3", 2)))
            if above > _IGNORE:
                facts.append(Fact("arms", 0.8 + above, "hand", side, "is",
                                  f"{_slightly(above)}above the head"))
            elif abs(wrist[1] - shoulder[1]) < 0.08 and \
                    not _HORIZONTAL < _from_vertical(elbow - shoulder) < 180 - _HORIZONTAL:
                facts.append(Fact("arms", 0.5, "hand", side, "is", "at shoulder height"))
            # A hanging hand slightly forward is no news; a raised or reaching one is.
            if fwd > _FIRM or (fwd > _IGNORE and wrist[1] > b.p("spine1")[1]):
                facts.append(Fact("arms", fwd * 1.5, "hand", side, "is",
                                  f"{_slightly(fwd)}in front of the body"))
            elif fwd < -_IGNORE and wrist[1] < shoulder[1] - 0.1:
                facts.append(Fact("arms", -fwd * 2, "hand", side, "is",
                                  f"{_slightly(-fwd)}behind the back"))
            across = -wrist[0] * s  # past the body's midline toward the other side
            if across > _IGNORE:
                facts.append(Fact("arms", 0.4 + across, "hand", side, "is", "across the body"))
        # Upper arm direction; a straight arm reads as the whole arm.
        upper = elbow - shoulder
        from_up = _from_vertical(upper)
        subject = "arm" if angle > 150 else "upper arm"
        if from_up < _VERTICAL:
            facts.append(Fact("arms", 1.0, subject, side, "points", "straight up"))
        elif _HORIZONTAL < from_up < 180 - _HORIZONTAL:
            lateral, forward = upper[0] * s, upper[2]
            where = ("out to the side" if lateral > abs(forward)
                     else "forward" if forward > 0 else "backward")
            facts.append(Fact("arms", 0.7, subject, side, "is",
                              f"raised {_UPPER_ARM_WAY[where]} to shoulder height"
                              if subject == "upper arm"
                              else f"stretched {where} at shoulder height"))
        elif from_up < _HORIZONTAL:
            facts.append(Fact("arms", 0.7, subject, side, "is", "raised"))
    apart = float(np.linalg.norm(b.p("left_wrist") - b.p("right_wrist")))
    if apart < 0.12:
        facts.append(Fact("arms", 1.2, "hands", "", "are", "touching"))
    elif not crossed and abs(apart - 0.45) > 0.1:  # hands hanging at the sides say nothing
        facts.append(Fact("arms", abs(apart - 0.45), "hands", "", "are", _bin(apart, _DIST_BINS)))
    return facts


def _torso(b: _Body, posture: str) -> list[Fact]:
    if posture == "lying":
        return []
    facts: list[Fact] = []
    torso = b.p("neck") - b.p("pelvis")
    # Lean as the neck's offset from above the pelvis, forward/back and sideways.
    unit = torso / np.linalg.norm(torso)
    forward = float(np.degrees(np.arcsin(np.clip(unit[2], -1, 1))))
    sideways = float(np.degrees(np.arcsin(np.clip(unit[0], -1, 1))))
    if forward > _LEAN:
        facts.append(Fact("torso", forward / 45, "torso", "", "leans",
                          "far forward" if forward > 50 else "forward"))
    elif forward < -_LEAN + 5:
        facts.append(Fact("torso", -forward / 30, "torso", "", "leans", "backward"))
    if abs(sideways) > _LEAN - 5:
        facts.append(Fact("torso", abs(sideways) / 30, "torso", "", "leans",
                          f"to the {'left' if sideways > 0 else 'right'}"))
    hips, chest = b.axis("pelvis", 0), b.axis("spine3", 0)
    # Chest's left axis against the hips', about +Y: positive turns the chest to the left.
    turn = float(np.degrees(np.arctan2(hips[2] * chest[0] - hips[0] * chest[2],
                                       hips[0] * chest[0] + hips[2] * chest[2])))
    if abs(turn) > _TWIST:
        facts.append(Fact("torso", abs(turn) / 40, "torso", "", "is",
                          f"turned to the {'left' if turn > 0 else 'right'}"))
    return facts


def _head(b: _Body) -> list[Fact]:
    facts: list[Fact] = []
    chest = b.frames[J["spine3"]]
    head = chest.T @ b.frames[J["head"]]  # the head's frame seen from the chest
    fwd, up = head[:, 2], head[:, 1]
    yaw = float(np.degrees(np.arctan2(fwd[0], fwd[2])))
    pitch = float(np.degrees(np.arcsin(np.clip(fwd[1], -1, 1))))
    roll = float(np.degrees(np.arcsin(np.clip(up[0], -1, 1))))
    if abs(yaw) > 25:
        facts.append(Fact("head", abs(yaw) / 45, "head", "", "is",
                          f"turned to the {'left' if yaw > 0 else 'right'}"))
    if pitch < -20:
        facts.append(Fact("head", -pitch / 40, "head", "", "looks", "down"))
    elif pitch > 20:
        facts.append(Fact("head", pitch / 40, "head", "", "looks", "up"))
    if abs(roll) > 25:
        facts.append(Fact("head", abs(roll) / 40, "head", "", "tilts",
                          f"to the {'left' if roll > 0 else 'right'}"))
    return facts


def extract_facts(pose: SmplPose | np.ndarray) -> list[Fact]:
    """All posecodes of a pose, both sides merged, in region order, most salient first."""
    order = {r: i for i, r in enumerate(REGIONS)}
    return sorted(_merge_sides(_side_facts(pose)),
                  key=lambda f: (order[f.region],) + _rank(f))


def fact_phrases(pose: SmplPose | np.ndarray) -> set[str]:
    """Every posecode's terse phrase, "both ..." facts also per side ("left hand on the hip"
    as well as "both hands on the hips"): what a pose can be checked against."""
    facts = _side_facts(pose)
    return {f.terse() for f in facts} | {f.terse() for f in _merge_sides(facts)}


def _side_facts(pose: SmplPose | np.ndarray) -> list[Fact]:
    b = _body(pose)
    posture_facts, posture = _posture(b)
    if posture == "lying":
        # Lying, "above the head" and "in front" read in the body's own upright frame.
        upright = b.frames[J["pelvis"]].T
        b = _Body(b.joints @ upright.T, upright @ b.frames)
    return posture_facts + _legs(b, posture) + _arms(b) + _torso(b, posture) + _head(b)


def _rank(fact: Fact) -> tuple[float, str]:
    """Most salient first; ties broken by the words with the side left out, so that a
    mirrored pose lists its facts in the mirrored order."""
    words = f"{fact.subject} {fact.verb} {fact.predicate}"
    return -round(fact.salience, 6), words.replace("left", "side").replace("right", "side")


def _merge_sides(facts: list[Fact]) -> list[Fact]:
    """Left and right facts that say the same thing become one "both ..." fact."""
    merged: list[Fact] = []
    used: set[int] = set()
    for i, f in enumerate(facts):
        if i in used:
            continue
        if f.side in ("left", "right"):
            twin = next((k for k, g in enumerate(facts) if k not in used and k != i
                         and g.side == _other(f.side) and g.subject == f.subject
                         and g.predicate == f.predicate and g.region == f.region), None)
            if twin is not None:
                used.add(twin)
                merged.append(Fact(f.region, max(f.salience, facts[twin].salience),
                                   _PLURAL.get(f.subject, f.subject + "s"), "both",
                                   "are" if f.verb == "is" else f.verb.removesuffix("s"),
                                   _PLURAL_PREDICATE.get(f.predicate, f.predicate)))
                continue
        merged.append(f)
    return merged


# ---------------------------------------------------------------------------------------------
# Text


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _notable(facts: list[Fact]) -> list[Fact]:
    """Facts worth saying in a full description: the most salient ones, region order kept."""
    keep = sorted(facts, key=_rank)[:_MAX_FULL]
    return [f for f in facts if f.region == "posture" or (f in keep and f.salience >= 0.05)]


def _full(facts: list[Fact]) -> str:
    groups = [[f.full() for f in facts if f.region in regions]
              for regions in (("posture", "legs"), ("arms",), ("torso", "head"))]
    sentences = [_join(g) for g in groups if g]
    return " ".join(s[0].upper() + s[1:] + "." for s in sentences)


def _terse(facts: list[Fact]) -> str:
    return ", ".join(f.terse() for f in facts)


def _short(facts: list[Fact], k: int) -> str:
    top = sorted(facts, key=_rank)[:k]
    return _terse([f for f in facts if f in top])


def describe(pose: SmplPose | np.ndarray) -> str:
    """The pose in a few sentences, deterministic ("The person is kneeling on the right knee,
    ... The left hand is on the hip, ...")."""
    return _full(_notable(extract_facts(pose)))


def caption_styles(pose: SmplPose | np.ndarray) -> dict[str, str]:
    """The fixed styles of one pose: "full" sentences, "terse" list, "short" (3 most salient
    facts), "brief" (2), "medium" (full sentences of the 5 most salient)."""
    facts = _notable(extract_facts(pose))
    top5 = sorted(facts, key=_rank)[:5]
    return {"full": _full(facts), "terse": _terse(facts), "short": _short(facts, 3),
            "brief": _short(facts, 2), "medium": _full([f for f in facts if f in top5])}


def caption_variants(pose: SmplPose | np.ndarray, n: int, rng: np.random.Generator
                     ) -> list[str]:
    """n phrasings of a pose for training: full sentences, a terse list, short salient lists.

    The styles are fixed (caption_styles); rng only picks which of them when n is smaller
    than the set, and repeats them when larger.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    unique = list(dict.fromkeys(s for s in caption_styles(pose).values() if s))
    picks = [unique[i] for i in rng.permutation(len(unique))]
    return [picks[i % len(picks)] for i in range(n)]
