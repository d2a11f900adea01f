"""The project's own pose sampler: the poses animators ask for, with their names and words.

Each template's builder writes its pose on a Figure (data/figure.py, which also draws a
template's pose within the joint limits) for the right side leading; TEMPLATES is the table.
"""
from __future__ import annotations

import numpy as np

from core.skeleton import JOINT_INDEX as J
from .figure import (_LEN, Builder, Figure, Template, _arms_down, _flexed_leg,
                     _hands_on_knees_seated, _head_point, _kneeling_leg, _stand_legs, _waist)


def stand(f: Figure) -> None:
    _stand_legs(f)
    _arms_down(f)
    f.torso(f.u(-5, 8), f.u(-8, 8), f.u(-5, 5))
    f.head(f.u(-10, 15), f.u(-20, 20), f.u(-8, 8))


def stand_weight_shift(f: Figure) -> None:
    f.pelvis(0, f.u(-10, 10), -f.u(5, 12))
    f.leg("right", (-f.u(84, 88), f.u(10, 40)), (-f.u(86, 90), 90))
    f.leg("left", (-f.u(75, 82), f.u(60, 100)), (-f.u(70, 80), f.u(-100, -60)))
    _arms_down(f)
    f.torso(0, f.u(-10, 10), f.u(3, 10))
    f.head(f.u(-5, 10), f.u(-25, 25))


def t_pose(f: Figure) -> None:
    _stand_legs(f, 5)
    for side in ("left", "right"):
        el = f.u(-5, 5)
        f.arm(side, (el, f.u(-5, 5)), (el + f.u(-3, 3), f.u(-3, 3)))
    f.head(f.u(-5, 5))


def a_pose(f: Figure) -> None:
    _stand_legs(f, 5)
    for side in ("left", "right"):
        el = -f.u(38, 50)
        f.arm(side, (el, f.u(-5, 10)), (el - f.u(0, 5), f.u(-5, 10)))


def sit_chair(f: Figure) -> None:
    for side in ("left", "right"):
        f.leg(side, (-f.u(0, 12), f.u(75, 95)), (-f.u(70, 100), f.u(80, 100) if f.u(0, 1) > .5
                                                   else f.u(-100, -80)), (-f.u(10, 30), 90))
    f.torso(f.u(-10, 15), f.u(-10, 10), f.u(-5, 5))
    style = f.u(0, 1)
    for side in ("left", "right"):
        if style < 0.5:
            f.reach(side, lambda p, s=side: p[J[f"{s}_knee"]] * 0.6 + p[J[f"{s}_hip"]] * 0.4
                    + np.array([0, 0.05, 0.02]), (0.3, -0.2, -1.0))
        else:
            f.arm(side, (-f.u(70, 85), f.u(20, 60)), (-f.u(0, 30), f.u(80, 110)))
    f.head(f.u(-10, 15), f.u(-20, 20))


def sit_cross_legged(f: Figure) -> None:
    for side in ("left", "right"):
        f.leg(side, (-f.u(2, 12), f.u(25, 45)), (-f.u(0, 8), f.u(160, 175)), (-10, 150))
    _hands_on_knees_seated(f)


def sit_floor_legs_out(f: Figure) -> None:
    for side in ("left", "right"):
        f.leg(side, (-f.u(0, 8), f.u(80, 95)), (-f.u(0, 8), f.u(80, 95)), (f.u(30, 60), 90))
    f.torso(-f.u(5, 25), 0, 0)
    for side in ("left", "right"):
        f.arm(side, (-f.u(55, 70), -f.u(40, 70)))
    f.head(f.u(-10, 20))


def sit_hug_knees(f: Figure) -> None:
    for side in ("left", "right"):
        # The feet rest on the floor at the height of the buttocks.
        thigh = f.u(50, 65)
        drop = _LEN[J["left_knee"]] * np.sin(np.radians(thigh)) + 0.03
        shin = -np.degrees(np.arcsin(min(drop / _LEN[J["left_ankle"]], 1.0)))
        f.leg(side, (thigh, f.u(70, 85)), (shin, f.u(80, 95)), (-f.u(0, 15), 90))
    f.torso(f.u(10, 30), 0, 0)
    for side in ("left", "right"):
        f.reach(side, lambda p, s=side: p[J[f"{s}_knee"]] * 0.5 + p[J[f"{s}_ankle"]] * 0.5
                + np.array([(-1 if s == "left" else 1) * 0.08, 0, 0.08]), (0.8, 0, 0))
    f.head(f.u(10, 30))


def kneel_one(f: Figure) -> None:
    _kneeling_leg(f, "right")
    f.leg("left", (f.u(0, 8), f.u(80, 100)), (-f.u(80, 90), f.u(-100, -80) if
                                                  f.u(0, 1) > 0.5 else f.u(80, 100)),
          (-f.u(15, 30), 90))
    f.torso(f.u(-5, 15), f.u(-10, 10))
    if f.u(0, 1) < 0.5:
        _arms_down(f)
    else:
        f.reach("left", lambda p: p[J["left_knee"]] + np.array([0, 0.05, 0]), (1, 0, 0))
        f.arm("right", (-f.u(60, 80), f.u(0, 40)), (-f.u(40, 80), f.u(40, 90)))
    f.head(f.u(-10, 20), f.u(-15, 15))


def kneel_both(f: Figure) -> None:
    # Both knees on the floor: the legs share their angles up to a few degrees.
    thigh, shin = -f.u(75, 90), f.u(10, 16)
    for side in ("left", "right"):
        f.leg(side, (thigh + f.u(-2, 2), f.u(70, 110)), (shin + f.u(-2, 2), -f.u(80, 100)),
              (-f.u(40, 55), -90))
    f.torso(f.u(-5, 20), f.u(-10, 10))
    if f.u(0, 1) < 0.5:
        _arms_down(f)
    else:
        for side in ("left", "right"):
            f.reach(side, lambda p: p[J["spine3"]] + np.array([0, -0.05, 0.25]), (0.5, -1, 0))
    f.head(f.u(-10, 30))


def kneel_sit_heels(f: Figure) -> None:
    for side in ("left", "right"):
        f.leg(side, (-f.u(20, 30), f.u(80, 95)), (f.u(0, 5), -f.u(80, 95)), (-f.u(10, 20), -90))
    f.torso(f.u(0, 15))
    for side in ("left", "right"):
        f.reach(side, lambda p, s=side: p[J[f"{s}_knee"]] + np.array([0, 0.06, -0.05]),
                (0.5, 0, -0.3))
    f.head(f.u(0, 20))


def _lying_body(f: Figure) -> None:
    for side in ("left", "right"):
        f.leg(side, (-f.u(80, 90), f.u(20, 120)), (-f.u(75, 90), f.u(40, 140)), (-f.u(10, 40), 90))
    style = f.u(0, 1)
    for side in ("left", "right"):
        if style < 0.4:
            f.arm(side, (-f.u(70, 85), f.u(-10, 30)))
        elif style < 0.7:
            el = f.u(-20, 20)
            f.arm(side, (el, f.u(-10, 10)), (el, f.u(-10, 30)))
        else:
            f.arm(side, (f.u(60, 88), f.u(-10, 40)))
    f.head(f.u(-10, 10), f.u(-30, 30))


def lying_back(f: Figure) -> None:
    _lying_body(f)
    f.tilt(-f.u(85, 95), 0, f.u(-5, 5))


def lying_front(f: Figure) -> None:
    _lying_body(f)
    f.head(-f.u(0, 20), f.u(-60, 60))
    f.tilt(f.u(85, 95), 0, f.u(-5, 5))


def lying_side(f: Figure) -> None:
    for side in ("left", "right"):
        bend = f.u(0, 70)
        f.leg(side, (-90 + bend, f.u(80, 100)), (-90 + bend - f.u(0, 80), f.u(60, 120)))
    f.arm("right", (-f.u(0, 30), f.u(60, 100)), (-f.u(0, 30), f.u(60, 110)))
    f.arm("left", (-f.u(60, 85), f.u(20, 90)))
    f.torso(f.u(0, 20))
    f.tilt(0, 0, -f.u(80, 95))


def squat(f: Figure) -> None:
    # Both feet flat on the floor: the two legs share their angles up to a few degrees.
    thigh, shin = f.u(-15, 25), -f.u(55, 75)
    for side in ("left", "right"):
        f.leg(side, (thigh + f.u(-3, 3), f.u(55, 80)), (shin + f.u(-3, 3), -f.u(80, 100)),
              (-f.u(15, 30), 90))
    f.torso(f.u(15, 40), 0, f.u(-5, 5))
    if f.u(0, 1) < 0.5:
        for side in ("left", "right"):
            el = f.u(-10, 10)
            f.arm(side, (el, f.u(75, 95)), (el, f.u(80, 100)))
    else:
        for side in ("left", "right"):
            f.reach(side, lambda p, s=side: p[J[f"{s}_knee"]] + np.array([0, 0.02, 0.03]),
                    (0.6, 0, -0.5))
    f.head(-f.u(0, 20))


def lunge(f: Figure) -> None:
    f.leg("right", (-f.u(0, 20), f.u(80, 100)), (-f.u(75, 95), f.u(80, 100)), (-f.u(15, 30), 90))
    f.leg("left", (-f.u(40, 60), -f.u(80, 100)), (-f.u(0, 30), -f.u(80, 100)),
          (-f.u(50, 75), -90))
    f.torso(f.u(-5, 15), f.u(-10, 10))
    if f.u(0, 1) < 0.5:
        for side in ("left", "right"):
            f.reach(side, _waist(side), (1.0, 0.0, -0.4))
    else:
        _arms_down(f)
    f.head(f.u(-10, 15))


def reach_up(f: Figure) -> None:
    _stand_legs(f)
    both = f.u(0, 1) < 0.5
    f.arm("right", (f.u(70, 88), f.u(30, 100)), (f.u(75, 90), f.u(30, 100)))
    if both:
        f.arm("left", (f.u(70, 88), f.u(30, 100)), (f.u(75, 90), f.u(30, 100)))
    else:
        f.arm("left", (-f.u(70, 85), f.u(0, 30)), (-f.u(50, 80), f.u(40, 90)))
    f.torso(-f.u(0, 10), f.u(-10, 10), f.u(-8, 0))
    f.head(-f.u(10, 35))


def reach_forward(f: Figure) -> None:
    _stand_legs(f)
    el = f.u(-15, 20)
    f.arm("right", (el, f.u(75, 100)), (el + f.u(-5, 5), f.u(80, 100)))
    f.arm("left", (-f.u(70, 85), f.u(0, 30)), (-f.u(40, 80), f.u(40, 90)))
    f.torso(f.u(10, 30), f.u(-20, 0))
    f.head(f.u(-10, 10))


def point(f: Figure) -> None:
    _stand_legs(f)
    el = f.u(-10, 25)
    az = f.u(20, 100)
    f.arm("right", (el, az), (el + f.u(-3, 3), az + f.u(-3, 3)))
    f.arm("left", (-f.u(70, 85), f.u(0, 30)), (-f.u(50, 85), f.u(40, 90)))
    f.torso(0, -f.u(0, 15))
    f.head(f.u(-5, 10), -f.u(0, 30))


def wave(f: Figure) -> None:
    _stand_legs(f)
    f.arm("right", (f.u(-10, 30), f.u(-10, 30)), (f.u(70, 90), f.u(-20, 40)))
    f.arm("left", (-f.u(70, 85), f.u(0, 30)), (-f.u(50, 85), f.u(40, 90)))
    f.torso(0, f.u(-10, 10), f.u(-5, 0))
    f.head(f.u(-5, 10), -f.u(0, 20))


def arms_crossed(f: Figure) -> None:
    _stand_legs(f)
    for side in ("left", "right"):
        # Each hand tucked at the other arm, the forearms stacked in front of the chest.
        s = 1 if side == "left" else -1
        f.reach(side, lambda p, s=s: p[J["spine3"]] + np.array(
            [-s * f.u(0.12, 0.17), f.u(0.0, 0.06) + (0.03 if s > 0 else 0), f.u(0.17, 0.22)]),
            (0.6, -1.0, 0.2))
    f.torso(f.u(-5, 5), f.u(-10, 10))
    f.head(f.u(-10, 10), f.u(-20, 20))


def hands_on_hips(f: Figure) -> None:
    _stand_legs(f)
    for side in ("left", "right"):
        f.reach(side, _waist(side), (1.0, f.u(-0.3, 0.1), -f.u(0.2, 0.6)))
    f.torso(f.u(-5, 5), f.u(-10, 10), f.u(-5, 5))
    f.head(f.u(-10, 10), f.u(-25, 25))


def hand_on_hip(f: Figure) -> None:
    stand_weight_shift(f)
    f.reach("right", _waist("right"), (1.0, f.u(-0.3, 0.1), -f.u(0.2, 0.6)))


def hands_on_head(f: Figure) -> None:
    _stand_legs(f)
    for side in ("left", "right"):
        s = 1 if side == "left" else -1
        f.reach(side, lambda p, s=s: p[J["head"]] + np.array([s * 0.06, f.u(0.13, 0.18), 0.0]),
                (1.0, 0.3, f.u(-0.2, 0.3)))
    f.head(f.u(-10, 10))


def hands_behind_head(f: Figure) -> None:
    _stand_legs(f)
    for side in ("left", "right"):
        s = 1 if side == "left" else -1
        f.reach(side, lambda p, s=s: p[J["head"]] + np.array([s * 0.05, f.u(0.0, 0.06), -0.1]),
                (1.0, 0.2, 0.0))
    f.torso(-f.u(0, 10))
    f.head(-f.u(0, 15))


def thinking(f: Figure) -> None:
    _stand_legs(f)
    f.reach("right", _head_point(-0.01, -0.06, 0.1), (0.2, -1.0, 0.3))
    f.reach("left", lambda p: p[J["spine1"]] + np.array([-0.05, 0.02, 0.2]), (1.0, -0.5, 0))
    f.torso(f.u(0, 10))
    f.head(f.u(5, 20), f.u(-15, 15), f.u(-10, 5))


def salute(f: Figure) -> None:
    _stand_legs(f, 5)
    f.reach("right", _head_point(-0.06, 0.08, 0.08), (1.0, 0.2, 0.3))
    f.arm("left", (-f.u(82, 88), f.u(0, 15)))
    f.head(f.u(-5, 5))


def phone_call(f: Figure) -> None:
    stand(f)
    f.reach("right", _head_point(-0.09, 0.0, 0.02), (0.3, -1.0, 0.4))


def star_jump(f: Figure) -> None:
    for side in ("left", "right"):
        el, az = -f.u(62, 75), f.u(-10, 20)
        f.leg(side, (el, az), (el - f.u(0, 5), az), (-f.u(40, 70), 90))
    for side in ("left", "right"):
        el = f.u(25, 65)
        f.arm(side, (el, f.u(-10, 20)), (el + f.u(-5, 10), f.u(-10, 20)))
    f.head(-f.u(0, 15))


def jump_tuck(f: Figure) -> None:
    for side in ("left", "right"):
        f.leg(side, (-f.u(0, 30), f.u(70, 90)), (-f.u(60, 90), -f.u(60, 100)), (-50, 90))
    for side in ("left", "right"):
        f.arm(side, (f.u(40, 80), f.u(50, 90)))
    f.torso(f.u(0, 20))


def jump_up(f: Figure) -> None:
    for side in ("left", "right"):
        f.leg(side, (-f.u(80, 90), f.u(0, 90)), (-f.u(70, 88), -f.u(60, 100)), (-f.u(55, 75), 90))
    for side in ("left", "right"):
        f.arm(side, (f.u(60, 88), f.u(20, 90)))
    f.head(-f.u(0, 25))


def kick_front(f: Figure) -> None:
    f.leg("left", (-f.u(80, 88), f.u(60, 100)), (-f.u(82, 90), f.u(60, 100)), (-20, 90))
    el = f.u(-20, 30)
    f.leg("right", (el, f.u(80, 100)), (el - f.u(0, 30), f.u(80, 100)), (el + f.u(-10, 30), 90))
    f.torso(-f.u(5, 20))
    f.arm("right", (-f.u(30, 60), f.u(-60, -20)))
    f.arm("left", (-f.u(10, 40), f.u(20, 60)), (-f.u(0, 30), f.u(60, 100)))
    f.head(f.u(0, 15))


def kick_soccer(f: Figure) -> None:
    f.leg("left", (-f.u(75, 85), f.u(60, 100)), (-f.u(80, 90), f.u(60, 100)), (-20, 90))
    f.leg("right", (-f.u(40, 70), -f.u(60, 100)), (-f.u(0, 30), -f.u(80, 100)), (-70, -90))
    f.torso(f.u(0, 15), f.u(0, 15))
    f.arm("left", (-f.u(20, 45), f.u(-20, 30)))
    f.arm("right", (-f.u(40, 60), f.u(30, 80)), (-f.u(20, 50), f.u(60, 100)))
    f.head(f.u(15, 35))


def kick_side(f: Figure) -> None:
    f.leg("left", (-f.u(80, 88), f.u(40, 100)), (-f.u(82, 90), f.u(60, 100)), (-20, 90))
    el = f.u(-25, 5)
    f.leg("right", (el, f.u(-10, 15)), (el + f.u(-5, 5), f.u(-10, 15)), (el - 50, 30))
    f.torso(0, 0, -f.u(15, 35))
    for side in ("left", "right"):
        f.arm(side, (-f.u(40, 60), f.u(60, 90)), (f.u(30, 60), f.u(100, 130)))
    f.head(0, -f.u(30, 60))


def run(f: Figure) -> None:
    f.leg("right", (-f.u(30, 55), f.u(80, 100)), (-f.u(75, 95), f.u(-100, -80)), (-20, 90))
    f.leg("left", (-f.u(55, 75), -f.u(80, 100)), (-f.u(0, 30), -f.u(80, 100)), (-60, -90))
    f.arm("left", (-f.u(40, 65), f.u(60, 100)), (f.u(10, 40), f.u(80, 110)))
    f.arm("right", (-f.u(40, 65), -f.u(60, 100)), (-f.u(20, 50), f.u(80, 110)))
    f.torso(f.u(5, 20), f.u(-10, 10))
    f.head(f.u(-10, 10))


def walk(f: Figure) -> None:
    f.leg("right", (-f.u(65, 78), f.u(80, 100)), (-f.u(80, 90), f.u(60, 120)), (-f.u(0, 20), 90))
    f.leg("left", (-f.u(70, 80), -f.u(80, 100)), (-f.u(55, 75), -f.u(80, 100)), (-50, 90))
    f.arm("left", (-f.u(65, 80), f.u(60, 100)), (-f.u(45, 70), f.u(80, 100)))
    f.arm("right", (-f.u(65, 80), -f.u(60, 100)), (-f.u(65, 85), f.u(0, 90)))
    f.torso(f.u(0, 8), f.u(-8, 8))
    f.head(f.u(-5, 15), f.u(-15, 15))


def arabesque(f: Figure) -> None:
    f.leg("left", (-f.u(85, 90), f.u(60, 100)), (-f.u(86, 90), 90), (-f.u(20, 70), 90))
    el = f.u(0, 35)
    f.leg("right", (el, -f.u(80, 100)), (el + f.u(-5, 5), -f.u(80, 100)), (el - 20, -90))
    f.torso(f.u(20, 45))
    f.arm("left", (f.u(0, 30), f.u(80, 100)))
    f.arm("right", (f.u(-10, 15), f.u(-20, 10)))
    f.head(-f.u(10, 25))


def disco_point(f: Figure) -> None:
    stand_weight_shift(f)
    f.arm("right", (f.u(45, 70), f.u(-10, 40)))
    f.reach("left", _waist("left"), (1.0, 0.0, -0.4))
    f.head(-f.u(10, 25), -f.u(10, 30))


def goalkeeper_dive(f: Figure) -> None:
    f.leg("right", (-f.u(60, 80), f.u(0, 30)), (-f.u(60, 85), f.u(0, 60)), (-30, 90))
    f.leg("left", (-f.u(50, 75), f.u(10, 50)), (-f.u(60, 90), f.u(-30, 30)), (-30, 90))
    for side in ("left", "right"):
        f.arm(side, (f.u(60, 85), f.u(-40, 10) if side == "right" else f.u(150, 180)))
    f.torso(f.u(-5, 10), 0, -f.u(0, 15))
    f.tilt(f.u(-10, 10), f.u(-10, 10), -f.u(50, 85))
    f.head(f.u(-5, 10), 0, -f.u(0, 20))


def basketball_shot(f: Figure) -> None:
    jump = f.u(0, 1) < 0.4
    for side in ("left", "right"):
        if jump:
            f.leg(side, (-f.u(80, 90), f.u(40, 100)), (-f.u(80, 90), f.u(-100, -40)), (-60, 90))
        else:
            f.leg(side, (-f.u(70, 82), f.u(60, 100)), (-f.u(75, 85), f.u(-100, -80)), (-20, 90))
    f.arm("right", (f.u(35, 60), f.u(70, 100)), (f.u(75, 90), f.u(80, 110)))
    f.arm("left", (f.u(30, 55), f.u(60, 90)), (f.u(60, 80), f.u(120, 160)))
    f.head(-f.u(10, 25))


def tennis_serve(f: Figure) -> None:
    f.leg("left", (-f.u(80, 88), f.u(60, 100)), (-f.u(80, 90), f.u(-100, -60)), (-30, 90))
    f.leg("right", (-f.u(75, 85), -f.u(60, 100)), (-f.u(70, 85), -f.u(60, 100)), (-50, 90))
    f.arm("right", (f.u(60, 85), f.u(0, 60)), (f.u(70, 90), f.u(0, 90)))
    f.arm("left", (f.u(-10, 40), f.u(60, 100)))
    f.torso(-f.u(5, 20), -f.u(10, 30), f.u(0, 10))
    f.head(-f.u(20, 40))


def boxing_guard(f: Figure) -> None:
    f.leg("left", (-f.u(70, 82), f.u(60, 100)), (-f.u(75, 85), f.u(-100, -60)), (-20, 90))
    f.leg("right", (-f.u(70, 80), -f.u(60, 100)), (-f.u(75, 85), -f.u(60, 100)), (-30, 90))
    for side in ("left", "right"):
        f.reach(side, lambda p, s=side: p[J["head"]] + np.array(
            [(0.1 if s == "left" else -0.1), -f.u(0.08, 0.15), f.u(0.22, 0.32)]), (0.5, -1.0, 0))
    f.torso(f.u(5, 15), f.u(0, 20))
    f.head(f.u(5, 20))


def yoga_tree(f: Figure) -> None:
    f.leg("left", (-f.u(86, 90), f.u(60, 100)), (-f.u(87, 90), 90), (-20, 90))
    f.leg("right", (-f.u(25, 45), f.u(0, 25)), (-f.u(40, 60), f.u(165, 190)),
          (-f.u(50, 70), f.u(100, 130)))
    if f.u(0, 1) < 0.5:
        for side in ("left", "right"):
            f.reach(side, lambda p: p[J["head"]] + np.array([0, f.u(0.35, 0.45), 0.02]),
                    (1.0, 0.3, 0))
    else:
        for side in ("left", "right"):
            f.reach(side, lambda p: p[J["spine3"]] + np.array([0, 0.05, 0.2]), (1.0, -0.5, 0))
    f.head(f.u(-5, 10))


def yoga_warrior(f: Figure) -> None:
    f.leg("right", (-f.u(5, 25), f.u(0, 20)), (-f.u(80, 90), f.u(0, 40)), (-20, 60))
    f.leg("left", (-f.u(35, 50), f.u(-5, 10)), (-f.u(35, 50), f.u(-5, 10)), (-30, 90))
    for side in ("left", "right"):
        el = f.u(-5, 5)
        f.arm(side, (el, f.u(-5, 5)))
    f.head(0, -f.u(60, 80))


def sprinter_start(f: Figure) -> None:
    # The "set" position, built upright then tipped forward: hands and feet on the track.
    _flexed_leg(f, "left", f.u(125, 140), f.u(105, 125))
    _flexed_leg(f, "right", f.u(75, 90), f.u(70, 90))
    for side in ("left", "right"):
        f.arm(side, (f.u(0, 10), f.u(85, 95)))
    f.tilt(f.u(80, 90))
    f.head(-f.u(30, 50))


def exhausted(f: Figure) -> None:
    for side in ("left", "right"):
        f.leg(side, (-f.u(60, 75), f.u(60, 110)), (-f.u(70, 85), f.u(-110, -70)), (-20, 90))
    f.pelvis(f.u(40, 55))
    f.torso(f.u(20, 35), f.u(-10, 10))
    for side in ("left", "right"):
        f.reach(side, lambda p, s=side: p[J[f"{s}_knee"]] + np.array([0, 0.08, 0.05]),
                (0.3, 0.5, -0.3))
    f.head(-f.u(10, 35))


def celebrate(f: Figure) -> None:
    _stand_legs(f, 60)
    for side in ("left", "right"):
        f.arm(side, (f.u(45, 80), f.u(-15, 40)), (f.u(55, 88), f.u(-15, 50)))
    f.torso(-f.u(0, 15))
    f.head(-f.u(10, 35))


def fist_pump(f: Figure) -> None:
    stand(f)
    f.arm("right", (-f.u(50, 70), f.u(60, 90)), (f.u(60, 85), f.u(80, 110)))
    f.head(-f.u(0, 20))


def bow(f: Figure) -> None:
    _stand_legs(f, 5)
    f.torso(f.u(35, 70))
    for side in ("left", "right"):
        f.arm(side, (-f.u(70, 90), f.u(-20, 10)))
    f.head(f.u(0, 20))


def touch_toes(f: Figure) -> None:
    _stand_legs(f, 5)
    f.pelvis(f.u(50, 75))
    f.torso(f.u(35, 50))
    for side in ("left", "right"):
        f.reach(side, lambda p, s=side: p[J[f"{s}_ankle"]] + np.array([0, f.u(0.05, 0.2), 0.1]),
                (0, 0, -1))
    f.head(f.u(0, 20))


def side_stretch(f: Figure) -> None:
    _stand_legs(f, 60)
    f.torso(0, 0, f.u(15, 30))
    f.arm("right", (f.u(50, 75), f.u(150, 175)))
    f.reach("left", _waist("left"), (1, 0, -0.3))


def push_up(f: Figure) -> None:
    for side in ("left", "right"):
        f.leg(side, (-90, 90), (-90, 90), (f.u(-10, 10), 90))
    low = f.u(0, 1) < 0.5
    for side in ("left", "right"):
        if low:
            f.arm(side, (-f.u(0, 20), -f.u(30, 70)), (-90, 90))
        else:
            f.arm(side, (-f.u(0, 10), f.u(80, 95)))
    f.tilt(f.u(78, 88))
    f.head(-f.u(20, 40))


def all_fours(f: Figure) -> None:
    for side in ("left", "right"):
        _flexed_leg(f, side, f.u(80, 100), f.u(85, 95))
        f.arm(side, (f.u(30, 45), f.u(80, 95)))
    f.tilt(f.u(85, 95))
    f.head(-f.u(30, 60))


def prayer(f: Figure) -> None:
    _stand_legs(f, 5)
    for side in ("left", "right"):
        f.reach(side, lambda p: p[J["spine3"]] + np.array([0, f.u(0.0, 0.08), 0.2]),
                (1.0, -1.0, 0))
    f.head(f.u(5, 25))


def shrug(f: Figure) -> None:
    _stand_legs(f)
    for side in ("left", "right"):
        f.shrug(side, f.u(10, 20))
        f.arm(side, (-f.u(60, 75), f.u(0, 30)), (-f.u(0, 20), f.u(30, 60)))
    f.head(0, 0, f.u(-10, 10))


def batter(f: Figure) -> None:
    for side in ("left", "right"):
        f.leg(side, (-f.u(70, 80), f.u(0, 30)), (-f.u(75, 85), f.u(60, 120)), (-20, 60))
    f.torso(f.u(10, 20), f.u(10, 30))
    for side in ("left", "right"):
        f.reach(side, lambda p: p[J["right_shoulder"]] + np.array([-0.05, 0.1, f.u(0.05, 0.15)]),
                (0, -1, 0.2))
    f.head(f.u(5, 15), f.u(40, 70))


def climb(f: Figure) -> None:
    f.leg("right", (-f.u(20, 40), f.u(80, 100)), (-f.u(75, 90), f.u(-100, -80)), (-20, 90))
    f.leg("left", (-f.u(85, 90), 90), (-f.u(85, 90), 90), (-30, 90))
    f.arm("left", (f.u(70, 88), f.u(60, 100)))
    f.arm("right", (f.u(10, 40), f.u(60, 100)), (f.u(60, 90), f.u(80, 110)))
    f.head(-f.u(10, 30))


def surrender(f: Figure) -> None:
    _stand_legs(f)
    for side in ("left", "right"):
        f.arm(side, (f.u(-10, 10), f.u(-10, 20)), (f.u(75, 90), f.u(-10, 30)))
    f.head(f.u(-10, 5))


def biceps_flex(f: Figure) -> None:
    _stand_legs(f, 50)
    for side in ("left", "right"):
        f.arm(side, (f.u(0, 15), f.u(-10, 15)), (f.u(60, 80), f.u(120, 160)))
    f.torso(-f.u(0, 10))
    f.head(-f.u(0, 15))


def carry_box(f: Figure) -> None:
    _stand_legs(f)
    for side in ("left", "right"):
        f.reach(side, lambda p, s=side: p[J["spine1"]] + np.array(
            [(0.2 if s == "left" else -0.2), f.u(-0.05, 0.1), f.u(0.3, 0.4)]), (0.8, -1.0, 0))
    f.torso(-f.u(0, 10))
    f.head(f.u(0, 15))


def look_back(f: Figure) -> None:
    _stand_legs(f)
    _arms_down(f)
    f.torso(0, -f.u(25, 45))
    f.head(f.u(-5, 10), -f.u(45, 60))


def lying_knees_up(f: Figure) -> None:
    for side in ("left", "right"):
        _flexed_leg(f, side, f.u(40, 70), f.u(70, 100))
    for side in ("left", "right"):
        el = f.u(-20, 10) if f.u(0, 1) < 0.5 else -f.u(70, 85)
        f.arm(side, (el, f.u(-10, 20)))
    f.tilt(-f.u(85, 95))
    f.head(f.u(0, 20))


def crouch(f: Figure) -> None:
    thigh, shin = -f.u(20, 40), -f.u(60, 75)
    for side in ("left", "right"):
        f.leg(side, (thigh + f.u(-4, 4), f.u(60, 90)), (shin + f.u(-4, 4), -f.u(80, 100)),
              (-f.u(15, 30), 90))
    f.torso(f.u(25, 45), f.u(-10, 10))
    for side in ("left", "right"):
        f.arm(side, (-f.u(50, 70), f.u(60, 90)), (-f.u(20, 50), f.u(80, 110)))
    f.head(-f.u(20, 40))


def facepalm(f: Figure) -> None:
    stand(f)
    f.reach("right", _head_point(0.0, 0.08, 0.12), (0.2, -1.0, 0.4))
    f.head(f.u(20, 35))


def scratch_head(f: Figure) -> None:
    stand(f)
    f.reach("right", _head_point(-0.07, 0.13, 0.0), (1.0, 0.3, 0.3))
    f.head(f.u(0, 10), 0, -f.u(0, 15))


def stretch_overhead(f: Figure) -> None:
    _stand_legs(f, 10)
    for side in ("left", "right"):
        f.reach(side, lambda p: p[J["head"]] + np.array([0, f.u(0.45, 0.52), 0.0]),
                (1.0, 0.0, 0.0))
    f.torso(-f.u(0, 10))
    f.head(-f.u(0, 20))


def superhero_landing(f: Figure) -> None:
    _kneeling_leg(f, "right")
    _flexed_leg(f, "left", f.u(100, 120), f.u(110, 130))
    f.pelvis(f.u(20, 35))
    f.torso(f.u(15, 30))
    f.arm("right", (-f.u(75, 85), f.u(70, 90)))
    f.arm("left", (-f.u(0, 20), -f.u(30, 60)))
    f.head(-f.u(10, 30))


def throw(f: Figure) -> None:
    f.leg("left", (-f.u(60, 75), f.u(70, 100)), (-f.u(80, 90), f.u(-100, -70)), (-20, 90))
    _flexed_leg(f, "right", -f.u(15, 30), f.u(10, 30))
    f.arm("right", (f.u(0, 20), -f.u(30, 70)), (f.u(50, 80), -f.u(20, 60)))
    f.arm("left", (f.u(-10, 15), f.u(60, 100)))
    f.torso(-f.u(0, 15), f.u(20, 40))
    f.head(f.u(-5, 10), -f.u(20, 40))


def _t(name: str, actions: tuple[str, ...], phrases: tuple[str, ...], build: Builder,
       mirror: bool = True, weight: float = 1.0) -> Template:
    return Template(name, actions, phrases, build, mirror, weight)


TEMPLATES: tuple[Template, ...] = (
    _t("stand", ("standing",), ("a person standing", "standing relaxed",
                                "a neutral standing pose"), stand, weight=1.5),
    _t("stand_weight_shift", ("standing",), ("standing with the weight on the {lead} leg",
                                             "a casual standing pose, hip shifted"),
       stand_weight_shift),
    _t("t_pose", ("T-pose",), ("a T-pose", "arms stretched out to the sides",
                               "standing with arms out horizontally"), t_pose, mirror=False),
    _t("a_pose", ("A-pose",), ("an A-pose", "standing with arms angled down and out"), a_pose,
       mirror=False),
    _t("sit_chair", ("sitting",), ("sitting on a chair", "a person seated",
                                   "sitting upright with feet on the floor"), sit_chair),
    _t("sit_cross_legged", ("sitting",), ("sitting cross-legged on the floor",
                                          "sitting on the ground with legs crossed",
                                          "a meditation pose"), sit_cross_legged),
    _t("sit_floor_legs_out", ("sitting",), ("sitting on the floor with legs stretched out",
                                            "sitting on the ground leaning back on the hands"),
       sit_floor_legs_out, mirror=False),
    _t("sit_hug_knees", ("sitting",), ("sitting on the floor hugging the knees",
                                       "sitting with knees pulled up to the chest"),
       sit_hug_knees, mirror=False),
    _t("kneel_one", ("kneeling",), ("kneeling on the {lead} knee", "taking a knee",
                                    "a person down on one knee, proposing"), kneel_one,
       weight=1.3),
    _t("kneel_both", ("kneeling",), ("kneeling on both knees", "a person kneeling upright",
                                     "kneeling on the floor"), kneel_both),
    _t("kneel_sit_heels", ("kneeling", "sitting"), ("kneeling and sitting on the heels",
                                                    "a seiza sitting pose"), kneel_sit_heels,
       mirror=False),
    _t("lying_back", ("lying",), ("lying on the back", "a person lying down face up",
                                  "lying flat on the floor"), lying_back),
    _t("lying_front", ("lying",), ("lying face down", "lying on the stomach",
                                   "a person lying prone"), lying_front),
    _t("lying_side", ("lying",), ("lying on the {lead} side", "a person lying on their side",
                                  "resting on the {lead} side"), lying_side),
    _t("squat", ("squatting",), ("squatting", "a deep squat", "crouching down"), squat,
       weight=1.2),
    _t("lunge", ("lunging",), ("a forward lunge with the {lead} leg", "lunging forward",
                               "a lunge, {lead} knee forward"), lunge),
    _t("reach_up", ("reaching",), ("reaching up with the {lead} hand", "reaching for a high shelf",
                                   "stretching up"), reach_up),
    _t("reach_forward", ("reaching",), ("reaching forward with the {lead} hand",
                                        "reaching out to grab something"), reach_forward),
    _t("point", ("pointing",), ("pointing with the {lead} hand", "pointing at something",
                                "pointing to the {lead}"), point),
    _t("wave", ("waving",), ("waving with the {lead} hand", "waving hello", "saying goodbye"),
       wave),
    _t("arms_crossed", ("arms crossed",), ("standing with arms crossed",
                                           "arms folded across the chest",
                                           "a confident pose with crossed arms"), arms_crossed,
       mirror=False),
    _t("hands_on_hips", ("hands on hips",), ("hands on hips", "standing akimbo",
                                             "a superhero pose with hands on the hips"),
       hands_on_hips, mirror=False),
    _t("hand_on_hip", ("hand on hip",), ("the {lead} hand on the hip",
                                         "standing casually with one hand on the hip"),
       hand_on_hip),
    _t("hands_on_head", ("hands on head",), ("hands on the head", "both hands on top of the head",
                                             "a shocked pose, hands on the head"), hands_on_head,
       mirror=False),
    _t("hands_behind_head", ("hands behind head",), ("hands behind the head",
                                                     "relaxing with hands behind the head"),
       hands_behind_head, mirror=False),
    _t("thinking", ("thinking",), ("thinking with the {lead} hand on the chin",
                                   "a pensive pose", "pondering, hand on the chin"), thinking),
    _t("salute", ("saluting",), ("a military salute with the {lead} hand", "saluting"),
       salute),
    _t("phone_call", ("phoning",), ("talking on the phone", "holding a phone to the {lead} ear"),
       phone_call),
    _t("star_jump", ("jumping",), ("a star jump", "doing jumping jacks",
                                   "jumping with arms and legs spread"), star_jump, mirror=False),
    _t("jump_tuck", ("jumping",), ("a tuck jump", "jumping with the knees pulled up"), jump_tuck,
       mirror=False),
    _t("jump_up", ("jumping",), ("jumping up with arms raised", "leaping into the air"),
       jump_up, mirror=False),
    _t("kick_front", ("kicking",), ("a front kick with the {lead} leg",
                                    "kicking forward with the {lead} foot"), kick_front),
    _t("kick_soccer", ("kicking",), ("kicking a ball with the {lead} foot",
                                     "a soccer player about to kick the ball"), kick_soccer),
    _t("kick_side", ("kicking",), ("a side kick with the {lead} leg", "a martial arts side kick"),
       kick_side),
    _t("run", ("running",), ("running", "a person running fast", "a sprinter in full stride"),
       run, weight=1.3),
    _t("walk", ("walking",), ("walking", "a person walking forward", "mid-stride walk"), walk),
    _t("arabesque", ("dancing",), ("a ballet arabesque", "a dancer balancing on the {other} leg, "
                                   "{lead} leg extended behind"), arabesque),
    _t("disco_point", ("dancing",), ("a disco point", "the Saturday Night Fever pose",
                                     "a disco dancer pointing to the sky"), disco_point),
    _t("goalkeeper_dive", ("diving",), ("a goalkeeper diving to his {lead}",
                                        "diving sideways to save the ball"), goalkeeper_dive),
    _t("basketball_shot", ("shooting",), ("shooting a basketball", "a jump shot",
                                          "a basketball player taking a shot"), basketball_shot),
    _t("tennis_serve", ("serving",), ("a tennis serve", "a tennis player serving"),
       tennis_serve),
    _t("boxing_guard", ("boxing",), ("a boxing guard", "a fighting stance with fists up",
                                     "a boxer ready to punch"), boxing_guard),
    _t("yoga_tree", ("yoga",), ("the yoga tree pose", "balancing on the {other} leg, "
                                "{lead} foot against the knee"), yoga_tree),
    _t("yoga_warrior", ("yoga",), ("the yoga warrior pose", "warrior two, arms stretched out"),
       yoga_warrior),
    _t("sprinter_start", ("sprinting",), ("a sprinter in the starting blocks",
                                          "crouched at the start line, ready to run"),
       sprinter_start),
    _t("exhausted", ("resting",), ("an exhausted runner after a marathon",
                                   "bent over with hands on the knees, catching breath"),
       exhausted, mirror=False),
    _t("celebrate", ("celebrating",), ("celebrating with arms up", "a victory pose",
                                       "cheering with both arms raised"), celebrate,
       mirror=False),
    _t("fist_pump", ("celebrating",), ("a fist pump with the {lead} arm", "yes! a fist pump"),
       fist_pump),
    _t("bow", ("bowing",), ("bowing", "a polite bow", "bending forward in a bow"), bow,
       mirror=False),
    _t("touch_toes", ("stretching",), ("reaching down toward the toes", "bending down to the feet",
                                       "a forward fold stretch"), touch_toes, mirror=False),
    _t("side_stretch", ("stretching",), ("a side stretch to the {other}",
                                         "stretching the {lead} arm over the head"),
       side_stretch),
    _t("push_up", ("push-up",), ("doing a push-up", "a plank position"), push_up, mirror=False),
    _t("all_fours", ("crawling",), ("on all fours", "crawling on hands and knees"), all_fours,
       mirror=False),
    _t("prayer", ("praying",), ("hands pressed together in prayer", "a namaste greeting"),
       prayer, mirror=False),
    _t("shrug", ("shrugging",), ("shrugging", "a shrug, palms up, I don't know"), shrug,
       mirror=False),
    _t("batter", ("batting",), ("a baseball batter ready to swing", "holding a bat, ready"),
       batter),
    _t("surrender", ("surrendering",), ("hands up, surrendering", "don't shoot, arms raised",
                                        "hands up in the air"), surrender, mirror=False),
    _t("biceps_flex", ("flexing",), ("a double biceps flex", "showing off the muscles",
                                     "a bodybuilder flexing both arms"), biceps_flex,
       mirror=False),
    _t("carry_box", ("carrying",), ("carrying a box", "holding something in front with both "
                                    "hands"), carry_box, mirror=False),
    _t("look_back", ("looking back",), ("looking back over the {lead} shoulder",
                                        "turning to look behind"), look_back),
    _t("lying_knees_up", ("lying",), ("lying on the back with knees bent",
                                      "lying down, knees up"), lying_knees_up, mirror=False),
    _t("crouch", ("crouching",), ("crouching", "sneaking in a low crouch", "a stealthy crouch"),
       crouch, mirror=False),
    _t("facepalm", ("facepalm",), ("a facepalm", "face in the {lead} hand, disappointed"),
       facepalm),
    _t("scratch_head", ("scratching head",), ("scratching the head with the {lead} hand",
                                              "confused, scratching the head"), scratch_head),
    _t("stretch_overhead", ("stretching",), ("stretching both arms overhead",
                                             "reaching up with hands together"),
       stretch_overhead, mirror=False),
    _t("superhero_landing", ("landing",), ("a superhero landing",
                                           "landing on the {lead} knee, fist on the ground"),
       superhero_landing),
    _t("throw", ("throwing",), ("throwing a ball with the {lead} arm", "a baseball pitch",
                                "winding up to throw"), throw),
    _t("climb", ("climbing",), ("climbing a ladder", "climbing up, {other} hand reaching high"),
       climb),
)
TEMPLATE_NAMES = tuple(t.name for t in TEMPLATES)


def template(name: str) -> Template:
    """The template called name."""
    for t in TEMPLATES:
        if t.name == name:
            return t
    raise KeyError(f"no sampler template {name!r}; known: {', '.join(TEMPLATE_NAMES)}")
