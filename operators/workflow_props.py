"""Scene data of the animator's workflows: the shot list, where variations go, the character
the shot list also keys. Kept apart from props.py's request settings; undone with the scene."""
from __future__ import annotations

import bpy

VARIATION_MODES = [
    ("GHOSTS", "Pick", "Show the poses side by side as ghost rigs; click one to use it (Esc or "
                       "Discard removes them)"),
    ("KEYS", "Keys", "Key the poses on consecutive frames from the current one"),
    ("ASSETS", "Pose Assets", "Save each pose as a pose asset (Asset Browser > Current File)"),
]


def _is_character(_self, obj: bpy.types.Object) -> bool:
    return obj.type == "ARMATURE"


class PoseGPTShot(bpy.types.PropertyGroup):
    frame: bpy.props.IntProperty(name="Frame", default=1, min=0, max=1048574)
    prompt: bpy.props.StringProperty(name="Request",
                                     description="What the pose at this frame should be")


class PoseGPTWorkflow(bpy.types.PropertyGroup):
    variations: bpy.props.EnumProperty(
        name="Variations", items=VARIATION_MODES, default="GHOSTS",
        description="What Count > 1 makes of the different poses")
    shots: bpy.props.CollectionProperty(type=PoseGPTShot)
    active_shot: bpy.props.IntProperty(default=0)
    shot_text: bpy.props.PointerProperty(
        type=bpy.types.Text, name="Text",
        description="A text block of lines like '12: crouching, looking left'")
    character: bpy.props.PointerProperty(
        type=bpy.types.Object, name="Character", poll=_is_character,
        description="Also key this armature (your character) at each shot, as Apply to "
                    "Character would pose it")


def workflow(context: bpy.types.Context) -> PoseGPTWorkflow:
    return context.scene.posegpt_workflow


classes = (PoseGPTShot, PoseGPTWorkflow)


def register() -> None:
    bpy.types.Scene.posegpt_workflow = bpy.props.PointerProperty(type=PoseGPTWorkflow)


def unregister() -> None:
    del bpy.types.Scene.posegpt_workflow
