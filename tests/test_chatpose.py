"""ChatPose's published checkpoint, imported and served: a tiny random checkpoint in ChatPose's
exact layout (tests/chatpose_layout.py) against a reference of ChatPose's own inference written
from its code (tests/chatpose_reference.py)."""
from __future__ import annotations

import collections
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from chatpose_layout import build_tiny_chatpose, build_tiny_clip
from chatpose_reference import ChatPoseReference
from conftest import REPO_ROOT, start_worker
from core.body_points import BodyView
from core.protocol import LISTENING
from core.rotations import axis_angle_to_matrix
from posegpt_blender.models.chatpose import ChatPoseModel, image_request, render_prompt
from posegpt_blender.models.chatpose_import import ChatPoseImportError, import_chatpose
from posegpt_blender.understanding.reading import read_request

pytestmark = pytest.mark.usefixtures("one_torch_thread")
MAX_NEW = 24
TEXT = "raise the left arm above the head"
ROOT_FIX = np.diag([1.0, -1.0, -1.0])
REQUEST = "Can you predict the SMPL pose of the person in this image?"
PICTURE_MESSAGE = "<im_start><image><im_end>\n" + REQUEST


def _picture() -> np.ndarray:
    return (np.random.default_rng(3).random((90, 70, 3)) * 255).astype(np.uint8)


@pytest.fixture(scope="module")
def chatpose(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """ChatPose-layout checkpoint whose [SEG] row copies the token the random model emits most
    (so answers hold [SEG], often several), its reference, and the imported folder."""
    root = tmp_path_factory.mktemp("chatpose")
    clip = build_tiny_clip(root / "clip")
    probe = ChatPoseReference(build_tiny_chatpose(root / "probe", clip), clip)
    asks = [([("USER", TEXT)], None), ([("USER", PICTURE_MESSAGE)], _picture())]
    counts = collections.Counter(t for messages, image in asks
                                 for t in probe.evaluate(messages, image, MAX_NEW)[0] if t > 2)
    for n, (token, _) in enumerate(counts.most_common(8)):
        src = build_tiny_chatpose(root / f"src{n}", clip, seg_like=token)
        ref = ChatPoseReference(src, clip)
        if all(ref.evaluate(messages, image, MAX_NEW)[1] is not None for messages, image in asks):
            break
    else:
        pytest.fail("no token of the random model's answers makes both answers hold [SEG]")
    dst = import_chatpose(src, root / "dst", vision_tower=clip, progress=False)
    model = ChatPoseModel.load(dst, "cpu")
    model.max_new_tokens = MAX_NEW
    return {"root": root, "clip": clip, "src": src, "dst": dst, "model": model, "ref": ref}


def _expected(ref_rot: np.ndarray) -> np.ndarray:
    """ChatPose's raw (24, 3, 3) made into the project's: SMPL's root frame, hands at rest."""
    rot = ref_rot.copy()
    rot[0] = ROOT_FIX @ rot[0]
    rot[22:] = np.eye(3)
    return rot


def _check_same(chatpose: dict, messages: list[tuple[str, str]], image: np.ndarray | None,
                result, needs_seg: bool = True) -> None:
    ref_new, ref_rot = chatpose["ref"].evaluate(messages, image, MAX_NEW)
    model = chatpose["model"]
    roles = {"USER": "user", "ASSISTANT": "assistant"}
    ours, seg, _ = model.net.generate(model.prompt_ids([(roles[r], m) for r, m in messages]),
                                      image, MAX_NEW)
    assert ours == [t for t in ref_new if t != 2]  # same tokens (eos is not part of an answer)
    seg_id = model.net.info.seg_token_id
    if ref_rot is None and not needs_seg:  # no [SEG]: ours reads the pose at the answer's end
        assert seg_id not in ours and result.notes and len(result.poses) == 1
        return
    assert ref_rot is not None, "the fixture's checkpoint should make answers hold [SEG]"
    assert len(result.poses) == ours.count(seg_id) == len(seg)  # every [SEG] decoded
    got = axis_angle_to_matrix(result.poses[-1].rotations())
    np.testing.assert_allclose(got, _expected(ref_rot[0]), atol=1e-5)


def test_text_answer_equals_chatpose_reference(chatpose: dict) -> None:
    """The decode equals ChatPose's; the served answer then keeps what the request names."""
    model = chatpose["model"]
    raw = model._answer([("user", TEXT)], image=None)
    _check_same(chatpose, [("USER", TEXT)], None, raw)
    served = model.pose_from_text(TEXT)
    assert "[SEG]" not in served.text and "[POSE]" in served.text
    facts = read_request(TEXT).facts
    assert facts, "the request should name a fact for this test to check"
    body = BodyView(served.poses[-1].rotations())
    for fact in facts:
        assert fact.holds(body) or f"could not keep {fact.phrase()}" in served.notes


def test_picture_answer_equals_chatpose_reference(chatpose: dict) -> None:
    image = _picture()
    result = chatpose["model"].pose_from_image(image)
    _check_same(chatpose, [("USER", PICTURE_MESSAGE)], image, result)
    assert image_request(REQUEST, True) == PICTURE_MESSAGE


def test_multi_turn_and_sequences(chatpose: dict) -> None:
    """History is ChatPose's conversation; the answer's [POSE] goes back in as [SEG]."""
    model = chatpose["model"]
    first = model.pose_from_text(TEXT)
    follow = "now kneeling on the right knee"
    second = model.pose_from_text(follow, history=[{"role": "user", "text": TEXT},
                                                   {"role": "assistant", "text": first.text}])
    ref_first, _ = chatpose["ref"].evaluate([("USER", TEXT)], None, MAX_NEW)
    answer = model.net.tokenizer.decode([t for t in ref_first if t != 2],
                                        skip_special_tokens=False)
    _check_same(chatpose, [("USER", TEXT), ("ASSISTANT", answer), ("USER", follow)], None,
                second)


def test_edit_request_carries_the_current_pose_in_words(chatpose: dict) -> None:
    """ChatPose reads no pose input: the rig's pose goes in as the project's description."""
    from core.describe import describe
    from core.pose import SmplPose

    pose = SmplPose.from_rotations(np.random.default_rng(5).normal(scale=0.3, size=(24, 3)))
    edit = "make the pose look more relaxed"  # names no fact: the decode is served as it is
    result = chatpose["model"].pose_from_text(edit, pose=pose)
    message = f"The person's current pose: {describe(pose)} Change it: {edit}"
    _check_same(chatpose, [("USER", message)], None, result, needs_seg=False)


def test_a_typed_image_placeholder_is_plain_text(chatpose: dict) -> None:
    """Only a request with a picture may place one: '<image>' typed in text is dropped."""
    model = chatpose["model"]
    typed = model.pose_from_text("<image> " + TEXT, history=[
        {"role": "user", "text": "<image>"}, {"role": "assistant", "text": "<image> ok"}])
    plain = model.pose_from_text(" " + TEXT, history=[
        {"role": "user", "text": ""}, {"role": "assistant", "text": " ok"}])
    assert typed.text == plain.text and len(typed.poses) == len(plain.poses)


def test_tokenizer_matches_chatpose_slow_tokenizer(chatpose: dict) -> None:
    model, ref = chatpose["model"], chatpose["ref"]
    for prompt in [render_prompt([("user", TEXT)]),
                   render_prompt([("user", image_request("Give the pose.", True)),
                                  ("assistant", "Sure, it is [SEG]."), ("user", "and now? ")]),
                   render_prompt([("user", "  spaces  [SEG][SEG]  é ü 123 \n tab\t")])]:
        assert model.prompt_ids_for(prompt) == ref.tokenizer_image_token(prompt), prompt


def test_import_refuses_what_it_does_not_know(chatpose: dict, tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(chatpose["src"], src)
    with pytest.raises(ChatPoseImportError, match="CLIP vision tower"):
        import_chatpose(src, tmp_path / "a", progress=False)
    config = json.loads((src / "config.json").read_text())
    config["mm_projector_type"] = "linear"
    (src / "config.json").write_text(json.dumps(config))
    with pytest.raises(ChatPoseImportError, match="mm_projector_type"):
        import_chatpose(src, tmp_path / "b", vision_tower=chatpose["clip"], progress=False)
    config["mm_projector_type"] = "mlp2x_gelu"
    (src / "config.json").write_text(json.dumps(config))
    (src / "pytorch_model-00002-of-00003.bin").unlink()
    with pytest.raises(ChatPoseImportError, match="download incomplete"):
        import_chatpose(src, tmp_path / "c", vision_tower=chatpose["clip"], progress=False)
    with pytest.raises(ChatPoseImportError, match="not empty"):
        import_chatpose(chatpose["src"], chatpose["dst"], vision_tower=chatpose["clip"],
                        progress=False)


def test_imported_folder_has_no_body_model_data(chatpose: dict) -> None:
    """SMPL-X's buffers that ChatPose keeps in its weights are not carried over."""
    index = json.loads((chatpose["dst"] / "model.safetensors.index.json").read_text())
    assert not [k for k in index["weight_map"] if "smplx" in k or "inv_freq" in k]


def test_cli_import_then_worker_serves_it(chatpose: dict, tmp_path: Path) -> None:
    dst = tmp_path / "imported"
    done = subprocess.run([sys.executable, "-m", "posegpt_blender", "import-chatpose",
                           str(chatpose["src"]), str(dst), "--vision-tower",
                           str(chatpose["clip"])], cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    worker = start_worker("--model", str(dst), "--device", "cpu")
    try:
        health = worker.wait_loaded()
        assert health["ready"], health
        assert health["model"] == "chatpose:imported" and health["dtype"] == "float32"
        assert health["quantize"] == "none" and health["memory"]["process_rss_mb"] > 0
        answer = worker.client(timeout=120).pose(text=TEXT)
        ref_new, ref_rot = chatpose["ref"].evaluate([("USER", TEXT)], None, 512)
        got = axis_angle_to_matrix(np.array(
            [answer["smpl"]["global_orient"]] if "poses" not in answer else
            [answer["poses"][-1]["smpl"]["global_orient"]]))[0]
        np.testing.assert_allclose(got, _expected(ref_rot[0])[0], atol=1e-5)
    finally:
        worker.stop()


def test_cli_import_bad_source_exits_2(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "posegpt_blender", "import-chatpose",
                           str(tmp_path / "nothing"), str(tmp_path / "out")], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stderr.startswith("error: "), done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("device", ["cpu", "auto"])
def test_serve_quantize_without_cuda_says_why(chatpose: dict, device: str) -> None:
    """4-bit on a machine without a CUDA GPU: one line naming what is missing, exit code 2,
    whether bitsandbytes is installed or not (the GPU is checked first)."""
    done = subprocess.run([sys.executable, "-m", "posegpt_blender", "serve", "--port", "0",
                           "--model", str(chatpose["dst"]), "--device", device,
                           "--quantize", "4bit"], cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: --quantize 4bit needs an NVIDIA GPU")
    assert LISTENING not in done.stdout  # refused before binding


def test_quantize_refused_for_the_default_model() -> None:
    done = subprocess.run([sys.executable, "-m", "posegpt_blender", "serve", "--quantize", "8bit"],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "default model" in done.stderr
