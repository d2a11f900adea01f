"""`python -m posegpt_blender serve|pose|describe|import-chatpose|models|train-default|train|
render-data|bench ...`."""
from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from pathlib import Path

from core.protocol import LISTENING, PROGRESS
from .progress import QUIET_FLAG, say, take_quiet_flag

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
                       f"it as '{LISTENING} {{json}}'")
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

    chatpose = sub.add_parser("import-chatpose", help="turn ChatPose's released checkpoint "
                              "(YaoFeng/CHATPOSE-V0) into a folder `serve --model` answers with")
    chatpose.add_argument("src", type=Path, help="the checkpoint folder as downloaded")
    chatpose.add_argument("dst", type=Path, help="a new folder to write")
    chatpose.add_argument("--vision-tower", type=Path, default=None, metavar="DIR",
                          help="the CLIP folder ChatPose uses (openai/clip-vit-large-patch14-336)"
                          "; default: the config's mm_vision_tower if it is a folder, or "
                          "SRC/vision_tower")

    models = sub.add_parser("models", help="list installed models, download models")
    models_sub = models.add_subparsers(dest="models_command", required=True, metavar="ACTION")
    listing = models_sub.add_parser("list", help="installed models: size on disk, GPU memory")
    listing.add_argument("--json", action="store_true", help="one JSON document")
    terms = models_sub.add_parser("licence", help="a model's licence (and those of what it "
                                  "needs) as JSON, and whether it was accepted")
    terms.add_argument("name")
    fetch = models_sub.add_parser("download", help="download a model (resumable), show its "
                                  "licence once; ChatPose is imported after downloading")
    fetch.add_argument("name", help="chatpose, clip-vit-large-patch14-336, or a hub repository "
                       "id owner/name")
    fetch.add_argument("--to", type=Path, default=None, metavar="DIR",
                       help="where to put it (default: the models folder, $POSEGPT_MODELS_DIR)")
    fetch.add_argument("--accept-licence", action="store_true",
                       help="accept the model's licence without asking (it is still shown)")
    fetch.add_argument("--progress-json", action="store_true",
                       help=f"print progress as '{PROGRESS} {{json}}' lines (for the "
                       "add-on)")

    fetch.add_argument(QUIET_FLAG, action="store_true",
                       help="no log lines: the progress bar and the result only")
    for name, (_module, help_text) in DELEGATED.items():
        sub.add_parser(name, help=f"{help_text} (a progress bar with ETA; {QUIET_FLAG}: no "
                       "log lines)", add_help=False)
    return parser


def _model_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", default="default",
                        help="'default' or a PoseGPT checkpoint folder")
    parser.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda"))
    parser.add_argument("--quantize", default=None, choices=("4bit", "8bit"),
                        help="load a large model (ChatPose, PoseGPT checkpoints) in 4 or 8 bits "
                        "with bitsandbytes: 13B in ~8-10 GB of GPU memory (CUDA only)")
    parser.add_argument("--smpl-model", default=None, metavar="FILE",
                        help="your SMPL/SMPL-X model .npz: answers carry its joints (exact, "
                        "with the pose's betas) instead of the project skeleton's")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and (argv[0] in DELEGATED or argv[:2] == ["models", "download"]):
        argv = take_quiet_flag(argv)  # the long jobs: logs above their bars, or none
    if argv and argv[0] in DELEGATED:
        return _delegate(argv[0], argv[1:])
    args = build_parser().parse_args(argv)
    try:
        if args.command == "serve":
            # Before torch loads: its OpenMP threads sleep between text calls instead of
            # spinning on the cores the picture lane (decode, MediaPipe) needs. Measured on 2
            # busy cores, text and pictures at once: picture P95 150 -> 137 ms, text 134 ->
            # 120 ms (means of 4 runs each); each alone no worse.
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
            from .serve.runner import serve
            return serve(args.host, args.port, args.model, args.device, args.allow_remote,
                         args.parent_pid, args.smpl_model, args.quantize)
        if args.command == "pose":
            return _pose(args)
        if args.command == "models":
            return _models(args)
        if args.command == "import-chatpose":
            from .models.chatpose_import import import_chatpose
            print(import_chatpose(args.src, args.dst, args.vision_tower))
            return 0
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
    from .serve.limits import InputError
    from .models.base import NoPersonError
    from .models.chatpose_import import ChatPoseImportError
    from .models.quantize import QuantizeError
    from .models.registry import ModelSpecError
    from .models.model_store import StoreError
    from .models.video_pose import VideoError
    from .serve.runner import ServeError
    return isinstance(exc, (PoseFormatError, InputError, NoPersonError, ModelSpecError,
                            ServeError, VideoError, FileNotFoundError, IsADirectoryError,
                            QuantizeError, ChatPoseImportError, StoreError))


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
    from .serve.limits import decode_image_bytes
    from .models.registry import load_model
    from .serve.runner import load_body
    from .serve.server import pose_body

    if args.video is not None:
        return _pose_video(args)
    if not args.text.strip() and args.image is None:
        print("error: give --text, --image, both, or --video", file=sys.stderr)
        return 2
    image = decode_image_bytes(args.image.read_bytes()) if args.image else None
    body = load_body(args.smpl_model)
    model = load_model(args.model, args.device, args.quantize)
    if image is not None:
        result = model.pose_from_image(image, text=args.text)
    else:
        result = model.pose_from_text(args.text)
    print(json.dumps(pose_body(result, body)))
    if args.out:
        save_pose_file(args.out, result.poses, result.text)
    return 0


def _models(args: argparse.Namespace) -> int:
    from .models import model_store

    if args.models_command == "list":
        installed = model_store.list_installed()
        if args.json:
            print(json.dumps({"models_dir": str(model_store.models_dir()),
                              "models": [vars(m) for m in installed]}))
            return 0
        print(f"models folder: {model_store.models_dir()}")
        print(f"{'name':28} {'kind':9} {'disk GB':>8} {'params':>8}  GPU GB (estimate)")
        for m in installed:
            needs = ", ".join(f"{k} {v:g}" for k, v in m.gpu_gb.items()) or "?"
            print(f"{m.name:28} {m.kind:9} {m.disk_gb:8.2f} {m.parameters / 1e6:7.0f}M  {needs}")
        return 0

    if args.models_command == "licence":
        entries = [model_store.entry_for(args.name)]
        entries = [model_store.entry_for(n) for n in entries[0].requires] + entries
        print(json.dumps({"repo_id": entries[-1].repo_id,
                          "text": "\n\n".join(f"{e.repo_id}: {e.licence}" for e in entries),
                          "accepted": all(model_store.licence_accepted(e.repo_id, e.licence)
                                          for e in entries)}))
        return 0

    def ask(question: str) -> bool:
        print(question, end="", file=sys.stderr, flush=True)
        return sys.stdin.isatty() and sys.stdin.readline().strip().lower() in ("y", "yes")

    def report(info: dict) -> None:
        if info.get("stage") == "licence":
            print(f"{info['text']}\n(accepted with --accept-licence)", file=sys.stderr)
        if args.progress_json:
            print(f"{PROGRESS} {json.dumps(info)}", flush=True)
        elif info.get("stage") in ("import", "done"):
            say(f"{info['model']}: {info['stage']}")
    print(model_store.download(args.name, args.to, args.accept_licence, ask, report))
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
