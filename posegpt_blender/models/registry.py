"""Load a served model by name ("default") or by checkpoint folder, on a chosen device."""
from __future__ import annotations

from pathlib import Path

from .base import PoseModel

CHECKPOINT_MARKER = "posegpt_checkpoint.json"
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


def load_model(spec: str = "default", device: str = "auto") -> PoseModel:
    """The model named by spec: "default" (embedded weights) or a PoseGPT checkpoint folder."""
    check_spec(spec)
    resolved = resolve_device(device)
    if spec == "default":
        from .default import DefaultModel
        return DefaultModel.load(resolved)
    from .posegpt import PoseGPTModel
    return PoseGPTModel.from_checkpoint(Path(spec).expanduser(), resolved)


def check_spec(spec: str) -> None:
    """ModelSpecError unless spec names a model load_model knows (cheap: no torch import)."""
    if spec == "default":
        return
    path = Path(spec).expanduser()
    if (path / CHECKPOINT_MARKER).is_file():
        return
    if path.is_dir():
        raise ModelSpecError(f"'{spec}' is a folder without {CHECKPOINT_MARKER}: point --model "
                             "at a folder written by `python -m posegpt_blender train`")
    raise ModelSpecError(f"unknown model '{spec}': use 'default' or a PoseGPT checkpoint folder "
                         f"(one holding {CHECKPOINT_MARKER})")
