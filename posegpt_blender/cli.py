"""`python -m posegpt_blender serve|pose|describe|train-default|train|render-data|bench ...`."""
from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

# Subcommands owned by other modules: imported only when used, given the remaining arguments.
DELEGATED = {
    "train-default": ("posegpt_blender.training.train_default", "train the embedded default model"),
    "train": ("posegpt_blender.training.train_posegpt", "train PoseGPT (text/image to pose)"),
    "render-data": ("posegpt_blender.data.renders",
                    "render image->pose training pairs of poses in Blender"),
    "bench": ("posegpt_blender.bench", "run the benchmarks"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m posegpt_blender",
                                     description="PoseGPT worker: text and images to SMPL poses.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = sub.add_parser("serve", help="run the HTTP worker for the Blender add-on")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default loopback)")
    serve.add_argument("--port", type=int, default=0, help="port; 0 picks a free one and prints "
                       "it as 'POSEGPT_LISTENING {json}'")
    _model_args(serve)
    serve.add_argument("--allow-remote", action="store_true",
                       help="allow a non-loopback --host (the token is still required)")
    serve.add_argument("--parent-pid", type=int, default=None,
                       help="exit by itself when this process exits")

    pose = sub.add_parser("pose", help="one pose in-process, printed as the schema JSON")
    pose.add_argument("--text", default="", help="description of the pose")
    pose.add_argument("--image", type=Path, help="PNG/JPEG picture of one person")
    pose.add_argument("--video", type=Path, help="a video of one person: one pose a frame "
                      "(smoothed, root motion from the hips); --out saves the sequence")
    pose.add_argument("--start", type=int, default=0, help="--video: first frame (default 0)")
    pose.add_argument("--end", type=int, default=None,
                      help="--video: frame to stop before (default: the clip's end)")
    pose.add_argument("--stride", type=int, default=1, help="--video: every Nth frame")
    pose.add_argument("--no-smooth", action="store_true",
                      help="--video: the per-frame answers as they are (no filter, no planted "
                           "feet)")
    pose.add_argument("--out", type=Path, help="also save the pose(s) to FILE.json or FILE.npz")
    _model_args(pose)

    describe = sub.add_parser("describe", help="put the pose(s) of a .npz/.json file in words")
    describe.add_argument("file", type=Path)

    for name, (_module, help_text) in DELEGATED.items():
        sub.add_parser(name, help=help_text, add_help=False)
    return parser


def _model_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", default="default",
                        help="'default' or a PoseGPT checkpoint folder")
    parser.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda"))
    parser.add_argument("--smpl-model", default=None, metavar="FILE",
                        help="your SMPL/SMPL-X model .npz: answers carry its joints (exact, "
                        "with the pose's betas) instead of the project skeleton's")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] in DELEGATED:
        return _delegate(argv[0], argv[1:])
    args = build_parser().parse_args(argv)
    try:
        if args.command == "serve":
            from .runner import serve
            return serve(args.host, args.port, args.model, args.device, args.allow_remote,
                         args.parent_pid, args.smpl_model)
        if args.command == "pose":
            return _pose(args)
        return _describe(args.file)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if not _is_user_error(exc):
            raise
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _is_user_error(exc: Exception) -> bool:
    from core.pose import PoseFormatError
    from .limits import InputError
    from .models.base import NoPersonError
    from .models.registry import ModelSpecError
    from .models.video_pose import VideoError
    from .runner import ServeError
    return isinstance(exc, (PoseFormatError, InputError, NoPersonError, ModelSpecError,
                            ServeError, VideoError, FileNotFoundError, IsADirectoryError))


def _delegate(name: str, rest: list[str]) -> int:
    module_name = DELEGATED[name][0]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and module_name.startswith(exc.name):
            print(f"error: '{name}' is not available: {module_name} is not part of this "
                  "installation", file=sys.stderr)
            return 2
        raise
    return int(module.main(rest) or 0)


def _pose(args: argparse.Namespace) -> int:
    from core.pose import save_pose_file
    from .limits import decode_image_bytes
    from .models.registry import load_model
    from .runner import load_body
    from .server import pose_body

    if args.video is not None:
        return _pose_video(args)
    if not args.text.strip() and args.image is None:
        print("error: give --text, --image, both, or --video", file=sys.stderr)
        return 2
    image = decode_image_bytes(args.image.read_bytes()) if args.image else None
    body = load_body(args.smpl_model)
    model = load_model(args.model, args.device)
    if image is not None:
        result = model.pose_from_image(image, text=args.text)
    else:
        result = model.pose_from_text(args.text)
    print(json.dumps(pose_body(result, body)))
    if args.out:
        save_pose_file(args.out, result.poses, result.text)
    return 0


def _pose_video(args: argparse.Namespace) -> int:
    """`pose --video`: one pose a frame; a summary on stdout, the sequence in --out."""
    import time

    from core.pose import save_pose_file
    from .models.video_pose import VideoPoseEstimator

    if args.text.strip() or args.image is not None:
        print("error: --video takes no --text or --image", file=sys.stderr)
        return 2
    start = time.perf_counter()

    def progress(fraction: float) -> bool:
        print(f"\r{100 * fraction:5.1f}%", end="", file=sys.stderr, flush=True)
        return True

    result = VideoPoseEstimator().estimate(args.video, args.start, args.end, args.stride,
                                           smooth=not args.no_smooth, progress=progress)
    seconds = time.perf_counter() - start
    print(file=sys.stderr)
    if args.out:
        save_pose_file(args.out, result.poses, f"{len(result.poses)} frames of {args.video.name}")
    print(json.dumps({"frames": len(result.poses), "first_frame": result.frames[0],
                      "last_frame": result.frames[-1], "fps": result.fps,
                      "facing_turned": result.turned, "frames_without_person": result.missed,
                      "seconds": round(seconds, 2),
                      "frames_per_s": round(len(result.poses) / seconds, 1),
                      "out": str(args.out) if args.out else None}))
    return 0


def _describe(path: Path) -> int:
    from core.describe import describe
    from core.pose import load_pose_file

    for pose in load_pose_file(path):
        print(describe(pose))
    return 0
