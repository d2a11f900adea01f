"""Analytic IK: forward kinematics of the solved rotations reproduces the targets' bones."""
import numpy as np
import pytest

from core.ik import heading, remove_heading, solve_rotations
from core.pose import forward_kinematics
from core.rotations import axis_angle_to_matrix, matrix_to_axis_angle
from core.skeleton import JOINT_INDEX as J
from core.skeleton import PARENTS, rest_offsets


def _plausible_poses(n: int, seed: int = 0) -> np.ndarray:
    """Random poses: moderate rotations everywhere, knees and elbows as hinges."""
    rng = np.random.default_rng(seed)
    rv = rng.normal(0.0, 0.35, (n, 24, 3))
    rv[:, 0] = rng.normal(0.0, 1.0, (n, 3))
    for knee in (J["left_knee"], J["right_knee"]):
        rv[:, knee] = 0.0
        rv[:, knee, 0] = rng.uniform(0.0, 2.4, n)
    rv[:, J["left_elbow"]] = 0.0
    rv[:, J["left_elbow"], 1] = -rng.uniform(0.0, 2.4, n)
    rv[:, J["right_elbow"]] = 0.0
    rv[:, J["right_elbow"], 1] = rng.uniform(0.0, 2.4, n)
    return rv


def _bone_errors_deg(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(N, 23) angles between the bones (parent -> child) of two joint sets."""
    child = np.arange(1, 24)
    parent = np.array(PARENTS[1:])
    u, v = a[:, child] - a[:, parent], b[:, child] - b[:, parent]
    cos = np.sum(u * v, -1) / (np.linalg.norm(u, axis=-1) * np.linalg.norm(v, axis=-1))
    return np.degrees(np.arccos(np.clip(cos, -1.0, 1.0)))


def test_solved_rotations_reproduce_every_bone_direction():
    joints = forward_kinematics(_plausible_poses(500))[0]
    solved = solve_rotations(joints)
    again = forward_kinematics(solved)[0]
    assert solved.shape == (500, 24, 3)
    assert _bone_errors_deg(joints, again).max() < 1.0
    np.testing.assert_allclose(again, joints, atol=1e-6)


def test_hinge_joints_come_back_as_hinges():
    poses = _plausible_poses(300, seed=1)
    solved = solve_rotations(forward_kinematics(poses)[0])
    bent = poses[:, J["left_knee"], 0] > 0.5  # plane well defined
    # The knee is recovered about its own axis, within the small tilt of the rest shin.
    assert np.abs(solved[bent, J["left_knee"]] - poses[bent, J["left_knee"]]).max() < 0.05
    bent = poses[:, J["right_elbow"], 1] > 0.5
    np.testing.assert_allclose(solved[bent, J["right_elbow"]], poses[bent, J["right_elbow"]],
                               atol=1e-6)


def test_unknown_joints_stay_at_rest_relative_to_parent():
    joints = forward_kinematics(_plausible_poses(50, seed=2))[0]
    joints[:, J["left_wrist"]] = np.nan
    joints[:, J["right_knee"]] = np.nan
    solved = solve_rotations(joints)
    assert np.all(np.isfinite(solved))
    np.testing.assert_allclose(solved[:, J["left_elbow"]], 0.0, atol=1e-12)
    np.testing.assert_allclose(solved[:, J["right_hip"]], 0.0, atol=1e-12)
    # Bones whose two ends are known still match.
    again = forward_kinematics(solved)[0]
    errors = _bone_errors_deg(joints, again)
    for joint in ("left_elbow", "left_knee", "spine3", "right_shoulder"):
        assert np.nanmax(errors[:, J[joint] - 1]) < 1.0


def test_custom_offsets_are_honoured():
    offsets = rest_offsets() * 1.3
    poses = _plausible_poses(50, seed=3)
    joints = forward_kinematics(poses, offsets)[0]
    again = forward_kinematics(solve_rotations(joints, offsets), offsets)[0]
    np.testing.assert_allclose(again, joints, atol=1e-6)


def test_bad_shapes_are_refused():
    with pytest.raises(ValueError, match="targets"):
        solve_rotations(np.zeros((22, 3)))
    with pytest.raises(ValueError, match="offsets"):
        solve_rotations(np.zeros((24, 3)), offsets=np.zeros((23, 3)))


def test_remove_heading_turns_the_body_to_face_plus_z_and_keeps_tilt():
    rng = np.random.default_rng(4)
    poses = _plausible_poses(20, seed=4)
    tilt = np.zeros(3)
    tilt[0] = -np.pi / 2  # lying on the back
    poses[0, 0] = tilt
    for yaw in rng.uniform(-3.0, 3.0, 3):
        turned = poses.copy()
        turn = axis_angle_to_matrix(np.array([0.0, yaw, 0.0]))
        turned[:, 0] = matrix_to_axis_angle(turn @ axis_angle_to_matrix(poses[:, 0]))
        change = heading(turned[:, 0]) - heading(poses[:, 0])
        np.testing.assert_allclose(np.angle(np.exp(1j * (change - yaw))), 0.0, atol=1e-9)
        a = forward_kinematics(remove_heading(turned))[0]
        b = forward_kinematics(remove_heading(poses))[0]
        np.testing.assert_allclose(a, b, atol=1e-9)
    flat = forward_kinematics(remove_heading(poses[:1]))[0][0]
    # Still lying: the neck is level with the pelvis, the head toward -Z.
    assert abs(flat[J["neck"], 1]) < 0.05 and flat[J["neck"], 2] < -0.4


def test_forward_kinematics_by_tree_depth_matches_chaining_each_joint() -> None:
    """numpy and torch FK, batched one tree depth at a time, against a joint-by-joint walk."""
    import torch

    from posegpt_blender.body.kinematics import Skeleton
    from posegpt_blender.body.kinematics import axis_angle_to_matrix as torch_matrix

    rv = _plausible_poses(4, seed=3)
    local, offsets = axis_angle_to_matrix(rv), rest_offsets()
    rot, pos = [local[:, 0]], [np.zeros((4, 3))]
    for j in range(1, 24):
        pos.append(pos[PARENTS[j]] + rot[PARENTS[j]] @ offsets[j])
        rot.append(rot[PARENTS[j]] @ local[:, j])
    joints, world = forward_kinematics(rv)
    np.testing.assert_allclose(joints, np.stack(pos, 1), atol=1e-12)
    np.testing.assert_allclose(world, np.stack(rot, 1), atol=1e-12)
    t_joints, t_world = Skeleton().world(torch_matrix(torch.tensor(rv, dtype=torch.float64)))
    np.testing.assert_allclose(t_joints.numpy(), joints, atol=1e-6)
    np.testing.assert_allclose(t_world.numpy(), world, atol=1e-6)
