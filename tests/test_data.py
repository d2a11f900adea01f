"""Pose data: CMU retargeting, the pose sampler's limits, and the text-pose data set."""
import re

import numpy as np
import pytest

from core.ik import heading, solve_rotations
from core.pose import forward_kinematics
from core.skeleton import JOINT_INDEX as J
from core.skeleton import PARENTS
from posegpt_blender.data import cmu
from posegpt_blender.data.dataset import build_dataset
from posegpt_blender.data.figure import mirror_sample, sample_template, within_limits
from posegpt_blender.data.sampler import TEMPLATES

CMU_ROOT = cmu.default_cmu_root()
needs_cmu = pytest.mark.skipif(not (CMU_ROOT / "skeleton.json").is_file(),
                               reason=f"CMU data not found at {CMU_ROOT} (../shared absent)")
# Bones the CMU chain sets (the pelvis->hip and chest->collar links are the project's own).
LIMB_BONES = [J[n] for n in ("left_knee", "right_knee", "left_ankle", "right_ankle",
                             "left_foot", "right_foot", "spine2", "spine3", "neck", "head",
                             "left_shoulder", "right_shoulder", "left_elbow", "right_elbow",
                             "left_wrist", "right_wrist", "left_hand", "right_hand")]


@pytest.fixture(scope="module")
def cmu_frames():
    skeleton = cmu.load_skeleton(CMU_ROOT)
    motions = cmu.list_motions(CMU_ROOT)
    picked = [m for m in motions if m.name in ("walking_1", "jumping_2", "basketball_1",
                                               "directing_traffic_1", "soccer_1")]
    frames = np.concatenate([cmu.read_frames(m.path)[::60] for m in picked])
    return skeleton, frames


@needs_cmu
def test_cmu_retarget_matches_bone_directions(cmu_frames):
    skeleton, frames = cmu_frames
    targets = cmu.smpl_targets(*cmu.cmu_fk(frames, skeleton), skeleton)
    joints = forward_kinematics(solve_rotations(targets))[0]
    for child in LIMB_BONES:
        parent = PARENTS[child]
        u, v = targets[:, child] - targets[:, parent], joints[:, child] - joints[:, parent]
        cos = np.sum(u * v, -1) / (np.linalg.norm(u, axis=-1) * np.linalg.norm(v, axis=-1))
        assert np.degrees(np.arccos(np.clip(cos, -1, 1))).max() < 1.0, child


@needs_cmu
def test_cmu_bones_keep_their_length(cmu_frames):
    skeleton, frames = cmu_frames
    positions = cmu.cmu_fk(frames, skeleton)[0]
    child = np.arange(1, len(skeleton.parents))
    parent = list(skeleton.parents[1:])
    lengths = np.linalg.norm(positions[:, child] - positions[:, parent], axis=-1)
    assert lengths.std(axis=0).max() < 1e-6


@needs_cmu
def test_cmu_left_is_the_anatomical_left(cmu_frames):
    # A real (unmirrored) body has its left side along up x forward; forward from the toes.
    skeleton, frames = cmu_frames
    targets = cmu.smpl_targets(*cmu.cmu_fk(frames, skeleton), skeleton)
    up = targets[:, J["neck"]] - targets[:, J["pelvis"]]
    forward = sum(targets[:, J[f"{s}_foot"]] - targets[:, J[f"{s}_ankle"]]
                  for s in ("left", "right"))
    left = targets[:, J["left_hip"]] - targets[:, J["right_hip"]]
    assert np.mean(np.sum(np.cross(up, forward) * left, -1) > 0) > 0.95
    # After retargeting the body faces +Z with its left hip on +X.
    joints = forward_kinematics(cmu.retarget(frames, skeleton))[0]
    assert np.all(joints[:, J["left_hip"], 0] > joints[:, J["right_hip"], 0])
    toes = joints[:, J["left_foot"]] - joints[:, J["left_ankle"]]
    assert np.mean(toes[:, 2] > 0) > 0.9


@needs_cmu
def test_cmu_heading_is_removed(cmu_frames):
    skeleton, frames = cmu_frames
    rotvecs = cmu.retarget(frames, skeleton)
    np.testing.assert_allclose(heading(rotvecs[:, 0]), 0.0, atol=1e-6)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.name)
def test_sampler_poses_stay_within_joint_limits(template):
    rng = np.random.default_rng(3)
    for _ in range(3):
        pose = sample_template(template, rng)
        assert pose.rotvecs.shape == (24, 3) and pose.phrases
        assert within_limits(pose.rotvecs.astype(np.float64))
        twin = mirror_sample(pose, template)
        assert within_limits(twin.rotvecs.astype(np.float64))
        # The twin's words name the other side.
        if "{lead}" in " ".join(template.phrases):
            assert twin.phrases != pose.phrases


def test_every_activity_and_posture_template_draws_a_pose():
    """The lexicon's and the postures' templates, drawn as requests draw them: each finds a
    pose within the joint limits (a template rejecting nearly every draw would fail a request)."""
    from posegpt_blender.data.activities import ACTIVITIES
    from posegpt_blender.data.postures import NEW_TEMPLATES
    from posegpt_blender.understanding.compose import DRAW_TRIES

    for template in (*ACTIVITIES, *NEW_TEMPLATES):
        for seed in range(2):
            pose = sample_template(template, np.random.default_rng(seed), DRAW_TRIES)
            assert within_limits(pose.rotvecs.astype(np.float64)), template.name


def test_within_limits_refuses_a_backward_knee():
    rotvecs = np.zeros((24, 3))
    rotvecs[J["left_knee"], 0] = -0.8
    assert not within_limits(rotvecs)


def _motion(source: str) -> str:
    """The motion or sampler group a pose comes from (the source without its frame)."""
    return re.sub(r":\d+$", "", source)


def test_small_dataset_shape_and_split():
    data = build_dataset(size="small")
    n = len(data.source)
    assert data.rotvecs.shape == (n, 24, 3) and data.rotvecs.dtype == np.float32
    assert data.split.dtype == np.dtype("<U5") and set(data.split) == {"train", "test"}
    assert all(len(c) >= 3 and all(isinstance(s, str) and s for s in c) for c in data.captions)
    train = {_motion(s) for s, k in zip(data.source, data.split) if k == "train"}
    test = {_motion(s) for s, k in zip(data.source, data.split) if k == "test"}
    assert not train & test
    assert any(s.startswith("sampler:") for s in data.source)
    np.testing.assert_allclose(heading(data.rotvecs[:, 0].astype(np.float64)), 0.0, atol=1e-4)


@needs_cmu
def test_cmu_test_split_is_the_test_folder():
    data = build_dataset(size="small")
    cmu_rows = [(s, k) for s, k in zip(data.source, data.split) if s.startswith("cmu:")]
    assert cmu_rows
    test_files = {m.key for m in cmu.list_motions(CMU_ROOT) if m.split == "test"}
    for source, split in cmu_rows:
        assert (source.split(":")[1] in test_files) == (split == "test")


def test_without_cmu_the_sampler_alone_builds(tmp_path):
    with pytest.warns(UserWarning, match="sampler alone"):
        data = build_dataset(cmu_root=tmp_path, size="small")
    assert data.source and all(s.startswith("sampler:") for s in data.source)


def test_a_phrase_naming_no_side_means_the_right_side_leads():
    """Only the right-leading draw says "saluting": taught both sides, the model would answer
    their average, a salute with neither hand up."""
    salute = next(t for t in TEMPLATES if t.name == "salute")
    right = sample_template(salute, np.random.default_rng(0))
    left = mirror_sample(right, salute)
    assert set(right.phrases) == {"a military salute with the right hand", "saluting"}
    assert left.phrases == ("a military salute with the left hand",)
    run = next(t for t in TEMPLATES if t.name == "run")
    assert mirror_sample(sample_template(run, np.random.default_rng(0)), run).phrases == ()


@needs_cmu
def test_only_the_right_foots_strides_are_called_walking():
    data = build_dataset(size="small", cmu_root=CMU_ROOT)
    walking = [i for i, s in enumerate(data.source) if s.startswith("cmu:walking")]
    named = {i for i in walking if "walk" in data.captions[i][0]}
    assert walking and named and len(named) < len(walking)
    for i in walking:
        joints = forward_kinematics(data.rotvecs[i].astype(np.float64))[0]
        assert (i in named) == (joints[J["right_ankle"], 2] > joints[J["left_ankle"], 2])
