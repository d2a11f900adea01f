"""The Blender side of `python -m posegpt_blender bench` (run as a subprocess with bpy).

Installs the extension zip in a throwaway Blender user folder, then, as the job file asks:
- "renders": poses the add-on's rig (mannequin body, or the SMPL mesh of the job's
  "smpl_model") with the job's poses and renders each from several camera angles,
  recording the ground-truth joints and pose in each camera's frame (the benchmark's image
  ground truth, and `render-data`'s image->pose training pairs); with "fixed_camera" one
  camera per view frames all the poses (a sequence's frames);
- "gallery": poses the rig through `bpy.ops.posegpt.pose_from_text` for each prompt (timed:
  request -> posed rig) and renders a tile per prompt;
- "latency": end-to-end operator latency of pose_from_text / pose_from_image (headless bpy).
Writes `<out>/blender_results.json`.
"""
from __future__ import annotations

import argparse
import importlib
import json
import math
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
MODULE = "bl_ext.user_default.posegpt"
FOV_MARGIN = 1.25  # the body's bounding sphere fills 1/1.25 of the view


def frame_camera(bpy, camera, points: np.ndarray, azimuth: float, elevation: float) -> None:
    """Point camera at the body from azimuth/elevation (degrees; 0 = the rig's front, -Y)."""
    from mathutils import Vector

    lo, hi = points.min(0), points.max(0)
    centre = (lo + hi) / 2
    radius = float(np.linalg.norm(hi - lo)) / 2
    half_fov = camera.data.angle / 2
    dist = FOV_MARGIN * radius / math.sin(half_fov)
    a, e = math.radians(azimuth), math.radians(elevation)
    offset = np.array([math.sin(a) * math.cos(e), -math.cos(a) * math.cos(e), math.sin(e)])
    camera.location = Vector(centre + dist * offset)
    camera.rotation_euler = (Vector(centre) - camera.location).to_track_quat("-Z", "Y").to_euler()
    bpy.context.view_layer.update()


def world_joints(bpy, rig, names: list[str]) -> np.ndarray:
    bpy.context.view_layer.update()
    return np.array([list(rig.matrix_world @ rig.pose.bones[n].head) for n in names])


def camera_frame(camera, joints: np.ndarray, pelvis: np.ndarray) -> np.ndarray:
    """World joints -> camera frame (x right, y up, z toward the camera), pelvis at the origin.

    That is SMPL's camera-relative frame, the one the image estimator answers in.
    """
    rot = np.array(camera.matrix_world.to_3x3())
    return (joints - pelvis) @ rot  # rows: rot.T @ (p - pelvis)


def camera_pose(camera, rig, rotvecs: np.ndarray, rotations) -> np.ndarray:
    """The pose as the camera sees it: global_orient turned into the camera's frame (what an
    image->pose model answers), the other joints unchanged."""
    smpl_to_world = np.array(rig.matrix_world.to_quaternion().to_matrix())
    world_to_camera = np.array(camera.matrix_world.to_quaternion().to_matrix()).T
    out = np.array(rotvecs, dtype=np.float64)
    out[0] = rotations.matrix_to_axis_angle(
        world_to_camera @ smpl_to_world @ rotations.axis_angle_to_matrix(out[0]))
    return out


def run_renders(bpy, ext, rig, job: dict, out: Path, render) -> list[dict]:
    poses = np.load(job["poses"])
    names = list(ext.core.skeleton.JOINT_NAMES)
    scene, camera = bpy.context.scene, bpy.context.scene.camera
    scene.render.resolution_x = scene.render.resolution_y = int(job["size"])
    cloud = None
    if job.get("fixed_camera"):  # a sequence: one camera per view frames every pose
        cloud = []
        for rotvecs in poses:
            ext.rig.apply_pose(rig, ext.core.pose.SmplPose.from_rotations(rotvecs))
            cloud.append(world_joints(bpy, rig, names))
        cloud = np.concatenate(cloud)
    items = []
    for i, rotvecs in enumerate(poses):
        ext.rig.apply_pose(rig, ext.core.pose.SmplPose.from_rotations(rotvecs))
        joints = world_joints(bpy, rig, names)
        for azimuth, elevation in job["views"]:
            frame_camera(bpy, camera, joints if cloud is None else cloud, azimuth, elevation)
            path = out / f"render_{i:03d}_az{int(azimuth):+04d}_el{int(elevation):+03d}.png"
            render(bpy, path)
            items.append({"pose": i, "azimuth": azimuth, "elevation": elevation,
                          "path": str(path),
                          "joints_cam": camera_frame(camera, joints, joints[0]).tolist(),
                          "pose_cam": camera_pose(camera, rig, rotvecs,
                                                  ext.core.rotations).tolist()})
    return items


def run_gallery(bpy, ext, rig, job: dict, out: Path, render) -> list[dict]:
    scene, camera = bpy.context.scene, bpy.context.scene.camera
    scene.render.resolution_x = scene.render.resolution_y = int(job["size"])
    names = list(ext.core.skeleton.JOINT_NAMES)
    tiles = []
    for i, prompt in enumerate(job["prompts"]):
        bpy.ops.posegpt.clear_conversation()
        start = time.perf_counter()
        result = bpy.ops.posegpt.pose_from_text(prompt=prompt)
        seconds = time.perf_counter() - start
        if result != {"FINISHED"}:
            raise RuntimeError(f"pose_from_text({prompt!r}) returned {result}")
        turns = scene.posegpt.turns
        frame_camera(bpy, camera, world_joints(bpy, rig, names), *job.get("view", (25, 8)))
        path = out / f"gallery_{i:02d}.png"
        render(bpy, path)
        tiles.append({"prompt": prompt, "path": str(path), "seconds": seconds,
                      "answer": turns[-1].answer if len(turns) else ""})
    return tiles


def run_latency(bpy, job: dict) -> tuple[dict, dict]:
    """Seconds per operator call, request -> posed rig (background mode blocks until applied);
    and the operators that failed, with Blender's report (e.g. a text-only model)."""
    out: dict[str, list[float]] = {}
    errors: dict[str, str] = {}
    calls = {"text": [(bpy.ops.posegpt.pose_from_text, {"prompt": p}) for p in job["prompts"]]}
    for label, path in job.get("images", {}).items():
        calls[label] = [(bpy.ops.posegpt.pose_from_image, {"filepath": path})]
    for label, variants in calls.items():
        times = []
        try:
            for r in range(int(job["repeats"])):
                op, kwargs = variants[r % len(variants)]
                bpy.ops.posegpt.clear_conversation()
                start = time.perf_counter()
                op(**kwargs)  # background mode: raises RuntimeError with the report on failure
                times.append(time.perf_counter() - start)
        except RuntimeError as exc:
            errors[label] = str(exc)[-1000:]
            continue
        out[label] = times
    return out, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extension", type=Path, required=True)
    parser.add_argument("--job", type=Path, required=True, help="JSON: renders/gallery/latency")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    job = json.loads(args.job.read_text())
    args.out.mkdir(parents=True, exist_ok=True)
    user_dir = tempfile.mkdtemp(prefix="posegpt_bench_user_")
    os.environ["BLENDER_USER_RESOURCES"] = user_dir
    os.environ.setdefault("POSEGPT_CONFIG_DIR", os.path.join(user_dir, "posegpt_config"))
    results: dict = {"timings_s": {}}
    t0 = time.perf_counter()
    import bpy
    from demo import install, render, stage_scene  # the demo's install, scene and engine

    try:
        install(bpy, args.extension.resolve())
        prefs = bpy.context.preferences.addons[MODULE].preferences
        prefs.model = job.get("model", "default")
        prefs.smpl_model = job.get("smpl_model", "")  # the rig's body and the worker's joints
        ext = importlib.import_module(MODULE)
        for sub in (".core.skeleton", ".core.pose", ".core.rotations", ".rig"):
            importlib.import_module(MODULE + sub)
        results["timings_s"]["install"] = time.perf_counter() - t0
        stage_scene(bpy)
        bpy.ops.posegpt.create_rig()
        rig = bpy.context.view_layer.objects.active
        if "renders" in job:
            start = time.perf_counter()
            results["renders"] = run_renders(bpy, ext, rig, job["renders"], args.out, render)
            results["timings_s"]["renders"] = time.perf_counter() - start
        if "gallery" in job or "latency" in job:
            start = time.perf_counter()
            if bpy.ops.posegpt.worker_start() != {"FINISHED"}:
                raise RuntimeError("worker_start failed")
            results["timings_s"]["worker_start"] = time.perf_counter() - start
        if "gallery" in job:
            start = time.perf_counter()
            results["gallery"] = run_gallery(bpy, ext, rig, job["gallery"], args.out, render)
            results["timings_s"]["gallery"] = time.perf_counter() - start
        if "latency" in job:
            results["latency_s"], results["latency_errors"] = run_latency(bpy, job["latency"])
        results["engine"] = bpy.context.scene.render.engine
        results["blender_version"] = bpy.app.version_string
    finally:
        if MODULE in bpy.context.preferences.addons:
            bpy.ops.posegpt.worker_stop()
        shutil.rmtree(user_dir, ignore_errors=True)
    (args.out / "blender_results.json").write_text(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
