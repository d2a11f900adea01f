"""Which body parts an edit request names."""
from __future__ import annotations

import numpy as np
import pytest

from core.pose_edit import is_mirror_request, merge_parts, named_joints
from core.skeleton import JOINT_INDEX

LEFT_ARM = {JOINT_INDEX[f"left_{n}"] for n in ("collar", "shoulder", "elbow", "wrist", "hand")}
RIGHT_ARM = {JOINT_INDEX[f"right_{n}"] for n in ("collar", "shoulder", "elbow", "wrist", "hand")}
LEFT_LEG = {JOINT_INDEX[f"left_{n}"] for n in ("hip", "knee", "ankle", "foot")}
RIGHT_LEG = {JOINT_INDEX[f"right_{n}"] for n in ("hip", "knee", "ankle", "foot")}


@pytest.mark.parametrize("text, joints", [
    ("raise the left arm more", LEFT_ARM),
    ("Bend the RIGHT elbow", RIGHT_ARM),
    ("the left upper arm raised forward", LEFT_ARM),
    ("hands on the hips", LEFT_ARM | RIGHT_ARM),
    ("bend both knees", LEFT_LEG | RIGHT_LEG),
    ("lift the right foot, left hand up", RIGHT_LEG | LEFT_ARM),
    ("lean forward", {JOINT_INDEX[n] for n in ("spine1", "spine2", "spine3")}),
    ("look up", {JOINT_INDEX["neck"], JOINT_INDEX["head"]}),
    ("a person running", set()),
])
def test_named_joints(text: str, joints: set[int]) -> None:
    assert named_joints(text) == joints


@pytest.mark.parametrize("text, mirror", [
    ("mirror it", True), ("Flip the pose", True), ("same on the other side", True),
    ("raise the left arm", False), ("a mirror dance", True),
])
def test_mirror_requests(text: str, mirror: bool) -> None:
    assert is_mirror_request(text) is mirror


def test_merge_parts_takes_only_the_named_joints() -> None:
    current, generated = np.zeros((24, 3)), np.ones((24, 3))
    merged = merge_parts(current, generated, LEFT_ARM)
    assert np.array_equal(merged[sorted(LEFT_ARM)], np.ones((5, 3)))
    rest = sorted(set(range(24)) - LEFT_ARM)
    assert np.array_equal(merged[rest], np.zeros((19, 3)))
    assert not current.any()  # the input is left alone
