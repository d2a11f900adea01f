"""`python -m posegpt_blender train --config FILE`: LoRA fine-tuning of PoseGPT with accelerate.

The JSON config (relative paths are from its own folder):
{
  "base_model": "models/llava-1.5-7b-hf",       image-text-to-text model folder (required)
  "base_model_source": "llava-hf/llava-1.5-7b-hf", recorded for the missing-folder error
  "output_dir": "runs/posegpt",                 the checkpoint folder written (required)
  "datasets": [{"kind": "text_pose", "path": "data/text_pose.jsonl", "weight": 2.0},
               {"kind": "project", "size": "full", "weight": 1.0}],   see training/datasets.py
  "lora": {"r": 16, "alpha": 32, "dropout": 0.05, "target_modules": ["q_proj", "v_proj"]},
  "learning_rate": 2e-4,      LoRA
  "head_learning_rate": 1e-3, pose head, pose-input projector, added token rows
  "steps": 1000, "batch_size": 4, "grad_accum": 1, "warmup_steps": 50,
  "loss_weights": {"text": 1.0, "rotation": 0.1, "joints": 1.0},
  "bf16": true, "gradient_checkpointing": true, "seed": 0, "log_every": 10,
  "save_every": 0, "max_new_tokens": 64,
  "smpl_model": "models/SMPL_NEUTRAL.npz"   optional: joint loss on your SMPL/SMPL-X body
}
Launch on several GPUs with `accelerate launch -m posegpt_blender train --config FILE`.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import time
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Callable

import torch

from ..body.body_model import SmplBody
from ..models.posegpt import LossWeights, PoseGPT
from ..models.posegpt_chat import collate, encode
from ..models.posegpt_checkpoint import (CheckpointConfig, LoraSettings, add_lora, load_base,
                                         save_checkpoint)
from ..progress import bar, say
from .datasets import Mixture, load_mixture


@dataclass
class TrainConfig:
    """The training config file's content; see the module docstring."""

    base_model: Path
    output_dir: Path
    datasets: list[dict]
    base_model_source: str = ""
    lora: LoraSettings = field(default_factory=LoraSettings)
    learning_rate: float = 2e-4
    head_learning_rate: float = 1e-3
    steps: int = 1000
    batch_size: int = 4
    grad_accum: int = 1
    warmup_steps: int = 0
    loss_weights: LossWeights = field(default_factory=LossWeights)
    bf16: bool = True
    gradient_checkpointing: bool = True
    seed: int = 0
    log_every: int = 10
    save_every: int = 0
    max_new_tokens: int = 64
    smpl_model: Path | None = None

    @classmethod
    def load(cls, path: Path) -> "TrainConfig":
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ValueError(f"{path}: cannot read the training config ({exc})") from exc
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        missing = {"base_model", "output_dir", "datasets"} - set(data)
        if unknown or missing:
            raise ValueError(f"{path}: unknown keys {sorted(unknown)}, missing {sorted(missing)}")
        root = Path(path).resolve().parent
        data["base_model"] = root / data["base_model"]
        data["output_dir"] = root / data["output_dir"]
        if data.get("smpl_model"):
            data["smpl_model"] = root / data["smpl_model"]
        try:
            data["lora"] = LoraSettings(**data.get("lora", {}))
            data["loss_weights"] = LossWeights(**data.get("loss_weights", {}))
            return cls(**data)
        except TypeError as exc:
            raise ValueError(f"{path}: {exc}") from exc


def _schedule(warmup: int, steps: int) -> Callable[[int], float]:
    """Linear warm-up, then cosine decay to 10% of the learning rate."""
    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        progress = (step - warmup) / max(1, steps - warmup)
        return 0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))
    return factor


def _checkpoint_config(cfg: TrainConfig) -> CheckpointConfig:
    base = cfg.base_model.resolve()
    out = cfg.output_dir.resolve()
    # Relative when the base lives inside the checkpoint, so the folder can be moved whole.
    name = str(base.relative_to(out)) if base.is_relative_to(out) else str(base)
    return CheckpointConfig(base_model=name, base_model_source=cfg.base_model_source,
                            lora=cfg.lora, max_new_tokens=cfg.max_new_tokens)


def train(cfg: TrainConfig, mixture: Mixture, net: PoseGPT | None = None) -> PoseGPT:
    """Train on mixture, write the checkpoint folder cfg.output_dir; returns the trained net.
    net: PoseGPT over a base already in memory (no LoRA yet); default: cfg.base_model's."""
    from accelerate import Accelerator
    from accelerate.utils import DistributedDataParallelKwargs, set_seed

    cuda = torch.cuda.is_available()
    accelerator = Accelerator(
        mixed_precision="bf16" if cfg.bf16 and cuda else "no",
        gradient_accumulation_steps=cfg.grad_accum,
        # Batches without images or input poses leave the projector unused.
        kwargs_handlers=[DistributedDataParallelKwargs(find_unused_parameters=True)])
    set_seed(cfg.seed)
    if net is None:
        net = load_base(cfg.base_model, torch.bfloat16 if cfg.bf16 and cuda else torch.float32)
    add_lora(net, cfg.lora)
    if cfg.smpl_model is not None:  # exact joints of the user's body instead of our skeleton
        net.skeleton = SmplBody.load(cfg.smpl_model)
    if cfg.gradient_checkpointing:
        net.lm.activation_checkpointing_enable(
            activation_checkpointing_kwargs={"use_reentrant": False})
    own = list(net.trainable_state())
    own_params = [p for n, p in net.named_parameters() if n in own]
    lora_params = [p for n, p in net.named_parameters() if p.requires_grad and n not in own]
    optimizer = torch.optim.AdamW([{"params": lora_params, "lr": cfg.learning_rate},
                                   {"params": own_params, "lr": cfg.head_learning_rate}],
                                  weight_decay=0.0)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer,
                                                  _schedule(cfg.warmup_steps, cfg.steps))
    model, optimizer, scheduler = accelerator.prepare(net, optimizer, scheduler)
    mixture.reseed(cfg.seed + accelerator.process_index)  # each GPU draws its own samples
    draws = iter(mixture)
    cfg.output_dir.mkdir(parents=True, exist_ok=True)
    log_path = cfg.output_dir / "train_log.jsonl"
    if accelerator.is_main_process:
        log_path.write_text("", encoding="utf-8")
    start = time.perf_counter()
    model.train()
    steps = range(1, cfg.steps + 1)
    for step in bar(steps, desc="train", unit="step") if accelerator.is_main_process \
            else steps:
        with accelerator.accumulate(model):
            batch = collate([encode(net.processor, next(draws), net.ids, train=True)
                             for _ in range(cfg.batch_size)], net.ids.pad)
            terms = model(batch, cfg.loss_weights)
            accelerator.backward(terms["loss"])
            if accelerator.sync_gradients:
                accelerator.clip_grad_norm_(lora_params + own_params, 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
        if accelerator.is_main_process and (step % cfg.log_every == 0 or step == cfg.steps):
            row = {"step": step, "sec": round(time.perf_counter() - start, 2),
                   "lr": scheduler.get_last_lr()[0],
                   **{k: round(float(v.detach()), 5) for k, v in terms.items()}}
            say(json.dumps(row))
            with open(log_path, "a", encoding="utf-8") as f:
                f.write(json.dumps(row) + "\n")
        if cfg.save_every and step % cfg.save_every == 0 and step < cfg.steps:
            _save(accelerator, model, cfg)
    _save(accelerator, model, cfg)
    return accelerator.unwrap_model(model).eval()


def _save(accelerator: "Accelerator", model: torch.nn.Module, cfg: TrainConfig) -> None:
    accelerator.wait_for_everyone()
    if accelerator.is_main_process:
        net: PoseGPT = accelerator.unwrap_model(model)
        save_checkpoint(net, cfg.output_dir, _checkpoint_config(cfg))


def main(argv: list[str]) -> int:
    """CLI entry: train from a JSON config; 2 on a config or data error."""
    parser = argparse.ArgumentParser(prog="python -m posegpt_blender train",
                                     description="Fine-tune PoseGPT (LoRA) from a JSON config.")
    parser.add_argument("--config", type=Path, required=True, help="training config (JSON)")
    args = parser.parse_args(argv)
    try:
        cfg = TrainConfig.load(args.config)
        if not (cfg.base_model / "config.json").is_file():
            raise FileNotFoundError(f"base_model {cfg.base_model} holds no config.json: put the "
                                    "image-text-to-text model's folder there")
        mixture = load_mixture(cfg.datasets, args.config.resolve().parent, cfg.seed)
    except (ValueError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    train(cfg, mixture)
    print(f"checkpoint written to {cfg.output_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
