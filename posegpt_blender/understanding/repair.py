"""Making a pose keep the facts a request named, changing only the parts they name.

Edits happen in the body's own heading (the body facing +Z): torso, head and bends by joint
rotations; arms and legs by placing their joints (two-bone reaches, segment directions, feet
on the floor) and solving the rotations with the analytic IK (core.ik); the facing last, as a
turn of the whole body. Every edit is written for either side by mirroring X.
"""
from __future__ import annotations

import numpy as np

from core.body_points import BodyView
from core.ik import heading, remove_heading, solve_rotations
from core.pose import forward_kinematics
from core.rotations import axis_angle_to_matrix, matrix_to_axis_angle
from core.skeleton import JOINT_INDEX as J
from core.skeleton import PARENTS, rest_offsets
from ..data.figure import direction
from .facts import Fact, foot_target, other, target_point

_LEN = np.linalg.norm(rest_offsets(), axis=-1)
_UPPER, _FORE, _HAND = _LEN[J["left_elbow"]], _LEN[J["left_wrist"]], _LEN[J["left_hand"]]
_THIGH, _SHIN = _LEN[J["left_knee"]], _LEN[J["left_ankle"]]
_FOOT = rest_offsets()[J["left_foot"]]
# Limb joints and the joints below them whose placement turns them.
_LIMB_BELOW = {J[f"{side}_{a}"]: tuple(J[f"{side}_{b}"] for b in below)
               for side in ("left", "right") for a, below in (
                   ("shoulder", ("elbow", "wrist", "hand")), ("elbow", ("wrist", "hand")),
                   ("wrist", ("hand",)), ("hip", ("knee", "ankle", "foot")),
                   ("knee", ("ankle", "foot")), ("ankle", ("foot",)))}
# Arm directions as (upper arm, forearm) (elevation, azimuth) in degrees: sampler.direction.
_ARM_WAYS = {
    "up": ((82.0, 20.0), (86.0, 30.0)), "raised": ((50.0, 30.0), (65.0, 40.0)),
    "down": ((-84.0, 10.0), (-76.0, 60.0)), "forward": ((2.0, 88.0), (2.0, 90.0)),
    "side": ((2.0, 3.0), (2.0, 3.0)), "back": ((-50.0, -90.0), (-40.0, -90.0)),
    # a bent elbow's forearm pointing the way: up (the upper arm out and forward), forward
    # or out to the side (the upper arm hanging)
    "up:fore": ((5.0, 40.0), (85.0, 40.0)), "forward:fore": ((-80.0, 60.0), (0.0, 90.0)),
    "side:fore": ((-80.0, 20.0), (0.0, 10.0)),
    "cocked": ((10.0, -10.0), (55.0, -70.0)),  # the upper arm out, the forearm up and back
}
# Elbow hints (x written for the left side: +1 out) for reaching a target.
_POLES = {
    "waist": (1.0, 0.0, -0.5), "back_of_head": (1.0, 0.3, 0.0), "head_top": (1.0, 0.4, 0.0),
    "buttocks": (1.0, -0.3, -0.5), "back": (1.0, -0.3, -0.5),
}
_DEFAULT_POLE = (0.5, -1.0, -0.2)


def _sign(side: str) -> float:
    return 1.0 if side == "left" else -1.0


def _euler(pitch: float = 0.0, yaw: float = 0.0, roll: float = 0.0) -> np.ndarray:
    ry = axis_angle_to_matrix(np.array([0.0, np.radians(yaw), 0.0]))
    rx = axis_angle_to_matrix(np.array([np.radians(pitch), 0.0, 0.0]))
    rz = axis_angle_to_matrix(np.array([0.0, 0.0, -np.radians(roll)]))
    return ry @ rx @ rz


def _turn_joint(rotvecs: np.ndarray, joint: int, delta: np.ndarray) -> None:
    """Add a rotation (in the parent's frame, applied after the joint's own) to a joint."""
    rotvecs[joint] = matrix_to_axis_angle(delta @ axis_angle_to_matrix(rotvecs[joint]))


def two_bone(root: np.ndarray, target: np.ndarray, a: float, b: float, pole: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray]:
    """Middle and end joints of a two-segment chain from root reaching toward target, the
    middle toward pole; an unreachable target is approached along the line."""
    v = target - root
    d = float(np.clip(np.linalg.norm(v), abs(a - b) + 1e-3, a + b - 1e-3))
    axis = v / max(float(np.linalg.norm(v)), 1e-9)
    along = (a * a - b * b + d * d) / (2 * d)
    perp = pole - np.dot(pole, axis) * axis
    perp /= max(float(np.linalg.norm(perp)), 1e-9)
    mid = root + along * axis + np.sqrt(max(a * a - along * along, 0.0)) * perp
    return mid, root + d * axis


class _Editor:
    """A pose being repaired: rotations in the body's heading, then joint placements."""

    def __init__(self, rotvecs: np.ndarray, rng: np.random.Generator) -> None:
        self.rot = remove_heading(rotvecs)
        self.rng = rng
        self.pos: np.ndarray | None = None
        self.placed: set[str] = set()

    def u(self, lo: float, hi: float) -> float:
        return float(self.rng.uniform(lo, hi))

    # rotations ---------------------------------------------------------------------------
    def lean(self, way: str) -> None:
        pitch, roll = {"forward": (self.u(35, 45), 0.0), "back": (-self.u(28, 35), 0.0),
                       "left": (0.0, self.u(28, 35)), "right": (0.0, -self.u(28, 35))}[way]
        for joint, share in (("spine1", 0.4), ("spine2", 0.3), ("spine3", 0.3)):
            _turn_joint(self.rot, J[joint], _euler(pitch * share, 0.0, roll * share))
        if way == "forward" and BodyView(self.rot).tilt_deg() < 40:
            self._hinge(self.u(15, 25))
        # A pose that leaned the other way needs more: tip the pelvis too, a little at a time.
        for _ in range(4):
            forward, left = BodyView(self.rot).lean_deg()
            short = {"forward": 25 - forward, "back": 25 + forward, "left": 25 - left,
                     "right": 25 + left}[way]
            if short <= 0:
                break
            if way in ("forward", "back"):
                self._hinge(min(short, 15.0) * (1 if way == "forward" else -1))
            else:  # sideways the spine bends further; the legs stay under the body
                roll = min(short, 15.0) * (1 if way == "left" else -1)
                for joint in ("spine1", "spine2", "spine3"):
                    _turn_joint(self.rot, J[joint], _euler(0.0, 0.0, roll / 3))

    def _hinge(self, degrees: float) -> None:
        """Bend forward at the hips: the pelvis tips, the thighs stay where they were."""
        _turn_joint(self.rot, 0, _euler(degrees))
        for side in ("left", "right"):
            self.rot[J[f"{side}_hip"]] = matrix_to_axis_angle(
                _euler(-degrees) @ axis_angle_to_matrix(self.rot[J[f"{side}_hip"]]))

    def _crouch(self, degrees: float) -> None:
        """Bend hips and knees together so the shins stay about where they were."""
        for side in ("left", "right"):
            _turn_joint(self.rot, J[f"{side}_hip"], _euler(-degrees))
            _turn_joint(self.rot, J[f"{side}_knee"], _euler(2 * degrees))
            _turn_joint(self.rot, J[f"{side}_ankle"], _euler(-degrees))

    def twist(self, way: str) -> None:
        yaw = self.u(35, 45) * (1 if way == "left" else -1)
        for joint, share in (("spine1", 0.3), ("spine2", 0.3), ("spine3", 0.4)):
            _turn_joint(self.rot, J[joint], _euler(0.0, yaw * share, 0.0))

    def head(self, way: str) -> None:
        self.rot[J["head"]] = 0.0
        pitch, yaw, roll = {"left": (0, 55, 0), "right": (0, -55, 0), "up": (-35, 0, 0),
                            "down": (35, 0, 0), "tilt_left": (0, 0, 30),
                            "tilt_right": (0, 0, -30)}[way]
        self.rot[J["neck"]] = matrix_to_axis_angle(_euler(pitch, yaw, roll))

    def bend(self, side: str, what: str) -> None:
        joint, how = what.split(":")
        if joint == "elbow":
            self._positions()
            s = self.pos
            sh, el = s[J[f"{side}_shoulder"]], s[J[f"{side}_elbow"]]
            u = (el - sh) / np.linalg.norm(el - sh)
            if how == "straight":
                fore = u
            else:
                hint = np.array([0.0, 1.0, 1.0])
                perp = hint - (hint @ u) * u
                if np.linalg.norm(perp) < 0.2:
                    perp = np.array([0.0, 0.0, 1.0]) - u[2] * u
                perp /= np.linalg.norm(perp)
                fore = -0.35 * u + perp
                fore /= np.linalg.norm(fore)
            self._place_forearm(side, fore)
        else:
            self._positions()
            s = self.pos
            hip, knee = s[J[f"{side}_hip"]], s[J[f"{side}_knee"]]
            t = (knee - hip) / np.linalg.norm(knee - hip)
            if how == "straight":
                shin = t
            else:
                back = np.array([0.0, -0.2, -1.0])
                perp = back - (back @ t) * t
                perp /= max(np.linalg.norm(perp), 1e-9)
                shin = 0.2 * t + perp
                shin /= np.linalg.norm(shin)
            self._place_leg(side, t, shin)

    def face(self, way: str) -> None:
        yaw = {"front": 0.0, "left": 90.0, "right": -90.0, "back": 180.0}[way]
        self._finish()
        _turn_joint(self.rot, 0, _euler(0.0, yaw, 0.0))

    # placements ------------------------------------------------------------------------
    def _positions(self) -> None:
        if self.pos is None:
            self.pos = forward_kinematics(self.rot)[0]

    def _finish(self) -> None:
        """Turn the placed limb joints to their new positions; every other joint keeps its
        rotation exactly (an edit of the right arm moves nothing else)."""
        if self.pos is None:
            return
        before, old_world = forward_kinematics(self.rot)
        moved = np.linalg.norm(self.pos - before, axis=-1) > 1e-9
        solved = solve_rotations(self.pos)
        _, solved_world = forward_kinematics(solved)
        world = old_world.copy()
        for j in range(1, len(PARENTS)):
            if any(moved[c] for c in _LIMB_BELOW.get(j, ())):
                world[j] = solved_world[j]
                self.rot[j] = matrix_to_axis_angle(world[PARENTS[j]].T @ world[j])
            else:
                world[j] = world[PARENTS[j]] @ axis_angle_to_matrix(self.rot[j])
        self.pos = None

    def leg_to_ground(self, fact: Fact, facts: list[Fact]) -> None:
        """Swing the leg at the hip (then the knee) until the named part rests on the ground,
        choosing the smallest swing that keeps the most of the request's other facts."""
        self._finish()
        # The buttocks come down when both legs swing up together.
        sides = ("left", "right") if fact.what == "buttocks" else (fact.what.split("_")[0],)
        best, best_key = None, None
        for joint, sweep in (("hip", range(-90, 95, 5)), ("knee", range(-120, 125, 5))):
            for delta in sweep:
                trial = self.rot.copy()
                for side in sides:
                    _turn_joint(trial, J[f"{side}_{joint}"], _euler(float(delta)))
                body = BodyView(trial)
                key = (fact.holds(body), sum(f.holds(body) for f in facts), -abs(delta))
                if best_key is None or key > best_key:
                    best, best_key = trial, key
            if best_key[0]:
                break
        self.rot = best

    def _place_forearm(self, side: str, fore: np.ndarray) -> None:
        s = self.pos
        s[J[f"{side}_wrist"]] = s[J[f"{side}_elbow"]] + _FORE * fore
        s[J[f"{side}_hand"]] = s[J[f"{side}_wrist"]] + _HAND * fore

    def arm(self, side: str, way: str) -> None:
        self._positions()
        sgn = _sign(side)
        if way == "across":
            target = self.pos[J[f"{other(side)}_shoulder"]] + np.array([0.0, -0.12, 0.15])
            return self._reach(side, target, (0.6, -1.0, 0.0))
        (ue, ua), (fe, fa) = _ARM_WAYS.get(way) or _ARM_WAYS[way.partition(":")[0]]
        jitter = lambda: self.u(-6, 6)  # noqa: E731
        upper = direction(ue + jitter(), ua + jitter(), sgn)
        fore = direction(fe + jitter(), fa + jitter(), sgn)
        s = self.pos
        s[J[f"{side}_elbow"]] = s[J[f"{side}_shoulder"]] + _UPPER * upper
        self._place_forearm(side, fore)
        self.placed.add(f"{side}_arm")

    def contact(self, side: str, what: str) -> None:
        self._positions()
        body = BodyView(self.rot)
        for _ in range(14):
            target = target_point(what, body)
            shoulder = body.point(f"{side}_shoulder")
            if np.linalg.norm(target - shoulder) < _UPPER + _FORE + 0.02:
                break
            if not self._reach_lower(body):
                break
            body = BodyView(self.rot)
        self.pos = body.joints.copy()
        target = target_point(what, body)
        key = what.split("_", 1)[-1] if what.startswith(("left_", "right_")) else what
        pole = _POLES.get(key, _DEFAULT_POLE)
        # The wrist stops short of the target along the approach so the palm lands on it.
        shoulder = self.pos[J[f"{side}_shoulder"]]
        approach = target - shoulder
        approach /= max(np.linalg.norm(approach), 1e-9)
        self._reach(side, target - 0.045 * approach, pole)

    def hand_to_ground(self, side: str) -> None:
        """The palm on the floor before the shoulder, bending and crouching to reach it."""
        self._positions()
        body = BodyView(self.rot)
        for _ in range(14):
            shoulder = body.point(f"{side}_shoulder")
            target = np.array([shoulder[0], body.floor + 0.04, shoulder[2] + 0.25])
            if np.linalg.norm(target - shoulder) < _UPPER + _FORE:
                break
            if not self._reach_lower(body):
                break
            body = BodyView(self.rot)
        self.pos = body.joints.copy()
        self._reach(side, target, _DEFAULT_POLE)

    def _reach_lower(self, body: BodyView) -> bool:
        """Bend forward at the hips, then crouch, so a low target comes within reach."""
        forward, _ = body.lean_deg()
        if body.tilt_deg() > 100:
            return False
        if forward < 50:
            self._hinge(15)
            for joint in ("spine1", "spine2", "spine3"):
                _turn_joint(self.rot, J[joint], _euler(4))
        elif body.inner_angle("left_knee") > 60:
            self._crouch(15)
        elif forward < 85:  # crouched as far as knees go: fold further
            self._hinge(10)
        else:
            return False
        return True

    def _reach(self, side: str, target: np.ndarray, pole: tuple[float, float, float]) -> None:
        s = self.pos
        p = np.array([_sign(side) * pole[0], pole[1], pole[2]])
        elbow, wrist = two_bone(s[J[f"{side}_shoulder"]], target, _UPPER, _FORE, p)
        fore = (wrist - elbow) / np.linalg.norm(wrist - elbow)
        s[J[f"{side}_elbow"]] = elbow
        self._place_forearm(side, fore)
        self.placed.add(f"{side}_arm")

    def hands_together(self, way: str | None = None) -> None:
        """Palms together before the chest, or where the request sends both arms."""
        self._positions()
        s = self.pos
        chest = s[J["spine3"]]
        target = chest + np.array([0.0, self.u(-0.02, 0.08), 0.28])
        if way == "forward":
            target = 0.5 * (s[J["left_shoulder"]] + s[J["right_shoulder"]]) + np.array(
                [0.0, self.u(-0.05, 0.02), 0.52])
        elif way == "up":
            target = s[J["head"]] + np.array([0.0, self.u(0.40, 0.46), self.u(0.0, 0.08)])
        elif np.linalg.norm(s[J["left_hand"]] - s[J["right_hand"]]) < 0.3:
            target = 0.5 * (s[J["left_wrist"]] + s[J["right_wrist"]])
        for side in ("left", "right"):
            self._reach(side, target + np.array([_sign(side) * 0.035, 0.0, 0.0]),
                        (0.8, -1.0, 0.0))

    def arms_crossed(self) -> None:
        self._positions()
        s = self.pos
        for side, dy in (("left", 0.0), ("right", 0.03)):
            target = s[J[f"{other(side)}_shoulder"]] + np.array([0.0, -0.2 + dy, 0.17])
            self._reach(side, target, (0.6, -1.0, 0.0))

    def leg(self, side: str, way: str) -> None:
        self._positions()
        sgn = _sign(side)
        if way in ("forward", "back", "side"):
            return self._stance(side, way)
        if way == "lifted" and axis_angle_to_matrix(self.rot[0])[1, 1] < 0.5:
            # the pelvis lying or tipped over: the leg raised straight toward the ceiling
            thigh = shin = np.array([0.0, 1.0, 0.0])
        elif way == "lifted":
            thigh, shin = direction(-50, 90, sgn), direction(-140, 90, sgn)
        elif way == "knee_up":
            thigh, shin = direction(self.u(0, 10), 90, sgn), direction(-90, 90, sgn)
        elif way == "kick_forward":
            thigh = direction(self.u(15, 30), 90, sgn)
            shin = thigh
        elif way == "kick_side":
            thigh = direction(self.u(15, 30), self.u(-5, 10), sgn)
            shin = thigh
        else:  # kick_back
            thigh = direction(-self.u(20, 30), -90, sgn)
            shin = thigh
        self._place_leg(side, thigh, shin)

    def _stance(self, side: str, way: str) -> None:
        """Both feet on the floor, the named one stepped forward, back or out."""
        s = self.pos
        stride = self.u(0.45, 0.6)
        sgn = _sign(side)
        hip, hip_o = s[J[f"{side}_hip"]], s[J[f"{other(side)}_hip"]]
        if way == "side":
            foot = hip + np.array([sgn * stride * 0.8, 0.0, 0.0])
            foot_o = hip_o.copy()
        else:
            z = stride / 2 * (1 if way == "forward" else -1)
            foot, foot_o = hip + np.array([0, 0, z]), hip_o + np.array([0, 0, -z])
        reach = max(np.hypot(*(foot - hip)[[0, 2]]), np.hypot(*(foot_o - hip_o)[[0, 2]]))
        drop = np.sqrt(max((_THIGH + _SHIN) ** 2 * 0.97 - reach ** 2, 0.2))
        for leg_side, ankle in ((side, foot), (other(side), foot_o)):
            ankle = ankle.copy()
            ankle[1] = s[J[f"{leg_side}_hip"]][1] - drop
            knee, ankle = two_bone(s[J[f"{leg_side}_hip"]], ankle, _THIGH, _SHIN,
                                   np.array([0.0, 0.0, 1.0]))
            s[J[f"{leg_side}_knee"]], s[J[f"{leg_side}_ankle"]] = knee, ankle
            s[J[f"{leg_side}_foot"]] = ankle + np.array([0.0, _FOOT[1], _FOOT[2]])

    def _place_leg(self, side: str, thigh: np.ndarray, shin: np.ndarray) -> None:
        s = self.pos
        s[J[f"{side}_knee"]] = s[J[f"{side}_hip"]] + _THIGH * thigh
        s[J[f"{side}_ankle"]] = s[J[f"{side}_knee"]] + _SHIN * shin
        down = np.array([0.0, _FOOT[1], _FOOT[2]])
        s[J[f"{side}_foot"]] = s[J[f"{side}_ankle"]] + down

    def foot_on(self, side: str, what: str) -> None:
        """The foot resting on the other leg (a figure four, a tree pose): the leg folded,
        its knee turned out."""
        self._positions()
        s = self.pos
        target = foot_target(what, lambda n: s[J[n]]) + np.array([0.0, 0.03, 0.0])
        pole = np.array([_sign(side) * 1.0, 0.0, 0.5])
        knee, ankle = two_bone(s[J[f"{side}_hip"]], target, _THIGH, _SHIN, pole)
        s[J[f"{side}_knee"]], s[J[f"{side}_ankle"]] = knee, ankle
        s[J[f"{side}_foot"]] = ankle + _FOOT
        self.placed.add(f"{side}_leg")

    def feet(self, what: str) -> None:
        self._positions()
        if what == "apart":
            for side in ("left", "right"):
                leg = direction(-self.u(72, 76), self.u(-5, 15), _sign(side))
                self._place_leg(side, leg, leg)
        elif what == "together":
            for side in ("left", "right"):
                leg = direction(-87.5, 180.0, _sign(side))
                self._place_leg(side, leg, leg)
        else:  # crossed
            for side, az in (("left", 165.0), ("right", 195.0)):
                leg = direction(-81.0, az, _sign(side))
                self._place_leg(side, leg, leg)


def repair(rotvecs: np.ndarray, facts: list[Fact], rng: np.random.Generator) -> np.ndarray:
    """(24, 3) rotations keeping as many of facts as the edits can: facts that already hold
    are left alone, so the base pose's own variety stays."""
    ed = _Editor(rotvecs, rng)

    def fails(fact: Fact) -> bool:
        ed._finish()
        return not fact.holds(BodyView(ed.rot))

    # Knees bend before the legs are placed; elbows after the arms are (a direction sets
    # the whole arm, a bend then folds its forearm).
    order = ("lean", "twist", "head", "bend:knee", "leg", "feet", "foot_on", "contact",
             "hands_together",
             "arms_crossed", "arm", "bend:elbow", "ground")
    for step in order:
        kind, _, joint = step.partition(":")
        for fact in (f for f in facts if f.kind == kind and f.what.startswith(joint)):
            if not fails(fact):
                continue
            if kind == "lean":
                ed.lean(fact.what)
            elif kind == "twist":
                ed.twist(fact.what)
            elif kind == "head":
                ed.head(fact.what)
            elif kind == "bend":
                ed.bend(fact.side, fact.what)
            elif kind == "leg":
                ed.leg(fact.side, fact.what)
            elif kind == "feet":
                ed.feet(fact.what)
            elif kind == "foot_on":
                ed.foot_on(fact.side, fact.what)
            elif kind == "contact":
                ed.contact(fact.side, fact.what)
            elif kind == "hands_together":
                ways = {f.what for f in facts if f.kind == "arm"} & {"forward", "up"}
                ed.hands_together(ways.pop() if len(ways) == 1 else None)
            elif kind == "arms_crossed":
                ed.arms_crossed()
            elif kind == "arm":
                ed.arm(fact.side, fact.what)
            elif kind == "ground" and fact.what.endswith("hand"):
                ed.hand_to_ground(fact.side)
            elif kind == "ground" and fact.what.split("_")[-1] in ("ankle", "foot", "knee",
                                                                   "buttocks"):
                ed.leg_to_ground(fact, facts)
    ed._finish()
    facing = next((f.what for f in facts if f.kind == "facing"), None)
    if facing:
        ed.face(facing)
    else:  # the pose keeps the way it faced
        _turn_joint(ed.rot, 0, _euler(0.0, float(np.degrees(heading(rotvecs[0]))), 0.0))
    return ed.rot
