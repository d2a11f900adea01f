"""Save as Pose Asset: the rig's (or the character's) pose in Blender's own pose library.

The pose becomes an Action marked as an asset in the current file (Asset Browser > Current File,
and the pose library's asset shelf), named after the request that made it, with a stick-figure
preview drawn here (Blender cannot draw asset previews headless).
"""
from __future__ import annotations

import math
import re

import bpy
import numpy as np

from ..core.thumbnail import CENTRE, LEFT, RIGHT, draw_segments, fit_segments
from ..retarget.assets import save_pose_asset
from ..rig import find_rig
from . import props
from ..operator_base import PoseGPTOperator, UserError

PREVIEW_SIZE = 256  # Blender's large asset previews
ASSET_TAG = "PoseGPT"
VIEW_AZIMUTH = math.radians(25)  # the preview's view, from the front towards the body's left
_LEFT = re.compile(r"left|[._]l($|[._\d])")
_RIGHT = re.compile(r"right|[._]r($|[._\d])")


def target_armature(context: bpy.types.Context, name: str = "") -> bpy.types.Object:
    """The named armature; else the active object when it is an armature (a character after
    Apply to Character); else the scene's PoseGPT rig. UserError when there is none."""
    if name:
        obj = bpy.data.objects.get(name)
        if obj is None or obj.type != "ARMATURE":
            raise UserError(f"No armature named '{name}'.")
        return obj
    active = context.view_layer.objects.active if context.view_layer else None
    if active is not None and active.type == "ARMATURE":
        return active
    rig = find_rig(context)
    if rig is None:
        raise UserError("Select an armature (or create a PoseGPT rig) to save its pose.")
    return rig


def request_name(context: bpy.types.Context) -> str:
    """The request the pose came from: the conversation's latest, else the panel's prompt."""
    turns = props.settings(context).turns
    if len(turns):
        return turns[-1].prompt.strip() or "PoseGPT pose"
    return props.settings(context).prompt.strip() or "PoseGPT pose"


def _colour(bone_name: str) -> tuple[float, float, float]:
    name = bone_name.lower()
    if _LEFT.search(name):
        return LEFT
    if _RIGHT.search(name):
        return RIGHT
    return CENTRE


def pose_preview(obj: bpy.types.Object, size: int = PREVIEW_SIZE) -> np.ndarray:
    """(size, size, 4) RGBA: obj's posed skeleton seen from the front and a little to its left
    (Blender's front view is -Y), nearer limbs drawn over farther ones, the body's left in blue
    and its right in orange. Joints are linked to their parent joints rather than drawn as
    bones: an SMPL rig's bones are short stubs at the joints."""
    bpy.context.view_layer.update()  # pose bones' heads and tails from the current pose
    bones = [pb for pb in obj.pose.bones if pb.bone.use_deform] or list(obj.pose.bones)
    drawn = set(bones)
    world = obj.matrix_world
    segments, colours = [], []
    for pb in bones:
        parent = pb.parent
        while parent is not None and parent not in drawn:
            parent = parent.parent
        if parent is not None:
            segments.append([world @ parent.head, world @ pb.head])
            colours.append(_colour(pb.name))
        if not any(child in drawn for child in pb.children):  # a leaf: its own length
            segments.append([world @ pb.head, world @ pb.tail])
            colours.append(_colour(pb.name))
    points = np.array(segments)  # (N, 2, 3) in world space
    right = np.array([math.cos(VIEW_AZIMUTH), math.sin(VIEW_AZIMUTH), 0.0])
    towards_viewer = np.array([math.sin(VIEW_AZIMUTH), -math.cos(VIEW_AZIMUTH), 0.0])
    order = np.argsort((points @ towards_viewer).mean(axis=1))  # far ones first
    flat = np.stack([points @ right, points[..., 2]], axis=-1)[order]
    return draw_segments(fit_segments(flat, size), np.array(colours)[order], size)


def save_as_pose_asset(obj: bpy.types.Object, name: str, description: str = ""
                       ) -> bpy.types.Action:
    """obj's current pose as a pose asset with a preview; ValueError when there is nothing to
    save (nothing is created then)."""
    action = save_pose_asset(obj, name)
    action.asset_data.description = description
    action.asset_data.tags.new(ASSET_TAG, skip_if_exists=True)
    preview = action.preview_ensure()
    image = pose_preview(obj)
    preview.image_size = image.shape[1], image.shape[0]
    preview.image_pixels_float = image.ravel().tolist()
    return action


class POSEGPT_OT_save_pose_asset(PoseGPTOperator, bpy.types.Operator):
    """Save the pose as a pose asset in this file (Asset Browser, pose library), named after
    the request, with a preview"""

    bl_idname = "posegpt.save_pose_asset"
    bl_label = "Save as Pose Asset"
    bl_options = {"REGISTER", "UNDO"}

    name: bpy.props.StringProperty(name="Name", description="Empty: the latest request")
    armature: bpy.props.StringProperty(
        name="Armature", description="Empty: the active armature, else the PoseGPT rig")

    expected = (UserError, ValueError)

    def run(self, context: bpy.types.Context) -> set[str]:
        obj = target_armature(context, self.armature)
        turns = props.settings(context).turns
        answer = turns[-1].answer if len(turns) else ""
        action = save_as_pose_asset(obj, self.name.strip() or request_name(context), answer)
        self.report({"INFO"}, f"Saved the pose of '{obj.name}' as the pose asset "
                              f"'{action.name}' (Asset Browser > Current File)")
        return {"FINISHED"}


classes = (POSEGPT_OT_save_pose_asset,)
