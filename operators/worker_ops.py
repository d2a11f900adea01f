"""Start and stop the worker (or attach to / detach from a running one)."""

import bpy

from ..core.client import WorkerError
from ..operator_base import PoseGPTOperator, UserError
from . import session
from .modal_job import redraw_areas

_POLL_S = 0.5


def _watch_worker() -> float | None:
    """Timer: redraw the panel while the worker starts, so its status line stays current."""
    current = session.worker()
    redraw_areas("VIEW_3D")
    return _POLL_S if current is not None and current.poll() == "starting" else None


class POSEGPT_OT_worker_start(PoseGPTOperator, bpy.types.Operator):
    """Start the PoseGPT worker (or attach to the one at the preferences' address)"""

    bl_idname = "posegpt.worker_start"
    bl_label = "Start Worker"

    wait: bpy.props.BoolProperty(
        name="Wait Until Ready", default=False, options={"SKIP_SAVE"},
        description="Block until the model is loaded (always so in background mode)")
    expected = (UserError, WorkerError)

    def run(self, context: bpy.types.Context) -> set[str]:
        worker = session.start(context)
        if bpy.app.background or self.wait:
            worker.wait_ready(session.START_TIMEOUT_S)
        if worker.state == "failed":
            raise UserError(f"The PoseGPT worker could not start: {worker.error}")
        if not bpy.app.background and not bpy.app.timers.is_registered(_watch_worker):
            bpy.app.timers.register(_watch_worker, first_interval=_POLL_S)
        self.report({"INFO"}, f"PoseGPT worker {worker.state}: {worker.progress()}")
        return {"FINISHED"}


class POSEGPT_OT_worker_stop(PoseGPTOperator, bpy.types.Operator):
    """Stop the PoseGPT worker (a worker we attached to keeps running)"""

    bl_idname = "posegpt.worker_stop"
    bl_label = "Stop Worker"

    def run(self, context: bpy.types.Context) -> set[str]:
        session.stop()
        self.report({"INFO"}, "PoseGPT worker stopped")
        return {"FINISHED"}


classes = (POSEGPT_OT_worker_start, POSEGPT_OT_worker_stop)


def unregister() -> None:
    if bpy.app.timers.is_registered(_watch_worker):
        bpy.app.timers.unregister(_watch_worker)
    session.stop()
