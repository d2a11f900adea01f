"""`render-data`: image->pose training pairs rendered in Blender (real bpy in a subprocess),
their poses as the camera sees them, readable as `image_pose` training data."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from conftest import REPO_ROOT
from core.pose import SmplPose, forward_kinematics, save_pose_file
from posegpt_blender.headless import build_extension, render_poses
from posegpt_blender.training.datasets import load_mixture


@pytest.fixture(scope="module")
def extension(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_extension(tmp_path_factory.mktemp("dist"))


def _poses(count: int) -> np.ndarray:
    rng = np.random.default_rng(5)
    return rng.normal(scale=0.4, size=(count, 24, 3))


def test_each_pictures_pose_is_the_pose_its_camera_sees(extension: Path, tmp_path: Path) -> None:
    rotvecs = _poses(2)
    items = render_poses(extension, rotvecs, [(0, 0), (90, 0), (-45, 20), (180, 5)], 48,
                         tmp_path / "out")
    assert len(items) == 8
    for item in items:
        seen = np.asarray(item["pose_cam"])
        np.testing.assert_allclose(forward_kinematics(seen)[0], item["joints_cam"], atol=1e-4)
        np.testing.assert_allclose(seen[1:], rotvecs[item["pose"]][1:])  # only the root turns
    front = next(i for i in items if i["azimuth"] == 0 and i["pose"] == 0)
    np.testing.assert_allclose(front["pose_cam"], rotvecs[0], atol=1e-6)


def test_render_data_writes_training_pairs(extension: Path, tmp_path: Path) -> None:
    save_pose_file(tmp_path / "poses.json", [SmplPose.from_rotations(r) for r in _poses(2)])
    out = tmp_path / "pairs"
    done = subprocess.run(
        [sys.executable, "-m", "posegpt_blender", "render-data", "--out", str(out), "--poses",
         str(tmp_path / "poses.json"), "--views", "0,5", "-45,-10", "--size", "64",
         "--extension", str(extension)], cwd=REPO_ROOT, capture_output=True, text=True,
        env=dict(os.environ, PYTHONPATH=str(REPO_ROOT)), timeout=300)
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    records = [json.loads(line) for line in (out / "image_pose.jsonl").read_text().splitlines()]
    assert len(records) == 4 and sorted(p.name for p in out.iterdir()) == sorted(
        [r["image"] for r in records] + ["image_pose.jsonl"])
    mixture = load_mixture([{"kind": "image_pose", "path": "pairs/image_pose.jsonl"}],
                           tmp_path, seed=0)
    turns = next(iter(mixture))
    assert turns[0].image.shape == (64, 64, 3) and turns[1].poses[0].shape == (24, 3)


def test_render_data_refuses_a_bad_pose_file_at_once(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text('{"smpl": {"global_orient": [0, 0]}}')
    done = subprocess.run([sys.executable, "-m", "posegpt_blender", "render-data", "--out",
                           str(tmp_path / "o"), "--poses", str(tmp_path / "bad.json")],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH=str(REPO_ROOT)))
    assert done.returncode == 2 and "error:" in done.stderr and "Traceback" not in done.stderr


def test_views_take_negative_azimuths_and_elevations() -> None:
    from posegpt_blender.data.renders import parse_args

    args = parse_args(["--out", "o", "--views", "-45,5", "0,-10", "-90.5,-20", "--size", "64"])
    assert args.views == [(-45.0, 5.0), (0.0, -10.0), (-90.5, -20.0)] and args.size == 64
    with pytest.raises(SystemExit):
        parse_args(["--out", "o", "--views", "-45"])  # not AZIMUTH,ELEVATION: still refused


def test_the_mannequin_is_read_facing_the_way_it_faces(extension: Path, tmp_path: Path) -> None:
    """Its face tells a detector front from back: front and back views are not read mirrored."""
    from PIL import Image

    from posegpt_blender.bench.accuracy import _lateral
    from posegpt_blender.models.image_pose import ImagePoseEstimator

    estimator = ImagePoseEstimator()
    standing = estimator.prior.mean_pose()[None]
    items = render_poses(extension, standing, [(0, 5), (180, 5), (30, 10)], 256, tmp_path)
    for item in items:
        image = np.asarray(Image.open(item["path"]).convert("RGB"))
        pred = estimator.estimate(image)[0].joints()
        gt = np.asarray(item["joints_cam"])
        assert _lateral(pred) @ _lateral(gt) > 0, item["azimuth"]


def test_two_rendered_people_side_by_side_pose_the_one_asked_for(extension: Path,
                                                                  tmp_path: Path) -> None:
    """Two renders of the add-on's mannequin side by side: two people, each posed on request."""
    from PIL import Image

    from posegpt_blender.models.image_pose import ImagePoseEstimator

    estimator = ImagePoseEstimator()
    rv = np.zeros((2, 24, 3))
    rv[0, 16, 2], rv[0, 17, 2] = -1.3, 1.3  # arms down
    rv[1, 16, 2], rv[1, 17, 2] = 0.4, -1.3  # left arm raised above the shoulder
    items = render_poses(extension, rv, [(0, 5)], 256, tmp_path)
    canvas = np.concatenate([np.asarray(Image.open(i["path"]).convert("RGB")) for i in items], 1)
    truth = [np.asarray(i["joints_cam"])[:22] for i in items]
    for k in (0, 1):
        fit = estimator.estimate_detailed(canvas, person=k)
        assert len(fit.people) == 2 and fit.person == k
        errors = [np.linalg.norm(fit.joints[:22] - t, axis=-1).mean() for t in truth]
        assert errors[k] < errors[1 - k], errors


def test_a_known_facing_overrides_the_detectors_reading(extension: Path, tmp_path: Path) -> None:
    from PIL import Image

    from posegpt_blender.bench.accuracy import _lateral
    from posegpt_blender.models.image_pose import ImagePoseEstimator

    estimator = ImagePoseEstimator()
    item = render_poses(extension, estimator.prior.mean_pose()[None], [(0, 5)], 256,
                        tmp_path)[0]
    image = np.asarray(Image.open(item["path"]).convert("RGB"))
    gt = np.asarray(item["joints_cam"])
    right = estimator.estimate_detailed(image, facing="camera")
    assert _lateral(right.joints) @ _lateral(gt) > 0 and not any("turned" in n for n in
                                                                  right.notes)
    wrong = estimator.estimate_detailed(image, facing="away")  # told so: it obeys, and says so
    assert _lateral(wrong.joints) @ _lateral(gt) < 0
    assert any("face away, so the reading was turned" in n for n in wrong.notes)


def test_lifter_tuning_reads_render_data_pairs(extension: Path, tmp_path: Path) -> None:
    """pose_lift's --renders: MediaPipe's 2D on each render-data picture beside the model
    points of the pose it shows (and the mirror image of each pair)."""
    from core.skeleton import JOINT_INDEX as J
    from posegpt_blender.data.renders import render_data
    from posegpt_blender.models.pose_lift_train import render_pairs
    from posegpt_blender.models.pose_prior import PosePrior

    standing = PosePrior.load().mean_pose()[None]
    render_data(tmp_path, standing, [(45, 5), (-45, 5)], 256, extension)
    xy, points = render_pairs([tmp_path])
    assert xy.shape == (4, 19, 2) and points.shape == (4, 27, 3)
    np.testing.assert_allclose(np.square(xy).sum(-1).mean(-1), 1.0)  # normalised 2D
    assert np.allclose(points[:, 0], 0.0)  # pelvis at the origin
    for pts in points:  # standing: the head above the pelvis above the ankles
        assert pts[J["head"], 1] > 0.4 > -0.6 > pts[J["left_ankle"], 1]
    # The mirrored pair of the first picture is its reflection through x = 0, sides swapped.
    np.testing.assert_allclose(points[2, J["left_wrist"]],
                               points[0, J["right_wrist"]] * [-1.0, 1.0, 1.0], atol=1e-9)
