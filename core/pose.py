"""The pose schema shared by the add-on and the worker, forward kinematics, and file I/O.

Schema (JSON): {"smpl": {"global_orient": [3], "body_pose": [69], "betas": [10],
"transl": [3]}, "joints": [[x, y, z] x 24], "text": "..."}. Axis-angle in SMPL's frame (+Y up,
the body faces +Z, +X is the body's left); joints in metres with global_orient applied and the
pelvis at the origin, in SMPL joint order.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .rotations import axis_angle_to_matrix, matrix_to_axis_angle
from .skeleton import NUM_JOINTS, depth_levels, rest_offsets

NUM_BETAS = 10
# No pose value comes near this (radians, shape units, metres); larger ones overflow the
# kinematics (an axis-angle norm of 1e300 squares to inf).
MAX_ABS = 1e4


class PoseFormatError(ValueError):
    """A pose (dict, JSON or .npz) that does not follow the schema; the message says why."""


@dataclass
class SmplPose:
    """One SMPL body pose: axis-angle rotations, shape and root translation."""

    global_orient: np.ndarray = field(default_factory=lambda: np.zeros(3))
    body_pose: np.ndarray = field(default_factory=lambda: np.zeros(69))
    betas: np.ndarray = field(default_factory=lambda: np.zeros(NUM_BETAS))
    transl: np.ndarray = field(default_factory=lambda: np.zeros(3))

    @classmethod
    def from_rotations(cls, rotvecs: np.ndarray, transl: np.ndarray | None = None) -> "SmplPose":
        """A pose from (24, 3) axis-angle rotations (joint 0 is the global orientation)."""
        rotvecs = np.asarray(rotvecs, dtype=np.float64).reshape(NUM_JOINTS, 3)
        return cls(global_orient=rotvecs[0].copy(), body_pose=rotvecs[1:].reshape(69).copy(),
                   transl=np.zeros(3) if transl is None else np.asarray(transl, np.float64))

    def rotations(self) -> np.ndarray:
        """(24, 3) axis-angle per joint, joint 0 being the global orientation."""
        return np.concatenate([self.global_orient, self.body_pose]).reshape(NUM_JOINTS, 3)

    def joints(self) -> np.ndarray:
        """(24, 3) joint positions, global_orient applied, pelvis at the origin."""
        return forward_kinematics(self.rotations())[0]

    def to_dict(self, text: str = "", joints: np.ndarray | None = None) -> dict[str, Any]:
        """The schema dict with joints: given ones (e.g. the user's SMPL body's), else the
        project skeleton's."""
        return {
            "smpl": {
                "global_orient": self.global_orient.tolist(),
                "body_pose": self.body_pose.tolist(),
                "betas": self.betas.tolist(),
                "transl": self.transl.tolist(),
            },
            "joints": np.asarray(self.joints() if joints is None else joints,
                                 dtype=np.float64).round(6).tolist(),
            "text": text,
        }

    @classmethod
    def from_dict(cls, data: Any) -> "SmplPose":
        """Parse and validate a schema dict (or just its "smpl" part); joints are ignored."""
        if not isinstance(data, dict):
            raise PoseFormatError(f"a pose must be a JSON object, got {type(data).__name__}")
        smpl = data.get("smpl", data)
        if not isinstance(smpl, dict):
            raise PoseFormatError('"smpl" must be an object with global_orient and body_pose')
        return cls(
            global_orient=_vector(smpl, "global_orient", 3, required=True),
            body_pose=_vector(smpl, "body_pose", 69, required=True),
            betas=_vector(smpl, "betas", NUM_BETAS, required=False),
            transl=_vector(smpl, "transl", 3, required=False),
        )


def _vector(smpl: dict, key: str, size: int, required: bool) -> np.ndarray:
    value = smpl.get(key)
    if value is None:
        if required:
            raise PoseFormatError(f'"smpl.{key}" is missing ({size} numbers expected)')
        return np.zeros(size)
    if not isinstance(value, (list, tuple)) or len(value) != size:
        got = len(value) if isinstance(value, (list, tuple)) else type(value).__name__
        raise PoseFormatError(f'"smpl.{key}" must be a list of {size} numbers, got {got}')
    for v in value:
        # bool is an int subclass; a pose made of true/false is a mistake, not a rotation.
        # The range test also refuses NaN and infinities, and never overflows on huge ints.
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not -MAX_ABS <= v <= MAX_ABS:
            shown = repr(v) if len(repr(v)) < 40 else repr(v)[:37] + "..."
            raise PoseFormatError(f'"smpl.{key}" must hold finite numbers within +-{MAX_ABS:g}, '
                                  f'got {shown}')
    return np.asarray(value, dtype=np.float64)


_LEVELS = depth_levels()


def forward_kinematics(rotvecs: np.ndarray, offsets: np.ndarray | None = None
                       ) -> tuple[np.ndarray, np.ndarray]:
    """Joint positions (..., 24, 3) and global rotations (..., 24, 3, 3) of (..., 24, 3) poses.

    Uses the project's rest skeleton unless offsets (24, 3) are given; pelvis at the origin.
    """
    local = axis_angle_to_matrix(np.asarray(rotvecs, dtype=np.float64))
    offsets = rest_offsets() if offsets is None else np.asarray(offsets, dtype=np.float64)
    world_rot = np.empty_like(local)
    world_pos = np.zeros(local.shape[:-2] + (3,))
    world_rot[..., 0, :, :] = local[..., 0, :, :]
    rot, pos = local[..., :1, :, :], world_pos[..., :1, :]
    for joints, parent in _LEVELS:  # one tree depth at a time: 8 steps, not 23
        parent_rot = rot[..., parent, :, :]
        pos = pos[..., parent, :] + (parent_rot @ offsets[joints, :, None])[..., 0]
        rot = parent_rot @ local[..., joints, :, :]
        world_rot[..., joints, :, :] = rot
        world_pos[..., joints, :] = pos
    return world_pos, world_rot


# AMASS's files (its "poses" layout, and "root_orient" in its SMPL-X release) are Z-up; SMPL's
# frame here is +Y up. Rows map Z-up coordinates to Y-up ones.
Z_UP_TO_Y_UP = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.0, -1.0, 0.0]])

# Key aliases accepted when reading .npz files (SMPL, SMPL-X add-on, AMASS).
_NPZ_ALIASES = {
    "global_orient": ("global_orient", "root_orient"),
    "body_pose": ("body_pose", "pose_body"),
    "betas": ("betas",),
    "transl": ("transl", "trans"),
}


def load_npz(path: str | Path) -> list[SmplPose]:
    """Read SMPL poses from an .npz (one pose or a sequence); never unpickles."""
    try:
        loaded = np.load(path, allow_pickle=False)
        if not isinstance(loaded, np.lib.npyio.NpzFile):
            raise PoseFormatError(f"{path}: a single array (.npy data), not an .npz archive "
                                  "of named arrays (global_orient, body_pose, ...)")
        with loaded as npz:
            arrays = {k: npz[k] for k in npz.files}
    except PoseFormatError:
        raise
    except ValueError as exc:
        raise PoseFormatError(f"{path}: not a plain numeric .npz ({exc})") from exc
    except (OSError, EOFError) as exc:
        raise PoseFormatError(f"{path}: cannot read as .npz ({exc})") from exc
    return poses_from_arrays(arrays, source=str(path))


def poses_from_arrays(arrays: dict[str, np.ndarray], source: str = "pose") -> list[SmplPose]:
    """SMPL poses from named arrays with AMASS / SMPL / SMPL-X key conventions; AMASS's Z-up
    root orientation and translation come out in SMPL's +Y-up frame."""
    def find(name: str) -> np.ndarray | None:
        for key in _NPZ_ALIASES[name]:
            if key in arrays:
                return _numeric(arrays[key], source, key)
        return None

    orient, body = find("global_orient"), find("body_pose")
    z_up = "global_orient" not in arrays and ("root_orient" in arrays or body is None)
    if body is None and "poses" in arrays:  # AMASS: 156 (SMPL+H) or 72 (SMPL) per frame
        full = _numeric(arrays["poses"], source, "poses").reshape(-1, arrays["poses"].shape[-1])
        if full.shape[-1] < 66:
            raise PoseFormatError(f"{source}: 'poses' has {full.shape[-1]} values a frame, "
                                  "need at least 66")
        orient, body = full[:, :3], full[:, 3:66]
    if orient is None or body is None:
        raise PoseFormatError(f"{source}: needs global_orient (or root_orient) and body_pose "
                              f"(or pose_body, or AMASS 'poses'); found {sorted(arrays)}")
    body = body.reshape(-1, body.shape[-1]) if body.ndim else body.reshape(1, -1)
    orient = orient.reshape(-1, 3) if orient.size % 3 == 0 else None
    if orient is None or body.shape[-1] not in (63, 69):
        raise PoseFormatError(f"{source}: global_orient must hold 3 values a frame and body_pose "
                              "63 (SMPL-X) or 69 (SMPL)")
    if body.shape[-1] == 63:  # SMPL-X has no hand joints 22-23 in body_pose
        body = np.concatenate([body, np.zeros((body.shape[0], 6))], axis=-1)
    frames = body.shape[0]
    if orient.shape[0] != frames:
        raise PoseFormatError(f"{source}: {orient.shape[0]} global orientations but "
                              f"{frames} body poses")
    betas = find("betas")
    transl = find("transl")
    beta_row = np.zeros(NUM_BETAS)
    if betas is not None:
        flat = betas.reshape(-1, betas.shape[-1])[0] if betas.ndim else betas.reshape(1)
        n = min(NUM_BETAS, flat.shape[0])
        beta_row[:n] = flat[:n]
    if transl is not None:
        transl = transl.reshape(-1, 3) if transl.size % 3 == 0 else None
        if transl is None or transl.shape[0] not in (1, frames):
            raise PoseFormatError(f"{source}: transl must hold 3 values a frame")
    if z_up:  # the pelvis's own offset from SMPL's origin is not modelled: translation turns too
        orient = matrix_to_axis_angle(Z_UP_TO_Y_UP @ axis_angle_to_matrix(orient))
        transl = None if transl is None else transl @ Z_UP_TO_Y_UP.T
    return [SmplPose(global_orient=orient[i].copy(), body_pose=body[i].copy(),
                     betas=beta_row.copy(),
                     transl=np.zeros(3) if transl is None else transl[min(i, len(transl) - 1)].copy())
            for i in range(frames)]


def _numeric(array: np.ndarray, source: str, key: str) -> np.ndarray:
    if array.dtype.kind not in "fiu":
        raise PoseFormatError(f"{source}: '{key}' must be numeric, got dtype {array.dtype}")
    if array.ndim == 0 or array.size == 0:
        raise PoseFormatError(f"{source}: '{key}' must be an array of values, got "
                              f"{'a single number' if array.ndim == 0 else 'an empty array'}")
    array = array.astype(np.float64)
    if not np.all(np.abs(array) <= MAX_ABS):  # False for NaN too
        raise PoseFormatError(f"{source}: '{key}' holds NaN, infinite or values beyond "
                              f"+-{MAX_ABS:g}")
    return array


def save_npz(path: str | Path, poses: list[SmplPose]) -> None:
    """Write poses with SMPL keys (arrays shaped (frames, n)); readable by load_npz and AMASS tools."""
    if not poses:
        raise PoseFormatError("nothing to save: no poses")
    np.savez(
        path,
        global_orient=np.stack([p.global_orient for p in poses]),
        body_pose=np.stack([p.body_pose for p in poses]),
        betas=poses[0].betas,
        transl=np.stack([p.transl for p in poses]),
    )


def load_json(path: str | Path) -> list[SmplPose]:
    """Read poses from a JSON file in the schema: one pose object, or {"poses": [...]}."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PoseFormatError(f"{path}: cannot read as JSON ({exc})") from exc
    except RecursionError as exc:
        raise PoseFormatError(f"{path}: JSON nested too deeply to be a pose") from exc
    if isinstance(data, dict) and isinstance(data.get("poses"), list):
        if not data["poses"]:
            raise PoseFormatError(f'{path}: "poses" is empty: nothing to pose')
        return [SmplPose.from_dict(p) for p in data["poses"]]
    return [SmplPose.from_dict(data)]


def save_json(path: str | Path, poses: list[SmplPose], text: str = "") -> None:
    """Write poses in the schema (a single object for one pose)."""
    if not poses:
        raise PoseFormatError("nothing to save: no poses")
    body = poses[0].to_dict(text) if len(poses) == 1 else {
        "poses": [p.to_dict(text) for p in poses], "text": text}
    Path(path).write_text(json.dumps(body, indent=1), encoding="utf-8")


def load_pose_file(path: str | Path) -> list[SmplPose]:
    """Read .npz or .json by extension."""
    suffix = Path(path).suffix.lower()
    if suffix == ".npz":
        return load_npz(path)
    if suffix == ".json":
        return load_json(path)
    raise PoseFormatError(f"{path}: unknown pose file type '{suffix}' (use .npz or .json)")


def save_pose_file(path: str | Path, poses: list[SmplPose], text: str = "") -> None:
    """Write .npz or .json by extension."""
    suffix = Path(path).suffix.lower()
    if suffix == ".npz":
        save_npz(path, poses)
    elif suffix == ".json":
        save_json(path, poses, text)
    else:
        raise PoseFormatError(f"{path}: unknown pose file type '{suffix}' (use .npz or .json)")
