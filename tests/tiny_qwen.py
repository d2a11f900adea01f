"""A tiny random Qwen2-VL (2 text layers, hidden 64; 2 vision blocks) built in memory, to run
PoseGPT on a second backbone family: M-RoPE positions, per-token mm_token_type_ids, pictures
as variable numbers of merged patches, a padded vocabulary.

Qwen2VLProcessor insists on a video processor, which needs torchvision, which cannot be
installed beside this project's CPU torch. The processor is therefore built with its class
check skipped for the missing video processor only; pictures go through the real image
processor and the real model. Such a processor cannot be saved, so these tests stay in memory.
"""
from __future__ import annotations

from typing import Any

VISION_TOKENS = ("<|image_pad|>", "<|video_pad|>", "<|vision_start|>", "<|vision_end|>")
CHAT_TEMPLATE = (
    "{% for m in messages %}{{ m['role'] }}: "
    "{% if m['content'] is string %}{{ m['content'] }}{% else %}{% for c in m['content'] %}"
    "{% if c['type'] == 'image' %}<|vision_start|><|image_pad|><|vision_end|> "
    "{% elif c['type'] == 'text' %}{{ c['text'] }}{% endif %}"
    "{% endfor %}{% endif %} [SEP] {% endfor %}{% if add_generation_prompt %}assistant:{% endif %}"
)


def build_tiny_qwen2vl(seed: int = 0) -> tuple[Any, Any]:
    """(model, processor): a random Qwen2-VL over the MiniLM vocabulary, in eval mode."""
    import torch
    from transformers import (Qwen2VLConfig, Qwen2VLForConditionalGeneration,
                              Qwen2VLImageProcessorPil, Qwen2VLProcessor)
    from transformers.processing_utils import ProcessorMixin

    from posegpt_blender.models.tiny import minilm_decoder_tokenizer

    tokenizer = minilm_decoder_tokenizer(list(VISION_TOKENS))
    cls_id = tokenizer.bos_token_id
    image, video, start, end = (tokenizer.convert_tokens_to_ids(t) for t in VISION_TOKENS)
    config = Qwen2VLConfig(
        # Two spare rows, as Qwen pads its vocabulary: <POSE> and <POSE_IN> take them.
        text_config=dict(vocab_size=len(tokenizer) + 2, hidden_size=64, intermediate_size=128,
                         num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
                         max_position_embeddings=4096, initializer_range=0.2,
                         rope_scaling={"type": "mrope", "mrope_section": [2, 3, 3]},
                         bos_token_id=cls_id, eos_token_id=tokenizer.eos_token_id,
                         pad_token_id=tokenizer.pad_token_id),
        vision_config=dict(depth=2, embed_dim=32, hidden_size=64, num_heads=2, mlp_ratio=2,
                           patch_size=14, spatial_merge_size=2, temporal_patch_size=2),
        image_token_id=image, video_token_id=video, vision_start_token_id=start,
        vision_end_token_id=end)
    torch.manual_seed(seed)
    model = Qwen2VLForConditionalGeneration(config).eval()
    model.generation_config.eos_token_id = tokenizer.eos_token_id
    model.generation_config.pad_token_id = tokenizer.pad_token_id

    check = ProcessorMixin.check_argument_for_proper_class

    def skip_missing_video(self: Any, name: str, value: Any) -> Any:
        return None if name == "video_processor" and value is None else check(self, name, value)

    ProcessorMixin.check_argument_for_proper_class = skip_missing_video
    try:
        processor = Qwen2VLProcessor(
            image_processor=Qwen2VLImageProcessorPil(min_pixels=56 * 56, max_pixels=112 * 112),
            tokenizer=tokenizer, video_processor=None, chat_template=CHAT_TEMPLATE)
    finally:
        ProcessorMixin.check_argument_for_proper_class = check
    return model, processor
