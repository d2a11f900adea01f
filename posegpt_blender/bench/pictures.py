"""The bench's picture sections alone, for work on the image path: image accuracy on held-out
renders (rendered once into --work, then reused), COCO PCK, a picture's time stage by stage,
and a worker's picture latency.

`python -m posegpt_blender.bench.pictures --work DIR [--poses 15] [--repeats 30]`: the same
functions, views and held-out draw as `make bench`, fewer poses by default; prints the report's
markdown and writes DIR/pictures.json. `--speed-only`: the timings alone (no renders).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from core.worker_process import WorkerProcess
from . import PHOTO, VIEWS
from .accuracy import COCO_PHOTO, coco_pck, image_accuracy, pick_heldout
from .report import _image
from .speed import ROOT, latency, png_bytes, settle


def held_out_renders(data, work: Path, poses: int, extension: Path | None) -> list[dict]:
    """The bench's held-out poses from its views at 512 px, rendered into work once."""
    from ..headless import build_extension, render_poses

    index = work / "renders.json"
    if index.is_file():
        return json.loads(index.read_text())
    rotvecs, sources = pick_heldout(data, poses)
    items = render_poses(extension or build_extension(work / "dist"), rotvecs, list(VIEWS), 512,
                         work / "renders")
    for item in items:
        item["source"] = sources[item["pose"]]
    index.write_text(json.dumps(items))
    return items


def picture_latency(repeats: int, model: str = "default") -> dict:
    """speed.latency of pictures of PHOTO at 512 and 1024 px against a worker started here,
    once its background warm-up is over (the steady state; "settle_s" says how long it took)."""
    worker = WorkerProcess(sys.executable, ROOT, model=model, device="auto")
    worker.start()
    try:
        worker.wait_ready(600.0)
        settled = settle(worker.pid)
        client = worker.client(timeout=300.0)
        out: dict = {f"image_{side}": latency(client, repeats, image=png_bytes(PHOTO, side))
                     for side in (512, 1024)}  # as the bench: 512 first (MediaPipe warms up)
        out["text"] = latency(client, repeats, text="a person raising both arms")
        return {"settle_s": settled, **out}
    finally:
        worker.stop()


def picture_stages(repeats: int) -> dict:
    """Where the time goes for PHOTO at 1024 px, in this process (ms percentiles per stage):
    decoding as the worker decodes, finding people, the fit, FK, the answer's words."""
    from core.describe import describe
    from core.pose import SmplPose

    from ..serve.limits import decode_image_bytes
    from ..models.image_pose import ImagePoseEstimator
    from .speed import percentiles

    raw = png_bytes(PHOTO, 1024)
    estimator = ImagePoseEstimator()
    estimator.estimate_detailed(decode_image_bytes(raw))  # MediaPipe's first call is slow
    stages = ("decode", "find people", "fit", "joints", "describe")
    times: dict[str, list[float]] = {k: [] for k in (*stages, "all")}
    for _ in range(repeats):
        marks = [time.perf_counter()]
        image = decode_image_bytes(raw)
        marks.append(time.perf_counter())
        people = estimator.detector.detect_people(image)
        marks.append(time.perf_counter())
        pose = SmplPose.from_rotations(estimator.fit(people[0]))
        marks.append(time.perf_counter())
        pose.joints()
        marks.append(time.perf_counter())
        describe(pose)
        marks.append(time.perf_counter())
        for name, a, b in zip(stages, marks, marks[1:]):
            times[name].append((b - a) * 1000.0)
        times["all"].append((marks[-1] - marks[0]) * 1000.0)
    return {k: percentiles(v) for k, v in times.items()}


def main(argv: list[str] | None = None) -> int:
    from ..data.dataset import build_dataset

    parser = argparse.ArgumentParser(prog="python -m posegpt_blender.bench.pictures",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, required=True, help="renders are kept here")
    parser.add_argument("--poses", type=int, default=15, help="held-out poses rendered")
    parser.add_argument("--repeats", type=int, default=30, help="pictures timed per size")
    parser.add_argument("--stages", type=int, default=40,
                        help="1024 px pictures timed stage by stage in this process")
    parser.add_argument("--extension", type=Path, default=None, help="built extension zip")
    parser.add_argument("--speed-only", action="store_true",
                        help="only the timings: no renders, accuracy or PCK")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    out: dict = {"started": time.strftime("%Y-%m-%d %H:%M:%S %Z")}
    if not args.speed_only:
        data = build_dataset(size="full")
        items = held_out_renders(data, args.work, args.poses, args.extension)
        out["image"] = image_accuracy(items, data.subset("train").rotvecs.astype(np.float64))
        out["pck"] = coco_pck() if COCO_PHOTO.is_file() else None
    out["stages"] = picture_stages(args.stages)
    out["speed"] = picture_latency(args.repeats)
    (args.work / "pictures.json").write_text(json.dumps(out, indent=1) + "\n")
    if not args.speed_only:
        print("\n".join(_image(out["image"], out["pck"])))
    print(f"Worker settled {out['speed'].pop('settle_s'):.0f} s after ready.\n")
    print("| request | round trip P50 / P95 (ms) | inference P50 / P95 (ms) "
          "| worker total P50 / P95 (ms) |\n|---|---|---|---|")
    for name, row in out["speed"].items():
        print(f"| {name} | " + " | ".join(f"{row[k]['p50']:.0f} / {row[k]['p95']:.0f}" for k in
                                        ("round_trip_ms", "inference_ms", "worker_total_ms"))
              + " |")
    print("\n| stage (1024 px, in process) | P50 / P95 (ms) |\n|---|---|")
    for name, row in out["stages"].items():
        print(f"| {name} | {row['p50']:.0f} / {row['p95']:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
