"""PoseGPT-mini's parts: the MiniLM reader against transformers, clauses, training, the weights."""
from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
import torch

from conftest import DEFAULT_WEIGHTS, REPO_ROOT, default_model_missing
from posegpt_blender.models.text_pose import (ClauseReader, PoseAggregator, TextPoseConfig,
                                              WeightsMissingError, backbone_dir, load_trained,
                                              save_trained, split_clauses)
from posegpt_blender.evaluation.judge import Check, judge

needs_weights = pytest.mark.skipif(bool(default_model_missing()),
                                   reason=default_model_missing() or "ok")


def test_reader_matches_transformers_bert() -> None:
    from transformers import BertModel

    texts = ["kneeling on the right knee", "left hand on the hip, head looking up"]
    reference = BertModel.from_pretrained(str(backbone_dir()), local_files_only=True).eval()
    reader = ClauseReader(max_tokens=32)
    states, masks = reader.read(texts)
    encs = reader.tokenizer.encode_batch(texts)
    ids = torch.tensor([e.ids for e in encs])
    with torch.no_grad():
        expected = reference(input_ids=ids, attention_mask=torch.tensor(
            [e.attention_mask for e in encs])).last_hidden_state
    assert masks.sum().item() == sum(sum(e.attention_mask) for e in encs)
    assert torch.allclose(states[masks], expected[masks], atol=1e-4)


@pytest.mark.parametrize("text, clauses", [
    ("Kneeling on the right knee, left hand on the hip",
     ["kneeling on the right knee", "left hand on the hip"]),
    ("sitting with legs crossed and hands on the knees",
     ["sitting", "legs crossed", "hands on the knees"]),
    ("The person is standing. Both elbows are straight.",
     ["the person is standing", "both elbows are straight"]),
    ("  ,,, !! ", []),
])
def test_split_clauses(text: str, clauses: list[str]) -> None:
    assert split_clauses(text) == clauses


def test_split_clauses_keeps_the_latest() -> None:
    text = ", ".join(f"clause {i}" for i in range(40))
    assert split_clauses(text, max_clauses=3) == ["clause 37", "clause 38", "clause 39"]


def test_missing_weights_say_how_to_make_them(tmp_path) -> None:
    with pytest.raises(WeightsMissingError, match="make train-default"):
        load_trained(tmp_path)


def test_save_load_reproduces_outputs(tmp_path) -> None:
    torch.manual_seed(0)
    aggregator = PoseAggregator(TextPoseConfig()).eval()
    save_trained(tmp_path, aggregator, {"note": "test"})
    loaded = load_trained(tmp_path)
    texts = ["a squat", "left arm raised, right hand on the hip", "!!"]
    first = loaded.predict(texts)
    loaded.aggregator.load_state_dict(aggregator.state_dict())
    assert np.array_equal(first, loaded.predict(texts))
    assert first.shape == (3, 24, 3) and np.isfinite(first).all()
    assert json.loads((tmp_path / "posegpt_mini.json").read_text())["note"] == "test"


def test_training_command_lowers_the_loss(tmp_path) -> None:
    """The real command on the small data set: 300 steps must cut the loss by a third (150
    measured 0.33 of 0.49, too near the bound for CPU runs that drift apart)."""
    out = subprocess.run(
        [sys.executable, "-m", "posegpt_blender", "train-default", "--size", "small",
         "--steps", "300", "--composites", "200", "--eval-items", "0", "--out", str(tmp_path)],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    summary = json.loads(out.stdout.splitlines()[0])
    assert summary["final_loss"] < 0.67 * summary["first_loss"], summary
    assert load_trained(tmp_path).predict(["squatting"]).shape == (1, 24, 3)


@needs_weights
def test_shipped_weights_are_small_and_documented() -> None:
    weights = DEFAULT_WEIGHTS / "posegpt_mini.safetensors"
    assert weights.stat().st_size <= 20 * 1024 * 1024
    info = json.loads((DEFAULT_WEIGHTS / "posegpt_mini.json").read_text())
    assert info["heldout"]["model"]["mpjpe_mm"] < info["heldout"]["mean_pose"]["mpjpe_mm"]
    assert (DEFAULT_WEIGHTS / "MODEL_CARD.md").is_file()


@needs_weights
@pytest.mark.parametrize("prompt, checks", [
    ("kneeling on the right knee", ("ground right_knee", "lifted left_knee 0.25")),
    ("kneeling on the left knee", ("ground left_knee", "lifted right_knee 0.25")),
    ("lying on the back", ("horizontal", "down back")),
    ("both hands above the head", ("above left_wrist head", "above right_wrist head")),
    ("left hand on the hip", ("touch left_hand left_waist",)),
    ("right hand on the hip", ("touch right_hand right_waist",)),
])
def test_shipped_model_shows_what_is_asked(prompt: str, checks: tuple[str, ...]) -> None:
    """PoseGPT-mini alone (no request understanding), judged by its joints."""
    pose = load_trained(DEFAULT_WEIGHTS).predict([prompt])[0]
    verdict = judge(pose, tuple(Check.parse(c) for c in checks))
    assert verdict.right, verdict.failed
