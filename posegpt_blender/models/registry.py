"""Load a served model by name ("default"), by PoseGPT checkpoint folder or by imported ChatPose
folder, on a chosen device, optionally 4/8-bit."""
from __future__ import annotations

from pathlib import Path

from .base import PoseModel
from .markers import CHATPOSE_MARKER, CHECKPOINT_MARKER
DEVICES = ("auto", "cpu", "cuda")


class ModelSpecError(ValueError):
    """An unknown model spec or an unusable device; the message says what is accepted."""


def resolve_device(device: str = "auto") -> str:
    """"auto" -> "cuda" when torch sees a GPU, else "cpu"; "cuda[:N]" must be available."""
    import torch  # late: `python -m posegpt_blender --help` should not pay for torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cpu":
        return device
    if device == "cuda" or device.startswith("cuda:"):
        if not torch.cuda.is_available():
            raise ModelSpecError(f"device '{device}' requested but this torch ({torch.__version__})"
                                 " sees no CUDA GPU; use --device cpu or auto")
        return device
    raise ModelSpecError(f"unknown device '{device}'; use one of {', '.join(DEVICES)}")


def load_model(spec: str = "default", device: str = "auto",
               quantize: str | None = None) -> PoseModel:
    """The model named by spec: "default" (embedded weights), a PoseGPT checkpoint folder or an
    imported ChatPose folder; quantize "4bit"/"8bit" loads the language model with bitsandbytes
    (CUDA only)."""
    check_spec(spec, quantize)
    resolved = resolve_device(device)
    from .quantize import check_quantize
    check_quantize(quantize, resolved)
    if spec == "default":
        from .default import DefaultModel
        return DefaultModel.load(resolved)
    path = Path(spec).expanduser()
    if (path / CHATPOSE_MARKER).is_file():
        from .chatpose import ChatPoseModel
        return ChatPoseModel.load(path, resolved, quantize)
    from .posegpt_model import PoseGPTModel
    return PoseGPTModel.from_checkpoint(path, resolved, quantize)


def check_spec(spec: str, quantize: str | None = None) -> None:
    """ModelSpecError unless spec names a model load_model knows (cheap: no torch import)."""
    if spec == "default":
        if quantize:
            raise ModelSpecError("--quantize is for the large models (ChatPose, PoseGPT "
                                 "checkpoints); the default model is small and runs as it is")
        return
    path = Path(spec).expanduser()
    if (path / CHECKPOINT_MARKER).is_file() or (path / CHATPOSE_MARKER).is_file():
        return
    if (path / "config.json").is_file() and (path / "added_tokens.json").is_file():
        raise ModelSpecError(f"'{spec}' looks like ChatPose's released checkpoint: import it "
                             "first, `python -m posegpt_blender import-chatpose "
                             f"{spec} DST`, then serve --model DST")
    if path.is_dir():
        raise ModelSpecError(f"'{spec}' is a folder without {CHECKPOINT_MARKER} or "
                             f"{CHATPOSE_MARKER}: point --model at a folder written by `python "
                             "-m posegpt_blender train` or `import-chatpose`")
    raise ModelSpecError(f"unknown model '{spec}': use 'default' or a PoseGPT checkpoint folder "
                         f"(one holding {CHECKPOINT_MARKER}) or an imported ChatPose folder")
