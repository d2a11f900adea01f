"""Hostile input made here, against the real decoder, pose readers, client and worker (loopback):
decompression bombs and truncated pictures, stalled and slow connections, pose files that
declare huge arrays or are not files at all, unusable tokens, and pictures that must not hold
up text. Every loop and wait is bounded."""
from __future__ import annotations

import base64
import io
import json
import os
import resource
import socket
import subprocess
import sys
import threading
import tracemalloc
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import Image

from conftest import REPO_ROOT, RunningWorker, start_worker
from core.client import WorkerClient, WorkerError, token_problem
from core.pose import MAX_POSE_FRAMES, PoseFormatError, load_json, load_npz, load_pose_file
from core.protocol import LISTENING, MIN_TOKEN_CHARS, TOKEN_ENV
from hostile_bytes import grey_png, hostile_npz
from posegpt_blender.serve.connections import HEADER_TIMEOUT_S, MAX_WAITING_CONNECTIONS
from posegpt_blender.serve.limits import (WORK_SIDE, InputError, check_image_bytes,
                                          decode_image_bytes)
from test_worker_api import assert_error, call

# ---------------------------------------------------------------- pictures


def test_a_png_over_the_pixel_cap_is_refused_on_its_header() -> None:
    bomb = grey_png(8192, 8192, 10)  # a couple of hundred bytes declaring 67 MP
    assert len(bomb) < 300
    with pytest.raises(InputError) as refused:
        check_image_bytes(bomb)
    assert refused.value.status == 413 and "MP" in str(refused.value)


def test_a_png_whose_data_ends_early_is_refused_not_filled() -> None:
    with pytest.raises(InputError) as refused:
        decode_image_bytes(grey_png(4000, 4000, 10))
    assert refused.value.status == 400 and "ends early" in str(refused.value)
    # Already checked (as the server decodes): the data is not counted again, libpng refuses.
    with pytest.raises(InputError) as refused:
        decode_image_bytes(grey_png(400, 400, 10), checked=True)
    assert refused.value.status == 400 and "cannot be decoded" in str(refused.value)


def test_a_large_valid_png_and_jpeg_decode_reduced_to_the_working_size() -> None:
    whole = grey_png(6000, 4000, 4000)  # valid, 24 MP, a few tens of kB
    assert decode_image_bytes(whole).shape == (WORK_SIDE * 4000 // 6000, WORK_SIDE, 3)
    buf = io.BytesIO()
    Image.new("RGB", (8000, 6000), (10, 90, 200)).save(buf, "JPEG")
    rgb = decode_image_bytes(buf.getvalue())
    assert rgb.shape == (1536, WORK_SIDE, 3) and abs(int(rgb[10, 10, 2]) - 200) < 8


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_exif_orientation_is_still_applied(fmt: str) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to view
    buf = io.BytesIO()
    picture = Image.new("RGB", (40, 20), (1, 2, 3))
    picture.putpixel((0, 0), (250, 250, 250))  # the top left corner goes to the top right
    picture.save(buf, fmt, exif=exif)
    rgb = decode_image_bytes(buf.getvalue())
    assert rgb.shape == (40, 20, 3) and rgb[0, -1].min() > 150 and rgb[0, 0].max() < 100


def test_concurrent_picture_bombs_get_answers_and_the_worker_lives(ready_worker: RunningWorker
                                                                   ) -> None:
    bombs = [grey_png(6000, 6000, 6000), grey_png(8192, 8192, 10), grey_png(4000, 4000, 10)] * 3
    bodies = [{"image": base64.b64encode(b).decode()} for b in bombs]
    with ThreadPoolExecutor(len(bodies)) as pool:
        results = list(pool.map(lambda b: call(ready_worker, "POST", "/v1/pose", b), bodies))
    assert {r[0] for r in results} <= {413, 400, 422}, [r[:2] for r in results]
    assert ready_worker.proc.poll() is None
    assert ready_worker.client(timeout=10).health()["ready"]


# ---------------------------------------------------------------- lanes


def test_text_runs_while_a_picture_is_busy_and_pictures_keep_their_order() -> None:
    from posegpt_blender.serve.model_host import ModelHost

    host = ModelHost("default", "cpu")
    ready = threading.Event()
    host.start(on_ready=lambda _info: ready.set(), on_failed=lambda _error: ready.set())
    assert ready.wait(120) and host.model is not None, host.error
    release, order = threading.Event(), []

    def picture(i: int):
        def job(_model: object) -> int:
            if i == 0:
                assert release.wait(60)  # the first picture holds its lane
            order.append(i)
            return i
        return job

    pictures = [host.submit(picture(i), "picture") for i in range(5)]
    text = host.submit(lambda model: model.pose_from_text("raise both arms"), "text")
    assert text.result(60).poses  # answered while the first picture still runs
    assert not pictures[0].done()
    release.set()
    assert [f.result(60) for f in pictures] == list(range(5)) and order == list(range(5))


# ---------------------------------------------------------------- connections


def low_fd_worker() -> RunningWorker:
    """A worker whose process may open only 256 files, as in the probe."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))
    return start_worker("--model", "default", "--device", "cpu", preexec_fn=limit)


def test_stalled_heads_and_slow_uploads_leave_health_answering() -> None:
    worker = low_fd_worker()
    stalled: list[socket.socket] = []
    try:
        assert worker.wait_loaded()["ready"]
        uploads = []
        for _ in range(16):  # complete heads, then a body that stops after one byte
            sock = socket.create_connection(("127.0.0.1", worker.port), timeout=30)
            sock.sendall(f"POST /v1/pose HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                         f"{worker.token}\r\nContent-Type: application/json\r\n"
                         "Content-Length: 120\r\n\r\n{".encode())
            uploads.append(sock)
        for i in range(300):  # half a head each, no token needed
            sock = socket.create_connection(("127.0.0.1", worker.port), timeout=30)
            sock.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Half: ")
            stalled.append(sock)
            if i % 50 == 0:
                assert worker.client(timeout=10).health()["version"]
        client = worker.client(timeout=10)
        assert client.health()["ready"]
        assert client.pose(text="raise both arms")["smpl"]  # small bodies have their own slots
        for sock in stalled:  # each is closed by the worker within its head timeout
            sock.settimeout(HEADER_TIMEOUT_S * 3)
            try:
                assert sock.recv(1024) == b""
            except ConnectionResetError:
                pass
        assert client.health()["ready"] and worker.proc.poll() is None
        for sock in uploads:
            sock.close()
    finally:
        for sock in stalled:
            sock.close()
        worker.stop()


def test_more_waiting_connections_than_the_cap_close_the_oldest(worker_server: RunningWorker
                                                                ) -> None:
    socks = [socket.create_connection(("127.0.0.1", worker_server.port), timeout=30)
             for _ in range(MAX_WAITING_CONNECTIONS + 8)]
    try:
        for sock in socks:
            sock.sendall(b"GET /v1/heal")
        assert worker_server.client(timeout=10).health()["version"]
        socks[0].settimeout(HEADER_TIMEOUT_S / 2)  # closed for the newer ones, not timed out
        try:
            assert socks[0].recv(1024) == b""
        except ConnectionResetError:
            pass
    finally:
        for sock in socks:
            sock.close()


def test_a_get_is_never_refused_for_upload_slots(worker_server: RunningWorker) -> None:
    # GETs carry no body: they take no upload slot, whatever the slots' state.
    assert_error(call(worker_server, "GET", "/v1/health", token="x" * MIN_TOKEN_CHARS), 401,
                 "unauthorized")
    assert call(worker_server, "GET", "/v1/health")[0] == 200


# ---------------------------------------------------------------- pose files


def test_magic_header_writer_matches_numpy(tmp_path: Path) -> None:
    path = hostile_npz(tmp_path / "ok.npz", global_orient=((2, 3),), body_pose=((2, 69),))
    assert len(load_npz(path)) == 2


def bounded_load(path: Path) -> tuple[BaseException | None, int]:
    """The error loading path raised (None if it loaded) and the peak of Python/numpy
    allocations while it ran, in bytes."""
    tracemalloc.start()
    try:
        load_pose_file(path)
        error = None
    except BaseException as exc:  # noqa: BLE001 - the test asserts on what it was
        error = exc
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return error, peak


def test_an_unused_huge_member_is_never_read(tmp_path: Path) -> None:
    path = hostile_npz(tmp_path / "pose.npz", global_orient=((3,),), body_pose=((69,),),
                       junk=((256 * 2**20,), "|u1"))
    assert path.stat().st_size < 2 * 2**20
    error, peak = bounded_load(path)
    assert error is None and peak < 20 * 2**20


@pytest.mark.parametrize("members,words", [
    pytest.param({"global_orient": ((2_000_000, 3),), "body_pose": ((2_000_000, 69),)},
                 "frames", id="2M-frames"),
    pytest.param({"global_orient": ((3,),), "body_pose": ((10**12,), "<f8", 0)}, "frames",
                 id="shape-1e12"),
    pytest.param({"global_orient": ((3,),), "body_pose": ((69,), "<f8", 100)}, "truncated",
                 id="short-data"),
    pytest.param({"global_orient": ((3,),), "body_pose": ((69,), "|O", 0)}, "never unpickled",
                 id="objects"),
])
def test_hostile_npz_headers_are_refused_before_reading(tmp_path: Path, members: dict,
                                                        words: str) -> None:
    path = hostile_npz(tmp_path / "bad.npz", **members)
    error, peak = bounded_load(path)
    assert isinstance(error, PoseFormatError) and words in str(error), error
    assert peak < 20 * 2**20


def test_a_sequence_over_the_frame_cap_is_refused(tmp_path: Path) -> None:
    frames = MAX_POSE_FRAMES + 1
    path = hostile_npz(tmp_path / "long.npz", global_orient=((frames, 3),),
                       body_pose=((frames, 63),))
    with pytest.raises(PoseFormatError, match="frames"):
        load_npz(path)


def test_a_zip_with_thousands_of_members_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "many.npz"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(2000):
            archive.writestr(f"m{i}.npy", b"")
    with pytest.raises(PoseFormatError, match="members"):
        load_npz(path)


def test_a_huge_json_number_and_a_huge_json_file_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "pose.json"
    path.write_text('{"global_orient": [%s, 0, 0], "body_pose": %s}'
                    % ("9" * 5000, json.dumps([0] * 69)))
    with pytest.raises(PoseFormatError, match="cannot read as JSON"):
        load_json(path)
    with open(tmp_path / "big.json", "wb") as f:  # sparse: no disk used
        f.truncate(65 * 2**20)
    error, peak = bounded_load(tmp_path / "big.json")
    assert isinstance(error, PoseFormatError) and "MB" in str(error) and peak < 20 * 2**20


@pytest.mark.parametrize("kind", ["dev-zero-link", "fifo", "folder"])
def test_pose_files_that_are_not_regular_files_are_refused(tmp_path: Path, kind: str) -> None:
    path = tmp_path / ("pose.npz" if kind == "folder" else "pose.json")
    if kind == "dev-zero-link":
        path.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()
    outcome: list[BaseException | None] = []
    reader = threading.Thread(target=lambda: outcome.append(bounded_load(path)[0]), daemon=True)
    reader.start()
    reader.join(30)  # a FIFO read would block for ever: bounded here
    assert outcome and isinstance(outcome[0], PoseFormatError), outcome
    assert "regular file" in str(outcome[0])


def test_describe_on_a_hostile_file_exits_2_with_the_reason(tmp_path: Path) -> None:
    path = hostile_npz(tmp_path / "bomb.npz", global_orient=((3,),),
                       body_pose=((10**12,), "<f8", 0))
    done = subprocess.run([sys.executable, "-m", "posegpt_blender", "describe", str(path)],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH=str(REPO_ROOT)))
    assert done.returncode == 2 and "frames" in done.stderr and "Traceback" not in done.stderr


# ---------------------------------------------------------------- tokens

BAD_TOKENS = ["é" * 20, "\N{SMILING FACE WITH SMILING EYES}" * 16, "abcdefgh\nijklmnop",
              " " * 16, " " + "a" * 20, "a" * 20 + " ", "abc123"]


@pytest.mark.parametrize("token", BAD_TOKENS)
def test_the_client_refuses_an_unusable_token_with_a_worker_error(token: str) -> None:
    assert token_problem(token)
    with pytest.raises(WorkerError) as refused:
        WorkerClient("http://127.0.0.1:9", token, timeout=5).health()
    assert refused.value.code == "bad_token" and "token" in str(refused.value)
    assert token not in str(refused.value)


@pytest.mark.parametrize("token", BAD_TOKENS[:5])
def test_the_worker_refuses_an_unusable_token_at_start(token: str) -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), **{TOKEN_ENV: token})
    done = subprocess.run([sys.executable, "-m", "posegpt_blender", "serve", "--port", "0"],
                          cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and TOKEN_ENV in done.stderr, done.stderr
    assert LISTENING not in done.stdout


def test_a_printable_token_with_inner_spaces_works() -> None:
    token = "correct horse battery staple!"
    assert token_problem(token) == ""
    worker = start_worker("--model", "default", "--device", "cpu", token=token)
    try:
        assert worker.client(timeout=10).health()["version"]
    finally:
        worker.stop()
