"""CMU motion capture (exponential-map release) retargeted onto the project's SMPL skeleton.

Reading follows skeleton.json's convention note: with row vectors, a child's position is
offset . R_parent + parent position and R_child = R_local . R_parent. The raw frame is already
SMPL's (+Y up, toes along +Z, the "l" joints on +X); the source's y/z column swap is for its
plots only and would mirror the body, so it is not applied.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.ik import remove_heading, solve_rotations
from core.rotations import axis_angle_to_matrix
from core.skeleton import JOINT_INDEX, NUM_JOINTS, rest_offsets, rest_positions

NUM_CMU_JOINTS = 38
CMU_COLUMNS = 3 + 3 * NUM_CMU_JOINTS


@dataclass(frozen=True)
class CmuSkeleton:
    """The CMU tree: parent index per joint, rest offsets (source units), joint names."""

    parents: tuple[int, ...]
    offsets: np.ndarray
    names: tuple[str, ...]

    def index(self, name: str) -> int:
        return self.names.index(name)


@dataclass(frozen=True)
class CmuMotion:
    """One motion file: its action label, file stem, split folder and path."""

    action: str
    name: str
    split: str
    path: Path

    @property
    def key(self) -> str:
        """`<action>/<split>/<name>`: train/ and test/ reuse file names (walking_1 in both)."""
        return f"{self.action}/{self.split}/{self.name}"


def default_cmu_root() -> Path:
    """`<repo>/../shared/data/cmu_expmap`."""
    return Path(__file__).resolve().parents[2].parent / "shared" / "data" / "cmu_expmap"


def load_skeleton(root: Path) -> CmuSkeleton:
    """Parents, offsets and names from `<root>/skeleton.json`."""
    path = Path(root) / "skeleton.json"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: CMU skeleton description not found")
    data = json.loads(path.read_text(encoding="utf-8"))
    offsets = np.asarray(data["offsets_x70"], dtype=np.float64)
    parents = tuple(int(p) for p in data["parents"])
    if offsets.shape != (NUM_CMU_JOINTS, 3) or len(parents) != NUM_CMU_JOINTS:
        raise ValueError(f"{path}: expected {NUM_CMU_JOINTS} joints, got {offsets.shape}")
    return CmuSkeleton(parents, offsets, tuple(data["names_inferred"]))


def list_motions(root: Path) -> list[CmuMotion]:
    """Every `<root>/cmu_mocap/<split>/<action>/<name>.txt`, sorted."""
    motions = []
    for path in sorted((Path(root) / "cmu_mocap").glob("*/*/*.txt")):
        motions.append(CmuMotion(action=path.parent.name, name=path.stem,
                                 split=path.parent.parent.name, path=path))
    return motions


def read_frames(path: Path) -> np.ndarray:
    """(F, 117) rows: root position then 38 exponential maps."""
    frames = np.loadtxt(path, delimiter=",", dtype=np.float64, ndmin=2)
    if frames.shape[1] != CMU_COLUMNS or not np.all(np.isfinite(frames)):
        raise ValueError(f"{path}: expected {CMU_COLUMNS} finite numbers a row, "
                         f"got {frames.shape[1]}")
    return frames


def cmu_fk(frames: np.ndarray, skeleton: CmuSkeleton) -> tuple[np.ndarray, np.ndarray]:
    """Joint positions (F, 38, 3) (source units, root at the origin) and global rotations
    (F, 38, 3, 3) acting on column vectors, of (F, 117) frames."""
    local = axis_angle_to_matrix(frames[:, 3:].reshape(-1, NUM_CMU_JOINTS, 3))
    glob = np.empty_like(local)
    pos = np.zeros(local.shape[:2] + (3,))
    for j, p in enumerate(skeleton.parents):
        if p < 0:
            glob[:, j] = local[:, j]
            continue
        # Row-vector convention of the source: x' = x . R.
        pos[:, j] = skeleton.offsets[j] @ glob[:, p] + pos[:, p]
        glob[:, j] = local[:, j] @ glob[:, p]
    return pos, np.swapaxes(glob, -1, -2)


# Where SMPL's spine joints sit along the CMU spine (root -> upperback -> thorax -> upperneck),
# as fractions of its length; from the project's rest skeleton (spine1..3 over the neck height).
_SPINE_FRACTIONS = {"spine1": 0.11 / 0.51, "spine2": 0.24 / 0.51, "spine3": 0.30 / 0.51}
_REST = rest_positions()
_DIRECT = {
    "pelvis": "root", "left_hip": "lfemur", "right_hip": "rfemur",
    "left_knee": "ltibia", "right_knee": "rtibia", "left_ankle": "lfoot",
    "right_ankle": "rfoot", "left_foot": "ltoes", "right_foot": "rtoes",
    "neck": "upperneck", "left_shoulder": "lhumerus",
    "right_shoulder": "rhumerus", "left_elbow": "lradius", "right_elbow": "rradius",
    "left_wrist": "lwrist", "right_wrist": "rwrist", "left_hand": "lfingers",
    "right_hand": "rfingers",
}


def smpl_targets(cmu: np.ndarray, rot: np.ndarray, skeleton: CmuSkeleton,
                 neutral_head: np.ndarray | None = None) -> np.ndarray:
    """(F, 24, 3) SMPL joint targets (metres, pelvis at the origin) from CMU positions and
    global rotations (cmu_fk). neutral_head: the CMU head's rotation in the thorax's frame
    that counts as looking straight ahead (see neutral_head); identity when not given."""
    out = np.zeros(cmu.shape[:1] + (NUM_JOINTS, 3))
    for smpl, name in _DIRECT.items():
        out[:, JOINT_INDEX[smpl]] = cmu[:, skeleton.index(name)]
    spine = np.stack([cmu[:, skeleton.index(n)]
                      for n in ("root", "upperback", "thorax", "upperneck")], axis=1)
    for smpl, fraction in _SPINE_FRACTIONS.items():
        out[:, JOINT_INDEX[smpl]] = _along(spine, fraction)
    # The collars are rigid with the chest: placed by the CMU thorax's rotation, so the chest
    # frame is CMU's and the clavicles' motion goes to the collar->shoulder bones.
    scale = _metres_per_unit(skeleton)
    thorax, thorax_rot = cmu[:, skeleton.index("thorax")], rot[:, skeleton.index("thorax")]
    for side in ("left", "right"):
        offset = (_REST[JOINT_INDEX[f"{side}_collar"]] - _REST[JOINT_INDEX["spine3"]]) / scale
        out[:, JOINT_INDEX[f"{side}_collar"]] = thorax + thorax_rot @ offset
    # The two necks differ at rest (the project's head sits 29 degrees forward of its neck,
    # CMU's 2 degrees back), so the head follows the CMU skull's rotation, not its position,
    # taken relative to the chest and to the subjects' neutral head.
    head_offset = rest_offsets()[JOINT_INDEX["head"]] / scale
    relative = np.swapaxes(thorax_rot, -1, -2) @ rot[:, skeleton.index("head")]
    if neutral_head is not None:
        relative = relative @ neutral_head.T
    out[:, JOINT_INDEX["head"]] = out[:, JOINT_INDEX["neck"]] + \
        thorax_rot @ relative @ head_offset
    out -= out[:, :1]
    return out * scale


def _along(polyline: np.ndarray, fraction: float) -> np.ndarray:
    """(F, 3) points at a fraction of the arc length of (F, K, 3) polylines."""
    seg = np.linalg.norm(np.diff(polyline, axis=1), axis=-1)  # (F, K-1)
    cum = np.concatenate([np.zeros((seg.shape[0], 1)), np.cumsum(seg, axis=1)], axis=1)
    goal = fraction * cum[:, -1:]
    k = np.clip(np.sum(cum[:, 1:-1] < goal, axis=1), 0, seg.shape[1] - 1)
    rows = np.arange(polyline.shape[0])
    step = (goal[:, 0] - cum[rows, k]) / np.maximum(seg[rows, k], 1e-9)
    return polyline[rows, k] + step[:, None] * (polyline[rows, k + 1] - polyline[rows, k])


def _metres_per_unit(skeleton: CmuSkeleton) -> float:
    """Scale so the CMU leg (hip -> ankle) matches the project's (0.80 m)."""
    o = skeleton.offsets
    leg = np.linalg.norm(o[skeleton.index("ltibia")]) + np.linalg.norm(o[skeleton.index("lfoot")])
    return 0.80 / leg


def neutral_head(root: Path, skeleton: CmuSkeleton) -> np.ndarray:
    """The CMU head's mean rotation in the thorax's frame over the train walking motions.

    The capture's skull frame sits tilted (about 16 degrees down and 8 to the right of the
    chest in walking); taking the walking mean as "straight ahead" removes that bias.
    """
    walks = [m for m in list_motions(root) if m.action == "walking" and m.split == "train"]
    if not walks:
        raise FileNotFoundError(f"{root}: no train walking motions to calibrate the head on")
    frames = np.concatenate([read_frames(m.path)[::10] for m in walks])
    rot = cmu_fk(frames, skeleton)[1]
    relative = np.swapaxes(rot[:, skeleton.index("thorax")], -1, -2) @ \
        rot[:, skeleton.index("head")]
    u, _, vt = np.linalg.svd(relative.mean(axis=0))  # nearest rotation to the mean
    return u @ np.diag([1.0, 1.0, np.linalg.det(u @ vt)]) @ vt


def retarget(frames: np.ndarray, skeleton: CmuSkeleton,
             neutral: np.ndarray | None = None) -> np.ndarray:
    """(F, 117) CMU frames -> (F, 24, 3) SMPL axis-angle, heading removed; neutral is
    neutral_head's calibration (identity when not given)."""
    targets = smpl_targets(*cmu_fk(frames, skeleton), skeleton, neutral)
    return remove_heading(solve_rotations(targets))
