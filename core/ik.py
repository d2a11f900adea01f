"""Analytic inverse kinematics: SMPL joint positions -> local axis-angle rotations.

Parent-first over the project's skeleton: the pelvis frame from the hips and spine, the chest
(spine3) frame from the neck and collars/shoulders, each limb's swing from its bone direction
and its twist from the plane of the next joint (elbow and knee planes; feet for straight legs).
Spine twist is shared between spine1..3 so the chest turn is not put on one vertebra. Joints
whose own or child target is unknown (NaN) keep their rest rotation relative to the parent.
Batched over leading axes; numpy only.
"""
from __future__ import annotations

import numpy as np

from .rotations import axis_angle_to_matrix, matrix_to_axis_angle, matrix_to_quaternion
from .skeleton import JOINT_INDEX, NUM_JOINTS, PARENTS, rest_offsets

_EPS = 1e-9
_J = JOINT_INDEX

# Hinge axes in each elbow's/knee's rest frame: positive rotation flexes the joint (the knee
# takes the ankle backward, the elbow takes the wrist forward).
_HINGE = {
    _J["left_knee"]: np.array([1.0, 0.0, 0.0]),
    _J["right_knee"]: np.array([1.0, 0.0, 0.0]),
    _J["left_elbow"]: np.array([0.0, -1.0, 0.0]),
    _J["right_elbow"]: np.array([0.0, 1.0, 0.0]),
}
# Below this bend (sine of the angle) the limb plane is too unreliable to set the twist.
_BEND_LOW, _BEND_HIGH = 0.10, 0.30


def solve_rotations(targets: np.ndarray, offsets: np.ndarray | None = None) -> np.ndarray:
    """(..., 24, 3) joint targets in SMPL's frame -> (..., 24, 3) local axis-angle rotations.

    targets: pelvis at the origin, NaN rows for unknown joints. offsets: (24, 3) rest offsets
    of the skeleton to pose (the project's rest skeleton by default). Joint 0 of the result is
    the global orientation; forward kinematics of the result points every bone whose two
    ends are known along the target bone.
    """
    targets = np.asarray(targets, dtype=np.float64)
    if targets.shape[-2:] != (NUM_JOINTS, 3):
        raise ValueError(f"targets must be shaped (..., {NUM_JOINTS}, 3), got {targets.shape}")
    lead = targets.shape[:-2]
    t = targets.reshape(-1, NUM_JOINTS, 3)
    off = rest_offsets() if offsets is None else np.asarray(offsets, dtype=np.float64)
    if off.shape != (NUM_JOINTS, 3):
        raise ValueError(f"offsets must be shaped ({NUM_JOINTS}, 3), got {off.shape}")
    rest = np.zeros_like(off)
    for j in range(1, NUM_JOINTS):
        rest[j] = rest[PARENTS[j]] + off[j]
    known = np.all(np.isfinite(t), axis=-1)  # (B, 24)
    known[:, 0] = True  # the pelvis is the origin even when not given
    t = np.where(known[..., None], t, 0.0)
    solver = _Solver(t, known, off, rest)
    return matrix_to_axis_angle(solver.local()).reshape(lead + (NUM_JOINTS, 3))


class _Solver:
    """Global joint rotations for a batch, filled parent-first."""

    def __init__(self, t: np.ndarray, known: np.ndarray, off: np.ndarray, rest: np.ndarray):
        self.t, self.known, self.off, self.rest = t, known, off, rest
        batch = t.shape[0]
        self.g = np.tile(np.eye(3), (batch, NUM_JOINTS, 1, 1))
        self._pelvis()
        self._spine()
        for side in ("left", "right"):
            self._chain(_J[f"{side}_collar"], _J[f"{side}_shoulder"])
            self._limb(_J[f"{side}_shoulder"], _J[f"{side}_elbow"], _J[f"{side}_wrist"], None)
            self._chain(_J[f"{side}_elbow"], _J[f"{side}_wrist"])
            self._chain(_J[f"{side}_wrist"], _J[f"{side}_hand"])
            self._limb(_J[f"{side}_hip"], _J[f"{side}_knee"], _J[f"{side}_ankle"],
                       _J[f"{side}_foot"])
            self._chain(_J[f"{side}_knee"], _J[f"{side}_ankle"])
            self._chain(_J[f"{side}_ankle"], _J[f"{side}_foot"])
        self._chain(_J["neck"], _J["head"])
        for leaf in ("head", "left_foot", "right_foot", "left_hand", "right_hand"):
            self._inherit(_J[leaf], np.ones(t.shape[0], bool))

    def local(self) -> np.ndarray:
        """(B, 24, 3, 3) rotations relative to each parent (joint 0: global)."""
        out = self.g.copy()
        for j in range(1, NUM_JOINTS):
            out[:, j] = np.swapaxes(self.g[:, PARENTS[j]], -1, -2) @ self.g[:, j]
        return out

    def _bone(self, a: int, b: int) -> tuple[np.ndarray, np.ndarray]:
        """Target vector a->b and whether both ends are known."""
        return self.t[:, b] - self.t[:, a], self.known[:, a] & self.known[:, b]

    def _inherit(self, j: int, mask: np.ndarray) -> None:
        self.g[mask, j] = self.g[mask, PARENTS[j]]

    def _pelvis(self) -> None:
        lat, lat_ok = self._bone(_J["right_hip"], _J["left_hip"])
        up, up_ok = self._bone(_J["pelvis"], _J["spine1"])
        lat0 = self.rest[_J["left_hip"]] - self.rest[_J["right_hip"]]
        self.g[:, 0] = _fit(lat0, self.rest[_J["spine1"]], lat, up, lat_ok, up_ok)

    def _spine(self) -> None:
        # The chest's left-right axis: collars are rigid with spine3, shoulders move with them.
        lat, lat_ok = self._bone(_J["right_collar"], _J["left_collar"])
        lat0 = self.rest[_J["left_collar"]] - self.rest[_J["right_collar"]]
        s_lat, s_ok = self._bone(_J["right_shoulder"], _J["left_shoulder"])
        use_s = ~lat_ok & s_ok
        lat[use_s], lat_ok = s_lat[use_s], lat_ok | s_ok
        for j, child, share in ((_J["spine1"], _J["spine2"], 1 / 3),
                                (_J["spine2"], _J["spine3"], 1 / 2)):
            self._chain(j, child)
            u, ok = self._bone(j, child)
            self._twist_toward(j, lat0, lat, u, ok & lat_ok, share)
        j = _J["spine3"]
        up, up_ok = self._bone(j, _J["neck"])
        parent = self.g[:, PARENTS[j]]
        # Fit in the parent's frame so that a missing axis falls back to the parent's.
        g = _fit(self.off[_J["neck"]], lat0, _apply_t(parent, up), _apply_t(parent, lat),
                 up_ok, lat_ok)
        self.g[:, j] = parent @ g

    def _chain(self, j: int, child: int) -> None:
        """Swing joint j from its parent's frame so its bone points at the child's target."""
        v, ok = self._bone(j, child)
        parent = self.g[:, PARENTS[j]]
        swing = _between(parent @ self.off[child], v)
        self.g[:, j] = np.where(ok[:, None, None], swing @ parent, parent)

    def _limb(self, j: int, mid: int, end: int, hint: int | None) -> None:
        """Swing j toward mid, then twist so the mid joint's hinge plane holds the end joint."""
        self._chain(j, mid)
        u, ok = self._bone(j, mid)
        w, w_ok = self._bone(mid, end)
        un = _normalize(u)
        bend = w - np.sum(w * un, -1, keepdims=True) * un
        sin_bend = np.linalg.norm(bend, axis=-1) / np.maximum(np.linalg.norm(w, axis=-1), _EPS)
        weight = np.clip((sin_bend - _BEND_LOW) / (_BEND_HIGH - _BEND_LOW), 0.0, 1.0)
        bend_ok = ok & w_ok
        ref0 = np.cross(_HINGE[mid], self.off[end])  # where flexion moves the end joint
        angle_bend = self._twist_angle(j, ref0, bend, un)
        if hint is None:
            angle_straight = np.zeros_like(angle_bend)
        else:
            # A straight leg's twist follows the foot (rest foot direction in the thigh frame).
            f, f_ok = self._bone(end, hint)
            angle_straight = np.where(f_ok, self._twist_angle(j, self.off[hint], f, un), 0.0)
        # A limb folded past a right angle has no "straight" reading: its plane is all we have.
        folded = np.sum(w * un, -1) < 0
        weight = np.where(bend_ok, np.where(folded, 1.0, weight), 0.0)
        angle = np.arctan2(weight * np.sin(angle_bend) + (1 - weight) * np.sin(angle_straight),
                           weight * np.cos(angle_bend) + (1 - weight) * np.cos(angle_straight))
        angle = np.where(ok, angle, 0.0)
        self.g[:, j] = axis_angle_to_matrix(un * angle[:, None]) @ self.g[:, j]

    def _twist_angle(self, j: int, ref0: np.ndarray, target: np.ndarray, u: np.ndarray
                     ) -> np.ndarray:
        """Angle about u turning joint j's rest vector ref0 onto target (both seen across u)."""
        r = self.g[:, j] @ ref0
        r = r - np.sum(r * u, -1, keepdims=True) * u
        e = target - np.sum(target * u, -1, keepdims=True) * u
        return np.arctan2(np.sum(u * np.cross(r, e), -1), np.sum(r * e, -1))

    def _twist_toward(self, j: int, ref0: np.ndarray, target: np.ndarray, u: np.ndarray,
                      ok: np.ndarray, share: float) -> None:
        un = _normalize(u)
        angle = np.where(ok, self._twist_angle(j, ref0, target, un) * share, 0.0)
        self.g[:, j] = axis_angle_to_matrix(un * angle[:, None]) @ self.g[:, j]


def _apply_t(m: np.ndarray, v: np.ndarray) -> np.ndarray:
    """m^T v for batches of matrices (B, 3, 3) and vectors (B, 3)."""
    return np.einsum("bji,bj->bi", m, v)


def _normalize(v: np.ndarray) -> np.ndarray:
    return v / np.maximum(np.linalg.norm(v, axis=-1, keepdims=True), _EPS)


def _between(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(B, 3, 3) smallest rotations taking directions a (B, 3) onto b (B, 3)."""
    a, b = _normalize(a), _normalize(b)
    axis = np.cross(a, b)
    s = np.linalg.norm(axis, axis=-1)
    c = np.clip(np.sum(a * b, -1), -1.0, 1.0)
    angle = np.arctan2(s, c)
    # Opposite directions: any axis across a will do.
    helper = np.where(np.abs(a[:, :1]) < 0.9, [[1.0, 0.0, 0.0]], [[0.0, 1.0, 0.0]])
    perp = _normalize(np.cross(a, helper))
    axis = np.where((s < 1e-9)[:, None], perp, axis / np.maximum(s, _EPS)[:, None])
    return axis_angle_to_matrix(axis * angle[:, None])


def _frame(primary: np.ndarray, secondary: np.ndarray) -> np.ndarray:
    """Orthonormal frames (B, 3, 3) with columns primary, secondary made orthogonal, cross."""
    a = _normalize(primary)
    b = _normalize(secondary - np.sum(secondary * a, -1, keepdims=True) * a)
    return np.stack([a, b, np.cross(a, b)], axis=-1)


def _fit(p0: np.ndarray, s0: np.ndarray, p: np.ndarray, s: np.ndarray,
         p_ok: np.ndarray, s_ok: np.ndarray) -> np.ndarray:
    """Rotations taking the rest pair (p0, s0) onto the targets (p, s), p exact.

    With only one target known, the smallest rotation onto it; with none, identity.
    """
    batch = p.shape[0]
    p0b, s0b = np.broadcast_to(p0, (batch, 3)), np.broadcast_to(s0, (batch, 3))
    both = _frame(p, s) @ np.swapaxes(_frame(p0b, s0b), -1, -2)
    out = np.tile(np.eye(3), (batch, 1, 1))
    out = np.where((p_ok & ~s_ok)[:, None, None], _between(p0b, p), out)
    out = np.where((s_ok & ~p_ok)[:, None, None], _between(s0b, s), out)
    return np.where((p_ok & s_ok)[:, None, None], both, out)


def heading(global_orient: np.ndarray) -> np.ndarray:
    """Yaw (radians about +Y) of (..., 3) global orientations, tilt set aside.

    The orientation is split as yaw(+Y) . tilt, the tilt's axis lying in the XZ plane; for the
    quaternion q = yaw * tilt that gives yaw / 2 = atan2(q_y, q_w). Lying on the back thus keeps
    the head toward -Z (a fall backward), face down the head toward +Z.
    """
    q = matrix_to_quaternion(axis_angle_to_matrix(np.asarray(global_orient, np.float64)))
    return 2.0 * np.arctan2(q[..., 2], q[..., 0])


def remove_heading(rotvecs: np.ndarray) -> np.ndarray:
    """(..., 24, 3) poses turned about +Y so the body faces +Z; tilt (lying, bending) kept."""
    rotvecs = np.array(rotvecs, dtype=np.float64)
    yaw = heading(rotvecs[..., 0, :])
    zero = np.zeros_like(yaw)
    unyaw = axis_angle_to_matrix(np.stack([zero, -yaw, zero], axis=-1))
    rotvecs[..., 0, :] = matrix_to_axis_angle(unyaw @ axis_angle_to_matrix(rotvecs[..., 0, :]))
    return rotvecs
