"""Train PoseGPT-mini, the embedded default model: `python -m posegpt_blender train-default`.

LoRA (peft, r=16 on query/value) on all-MiniLM-L6-v2 with the <POSE> embedding trainable, plus
PoseHead; loss = rotation-matrix L1 + joint-position L2 through forward kinematics, the 22 body
joints weighted over the two hand joints. The learning rate follows warmup + cosine over
progress = max(step / steps, elapsed / budget): on a machine fast enough for all the steps the
run is exactly reproducible; on a slower one it anneals and stops at the time budget.
"""
from __future__ import annotations

import argparse
import json
import logging
import math
import os
import re
import time
from pathlib import Path

import numpy as np
import torch

from core.skeleton import NUM_BODY_JOINTS, NUM_JOINTS
from ..kinematics import Skeleton, axis_angle_to_matrix
from ..models.pose_head import POSE_TOKEN, PoseHead
from ..models.text_pose import (BertEncoder, TextPoseConfig, TextPoseNet, load_trained,
                                save_trained)

log = logging.getLogger("train-default")
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "weights" / "default"
HAND_WEIGHT = 0.1       # joints 22-23 (hands) matter little; the body is joints 0-21
POSITION_WEIGHT = 2.0   # joint L2 (m) next to rotation-matrix L1
SUBSET_PROB = 0.3       # a comma-list caption is cut to a random subset of its facts this often
WARMUP_STEPS = 100


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m posegpt_blender train-default",
                                description="Train the embedded default text-to-pose model.")
    p.add_argument("--minutes", type=float, default=50.0,
                   help="time budget; the schedule anneals to finish within it (default 50)")
    p.add_argument("--steps", type=int, default=3000, help="optimizer steps (default 3000)")
    p.add_argument("--batch", type=int, default=48)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--size", choices=("full", "small"), default="full",
                   help="data set size ('small' is a few hundred poses, for checks)")
    p.add_argument("--eval-items", type=int, default=1000,
                   help="held-out poses to evaluate at the end (0: skip)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--out", type=Path, default=DEFAULT_OUT)
    return p.parse_args(argv)


def pick_caption(captions: list[str], rng: np.random.Generator) -> str:
    """One of a pose's captions; a comma list sometimes cut to a subset of its facts, so that
    short requests ("kneeling, left hand on the hip") look like training text."""
    text = captions[rng.integers(len(captions))]
    facts = text.split(", ")
    if len(facts) > 1 and "." not in text and rng.random() < SUBSET_PROB:
        keep = np.sort(rng.choice(len(facts), size=rng.integers(1, len(facts)), replace=False))
        text = ", ".join(facts[k] for k in keep)
    return text


def joint_weights() -> torch.Tensor:
    w = torch.ones(NUM_JOINTS)
    w[NUM_BODY_JOINTS:] = HAND_WEIGHT
    return w / w.sum()


def pose_loss(pred: torch.Tensor, target: torch.Tensor, target_joints: torch.Tensor,
              skeleton: Skeleton, weights: torch.Tensor) -> tuple[torch.Tensor, dict[str, float]]:
    """Rotation-matrix L1 + POSITION_WEIGHT x joint L2 (m), joints weighted."""
    rot = ((pred - target).abs().mean((-1, -2)) * weights).sum(1).mean()
    pos = ((skeleton(pred) - target_joints).norm(dim=-1) * weights).sum(1).mean()
    return rot + POSITION_WEIGHT * pos, {"rot_l1": float(rot), "joint_m": float(pos)}


def build_net(config: TextPoseConfig, seed: int) -> tuple[TextPoseNet, torch.nn.Module]:
    """The trainable net: peft LoRA on the encoder, <POSE> row trainable, head trainable."""
    from peft import LoraConfig, get_peft_model

    torch.manual_seed(seed)
    encoder = BertEncoder.pretrained(extra_tokens=1)
    lora = LoraConfig(r=config.lora_r, lora_alpha=config.lora_alpha, lora_dropout=0.0,
                      target_modules=["query", "value"],
                      trainable_token_indices={"word_embeddings": [config.pose_token_id]})
    peft_encoder = get_peft_model(encoder, lora)
    net = TextPoseNet(peft_encoder, PoseHead(encoder.hidden_size), config)
    return net, peft_encoder


def trained_parts(net: TextPoseNet, peft_encoder: torch.nn.Module
                  ) -> tuple[dict[str, torch.Tensor], torch.Tensor]:
    """LoRA pairs keyed '<linear path>.lora_A|B' and the effective <POSE> embedding."""
    lora = {}
    for name, param in peft_encoder.named_parameters():
        found = re.fullmatch(r"base_model\.model\.(.+)\.(lora_[AB])\.default\.weight", name)
        if found:
            lora[f"{found.group(1)}.{found.group(2)}"] = param
    pose_id = torch.tensor([net.config.pose_token_id])
    embedding = peft_encoder.base_model.model.embeddings.word_embeddings(pose_id)[0]
    return lora, embedding


def train(args: argparse.Namespace) -> dict:
    from ..data.dataset import build_dataset

    torch.set_num_threads(args.threads)
    started = time.monotonic()
    data = build_dataset(seed=args.seed, size=args.size)
    train_set = data.subset("train")
    log.info("data: %d train / %d test poses (%.0f s)", len(train_set),
             int((data.split == "test").sum()), time.monotonic() - started)
    config = TextPoseConfig()
    net, peft_encoder = build_net(config, args.seed)
    skeleton = Skeleton()
    target_rot = axis_angle_to_matrix(torch.as_tensor(train_set.rotvecs, dtype=torch.float32))
    with torch.no_grad():
        target_joints = skeleton(target_rot)
    weights = joint_weights()
    params = [p for p in net.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.0)
    rng = np.random.default_rng(args.seed)
    budget = args.minutes * 60.0
    train_start = time.monotonic()
    net.train()
    step, history = 0, []
    while True:
        progress = max(step / args.steps, (time.monotonic() - train_start) / budget)
        if progress >= 1.0:
            break
        lr = args.lr * min(1.0, (step + 1) / WARMUP_STEPS) * 0.5 * (1 + math.cos(math.pi * progress))
        for group in optimizer.param_groups:
            group["lr"] = lr
        idx = rng.integers(len(train_set), size=args.batch)
        texts = [pick_caption(train_set.captions[i], rng) for i in idx]
        pred = net(**net.tokenize(texts))
        loss, parts = pose_loss(pred, target_rot[idx], target_joints[idx], skeleton, weights)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        history.append(float(loss))
        step += 1
        if step % 50 == 0:
            log.info("step %d  loss %.4f  rot %.4f  joint %.1f mm  lr %.2e  %.0f s", step,
                     np.mean(history[-50:]), parts["rot_l1"], parts["joint_m"] * 1000, lr,
                     time.monotonic() - train_start)
    train_s = time.monotonic() - train_start
    lora, embedding = trained_parts(net, peft_encoder)
    info = {"recipe": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
            "steps_done": step, "train_seconds": round(train_s, 1),
            "stopped_by": "steps" if step >= args.steps else "time budget",
            "final_loss": float(np.mean(history[-50:])) if history else None,
            "data": {"train_poses": len(train_set), "test_poses": int((data.split == "test").sum())}}
    save_trained(args.out, lora, embedding, net.head, config, info)
    if args.eval_items > 0:
        from ..evaluation import evaluate_text_model

        trained = load_trained(args.out)
        info["heldout"] = evaluate_text_model(trained, data, args.eval_items, seed=args.seed)
        save_trained(args.out, lora, embedding, net.head, config, info)
    info["first_loss"] = float(np.mean(history[:10])) if history else None
    return info


def main(argv: list[str]) -> int:
    """Entry point of `python -m posegpt_blender train-default`."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    args = parse_args(argv)
    info = train(args)
    print(json.dumps({k: info[k] for k in ("steps_done", "train_seconds", "stopped_by",
                                           "final_loss", "first_loss") if k in info}))
    if "heldout" in info:
        print(json.dumps(info["heldout"], indent=1))
    print(f"saved to {args.out}")
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
