"""The SMPL body skeleton: joint names, kinematic tree and the project's own rest pose.

The rest offsets are the project's own anthropometric numbers for a 1.75 m adult (T-pose), not
SMPL's licensed template. Frame: SMPL's (+Y up, the body faces +Z, +X is the body's left),
metres, pelvis at the origin.
"""
from __future__ import annotations

import numpy as np

JOINT_NAMES: tuple[str, ...] = (
    "pelvis", "left_hip", "right_hip", "spine1", "left_knee", "right_knee", "spine2",
    "left_ankle", "right_ankle", "spine3", "left_foot", "right_foot", "neck", "left_collar",
    "right_collar", "head", "left_shoulder", "right_shoulder", "left_elbow", "right_elbow",
    "left_wrist", "right_wrist", "left_hand", "right_hand",
)
PARENTS: tuple[int, ...] = (
    -1, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 9, 12, 13, 14, 16, 17, 18, 19, 20, 21,
)
NUM_JOINTS = 24
# ChatPose's text-pose data filled joints 22-23 with finger joints: the body is joints 0-21.
NUM_BODY_JOINTS = 22
JOINT_INDEX: dict[str, int] = {name: i for i, name in enumerate(JOINT_NAMES)}

# Rest positions in metres (T-pose), pelvis at the origin. Left joints have +X.
_REST_POSITIONS = np.array([
    [0.000, 0.000, 0.000],     # pelvis
    [0.090, -0.080, 0.000],    # left_hip
    [-0.090, -0.080, 0.000],   # right_hip
    [0.000, 0.110, -0.015],    # spine1
    [0.100, -0.470, 0.005],    # left_knee
    [-0.100, -0.470, 0.005],   # right_knee
    [0.000, 0.240, 0.000],     # spine2
    [0.105, -0.880, -0.030],   # left_ankle
    [-0.105, -0.880, -0.030],  # right_ankle
    [0.000, 0.300, 0.010],     # spine3
    [0.115, -0.940, 0.100],    # left_foot
    [-0.115, -0.940, 0.100],   # right_foot
    [0.000, 0.510, -0.010],    # neck
    [0.075, 0.420, 0.000],     # left_collar
    [-0.075, 0.420, 0.000],    # right_collar
    [0.000, 0.600, 0.040],     # head
    [0.175, 0.450, -0.010],    # left_shoulder
    [-0.175, 0.450, -0.010],   # right_shoulder
    [0.435, 0.450, -0.025],    # left_elbow
    [-0.435, 0.450, -0.025],   # right_elbow
    [0.685, 0.450, -0.010],    # left_wrist
    [-0.685, 0.450, -0.010],   # right_wrist
    [0.770, 0.445, -0.010],    # left_hand
    [-0.770, 0.445, -0.010],   # right_hand
], dtype=np.float64)
_REST_POSITIONS.setflags(write=False)

# The lowest joint (feet) sits this far below the pelvis at rest; the mannequin's sole is lower.
PELVIS_HEIGHT = 0.99


def rest_positions() -> np.ndarray:
    """(24, 3) rest joint positions in SMPL's frame, metres, pelvis at the origin."""
    return _REST_POSITIONS.copy()


def rest_offsets() -> np.ndarray:
    """(24, 3) offset of each joint from its parent at rest (the pelvis's is zero)."""
    return parent_offsets(_REST_POSITIONS)


def parent_offsets(positions: np.ndarray) -> np.ndarray:
    """(24, 3) offset of each joint from its parent in (24, 3) rest positions (the pelvis's is
    zero): the skeleton forward kinematics walks, for any rig's rest pose."""
    positions = np.asarray(positions, dtype=np.float64)
    offsets = positions - positions[[max(p, 0) for p in PARENTS]]
    offsets[0] = 0.0
    return offsets


def depth_levels() -> list[tuple[list[int], list[int]]]:
    """The joints below the pelvis grouped by depth in the tree, for forward kinematics one
    level at a time: per level its joints and each one's parent as a position in the level
    above (the pelvis alone is level 0)."""
    depth = [0] * NUM_JOINTS
    for j in range(1, NUM_JOINTS):
        depth[j] = depth[PARENTS[j]] + 1
    levels = [[j for j in range(NUM_JOINTS) if depth[j] == d] for d in range(max(depth) + 1)]
    return [(joints, [levels[d - 1].index(PARENTS[j]) for j in joints])
            for d, joints in enumerate(levels) if d > 0]


def children(joint: int) -> list[int]:
    """Direct children of a joint."""
    return [j for j, p in enumerate(PARENTS) if p == joint]


def mirror_joint(joint: int) -> int:
    """The joint on the other side of the body (itself for the spine and head)."""
    name = JOINT_NAMES[joint]
    if name.startswith("left_"):
        return JOINT_INDEX["right_" + name[5:]]
    if name.startswith("right_"):
        return JOINT_INDEX["left_" + name[6:]]
    return joint
