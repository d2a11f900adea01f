"""Worker requests that never freeze the UI: a thread per request, applied on the main thread.

Interactively (invoke) an operator runs its request in a RequestJob and stays modal on an event
timer: the status bar shows progress, Esc cancels (the answer is thrown away, the scene is not
touched), and the answer is applied inside the operator, so REGISTER + UNDO make it one undo
step. In background mode and from scripts (execute) the request blocks and applies directly.
"""
from __future__ import annotations

import threading
from typing import Any, Callable

import bpy

from .. import status
from ..core.client import WorkerError
from ..core.pose import PoseFormatError
from ..operator_base import Cancelled, PoseGPTOperator, UserError


class RequestJob:
    """work() run once in a daemon thread; cancel() makes its outcome be ignored."""

    def __init__(self, work: Callable[[], Any]) -> None:
        self._work = work
        self.result: Any = None
        self.error: BaseException | None = None
        self.cancelled = False
        self.done = threading.Event()

    def start(self) -> "RequestJob":
        threading.Thread(target=self._run, daemon=True, name="posegpt-request").start()
        return self

    def run(self) -> "RequestJob":
        """Run in this thread (background mode, scripts)."""
        self._run()
        return self

    def cancel(self) -> None:
        # An HTTP call cannot be interrupted safely; its answer is simply never applied.
        self.cancelled = True

    def outcome(self) -> Any:
        """The result; the work's exception re-raised; RuntimeError if cancelled or not done."""
        if self.cancelled:
            raise RuntimeError("the request was cancelled")
        if not self.done.is_set():
            raise RuntimeError("the request has not finished")
        if self.error is not None:
            raise self.error
        return self.result

    def _run(self) -> None:
        try:
            self.result = self._work()
        except BaseException as exc:  # handed to the main thread, which reports it
            self.error = exc
        finally:
            self.done.set()


class RequestOperator(PoseGPTOperator):
    """Mixin: subclasses implement prepare() (main thread: checks, inputs, returns the work
    function for the thread) and apply() (main thread: changes the scene)."""

    bl_options = {"REGISTER", "UNDO"}
    progress_label = "PoseGPT is thinking"
    expected = (UserError, WorkerError, PoseFormatError, OSError)

    def prepare(self, context: bpy.types.Context) -> Callable[[], Any]:
        raise NotImplementedError

    def progress_fraction(self) -> float | None:
        """Share of the work done (0..1) when the work reports it; None shows elapsed time."""
        return None

    def apply(self, context: bpy.types.Context, result: Any) -> None:
        raise NotImplementedError

    def run(self, context: bpy.types.Context) -> set[str]:
        job = RequestJob(self.prepare(context)).run()
        return self._finish(context, job)

    def invoke(self, context: bpy.types.Context, event: bpy.types.Event) -> set[str]:
        if bpy.app.background or context.window is None:
            return self.execute(context)
        return self.guard(self._start, context)

    def _start(self, context: bpy.types.Context) -> set[str]:
        self._job = RequestJob(self.prepare(context)).start()
        status.set_request(self.progress_label)
        wm = context.window_manager
        self._timer = wm.event_timer_add(0.1, window=context.window)
        wm.modal_handler_add(self)
        wm.progress_begin(0, 100)
        return {"RUNNING_MODAL"}

    def modal(self, context: bpy.types.Context, event: bpy.types.Event) -> set[str]:
        if event.type == "ESC":
            self._job.cancel()
            self._end_modal(context)
            return self.fail(Cancelled("PoseGPT request cancelled; the scene was not changed"))
        if event.type != "TIMER":
            return {"PASS_THROUGH"}
        if not self._job.done.is_set():
            elapsed = status.request()[1] if status.request() else 0.0
            fraction = self.progress_fraction()
            done = f"{elapsed:.0f} s" if fraction is None else f"{100 * fraction:.0f}%"
            context.workspace.status_text_set(f"{self.progress_label}... {done} (Esc to cancel)")
            context.window_manager.progress_update(
                int(elapsed * 10) % 100 if fraction is None else int(100 * fraction))
            _redraw_panels(context)
            return {"RUNNING_MODAL"}
        self._end_modal(context)
        return self.guard(self._finish, context, self._job)

    def _end_modal(self, context: bpy.types.Context) -> None:
        status.set_request(None)
        wm = context.window_manager
        wm.event_timer_remove(self._timer)
        wm.progress_end()
        context.workspace.status_text_set(None)
        _redraw_panels(context)

    def _finish(self, context: bpy.types.Context, job: RequestJob) -> set[str]:
        try:
            self.apply(context, job.outcome())
        except ValueError as exc:  # a malformed answer: reported like the expected failures
            raise UserError(str(exc) or exc.__class__.__name__) from exc
        return {"FINISHED"}


def _redraw_panels(context: bpy.types.Context) -> None:
    for window in context.window_manager.windows:
        for area in window.screen.areas:
            if area.type == "VIEW_3D":
                area.tag_redraw()
