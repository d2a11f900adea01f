"""The model threads: one loads the model and runs text and describe calls in order; pictures
run in order on a second thread when the model allows it (PoseModel.concurrent_pictures), so a
description never waits behind pictures."""
from __future__ import annotations

import asyncio
import concurrent.futures
import queue
import sys
import threading
import time
import traceback
from typing import Any, Callable, Literal

from fastapi import Request

from .. import __version__
from ..models.base import PoseModel
from ..models.registry import load_model
from .api_models import ApiError
from .limits import MAX_QUEUED_REQUESTS

DISCONNECT_POLL_S = 0.25
Lane = Literal["text", "picture"]


class _Queue:
    """One FIFO of model calls with a cap on those waiting or running."""

    def __init__(self, cap: int) -> None:
        self.jobs: queue.Queue = queue.Queue()
        self.cap, self.pending = cap, 0


class ModelHost:
    """Loads the model, then runs its calls on one thread (text, describe, and pictures unless
    the model runs those concurrently) or two (pictures apart), each in arrival order."""

    def __init__(self, spec: str, device: str, max_queue: int = MAX_QUEUED_REQUESTS,
                 quantize: str | None = None) -> None:
        self.spec, self.device, self.quantize = spec, device, quantize
        self.model: PoseModel | None = None
        self.error = ""
        self.max_queue = max_queue
        text = _Queue(max_queue)
        # Until the model says otherwise, pictures share the text queue (and its cap).
        self._queues: dict[Lane, _Queue] = {"text": text, "picture": text}
        self.served = 0  # model calls run (cancelled ones are not)
        self._lock = threading.Lock()

    def start(self, on_ready: Callable[[dict], None], on_failed: Callable[[str], None]) -> None:
        threading.Thread(target=self._run, args=(on_ready, on_failed), daemon=True,
                         name="posegpt-model").start()

    def health(self) -> dict[str, Any]:
        queues = {id(q): q for q in self._queues.values()}.values()
        body = {"ready": self.model is not None,
                "model": getattr(self.model, "name", None) or self.spec,
                "device": getattr(self.model, "device", None) or self.device,
                "version": __version__, "queued": sum(q.pending for q in queues),
                "served": self.served, **getattr(self.model, "details", {})}
        if self.model is not None:
            body["memory"] = memory_use(body["device"])
        if self.error:
            body["error"] = self.error
        return body

    def submit(self, fn: Callable[[PoseModel], Any], lane: Lane = "text"
               ) -> concurrent.futures.Future:
        """Queue fn(model) on lane; ApiError 503 while loading, after a failed load, or when
        that lane is full."""
        if self.model is None:
            if self.error:
                raise ApiError(503, "model_unavailable",
                               f"the model '{self.spec}' could not be loaded: {self.error}")
            raise ApiError(503, "loading", "the model is still loading; retry when "
                           "/v1/health says ready", {"Retry-After": "2"})
        lane_queue = self._queues[lane]
        with self._lock:
            if lane_queue.pending >= lane_queue.cap:
                raise ApiError(503, "busy", f"{lane_queue.pending} requests are already "
                               "waiting; retry shortly", {"Retry-After": "1"})
            lane_queue.pending += 1
        future: concurrent.futures.Future = concurrent.futures.Future()
        future.add_done_callback(lambda _f: self._release(lane_queue))
        lane_queue.jobs.put((fn, future))
        return future

    def _release(self, lane_queue: _Queue) -> None:
        with self._lock:
            lane_queue.pending -= 1

    def _run(self, on_ready: Callable[[dict], None], on_failed: Callable[[str], None]) -> None:
        start = time.perf_counter()
        try:
            model = load_model(self.spec, self.device, self.quantize)
        except Exception as exc:  # any load failure is reported, the server keeps answering
            traceback.print_exc(file=sys.stderr)
            self.error = f"{exc.__class__.__name__}: {exc}"
            on_failed(self.error)
            return
        if getattr(model, "concurrent_pictures", False):
            import torch

            # Two lanes share the cores torch would give one: oversubscribed, their thread
            # pools spin against each other (measured: text inference 27 -> 92 ms at P50 on 2
            # cores under mixed load, pictures 148 -> 320 ms).
            torch.set_num_threads(max(1, torch.get_num_threads() // 2))
            self._queues["picture"] = _Queue(self.max_queue)
            threading.Thread(target=self._serve, args=(model, self._queues["picture"]),
                             daemon=True, name="posegpt-pictures").start()
        self.model = model
        on_ready(dict(self.health(), load_s=round(time.perf_counter() - start, 3)))
        self._serve(model, self._queues["text"])

    def _serve(self, model: PoseModel, lane_queue: _Queue) -> None:
        while True:
            fn, future = lane_queue.jobs.get()
            if not future.set_running_or_notify_cancel():
                continue  # its client went away while it waited
            with self._lock:
                self.served += 1
            try:
                future.set_result(fn(model))
            except StopIteration as exc:  # asyncio refuses it: the request would wait forever
                future.set_exception(RuntimeError(f"the model raised {exc!r}"))
            except BaseException as exc:
                future.set_exception(exc)


def memory_use(device: str) -> dict[str, float]:
    """MB the worker holds: its process's resident memory, and the GPU's when on cuda."""
    import psutil

    out = {"process_rss_mb": round(psutil.Process().memory_info().rss / 2 ** 20, 1)}
    if device.startswith("cuda"):
        import torch
        out["gpu_allocated_mb"] = round(torch.cuda.memory_allocated(device) / 2 ** 20, 1)
        out["gpu_peak_mb"] = round(torch.cuda.max_memory_allocated(device) / 2 ** 20, 1)
        out["gpu_total_mb"] = round(torch.cuda.get_device_properties(device).total_memory
                                    / 2 ** 20, 1)
    return out


async def run_job(host: ModelHost, request: Request, fn: Callable[[PoseModel], Any],
                  lane: Lane = "text") -> Any:
    """Wait for a queued model call; drop it if the client disconnects before it starts."""
    future = host.submit(fn, lane)
    waiter = asyncio.wrap_future(future)
    while True:
        done, _ = await asyncio.wait({waiter}, timeout=DISCONNECT_POLL_S)
        if done:
            return waiter.result()
        if await request.is_disconnected():
            future.cancel()  # a running call cannot be interrupted; its result is dropped
            raise ApiError(499, "cancelled", "the client disconnected")
