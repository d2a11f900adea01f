"""2D landmarks lifted to 3D: a small MLP, run in numpy, that reads the pixels of a
person's landmarks and answers the fit's model points (24 joints and 3 head markers,
pose_fit.py) in the camera frame, pelvis at the origin, on the project's skeleton.

MediaPipe's world landmarks (its own 3D) are poor in depth on the mannequin (wrists ~0.17 m off
in depth on held-out renders) while its pixels are better. How the shipped weights are made:
pose_lift_train.py.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .npz_weights import read_npz

DEFAULT_LIFTER_PATH = Path(__file__).resolve().parents[1] / "weights" / "default" / \
    "pose_lift.npz"


@dataclass(frozen=True)
class Lifter:
    """MLP: normalised 2D points (P, 2) -> (M, 3) model points in metres."""

    layers: tuple[tuple[np.ndarray, np.ndarray], ...]  # (weight (in, out), bias (out,))

    @classmethod
    def load(cls, path: Path | None = None) -> "Lifter":
        npz = read_npz(DEFAULT_LIFTER_PATH if path is None else Path(path), "2D-to-3D lifter",
                       "python -m posegpt_blender.models.pose_lift_train")
        return cls(tuple((npz[f"w{i}"].astype(np.float64), npz[f"b{i}"].astype(np.float64))
                         for i in range(int(npz["layers"]))))

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        arrays = {"layers": np.array(len(self.layers))}
        for i, (w, b) in enumerate(self.layers):
            arrays[f"w{i}"], arrays[f"b{i}"] = w.astype(np.float32), b.astype(np.float32)
        np.savez_compressed(path, **arrays)

    def lift(self, uv: np.ndarray) -> np.ndarray:
        """(P, 2) pixels (x right, y down) -> (M, 3) model points, camera frame, metres."""
        x = normalise(np.asarray(uv, np.float64)[None] * [1.0, -1.0])[0].reshape(-1)
        for i, (w, b) in enumerate(self.layers):
            y = x @ w + b
            if i < len(self.layers) - 1:
                y = np.maximum(y, 0.0)
                if y.shape == x.shape:
                    y = y + x  # residual blocks
            x = y
        return x.reshape(-1, 3)


def normalise(xy: np.ndarray) -> np.ndarray:
    """(B, P, 2) points (y up) centred on their mean, scaled to unit RMS radius."""
    c = xy - xy.mean(-2, keepdims=True)
    return c / np.maximum(np.sqrt(np.square(c).sum(-1).mean(-1)), 1e-9)[..., None, None]
