"""Accuracy sections: text->pose against baselines, image->pose on Blender renders, COCO PCK."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from core.skeleton import JOINT_INDEX, NUM_BODY_JOINTS

from ..body.body_joints import BodyJoints
from ..evaluation.text_metrics import body_joints, evaluate_text_model, mean_pose, procrustes_align
from ..models.base import NoPersonError, PoseModel

LATERAL = [(JOINT_INDEX[f"left_{p}"], JOINT_INDEX[f"right_{p}"]) for p in ("shoulder", "hip")]
COCO_PHOTO = Path(__file__).resolve().parents[3] / "shared" / "data" / "photos" / \
    "coco_000000000785.jpg"


class ServedTextModel:
    """evaluate_text_model's predictor over any served model: exactly what /v1/pose answers."""

    def __init__(self, model: PoseModel) -> None:
        self.model = model

    def predict(self, texts: list[str]) -> np.ndarray:
        return np.stack([self.model.pose_from_text(t).poses[0].rotations() for t in texts])


def text_accuracy(model: PoseModel, data, items: int, body: BodyJoints | None = None) -> dict:
    """Caption->pose errors on body's joints for the served model and the baselines: truly
    held out against the strongest baseline, and the old protocol beside it
    (evaluation.evaluate_text_model). "model_alone": PoseGPT-mini's bare answer, before the
    request's facts are read and kept (when the model has one: the default)."""
    bare = getattr(model, "text_model", None)
    return evaluate_text_model(ServedTextModel(model), data, items, body=body,
                               others=None if bare is None else {"model_alone": bare})


def pick_heldout(data, count: int, seed: int = 0) -> tuple[np.ndarray, list[str]]:
    """count test poses at random (seed fixed), with their sources."""
    test = data.subset("test")
    idx = np.sort(np.random.default_rng(seed).choice(len(test), min(count, len(test)), False))
    return test.rotvecs[idx].astype(np.float64), [test.source[i] for i in idx]


def image_accuracy(renders: list[dict], train_rotvecs: np.ndarray,
                   body: BodyJoints | None = None) -> dict:
    """MPJPE / PA-MPJPE (mm, 22 joints of body, pelvis-centred, camera frame) of the image
    estimator on the rendered held-out poses, per camera view. Baselines: the mean pose's
    PA-MPJPE (alignment gives it the best orientation and scale, so it is a fair floor), and
    MediaPipe's own 3D world landmarks taken as the joints (what landmark-transfer add-ons put
    on rigs; spine and pelvis placed as the fit's start places them). Each image is also
    checked for a body read as facing away (facing_reversed)."""
    from PIL import Image

    from ..models.image_pose import ImagePoseEstimator
    from ..models.pose_fit import ik_targets

    estimator = ImagePoseEstimator()
    baseline = body_joints(mean_pose(train_rotvecs)[None], body)[0]
    rows = []
    for item in renders:
        gt = np.asarray(item["joints_cam"])[:NUM_BODY_JOINTS]
        image = np.asarray(Image.open(item["path"]).convert("RGB"))
        row = {"view": f"az{item['azimuth']:+.0f} el{item['elevation']:+.0f}", "detected": True}
        try:
            fit = estimator.estimate_detailed(image)
        except NoPersonError:
            row["detected"] = False
            rows.append(row)
            continue
        pred = body_joints(fit.pose.rotations()[None], body)[0]
        row["mpjpe_mm"] = _mm(pred, gt)
        row["pa_mpjpe_mm"] = _pa_mm(pred, gt)
        # Front/back confusion: the body read as facing away (its left-right axis reversed).
        row["facing_reversed"] = bool(_lateral(pred) @ _lateral(gt) < 0)
        row["baseline_pa_mpjpe_mm"] = _pa_mm(baseline, gt)
        marks = _landmark_joints(fit.landmarks.world, ik_targets)
        row["mediapipe_mpjpe_mm"] = _mm(marks, gt)
        row["mediapipe_pa_mpjpe_mm"] = _pa_mm(marks, gt)
        row["mediapipe_facing_reversed"] = bool(_lateral(marks) @ _lateral(gt) < 0)
        rows.append(row)
    return {"items": len(rows), "per_view": _summarise(rows), "all": _summarise_rows(rows)}


def _landmark_joints(world: np.ndarray, ik_targets) -> np.ndarray:
    """(22, 3) joints straight from MediaPipe's (33, 3) world landmarks, all taken as seen;
    each collar 0.6 of the way from spine3 to its shoulder, as on the project's skeleton."""
    joints = ik_targets(world, np.ones(len(world)))[:NUM_BODY_JOINTS]
    for side in ("left", "right"):
        joints[JOINT_INDEX[f"{side}_collar"]] = joints[JOINT_INDEX["spine3"]] + 0.6 * (
            joints[JOINT_INDEX[f"{side}_shoulder"]] - joints[JOINT_INDEX["spine3"]])
    return joints


def _lateral(joints: np.ndarray) -> np.ndarray:
    """The body's right-to-left direction in the horizontal (x, z) plane of the camera."""
    v = sum(joints[a] - joints[b] for a, b in LATERAL)
    return v[[0, 2]]


def _pa_mm(pred: np.ndarray, gt: np.ndarray) -> float:
    return _mm(procrustes_align(pred[None], gt[None])[0], gt)


def _mm(pred: np.ndarray, gt: np.ndarray) -> float:
    return float(np.linalg.norm(pred - gt, axis=-1).mean() * 1000.0)


def _summarise_rows(rows: list[dict]) -> dict:
    found = [r for r in rows if r["detected"]]
    facing = [r for r in found if not r["facing_reversed"]]
    out = {"images": len(rows), "detected": len(found), "facing_reversed": len(found) - len(facing),
           "mediapipe_facing_reversed": sum(r["mediapipe_facing_reversed"] for r in found)}
    for key in ("mpjpe_mm", "pa_mpjpe_mm", "baseline_pa_mpjpe_mm", "mediapipe_mpjpe_mm",
                "mediapipe_pa_mpjpe_mm"):
        out[key] = _mean([r[key] for r in found])
    out["mpjpe_facing_ok_mm"] = _mean([r["mpjpe_mm"] for r in facing])
    return out


def _mean(values: list[float]) -> float:
    return float(np.mean(values)) if values else float("nan")


def _summarise(rows: list[dict]) -> dict[str, dict]:
    views = dict.fromkeys(r["view"] for r in rows)
    return {v: _summarise_rows([r for r in rows if r["view"] == v]) for v in views}


def video_accuracy(clip: Path, truth: np.ndarray, fps: float,
                   body: BodyJoints | None = None) -> dict:
    """Pose from video on a rendered clip against the truth ((F, 24, 3) camera-frame joints,
    pelvis-centred): per-frame MPJPE and acceleration error (jitter, mm/frame^2) of the smoothed
    answer and of the unsmoothed per-frame answers, and frames per second (of the smoothed
    answer alone, clip decoding included)."""
    import time

    from ..models.video_pose import VideoPoseEstimator

    estimator = VideoPoseEstimator()
    start = time.perf_counter()
    result = estimator.estimate(clip)
    seconds = time.perf_counter() - start  # what a user waits: the smoothed answer alone
    result = estimator.estimate(clip, keep_raw=True)
    gt = np.asarray(truth)[:len(result.poses), :NUM_BODY_JOINTS]
    out = {"clip": clip.name, "frames": len(result.poses), "fps": fps,
           "facing_turned": result.turned, "frames_without_person": result.missed,
           "seconds": seconds, "frames_per_s": len(result.poses) / seconds}
    for key, poses in (("smoothed", result.poses), ("unsmoothed", result.raw)):
        pred = body_joints(np.stack([p.rotations() for p in poses]), body)
        out[key] = {"mpjpe_mm": _mean([_mm(p, g) for p, g in zip(pred, gt)]),
                    "pa_mpjpe_mm": _mean([_pa_mm(p, g) for p, g in zip(pred, gt)]),
                    "accel_error_mm": acceleration_error(pred, gt),
                    "accel_mm": acceleration_error(pred, np.zeros_like(pred))}
    out["truth_accel_mm"] = acceleration_error(gt, np.zeros_like(gt))
    return out


def acceleration_error(pred: np.ndarray, gt: np.ndarray) -> float:
    """Mean over frames and joints of |second difference of pred - that of gt| (mm/frame^2)."""
    if len(pred) < 3:
        return float("nan")
    accel = np.diff(pred, n=2, axis=0) - np.diff(gt, n=2, axis=0)
    return float(np.linalg.norm(accel, axis=-1).mean() * 1000.0)


def coco_pck(photo: Path = COCO_PHOTO) -> dict:
    """2D PCK@0.1 (box diagonal and torso) of the fitted skeleton on the labelled COCO photo."""
    from PIL import Image

    from ..models.image_pose import ImagePoseEstimator
    from ..models.pose_fit import PROJECTED_JOINTS
    from .keypoints import COCO_INDEX, pck

    labels = json.loads(photo.with_suffix(".json").read_text())["annotations"][0]["keypoints"]
    gt = np.asarray(labels, float).reshape(17, 3)[[COCO_INDEX[n] for n in PROJECTED_JOINTS]]
    labelled = gt[:, 2] > 0  # COCO: v=0 means not labelled
    fit = ImagePoseEstimator().estimate_detailed(np.asarray(Image.open(photo).convert("RGB")))
    pred = fit.image_joints[[JOINT_INDEX[n] for n in PROJECTED_JOINTS]]
    out = {"photo": photo.name, "keypoints": int(labelled.sum()),
           "pck@0.1_bbox": pck(pred[labelled], gt[labelled, :2], 0.1, "bbox")}
    if labelled.all():
        out["pck@0.1_torso"] = pck(pred, gt[:, :2], 0.1, "torso")
    return out


def request_accuracy(model: PoseModel) -> dict:
    """The request sets (data/requests: dev, tuned on; test, never) judged by their joint
    checks, for the served model and for PoseGPT-mini's bare answer before the facts are read
    and kept (when the model has one: the default)."""
    from ..evaluation.judge import SPLITS, evaluate, load_requests

    answer = lambda text: model.pose_from_text(text).poses[0].rotations()  # noqa: E731
    out = {split: evaluate(answer, load_requests(split)) for split in SPLITS}
    bare = getattr(model, "text_model", None)
    if bare is not None:
        before = lambda text: bare.predict([text])[0]  # noqa: E731
        out["before"] = {split: {k: v for k, v in evaluate(before, load_requests(split)).items()
                                 if k != "rows"} for split in SPLITS}
    return out
