"""What the panels draw besides scene data, through a read-only API: the worker this Blender
session talks to (its state line), the request in flight and the ghost rigs of the last
variations. operators.session sets the worker
and operators.requests the request; panels only read, so they never import an operator module.
"""
from __future__ import annotations

import time

from .core.worker_process import WorkerProcess

_worker: WorkerProcess | None = None
_request: tuple[str, float] | None = None  # (label, start time) while a request runs


def worker() -> WorkerProcess | None:
    """The session's worker (started, starting, failed or attached), or None."""
    return _worker


def set_worker(current: WorkerProcess | None) -> None:
    global _worker
    _worker = current


def worker_line() -> tuple[str, str]:
    """(state, detail) for the panel."""
    if _worker is None:
        return "stopped", "Start the worker to pose from text or pictures"
    state = _worker.poll()
    if state == "ready":
        info = _worker.info
        return state, f"{info.get('model', '?')} on {info.get('device', '?')}"
    return state, _worker.progress()


def request() -> tuple[str, float] | None:
    """(label, seconds since it started) of the request in flight, or None."""
    return None if _request is None else (_request[0], time.monotonic() - _request[1])


def set_request(label: str | None) -> None:
    """A request labelled label starts now; None: it ended."""
    global _request
    _request = None if label is None else (label, time.monotonic())


GHOST_PROP = "posegpt_variation"  # a ghost rig's index (0-based) among the variations


def ghosts(scene) -> list:
    """The scene's ghost rigs (armature objects), in the order of the variations."""
    found = [o for o in scene.objects if o.get(GHOST_PROP) is not None and o.type == "ARMATURE"]
    return sorted(found, key=lambda o: int(o[GHOST_PROP]))
