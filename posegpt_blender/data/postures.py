"""Whole-body postures a request can name, as sampler templates: which templates draw each
posture (the sampler's own plus the few written here), and the side each template leads with.

A posture with a side ("kneeling on the left knee", "lying on the right side") is drawn from a
right-leading template and mirrored when the request names the left.
"""
from __future__ import annotations

import numpy as np

from core.skeleton import JOINT_INDEX as J
from .figure import (Figure, Template, _arms_down, _cross_shins, _flexed_leg,
                     _hands_on_knees_seated, _stand_legs)
from .sampler import template


def handstand(f: Figure) -> None:
    for side in ("left", "right"):
        f.arm(side, (f.u(80, 88), f.u(70, 95)))
        f.leg(side, (-f.u(80, 89), f.u(-20, 30)), (-f.u(75, 89), f.u(-20, 60)), (-f.u(0, 30), 90))
    f.torso(-f.u(0, 15))
    f.head(-f.u(20, 40))
    f.tilt(180 - f.u(0, 10))


def forearm_plank(f: Figure) -> None:
    # Built upright, tipped forward: upper arms end up vertical, forearms flat on the floor.
    for side in ("left", "right"):
        f.leg(side, (-90, 90), (-90, 90), (f.u(-10, 10), 90))
        f.arm(side, (f.u(-5, 5), f.u(80, 90)), (f.u(80, 88), 90))
    f.tilt(f.u(78, 82))
    f.head(-f.u(10, 30))


def plank_level(f: Figure) -> None:
    """A straight-arm plank (the top of a push-up), hands and toes on the floor; the bottom of
    a push-up with the elbows bent, half the time. The sampler's version, which training
    learnt, tips at a fixed angle and leaves the hands off the floor half the time."""
    for side in ("left", "right"):
        f.leg(side, (-90, 90), (-90, 90), (f.u(-10, 10), 90))
    low = f.u(0, 1) < 0.5
    for side in ("left", "right"):
        if low:  # prone: the upper arms toward the feet and up, the forearms down to the floor
            f.arm(side, (-f.u(30, 50), -f.u(40, 70)), (f.u(-10, 10), f.u(80, 100)))
        else:
            f.arm(side, (-f.u(0, 10), f.u(80, 95)))
    f.head(-f.u(20, 40))
    f.level(("left_hand", "right_hand"), ("left_foot", "right_foot"), (60.0, 100.0))


def side_plank(f: Figure) -> None:
    for side in ("left", "right"):
        f.leg(side, (-90, f.u(80, 95)), (-90, 90), (f.u(-10, 10), 90))
    f.arm("right", (-f.u(0, 8), f.u(-5, 5)))
    if f.u(0, 1) < 0.5:
        f.arm("left", (f.u(0, 8), f.u(-5, 5)))
    else:
        f.reach("left", lambda p: p[J["pelvis"]] + np.array([0.17, 0.05, 0.0]), (1, 0, -0.3))
    f.tilt(0, 0, -f.u(65, 75))


def lying_propped_back(f: Figure) -> None:
    # Tipped back by t: in the body's frame the floor's down is (-(90 - t), back) and the floor's
    # forward is (-t, forward), so upper arms stand vertical and forearms and legs lie flat.
    t = f.u(52, 58)
    for side in ("left", "right"):
        f.leg(side, (-t + f.u(-3, 3), f.u(80, 100)), (-t + f.u(-3, 3), f.u(80, 100)), (-20, 90))
        f.arm(side, (-(90 - t) + f.u(-5, 5), -f.u(80, 90)), (-t, f.u(80, 95)))
    f.head(f.u(10, 30))
    f.tilt(-t)


def lying_propped_front(f: Figure) -> None:
    t = f.u(60, 64)
    for side in ("left", "right"):
        f.leg(side, (-t, -f.u(85, 95)), (-t, -f.u(85, 95)), (-f.u(78, 88), 90))
        f.arm(side, (-(90 - t) + f.u(-5, 5), f.u(80, 95)), (t, f.u(80, 95)))
    f.head(-f.u(0, 20))
    f.tilt(t)


def stand_one_leg(f: Figure) -> None:
    """Standing on the left leg, the right knee up or the right foot lifted behind."""
    f.leg("left", (-f.u(86, 89), f.u(60, 120)), (-f.u(86, 90), f.u(60, 120)), (-20, 90))
    if f.u(0, 1) < 0.6:
        _flexed_leg(f, "right", f.u(70, 95), f.u(80, 100))
    else:
        _flexed_leg(f, "right", f.u(0, 15), f.u(80, 110))
    for side in ("left", "right"):
        f.arm(side, (-f.u(30, 60), f.u(-10, 20)), (-f.u(20, 50), f.u(0, 40)))
    f.head(f.u(-5, 10))


def sit_lean_back(f: Figure) -> None:
    for side in ("left", "right"):
        f.leg(side, (-f.u(0, 8), f.u(80, 95)), (-f.u(0, 8), f.u(80, 95)), (f.u(30, 60), 90))
    f.torso(-f.u(30, 45), 0, 0)
    for side in ("left", "right"):
        f.arm(side, (-f.u(55, 70), -f.u(60, 85)))
    f.head(f.u(-20, 10))


def stand_upright(f: Figure) -> None:
    """A plain standing pose for requests that name only limbs."""
    _stand_legs(f, 20)
    _arms_down(f)
    f.torso(f.u(-3, 5), f.u(-5, 5), f.u(-3, 3))
    f.head(f.u(-5, 8), f.u(-10, 10))


def sit_shins_crossed(f: Figure) -> None:
    """Cross-legged on the floor with the shins crossed (each ankle under the other knee);
    the sampler's version, which training learnt, keeps the ankles side by side."""
    _cross_shins(f)
    _hands_on_knees_seated(f)


def all_fours_flat(f: Figure) -> None:
    """Hands and knees, with the shins and the tops of the feet flat on the floor (the
    sampler's version rests on the toes, the knees off the floor)."""
    for side in ("left", "right"):
        thigh = f.u(80, 100) - 90.0
        shin = thigh - f.u(85, 95)
        f.leg(side, (thigh, f.u(85, 95)), (shin, f.u(85, 95)), (shin + f.u(5, 15), 90.0))
        upper = (f.u(30, 45), f.u(80, 95))
        f.arm(side, upper, upper, (f.u(80, 90), 90.0))  # the hand flat: "up" lies along the floor
    f.head(-f.u(30, 60))
    f.level(("left_wrist", "right_wrist"), ("left_knee", "right_knee"), (70.0, 110.0))


NEW_TEMPLATES: tuple[Template, ...] = (
    Template("sit_shins_crossed", ("sitting",), ("sitting cross-legged on the floor",),
             sit_shins_crossed, mirror=False),
    Template("all_fours_flat", ("crawling",), ("on all fours",), all_fours_flat, mirror=False),
    Template("handstand", ("handstand",), ("a handstand", "standing on the hands upside down"),
             handstand, mirror=False),
    Template("plank_level", ("plank",), ("a plank", "a push-up"), plank_level, mirror=False),
    Template("forearm_plank", ("plank",), ("a plank on the forearms", "a forearm plank"),
             forearm_plank, mirror=False),
    Template("side_plank", ("plank",), ("a side plank on the {lead} arm",), side_plank),
    Template("lying_propped_back", ("lying",), ("lying on the back propped up on the elbows",),
             lying_propped_back, mirror=False),
    Template("lying_propped_front", ("lying",), ("lying on the stomach propped on the forearms",),
             lying_propped_front, mirror=False),
    Template("stand_one_leg", ("balancing",), ("standing on the {other} leg",), stand_one_leg),
    Template("sit_lean_back", ("sitting",), ("sitting on the floor leaning back on the hands",),
             sit_lean_back, mirror=False),
    Template("stand_upright", ("standing",), ("standing",), stand_upright, mirror=False),
)
_NEW = {t.name: t for t in NEW_TEMPLATES}

# posture -> (template names, the side the template's posture has when drawn unmirrored)
POSTURES: dict[str, tuple[tuple[str, ...], str]] = {
    "lying_back": (("lying_back", "lying_knees_up"), ""),
    "lying_front": (("lying_front",), ""),
    "lying_side": (("lying_side",), "right"),
    "propped_back": (("lying_propped_back",), ""),
    "propped_front": (("lying_propped_front",), ""),
    "sitting_floor": (("sit_floor_legs_out", "sit_hug_knees", "sit_shins_crossed"), ""),
    "cross_legged": (("sit_shins_crossed",), ""),
    "sitting_lean_back": (("sit_lean_back",), ""),
    "sitting_chair": (("sit_chair",), ""),
    "sitting_heels": (("kneel_sit_heels",), ""),
    "kneeling_one": (("kneel_one",), "right"),
    "kneeling_both": (("kneel_both",), ""),
    "all_fours": (("all_fours_flat",), ""),
    "plank": (("plank_level",), ""),
    "push_up": (("plank_level",), ""),
    "forearm_plank": (("forearm_plank",), ""),
    "side_plank": (("side_plank",), "right"),
    "handstand": (("handstand",), ""),
    "headstand": (("handstand",), ""),
    "squat": (("squat", "crouch"), ""),
    "lunge": (("lunge",), "right"),
    "bent_over": (("touch_toes", "bow", "exhausted"), ""),
    "one_leg": (("stand_one_leg",), "left"),
    "standing": (("stand_upright",), ""),
    "jumping": (("star_jump", "jump_up", "jump_tuck"), ""),
}


def posture_template(name: str) -> Template:
    """A template by name: one written here or one of the sampler's."""
    return _NEW[name] if name in _NEW else template(name)
