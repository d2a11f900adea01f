"""The embedded default model behind the worker's interface: text, edits, pictures, words.
Answers are judged by their joints (posegpt_blender.evaluation.judge), never by the describer."""
from __future__ import annotations

import numpy as np
import pytest

from conftest import REPO_ROOT, default_model_missing
from core.pose import SmplPose
from core.pose_edit import named_joints
from core.retarget import mirror_rotations
from posegpt_blender.evaluation.judge import Check, judge

pytestmark = pytest.mark.skipif(bool(default_model_missing()),
                                reason=default_model_missing() or "ok")
PHOTO = REPO_ROOT / "tools" / "samples" / "astronaut.jpg"


@pytest.fixture(scope="module")
def model():
    from posegpt_blender.models.default import DefaultModel

    return DefaultModel.load("cpu")


def holds(pose: SmplPose, *checks: str) -> list[str]:
    """The checks the pose fails (empty: all hold)."""
    return judge(pose.rotations(), tuple(Check.parse(c) for c in checks)).failed


def test_text_gives_a_pose_and_says_what_it_shows(model) -> None:
    result = model.pose_from_text("squatting, both hands in front of the body")
    pose = result.poses[0]
    assert len(result.poses) == 1 and np.isfinite(pose.rotations()).all()
    assert result.text.startswith("Here is the pose: ")
    assert not holds(pose, "ground left_ankle", "ground right_ankle", "bent left_knee 110",
                     "front left_wrist pelvis 0.15", "front right_wrist pelvis 0.15")


def test_history_adds_earlier_words(model) -> None:
    history = [{"role": "user", "text": "kneeling on the right knee"},
               {"role": "assistant", "text": "Here is the pose: ..."}]
    pose = model.pose_from_text("left hand on the hip", history=history).poses[0]
    assert not holds(pose, "ground right_knee", "lifted left_knee 0.25",
                     "touch left_hand left_waist")


def test_edit_changes_only_the_named_part(model) -> None:
    start = model.pose_from_text("kneeling on both knees, arms down").poses[0]
    start.transl = np.array([0.1, 0.2, 0.3])
    result = model.pose_from_text("raise the left arm", pose=start)
    edited = result.poses[0]
    changed = np.flatnonzero(np.abs(edited.rotations() - start.rotations()).max(1) > 1e-6)
    assert set(changed) <= named_joints("left arm") and len(changed) > 0
    assert np.array_equal(edited.transl, start.transl)
    assert not holds(edited, "above left_wrist head")
    assert result.text.startswith("Edited: ")


def test_mirror_reflects_the_current_pose(model) -> None:
    start = model.pose_from_text("kneeling on the right knee").poses[0]
    mirrored = model.pose_from_text("mirror it", pose=start).poses[0]
    assert np.allclose(mirrored.rotations(), mirror_rotations(start.rotations()))
    assert not holds(mirrored, "ground left_knee", "lifted right_knee 0.25")


def test_edit_naming_no_part_replaces_the_pose_and_says_so(model) -> None:
    start = SmplPose()
    result = model.pose_from_text("a deep squat", pose=start)
    assert result.notes and "whole pose" in result.notes[0]


def test_count_gives_different_poses_that_all_keep_the_request(model) -> None:
    result = model.pose_from_text("kneel on the left knee, right hand on the head", count=4)
    assert len(result.variations) == 4 and result.poses[0] is not None
    assert np.allclose(result.variations[0].rotations(), result.poses[0].rotations())
    joints = np.stack([p.joints() for p in result.variations])
    for i in range(4):
        assert not holds(result.variations[i], "ground left_knee", "touch right_hand head_top")
        for k in range(i):
            assert np.linalg.norm(joints[i] - joints[k], axis=-1).mean() > 0.02


def test_a_fact_that_cannot_be_kept_is_said(model) -> None:
    result = model.pose_from_text("both hands on the ground, standing straight")
    failed = holds(result.poses[0], "ground left_hand", "ground right_hand", "upright")
    if failed:
        assert "Could not keep" in result.text and result.notes


def test_photo_gives_a_pose(model) -> None:
    from PIL import Image

    image = np.asarray(Image.open(PHOTO).convert("RGB"))
    result = model.pose_from_image(image)
    assert np.isfinite(result.poses[0].rotations()).all()
    assert result.text.startswith("Here is the pose: ")


def test_describe_is_the_describer(model) -> None:
    from core.describe import describe

    pose = SmplPose()
    assert model.describe(pose) == describe(pose)
