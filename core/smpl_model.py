"""The user's own SMPL or SMPL-X model file (.npz, never shipped, never unpickled): the body
mesh, skin weights, shape directions and rest joints, reduced to SMPL's 24 joints."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .skeleton import NUM_JOINTS, PARENTS

NUM_SHAPE_KEYS = 10
SMPLX_JOINTS = 55
# SMPL-X joints beyond the 22 body joints, folded into SMPL's: jaw and eyes move with the head,
# each hand's 15 finger joints with SMPL's hand joint (22 left, 23 right).
_SMPLX_FOLD = {22: 15, 23: 15, 24: 15, **{j: 22 for j in range(25, 40)},
               **{j: 23 for j in range(40, 55)}}
_SMPLX_HAND_JOINT = {22: 28, 23: 43}  # SMPL's hand joints sit at the middle fingers' bases
DOWNLOAD_HINT = ("download SMPL or SMPL-X (.npz) from smpl.is.tue.mpg.de or "
                 "smpl-x.is.tue.mpg.de under their licence")


class SmplModelError(ValueError):
    """The file is not a usable SMPL/SMPL-X .npz; the message says why and what to use."""


@dataclass
class SmplModel:
    """Arrays in SMPL's frame (+Y up), metres: rest vertices, faces, per-joint skin weights,
    the first NUM_SHAPE_KEYS shape directions, the 24 rest joints and their regressor, and
    SMPL's pose-corrective directions (None for SMPL-X, whose 54-joint ones do not apply to
    the 24 joints kept)."""

    vertices: np.ndarray     # (V, 3)
    faces: np.ndarray        # (F, 3) int
    weights: np.ndarray      # (V, 24)
    shapedirs: np.ndarray    # (V, 3, NUM_SHAPE_KEYS)
    joints: np.ndarray       # (24, 3)
    regressor: np.ndarray    # (24, V): joints = regressor @ vertices
    posedirs: np.ndarray | None  # (V, 3, 207)
    kind: str                # "SMPL" or "SMPL-X"

    @classmethod
    def load(cls, path: str | Path) -> "SmplModel":
        """Read an SMPL (24 joints) or SMPL-X (55 joints) model .npz."""
        try:
            with np.load(path, allow_pickle=False) as npz:
                arrays = {k: npz[k] for k in npz.files}
        except (OSError, EOFError, ValueError, AttributeError) as exc:
            raise SmplModelError(f"{path}: cannot read as a plain .npz model file ({exc}); "
                                 f"{DOWNLOAD_HINT}") from exc
        missing = sorted({"v_template", "f", "weights", "shapedirs", "J_regressor"} - set(arrays))
        if missing:
            raise SmplModelError(f"{path}: not an SMPL/SMPL-X model: no {', '.join(missing)}; "
                                 f"{DOWNLOAD_HINT}")
        try:
            return cls._from_arrays(arrays)
        except (ValueError, IndexError, TypeError) as exc:
            raise SmplModelError(f"{path}: inconsistent model arrays ({exc})") from exc

    @classmethod
    def _from_arrays(cls, a: dict[str, np.ndarray]) -> "SmplModel":
        vertices = np.asarray(a["v_template"], dtype=np.float64)
        weights = np.asarray(a["weights"], dtype=np.float64)
        regressor = np.asarray(a["J_regressor"], dtype=np.float64)
        count = vertices.shape[0]
        if vertices.shape != (count, 3) or weights.shape[0] != count or \
                regressor.shape[1] != count:
            raise ValueError(f"v_template {vertices.shape}, weights {weights.shape}, "
                             f"J_regressor {regressor.shape} do not agree")
        joints = regressor @ vertices
        posedirs = None
        if weights.shape[1] == NUM_JOINTS and joints.shape[0] == NUM_JOINTS:
            kind = "SMPL"
            if "posedirs" in a:
                posedirs = np.asarray(a["posedirs"], dtype=np.float64)
                if posedirs.shape != (count, 3, (NUM_JOINTS - 1) * 9):
                    raise ValueError(f"posedirs {posedirs.shape}: expected ({count}, 3, 207)")
        elif weights.shape[1] == SMPLX_JOINTS and joints.shape[0] == SMPLX_JOINTS:
            kind = "SMPL-X"
            folded = weights[:, :NUM_JOINTS].copy()
            folded[:, 22:] = 0.0
            for j, into in _SMPLX_FOLD.items():
                folded[:, into] += weights[:, j]
            weights = folded
            rows = list(range(22)) + [_SMPLX_HAND_JOINT[22], _SMPLX_HAND_JOINT[23]]
            regressor, joints = regressor[rows], joints[rows]
        else:
            raise ValueError(f"{weights.shape[1]} skinning joints: expected 24 (SMPL) or 55 "
                             "(SMPL-X)")
        if "kintree_table" in a:
            parents = np.asarray(a["kintree_table"])[0, :22].astype(np.int64)
            parents[0] = -1
            if tuple(parents) != PARENTS[:22]:
                raise ValueError("its kinematic tree is not SMPL's")
        shapedirs = np.asarray(a["shapedirs"], dtype=np.float64)
        if shapedirs.ndim != 3 or shapedirs.shape[:2] != (count, 3) or \
                shapedirs.shape[2] < NUM_SHAPE_KEYS:
            raise ValueError(f"shapedirs {shapedirs.shape}: expected ({count}, 3, >= 10)")
        faces = np.asarray(a["f"]).astype(np.int64)
        if faces.ndim != 2 or faces.shape[1] != 3 or faces.min() < 0 or faces.max() >= count:
            raise ValueError(f"faces {faces.shape} do not index the {count} vertices")
        if not all(np.isfinite(x).all() for x in (vertices, weights, joints, shapedirs)):
            raise ValueError("NaN or infinite values")
        return cls(vertices, faces, weights, shapedirs[:, :, :NUM_SHAPE_KEYS], joints, regressor,
                   posedirs, kind)
