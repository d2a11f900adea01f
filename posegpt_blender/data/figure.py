"""Building poses on a figure: what the sampler's templates (data/sampler.py) and the activity
and posture tables are written with, and drawing a template's pose.

A template builds a pose on a Figure in the body's frame (+Y up, facing +Z, +X the body's
left): trunk and neck by rotations, limbs by segment directions or by reaching a point, a
global tilt for lying and diving; the analytic IK (core.ik) turns the joint positions into
SMPL rotations. Angles are drawn from per-template ranges (degrees). Templates are written for
the right side leading; the mirrored variant swaps the sides of the pose and of its words.
Samples breaking the joint limits below are drawn again.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

import numpy as np

from core.ik import remove_heading, solve_rotations
from core.pose import forward_kinematics
from core.retarget import mirror_rotations
from core.rotations import axis_angle_to_matrix, matrix_to_axis_angle
from core.skeleton import JOINT_INDEX as J
from core.skeleton import NUM_JOINTS, rest_offsets

# Largest rotation (degrees) each joint may take relative to its parent.
JOINT_LIMITS_DEG: dict[str, float] = {
    "spine1": 50, "spine2": 40, "spine3": 40, "neck": 60, "head": 1,
    "left_collar": 35, "right_collar": 35, "left_shoulder": 175, "right_shoulder": 175,
    "left_elbow": 155, "right_elbow": 155, "left_wrist": 80, "right_wrist": 80,
    "left_hand": 1, "right_hand": 1, "left_hip": 160, "right_hip": 160,
    "left_knee": 165, "right_knee": 165, "left_ankle": 70, "right_ankle": 70,
    "left_foot": 1, "right_foot": 1,
}
_OFF = rest_offsets()
_LEN = np.linalg.norm(_OFF, axis=-1)


@dataclass(frozen=True)
class SampledPose:
    """One sampled pose: rotations, its template, whether mirrored, and its phrases."""

    rotvecs: np.ndarray
    template: str
    mirrored: bool
    actions: tuple[str, ...]
    phrases: tuple[str, ...]


def mirror_text(text: str) -> str:
    """Swap the words left and right (their case kept)."""
    swap = {"left": "right", "right": "left", "Left": "Right", "Right": "Left",
            "LEFT": "RIGHT", "RIGHT": "LEFT"}
    return re.sub(r"\b(?:left|right)\b", lambda m: swap.get(m.group(0), m.group(0)), text,
                  flags=re.IGNORECASE)


def direction(elevation: float, azimuth: float, side: float) -> np.ndarray:
    """A unit vector: elevation above horizontal, azimuth from straight out to the side
    (90 forward, -90 backward, 180 across the body); side +1 left, -1 right (degrees)."""
    el, az = np.radians(elevation), np.radians(azimuth)
    return np.array([side * np.cos(el) * np.cos(az), np.sin(el), np.cos(el) * np.sin(az)])


def _euler(pitch: float = 0.0, yaw: float = 0.0, roll: float = 0.0) -> np.ndarray:
    """Rotation matrix: yaw about +Y (to the left), pitch about +X (forward), roll about
    -Z (toward the left), applied roll first; degrees."""
    ry = axis_angle_to_matrix(np.array([0.0, np.radians(yaw), 0.0]))
    rx = axis_angle_to_matrix(np.array([np.radians(pitch), 0.0, 0.0]))
    rz = axis_angle_to_matrix(np.array([0.0, 0.0, -np.radians(roll)]))
    return ry @ rx @ rz


class Figure:
    """A pose under construction in the body's frame; sides are "left"/"right"."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.rot = np.zeros((NUM_JOINTS, 3))
        self.limbs: dict[str, np.ndarray] = {}
        self.reaches: dict[str, tuple[Callable[[np.ndarray], np.ndarray], np.ndarray]] = {}
        self.tilt_matrix = np.eye(3)

    def u(self, lo: float, hi: float) -> float:
        """A uniform draw in [lo, hi]."""
        return float(self.rng.uniform(lo, hi))

    # Trunk and head (rotations) -----------------------------------------------------------
    def pelvis(self, pitch: float = 0.0, yaw: float = 0.0, roll: float = 0.0) -> None:
        self.rot[0] = matrix_to_axis_angle(_euler(pitch, yaw, roll))

    def torso(self, pitch: float = 0.0, yaw: float = 0.0, roll: float = 0.0) -> None:
        """Bend (forward +), twist (to the left +) and lean (to the left +) over spine1..3."""
        for j, share in ((J["spine1"], 0.4), (J["spine2"], 0.3), (J["spine3"], 0.3)):
            self.rot[j] = matrix_to_axis_angle(_euler(pitch * share, yaw * share, roll * share))

    def head(self, pitch: float = 0.0, yaw: float = 0.0, roll: float = 0.0) -> None:
        """Look down (+), turn to the left (+), tilt to the left (+)."""
        self.rot[J["neck"]] = matrix_to_axis_angle(_euler(pitch, yaw, roll))

    def shrug(self, side: str, up: float) -> None:
        """Raise a shoulder by turning its collar up (degrees)."""
        s = 1.0 if side == "left" else -1.0
        self.rot[J[f"{side}_collar"]] = np.array([0.0, 0.0, s * np.radians(up)])

    def tilt(self, pitch: float = 0.0, yaw: float = 0.0, roll: float = 0.0) -> None:
        """Turn the whole body at the end (lying: pitch -90 on the back, 90 face down)."""
        self.tilt_matrix = _euler(pitch, yaw, roll)

    def level(self, a: tuple[str, ...], b: tuple[str, ...], pitches: tuple[float, float],
              yaw: float = 0.0, roll: float = 0.0) -> None:
        """Tilt by the pitch in range (degrees, 1-degree steps) that brings the lowest joint of
        a and the lowest of b to one height: both rest on the floor (hands and knees, a
        pelvis and the hands under a raised chest)."""
        def gap(pitch: float) -> float:
            self.tilt(pitch, yaw, roll)
            y = self.joints()[:, 1]
            return abs(min(y[J[n]] for n in a) - min(y[J[n]] for n in b))
        self.tilt(min(np.arange(pitches[0], pitches[1] + 1.0, 1.0), key=gap), yaw, roll)

    # Limbs (directions or reaching) -------------------------------------------------------
    def arm(self, side: str, upper: tuple[float, float], fore: tuple[float, float] | None = None,
            hand: tuple[float, float] | None = None) -> None:
        """Upper arm and forearm as (elevation, azimuth); the hand follows the forearm."""
        s = 1.0 if side == "left" else -1.0
        self.limbs[f"{side}_elbow"] = direction(*upper, s)
        self.limbs[f"{side}_wrist"] = direction(*(fore or upper), s)
        self.limbs[f"{side}_hand"] = direction(*(hand or fore or upper), s)

    def leg(self, side: str, thigh: tuple[float, float], shin: tuple[float, float] | None = None,
            foot: tuple[float, float] = (-25.0, 90.0)) -> None:
        s = 1.0 if side == "left" else -1.0
        self.limbs[f"{side}_knee"] = direction(*thigh, s)
        self.limbs[f"{side}_ankle"] = direction(*(shin or thigh), s)
        self.limbs[f"{side}_foot"] = direction(*foot, s)

    def reach(self, side: str, target: Callable[[np.ndarray], np.ndarray],
              pole: tuple[float, float, float]) -> None:
        """Put the wrist at target(joints) with the elbow toward pole. The pole's x is written
        as for the left side (+1 = out to the side) and mirrored for the right."""
        s = 1.0 if side == "left" else -1.0
        self.reaches[side] = (target, np.array([s * pole[0], pole[1], pole[2]]))

    # Build ---------------------------------------------------------------------------------
    def joints(self) -> np.ndarray:
        """(24, 3) joint positions of the figure."""
        pos = forward_kinematics(self.rot)[0]
        chains = [("elbow", "shoulder"), ("wrist", "elbow"), ("hand", "wrist"),
                  ("knee", "hip"), ("ankle", "knee"), ("foot", "ankle")]
        for side in ("left", "right"):
            for child, parent in chains:
                name = f"{side}_{child}"
                if name in self.limbs:
                    pos[J[name]] = pos[J[f"{side}_{parent}"]] + _LEN[J[name]] * self.limbs[name]
        for side, (target, pole) in self.reaches.items():
            self._solve_reach(pos, side, target(pos), pole)
        return pos @ self.tilt_matrix.T

    def _solve_reach(self, pos: np.ndarray, side: str, target: np.ndarray,
                     pole: np.ndarray) -> None:
        shoulder = pos[J[f"{side}_shoulder"]]
        a, b = _LEN[J[f"{side}_elbow"]], _LEN[J[f"{side}_wrist"]]
        v = target - shoulder
        d = float(np.clip(np.linalg.norm(v), abs(a - b) + 1e-3, a + b - 1e-3))
        axis = v / max(np.linalg.norm(v), 1e-9)
        along = (a * a - b * b + d * d) / (2 * d)
        perp = pole - np.dot(pole, axis) * axis
        perp /= max(np.linalg.norm(perp), 1e-9)
        elbow = shoulder + along * axis + np.sqrt(max(a * a - along * along, 0.0)) * perp
        wrist = shoulder + d * axis
        fore = (wrist - elbow) / np.linalg.norm(wrist - elbow)
        pos[J[f"{side}_elbow"]] = elbow
        pos[J[f"{side}_wrist"]] = wrist
        pos[J[f"{side}_hand"]] = wrist + _LEN[J[f"{side}_hand"]] * fore


def within_limits(rotvecs: np.ndarray) -> bool:
    """Whether every joint's rotation stays under JOINT_LIMITS_DEG and the knees only flex
    (the shin never swings forward of the thigh). Elbows cannot overextend: the IK puts
    their bend in the hinge plane."""
    angles = np.degrees(np.linalg.norm(rotvecs, axis=-1))
    if any(angles[J[name]] > limit for name, limit in JOINT_LIMITS_DEG.items()):
        return False
    joints, frames = forward_kinematics(rotvecs)
    for side in ("left", "right"):
        # The knee bends backward: seen from the thigh, the shin never swings forward.
        shin = frames[J[f"{side}_hip"]].T @ (joints[J[f"{side}_ankle"]] - joints[J[f"{side}_knee"]])
        if shin[2] > 0.05:
            return False
    return True


# Templates' parts. Each builder writes the pose for the right side leading ("lead" = right).

Builder = Callable[[Figure], None]


@dataclass(frozen=True)
class Template:
    """A pose family: name, action words, phrases ({lead}/{other} = sides), builder."""

    name: str
    actions: tuple[str, ...]
    phrases: tuple[str, ...]
    build: Builder
    mirror: bool = True
    weight: float = 1.0


def _arms_down(f: Figure) -> None:
    """Arms hanging at the sides, elbows a little bent forward."""
    for side in ("left", "right"):
        el = -f.u(70, 85)
        f.arm(side, (el, f.u(-10, 20)), (el + f.u(0, 25), f.u(20, 90)))


def _stand_legs(f: Figure, spread: float = 40.0) -> None:
    """Straight-ish legs; spread is how far (azimuth, degrees) the thighs may point outward."""
    for side in ("left", "right"):
        f.leg(side, (-f.u(85, 89), f.u(-20, spread)), (-f.u(85, 90), f.u(60, 120)),
              (-f.u(20, 30), f.u(75, 100)))


def _waist(side: str) -> Callable[[np.ndarray], np.ndarray]:
    s = 1.0 if side == "left" else -1.0
    return lambda p: p[J["pelvis"]] + np.array([s * 0.17, 0.05, -0.01])


def _head_point(dx: float, dy: float, dz: float) -> Callable[[np.ndarray], np.ndarray]:
    return lambda p: p[J["head"]] + np.array([dx, dy, dz])


def _kneeling_leg(f: Figure, side: str) -> None:
    """Thigh down, knee on the floor, shin back and slightly up, toes down behind."""
    f.leg(side, (-f.u(75, 90), f.u(70, 110)), (f.u(10, 16), -f.u(80, 100)), (-f.u(40, 55), -90))


def _cross_shins(f: Figure) -> None:
    """Sitting on the floor, the shins crossed (each ankle under the other knee)."""
    for side in ("left", "right"):
        f.leg(side, (-f.u(2, 12), f.u(42, 55)), (-f.u(0, 8), f.u(170, 185)), (-10, 150))


def _hands_on_knees_seated(f: Figure) -> None:
    """A seated trunk, the hands resting on the knees."""
    f.torso(f.u(0, 20), 0, f.u(-5, 5))
    for side in ("left", "right"):
        f.reach(side, lambda p, s=side: p[J[f"{s}_knee"]] + np.array([0, 0.06, 0]),
                (0.5, 0.0, -0.5))
    f.head(f.u(0, 25), f.u(-15, 15))


def _flexed_leg(f: Figure, side: str, hip: float, knee: float) -> None:
    """A leg in the body's sagittal plane: hip flexion and knee flexion (degrees); the foot
    at its rest angle to the shin. Elevations past -90 point backward."""
    thigh = hip - 90.0
    shin = thigh - knee
    f.leg(side, (thigh, f.u(85, 95)), (shin, f.u(85, 95)), (shin + 65.0, 90.0))


def _phrases(template: Template, mirrored: bool) -> tuple[str, ...]:
    """The template's phrases for one side leading. A phrase that names no side ("saluting",
    "running") means the right side leads: only the right-leading draw carries it, else the
    model learns the average of both sides (a salute with neither arm up, a stride with the
    feet together)."""
    lead, other = ("left", "right") if mirrored else ("right", "left")
    return tuple(p.format(lead=lead, other=other) for p in template.phrases
                 if not mirrored or "{lead}" in p or "{other}" in p)


def sample_template(template: Template, rng: np.random.Generator, tries: int = 20
                    ) -> SampledPose:
    """One pose of a template (right side leading) within the joint limits, drawn again up
    to `tries` times."""
    for _ in range(tries):
        figure = Figure(rng)
        template.build(figure)
        rotvecs = remove_heading(solve_rotations(figure.joints()))
        if within_limits(rotvecs):
            return SampledPose(rotvecs.astype(np.float32), template.name, False,
                               template.actions, _phrases(template, False))
    raise RuntimeError(f"template {template.name!r} found no pose within the joint limits "
                       f"in {tries} tries")


def mirror_sample(sample: SampledPose, template: Template) -> SampledPose:
    """The same pose with its sides swapped (left side leading), words included."""
    return SampledPose(mirror_rotations(sample.rotvecs).astype(np.float32), sample.template,
                       not sample.mirrored, sample.actions,
                       _phrases(template, not sample.mirrored))
