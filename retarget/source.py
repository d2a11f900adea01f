"""Where a pose to retarget comes from: the last PoseGPT pose, or an SMPL armature."""
from __future__ import annotations

import json

import bpy

from ..core.pose import SmplPose

LAST_POSE_PROP = "posegpt_last_pose"  # scene property: the last pose, JSON in the pose schema


def store_last_pose(scene: bpy.types.Scene, pose: SmplPose, text: str = "") -> None:
    """Remember a pose on the scene (saved with the file) for "Apply to character"."""
    scene[LAST_POSE_PROP] = json.dumps(pose.to_dict(text))


def last_pose(scene: bpy.types.Scene) -> SmplPose:
    """The pose store_last_pose kept; ValueError when there is none yet."""
    text = scene.get(LAST_POSE_PROP)
    if not text:
        raise ValueError("no PoseGPT pose yet: generate one first, or pick an SMPL armature")
    return SmplPose.from_dict(json.loads(text))


def pose_from_armature(obj: bpy.types.Object) -> SmplPose:
    """The pose of an SMPL armature (24 bones named by SMPL joints, identity rest frames)."""
    from ..rig import read_pose
    if obj is None or obj.type != "ARMATURE":
        raise ValueError("the source must be an SMPL armature object")
    return read_pose(obj)
