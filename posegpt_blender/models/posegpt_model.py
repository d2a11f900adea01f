"""A PoseGPT checkpoint served: PoseGPT (models/posegpt.py) behind the worker's PoseModel
interface, loaded from a checkpoint folder (models/posegpt_checkpoint.py)."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from core.pose import SmplPose
from ..understanding.compose import keep_named_facts
from .base import NoPersonError, PoseResult
from .posegpt import PoseGPT
from .posegpt_chat import EDIT_POSE, IMAGE_TO_POSE, POSE_IN_TOKEN, POSE_TO_TEXT, TEXT_TO_POSE, Turn
from .posegpt_checkpoint import load_checkpoint


class PoseGPTModel:
    """A PoseGPT checkpoint behind the worker's PoseModel interface."""

    def __init__(self, net: PoseGPT, name: str, device: str, max_new_tokens: int) -> None:
        self.net, self.name, self.device, self.max_new_tokens = net, name, device, max_new_tokens

    @classmethod
    def from_checkpoint(cls, path: str | Path, device: str,
                        quantize: str | None = None) -> "PoseGPTModel":
        """Load a checkpoint folder (posegpt_checkpoint.json); bf16 on cuda, fp32 on cpu;
        quantize "4bit"/"8bit" (bitsandbytes, cuda) for the base model."""
        net, config = load_checkpoint(Path(path), device, quantize)
        model = cls(net, name=f"posegpt:{Path(path).name}", device=device,
                    max_new_tokens=config.max_new_tokens)
        model.details = {"dtype": "bfloat16" if device.startswith("cuda") else "float32",
                         "quantize": quantize or "none"}
        return model

    def pose_from_text(self, text: str, history: list[dict] | None = None,
                       pose: SmplPose | None = None, count: int = 1) -> PoseResult:
        """Pose from a description; pose (the rig's current one) makes it an edit request.
        Every pose of the answer is repaired to keep the facts the text names. Decoding is
        greedy, so count > 1 still answers one pose (said in the notes)."""
        prompt = EDIT_POSE.format(text=text) if pose is not None else TEXT_TO_POSE.format(text=text)
        turn = Turn("user", prompt, poses=[pose.rotations()] if pose is not None else [])
        result = self._answer(self._history(history) + [turn], needs_person=False)
        return keep_named_facts(result, text, count)

    def pose_from_image(self, image: np.ndarray, text: str = "",
                        history: list[dict] | None = None) -> PoseResult:
        """Pose of the person in an RGB uint8 (H, W, 3) image; text adds to the request."""
        image = np.asarray(image)
        if image.dtype != np.uint8 or image.ndim != 3 or image.shape[2] != 3:
            raise ValueError(f"image must be RGB uint8 (H, W, 3), got {image.dtype} {image.shape}")
        prompt = f"{IMAGE_TO_POSE} {text}".strip()
        return self._answer(self._history(history) + [Turn("user", prompt, image=image)],
                            needs_person=True)

    def describe(self, pose: SmplPose) -> str:
        """The pose in words, as the model puts it."""
        turn = Turn("user", POSE_TO_TEXT, poses=[pose.rotations()])
        return self.net.generate([turn], self.max_new_tokens).text

    @staticmethod
    def _history(history: list[dict] | None) -> list[Turn]:
        turns = []
        for item in history or []:
            pose = item.get("pose")
            # A turn's text may carry an earlier pose at <POSE_IN> (schema dict or SmplPose).
            poses = [] if pose is None else [
                (pose if isinstance(pose, SmplPose) else SmplPose.from_dict(pose)).rotations()]
            text = item["text"] if not poses or POSE_IN_TOKEN in item["text"] \
                else f"{item['text']} {POSE_IN_TOKEN}"
            turns.append(Turn("user" if item["role"] == "user" else "assistant", text,
                              poses=poses if item["role"] == "user" else []))
        return turns

    def _answer(self, turns: list[Turn], needs_person: bool) -> PoseResult:
        out = self.net.generate(turns, self.max_new_tokens)
        notes = []
        if out.forced:
            if needs_person:
                raise NoPersonError("the model found no person to pose"
                                    + (f": {out.text}" if out.text else ""))
            notes.append("the model answered without a <POSE> token; the pose was decoded at "
                         "the end of its answer")
        poses = [SmplPose.from_rotations(r) for r in out.rotvecs]
        return PoseResult(poses=poses, text=out.text, notes=notes)
