"""Concurrent load on a real worker: 8 clients x 100 mixed requests, 0 errors, P95 printed.

A mix of text, describe, health and a small photo against the default model; every model call
runs once and nothing is left queued.
"""
from __future__ import annotations

import io
import os
import threading
import time
from collections import defaultdict

import numpy as np
from PIL import Image

from conftest import REPO_ROOT, RunningWorker
from core.client import WorkerError, poses_from_response
from core.pose import SmplPose

CLIENTS = 8
REQUESTS_PER_CLIENT = int(os.environ.get("POSEGPT_LOAD_REQUESTS", "100"))
TEXTS = ["raise both arms", "kneel on the left knee", "arms crossed", "a deep squat",
         "touch the toes", "wave with the right hand"]


def small_photo() -> bytes:
    """The sample astronaut photo at 256 px (a real person, a few kB)."""
    image = Image.open(REPO_ROOT / "tools" / "samples" / "astronaut.jpg").convert("RGB")
    image.thumbnail((256, 256))
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=85)
    return buf.getvalue()


def run_load(worker: RunningWorker, kinds: list[str], per_client: int = REQUESTS_PER_CLIENT
             ) -> dict[str, list[float]]:
    """CLIENTS threads, each sending per_client requests cycling through kinds;
    every answer is checked. Returns latencies (s) per kind; fails on any error."""
    photo = small_photo() if "image" in kinds else b""
    smpl = SmplPose.from_rotations(np.full((24, 3), 0.2)).to_dict()["smpl"]
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    lock = threading.Lock()

    def client_loop(index: int) -> None:
        client = worker.client(timeout=120)
        for i in range(per_client):
            kind = kinds[(index + i) % len(kinds)]
            start = time.perf_counter()
            try:
                if kind == "health":
                    assert client.health()["ready"] is True
                elif kind == "describe":
                    assert isinstance(client.describe(smpl), str)
                elif kind == "text":
                    assert poses_from_response(client.pose(text=TEXTS[(index + i) % len(TEXTS)]))
                else:
                    assert poses_from_response(client.pose(image=photo))
            except (WorkerError, AssertionError) as exc:  # collected: threads cannot fail a test
                with lock:
                    errors.append(f"client {index} request {i} ({kind}): {exc!r}")
                continue
            with lock:
                latencies[kind].append(time.perf_counter() - start)

    threads = [threading.Thread(target=client_loop, args=(c,)) for c in range(CLIENTS)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(600)
    wall = time.perf_counter() - began
    total = sum(len(v) for v in latencies.values())
    print(f"\n{CLIENTS} clients x {per_client} requests: {total} answered, "
          f"{len(errors)} errors, {wall:.1f} s, {total / wall:.1f} req/s")
    every = [s for v in latencies.values() for s in v]
    for kind, values in sorted(latencies.items()) + [("all", every)]:
        print(f"  {kind:8s} n={len(values):4d} p50={np.percentile(values, 50) * 1000:7.1f} ms "
              f"p95={np.percentile(values, 95) * 1000:7.1f} ms "
              f"max={max(values) * 1000:7.1f} ms")
    assert not errors, errors[:10]
    assert not any(t.is_alive() for t in threads), "a client hung"
    assert total == CLIENTS * per_client
    return latencies


def test_load_mixed_requests(ready_worker: RunningWorker) -> None:
    before = ready_worker.client().health()["served"]
    latencies = run_load(ready_worker, ["text", "describe", "health", "image"])
    health = ready_worker.client().health()
    # Every model call ran once (health does not touch the model); nothing is left queued.
    assert health["served"] - before == sum(len(latencies[k]) for k in ("text", "describe",
                                                                         "image"))
    assert health["queued"] == 0
