"""The installed extension in the real PyPI bpy: registration, the SMPL rig, posing, pose files.

One bpy per process: the extension is built, installed into a temporary Blender user folder and
enabled once (tests/blender_env.py). Undo cannot run headless (`ed.undo` has no window to poll),
so the tests check the UNDO flag and that each request applies in one operator call.
"""
from __future__ import annotations

import json

import numpy as np
import pytest

import blender_env
from core.pose import Z_UP_TO_Y_UP, SmplPose, forward_kinematics, load_pose_file
from core.rotations import axis_angle_to_matrix, axis_angle_to_quaternion, matrix_to_axis_angle
from core.skeleton import JOINT_NAMES, PARENTS, rest_positions

bpy = blender_env.import_bpy()
OPERATORS = ("worker_start", "worker_stop", "create_rig", "pose_from_text", "pose_from_image",
             "pose_from_video",
             "pose_from_view", "describe", "import_smpl", "export_smpl", "export_rig",
             "clear_conversation")
SCENE_CHANGING = ("create_rig", "pose_from_text", "pose_from_image", "pose_from_video",
                  "pose_from_view",
                  "describe", "import_smpl", "clear_conversation")


@pytest.fixture(scope="module", autouse=True)
def extension() -> None:
    blender_env.installed_extension()


@pytest.fixture()
def rig():
    """A fresh scene with one SMPL rig, active and selected."""
    bpy.ops.wm.read_homefile(use_empty=True)
    bpy.context.preferences.system.use_online_access = True
    assert bpy.ops.posegpt.create_rig() == {"FINISHED"}
    return bpy.context.view_layer.objects.active


def random_pose(seed: int, scale: float = 0.6) -> SmplPose:
    rng = np.random.default_rng(seed)
    pose = SmplPose.from_rotations(rng.normal(scale=scale, size=(24, 3)),
                                   transl=rng.normal(scale=0.2, size=3))
    pose.betas = rng.normal(size=10)
    return pose


def rig_module():
    import importlib
    return importlib.import_module(blender_env.MODULE + ".rig")


def test_every_operator_is_registered_and_scene_changes_are_undoable() -> None:
    for name in OPERATORS:
        assert getattr(bpy.ops.posegpt, name).get_rna_type().identifier
    assert bpy.types.POSEGPT_PT_main.bl_category == "PoseGPT"
    for name in SCENE_CHANGING:
        cls = getattr(bpy.types, f"POSEGPT_OT_{name}")
        assert {"REGISTER", "UNDO"} <= set(cls.bl_options), name


def test_rig_has_smpl_bones_tree_and_identity_rest_frames(rig) -> None:
    assert sorted(b.name for b in rig.data.bones) == sorted(JOINT_NAMES)
    rest = rest_positions()
    for j, name in enumerate(JOINT_NAMES):
        bone = rig.data.bones[name]
        parent = bone.parent.name if bone.parent else None
        assert parent == (JOINT_NAMES[PARENTS[j]] if PARENTS[j] >= 0 else None)
        np.testing.assert_allclose(np.array(bone.matrix_local.to_3x3()), np.eye(3), atol=1e-6)
        np.testing.assert_allclose(np.array(bone.head_local), rest[j], atol=1e-6)
    np.testing.assert_allclose(tuple(rig.rotation_euler), (np.pi / 2, 0, 0), atol=1e-6)
    body = next(o for o in bpy.context.scene.objects if o.parent is rig)
    assert body.type == "MESH" and body.modifiers["Armature"].object is rig
    assert {g.name for g in body.vertex_groups} == set(JOINT_NAMES)
    # Standing at rest: the body's lowest point is on the floor (z = 0) within a centimetre.
    lowest = min((body.matrix_world @ v.co).z for v in body.data.vertices)
    assert abs(lowest) < 0.015


def test_applied_pose_matches_smpl_rotations_and_forward_kinematics(rig) -> None:
    pose = random_pose(1)
    rig_module().apply_pose(rig, pose, ground=False)
    bpy.context.view_layer.update()
    quats = axis_angle_to_quaternion(pose.rotations())
    for j, name in enumerate(JOINT_NAMES):
        got = np.array(rig.pose.bones[name].rotation_quaternion)
        assert min(np.abs(got - quats[j]).max(), np.abs(got + quats[j]).max()) < 1e-6, name
    # World joint positions: SMPL's FK, turned Z-up (x, y, z) -> (x, -z, y), at the object.
    joints = forward_kinematics(pose.rotations())[0] + pose.transl
    expected = np.stack([joints[:, 0], -joints[:, 2], joints[:, 1]], axis=1) + np.array(rig.location)
    got = np.array([tuple(rig.matrix_world @ rig.pose.bones[n].head) for n in JOINT_NAMES])
    np.testing.assert_allclose(got, expected, atol=1e-5)
    # A left-arm raise moves the left wrist up in the scene and to the body's left (+X).
    raise_left = np.zeros((24, 3))
    raise_left[JOINT_NAMES.index("left_shoulder")] = (0, 0, np.pi / 2)
    rig_module().apply_pose(rig, SmplPose.from_rotations(raise_left), ground=False)
    bpy.context.view_layer.update()
    wrist = rig.matrix_world @ rig.pose.bones["left_wrist"].head
    head = rig.matrix_world @ rig.pose.bones["head"].head
    assert wrist.z > head.z and wrist.x > 0.1


def test_round_trip_rig_smpl_rig_is_exact(rig) -> None:
    rigmod = rig_module()
    for seed in range(5):
        pose = random_pose(seed, scale=1.2)
        rigmod.apply_pose(rig, pose, ground=False)
        back = rigmod.read_pose(rig)
        np.testing.assert_allclose(axis_angle_to_matrix(back.rotations()),
                                   axis_angle_to_matrix(pose.rotations()), atol=1e-5)
        np.testing.assert_allclose(back.transl, pose.transl, atol=1e-6)
        np.testing.assert_allclose(back.betas, pose.betas, atol=1e-6)
        before = [tuple(pb.matrix_basis.col[c]) for pb in rig.pose.bones for c in range(4)]
        rigmod.apply_pose(rig, back, ground=False)
        after = [tuple(pb.matrix_basis.col[c]) for pb in rig.pose.bones for c in range(4)]
        np.testing.assert_allclose(after, before, atol=1e-5)


def test_grounding_puts_the_lowest_joint_on_the_floor_and_is_idempotent(rig) -> None:
    rigmod = rig_module()
    kneel = np.zeros((24, 3))
    kneel[JOINT_NAMES.index("right_hip")] = (-1.4, 0, 0)
    kneel[JOINT_NAMES.index("right_knee")] = (1.4, 0, 0)
    rigmod.apply_pose(rig, SmplPose.from_rotations(kneel))
    bpy.context.view_layer.update()
    heights = [(rig.matrix_world @ pb.head).z for pb in rig.pose.bones]
    rest_lowest = rig.location.z + rest_positions()[:, 1].min()
    assert abs(min(heights) - rest_lowest) < 1e-5
    first = np.array(rig.pose.bones["pelvis"].location)
    rigmod.apply_pose(rig, rigmod.read_pose(rig))
    np.testing.assert_allclose(rig.pose.bones["pelvis"].location, first, atol=1e-6)


def test_import_keyframes_a_sequence_from_amass_keys(rig, tmp_path) -> None:
    rng = np.random.default_rng(3)
    poses = rng.normal(scale=0.4, size=(3, 156))
    path = tmp_path / "amass.npz"
    np.savez(path, poses=poses, trans=rng.normal(size=(3, 3)), betas=rng.normal(size=16))
    state = blender_env.scene_state(bpy)
    assert bpy.ops.posegpt.import_smpl(filepath=str(path)) == {"FINISHED"}
    assert blender_env.scene_state(bpy) != state
    fcurves = blender_env.keyed_fcurves(rig)
    assert len(fcurves) == 24 * 4 + 3
    assert all(len(fc.keyframe_points) == 3 for fc in fcurves)
    for frame in range(3):
        bpy.context.scene.frame_set(1 + frame)
        got = axis_angle_to_matrix(rig_module().read_pose(rig).rotations())
        want = axis_angle_to_matrix(np.concatenate([poses[frame, :66], np.zeros(6)]).reshape(24, 3))
        want[0] = Z_UP_TO_Y_UP @ want[0]  # AMASS is Z-up
        np.testing.assert_allclose(got, want, atol=1e-5)


def test_insert_keyframe_option_keys_the_current_frame(rig, tmp_path) -> None:
    bpy.context.scene.posegpt.insert_keyframe = True
    bpy.context.scene.frame_set(7)
    path = tmp_path / "one.json"
    path.write_text(json.dumps(random_pose(4).to_dict()))
    assert bpy.ops.posegpt.import_smpl(filepath=str(path)) == {"FINISHED"}
    fcurves = blender_env.keyed_fcurves(rig)
    assert len(fcurves) == 24 * 4 + 3
    assert {tuple(k.co)[0] for fc in fcurves for k in fc.keyframe_points} == {7.0}


@pytest.mark.parametrize("suffix", [".npz", ".json"])
def test_export_then_import_round_trips(rig, tmp_path, suffix: str) -> None:
    pose = random_pose(5)
    rig_module().apply_pose(rig, pose, ground=False)
    path = tmp_path / f"pose{suffix}"
    assert bpy.ops.posegpt.export_smpl(filepath=str(path)) == {"FINISHED"}
    saved = load_pose_file(path)[0]
    np.testing.assert_allclose(axis_angle_to_matrix(saved.rotations()),
                               axis_angle_to_matrix(pose.rotations()), atol=1e-5)
    np.testing.assert_allclose(saved.transl, pose.transl, atol=1e-6)
    if suffix == ".npz":  # AMASS's SMPL-X names, in its Z-up frame, read back too
        with np.load(path) as npz:
            root = Z_UP_TO_Y_UP.T @ axis_angle_to_matrix(npz["global_orient"])
            np.savez(tmp_path / "amass_smplx.npz", root_orient=matrix_to_axis_angle(root),
                     pose_body=npz["body_pose"][:, :63], trans=npz["transl"] @ Z_UP_TO_Y_UP)
        path = tmp_path / "amass_smplx.npz"
    rig_module().apply_pose(rig, SmplPose(), ground=False)
    bpy.context.scene.posegpt.ground = False
    assert bpy.ops.posegpt.import_smpl(filepath=str(path)) == {"FINISHED"}
    back = rig_module().read_pose(rig)
    body = slice(0, 22)  # SMPL-X files have no hand joints 22-23
    np.testing.assert_allclose(axis_angle_to_matrix(back.rotations()[body]),
                               axis_angle_to_matrix(pose.rotations()[body]), atol=1e-5)
    np.testing.assert_allclose(back.transl, pose.transl, atol=1e-6)


@pytest.mark.parametrize("content,words", [
    (b"not a zip", "Cannot import: .*not an? (?:plain numeric )?.npz"),
    (None, "needs global_orient"),
])
def test_bad_pose_file_is_reported_and_changes_nothing(rig, tmp_path, content, words) -> None:
    path = tmp_path / "bad.npz"
    if content is None:
        np.savez(path, something=np.zeros(3))
    else:
        path.write_bytes(content)
    state = blender_env.scene_state(bpy)
    with pytest.raises(RuntimeError, match=words):
        bpy.ops.posegpt.import_smpl(filepath=str(path))
    assert blender_env.scene_state(bpy) == state


def test_describe_needs_no_worker_and_adds_a_turn(rig) -> None:
    import importlib
    describe = importlib.import_module(blender_env.MODULE + ".core.describe").describe
    pose = random_pose(6, scale=0.3)
    rig_module().apply_pose(rig, pose, ground=False)
    assert bpy.ops.posegpt.describe() == {"FINISHED"}
    turns = bpy.context.scene.posegpt.turns
    assert len(turns) == 1 and turns[0].answer == describe(rig_module().read_pose(rig))
    assert turns[0].answer.strip()
    assert bpy.ops.posegpt.clear_conversation() == {"FINISHED"}
    assert len(turns) == 0


def test_bvh_and_fbx_export_the_posed_rig_and_leave_the_scene_alone(rig, tmp_path) -> None:
    rig_module().apply_pose(rig, random_pose(8), ground=False)
    other = bpy.data.objects.new("Other", None)
    bpy.context.scene.collection.objects.link(other)
    other.select_set(True)
    bpy.context.view_layer.objects.active = other  # not an armature: the PoseGPT rig is used
    state = blender_env.scene_state(bpy)
    assert bpy.ops.posegpt.export_rig(filepath=str(tmp_path / "pose.bvh")) == {"FINISHED"}
    assert bpy.ops.posegpt.export_rig(filepath=str(tmp_path / "pose.fbx")) == {"FINISHED"}
    assert blender_env.scene_state(bpy) == state
    assert bpy.context.view_layer.objects.active == other and other.select_get()
    bvh = (tmp_path / "pose.bvh").read_text()
    assert bvh.startswith("HIERARCHY") and all(f"JOINT {n}" in bvh for n in JOINT_NAMES[1:])
    assert (tmp_path / "pose.fbx").read_bytes().startswith(b"Kaydara FBX Binary")
    bpy.ops.import_anim.bvh(filepath=str(tmp_path / "pose.bvh"))
    imported = bpy.context.view_layer.objects.active
    assert imported != rig and imported.type == "ARMATURE"
    def joints(obj) -> list:  # world positions relative to the pelvis: the pose itself
        world = [obj.matrix_world @ obj.pose.bones[n].head for n in JOINT_NAMES]
        return [p - world[0] for p in world]

    for name, a, b in zip(JOINT_NAMES, joints(rig), joints(imported)):
        assert (a - b).length < 1e-3, (name, a, b)
    with pytest.raises(RuntimeError, match="use a .bvh or .fbx"):
        bpy.ops.posegpt.export_rig(filepath=str(tmp_path / "pose.obj"))


def test_describe_and_export_without_a_rig_fail_clearly(tmp_path) -> None:
    bpy.ops.wm.read_homefile(use_empty=True)
    with pytest.raises(RuntimeError, match="Create SMPL Rig"):
        bpy.ops.posegpt.describe()
    with pytest.raises(RuntimeError, match="Create SMPL Rig"):
        bpy.ops.posegpt.export_smpl(filepath=str(tmp_path / "x.npz"))
    with pytest.raises(RuntimeError, match="Create SMPL Rig"):
        bpy.ops.posegpt.export_rig(filepath=str(tmp_path / "x.fbx"))
    assert not (tmp_path / "x.npz").exists() and not (tmp_path / "x.fbx").exists()


def test_no_rig_outside_object_mode_fails_before_changing_anything(tmp_path) -> None:
    bpy.ops.wm.read_homefile(use_empty=True)
    other = bpy.data.objects.new("Other", bpy.data.armatures.new("Other"))
    bpy.context.scene.collection.objects.link(other)
    bpy.context.view_layer.objects.active = other
    bpy.ops.object.mode_set(mode="EDIT")
    path = tmp_path / "pose.json"
    path.write_text(json.dumps(random_pose(7).to_dict()))
    try:
        state = blender_env.scene_state(bpy)
        with pytest.raises(RuntimeError, match="Object Mode"):
            bpy.ops.posegpt.import_smpl(filepath=str(path))
        assert blender_env.scene_state(bpy) == state
    finally:
        bpy.ops.object.mode_set(mode="OBJECT")
