"""Image to pose: MediaPipe's pose landmarker, then SMPL rotations fitted to its landmarks.

MediaPipe (legacy `solutions.pose`, the model bundled in mediapipe 0.10.21) gives 33 world
landmarks in metres, hip-centred, axes x = image right, y = image down, z = away from the
camera; its LEFT_* landmarks are the subject's left (checked against COCO's labelled left/right
keypoints). SMPL's camera-relative frame is x = image right, y = up, z = toward the camera, so
the change is diag(1, -1, -1), a proper rotation: no mirroring. A person squarely facing the
camera gets a near-identity global orientation. The legacy landmarker poses one person a call;
each person found is painted over and it runs again, so every person in the picture is found
(up to MAX_PEOPLE) and any of them can be posed.

The fit: analytic IK (core.ik) for a start, then L-BFGS on visibility-weighted segment
directions (bone lengths stay the project's), joint limits and a Gaussian pose prior
(pose_prior.py) that keeps unseen joints plausible. The loss is numpy; its gradient is taken by
finite differences, all 72 nudged poses in one batched evaluation (forward kinematics one tree
depth at a time): on these tiny arrays that is ~4x faster than torch's autograd.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from threadpoolctl import ThreadpoolController

from core.ik import solve_rotations
from core.pose import SmplPose, forward_kinematics
from core.skeleton import JOINT_INDEX, NUM_JOINTS, children
from posegpt_blender.models.base import NoPersonError
from posegpt_blender.models.pose_prior import PosePrior

_J = JOINT_INDEX
_MP_TO_SMPL = np.diag([1.0, -1.0, -1.0])
# Pictures are shrunk to this longest side for the detector (it works at 256 px inside).
DETECT_SIDE = 512
FIT_STEPS = 20  # L-BFGS iterations: within ~1 cm of a 300-iteration fit on the sample photos

# MediaPipe landmark indices (PoseLandmark).
_NOSE, _L_EAR, _R_EAR = 0, 7, 8
_MP = {"left_shoulder": 11, "right_shoulder": 12, "left_elbow": 13, "right_elbow": 14,
       "left_wrist": 15, "right_wrist": 16, "left_hip": 23, "right_hip": 24, "left_knee": 25,
       "right_knee": 26, "left_ankle": 27, "right_ankle": 28, "left_foot": 31,
       "right_foot": 32}
# Each landmark's counterpart on the other side (itself for the nose).
_MP_MIRROR = [0, 4, 5, 6, 1, 2, 3, 8, 7, 10, 9, *[i + (1 if i % 2 else -1) for i in range(11, 33)]]
# Hand joints: between the index and pinky knuckle landmarks.
_MP_HANDS = {"left_hand": (17, 19), "right_hand": (18, 20)}
_SIDES = ("left", "right")

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


_SEG_MODEL, _SEG_MARKS, _SEG_USED = _segment_tables()
_BLAS = ThreadpoolController()  # after numpy's and scipy's BLAS libraries are loaded
# Finite differences: the pose itself, then each of its 72 values nudged by _FD_STEP.
_FD_STEP = 1e-7
_FD_NUDGES = np.concatenate([np.zeros((1, NUM_JOINTS * 3)),
                             _FD_STEP * np.eye(NUM_JOINTS * 3)]).reshape(-1, NUM_JOINTS, 3)

# 2D correspondences for the weak-perspective projection: SMPL joint -> MediaPipe landmark.
PROJECTED_JOINTS = ("left_shoulder", "right_shoulder", "left_elbow", "right_elbow",
                    "left_wrist", "right_wrist", "left_hip", "right_hip", "left_knee",
                    "right_knee", "left_ankle", "right_ankle")
# The same joints' indices in COCO's 17 keypoints (for PCK on labelled photos).
COCO_INDEX = {"left_shoulder": 5, "right_shoulder": 6, "left_elbow": 7, "right_elbow": 8,
              "left_wrist": 9, "right_wrist": 10, "left_hip": 11, "right_hip": 12,
              "left_knee": 13, "right_knee": 14, "left_ankle": 15, "right_ankle": 16}

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
# Visibility below _VIS_LOW counts for nothing, above _VIS_HIGH fully.
_VIS_LOW, _VIS_HIGH = 0.3, 0.7
# People looked for in one picture at most (each costs one more detector run).
MAX_PEOPLE = 4
# A found person's box is grown by this fraction before it is painted over.
_MASK_MARGIN = 0.15


@dataclass
class Landmarks:
    """One person's MediaPipe landmarks: SMPL camera frame (metres), pixels, visibility."""

    world: np.ndarray       # (33, 3) hip-centred, SMPL camera frame
    image: np.ndarray       # (33, 2) pixels of the original picture (x right, y down)
    visibility: np.ndarray  # (33,)


@dataclass
class ImageFit:
    """Everything the estimator found: the pose, notes, landmarks, 3D joints and 2D joints."""

    pose: SmplPose
    notes: list[str]
    landmarks: Landmarks
    joints: np.ndarray        # (24, 3) camera-relative SMPL frame, pelvis at the origin
    image_joints: np.ndarray  # (24, 2) weak-perspective projection onto the picture (pixels)
    people: list[np.ndarray]  # each person's (x0, y0, x1, y1) box in pixels, left to right
    person: int               # the one posed, an index into people


class ImagePoseEstimator:
    """MediaPipe pose landmarker plus an SMPL fit. Not thread-safe (MediaPipe graph state)."""

    def __init__(self, prior_path: Path | None = None) -> None:
        import mediapipe as mp  # `import mediapipe.solutions.pose` fails in 0.10.21

        self.prior = PosePrior.load(prior_path)
        self._detector = mp.solutions.pose.Pose(static_image_mode=True, model_complexity=1)

    def estimate(self, image: np.ndarray) -> tuple[SmplPose, list[str]]:
        """Pose of the person in an RGB uint8 (H, W, 3) picture, and notes for the user."""
        fit = self.estimate_detailed(image)
        return fit.pose, fit.notes

    def estimate_detailed(self, image: np.ndarray, person: int | None = None,
                          facing: str | None = None) -> ImageFit:
        """As estimate, with the landmarks and the fitted joints in 3D and on the picture.

        person: which of the people found (numbered from the left, from 0) to pose; the
        largest when None. NoPersonError when there is no such person. facing: "camera" or
        "away" when the caller knows which way the person faces (Blender's own render of a
        rig): the detector's reading is turned around when it says otherwise.
        """
        people = self.detect_people(image)
        boxes = [_box(p, image.shape) for p in people]
        if person is None:
            chosen = int(np.argmax([_area(b) for b in boxes]))
        elif 0 <= person < len(people):
            chosen = person
        else:
            raise NoPersonError(f"no person {person} in the picture: it shows {len(people)} "
                                f"(numbered 0 to {len(people) - 1} from the left)")
        landmarks = people[chosen]
        notes = []
        if facing is not None and (forward(landmarks)[2] > 0) != (facing == "camera"):
            landmarks = turned(landmarks)
            toward = "the camera" if facing == "camera" else "away"
            notes.append(f"the detector read the person turned around; the request says they "
                         f"face {toward}, so the reading was turned")
        pose = SmplPose.from_rotations(self.fit(landmarks))
        joints = pose.joints()
        idx = [_J[n] for n in PROJECTED_JOINTS]
        lm = [_MP[n] for n in PROJECTED_JOINTS]
        image_joints = weak_perspective(joints, joints[idx], landmarks.image[lm],
                                        landmarks.visibility[lm])
        notes = _notes(landmarks.visibility) + notes
        if len(people) > 1:
            which = "the largest" if person is None else "as asked"
            notes.insert(0, f"{len(people)} people in the picture, numbered 0 to "
                         f"{len(people) - 1} from the left: posed person {chosen} ({which})")
        return ImageFit(pose, notes, landmarks, joints, image_joints, boxes, chosen)

    def detect_people(self, image: np.ndarray) -> list[Landmarks]:
        """Landmarks of each person in the picture (up to MAX_PEOPLE), left to right;
        NoPersonError when there is none.

        MediaPipe's legacy landmarker poses one person a call: each person found is painted
        over and the detector runs again, until it finds nobody new.
        """
        image = _check_image(image)
        small = _downscale(image, DETECT_SIDE)
        scale = small.shape[0] / image.shape[0]
        people: list[Landmarks] = []
        boxes: list[np.ndarray] = []
        while len(people) < MAX_PEOPLE:
            found = self._landmarks(small, image.shape)
            if found is None:
                break
            box = _box(found, image.shape)
            if people and (found.visibility[[11, 12]].min() < _VIS_HIGH or any(
                    _inside(box, _grow(b, _MASK_MARGIN)) > 0.5 for b in boxes)):
                break  # shoulders unsure, or the remains of someone already found
            people.append(found)
            boxes.append(box)
            small = _paint_over(small, box * scale)
        if not people:
            raise NoPersonError("no person found in the picture: at least the head and "
                                "shoulders of one person must be visible")
        order = np.argsort([b[0] + b[2] for b in boxes], kind="stable")
        return [people[i] for i in order]

    def _landmarks(self, small: np.ndarray, shape: tuple[int, ...]) -> Landmarks | None:
        return self.landmarks(self._detector, small, shape)

    @staticmethod
    def landmarks(detector, small: np.ndarray, shape: tuple[int, ...]) -> Landmarks | None:
        """One MediaPipe Pose call on a (downscaled) picture; pixels of the shape given."""
        result = detector.process(small)
        if result.pose_world_landmarks is None or result.pose_landmarks is None:
            return None
        world = np.array([[p.x, p.y, p.z] for p in result.pose_world_landmarks.landmark])
        norm = np.array([[p.x, p.y] for p in result.pose_landmarks.landmark])
        vis = np.array([p.visibility for p in result.pose_landmarks.landmark])
        return Landmarks(world=world @ _MP_TO_SMPL.T, image=norm * [shape[1], shape[0]],
                         visibility=vis)

    def fit(self, landmarks: Landmarks, steps: int = FIT_STEPS, init: np.ndarray | None = None
            ) -> np.ndarray:
        """(24, 3) SMPL rotations (global orientation camera-relative) fitted to landmarks,
        from init (e.g. the previous frame's answer) or else from analytic IK."""
        weight = _vis_weight(landmarks.visibility)
        seen = np.array([weight[list(u)].min() for u in _SEG_USED])
        target = _SEG_MARKS @ landmarks.world
        seg_w = np.empty(len(_SEGMENTS))
        for i, (_, _, floor, fallback) in enumerate(_SEGMENTS):
            if fallback is not None and seen[i] == 0:
                target[i], seg_w[i] = fallback, floor
            else:
                seg_w[i] = max(floor, seen[i])
        target /= np.maximum(np.linalg.norm(target, axis=-1, keepdims=True), 1e-9)
        if init is not None:
            return self._refine(np.asarray(init, np.float64), target, seg_w, steps)
        targets = ik_targets(landmarks.world, weight)
        init = solve_rotations(targets)
        # Joints whose children are all unseen start from the prior's mean, not the rest pose.
        known = np.isfinite(targets).all(-1)
        mean = self.prior.mean_pose()
        for j in range(1, NUM_JOINTS):
            kids = children(j) or [j]  # leaves: the head has its own (ear) target
            if not known[kids].any():
                init[j] = mean[j]
        return self._refine(init, target, seg_w, steps)

    def _refine(self, init: np.ndarray, target: np.ndarray, seg_w: np.ndarray, steps: int
                ) -> np.ndarray:
        if steps <= 0:
            return init
        w = seg_w / seg_w.sum()

        def loss_and_grad(x: np.ndarray) -> tuple[float, np.ndarray]:
            losses = self._losses(x.reshape(1, NUM_JOINTS, 3) + _FD_NUDGES, target, w)
            return float(losses[0]), (losses[1:] - losses[0]) / _FD_STEP

        # One BLAS thread: on these tiny arrays more threads only wait for each other (5 ms a
        # step instead of 0.02 on a busy 2-core machine).
        with _BLAS.limit(limits=1, user_api="blas"):
            done = minimize(loss_and_grad, init.reshape(-1), jac=True, method="L-BFGS-B",
                            options={"maxiter": steps})
        return done.x.reshape(NUM_JOINTS, 3)

    def _losses(self, rot: np.ndarray, tgt: np.ndarray, w: np.ndarray) -> np.ndarray:
        """(B,) fit losses of (B, 24, 3) poses."""
        joints, world = forward_kinematics(rot)
        head = joints[:, _J["head"], None] + _HEAD_MARKERS @ world[:, _J["head"]].swapaxes(1, 2)
        d = _SEG_MODEL @ np.concatenate([joints, head], axis=1)
        d /= np.maximum(np.linalg.norm(d, axis=-1, keepdims=True), 1e-12)
        data = np.square(d - tgt).sum(-1) @ w
        return data + _PRIOR_WEIGHT * self.prior.energy(rot) + _LIMIT_WEIGHT * _limits(rot)


def forward(landmarks: Landmarks) -> np.ndarray:
    """The torso's unit forward direction (from hips and shoulders) in the SMPL camera frame:
    z > 0 faces the camera."""
    w = landmarks.world
    left = w[11] - w[12] + w[23] - w[24]
    up = w[11] + w[12] - w[23] - w[24]
    f = np.cross(left, up)
    return f / max(float(np.linalg.norm(f)), 1e-9)


def turned(landmarks: Landmarks) -> Landmarks:
    """The picture's other reading: the body turned to face the other way (front <-> back).
    Depth is mirrored and left/right labels are exchanged, so every 2D point stays where it is
    and the body stays a body (not its mirror image)."""
    return Landmarks(world=landmarks.world[_MP_MIRROR] * [1.0, 1.0, -1.0],
                     image=landmarks.image[_MP_MIRROR],
                     visibility=landmarks.visibility[_MP_MIRROR])


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


def pck(pred_2d: np.ndarray, gt_2d: np.ndarray, threshold: float = 0.1,
        normaliser: str = "bbox") -> float:
    """Fraction of keypoints within threshold x a body size of their labelled position.

    normaliser "bbox": the diagonal of the labelled keypoints' bounding box; "torso": the
    mean of the two shoulder-to-opposite-hip distances (inputs in PROJECTED_JOINTS order).
    """
    pred, gt = np.asarray(pred_2d, np.float64), np.asarray(gt_2d, np.float64)
    if pred.shape != gt.shape or pred.ndim != 2 or pred.shape[1] != 2:
        raise ValueError(f"pred_2d and gt_2d must both be (K, 2), got {pred.shape}, {gt.shape}")
    if normaliser == "bbox":
        size = float(np.linalg.norm(gt.max(0) - gt.min(0)))
    elif normaliser == "torso":
        if len(gt) != len(PROJECTED_JOINTS):
            raise ValueError("the torso normaliser needs keypoints in PROJECTED_JOINTS order")
        k = {n: i for i, n in enumerate(PROJECTED_JOINTS)}
        size = float(np.mean([np.linalg.norm(gt[k["left_shoulder"]] - gt[k["right_hip"]]),
                              np.linalg.norm(gt[k["right_shoulder"]] - gt[k["left_hip"]])]))
    else:
        raise ValueError(f"normaliser must be 'bbox' or 'torso', got {normaliser!r}")
    return float(np.mean(np.linalg.norm(pred - gt, axis=-1) <= threshold * size))


def _limit_tables() -> tuple[list[int], np.ndarray, list[int], np.ndarray]:
    """Hinge joints with their (3, 3) axes (flexion, bone, third); capped joints and caps."""
    axes = []
    for hinge, bone in _HINGES.values():
        h, b = np.array(hinge, float), np.array(bone, float)
        axes.append(np.stack([h, b, np.cross(h, b)]))
    return list(_HINGES), np.stack(axes), [_J[n] for n in _MAX_ANGLE], \
        np.array(list(_MAX_ANGLE.values()))


_HINGE_IDX, _HINGE_AXES, _CAP_IDX, _CAPS = _limit_tables()


def _limits(rot: np.ndarray) -> np.ndarray:
    """(B,) squared joint-limit violations (rad^2) of (B, 24, 3) rotation vectors."""
    flex, twist, side = np.moveaxis((_HINGE_AXES @ rot[:, _HINGE_IDX, :, None])[..., 0], -1, 0)
    hinge = (np.square(np.maximum(-0.1 - flex, 0)) + np.square(np.maximum(flex - 2.6, 0))
             + np.square(np.maximum(np.abs(twist) - 0.6, 0))
             + np.square(np.maximum(np.abs(side) - 0.25, 0)))
    caps = np.maximum(np.linalg.norm(rot[:, _CAP_IDX], axis=-1) - _CAPS, 0)
    return hinge.sum(-1) + np.square(caps).sum(-1)


def _vis_weight(visibility: np.ndarray) -> np.ndarray:
    return np.clip((visibility - _VIS_LOW) / (_VIS_HIGH - _VIS_LOW), 0.0, 1.0)


def _notes(visibility: np.ndarray) -> list[str]:
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


def _box(landmarks: Landmarks, shape: tuple[int, ...]) -> np.ndarray:
    """(x0, y0, x1, y1) pixels around the visible landmarks, clipped to the picture."""
    seen = landmarks.visibility > 0.5
    pts = landmarks.image[seen] if seen.any() else landmarks.image
    return np.clip(np.r_[pts.min(0), pts.max(0)], 0, [shape[1], shape[0]] * 2)


def _grow(box: np.ndarray, margin: float) -> np.ndarray:
    size = box[2:] - box[:2]
    return np.r_[box[:2] - margin * size, box[2:] + margin * size]


def _area(box: np.ndarray) -> float:
    return float(np.prod(np.maximum(box[2:] - box[:2], 0.0)))


def _inside(box: np.ndarray, other: np.ndarray) -> float:
    """Fraction of box's area inside other."""
    overlap = np.r_[np.maximum(box[:2], other[:2]), np.minimum(box[2:], other[2:])]
    return _area(overlap) / max(_area(box), 1e-9)


def _paint_over(image: np.ndarray, box: np.ndarray) -> np.ndarray:
    """A copy with the box (grown by _MASK_MARGIN) filled with the picture's median colour."""
    h, w = image.shape[:2]
    x0, y0, x1, y1 = np.clip(_grow(box, _MASK_MARGIN), 0, [w, h, w, h]).round().astype(int)
    out = image.copy()
    out[y0:y1, x0:x1] = np.median(image.reshape(-1, 3), axis=0)
    return out


def _check_image(image: np.ndarray) -> np.ndarray:
    image = np.asarray(image)
    if image.dtype != np.uint8 or image.ndim != 3 or image.shape[2] != 3:
        raise ValueError(f"expected an RGB uint8 (H, W, 3) picture, got {image.dtype} "
                         f"{image.shape}")
    return np.ascontiguousarray(image)


def _downscale(image: np.ndarray, side: int) -> np.ndarray:
    h, w = image.shape[:2]
    if max(h, w) <= side:
        return image
    import cv2  # opencv ships with mediapipe

    f = side / max(h, w)
    return cv2.resize(image, (round(w * f), round(h * f)), interpolation=cv2.INTER_AREA)
