"""SMPL rotations fitted to one person's landmarks (models/pose_detect.py).

The 3D targets: the lifter's reading of the landmarks' pixels (pose_lift.py), or else
MediaPipe's own world landmarks. The fit: analytic IK (core.ik) on them, then, when steps are
asked for (a video frame, from the previous frame's answer), L-BFGS on the segment directions
(bone lengths stay the project's; without a lifter weighted by visibility), joint limits and
a Gaussian pose prior (pose_prior.py) that keeps unseen joints plausible. The loss is numpy;
its gradient is taken by finite differences, all 72 nudged poses in one batched evaluation
(forward kinematics one tree depth at a time): on these tiny arrays that is ~4x faster than
torch's autograd. Its tables are built on the first fit, not at import.
"""
from __future__ import annotations

import functools

import numpy as np
from scipy.optimize import minimize
from threadpoolctl import ThreadpoolController

from core.ik import solve_rotations
from core.pose import forward_kinematics
from core.skeleton import JOINT_INDEX, NUM_JOINTS, children, mirror_joint
from .pose_detect import (_L_EAR, _MP, _MP_HANDS, _NOSE, _R_EAR, _SIDES, _VIS_HIGH, _VIS_LOW,
                          Landmarks)
from .pose_lift import Lifter
from .pose_prior import PosePrior

_J = JOINT_INDEX
# L-BFGS iterations after IK on the lifted joints. On training-pose renders refining gained
# nothing: 0 steps PA-MPJPE 80.0 / MPJPE 114.9 mm, 8 steps 79.2 / 119.0, 14 steps 79.7 / 121.1.
FIT_STEPS = 0

# Markers rigid with the head (its rest frame, metres from the head joint): the head joint has
# no child, so only these let the fit turn the head.
_HEAD_MARKERS = np.array([[0.0, -0.02, 0.10],     # nose
                          [0.07, 0.0, -0.01],      # left ear
                          [-0.07, 0.0, -0.01]])    # right ear
_NUM_POINTS = NUM_JOINTS + len(_HEAD_MARKERS)     # model points: 24 joints + 3 head markers
_M_NOSE, _M_L_EAR, _M_R_EAR = NUM_JOINTS, NUM_JOINTS + 1, NUM_JOINTS + 2
_DOWN = (0.0, -1.0, 0.0)
# Unseen leg bones (hip-knee, knee-ankle) for the IK start: this long, straight down.
_LEG_BONE = 0.40


def _points() -> dict[str, tuple[dict[int, float], dict[int, float]]]:
    """Named points as (model point weights, MediaPipe landmark weights)."""
    pts = {name: ({_J[name]: 1.0}, {mp: 1.0}) for name, mp in _MP.items()}
    pts.update({name: ({_J[name]: 1.0}, {a: 0.5, b: 0.5}) for name, (a, b) in _MP_HANDS.items()})
    pts["nose"] = ({_M_NOSE: 1.0}, {_NOSE: 1.0})
    pts["left_ear"] = ({_M_L_EAR: 1.0}, {_L_EAR: 1.0})
    pts["right_ear"] = ({_M_R_EAR: 1.0}, {_R_EAR: 1.0})
    pts["ear_mid"] = ({_M_L_EAR: 0.5, _M_R_EAR: 0.5}, {_L_EAR: 0.5, _R_EAR: 0.5})
    pts["hip_mid"] = ({_J["left_hip"]: 0.5, _J["right_hip"]: 0.5}, {23: 0.5, 24: 0.5})
    pts["shoulder_mid"] = ({_J["left_shoulder"]: 0.5, _J["right_shoulder"]: 0.5},
                           {11: 0.5, 12: 0.5})
    return pts


# Fitted segment directions: (from, to, weight floor, direction when unseen or None).
# MediaPipe guesses hidden torso, head and arm landmarks plausibly, so those keep a floor; an
# unseen leg is held straight down (standing) instead of following a guess from the torso.
_SEGMENTS: list[tuple[str, str, float, tuple[float, float, float] | None]] = [
    ("right_hip", "left_hip", 0.5, None), ("hip_mid", "shoulder_mid", 0.5, None),
    ("right_shoulder", "left_shoulder", 0.5, None), ("shoulder_mid", "ear_mid", 0.2, None),
    ("right_ear", "left_ear", 0.2, None), ("ear_mid", "nose", 0.2, None)]
for _s in _SIDES:
    _SEGMENTS += [(f"{_s}_shoulder", f"{_s}_elbow", 0.2, None),
                  (f"{_s}_elbow", f"{_s}_wrist", 0.2, None),
                  (f"{_s}_wrist", f"{_s}_hand", 0.0, None),
                  (f"{_s}_hip", f"{_s}_knee", 0.3, _DOWN),
                  (f"{_s}_knee", f"{_s}_ankle", 0.3, _DOWN),
                  (f"{_s}_ankle", f"{_s}_foot", 0.0, None)]


@functools.cache
def _segment_tables() -> tuple[np.ndarray, np.ndarray, list[tuple[int, ...]]]:
    """(S, 27) model and (S, 33) landmark difference matrices, the landmarks each one uses."""
    pts = _points()
    model = np.zeros((len(_SEGMENTS), _NUM_POINTS))
    marks = np.zeros((len(_SEGMENTS), 33))
    used = []
    for i, (a, b, _, _) in enumerate(_SEGMENTS):
        for sign, name in ((-1.0, a), (1.0, b)):
            for k, w in pts[name][0].items():
                model[i, k] += sign * w
            for k, w in pts[name][1].items():
                marks[i, k] += sign * w
        used.append(tuple(sorted(set(pts[a][1]) | set(pts[b][1]))))
    return model, marks, used


@functools.cache
def _point_tables() -> tuple[np.ndarray, np.ndarray]:
    """(P, 27) model and (P, 33) landmark weights of LIFT_POINTS (the lifter's points)."""
    pts = _points()
    model = np.zeros((len(LIFT_POINTS), _NUM_POINTS))
    marks = np.zeros((len(LIFT_POINTS), 33))
    for i, name in enumerate(LIFT_POINTS):
        for k, w in pts[name][0].items():
            model[i, k] = w
        for k, w in pts[name][1].items():
            marks[i, k] = w
    return model, marks


def lift_input(landmarks: Landmarks) -> np.ndarray:
    """(P, 2) pixels of LIFT_POINTS: what the lifter reads."""
    return _point_tables()[1] @ landmarks.image


def _lift(lifter: Lifter, uv: np.ndarray) -> np.ndarray:
    """(27, 3) model points lifted from (P, 2) pixels, averaged with the lifting of the
    mirrored picture mirrored back: a mirrored photo gives exactly the mirrored pose."""
    point_mirror, model_mirror = mirror_tables()
    direct = lifter.lift(uv)
    mirrored = lifter.lift(uv[point_mirror] * [-1.0, 1.0])[model_mirror] * [-1.0, 1.0, 1.0]
    lifted = (direct + mirrored) / 2
    return lifted - lifted[0]  # the pelvis at the origin, exactly


@functools.cache
def mirror_tables() -> tuple[list[int], list[int]]:
    """Left/right counterparts of LIFT_POINTS and of the 27 model points."""
    def other(name: str) -> str:
        for side, opposite in (("left_", "right_"), ("right_", "left_")):
            if name.startswith(side):
                return opposite + name[len(side):]
        return name

    points = [LIFT_POINTS.index(other(n)) for n in LIFT_POINTS]
    model = [mirror_joint(j) for j in range(NUM_JOINTS)] + [_M_NOSE, _M_R_EAR, _M_L_EAR]
    return points, model


def lift_points(joints: np.ndarray, world: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(B, 27, 3) model points (joints, head markers) of (B, 24, 3) joints and (B, 24, 3, 3)
    world rotations, and the (P, 27) model weights of LIFT_POINTS (what the lifter is
    trained on)."""
    head = joints[:, _J["head"], None] + _HEAD_MARKERS @ world[:, _J["head"]].swapaxes(1, 2)
    return np.concatenate([joints, head], axis=1), _point_tables()[0]


@functools.cache
def _blas() -> ThreadpoolController:
    return ThreadpoolController()  # after numpy's and scipy's BLAS libraries are loaded


# Finite differences: the pose itself, then each of its 72 values nudged by _FD_STEP.
_FD_STEP = 1e-7


@functools.cache
def _fd_nudges() -> np.ndarray:
    return np.concatenate([np.zeros((1, NUM_JOINTS * 3)),
                           _FD_STEP * np.eye(NUM_JOINTS * 3)]).reshape(-1, NUM_JOINTS, 3)


# Landmarks whose pixels the lifter reads, in this order (changing it means retraining it).
LIFT_POINTS = (*_MP, *_MP_HANDS, "nose", "left_ear", "right_ear")
# 2D correspondences for the weak-perspective projection: SMPL joint -> MediaPipe landmark.
PROJECTED_JOINTS = ("left_shoulder", "right_shoulder", "left_elbow", "right_elbow",
                    "left_wrist", "right_wrist", "left_hip", "right_hip", "left_knee",
                    "right_knee", "left_ankle", "right_ankle")
# Joint limits. Hinges (knee, elbow): flexion axis and bone axis in the rest frame; flexion is
# kept in [-0.1, 2.6] rad, twist about the bone within 0.6, the third axis within 0.25.
_HINGES = {_J["left_knee"]: ((1, 0, 0), (0, -1, 0)), _J["right_knee"]: ((1, 0, 0), (0, -1, 0)),
           _J["left_elbow"]: ((0, -1, 0), (1, 0, 0)),
           _J["right_elbow"]: ((0, 1, 0), (-1, 0, 0))}
# Largest rotation (rad) of other joints.
_MAX_ANGLE = {"left_hip": 2.4, "right_hip": 2.4, "spine1": 0.7, "spine2": 0.5, "spine3": 0.5,
              "left_ankle": 1.0, "right_ankle": 1.0, "neck": 0.8, "head": 0.8,
              "left_collar": 0.5, "right_collar": 0.5, "left_shoulder": 2.8,
              "right_shoulder": 2.8, "left_wrist": 1.5, "right_wrist": 1.5}
_PRIOR_WEIGHT = 0.02
_LIMIT_WEIGHT = 10.0


def fit_rotations(landmarks: Landmarks, prior: PosePrior, steps: int = FIT_STEPS,
                  init: np.ndarray | None = None, lifter: Lifter | None = None) -> np.ndarray:
    """(24, 3) SMPL rotations (global orientation camera-relative) fitted to landmarks,
    from init (e.g. the previous frame's answer) or else from analytic IK.

    With a lifter (pose_lift.py) the 3D targets are its reading of the landmarks' pixels, every
    segment counted; without, MediaPipe's own world landmarks, weighted by visibility."""
    if lifter is not None:
        lifted = _lift(lifter, lift_input(landmarks))
        target = _segment_tables()[0] @ lifted
        target /= np.maximum(np.linalg.norm(target, axis=-1, keepdims=True), 1e-9)
        start = solve_rotations(lifted[:NUM_JOINTS]) if init is None else init
        return _refine(np.asarray(start, np.float64), target, np.ones(len(_SEGMENTS)), steps,
                       prior)
    weight = _vis_weight(landmarks.visibility)
    _, seg_marks, seg_used = _segment_tables()
    seen = np.array([weight[list(u)].min() for u in seg_used])
    target = seg_marks @ landmarks.world
    seg_w = np.empty(len(_SEGMENTS))
    for i, (_, _, floor, fallback) in enumerate(_SEGMENTS):
        if fallback is not None and seen[i] == 0:
            target[i], seg_w[i] = fallback, floor
        else:
            seg_w[i] = max(floor, seen[i])
    target /= np.maximum(np.linalg.norm(target, axis=-1, keepdims=True), 1e-9)
    if init is not None:
        return _refine(np.asarray(init, np.float64), target, seg_w, steps, prior)
    targets = ik_targets(landmarks.world, weight)
    init = solve_rotations(targets)
    # Joints whose children are all unseen start from the prior's mean, not the rest pose.
    known = np.isfinite(targets).all(-1)
    mean = prior.mean_pose()
    for j in range(1, NUM_JOINTS):
        kids = children(j) or [j]  # leaves: the head has its own (ear) target
        if not known[kids].any():
            init[j] = mean[j]
    return _refine(init, target, seg_w, steps, prior)


def _refine(init: np.ndarray, target: np.ndarray, seg_w: np.ndarray, steps: int,
            prior: PosePrior) -> np.ndarray:
    if steps <= 0:
        return init
    w = seg_w / seg_w.sum()

    def loss_and_grad(x: np.ndarray) -> tuple[float, np.ndarray]:
        losses = _losses(x.reshape(1, NUM_JOINTS, 3) + _fd_nudges(), target, w, prior)
        return float(losses[0]), (losses[1:] - losses[0]) / _FD_STEP

    # One BLAS thread: on these tiny arrays more threads only wait for each other (5 ms a
    # step instead of 0.02 on a busy 2-core machine).
    with _blas().limit(limits=1, user_api="blas"):
        done = minimize(loss_and_grad, init.reshape(-1), jac=True, method="L-BFGS-B",
                        options={"maxiter": steps})
    return done.x.reshape(NUM_JOINTS, 3)


def _losses(rot: np.ndarray, tgt: np.ndarray, w: np.ndarray, prior: PosePrior) -> np.ndarray:
    """(B,) fit losses of (B, 24, 3) poses."""
    joints, world = forward_kinematics(rot)
    head = joints[:, _J["head"], None] + _HEAD_MARKERS @ world[:, _J["head"]].swapaxes(1, 2)
    d = _segment_tables()[0] @ np.concatenate([joints, head], axis=1)
    d /= np.maximum(np.linalg.norm(d, axis=-1, keepdims=True), 1e-12)
    data = np.square(d - tgt).sum(-1) @ w
    return data + _PRIOR_WEIGHT * prior.energy(rot) + _LIMIT_WEIGHT * _limits(rot)


def ik_targets(world: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """(24, 3) SMPL joint targets from (33, 3) landmarks (SMPL frame), pelvis at the origin.

    Torso, head and arms take MediaPipe's landmarks (guesses included); unseen legs hang
    straight down; unseen hands and feet are NaN. The pelvis sits 0.08 m above the hip
    midpoint along the torso (the project's hip offset); the spine joints lie on the
    pelvis-neck line at the project's rest fractions.
    """
    t = np.full((NUM_JOINTS, 3), np.nan)
    for name, mp in _MP.items():
        t[_J[name]] = world[mp]
    for side in _SIDES:
        for name, parent in ((f"{side}_knee", f"{side}_hip"), (f"{side}_ankle", f"{side}_knee")):
            if weight[_MP[name]] == 0:
                t[_J[name]] = t[_J[parent]] + _LEG_BONE * np.array(_DOWN)
        if weight[_MP[f"{side}_foot"]] == 0:
            t[_J[f"{side}_foot"]] = np.nan
    for name, (a, b) in _MP_HANDS.items():
        if min(weight[a], weight[b]) > 0:
            t[_J[name]] = (world[a] + world[b]) / 2
    hip_mid = (world[23] + world[24]) / 2
    shoulder_mid = (world[11] + world[12]) / 2
    up = shoulder_mid - hip_mid
    up /= max(np.linalg.norm(up), 1e-9)
    pelvis = hip_mid + 0.08 * up
    ears = (world[_L_EAR] + world[_R_EAR]) / 2
    neck = shoulder_mid + 0.4 * (ears - shoulder_mid)
    t[_J["neck"]], t[_J["head"]], t[_J["pelvis"]] = neck, ears, pelvis
    for name, frac in (("spine1", 0.11 / 0.51), ("spine2", 0.24 / 0.51), ("spine3", 0.30 / 0.51)):
        t[_J[name]] = pelvis + frac * (neck - pelvis)
    return t - pelvis


def weak_perspective(points: np.ndarray, model: np.ndarray, image: np.ndarray,
                     weight: np.ndarray | None = None) -> np.ndarray:
    """Project (N, 3) SMPL-frame points onto the picture with the scale and 2D shift that
    best map (K, 3) model points onto their (K, 2) pixel positions (weighted least squares).

    SMPL's camera frame has y up, pixels y down: u = s x + tu, v = -s y + tv.
    """
    w = np.ones(len(model)) if weight is None else np.asarray(weight, np.float64)
    if w.sum() <= 0:
        w = np.ones(len(model))
    xy = np.asarray(model, np.float64)[:, :2] * [1.0, -1.0]
    uv = np.asarray(image, np.float64)
    xy_mean = (w[:, None] * xy).sum(0) / w.sum()
    uv_mean = (w[:, None] * uv).sum(0) / w.sum()
    xc, uc = xy - xy_mean, uv - uv_mean
    scale = (w * (xc * uc).sum(-1)).sum() / max((w * (xc * xc).sum(-1)).sum(), 1e-12)
    return scale * (np.asarray(points, np.float64)[:, :2] * [1.0, -1.0] - xy_mean) + uv_mean


@functools.cache
def _limit_tables() -> tuple[list[int], np.ndarray, list[int], np.ndarray]:
    """Hinge joints with their (3, 3) axes (flexion, bone, third); capped joints and caps."""
    axes = []
    for hinge, bone in _HINGES.values():
        h, b = np.array(hinge, float), np.array(bone, float)
        axes.append(np.stack([h, b, np.cross(h, b)]))
    return list(_HINGES), np.stack(axes), [_J[n] for n in _MAX_ANGLE], \
        np.array(list(_MAX_ANGLE.values()))


def _limits(rot: np.ndarray) -> np.ndarray:
    """(B,) squared joint-limit violations (rad^2) of (B, 24, 3) rotation vectors."""
    hinge_idx, hinge_axes, cap_idx, caps = _limit_tables()
    flex, twist, side = np.moveaxis((hinge_axes @ rot[:, hinge_idx, :, None])[..., 0], -1, 0)
    hinge = (np.square(np.maximum(-0.1 - flex, 0)) + np.square(np.maximum(flex - 2.6, 0))
             + np.square(np.maximum(np.abs(twist) - 0.6, 0))
             + np.square(np.maximum(np.abs(side) - 0.25, 0)))
    over = np.maximum(np.linalg.norm(rot[:, cap_idx], axis=-1) - caps, 0)
    return hinge.sum(-1) + np.square(over).sum(-1)


def _vis_weight(visibility: np.ndarray) -> np.ndarray:
    return np.clip((visibility - _VIS_LOW) / (_VIS_HIGH - _VIS_LOW), 0.0, 1.0)


def hidden_limb_notes(visibility: np.ndarray) -> list[str]:
    """What the user should know about limbs the picture does not show."""
    def hidden(*names: str) -> bool:
        return bool(visibility[[_MP[n] for n in names]].max() < _VIS_LOW)

    notes = []
    legs = [s for s in _SIDES if hidden(f"{s}_knee", f"{s}_ankle")]
    if len(legs) == 2:
        notes.append("legs not visible: kept them in a neutral standing pose")
    notes += [f"{s} leg not visible: kept it straight" for s in legs if len(legs) == 1]
    notes += [f"{s} arm hidden or out of the picture: its pose is a guess" for s in _SIDES
              if hidden(f"{s}_elbow", f"{s}_wrist")]
    return notes
