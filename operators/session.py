"""The one worker this Blender session talks to, and the checks every request makes first."""
from __future__ import annotations

from pathlib import Path

import bpy

from .. import preferences, status
from ..core.client import WorkerClient
from ..core.protocol import TOKEN_ENV
from ..core.worker_process import WorkerProcess
from ..operator_base import UserError
from ..status import worker  # noqa: F401 (the session's worker, for the operators)

# The extension's own folder holds core/ and posegpt_blender/ (code and weights): the worker
# runs from there so it always matches this add-on.
EXTENSION_DIR = Path(__file__).resolve().parent.parent
START_TIMEOUT_S = 600.0
REQUEST_TIMEOUT_S = 300.0


def require_online_access() -> None:
    """Blender's rule for any socket, even to this computer (the extension guidelines)."""
    if not bpy.app.online_access:
        raise UserError(
            "Online access is off, so PoseGPT may not talk to its worker (a process on this "
            "computer). Turn on Preferences > System > Network > Allow Online Access "
            "(headless: start Blender with --online-mode).")


def start(context: bpy.types.Context) -> WorkerProcess:
    """Start our own worker, or attach to the one at the preferences' address; returns at once
    when starting (see WorkerProcess.state), raises UserError when it cannot even begin."""
    require_online_access()
    prefs = preferences.get(context)
    stop()
    if prefs.address.strip():
        if not prefs.token:
            raise UserError("Set the token of the worker at " + prefs.address.strip()
                            + f" in Preferences > Add-ons > PoseGPT (its {TOKEN_ENV}).")
        try:
            current = WorkerProcess.attach(prefs.address.strip(), prefs.token)
        except ValueError as exc:
            raise UserError(f"Bad worker address: {exc}") from exc
        status.set_worker(current)
        return current
    python = bpy.path.abspath(prefs.python.strip()) if prefs.python.strip() else ""
    if not python and preferences.installed_python(prefs) is not None:
        python = str(preferences.installed_python(prefs))  # Install Worker's environment
    if not python:
        raise UserError("No worker Python set: press Install Worker in Preferences > Add-ons > "
                        "PoseGPT (or point 'Worker Python' at a Python with the worker's "
                        "requirements, or set POSEGPT_PYTHON before starting Blender).")
    if not Path(python).is_file():
        raise UserError(f"The worker Python '{python}' does not exist: press Install Worker "
                        "in Preferences > Add-ons > PoseGPT (Repair, if it made this one), or "
                        "point 'Worker Python' at a Python with the worker's requirements.")
    smpl_model = bpy.path.abspath(prefs.smpl_model.strip()) if prefs.smpl_model.strip() else ""
    current = WorkerProcess(python, EXTENSION_DIR, model=prefs.model.strip() or "default",
                            device=prefs.device, smpl_model=smpl_model,
                            quantize="" if prefs.quantize == "none" else prefs.quantize)
    status.set_worker(current)
    current.start()
    return current


def stop() -> None:
    current = status.worker()
    if current is not None:
        current.stop()
    status.set_worker(None)


def worker_for_request(context: bpy.types.Context) -> WorkerProcess:
    """The worker (started if auto-start allows it); UserError when there is none.

    The worker may still be starting: the caller waits with worker.wait_ready() off the main
    thread (or blocking in background mode).
    """
    require_online_access()
    current = status.worker()
    state = current.poll() if current is not None else "stopped"
    if state in ("stopped", "failed"):
        if not preferences.get(context).auto_start:
            reason = f" ({current.error})" if current is not None and current.error else ""
            raise UserError(f"The PoseGPT worker is not running{reason}. Press Start in the "
                            "PoseGPT panel (or turn on auto-start in the preferences).")
        current = start(context)
        if current.state == "failed":
            raise UserError(f"The PoseGPT worker could not start: {current.error}")
    return current


def ready_client(current: WorkerProcess, timeout: float = START_TIMEOUT_S) -> WorkerClient:
    """Wait for the worker's model, then a client (any thread); WorkerError on failure."""
    current.wait_ready(timeout)
    return current.client(timeout=REQUEST_TIMEOUT_S)

