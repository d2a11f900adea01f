"""Retargeting onto the user's own character: apply, key, save as pose asset, bone map presets."""
import bpy

from .apply import (
    MAP_PROP, RetargetReport, apply_smpl_to_armature, bone_map_for, pose_sequence_to_keys,
)
from .assets import save_pose_asset
from .operators import CLASSES
from .source import last_pose, pose_from_armature, store_last_pose

__all__ = [
    "MAP_PROP", "RetargetReport", "apply_smpl_to_armature", "bone_map_for", "last_pose",
    "pose_from_armature", "pose_sequence_to_keys", "register", "save_pose_asset",
    "store_last_pose", "unregister",
]


def register() -> None:
    for cls in CLASSES:
        bpy.utils.register_class(cls)


def unregister() -> None:
    for cls in reversed(CLASSES):
        bpy.utils.unregister_class(cls)
