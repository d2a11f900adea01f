"""`make demo`: the extension headless, end to end, with per-stage timings.

Installs and enables the built zip in a temporary Blender user folder, starts the worker
through the add-on, poses the rig from a sentence and from the sample photo (each twice: cold
and warm), renders both poses and saves the scene. Exits non-zero with the reason on failure.
"""
from __future__ import annotations

import argparse
import atexit
import ctypes.util
import math
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODULE = "bl_ext.user_default.posegpt"
PROMPT = "kneeling on the right knee, left hand on the hip"
SAMPLE = ROOT / "tools" / "samples" / "astronaut.jpg"
RENDER_SIZE = 512


class DemoError(RuntimeError):
    """A stage failed; the message says which and why."""


class Timer:
    def __init__(self) -> None:
        self.stages: list[tuple[str, float]] = []

    def run(self, name: str, fn, *args, **kwargs):
        start = time.perf_counter()
        try:
            result = fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - bpy raises RuntimeError with the report
            raise DemoError(f"{name} failed: {exc}") from exc
        seconds = time.perf_counter() - start
        self.stages.append((name, seconds))
        print(f"[demo] {name}: {seconds:.2f} s", flush=True)
        return result


def install(bpy, zip_path: Path) -> None:
    import addon_utils

    bpy.context.preferences.system.use_online_access = True  # headless: Blender's socket rule
    result = bpy.ops.extensions.package_install_files(
        filepath=str(zip_path), repo="user_default", enable_on_install=True)
    if result != {"FINISHED"} or not addon_utils.check(MODULE)[1]:
        raise DemoError(f"{zip_path} did not install and enable ({result})")
    bpy.context.preferences.addons[MODULE].preferences.python = sys.executable


def stage_scene(bpy) -> None:
    """An empty scene with a floor, a sun and a camera framing a standing or kneeling body."""
    from mathutils import Vector

    for obj in list(bpy.data.objects):
        bpy.data.objects.remove(obj)
    scene = bpy.context.scene
    floor = bpy.data.meshes.new("Floor")
    floor.from_pydata([(-20, -20, 0), (20, -20, 0), (20, 20, 0), (-20, 20, 0)], [], [(0, 1, 2, 3)])
    scene.collection.objects.link(bpy.data.objects.new("Floor", floor))
    sun = bpy.data.objects.new("Sun", bpy.data.lights.new("Sun", "SUN"))
    sun.data.energy = 3.0
    sun.rotation_euler = (math.radians(40), math.radians(15), math.radians(-30))
    scene.collection.objects.link(sun)
    camera = bpy.data.objects.new("Camera", bpy.data.cameras.new("Camera"))
    camera.location = (0.9, -3.7, 1.3)
    camera.rotation_euler = (Vector((0, 0, 0.8)) - camera.location).to_track_quat(
        "-Z", "Y").to_euler()
    camera.data.lens = 50
    scene.collection.objects.link(camera)
    scene.camera = camera
    world = scene.world or bpy.data.worlds.new("World")
    scene.world = world
    world.color = (0.35, 0.37, 0.40)
    scene.render.resolution_x = scene.render.resolution_y = RENDER_SIZE
    scene.render.resolution_percentage = 100


def render(bpy, path: Path) -> None:
    """Workbench where the system has EGL (Mesa) for headless OpenGL, else Cycles on the CPU."""
    scene = bpy.context.scene
    if ctypes.util.find_library("EGL"):
        scene.render.engine = "BLENDER_WORKBENCH"
        shading = scene.display.shading
        shading.light, shading.color_type = "STUDIO", "MATERIAL"
        shading.show_shadows, shading.show_cavity = True, True
    else:
        scene.render.engine = "CYCLES"
        scene.cycles.device = "CPU"
        scene.cycles.samples = 16
    scene.render.image_settings.file_format = "PNG"
    scene.render.filepath = str(path)
    bpy.ops.render.render(write_still=True)
    if not path.is_file():
        raise DemoError(f"the render did not write {path}")


def setup(argv: list[str] | None, description: str, default_out: Path,
          user_prefix: str) -> argparse.Namespace | None:
    """--extension and --out parsed, the out folder made, and Blender's user folders (and the
    add-on's config) in a throwaway directory; None, the error printed, without the zip."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--extension", type=Path, required=True, help="the built extension zip")
    parser.add_argument("--out", type=Path, default=default_out)
    args = parser.parse_args(argv)
    if not args.extension.is_file():
        print(f"error: no extension zip at {args.extension}: run `make extension`",
              file=sys.stderr)
        return None
    args.out.mkdir(parents=True, exist_ok=True)
    # Blender's user folders must point at a throwaway directory before bpy is imported.
    user_dir = tempfile.mkdtemp(prefix=user_prefix)
    atexit.register(shutil.rmtree, user_dir, ignore_errors=True)
    os.environ["BLENDER_USER_RESOURCES"] = user_dir
    os.environ.setdefault("POSEGPT_CONFIG_DIR", os.path.join(user_dir, "posegpt_config"))
    return args


def main(argv: list[str] | None = None) -> int:
    args = setup(argv, __doc__.splitlines()[0], ROOT / "out", "posegpt_demo_user_")
    if args is None:
        return 2
    timer = Timer()
    bpy = timer.run("import bpy", __import__, "bpy")
    try:
        timer.run("install + enable extension", install, bpy, args.extension.resolve())
        stage_scene(bpy)
        timer.run("worker ready", bpy.ops.posegpt.worker_start)
        bpy.ops.posegpt.create_rig()
        ops = bpy.ops.posegpt
        timer.run("text pose (cold)", ops.pose_from_text, prompt=PROMPT)
        timer.run("text pose (warm)", ops.pose_from_text, prompt=PROMPT)
        timer.run("render demo_text.png", render, bpy, args.out / "demo_text.png")
        timer.run("image pose (cold)", ops.pose_from_image, filepath=str(SAMPLE))
        timer.run("image pose (warm)", ops.pose_from_image, filepath=str(SAMPLE))
        timer.run("render demo_image.png", render, bpy, args.out / "demo_image.png")
        for turn in bpy.context.scene.posegpt.turns:
            print(f"[demo] > {turn.prompt}\n[demo] < {turn.answer}")
        bpy.ops.wm.save_as_mainfile(filepath=str((args.out / "demo.blend").resolve()))
    except DemoError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        if MODULE in bpy.context.preferences.addons:
            bpy.ops.posegpt.worker_stop()
    print("[demo] timings (s): " + ", ".join(f"{n} {s:.2f}" for n, s in timer.stages))
    print(f"[demo] wrote {args.out}/demo.blend, demo_text.png, demo_image.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
