"""Apply an SMPL pose to any humanoid armature through a bone map (see core.retarget)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

import bpy
import mathutils
import numpy as np

from ..core.bone_maps import BoneMap, BoneMapError, detect_bone_map
from ..core.pose import SmplPose
from ..core.retarget import (
    align_rig, blend_rotations, body_frame, joint_indices, local_offset,
    local_rotation, mirror_rotations, root_translation, world_rotations,
)
from ..core.skeleton import JOINT_INDEX, JOINT_NAMES

MAP_PROP = "posegpt_bone_map"  # an edited map stored on the armature object (JSON preset text)
# Rigify's limb switches: IK_FK = 1 puts the limb on its FK controls.
_RIGIFY_SWITCHES = {
    "upper_arm_parent.L": ("left_shoulder", "left_elbow", "left_wrist"),
    "upper_arm_parent.R": ("right_shoulder", "right_elbow", "right_wrist"),
    "thigh_parent.L": ("left_hip", "left_knee", "left_ankle", "left_foot"),
    "thigh_parent.R": ("right_hip", "right_knee", "right_ankle", "right_foot"),
}
_FOOT_JOINTS = ("left_ankle", "right_ankle", "left_foot", "right_foot")


@dataclass
class RetargetReport:
    """What apply_smpl_to_armature did."""

    map_name: str
    score: float
    posed: dict[str, str] = field(default_factory=dict)  # SMPL joint -> bone set
    missing: list[str] = field(default_factory=list)     # mapped joints the armature lacks
    fk_switched: list[str] = field(default_factory=list)  # Rigify switch bones set to FK
    root: str | None = None


def bone_map_for(armature_obj: bpy.types.Object,
                 mapping: dict | BoneMap | None) -> tuple[BoneMap, float]:
    """The map to use: the one given, the one stored on the armature, or the detected one."""
    names = armature_obj.data.bones.keys()
    if isinstance(mapping, BoneMap):
        return mapping, mapping.score(names)
    if isinstance(mapping, dict):
        custom = BoneMap("Custom", dict(mapping))
        return custom, custom.score(names)
    stored = armature_obj.get(MAP_PROP)
    if stored:
        bone_map = BoneMap.from_dict(json.loads(stored), source=f"'{armature_obj.name}' bone map")
        return bone_map, bone_map.score(names)
    _, bone_map, score = detect_bone_map(names)
    return bone_map, score


def apply_smpl_to_armature(armature_obj: bpy.types.Object, pose: SmplPose,
                           mapping: dict | BoneMap | None = None, joints: set[str] | None = None,
                           blend: float = 1.0, mirror: bool = False,
                           keep_feet_planted: bool = False, keyframe: bool = False,
                           frame: int | None = None) -> RetargetReport:
    """Pose armature_obj like the SMPL pose: world-space deltas from a shared T-pose.

    mapping: SMPL joint -> bone (or a BoneMap); None uses the armature's stored map or detects
    one. joints: only these SMPL joints are set (the others keep their pose). blend: 0 keeps
    the current pose, 1 takes the SMPL pose. mirror swaps the pose's sides. keep_feet_planted
    ignores the pose's horizontal translation and keeps the lowest foot at its rest height.
    keyframe inserts keys at frame (the current frame by default).
    """
    if armature_obj is None or armature_obj.type != "ARMATURE":
        raise ValueError("the target must be an armature object")
    if armature_obj.name not in bpy.context.view_layer.objects:
        raise ValueError(f"'{armature_obj.name}' is not in the current view layer: "
                         "its pose cannot be evaluated")
    if armature_obj.mode == "EDIT":
        raise ValueError(f"'{armature_obj.name}' is in Edit Mode: switch to Object or Pose Mode")
    if not 0.0 <= blend <= 1.0:
        raise ValueError(f"blend must be within 0..1, got {blend}")
    bone_map, score = bone_map_for(armature_obj, mapping)
    names = armature_obj.data.bones.keys()
    resolved = bone_map.resolve(names)
    if not resolved:
        raise BoneMapError(f"'{armature_obj.name}' has none of the bones of the "
                           f"{bone_map.name} map")
    report = RetargetReport(bone_map.name, score,
                            missing=sorted(set(bone_map.bones) - set(resolved)))
    selected = joint_indices(joints)
    rotvecs = pose.rotations()
    transl = np.asarray(pose.transl, dtype=np.float64).copy()
    if mirror:
        rotvecs = mirror_rotations(rotvecs)
        transl[0] = -transl[0]

    report.fk_switched = _switch_rigify_to_fk(armature_obj, selected)
    alignment = _alignment(armature_obj, bone_map, resolved)
    targets = world_rotations(rotvecs, alignment)
    frame = bpy.context.scene.frame_current if frame is None else frame
    bones = armature_obj.data.bones
    pose_bones = armature_obj.pose.bones
    levels = _levels(armature_obj,
                     {j: resolved[JOINT_NAMES[j]] for j in targets if j in selected})
    root = bone_map.resolve_root(names) if JOINT_INDEX["pelvis"] in selected else None
    report.root = root

    for level in sorted(set(levels.values())):
        bpy.context.view_layer.update()  # parents (and their constraints) evaluated
        for j in (j for j, lv in levels.items() if lv == level):
            name = resolved[JOINT_NAMES[j]]
            pb = pose_bones[name]
            target = blend_rotations(_rot(pb.matrix), targets[j], blend)
            parent_rest, parent_pose = _parent_frames(bones[name], pb)
            basis = local_rotation(target, _rot(bones[name].matrix_local), parent_rest,
                                   parent_pose)
            _set_rotation(pb, basis)
            report.posed[JOINT_NAMES[j]] = name
            if keyframe:
                pb.keyframe_insert(_rotation_path(pb), frame=frame, group=name)

    if root is not None:
        _place_root(armature_obj, root, alignment, transl, blend, keep_feet_planted, resolved)
        if keyframe:
            pose_bones[root].keyframe_insert("location", frame=frame, group=root)
    bpy.context.view_layer.update()
    return report


def pose_sequence_to_keys(armature_obj: bpy.types.Object, poses: list[SmplPose],
                          start_frame: int = 1, spacing: int = 10, **options) -> list[int]:
    """Key each pose spacing frames apart from start_frame; returns the keyed frames.

    options are apply_smpl_to_armature's (mapping, joints, blend, mirror, keep_feet_planted).
    """
    if spacing < 1:
        raise ValueError(f"spacing must be at least 1 frame, got {spacing}")
    scene = bpy.context.scene
    current = scene.frame_current
    frames = []
    try:
        for i, pose in enumerate(poses):
            frame = start_frame + i * spacing
            scene.frame_set(frame)  # earlier keys are evaluated here, then this pose replaces them
            apply_smpl_to_armature(armature_obj, pose, keyframe=True, frame=frame, **options)
            frames.append(frame)
    finally:
        scene.frame_set(current)
    return frames


def _alignment(armature_obj, bone_map: BoneMap, resolved: dict[str, str]):
    bones = armature_obj.data.bones
    rest = {JOINT_INDEX[j]: _rot(bones[b].matrix_local) for j, b in resolved.items()}
    heads = {j: np.array(bones[b].head_local) for j, b in resolved.items()}
    left_hint = None
    for left, right in (("left_hip", "right_hip"), ("left_shoulder", "right_shoulder"),
                        ("left_collar", "right_collar")):
        if left in heads and right in heads:
            left_hint = heads[left] - heads[right]
            break
    leg = None
    for side in ("left", "right"):
        chain = [heads.get(f"{side}_{n}") for n in ("hip", "knee", "ankle")]
        if all(p is not None for p in chain):
            leg = float(np.linalg.norm(chain[1] - chain[0]) + np.linalg.norm(chain[2] - chain[1]))
            break
    frame = body_frame(_rot(armature_obj.matrix_world), left_hint)
    return align_rig(rest, frame, bone_map.align, leg)


def _levels(armature_obj, joint_bones: dict[int, str]) -> dict[int, int]:
    """Parent-first order in the armature's own dependencies (parents and constraint
    targets): 0 for a bone no other mapped bone moves, else one more than its deepest.

    It can differ from SMPL's: Rigify's hip FK bone is a child of the first spine FK bone, and
    its upper arm follows the shoulder through a constraint, not a parent.
    """
    pose_bones = armature_obj.pose.bones
    depends: dict[str, set[str]] = {}

    def upstream(name: str) -> set[str]:
        if name not in depends:
            depends[name] = set()  # guards against dependency cycles
            pb = pose_bones[name]
            direct = {pb.parent.name} if pb.parent else set()
            for con in pb.constraints:
                targets = con.targets if con.type == "ARMATURE" else [con]
                direct |= {t.subtarget for t in targets
                           if getattr(t, "target", None) == armature_obj
                           and getattr(t, "subtarget", "") in pose_bones}
            found = set(direct)
            for other in direct:
                found |= upstream(other)
            depends[name] = found
        return depends[name]

    bone_joint = {name: joint for joint, name in joint_bones.items()}
    levels: dict[int, int] = {}

    def level(joint: int) -> int:
        if joint not in levels:
            levels[joint] = 0
            above = [bone_joint[b] for b in upstream(joint_bones[joint]) if b in bone_joint]
            levels[joint] = 1 + max(map(level, above)) if above else 0
        return levels[joint]

    for joint in joint_bones:
        level(joint)
    return levels


def _switch_rigify_to_fk(armature_obj, selected: set[int]) -> list[str]:
    switched = []
    for bone, limb in _RIGIFY_SWITCHES.items():
        pb = armature_obj.pose.bones.get(bone)
        if pb is not None and "IK_FK" in pb and any(JOINT_INDEX[j] in selected for j in limb):
            pb["IK_FK"] = 1.0
            switched.append(bone)
    if switched:
        armature_obj.update_tag()
    return switched


def _place_root(armature_obj, root: str, alignment, transl: np.ndarray, blend: float,
                keep_feet_planted: bool, resolved: dict[str, str]) -> None:
    bone, pb = armature_obj.data.bones[root], armature_obj.pose.bones[root]
    parent_rest, parent_pose = _parent_frames(bone, pb)
    rest = _rot(bone.matrix_local)
    current = np.array(pb.location)
    if not keep_feet_planted:
        offset = local_offset(root_translation(transl, alignment), rest, parent_rest, parent_pose)
        pb.location = current + blend * (offset - current)
        return
    # Feet planted: no horizontal drift; lift or lower so the lowest foot point keeps its rest
    # height (measured along the body's up axis in armature space).
    feet = [resolved[j] for j in _FOOT_JOINTS if j in resolved]
    if not feet:
        return
    up = alignment.frame[:, 1]
    bpy.context.view_layer.update()
    bones, pose_bones = armature_obj.data.bones, armature_obj.pose.bones
    rest_low = min(min(up @ np.array(bones[f].head_local), up @ np.array(bones[f].tail_local))
                   for f in feet)
    posed_low = min(min(up @ np.array(pose_bones[f].head), up @ np.array(pose_bones[f].tail))
                    for f in feet)
    lift = local_offset(up * (rest_low - posed_low), rest, parent_rest, parent_pose)
    pb.location = current + blend * lift


def _parent_frames(bone, pb) -> tuple[np.ndarray | None, np.ndarray | None]:
    if bone.parent is None or not bone.use_inherit_rotation:
        return None, None
    return _rot(bone.parent.matrix_local), _rot(pb.parent.matrix)


def _rot(matrix) -> np.ndarray:
    return np.array(matrix, dtype=np.float64)[:3, :3]


def _rotation_path(pb) -> str:
    return {"QUATERNION": "rotation_quaternion",
            "AXIS_ANGLE": "rotation_axis_angle"}.get(pb.rotation_mode, "rotation_euler")


def _set_rotation(pb, basis: np.ndarray) -> None:
    """Write a basis rotation in the bone's own rotation mode."""
    m = mathutils.Matrix(basis.tolist())
    mode = pb.rotation_mode
    if mode == "QUATERNION":
        q = m.to_quaternion()
        if q.dot(pb.rotation_quaternion) < 0:  # stay on the same side for smooth keys
            q.negate()
        pb.rotation_quaternion = q
    elif mode == "AXIS_ANGLE":
        axis, angle = m.to_quaternion().to_axis_angle()
        pb.rotation_axis_angle = (angle, *axis)
    else:
        pb.rotation_euler = m.to_euler(mode, pb.rotation_euler)
