"""The embedded default model behind the worker's interface: text, edits, pictures, words."""
from __future__ import annotations

import numpy as np
import pytest

from conftest import REPO_ROOT, default_model_missing
from core.describe import fact_phrases
from core.pose import SmplPose
from core.pose_edit import named_joints
from core.retarget import mirror_rotations

pytestmark = pytest.mark.skipif(bool(default_model_missing()),
                                reason=default_model_missing() or "ok")
PHOTO = REPO_ROOT / "tools" / "samples" / "astronaut.jpg"


@pytest.fixture(scope="module")
def model():
    from posegpt_blender.models.default import DefaultModel

    return DefaultModel.load("cpu")


def test_text_gives_a_pose_and_says_what_it_shows(model) -> None:
    result = model.pose_from_text("squatting, both hands in front of the body")
    pose = result.poses[0]
    assert len(result.poses) == 1 and np.isfinite(pose.rotations()).all()
    assert result.text.startswith("Here is the pose: ")
    assert "squatting" in fact_phrases(pose)


def test_history_adds_earlier_words(model) -> None:
    history = [{"role": "user", "text": "kneeling on the right knee"},
               {"role": "assistant", "text": "Here is the pose: ..."}]
    pose = model.pose_from_text("left hand on the hip", history=history).poses[0]
    assert "kneeling on the right knee" in fact_phrases(pose)


def test_edit_changes_only_the_named_part(model) -> None:
    start = model.pose_from_text("kneeling on both knees, arms down").poses[0]
    start.transl = np.array([0.1, 0.2, 0.3])
    result = model.pose_from_text("raise the left arm", pose=start)
    edited = result.poses[0]
    changed = np.flatnonzero(np.abs(edited.rotations() - start.rotations()).max(1) > 1e-9)
    assert set(changed) <= named_joints("left arm") and len(changed) > 0
    assert np.array_equal(edited.transl, start.transl)
    assert "left arm raised" in fact_phrases(edited) or \
        "left hand above the head" in fact_phrases(edited)
    assert result.text.startswith("Edited: ")


def test_mirror_reflects_the_current_pose(model) -> None:
    start = model.pose_from_text("kneeling on the right knee").poses[0]
    mirrored = model.pose_from_text("mirror it", pose=start).poses[0]
    assert np.allclose(mirrored.rotations(), mirror_rotations(start.rotations()))
    assert "kneeling on the left knee" in fact_phrases(mirrored)


def test_edit_naming_no_part_replaces_the_pose_and_says_so(model) -> None:
    start = SmplPose()
    result = model.pose_from_text("a deep squat", pose=start)
    assert result.notes and "whole pose" in result.notes[0]


def test_photo_gives_a_pose(model) -> None:
    from PIL import Image

    image = np.asarray(Image.open(PHOTO).convert("RGB"))
    result = model.pose_from_image(image)
    assert np.isfinite(result.poses[0].rotations()).all()
    assert result.text.startswith("Here is the pose: ")


def test_describe_is_the_captioner(model) -> None:
    from core.describe import describe

    pose = SmplPose()
    assert model.describe(pose) == describe(pose)
