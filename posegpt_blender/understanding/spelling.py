"""Mending typos in the words a request's facts hang on ("rihgt", "sholder", "hisp", "kneee").

A word is mended only when the sentence encoder's vocabulary (about 22,000 whole English words,
shipped with the default model's reader) does not know it, and it is one edit (a letter added,
dropped or changed, or two neighbours swapped) from exactly one word below. Real words stay as
typed: "lift" never becomes "left", "lead" never "head", "had" never "hand". Without the
vocabulary nothing is mended.
"""
from __future__ import annotations

import functools
import json
import re

from ..models.text_pose import WeightsMissingError, backbone_dir

# Sides, body parts, directions and postures: the words the reading's patterns need.
_WORDS = frozenset("""left right hand hands arm arms hip hips knee knees shoulder shoulders elbow
elbows ankle ankles wrist wrists head foot feet leg legs finger fingers chest belly thigh thighs
forward backward backwards behind sideways kneel kneeling kneels squat squatting sitting standing
lying raise raised straight together front touching touch across above below overhead crossed
folded bent pointing stretch stretched stretching reaching""".split())


@functools.cache
def _known() -> frozenset[str]:
    try:
        vocab = json.loads((backbone_dir() / "tokenizer.json").read_text())["model"]["vocab"]
    except (WeightsMissingError, OSError, KeyError, ValueError):
        return frozenset()
    return frozenset(w for w in vocab if w.isalpha())


def _one_edit(a: str, b: str) -> bool:
    """Whether a and b (different) are one insertion, deletion, substitution or swap apart."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k in range(len(short)) if short[k] != long[k]), len(short))
    return short[i:] == long[i + 1:]


def _typing_slip(typed: str, meant: str) -> bool:
    """Two neighbours swapped or a letter doubled: the commonest slips, preferred when a
    word is one edit from several ("hisp": hips, not hip; "kneee": knee, not knees)."""
    if len(typed) == len(meant):
        return sorted(typed) == sorted(meant)
    return len(typed) == len(meant) + 1 and any(
        typed[i] == typed[i + 1] and typed[:i] + typed[i + 1:] == meant
        for i in range(len(typed) - 1))


def _mend(word: str) -> str:
    known = _known()
    if len(word) < 3 or word in _WORDS or not known or word in known:
        return word
    # a three-letter word is only mended by a letter it dropped ("kne"): too many real
    # words of three letters are one change from "arm" or "leg" ("deg")
    near = [w for w in _WORDS if _one_edit(word, w) and (len(word) > 3 or len(w) == 4)]
    if len(near) > 1:
        near = [w for w in near if _typing_slip(word, w)]
    return near[0] if len(near) == 1 else word


def mend_typos(text: str) -> str:
    """text with misspelt fact words mended (mended words come out in lower case)."""
    def mend(m: re.Match) -> str:
        word = m.group(0).lower()
        mended = _mend(word)
        return m.group(0) if mended == word else mended
    return re.sub(r"[A-Za-z]+", mend, text)
