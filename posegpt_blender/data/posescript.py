"""PoseScript (Delmas et al., ECCV 2022) as released, read for training: caption files keyed by
pose id, the id -> ["AMASS", sequence file, frame] map, an optional split file of ids, and the
poses themselves from the user's AMASS .npz files (licensed separately; never shipped).

AMASS is Z-up; poses come out in SMPL's frame (+Y up) facing +Z, as the project's own data
(PoseScript likewise drops the heading), SMPL-H's hand joints as zero rotations.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from core.ik import remove_heading
from core.rotations import axis_angle_to_matrix, matrix_to_axis_angle
from core.skeleton import NUM_JOINTS

Z_UP_TO_Y_UP = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.0, -1.0, 0.0]])
BODY_VALUES = 66  # global orientation + 21 body joints; SMPL's hand joints 22-23 stay zero


def _json(path: Path) -> object:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: cannot read PoseScript JSON ({exc})") from exc


def load_posescript(captions: list[Path], ids: Path, amass: Path, split: Path | None = None
                    ) -> tuple[np.ndarray, list[list[str]]]:
    """(N, 24, 3) axis-angle poses and their captions (every caption file's, per pose), for
    the ids of split (default: every captioned id)."""
    texts: dict[str, list[str]] = {}
    for path in captions:
        data = _json(path)
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected {{pose id: caption or [captions]}}")
        for key, value in data.items():
            texts.setdefault(str(key), []).extend(value if isinstance(value, list) else [value])
    info = _json(ids)
    wanted = [str(i) for i in _json(split)] if split else list(texts)
    keep = [i for i in wanted if texts.get(i)]
    if not keep:
        raise ValueError(f"no captioned PoseScript pose among the ids of {split or captions}")
    frames: dict[str, list[tuple[int, int]]] = {}  # sequence file -> (row, frame)
    for row, pose_id in enumerate(keep):
        entry = info.get(pose_id) if isinstance(info, dict) else None
        if not (isinstance(entry, list) and len(entry) == 3 and entry[0] == "AMASS"):
            raise ValueError(f"{ids}: pose id {pose_id} has no [\"AMASS\", file, frame] entry")
        frames.setdefault(entry[1], []).append((row, int(entry[2])))
    raw = np.zeros((len(keep), NUM_JOINTS * 3))
    for sequence, wanted_frames in frames.items():
        path = Path(amass) / sequence
        if not path.is_file():
            raise FileNotFoundError(f"AMASS sequence {path} is missing: \"amass\" must be the "
                                    "folder PoseScript's sequence paths start from")
        with np.load(path, allow_pickle=False) as npz:
            poses = npz["poses"]
        for row, frame in wanted_frames:
            raw[row, :BODY_VALUES] = poses[frame, :BODY_VALUES]
    rotvecs = raw.reshape(-1, NUM_JOINTS, 3)
    rotvecs[:, 0] = matrix_to_axis_angle(Z_UP_TO_Y_UP @ axis_angle_to_matrix(rotvecs[:, 0]))
    return remove_heading(rotvecs), [texts[i] for i in keep]
