"""`import-chatpose SRC DST`: ChatPose's released checkpoint (original-LLaVA layout) turned into a
folder that transformers' LLaVA classes load, plus ChatPose's pose head and tokenizer.

The source is what ChatPose's merge script writes (a `save_pretrained` of its
`ChatPoseForCausalLM`, a LLaVA-1.5 Llama with a pose head): `config.json` (model_type "llava",
`mm_*` fields, `out_dim`), weight shards with a `*.index.json`, and a slow Llama tokenizer
(`tokenizer.model` + `added_tokens.json` with `[SEG]`). Its CLIP vision tower is not in the
shards (the merge script drops every "vision_tower" key; ChatPose loads CLIP from its own
folder), so the CLIP folder is a second input.

Tensors are streamed one shard at a time, so a 13B import needs one shard in memory, not 26 GB.
`.bin` shards are read with torch's weights-only loader (tensors and plain containers only;
no code from the file runs); safetensors shards are read directly.
"""
from __future__ import annotations

import json
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from .markers import CHATPOSE_MARKER

if TYPE_CHECKING:
    import torch

FORMAT = "posegpt-chatpose/1"
HEAD_FILE = "chatpose_head.safetensors"
SEG_TOKEN = "[SEG]"
IM_START, IM_END = "<im_start>", "<im_end>"
HEAD_PREFIX = "model.text_hidden_fcs.0."
OUT_DIM = 144  # 24 joints x 6D
SHARD_BYTES = 4 * 1024 ** 3
# Keys of the source that carry nothing the served model uses: SMPL-X's body-model buffers
# (licensed data ChatPose keeps inside its model), old Llama rotary caches, and the CLIP tower
# when a checkpoint does hold it (ChatPose itself loads CLIP from its own folder).
DROPPED = ("model.smplx.", "rotary_emb.inv_freq", "model.vision_tower.")


class ChatPoseImportError(ValueError):
    """The source folder is not a ChatPose checkpoint this importer understands (says why)."""


@dataclass
class ChatPoseInfo:
    """What chatpose.json holds: token ids and prompt settings the served model needs."""

    seg_token_id: int
    bos_token_id: int
    eos_token_id: int
    im_start_end: bool           # the image is wrapped in <im_start> ... <im_end>
    image_tokens: int            # CLIP patches per picture (576 for ViT-L/14 at 336 px)
    source: str = ""
    format: str = FORMAT


def read_info(folder: Path) -> ChatPoseInfo:
    """chatpose.json of an imported folder, with errors that name the file."""
    path = Path(folder) / CHATPOSE_MARKER
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        info = ChatPoseInfo(**data)
    except (OSError, json.JSONDecodeError, TypeError) as exc:
        raise ChatPoseImportError(f"{path}: cannot read ({exc})") from exc
    if info.format != FORMAT:
        raise ChatPoseImportError(f"{path}: format {info.format!r} is not {FORMAT!r}")
    return info


# -- reading the source ---------------------------------------------------------------------
def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ChatPoseImportError(f"{path}: cannot read ({exc})") from exc


def shard_files(src: Path) -> list[Path]:
    """The weight files of a checkpoint folder, in its index's order."""
    for index in ("model.safetensors.index.json", "pytorch_model.bin.index.json"):
        if (src / index).is_file():
            names = sorted(set(_read_json(src / index).get("weight_map", {}).values()))
            missing = [n for n in names if not (src / n).is_file()]
            if missing or not names:
                raise ChatPoseImportError(f"{src / index} names shards that are not in {src}: "
                                          f"{missing or 'none listed'} (download incomplete?)")
            return [src / n for n in names]
    for single in ("model.safetensors", "pytorch_model.bin"):
        if (src / single).is_file():
            return [src / single]
    raise ChatPoseImportError(f"{src} holds no weights (no *.index.json, model.safetensors or "
                              "pytorch_model.bin)")


def read_shard(path: Path) -> dict[str, torch.Tensor]:
    """All tensors of one shard (memory-mapped where the format allows)."""
    import torch

    if path.suffix == ".safetensors":
        from safetensors.torch import load_file
        return load_file(str(path))
    try:
        state = torch.load(str(path), map_location="cpu", weights_only=True, mmap=True)
    except Exception as exc:  # the weights-only loader refuses anything but tensors
        raise ChatPoseImportError(f"{path}: not a plain tensor file ({exc})") from exc
    if not isinstance(state, dict) or not all(isinstance(v, torch.Tensor) for v in state.values()):
        raise ChatPoseImportError(f"{path}: expected a name -> tensor mapping")
    return state


def _clip_tensors(clip: Path) -> Iterator[tuple[str, torch.Tensor]]:
    """The vision tower's tensors of a CLIP folder (full CLIPModel or CLIPVisionModel)."""
    for shard in shard_files(clip):
        for key, value in read_shard(shard).items():
            if key.startswith("vision_model."):
                yield key[len("vision_model."):], value


def clip_vision_config(clip: Path) -> dict:
    """The vision part of a CLIP folder's config.json."""
    config = _read_json(clip / "config.json")
    return config.get("vision_config", config) if config.get("model_type") == "clip" else config


# -- mapping ----------------------------------------------------------------------------------
def target_name(key: str) -> str | None:
    """transformers LLaVA's name for an original-LLaVA key; None for keys dropped or the head."""
    if key.startswith(DROPPED) or any(d in key for d in DROPPED) or key.startswith(HEAD_PREFIX):
        return None
    if key == "lm_head.weight":
        return key
    if key.startswith("model.mm_projector."):
        index, rest = key[len("model.mm_projector."):].split(".", 1)
        linear = {"0": "linear_1", "2": "linear_2"}.get(index)
        return None if linear is None else f"model.multi_modal_projector.{linear}.{rest}"
    if key.startswith("model."):
        return "model.language_model." + key[len("model."):]
    return None


def head_name(key: str) -> str | None:
    """The head's own name ("0.weight" ...) for a text_hidden_fcs key, else None."""
    return key[len(HEAD_PREFIX):] if key.startswith(HEAD_PREFIX) else None


def llava_config(config: dict, vision: dict) -> "object":
    """transformers' LlavaConfig for ChatPose's config.json and the CLIP tower's config."""
    from transformers import CLIPVisionConfig, LlamaConfig, LlavaConfig

    need = {"mm_projector_type": "mlp2x_gelu", "mm_vision_select_feature": "patch"}
    for field, value in need.items():
        if config.get(field, value) != value:
            raise ChatPoseImportError(f"config.json: {field} is {config.get(field)!r}; this "
                                      f"importer knows ChatPose's {value!r} only")
    if config.get("out_dim", OUT_DIM) != OUT_DIM:
        raise ChatPoseImportError(f"config.json: out_dim {config.get('out_dim')} is not "
                                  f"{OUT_DIM} (24 joints x 6D)")
    try:
        text = LlamaConfig(
            vocab_size=config["vocab_size"], hidden_size=config["hidden_size"],
            intermediate_size=config["intermediate_size"],
            num_hidden_layers=config["num_hidden_layers"],
            num_attention_heads=config["num_attention_heads"],
            num_key_value_heads=config.get("num_key_value_heads")
            or config["num_attention_heads"],
            hidden_act=config.get("hidden_act", "silu"),
            max_position_embeddings=config.get("max_position_embeddings", 4096),
            rms_norm_eps=config.get("rms_norm_eps", 1e-5),
            rope_theta=config.get("rope_theta", 10000.0),
            bos_token_id=config.get("bos_token_id", 1), eos_token_id=config.get("eos_token_id", 2),
            pad_token_id=config.get("pad_token_id", 0), tie_word_embeddings=False)
    except KeyError as exc:
        raise ChatPoseImportError(f"config.json lacks {exc}: not a ChatPose checkpoint") from exc
    vision_config = CLIPVisionConfig(**{k: v for k, v in vision.items()
                                        if k not in ("model_type", "architectures")})
    return LlavaConfig(text_config=text, vision_config=vision_config,
                       image_token_id=config["vocab_size"],  # unused: pictures are spliced in
                       vision_feature_layer=config.get("mm_vision_select_layer", -2),
                       vision_feature_select_strategy="default", projector_hidden_act="gelu",
                       image_seq_length=(vision_config.image_size // vision_config.patch_size) ** 2)


# -- tokenizer --------------------------------------------------------------------------------
def convert_tokenizer(src: Path) -> tuple["object", dict[str, int]]:
    """ChatPose's slow Llama tokenizer (tokenizer.model + added tokens) as a `tokenizers`
    Tokenizer that tokenises the same way, read with the sentencepiece library (no protobuf).

    As the slow tokenizer it splits added tokens out first and strips the whitespace around
    them, and each remaining piece of text takes SentencePiece's leading "▁".
    """
    import sentencepiece as spm
    from tokenizers import AddedToken, Tokenizer, decoders, models, normalizers

    model_file = src / "tokenizer.model"
    if not model_file.is_file():
        raise ChatPoseImportError(f"{model_file} is missing: ChatPose's tokenizer is a "
                                  "SentencePiece model")
    sp = spm.SentencePieceProcessor(model_file=str(model_file))
    vocab = {sp.id_to_piece(i): i for i in range(sp.get_piece_size())}
    merges = []
    for piece, pid in vocab.items():
        if sp.is_control(pid) or sp.is_unknown(pid) or sp.is_byte(pid):
            continue
        for cut in range(1, len(piece)):
            left, right = piece[:cut], piece[cut:]
            if left in vocab and right in vocab:
                merges.append((sp.get_score(pid), vocab[left], vocab[right], left, right))
    merges.sort(key=lambda m: (-m[0], m[1], m[2]))
    tok = Tokenizer(models.BPE(vocab=vocab, merges=[(m[3], m[4]) for m in merges],
                               unk_token=sp.id_to_piece(sp.unk_id()), fuse_unk=True,
                               byte_fallback=True))
    tok.normalizer = normalizers.Sequence([normalizers.Prepend("▁"),
                                           normalizers.Replace(" ", "▁")])
    tok.decoder = decoders.Sequence([decoders.Replace("▁", " "), decoders.ByteFallback(),
                                     decoders.Fuse(), decoders.Strip(" ", 1, 0)])
    tok.add_special_tokens([AddedToken(sp.id_to_piece(i), special=True, normalized=False)
                            for i in (sp.unk_id(), sp.bos_id(), sp.eos_id())])
    added = _added_tokens(src)
    for content, tid in sorted(added.items(), key=lambda kv: kv[1]):
        if tid != tok.get_vocab_size(with_added_tokens=True):
            raise ChatPoseImportError(f"{src}: added token {content!r} has id {tid}, expected "
                                      f"{tok.get_vocab_size(with_added_tokens=True)}")
        tok.add_tokens([AddedToken(content, lstrip=True, rstrip=True, normalized=False)])
    if SEG_TOKEN not in added:
        raise ChatPoseImportError(f"{src}: the tokenizer has no {SEG_TOKEN} token; not ChatPose")
    return tok, added


def _added_tokens(src: Path) -> dict[str, int]:
    """Tokens added to the SentencePiece vocabulary (added_tokens.json, or newer configs'
    added_tokens_decoder), base vocabulary excluded."""
    if (src / "added_tokens.json").is_file():
        return {str(k): int(v) for k, v in _read_json(src / "added_tokens.json").items()}
    config = _read_json(src / "tokenizer_config.json") if (src / "tokenizer_config.json"
                                                           ).is_file() else {}
    decoder = config.get("added_tokens_decoder", {})
    return {v["content"]: int(k) for k, v in decoder.items()
            if v["content"] not in ("<unk>", "<s>", "</s>")}


# -- import -----------------------------------------------------------------------------------
def import_chatpose(src: Path, dst: Path, vision_tower: Path | None = None,
                    progress: bool = True) -> Path:
    """Write dst from ChatPose's folder src and the CLIP folder vision_tower (default: the
    config's mm_vision_tower when that is a folder, else src/vision_tower)."""
    import torch
    from safetensors.torch import save_file
    from transformers import LlavaForConditionalGeneration

    src, dst = Path(src).expanduser(), Path(dst).expanduser()
    config = _read_json(src / "config.json")
    if config.get("model_type") != "llava" or "mm_vision_tower" not in config:
        raise ChatPoseImportError(f"{src / 'config.json'}: not an original-LLaVA checkpoint "
                                  "(model_type 'llava' with mm_vision_tower)")
    clip = _find_clip(src, config, vision_tower)
    llava = llava_config(config, clip_vision_config(clip))
    with torch.device("meta"):
        shapes = {k: v.shape for k, v in LlavaForConditionalGeneration(llava).state_dict().items()}
    tokenizer, added = convert_tokenizer(src)
    if dst.exists() and any(dst.iterdir()):
        raise ChatPoseImportError(f"{dst} exists and is not empty: give a new folder")
    dst.mkdir(parents=True, exist_ok=True)

    written: dict[str, str] = {}
    head: dict[str, torch.Tensor] = {}
    buffer: dict[str, torch.Tensor] = {}
    size = 0

    def flush() -> None:
        nonlocal buffer, size
        if buffer:
            name = f"model-{len(set(written.values())) + 1:05d}.safetensors"
            save_file({k: v.contiguous() for k, v in buffer.items()}, str(dst / name),
                      metadata={"format": "pt"})
            written.update({k: name for k in buffer})
            buffer, size = {}, 0

    def put(name: str, value: torch.Tensor, origin: str) -> None:
        nonlocal size
        if name not in shapes:
            raise ChatPoseImportError(f"{origin}: maps to {name}, which transformers' LLaVA "
                                      "does not have")
        if tuple(value.shape) != tuple(shapes[name]):
            raise ChatPoseImportError(f"{origin}: shape {tuple(value.shape)}, expected "
                                      f"{tuple(shapes[name])} for {name}")
        buffer[name] = value
        size += value.numel() * value.element_size()
        if size >= SHARD_BYTES:
            flush()

    shards = shard_files(src)
    for i, shard in enumerate(shards, 1):
        if progress:
            print(f"reading {shard.name} ({i}/{len(shards)})", flush=True)
        for key, value in read_shard(shard).items():
            if head_name(key) is not None:
                head[head_name(key)] = value.float()
                continue
            name = target_name(key)
            if name is None:
                if not key.startswith(DROPPED) and not any(d in key for d in DROPPED):
                    raise ChatPoseImportError(f"{shard.name}: unexpected tensor {key}")
                continue
            put(name, value, f"{shard.name}:{key}")
        flush()
    for key, value in _clip_tensors(clip):
        name = f"model.vision_tower.{key}"
        if name in shapes:  # position_ids buffers of older CLIP files are not weights
            put(name, value, f"{clip}:{key}")
    flush()
    missing = sorted(set(shapes) - set(written))
    if missing:
        raise ChatPoseImportError(f"{src}: no weights for {missing[:5]}"
                                  f"{' ...' if len(missing) > 5 else ''}")
    _check_head(head, src)
    save_file(head, str(dst / HEAD_FILE))
    (dst / "model.safetensors.index.json").write_text(json.dumps(
        {"metadata": {"source": str(src)}, "weight_map": written}, indent=1), encoding="utf-8")
    llava.save_pretrained(dst)
    tokenizer.save(str(dst / "tokenizer.json"))
    shutil.copy(clip / "preprocessor_config.json", dst / "preprocessor_config.json")
    seg = added[SEG_TOKEN]
    info = ChatPoseInfo(seg_token_id=seg, bos_token_id=llava.text_config.bos_token_id,
                        eos_token_id=llava.text_config.eos_token_id,
                        im_start_end=bool(config.get("mm_use_im_start_end", True)),
                        image_tokens=llava.image_seq_length, source=str(src))
    (dst / CHATPOSE_MARKER).write_text(json.dumps(asdict(info), indent=1), encoding="utf-8")
    return dst


def _find_clip(src: Path, config: dict, given: Path | None) -> Path:
    candidates = [Path(given).expanduser()] if given else [
        Path(config["mm_vision_tower"]).expanduser(), src / "vision_tower"]
    for path in candidates:
        if (path / "config.json").is_file() and (path / "preprocessor_config.json").is_file():
            return path
    raise ChatPoseImportError(
        f"ChatPose's checkpoint does not hold its CLIP vision tower ({config['mm_vision_tower']}"
        f"); looked in {', '.join(str(c) for c in candidates)}. Get that folder (`python -m "
        "posegpt_blender models download clip-vit-large-patch14-336`) and pass "
        "--vision-tower FOLDER.")


def _check_head(head: dict[str, torch.Tensor], src: Path) -> None:
    want = {"0.weight", "0.bias", "2.weight", "2.bias"}
    if set(head) != want:
        raise ChatPoseImportError(f"{src}: pose head tensors {sorted(head)}, expected "
                                  f"{HEAD_PREFIX}{{0,2}}.{{weight,bias}}")
    if head["2.weight"].shape[0] != OUT_DIM:
        raise ChatPoseImportError(f"{src}: pose head outputs {head['2.weight'].shape[0]} "
                                  f"values, expected {OUT_DIM}")
