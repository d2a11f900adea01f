"""Rotation conversions in numpy, batched over leading axes.

Conventions: axis-angle is a rotation vector (axis * angle, radians); quaternions are
(w, x, y, z) as Blender stores them; the 6D representation is the first two columns of the
rotation matrix (Zhou et al. 2019), flattened as (c0x, c0y, c0z, c1x, c1y, c1z).
"""
from __future__ import annotations

import numpy as np

_EPS = 1e-8


def axis_angle_to_matrix(aa: np.ndarray) -> np.ndarray:
    """(..., 3) rotation vectors -> (..., 3, 3) matrices (Rodrigues)."""
    aa = np.asarray(aa, dtype=np.float64)
    angle = np.linalg.norm(aa, axis=-1, keepdims=True)
    axis = aa / np.maximum(angle, _EPS)
    x, y, z = axis[..., 0], axis[..., 1], axis[..., 2]
    c = np.cos(angle[..., 0])
    s = np.sin(angle[..., 0])
    t = 1.0 - c
    m = np.empty(aa.shape[:-1] + (3, 3))
    m[..., 0, 0] = c + x * x * t
    m[..., 0, 1] = x * y * t - z * s
    m[..., 0, 2] = x * z * t + y * s
    m[..., 1, 0] = y * x * t + z * s
    m[..., 1, 1] = c + y * y * t
    m[..., 1, 2] = y * z * t - x * s
    m[..., 2, 0] = z * x * t - y * s
    m[..., 2, 1] = z * y * t + x * s
    m[..., 2, 2] = c + z * z * t
    return m


def matrix_to_quaternion(m: np.ndarray) -> np.ndarray:
    """(..., 3, 3) rotation matrices -> (..., 4) unit quaternions (w, x, y, z), w >= 0."""
    m = np.asarray(m, dtype=np.float64)
    m00, m11, m22 = m[..., 0, 0], m[..., 1, 1], m[..., 2, 2]
    # Pick, per matrix, the largest of the four squared components for a stable square root.
    squares = np.stack([
        1.0 + m00 + m11 + m22,
        1.0 + m00 - m11 - m22,
        1.0 - m00 + m11 - m22,
        1.0 - m00 - m11 + m22,
    ], axis=-1)
    best = np.argmax(squares, axis=-1)
    root = np.sqrt(np.maximum(np.take_along_axis(squares, best[..., None], -1)[..., 0], _EPS))
    half = 0.5 / root
    candidates = np.stack([
        np.stack([0.5 * root, (m[..., 2, 1] - m[..., 1, 2]) * half,
                  (m[..., 0, 2] - m[..., 2, 0]) * half, (m[..., 1, 0] - m[..., 0, 1]) * half], -1),
        np.stack([(m[..., 2, 1] - m[..., 1, 2]) * half, 0.5 * root,
                  (m[..., 0, 1] + m[..., 1, 0]) * half, (m[..., 0, 2] + m[..., 2, 0]) * half], -1),
        np.stack([(m[..., 0, 2] - m[..., 2, 0]) * half, (m[..., 0, 1] + m[..., 1, 0]) * half,
                  0.5 * root, (m[..., 1, 2] + m[..., 2, 1]) * half], -1),
        np.stack([(m[..., 1, 0] - m[..., 0, 1]) * half, (m[..., 0, 2] + m[..., 2, 0]) * half,
                  (m[..., 1, 2] + m[..., 2, 1]) * half, 0.5 * root], -1),
    ], axis=-2)
    q = np.take_along_axis(candidates, best[..., None, None], -2)[..., 0, :]
    q = q / np.linalg.norm(q, axis=-1, keepdims=True)
    return np.where(q[..., :1] < 0, -q, q)


def quaternion_to_matrix(q: np.ndarray) -> np.ndarray:
    """(..., 4) quaternions (w, x, y, z), normalised here -> (..., 3, 3) matrices."""
    q = np.asarray(q, dtype=np.float64)
    q = q / np.maximum(np.linalg.norm(q, axis=-1, keepdims=True), _EPS)
    w, x, y, z = q[..., 0], q[..., 1], q[..., 2], q[..., 3]
    m = np.empty(q.shape[:-1] + (3, 3))
    m[..., 0, 0] = 1 - 2 * (y * y + z * z)
    m[..., 0, 1] = 2 * (x * y - z * w)
    m[..., 0, 2] = 2 * (x * z + y * w)
    m[..., 1, 0] = 2 * (x * y + z * w)
    m[..., 1, 1] = 1 - 2 * (x * x + z * z)
    m[..., 1, 2] = 2 * (y * z - x * w)
    m[..., 2, 0] = 2 * (x * z - y * w)
    m[..., 2, 1] = 2 * (y * z + x * w)
    m[..., 2, 2] = 1 - 2 * (x * x + y * y)
    return m


def axis_angle_to_quaternion(aa: np.ndarray) -> np.ndarray:
    """(..., 3) rotation vectors -> (..., 4) quaternions (w, x, y, z)."""
    aa = np.asarray(aa, dtype=np.float64)
    angle = np.linalg.norm(aa, axis=-1, keepdims=True)
    axis = aa / np.maximum(angle, _EPS)
    return np.concatenate([np.cos(angle / 2), axis * np.sin(angle / 2)], axis=-1)


def quaternion_to_axis_angle(q: np.ndarray) -> np.ndarray:
    """(..., 4) quaternions (w, x, y, z) -> (..., 3) rotation vectors with angle in [0, pi]."""
    q = np.asarray(q, dtype=np.float64)
    q = q / np.maximum(np.linalg.norm(q, axis=-1, keepdims=True), _EPS)
    q = np.where(q[..., :1] < 0, -q, q)
    vec = q[..., 1:]
    sin_half = np.linalg.norm(vec, axis=-1, keepdims=True)
    angle = 2.0 * np.arctan2(sin_half, q[..., :1])
    return vec / np.maximum(sin_half, _EPS) * angle


def matrix_to_axis_angle(m: np.ndarray) -> np.ndarray:
    """(..., 3, 3) rotation matrices -> (..., 3) rotation vectors."""
    return quaternion_to_axis_angle(matrix_to_quaternion(m))


def sixd_to_matrix(d6: np.ndarray) -> np.ndarray:
    """(..., 6) two matrix columns -> (..., 3, 3) rotation matrices by Gram-Schmidt."""
    d6 = np.asarray(d6, dtype=np.float64)
    a1, a2 = d6[..., :3], d6[..., 3:]
    b1 = a1 / np.maximum(np.linalg.norm(a1, axis=-1, keepdims=True), _EPS)
    b2 = a2 - np.sum(b1 * a2, axis=-1, keepdims=True) * b1
    b2 = b2 / np.maximum(np.linalg.norm(b2, axis=-1, keepdims=True), _EPS)
    b3 = np.cross(b1, b2)
    return np.stack([b1, b2, b3], axis=-1)


def matrix_to_sixd(m: np.ndarray) -> np.ndarray:
    """(..., 3, 3) rotation matrices -> (..., 6) first two columns."""
    m = np.asarray(m, dtype=np.float64)
    return np.concatenate([m[..., :, 0], m[..., :, 1]], axis=-1)


def rotation_between(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The smallest rotation matrix taking direction a onto direction b (both (3,))."""
    a = np.asarray(a, dtype=np.float64) / max(np.linalg.norm(a), _EPS)
    b = np.asarray(b, dtype=np.float64) / max(np.linalg.norm(b), _EPS)
    axis = np.cross(a, b)
    s = np.linalg.norm(axis)
    c = float(np.clip(np.dot(a, b), -1.0, 1.0))
    if s < 1e-9:
        if c > 0:
            return np.eye(3)
        # Opposite directions: turn pi about any axis perpendicular to a.
        helper = np.array([1.0, 0.0, 0.0]) if abs(a[0]) < 0.9 else np.array([0.0, 1.0, 0.0])
        perp = np.cross(a, helper)
        return axis_angle_to_matrix(perp / np.linalg.norm(perp) * np.pi)
    return axis_angle_to_matrix(axis / s * np.arctan2(s, c))
