"""A tiny random ChatPose checkpoint in exactly the layout ChatPose's merge script writes, and a
tiny CLIP folder in the layout of openai/clip-vit-large-patch14-336, built offline.

Layout (the real one: LLaVA-1.5-13B, 3 shards): `config.json` (original LLaVA's model_type
"llava" with `mm_*` fields, LISA's `out_dim`, `use_cache` false), `generation_config.json`,
`pytorch_model-0000N-of-00003.bin` + `pytorch_model.bin.index.json`, and the slow Llama
tokenizer: `tokenizer.model` (SentencePiece BPE with byte fallback), `tokenizer_config.json`,
`special_tokens_map.json`, `added_tokens.json` ([SEG], <im_start>, <im_end>). Weight names are
original LLaVA's (`model.layers.N...`, `model.mm_projector.0/2`, `lm_head`), the pose head's
`model.text_hidden_fcs.0.{0,2}`, SMPL-X body-model buffers under `model.smplx.` and the old
rotary `inv_freq` buffers; no vision tower (the merge script drops it).
"""
from __future__ import annotations

import io
import json
from pathlib import Path

import torch

SENTENCES = [
    "A chat between a curious human and an artificial intelligence assistant.",
    "The assistant gives helpful, detailed, and polite answers to the human's questions.",
    "USER: ASSISTANT: Sure, it is the SMPL pose. Can you predict the SMPL pose of the person?",
    "raise the left arm above the head, kneeling on the right knee, arms crossed, jumping",
    "The person's current pose: standing upright. Change it: bend the knees and lean forward.",
]
ADDED = ["[SEG]", "<im_start>", "<im_end>"]
TEXT = dict(hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4)
VISION = dict(hidden_size=32, intermediate_size=64, num_hidden_layers=3, num_attention_heads=2,
              image_size=56, patch_size=14, projection_dim=32)
CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073]
CLIP_STD = [0.26862954, 0.26130258, 0.27577711]


def _sentencepiece_model() -> bytes:
    import sentencepiece as spm

    out = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(SENTENCES * 20), model_writer=out, vocab_size=420,
        model_type="bpe", byte_fallback=True, unk_id=0, bos_id=1, eos_id=2, pad_id=-1,
        add_dummy_prefix=True, remove_extra_whitespaces=False, split_digits=True,
        normalization_rule_name="identity", hard_vocab_limit=False, minloglevel=2)
    return out.getvalue()


def build_tiny_clip(folder: Path, seed: int = 1) -> Path:
    """A random CLIP (full-model keys `vision_model.*`, `text_model.*`) with its preprocessor."""
    from safetensors.torch import save_file
    from transformers import CLIPVisionConfig, CLIPVisionModel

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(seed)
    vision = CLIPVisionModel(CLIPVisionConfig(**VISION)).eval()
    state = {f"vision_model.{k}": v.contiguous() for k, v in vision.state_dict().items()}
    state["text_model.embeddings.token_embedding.weight"] = torch.zeros(8, 16)
    state["logit_scale"] = torch.tensor(2.6592)
    save_file(state, str(folder / "model.safetensors"), metadata={"format": "pt"})
    (folder / "config.json").write_text(json.dumps({
        "architectures": ["CLIPModel"], "model_type": "clip", "projection_dim": 32,
        "text_config": {"hidden_size": 16, "vocab_size": 8},
        "vision_config": dict(VISION, model_type="clip_vision_model")}, indent=1))
    (folder / "preprocessor_config.json").write_text(json.dumps({
        "crop_size": VISION["image_size"], "do_center_crop": True, "do_normalize": True,
        "do_resize": True, "feature_extractor_type": "CLIPFeatureExtractor",
        "image_mean": CLIP_MEAN, "image_std": CLIP_STD, "resample": 3,
        "size": VISION["image_size"]}, indent=1))
    return folder


def build_tiny_chatpose(folder: Path, clip: Path, seed: int = 0, seg_like: int | None = None,
                        ) -> Path:
    """Write the checkpoint; seg_like: a token id whose LM-head row, scaled by 1.5, becomes
    [SEG]'s, so that a random model emits [SEG] where it would have emitted that token."""
    import sentencepiece as spm
    from transformers import LlamaConfig, LlamaForCausalLM

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    sp_bytes = _sentencepiece_model()
    (folder / "tokenizer.model").write_bytes(sp_bytes)
    base = spm.SentencePieceProcessor(model_proto=sp_bytes).get_piece_size()
    added = {tok: base + i for i, tok in enumerate(ADDED)}
    vocab = base + len(ADDED)
    (folder / "added_tokens.json").write_text(json.dumps(added))
    (folder / "special_tokens_map.json").write_text(json.dumps(
        {"bos_token": "<s>", "eos_token": "</s>", "pad_token": "<unk>", "unk_token": "<unk>"}))
    (folder / "tokenizer_config.json").write_text(json.dumps({
        "add_bos_token": True, "add_eos_token": False, "bos_token": "<s>",
        "clean_up_tokenization_spaces": False, "eos_token": "</s>", "legacy": None,
        "model_max_length": 512, "pad_token": None, "padding_side": "right",
        "sp_model_kwargs": {}, "tokenizer_class": "LlamaTokenizer", "unk_token": "<unk>"}))

    config = {
        "_name_or_path": "liuhaotian/llava-v1.5-13b", "architectures": ["ChatPoseForCausalLM"],
        "bos_token_id": 1, "eos_token_id": 2, "pad_token_id": 0, "freeze_mm_mlp_adapter": False,
        "hidden_act": "silu", "image_aspect_ratio": "pad", "initializer_range": 0.02,
        "max_position_embeddings": 4096, "mm_hidden_size": VISION["hidden_size"],
        "mm_projector_type": "mlp2x_gelu", "mm_use_im_patch_token": False,
        "mm_use_im_start_end": True, "mm_vision_select_feature": "patch",
        "mm_vision_select_layer": -2, "mm_vision_tower": "openai/clip-vit-large-patch14-336",
        "model_type": "llava", "num_key_value_heads": TEXT["num_attention_heads"],
        "out_dim": 144, "pretraining_tp": 1, "rms_norm_eps": 1e-5, "rope_scaling": None,
        "tie_word_embeddings": False, "torch_dtype": "float32", "train_mask_decoder": True,
        "transformers_version": "4.31.0", "tune_mm_mlp_adapter": False, "use_cache": False,
        "use_mm_proj": True, "vision_tower": "openai/clip-vit-large-patch14",
        "vocab_size": vocab, **TEXT}
    (folder / "config.json").write_text(json.dumps(config, indent=2))
    (folder / "generation_config.json").write_text(json.dumps(
        {"bos_token_id": 1, "eos_token_id": 2, "pad_token_id": 0,
         "transformers_version": "4.31.0"}))

    torch.manual_seed(seed)
    llama = LlamaForCausalLM(LlamaConfig(vocab_size=vocab, initializer_range=0.2, **TEXT))
    state = dict(llama.state_dict())
    hidden = TEXT["hidden_size"]
    for i in range(TEXT["num_hidden_layers"]):
        half = TEXT["hidden_size"] // TEXT["num_attention_heads"] // 2
        state[f"model.layers.{i}.self_attn.rotary_emb.inv_freq"] = \
            1.0 / (10000 ** (torch.arange(half).float() / half))
    state["model.mm_projector.0.weight"] = torch.randn(hidden, VISION["hidden_size"]) * 0.2
    state["model.mm_projector.0.bias"] = torch.randn(hidden) * 0.1
    state["model.mm_projector.2.weight"] = torch.randn(hidden, hidden) * 0.2
    state["model.mm_projector.2.bias"] = torch.randn(hidden) * 0.1
    state["model.text_hidden_fcs.0.0.weight"] = torch.randn(hidden, hidden) * 0.2
    state["model.text_hidden_fcs.0.0.bias"] = torch.randn(hidden) * 0.1
    state["model.text_hidden_fcs.0.2.weight"] = torch.randn(144, hidden) * 0.2
    state["model.text_hidden_fcs.0.2.bias"] = torch.randn(144) * 0.5
    state["model.smplx.v_template"] = torch.zeros(10, 3)  # stands for SMPL-X's buffers
    if seg_like is not None:
        state["lm_head.weight"][added["[SEG]"]] = 1.5 * state["lm_head.weight"][seg_like]
    keys = list(state)
    shards = [keys[:len(keys) // 3], keys[len(keys) // 3:2 * len(keys) // 3],
              keys[2 * len(keys) // 3:]]
    weight_map, total = {}, 0
    for n, part in enumerate(shards, 1):
        name = f"pytorch_model-{n:05d}-of-00003.bin"
        torch.save({k: state[k].clone().contiguous() for k in part}, folder / name)
        weight_map.update({k: name for k in part})
        total += sum(state[k].numel() * state[k].element_size() for k in part)
    (folder / "pytorch_model.bin.index.json").write_text(json.dumps(
        {"metadata": {"total_size": total}, "weight_map": weight_map}, indent=2))
    return folder
