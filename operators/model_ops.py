"""Preferences' model picker and Download button: list installed models and download one with
the worker's Python (`python -m posegpt_blender models ...`), progress in the status bar,
cancellable (Esc, or the Cancel button)."""

import bpy

from ..core.model_jobs import ACTIVE, LISTING, DownloadJob, ModelJobError, licence, list_models
from .. import preferences
from ..operator_base import Cancelled, PoseGPTOperator, UserError
from .session import EXTENSION_DIR

_POLL_S = 0.25
def _python(context: bpy.types.Context) -> str:
    prefs = preferences.get(context)
    python = bpy.path.abspath(prefs.python.strip()) if prefs.python.strip() else ""
    if not python:
        raise UserError("Set 'Worker Python' in Preferences > Add-ons > PoseGPT first: models "
                        "are listed and downloaded with it.")
    return python


def refresh(context: bpy.types.Context) -> dict:
    """List the installed models again (runs the worker's Python); the picker follows."""
    LISTING.data = list_models(_python(context), EXTENSION_DIR)
    prefs = preferences.get(context)
    chosen = LISTING.identifier(prefs.model)
    if chosen is not None:
        prefs.model_choice = chosen
    return LISTING.data


class POSEGPT_OT_models_refresh(PoseGPTOperator, bpy.types.Operator):
    """List the installed models again (default, ChatPose, your checkpoints)"""

    bl_idname = "posegpt.models_refresh"
    bl_label = "Refresh Models"
    expected = (UserError, ModelJobError)

    def run(self, context: bpy.types.Context) -> set[str]:
        listing = refresh(context)
        self.report({"INFO"}, f"{len(listing['models'])} models in {listing['models_dir']}")
        return {"FINISHED"}


class POSEGPT_OT_model_download(PoseGPTOperator, bpy.types.Operator):
    """Download a model (ChatPose: ~28 GB with its CLIP tower) after showing its licence;
    resumes an earlier, cancelled download"""

    bl_idname = "posegpt.model_download"
    bl_label = "Download Model"

    name: bpy.props.StringProperty(name="Model", default="",
                                   description="chatpose, or a hub repository id owner/name; "
                                   "empty: the preferences' Download field")
    accept_licence: bpy.props.BoolProperty(
        name="Accept Licence", default=False, options={"SKIP_SAVE"},
        description="Accept the model's licence (the dialog shows it; scripts set this)")
    background: bpy.props.BoolProperty(
        name="In Background", default=False, options={"SKIP_SAVE"},
        description="In blender -b, return at once and let the download run (see Cancel)")

    _timer = None
    expected = (UserError, ModelJobError)

    def _name(self, context: bpy.types.Context) -> str:
        return self.name.strip() or preferences.get(context).download_name.strip()

    def invoke(self, context: bpy.types.Context, event: bpy.types.Event) -> set[str]:
        return self.guard(self._ask_licence, context, event)

    def _ask_licence(self, context: bpy.types.Context, event: bpy.types.Event) -> set[str]:
        terms = licence(_python(context), EXTENSION_DIR, self._name(context))
        self.accept_licence = True  # execute runs only if the dialog is confirmed
        if terms["accepted"]:
            return self.execute(context)
        return context.window_manager.invoke_confirm(
            self, event, title=f"Licence of {terms['repo_id']}", message=terms["text"],
            confirm_text="Accept and Download")

    def run(self, context: bpy.types.Context) -> set[str]:
        if ACTIVE.job is not None and ACTIVE.job.state == "running":
            raise UserError(f"{ACTIVE.job.name} is still downloading: cancel it first")
        name = self._name(context)
        python = _python(context)
        if not self.accept_licence:
            terms = licence(python, EXTENSION_DIR, name)
            if not terms["accepted"]:
                raise UserError(f"Accept the licence first (accept_licence=True):\n"
                                f"{terms['text']}")
        ACTIVE.job = DownloadJob(python, EXTENSION_DIR, name)
        if bpy.app.background:
            if self.background:
                return {"FINISHED"}
            ACTIVE.job.wait()
            return self._finish(context)
        wm = context.window_manager
        self._timer = wm.event_timer_add(_POLL_S, window=context.window)
        wm.progress_begin(0, 100)
        wm.modal_handler_add(self)
        return {"RUNNING_MODAL"}

    def modal(self, context: bpy.types.Context, event: bpy.types.Event) -> set[str]:
        job = ACTIVE.job
        if event.type == "ESC" and job is not None:
            job.cancel()
        if event.type not in ("TIMER", "ESC") or job is None:
            return {"PASS_THROUGH"}
        if job.state == "running":
            context.workspace.status_text_set(job.status())
            context.window_manager.progress_update(int(job.fraction * 100))
            return {"RUNNING_MODAL"}
        context.window_manager.event_timer_remove(self._timer)
        context.window_manager.progress_end()
        context.workspace.status_text_set(None)
        return self.guard(self._finish, context)

    def _finish(self, context: bpy.types.Context) -> set[str]:
        job = ACTIVE.job
        if job.state != "done":
            raise (UserError if job.state == "failed" else Cancelled)(job.status())
        try:
            refresh(context)
        except (UserError, ModelJobError) as exc:
            self.report({"WARNING"}, f"downloaded, but listing the models failed: {exc}")
        if job.result:
            preferences.get(context).model = job.result
        self.report({"INFO"}, f"{job.name} downloaded to {job.result}; restart the worker to "
                              "serve it")
        return {"FINISHED"}


class POSEGPT_OT_model_download_cancel(PoseGPTOperator, bpy.types.Operator):
    """Stop the download; what is on disk stays, and downloading again resumes from it"""

    bl_idname = "posegpt.model_download_cancel"
    bl_label = "Cancel Download"

    def run(self, context: bpy.types.Context) -> set[str]:
        if ACTIVE.job is None or ACTIVE.job.state != "running":
            self.report({"WARNING"}, "no download is running")
            return {"CANCELLED"}
        ACTIVE.job.cancel()
        self.report({"INFO"}, f"download of {ACTIVE.job.name} cancelled")
        return {"FINISHED"}


classes = (POSEGPT_OT_models_refresh, POSEGPT_OT_model_download,
           POSEGPT_OT_model_download_cancel)


def unregister() -> None:
    if ACTIVE.job is not None:
        ACTIVE.job.cancel()
