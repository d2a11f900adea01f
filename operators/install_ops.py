"""Install Worker, Cancel, Remove, Open Log: the worker's own Python environment, made by the
add-on in its user folder (core/worker_install.py does the work, off the main thread in the UI).

Interactively the install runs in a thread and the operator stays modal on a timer: progress in
the preferences and the status bar, Esc or Cancel stops it. In background mode and from scripts
it blocks and prints its progress. The Worker Python is set only when an install succeeds.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import bpy

from .. import preferences
from ..core import worker_env as we
from ..core import worker_install as wi
from ..operator_base import PoseGPTOperator, UserError
from . import session
from .modal_job import ModalJobOperator, redraw_areas

REQUIREMENTS = session.EXTENSION_DIR / "requirements-worker.txt"


def _stop_worker_using(root: Path, keep: Path | None) -> None:
    """Stop our worker when it runs from an environment about to be removed (Windows locks
    a running interpreter's files)."""
    current = session.worker()
    if current is not None and current.python:
        env = we.env_of(current.python, root)
        if env is not None and env != keep:
            session.stop()


class POSEGPT_OT_worker_install(ModalJobOperator, bpy.types.Operator):
    """Make the worker's own Python environment (torch, transformers...) in the add-on's user
    folder with pip, and point Worker Python at it. Pressed again after a cancel or a failure,
    it resumes the downloads"""

    bl_idname = "posegpt.worker_install"
    bl_label = "Install Worker"

    mode: bpy.props.EnumProperty(
        name="Mode", default="INSTALL", options={"SKIP_SAVE"},
        items=[("INSTALL", "Install", "Make an environment unless a complete one exists"),
               ("REPAIR", "Repair", "Make a new environment when the current one fails its check"),
               ("REINSTALL", "Reinstall", "Make a new environment, whatever exists")])
    requirements: bpy.props.StringProperty(
        name="Requirements", default="", options={"SKIP_SAVE", "HIDDEN"}, subtype="FILE_PATH",
        description="A pinned requirements file instead of the add-on's requirements-worker.txt")
    expected = (we.InstallError,)
    failure_prefix = "PoseGPT Install Worker: "

    def _prepare(self, context: bpy.types.Context) -> wi.InstallJob | None:
        """The job to run, or None when nothing needs doing; InstallError when it cannot run."""
        if wi.active_job() is not None:
            raise we.InstallError("busy", "an install is already running (Cancel stops it)")
        prefs = preferences.get(context)
        root = preferences.env_root(prefs)
        sources = we.Sources.from_settings(prefs.index_url, prefs.find_links, prefs.proxy)
        if sources.online and not bpy.app.online_access:
            raise we.InstallError("network", "Online access is off, so PoseGPT may not "
                                  "download its packages. Turn on Preferences > System > "
                                  "Network > Allow Online Access, or set Wheel Folder for an "
                                  "offline install.")
        existing = preferences.installed_python(prefs)
        if existing is not None and self.mode != "REINSTALL":
            if self.mode == "INSTALL" or _healthy(existing, self.requirements):
                _use(prefs, existing)
                wi.last_result = ("done", f"The worker's environment is ready: {existing}")
                return None
        base = bpy.path.abspath(prefs.base_python.strip()) if prefs.base_python.strip() \
            else sys.executable
        requirements = bpy.path.abspath(self.requirements) if self.requirements else REQUIREMENTS
        plan = we.make_plan(root, base, requirements, sources)
        wi.last_result = None
        return wi.InstallJob(plan)

    def run(self, context: bpy.types.Context) -> set[str]:
        job = self._prepare(context)
        if job is None:
            self.report({"INFO"}, wi.last_result[1])
            return {"FINISHED"}
        wi.current_job = job
        printed = [("", "")]

        def show(progress: wi.Progress) -> None:
            if (progress.phase, progress.package) != printed[0]:  # a line per step or package
                printed[0] = (progress.phase, progress.package)
                print(f"PoseGPT install: {progress.line()}", flush=True)

        job.on_progress = show
        job.run()
        return self._finish(context, job)

    def start_job(self, context: bpy.types.Context) -> set[str]:
        job = self._prepare(context)
        if job is None:
            self.report({"INFO"}, wi.last_result[1])
            return {"FINISHED"}
        wi.current_job = job.start()
        return self.begin_modal(context, 0.2)

    def modal(self, context: bpy.types.Context, event: bpy.types.Event) -> set[str]:
        job = wi.current_job
        if event.type == "ESC" and job is not None:
            job.cancel()  # the timer below then ends the operator, reporting the cancel
            return {"RUNNING_MODAL"}
        if event.type != "TIMER":
            return {"PASS_THROUGH"}
        if job is not None and not job.done.is_set():
            progress = job.progress()
            context.workspace.status_text_set(
                f"PoseGPT: {progress.line()} (Esc to cancel)")
            context.window_manager.progress_update(int(progress.fraction * 100))
            redraw_areas("PREFERENCES", "VIEW_3D")
            return {"RUNNING_MODAL"}
        self.end_modal(context)
        redraw_areas("PREFERENCES", "VIEW_3D")
        return self.guard(self._finish, context, job)

    def _finish(self, context: bpy.types.Context, job: wi.InstallJob) -> set[str]:
        if job.error is not None:
            raise job.error
        prefs = preferences.get(context)
        root = job.plan.root
        _stop_worker_using(root, keep=job.env_dir)
        for env in we.complete_envs(root):
            if env != job.env_dir:
                we.remove_tree(env)  # a running worker's files on Windows: removed next time
        _use(prefs, job.python)
        took = _duration(time.monotonic() - job.progress().started)
        wi.last_result = ("done", f"Installed in {took}: {job.python}")
        self.report({"INFO"}, f"PoseGPT worker installed: {job.python}. Press Start in the "
                              "PoseGPT panel (or just pose: it starts by itself).")
        return {"FINISHED"}

    def fail(self, exc: we.InstallError) -> set[str]:
        if exc.kind != "busy":  # the preferences show the last install's outcome
            wi.last_result = ("cancelled" if self.cancelled(exc) else "error", str(exc))
        return super().fail(exc)

    def cancelled(self, exc: we.InstallError) -> bool:
        return exc.kind == "cancelled"


def _duration(s: float) -> str:
    return f"{s:.0f} s" if s < 90 else f"{s / 60:.0f} min"


def _use(prefs, python: Path) -> None:
    """Point the Worker Python at python; requests then start the worker by themselves."""
    prefs.python = str(python)
    prefs.auto_start = True


def _healthy(python: Path, requirements: str) -> bool:
    """Does the environment still import what the worker needs (Repair's check)?"""
    import subprocess
    reqs = we.read_requirements(bpy.path.abspath(requirements) if requirements else REQUIREMENTS)
    code = "import " + ", ".join(reqs.verify) if reqs.verify else "pass"
    try:
        done = subprocess.run([str(python), "-c", code], capture_output=True, timeout=300,
                              env=we.clean_env(), creationflags=we.NO_WINDOW)
        check = subprocess.run([str(python), "-m", "pip", "check"], capture_output=True,
                               timeout=300, env=we.clean_env(), creationflags=we.NO_WINDOW)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0 and check.returncode == 0


class POSEGPT_OT_worker_install_cancel(PoseGPTOperator, bpy.types.Operator):
    """Stop the running install; the environment in use (if any) stays as it was"""

    bl_idname = "posegpt.worker_install_cancel"
    bl_label = "Cancel Install"

    def run(self, context: bpy.types.Context) -> set[str]:
        job = wi.active_job()
        if job is None:
            self.report({"INFO"}, "No install is running")
            return {"CANCELLED"}
        job.cancel()
        return {"FINISHED"}


class POSEGPT_OT_worker_remove(PoseGPTOperator, bpy.types.Operator):
    """Delete the worker environments and downloads that Install Worker made"""

    bl_idname = "posegpt.worker_remove"
    bl_label = "Remove Worker Environment"

    def invoke(self, context: bpy.types.Context, event: bpy.types.Event) -> set[str]:
        return context.window_manager.invoke_confirm(self, event)

    def run(self, context: bpy.types.Context) -> set[str]:
        if wi.active_job() is not None:
            raise UserError("An install is running: cancel it first")
        prefs = preferences.get(context)
        root = preferences.env_root(prefs)
        _stop_worker_using(root, keep=None)
        left = [p for p in (root / "envs", root / "wheels") if p.exists() and not we.remove_tree(p)]
        if prefs.python and we.env_of(bpy.path.abspath(prefs.python), root) is not None:
            prefs.python = ""
        if left:
            wi.last_result = ("error", f"Some files could not be deleted (in use?): {left[0]}")
            raise UserError(wi.last_result[1])
        wi.last_result = ("done", "Removed the worker's environment")
        self.report({"INFO"}, wi.last_result[1])
        return {"FINISHED"}


class POSEGPT_OT_worker_install_log(PoseGPTOperator, bpy.types.Operator):
    """Open the install log (everything pip said)"""

    bl_idname = "posegpt.worker_install_log"
    bl_label = "Open Install Log"

    def run(self, context: bpy.types.Context) -> set[str]:
        path = preferences.env_root(preferences.get(context)) / we.LOG_NAME
        if not path.is_file():
            self.report({"INFO"}, "No install has run yet")
            return {"CANCELLED"}
        if bpy.app.background:
            self.report({"INFO"}, f"Install log: {path}")
            return {"FINISHED"}
        return bpy.ops.wm.path_open(filepath=os.fspath(path))


classes = (POSEGPT_OT_worker_install, POSEGPT_OT_worker_install_cancel, POSEGPT_OT_worker_remove,
           POSEGPT_OT_worker_install_log)


def unregister() -> None:
    job = wi.active_job()
    if job is not None:
        job.cancel()
        job.done.wait(10)
