"""Video to keyframes: a clip rendered in Blender (render-data --sequence, real bpy) read back
by `pose --video` (OpenCV, MediaPipe's tracker, the fit): frame range, stride, smoothing,
one facing, root motion, and clear errors for bad input."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from conftest import REPO_ROOT
from core.pose import SmplPose, forward_kinematics, load_pose_file, save_pose_file
from core.skeleton import JOINT_INDEX as J
from posegpt_blender.bench.accuracy import acceleration_error
from posegpt_blender.headless import build_extension
from posegpt_blender.models.pose_detect import Landmarks, turned
from posegpt_blender.models.video_pose import (OneEuro, VideoError, VideoPoseEstimator,
                                               one_facing, read_frames)

FRAMES = 16


def _wave(frames: int) -> np.ndarray:
    """A standing body waving its left arm up and down, knees bending a little."""
    t = np.linspace(0.0, 2 * np.pi, frames)
    rv = np.zeros((frames, 24, 3))
    rv[:, J["left_shoulder"], 2] = 0.3 + 0.6 * np.sin(t)
    rv[:, J["right_shoulder"], 2] = -1.2
    rv[:, J["left_elbow"], 1] = -0.4
    for knee, hip in (("left_knee", "left_hip"), ("right_knee", "right_hip")):
        rv[:, J[knee], 0] = 0.3 + 0.2 * np.sin(t)
        rv[:, J[hip], 0] = -0.15 - 0.1 * np.sin(t)
    return rv


def _run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "posegpt_blender", *args], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=timeout,
                          env=dict(os.environ, PYTHONPATH=str(REPO_ROOT)))


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, np.ndarray]:
    """The wave rendered from the front at 256 px as clip_az+000_el+05.mp4, and its joints."""
    tmp = tmp_path_factory.mktemp("clip")
    save_pose_file(tmp / "wave.npz", [SmplPose.from_rotations(r) for r in _wave(FRAMES)])
    done = _run("render-data", "--out", str(tmp / "out"), "--poses", str(tmp / "wave.npz"),
                "--sequence", "--count", str(FRAMES), "--views", "0,5", "--size", "256",
                "--extension", str(build_extension(tmp / "dist")))
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    rows = [json.loads(line) for line in (tmp / "out" / "image_pose.jsonl").read_text()
            .splitlines()]
    joints = np.array([r["joints"] for r in sorted(rows, key=lambda r: r["frame"])])
    return tmp / "out" / "clip_az+000_el+05.mp4", joints


def test_pose_video_cli_writes_one_smoothed_pose_a_frame(clip, tmp_path: Path) -> None:
    path, truth = clip
    done = _run("pose", "--video", str(path), "--out", str(tmp_path / "seq.npz"))
    assert done.returncode == 0, done.stderr[-3000:]
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["frames"] == FRAMES and summary["frames_without_person"] == 0
    poses = load_pose_file(tmp_path / "seq.npz")
    assert len(poses) == FRAMES
    pred = forward_kinematics(np.stack([p.rotations() for p in poses]))[0]
    # The waving arm is read as the left one, going up and down with the truth.
    wrist = J["left_wrist"]
    assert np.corrcoef(pred[:, wrist, 1], truth[:, wrist, 1])[0, 1] > 0.8
    assert np.isfinite(np.stack([p.transl for p in poses])).all()


def test_smoothing_lowers_jitter_without_losing_the_pose(clip) -> None:
    path, truth = clip
    result = VideoPoseEstimator().estimate(path, keep_raw=True)
    gt = truth[:, :22]
    errors = {}
    for key, poses in (("smoothed", result.poses), ("raw", result.raw)):
        pred = forward_kinematics(np.stack([p.rotations() for p in poses]))[0][:, :22]
        errors[key] = (np.linalg.norm(pred - gt, axis=-1).mean(), acceleration_error(pred, gt))
    assert errors["smoothed"][1] < errors["raw"][1]
    assert errors["smoothed"][0] < errors["raw"][0] + 0.005  # within 5 mm


def test_frame_range_and_stride(clip) -> None:
    path, _ = clip
    frames, count, fps = read_frames(path, start=3, end=12, stride=4)
    assert count == 3 and fps == pytest.approx(30.0)
    assert [i for i, _ in frames] == [3, 7, 11]
    result = VideoPoseEstimator().estimate(path, start=2, stride=5)
    assert result.frames == [2, 7, 12] and result.fps == pytest.approx(6.0)


def test_cancelling_stops_the_clip(clip) -> None:
    from posegpt_blender.models.video_pose import Cancelled

    calls = []

    def progress(fraction: float) -> bool:
        calls.append(fraction)
        return len(calls) < 3

    with pytest.raises(Cancelled):
        VideoPoseEstimator().estimate(clip[0], progress=progress)
    assert len(calls) == 3


def test_bad_videos_are_refused_clearly(tmp_path: Path, clip) -> None:
    (tmp_path / "not_a_video.mp4").write_bytes(b"nothing here")
    for args, words in (((str(tmp_path / "missing.mp4"),), "no video file"),
                        ((str(tmp_path / "not_a_video.mp4"),), "cannot read"),
                        ((str(clip[0]), "--start", "50"), "hold none")):
        done = _run("pose", "--video", *args, timeout=120)
        assert done.returncode == 2 and words in done.stderr, done.stderr[-2000:]
        assert "Traceback" not in done.stderr
    with pytest.raises(VideoError, match="bad frame range"):
        read_frames(clip[0], stride=0)


def test_one_euro_keeps_a_still_value_and_calms_noise() -> None:
    rng = np.random.default_rng(0)
    euro = OneEuro(1.0, 1.0, 1.0)
    still = [euro(np.full(3, 2.0), 1 / 30) for _ in range(10)]
    np.testing.assert_allclose(still, 2.0)
    euro = OneEuro(1.0, 1.0, 1.0)
    noisy = rng.normal(0.0, 0.01, (200, 3))
    out = np.stack([euro(v, 1 / 30) for v in noisy])
    assert np.diff(out, axis=0).std() < 0.3 * np.diff(noisy, axis=0).std()


def test_one_facing_turns_a_frame_read_back_to_front() -> None:
    rng = np.random.default_rng(1)
    world = rng.normal(0.0, 0.05, (33, 3))
    world[[11, 23], 0], world[[12, 24], 0] = 0.2, -0.2  # left on +x: facing the camera
    frame = Landmarks(world=world, image=rng.uniform(0, 100, (33, 2)), visibility=np.ones(33))
    marks = [frame, frame, turned(frame), frame, None]
    out, is_turned = one_facing(marks)
    assert not is_turned and out[4] is None
    for lm in out[:4]:
        np.testing.assert_allclose(lm.world, frame.world)
    out, is_turned = one_facing([turned(frame)] * 3 + [frame])  # mostly turned: keep that
    assert not is_turned and all(np.allclose(lm.world, turned(frame).world) for lm in out)


def _wait(client, job: str, timeout: float = 120.0) -> dict:
    import time

    deadline = time.monotonic() + timeout
    while True:
        status = client.video_status(job)
        if status["done"] or time.monotonic() > deadline:
            return status
        assert 0.0 <= status["progress"] <= 1.0
        time.sleep(0.1)


def test_worker_poses_a_video_job_and_forgets_it(ready_worker, clip) -> None:
    from core.client import WorkerError, poses_from_response

    client = ready_worker.client()
    job = client.video_start(clip[0].read_bytes(), start=1, stride=2)
    answer = _wait(client, job)
    assert answer["done"] and answer["frames"] == list(range(1, FRAMES, 2))
    poses = poses_from_response(answer)
    assert len(poses) == len(answer["frames"]) and answer["fps"] == pytest.approx(15.0)
    with pytest.raises(WorkerError) as err:  # fetched once, then forgotten
        client.video_status(job)
    assert err.value.status == 404


def test_worker_video_job_cancels_and_refuses_bad_clips(ready_worker, clip) -> None:
    from core.client import WorkerError

    client = ready_worker.client()
    job = client.video_start(clip[0].read_bytes())
    client.video_cancel(job)
    with pytest.raises(WorkerError) as err:
        client.video_status(job)
    assert err.value.status == 404
    bad = client.video_start(b"not a video at all")
    with pytest.raises(WorkerError) as err:
        _wait(client, bad)
    assert err.value.code == "bad_video" and "cannot read" in str(err.value)
    with pytest.raises(WorkerError) as err:
        client._request("POST", "/v1/video", {"video": "***"})
    assert err.value.status == 400
    ready = client.health()
    assert ready["ready"]  # the worker goes on answering
