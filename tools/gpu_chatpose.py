"""ChatPose as the worker serves it, measured: load time, first and warm answer latency for text
and for a 1024 px picture, memory, in bf16 and in 4-bit/8-bit (bitsandbytes). The model has
ChatPose's 13B shape (LLaVA-1.5-13B: Llama 2 13B + CLIP ViT-L/14-336) with random weights, so
nothing is downloaded; its folder is written in the layout `import-chatpose` produces.

    python tools/gpu_chatpose.py --out DIR                         (CUDA: 13B, bf16 and 4-bit)
    python tools/gpu_chatpose.py --out DIR --shape tiny --device cpu   (a dry run of the script)

A random model seldom ends its answer or says [SEG]: every answer runs to the token cap
(--max-new-tokens, the worst case) and its pose is read at the end.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from chatpose_layout import build_tiny_chatpose, build_tiny_clip  # noqa: E402
from posegpt_blender.models.chatpose import ChatPoseModel  # noqa: E402
from posegpt_blender.models.chatpose_import import (HEAD_FILE, ChatPoseInfo,  # noqa
                                                    convert_tokenizer, import_chatpose,
                                                    llava_config)
from posegpt_blender.models.markers import CHATPOSE_MARKER  # noqa: E402

# LLaVA-1.5-13B's language model and CLIP ViT-L/14-336's vision tower.
LLAMA_13B = {"vocab_size": 32003, "hidden_size": 5120, "intermediate_size": 13824,
             "num_hidden_layers": 40, "num_attention_heads": 40, "num_key_value_heads": 40,
             "max_position_embeddings": 4096, "rms_norm_eps": 1e-5, "model_type": "llava",
             "mm_vision_tower": "openai/clip-vit-large-patch14-336",
             "mm_projector_type": "mlp2x_gelu", "mm_vision_select_layer": -2,
             "mm_vision_select_feature": "patch", "mm_use_im_start_end": True, "out_dim": 144}
CLIP_L_336 = {"hidden_size": 1024, "intermediate_size": 4096, "num_hidden_layers": 24,
              "num_attention_heads": 16, "image_size": 336, "patch_size": 14,
              "projection_dim": 768, "hidden_act": "quick_gelu"}


def gib(n: int) -> float:
    return round(n / 2 ** 30, 2)


def build_13b(root: Path, device: str) -> Path:
    """A random ChatPose-13B folder in import-chatpose's layout (~26 GB of bf16 shards); the
    tokenizer is the tiny test one (ids it lacks decode to nothing)."""
    from safetensors.torch import save_file
    from transformers import LlavaForConditionalGeneration

    clip = build_tiny_clip(root / "clip")
    src = build_tiny_chatpose(root / "tokenizer_src", clip)
    dst = root / "chatpose13b"
    config = llava_config(LLAMA_13B, CLIP_L_336)
    with torch.device(device):
        model = LlavaForConditionalGeneration._from_config(config, dtype=torch.bfloat16)
    model.save_pretrained(dst, max_shard_size="5GB")
    del model
    hidden = LLAMA_13B["hidden_size"]
    save_file({"0.weight": torch.randn(hidden, hidden) * 0.02, "0.bias": torch.zeros(hidden),
               "2.weight": torch.randn(144, hidden) * 0.02, "2.bias": torch.zeros(144)},
              str(dst / HEAD_FILE))
    tokenizer, added = convert_tokenizer(src)
    tokenizer.save(str(dst / "tokenizer.json"))
    preprocessor = json.loads((clip / "preprocessor_config.json").read_text())
    preprocessor.update(crop_size=336, size=336)
    (dst / "preprocessor_config.json").write_text(json.dumps(preprocessor))
    info = ChatPoseInfo(seg_token_id=added["[SEG]"], bos_token_id=1, eos_token_id=2,
                        im_start_end=True, image_tokens=576, source="random 13B shape")
    (dst / CHATPOSE_MARKER).write_text(json.dumps(vars(info)))
    return dst


def build_tiny(root: Path) -> Path:
    clip = build_tiny_clip(root / "clip")
    return import_chatpose(build_tiny_chatpose(root / "src", clip), root / "chatpose_tiny",
                           vision_tower=clip, progress=False)


def sync(device: str) -> None:
    if device.startswith("cuda"):
        torch.cuda.synchronize()


def timed(device: str, fn) -> float:
    sync(device)
    began = time.perf_counter()
    fn()
    sync(device)
    return (time.perf_counter() - began) * 1000


def measure(folder: Path, device: str, quantize: str | None, max_new_tokens: int) -> dict:
    cuda = device.startswith("cuda")
    if cuda:
        torch.cuda.empty_cache()
        torch.cuda.reset_peak_memory_stats()
    out: dict = {}
    began = time.perf_counter()
    model = ChatPoseModel.load(folder, device, quantize)
    sync(device)
    out["load_s"] = round(time.perf_counter() - began, 1)
    model.max_new_tokens = max_new_tokens
    if cuda:
        out["weights_gib"] = gib(torch.cuda.memory_allocated())
    text = "a goalkeeper diving to his left"
    image = (np.random.default_rng(0).random((1024, 1024, 3)) * 255).astype(np.uint8)

    def picture() -> None:
        try:
            model.pose_from_image(image)
        except ValueError:  # NoPersonError: a random model seldom says [SEG]
            pass

    for name, fn in (("text", lambda: model.pose_from_text(text)), ("picture_1024px", picture)):
        first = timed(device, fn)
        warm = [timed(device, fn) for _ in range(3)]
        out[f"{name}_first_ms"] = round(first, 1)
        out[f"{name}_warm_ms_median"] = round(float(np.median(warm)), 1)
    out["tokens_per_answer"] = max_new_tokens
    if cuda:
        out["peak_gib"] = gib(torch.cuda.max_memory_allocated())
    del model
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--shape", choices=("13b", "tiny"), default="13b")
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--precisions", default="bf16,4bit",
                        help="comma-separated: bf16 (full), 8bit, 4bit")
    parser.add_argument("--max-new-tokens", type=int, default=64)
    args = parser.parse_args()
    if args.device.startswith("cuda") and not torch.cuda.is_available():
        sys.exit("error: no CUDA GPU visible to torch (use --shape tiny --device cpu for a dry "
                 "run)")
    report: dict = {"device": torch.cuda.get_device_name(0) if args.device.startswith("cuda")
                    else "cpu", "torch": torch.__version__, "shape": args.shape,
                    "max_new_tokens": args.max_new_tokens}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        began = time.perf_counter()
        folder = build_13b(root, args.device) if args.shape == "13b" else build_tiny(root)
        report["build_s"] = round(time.perf_counter() - began, 1)
        for precision in args.precisions.split(","):
            quantize = None if precision == "bf16" else precision
            if quantize and not args.device.startswith("cuda"):
                report[precision] = "skipped: bitsandbytes needs CUDA"
                continue
            report[precision] = measure(folder, args.device, quantize, args.max_new_tokens)
            print(json.dumps(report, indent=1), flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "gpu_chatpose.json").write_text(json.dumps(report, indent=1))
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
