"""The animator's workflows against the real default model on loopback (PyPI bpy, headless):
the shot list keyed in one conversation and variations picked from ghost rigs. What the model
answers is compared with the same requests sent straight to the same worker."""
from __future__ import annotations

import sys

import numpy as np
import pytest

import blender_env

bpy = blender_env.import_bpy()
pytestmark = pytest.mark.usefixtures("installed_addon")
ext = blender_env.extension_module
expect_failure = blender_env.expect_failure

SHOTS = """# frame: request
10: standing with arms crossed
20: crouching, looking left

30: now stand up and raise the right arm
40: kneeling on the left knee
50: jumping with both arms up
"""


@pytest.fixture()
def scene():
    bpy.ops.wm.read_homefile(use_empty=True)
    p = bpy.context.preferences.addons[blender_env.MODULE].preferences
    p.python, p.address, p.token, p.auto_start = sys.executable, "", "", False
    bpy.context.preferences.system.use_online_access = True
    bpy.ops.posegpt.create_rig()
    return bpy.context.scene


@pytest.fixture()
def worker(ready_worker, scene):
    """The add-on attached to the session's default-model worker."""
    p = bpy.context.preferences.addons[blender_env.MODULE].preferences
    p.address, p.token = ready_worker.url, ready_worker.token
    assert bpy.ops.posegpt.worker_start() == {"FINISHED"}
    yield ready_worker
    bpy.ops.posegpt.worker_stop()


def rotations_at(rig, frame: int) -> np.ndarray:
    bpy.context.scene.frame_set(frame)
    rot = ext("core.rotations").axis_angle_to_matrix
    return rot(ext("rig").read_pose(rig).rotations())


def test_bad_shot_lists_are_said_and_change_nothing(scene) -> None:
    expect_failure("shot list is empty", bpy.ops.posegpt.key_shot_list)
    expect_failure("No text block", bpy.ops.posegpt.key_shot_list, text="Missing")
    for text, words in (("12 crouching", "Line 1 .*FRAME: request"),
                        ("1: a\n# note\n1: b", "row 2: frame 1 is keyed by an earlier row"),
                        ("5:   ", "row 1 .*has no request"),
                        ("2000000: a", "outside 0..1048574")):
        bpy.data.texts.new("Bad").write(text)
        expect_failure(words, bpy.ops.posegpt.key_shot_list, text="Bad")
        expect_failure(words, bpy.ops.posegpt.shots_from_text, text="Bad")
        bpy.data.texts.remove(bpy.data.texts["Bad"])
    scene.posegpt.prompt = "a squat"
    assert bpy.ops.posegpt.shot_add() == {"FINISHED"}  # at the current frame, the panel's prompt
    assert [(r.frame, r.prompt) for r in scene.posegpt_workflow.shots] == [(1, "a squat")]
    expect_failure("No armature named", bpy.ops.posegpt.key_shot_list, character="Nobody")
    expect_failure("not running.*Start", bpy.ops.posegpt.key_shot_list)


def test_shot_list_keys_each_answer_at_its_frame_on_rig_and_character(worker, scene) -> None:
    from test_retarget import build_mixamo_rig

    parse = ext("operators.shot_list").parse_shot_text
    shots = parse(SHOTS)
    assert [(s.frame, s.prompt) for s in shots][2] == (30, "now stand up and raise the right arm")
    # The answers the worker gives in one conversation, row by row.
    client, history, expected = worker.client(), [], []
    for shot in shots:
        answer = client.pose(text=shot.prompt, history=history)
        expected.append(ext("core.client").poses_from_response(answer)[0])
        history += [{"role": "user", "text": shot.prompt},
                    {"role": "assistant", "text": answer["text"]}]

    rig = bpy.context.view_layer.objects.active
    character = build_mixamo_rig()
    bpy.ops.object.mode_set(mode="OBJECT")
    bpy.context.view_layer.objects.active = rig
    bpy.data.texts.new("Shots").write(SHOTS)
    assert bpy.ops.posegpt.shots_from_text(text="Shots") == {"FINISHED"}
    assert [(r.frame, r.prompt) for r in scene.posegpt_workflow.shots] == \
        [(s.frame, s.prompt) for s in shots]
    scene.posegpt_workflow.character = character
    scene.frame_set(3)
    assert bpy.ops.posegpt.key_shot_list() == {"FINISHED"}  # the panel's rows

    assert scene.frame_current == 3
    frames = [10, 20, 30, 40, 50]
    for obj in (rig, character):
        keyed = {k.co[0] for fc in blender_env.keyed_fcurves(obj) for k in fc.keyframe_points}
        assert keyed == set(map(float, frames)), obj.name
    rot = ext("core.rotations").axis_angle_to_matrix
    for frame, pose in zip(frames, expected):
        np.testing.assert_allclose(rotations_at(rig, frame), rot(pose.rotations()), atol=1e-5)
    # The poses differ from row to row, and the character follows them.
    assert np.abs(rotations_at(rig, 20) - rotations_at(rig, 30)).max() > 0.1
    scene.frame_set(20)
    crouch = [np.array(pb.matrix_basis) for pb in character.pose.bones]
    scene.frame_set(30)
    assert max(np.abs(a - np.array(pb.matrix_basis)).max()
               for a, pb in zip(crouch, character.pose.bones)) > 0.1
    assert [(t.prompt, t.answer) for t in scene.posegpt.turns] == \
        [(m["text"], a["text"]) for m, a in zip(history[::2], history[1::2])]


def test_cancel_mid_list_asks_no_more_and_changes_nothing(worker, scene) -> None:
    # Esc sets the progress's stop flag (the modal operator); headless there is no event loop,
    # so the operator's request thread is driven directly and stopped after two answers.
    shot_list = ext("operators.shot_list")

    class StopAfterTwo(shot_list.ShotProgress):
        def answered(self) -> None:
            super().answered()
            self.stop = self.done == 2

    state = blender_env.scene_state(bpy)
    progress = StopAfterTwo(5)
    client = worker.client()
    job = ext("operators.requests").RequestJob(
        lambda: shot_list.ask_shots(client, shot_list.parse_shot_text(SHOTS), [], progress))
    job.start()
    assert job.done.wait(120)
    with pytest.raises(ext("operators.session").UserError, match="cancelled"):
        job.outcome()
    assert progress.done == 2 and progress.fraction() == pytest.approx(0.4)
    assert blender_env.scene_state(bpy) == state


VARIED = "kneel on the left knee, right hand on the head"
VARIED_FACTS = ("ground left_knee", "touch right_hand head_top")


def failed_facts(pose) -> list[str]:
    from posegpt_blender.evaluation.judge import Check, judge
    return judge(pose.rotations(), tuple(Check.parse(c) for c in VARIED_FACTS)).failed


def test_count_4_shows_4_ghosts_and_picking_one_poses_the_rig(worker, scene) -> None:
    variations = ext("operators.variations")
    rot = ext("core.rotations").axis_angle_to_matrix
    expect_failure("no variations to pick", bpy.ops.posegpt.pick_variation, index=0)
    expected = ext("core.client").poses_from_response(
        worker.client().pose(text=VARIED, count=4), "variations")
    rig = bpy.context.view_layer.objects.active
    rest = rotations_at(rig, 1)
    objects, meshes = len(bpy.data.objects), len(bpy.data.meshes)

    assert bpy.ops.posegpt.pose_from_text(prompt=VARIED, count=4,
                                          variations="GHOSTS") == {"FINISHED"}
    found = variations.ghosts(scene)
    assert [g.name for g in found] == [f"Variation {i}" for i in range(1, 5)]
    assert bpy.context.view_layer.objects.active == rig and ext("rig").find_rig(bpy.context) == rig
    np.testing.assert_allclose(rotations_at(rig, 1), rest)  # the rig waits for the pick
    poses = [ext("rig").read_pose(g) for g in found]
    xs = [rig.location.x] + [g.location.x for g in found]
    assert xs == sorted(xs) and len({round(x, 3) for x in xs}) == 5  # side by side
    joints = [p.joints() for p in poses]
    for i, pose in enumerate(poses):
        np.testing.assert_allclose(rot(pose.rotations()), rot(expected[i].rotations()),
                                   atol=1e-5)
        assert failed_facts(pose) == []
        assert len(found[i].children) == 1  # a body beside each
        for k in range(i):
            assert np.linalg.norm(joints[i] - joints[k], axis=-1).mean() > 0.02
    expect_failure("pick 1 to 4", bpy.ops.posegpt.pick_variation, index=7)

    assert bpy.ops.posegpt.pick_variation(index=2) == {"FINISHED"}
    assert variations.ghosts(scene) == []
    assert not [o for o in bpy.data.objects if o.get(variations.GHOST_PROP) is not None]
    assert (len(bpy.data.objects), len(bpy.data.meshes)) == (objects, meshes)
    assert [o for o in scene.objects if o.type == "ARMATURE"] == [rig]
    np.testing.assert_allclose(rotations_at(rig, 1), rot(expected[2].rotations()), atol=1e-5)
    last = ext("retarget.source").last_pose(scene)  # what Apply to Character applies
    np.testing.assert_allclose(rot(last.rotations()), rot(expected[2].rotations()), atol=1e-5)

    # Discard (Esc in the view) removes them all and leaves the rig as it was.
    assert bpy.ops.posegpt.pose_from_text(prompt=VARIED, count=3) == {"FINISHED"}  # panel: Pick
    assert len(variations.ghosts(scene)) == 3
    assert bpy.ops.posegpt.discard_variations() == {"FINISHED"}
    assert variations.ghosts(scene) == [] and len(bpy.data.objects) == objects
    np.testing.assert_allclose(rotations_at(rig, 1), rot(expected[2].rotations()), atol=1e-5)


def test_count_as_pose_assets_saves_each_and_leaves_the_rig(worker, scene) -> None:
    expected = ext("core.client").poses_from_response(
        worker.client().pose(text=VARIED, count=3), "variations")
    rig = bpy.context.view_layer.objects.active
    rest = rotations_at(rig, 1)
    objects = len(bpy.data.objects)
    assert bpy.ops.posegpt.pose_from_text(prompt=VARIED, count=3,
                                          variations="ASSETS") == {"FINISHED"}
    assert len(bpy.data.objects) == objects
    np.testing.assert_allclose(rotations_at(rig, 1), rest)
    actions = [bpy.data.actions[f"{VARIED} {i}"] for i in (1, 2, 3)]
    assert all(a.asset_data is not None and a.preview is not None for a in actions)
    assert all(a.slots[0].name_display == rig.name for a in actions if hasattr(a, "slots"))
    rot = ext("core.rotations").axis_angle_to_matrix
    for action, pose in zip(actions, expected):
        rig.pose.apply_pose_from_action(action)
        np.testing.assert_allclose(rotations_at(rig, 1), rot(pose.rotations()), atol=1e-5)
