"""`python -m posegpt_blender bench [--quick] [--out bench] [--extension ZIP]`.

Measures accuracy (text->pose vs baselines, image->pose on Blender renders, PCK on a real
photo) and speed (worker cold start, latency, throughput, memory, the Blender operators end to
end), then writes <out>/results.json, <out>/REPORT.md and PNG plots. A section that cannot run
(e.g. no trained weights yet) is recorded under "errors" with its reason; the rest still run.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.smpl_model import SmplModelError

from ..body.body_joints import BodyJoints
from ..data.cmu import default_cmu_root
from ..progress import bar, say
from .accuracy import (COCO_PHOTO, coco_pck, image_accuracy, pick_heldout, request_accuracy,
                       text_accuracy)
from ..headless import build_extension, render_poses, run_blender
from .report import write_report
from .speed import worker_speed

# The gallery: requests of each kind people type (postures, sided contacts, stepping, facing,
# activities, emotions); shown, never scored.
GALLERY = ("lying on the back with the knees up", "holding a plank", "doing a handstand",
           "left hand on the right shoulder", "kneeling on the right knee, left hand on the hip",
           "stepping forward with the left foot", "standing turned to face the right",
           "spiking a volleyball", "playing the guitar", "taking a selfie", "jumping for joy",
           "sad, head down and shoulders slumped")
# Camera (azimuth, elevation) in degrees; azimuth 0 is the body's front, 180 its back; the
# last two look down from above.
VIEWS = ((0, 5), (45, 5), (90, 5), (135, 5), (180, 5), (-90, 5), (0, 50), (-135, 45))
DEFAULT_CMU_ROOT = default_cmu_root()
# Real photos for image latency: the labelled COCO photo, else the sample that ships in tools/.
PHOTO = COCO_PHOTO if COCO_PHOTO.is_file() else \
    Path(__file__).resolve().parents[2] / "tools" / "samples" / "astronaut.jpg"


@dataclass(frozen=True)
class Plan:
    """How much of everything: --quick keeps the whole pipeline but few items and repeats."""

    data_size: str
    text_items: int
    render_poses: int
    views: tuple[tuple[int, int], ...]
    render_px: int
    video_frames: int
    gallery_prompts: tuple[str, ...]
    tile_px: int
    blender_repeats: int
    text_repeats: int
    image_repeats: int
    per_client: int


FULL = Plan("full", 500, 20, VIEWS, 512, 90, GALLERY, 256, 10, 40, 15, 6)
QUICK = Plan("small", 12, 2, VIEWS[:2], 384, 12, GALLERY[:2], 128, 2, 3, 2, 1)
# The clip of the video round trip: a held-out CMU motion, every 4th frame, from this view.
VIDEO_CLIP = ("walking", 4)
MAX_SECTIONS = 12  # every sections.run in main(), for the bar's count and ETA
VIDEO_VIEW = (30, 5)
VIDEO_FPS = 30.0


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m posegpt_blender bench",
                                     description="Accuracy and speed benchmark; writes "
                                     "REPORT.md, results.json and PNGs.")
    parser.add_argument("--quick", action="store_true", help="few items, few repeats (<= 2 min)")
    parser.add_argument("--out", type=Path, default=Path("bench"))
    parser.add_argument("--extension", type=Path, help="built extension zip (default: build one)")
    parser.add_argument("--model", default="default", help="the model to serve and evaluate")
    parser.add_argument("--smpl-model", type=Path, default=None, metavar="FILE",
                        help="your SMPL/SMPL-X .npz: errors on its joints, renders of its "
                        "mesh, the worker answering with its joints")
    return parser.parse_args(argv)


def machine_info() -> dict:
    import psutil
    import torch

    return {"platform": platform.platform(), "processor": platform.processor() or
            platform.machine(), "cpu_cores": os.cpu_count(),
            "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "python": platform.python_version(), "torch": torch.__version__,
            "cuda": torch.cuda.is_available()}


class Sections:
    """Runs named sections, timing each and recording failures instead of aborting; a bar
    counts them against the most the plan may run (skipped ones are never counted)."""

    def __init__(self, results: dict, total: int) -> None:
        self.results = results
        results.setdefault("errors", {})
        results.setdefault("section_seconds", {})
        self.bar = bar(total=total, desc="bench", unit="section")

    def run(self, name: str, fn, *args, **kwargs):
        start = time.perf_counter()
        self.bar.set_postfix_str(name)
        say(f"[bench] {name} ...")
        try:
            value = fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - reported in the results, not hidden
            traceback.print_exc()
            self.results["errors"][name] = f"{exc.__class__.__name__}: {exc}"[:2000]
            value = None
        seconds = time.perf_counter() - start
        self.results["section_seconds"][name] = seconds
        say(f"[bench] {name}: {seconds:.1f} s")
        self.bar.update()
        return value


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    plan = QUICK if args.quick else FULL
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    results: dict = {"command": "python -m posegpt_blender bench " + " ".join(argv),
                     "quick": args.quick, "model": args.model, "machine": machine_info(),
                     "started": time.strftime("%Y-%m-%d %H:%M:%S %Z")}
    smpl_model = str(args.smpl_model.resolve()) if args.smpl_model else ""
    try:
        body = BodyJoints(smpl_model or None)
    except (OSError, SmplModelError) as exc:
        print(f"error: --smpl-model: {exc}", file=sys.stderr)
        return 2
    results["body"] = body.name
    sections = Sections(results, total=MAX_SECTIONS)
    began = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="posegpt_bench_"))
    try:
        from ..data.dataset import build_dataset

        data = sections.run("data", build_dataset, size=plan.data_size)
        model = sections.run("load model", _load_model, args.model)
        if model is not None and data is not None:
            results["text"] = sections.run("text accuracy", text_accuracy, model, data,
                                           plan.text_items, body)
            results["requests"] = sections.run("request checks", request_accuracy, model)
        del model  # free its memory before Blender and the worker start
        results["pck"] = sections.run("coco pck", coco_pck) if COCO_PHOTO.is_file() else None
        extension = args.extension or sections.run("build extension", build_extension,
                                                   work / "dist")
        renders = ops = None
        if extension is not None and data is not None:
            renders = sections.run("blender renders", _renders, extension, data, plan, work,
                                   smpl_model)
        if renders:
            results["image"] = sections.run("image accuracy", image_accuracy, renders,
                                            data.subset("train").rotvecs.astype(np.float64),
                                            body)
        if extension is not None and DEFAULT_CMU_ROOT.is_dir():
            results["video"] = sections.run("video accuracy", _video, extension, plan, work,
                                            body)
        if extension is not None:
            ops = sections.run("blender operators", _operators, extension, plan, work,
                               args.model, smpl_model)
        if ops:
            results["blender"] = {k: ops[k] for k in
                                  ("timings_s", "engine", "blender_version", "latency_s",
                                   "latency_errors")}
            results["gallery"] = [{k: t[k] for k in ("prompt", "seconds", "answer")}
                                  for t in ops["gallery"]]
        results["speed"] = sections.run("worker speed", worker_speed, args.model,
                                        list(plan.gallery_prompts), PHOTO,
                                        plan.text_repeats, plan.image_repeats, plan.per_client,
                                        smpl_model)
        results["total_seconds"] = time.perf_counter() - began
        tiles = [Path(t["path"]) for t in (ops or {}).get("gallery", [])]
        sections.run("report", write_report, results, out, tiles)
    finally:
        sections.bar.close()
        shutil.rmtree(work, ignore_errors=True)
    (out / "results.json").write_text(json.dumps(_finite_or_null(results), indent=1) + "\n")
    print(f"[bench] wrote {out / 'REPORT.md'} and {out / 'results.json'} "
          f"({results['total_seconds']:.0f} s)")
    for name, error in results["errors"].items():
        print(f"[bench] {name} FAILED: {error.splitlines()[0]}", file=sys.stderr)
    return 1 if results["errors"] else 0


def _load_model(spec: str):
    from ..models.registry import load_model

    return load_model(spec, "auto")


def _renders(extension: Path, data, plan: Plan, work: Path, smpl_model: str) -> list[dict]:
    """Held-out poses on the add-on's rig, rendered from each view (bpy subprocess)."""
    rotvecs, sources = pick_heldout(data, plan.render_poses)
    items = render_poses(extension, rotvecs, plan.views, plan.render_px, work / "renders",
                         smpl_model)
    for item in items:
        item["source"] = sources[item["pose"]]
    return items


def _video(extension: Path, plan: Plan, work: Path, body: BodyJoints) -> dict:
    """A held-out CMU clip rendered from one fixed camera, as an MP4, read back by pose from
    video: errors and jitter of the smoothed and of the per-frame answers."""
    from ..data import cmu
    from ..data.renders import write_video
    from .accuracy import video_accuracy

    action, stride = VIDEO_CLIP
    skeleton = cmu.load_skeleton(DEFAULT_CMU_ROOT)
    motion = next(m for m in cmu.list_motions(DEFAULT_CMU_ROOT)
                  if m.split == "test" and m.action == action)
    # From the clip's third kept frame: its first jumps (~0.2 m in a frame) in this release.
    frames = cmu.read_frames(motion.path)[::stride][2:2 + plan.video_frames]
    rotvecs = cmu.retarget(frames, skeleton, cmu.neutral_head(DEFAULT_CMU_ROOT, skeleton))
    items = render_poses(extension, rotvecs, [VIDEO_VIEW], plan.render_px, work / "clip",
                         fixed_camera=True)
    items.sort(key=lambda i: i["pose"])
    clip = work / "clip.mp4"
    write_video(clip, [Path(i["path"]) for i in items], VIDEO_FPS)
    out = video_accuracy(clip, np.array([i["joints_cam"] for i in items]), VIDEO_FPS, body)
    out.update(motion=f"{motion.action}/{motion.name}", stride=stride, px=plan.render_px,
               view=list(VIDEO_VIEW))
    return out


def _operators(extension: Path, plan: Plan, work: Path, model: str, smpl_model: str) -> dict:
    """The gallery and the operators' end-to-end latency (bpy subprocess, its own worker)."""
    from .speed import png_bytes

    images = {}
    for side in (512, 1024):
        path = work / f"photo_{side}.png"
        path.write_bytes(png_bytes(PHOTO, side))
        images[f"image_{side}"] = str(path)
    job = {"model": model, "smpl_model": smpl_model,
           "gallery": {"prompts": list(plan.gallery_prompts), "size": plan.tile_px},
           "latency": {"prompts": list(plan.gallery_prompts), "images": images,
                       "repeats": plan.blender_repeats}}
    return run_blender(extension, job, work / "operators", timeout=900)


def _finite_or_null(value):
    """JSON has no NaN/inf: write null for them."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite_or_null(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite_or_null(v) for v in value]
    return value
