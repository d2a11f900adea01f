"""The modal half of the operators whose work runs off the main thread (worker requests,
Install Worker, model downloads): with a window they stay modal on an event timer, with the
progress bar and the status line, and put all of it back when the work ends."""
from __future__ import annotations

import bpy

from ..operator_base import PoseGPTOperator


class ModalJobOperator(PoseGPTOperator):
    """Mixin: invoke() starts the work through start_job() and goes modal; in background mode
    and without a window it runs execute() (blocking) instead."""

    def start_job(self, context: bpy.types.Context) -> set[str]:
        """Start the work off the main thread, then return begin_modal()'s answer."""
        raise NotImplementedError

    def invoke(self, context: bpy.types.Context, event: bpy.types.Event) -> set[str]:
        if bpy.app.background or context.window is None:
            return self.execute(context)
        return self.guard(self.start_job, context)

    def begin_modal(self, context: bpy.types.Context, interval: float) -> set[str]:
        """A timer event every interval seconds and the progress bar, until end_modal()."""
        wm = context.window_manager
        self._timer = wm.event_timer_add(interval, window=context.window)
        wm.modal_handler_add(self)
        wm.progress_begin(0, 100)
        return {"RUNNING_MODAL"}

    def end_modal(self, context: bpy.types.Context) -> None:
        wm = context.window_manager
        wm.event_timer_remove(self._timer)
        wm.progress_end()
        context.workspace.status_text_set(None)


def redraw_areas(*kinds: str) -> None:
    """Redraw every area of these kinds (e.g. "VIEW_3D"), so progress shown there stays current."""
    wm = bpy.context.window_manager
    for window in wm.windows if wm else ():
        for area in window.screen.areas:
            if area.type in kinds:
                area.tag_redraw()
