"""The evaluation's judge: hand-written geometric checks on an answer's joints
(docs/EVALUATION.md), and the request sets they come with.

The judge never reads a pose back into words: each request's checks were written by a person
beside the request. A failed check naming a side that holds with the sides swapped is a side
swap; one naming a direction that holds reversed is a direction flip.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Callable
from pathlib import Path

import numpy as np

from core.body_points import POINT_NAMES, BodyView
from ..data.figure import mirror_text

REQUESTS_DIR = Path(__file__).resolve().parents[1] / "data" / "requests"
CATEGORIES = ("explicit", "directions", "postures", "activities", "everyday")
SPLITS = ("dev", "test")

# check word -> (number of point/word arguments, default threshold)
_ARITY: dict[str, tuple[int, float | None]] = {
    "touch": (2, 0.15), "near": (2, None), "far": (2, None),
    "above": (2, 0.05), "below": (2, 0.05), "front": (2, 0.05), "behind": (2, 0.05),
    "leftof": (2, 0.05), "rightof": (2, 0.05), "ground": (1, 0.12), "lifted": (1, 0.15),
    "bent": (1, 130.0), "straight": (1, 150.0), "upright": (0, 30.0), "horizontal": (0, 35.0),
    "inverted": (0, None), "lean": (1, 15.0), "facing": (1, 45.0), "down": (1, 45.0),
    "head": (2, None), "crossed": (1, None),
}
_HEAD_DEFAULTS = {"turned": 25.0, "up": 15.0, "down": 15.0, "tilted": 15.0}
_SIDE_SWAP = {"left": "right", "right": "left", "leftof": "rightof", "rightof": "leftof"}
_DIRECTION_SWAP = {"above": "below", "below": "above", "front": "behind", "behind": "front",
                   "forward": "back", "back": "forward", "up": "down", "down": "up"}


class CheckSyntaxError(ValueError):
    """A check that does not follow docs/EVALUATION.md."""


@dataclass(frozen=True)
class Check:
    """One parsed check: its word, arguments and threshold."""

    word: str
    args: tuple[str, ...]
    value: float | None

    @classmethod
    def parse(cls, text: str) -> "Check":
        tokens = text.split()
        if not tokens or tokens[0] not in _ARITY:
            raise CheckSyntaxError(f"{text!r}: unknown check; known: {', '.join(_ARITY)}")
        word, rest = tokens[0], tokens[1:]
        arity, default = _ARITY[word]
        if word == "head" and rest[:1] in (["up"], ["down"]):
            arity = 1
        args, extra = tuple(rest[:arity]), rest[arity:]
        if len(args) < arity or len(extra) > 1:
            raise CheckSyntaxError(f"{text!r}: {word} takes {arity} argument(s) and an "
                                   "optional number")
        try:
            value = float(extra[0]) if extra else default
        except ValueError:
            raise CheckSyntaxError(f"{text!r}: {extra[0]!r} is not a number") from None
        if word == "head":
            value = value if extra else _HEAD_DEFAULTS.get(args[0])
        if value is None and word not in ("inverted", "crossed"):
            raise CheckSyntaxError(f"{text!r}: {word} needs a number")
        check = cls(word, args, value)
        check._validate(text)
        return check

    def _validate(self, text: str) -> None:
        allowed = {
            "lean": {"forward", "back", "left", "right"},
            "facing": {"front", "back", "left", "right"},
            "down": {"front", "back", "left", "right"},
            "crossed": {"arms", "legs"},
        }
        if self.word in allowed:
            if self.args[0] not in allowed[self.word]:
                raise CheckSyntaxError(f"{text!r}: {self.word} takes one of "
                                       f"{sorted(allowed[self.word])}")
        elif self.word == "head":
            if not (self.args in (("up",), ("down",)) or (
                    len(self.args) == 2 and self.args[0] in ("turned", "tilted")
                    and self.args[1] in ("left", "right"))):
                raise CheckSyntaxError(f"{text!r}: head turned|tilted left|right, head up|down")
        elif self.word in ("bent", "straight"):
            if not re.fullmatch(r"(left|right)_(elbow|knee|hip)", self.args[0]):
                raise CheckSyntaxError(f"{text!r}: {self.word} takes an elbow, knee or hip")
        else:
            for name in self.args:
                if name not in POINT_NAMES:
                    raise CheckSyntaxError(f"{text!r}: unknown point {name!r}")

    def text(self) -> str:
        return " ".join((self.word, *self.args) + (() if self.value is None
                                                    else (f"{self.value:g}",)))

    def holds(self, body: BodyView) -> bool:
        w, a, v = self.word, self.args, self.value
        if w in ("touch", "near"):
            return bool(np.linalg.norm(body.point(a[0]) - body.point(a[1])) < v)
        if w == "far":
            return bool(np.linalg.norm(body.point(a[0]) - body.point(a[1])) > v)
        if w in ("above", "below"):
            dy = body.point(a[0])[1] - body.point(a[1])[1]
            return bool(dy > v if w == "above" else -dy > v)
        if w in ("front", "behind", "leftof", "rightof"):
            rel = body.frames[0].T @ (body.point(a[0]) - body.point(a[1]))
            along = {"front": rel[2], "behind": -rel[2], "leftof": rel[0], "rightof": -rel[0]}
            return bool(along[w] > v)
        if w == "ground":
            return body.height(a[0]) < v
        if w == "lifted":
            return body.height(a[0]) > v
        if w == "bent":
            return body.inner_angle(a[0]) < v
        if w == "straight":
            return body.inner_angle(a[0]) > v
        if w == "upright":
            return body.tilt_deg() < v
        if w == "horizontal":
            return abs(body.tilt_deg() - 90.0) < v
        if w == "inverted":
            pelvis = body.point("pelvis")[1]
            return bool(body.point("head")[1] < pelvis
                        and min(body.point("left_ankle")[1], body.point("right_ankle")[1])
                        > pelvis)
        if w == "lean":
            forward, left = body.lean_deg()
            return {"forward": forward, "back": -forward, "left": left,
                    "right": -left}[a[0]] > v
        if w == "facing":
            target = {"front": 0.0, "left": 90.0, "back": 180.0, "right": -90.0}[a[0]]
            diff = (body.heading_deg() - target + 180.0) % 360.0 - 180.0
            return abs(diff) < v
        if w == "down":
            return body.facing_down()[a[0]] > np.cos(np.radians(v))
        if w == "head":
            turn, up, tilt = body.head_angles()
            if a[0] in ("up", "down"):
                return (up if a[0] == "up" else -up) > v
            sign = -1.0 if a[1] == "right" else 1.0
            return sign * (turn if a[0] == "turned" else tilt) > v
        if w == "crossed":
            lat = lambda name: body.body_coords(name)[0]  # noqa: E731 (the body's left axis)
            if a[0] == "arms":
                return bool(lat("left_wrist") < -0.02 and lat("right_wrist") > 0.02)
            return bool(lat("left_ankle") < lat("right_ankle") - 0.02)
        raise AssertionError(w)

    def swapped(self, table: dict[str, str]) -> "Check | None":
        """The check with words/sides exchanged by table (None when nothing changes)."""
        if self.word in ("facing", "down") and table is _DIRECTION_SWAP:
            table = {"front": "back", "back": "front"}  # which way the body faces

        def swap(token: str) -> str:
            if token not in POINT_NAMES:
                return table.get(token, token)
            side = token.split("_", 1)[0]  # a point changes only its side
            return _SIDE_SWAP[side] + token[len(side):] if table is _SIDE_SWAP and \
                side in ("left", "right") else token

        out = Check(swap(self.word), tuple(swap(t) for t in self.args), self.value)
        return None if out == self else out


@dataclass(frozen=True)
class Request:
    id: str
    category: str
    request: str
    checks: tuple[Check, ...]


def load_requests(split: str) -> list[Request]:
    """The request set of a split ("dev" or "test"); CheckSyntaxError names a bad line."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}")
    rows = []
    for n, line in enumerate((REQUESTS_DIR / f"{split}.jsonl").read_text().splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        if item["category"] not in CATEGORIES:
            raise CheckSyntaxError(f"{split}.jsonl:{n}: category {item['category']!r}")
        try:
            checks = tuple(Check.parse(c) for c in item["checks"])
        except CheckSyntaxError as exc:
            raise CheckSyntaxError(f"{split}.jsonl:{n}: {exc}") from None
        rows.append(Request(item["id"], item["category"], item["request"], checks))
    return rows


@dataclass
class Verdict:
    """How one answer fared: failed checks, and which of them were side swaps or flips."""

    failed: list[str]
    side_swaps: list[str]
    direction_flips: list[str]

    @property
    def right(self) -> bool:
        return not self.failed


def judge(rotvecs: np.ndarray, checks: tuple[Check, ...]) -> Verdict:
    """Judge one (24, 3) pose against a request's checks."""
    body = BodyView(rotvecs)
    failed, swaps, flips = [], [], []
    for check in checks:
        if check.holds(body):
            continue
        failed.append(check.text())
        side = check.swapped(_SIDE_SWAP)
        direction = check.swapped(_DIRECTION_SWAP)
        if side is not None and side.holds(body):
            swaps.append(check.text())
        elif direction is not None and direction.holds(body):
            flips.append(check.text())
    return Verdict(failed, swaps, flips)


def names_side(text: str) -> bool:
    return re.search(r"\b(left|right)\b", text, re.IGNORECASE) is not None


def evaluate(answer: Callable[[str], np.ndarray], requests: list[Request]) -> dict:
    """Answer every request ((24, 3) rotations per request) and judge it: per category the
    share fully right, side swaps, direction flips, and the mirror check on requests that
    name a side (the swapped request must answer the mirrored pose within 30 mm)."""
    from core.pose import forward_kinematics
    from core.retarget import mirror_rotations

    rows, by_cat = [], {}
    swaps = flips = mirror_ok = mirror_all = 0
    for req in requests:
        rotvecs = answer(req.request)
        verdict = judge(rotvecs, req.checks)
        swaps += len(verdict.side_swaps)
        flips += len(verdict.direction_flips)
        cat = by_cat.setdefault(req.category, [0, 0])
        cat[0] += verdict.right
        cat[1] += 1
        row = {"id": req.id, "category": req.category, "request": req.request,
               "right": verdict.right, "failed": verdict.failed,
               "side_swaps": verdict.side_swaps, "direction_flips": verdict.direction_flips}
        if names_side(req.request):
            twin = answer(mirror_text(req.request))
            gap = np.linalg.norm(forward_kinematics(twin)[0]
                                 - forward_kinematics(mirror_rotations(rotvecs))[0], axis=-1)
            row["mirror_mm"] = round(float(gap.mean()) * 1000.0, 1)
            mirror_all += 1
            mirror_ok += row["mirror_mm"] < 30.0
        rows.append(row)
    total = sum(c[0] for c in by_cat.values())
    return {"requests": len(requests), "fully_right": round(total / max(len(requests), 1), 3),
            "by_category": {k: {"right": v[0], "of": v[1], "share": round(v[0] / v[1], 3)}
                            for k, v in sorted(by_cat.items())},
            "side_swaps": swaps, "direction_flips": flips,
            "mirror_check": round(mirror_ok / max(mirror_all, 1), 3), "mirror_pairs": mirror_all,
            "rows": rows}
