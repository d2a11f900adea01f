"""Retargeting SMPL poses onto real rigs in headless Blender: Rigify (metarig and generated rig),
an A-pose Mixamo-named rig imported FBX-style (Y-up, centimetres), and an SMPL reference rig.

The reference for every check is Blender's own evaluation of an SMPL-convention armature posed
with the SMPL rotations as they are (identity rest frames), independent of the retargeting code.
"""
from __future__ import annotations

import importlib
import json
import math
import sys
import types
from pathlib import Path

import numpy as np
import pytest

import blender_env

REPO_ROOT = Path(__file__).resolve().parents[1]
bpy = blender_env.import_bpy()  # a throwaway user folder, set before bpy's first import
import addon_utils  # noqa: E402  (ships with bpy)
import mathutils  # noqa: E402

# The extension's packages use relative imports (`from ..core ...`): load the repository as a
# package without running its add-on __init__.
_PKG = "posegpt_ext"
if _PKG not in sys.modules:
    _root = types.ModuleType(_PKG)
    _root.__path__ = [str(REPO_ROOT)]
    sys.modules[_PKG] = _root
retarget = importlib.import_module(f"{_PKG}.retarget")
bone_maps = importlib.import_module(f"{_PKG}.core.bone_maps")
core_retarget = importlib.import_module(f"{_PKG}.core.retarget")
pose_mod = importlib.import_module(f"{_PKG}.core.pose")
rotations = importlib.import_module(f"{_PKG}.core.rotations")
skeleton = importlib.import_module(f"{_PKG}.core.skeleton")

SmplPose = pose_mod.SmplPose
JOINTS = skeleton.JOINT_NAMES
J = skeleton.JOINT_INDEX
C = np.array([[1.0, 0, 0], [0, 0, -1], [0, 1, 0]])  # SMPL frame -> Blender (+90 deg about X)
N_POSES = 50
TOLERANCE_DEG = 3.0
# Per-joint largest rotation (degrees) of the random poses; 0: joint kept at rest.
LIMITS_DEG = {
    "pelvis": 90, "left_hip": 80, "right_hip": 80, "spine1": 30, "left_knee": 120,
    "right_knee": 120, "spine2": 25, "left_ankle": 35, "right_ankle": 35, "spine3": 25,
    "left_foot": 20, "right_foot": 20, "neck": 35, "left_collar": 20, "right_collar": 20,
    "head": 35, "left_shoulder": 100, "right_shoulder": 100, "left_elbow": 130,
    "right_elbow": 130, "left_wrist": 60, "right_wrist": 60, "left_hand": 0, "right_hand": 0,
}


def random_poses(count: int, seed: int = 0) -> list:
    rng = np.random.default_rng(seed)
    poses = []
    for _ in range(count):
        axes = rng.normal(size=(24, 3))
        axes /= np.linalg.norm(axes, axis=1, keepdims=True)
        limits = np.radians([LIMITS_DEG[n] for n in JOINTS])
        poses.append(SmplPose.from_rotations(axes * (rng.uniform(0, 1, 24) * limits)[:, None]))
    return poses


# ---------------------------------------------------------------------------------- rigs
def _link_armature(name: str) -> bpy.types.Object:
    obj = bpy.data.objects.new(name, bpy.data.armatures.new(name))
    bpy.context.scene.collection.objects.link(obj)
    return obj


def _edit(obj: bpy.types.Object):
    for other in bpy.context.view_layer.objects:
        other.select_set(False)
    bpy.context.view_layer.objects.active = obj
    obj.select_set(True)
    bpy.ops.object.mode_set(mode="EDIT")
    return obj.data.edit_bones


def build_smpl_rig(name: str = "SMPL") -> bpy.types.Object:
    """The SMPL convention: identity rest frames in SMPL's frame, object +90 deg about X."""
    obj = _link_armature(name)
    obj.rotation_euler = (math.pi / 2, 0.0, 0.0)
    obj.location = (0.0, 0.0, 1.0)
    edit = _edit(obj)
    pos = skeleton.rest_positions()
    for j, joint in enumerate(JOINTS):
        bone = edit.new(joint)
        bone.head, bone.tail, bone.roll = pos[j], pos[j] + (0, 0.08, 0), 0.0
        if skeleton.PARENTS[j] >= 0:
            bone.parent = edit[JOINTS[skeleton.PARENTS[j]]]
    bpy.ops.object.mode_set(mode="OBJECT")
    for pb in obj.pose.bones:
        pb.rotation_mode = "QUATERNION"
    return obj


def pose_smpl_rig(obj: bpy.types.Object, pose) -> None:
    quats = rotations.axis_angle_to_quaternion(pose.rotations())
    for j, joint in enumerate(JOINTS):
        obj.pose.bones[joint].rotation_quaternion = quats[j]
    bpy.context.view_layer.update()


_MIXAMO_BONES = [  # (bone, head joint, tail joint or None, parent)
    ("Hips", "pelvis", "spine1", None), ("Spine", "spine1", "spine2", "Hips"),
    ("Spine1", "spine2", "spine3", "Spine"), ("Spine2", "spine3", "neck", "Spine1"),
    ("Neck", "neck", "head", "Spine2"), ("Head", "head", None, "Neck"),
] + [b for s, S in (("left", "Left"), ("right", "Right")) for b in (
    (f"{S}Shoulder", f"{s}_collar", f"{s}_shoulder", "Spine2"),
    (f"{S}Arm", f"{s}_shoulder", f"{s}_elbow", f"{S}Shoulder"),
    (f"{S}ForeArm", f"{s}_elbow", f"{s}_wrist", f"{S}Arm"),
    (f"{S}Hand", f"{s}_wrist", f"{s}_hand", f"{S}ForeArm"),
    (f"{S}HandIndex1", f"{s}_hand", None, f"{S}Hand"),
    (f"{S}UpLeg", f"{s}_hip", f"{s}_knee", "Hips"),
    (f"{S}Leg", f"{s}_knee", f"{s}_ankle", f"{S}UpLeg"),
    (f"{S}Foot", f"{s}_ankle", f"{s}_foot", f"{S}Leg"),
    (f"{S}ToeBase", f"{s}_foot", None, f"{S}Foot"))]


def a_pose_joints() -> dict[str, np.ndarray]:
    """SMPL's joints 1.1x its size in an A-pose (arms 40 deg down, elbows bent 10 deg), Z-up."""
    world = {n: C @ p * 1.1 for n, p in zip(JOINTS, skeleton.rest_positions())}
    for side, sign in (("left", 1.0), ("right", -1.0)):
        shoulder = world[f"{side}_shoulder"]
        down = rotations.axis_angle_to_matrix(np.array([0, sign * math.radians(40), 0]))
        for j in ("elbow", "wrist", "hand"):
            world[f"{side}_{j}"] = shoulder + down @ (world[f"{side}_{j}"] - shoulder)
        elbow = world[f"{side}_elbow"]
        bend = rotations.axis_angle_to_matrix(np.array([0, 0, -sign * math.radians(10)]))
        for j in ("wrist", "hand"):
            world[f"{side}_{j}"] = elbow + bend @ (world[f"{side}_{j}"] - elbow)
    return world


def build_mapped_rig(key: str, seed: int = 2) -> bpy.types.Object:
    """An A-pose armature with exactly the bones of a built-in map (MakeHuman, Unreal...),
    each from its joint towards the next mapped joint down the chain, random rolls, Z-up
    metres: the names and rest pose such rigs have, without their extra bones."""
    rng = np.random.default_rng(seed)
    world = a_pose_joints()
    bones = bone_maps.BUILTIN_MAPS[key].bones
    obj = _link_armature(key.title())
    edit = _edit(obj)
    for joint, name in bones.items():
        j = J[joint]
        child = core_retarget.SEGMENT_CHILD.get(j)
        bone = edit.new(name)
        bone.head = world[joint]
        if child is not None:
            bone.tail = world[JOINTS[child]]
        else:  # leaf: extend along the parent segment (toes forward, head up)
            direction = np.array([0, 0, 1.0]) if joint == "head" else (
                world[joint] - world[JOINTS[skeleton.PARENTS[j]]])
            bone.tail = world[joint] + 0.08 * direction / np.linalg.norm(direction)
        bone.roll = float(rng.uniform(-math.pi, math.pi))
    for joint, name in bones.items():
        parent = skeleton.PARENTS[J[joint]]
        while parent >= 0 and JOINTS[parent] not in bones:
            parent = skeleton.PARENTS[parent]
        if parent >= 0:
            edit[name].parent = edit[bones[JOINTS[parent]]]
    bpy.ops.object.mode_set(mode="OBJECT")
    for pb in obj.pose.bones:
        pb.rotation_mode = "QUATERNION"
    return obj


def build_mixamo_rig(prefix: str = "mixamorig:", seed: int = 1) -> bpy.types.Object:
    """Mixamo names, A-pose, random rolls, imported FBX-style: armature space Y-up in
    centimetres, object rotated +90 deg about X and scaled 0.01."""
    rng = np.random.default_rng(seed)
    world = a_pose_joints()
    to_armature = C.T * 100.0
    obj = _link_armature("Mixamo")
    obj.rotation_euler = (math.pi / 2, 0.0, 0.0)
    obj.scale = (0.01, 0.01, 0.01)
    edit = _edit(obj)
    for bone_name, head, tail, parent in _MIXAMO_BONES:
        bone = edit.new(prefix + bone_name)
        bone.head = to_armature @ world[head]
        if tail is None:  # leaf: extend along the parent's direction (toes forward, head up)
            direction = np.array([0, 0, 1.0]) if head == "head" else (
                world[head] - world[JOINTS[skeleton.PARENTS[J[head]]]])
            bone.tail = to_armature @ (world[head] + 0.08 * direction / np.linalg.norm(direction))
        else:
            bone.tail = to_armature @ world[tail]
        bone.roll = float(rng.uniform(-math.pi, math.pi))
        if parent:
            bone.parent = edit[prefix + parent]
    bpy.ops.object.mode_set(mode="OBJECT")
    for pb in obj.pose.bones:
        pb.rotation_mode = "XYZ" if "Arm" in pb.name else "QUATERNION"  # both modes exercised
    return obj


@pytest.fixture(scope="module")
def rigs():
    """All rigs side by side in the scene (each is posed, and reset, by the tests); removed
    afterwards, so other test modules in this process find the scene as they left it."""
    before = set(bpy.data.objects)
    addon_utils.enable("rigify", default_set=True)
    bpy.ops.object.armature_human_metarig_add()
    metarig = bpy.context.active_object
    bpy.ops.pose.rigify_generate()
    generated = bpy.context.active_object
    yield {"smpl": build_smpl_rig(), "metarig": metarig, "rigify": generated,
           "mixamo": build_mixamo_rig(), "makehuman": build_mapped_rig("makehuman"),
           "unreal": build_mapped_rig("unreal")}
    for obj in set(bpy.data.objects) - before:
        bpy.data.objects.remove(obj)


def reset_pose(obj: bpy.types.Object) -> None:
    for pb in obj.pose.bones:
        pb.matrix_basis = mathutils.Matrix.Identity(4)
    bpy.context.view_layer.update()


# ---------------------------------------------------------------------------- measuring
def _world_dir(obj, pb) -> np.ndarray:
    d = np.array(obj.matrix_world @ pb.tail) - np.array(obj.matrix_world @ pb.head)
    return d / np.linalg.norm(d)


def _rest_world_dir(obj, bone) -> np.ndarray:
    d = np.array(obj.matrix_world @ bone.tail_local) - np.array(obj.matrix_world @ bone.head_local)
    return d / np.linalg.norm(d)


def direction_errors(smpl, target, joint_to_bone: dict[str, str]) -> dict[str, float]:
    """Angle (degrees) between each target bone's world direction and the SMPL rig's: the
    posed SMPL segment (joint to child joint) for segment joints; for leaf joints (head,
    toes) the SMPL bone's world rotation from rest applied to the target bone's rest
    direction."""
    out = {}
    smpl_mw = smpl.matrix_world
    for joint, bone in joint_to_bone.items():
        j = J[joint]
        if j in core_retarget.SEGMENT_CHILD:
            child = JOINTS[core_retarget.SEGMENT_CHILD[j]]
            d = (np.array(smpl_mw @ smpl.pose.bones[child].head)
                 - np.array(smpl_mw @ smpl.pose.bones[joint].head))
            expected = d / np.linalg.norm(d)
        else:
            spb = smpl.pose.bones[joint]
            posed = np.array((smpl_mw @ spb.matrix).to_3x3().normalized())
            rest = np.array((smpl_mw @ spb.bone.matrix_local).to_3x3().normalized())
            expected = posed @ rest.T @ _rest_world_dir(target, target.data.bones[bone])
        actual = _world_dir(target, target.pose.bones[bone])
        out[joint] = math.degrees(math.atan2(np.linalg.norm(np.cross(expected, actual)),
                                             float(expected @ actual)))
    return out


# Rigify's generated rig: the deform bones per SMPL joint (what the mesh follows).
RIGIFY_DEF = {"pelvis": "DEF-spine", "spine1": "DEF-spine.001", "spine2": "DEF-spine.002",
              "spine3": "DEF-spine.003", "head": "DEF-spine.006"}
for _s, _S in (("left", ".L"), ("right", ".R")):
    RIGIFY_DEF.update({f"{_s}_collar": f"DEF-shoulder{_S}", f"{_s}_shoulder": f"DEF-upper_arm{_S}",
                       f"{_s}_elbow": f"DEF-forearm{_S}", f"{_s}_wrist": f"DEF-hand{_S}",
                       f"{_s}_hip": f"DEF-thigh{_S}", f"{_s}_knee": f"DEF-shin{_S}",
                       f"{_s}_ankle": f"DEF-foot{_S}", f"{_s}_foot": f"DEF-toe{_S}"})


@pytest.mark.parametrize("rig_key, map_key", [
    ("metarig", "rigify_metarig"), ("rigify", "rigify"), ("mixamo", "mixamo"),
    ("makehuman", "makehuman"), ("unreal", "unreal")])
def test_fifty_poses_match_smpl_directions(rigs, rig_key, map_key):
    smpl, target = rigs["smpl"], rigs[rig_key]
    key, detected, score = bone_maps.detect_bone_map(target.data.bones.keys())
    assert key == map_key and score == 1.0
    joint_to_bone = detected.resolve(target.data.bones.keys())
    assert len(joint_to_bone) == len(detected.bones)
    reset_pose(target)
    worst: dict[str, float] = {}
    for pose in random_poses(N_POSES):
        pose_smpl_rig(smpl, pose)
        report = retarget.apply_smpl_to_armature(target, pose)
        assert report.posed == joint_to_bone
        errors = direction_errors(smpl, target, joint_to_bone)
        if rig_key == "rigify":  # the FK controls must really drive the rig's skeleton
            errors.update({f"DEF {j}": e for j, e in direction_errors(
                smpl, target, RIGIFY_DEF).items()})
        for joint, err in errors.items():
            worst[joint] = max(worst.get(joint, 0.0), err)
    print(f"\n{rig_key}: worst direction error over {N_POSES} poses "
          f"{max(worst.values()):.4f} deg ({max(worst, key=worst.get)})")
    assert max(worst.values()) < TOLERANCE_DEG, {j: round(e, 3) for j, e in worst.items()}
    if rig_key == "rigify":
        assert all(target.pose.bones[b]["IK_FK"] == 1.0 for b in (
            "upper_arm_parent.L", "upper_arm_parent.R", "thigh_parent.L", "thigh_parent.R"))


def test_smpl_map_on_an_smpl_rig_copies_rotations(rigs):
    """A rig whose rest already is SMPL's (align "rest") gets SMPL's local rotations back."""
    other = build_smpl_rig("SMPL_target")
    pose = random_poses(1, seed=5)[0]
    retarget.apply_smpl_to_armature(other, pose, mapping=bone_maps.BUILTIN_MAPS["smpl"])
    got = np.array([other.pose.bones[n].rotation_quaternion for n in JOINTS])
    want = rotations.axis_angle_to_quaternion(pose.rotations())
    np.testing.assert_allclose(np.abs(np.sum(got * want, axis=1)), 1.0, atol=1e-5)


def _bases(obj) -> dict[str, np.ndarray]:
    return {pb.name: np.array(pb.matrix_basis) for pb in obj.pose.bones}


def test_partial_blend_zero_and_mirror(rigs):
    target, smpl = rigs["mixamo"], rigs["smpl"]
    first, second = random_poses(2, seed=7)
    retarget.apply_smpl_to_armature(target, first)
    before = _bases(target)
    arms = {f"{s}_{j}" for s in ("left", "right") for j in ("shoulder", "elbow", "wrist")}
    report = retarget.apply_smpl_to_armature(target, second, joints=arms)
    after = _bases(target)
    changed = {n for n in after if not np.allclose(after[n], before[n], atol=1e-6)}
    assert changed == {report.posed[j] for j in arms}

    before = _bases(target)
    retarget.apply_smpl_to_armature(target, first, blend=0.0)
    after = _bases(target)
    assert all(np.allclose(after[n], before[n], atol=1e-5) for n in after)

    # Half blend from rest: the root bone turns half way to its full-pose rotation.
    hips = target.pose.bones["mixamorig:Hips"]
    rest_rot = np.array(hips.bone.matrix_local.to_3x3())
    angles = []
    for blend in (1.0, 0.5):
        reset_pose(target)
        retarget.apply_smpl_to_armature(target, second, blend=blend)
        delta = np.array(hips.matrix.to_3x3()) @ rest_rot.T
        angles.append(math.acos(np.clip((np.trace(delta) - 1) / 2, -1, 1)))
    assert angles[0] > 0.1 and abs(angles[1] - angles[0] / 2) < 1e-3

    # Mirrored: each bone points where its other-side twin pointed, reflected in X.
    bones = bone_maps.BUILTIN_MAPS["mixamo"].resolve(target.data.bones.keys())
    retarget.apply_smpl_to_armature(target, second)
    plain = {j: _world_dir(target, target.pose.bones[b]) for j, b in bones.items()}
    retarget.apply_smpl_to_armature(target, second, mirror=True)
    reflect = np.diag([-1.0, 1.0, 1.0])
    for j, b in bones.items():
        twin = JOINTS[skeleton.mirror_joint(J[j])]
        np.testing.assert_allclose(_world_dir(target, target.pose.bones[b]),
                                   reflect @ plain[twin], atol=2e-3)
    # and the mirrored SMPL pose on the SMPL rig agrees
    pose_smpl_rig(smpl, SmplPose.from_rotations(core_retarget.mirror_rotations(second.rotations())))
    assert max(direction_errors(smpl, target, bones).values()) < TOLERANCE_DEG


def test_translation_scaled_by_leg_length_and_feet_planted(rigs):
    target = rigs["mixamo"]
    reset_pose(target)
    hips = target.pose.bones["mixamorig:Hips"]
    rest_head = np.array(target.matrix_world @ hips.head)
    pose = SmplPose.from_rotations(np.zeros((24, 3)), transl=np.array([0.1, 0.05, 0.2]))
    retarget.apply_smpl_to_armature(target, pose)
    moved = np.array(target.matrix_world @ hips.head) - rest_head
    # The test rig is SMPL's skeleton scaled 1.1: legs 1.1x as long.
    np.testing.assert_allclose(moved, C @ pose.transl * 1.1, atol=1e-4)

    crouch = np.zeros((24, 3))
    for side in ("left", "right"):
        crouch[J[f"{side}_hip"]] = [-1.6, 0, 0]    # thighs forward
        crouch[J[f"{side}_knee"]] = [2.0, 0, 0]    # knees bent
        crouch[J[f"{side}_ankle"]] = [-0.4, 0, 0]
    pose = SmplPose.from_rotations(crouch, transl=np.array([0.3, 0.0, 0.3]))
    placed = np.array(target.matrix_world @ hips.head)
    retarget.apply_smpl_to_armature(target, pose, keep_feet_planted=True)
    feet = [target.pose.bones[f"mixamorig:{s}{b}"] for s in ("Left", "Right")
            for b in ("Foot", "ToeBase")]
    lowest = min(min((target.matrix_world @ pb.head).z, (target.matrix_world @ pb.tail).z)
                 for pb in feet)
    rest_lowest = min(min((target.matrix_world @ pb.bone.head_local).z,
                          (target.matrix_world @ pb.bone.tail_local).z) for pb in feet)
    assert abs(lowest - rest_lowest) < 1e-4
    horizontal = np.array(target.matrix_world @ hips.head)[:2] - placed[:2]
    assert np.allclose(horizontal, 0.0, atol=1e-5)  # the pose's translation adds no drift


def _fcurves(obj):
    return _action_fcurves(obj.animation_data.action)


class _Found(list):
    def find(self, path: str, index: int = 0):
        return next((fc for fc in self if fc.data_path == path and fc.array_index == index), None)


def _action_fcurves(action) -> list:
    """An action's F-curves: in its slots' channelbags (4.4+), or its own (4.2, 4.3)."""
    if hasattr(action, "layers"):
        return _Found(fc for layer in action.layers for strip in layer.strips
                      for bag in strip.channelbags for fc in bag.fcurves)
    return _Found(action.fcurves)


def test_sequence_keys_and_pose_asset(rigs):
    target, smpl = rigs["mixamo"], rigs["smpl"]
    poses = random_poses(3, seed=11)
    frames = retarget.pose_sequence_to_keys(target, poses, start_frame=5, spacing=7)
    assert frames == [5, 12, 19]
    path = 'pose.bones["mixamorig:LeftArm"].rotation_euler'
    fcurve = _fcurves(target).find(path, index=0)
    assert [k.co.x for k in fcurve.keyframe_points] == [5.0, 12.0, 19.0]
    bones = bone_maps.BUILTIN_MAPS["mixamo"].resolve(target.data.bones.keys())
    for frame, pose in zip(frames, poses):  # the keys play the poses back
        bpy.context.scene.frame_set(frame)
        pose_smpl_rig(smpl, pose)
        assert max(direction_errors(smpl, target, bones).values()) < TOLERANCE_DEG

    action = retarget.save_pose_asset(target, "PoseGPT test pose")
    assert action.asset_data is not None
    stored = {fc.data_path for fc in _action_fcurves(action)}
    assert 'pose.bones["mixamorig:LeftForeArm"].rotation_euler' in stored
    assert 'pose.bones["mixamorig:Spine"].rotation_quaternion' in stored
    target.animation_data_clear()


def _registered(idname: str) -> bool:
    try:
        getattr(bpy.ops.posegpt, idname).get_rna_type()
        return True
    except (AttributeError, KeyError):
        return False


def test_operators_apply_and_presets(rigs, tmp_path):
    # The installed extension (another test module in this process) may own them already.
    own = not _registered("retarget_apply")
    if own:
        retarget.register()
    try:
        assert all(_registered(op) for op in ("retarget_apply", "bone_map_save",
                                              "bone_map_load"))
        smpl, target = rigs["smpl"], rigs["mixamo"]
        reset_pose(target)
        pose = random_poses(1, seed=3)[0]
        pose_smpl_rig(smpl, pose)
        result = bpy.ops.posegpt.retarget_apply(source="ARMATURE", source_armature=smpl.name,
                                               target_armature=target.name)
        assert result == {"FINISHED"}
        bones = bone_maps.BUILTIN_MAPS["mixamo"].resolve(target.data.bones.keys())
        assert max(direction_errors(smpl, target, bones).values()) < TOLERANCE_DEG

        retarget.store_last_pose(bpy.context.scene, random_poses(1, seed=4)[0])
        assert bpy.ops.posegpt.retarget_apply(source="LAST", target_armature=target.name,
                                              part="ARMS") == {"FINISHED"}

        bpy.context.view_layer.objects.active = target
        preset = tmp_path / "mixamo.json"
        assert bpy.ops.posegpt.bone_map_save(filepath=str(preset)) == {"FINISHED"}
        data = json.loads(preset.read_text())
        assert data["bones"]["left_shoulder"] == "LeftArm" and data["match_suffix"] is True
        data["name"] = "Edited"
        data["bones"]["head"] = "Neck_missing"
        preset.write_text(json.dumps(data))
        assert bpy.ops.posegpt.bone_map_load(filepath=str(preset)) == {"FINISHED"}
        bone_map, _ = retarget.bone_map_for(target, None)  # the stored, edited map wins
        assert bone_map.name == "Edited"
        assert "head" in retarget.apply_smpl_to_armature(target, pose).missing
        del target[retarget.MAP_PROP]

        bad = tmp_path / "bad.json"
        bad.write_text(json.dumps({"bones": {"left_elbw": "LeftForeArm"}}))
        with pytest.raises(RuntimeError, match="left_elbw"):
            bpy.ops.posegpt.bone_map_load(filepath=str(bad))
    finally:
        if own:
            retarget.unregister()
    assert not own or not _registered("retarget_apply")


def test_bone_maps_detection_and_validation(tmp_path):
    names = [p + b for p in ("mixamorig1:",) for b, *_ in _MIXAMO_BONES]
    key, bone_map, score = bone_maps.detect_bone_map(names)
    assert key == "mixamo" and score == 1.0
    resolved = bone_map.resolve(names + ["mixamorig1:LeftHandIndex1"])
    assert resolved["left_wrist"] == "mixamorig1:LeftHand"
    assert bone_map.resolve(["mixamorig_Spine1"]) == {"spine2": "mixamorig_Spine1"}
    assert bone_map.resolve(["NotSpine1"]) == {}  # a suffix needs a separator before it
    unreal = ["pelvis", "spine_01", "spine_02", "spine_03", "neck_01", "head"] + [
        f"{b}_{s}" for s in "lr" for b in ("clavicle", "upperarm", "lowerarm", "hand",
                                           "thigh", "calf", "foot", "ball")]
    assert bone_maps.detect_bone_map(unreal)[0] == "unreal"
    with pytest.raises(bone_maps.BoneMapError, match="no built-in bone map fits"):
        bone_maps.detect_bone_map(["Bone", "Bone.001"])

    path = tmp_path / "map.json"
    bone_maps.save_preset(path, bone_maps.BUILTIN_MAPS["makehuman"])
    assert bone_maps.load_preset(path) == bone_maps.BUILTIN_MAPS["makehuman"]
    for data, message in [
        ({"bones": {"pelvis": "a", "spine1": "a"}}, "mapped twice"),
        ({"bones": {"pelvis": ""}}, "must map to a bone name"),
        ({"bones": {"pelvis": "a"}, "align": "sideways"}, "align must be one of"),
        ({"bones": {"pelvis": "a"}, "version": 9}, "version 9"),
        ({"bones": ["pelvis"]}, '"bones" must be an object'),
    ]:
        path.write_text(json.dumps(data))
        with pytest.raises(bone_maps.BoneMapError, match=message):
            bone_maps.load_preset(path)
    path.write_text("{not json")
    with pytest.raises(bone_maps.BoneMapError, match="cannot read as JSON"):
        bone_maps.load_preset(path)


def test_alignment_swings_segments_not_controls():
    """An A-pose arm is swung onto SMPL's T-pose segment; a bone pointing far from its segment
    (a control such as Rigify's backward-pointing `torso`) keeps its rest as reference."""
    frame = core_retarget.body_frame(np.eye(3), np.array([1.0, 0.0, 0.0]))
    np.testing.assert_allclose(frame, C, atol=1e-12)  # facing -Y, Z up: Blender's front view
    down_45 = rotations.axis_angle_to_matrix(np.array([0.0, math.radians(45), 0.0]))
    arm_rest = down_45 @ rotations.rotation_between(np.array([0, 1.0, 0]), np.array([1.0, 0, 0]))
    torso_rest = np.eye(3)  # bone Y axis = +Y: pointing backward
    alignment = core_retarget.align_rig(
        {J["left_shoulder"]: arm_rest, J["pelvis"]: torso_rest}, frame)
    segment = C @ core_retarget.segment_directions()[J["left_shoulder"]]
    np.testing.assert_allclose(alignment.reference[J["left_shoulder"]][:, 1], segment, atol=1e-9)
    np.testing.assert_allclose(alignment.reference[J["pelvis"]], torso_rest, atol=1e-12)


def test_apply_to_character_keys_every_keyed_frame_of_a_clip(rigs):
    """A clip keyed on the SMPL rig (as Pose from Video leaves it) goes onto the character."""
    own = not _registered("retarget_apply")
    if own:
        retarget.register()
    smpl, target = rigs["smpl"], rigs["mixamo"]
    try:
        poses = random_poses(2, seed=21)
        for frame, pose in zip((3, 6), poses):
            pose_smpl_rig(smpl, pose)
            for pb in smpl.pose.bones:
                pb.keyframe_insert("rotation_quaternion", frame=frame)
        bpy.context.scene.frame_set(1)
        result = bpy.ops.posegpt.retarget_apply(source="ARMATURE", source_armature=smpl.name,
                                               target_armature=target.name,
                                               every_keyed_frame=True)
        assert result == {"FINISHED"} and bpy.context.scene.frame_current == 1
        path = 'pose.bones["mixamorig:LeftArm"].rotation_euler'
        assert [k.co.x for k in _fcurves(target).find(path, index=0).keyframe_points] == [3, 6]
        bones = bone_maps.BUILTIN_MAPS["mixamo"].resolve(target.data.bones.keys())
        for frame in (3, 6):
            bpy.context.scene.frame_set(frame)
            assert max(direction_errors(smpl, target, bones).values()) < TOLERANCE_DEG
        with pytest.raises(RuntimeError, match="SMPL armature as the source"):
            bpy.ops.posegpt.retarget_apply(source="LAST", target_armature=target.name,
                                           every_keyed_frame=True)
    finally:
        smpl.animation_data_clear()
        target.animation_data_clear()
        if own:
            retarget.unregister()
