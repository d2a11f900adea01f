"""Add-on preferences: the worker's environment (Install Worker), where the worker's Python is,
or which running worker to attach to."""

import os
from pathlib import Path

import bpy

from .core import worker_env, worker_install
from .core.model_jobs import ACTIVE, LISTING
from .core.wrap import wrap_words
from .core.protocol import TOKEN_ENV

DEVICES = [
    ("auto", "Auto", "The GPU when the worker's torch sees one, else the CPU"),
    ("cpu", "CPU", "Always the CPU"),
    ("cuda", "CUDA", "An NVIDIA GPU (fails when the worker's torch has no CUDA)"),
]


QUANTIZE = [
    ("none", "Full Precision", "bf16 on a GPU, fp32 on the CPU"),
    ("8bit", "8-bit", "bitsandbytes 8-bit: a 13B model in ~15 GB of GPU memory (CUDA only)"),
    ("4bit", "4-bit", "bitsandbytes NF4: a 13B model in ~9-10 GB of GPU memory (CUDA only)"),
]


def _model_items(self: "PoseGPTPreferences", _context: bpy.types.Context | None) -> list:
    return LISTING.items(self.model)


def _pick_model(self: "PoseGPTPreferences", _context: bpy.types.Context) -> None:
    path = LISTING.path(self.model_choice)
    if path is not None and path != self.model:
        self.model = path


class PoseGPTPreferences(bpy.types.AddonPreferences):
    bl_idname = __package__

    python: bpy.props.StringProperty(
        name="Worker Python", subtype="FILE_PATH",
        default=os.environ.get("POSEGPT_PYTHON", ""),
        description="Python interpreter with the project's requirements (torch, fastapi...), "
                    "e.g. the project's .venv/bin/python; Blender's own Python has no torch")
    address: bpy.props.StringProperty(
        name="Worker Address", default="",
        description="Empty: start our own worker on a free port. Else attach to a running "
                    "worker at this URL (http://host:port)")
    token: bpy.props.StringProperty(
        name="Token", default="", subtype="PASSWORD",
        description=f"The attached worker's token (its {TOKEN_ENV})")
    device: bpy.props.EnumProperty(name="Device", items=DEVICES, default="auto")
    model: bpy.props.StringProperty(
        name="Model", default="default",
        description="'default' (the embedded PoseGPT-mini) or a PoseGPT checkpoint folder")
    model_choice: bpy.props.EnumProperty(
        name="Installed Models", items=_model_items, update=_pick_model,
        description="The models in the models folder (Refresh lists them again) with the disk "
                    "and GPU memory they need; picking one sets Model")
    quantize: bpy.props.EnumProperty(
        name="Precision", items=QUANTIZE, default="none",
        description="How a large model (ChatPose, PoseGPT checkpoints) is loaded")
    download_name: bpy.props.StringProperty(
        name="Download", default="chatpose",
        description="The model Download fetches: chatpose (ChatPose's 13B checkpoint and its "
                    "CLIP tower, imported after downloading) or a hub repository id owner/name")
    smpl_model: bpy.props.StringProperty(
        name="SMPL Model File", subtype="FILE_PATH", default="",
        description="Your own SMPL or SMPL-X model .npz (licensed from smpl.is.tue.mpg.de, never "
                    "shipped): new rigs then get its joints and its mesh, with shape keys for "
                    "betas, and a worker started after setting it answers with its joints. "
                    "Empty: the project's skeleton and a mannequin")
    auto_start: bpy.props.BoolProperty(
        name="Start Worker Automatically", default=True,
        description="Start (or attach to) the worker when a request finds none running")
    base_python: bpy.props.StringProperty(
        name="Base Python", subtype="FILE_PATH", default="",
        description="The Python 3.11 that Install Worker makes the environment from. Empty: "
                    "Blender's own")
    env_folder: bpy.props.StringProperty(
        name="Environment Folder", subtype="DIR_PATH", default="",
        description="Where Install Worker puts environments and downloads. Empty: the "
                    "add-on's user folder")
    index_url: bpy.props.StringProperty(
        name="Index URL", default="",
        description="A package index (a studio's PyPI mirror, .../simple) to install from "
                    "instead of PyPI and PyTorch's index. Empty: $POSEGPT_INDEX_URL, else PyPI")
    find_links: bpy.props.StringProperty(
        name="Wheel Folder", subtype="DIR_PATH", default="",
        description="A folder of wheels to install from; without an Index URL, nothing is "
                    "downloaded (offline install). Empty: $POSEGPT_FIND_LINKS")
    proxy: bpy.props.StringProperty(
        name="Proxy", default="",
        description="http://user:password@host:port for downloads. Empty: HTTPS_PROXY, if set")

    def _draw_models(self, box: bpy.types.UILayout) -> None:
        box.label(text="Model", icon="OUTLINER_OB_ARMATURE")
        row = box.row(align=True)
        row.prop(self, "model_choice", text="")
        row.operator("posegpt.models_refresh", text="", icon="FILE_REFRESH")
        needs = LISTING.needs(self.model)
        if needs:
            box.label(text=needs + " (estimates)")
        box.prop(self, "model")
        box.prop(self, "quantize")
        row = box.row(align=True)
        row.prop(self, "download_name")
        row.operator("posegpt.model_download", text="Download", icon="IMPORT")
        _draw_download(box)

    def draw(self, context: bpy.types.Context) -> None:
        layout = self.layout
        draw_install(layout, self)
        col = layout.column()
        col.prop(self, "python")
        if not self.python and not self.address:
            col.label(text="Press Install Worker above, or set a Python that has the worker's "
                           "requirements", icon="ERROR")
        col.prop(self, "address")
        if self.address:
            col.prop(self, "token")
        col.prop(self, "device")
        self._draw_models(layout.box())
        col.prop(self, "smpl_model")
        col.prop(self, "auto_start")
        if not bpy.app.online_access:
            layout.label(text="Allow Online Access (Preferences > System > Network): "
                              "needed even for this local worker", icon="ERROR")
        sources = layout.box()
        sources.label(text="Install Sources (studio mirror, offline wheels)", icon="URL")
        for name in ("base_python", "env_folder", "index_url", "find_links", "proxy"):
            sources.prop(self, name)


def env_root(prefs: "PoseGPTPreferences") -> Path:
    """Where Install Worker puts environments: the Environment Folder preference, else the
    extension's user folder (a shorter one on Windows without long paths)."""
    if prefs.env_folder.strip():
        return Path(bpy.path.abspath(prefs.env_folder.strip()))
    try:
        user = bpy.utils.extension_path_user(__package__, path="worker", create=True)
    except (ValueError, AttributeError):  # installed as a legacy add-on, not an extension
        from .core.worker_process import config_dir
        user = str(config_dir() / "worker")
    return worker_env.default_root(user)


def installed_python(prefs: "PoseGPTPreferences") -> Path | None:
    """The newest complete environment's interpreter, if Install Worker made one."""
    envs = worker_env.complete_envs(env_root(prefs))
    return worker_env.venv_python(envs[-1]) if envs else None


def draw_install(layout: bpy.types.UILayout, prefs: "PoseGPTPreferences") -> None:
    """The Worker Environment box: Install Worker, its progress and Cancel, or Repair,
    Reinstall, Remove; the last result; Open Log."""
    box = layout.box()
    box.label(text="Worker Environment", icon="CONSOLE")
    job = worker_install.active_job()
    if job is not None:
        progress = job.progress()
        box.progress(factor=progress.fraction, type="BAR", text=progress.line())
        box.operator("posegpt.worker_install_cancel", text="Cancel", icon="CANCEL")
        return
    if worker_install.last_result is not None:
        kind, text = worker_install.last_result
        icon = {"done": "CHECKMARK", "cancelled": "INFO"}.get(kind, "ERROR")
        col = box.column(align=True)
        for i, line in enumerate(wrap_words(text, 80)):
            col.label(text=line, icon=icon if i == 0 else "BLANK1")
    python = installed_python(prefs)
    if python is None:
        row = box.row()
        row.scale_y = 1.4
        row.operator("posegpt.worker_install", text="Install Worker", icon="IMPORT")
        box.label(text="Downloads torch and the worker's packages (0.6 GB; several GB with an "
                       "NVIDIA GPU) into the add-on's user folder", icon="INFO")
    else:
        box.label(text=f"Installed: {python}", icon="CHECKMARK")
        row = box.row(align=True)
        row.operator("posegpt.worker_install", text="Repair", icon="TOOL_SETTINGS").mode = "REPAIR"
        row.operator("posegpt.worker_install", text="Reinstall",
                     icon="FILE_REFRESH").mode = "REINSTALL"
        row.operator("posegpt.worker_remove", text="Remove", icon="TRASH")
    box.operator("posegpt.worker_install_log", text="Open Log", icon="TEXT")


def _draw_download(layout: bpy.types.UILayout) -> None:
    job = ACTIVE.job
    row = layout.row(align=True)
    if job is not None and job.state == "running":
        row.label(text=job.status(), icon="IMPORT")
        row.operator("posegpt.model_download_cancel", text="Cancel", icon="CANCEL")
        return
    if job is not None and job.state in ("failed", "cancelled"):
        layout.label(text=job.status(), icon="ERROR" if job.state == "failed" else "INFO")


def get(context: bpy.types.Context | None = None) -> PoseGPTPreferences:
    """This add-on's preferences."""
    context = context or bpy.context
    return context.preferences.addons[__package__].preferences


classes = (PoseGPTPreferences,)
