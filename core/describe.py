"""The describer: an SMPL pose in words, from joint geometry alone (docs/DESCRIBER.md).

Every body fact is read deterministically from forward kinematics in the body's own heading
(the body turned to face +Z; tilt kept, so "up" stays gravity's up). Each fact has a region
(posture, legs, arms, torso, head) and a salience: how far its measure lies from a relaxed
standing pose. Text is built in fixed styles: a full description in region order, a
terse animator's list, and a short one keeping only the most salient facts; no step is random.
Left and right are treated by the same code with X mirrored, so a mirrored pose reads with the
sides swapped.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .ik import remove_heading
from .pose import SmplPose, forward_kinematics
from .skeleton import JOINT_INDEX as J

REGIONS = ("posture", "legs", "arms", "torso", "head")
# The bins below are set from the spread of the project's own poses (CMU and the templates,
# measured by `python -m posegpt_blender.data.describer_bins`) and from the thresholds the
# judge's checks give words (docs/EVALUATION.md); docs/DESCRIBER.md gives the numbers.
# Elbow and knee angles (degrees): the judge's `bent` (< 130) and `straight` (> 150).
_BENT, _STRAIGHT = 130.0, 150.0
_ANGLE_BINS = ((90.0, "sharply bent"), (_BENT, "bent"), (_STRAIGHT, "slightly bent"),
               (181.0, "straight"))
# Distances between two body parts (metres, upper bounds): "close" just inside the skeleton's
# natural stance (ankles 0.21 m apart), "shoulder width" its 0.35 m shoulders with a margin,
# "wide" beyond a leg's length (0.80 m).
_DIST_BINS = ((0.20, "close together"), (0.40, "shoulder width apart"),
              (0.80, "spread apart"), (np.inf, "wide apart"))
_IGNORE, _FIRM = 0.05, 0.15   # relative positions: ignored below, "slightly" up to firm
_GROUND = 0.12                # on the ground: within this of the lowest joint (judge's `ground`)
_LEAN, _TWIST = 15.0, 20.0    # degrees of torso lean (judge's `lean`) / twist worth saying
# Degrees from vertical for an upper arm to read as vertical / horizontal: the templates'
# raised arms spread to about 25 degrees off vertical.
_VERTICAL, _HORIZONTAL = 25.0, 75.0
# Head angles (degrees) against the chest: beyond the judge's 25 / 15 / 15 where the capture's
# own spread (CMU's head is up to 15 degrees up or tilted in a quarter of its frames) would
# otherwise be read as a gesture.
_HEAD_TURN, _HEAD_PITCH, _HEAD_TILT = 25.0, 20.0, 25.0
_TOUCH = 0.15                 # a hand this close to a landmark or the other hand touches it
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
    """One body fact: where it belongs, how salient it is, and its words.

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


def _joint_angle(b: _Body, side: str, joint: str) -> float:
    """The inner angle (degrees) of a knee (hip-knee-ankle) or an elbow (shoulder-elbow-wrist)."""
    chain = ("hip", "knee", "ankle") if joint == "knee" else ("shoulder", "elbow", "wrist")
    return _angle(*(b.p(f"{side}_{n}") for n in chain))


def _lift(b: _Body, side: str, *parts: str) -> float:
    """Height of the lowest of a side's parts above the lowest joint."""
    return min(b.height(f"{side}_{p}") for p in parts)


def _hand_forward(b: _Body, side: str) -> float:
    """How far the wrist is ahead of the shoulder along the chest's forward axis (so a bent-over
    body's hanging hands are in front)."""
    return float(np.dot(b.p(f"{side}_wrist") - b.p(f"{side}_shoulder"), b.axis("spine3", 2)))


def _lean(b: _Body) -> tuple[float, float]:
    """Torso lean (degrees): the neck's offset from above the pelvis, forward (+) / back and
    to the left (+) / right."""
    torso = b.p("neck") - b.p("pelvis")
    unit = torso / np.linalg.norm(torso)
    return (float(np.degrees(np.arcsin(np.clip(unit[2], -1, 1)))),
            float(np.degrees(np.arcsin(np.clip(unit[0], -1, 1)))))


def _twist(b: _Body) -> float:
    """The chest's turn against the hips (degrees) about +Y: positive turns it to the left."""
    hips, chest = b.axis("pelvis", 0), b.axis("spine3", 0)
    return float(np.degrees(np.arctan2(hips[2] * chest[0] - hips[0] * chest[2],
                                       hips[0] * chest[0] + hips[2] * chest[2])))


def _head_angles(b: _Body) -> tuple[float, float, float]:
    """The head's yaw (left +), pitch (up +) and roll (left +) seen from the chest, degrees."""
    head = b.frames[J["spine3"]].T @ b.frames[J["head"]]
    fwd, up = head[:, 2], head[:, 1]
    return (float(np.degrees(np.arctan2(fwd[0], fwd[2]))),
            float(np.degrees(np.arcsin(np.clip(fwd[1], -1, 1)))),
            float(np.degrees(np.arcsin(np.clip(up[0], -1, 1)))))


# ---------------------------------------------------------------------------------------------
# Body facts


def _posture(b: _Body) -> tuple[list[Fact], str]:
    """The whole-body posture fact and a label used by the leg rules."""
    torso = b.p("neck") - b.p("pelvis")
    tilt = _from_vertical(torso)
    knees_down = [s for s in ("right", "left") if b.height(f"{s}_knee") < _GROUND]
    hands_down = [s for s in ("right", "left") if _lift(b, s, "wrist", "hand") < _GROUND]
    feet_lift = {s: _lift(b, s, "ankle", "foot") for s in ("left", "right")}
    knee_angle = {s: _joint_angle(b, s, "knee") for s in ("left", "right")}
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
            and _lift(b, s, "wrist", "hand") < _GROUND + 0.08]
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
        angle = _joint_angle(b, side, "knee")
        facts.append(Fact("legs", (180 - angle) / 120, "knee", side, "is",
                          _bin(angle, _ANGLE_BINS)))
        if posture in ("lying", "sitting"):
            continue
        thigh_rise = knee[1] - hip[1]
        if thigh_rise > -_IGNORE:
            facts.append(Fact("legs", 1.0, "knee", side, "is",
                              "raised above the hip" if thigh_rise > _IGNORE
                              else "raised to hip height"))
        lift = _lift(b, side, "ankle", "foot")
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
    s = _mirror_sign(side)
    wrist, elbow = b.p(f"{side}_wrist"), b.p(f"{side}_elbow")
    # The hand on the hip: wrist at the waist's side, elbow out.
    waist = b.local("pelvis", (s * 0.16, 0.04, 0.0))
    bent = _joint_angle(b, side, "elbow") < _STRAIGHT
    if np.linalg.norm(wrist - waist) < _TOUCH and bent and \
            (elbow[0] - b.p(f"{side}_shoulder")[0]) * s > 0.08:
        return "on the hip"
    where, dist = _nearest_landmark(b, side)
    return where if dist < _TOUCH else None


def _nearest_landmark(b: _Body, side: str) -> tuple[str, float]:
    """The body landmark nearest to this side's hand (or wrist), and its distance."""
    other = _other(side)
    hand, wrist = b.p(f"{side}_hand"), b.p(f"{side}_wrist")
    near = {**_head_landmarks(b, side),
            "on the knee": b.p(f"{side}_knee") + np.array([0.0, 0.06, 0.0]),
            f"on the {other} knee": b.p(f"{other}_knee") + np.array([0.0, 0.06, 0.0]),
            f"on the {other} shoulder": b.p(f"{other}_shoulder")}
    dist = {where: float(min(np.linalg.norm(hand - p), np.linalg.norm(wrist - p)))
            for where, p in near.items()}
    where = min(dist, key=dist.get)
    return where, dist[where]


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
        angle = _joint_angle(b, side, "elbow")
        facts.append(Fact("arms", (180 - angle) / 150, "elbow", side, "is",
                          _bin(angle, _ANGLE_BINS)))
        contact = None if crossed else _contact(b, side)
        if contact:
            facts.append(Fact("arms", 1.6, "hand", side, "is", contact))
        # Where the hand is, unless a contact or crossed arms already say it.
        if not (contact or crossed):
            above = wrist[1] - b.p("head")[1]
            fwd = _hand_forward(b, side)
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
        subject = "arm" if angle > _STRAIGHT else "upper arm"
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
    if apart < _TOUCH:
        facts.append(Fact("arms", 1.2, "hands", "", "are", "touching"))
    elif not crossed and abs(apart - 0.45) > 0.1:  # hands hanging at the sides say nothing
        facts.append(Fact("arms", abs(apart - 0.45), "hands", "", "are", _bin(apart, _DIST_BINS)))
    return facts


def _torso(b: _Body, posture: str) -> list[Fact]:
    if posture == "lying":
        return []
    facts: list[Fact] = []
    forward, sideways = _lean(b)
    if forward > _LEAN:
        facts.append(Fact("torso", forward / 45, "torso", "", "leans",
                          "far forward" if forward > 50 else "forward"))
    elif forward < -_LEAN:
        facts.append(Fact("torso", -forward / 30, "torso", "", "leans", "backward"))
    if abs(sideways) > _LEAN:
        facts.append(Fact("torso", abs(sideways) / 30, "torso", "", "leans",
                          f"to the {'left' if sideways > 0 else 'right'}"))
    turn = _twist(b)
    if abs(turn) > _TWIST:
        facts.append(Fact("torso", abs(turn) / 40, "torso", "", "is",
                          f"turned to the {'left' if turn > 0 else 'right'}"))
    return facts


def _head(b: _Body) -> list[Fact]:
    facts: list[Fact] = []
    yaw, pitch, roll = _head_angles(b)
    if abs(yaw) > _HEAD_TURN:
        facts.append(Fact("head", abs(yaw) / 45, "head", "", "is",
                          f"turned to the {'left' if yaw > 0 else 'right'}"))
    if pitch < -_HEAD_PITCH:
        facts.append(Fact("head", -pitch / 40, "head", "", "looks", "down"))
    elif pitch > _HEAD_PITCH:
        facts.append(Fact("head", pitch / 40, "head", "", "looks", "up"))
    if abs(roll) > _HEAD_TILT:
        facts.append(Fact("head", abs(roll) / 40, "head", "", "tilts",
                          f"to the {'left' if roll > 0 else 'right'}"))
    return facts


def extract_facts(pose: SmplPose | np.ndarray) -> list[Fact]:
    """All body facts of a pose, both sides merged, in region order, most salient first."""
    order = {r: i for i, r in enumerate(REGIONS)}
    return sorted(_merge_sides(_side_facts(pose)),
                  key=lambda f: (order[f.region],) + _rank(f))


def fact_phrases(pose: SmplPose | np.ndarray) -> set[str]:
    """Every body fact's terse phrase, "both ..." facts also per side ("left hand on the hip"
    as well as "both hands on the hips"): what a pose can be checked against."""
    facts = _side_facts(pose)
    return {f.terse() for f in facts} | {f.terse() for f in _merge_sides(facts)}


def _side_facts(pose: SmplPose | np.ndarray) -> list[Fact]:
    b, posture_facts, posture = _read(pose)
    return posture_facts + _legs(b, posture) + _arms(b) + _torso(b, posture) + _head(b)


def _read(pose: SmplPose | np.ndarray) -> tuple[_Body, list[Fact], str]:
    """The body as the rules read it, its posture fact(s) and posture label."""
    b = _body(pose)
    posture_facts, posture = _posture(b)
    if posture == "lying":
        # Lying, "above the head" and "in front" read in the body's own upright frame.
        upright = b.frames[J["pelvis"]].T
        b = _Body(b.joints @ upright.T, upright @ b.frames)
    return b, posture_facts, posture


def measures(pose: SmplPose | np.ndarray) -> dict[str, list[float]]:
    """The raw quantities the describer bins, read as its rules read them (one value per side
    where a body has two): what `python -m posegpt_blender.data.describer_bins` measures over
    the project's poses to set the bins (docs/DESCRIBER.md)."""
    raw = _body(pose)
    b, _, posture = _read(pose)
    sides = ("left", "right")
    forward, sideways = _lean(b)
    yaw, pitch, roll = _head_angles(b)
    return {
        "knee_angle": [_joint_angle(b, s, "knee") for s in sides],
        "elbow_angle": [_joint_angle(b, s, "elbow") for s in sides],
        "feet_apart": [float(np.linalg.norm(b.p("left_ankle") - b.p("right_ankle")))],
        "knees_apart": [float(np.linalg.norm(b.p("left_knee") - b.p("right_knee")))],
        "hands_apart": [float(np.linalg.norm(b.p("left_wrist") - b.p("right_wrist")))],
        "foot_ahead": [abs(float(b.p("left_ankle")[2] - b.p("right_ankle")[2]))],
        "knee_rise": [float(b.p(f"{s}_knee")[1] - b.p(f"{s}_hip")[1]) for s in sides],
        "foot_lift": [_lift(b, s, "ankle", "foot") for s in sides],
        "knee_height": [b.height(f"{s}_knee") for s in sides],
        "hand_height": [_lift(b, s, "wrist", "hand") for s in sides],
        "hand_over_head": [float(b.p(f"{s}_wrist")[1] - b.p("head")[1]) for s in sides],
        "hand_forward": [_hand_forward(b, s) for s in sides],
        "hand_across": [float(-b.p(f"{s}_wrist")[0] * _mirror_sign(s)) for s in sides],
        "hand_to_landmark": [_nearest_landmark(b, s)[1] for s in sides],
        "upper_arm_from_up": [_from_vertical(b.p(f"{s}_elbow") - b.p(f"{s}_shoulder"))
                              for s in sides],
        "lean_forward": [forward] if posture != "lying" else [],
        "lean_sideways": [abs(sideways)] if posture != "lying" else [],
        "twist": [abs(_twist(b))] if posture != "lying" else [],
        "head_yaw": [abs(yaw)],
        "head_pitch": [pitch],
        "head_roll": [abs(roll)],
        # Posture is read before a lying body is turned upright.
        "pelvis_height": [raw.height("pelvis")],
        "torso_tilt": [_from_vertical(raw.p("neck") - raw.p("pelvis"))],
    }


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
