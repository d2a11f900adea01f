"""4-bit and 8-bit loading (bitsandbytes) for the large models, and why it cannot run here."""
from __future__ import annotations

import importlib.util
from typing import Any

QUANTIZE = ("4bit", "8bit")
# Kept in full precision: small next to the decoder, and what the pose and the picture pass
# through (ChatPose skips its vision model too).
SKIP_MODULES = ["vision_tower", "multi_modal_projector", "lm_head"]


class QuantizeError(ValueError):
    """Quantised loading is impossible on this machine; the message names what is missing."""


def check_quantize(quantize: str | None, device: str) -> None:
    """QuantizeError unless quantize is None or can run on device (a resolved device)."""
    if quantize is None:
        return
    if quantize not in QUANTIZE:
        raise QuantizeError(f"--quantize {quantize}: use one of {', '.join(QUANTIZE)}")
    import torch

    if not device.startswith("cuda") or not torch.cuda.is_available():
        raise QuantizeError(f"--quantize {quantize} needs an NVIDIA GPU with CUDA (bitsandbytes' "
                            f"kernels); this torch {torch.__version__} sees none on device "
                            f"'{device}'. Serve without --quantize (bf16/fp32) or on a CUDA "
                            "machine.")
    if importlib.util.find_spec("bitsandbytes") is None:
        raise QuantizeError(f"--quantize {quantize} needs bitsandbytes, which is not installed "
                            "in the worker's Python: pip install bitsandbytes")


def bnb_config(quantize: str, compute_dtype: Any) -> Any:
    """transformers' BitsAndBytesConfig for "4bit" (NF4, double quantisation) or "8bit"."""
    from transformers import BitsAndBytesConfig

    if quantize == "4bit":
        return BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4",
                                  bnb_4bit_use_double_quant=True,
                                  bnb_4bit_compute_dtype=compute_dtype,
                                  llm_int8_skip_modules=SKIP_MODULES)
    return BitsAndBytesConfig(load_in_8bit=True, llm_int8_skip_modules=SKIP_MODULES)
