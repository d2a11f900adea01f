"""Save the armature's current pose as a pose asset (Blender's pose library): a slotted action
on Blender 4.4+, a legacy action's own F-curves on 4.2 and 4.3."""
from __future__ import annotations

from typing import Iterable

import bpy
from bpy_extras import anim_utils

_IDENTITY_EPS = 1e-6


def save_pose_asset(armature_obj: bpy.types.Object, name: str,
                    bone_names: Iterable[str] | None = None) -> bpy.types.Action:
    """A single-frame Action holding the pose, marked as an asset (as the pose library does).

    bone_names: the bones to store; by default every bone that is not at its rest pose.
    """
    if armature_obj is None or armature_obj.type != "ARMATURE":
        raise ValueError("a pose asset needs an armature object")
    pose_bones = armature_obj.pose.bones
    if bone_names is None:
        bone_names = [pb.name for pb in pose_bones if not _at_rest(pb)]
    bone_names = list(bone_names)
    if not bone_names:
        raise ValueError(f"'{armature_obj.name}' is in its rest pose: there is no pose to save")
    action = bpy.data.actions.new(name)
    if hasattr(action, "slots"):  # 4.4+: layered actions, F-curves live in a slot's channelbag
        slot = action.slots.new(armature_obj.id_type, armature_obj.name)
        fcurves = anim_utils.action_ensure_channelbag_for_slot(action, slot).fcurves

        def new_fcurve(path: str, index: int, bone: str) -> bpy.types.FCurve:
            return fcurves.new(path, index=index, group_name=bone)
    else:
        action.id_root = "OBJECT"  # as the pose library's own assets: it binds to objects

        def new_fcurve(path: str, index: int, bone: str) -> bpy.types.FCurve:
            return action.fcurves.new(path, index=index, action_group=bone)
    for bone in bone_names:
        pb = pose_bones[bone]
        rotation = {"QUATERNION": "rotation_quaternion",
                    "AXIS_ANGLE": "rotation_axis_angle"}.get(pb.rotation_mode, "rotation_euler")
        for prop in ("location", rotation, "scale"):
            values = getattr(pb, prop)
            path = f'pose.bones["{bpy.utils.escape_identifier(bone)}"].{prop}'
            for index, value in enumerate(values):
                fcurve = new_fcurve(path, index, bone)
                fcurve.keyframe_points.insert(1, value=value)
    action.asset_mark()
    return action


def _at_rest(pb: bpy.types.PoseBone) -> bool:
    basis = pb.matrix_basis
    return all(abs(basis[r][c] - (1.0 if r == c else 0.0)) < _IDENTITY_EPS
               for r in range(4) for c in range(4))
