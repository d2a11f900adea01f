"""The user's SMPL/SMPL-X model file on the worker side: answers' joints (serve, pose), the
evaluation's errors and the benchmark's rendered ground truth are that body's (smplx's
skinning). Synthetic files in the real formats: the licensed ones cannot be here."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from conftest import REPO_ROOT, default_model_missing, start_worker
from core.pose import SmplPose, forward_kinematics
from core.skeleton import parent_offsets
from posegpt_blender.body.body_joints import BodyJoints
from posegpt_blender.evaluation.text_metrics import pose_errors
from smpl_files import smpl_arrays, smplx_arrays, write

PROMPT = "kneeling on the right knee, left hand on the hip"


@pytest.fixture(scope="module")
def smpl_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A body 1.2 times the project skeleton's size: its joints differ from the skeleton's."""
    return write(tmp_path_factory.mktemp("smpl") / "SMPL_NEUTRAL.npz", smpl_arrays(scale=1.2))


def _numpy_joints(arrays: dict, pose: SmplPose) -> np.ndarray:
    """SMPL's joints in numpy: the shaped template's regressed joints, posed along the tree."""
    shaped = arrays["v_template"] + arrays["shapedirs"][:, :, :10] @ pose.betas
    rest = (arrays["J_regressor"] @ shaped)[:24]
    return forward_kinematics(pose.rotations(), parent_offsets(rest - rest[0]))[0]


def _poses(count: int, seed: int = 0) -> list[SmplPose]:
    rng = np.random.default_rng(seed)
    poses = []
    for _ in range(count):
        pose = SmplPose.from_rotations(rng.normal(scale=0.5, size=(24, 3)))
        pose.betas = rng.normal(size=10)
        poses.append(pose)
    return poses


@pytest.mark.parametrize("arrays", [smpl_arrays(scale=1.2), smplx_arrays()],
                         ids=["smpl", "smplx"])
def test_body_joints_are_the_model_files_joints(arrays: dict, tmp_path: Path) -> None:
    body = BodyJoints(write(tmp_path / "model.npz", arrays))
    poses = _poses(4)
    got = body(np.stack([p.rotations() for p in poses]), np.stack([p.betas for p in poses]))
    if len(arrays["kintree_table"][0]) == 24:
        for pose, joints in zip(poses, got):
            np.testing.assert_allclose(joints, _numpy_joints(arrays, pose), atol=1e-5)
    assert got.shape == (4, 24, 3) and np.allclose(got[:, 0], 0.0)
    skeleton = BodyJoints()
    assert skeleton.name == "skeleton" and body.name == "model.npz"
    np.testing.assert_allclose(skeleton(np.stack([p.rotations() for p in poses])),
                               np.stack([p.joints() for p in poses]))


def test_errors_are_measured_on_the_given_body(smpl_file: Path) -> None:
    poses = np.stack([p.rotations() for p in _poses(6)])
    truth = np.stack([p.rotations() for p in _poses(6, seed=1)])
    on_skeleton = pose_errors(poses, truth)
    on_body = pose_errors(poses, truth, BodyJoints(smpl_file))
    # A body 1.2 times as large moves its joints 1.2 times as far (the cubes' shape offsets
    # play no part at zero betas).
    assert on_body["mpjpe_mm"] == pytest.approx(1.2 * on_skeleton["mpjpe_mm"], rel=1e-4)
    assert on_body["pa_mpjpe_mm"] == pytest.approx(1.2 * on_skeleton["pa_mpjpe_mm"], rel=1e-4)


def test_the_worker_answers_with_the_model_files_joints(smpl_file: Path) -> None:
    reason = default_model_missing()
    if reason:
        pytest.skip(f"needs the trained default model: {reason}")
    worker = start_worker("--model", "default", "--device", "cpu", "--smpl-model", str(smpl_file))
    try:
        health = worker.wait_loaded()
        assert health["ready"] and health["body"] == "SMPL_NEUTRAL.npz", health
        answer = worker.client().pose(PROMPT)
    finally:
        worker.stop()
    pose = SmplPose.from_dict(answer)
    want = _numpy_joints(np.load(smpl_file), pose)
    np.testing.assert_allclose(answer["joints"], want, atol=1e-5)
    assert np.abs(want - pose.joints()).max() > 0.05  # not the project skeleton's


def test_pose_command_prints_the_model_files_joints(smpl_file: Path) -> None:
    reason = default_model_missing()
    if reason:
        pytest.skip(f"needs the trained default model: {reason}")
    done = subprocess.run([sys.executable, "-m", "posegpt_blender", "pose", "--text", PROMPT,
                           "--device", "cpu", "--smpl-model", str(smpl_file)], cwd=REPO_ROOT,
                          env=dict(os.environ, PYTHONPATH=str(REPO_ROOT)), capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    answer = json.loads(done.stdout)
    np.testing.assert_allclose(answer["joints"], _numpy_joints(
        np.load(smpl_file), SmplPose.from_dict(answer)), atol=1e-5)


@pytest.mark.parametrize("command", ["serve", "pose", "bench"])
def test_an_unusable_model_file_is_refused_at_once(command: str, tmp_path: Path) -> None:
    bad = tmp_path / "SMPL_NEUTRAL.pkl"
    bad.write_bytes(b"\x80\x04not an npz")
    extra = ["--text", "a pose"] if command == "pose" else \
        ["--out", str(tmp_path / "bench")] if command == "bench" else []
    done = subprocess.run([sys.executable, "-m", "posegpt_blender", command, *extra,
                           "--smpl-model", str(bad)], cwd=REPO_ROOT,
                          env=dict(os.environ, PYTHONPATH=str(REPO_ROOT)), capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2, done.stderr[-2000:]
    assert "--smpl-model" in done.stderr and "SMPL_NEUTRAL.pkl" in done.stderr
    assert "Traceback" not in done.stderr


def test_bench_renders_carry_the_model_files_joints(smpl_file: Path, tmp_path: Path) -> None:
    """The benchmark's image ground truth, read off the add-on's rig built from the file."""
    from posegpt_blender.headless import build_extension, render_poses

    poses = _poses(2)
    for pose in poses:
        pose.betas[:] = 0.0  # the rig's bones sit at the template's joints
    rotvecs = np.stack([p.rotations() for p in poses])
    items = render_poses(build_extension(tmp_path / "dist"), rotvecs, [(0, 0)], 64,
                         tmp_path / "out", str(smpl_file))
    want = BodyJoints(smpl_file)(rotvecs)
    # Seen from the front (azimuth 0, elevation 0) the camera frame is SMPL's own.
    for item in items:
        np.testing.assert_allclose(item["joints_cam"], want[item["pose"]], atol=1e-4)
        assert Path(item["path"]).stat().st_size > 0
