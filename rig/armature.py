"""The SMPL armature: 24 bones named and parented as SMPL's joints, identity rest frames.

Every bone's rest frame is SMPL's frame (head at the joint, tail along +Y, roll 0), so an SMPL
local axis-angle is the pose bone's rotation as is. The object carries +90 degrees about X,
which turns SMPL's +Y-up frame into Blender's Z-up scene (the body then faces -Y, the front
view). The object stands so that the feet rest on the ground.
"""
from __future__ import annotations

import math

import bpy

import numpy as np

from ..core.skeleton import JOINT_NAMES, NUM_JOINTS, PARENTS, PELVIS_HEIGHT, rest_positions
from ..core.smpl_model import SmplModel

RIG_TAG = "posegpt_rig"  # custom property marking armatures this add-on built
BONE_LENGTH = 0.08


def is_rig(obj: bpy.types.Object | None) -> bool:
    """True for an armature object made by create_rig."""
    return obj is not None and obj.type == "ARMATURE" and bool(obj.get(RIG_TAG))


def find_rig(context: bpy.types.Context) -> bpy.types.Object | None:
    """The active object if it is a PoseGPT rig, else the first one in the scene."""
    active = context.view_layer.objects.active if context.view_layer else None
    if is_rig(active):
        return active
    return next((o for o in context.scene.objects if is_rig(o)), None)


def create_rig(context: bpy.types.Context, name: str = "SMPL", with_body: bool = True,
               model: SmplModel | None = None) -> bpy.types.Object:
    """Build the SMPL armature (and its body) at the scene origin, made active. With the
    user's SMPL/SMPL-X model the bones sit at its joints and the body is its mesh; else the
    project's skeleton and a mannequin."""
    positions = rest_positions() if model is None else model.joints - model.joints[0]
    data = bpy.data.armatures.new(name)
    data.display_type = "STICK"
    obj = bpy.data.objects.new(name, data)
    obj[RIG_TAG] = 1
    obj.rotation_mode = "XYZ"
    obj.rotation_euler = (math.pi / 2, 0.0, 0.0)
    # The soles on the floor: the mannequin's below the lowest joint, the SMPL mesh's lowest vertex.
    height = PELVIS_HEIGHT if model is None else \
        float(model.joints[0, 1] - model.vertices[:, 1].min())
    obj.location = (0.0, 0.0, height)
    obj.show_in_front = True
    context.scene.collection.objects.link(obj)
    _build_bones(context, obj, positions)
    for pose_bone in obj.pose.bones:
        pose_bone.rotation_mode = "QUATERNION"
    if with_body and model is not None:
        from .smpl_body import build_smpl_body
        build_smpl_body(context, obj, model)
    elif with_body:
        from .mannequin import build_mannequin
        build_mannequin(context, obj)
    for other in context.view_layer.objects:
        other.select_set(False)
    obj.select_set(True)
    context.view_layer.objects.active = obj
    return obj


def _build_bones(context: bpy.types.Context, obj: bpy.types.Object,
                 positions: np.ndarray) -> None:
    previous = context.view_layer.objects.active
    context.view_layer.objects.active = obj
    bpy.ops.object.mode_set(mode="EDIT")
    try:
        bones = []
        for j in range(NUM_JOINTS):
            bone = obj.data.edit_bones.new(JOINT_NAMES[j])
            bone.head = positions[j]
            bone.tail = positions[j] + (0.0, BONE_LENGTH, 0.0)
            bone.roll = 0.0
            bones.append(bone)
        for j in range(1, NUM_JOINTS):
            bones[j].parent = bones[PARENTS[j]]
            bones[j].use_connect = False
    finally:
        bpy.ops.object.mode_set(mode="OBJECT")
        context.view_layer.objects.active = previous
