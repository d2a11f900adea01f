"""PoseGPT proper on a CUDA GPU: the training smoke test in bf16, and the memory and speed of a
LLaVA-1.5-7B-shaped model (random weights: nothing is downloaded) through the worker's code.

    python tools/gpu_check.py --out DIR      (prints and writes DIR/gpu_check.json)

The figures are for the architecture's shape, not a trained model: a random model rarely ends
its answer, so generation runs to the token cap (the worst case).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.pose import forward_kinematics  # noqa: E402
from posegpt_blender.models.base import NoPersonError  # noqa: E402
from posegpt_blender.models.posegpt_model import PoseGPTModel  # noqa: E402
from posegpt_blender.models.posegpt_chat import TEXT_TO_POSE, Turn  # noqa: E402
from posegpt_blender.models.posegpt_checkpoint import (CheckpointConfig, LoraSettings,  # noqa
                                                       add_lora, load_base, save_checkpoint)
from posegpt_blender.models.tiny import build_tiny_base, build_tiny_checkpoint  # noqa: E402
from posegpt_blender.training.datasets import load_mixture  # noqa: E402
from posegpt_blender.training.train_posegpt import TrainConfig, train  # noqa: E402

WORDS = "alpha bravo charlie delta echo golf hotel india juliet kilo lima mike november".split()


def gib(n: int) -> float:
    return round(n / 2 ** 30, 2)


def text_data(root: Path, rng: np.random.Generator) -> list[tuple[str, np.ndarray]]:
    samples = [(f"the {w} pose", rng.normal(scale=0.4, size=(24, 3))) for w in WORDS]
    with open(root / "text.jsonl", "w") as f:
        for text, pose in samples:
            f.write(json.dumps({"text": text, "pose": pose.tolist()}) + "\n")
    return samples


def joint_error(model: PoseGPTModel, samples: list) -> float:
    errors = []
    for text, target in samples:
        pred = model.net.generate([Turn("user", TEXT_TO_POSE.format(text=text))],
                                  model.max_new_tokens).rotvecs[0]
        errors.append(np.linalg.norm(forward_kinematics(pred)[0] - forward_kinematics(target)[0],
                                     axis=-1).mean())
    return float(np.mean(errors))


def smoke(root: Path) -> dict:
    """The CPU suite's overfitting test, on the GPU with bf16 and gradient checkpointing."""
    untrained = build_tiny_checkpoint(root / "untrained")
    samples = text_data(root, np.random.default_rng(0))
    config = {"base_model": "untrained/base_model", "output_dir": "trained",
              "datasets": [{"kind": "text_pose", "path": "text.jsonl"}],
              "lora": {"r": 16, "alpha": 32, "dropout": 0.0,
                       "target_modules": ["q_proj", "k_proj", "v_proj", "o_proj"]},
              "learning_rate": 3e-3, "head_learning_rate": 1e-2, "steps": 300,
              "batch_size": 16, "bf16": True, "gradient_checkpointing": True,
              "log_every": 100, "max_new_tokens": 12}
    (root / "train.json").write_text(json.dumps(config))
    cfg = TrainConfig.load(root / "train.json")
    began = time.perf_counter()
    train(cfg, load_mixture(cfg.datasets, root, cfg.seed))
    train_s = time.perf_counter() - began
    before = joint_error(PoseGPTModel.from_checkpoint(untrained, "cuda"), samples)
    after = joint_error(PoseGPTModel.from_checkpoint(cfg.output_dir, "cuda"), samples)
    return {"steps": cfg.steps, "train_s": round(train_s, 1), "joint_error_before_m": before,
            "joint_error_after_m": after, "improvement_x": round(before / after, 1)}


def seven_b(root: Path, train_steps: int) -> dict:
    """Load, serve and train a LLaVA-1.5-7B-shaped PoseGPT in bf16 with ChatPose's LoRA."""
    out: dict = {}
    began = time.perf_counter()
    base = build_tiny_base(root / "base7b", shape="7b")
    out["build_random_base_s"] = round(time.perf_counter() - began, 1)
    torch.cuda.empty_cache()
    net = load_base(base, torch.bfloat16, "cuda")
    lora = LoraSettings(r=128, alpha=256, dropout=0.05,
                        target_modules=["q_proj", "k_proj", "v_proj", "o_proj"])
    add_lora(net, lora)
    save_checkpoint(net, root / "ckpt7b", CheckpointConfig(base_model=str(base), lora=lora,
                                                           max_new_tokens=64))
    del net
    torch.cuda.empty_cache()
    torch.cuda.reset_peak_memory_stats()
    began = time.perf_counter()
    model = PoseGPTModel.from_checkpoint(root / "ckpt7b", "cuda")
    torch.cuda.synchronize()
    out["serve_load_s"] = round(time.perf_counter() - began, 1)
    out["serve_weights_gib"] = gib(torch.cuda.memory_allocated())
    text_ms, tokens = [], []
    for i in range(6):
        torch.cuda.synchronize()
        began = time.perf_counter()
        generated = model.net.generate([Turn("user", TEXT_TO_POSE.format(
            text="a goalkeeper diving to his left"))], 64)
        torch.cuda.synchronize()
        if i:  # the first call pays for kernel selection
            text_ms.append((time.perf_counter() - began) * 1000)
            tokens.append(len(generated.token_ids))
    out["text_request_ms_median"] = round(float(np.median(text_ms)), 1)
    out["text_tokens_generated"] = int(np.median(tokens))
    out["ms_per_generated_token"] = round(float(np.median(text_ms)) / max(1, np.median(tokens)), 2)
    image = (np.random.default_rng(0).random((1024, 1024, 3)) * 255).astype(np.uint8)
    image_ms = []
    for i in range(4):
        torch.cuda.synchronize()
        began = time.perf_counter()
        try:
            model.pose_from_image(image)
        except NoPersonError:  # a random model seldom says <POSE>; the time is what counts
            pass
        torch.cuda.synchronize()
        if i:
            image_ms.append((time.perf_counter() - began) * 1000)
    out["image_request_ms_median"] = round(float(np.median(image_ms)), 1)
    out["serve_peak_gib"] = gib(torch.cuda.max_memory_allocated())
    del model
    torch.cuda.empty_cache()
    torch.cuda.reset_peak_memory_stats()
    config = {"base_model": str(base), "output_dir": str(root / "trained7b"),
              "datasets": [{"kind": "text_pose", "path": "text.jsonl"}],
              "lora": {"r": 128, "alpha": 256, "dropout": 0.05,
                       "target_modules": ["q_proj", "k_proj", "v_proj", "o_proj"]},
              "steps": train_steps, "batch_size": 4, "bf16": True,
              "gradient_checkpointing": True, "log_every": 1000}
    (root / "train7b.json").write_text(json.dumps(config))
    cfg = TrainConfig.load(root / "train7b.json")
    began = time.perf_counter()
    train(cfg, load_mixture(cfg.datasets, root, cfg.seed))
    out["train_steps"] = train_steps
    out["train_s_per_step_incl_load_save"] = round((time.perf_counter() - began) / train_steps, 2)
    out["train_peak_gib"] = gib(torch.cuda.max_memory_allocated())
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--train-steps", type=int, default=20)
    args = parser.parse_args()
    if not torch.cuda.is_available():
        sys.exit("error: no CUDA GPU visible to torch")
    report = {"gpu": torch.cuda.get_device_name(0), "torch": torch.__version__}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        report["smoke"] = smoke(root)
        print(json.dumps(report, indent=1), flush=True)
        report["llava_1_5_7b_shape"] = seven_b(root, args.train_steps)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "gpu_check.json").write_text(json.dumps(report, indent=1))
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
