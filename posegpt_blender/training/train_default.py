"""Train PoseGPT-mini, the embedded default model: `python -m posegpt_blender train-default`.

The MiniLM reader is frozen, so its features are computed once for every distinct clause of
the training captions (and for reworded variants of each, so that "his left arm is lifted"
reads like "left arm raised"); only the aggregator (clause pooling, <POSE> transformer,
PoseHead) trains. Loss = rotation-matrix L1 + joint-position L2 through forward kinematics,
the 22 body joints weighted over the two hand joints. A fixed number of steps with warmup +
cosine: the run is the same on every machine (CPU threads aside).
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
from ..body.kinematics import Skeleton, axis_angle_to_matrix
from ..progress import bar
from ..models.text_pose import (ClauseReader, PoseAggregator, TextPoseConfig, load_trained,
                                save_trained, split_clauses)

log = logging.getLogger("train-default")
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "weights" / "default"
HAND_WEIGHT = 0.1       # joints 22-23 (hands) matter little; the body is joints 0-21
POSITION_WEIGHT = 2.0   # joint L2 (m) next to rotation-matrix L1
SUBSET_PROB = 0.35      # a caption is cut to a random subset of its clauses this often
VARIANT_PROB = 0.5      # a clause is replaced by one of its rewordings this often
VARIANTS_PER_CLAUSE = 6
WARMUP_STEPS = 200

# Rewordings people use for the describer's words: (pattern, replacements).
REWORDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"^the person is ", ("", "someone is ", "he is ", "she is ", "a person is ")),
    (r"^(a|the) person ", ("someone ", "a man ", "a woman ", "a figure ")),
    (r"\bthe (?=(left|right|head|torso|hands|feet|arms|legs|knees|elbows)\b)",
     ("his ", "her ", "their ", "your ", "")),
    (r"^(left|right|both) (arms?|hands?|knees?|feet|foot|legs?) raised",
     ("raise the \\1 \\2", "\\1 \\2 up", "lift the \\1 \\2")),
    (r"^kneeling\b", ("kneel", "kneels", "knelt")),
    (r"^standing\b", ("stand", "stands", "stood")),
    (r"^sitting\b", ("sit", "sits", "seated")),
    (r"^lying\b", ("lie", "lies", "laying")),
    (r"^squatting\b", ("squat", "squats", "in a squat")),
    (r"\braised\b", ("lifted", "up", "raised up")),
    (r"\bstretched out\b", ("extended", "outstretched")),
    (r"\bstraight\b", ("extended", "locked", "straightened")),
    (r"\bbent\b", ("flexed", "bending")),
    (r"\bin front of\b", ("ahead of", "before")),
    (r"\bthe hip\b", ("the waist", "his hip", "her hip")),
    (r"\bwide apart\b", ("far apart", "spread wide")),
    (r"\blooking\b", ("facing", "gazing")),
)


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m posegpt_blender train-default",
                                description="Train the embedded default text-to-pose model.")
    p.add_argument("--steps", type=int, default=8000, help="optimizer steps (default 8000)")
    p.add_argument("--composites", type=int, default=16000,
                   help="composite poses (one pose's legs, others' arms) added to the train set")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--size", choices=("full", "small"), default="full",
                   help="data set size ('small' is a few hundred poses, for checks)")
    p.add_argument("--eval-items", type=int, default=1000,
                   help="held-out poses to evaluate at the end (0: skip)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--out", type=Path, default=DEFAULT_OUT)
    return p.parse_args(argv)


def clause_variants(clause: str, rng: np.random.Generator, n: int) -> list[str]:
    """The clause and up to n - 1 distinct rewordings of it."""
    found = [(pattern, words) for pattern, words in REWORDINGS if re.search(pattern, clause)]
    out = [clause]
    for _ in range(4 * n):
        if len(out) >= n or not found:
            break
        text = clause
        for pattern, words in found:
            if rng.random() < 0.6:
                text = re.sub(pattern, str(words[rng.integers(len(words))]), text, count=1)
        text = re.sub(r"\s+", " ", text).strip()
        if text and text not in out:
            out.append(text)
    return out


class ClauseTable:
    """Every distinct training clause and its rewordings, read once by the frozen MiniLM."""

    def __init__(self, captions: list[list[str]], reader: ClauseReader, seed: int) -> None:
        rng = np.random.default_rng(seed)
        self.caption_clauses: list[list[list[int]]] = []
        self.texts: list[str] = []
        row: dict[str, int] = {}

        def intern(text: str) -> int:
            if text not in row:
                row[text] = len(self.texts)
                self.texts.append(text)
            return row[text]

        for caps in captions:
            self.caption_clauses.append([[intern(c) for c in split_clauses(cap)] for cap in caps])
        originals = list(self.texts)
        self.variants: list[list[int]] = [
            [intern(v) for v in clause_variants(clause, rng, VARIANTS_PER_CLAUSE)]
            for clause in originals]
        self.states, self.masks = reader.read(self.texts)
        log.info("clauses: %d distinct, %d with rewordings, features %s", len(originals),
                 len(self.texts), tuple(self.states.shape))

    def sample(self, pose_index: np.ndarray, rng: np.random.Generator) -> torch.Tensor:
        """(B, K) clause rows, -1 padded: one caption per pose, maybe a subset, maybe reworded."""
        rows = []
        for i in pose_index:
            caps = self.caption_clauses[i]
            clauses = caps[rng.integers(len(caps))]
            if len(clauses) > 1 and rng.random() < SUBSET_PROB:
                keep = rng.choice(len(clauses), size=rng.integers(1, len(clauses)), replace=False)
                clauses = [clauses[k] for k in np.sort(keep)]
            rows.append([self.variants[c][rng.integers(len(self.variants[c]))]
                         if rng.random() < VARIANT_PROB else c for c in clauses])
        index = torch.full((len(rows), max(len(r) for r in rows)), -1, dtype=torch.long)
        for b, r in enumerate(rows):
            index[b, :len(r)] = torch.tensor(r, dtype=torch.long)
        return index


def joint_weights() -> torch.Tensor:
    w = torch.ones(NUM_JOINTS)
    w[NUM_BODY_JOINTS:] = HAND_WEIGHT
    return w / w.sum()


def pose_loss(pred: torch.Tensor, target: torch.Tensor, target_joints: torch.Tensor,
              skeleton: Skeleton, weights: torch.Tensor) -> tuple[torch.Tensor, dict[str, float]]:
    """Rotation-matrix L1 + POSITION_WEIGHT x joint L2 (m), joints weighted."""
    rot = ((pred - target).abs().mean((-1, -2)) * weights).sum(1).mean()
    pos = ((skeleton(pred) - target_joints).norm(dim=-1) * weights).sum(1).mean()
    return rot + POSITION_WEIGHT * pos, {"rot_l1": rot.item(), "joint_m": pos.item()}


def train(args: argparse.Namespace) -> dict:
    from ..data.compose import compose_poses
    from ..data.dataset import build_dataset

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    started = time.monotonic()
    data = build_dataset(seed=args.seed, size=args.size)
    train_set = data.subset("train")
    composites, composite_captions = compose_poses(
        train_set.rotvecs, args.composites, np.random.default_rng([args.seed, 1]))
    rotvecs = np.concatenate([train_set.rotvecs, composites])
    captions = train_set.captions + composite_captions
    log.info("data: %d train poses + %d composites / %d test poses (%.0f s)", len(train_set),
             len(composites), int((data.split == "test").sum()), time.monotonic() - started)
    config = TextPoseConfig()
    reader = ClauseReader(config.clause_tokens)
    table = ClauseTable(captions, reader, args.seed)
    net = PoseAggregator(config)
    skeleton = Skeleton()
    target_rot = axis_angle_to_matrix(torch.as_tensor(rotvecs, dtype=torch.float32))
    with torch.no_grad():
        target_joints = skeleton(target_rot)
    weights = joint_weights()
    optimizer = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=0.01)
    rng = np.random.default_rng(args.seed)
    train_start = time.monotonic()
    net.train()
    history = []
    warmup = min(WARMUP_STEPS, max(1, args.steps // 10))  # short check runs warm up too
    window = min(200, max(1, args.steps // 10))            # steps averaged into the final loss
    for step in bar(range(args.steps), desc="train-default", unit="step"):
        progress = step / args.steps
        lr = args.lr * min(1.0, (step + 1) / warmup) * 0.5 * (1 + math.cos(math.pi * progress))
        for group in optimizer.param_groups:
            group["lr"] = lr
        idx = rng.integers(len(rotvecs), size=args.batch)
        index = table.sample(idx, rng)
        # Pool only the clauses this batch uses.
        used, local = torch.unique(index.clamp(min=0), return_inverse=True)
        local = torch.where(index < 0, -1, local)
        pred = net(table.states[used], table.masks[used], local)
        loss, parts = pose_loss(pred, target_rot[idx], target_joints[idx], skeleton, weights)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        optimizer.step()
        history.append(loss.item())
        if (step + 1) % 200 == 0:
            log.info("step %d  loss %.4f  rot %.4f  joint %.1f mm  lr %.2e  %.0f s", step + 1,
                     np.mean(history[-200:]), parts["rot_l1"], parts["joint_m"] * 1000, lr,
                     time.monotonic() - train_start)
    info = {"recipe": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()
                       if k != "out"},
            "train_seconds": round(time.monotonic() - train_start, 1),
            "first_loss": float(np.mean(history[:20])),
            "final_loss": float(np.mean(history[-window:])),
            "data": {"train_poses": len(train_set), "composites": len(composites),
                     "test_poses": int((data.split == "test").sum()),
                     "clauses": len(table.variants),
                     "clauses_with_rewordings": len(table.texts)}}
    save_trained(args.out, net, info)
    if args.eval_items > 0:
        from ..evaluation.text_metrics import evaluate_text_model

        scores = evaluate_text_model(load_trained(args.out), data, args.eval_items,
                                     seed=args.seed)
        info["heldout"], info["heldout_old_protocol"] = scores["heldout"], scores["kind"]
        save_trained(args.out, net, info)
    return info


def main(argv: list[str]) -> int:
    """Entry point of `python -m posegpt_blender train-default`."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    args = parse_args(argv)
    info = train(args)
    print(json.dumps({k: info[k] for k in ("train_seconds", "first_loss", "final_loss")}))
    for key in ("heldout", "heldout_old_protocol"):
        if key in info:
            print(json.dumps(info[key], indent=1))
    print(f"saved to {args.out}")
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
