"""`python -m posegpt_blender` subcommands, run as the user would."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from conftest import REPO_ROOT, default_model_missing
from core.describe import describe
from core.pose import SmplPose, load_pose_file, save_pose_file


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "posegpt_blender", *args], cwd=REPO_ROOT,
                          env=dict(os.environ, PYTHONPATH=str(REPO_ROOT)),
                          capture_output=True, text=True, timeout=300)


def test_describe_prints_each_pose_of_a_file(tmp_path: Path) -> None:
    rot = np.zeros((24, 3))
    rot[16, 2], rot[17, 2] = -1.2, 1.2  # arms lowered towards the sides
    poses = [SmplPose(), SmplPose.from_rotations(rot)]
    save_pose_file(tmp_path / "two.npz", poses)
    save_pose_file(tmp_path / "one.json", poses[1:])
    done = cli("describe", str(tmp_path / "two.npz"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [describe(p) for p in poses]
    assert cli("describe", str(tmp_path / "one.json")).stdout.strip() == describe(poses[1])


def test_describe_explains_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"smpl": {"global_orient": [0, 0], "body_pose": []}}')
    done = cli("describe", str(bad))
    assert done.returncode == 2 and "global_orient" in done.stderr
    assert "Traceback" not in done.stderr


def test_pose_needs_text_image_or_video() -> None:
    done = cli("pose")
    assert done.returncode == 2 and "--text, --image, both, or --video" in done.stderr


def test_missing_delegated_command_is_named() -> None:
    # bench/training are others' modules: whichever is absent must be reported, not a traceback.
    for name, module in (("bench", "bench"), ("train", "training/train_posegpt.py"),
                         ("train-default", "training/train_default.py")):
        target = REPO_ROOT / "posegpt_blender" / module
        if target.exists() or target.with_suffix(".py").exists():
            continue
        done = cli(name, "--help")
        assert done.returncode == 2 and "not part of this installation" in done.stderr


@pytest.mark.skipif(bool(default_model_missing()), reason=default_model_missing() or "ok")
def test_pose_prints_the_schema_and_saves_it(tmp_path: Path) -> None:
    out = tmp_path / "pose.npz"
    done = cli("pose", "--text", "raise both arms", "--device", "cpu", "--out", str(out))
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    saved = load_pose_file(out)
    np.testing.assert_allclose(saved[0].body_pose, printed["smpl"]["body_pose"])
    assert len(printed["joints"]) == 24
