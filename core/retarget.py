"""Retargeting math: an SMPL pose onto any humanoid rig by world-space rotation deltas.

Local rotations never cross rigs: their rest frames differ (A-pose vs T-pose, rolls, axes).
Instead both rigs share a reference pose, SMPL's zero pose (a T-pose). Each mapped target bone's
orientation in that reference is its rest orientation swung so the bone points along its SMPL
segment (for a rig whose rest already is SMPL's, the rest itself). A posed SMPL joint's world
rotation G (its delta from the reference) then gives the bone's world orientation
    W = F G F^-1 W_ref,
with F the body frame (SMPL's axes in the target's armature space). Local rotations follow
parent-first from the parent's posed matrix. Rotations are 3x3 matrices in armature space.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .pose import forward_kinematics
from .rotations import matrix_to_quaternion, quaternion_to_matrix, rotation_between
from .skeleton import JOINT_INDEX, JOINT_NAMES, NUM_JOINTS, PARENTS, mirror_joint, rest_positions

# Segment each joint's bone follows: its only child, the spine for the pelvis, the neck for
# the chest. Leaf joints (head, toes, hands) have none: their rest is their reference.
SEGMENT_CHILD: dict[int, int] = {
    j: (JOINT_INDEX["spine1"] if j == 0 else JOINT_INDEX["neck"] if j == JOINT_INDEX["spine3"]
        else [c for c, p in enumerate(PARENTS) if p == j][0])
    for j in range(NUM_JOINTS) if j in PARENTS
}
# A bone further than this from its SMPL segment is a control (Rigify's `torso` points
# backward), not a limb segment: it is not swung, its rest is its reference.
CONTROL_ANGLE_DEG = 75.0
_MIRROR_PERM = [mirror_joint(j) for j in range(NUM_JOINTS)]


def segment_directions() -> dict[int, np.ndarray]:
    """Unit direction of each non-leaf joint's segment in SMPL's zero pose (SMPL frame)."""
    pos = rest_positions()
    return {j: (pos[c] - pos[j]) / np.linalg.norm(pos[c] - pos[j])
            for j, c in SEGMENT_CHILD.items()}


def body_frame(object_rotation: np.ndarray, left_hint: np.ndarray | None) -> np.ndarray:
    """(3, 3) map from SMPL's frame into the target's armature space.

    The character stands on Blender's world Z; its left is the world horizontal axis (+-X or
    +-Y) nearest to left_hint (a right-to-left vector in armature space, e.g. between the hips),
    so a rig built facing any axis is read the right way round. object_rotation is the
    armature object's world rotation (scale removed).
    """
    rot = _orthonormal(object_rotation)
    left = np.array([1.0, 0.0, 0.0])
    if left_hint is not None and np.linalg.norm(left_hint) > 1e-9:
        hint = rot @ np.asarray(left_hint, dtype=np.float64)
        axes = np.array([[1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0]], dtype=np.float64)
        left = axes[int(np.argmax(axes @ hint))]
    up = np.array([0.0, 0.0, 1.0])
    world = np.stack([left, up, np.cross(left, up)], axis=-1)  # SMPL x, y, z -> world
    return rot.T @ world


@dataclass
class Alignment:
    """A rig's shared reference pose: per mapped joint the bone's reference rotation."""

    frame: np.ndarray                 # (3, 3) SMPL frame -> armature space
    reference: dict[int, np.ndarray]  # joint -> (3, 3) bone rotation in the reference pose
    leg_scale: float                  # target leg length / SMPL leg length


def align_rig(rest_rotations: dict[int, np.ndarray], frame: np.ndarray, align: str = "segments",
              leg_length: float | None = None) -> Alignment:
    """The reference pose of a rig from its mapped bones' rest rotations (armature space).

    align "segments" swings each bone (Y axis = head to tail) onto its SMPL segment, so
    A-pose arms and curved spines meet SMPL's T-pose; "rest" takes the rest as is.
    leg_length: the rig's hip-to-ankle length (armature units), for the translation scale.
    """
    if align not in ("segments", "rest"):
        raise ValueError(f"align must be 'segments' or 'rest', got {align!r}")
    frame = np.asarray(frame, dtype=np.float64)
    segments = segment_directions()
    limit = np.cos(np.radians(CONTROL_ANGLE_DEG))
    reference = {}
    for joint, rest in rest_rotations.items():
        rest = _orthonormal(rest)
        if align == "rest" or joint not in segments:
            reference[joint] = rest
            continue
        bone_dir, target = rest[:, 1], frame @ segments[joint]
        swing = rotation_between(bone_dir, target) if bone_dir @ target > limit else np.eye(3)
        reference[joint] = swing @ rest
    scale = 1.0 if not leg_length else float(leg_length) / smpl_leg_length()
    return Alignment(frame=frame, reference=reference, leg_scale=scale)


def smpl_leg_length() -> float:
    """Hip to knee to ankle of the project's rest skeleton (metres)."""
    pos = rest_positions()
    hip, knee, ankle = (pos[JOINT_INDEX[n]] for n in ("left_hip", "left_knee", "left_ankle"))
    return float(np.linalg.norm(knee - hip) + np.linalg.norm(ankle - knee))


def world_rotations(rotvecs: np.ndarray, alignment: Alignment) -> dict[int, np.ndarray]:
    """Each mapped joint's bone rotation (armature space) for a (24, 3) SMPL pose."""
    _, global_rots = forward_kinematics(np.asarray(rotvecs, dtype=np.float64))
    f = alignment.frame
    return {j: f @ global_rots[j] @ f.T @ ref for j, ref in alignment.reference.items()}


def root_translation(transl: np.ndarray, alignment: Alignment) -> np.ndarray:
    """SMPL translation (metres, SMPL frame) as an armature-space offset, scaled by leg length."""
    return alignment.frame @ np.asarray(transl, dtype=np.float64) * alignment.leg_scale


def local_rotation(world: np.ndarray, rest: np.ndarray, parent_rest: np.ndarray | None = None,
                   parent_pose: np.ndarray | None = None) -> np.ndarray:
    """The pose-bone (basis) rotation giving a bone the armature-space rotation `world`.

    Blender: pose = parent_pose @ parent_rest^-1 @ rest @ basis (rotation parts); a bone
    without a parent (or not inheriting rotation) has pose = rest @ basis.
    """
    frame = _orthonormal(rest)
    if parent_rest is not None and parent_pose is not None:
        frame = _orthonormal(parent_pose) @ _orthonormal(parent_rest).T @ frame
    return frame.T @ _orthonormal(world)


def local_offset(offset: np.ndarray, rest: np.ndarray, parent_rest: np.ndarray | None = None,
                 parent_pose: np.ndarray | None = None) -> np.ndarray:
    """The pose-bone location moving a bone's head by an armature-space offset."""
    frame = _orthonormal(rest)
    if parent_rest is not None and parent_pose is not None:
        frame = _orthonormal(parent_pose) @ _orthonormal(parent_rest).T @ frame
    return frame.T @ np.asarray(offset, dtype=np.float64)


def blend_rotations(current: np.ndarray, target: np.ndarray, factor: float) -> np.ndarray:
    """Spherical interpolation between two rotation matrices (factor 0: current, 1: target)."""
    if factor >= 1.0:
        return np.asarray(target, dtype=np.float64)
    if factor <= 0.0:
        return np.asarray(current, dtype=np.float64)
    q0, q1 = matrix_to_quaternion(_orthonormal(current)), matrix_to_quaternion(_orthonormal(target))
    dot = float(q0 @ q1)
    if dot < 0.0:  # take the short way round
        q1, dot = -q1, -dot
    if dot > 0.9995:
        q = q0 + factor * (q1 - q0)
    else:
        theta = np.arccos(dot)
        q = (np.sin((1 - factor) * theta) * q0 + np.sin(factor * theta) * q1) / np.sin(theta)
    return quaternion_to_matrix(q)


def mirror_rotations(rotvecs: np.ndarray) -> np.ndarray:
    """(..., 24, 3) poses reflected through the body's midplane (X -> -X), sides swapped."""
    rotvecs = np.asarray(rotvecs, dtype=np.float64)
    return rotvecs[..., _MIRROR_PERM, :] * np.array([1.0, -1.0, -1.0])


def joint_indices(names: set[str] | None) -> set[int]:
    """SMPL joint indices for names (all joints for None); unknown names raise ValueError."""
    if names is None:
        return set(range(NUM_JOINTS))
    unknown = sorted(set(names) - set(JOINT_NAMES))
    if unknown:
        raise ValueError(f"unknown SMPL joints {unknown}; joints are {list(JOINT_NAMES)}")
    return {JOINT_INDEX[n] for n in names}


def _orthonormal(m: np.ndarray) -> np.ndarray:
    """The rotation part of a (3, 3) or (4, 4) matrix that may carry scale."""
    m = np.asarray(m, dtype=np.float64)[:3, :3]
    u, _, vt = np.linalg.svd(m)
    r = u @ vt
    if np.linalg.det(r) < 0:
        r = u @ np.diag([1.0, 1.0, -1.0]) @ vt
    return r
