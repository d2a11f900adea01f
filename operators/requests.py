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
from ..operator_base import Cancelled, UserError
from .modal_job import ModalJobOperator, redraw_areas


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


class RequestOperator(ModalJobOperator):
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

    def start_job(self, context: bpy.types.Context) -> set[str]:
        self._job = RequestJob(self.prepare(context)).start()
        status.set_request(self.progress_label)
        return self.begin_modal(context, 0.1)

    def modal(self, context: bpy.types.Context, event: bpy.types.Event) -> set[str]:
        if event.type == "ESC":
            self._job.cancel()
            self.end_modal(context)
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
            redraw_areas("VIEW_3D")
            return {"RUNNING_MODAL"}
        self.end_modal(context)
        return self.guard(self._finish, context, self._job)

    def end_modal(self, context: bpy.types.Context) -> None:
        status.set_request(None)
        super().end_modal(context)
        redraw_areas("VIEW_3D")

    def _finish(self, context: bpy.types.Context, job: RequestJob) -> set[str]:
        try:
            self.apply(context, job.outcome())
        except ValueError as exc:  # a malformed answer: reported like the expected failures
            raise UserError(str(exc) or exc.__class__.__name__) from exc
        return {"FINISHED"}

