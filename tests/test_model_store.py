"""`models list` and `models download` against a fake model hub on loopback (HF_ENDPOINT):
ChatPose and its CLIP tower downloaded and imported, progress, licences accepted once, an
interrupted download resumed, clear errors offline."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from chatpose_layout import build_tiny_chatpose, build_tiny_clip
from conftest import REPO_ROOT
from core.protocol import PROGRESS
from fake_hub import FakeHub

BIG = 24 * 2 ** 20  # huggingface_hub writes in 10 MiB chunks: half of this is one on disk


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> FakeHub:
    root = tmp_path_factory.mktemp("hub")
    clip = build_tiny_clip(root / "clip")
    blob = root / "blob"
    blob.mkdir()
    (blob / "config.json").write_text("{}")
    (blob / "weights" / "big.bin").parent.mkdir()
    (blob / "weights" / "big.bin").write_bytes(os.urandom(BIG))
    (blob / "tf_model.h5").write_bytes(b"never fetched")
    hub = FakeHub.from_folders({"openai/clip-vit-large-patch14-336": clip,
                                "YaoFeng/CHATPOSE-V0": build_tiny_chatpose(root / "src", clip),
                                "someone/blob": blob})
    hub.folders = {"blob": blob}
    yield hub
    hub.release.set()
    hub.close()


def _env(tmp: Path, endpoint: str) -> dict[str, str]:
    return dict(os.environ, HF_ENDPOINT=endpoint, HF_HUB_OFFLINE="0", HF_HOME=str(tmp / "hf"),
                POSEGPT_MODELS_DIR=str(tmp / "models"), POSEGPT_CONFIG_DIR=str(tmp / "config"),
                PYTHONPATH=str(REPO_ROOT))


def _models(env: dict[str, str], *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "posegpt_blender", "models", *args], env=env,
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)


def _progress(stdout: str) -> list[dict]:
    return [json.loads(line.split(" ", 1)[1]) for line in stdout.splitlines()
            if line.startswith(f"{PROGRESS} ")]


def test_download_chatpose_imports_it_and_lists_it(hub: FakeHub, tmp_path: Path) -> None:
    env = _env(tmp_path, hub.url)
    done = _models(env, "download", "chatpose", "--accept-licence", "--progress-json")
    assert done.returncode == 0, done.stderr
    assert "Llama 2 Community License" in done.stderr and "MIT" in done.stderr
    steps = _progress(done.stdout)
    chatpose = [s for s in steps if s["model"] == "chatpose" and s["stage"] == "download"]
    assert chatpose[-1]["done"] == chatpose[-1]["total"] > 0
    assert [s["stage"] for s in steps if s["model"] == "chatpose"][-2:] == ["import", "done"]
    target = Path(done.stdout.strip().splitlines()[-1])
    assert (target / "chatpose.json").is_file()
    assert not (tmp_path / "models" / ".downloads" / "chatpose").exists()  # raw copy removed

    listed = json.loads(_models(env, "list", "--json").stdout)
    by_name = {m["name"]: m for m in listed["models"]}
    assert by_name["chatpose"]["kind"] == "chatpose" and by_name["chatpose"]["path"] == str(target)
    assert by_name["chatpose"]["parameters"] > 0 and set(by_name["chatpose"]["gpu_gb"]) == {
        "bf16", "8bit", "4bit"}
    assert by_name["default"]["kind"] == "default"

    # Accepted once: no flag, no terminal, and nothing fetched again.
    before = len(hub.requests)
    again = _models(env, "download", "chatpose")
    assert again.returncode == 0, again.stderr
    assert not [r for r in hub.requests[before:] if r[0] == "GET" and "/resolve/" in r[1]]


def test_licence_must_be_accepted(hub: FakeHub, tmp_path: Path) -> None:
    env = _env(tmp_path, hub.url)
    done = _models(env, "download", "someone/blob")
    assert done.returncode == 2 and "licence" in done.stderr and "--accept-licence" in done.stderr
    assert not (tmp_path / "models").exists()


def test_interrupted_download_resumes(hub: FakeHub, tmp_path: Path) -> None:
    """A download killed half-way (the add-on's Cancel) continues from its partial file."""
    env = _env(tmp_path, hub.url)
    hub.stall_once.add("weights/big.bin")
    proc = subprocess.Popen([sys.executable, "-m", "posegpt_blender", "models", "download",
                             "someone/blob", "--accept-licence", "--progress-json"], env=env,
                            cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            stdin=subprocess.DEVNULL, text=True)
    partial = tmp_path / "models" / "blob" / ".partial" / "weights"
    deadline = time.monotonic() + 120
    while not any(p.stat().st_size > 0 for p in partial.glob("big.bin.*.part")):
        assert time.monotonic() < deadline and proc.poll() is None, "no partial file appeared"
        time.sleep(0.1)
    proc.kill()
    proc.communicate(timeout=30)
    hub.release.set()
    kept = next(partial.glob("big.bin.*.part")).stat().st_size

    before = len(hub.requests)
    done = _models(env, "download", "someone/blob", "--progress-json")
    assert done.returncode == 0, done.stderr
    assert _progress(done.stdout)[0]["done"] >= kept > 0  # starts from what was there
    ranges = [r[2] for r in hub.requests[before:] if r[0] == "GET" and r[1].endswith("big.bin")]
    assert ranges == [f"bytes={kept}-"]
    target = tmp_path / "models" / "blob"
    assert (target / "weights" / "big.bin").read_bytes() == \
        (hub.folders["blob"] / "weights" / "big.bin").read_bytes()
    assert not (target / "tf_model.h5").exists() and not (target / ".partial").exists()


def test_free_disk_is_checked_before_downloading(hub: FakeHub, tmp_path: Path) -> None:
    hub.claimed["weights/big.bin"] = 10 ** 15  # a petabyte: more than any test disk has
    try:
        done = _models(_env(tmp_path, hub.url), "download", "someone/blob", "--accept-licence")
    finally:
        hub.claimed.clear()
    assert done.returncode == 2 and "not enough disk space" in done.stderr, done.stderr
    assert not (tmp_path / "models" / "blob").exists()


def test_offline_is_one_clear_error(tmp_path: Path) -> None:
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    done = _models(_env(tmp_path, f"http://127.0.0.1:{port}"), "download", "someone/blob",
                   "--accept-licence", timeout=120)
    assert done.returncode == 2
    error = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert len(error) == 1 and "cannot reach the model hub" in error[0], done.stderr


def test_unknown_name_says_what_is_known(tmp_path: Path) -> None:
    done = _models(_env(tmp_path, "http://127.0.0.1:9"), "download", "chatpose-xl")
    assert done.returncode == 2 and "chatpose" in done.stderr and "owner/name" in done.stderr
