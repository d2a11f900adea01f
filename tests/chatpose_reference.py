"""A small reference of ChatPose's inference, written from its published code (yfeng95/PoseGPT:
main_chat.py, model/chatpose.py `evaluate`, model/llava/llava_arch.py, mm_utils.py,
model/smpl/rotation_converter.py) and run on the ORIGINAL checkpoint folder, for tests of the
importer and the served model. It keeps ChatPose's own ways on purpose: the slow tokenizer
(SentencePiece per text piece, added tokens split out with the whitespace around them
stripped), no KV cache (its config says use_cache false: every step reads the whole sequence),
the pose read from the last step's final hidden states through the [SEG] mask (prompt
positions masked, shifted by the picture's extra positions), the LAST [SEG] only, HMR2's 6D,
the raw root in ChatPose's frame and all 24 joints.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import torch

SYSTEM = ("A chat between a curious human and an artificial intelligence assistant. "
          "The assistant gives helpful, detailed, and polite answers to the human's questions.")
IMAGE_TOKEN_INDEX = -200


class ChatPoseReference:
    def __init__(self, src: Path, clip: Path) -> None:
        import sentencepiece as spm
        from transformers import (CLIPImageProcessorPil, CLIPVisionModel, LlamaConfig,
                                  LlamaForCausalLM)

        src = Path(src)
        config = json.loads((src / "config.json").read_text())
        self.sp = spm.SentencePieceProcessor(model_file=str(src / "tokenizer.model"))
        self.added = json.loads((src / "added_tokens.json").read_text())
        self.seg = self.added["[SEG]"]
        state: dict[str, torch.Tensor] = {}
        index = json.loads((src / "pytorch_model.bin.index.json").read_text())
        for name in sorted(set(index["weight_map"].values())):
            state.update(torch.load(src / name, map_location="cpu", weights_only=True))
        self.llama = LlamaForCausalLM(LlamaConfig(
            vocab_size=config["vocab_size"], hidden_size=config["hidden_size"],
            intermediate_size=config["intermediate_size"],
            num_hidden_layers=config["num_hidden_layers"],
            num_attention_heads=config["num_attention_heads"],
            num_key_value_heads=config["num_key_value_heads"],
            rms_norm_eps=config["rms_norm_eps"], tie_word_embeddings=False)).eval()
        llama_keys = set(self.llama.state_dict())
        self.llama.load_state_dict({k: v for k, v in state.items() if k in llama_keys})
        h = config["hidden_size"]
        self.mm_projector = torch.nn.Sequential(
            torch.nn.Linear(config["mm_hidden_size"], h), torch.nn.GELU(), torch.nn.Linear(h, h))
        self.mm_projector.load_state_dict({k[len("model.mm_projector."):]: v for k, v in
                                           state.items() if k.startswith("model.mm_projector.")})
        self.text_hidden_fcs = torch.nn.Sequential(
            torch.nn.Linear(h, h), torch.nn.ReLU(inplace=True), torch.nn.Linear(h, 144),
            torch.nn.Dropout(0.0))
        self.text_hidden_fcs.load_state_dict(
            {k[len("model.text_hidden_fcs.0."):]: v for k, v in state.items()
             if k.startswith("model.text_hidden_fcs.0.")})
        self.text_hidden_fcs.eval()
        # ChatPose's CLIPVisionTower.load_model: CLIP from its own folder, its image processor.
        self.clip = CLIPVisionModel.from_pretrained(clip).eval()
        self.processor = CLIPImageProcessorPil.from_pretrained(clip)
        self.select_layer = config["mm_vision_select_layer"]

    # -- the slow Llama tokenizer of transformers 4.31 (legacy) ----------------------------
    def _tokenize(self, text: str) -> list[int]:
        specials = {"<s>": 1, "</s>": 2, "<unk>": 0}
        table = {**specials, **self.added}
        pattern = "(" + "|".join(re.escape(t) for t in sorted(table, key=len, reverse=True)) + ")"
        parts = [p for p in re.split(pattern, text)]
        for i, part in enumerate(parts):
            if part in self.added:  # non-special added tokens strip both neighbours
                if i > 0:
                    parts[i - 1] = parts[i - 1].rstrip()
                if i + 1 < len(parts):
                    parts[i + 1] = parts[i + 1].lstrip()
        ids = [1]  # add_bos_token
        for part in parts:
            if not part:
                continue
            ids.extend([table[part]] if part in table else self.sp.encode(part))
        return ids

    def tokenizer_image_token(self, prompt: str) -> list[int]:
        chunks = [self._tokenize(c) for c in prompt.split("<image>")]
        ids = [chunks[0][0]]
        for i, chunk in enumerate(chunks):
            if i:
                ids.append(IMAGE_TOKEN_INDEX)
            ids.extend(chunk[1:])
        return ids

    @staticmethod
    def prompt(messages: list[tuple[str, str]]) -> str:
        """conv_llava_v1 (SeparatorStyle.TWO) with the assistant's turn open."""
        text = SYSTEM + " "
        for i, (role, message) in enumerate(messages):
            text += f"{role}: {message}" + (" " if i % 2 == 0 else "</s>")
        return text + "ASSISTANT:"

    # -- llava_arch.prepare_inputs_labels_for_multimodal -----------------------------------
    def _embeds(self, ids: list[int], image: np.ndarray | None) -> torch.Tensor:
        embed = self.llama.model.embed_tokens
        tokens = torch.tensor(ids)
        if image is None:
            return embed(tokens)[None]
        pixels = self.processor(images=image, return_tensors="pt")["pixel_values"]
        out = self.clip(pixels, output_hidden_states=True)
        features = self.mm_projector(out.hidden_states[self.select_layer][:, 1:])[0]
        at = int((tokens == IMAGE_TOKEN_INDEX).nonzero()[0])
        return torch.cat([embed(tokens[:at]), features, embed(tokens[at + 1:])])[None]

    @torch.no_grad()
    def evaluate(self, messages: list[tuple[str, str]], image: np.ndarray | None,
                 max_new_tokens: int) -> tuple[list[int], np.ndarray | None]:
        """(new token ids, eos included when generated; the last [SEG]'s (24, 3, 3) rotations
        as ChatPose returns them, or None)."""
        input_ids = self.tokenizer_image_token(self.prompt(messages))
        output_ids = list(input_ids)
        last_hidden = None
        for _ in range(max_new_tokens):  # greedy, use_cache False
            embeds = self._embeds(output_ids, image)
            out = self.llama.model(inputs_embeds=embeds, output_hidden_states=True)
            last_hidden = out.hidden_states[-1]
            token = int(self.llama.lm_head(last_hidden[:, -1]).argmax(-1))
            output_ids.append(token)
            if token == 2:
                break
        seg_mask = torch.tensor(output_ids[1:]) == self.seg
        seg_mask[:len(input_ids)] = False
        if IMAGE_TOKEN_INDEX in input_ids:
            image_embeds_len = last_hidden.shape[1] - (len(output_ids) - 1)
            seg_mask = torch.cat([torch.zeros(image_embeds_len, dtype=torch.bool), seg_mask])
        pred = self.text_hidden_fcs(last_hidden[0][seg_mask])
        new = output_ids[len(input_ids):]
        if len(pred) == 0:
            return new, None
        return new, rot6d_to_rotmat_hmr2(pred[-1:].view(-1, 24, 6)).view(-1, 24, 3, 3).numpy()


def rot6d_to_rotmat_hmr2(x: torch.Tensor) -> torch.Tensor:
    """HMR2's 6D: (..., 6) read as two 3-vectors that become the matrix's first two columns."""
    x = x.reshape(-1, 2, 3).permute(0, 2, 1)
    b1 = torch.nn.functional.normalize(x[:, :, 0], dim=1)
    a2 = x[:, :, 1]
    b2 = torch.nn.functional.normalize(a2 - (b1 * a2).sum(-1, keepdim=True) * b1, dim=1)
    b3 = torch.cross(b1, b2, dim=-1)
    return torch.stack((b1, b2, b3), dim=-1)
