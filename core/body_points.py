"""Where things are on a posed body: joints, surface landmarks, the floor, the body's heading,
lean and head angles. Shared by the request checks (what a request promises) and the
evaluation's judge, so that both measure the same body the same way.

Frame: SMPL's (+Y up; at rest the body faces +Z and +X is the body's own left), metres.
"Left" and "right" are always the character's own.
"""
from __future__ import annotations

import numpy as np

from .pose import forward_kinematics
from .skeleton import JOINT_INDEX, JOINT_NAMES

# Landmarks: (joint, offset in that joint's rest frame), for a 1.75 m adult.
LANDMARKS: dict[str, tuple[str, tuple[float, float, float]]] = {
    "head_top": ("head", (0.0, 0.16, 0.0)),
    "forehead": ("head", (0.0, 0.09, 0.10)),
    "face": ("head", (0.0, 0.03, 0.11)),
    "mouth": ("head", (0.0, -0.02, 0.10)),
    "chin": ("head", (0.0, -0.06, 0.08)),
    "left_ear": ("head", (0.08, 0.03, 0.0)),
    "right_ear": ("head", (-0.08, 0.03, 0.0)),
    "back_of_head": ("head", (0.0, 0.06, -0.10)),
    "chest": ("spine3", (0.0, 0.08, 0.12)),
    "belly": ("spine1", (0.0, 0.0, 0.13)),
    "back": ("spine3", (0.0, 0.10, -0.11)),
    "left_waist": ("pelvis", (0.16, 0.05, 0.0)),
    "right_waist": ("pelvis", (-0.16, 0.05, 0.0)),
    "buttocks": ("pelvis", (0.0, -0.06, -0.11)),
}
POINT_NAMES: tuple[str, ...] = JOINT_NAMES + tuple(LANDMARKS)


def _unit(v: np.ndarray) -> np.ndarray:
    return v / max(float(np.linalg.norm(v)), 1e-9)


def _signed_angle(along: float, up: float) -> float:
    return float(np.degrees(np.arctan2(along, up)))


class BodyView:
    """One posed body: (24, 3) axis-angle rotations, joint 0 the global orientation."""

    def __init__(self, rotvecs: np.ndarray) -> None:
        rotvecs = np.asarray(rotvecs, dtype=np.float64).reshape(24, 3)
        self.joints, self.frames = forward_kinematics(rotvecs)
        self.floor = float(self.joints[:, 1].min())

    def point(self, name: str) -> np.ndarray:
        """A joint or landmark position; KeyError names the known points."""
        if name in JOINT_INDEX:
            return self.joints[JOINT_INDEX[name]]
        if name not in LANDMARKS:
            raise KeyError(f"unknown body point {name!r}; known: {', '.join(POINT_NAMES)}")
        joint, offset = LANDMARKS[name]
        j = JOINT_INDEX[joint]
        return self.joints[j] + self.frames[j] @ np.asarray(offset)

    def height(self, name: str) -> float:
        """Height above the floor (the lowest joint)."""
        return float(self.point(name)[1] - self.floor)

    def axis(self, joint: str, k: int) -> np.ndarray:
        """Column k of a joint's frame (0: its left, 1: its up, 2: its forward at rest)."""
        return self.frames[JOINT_INDEX[joint]][:, k]

    def heading_axes(self) -> tuple[np.ndarray, np.ndarray]:
        """(left, forward) horizontal unit vectors of the hips' heading. A body lying on its
        side has its hips' left axis vertical: then the chest's forward gives the heading."""
        left = self.axis("pelvis", 0).copy()
        left[1] = 0.0
        if np.linalg.norm(left) < 0.3:
            fwd = self.axis("pelvis", 2).copy()
            fwd[1] = 0.0
            fwd = _unit(fwd)
            return np.cross(np.array([0.0, 1.0, 0.0]), fwd), fwd
        left = _unit(left)
        return left, np.cross(left, np.array([0.0, 1.0, 0.0]))

    def heading_deg(self) -> float:
        """Which way the hips face, degrees about +Y from +Z (90: +X, the body's own left
        at rest)."""
        _, fwd = self.heading_axes()
        return float(np.degrees(np.arctan2(fwd[0], fwd[2])))

    def torso(self) -> np.ndarray:
        return self.point("neck") - self.point("pelvis")

    def tilt_deg(self) -> float:
        """Angle between the torso (pelvis -> neck) and straight up."""
        t = _unit(self.torso())
        return float(np.degrees(np.arccos(np.clip(t[1], -1.0, 1.0))))

    def lean_deg(self) -> tuple[float, float]:
        """(forward, to the left) lean of the torso in the hips' heading, degrees."""
        left, fwd = self.heading_axes()
        t = self.torso()
        return _signed_angle(float(t @ fwd), t[1]), _signed_angle(float(t @ left), t[1])

    def body_coords(self, name: str, origin: str = "pelvis") -> np.ndarray:
        """(left, up, forward) of a point from origin, in the pelvis's own frame."""
        return self.frames[0].T @ (self.point(name) - self.point(origin))

    def inner_angle(self, joint: str) -> float:
        """The inner angle at an elbow or knee, or between torso and thigh at a hip."""
        side, part = joint.split("_", 1)
        a, b, c = {"elbow": ("shoulder", "elbow", "wrist"), "knee": ("hip", "knee", "ankle"),
                   "hip": (None, "hip", "knee")}[part]
        pa = self.point("neck") if a is None else self.point(f"{side}_{a}")
        pb, pc = self.point(f"{side}_{b}"), self.point(f"{side}_{c}")
        u, v = _unit(pa - pb), _unit(pc - pb)
        return float(np.degrees(np.arccos(np.clip(u @ v, -1.0, 1.0))))

    def head_angles(self) -> tuple[float, float, float]:
        """(turn to the left, look up, tilt to the left) of the head seen from the chest."""
        head = self.frames[JOINT_INDEX["spine3"]].T @ self.frames[JOINT_INDEX["head"]]
        fwd, up = head[:, 2], head[:, 1]
        return (float(np.degrees(np.arctan2(fwd[0], fwd[2]))),
                float(np.degrees(np.arcsin(np.clip(fwd[1], -1, 1)))),
                float(np.degrees(np.arcsin(np.clip(up[0], -1, 1)))))

    def facing_down(self) -> dict[str, float]:
        """How much each side of the body faces the floor (cosine with straight down), the
        chest's and hips' frames averaged."""
        down = np.array([0.0, -1.0, 0.0])
        fwd = _unit(self.axis("pelvis", 2) + self.axis("spine3", 2))
        left = _unit(self.axis("pelvis", 0) + self.axis("spine3", 0))
        return {"front": float(fwd @ down), "back": float(-fwd @ down),
                "left": float(left @ down), "right": float(-left @ down)}
