"""Composite poses: one pose's legs, torso and head with other poses' arms, captioned anew.

Requests combine facts the data rarely shows together ("kneeling on the right knee, left hand
on the hip"). Joint rotations are local, so an arm moves with the torso it is put on; the
describer then says what the composite shows, so its captions are true of it.
"""
from __future__ import annotations

import numpy as np

from core.describe import caption_styles
from core.skeleton import JOINT_INDEX

LEFT_ARM = [JOINT_INDEX[f"left_{n}"] for n in ("collar", "shoulder", "elbow", "wrist", "hand")]
RIGHT_ARM = [JOINT_INDEX[f"right_{n}"] for n in ("collar", "shoulder", "elbow", "wrist", "hand")]
STYLES = ("terse", "short", "full")


def compose_poses(rotvecs: np.ndarray, count: int, rng: np.random.Generator
                  ) -> tuple[np.ndarray, list[list[str]]]:
    """count composites of (N, 24, 3) poses and their captions (one per style in STYLES)."""
    n = len(rotvecs)
    out = rotvecs[rng.integers(n, size=count)].copy()
    donors = rng.integers(n, size=(count, 2))
    same = rng.random(count) < 0.5  # half take both arms from one donor, half from two
    donors[same, 1] = donors[same, 0]
    out[:, LEFT_ARM] = rotvecs[donors[:, 0]][:, LEFT_ARM]
    out[:, RIGHT_ARM] = rotvecs[donors[:, 1]][:, RIGHT_ARM]
    captions = []
    for pose in out:
        styles = caption_styles(pose)
        captions.append(list(dict.fromkeys(styles[s] for s in STYLES)))
    return out, captions
