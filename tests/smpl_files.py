"""Synthetic model files in SMPL's and SMPL-X's .npz format. The licensed files cannot be in the
repository; these have the same keys, shapes and conventions, with a cube of 8 vertices around
each joint, skinned rigidly to it, so that posed vertices can be computed exactly."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from core.pose import SmplPose, forward_kinematics
from core.skeleton import PARENTS, parent_offsets, rest_positions

CUBE = np.array([[x, y, z] for x in (-0.02, 0.02) for y in (-0.02, 0.02) for z in (-0.02, 0.02)])
CUBE_FACES = np.array([[0, 1, 3], [0, 3, 2], [4, 6, 7], [4, 7, 5], [0, 4, 5], [0, 5, 1],
                       [2, 3, 7], [2, 7, 6], [0, 2, 6], [0, 6, 4], [1, 5, 7], [1, 7, 3]])
TEMPLATE_OFFSET = np.array([0.0, 0.9, 0.05])  # SMPL's template does not have its pelvis at 0


def model_arrays(joints: np.ndarray, parents: list[int], seed: int = 0) -> dict[str, np.ndarray]:
    count = len(joints)
    vertices = (joints[:, None, :] + CUBE[None]).reshape(-1, 3)
    weights = np.repeat(np.eye(count), 8, axis=0)
    regressor = np.repeat(np.eye(count), 8, axis=1) / 8.0
    faces = (CUBE_FACES[None] + 8 * np.arange(count)[:, None, None]).reshape(-1, 3)
    kintree = np.array([[p if p >= 0 else 4294967295 for p in parents], range(count)],
                       dtype=np.int64)
    shapedirs = np.random.default_rng(seed).normal(scale=0.01, size=(len(vertices), 3, 12))
    return {"v_template": vertices, "f": faces.astype(np.uint32), "weights": weights,
            "J_regressor": regressor, "kintree_table": kintree, "shapedirs": shapedirs,
            "posedirs": np.zeros((len(vertices), 3, (count - 1) * 9))}


def smpl_arrays(scale: float = 1.0) -> dict[str, np.ndarray]:
    """SMPL's format on the project skeleton's joints, scaled (scale != 1: a body whose joints
    differ from the project skeleton's)."""
    return model_arrays(scale * rest_positions() + TEMPLATE_OFFSET, list(PARENTS))


def smplx_arrays() -> dict[str, np.ndarray]:
    """55 joints: SMPL's first 22, jaw and eyes under the head, 15 finger joints per hand."""
    body = rest_positions()[:22] + TEMPLATE_OFFSET
    rng = np.random.default_rng(1)
    extra = np.concatenate([body[[15, 15, 15]] + rng.normal(scale=0.03, size=(3, 3)),
                            body[[20] * 15] + rng.normal(scale=0.05, size=(15, 3)),
                            body[[21] * 15] + rng.normal(scale=0.05, size=(15, 3))])
    parents = list(PARENTS[:22]) + [15, 15, 15] + [20] * 15 + [21] * 15
    return model_arrays(np.concatenate([body, extra]), parents)


def expected_vertices(arrays: dict, pose: SmplPose) -> np.ndarray:
    """The cubes of an SMPL-format file (24 joints) posed in numpy: each follows its joint
    rigidly after the shape offsets; SMPL's frame, the pelvis at the origin."""
    joints = arrays["J_regressor"] @ arrays["v_template"]
    rest = joints[:24] - joints[0]
    posed, world = forward_kinematics(pose.rotations(), parent_offsets(rest))
    shaped = arrays["v_template"] + arrays["shapedirs"][:, :, :10] @ pose.betas - joints[0]
    owner = np.repeat(np.arange(24), 8)
    return np.einsum("vij,vj->vi", world[owner], shaped - rest[owner]) + posed[owner]


def write(path: Path, arrays: dict[str, np.ndarray]) -> Path:
    np.savez(path, **arrays)
    return path
