"""Headless Blender for the worker's tools: build the extension zip and run a job in a Python
with bpy (a subprocess running tools/bench_blender.py), for `render-data`, `bench` and the tests.

The worker itself never imports bpy; both scripts live in the development tree's tools/, so
these commands run from a checkout (the extension zip leaves tools/ out).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tools" / "bench_blender.py"
POLL_S = 0.5


def build_extension(out_dir: Path) -> Path:
    """Build the extension zip with tools/build_extension.py into out_dir."""
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "build_extension.py"),
                           "--output-dir", str(out_dir)], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"build_extension failed: {done.stdout[-2000:]}{done.stderr[-2000:]}")
    return next(Path(out_dir).glob("posegpt-*.zip"))


def run_blender(extension: Path, job: dict, out_dir: Path, timeout: float,
                pictures: int = 0, desc: str = "blender") -> dict:
    """The job in headless bpy; its blender_results.json. pictures > 0: a progress bar counts
    the PNG files the job writes into out_dir against that many."""
    # Deferred: building the zip (tests on the bpy-only venv) needs no progress bars or tqdm.
    from .progress import bar

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(job, f)
    before = len(list(out_dir.glob("*.png")))
    try:
        env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
        with tempfile.TemporaryFile("w+") as log, bar(total=pictures or None, desc=desc,
                                                      unit="picture", disable=not pictures
                                                      ) as shown:
            proc = subprocess.Popen([sys.executable, str(SCRIPT), "--extension", str(extension),
                                     "--job", f.name, "--out", str(out_dir)],
                                    stdout=log, stderr=subprocess.STDOUT, text=True, env=env)
            deadline = time.monotonic() + timeout
            while proc.poll() is None:
                if time.monotonic() > deadline:
                    proc.kill()
                    proc.wait()
                    raise subprocess.TimeoutExpired(proc.args, timeout)
                if pictures:
                    shown.update(len(list(out_dir.glob("*.png"))) - before - shown.n)
                time.sleep(POLL_S)
            log.seek(0)
            output = log.read()
    finally:
        os.unlink(f.name)
    results = out_dir / "blender_results.json"
    if proc.returncode != 0 or not results.is_file():
        lines = [ln for ln in output.splitlines() if ln.strip()]
        last = lines[-1] if lines else "no output"
        raise RuntimeError(f"bench_blender.py exited {proc.returncode}: {last}\n"
                           + "\n".join(lines[-40:]))
    return json.loads(results.read_text())


def render_poses(extension: Path, rotvecs: np.ndarray, views: list, size: int, out_dir: Path,
                 smpl_model: str = "", fixed_camera: bool = False) -> list[dict]:
    """Each (24, 3) pose on the add-on's rig (the SMPL mesh of smpl_model, else the
    mannequin) rendered from each (azimuth, elevation) view into out_dir: per picture its path,
    view, pose index, and joints and pose in the camera's frame (tools/bench_blender.py).
    fixed_camera: one camera per view for all poses (a sequence's frames), else one a pose."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        np.save(Path(tmp) / "poses.npy", rotvecs)
        job = {"smpl_model": smpl_model,
               "renders": {"poses": str(Path(tmp) / "poses.npy"),
                           "views": [list(v) for v in views], "size": size,
                           "fixed_camera": fixed_camera}}
        items = run_blender(extension, job, out_dir,
                            timeout=60 + 5 * len(rotvecs) * len(views),
                            pictures=len(rotvecs) * len(views), desc="render")["renders"]
    (out_dir / "blender_results.json").unlink()
    return items
