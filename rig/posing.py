"""SMPL pose <-> pose bones of a rig made by create_rig (identity rest frames: no conversion)."""
from __future__ import annotations

import bpy
import numpy as np

from ..core.pose import SmplPose, forward_kinematics
from ..core.rotations import axis_angle_to_quaternion, quaternion_to_axis_angle
from ..core.skeleton import JOINT_NAMES, NUM_JOINTS, parent_offsets, rest_positions
from .smpl_body import set_betas

BETAS_PROP = "smpl_betas"


def rig_rest_positions(rig: bpy.types.Object) -> np.ndarray:
    """(24, 3) rest joint positions of an SMPL rig, in SMPL's frame, pelvis at the origin."""
    return np.array([rig.data.bones[name].head_local for name in JOINT_NAMES])


def grounded_translation(pose: SmplPose, rest: np.ndarray | None = None) -> np.ndarray:
    """pose.transl with its vertical (SMPL +Y) part set so the lowest joint stays as low as
    the rest pose's (on the floor); rest: the rig's joints (default: the project's)."""
    rest = rest_positions() if rest is None else rest
    joints = forward_kinematics(pose.rotations(), parent_offsets(rest))[0]
    transl = np.array(pose.transl, dtype=np.float64)
    transl[1] = float(rest[:, 1].min()) - float(joints[:, 1].min())
    return transl


def apply_pose(rig: bpy.types.Object, pose: SmplPose, *, translation: bool = True,
               ground: bool = True, keyframe: bool = False, frame: int | None = None) -> None:
    """Set every SMPL bone's rotation (and the pelvis location) of rig; keyframe if asked.

    translation=False leaves the pelvis at its rest location; ground=True replaces the vertical
    translation so the lowest joint rests on the floor, as the worker's poses carry none.
    """
    missing = [n for n in JOINT_NAMES if n not in rig.pose.bones]
    if missing:
        raise ValueError(f"'{rig.name}' is not an SMPL rig: it lacks the bones {missing[:4]}")
    quats = axis_angle_to_quaternion(pose.rotations())
    if not translation:
        transl = np.zeros(3)
    elif ground:
        transl = grounded_translation(pose, rig_rest_positions(rig))
    else:
        transl = np.asarray(pose.transl, dtype=np.float64)
    frame = bpy.context.scene.frame_current if frame is None else frame
    for j, name in enumerate(JOINT_NAMES):
        bone = rig.pose.bones[name]
        bone.rotation_mode = "QUATERNION"
        bone.rotation_quaternion = quats[j]
        if keyframe:
            bone.keyframe_insert("rotation_quaternion", frame=frame, group=name)
    pelvis = rig.pose.bones[JOINT_NAMES[0]]
    pelvis.location = transl
    rig[BETAS_PROP] = [float(b) for b in pose.betas]  # kept for export
    set_betas(rig, pose.betas, keyframe, frame)
    if keyframe:
        pelvis.keyframe_insert("location", frame=frame, group=JOINT_NAMES[0])


def read_pose(rig: bpy.types.Object) -> SmplPose:
    """The rig's current pose as SMPL parameters (pelvis location as transl)."""
    quats = np.empty((NUM_JOINTS, 4))
    for j, name in enumerate(JOINT_NAMES):
        bone = rig.pose.bones[name]
        if bone.rotation_mode == "QUATERNION":
            quats[j] = bone.rotation_quaternion
        else:  # someone switched the mode by hand: read whatever it holds
            quats[j] = bone.matrix_basis.to_quaternion()
    pose = SmplPose.from_rotations(quaternion_to_axis_angle(quats),
                                   transl=np.array(rig.pose.bones[JOINT_NAMES[0]].location))
    betas = rig.get(BETAS_PROP)
    if betas is not None and len(betas) == len(pose.betas):
        pose.betas = np.array(betas, dtype=np.float64)
    return pose
