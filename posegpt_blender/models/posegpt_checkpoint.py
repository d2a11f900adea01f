"""PoseGPT checkpoints: a folder with posegpt_checkpoint.json, a peft LoRA adapter (adapter/)
and posegpt_extra.safetensors (pose head, pose-input projector, added token rows).

The base model is not copied: the JSON names its folder (relative to the checkpoint, or
absolute), and nothing is downloaded at run time.
"""
from __future__ import annotations

import importlib.util
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import torch

from .posegpt import NEW_TOKENS, PoseGPT
from .markers import CHECKPOINT_MARKER

FORMAT = "posegpt-checkpoint/1"
EXTRA_FILE = "posegpt_extra.safetensors"
ADAPTER_DIR = "adapter"


@dataclass
class LoraSettings:
    """peft LoRA on the language model's projections named in target_modules."""

    r: int = 16
    alpha: int = 32
    dropout: float = 0.05
    target_modules: list[str] = field(default_factory=lambda: ["q_proj", "v_proj"])


@dataclass
class CheckpointConfig:
    """What posegpt_checkpoint.json holds."""

    base_model: str                     # folder; relative paths are from the checkpoint folder
    base_model_source: str = ""         # where that folder came from (e.g. a Hub id), for errors
    tokens: dict[str, int] = field(default_factory=dict)   # added token -> id
    hidden_size: int = 0
    lora: LoraSettings | None = None
    max_new_tokens: int = 64
    format: str = FORMAT


def load_base(folder: Path, dtype: torch.dtype, device: str | None = None,
              quantize: str | None = None) -> PoseGPT:
    """PoseGPT (no LoRA yet) over the image-text-to-text model saved in folder; the weights
    load straight onto device when given (no CPU copy of a 7B model first); quantize
    ("4bit"/"8bit", CUDA only) loads the language model with bitsandbytes."""
    from transformers import AutoModelForImageTextToText, AutoProcessor

    try:
        processor = AutoProcessor.from_pretrained(folder)
    except Exception as exc:  # transformers raises many kinds here, some unhelpful
        hint = "" if importlib.util.find_spec("torchvision") else (
            " Its processor may need torchvision, which is not installed (Qwen2-VL's does, for "
            "its video processor, even for pictures): `pip install torchvision` in the "
            "worker's Python, the build that matches its torch.")
        raise RuntimeError(f"cannot build the processor of the base model in {folder} "
                           f"({exc.__class__.__name__}: {exc}).{hint}") from exc
    extra = {}
    if quantize:
        from .quantize import bnb_config
        extra["quantization_config"] = bnb_config(quantize, dtype)
    lm = AutoModelForImageTextToText.from_pretrained(folder, dtype=dtype, device_map=device,
                                                     **extra)
    return PoseGPT(lm, processor)


def add_lora(net: PoseGPT, lora: LoraSettings) -> None:
    """Wrap net.lm with trainable LoRA on the decoder's (not the vision tower's) projections."""
    from peft import LoraConfig, get_peft_model

    decoder = net.lm.get_decoder()
    prefix = next(n for n, m in net.lm.named_modules() if m is decoder)
    targets = [n for n, m in net.lm.named_modules()
               if n.startswith(prefix + ".") and isinstance(m, torch.nn.Linear)
               and n.rsplit(".", 1)[-1] in lora.target_modules]
    if not targets:
        raise ValueError(f"no Linear named {lora.target_modules} in the language model "
                         f"({prefix}); set lora.target_modules to its projection names")
    config = LoraConfig(r=lora.r, lora_alpha=lora.alpha, lora_dropout=lora.dropout,
                        target_modules=targets, bias="none")
    net.lm = get_peft_model(net.lm, config)


def save_checkpoint(net: PoseGPT, folder: Path, config: CheckpointConfig) -> Path:
    """Write the checkpoint folder (the base model folder is only referenced)."""
    from safetensors.torch import save_file

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    config.tokens = dict(zip(NEW_TOKENS, (net.ids.pose, net.ids.pose_in)))
    config.hidden_size = net.head.mlp[0].in_features
    if config.lora is not None:
        net.lm.save_pretrained(folder / ADAPTER_DIR)
    save_file({k: v.detach().float().cpu().contiguous() for k, v in net.trainable_state().items()},
              str(folder / EXTRA_FILE))
    (folder / CHECKPOINT_MARKER).write_text(json.dumps(asdict(config), indent=1), encoding="utf-8")
    return folder


def read_config(folder: Path) -> CheckpointConfig:
    """Parse posegpt_checkpoint.json with errors that name the file."""
    path = Path(folder) / CHECKPOINT_MARKER
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: cannot read ({exc})") from exc
    if data.get("format") != FORMAT:
        raise ValueError(f"{path}: format {data.get('format')!r} is not {FORMAT!r}")
    lora = data.pop("lora", None)
    try:
        return CheckpointConfig(**data, lora=LoraSettings(**lora) if lora else None)
    except TypeError as exc:
        raise ValueError(f"{path}: unexpected content ({exc})") from exc


def base_folder(folder: Path, config: CheckpointConfig) -> Path:
    """The base model folder, or FileNotFoundError saying what to put where."""
    base = Path(config.base_model).expanduser()
    base = base if base.is_absolute() else (Path(folder) / base)
    if not (base / "config.json").is_file():
        source = f" ({config.base_model_source})" if config.base_model_source else ""
        raise FileNotFoundError(
            f"PoseGPT checkpoint {folder} needs its base model{source} in {base.resolve()}: put "
            "that model's folder there (config.json, weights, tokenizer and processor files), or "
            f"set \"base_model\" in {Path(folder) / CHECKPOINT_MARKER} to where it is. Nothing "
            "is downloaded at run time.")
    return base


def load_checkpoint(folder: Path, device: str,
                    quantize: str | None = None) -> tuple[PoseGPT, CheckpointConfig]:
    """The checkpoint's PoseGPT in eval mode on device (bf16 base on cuda, fp32 on cpu, or
    4/8-bit with bitsandbytes); head, projector and token rows stay fp32."""
    from peft import PeftModel
    from safetensors.torch import load_file

    folder = Path(folder)
    config = read_config(folder)
    dtype = torch.bfloat16 if device.startswith("cuda") else torch.float32
    net = load_base(base_folder(folder, config), dtype, device, quantize)
    found = dict(zip(NEW_TOKENS, (net.ids.pose, net.ids.pose_in)))
    if found != config.tokens:
        raise ValueError(f"{folder}: the base tokenizer gives token ids {found}, the checkpoint "
                         f"was trained with {config.tokens}: wrong base model folder?")
    if config.lora is not None:
        net.lm = PeftModel.from_pretrained(net.lm, str(folder / ADAPTER_DIR))
    state = load_file(str(folder / EXTRA_FILE))
    own = net.trainable_state()
    if set(state) != set(own):
        raise ValueError(f"{folder / EXTRA_FILE}: tensors {sorted(set(state) ^ set(own))} "
                         "missing or unexpected (head size differs from the base model?)")
    with torch.no_grad():
        for key, value in state.items():
            own[key].copy_(value)
    if quantize:  # bitsandbytes models refuse .to(): move PoseGPT's own parts only
        for part in (net.head, net.projector, net.skeleton):
            part.to(device)
        net.new_in.data, net.new_out.data = net.new_in.data.to(device), net.new_out.data.to(device)
        net.new_slot, net.new_ids = net.new_slot.to(device), net.new_ids.to(device)
        return net.eval(), config
    return net.to(device).eval(), config
