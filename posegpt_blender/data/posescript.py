"""PoseScript (Delmas et al., ECCV 2022) as released, read for training: caption files keyed by
pose id, the id -> ["AMASS", sequence file, frame] map, an optional split file of ids, and the
poses themselves from the user's AMASS .npz files (licensed separately; never shipped).

Poses come out as core.pose reads AMASS (SMPL's +Y-up frame, SMPL-H's hands as zero
rotations), then face +Z as the project's own data do (PoseScript likewise drops the heading).
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from core.ik import remove_heading
from core.pose import poses_from_arrays
from core.skeleton import NUM_JOINTS


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
    rotvecs = np.zeros((len(keep), NUM_JOINTS, 3))
    for sequence, wanted_frames in frames.items():
        path = Path(amass) / sequence
        if not path.is_file():
            raise FileNotFoundError(f"AMASS sequence {path} is missing: \"amass\" must be the "
                                    "folder PoseScript's sequence paths start from")
        rows, picked = zip(*wanted_frames)
        with np.load(path, allow_pickle=False) as npz:
            poses = poses_from_arrays({"poses": npz["poses"][list(picked)]}, str(path))
        rotvecs[list(rows)] = [p.rotations() for p in poses]
    return remove_heading(rotvecs), [texts[i] for i in keep]
