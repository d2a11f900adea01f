"""PoseGPT: any image-text-to-text model from a local folder + a <POSE> token decoded to SMPL.

The wrapped model is used as transformers builds it; two forward hooks make it PoseGPT:
- on the input embedding: the added tokens take their own trainable embeddings, and each
  `<POSE_IN>` takes the projection of an input pose (the rig's pose, for edits);
- on the LM head: the added tokens' logits come from their own trainable output rows, and the
  head's input (the last hidden state) is kept for the pose head.
As in ChatPose/LISA, a `<POSE>`'s pose is decoded from the hidden state that emits it, so
generation needs no extra forward pass. Base weights stay frozen; LoRA (peft) adapts the
decoder's projections.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator

import numpy as np
import torch

from core.rotations import matrix_to_axis_angle as np_matrix_to_axis_angle
from core.skeleton import NUM_JOINTS
from ..body.kinematics import Skeleton, axis_angle_to_matrix, matrix_to_sixd
from .pose_head import POSE_TOKEN, PoseHead
from .posegpt_chat import IGNORE, POSE_IN_TOKEN, Encoded, TokenIds, Turn, encode, per_token

NEW_TOKENS = (POSE_TOKEN, POSE_IN_TOKEN)


@dataclass
class LossWeights:
    """text: answer cross-entropy; rotation: MSE of rotation matrices; joints: mean joint
    distance (m) after forward kinematics. ChatPose weighs text 1.0 and rotations 0.1."""

    text: float = 1.0
    rotation: float = 0.1
    joints: float = 1.0


@dataclass
class Generated:
    """A generated answer: its text (added tokens removed), token ids and decoded poses."""

    text: str
    token_ids: list[int]
    rotvecs: np.ndarray  # (P, 24, 3) axis-angle, one per <POSE>
    forced: bool         # the answer had no <POSE>; one was decoded at its end


class PoseInProjector(torch.nn.Module):
    """SMPL 24 x 6D -> one embedding in the model's input space."""

    def __init__(self, hidden_size: int) -> None:
        super().__init__()
        self.mlp = torch.nn.Sequential(torch.nn.Linear(NUM_JOINTS * 6, hidden_size),
                                       torch.nn.GELU(), torch.nn.Linear(hidden_size, hidden_size))

    def forward(self, rotvecs: torch.Tensor) -> torch.Tensor:
        """(N, 24, 3) axis-angle -> (N, hidden)."""
        return self.mlp(matrix_to_sixd(axis_angle_to_matrix(rotvecs)).flatten(1))


class PoseGPT(torch.nn.Module):
    """A loaded base model (processor + LM) turned into PoseGPT; see the module docstring."""

    def __init__(self, lm: Any, processor: Any) -> None:
        super().__init__()
        tokenizer = processor.tokenizer
        tokenizer.add_special_tokens({"additional_special_tokens": list(NEW_TOKENS)})
        new_ids = [tokenizer.convert_tokens_to_ids(t) for t in NEW_TOKENS]
        # Padded vocabularies (Qwen) already have rows for them; otherwise grow the matrices.
        if max(new_ids) >= lm.get_input_embeddings().num_embeddings:
            lm.resize_token_embeddings(len(tokenizer), mean_resizing=False)
        self.lm, self.processor = lm, processor
        image_token = getattr(processor, "image_token", None)
        pad = tokenizer.pad_token_id
        self.ids = TokenIds(pose=new_ids[0], pose_in=new_ids[1],
                            pad=tokenizer.eos_token_id if pad is None else pad,
                            image=tokenizer.convert_tokens_to_ids(image_token)
                            if image_token else None)
        embed_in, embed_out = lm.get_input_embeddings(), lm.get_output_embeddings()
        hidden = embed_in.embedding_dim
        with torch.no_grad():
            mean_in = embed_in.weight[:min(new_ids)].float().mean(0)
            mean_out = embed_out.weight[:min(new_ids)].float().mean(0)
        self.new_in = torch.nn.Parameter(mean_in.repeat(len(new_ids), 1))
        self.new_out = torch.nn.Parameter(mean_out.repeat(len(new_ids), 1))
        self.head = PoseHead(hidden)
        self.projector = PoseInProjector(hidden)
        self.skeleton = Skeleton()
        slot = torch.full((embed_in.num_embeddings,), -1, dtype=torch.long)
        slot[new_ids] = torch.arange(len(new_ids))
        self.register_buffer("new_slot", slot, persistent=False)
        self.register_buffer("new_ids", torch.tensor(new_ids), persistent=False)
        self._pose_in: torch.Tensor | None = None
        self._hidden: list[torch.Tensor] | None = None
        # The last answer's KV cache and the token ids it holds: the next turn of the same
        # conversation starts with them, so only its new tokens are read (text-only prompts).
        self._kv: tuple[list[int], Any] | None = None
        embed_in.register_forward_hook(self._embed_hook)
        embed_out.register_forward_hook(self._head_hook)

    # -- hooks ---------------------------------------------------------------------------
    def _embed_hook(self, _module: torch.nn.Module, args: tuple,
                    out: torch.Tensor) -> torch.Tensor:
        ids = args[0]
        slot = self.new_slot[ids]
        own = self.new_in[slot.clamp_min(0)].to(out.dtype)
        out = torch.where((slot >= 0)[..., None], own, out)
        at = ids == self.ids.pose_in
        if bool(at.any()):
            if self._pose_in is None or len(self._pose_in) != int(at.sum()):
                raise ValueError(f"{int(at.sum())} {POSE_IN_TOKEN} tokens but "
                                 f"{0 if self._pose_in is None else len(self._pose_in)} poses")
            out = out.masked_scatter(at[..., None], self._pose_in.to(out.dtype))
        return out

    def _head_hook(self, _module: torch.nn.Module, args: tuple,
                   out: torch.Tensor) -> torch.Tensor:
        hidden = args[0]
        if self._hidden is not None:
            self._hidden.append(hidden)
        new_logits = (hidden @ self.new_out.to(hidden.dtype).T).to(out.dtype)
        return out.index_copy(-1, self.new_ids, new_logits)

    @contextmanager
    def _taps(self, pose_in: torch.Tensor) -> Iterator[list[torch.Tensor]]:
        """Within: <POSE_IN> embeddings come from pose_in; LM-head inputs are collected."""
        self._pose_in, self._hidden = (self.projector(pose_in) if len(pose_in) else None), []
        try:
            yield self._hidden
        finally:
            self._pose_in, self._hidden = None, None

    # -- training ------------------------------------------------------------------------
    @property
    def device(self) -> torch.device:
        return self.new_in.device

    def trainable_state(self) -> dict[str, torch.Tensor]:
        """Everything PoseGPT adds besides LoRA: head, projector, new token rows."""
        state = {"new_in": self.new_in, "new_out": self.new_out}
        for name in ("head", "projector"):
            state.update({f"{name}.{k}": v for k, v in getattr(self, name).state_dict().items()})
        return state

    def forward(self, batch: dict[str, Any], weights: LossWeights) -> dict[str, torch.Tensor]:
        """Loss terms and their weighted sum ("loss") for a collated training batch (forward,
        so that accelerate's DDP wrapper can call it)."""
        dev = self.device
        extra = {k: v.to(dev) for k, v in batch["extra"].items()}
        if "pixel_values" in extra:
            extra["pixel_values"] = extra["pixel_values"].to(self.lm.dtype)
        labels = batch["labels"].to(dev)
        # Logits only where the next token is an answer token: the rest would be discarded.
        keep = torch.nonzero((labels[:, 1:] != IGNORE).any(0)).flatten()
        with self._taps(batch["pose_in"].to(dev)) as hidden:
            logits = self.lm(input_ids=batch["input_ids"].to(dev), logits_to_keep=keep,
                             attention_mask=batch["attention_mask"].to(dev), **extra).logits
            last = hidden[-1]
        text = torch.nn.functional.cross_entropy(logits.flatten(0, 1).float(),
                                                 labels[:, keep + 1].flatten(), ignore_index=IGNORE)
        terms = {"text": text}
        slots = batch["pose_slots"].to(dev)
        if len(slots):
            # The state one step before <POSE> is the one that emits it.
            at = torch.searchsorted(keep, slots[:, 1] - 1)
            rot = self.head(last[slots[:, 0], at].float())
            target = axis_angle_to_matrix(batch["pose_targets"].to(dev).float())
            terms["rotation"] = torch.nn.functional.mse_loss(rot, target)
            terms["joints"] = (self.skeleton(rot) - self.skeleton(target)).norm(dim=-1).mean()
        terms["loss"] = sum(getattr(weights, k) * v for k, v in terms.items())
        return terms

    # -- inference -----------------------------------------------------------------------
    @torch.no_grad()
    def generate(self, turns: list[Turn], max_new_tokens: int = 64) -> Generated:
        """Greedy answer to the conversation's last user turn (KV cache on), with its poses."""
        enc = encode(self.processor, turns, self.ids, train=False)
        prompt = self._inputs(enc)
        ids = prompt["input_ids"][0].tolist()
        past = self._reusable_cache(ids, prompt)
        with self._taps(torch.from_numpy(enc.pose_in).to(self.device)) as hidden:
            out = self.lm.generate(**prompt, max_new_tokens=max_new_tokens, do_sample=False,
                                   use_cache=True, num_beams=1, cache=past,
                                   return_dict_in_generate=True,
                                   suppress_tokens=[self.ids.pose_in] +
                                   ([self.ids.image] if self.ids.image is not None else []))
            steps = [h[:, -1].float() for h in hidden]
        new = out.sequences[0, len(ids):].tolist()
        # The cache now holds the prompt and every generated token but the last.
        self._kv = (ids + new[:-1], out.cache) if self._cacheable(ids, prompt) \
            else None
        if len(steps) != len(new):
            raise RuntimeError(f"{type(self.lm).__name__} ran its LM head {len(steps)} times for "
                               f"{len(new)} tokens; PoseGPT needs one call per generated token")
        states = [steps[i] for i, tok in enumerate(new) if tok == self.ids.pose]
        forced = not states
        if forced:
            states = [self._state_after(enc, prompt, new)]
        rot = self.head(torch.cat(states))
        text = self.processor.tokenizer.decode(new, skip_special_tokens=True).strip()
        rotvecs = np_matrix_to_axis_angle(rot.double().cpu().numpy())
        return Generated(text=text, token_ids=new, rotvecs=rotvecs, forced=forced)

    def _cacheable(self, ids: list[int], prompt: dict[str, torch.Tensor]) -> bool:
        """Text only: image features and <POSE_IN> embeddings are injected by position, which
        a cached prefix would shift."""
        return "pixel_values" not in prompt and self.ids.pose_in not in ids

    def _reusable_cache(self, ids: list[int], prompt: dict[str, torch.Tensor]) -> Any:
        """The last answer's cache cropped to the prefix it shares with ids, or None."""
        if self._kv is None or not self._cacheable(ids, prompt):
            return None
        held, cache = self._kv
        self._kv = None  # generate extends the cache in place: it is used once
        shared = 0
        for a, b in zip(held, ids[:-1]):  # the last prompt token is always read anew
            if a != b:
                break
            shared += 1
        if shared == 0 or not cache.is_croppable or cache.get_seq_length() != len(held):
            return None
        cache.crop(shared - len(held))  # a negative count: the tokens to drop from the end
        return cache

    def _inputs(self, enc: Encoded) -> dict[str, torch.Tensor]:
        ids = enc.input_ids[None].to(self.device)
        extra = {k: v.to(self.device) for k, v in enc.extra.items()}
        if "pixel_values" in extra:
            extra["pixel_values"] = extra["pixel_values"].to(self.lm.dtype)
        return {"input_ids": ids, "attention_mask": torch.ones_like(ids), **extra}

    def _state_after(self, enc: Encoded, prompt: dict[str, torch.Tensor],
                     new: list[int]) -> torch.Tensor:
        """The hidden state that would emit a <POSE> after the answer (its end token dropped)."""
        eos = self.lm.generation_config.eos_token_id
        eos = set(eos if isinstance(eos, list) else [eos])
        while new and new[-1] in eos:
            new = new[:-1]
        tail = torch.tensor(new, dtype=torch.long, device=self.device)[None]
        ids = torch.cat([prompt["input_ids"], tail], dim=1)
        inputs = {**prompt, "input_ids": ids, "attention_mask": torch.ones_like(ids)}
        for key in filter(per_token, prompt):  # the answer's tokens are text
            inputs[key] = torch.cat([prompt[key], torch.zeros_like(tail)], dim=1)
        with self._taps(torch.from_numpy(enc.pose_in).to(self.device)) as hidden:
            self.lm(**inputs)
            return hidden[-1][:, -1].float()
