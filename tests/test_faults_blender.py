"""Faults injected from the Blender side (real bpy, the installed extension, real processes).

Each fault runs the real operator on a scene that holds work (a posed, keyed rig, a partial
selection, a conversation). After each: the operator fails with a message that says what
happened and how to recover, the scene hashes exactly as before, and the panel's status line
(status.worker_line) tells the same story. Cases test_extension_worker.py already covers
(no Python set, a missing interpreter, a refused port, a 2-value global_orient, a worker dead
before the request) are not repeated.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import blender_env
from loopback_http import LoopbackServer, QuietHandler

bpy = blender_env.import_bpy()
pytestmark = pytest.mark.usefixtures("installed_addon")
ext = blender_env.extension_module


@pytest.fixture()
def prefs():
    yield blender_env.own_worker_prefs()
    bpy.ops.posegpt.worker_stop()


@pytest.fixture()
def scene():
    """A scene with work in it: a posed rig keyed on two frames, another object selected
    alongside, the rig active, and a conversation."""
    scene = blender_env.new_scene_with_rig()
    rig = bpy.context.view_layer.objects.active
    for frame, angle in ((1, 0.4), (12, -0.7)):
        for name in ("left_elbow", "right_knee"):
            bone = rig.pose.bones[name]
            bone.rotation_mode = "QUATERNION"
            bone.rotation_quaternion = (0.9, angle, 0.1, 0.0)
            bone.keyframe_insert("rotation_quaternion", frame=frame)
    scene.frame_set(5)
    empty = bpy.data.objects.new("Prop", None)
    scene.collection.objects.link(empty)
    empty.select_set(True)
    bpy.context.view_layer.objects.active = rig
    ext("operators.props").add_turn(bpy.context, "arms up", "Here is the pose")
    return scene


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> Path:
    """A tiny untrained PoseGPT checkpoint: a real model that loads in seconds."""
    return blender_env.build_tiny_model(tmp_path_factory.mktemp("tiny_posegpt_faults"))


def fails_cleanly(words: str, op, **kwargs) -> str:
    """Run op expecting failure; the scene must hash the same; the error message is returned."""
    before = blender_env.scene_state(bpy)
    with pytest.raises(RuntimeError) as failed:
        op(**kwargs)
    message = str(failed.value)
    assert any(w.lower() in message.lower() for w in words.split("|")), message
    assert blender_env.scene_state(bpy) == before
    return message


def own_worker(prefs, tiny_model: Path):
    prefs.model = str(tiny_model)
    assert bpy.ops.posegpt.worker_start() == {"FINISHED"}
    worker = ext("operators.session").worker()
    assert worker.state == "ready" and worker.pid
    return worker


def test_worker_killed_mid_request(prefs, scene, tiny_model) -> None:
    worker = own_worker(prefs, tiny_model)
    # Frozen, the worker accepts the connection and never answers; then it dies: a crash in
    # the middle of the request, whatever the model's speed.
    os.kill(worker.pid, signal.SIGSTOP)
    killer = threading.Timer(1.0, os.kill, (worker.pid, signal.SIGKILL))
    killer.start()
    try:
        message = fails_cleanly("stopped while answering|crashed", bpy.ops.posegpt.pose_from_text,
                                prompt="arms up")
    finally:
        killer.join()
    assert "Restart it from the PoseGPT panel" in message and "scene was not changed" in message
    worker._proc.wait(10)
    state, detail = ext("status").worker_line()
    assert state == "failed" and "exited" in detail, (state, detail)
    # Recovery as the message says: Start again, and the next request works.
    assert bpy.ops.posegpt.worker_start() == {"FINISHED"}
    assert bpy.ops.posegpt.pose_from_text(prompt="arms up") == {"FINISHED"}


def test_request_timeout_on_a_frozen_worker(prefs, scene, tiny_model, monkeypatch) -> None:
    worker = own_worker(prefs, tiny_model)
    monkeypatch.setattr(ext("operators.session"), "REQUEST_TIMEOUT_S", 1.0)
    os.kill(worker.pid, signal.SIGSTOP)
    try:
        message = fails_cleanly("did not answer within 1 s", bpy.ops.posegpt.pose_from_text,
                                prompt="arms up")
    finally:
        os.kill(worker.pid, signal.SIGCONT)
    assert "restart it from the posegpt panel" in message.lower()
    monkeypatch.undo()
    assert bpy.ops.posegpt.pose_from_text(prompt="arms up") == {"FINISHED"}  # it was only slow


def fake_python(tmp_path: Path, body: str) -> str:
    path = tmp_path / "python"
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(0o755)
    return str(path)


def base_python_without_packages() -> str:
    """The venv's own base interpreter (or the system's): a real Python without fastapi/torch."""
    for python in (Path(sys.base_prefix) / "bin" / "python3", Path("/usr/bin/python3")):
        if python.is_file() and subprocess.run([str(python), "-s", "-c", "import fastapi"],
                                               capture_output=True).returncode != 0:
            return str(python)
    pytest.skip("no Python without the worker's packages on this machine")


def test_python_without_the_packages(prefs, scene) -> None:
    prefs.python = base_python_without_packages()
    message = fails_cleanly("lacks the package", bpy.ops.posegpt.worker_start)
    assert "pip install -r requirements.txt" in message and prefs.python in message
    state, detail = ext("status").worker_line()
    assert state == "failed" and "pip install" in detail, (state, detail)
    fails_cleanly("not running", bpy.ops.posegpt.pose_from_text, prompt="a squat")


@pytest.mark.parametrize("body,words", [
    ("exit 3", "exited with code 3"),
    ("echo 'Fatal Python error: init_fs_encoding' >&2; exit 1", "Fatal Python error"),
])
def test_interpreter_that_dies_at_once(prefs, scene, tmp_path, body: str, words: str) -> None:
    prefs.python = fake_python(tmp_path, body)
    message = fails_cleanly(words, bpy.ops.posegpt.worker_start)
    assert prefs.python in message


def test_not_an_executable(prefs, scene, tmp_path) -> None:
    not_exe = tmp_path / "python.txt"
    not_exe.write_text("print('hi')")
    prefs.python = str(not_exe)
    message = fails_cleanly("cannot run the worker's Python", bpy.ops.posegpt.worker_start)
    assert "preferences" in message.lower()


def test_worker_that_never_starts_times_out(prefs, scene, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(ext("operators.session"), "START_TIMEOUT_S", 1.5)
    prefs.python = fake_python(tmp_path, "exec sleep 60")
    message = fails_cleanly("was not ready after", bpy.ops.posegpt.worker_start)
    assert "starting Python" in message and "worker's Python" in message
    worker = ext("operators.session").worker()
    bpy.ops.posegpt.worker_stop()
    assert worker._proc is None  # stop() terminated the sleeper, nothing is left behind


class Impostor(LoopbackServer):
    """Something other than a worker on the port: every request gets status + raw body."""

    def __init__(self, status: int, body: bytes, content_type: str = "application/json") -> None:
        class Handler(QuietHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                self.reply(status, body, content_type)

            do_GET = do_POST = _answer

        super().__init__(Handler)


@pytest.mark.parametrize("status,body,content_type", [
    (200, b"<html><body>It works!</body></html>", "text/html"),
    (404, b"Not Found", "text/plain"),
    (200, b"", "application/json"),
])
def test_port_taken_by_something_else(prefs, scene, status: int, body: bytes,
                                      content_type: str) -> None:
    impostor = Impostor(status, body, content_type)
    try:
        prefs.address, prefs.token = impostor.url, "t" * 32
        message = fails_cleanly("something else using this port", bpy.ops.posegpt.worker_start)
        assert "not a JSON object" in message
    finally:
        impostor.close()


def test_port_taken_by_a_silent_listener(prefs, scene, monkeypatch) -> None:
    # A listener that never accepts: the attach times out instead of hanging Blender.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        prefs.address, prefs.token = f"http://127.0.0.1:{silent.getsockname()[1]}", "t" * 32
        started = time.monotonic()
        fails_cleanly("did not answer", bpy.ops.posegpt.worker_start)
        assert time.monotonic() - started < 30


HEALTHY = b'{"ready": true, "model": "stub", "device": "cpu", "version": "0"}'


class HealthyThenBroken(Impostor):
    """Healthy on GET /v1/health, then answers every POST with the given raw body."""

    def __init__(self, pose_body: bytes) -> None:
        super().__init__(200, HEALTHY)
        self.pose_body = pose_body
        handler = self.RequestHandlerClass
        server = self

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.reply(200, server.pose_body)
        handler.do_POST = do_POST


ZEROS = ", ".join(["0.0"] * 69)


@pytest.mark.parametrize("pose_body,words", [
    (b'{"smpl": {"global_orient": [0.0, 0.0, 0.0], "body_pose": [', "not a JSON object"),
    (b"[1, 2, 3]", "not a JSON object"),
    (b'{"smpl": {"global_orient": [NaN, 0.0, 0.0], "body_pose": [' + ZEROS.encode() + b"]}}",
     "not a valid pose"),
    (b'{"smpl": {"global_orient": [0, 0, 0], "body_pose": [' + ZEROS.encode()
     + b']}, "joints": [[0, 0, 0]]}', "not a valid pose"),
    (b'{"poses": [{"smpl": {"global_orient": [0, 0, 0], "body_pose": [' + ZEROS.encode()
     + b']}}, {"smpl": "oops"}]}', "not a valid pose"),
    (b'{"smpl": {"global_orient": [0, 0, 0], "body_pose": "' + b"0" * 1000 + b'"}}',
     "not a valid pose"),
])
def test_wrong_shape_answers(prefs, scene, pose_body: bytes, words: str) -> None:
    stub = HealthyThenBroken(pose_body)
    try:
        prefs.address, prefs.token = stub.url, "t" * 32
        assert bpy.ops.posegpt.worker_start() == {"FINISHED"}
        message = fails_cleanly(words, bpy.ops.posegpt.pose_from_text, prompt="a squat")
        assert "same version" in message or "something else" in message, message
    finally:
        bpy.ops.posegpt.worker_stop()
        stub.close()
