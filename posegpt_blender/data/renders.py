"""`python -m posegpt_blender render-data --out DIR`: image->pose training pairs made in Blender.

Poses (the project's train split, or a pose file) go on the add-on's rig, its mannequin or
the user's SMPL mesh (--smpl-model), and are rendered from several camera angles by
tools/bench_blender.py in a bpy subprocess. Writes the pictures and DIR/image_pose.jsonl in the
training data's `image_pose` format (training/datasets.py), each pose as the camera sees it
(global orientation in the camera's frame, as an image->pose model answers).
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
    return parser.parse_args(argv)


def pick_poses(args: argparse.Namespace) -> np.ndarray:
    """(N, 24, 3) axis-angle: from the file, or drawn from the project's train split."""
    rng = np.random.default_rng(args.seed)
    if args.poses:
        from core.pose import load_pose_file

        rotvecs = np.stack([p.rotations() for p in load_pose_file(args.poses)])
    else:
        from .dataset import build_dataset

        rotvecs = build_dataset(seed=args.seed).subset("train").rotvecs.astype(np.float64)
    keep = np.sort(rng.choice(len(rotvecs), min(args.count, len(rotvecs)), replace=False))
    return rotvecs[keep]


def render_data(out: Path, rotvecs: np.ndarray, views: list[tuple[float, float]], size: int,
                extension: Path, smpl_model: Path | None = None) -> Path:
    """Render every pose from every view into out; returns the JSONL written there."""
    from ..bench.blender import render_poses

    items = render_poses(extension, rotvecs, views, size, out,
                         str(smpl_model.resolve()) if smpl_model else "")
    path = out / JSONL
    with open(path, "w", encoding="utf-8") as f:
        for item in items:
            f.write(json.dumps({"image": Path(item["path"]).name, "pose": item["pose_cam"],
                                "azimuth": item["azimuth"],
                                "elevation": item["elevation"]}) + "\n")
    return path


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    from core.pose import PoseFormatError
    from core.smpl_model import SmplModel, SmplModelError

    try:
        if args.smpl_model:
            SmplModel.load(args.smpl_model)  # an unusable file fails here, before Blender
        rotvecs = pick_poses(args)
    except (OSError, PoseFormatError, SmplModelError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="posegpt_render_data_"))
    try:
        from ..bench.blender import build_extension

        extension = args.extension or build_extension(work)
        path = render_data(args.out.resolve(), rotvecs, args.views, args.size, extension,
                           args.smpl_model)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(rotvecs) * len(args.views)} pictures of {len(rotvecs)} poses; training data: "
          f'{{"kind": "image_pose", "path": "{path}"}}')
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
