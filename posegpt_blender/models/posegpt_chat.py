"""Conversations for PoseGPT: turns with images and poses -> token ids, answer labels, pose slots.

The base model's own chat template and processor render and tokenise the conversation, so the
same code serves LLaVA, Qwen2-VL or the tiny test model. A user turn may hold an image and
poses placed at `<POSE_IN>` tokens in its text; an assistant turn's `<POSE>` tokens each
decode one pose (its training target is the turn's pose at the same index).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch

POSE_IN_TOKEN = "<POSE_IN>"
IGNORE = -100

# Prompts shared by the training data and the served model, so serving asks as training did.
TEXT_TO_POSE = "Give the body pose: {text}"
IMAGE_TO_POSE = "Give the body pose of the person in this picture."
POSE_TO_TEXT = "Describe this body pose: " + POSE_IN_TOKEN
EDIT_POSE = "Current pose: " + POSE_IN_TOKEN + ". {text}"


@dataclass
class Turn:
    """One turn. poses: (24, 3) axis-angle; inputs at <POSE_IN> (user), targets at <POSE>."""

    role: str
    text: str
    image: np.ndarray | None = None
    poses: list[np.ndarray] = field(default_factory=list)


@dataclass
class TokenIds:
    """Ids of the tokens PoseGPT adds and of the base model's image placeholder."""

    pose: int
    pose_in: int
    image: int | None
    pad: int


@dataclass
class Encoded:
    """One conversation as model inputs; labels and targets only when encoded for training."""

    input_ids: torch.Tensor                 # (T,)
    extra: dict[str, torch.Tensor]          # pixel_values, image_sizes, image_grid_thw...
    pose_in: np.ndarray                     # (N, 24, 3) placed at <POSE_IN>, in order
    labels: torch.Tensor | None = None      # (T,), IGNORE outside the answers
    pose_slots: torch.Tensor | None = None  # (M,) positions of answer <POSE> tokens
    pose_targets: np.ndarray | None = None  # (M, 24, 3)


def per_token(key: str) -> bool:
    """Processor outputs holding one value per token (Qwen2-VL's mm_token_type_ids), as opposed
    to image tensors; text tokens take 0 in them."""
    return key.endswith("token_type_ids")


def _messages(turns: list[Turn]) -> list[dict[str, Any]]:
    out = []
    for turn in turns:
        if turn.role not in ("user", "assistant"):
            raise ValueError(f"turn role must be 'user' or 'assistant', got {turn.role!r}")
        content: list[dict[str, Any]] = [{"type": "image"}] if turn.image is not None else []
        content.append({"type": "text", "text": turn.text})
        out.append({"role": turn.role, "content": content})
    return out


def _render(processor: Any, turns: list[Turn], add_generation_prompt: bool) -> str:
    return processor.apply_chat_template(_messages(turns), tokenize=False,
                                         add_generation_prompt=add_generation_prompt)


def _answer_spans(processor: Any, turns: list[Turn], full: str) -> list[tuple[int, int]]:
    """Character spans of the assistant turns (their closing end-of-turn text included)."""
    spans = []
    for k, turn in enumerate(turns):
        if turn.role != "assistant":
            continue
        before = _render(processor, turns[:k], add_generation_prompt=True)
        upto = _render(processor, turns[:k + 1], add_generation_prompt=False)
        if not (upto.startswith(before) and full.startswith(upto)):
            raise ValueError("the base model's chat template does not render a conversation's "
                             "prefix as a prefix of its text; answers cannot be located")
        spans.append((len(before), len(upto)))
    return spans


def _align(expanded: list[int], plain: list[int], plain_mask: list[bool],
           image_id: int | None) -> list[bool]:
    """Carry a per-token mask over to the processor's ids, where image placeholders repeat."""
    out, i = [], 0
    for tok in expanded:
        if i < len(plain) and tok == plain[i]:
            out.append(plain_mask[i])
            i += 1
        elif tok == image_id:
            out.append(False)
        else:
            raise ValueError("the processor's tokens differ from the tokenizer's beyond image "
                             "placeholders; cannot align answer labels")
    if i != len(plain):
        raise ValueError("the processor dropped tokens; cannot align answer labels")
    return out


def encode(processor: Any, turns: list[Turn], ids: TokenIds, train: bool) -> Encoded:
    """Tokenise a conversation; train=True adds answer labels and <POSE> targets, else a prompt
    that ends where the assistant's next answer starts."""
    if not turns:
        raise ValueError("empty conversation")
    if train and turns[-1].role != "assistant":
        raise ValueError("a training conversation must end with the assistant's answer")
    text = _render(processor, turns, add_generation_prompt=not train)
    images = [t.image for t in turns if t.image is not None]
    batch = processor(text=[text], images=images or None, return_tensors="pt")
    input_ids = batch.pop("input_ids")[0]
    batch.pop("attention_mask", None)
    pose_in = [p for t in turns if t.role == "user" for p in t.poses]
    found = int((input_ids == ids.pose_in).sum())
    if found != len(pose_in):
        raise ValueError(f"{found} {POSE_IN_TOKEN} tokens in the conversation but "
                         f"{len(pose_in)} input poses")
    pose_in_arr = np.asarray(pose_in, np.float32).reshape(-1, 24, 3)
    enc = Encoded(input_ids=input_ids, extra=dict(batch), pose_in=pose_in_arr)
    if not train:
        return enc

    spans = _answer_spans(processor, turns, text)
    plain = processor.tokenizer(text, return_offsets_mapping=True)
    plain_mask = [e > s and any(a <= s < b for a, b in spans) for s, e in plain["offset_mapping"]]
    mask = torch.tensor(_align(input_ids.tolist(), plain["input_ids"], plain_mask, ids.image))
    enc.labels = torch.where(mask, input_ids, torch.full_like(input_ids, IGNORE))
    targets = [p for t in turns if t.role == "assistant" for p in t.poses]
    slots = torch.nonzero(mask & (input_ids == ids.pose), as_tuple=False)[:, 0]
    if len(slots) != len(targets):
        raise ValueError(f"{len(slots)} <POSE> tokens in the answers but {len(targets)} poses")
    enc.pose_slots = slots
    enc.pose_targets = np.asarray(targets, np.float32).reshape(-1, 24, 3)
    return enc


def collate(items: list[Encoded], pad_id: int) -> dict[str, Any]:
    """Right-padded batch: input_ids, attention_mask, labels, image tensors, pose slots
    ((M, 2) batch row and position), pose_targets (M, 24, 3) and pose_in (N, 24, 3)."""
    length = max(len(e.input_ids) for e in items)
    ids = torch.full((len(items), length), pad_id, dtype=torch.long)
    attn = torch.zeros((len(items), length), dtype=torch.long)
    labels = torch.full((len(items), length), IGNORE, dtype=torch.long)
    slots = []
    for row, e in enumerate(items):
        n = len(e.input_ids)
        ids[row, :n], attn[row, :n] = e.input_ids, 1
        if e.labels is not None:
            labels[row, :n] = e.labels
            slots += [(row, int(p)) for p in e.pose_slots]
    extra: dict[str, torch.Tensor] = {}
    for key in {k for e in items for k in e.extra}:
        if per_token(key):  # right-padded like input_ids
            extra[key] = torch.zeros((len(items), length), dtype=torch.long)
            for row, e in enumerate(items):
                extra[key][row, :len(e.input_ids)] = e.extra[key][0]
        else:  # image tensors of every sample are stacked along the image axis, as processors do
            extra[key] = torch.cat([e.extra[key] for e in items if key in e.extra], dim=0)
    targets = [e.pose_targets for e in items if e.pose_targets is not None]
    return {
        "input_ids": ids, "attention_mask": attn, "labels": labels, "extra": extra,
        "pose_slots": torch.tensor(slots, dtype=torch.long).reshape(-1, 2),
        "pose_targets": torch.from_numpy(np.concatenate(targets)) if targets
        else torch.zeros((0, 24, 3)),
        "pose_in": torch.from_numpy(np.concatenate([e.pose_in for e in items])),
    }
