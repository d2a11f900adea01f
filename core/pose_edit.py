"""Edits of a pose in conversation ("raise the left arm", "mirror it"): which body parts a
request names, so a model can change those joints and keep the rest of the current pose."""
from __future__ import annotations

import re

import numpy as np

from .skeleton import JOINT_INDEX

_ARM = ("collar", "shoulder", "elbow", "wrist", "hand")
_LEG = ("hip", "knee", "ankle", "foot")
# Words that name a part -> the SMPL joints that move it ({side} filled with left/right).
_SIDED_PARTS: dict[str, tuple[str, ...]] = {
    **{w: _ARM for w in ("arm", "arms", "hand", "hands", "elbow", "elbows", "shoulder",
                         "shoulders", "wrist", "wrists", "forearm", "forearms", "fist", "fists",
                         "upper arm", "upper arms", "palm", "palms")},
    **{w: _LEG for w in ("leg", "legs", "knee", "knees", "foot", "feet", "ankle", "ankles",
                         "thigh", "thighs", "shin", "shins")},
}
_CENTRAL_PARTS: dict[str, tuple[str, ...]] = {
    **{w: ("spine1", "spine2", "spine3") for w in ("torso", "back", "spine", "chest", "lean",
                                                    "leans", "leaning", "waist")},
    **{w: ("neck", "head") for w in ("head", "neck", "look", "looks", "looking", "face")},
}
_MIRROR = re.compile(r"\b(mirror|flip|swap sides|other side|opposite side)\b", re.IGNORECASE)


def is_mirror_request(text: str) -> bool:
    """Whether the request asks for the current pose reflected left <-> right."""
    return bool(_MIRROR.search(text))


def named_joints(text: str) -> set[int]:
    """SMPL joint indices of the body parts the text names; "left arm" is the left arm only,
    "arms" or "both arms" both; an empty set when no part is named."""
    words = text.lower()
    joints: set[int] = set()
    for phrase, names in (_SIDED_PARTS | _CENTRAL_PARTS).items():
        for found in re.finditer(rf"\b(?:(left|right)\s+(?:upper\s+|lower\s+)?)?{phrase}\b", words):
            if phrase in _CENTRAL_PARTS:
                sides = ("",)
            elif found.group(1):
                sides = (found.group(1) + "_",)
            else:
                sides = ("left_", "right_")
            joints |= {JOINT_INDEX[f"{side}{name}"] for side in sides for name in names}
    return joints


def merge_parts(current: np.ndarray, generated: np.ndarray, joints: set[int]) -> np.ndarray:
    """(24, 3) current rotations with the given joints taken from generated."""
    out = np.array(current, dtype=np.float64, copy=True)
    idx = sorted(joints)
    out[idx] = np.asarray(generated, dtype=np.float64)[idx]
    return out
