"""Re-run issue 17's hostile cases against a real worker on loopback and print the numbers.

    .venv/bin/python tools/hardening_check.py [--only bombs,stalls,uploads,files]

- bombs: 8 concurrent picture bombs (a valid 36 MP grey PNG of a few kB, a 225-byte PNG
  declaring 67 MP, a PNG whose data ends after 10 rows): peak RSS above idle, RSS after.
- stalls: 300 connections that send half a request head, the worker limited to 256 open files:
  seconds until the worker closed them all, and health answers meanwhile.
- uploads: 16 clients that send a head with Content-Length: 120 and then 1 byte: health status.
- files: each hostile pose file: error, seconds, extra memory (ru_maxrss of a fresh process).
"""
from __future__ import annotations

import argparse
import base64
import io
import json
import os
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from core.client import WorkerClient, WorkerError  # noqa: E402
from core.protocol import TOKEN_ENV  # noqa: E402
from hostile_bytes import grey_png, hostile_npz  # noqa: E402


class Worker:
    """`serve --model default` on loopback, optionally limited to `files` open files."""

    def __init__(self, files: int | None = None) -> None:
        self.token = "hardening-check-token-0123456789"
        env = dict(os.environ, PYTHONPATH=str(ROOT), **{TOKEN_ENV: self.token})

        def limit() -> None:
            if files:
                resource.setrlimit(resource.RLIMIT_NOFILE, (files, files))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "posegpt_blender", "serve", "--port", "0", "--device", "cpu"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
            preexec_fn=limit)
        line = self.proc.stdout.readline()
        self.port = json.loads(line.split(" ", 1)[1])["port"]
        self.client(5)
        deadline = time.monotonic() + 300
        while not self.client(5).health()["ready"] and time.monotonic() < deadline:
            time.sleep(0.2)

    def client(self, timeout: float = 60.0) -> WorkerClient:
        return WorkerClient(f"http://127.0.0.1:{self.port}", self.token, timeout=timeout)

    def rss_mb(self) -> float:
        return psutil.Process(self.proc.pid).memory_info().rss / 2**20

    def stop(self) -> None:
        self.proc.kill()
        self.proc.wait()


def raw_status(port: int, body: bytes, token: str) -> int:
    import http.client
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        conn.request("POST", "/v1/pose", body=body, headers={
            "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        return conn.getresponse().status
    finally:
        conn.close()


def bombs() -> None:
    worker = Worker()
    try:
        from PIL import Image
        photo = io.BytesIO()
        Image.open(ROOT / "tools" / "samples" / "astronaut.jpg").save(photo, "PNG")
        worker.client().pose(image=photo.getvalue())  # loads the picture model: part of idle
        time.sleep(1.0)
        idle = worker.rss_mb()
        kinds = [grey_png(6000, 6000, 6000), grey_png(8192, 8192, 10),
                 grey_png(6000, 6000, 10), grey_png(6000, 6000, 6000)] * 2
        bodies = [json.dumps({"image": base64.b64encode(k).decode()}).encode() for k in kinds]
        peak, stop = [idle], threading.Event()

        def sample() -> None:
            while not stop.is_set():
                peak.append(worker.rss_mb())
                time.sleep(0.02)
        sampler = threading.Thread(target=sample)
        sampler.start()
        start = time.perf_counter()
        with ThreadPoolExecutor(len(bodies)) as pool:
            statuses = list(pool.map(lambda b: raw_status(worker.port, b, worker.token), bodies))
        took = time.perf_counter() - start
        stop.set()
        sampler.join()
        time.sleep(2.0)
        after = worker.rss_mb()
        print(f"bombs: 8 concurrent, statuses {sorted(statuses)} in {took:.1f} s; idle "
              f"{idle:.0f} MB, peak {max(peak):.0f} MB (+{max(peak) - idle:.0f} MB), after "
              f"{after:.0f} MB ({(after - idle) / idle * 100:+.1f}% of idle)")
    finally:
        worker.stop()


class HealthWatch:
    """Asks the worker's health every 0.25 s from a thread, from its making until stop()."""

    def __init__(self, worker: Worker) -> None:
        self.log: list = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, args=(worker,))
        self._thread.start()

    def _watch(self, worker: Worker) -> None:
        while not self._stop.is_set():
            try:
                worker.client(10).health()
                self.log.append(200)
            except WorkerError as exc:
                self.log.append(f"{exc.code} {exc.status}")
            time.sleep(0.25)

    def stop(self) -> tuple[str, str]:
        """("<answered 200>/<asked>", ", others: [the first five]" or "") once it has ended."""
        self._stop.set()
        self._thread.join()
        bad = [x for x in self.log if x != 200]
        return f"{len(self.log) - len(bad)}/{len(self.log)}", f", others: {bad[:5]}" if bad else ""


@contextmanager
def worker_and_sockets(files: int | None = None) -> Iterator[tuple[Worker, list[socket.socket]]]:
    """A Worker and a list for the connections made to it; all closed, and it stopped, after."""
    worker = Worker(files)
    socks: list[socket.socket] = []
    try:
        yield worker, socks
    finally:
        for sock in socks:
            sock.close()
        worker.stop()


def send_heads(worker: Worker, head: bytes, count: int, socks: list[socket.socket]) -> None:
    """count connections to the worker that each send head and wait, added to socks."""
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", worker.port), timeout=60)
        sock.sendall(head)
        socks.append(sock)


def stalls() -> None:
    with worker_and_sockets(files=256) as (worker, socks):
        watch = HealthWatch(worker)
        start = time.perf_counter()
        send_heads(worker, b"GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Half: ", 300, socks)
        opened = time.perf_counter() - start
        last = 0.0
        for sock in socks:
            try:
                sock.recv(1024)
            except (ConnectionResetError, socket.timeout):
                pass
            last = time.perf_counter() - start
        answered, others = watch.stop()
        print(f"stalls: 300 opened in {opened:.1f} s; all closed by the worker {last:.1f} s "
              f"after the first; health {answered} answered 200 meanwhile{others}")


def uploads() -> None:
    with worker_and_sockets() as (worker, socks):
        head = (f"POST /v1/pose HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {worker.token}\r\n"
                "Content-Length: 120\r\n\r\n{").encode()
        send_heads(worker, head, 16, socks)
        watch = HealthWatch(worker)
        for second in range(20):  # 1 byte a second, as in the probe
            time.sleep(1.0)
            for sock in socks:
                sock.sendall(b" ")
        text = worker.client(10).pose(text="raise both arms")["smpl"] is not None
        answered, others = watch.stop()
        print(f"uploads: 16 slow uploads for 20 s: health {answered} answered 200{others}; a "
              f"text pose answered: {text}")


def hostile_files(folder: Path) -> dict[str, Path]:
    def npz(name: str, **members: tuple) -> Path:
        return hostile_npz(folder / name, **members)
    files = {
        "2 GiB unused member": npz("unused.npz", global_orient=((3,),), body_pose=((69,),),
                                   junk=((2 * 2**30,), "|u1")),
        "2 million frames": npz("frames.npz", global_orient=((2_000_000, 3),),
                                body_pose=((2_000_000, 69),)),
        "shape (10^12,)": npz("shape.npz", global_orient=((3,),), body_pose=((10**12,), "<f8", 0)),
    }
    number = folder / "number.json"
    number.write_text('{"global_orient": [%s, 0, 0], "body_pose": %s}'
                      % ("9" * 5000, json.dumps([0] * 69)))
    files["5,000-digit number"] = number
    (folder / "zero.json").symlink_to("/dev/zero")
    files["symlink to /dev/zero"] = folder / "zero.json"
    os.mkfifo(folder / "fifo.json")
    files["FIFO"] = folder / "fifo.json"
    return files


PROBE = """
import resource, sys, time
sys.path.insert(0, sys.argv[2])
from core.pose import load_pose_file
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
try:
    load_pose_file(sys.argv[1]); what = "loaded"
except Exception as exc:
    what = f"{type(exc).__name__}: {exc}"
took = time.perf_counter() - start
extra = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
print(f"{took:.3f} s, +{extra:.0f} MB: {what}")
"""


def files() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in hostile_files(Path(tmp)).items():
            size = path.stat().st_size if path.is_file() and not path.is_symlink() else 0
            done = subprocess.run([sys.executable, "-c", PROBE, str(path), str(ROOT)],
                                  capture_output=True, text=True, timeout=60)
            out = (done.stdout.strip() or done.stderr.strip()[-300:]).replace(tmp + "/", "")
            print(f"file {name} ({size:,} bytes): {out}")


CHECKS = {"bombs": bombs, "stalls": stalls, "uploads": uploads, "files": files}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(CHECKS))
    for name in parser.parse_args().only.split(","):
        CHECKS[name]()


if __name__ == "__main__":
    main()
