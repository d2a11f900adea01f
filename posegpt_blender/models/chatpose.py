"""ChatPose's published model (an imported folder, see chatpose_import.py) behind the worker's
PoseModel interface.

What is ChatPose's, kept: its llava_v1 prompt (system line, "USER: ... ASSISTANT:", "</s>" after
answers), the picture as `<im_start><image><im_end>\\n` before the request, CLIP's own
preprocessing (shortest side to 336, centre crop), greedy answers up to 512 tokens, the pose
read from the last hidden state that emits `[SEG]` through its head (Linear-ReLU-Linear to
24 x 6D, HMR2's 6D: the two 3-vectors are matrix columns).
What is not inherited: every `[SEG]` in an answer is decoded (ChatPose keeps the last only);
its joints 22-23 (trained on finger joints) are set to rest; its root orientation, in a
y-down camera frame, is turned into SMPL's (+Y up, facing +Z); the head runs in fp32 whatever
the language model's precision; the KV cache is on (ChatPose's config turns it off; the answer
is the same).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import torch

from core.describe import describe as describe_pose
from core.pose import SmplPose
from core.rotations import matrix_to_axis_angle
from core.skeleton import NUM_JOINTS
from ..body.kinematics import sixd_to_matrix
from ..understanding.compose import keep_named_facts
from .base import NoPersonError, PoseResult
from .chatpose_import import HEAD_FILE, IM_END, IM_START, SEG_TOKEN, read_info

SYSTEM = ("A chat between a curious human and an artificial intelligence assistant. "
          "The assistant gives helpful, detailed, and polite answers to the human's questions.")
ROLES = {"user": "USER", "assistant": "ASSISTANT"}
SEPARATORS = {"user": " ", "assistant": "</s>"}
IMAGE = "<image>"
IMAGE_SLOT = -200          # ChatPose's placeholder id for the picture's features
POSE_IN_TEXT = "[POSE]"    # how ChatPose shows [SEG] in its answers' text
MAX_NEW_TOKENS = 512       # ChatPose's main_chat
# ChatPose's root frame is a camera's (y down, z away from the viewer): a person standing and
# facing the viewer has global orientation diag(1, -1, -1). This turns it into SMPL's frame.
ROOT_FROM_CHATPOSE = np.diag([1.0, -1.0, -1.0])
BODY_JOINTS = 22           # joints 22-23 (hands) were trained on finger joints: set to rest


def render_prompt(turns: list[tuple[str, str]]) -> str:
    """ChatPose's llava_v1 conversation, ending where the assistant's answer starts."""
    text = SYSTEM + " "
    for role, message in turns:
        text += f"{ROLES[role]}: {message}{SEPARATORS[role]}"
    return text + f"{ROLES['assistant']}:"


def image_request(text: str, im_start_end: bool) -> str:
    """The user message carrying the picture, as ChatPose writes it."""
    image = f"{IM_START}{IMAGE}{IM_END}" if im_start_end else IMAGE
    return f"{image}\n{text}"


def tokenize(tokenizer: Any, prompt: str, bos: int) -> list[int]:
    """ChatPose's tokenizer_image_token: each text piece between pictures tokenised on its own,
    one start token in front, IMAGE_SLOT where each picture goes."""
    ids = [bos]
    for i, chunk in enumerate(prompt.split(IMAGE)):
        if i:
            ids.append(IMAGE_SLOT)
        ids.extend(tokenizer.encode(chunk, add_special_tokens=False).ids)
    return ids


def chatpose_rotations(sixd: torch.Tensor) -> np.ndarray:
    """(P, 144) head outputs -> (P, 24, 3) axis-angle in SMPL's frame, hands at rest."""
    rot = sixd_to_matrix(sixd.float().reshape(-1, NUM_JOINTS, 6)).double().cpu().numpy()
    rot[:, 0] = ROOT_FROM_CHATPOSE @ rot[:, 0]
    rot[:, BODY_JOINTS:] = np.eye(3)
    return matrix_to_axis_angle(rot)


def _plain(text: str) -> str:
    """A user's or an earlier answer's text without the picture placeholder: only the request
    that sends a picture may hold one."""
    return text.replace(IMAGE, "")


class ChatPoseNet(torch.nn.Module):
    """The imported model: transformers' LLaVA, ChatPose's head and tokenizer."""

    def __init__(self, lm: Any, head: torch.nn.Module, tokenizer: Any, processor: Any,
                 info: Any) -> None:
        super().__init__()
        self.lm, self.head, self.tokenizer, self.processor, self.info = (lm, head, tokenizer,
                                                                         processor, info)

    @property
    def device(self) -> torch.device:
        return self.head[0].weight.device

    def _embeddings(self, ids: list[int], image: np.ndarray | None) -> torch.Tensor:
        tokens = torch.tensor(ids, device=self.device)
        slots = tokens == IMAGE_SLOT
        embed = self.lm.get_input_embeddings()
        embeds = embed(tokens.clamp_min(0))
        if int(slots.sum()) != (image is not None):
            raise ValueError("one picture per conversation, in the request that sends it")
        if image is None:
            return embeds[None]
        pixels = self.processor(images=image, return_tensors="pt")["pixel_values"]
        features = self.lm.model.get_image_features(
            pixel_values=pixels.to(self.device, self.lm.dtype),
            vision_feature_layer=self.lm.config.vision_feature_layer,
            vision_feature_select_strategy="default").pooler_output[0].to(embeds.dtype)
        at = int(torch.nonzero(slots)[0])
        return torch.cat([embeds[:at], features, embeds[at + 1:]])[None]

    @torch.no_grad()
    def generate(self, ids: list[int], image: np.ndarray | None,
                 max_new_tokens: int = MAX_NEW_TOKENS) -> tuple[list[int], list[torch.Tensor],
                                                                torch.Tensor]:
        """Greedy answer: its token ids, the states that emitted each [SEG], and the state at
        the end of the answer (where a pose is read when there is no [SEG])."""
        from transformers import DynamicCache

        decoder, head_in = self.lm.model.language_model, self.lm.lm_head
        cache = DynamicCache()
        states = decoder(inputs_embeds=self._embeddings(ids, image), cache=cache,
                         use_cache=True).last_hidden_state[:, -1]
        new: list[int] = []
        seg: list[torch.Tensor] = []
        end = states
        while len(new) < max_new_tokens:
            next_id = int(head_in(states).float().argmax(-1))
            if next_id == self.info.eos_token_id:
                end = states
                break
            new.append(next_id)
            if next_id == self.info.seg_token_id:
                seg.append(states)
            step = self.lm.get_input_embeddings()(torch.tensor([[next_id]], device=self.device))
            states = decoder(inputs_embeds=step, cache=cache,
                             use_cache=True).last_hidden_state[:, -1]
            end = states
        return new, seg, end

    @torch.no_grad()
    def poses(self, states: list[torch.Tensor]) -> np.ndarray:
        """(P, 24, 3) axis-angle from the states that emitted [SEG]."""
        return chatpose_rotations(self.head(torch.cat(states).float()))


class ChatPoseModel:
    """ChatPose's checkpoint (imported) behind the PoseModel interface."""

    def __init__(self, net: ChatPoseNet, name: str, device: str, details: dict[str, Any],
                 max_new_tokens: int = MAX_NEW_TOKENS) -> None:
        self.net, self.name, self.device, self.details = net, name, device, details
        self.max_new_tokens = max_new_tokens

    @classmethod
    def load(cls, folder: str | Path, device: str, quantize: str | None = None
             ) -> "ChatPoseModel":
        """Load an imported folder: bf16 on cuda, fp32 on cpu, or 4/8-bit (bitsandbytes, cuda
        only) with the vision tower, projector, LM head and pose head unquantised."""
        from safetensors.torch import load_file
        from tokenizers import Tokenizer
        from transformers import CLIPImageProcessorPil, LlavaForConditionalGeneration

        folder = Path(folder)
        info = read_info(folder)
        dtype = torch.bfloat16 if device.startswith("cuda") else torch.float32
        kwargs: dict[str, Any] = {"dtype": dtype, "device_map": device}
        if quantize:
            from .quantize import bnb_config
            kwargs["quantization_config"] = bnb_config(quantize, dtype)
        lm = LlavaForConditionalGeneration.from_pretrained(folder, **kwargs).eval()
        state = load_file(str(folder / HEAD_FILE))
        hidden = state["0.weight"].shape[1]
        head = torch.nn.Sequential(torch.nn.Linear(hidden, hidden), torch.nn.ReLU(),
                                   torch.nn.Linear(hidden, state["2.weight"].shape[0]))
        head.load_state_dict(state)
        head = head.to(device).eval()
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        processor = CLIPImageProcessorPil.from_pretrained(folder)
        net = ChatPoseNet(lm, head, tokenizer, processor, info)
        details = {"dtype": str(dtype).removeprefix("torch."), "quantize": quantize or "none"}
        return cls(net, name=f"chatpose:{folder.name}", device=device, details=details)

    # -- PoseModel ------------------------------------------------------------------------
    def pose_from_text(self, text: str, history: list[dict] | None = None,
                       pose: SmplPose | None = None, count: int = 1) -> PoseResult:
        """Pose from a description; pose (the rig's current one) goes in as words, as ChatPose
        reads no pose input. Every pose is repaired to keep the facts the request names;
        decoding is greedy, so count > 1 still answers one pose (said in the notes)."""
        request = _plain(text)
        text = request
        if pose is not None:
            text = f"The person's current pose: {describe_pose(pose)} Change it: {text}"
        turns = self._history(history) + [("user", text)]
        return keep_named_facts(self._answer(turns, image=None), request, count)

    def pose_from_image(self, image: np.ndarray, text: str = "",
                        history: list[dict] | None = None) -> PoseResult:
        """Pose of the person in an RGB uint8 (H, W, 3) picture (ChatPose's request wording
        when text is empty)."""
        image = np.asarray(image)
        if image.dtype != np.uint8 or image.ndim != 3 or image.shape[2] != 3:
            raise ValueError(f"image must be RGB uint8 (H, W, 3), got {image.dtype} {image.shape}")
        request = _plain(text).strip() or "Can you predict the SMPL pose of the person in this image?"
        turns = self._history(history) + [
            ("user", image_request(request, self.net.info.im_start_end))]
        return self._answer(turns, image=image)

    def describe(self, pose: SmplPose) -> str:
        """The pose in words (the project's captioner: ChatPose reads no pose input)."""
        return describe_pose(pose)

    # -- helpers ----------------------------------------------------------------------------
    @staticmethod
    def _history(history: list[dict] | None) -> list[tuple[str, str]]:
        turns = []
        for item in history or []:
            role = "user" if item["role"] == "user" else "assistant"
            # Our answers show [SEG] as [POSE]; the model reads its own token back.
            text = _plain(item["text"])
            if role == "assistant":
                text = text.replace(POSE_IN_TEXT, SEG_TOKEN)
            turns.append((role, text))
        return turns

    def prompt_ids(self, turns: list[tuple[str, str]]) -> list[int]:
        return self.prompt_ids_for(render_prompt(turns))

    def prompt_ids_for(self, prompt: str) -> list[int]:
        return tokenize(self.net.tokenizer, prompt, self.net.info.bos_token_id)

    def _answer(self, turns: list[tuple[str, str]], image: np.ndarray | None) -> PoseResult:
        new, seg, end = self.net.generate(self.prompt_ids(turns), image, self.max_new_tokens)
        text = self.net.tokenizer.decode(new, skip_special_tokens=False)
        text = text.replace(SEG_TOKEN, POSE_IN_TEXT).strip()
        notes = []
        if not seg:
            if image is not None:
                raise NoPersonError("the model found no person to pose"
                                    + (f": {text}" if text else ""))
            notes.append(f"the model answered without {SEG_TOKEN}; the pose was decoded at the "
                         "end of its answer")
            seg = [end]
        poses = [SmplPose.from_rotations(r) for r in self.net.poses(seg)]
        return PoseResult(poses=poses, text=text, notes=notes)
