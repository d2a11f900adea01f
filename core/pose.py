"""The pose schema shared by the add-on and the worker, forward kinematics, and file I/O.

Schema (JSON): {"smpl": {"global_orient": [3], "body_pose": [69], "betas": [10],
"transl": [3]}, "joints": [[x, y, z] x 24], "text": "..."}. Axis-angle in SMPL's frame (+Y up,
the body faces +Z, +X is the body's left); joints in metres with global_orient applied and the
pelvis at the origin, in SMPL joint order.
"""
from __future__ import annotations

import json
import math
import os
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from .rotations import axis_angle_to_matrix, matrix_to_axis_angle
from .skeleton import NUM_JOINTS, depth_levels, rest_offsets

NUM_BETAS = 10
# No pose value comes near this (radians, shape units, metres); larger ones overflow the
# kinematics (an axis-angle norm of 1e300 squares to inf).
MAX_ABS = 1e4
# Pose files: frames read from one file (an AMASS take at 120 fps is a few thousand), and the
# size of a .json file (.npz members are capped by their headers: MAX_POSE_FRAMES a member).
MAX_POSE_FRAMES = 100_000
MAX_JSON_BYTES = 64 * 1024 * 1024


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
    """Read SMPL poses from an .npz (one pose or a sequence); never unpickles.

    Only the members named in _NPZ_ALIASES (and AMASS's "poses") are read, one at a time, each
    after its .npy header's dtype and size passed the checks; anything wrong is a
    PoseFormatError that says why.
    """
    try:
        with _open_regular(path) as f:
            if f.read(len(_NPY_MAGIC)) == _NPY_MAGIC:
                raise PoseFormatError(f"{path}: a single array (.npy data), not an .npz archive "
                                      "of named arrays (global_orient, body_pose, ...)")
            _check_zip_directory(f, path)
            with zipfile.ZipFile(f) as archive:
                members = {name.removesuffix(".npy"): name for name in archive.namelist()
                           if name.removesuffix(".npy") in _MAX_VALUES_A_FRAME}
                for key, member in members.items():  # every header checked before any data
                    with archive.open(member) as m:
                        _member_header(m, path, key)
                arrays = {key: _read_member(archive, member, path, key)
                          for key, member in members.items()}
    except PoseFormatError:
        raise
    except (zipfile.BadZipFile, ValueError, NotImplementedError) as exc:
        raise PoseFormatError(f"{path}: not a plain numeric .npz ({exc})") from exc
    except (OSError, EOFError, zlib.error) as exc:
        raise PoseFormatError(f"{path}: cannot read as .npz ({exc})") from exc
    except MemoryError as exc:
        raise PoseFormatError(f"{path}: too large to load") from exc
    return poses_from_arrays(arrays, source=str(path))


_NPY_MAGIC = b"\x93NUMPY"
# The members read, and the most values a frame each may hold (AMASS's SMPL-X "poses": 165;
# betas may be given a frame).
_MAX_VALUES_A_FRAME = {"global_orient": 3, "root_orient": 3, "body_pose": 69, "pose_body": 69,
                       "betas": 16, "transl": 3, "trans": 3, "poses": 165}
_MAX_NPZ_MEMBERS = 1024
_MAX_NPZ_DIRECTORY_BYTES = 1024 * 1024


def _open_regular(path: str | Path) -> BinaryIO:
    """path opened for reading if it is a regular file: never a FIFO (which would block), a
    device such as /dev/zero (endless) or a folder, symlinks followed."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise PoseFormatError(f"{path}: not a regular file; pose files are ordinary .npz "
                                  "or .json files")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise PoseFormatError(f"{path}: cannot open ({exc.strerror or exc})") from exc
    f = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped since the check
        f.close()
        raise PoseFormatError(f"{path}: not a regular file")
    return f


def _check_zip_directory(f: BinaryIO, path: str | Path) -> None:
    """Refuse a zip whose central directory (read whole by zipfile) is too large, from its
    end record, before zipfile reads it."""
    size = f.seek(0, os.SEEK_END)
    f.seek(max(0, size - 22 - 65535))  # the end record and the longest comment
    tail = f.read()
    end = tail.rfind(b"PK\x05\x06")
    if end < 0 or end + 22 > len(tail):
        raise PoseFormatError(f"{path}: not an .npz archive (no zip directory); save poses "
                              "with numpy.savez")
    entries, directory = struct.unpack("<HI", tail[end + 10:end + 16])
    if entries > _MAX_NPZ_MEMBERS or directory > _MAX_NPZ_DIRECTORY_BYTES:
        raise PoseFormatError(f"{path}: the archive lists {entries} members in "
                              f"{directory:,} bytes; a pose .npz has a few named arrays")
    f.seek(0)


def _member_header(m: BinaryIO, path: str | Path, key: str) -> tuple[tuple, bool, np.dtype]:
    """(shape, fortran order, dtype) of an .npy member, refused unless plain numeric and
    within _MAX_VALUES_A_FRAME[key] values for each of MAX_POSE_FRAMES frames."""
    version = np.lib.format.read_magic(m)
    if version == (1, 0):
        shape, fortran, dtype = np.lib.format.read_array_header_1_0(m)
    elif version == (2, 0):
        shape, fortran, dtype = np.lib.format.read_array_header_2_0(m)
    else:
        raise PoseFormatError(f"{path}: '{key}' is stored as .npy version {version}")
    if dtype.hasobject:
        raise PoseFormatError(f"{path}: not a plain numeric .npz ('{key}' holds Python "
                              "objects, which are never unpickled)")
    if dtype.kind not in "fiu":
        raise PoseFormatError(f"{path}: '{key}' must be numeric, got dtype {dtype}")
    count = math.prod(shape)
    if count > MAX_POSE_FRAMES * _MAX_VALUES_A_FRAME[key]:
        raise PoseFormatError(f"{path}: '{key}' has shape {shape} ({count:,} values); at most "
                              f"{MAX_POSE_FRAMES:,} frames are read")
    return shape, fortran, dtype


def _read_member(archive: zipfile.ZipFile, member: str, path: str | Path, key: str
                 ) -> np.ndarray:
    """One .npy member's array, its header checked again before its data is read."""
    with archive.open(member) as m:
        shape, fortran, dtype = _member_header(m, path, key)
        size = math.prod(shape) * dtype.itemsize
        data = m.read(size)
    if len(data) != size:
        raise PoseFormatError(f"{path}: '{key}' is truncated ({len(data):,} of {size:,} bytes)")
    return np.frombuffer(data, dtype).reshape(shape, order="F" if fortran else "C")


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
    if frames > MAX_POSE_FRAMES:
        raise PoseFormatError(f"{source}: {frames:,} frames; at most {MAX_POSE_FRAMES:,} are "
                              "read (split the sequence)")
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
    too_large = PoseFormatError(f"{path}: larger than {MAX_JSON_BYTES // 2**20} MB; save long "
                                "sequences as .npz")
    with _open_regular(path) as f:
        if os.fstat(f.fileno()).st_size > MAX_JSON_BYTES:
            raise too_large  # never read
        try:
            raw = f.read(MAX_JSON_BYTES + 1)
        except OSError as exc:
            raise PoseFormatError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if len(raw) > MAX_JSON_BYTES:  # it grew since
        raise too_large
    try:
        data = json.loads(raw.decode("utf-8"), parse_int=_json_int)
    except (UnicodeDecodeError, ValueError) as exc:
        raise PoseFormatError(f"{path}: cannot read as JSON ({exc})") from exc
    except RecursionError as exc:
        raise PoseFormatError(f"{path}: JSON nested too deeply to be a pose") from exc
    except MemoryError as exc:
        raise PoseFormatError(f"{path}: too large to load") from exc
    if isinstance(data, dict) and isinstance(data.get("poses"), list):
        if not data["poses"]:
            raise PoseFormatError(f'{path}: "poses" is empty: nothing to pose')
        if len(data["poses"]) > MAX_POSE_FRAMES:
            raise PoseFormatError(f'{path}: {len(data["poses"]):,} poses; at most '
                                  f"{MAX_POSE_FRAMES:,} are read (split the sequence)")
        return [SmplPose.from_dict(p) for p in data["poses"]]
    return [SmplPose.from_dict(data)]


def _json_int(digits: str) -> int:
    if len(digits) > 40:  # int() of thousands of digits is slow, then refused by Python
        raise ValueError(f"a number of {len(digits):,} digits is no pose value")
    return int(digits)


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
