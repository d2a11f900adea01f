"""PoseGPT over a second backbone family, a tiny random Qwen2-VL built in memory (see
tests/tiny_qwen.py): the same module, conversations, training loop and generation as LLaVA."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from core.pose import SmplPose, forward_kinematics
from posegpt_blender.models.posegpt import PoseGPT
from posegpt_blender.models.posegpt_model import PoseGPTModel
from posegpt_blender.models.posegpt_chat import (IMAGE_TO_POSE, TEXT_TO_POSE, Turn, collate,
                                                 encode)
from posegpt_blender.models.posegpt_checkpoint import LoraSettings, load_base
from posegpt_blender.training.datasets import load_mixture
from posegpt_blender.training.train_posegpt import TrainConfig, train
from tiny_qwen import build_tiny_qwen2vl

WORDS = "alpha bravo charlie delta echo golf".split()


pytestmark = pytest.mark.usefixtures("one_torch_thread")


def _turn(query: str | Path) -> Turn:
    if isinstance(query, Path):
        return Turn("user", IMAGE_TO_POSE, image=np.asarray(Image.open(query).convert("RGB")))
    return Turn("user", TEXT_TO_POSE.format(text=query))


def _joint_error(net: PoseGPT, samples: list) -> float:
    errors = []
    for query, targets in samples:
        pred = net.generate([_turn(query)], 12).rotvecs[0]
        errors.append(np.linalg.norm(forward_kinematics(pred)[0]
                                     - forward_kinematics(targets[0])[0], axis=-1).mean())
    return float(np.mean(errors))


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """10 samples (6 text->pose, 2 text->two poses, 2 pictures of different sizes), overfit."""
    root = tmp_path_factory.mktemp("qwen")
    rng = np.random.default_rng(0)
    samples = []
    with open(root / "text.jsonl", "w") as f:
        for i, word in enumerate(WORDS + ["hotel", "india"]):
            poses = [rng.normal(scale=0.4, size=(24, 3)) for _ in range(2 if i >= 6 else 1)]
            text = f"the {word} {'sequence' if len(poses) == 2 else 'pose'}"
            f.write(json.dumps({"text": text, "poses": [p.tolist() for p in poses]}) + "\n")
            samples.append((text, poses))
    with open(root / "image.jsonl", "w") as f:
        for i, (color, size) in enumerate([((250, 30, 30), (60, 80)), ((30, 30, 250), (90, 60))]):
            path = root / f"img{i}.png"
            Image.new("RGB", size, color).save(path)
            pose = rng.normal(scale=0.4, size=(24, 3))
            f.write(json.dumps({"image": path.name, "pose": pose.tolist()}) + "\n")
            samples.append((path, [pose]))
    model, processor = build_tiny_qwen2vl()
    net = PoseGPT(model, processor)
    before = _joint_error(net, samples)
    cfg = TrainConfig(base_model=root / "qwen_base", output_dir=root / "trained",
                      datasets=[{"kind": "text_pose", "path": "text.jsonl", "weight": 8},
                                {"kind": "image_pose", "path": "image.jsonl", "weight": 2}],
                      lora=LoraSettings(r=16, alpha=32, dropout=0.0,
                                        target_modules=["q_proj", "k_proj", "v_proj", "o_proj"]),
                      learning_rate=3e-3, head_learning_rate=1e-2, steps=150, batch_size=10,
                      bf16=False, gradient_checkpointing=False, log_every=1000)
    trained = train(cfg, load_mixture(cfg.datasets, root, cfg.seed), net)
    return {"net": trained, "samples": samples, "before": before, "cfg": cfg}


def test_the_vocabulary_padding_takes_the_added_tokens(run: dict) -> None:
    net = run["net"]
    assert net.lm.get_input_embeddings().num_embeddings == len(net.processor.tokenizer)


def test_training_overfits(run: dict) -> None:
    after = _joint_error(run["net"], run["samples"])
    print(f"Qwen2-VL joint error before {run['before']:.4f} m, after {after:.4f} m, "
          f"{run['before'] / after:.1f}x")
    assert run["before"] / after >= 5.0, (run["before"], after)


def test_generated_pose_tokens_give_valid_poses(run: dict) -> None:
    model = PoseGPTModel(run["net"], "posegpt:qwen-tiny", "cpu", 12)
    for query, targets in run["samples"][5:]:  # one-pose, two-pose and picture samples
        result = model.pose_from_image(np.asarray(Image.open(query).convert("RGB"))) \
            if isinstance(query, Path) else model.pose_from_text(query)
        assert result.notes == [], result.notes  # <POSE> generated, not forced
        assert len(result.poses) == len(targets)
        for pose in result.poses:
            assert np.allclose(SmplPose.from_dict(pose.to_dict()).rotations(), pose.rotations())


def test_a_batch_pads_per_token_inputs_and_stacks_pictures(run: dict) -> None:
    net = run["net"]
    text, picture = run["samples"][0], run["samples"][-1]
    items = [encode(net.processor, [_turn(q), Turn("assistant", "Sure, it is <POSE>.",
                                                   poses=[t[0]])], net.ids, train=True)
             for q, t in (text, picture)]
    batch = collate(items, net.ids.pad)
    types = batch["extra"]["mm_token_type_ids"]
    assert types.shape == batch["input_ids"].shape
    assert int((types[1] == 1).sum()) == int((batch["input_ids"][1] == net.ids.image).sum()) > 0
    assert int(types[0].sum()) == 0 and len(batch["extra"]["image_grid_thw"]) == 1


def test_next_turn_reuses_the_cache_with_the_same_answer(run: dict) -> None:
    net = run["net"]
    first = [_turn("the alpha pose")]
    answer = net.generate(first, 12)
    turns = first + [Turn("assistant", answer.text), _turn("the bravo pose")]
    cached = net.generate(turns, 12)
    net._kv = None
    fresh = net.generate(turns, 12)
    assert cached.token_ids == fresh.token_ids
    np.testing.assert_allclose(cached.rotvecs, fresh.rotvecs, atol=1e-4)


def test_checkpoint_is_written_for_the_qwen_base(run: dict) -> None:
    out = run["cfg"].output_dir
    config = json.loads((out / "posegpt_checkpoint.json").read_text())
    assert config["tokens"] == {"<POSE>": run["net"].ids.pose, "<POSE_IN>": run["net"].ids.pose_in}
    assert (out / "adapter" / "adapter_model.safetensors").is_file()


def test_a_processor_that_needs_torchvision_is_a_clear_error(tmp_path: Path) -> None:
    """A Qwen2-VL folder as downloaded (config, tokenizer, image processor): AutoProcessor
    cannot build it here; the error says what to install."""
    import importlib.util

    if importlib.util.find_spec("torchvision"):
        pytest.skip("torchvision is installed: the processor builds")
    model, processor = build_tiny_qwen2vl()
    model.config.save_pretrained(tmp_path)
    processor.tokenizer.save_pretrained(tmp_path)
    processor.image_processor.save_pretrained(tmp_path)
    with pytest.raises(RuntimeError, match="pip install torchvision"):
        load_base(tmp_path, torch.float32)
