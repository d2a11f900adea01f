"""Speed sections against a real worker process on loopback: cold start, latency, throughput,
peak memory (RSS of the worker process tree, sampled by psutil)."""
from __future__ import annotations

import io
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import psutil

from core.client import WorkerClient, WorkerError
from core.worker_process import WorkerProcess

ROOT = Path(__file__).resolve().parents[2]


class PeakRss:
    """Samples the RSS of a process and its children every period seconds; keeps the peak."""

    def __init__(self, pid: int, period: float = 0.05) -> None:
        self.process = psutil.Process(pid)
        self.period = period
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.period):
            try:
                procs = [self.process, *self.process.children(recursive=True)]
                self.peak = max(self.peak, sum(p.memory_info().rss for p in procs))
            except psutil.Error:
                return

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def settle(pid: int, timeout: float = 120.0, busy: float = 0.1) -> float:
    """Wait until the process uses under `busy` of a core over a second (a worker reports ready
    before the default model's background warm-up ends: ~7 s of torch on 2 cores, which
    doubles a picture's time meanwhile); the seconds waited."""
    process = psutil.Process(pid)
    start = time.perf_counter()
    used = sum(process.cpu_times()[:2])
    while time.perf_counter() - start < timeout:
        time.sleep(1.0)
        now = sum(process.cpu_times()[:2])
        if now - used < busy:
            break
        used = now
    return time.perf_counter() - start


def percentiles(values: list[float]) -> dict[str, float]:
    arr = np.asarray(values, np.float64)
    return {"n": int(arr.size), "p50": float(np.percentile(arr, 50)),
            "p95": float(np.percentile(arr, 95)), "mean": float(arr.mean())}


def png_bytes(photo: Path, side: int) -> bytes:
    """The photo resized so its longest side is `side` px, as PNG."""
    from PIL import Image

    image = Image.open(photo).convert("RGB")
    scale = side / max(image.size)
    image = image.resize((round(image.width * scale), round(image.height * scale)),
                         Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def _timed(client: WorkerClient, **kwargs) -> tuple[float, dict]:
    start = time.perf_counter()
    answer = client.pose(**kwargs)
    return (time.perf_counter() - start) * 1000.0, answer["timings"]


def latency(client: WorkerClient, repeats: int, **kwargs) -> dict:
    """Client round trip and the worker's own timings (ms); the first call is reported apart."""
    first, _ = _timed(client, **kwargs)
    runs = [_timed(client, **kwargs) for _ in range(repeats)]
    return {"first_ms": first,
            "round_trip_ms": percentiles([r[0] for r in runs]),
            "inference_ms": percentiles([r[1]["inference_ms"] for r in runs]),
            "worker_total_ms": percentiles([r[1]["total_ms"] for r in runs])}


def throughput(client: WorkerClient, prompts: list[str], clients: int, per_client: int) -> dict:
    """Requests per second with `clients` concurrent clients (the worker serialises inference)."""
    def one_client(k: int) -> list[float]:
        own = WorkerClient(client.base_url, client.token, timeout=client.timeout)
        return [_timed(own, text=prompts[(k + i) % len(prompts)])[0] for i in range(per_client)]

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        lat = [ms for rows in pool.map(one_client, range(clients)) for ms in rows]
    wall = time.perf_counter() - start
    return {"clients": clients, "requests": len(lat), "seconds": wall,
            "requests_per_s": len(lat) / wall, "latency_ms": percentiles(lat)}


LOAD_KINDS = ("text", "describe", "health", "image")


def mixed_load(client: WorkerClient, prompts: list[str], picture: bytes, clients: int = 16,
               per_client: int = 24) -> dict:
    """`clients` concurrent clients, each cycling through LOAD_KINDS (a description, the pose
    in words, health, a picture): latency per kind (ms), requests/s, and the errors."""
    from core.pose import SmplPose

    smpl = SmplPose.from_rotations(np.full((24, 3), 0.2)).to_dict()["smpl"]
    errors: list[str] = []

    def one_client(k: int) -> list[tuple[str, float]]:
        own = WorkerClient(client.base_url, client.token, timeout=client.timeout)
        rows = []
        for i in range(per_client):
            kind = LOAD_KINDS[(k + i) % len(LOAD_KINDS)]
            start = time.perf_counter()
            try:
                if kind == "text":
                    own.pose(text=prompts[(k + i) % len(prompts)])
                elif kind == "describe":
                    own.describe(smpl)
                elif kind == "health":
                    own.health()
                else:
                    own.pose(image=picture)
            except WorkerError as exc:
                errors.append(f"{kind}: {exc}")
                continue
            rows.append((kind, (time.perf_counter() - start) * 1000.0))
        return rows

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        rows = [row for rows in pool.map(one_client, range(clients)) for row in rows]
    wall = time.perf_counter() - start
    return {"clients": clients, "requests": len(rows) + len(errors), "seconds": wall,
            "requests_per_s": len(rows) / wall, "errors": len(errors),
            "first_errors": errors[:3],
            "latency_ms": {kind: percentiles([ms for k, ms in rows if k == kind])
                           for kind in LOAD_KINDS if any(k == kind for k, _ in rows)}}


def worker_speed(model: str, prompts: list[str], photo: Path, text_repeats: int,
                 image_repeats: int, per_client: int, smpl_model: str = "") -> dict:
    """Everything measured against one worker this function starts and stops."""
    worker = WorkerProcess(sys.executable, ROOT, model=model, device="auto",
                           smpl_model=smpl_model)
    start = time.perf_counter()
    worker.start()
    peak = None
    try:
        while worker.poll() == "starting" and not worker.url:
            time.sleep(0.01)
        listening = time.perf_counter() - start
        peak = PeakRss(worker.pid)
        worker.wait_ready(600.0)
        ready = time.perf_counter() - start
        client = worker.client(timeout=300.0)
        out = {"device": worker.info.get("device"), "model": worker.info.get("model"),
               "photo": photo.name,
               "cold_start_s": {"listening": listening, "ready": ready},
               "text": latency(client, text_repeats, text=prompts[0])}
        for side in (512, 1024):
            try:
                out[f"image_{side}"] = latency(client, image_repeats,
                                               image=png_bytes(photo, side))
            except WorkerError as exc:  # e.g. a text-only checkpoint: reported, not fatal
                out[f"image_{side}"] = {"error": str(exc)}
        out["throughput"] = [throughput(client, prompts, c, per_client) for c in (1, 4, 8)]
        out["mixed_load"] = mixed_load(client, prompts, png_bytes(photo, 512),
                                       per_client=4 * per_client)
        out["peak_rss_mb"] = peak.stop() / 2**20
        return out
    finally:
        if peak is not None:
            peak.stop()
        worker.stop()
