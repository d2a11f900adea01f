"""PCK (percentage of correct keypoints) of the image fit's 2D joints against labelled photos
(COCO): the bench's image metric."""
from __future__ import annotations

import numpy as np

from ..models.pose_fit import PROJECTED_JOINTS

# The same joints' indices in COCO's 17 keypoints (for PCK on labelled photos).
COCO_INDEX = {"left_shoulder": 5, "right_shoulder": 6, "left_elbow": 7, "right_elbow": 8,
              "left_wrist": 9, "right_wrist": 10, "left_hip": 11, "right_hip": 12,
              "left_knee": 13, "right_knee": 14, "left_ankle": 15, "right_ankle": 16}



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
