"""PoseScript's release read as training data: files in its published layout (captions keyed
by pose id, ids -> AMASS frames) over synthetic AMASS sequences (AMASS is licensed: not here)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from core.ik import remove_heading
from core.pose import Z_UP_TO_Y_UP
from core.rotations import axis_angle_to_matrix, matrix_to_axis_angle
from posegpt_blender.training.datasets import CaptionedPoses, load_mixture


@pytest.fixture()
def release(tmp_path: Path) -> dict:
    """Two AMASS sequences (Z-up, SMPL+H 156 values a frame, any heading) and PoseScript files
    naming 4 of their frames; returns the poses expected in SMPL's frame, heading removed."""
    rng = np.random.default_rng(2)
    truth = remove_heading(rng.normal(scale=0.4, size=(4, 24, 3)))
    truth[:, 22:] = 0.0  # SMPL+H keeps hands apart: they come back as zero rotations
    placed = {}
    for k, (sequence, frame) in enumerate([("CMU/01/01_01_poses.npz", 3),
                                           ("CMU/01/01_01_poses.npz", 0),
                                           ("BMLrub/x/y_poses.npz", 5),
                                           ("BMLrub/x/y_poses.npz", 1)]):
        placed.setdefault(sequence, {})[frame] = k
    for sequence, frames in placed.items():
        poses = rng.normal(size=(6, 156))
        for frame, k in frames.items():
            yaw = np.array([0.0, rng.uniform(-np.pi, np.pi), 0.0])
            root = axis_angle_to_matrix(yaw) @ axis_angle_to_matrix(truth[k, 0])
            poses[frame, :3] = matrix_to_axis_angle(Z_UP_TO_Y_UP.T @ root)  # as AMASS has it
            poses[frame, 3:66] = truth[k, 1:22].ravel()
        path = tmp_path / "AMASS" / sequence
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez(path, poses=poses, trans=np.zeros((6, 3)), betas=np.zeros(16))
    ids = {str(100 + k): ["AMASS", sequence, frame]
           for sequence, frames in placed.items() for frame, k in frames.items()}
    (tmp_path / "ids.json").write_text(json.dumps(ids))
    (tmp_path / "human.json").write_text(json.dumps({"100": "Kneel on the left knee.",
                                                     "102": ["Arms up.", "Both arms raised."]}))
    (tmp_path / "auto.json").write_text(json.dumps({"100": ["The left knee touches the floor."],
                                                    "101": ["Squatting low."],
                                                    "103": ["Leaning back."]}))
    (tmp_path / "train.json").write_text(json.dumps([100, 102, 103]))
    return {"root": tmp_path, "truth": truth}


def _entry(**extra) -> dict:
    return {"kind": "posescript", "captions": ["human.json", "auto.json"], "ids": "ids.json",
            "amass": "AMASS", **extra}


def test_poses_and_captions_come_out_in_smpls_frame(release: dict) -> None:
    source = CaptionedPoses.posescript(_entry(), release["root"])
    assert source.captions == [["Kneel on the left knee.", "The left knee touches the floor."],
                               ["Arms up.", "Both arms raised."], ["Squatting low."],
                               ["Leaning back."]]
    order = [0, 2, 1, 3]  # ids 100, 102, 101, 103 in caption-file order
    np.testing.assert_allclose(source.rotvecs, release["truth"][order], atol=1e-9)


def test_the_split_file_picks_the_ids(release: dict) -> None:
    source = CaptionedPoses.posescript(_entry(split="train.json"), release["root"])
    assert [c[0] for c in source.captions] == ["Kneel on the left knee.", "Arms up.",
                                               "Leaning back."]
    turns = next(iter(load_mixture([_entry(split="train.json")], release["root"], seed=0)))
    assert [t.role for t in turns] == ["user", "assistant"]


def test_a_missing_sequence_names_the_folder(release: dict) -> None:
    (release["root"] / "AMASS" / "BMLrub" / "x" / "y_poses.npz").unlink()
    with pytest.raises(FileNotFoundError, match="y_poses.npz is missing"):
        CaptionedPoses.posescript(_entry(), release["root"])
    with pytest.raises(ValueError, match="needs \\['amass'\\]"):
        CaptionedPoses.posescript({"captions": [], "ids": "ids.json"}, release["root"])
