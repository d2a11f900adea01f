"""What a request promises: its named facts (sides, contacts, directions, postures), read from
the words people type, and whether a pose keeps each of them.

A request is read clause by clause after light normalisation (synonyms, possessives, plurals).
Each fact knows how to test a posed body (core.body_points.BodyView) with the product's own
margins, a little stricter than a judge's, so a repaired answer keeps them with room to spare.
Sides are the character's own; a fact naming no side where one is needed takes the right (the
leading side of the project's templates).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from core.body_points import BodyView

SIDES = ("left", "right")


def other(side: str) -> str:
    return "right" if side == "left" else "left"


@dataclass(frozen=True)
class Fact:
    """One promise. kind names the family; side is "left", "right" or ""; what is the value
    (a direction, a target point, a posture); words are the request's own, for messages."""

    kind: str
    side: str
    what: str
    words: str = field(compare=False, default="")

    def mirrored(self) -> "Fact":
        swap = {"left": "right", "right": "left"}
        what = re.sub(r"\b(left|right)", lambda m: swap[m.group(1)], self.what)
        return Fact(self.kind, swap.get(self.side, self.side), what, self.words)

    def holds(self, body: BodyView) -> bool:
        return _HOLDS[self.kind](self, body)

    def phrase(self) -> str:
        """The fact in plain words, for "could not keep ..." messages."""
        side = f"{self.side} " if self.side else ""
        what = self.what.replace("_top", "").replace("_", " ")
        if self.kind == "contact":
            return f"the {side}hand on the {what}"
        if self.kind == "ground":
            return f"the {what} on the ground"
        if self.kind == "foot_on":
            return f"the {side}foot on the {what}"
        if self.kind == "arm":
            way, _, segment = self.what.partition(":")
            if segment == "fore":
                return f"the {side}forearm pointing {way}"
            return f"the {side}{'upper ' if segment else ''}arm {_ARM_WORDS[way]}"
        if self.kind == "bend":
            joint, how = self.what.split(":")
            return f"the {side}{joint} {how}"
        if self.kind == "leg":
            return f"the {side}leg {_LEG_WORDS[self.what]}"
        if self.kind == "posture":
            words = self.what.replace("_", " ")
            return f"{words} ({self.side})" if self.side else words
        return {"hands_together": "the hands together", "arms_crossed": "the arms crossed",
                "feet": f"the feet {what}", "lean": f"leaning {what}",
                "twist": f"the torso turned {what}", "head": f"the head {what}",
                "facing": f"facing {what}"}[self.kind]


_ARM_WORDS = {"up": "up above the head", "raised": "raised", "down": "down",
              "forward": "forward", "side": "out to the side", "back": "back",
              "across": "across the body", "cocked": "cocked back to throw"}
_LEG_WORDS = {"forward": "stepped forward", "back": "stepped back", "side": "out to the side",
              "lifted": "lifted", "knee_up": "with the knee up", "kick_forward": "kicking forward",
              "kick_side": "kicking to the side", "kick_back": "kicking back"}


# ---------------------------------------------------------------------------------------------
# Whether a body keeps a fact


def _contact_point(fact: Fact, body: BodyView) -> np.ndarray:
    return target_point(fact.what, body)


def target_point(what: str, body: BodyView) -> np.ndarray:
    """A contact target on the body ("right_knee", "face", "left_waist", "left_hand", ...)."""
    if what.endswith("_thigh"):
        side = what.split("_")[0]
        return 0.5 * (body.point(f"{side}_hip") + body.point(f"{side}_knee"))
    if what == "neck_front":
        return body.point("neck") + body.frames[12] @ np.array([0.0, 0.02, 0.07])
    if what.endswith("_shoulder_top"):
        return body.point(what.removesuffix("_top")) + np.array([0.0, 0.05, 0.0])
    return body.point(what)


def _holds_contact(fact: Fact, body: BodyView) -> bool:
    # The hand (palm), not the wrist: a wrist beside the face is no hand on it.
    hand = body.point(f"{fact.side}_hand")
    return bool(np.linalg.norm(hand - _contact_point(fact, body)) < 0.12)


def _holds_hands_together(fact: Fact, body: BodyView) -> bool:
    return bool(np.linalg.norm(body.point("left_hand") - body.point("right_hand")) < 0.12)


def _holds_ground(fact: Fact, body: BodyView) -> bool:
    return body.height(fact.what) < 0.10


def _holds_arm(fact: Fact, body: BodyView) -> bool:
    s = fact.side
    way, _, segment = fact.what.partition(":")
    if segment == "upper":  # "arm out to the side, elbow bent": the upper arm points the way
        return _holds_upper_arm(way, s, body)
    if segment == "fore":  # "elbow bent, fist pointing up": the forearm points the way
        rel = body.frames[0].T @ (body.point(f"{s}_wrist") - body.point(f"{s}_elbow"))
        lateral = rel[0] if s == "left" else -rel[0]
        return {"up": rel[1] > 0.15, "forward": rel[2] > 0.15 and abs(rel[1]) < 0.12,
                "side": lateral > 0.15 and abs(rel[1]) < 0.12}[way]
    shoulder, wrist = body.point(f"{s}_shoulder"), body.point(f"{s}_wrist")
    rel = body.frames[0].T @ (wrist - shoulder)  # (left, up, forward) in the hips' frame
    lateral = rel[0] if s == "left" else -rel[0]
    up = wrist[1] - shoulder[1]
    if way == "up":
        return body.point(f"{s}_wrist")[1] > body.point("head_top")[1] + 0.08  # clearly above
    if way == "raised":
        return up > 0.10
    if way == "down":
        return up < -0.38
    if way == "forward":
        return rel[2] > 0.35 and abs(up) < 0.15  # at about shoulder height
    if way == "side":
        return lateral > 0.35 and abs(up) < 0.15
    if way == "back":
        return rel[2] < -0.15
    if way == "across":
        return lateral < -0.05
    if way == "cocked":  # the hand up behind the shoulder, the elbow bent
        return up > 0.0 and rel[2] < 0.0 and body.inner_angle(f"{s}_elbow") < 130
    raise AssertionError(fact.what)


def _holds_upper_arm(way: str, s: str, body: BodyView) -> bool:
    """The upper arm's direction (shoulder to elbow, about 0.28 m)."""
    rel = body.frames[0].T @ (body.point(f"{s}_elbow") - body.point(f"{s}_shoulder"))
    lateral = rel[0] if s == "left" else -rel[0]
    up = body.point(f"{s}_elbow")[1] - body.point(f"{s}_shoulder")[1]
    return {"up": up > 0.18, "down": up < -0.18, "forward": rel[2] > 0.16 and abs(up) < 0.12,
            "side": lateral > 0.16 and abs(up) < 0.12, "back": rel[2] < -0.08}[way]


def _holds_bend(fact: Fact, body: BodyView) -> bool:
    angle = body.inner_angle(f"{fact.side}_{fact.what.split(':')[0]}")
    return angle < 115 if fact.what.endswith(":bent") else angle > 160


def _holds_leg(fact: Fact, body: BodyView) -> bool:
    s, o = fact.side, other(fact.side)
    rel = body.frames[0].T @ (body.point(f"{s}_ankle") - body.point(f"{o}_ankle"))
    lateral = rel[0] if s == "left" else -rel[0]
    lift = body.height(f"{s}_ankle")
    if fact.what == "forward":
        return rel[2] > 0.15
    if fact.what == "back":
        return rel[2] < -0.15
    if fact.what == "side":  # apart, and the named foot out past its own hip
        own = body.frames[0].T @ (body.point(f"{s}_ankle") - body.point(f"{s}_hip"))
        return lateral > 0.35 and (own[0] if s == "left" else -own[0]) > 0.1
    if fact.what == "lifted":
        return lift > 0.18
    if fact.what == "knee_up":
        return body.point(f"{s}_knee")[1] > body.point(f"{s}_hip")[1] - 0.12 and lift > 0.18
    if fact.what in ("kick_forward", "kick_side", "kick_back"):
        hip = body.frames[0].T @ (body.point(f"{s}_ankle") - body.point(f"{s}_hip"))
        way = {"kick_forward": hip[2], "kick_back": -hip[2],
               "kick_side": hip[0] if s == "left" else -hip[0]}[fact.what]
        return lift > 0.35 and way > 0.3
    raise AssertionError(fact.what)


def _holds_feet(fact: Fact, body: BodyView) -> bool:
    apart = float(np.linalg.norm(body.point("left_ankle") - body.point("right_ankle")))
    if fact.what == "apart":
        return apart > 0.45
    if fact.what == "together":
        return apart < 0.22
    if fact.what == "crossed":
        return body.body_coords("left_ankle")[0] < body.body_coords("right_ankle")[0] - 0.04
    raise AssertionError(fact.what)


def foot_target(what: str, point: Callable[[str], np.ndarray]) -> np.ndarray:
    """Where a foot rests on the other leg (point: a joint's position by name): "left_knee",
    "left_calf" (halfway down the shin), "left_thigh" (halfway up the thigh)."""
    side, _, part = what.partition("_")
    knee = point(f"{side}_knee")
    if part == "calf":
        return (knee + point(f"{side}_ankle")) / 2
    if part == "thigh":
        return (knee + point(f"{side}_hip")) / 2
    return knee


def _holds_foot_on(fact: Fact, body: BodyView) -> bool:
    return float(np.linalg.norm(body.point(f"{fact.side}_ankle")
                                - foot_target(fact.what, body.point))) < 0.18


def _holds_lean(fact: Fact, body: BodyView) -> bool:
    forward, left = body.lean_deg()
    return {"forward": forward, "back": -forward, "left": left, "right": -left}[fact.what] > 20


def _holds_twist(fact: Fact, body: BodyView) -> bool:
    hips, chest = body.axis("pelvis", 0), body.axis("spine3", 0)
    turn = float(np.degrees(np.arctan2(hips[2] * chest[0] - hips[0] * chest[2],
                                       hips[0] * chest[0] + hips[2] * chest[2])))
    return (turn if fact.what == "left" else -turn) > 20


def _holds_head(fact: Fact, body: BodyView) -> bool:
    turn, up, tilt = body.head_angles()
    return {"left": turn > 30, "right": -turn > 30, "up": up > 20, "down": -up > 20,
            "tilt_left": tilt > 20, "tilt_right": -tilt > 20}[fact.what]


def _holds_facing(fact: Fact, body: BodyView) -> bool:
    target = {"front": 0.0, "left": 90.0, "back": 180.0, "right": -90.0}[fact.what]
    return abs((body.heading_deg() - target + 180.0) % 360.0 - 180.0) < 30


def _holds_arms_crossed(fact: Fact, body: BodyView) -> bool:
    return bool(body.body_coords("left_wrist")[0] < -0.04
                and body.body_coords("right_wrist")[0] > 0.04)


def _holds_posture(fact: Fact, body: BodyView) -> bool:
    return posture_holds(fact.what, fact.side, body)


def posture_holds(posture: str, side: str, body: BodyView) -> bool:
    """Whether a body is in a named posture (side: the posture's side, where it has one)."""
    tilt, down = body.tilt_deg(), body.facing_down()
    h = body.height
    if posture == "lying_back":
        return tilt > 55 and down["back"] > 0.6
    if posture == "lying_front":
        return tilt > 55 and down["front"] > 0.6
    if posture == "lying_side":
        return tilt > 55 and down[side] > 0.6
    if posture == "propped_back":
        return h("pelvis") < 0.3 and down["back"] > 0.3 and min(
            h("left_elbow"), h("right_elbow")) < 0.12
    if posture == "propped_front":
        return tilt > 50 and down["front"] > 0.5 and min(h("left_elbow"), h("right_elbow")) < 0.12
    if posture in ("sitting_floor", "cross_legged", "sitting_lean_back"):
        ok = h("pelvis") < 0.30 and tilt < 65
        if posture == "cross_legged":
            # the shins cross: the left ankle lies right of the right one
            return ok and body.body_coords("left_ankle")[0] < body.body_coords("right_ankle")[0] - 0.02
        if posture == "sitting_lean_back":
            return ok and body.lean_deg()[0] < -10
        return ok
    if posture == "sitting_chair":
        return 0.3 < h("pelvis") < 0.75 and tilt < 50 and max(
            body.inner_angle("left_hip"), body.inner_angle("right_hip")) < 135 and min(
            body.inner_angle("left_knee"), body.inner_angle("right_knee")) < 140  # a foot down
    if posture == "sitting_heels":
        return h("left_knee") < 0.1 and h("right_knee") < 0.1 and h("pelvis") < 0.40
    if posture == "kneeling_one":
        return h(f"{side}_knee") < 0.10 and h(f"{other(side)}_knee") > 0.25
    if posture == "kneeling_both":
        return h("left_knee") < 0.10 and h("right_knee") < 0.10 and tilt < 50
    if posture == "all_fours":
        return (h("left_knee") < 0.1 and h("right_knee") < 0.1 and tilt > 55
                and min(h("left_wrist"), h("right_wrist")) < 0.12)
    if posture in ("plank", "push_up"):
        return tilt > 55 and min(h("left_knee"), h("right_knee")) > 0.12 and min(
            h("left_wrist"), h("right_wrist")) < 0.12 and down["front"] > 0.5
    if posture == "forearm_plank":
        return tilt > 55 and min(h("left_knee"), h("right_knee")) > 0.12 and min(
            h("left_elbow"), h("right_elbow")) < 0.12 and down["front"] > 0.5
    if posture == "side_plank":
        return tilt > 50 and down[side] > 0.5 and min(h(f"{side}_wrist"), h(f"{side}_elbow")) < 0.12
    if posture in ("handstand", "headstand"):
        pelvis = body.point("pelvis")[1]
        return bool(body.point("head")[1] < pelvis and min(
            body.point("left_ankle")[1], body.point("right_ankle")[1]) > pelvis)
    if posture == "squat":
        return (h("pelvis") < 0.62 and tilt < 65 and h("left_ankle") < 0.15
                and h("right_ankle") < 0.15)
    if posture == "lunge":
        rel = body.frames[0].T @ (body.point(f"{side}_ankle") - body.point(f"{other(side)}_ankle"))
        return rel[2] > 0.40 and body.inner_angle(f"{side}_knee") < 135
    if posture == "bent_over":
        return body.lean_deg()[0] > 45 and h("pelvis") > 0.55
    if posture == "one_leg":  # standing on `side`
        return min(h(f"{other(side)}_ankle"), h(f"{other(side)}_foot")) > 0.15 and \
            h(f"{side}_ankle") < 0.12
    if posture == "standing":
        return tilt < 35 and h("pelvis") > 0.75
    if posture == "jumping":
        return True  # no floor in the pose to leave: the jump is in the limbs
    raise AssertionError(posture)


_HOLDS = {
    "contact": _holds_contact, "hands_together": _holds_hands_together, "ground": _holds_ground,
    "arm": _holds_arm, "bend": _holds_bend, "leg": _holds_leg, "feet": _holds_feet,
    "foot_on": _holds_foot_on,
    "lean": _holds_lean, "twist": _holds_twist, "head": _holds_head, "facing": _holds_facing,
    "arms_crossed": _holds_arms_crossed, "posture": _holds_posture,
}
POSTURE_KINDS = ("posture",)
