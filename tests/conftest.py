"""Shared fixtures: an isolated config folder, and a real worker process on loopback.

`worker_server` is one `python -m posegpt_blender serve --model default` for the whole session
(its model may still be loading, or unavailable: validation and auth work regardless).
`ready_worker` is the same process once its model is loaded; it skips, with the reason, when
the default model's weights are not in the tree. `slow_worker` serves a tiny untrained PoseGPT
checkpoint (real code, random weights), slow enough for tests of the worker's mechanics
(queueing, cancellation, crashes) that the fast default model answers too quickly to show.
"""
from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_WEIGHTS = REPO_ROOT / "posegpt_blender" / "weights" / "default"
sys.path.insert(0, str(REPO_ROOT))

from core.client import WorkerClient  # noqa: E402
from core.protocol import LISTENING, TOKEN_ENV  # noqa: E402

MODEL_LOAD_TIMEOUT_S = 300.0


def default_model_missing() -> str:
    """Why the trained default model cannot run here, or "" when it can."""
    if not (REPO_ROOT / "posegpt_blender" / "models" / "default.py").is_file():
        return "posegpt_blender/models/default.py is not written yet"
    if not any(DEFAULT_WEIGHTS.glob("*.safetensors")):
        return f"no trained default weights (*.safetensors) in {DEFAULT_WEIGHTS} yet"
    return ""


@pytest.fixture(scope="session", autouse=True)
def _isolated_environment(tmp_path_factory: pytest.TempPathFactory) -> None:
    """No test (or worker it starts) touches the real config or cache folder or the network."""
    os.environ["POSEGPT_CONFIG_DIR"] = str(tmp_path_factory.mktemp("posegpt_config"))
    os.environ["POSEGPT_CACHE_DIR"] = str(tmp_path_factory.mktemp("posegpt_cache"))
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"


@dataclass
class RunningWorker:
    """A worker subprocess started by a test; stop() kills it."""

    proc: subprocess.Popen
    url: str
    token: str
    port: int

    def client(self, timeout: float = 60.0, token: str | None = None) -> WorkerClient:
        return WorkerClient(self.url, self.token if token is None else token, timeout=timeout)

    def wait_loaded(self, timeout: float = MODEL_LOAD_TIMEOUT_S) -> dict:
        """Health once the model is loaded or has failed to load."""
        deadline = time.monotonic() + timeout
        while True:
            health = self.client(timeout=5).health()
            if health["ready"] or health.get("error") or time.monotonic() > deadline:
                return health
            time.sleep(0.2)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(10)
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream:
                stream.close()


def start_worker(*args: str, token: str | None = None, timeout: float = 60.0,
                 preexec_fn: Callable[[], None] | None = None) -> RunningWorker:
    """Start `python -m posegpt_blender serve --port 0 ARGS` and wait for its listening line;
    preexec_fn runs in the child before it starts (e.g. to lower its limits)."""
    token = token or secrets.token_urlsafe(24)
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), PYTHONUNBUFFERED="1", **{TOKEN_ENV: token})
    proc = subprocess.Popen(
        [sys.executable, "-m", "posegpt_blender", "serve", "--port", "0",
         "--parent-pid", str(os.getpid()), *args],
        cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, text=True, preexec_fn=preexec_fn)
    deadline = time.monotonic() + timeout
    for line in proc.stdout:
        if line.startswith(f"{LISTENING} "):
            info = json.loads(line.split(" ", 1)[1])
            return RunningWorker(proc, f"http://127.0.0.1:{info['port']}", token, info["port"])
        if time.monotonic() > deadline:
            break
    proc.kill()
    proc.wait()
    raise RuntimeError(f"worker did not announce its port (exit code {proc.returncode})")


@pytest.fixture(scope="module")
def installed_addon():
    """The built extension installed and enabled in the real bpy (once per process), for the
    Blender-side modules that start workers; the add-on's worker is stopped after the module."""
    import blender_env
    bpy = blender_env.import_bpy()
    blender_env.installed_extension()
    yield
    bpy.ops.posegpt.worker_stop()


@pytest.fixture(scope="session")
def worker_server() -> RunningWorker:
    """The session's worker with the default model (loaded or not)."""
    worker = start_worker("--model", "default", "--device", "cpu")
    yield worker
    worker.stop()


@pytest.fixture(scope="session")
def ready_worker(worker_server: RunningWorker) -> RunningWorker:
    """The session's worker with its default model loaded; skips while the model is missing."""
    reason = default_model_missing()
    if reason:
        pytest.skip(f"needs the trained default model: {reason}")
    health = worker_server.wait_loaded()
    if not health["ready"]:
        pytest.fail(f"the default model did not load: {health.get('error') or 'timed out'}")
    return worker_server


@pytest.fixture(scope="session")
def tiny_model_spec(tmp_path_factory: pytest.TempPathFactory) -> str:
    """--model of a slow real model: an untrained PoseGPT checkpoint over a tiny LLaVA (real
    code, random weights, ~0.1 s a request), for tests that need requests to queue."""
    from posegpt_blender.models.tiny import build_tiny_checkpoint
    return str(build_tiny_checkpoint(tmp_path_factory.mktemp("tiny_posegpt")))


@pytest.fixture(scope="session")
def slow_worker(tiny_model_spec: str) -> RunningWorker:
    """A worker serving the tiny checkpoint, loaded."""
    worker = start_worker("--model", tiny_model_spec, "--device", "cpu")
    try:
        health = worker.wait_loaded()
        if not health["ready"]:
            pytest.fail(f"the tiny checkpoint did not load: {health.get('error') or 'timed out'}")
        yield worker
    finally:
        worker.stop()


@pytest.fixture(scope="module")
def one_torch_thread():
    """Tiny models' matrices are far too small to gain from threads on a shared machine."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


_exit_status: list[int] = []


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _exit_status.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """PyPI bpy 4.2 crashes in its C exit handlers once Rigify was enabled (SpaceType's
    destructor frees a Python class after Python is finalised: SIGSEGV, exit code 139) when
    every test has already run and reported. Leave with pytest's own status before that."""
    bpy = sys.modules.get("bpy")
    if bpy is not None and _exit_status and tuple(bpy.app.version[:2]) < (4, 3):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_exit_status[-1])
