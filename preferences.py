"""Add-on preferences: where the worker's Python is, or which running worker to attach to."""

import os

import bpy

DEVICES = [
    ("auto", "Auto", "The GPU when the worker's torch sees one, else the CPU"),
    ("cpu", "CPU", "Always the CPU"),
    ("cuda", "CUDA", "An NVIDIA GPU (fails when the worker's torch has no CUDA)"),
]


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
        description="The attached worker's token (its POSEGPT_TOKEN)")
    device: bpy.props.EnumProperty(name="Device", items=DEVICES, default="auto")
    model: bpy.props.StringProperty(
        name="Model", default="default",
        description="'default' (the embedded PoseGPT-mini) or a PoseGPT checkpoint folder")
    smpl_model: bpy.props.StringProperty(
        name="SMPL Model File", subtype="FILE_PATH", default="",
        description="Your own SMPL or SMPL-X model .npz (licensed from smpl.is.tue.mpg.de, never "
                    "shipped): new rigs then get its joints and its mesh, with shape keys for "
                    "betas, and a worker started after setting it answers with its joints. "
                    "Empty: the project's skeleton and a mannequin")
    auto_start: bpy.props.BoolProperty(
        name="Start Worker Automatically", default=False,
        description="Start (or attach to) the worker when a request finds none running")

    def draw(self, context: bpy.types.Context) -> None:
        layout = self.layout
        col = layout.column()
        col.prop(self, "python")
        if not self.python and not self.address:
            col.label(text="Set this to the project's .venv/bin/python", icon="ERROR")
        col.prop(self, "address")
        if self.address:
            col.prop(self, "token")
        col.prop(self, "device")
        col.prop(self, "model")
        col.prop(self, "smpl_model")
        col.prop(self, "auto_start")
        if not bpy.app.online_access:
            layout.label(text="Allow Online Access (Preferences > System > Network): "
                              "needed even for this local worker", icon="ERROR")


def get(context: bpy.types.Context | None = None) -> PoseGPTPreferences:
    """This add-on's preferences."""
    context = context or bpy.context
    return context.preferences.addons[__package__].preferences


classes = (PoseGPTPreferences,)
