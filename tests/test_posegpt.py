"""PoseGPT on a tiny random LLaVA (built offline from a config): encoding, training, generation,
checkpoints. One short training run (module fixture) is shared by the tests that need a model
that has learnt to answer with <POSE>."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from core.pose import SmplPose, forward_kinematics
from posegpt_blender.models.base import NoPersonError
from posegpt_blender.models.posegpt_model import PoseGPTModel
from posegpt_blender.models.posegpt_chat import IGNORE, IMAGE_TO_POSE, TEXT_TO_POSE, Turn, encode
from posegpt_blender.models.posegpt_checkpoint import read_config
from posegpt_blender.models.registry import load_model
from posegpt_blender.models.tiny import build_tiny_checkpoint
from posegpt_blender.training.datasets import load_mixture
from posegpt_blender.training.train_posegpt import TrainConfig, main, train

WORDS = ("alpha bravo charlie delta echo golf hotel india juliet kilo "
         "lima mike november oscar papa quebec").split()


pytestmark = pytest.mark.usefixtures("one_torch_thread")


def _poses(rng: np.random.Generator, n: int) -> list[np.ndarray]:
    return [rng.normal(scale=0.4, size=(24, 3)) for _ in range(n)]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """16 samples (10 text->pose, 3 text->two poses, 3 image->pose), trained to overfit."""
    root = tmp_path_factory.mktemp("posegpt")
    untrained = build_tiny_checkpoint(root / "untrained")
    rng = np.random.default_rng(0)
    samples = []  # (text or image path, target poses)
    with open(root / "text.jsonl", "w") as f:
        for i, word in enumerate(WORDS[:13]):
            poses = _poses(rng, 2 if i >= 10 else 1)
            text = f"the {word} {'sequence' if len(poses) == 2 else 'pose'}"
            f.write(json.dumps({"text": text, "poses": [p.tolist() for p in poses]}) + "\n")
            samples.append((text, poses))
    with open(root / "image.jsonl", "w") as f:
        for i, color in enumerate([(250, 20, 20), (20, 250, 20), (20, 20, 250)]):
            path = root / f"img{i}.png"
            Image.new("RGB", (40, 48), color).save(path)
            pose = _poses(rng, 1)[0]
            smpl = {"global_orient": pose[0].tolist(), "body_pose": pose[1:].ravel().tolist()}
            f.write(json.dumps({"image": path.name, "pose": {"smpl": smpl}}) + "\n")
            samples.append((path, [pose]))
    config = {
        "base_model": "untrained/base_model", "output_dir": "trained",
        "datasets": [{"kind": "text_pose", "path": "text.jsonl", "weight": 13},
                     {"kind": "image_pose", "path": "image.jsonl", "weight": 3}],
        "lora": {"r": 16, "alpha": 32, "dropout": 0.0,
                 "target_modules": ["q_proj", "k_proj", "v_proj", "o_proj"]},
        "learning_rate": 3e-3, "head_learning_rate": 1e-2, "steps": 200, "batch_size": 16,
        "bf16": False, "gradient_checkpointing": False, "log_every": 1000, "max_new_tokens": 12}
    (root / "train.json").write_text(json.dumps(config))
    cfg = TrainConfig.load(root / "train.json")
    net = train(cfg, load_mixture(cfg.datasets, root, cfg.seed))
    return {"root": root, "untrained": untrained, "trained": cfg.output_dir, "net": net,
            "samples": samples}


def _ask(model: PoseGPTModel, query: str | Path):
    if isinstance(query, Path):
        return model.pose_from_image(np.asarray(Image.open(query).convert("RGB")))
    return model.pose_from_text(query)


def _joint_error(model: PoseGPTModel, samples: list) -> float:
    """Mean joint distance (m) of each answer's first pose (generated with the served prompts;
    decoded at the answer's end where there is no <POSE>) to its first target."""
    errors = []
    for query, targets in samples:
        turn = Turn("user", IMAGE_TO_POSE, image=np.asarray(Image.open(query).convert("RGB"))) \
            if isinstance(query, Path) else Turn("user", TEXT_TO_POSE.format(text=query))
        pred = model.net.generate([turn], model.max_new_tokens).rotvecs[0]
        errors.append(np.linalg.norm(forward_kinematics(pred)[0] - forward_kinematics(
            targets[0])[0], axis=-1).mean())
    return float(np.mean(errors))


def test_training_overfits_16_samples(run: dict) -> None:
    before = _joint_error(PoseGPTModel.from_checkpoint(run["untrained"], "cpu"), run["samples"])
    after = _joint_error(PoseGPTModel.from_checkpoint(run["trained"], "cpu"), run["samples"])
    print(f"joint error before {before:.4f} m, after {after:.4f} m, {before / after:.1f}x")
    assert before / after >= 5.0, (before, after)


def test_generated_pose_tokens_give_valid_poses(run: dict) -> None:
    model = load_model(str(run["trained"]), "cpu")  # the worker's registry path
    assert isinstance(model, PoseGPTModel)
    for query, targets in run["samples"][9:14]:  # one-pose, two-pose and image samples
        result = _ask(model, query)
        assert result.notes == [], result.notes  # the <POSE> tokens were generated, not forced
        assert len(result.poses) == len(targets)
        for pose in result.poses:
            again = SmplPose.from_dict(pose.to_dict())  # passes the worker's schema checks
            assert np.all(np.abs(again.rotations()) <= np.pi + 1e-6)
            assert np.allclose(again.rotations(), pose.rotations())
    assert "<pose>" not in result.text.lower()


def test_save_load_reproduces_outputs_exactly(run: dict) -> None:
    loaded = PoseGPTModel.from_checkpoint(run["trained"], "cpu").net
    for query in ("the alpha pose", "the lima sequence"):
        turns = [Turn("user", f"Give the body pose: {query}")]
        a, b = run["net"].generate(turns, 12), loaded.generate(turns, 12)
        assert a.token_ids == b.token_ids
        assert np.array_equal(a.rotvecs, b.rotvecs)


def test_pose_input_reaches_the_model(run: dict) -> None:
    model = PoseGPTModel.from_checkpoint(run["trained"], "cpu")
    rng = np.random.default_rng(1)
    a, b = (SmplPose.from_rotations(p) for p in _poses(rng, 2))
    edit_a = model.pose_from_text("lean further forward", pose=a)
    edit_b = model.pose_from_text("lean further forward", pose=b)
    # Never trained on edits, the tiny model answers at random; the input pose must still matter.
    assert edit_a.poses and edit_b.poses
    assert not np.allclose(edit_a.poses[0].rotations(), edit_b.poses[0].rotations())
    history = [{"role": "user", "text": "the rig now", "pose": a.to_dict()},
               {"role": "assistant", "text": "sure, it is."}]
    assert model.pose_from_text("mirror it", history=history).poses
    assert isinstance(model.describe(a), str)


def test_untrained_answers_force_a_pose_or_refuse_an_image(run: dict) -> None:
    model = PoseGPTModel.from_checkpoint(run["untrained"], "cpu")
    result = model.pose_from_text("a person squatting")
    assert len(result.poses) == 1 and "without a <POSE>" in result.notes[0]
    with pytest.raises(NoPersonError):
        model.pose_from_image(np.zeros((20, 30, 3), np.uint8))


def test_missing_base_folder_is_a_clear_error(run: dict, tmp_path: Path) -> None:
    for name in ("posegpt_checkpoint.json", "posegpt_extra.safetensors"):
        (tmp_path / name).write_bytes((run["trained"] / name).read_bytes())
    config = json.loads((tmp_path / "posegpt_checkpoint.json").read_text())
    config["base_model"], config["base_model_source"] = "models/llava", "llava-hf/llava-1.5-7b-hf"
    (tmp_path / "posegpt_checkpoint.json").write_text(json.dumps(config))
    with pytest.raises(FileNotFoundError, match=r"llava-1\.5-7b-hf.*models/llava"):
        PoseGPTModel.from_checkpoint(tmp_path, "cpu")


def test_checkpoint_names_its_parts(run: dict) -> None:
    config = read_config(run["trained"])
    assert Path(config.base_model).is_absolute()  # the base lives outside this checkpoint
    assert config.tokens == {"<POSE>": run["net"].ids.pose, "<POSE_IN>": run["net"].ids.pose_in}
    assert config.lora.target_modules == ["q_proj", "k_proj", "v_proj", "o_proj"]
    assert (run["trained"] / "adapter" / "adapter_config.json").is_file()
    assert read_config(run["untrained"]).base_model == "base_model"  # self-contained


def test_chat_labels_cover_only_answers_and_pose_slots(run: dict) -> None:
    net = run["net"]
    rng = np.random.default_rng(2)
    p0, p1, p2 = _poses(rng, 3)
    turns = [Turn("user", "Current pose: <POSE_IN>. raise the arms", poses=[p0]),
             Turn("assistant", "Sure, it is <POSE>.", poses=[p1]),
             Turn("user", "and then kneel", image=np.zeros((16, 16, 3), np.uint8)),
             Turn("assistant", "Sure, they are <POSE> <POSE>.", poses=[p1, p2])]
    enc = encode(net.processor, turns, net.ids, train=True)
    answered = net.processor.tokenizer.decode(enc.labels[enc.labels != IGNORE])
    assert answered.replace(" ", "") == "sure,itis<POSE>.[SEP]sure,theyare<POSE><POSE>.[SEP]"
    assert enc.input_ids[enc.pose_slots].eq(net.ids.pose).all() and len(enc.pose_slots) == 3
    assert (enc.input_ids == net.ids.image).sum() > 1  # the image placeholder was expanded
    with pytest.raises(ValueError, match="3 <POSE> tokens in the answers but 2 poses"):
        encode(net.processor, turns[:3] + [Turn("assistant", "<POSE> <POSE>", poses=[p1])],
               net.ids, train=True)


def test_train_cli_rejects_a_bad_config(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "c.json").write_text(json.dumps({"base_model": "nowhere", "output_dir": "o",
                                                 "datasets": [], "stepz": 3}))
    assert main(["--config", str(tmp_path / "c.json")]) == 2
    assert "stepz" in capsys.readouterr().err


def test_worker_app_serves_the_trained_checkpoint(run: dict) -> None:
    import time

    from fastapi.testclient import TestClient

    from posegpt_blender.serve.model_host import ModelHost
    from posegpt_blender.serve.server import create_app

    host = ModelHost(str(run["trained"]), "cpu")
    host.start(on_ready=lambda _info: None, on_failed=lambda _msg: None)
    deadline = time.monotonic() + 60
    while host.model is None and not host.error and time.monotonic() < deadline:
        time.sleep(0.1)
    assert host.model is not None, host.error
    auth = {"Authorization": "Bearer t0ken"}
    with TestClient(create_app(host, "t0ken")) as client:
        one = client.post("/v1/pose", json={"text": "the alpha pose"}, headers=auth)
        two = client.post("/v1/pose", json={"text": "the lima sequence"}, headers=auth)
        words = client.post("/v1/describe", json={"smpl": one.json()["smpl"]}, headers=auth)
    assert one.status_code == 200 and "poses" not in one.json(), one.json()
    assert len(one.json()["smpl"]["body_pose"]) == 69 and len(one.json()["joints"]) == 24
    assert two.status_code == 200 and len(two.json()["poses"]) == 2, two.json()
    assert words.status_code == 200 and isinstance(words.json()["text"], str)


def test_every_documented_data_format_encodes(run: dict, tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    a, b = (p.tolist() for p in _poses(rng, 2))
    Image.new("RGB", (24, 24), (9, 9, 9)).save(tmp_path / "x.png")
    records = {
        "text_pose": {"text": "a squat", "poses": [a, b]},
        "image_pose": {"image": "x.png", "pose": a, "text": "the runner"},
        "pose_text": {"pose": {"smpl": {"global_orient": a[0], "body_pose": sum(a[1:], [])}},
                      "text": "the person squats"},
        "edit": {"source": a, "text": "mirror it", "target": b},
        "chat": {"turns": [
            {"role": "user", "text": "now <POSE_IN>", "poses": [a], "image": "x.png"},
            {"role": "assistant", "text": "Sure, it is <POSE>.", "poses": [b]}]}}
    entries = []
    for kind, record in records.items():
        (tmp_path / f"{kind}.jsonl").write_text(json.dumps(record) + "\n")
        entries.append({"kind": kind, "path": f"{kind}.jsonl"})
    net = run["net"]
    for entry in entries:
        turns = next(iter(load_mixture([entry], tmp_path, seed=0)))
        enc = encode(net.processor, turns, net.ids, train=True)
        assert (enc.labels != IGNORE).any() and len(enc.pose_in) + len(enc.pose_targets) >= 1
    (tmp_path / "bad.jsonl").write_text(json.dumps({"text": "no pose"}) + "\n")
    with pytest.raises(ValueError, match=r"bad\.jsonl: record 1 is not a valid text_pose"):
        load_mixture([{"kind": "text_pose", "path": "bad.jsonl"}], tmp_path, seed=0)


def test_next_turn_reads_only_its_new_tokens(run: dict) -> None:
    """The conversation's KV cache carries over: the same answer, fewer tokens read."""
    net = PoseGPTModel.from_checkpoint(run["trained"], "cpu").net
    fresh = PoseGPTModel.from_checkpoint(run["trained"], "cpu").net
    first = [Turn("user", TEXT_TO_POSE.format(text="the alpha pose"))]
    answer = net.generate(first, 12)
    turns = first + [Turn("assistant", answer.text),
                     Turn("user", TEXT_TO_POSE.format(text="the bravo pose"))]
    read: list[int] = []
    hook = net.lm.get_input_embeddings().register_forward_hook(
        lambda _m, args, _out: read.append(args[0].shape[1]))
    try:
        cached = net.generate(turns, 12)
    finally:
        hook.remove()
    full = fresh.generate(turns, 12)
    prompt = len(encode(net.processor, turns, net.ids, train=False).input_ids)
    first_prompt = len(encode(net.processor, first, net.ids, train=False).input_ids)
    assert read[0] <= prompt - first_prompt + 1, (read[0], prompt, first_prompt)
    assert cached.token_ids == full.token_ids
    np.testing.assert_allclose(cached.rotvecs, full.rotvecs, atol=1e-4)
