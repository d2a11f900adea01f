"""Starting, refusing, crashing, discovering and stopping real worker processes."""
from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import threading
import time

import pytest

from conftest import REPO_ROOT, start_worker
from core.client import WorkerClient, WorkerError
from core.protocol import LISTENING, TOKEN_ENV
from core.worker_process import WorkerProcess, discovery_path, read_discovery


def run_serve(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "posegpt_blender", "serve", *args],
                          cwd=REPO_ROOT, env=dict(os.environ, **(env or {})),
                          capture_output=True, text=True, timeout=60)


def test_non_loopback_host_is_refused_without_allow_remote() -> None:
    done = run_serve("--host", "0.0.0.0", "--port", "0")
    assert done.returncode == 2
    assert "--allow-remote" in done.stderr and LISTENING not in done.stdout


@pytest.mark.parametrize("args,env,words", [
    (("--model", "/no/such/model"), {}, "unknown model '/no/such/model'"),
    ((), {TOKEN_ENV: "short"}, f"{TOKEN_ENV} is too short"),
])
def test_bad_arguments_fail_at_once_with_a_reason(args: tuple, env: dict, words: str) -> None:
    done = run_serve("--port", "0", *args, env=env)
    assert done.returncode == 2 and words in done.stderr, done.stderr


def test_a_taken_port_is_reported() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        done = run_serve("--port", str(taken.getsockname()[1]),
                         env={TOKEN_ENV: "x" * 32})
    assert done.returncode == 2 and "cannot listen on 127.0.0.1" in done.stderr


def test_generated_token_goes_to_a_private_discovery_file_removed_on_exit() -> None:
    env = {k: v for k, v in os.environ.items() if k != TOKEN_ENV}
    proc = subprocess.Popen([sys.executable, "-m", "posegpt_blender", "serve", "--port", "0"],
                            cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        listening = json.loads(proc.stdout.readline().split(" ", 1)[1])
        path = discovery_path()
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        info = read_discovery()
        assert (info["port"], info["pid"]) == (listening["port"], proc.pid)
        attached = WorkerProcess.attach_discovered()
        assert attached.client().health()["version"]
        with pytest.raises(WorkerError) as refused:
            WorkerClient(info["url"], "not-the-token-of-this-worker").health()
        assert refused.value.status == 401 and "token" in str(refused.value)
        proc.send_signal(signal.SIGTERM)
        proc.wait(15)
        assert not path.exists()
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()


def test_requests_before_the_model_is_loaded_get_503() -> None:
    worker = start_worker("--model", "default")
    try:
        health = worker.client().health()
        with pytest.raises(WorkerError) as early:
            worker.client().pose(text="arms up")
        assert not health["ready"]
        assert early.value.status == 503 and early.value.code in ("loading", "model_unavailable")
        assert "retry" in str(early.value).lower() or "could not be loaded" in str(early.value)
    finally:
        worker.stop()


def test_worker_exits_when_its_parent_dies() -> None:
    parent = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    worker = start_worker("--model", "default", "--parent-pid", str(parent.pid))
    try:
        parent.kill()
        parent.wait()
        worker.proc.wait(timeout=20)
    finally:
        worker.stop()


def test_sigkill_mid_request_is_a_clear_error_then_not_running() -> None:
    worker = start_worker("--model", "default")
    try:
        os.kill(worker.proc.pid, signal.SIGSTOP)  # frozen: the request is accepted, never answered
        with pytest.raises(WorkerError) as slow:
            worker.client(timeout=0.5).health()
        assert slow.value.code == "timeout" and "did not answer" in str(slow.value)
        errors: list[WorkerError] = []
        caller = threading.Thread(target=lambda: _expect_error(worker.client(), errors))
        caller.start()
        time.sleep(0.5)
        os.kill(worker.proc.pid, signal.SIGKILL)
        caller.join(30)
        assert errors and errors[0].code == "crashed", errors
        assert "Restart it from the PoseGPT panel" in str(errors[0])
        worker.proc.wait(10)
        with pytest.raises(WorkerError) as gone:
            worker.client().health()
        assert gone.value.code == "not_running" and "Start it from the PoseGPT panel" in str(
            gone.value)
    finally:
        worker.stop()


def _expect_error(client: WorkerClient, errors: list) -> None:
    try:
        client.pose(text="arms up")
    except WorkerError as exc:
        errors.append(exc)


def test_worker_process_reports_a_bad_interpreter() -> None:
    worker = WorkerProcess(python="/no/such/python", pythonpath=REPO_ROOT)
    worker.start()
    assert worker.poll() == "failed"
    assert "/no/such/python" in worker.error and "preferences" in worker.error
    with pytest.raises(WorkerError) as not_running:
        worker.client()
    assert not_running.value.code == "not_running"


def test_worker_process_names_missing_packages() -> None:
    system_python = "/usr/bin/python3"
    probe = subprocess.run([system_python, "-c", "import fastapi"], capture_output=True)
    if probe.returncode == 0:
        pytest.skip(f"{system_python} has fastapi; no Python without the packages to try")
    worker = WorkerProcess(python=system_python, pythonpath=REPO_ROOT)
    worker.start()
    with pytest.raises(WorkerError) as failed:
        worker.wait_ready(timeout=60)
    assert failed.value.code == "start_failed"
    assert system_python in worker.error and "pip install -r requirements.txt" in worker.error


def test_worker_process_reports_a_bad_model_and_leaves_no_process() -> None:
    worker = WorkerProcess(python=sys.executable, pythonpath=REPO_ROOT, model="/no/such/model")
    worker.start()
    with pytest.raises(WorkerError):
        worker.wait_ready(timeout=60)
    assert worker.state == "failed" and "unknown model '/no/such/model'" in worker.error
    assert worker._proc.wait(10) is not None
    worker.stop()
    assert worker.state == "stopped"


def test_worker_process_needs_the_worker_code(tmp_path) -> None:
    worker = WorkerProcess(python=sys.executable, pythonpath=tmp_path)
    worker.start()
    assert worker.poll() == "failed" and "reinstall the add-on" in worker.error
