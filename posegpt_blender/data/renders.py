"""`python -m posegpt_blender render-data --out DIR`: image->pose training pairs made in Blender.

Poses (the project's train split, or a pose file) go on the add-on's rig, its mannequin or
the user's SMPL mesh (--smpl-model), and are rendered from several camera angles by
tools/bench_blender.py in a bpy subprocess. Writes the pictures and DIR/image_pose.jsonl in the
training data's `image_pose` format (training/datasets.py), each pose as the camera sees it
(global orientation in the camera's frame, as an image->pose model answers) with its joints.
`--sequence` renders a clip (a pose file's frames in order) from fixed cameras and writes a
video per view, for pose-from-video's round trip.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

JSONL = "image_pose.jsonl"
DEFAULT_VIEWS = ("0,5", "45,5", "-45,20", "90,5", "180,5")
# A view with a negative azimuth ("-45,5"): argparse would take it for an unknown option.
_NEGATIVE_VIEW = re.compile(r"^-\d*\.?\d+,-?\d*\.?\d+$")


def _view(text: str) -> tuple[float, float]:
    try:
        azimuth, elevation = (float(v) for v in text.split(","))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"a view is AZIMUTH,ELEVATION in degrees, got "
                                         f"{text!r}") from exc
    return azimuth, elevation


def parse_args(argv: list[str]) -> argparse.Namespace:
    # argparse reads any token that starts with '-' and is not a plain number as an option;
    # a leading space makes a negative view a value (float() ignores the space).
    argv = [" " + a if _NEGATIVE_VIEW.match(a) else a for a in argv]
    parser = argparse.ArgumentParser(prog="python -m posegpt_blender render-data",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for pictures + JSONL")
    parser.add_argument("--poses", type=Path, help="a .npz/.json pose file (default: the "
                        "project's train split)")
    parser.add_argument("--count", type=int, default=200, help="poses drawn (default 200)")
    parser.add_argument("--views", type=_view, nargs="+",
                        default=[_view(v) for v in DEFAULT_VIEWS],
                        help="camera AZIMUTH,ELEVATION in degrees; azimuth 0 faces the body")
    parser.add_argument("--size", type=int, default=512, help="picture side in pixels")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--smpl-model", type=Path, help="your SMPL/SMPL-X .npz: render its mesh")
    parser.add_argument("--extension", type=Path, help="built extension zip (default: build)")
    parser.add_argument("--sequence", action="store_true",
                        help="the pose file is a clip: its first --count frames in order, one "
                        "fixed camera per view, and a video per view (clip_<view>.mp4)")
    parser.add_argument("--fps", type=float, default=30.0, help="--sequence: video frame rate")
    return parser.parse_args(argv)


def pick_poses(args: argparse.Namespace) -> np.ndarray:
    """(N, 24, 3) axis-angle: from the file, or drawn from the project's train split."""
    rng = np.random.default_rng(args.seed)
    if args.poses:
        from core.pose import load_pose_file

        rotvecs = np.stack([p.rotations() for p in load_pose_file(args.poses)])
        if args.sequence:
            return rotvecs[:args.count]
    else:
        from .dataset import build_dataset

        rotvecs = build_dataset(seed=args.seed).subset("train").rotvecs.astype(np.float64)
    keep = np.sort(rng.choice(len(rotvecs), min(args.count, len(rotvecs)), replace=False))
    return rotvecs[keep]


def render_data(out: Path, rotvecs: np.ndarray, views: list[tuple[float, float]], size: int,
                extension: Path, smpl_model: Path | None = None, fps: float | None = None
                ) -> Path:
    """Render every pose from every view into out; returns the JSONL written there. With fps
    the poses are a clip: one fixed camera per view, and clip_<view>.mp4 per view."""
    from ..headless import render_poses

    items = render_poses(extension, rotvecs, views, size, out,
                         str(smpl_model.resolve()) if smpl_model else "", fixed_camera=bool(fps))
    path = out / JSONL
    with open(path, "w", encoding="utf-8") as f:
        for item in items:
            f.write(json.dumps({"image": Path(item["path"]).name, "pose": item["pose_cam"],
                                "joints": item["joints_cam"], "frame": item["pose"],
                                "azimuth": item["azimuth"],
                                "elevation": item["elevation"]}) + "\n")
    if fps:
        for view in dict.fromkeys((i["azimuth"], i["elevation"]) for i in items):
            frames = sorted((i for i in items if (i["azimuth"], i["elevation"]) == view),
                            key=lambda i: i["pose"])
            write_video(out / clip_name(*view), [Path(i["path"]) for i in frames], fps)
    return path


def clip_name(azimuth: float, elevation: float) -> str:
    return f"clip_az{int(azimuth):+04d}_el{int(elevation):+03d}.mp4"


def write_video(path: Path, pictures: list[Path], fps: float) -> None:
    """The pictures as an MP4 (mp4v) video, with OpenCV."""
    import cv2  # opencv ships with mediapipe

    first = cv2.imread(str(pictures[0]))
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), fps,
                             (first.shape[1], first.shape[0]))
    try:
        for picture in pictures:
            writer.write(cv2.imread(str(picture)))
    finally:
        writer.release()


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    from core.pose import PoseFormatError
    from core.smpl_model import SmplModel, SmplModelError

    if args.sequence and not args.poses:
        print("error: --sequence needs --poses: the clip's pose file", file=sys.stderr)
        return 2
    try:
        if args.smpl_model:
            SmplModel.load(args.smpl_model)  # an unusable file fails here, before Blender
        rotvecs = pick_poses(args)
    except (OSError, PoseFormatError, SmplModelError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="posegpt_render_data_"))
    try:
        from ..headless import build_extension

        extension = args.extension or build_extension(work)
        path = render_data(args.out.resolve(), rotvecs, args.views, args.size, extension,
                           args.smpl_model, args.fps if args.sequence else None)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(rotvecs) * len(args.views)} pictures of {len(rotvecs)} poses; training data: "
          f'{{"kind": "image_pose", "path": "{path}"}}')
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
