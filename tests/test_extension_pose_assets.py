"""Save as Pose Asset in headless Blender (the installed extension, real bpy; no worker needed):
on the SMPL rig and on a character posed by Apply to Character, with Blender 4.4+'s slotted
actions and 4.2 LTS's slot-less ones (this file runs on both, `make test-bpy42`)."""
from __future__ import annotations

import numpy as np
import pytest

import blender_env

bpy = blender_env.import_bpy()
ext = blender_env.extension_module

# Right arm up, left arm down, right knee bent, a turn of the pelvis: every side differs.
POSE = np.zeros((24, 3))
POSE[0] = (0.0, 0.4, 0.0)
POSE[16], POSE[17] = (0.0, 0.0, -1.2), (0.0, 0.0, -1.45)
POSE[5] = (0.9, 0.0, 0.0)


@pytest.fixture(scope="module", autouse=True)
def extension():
    blender_env.installed_extension()


@pytest.fixture()
def rig():
    bpy.ops.wm.read_homefile(use_empty=True)
    assert bpy.ops.posegpt.create_rig() == {"FINISHED"}
    return bpy.context.view_layer.objects.active


def pose_matrices(obj) -> np.ndarray:
    bpy.context.view_layer.update()
    return np.array([np.array(pb.matrix_basis) for pb in obj.pose.bones])


def to_rest(obj) -> None:
    for pb in obj.pose.bones:
        pb.matrix_basis.identity()
    bpy.context.view_layer.update()


def check_asset(action, name: str) -> np.ndarray:
    """action is a pose asset named name with a drawn preview; its preview's pixels."""
    assert action.name == name and action.asset_data is not None
    assert "PoseGPT" in [t.name for t in action.asset_data.tags]
    if hasattr(action, "slots"):  # 4.4+: one slot for an object
        assert len(action.slots) == 1 and action.slots[0].target_id_type == "OBJECT"
    else:
        assert action.id_root == "OBJECT"
    preview = action.preview
    assert preview is not None and tuple(preview.image_size) == (256, 256)
    pixels = np.array(preview.image_pixels_float).reshape(256, 256, 4)
    return pixels


def share(pixels: np.ndarray, colour) -> float:
    """The share of pixels of that colour (8-bit precision)."""
    return float(np.mean(np.all(np.abs(pixels[..., :3] - colour[:3]) < 0.01, axis=-1)))


def test_smpl_rig_pose_becomes_an_asset_named_after_the_request(rig) -> None:
    pose = ext("core.pose").SmplPose.from_rotations(POSE)
    ext("rig").apply_pose(rig, pose)
    ext("operators.props").add_turn(bpy.context, "right arm up, left arm down", "Here it is")
    posed = pose_matrices(rig)
    actions = len(bpy.data.actions)

    assert bpy.ops.posegpt.save_pose_asset() == {"FINISHED"}
    assert len(bpy.data.actions) == actions + 1
    action = bpy.data.actions["right arm up, left arm down"]
    pixels = check_asset(action, "right arm up, left arm down")
    assert action.asset_data.description == "Here it is"
    # The preview is a drawing of this pose (stored 8 bits a channel): both sides' colours on
    # a background, and the raised arm (the body's right: the viewer's left) in the top rows.
    thumb = ext("core.thumbnail")
    assert share(pixels, thumb.BACKGROUND) > 0.7
    assert share(pixels, thumb.LEFT) > 0.002 and share(pixels, thumb.RIGHT) > 0.002
    assert share(pixels[200:, :128], thumb.RIGHT) > 0
    assert share(pixels[200:, 128:], thumb.RIGHT) == 0

    to_rest(rig)
    rig.pose.apply_pose_from_action(action)  # what the pose library does with it
    np.testing.assert_allclose(pose_matrices(rig), posed, atol=1e-5)


def test_character_after_apply_to_character(rig) -> None:
    from test_retarget import build_mixamo_rig

    pose = ext("core.pose").SmplPose.from_rotations(POSE)
    ext("retarget.source").store_last_pose(bpy.context.scene, pose, "posed")
    character = build_mixamo_rig()
    bpy.ops.object.mode_set(mode="OBJECT")
    bpy.context.view_layer.objects.active = character
    assert bpy.ops.posegpt.retarget_apply(target_armature=character.name) == {"FINISHED"}
    posed = pose_matrices(character)

    assert bpy.ops.posegpt.save_pose_asset(name="Hero: arm up") == {"FINISHED"}
    action = bpy.data.actions["Hero: arm up"]
    check_asset(action, "Hero: arm up")
    to_rest(character)
    character.pose.apply_pose_from_action(action)
    np.testing.assert_allclose(pose_matrices(character), posed, atol=1e-5)


def test_nothing_to_save_is_said_and_changes_nothing(rig) -> None:
    state = blender_env.scene_state(bpy)
    with pytest.raises(RuntimeError, match="rest pose"):
        bpy.ops.posegpt.save_pose_asset()
    with pytest.raises(RuntimeError, match="No armature named"):
        bpy.ops.posegpt.save_pose_asset(armature="Nobody")
    assert blender_env.scene_state(bpy) == state
    bpy.ops.wm.read_homefile(use_empty=True)
    with pytest.raises(RuntimeError, match="Select an armature"):
        bpy.ops.posegpt.save_pose_asset()
    assert len(bpy.data.actions) == 0
