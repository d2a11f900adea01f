"""The preferences' model picker and Download button, headless (PyPI bpy): the add-on lists the
installed models and downloads ChatPose from a fake hub on loopback with the worker's Python,
reports progress, and a cancelled download resumes."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import blender_env
from conftest import REPO_ROOT
from fake_hub import FakeHub

bpy = blender_env.import_bpy()
BIG = 24 * 2 ** 20
ext = blender_env.extension_module


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> FakeHub:
    root = tmp_path_factory.mktemp("hub")
    # Built in the venv's Python, as the add-on's process imports no torch.
    subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; from "
                    "chatpose_layout import build_tiny_clip, build_tiny_chatpose; r = "
                    "Path(sys.argv[1]); build_tiny_chatpose(r / 'src', build_tiny_clip(r / "
                    "'clip'))", str(root)], cwd=REPO_ROOT / "tests", check=True,
                   capture_output=True, timeout=300)
    blob = root / "blob"
    blob.mkdir()
    (blob / "big.bin").write_bytes(os.urandom(BIG))
    hub = FakeHub.from_folders({"openai/clip-vit-large-patch14-336": root / "clip",
                                "YaoFeng/CHATPOSE-V0": root / "src", "someone/blob": blob})
    hub.blob = blob
    saved = {k: os.environ.get(k) for k in ("HF_ENDPOINT", "POSEGPT_MODELS_DIR", "HF_HOME")}
    os.environ.update(HF_ENDPOINT=hub.url, POSEGPT_MODELS_DIR=str(root / "models"),
                      HF_HOME=str(root / "hf"))
    yield hub
    hub.release.set()
    hub.close()
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="module")
def prefs(hub: FakeHub):
    blender_env.installed_extension()
    p = bpy.context.preferences.addons[blender_env.MODULE].preferences
    p.python, p.address, p.model, p.device = sys.executable, "", "default", "cpu"
    return p


def test_picker_lists_models_and_download_installs_chatpose(prefs, hub: FakeHub) -> None:
    assert bpy.ops.posegpt.models_refresh() == {"FINISHED"}
    listing = ext("core.model_jobs").LISTING
    assert [m["name"] for m in listing.models()] == ["default"]

    with pytest.raises(RuntimeError, match="Llama 2 Community License"):
        bpy.ops.posegpt.model_download(name="chatpose")  # the licence is not accepted
    assert not (Path(os.environ["POSEGPT_MODELS_DIR"]) / "chatpose").exists()

    assert bpy.ops.posegpt.model_download(name="chatpose", accept_licence=True) == {"FINISHED"}
    job = ext("core.model_jobs").ACTIVE.job
    assert job.state == "done" and job.total > 0 and job.done == job.total
    installed = {m["name"]: m for m in listing.models()}
    assert installed["chatpose"]["kind"] == "chatpose"
    assert prefs.model == installed["chatpose"]["path"]  # the new model is picked
    assert "GPU memory: bf16" in listing.needs(prefs.model)

    prefs.model_choice = "default"  # the picker sets --model
    assert prefs.model == "default"
    prefs.model_choice = "chatpose"
    assert prefs.model == installed["chatpose"]["path"]


def test_cancelled_download_resumes(prefs, hub: FakeHub) -> None:
    hub.stall_once.add("big.bin")
    assert bpy.ops.posegpt.model_download(name="someone/blob", accept_licence=True,
                                          background=True) == {"FINISHED"}
    job = ext("core.model_jobs").ACTIVE.job
    deadline = time.monotonic() + 120
    while not (job.stage == "download" and job.total):
        assert time.monotonic() < deadline and job.state == "running", job.status()
        time.sleep(0.1)
    assert "downloading blob" in job.status() and "Esc cancels" in job.status()
    partial = Path(os.environ["POSEGPT_MODELS_DIR"]) / "blob" / ".partial"
    while not any(p.stat().st_size for p in partial.glob("big.bin.*.part")):
        assert time.monotonic() < deadline, "no partial file"
        time.sleep(0.1)
    assert bpy.ops.posegpt.model_download_cancel() == {"FINISHED"}
    assert job.state == "cancelled" and job._proc.poll() is not None
    hub.release.set()
    kept = next(partial.glob("big.bin.*.part")).stat().st_size

    before = len(hub.requests)
    assert bpy.ops.posegpt.model_download(name="someone/blob", accept_licence=True) == \
        {"FINISHED"}
    ranges = [r[2] for r in hub.requests[before:] if r[0] == "GET" and r[1].endswith("big.bin")]
    assert ranges == [f"bytes={kept}-"]
    target = Path(os.environ["POSEGPT_MODELS_DIR"]) / "blob" / "big.bin"
    assert target.read_bytes() == (hub.blob / "big.bin").read_bytes()


def test_download_failure_is_reported(prefs, hub: FakeHub) -> None:
    with pytest.raises(RuntimeError, match="refuses it|not found|404"):
        bpy.ops.posegpt.model_download(name="nobody/nothing", accept_licence=True)
    assert ext("core.model_jobs").ACTIVE.job.state == "failed"
