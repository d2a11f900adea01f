"""The rig on the user's own SMPL/SMPL-X model file: joints, mesh, skinning, shape keys."""
from __future__ import annotations

import numpy as np
import pytest

import blender_env
from core.pose import SmplPose
from core.skeleton import JOINT_NAMES
from smpl_files import expected_vertices, smpl_arrays, smplx_arrays, write

bpy = blender_env.import_bpy()


@pytest.fixture(scope="module", autouse=True)
def extension() -> None:
    blender_env.installed_extension()


@pytest.fixture()
def prefs():
    p = bpy.context.preferences.addons[blender_env.MODULE].preferences
    yield p
    p.smpl_model = ""


def test_rig_takes_the_model_joints_mesh_and_shape_keys(prefs, tmp_path) -> None:
    arrays = smpl_arrays()
    prefs.smpl_model = str(write(tmp_path / "SMPL_NEUTRAL.npz", arrays))
    bpy.ops.wm.read_homefile(use_empty=True)
    assert bpy.ops.posegpt.create_rig() == {"FINISHED"}
    rig = bpy.context.view_layer.objects.active
    joints = arrays["J_regressor"] @ arrays["v_template"]
    heads = np.array([rig.data.bones[n].head_local for n in JOINT_NAMES])
    np.testing.assert_allclose(heads, joints - joints[0], atol=1e-6)
    body = next(c for c in rig.children if c.type == "MESH")
    assert len(body.data.vertices) == len(arrays["v_template"])
    assert [k.name for k in body.data.shape_keys.key_blocks] == \
        ["Basis"] + [f"beta_{k}" for k in range(10)]

    rng = np.random.default_rng(3)
    pose = SmplPose.from_rotations(rng.normal(scale=0.5, size=(24, 3)))
    pose.betas = rng.normal(size=10)
    blender_env.extension_module("rig").apply_pose(rig, pose, translation=False)
    keys = body.data.shape_keys.key_blocks
    np.testing.assert_allclose([keys[f"beta_{k}"].value for k in range(10)], pose.betas,
                               atol=1e-6)
    depsgraph = bpy.context.evaluated_depsgraph_get()
    evaluated = body.evaluated_get(depsgraph).to_mesh()
    got = np.array([tuple(body.matrix_world @ v.co) for v in evaluated.vertices])
    body.evaluated_get(depsgraph).to_mesh_clear()
    to_world = np.array(rig.matrix_world)
    want = expected_vertices(arrays, pose) @ to_world[:3, :3].T + to_world[:3, 3]
    np.testing.assert_allclose(got, want, atol=1e-4)
    np.testing.assert_allclose(blender_env.extension_module("rig").read_pose(rig).betas,
                               pose.betas, atol=1e-6)


def test_smplx_file_builds_a_24_bone_rig(prefs, tmp_path) -> None:
    prefs.smpl_model = str(write(tmp_path / "SMPLX_NEUTRAL.npz", smplx_arrays()))
    bpy.ops.wm.read_homefile(use_empty=True)
    assert bpy.ops.posegpt.create_rig() == {"FINISHED"}
    rig = bpy.context.view_layer.objects.active
    assert len(rig.data.bones) == 24
    body = next(c for c in rig.children if c.type == "MESH")
    assert sorted(g.name for g in body.vertex_groups) == sorted(JOINT_NAMES)


def test_bad_model_file_is_reported_and_creates_nothing(prefs, tmp_path) -> None:
    (tmp_path / "broken.npz").write_bytes(b"not a zip")
    prefs.smpl_model = str(tmp_path / "broken.npz")
    bpy.ops.wm.read_homefile(use_empty=True)
    state = blender_env.scene_state(bpy)
    with pytest.raises(RuntimeError, match="cannot read.*SMPL Model File"):
        bpy.ops.posegpt.create_rig()
    assert blender_env.scene_state(bpy) == state


def test_the_worker_started_with_the_file_answers_the_rigs_joints(prefs, tmp_path) -> None:
    """Preferences > SMPL Model File reaches the worker the add-on starts: its answers carry
    that body's joints, the ones the rig built from the same file takes."""

    path = write(tmp_path / "SMPL_NEUTRAL.npz", smpl_arrays(scale=1.2))
    prefs.smpl_model = str(path)
    prefs.python, prefs.address, prefs.model, prefs.device = (
        blender_env.WORKER_PYTHON, "", "default", "cpu")
    bpy.context.preferences.system.use_online_access = True
    bpy.ops.wm.read_homefile(use_empty=True)
    assert bpy.ops.posegpt.create_rig() == {"FINISHED"}
    rig = bpy.context.view_layer.objects.active
    try:
        assert bpy.ops.posegpt.worker_start() == {"FINISHED"}
        worker = blender_env.extension_module("operators.session").worker()
        assert worker.state == "ready", worker.error
        client = worker.client(timeout=60)
        assert client.health()["body"] == "SMPL_NEUTRAL.npz"
        answer = client.pose("kneeling on the right knee, left hand on the hip")
    finally:
        bpy.ops.posegpt.worker_stop()
    pose = SmplPose.from_dict(answer)
    blender_env.extension_module("rig").apply_pose(rig, pose, translation=False)
    bpy.context.view_layer.update()
    world = np.array([tuple(rig.matrix_world @ rig.pose.bones[n].head) for n in JOINT_NAMES])
    to_world = np.array(rig.matrix_world)[:3, :3]
    in_smpl_frame = (world - world[0]) @ to_world  # inverse rotation, rows
    np.testing.assert_allclose(np.array(answer["joints"]), in_smpl_frame, atol=1e-4)
    # And they are not the project skeleton's: the file's body is 1.2 times as large.
    assert np.abs(np.array(answer["joints"]) - pose.joints()).max() > 0.05


def test_a_worker_refusing_the_model_file_says_why_and_changes_nothing(prefs, tmp_path) -> None:

    bad = tmp_path / "SMPL_NEUTRAL.npz"
    bad.write_bytes(b"not an npz")
    bpy.ops.wm.read_homefile(use_empty=True)
    assert bpy.ops.posegpt.create_rig() == {"FINISHED"}
    prefs.smpl_model = str(bad)  # set after the rig: the worker is the one to refuse it
    prefs.python, prefs.address, prefs.model, prefs.device = (
        blender_env.WORKER_PYTHON, "", "default", "cpu")
    bpy.context.preferences.system.use_online_access = True
    state = blender_env.scene_state(bpy)
    try:
        with pytest.raises(RuntimeError, match="--smpl-model.*SMPL_NEUTRAL.npz"):
            bpy.ops.posegpt.worker_start()
    finally:
        bpy.ops.posegpt.worker_stop()
    assert blender_env.scene_state(bpy) == state
