"""bpy code that builds the SMPL armature and moves it to and from SMPL poses."""
from .armature import RIG_TAG, create_rig, find_rig, is_rig
from .posing import apply_pose, read_pose

__all__ = ["RIG_TAG", "apply_pose", "create_rig", "find_rig", "is_rig", "read_pose"]
