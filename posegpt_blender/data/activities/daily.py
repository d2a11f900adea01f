"""Everyday activity templates for the pose sampler: daily life, housework and trades, music,
games, travel, body language, gestures and emotions, each drawn as a full-body pose.

Builders follow the sampler's conventions (body frame +Y up, facing +Z, +X the body's left;
the right side leads and the project mirrors for the left); `ACTIVITIES` holds the templates.
"""
from __future__ import annotations

import numpy as np

from core.skeleton import JOINT_INDEX as J
from posegpt_blender.data.figure import (Builder, Figure, Template, _cross_shins, _flexed_leg,
                                         _kneeling_leg, _stand_legs, _waist)


# Helpers ---------------------------------------------------------------------------------------
def _to(f: Figure, side: str, joint: str, off: tuple[float, float, float],
        pole: tuple[float, float, float], jitter: float = 0.02) -> None:
    """Put the side's wrist at joint + off (metres, body frame, jittered); elbow toward pole."""
    o = np.array(off) + f.rng.uniform(-jitter, jitter, 3)
    f.reach(side, lambda p: p[J[joint]] + o, pole)


def _down(f: Figure, side: str) -> None:
    """One arm hanging relaxed."""
    el = -f.u(70, 85)
    f.arm(side, (el, f.u(-10, 20)), (el + f.u(0, 25), f.u(20, 90)))


def _down_or_hip(f: Figure, side: str) -> None:
    """One arm hanging or, half the time, its hand on the hip."""
    if f.u(0, 1) < 0.5:
        _down(f, side)
    else:
        f.reach(side, _waist(side), (1, 0, -0.4))


def _upright(f: Figure, spread: float = 40.0) -> None:
    """Standing legs, trunk near upright."""
    _stand_legs(f, spread)
    f.torso(f.u(-3, 6), f.u(-6, 6), f.u(-3, 3))


def _stagger(f: Figure) -> None:
    """Standing, the right foot half a step ahead."""
    f.leg("right", (-f.u(72, 82), f.u(80, 100)), (-f.u(84, 90), f.u(80, 100)), (-20, 90))
    f.leg("left", (-f.u(78, 84), -f.u(80, 100)), (-f.u(66, 74), -f.u(80, 100)), (-f.u(30, 50), 90))


def _stride(f: Figure) -> None:
    """Mid-stride walking legs, the right foot ahead."""
    f.leg("right", (-f.u(65, 78), f.u(80, 100)), (-f.u(80, 90), f.u(60, 120)), (-f.u(0, 20), 90))
    f.leg("left", (-f.u(70, 80), -f.u(80, 100)), (-f.u(55, 68), -f.u(80, 100)), (-50, 90))


def _stride_or_stand(f: Figure) -> None:
    """Walking legs half the time, else standing."""
    if f.u(0, 1) < 0.5:
        _stride(f)
    else:
        _upright(f)


def _bent_knees(f: Figure, lo: float = 15.0, hi: float = 35.0) -> None:
    """Both knees bent the same amount, feet flat under the hips."""
    thigh = -90 + f.u(lo, hi)
    for side in ("left", "right"):
        f.leg(side, (thigh + f.u(-3, 3), f.u(80, 100)), (-f.u(70, 80), -f.u(80, 100)),
              (-f.u(15, 30), 90))


def _sit(f: Figure, lean: tuple[float, float] = (-5.0, 15.0)) -> None:
    """Seated on a chair, thighs forward, shins down."""
    for side in ("left", "right"):
        f.leg(side, (-f.u(0, 10), f.u(78, 95)), (-f.u(78, 95), f.u(80, 100)), (-f.u(10, 30), 90))
    f.torso(f.u(*lean), f.u(-8, 8), f.u(-4, 4))


def _kneel2(f: Figure) -> None:
    """Both knees on the floor, thighs upright."""
    thigh, shin = -f.u(78, 90), f.u(10, 16)
    for side in ("left", "right"):
        f.leg(side, (thigh + f.u(-2, 2), f.u(75, 105)), (shin + f.u(-2, 2), -f.u(80, 100)),
              (-f.u(40, 55), -90))


def _straight(f: Figure, side: str, el: float, az: float, bend: float = 6.0) -> None:
    """An arm nearly straight along (el, az)."""
    f.arm(side, (el, az), (el + f.u(-bend, bend), az + f.u(-bend, bend)))


# Everyday life ---------------------------------------------------------------------------------
def texting(f: Figure) -> None:
    _upright(f)
    _to(f, "right", "spine3", (-0.03, -0.02, 0.3), (0.6, -1, -0.2))
    _to(f, "left", "spine3", (0.05, -0.03, 0.29), (0.6, -1, -0.2))
    f.head(f.u(30, 45), f.u(-8, 8))


def selfie(f: Figure) -> None:
    _upright(f)
    _straight(f, "right", f.u(20, 40), f.u(55, 80))
    _down_or_hip(f, "left")
    f.head(-f.u(5, 15), -f.u(10, 25), -f.u(5, 15))


def yawning(f: Figure) -> None:
    _upright(f)
    _to(f, "right", "head", (-0.01, -0.07, 0.12), (0.4, -1, 0.2))
    f.arm("left", (f.u(40, 65), f.u(-10, 30)), (f.u(55, 80), f.u(60, 130)))
    f.torso(-f.u(3, 10))
    f.head(-f.u(15, 30), 0, f.u(-8, 8))


def waking_stretch(f: Figure) -> None:
    _sit(f, (-12, 0))
    for side in ("left", "right"):
        f.arm(side, (f.u(40, 65), f.u(10, 40)), (f.u(65, 85), f.u(60, 140)))
    f.head(-f.u(15, 30))


def drinking_cup(f: Figure) -> None:
    _upright(f)
    _to(f, "right", "head", (-0.03, -0.09, 0.14), (0.6, -1, 0.2))
    _down(f, "left")
    f.head(-f.u(5, 20))


def drinking_bottle(f: Figure) -> None:
    _upright(f)
    _to(f, "right", "head", (-0.02, 0.0, 0.2), (0.7, 0.1, 0.3))
    _down(f, "left")
    f.torso(-f.u(5, 12))
    f.head(-f.u(30, 45))


def eating_fork(f: Figure) -> None:
    _sit(f, (8, 20))
    _to(f, "right", "head", (-0.04, -0.1, 0.15), (0.6, -1, 0))
    _to(f, "left", "spine1", (0.15, 0.05, 0.4), (0.8, -0.5, -0.3))
    f.head(f.u(10, 25))


def eating_sandwich(f: Figure) -> None:
    _upright(f)
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "head", (s * 0.05, -0.09, 0.15), (0.7, -1, 0))
    f.head(f.u(5, 15), f.u(-10, 10))


def brushing_teeth(f: Figure) -> None:
    _upright(f)
    _to(f, "right", "head", (-0.04, -0.07, 0.14), (1, -0.1, 0.1))
    _down(f, "left")
    f.torso(f.u(5, 15))
    f.head(f.u(0, 15), f.u(-10, 10))


def combing_hair(f: Figure) -> None:
    _upright(f)
    _to(f, "right", "head", (-0.09, 0.1, -0.02), (1, 0.4, 0.3))
    _down(f, "left")
    f.head(f.u(-5, 10), 0, f.u(0, 12))


def drying_hair(f: Figure) -> None:
    _upright(f, 60)
    f.torso(f.u(15, 30))
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "head", (s * 0.08, 0.09, 0.08), (1, 0.2, 0.5))
    f.head(f.u(25, 40))


def shaving(f: Figure) -> None:
    _upright(f)
    _to(f, "right", "head", (-0.07, -0.06, 0.11), (0.5, -1, 0.3))
    _down(f, "left")
    f.head(-f.u(15, 30), f.u(10, 25), f.u(5, 15))


def putting_on_hat(f: Figure) -> None:
    _upright(f)
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "head", (s * 0.1, 0.15, 0.03), (1, 0.1, 0.6))
    f.head(f.u(-5, 10))


def adjusting_tie(f: Figure) -> None:
    _upright(f)
    _to(f, "right", "head", (-0.01, -0.16, 0.11), (0.6, -1, 0.2))
    _to(f, "left", "head", (0.02, -0.2, 0.1), (0.6, -1, 0.2))
    f.head(-f.u(10, 25))


def reading_book_standing(f: Figure) -> None:
    _upright(f)
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "spine3", (s * 0.11, -0.02, 0.3), (0.6, -1, -0.2))
    f.head(f.u(25, 40))


def reading_book_sitting(f: Figure) -> None:
    _sit(f, (0, 12))
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "spine3", (s * 0.11, -0.08, 0.3), (0.6, -1, -0.2))
    f.head(f.u(25, 40))


def reading_newspaper(f: Figure) -> None:
    _sit(f, (-8, 5))
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "spine3", (s * 0.3, 0.02, 0.32), (1, -0.8, -0.2))
    f.head(f.u(5, 20))


def reading_in_bed(f: Figure) -> None:
    for side in ("left", "right"):
        f.leg(side, (-f.u(80, 90), f.u(70, 110)), (-f.u(85, 90), f.u(70, 110)), (-f.u(0, 20), 90))
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "spine3", (s * 0.12, 0.33, 0.22), (1, 0, -0.5))
    f.torso(f.u(10, 20))
    f.head(f.u(0, 10))
    f.tilt(-f.u(55, 68))


def lying_belly_reading(f: Figure) -> None:
    for side in ("left", "right"):
        _flexed_leg(f, side, f.u(-5, 5), f.u(70, 120))
    for side in ("left", "right"):
        f.arm(side, (-f.u(0, 15), f.u(75, 90)), (f.u(65, 80), f.u(80, 100)))
    f.torso(-f.u(5, 15))
    f.head(-f.u(10, 25))
    f.level(("left_elbow", "right_elbow"), ("left_knee", "right_knee"), (60, 85))


# Housework, work and trades ------------------------------------------------------------------
def sweeping(f: Figure) -> None:
    _stagger(f)
    f.torso(f.u(10, 25), -f.u(10, 25))
    _to(f, "right", "pelvis", (-0.2, f.u(-0.05, 0.05), 0.3), (1, -0.3, -0.3))
    _to(f, "left", "spine3", (-0.08, 0.0, 0.25), (1, -1, 0))
    f.head(f.u(20, 35), -f.u(5, 20))


def mopping(f: Figure) -> None:
    _bent_knees(f, 10, 25)
    f.torso(f.u(20, 35))
    _to(f, "right", "pelvis", (-0.05, 0.0, 0.45), (1, -0.5, -0.3))
    _to(f, "left", "spine3", (0.0, -0.05, 0.32), (1, -1, 0))
    f.head(f.u(20, 35))


def vacuuming(f: Figure) -> None:
    f.leg("right", (-f.u(45, 60), f.u(80, 100)), (-f.u(80, 90), f.u(80, 100)), (-20, 90))
    f.leg("left", (-f.u(70, 78), -f.u(80, 100)), (-f.u(55, 65), -f.u(80, 100)), (-40, 90))
    f.torso(f.u(15, 30))
    _straight(f, "right", -f.u(30, 45), f.u(75, 95), 5)
    _down(f, "left")
    f.head(f.u(15, 30))


def washing_dishes(f: Figure) -> None:
    _upright(f)
    f.torso(f.u(12, 25))
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "pelvis", (s * 0.1, 0.15, 0.4), (0.8, -1, -0.3))
    f.head(f.u(30, 45))


def kneading_dough(f: Figure) -> None:
    _stagger(f)
    f.torso(f.u(20, 30))
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "pelvis", (s * 0.08, 0.05, 0.45), (0.7, 0, -1))
    f.head(f.u(30, 45))


def ironing(f: Figure) -> None:
    _upright(f)
    f.torso(f.u(8, 20))
    _to(f, "right", "pelvis", (-0.14, 0.12, 0.48), (1, -0.6, -0.4))
    _to(f, "left", "pelvis", (0.18, 0.1, 0.35), (1, -0.6, -0.4))
    f.head(f.u(30, 45), -f.u(0, 15))


def hanging_laundry(f: Figure) -> None:
    _upright(f)
    f.torso(-f.u(3, 10))
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "head", (s * 0.15, 0.2, 0.3), (1, 0, 0))
    f.head(-f.u(10, 25))


def making_bed(f: Figure) -> None:
    _bent_knees(f, 5, 20)
    f.pelvis(f.u(35, 50))
    f.torso(f.u(10, 20))
    for side, s in (("left", 1), ("right", -1)):
        _straight(f, side, -f.u(40, 60), f.u(60, 85))
    f.head(f.u(10, 25))


def cleaning_window(f: Figure) -> None:
    _upright(f)
    _to(f, "right", "head", (-f.u(0.05, 0.2), f.u(-0.05, 0.15), 0.4), (1, -0.4, 0))
    _down(f, "left")
    f.head(f.u(-10, 5), -f.u(0, 15))


def stirring_pot(f: Figure) -> None:
    _upright(f)
    f.torso(f.u(5, 15))
    _to(f, "right", "pelvis", (-0.1, 0.2, 0.35), (1, -0.3, -0.3))
    _to(f, "left", "pelvis", (0.22, 0.15, 0.3), (1, -0.5, -0.3))
    f.head(f.u(30, 45))


def chopping(f: Figure) -> None:
    _upright(f)
    f.torso(f.u(10, 20))
    _to(f, "right", "pelvis", (-0.13, 0.17, 0.38), (1, -0.3, -0.3))
    _to(f, "left", "pelvis", (0.03, 0.13, 0.38), (1, -0.7, -0.3))
    f.head(f.u(35, 50))


def waiter_tray(f: Figure) -> None:
    _stride_or_stand(f)
    _to(f, "right", "right_shoulder", (-0.12, 0.1, 0.18), (0.6, -1, 0))
    _to(f, "left", "pelvis", (0.05, 0.05, -0.16), (1, 0, -0.5))
    f.head(f.u(-5, 10))


def pushing_cart(f: Figure) -> None:
    _stride(f)
    f.torso(f.u(10, 20))
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "pelvis", (s * 0.2, 0.12, 0.48), (1, -0.6, -0.2))
    f.head(f.u(-5, 10))


def pushing_wheelbarrow(f: Figure) -> None:
    _stride(f)
    f.torso(f.u(30, 45))
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "pelvis", (s * 0.3, -0.05, 0.2), (1, 0, -0.3))
    f.head(-f.u(5, 20))


def pulling_rope(f: Figure) -> None:
    f.leg("right", (-f.u(40, 55), f.u(80, 100)), (-f.u(80, 90), f.u(-100, 90)), (-10, 90))
    f.leg("left", (-f.u(70, 80), f.u(60, 100)), (-f.u(85, 90), f.u(-100, -80)), (-20, 90))
    f.torso(f.u(0, 10), f.u(5, 15))
    _to(f, "right", "pelvis", (-0.02, 0.15, 0.45), (1, -0.8, 0))
    _to(f, "left", "pelvis", (0.02, 0.12, 0.25), (1, -0.8, 0))
    f.head(f.u(-5, 10))
    f.tilt(-f.u(18, 28))


def lifting_box(f: Figure) -> None:
    thigh = -f.u(20, 40)
    for side in ("left", "right"):
        f.leg(side, (thigh + f.u(-3, 3), f.u(55, 75)), (-f.u(65, 75), -f.u(80, 100)), (-20, 90))
    f.torso(f.u(25, 40))
    for side, s in (("left", 1), ("right", -1)):
        f.reach(side, lambda p, s=s: (p[J["left_knee"]] + p[J["right_knee"]]) / 2 + [
            s * 0.2, -0.25, 0.2], (1, 0, 0))
    f.head(f.u(0, 15))


def carrying_sack_shoulder(f: Figure) -> None:
    _stride(f)
    f.torso(f.u(5, 15), 0, f.u(5, 12))
    _to(f, "right", "right_shoulder", (-0.02, 0.15, 0.06), (1, -1, 0.5))
    _down(f, "left")
    f.head(f.u(0, 10), 0, f.u(10, 20))


def carrying_bucket(f: Figure) -> None:
    _stride_or_stand(f)
    f.torso(f.u(0, 8), 0, f.u(8, 18))
    _straight(f, "right", -f.u(82, 88), f.u(-10, 10), 3)
    f.arm("left", (-f.u(10, 35), f.u(-10, 20)), (-f.u(0, 30), f.u(0, 40)))
    f.head(0, 0, f.u(-5, 5))


def carrying_child_hip(f: Figure) -> None:
    f.pelvis(0, f.u(-5, 5), -f.u(6, 12))
    f.leg("right", (-f.u(84, 88), f.u(-20, 10)), (-f.u(86, 90), 90))
    f.leg("left", (-f.u(75, 82), f.u(60, 100)), (-f.u(70, 80), f.u(-100, -60)))
    f.torso(0, f.u(0, 10), f.u(8, 15))
    _to(f, "right", "pelvis", (-0.05, 0.12, 0.24), (1, -1, 0))
    _to(f, "left", "spine3", (-0.1, 0.02, 0.22), (1, -1, 0))
    f.head(f.u(0, 15), -f.u(10, 30))


def hammering(f: Figure) -> None:
    _stagger(f)
    f.torso(f.u(0, 10))
    _to(f, "right", "right_shoulder", (-0.05, 0.2, 0.15), (1, -0.2, 0))
    _to(f, "left", "spine3", (0.0, 0.05, 0.4), (1, -1, 0))
    f.head(f.u(0, 15))


def chopping_wood(f: Figure) -> None:
    _upright(f, 50)
    f.torso(-f.u(3, 10), -f.u(5, 15))
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "head", (-0.12 + s * 0.03, f.u(0.25, 0.35), -0.05), (1, 0.2, 0.5))
    f.head(f.u(5, 20))


def sawing(f: Figure) -> None:
    _stagger(f)
    f.torso(f.u(25, 40))
    _to(f, "right", "pelvis", (-0.2, 0.2, f.u(0.05, 0.2)), (0.5, 0.2, -1))
    _to(f, "left", "pelvis", (0.15, 0.05, 0.45), (1, -0.5, 0))
    f.head(f.u(20, 35))


def drilling_wall(f: Figure) -> None:
    _stagger(f)
    f.torso(f.u(5, 15))
    _to(f, "right", "right_shoulder", (0.02, 0.0, 0.38), (1, -1, -0.3))
    _to(f, "left", "right_shoulder", (0.1, -0.1, 0.32), (1, -1, -0.3))
    f.head(f.u(0, 10))


def shovelling(f: Figure) -> None:
    _bent_knees(f, 25, 45)
    f.torso(f.u(30, 45), -f.u(10, 25))
    _to(f, "right", "right_knee", (0.05, 0.05, 0.35), (1, 0, -0.3))
    _to(f, "left", "pelvis", (-0.05, 0.1, 0.25), (1, -0.5, 0))
    f.head(f.u(10, 25))


def raking(f: Figure) -> None:
    _stagger(f)
    f.torso(f.u(15, 25))
    _to(f, "right", "pelvis", (-0.15, 0.15, 0.5), (1, -0.4, -0.2))
    _to(f, "left", "spine3", (-0.05, -0.05, 0.25), (1, -1, 0))
    f.head(f.u(25, 40))


def digging_spade(f: Figure) -> None:
    f.leg("right", (-f.u(40, 55), f.u(75, 95)), (-f.u(80, 90), f.u(-100, 90)), (-10, 90))
    f.leg("left", (-f.u(85, 89), f.u(60, 110)), (-f.u(86, 90), f.u(60, 120)), (-20, 90))
    f.torso(f.u(15, 25))
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "pelvis", (s * 0.05 - 0.03, 0.15 + s * 0.07, 0.32), (1, -0.5, -0.2))
    f.head(f.u(25, 40))


def planting(f: Figure) -> None:
    _kneel2(f)
    f.pelvis(f.u(20, 30))
    f.torso(f.u(25, 40))
    for side, s in (("left", 1), ("right", -1)):
        f.reach(side, lambda p, s=s: (p[J["left_knee"]] + p[J["right_knee"]]) / 2 + [
            s * 0.1, 0.02, 0.35], (1, 0.2, 0))
    f.head(f.u(15, 30))


def watering_plants(f: Figure) -> None:
    _upright(f)
    f.torso(f.u(5, 15))
    f.arm("right", (-f.u(45, 60), f.u(60, 80)), (-f.u(20, 35), f.u(75, 95)))
    _down(f, "left")
    f.head(f.u(30, 45))


def changing_lightbulb(f: Figure) -> None:
    """The right hand up at the ceiling, looking up at it."""
    _upright(f)
    f.arm("right", (f.u(78, 86), f.u(20, 60)), (f.u(80, 88), f.u(40, 80)))
    _down(f, "left")
    f.head(-f.u(30, 45))


def painting_ceiling(f: Figure) -> None:
    """A roller on a pole pushed along the ceiling: both hands above the head, looking up."""
    _stagger(f)
    f.torso(-f.u(5, 15))
    _to(f, "right", "head", (-0.08, f.u(0.2, 0.35), 0.2), (1, -0.3, 0))
    _to(f, "left", "head", (0.05, f.u(0.05, 0.15), 0.15), (1, -0.3, 0))
    f.head(-f.u(25, 40))


def painting_roller(f: Figure) -> None:
    _stagger(f)
    f.torso(-f.u(0, 8))
    _to(f, "right", "head", (-0.05, f.u(0.2, 0.35), 0.35), (1, -0.3, 0))
    _to(f, "left", "spine3", (0.0, 0.15, 0.35), (1, -1, 0))
    f.head(-f.u(15, 30))


def painting_easel(f: Figure) -> None:
    _upright(f)
    _to(f, "right", "right_shoulder", (0.05, f.u(-0.05, 0.1), 0.42), (1, -0.8, 0))
    _to(f, "left", "pelvis", (0.25, 0.2, 0.22), (1, -0.5, -0.5))
    f.head(f.u(0, 12), f.u(-10, 5))


def sewing(f: Figure) -> None:
    _sit(f, (10, 20))
    _to(f, "left", "spine3", (0.04, -0.08, 0.25), (0.7, -1, 0))
    _to(f, "right", "spine3", (-0.08, f.u(0.0, 0.08), 0.27), (1, -0.5, 0))
    f.head(f.u(35, 50))


def knitting(f: Figure) -> None:
    _sit(f, (0, 12))
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "spine1", (s * 0.07, 0.05, 0.28), (0.7, -1, 0))
    f.head(f.u(30, 45))


def typing_laptop(f: Figure) -> None:
    _sit(f, (5, 15))
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "spine1", (s * 0.12, 0.03, 0.42), (0.6, -1, 0))
    f.head(f.u(20, 35))


def writing_desk(f: Figure) -> None:
    _sit(f, (15, 25))
    _to(f, "right", "spine1", (-0.1, 0.05, 0.42), (1, -0.6, 0))
    _to(f, "left", "spine1", (0.22, 0.06, 0.4), (1, -0.6, 0))
    f.head(f.u(30, 45), f.u(-5, 10))


def writing_board(f: Figure) -> None:
    _stagger(f)
    f.torso(0, f.u(5, 15))
    _to(f, "right", "right_shoulder", (0.05, f.u(0.1, 0.25), 0.45), (1, -0.5, 0))
    _down(f, "left")
    f.head(-f.u(5, 15), f.u(0, 10))


def phone_sitting(f: Figure) -> None:
    _sit(f)
    _to(f, "right", "head", (-0.09, 0.0, 0.02), (0.3, -1, 0.4))
    f.reach("left", lambda p: p[J["left_knee"]] + [0, 0.06, -0.05], (0.3, -0.2, -1))
    f.head(f.u(-5, 15), f.u(-20, 20))


def bartender_shaking(f: Figure) -> None:
    _upright(f)
    _to(f, "right", "right_shoulder", (0.05, 0.12, 0.18), (1, -0.5, 0))
    _to(f, "left", "right_shoulder", (0.12, 0.0, 0.2), (1, -1, 0))
    f.head(f.u(-5, 10), -f.u(0, 15))


def barista_pouring(f: Figure) -> None:
    _upright(f)
    f.torso(f.u(5, 15))
    _to(f, "left", "spine3", (0.04, -0.12, 0.3), (1, -1, 0))
    _to(f, "right", "spine3", (-0.06, 0.0, 0.32), (1, -0.3, 0))
    f.head(f.u(35, 50))


def surgeon(f: Figure) -> None:
    _upright(f, 20)
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, f"{side}_shoulder", (-s * 0.05, 0.05, 0.22), (0.6, -1, 0))
    f.head(f.u(0, 15))


def police_stop(f: Figure) -> None:
    _upright(f, 30)
    el = f.u(5, 20)
    f.arm("right", (el, f.u(78, 92)), (el, f.u(80, 92)), (f.u(60, 75), 90))
    _down(f, "left")
    f.head(f.u(-5, 5))


def traffic_directing(f: Figure) -> None:
    _upright(f, 30)
    _straight(f, "right", f.u(0, 12), f.u(-10, 10), 4)
    f.arm("left", (f.u(-10, 10), f.u(40, 80)), (f.u(40, 70), f.u(120, 160)))
    f.head(0, -f.u(40, 70))


def raising_hand_class(f: Figure) -> None:
    _sit(f)
    _straight(f, "right", f.u(75, 88), f.u(20, 90), 5)
    f.reach("left", lambda p: p[J["spine1"]] + [0.05, 0.0, 0.4], (1, -1, 0))
    f.head(-f.u(5, 15))


# Music -----------------------------------------------------------------------------------------
def guitar(f: Figure) -> None:
    _upright(f, 50)
    _to(f, "right", "pelvis", (-0.05, 0.15, 0.2), (1, 0.2, -0.2))
    _to(f, "left", "spine3", (0.42, f.u(-0.12, 0.02), 0.2), (0.3, -1, -0.3))
    f.head(f.u(15, 35), f.u(0, 25))


def bass_guitar(f: Figure) -> None:
    _upright(f, 60)
    f.torso(f.u(5, 15))
    _to(f, "right", "pelvis", (-0.03, 0.05, 0.18), (1, 0.2, -0.2))
    _to(f, "left", "spine1", (0.45, f.u(-0.05, 0.08), 0.22), (0.3, -1, -0.3))
    f.head(f.u(25, 45), f.u(-10, 10))


def air_guitar(f: Figure) -> None:
    _upright(f, 60)
    f.torso(-f.u(5, 15))
    _straight(f, "right", f.u(65, 85), f.u(-10, 30), 5)
    _to(f, "left", "spine3", (0.42, 0.05, 0.2), (0.3, -1, -0.3))
    f.head(-f.u(15, 30))


def violin(f: Figure) -> None:
    _upright(f)
    _to(f, "left", "head", (0.28, -0.08, 0.35), (0.5, -1, 0))
    _to(f, "right", "spine3", (-0.28, 0.1, 0.25), (1, 0.2, -0.3))
    f.head(f.u(10, 20), f.u(15, 30), f.u(10, 20))


def cello(f: Figure) -> None:
    for side, s in (("left", 1), ("right", -1)):
        f.leg(side, (-f.u(0, 10), f.u(45, 65)), (-f.u(80, 95), f.u(60, 100)), (-20, 90))
    f.torso(f.u(5, 15))
    _to(f, "left", "spine3", (0.12, f.u(0.12, 0.2), 0.28), (1, -0.5, 0))
    _to(f, "right", "spine1", (-0.2, 0.0, 0.3), (1, 0, -0.3))
    f.head(f.u(5, 20), f.u(5, 20))


def piano(f: Figure) -> None:
    _sit(f, (5, 15))
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "spine1", (s * f.u(0.15, 0.3), 0.08, 0.42), (1, -0.6, 0))
    f.head(f.u(15, 30), f.u(-10, 10))


def drums(f: Figure) -> None:
    _sit(f, (0, 10))
    f.leg("right", (-f.u(5, 15), f.u(80, 95)), (-f.u(65, 75), f.u(80, 100)), (-f.u(0, 15), 90))
    _to(f, "left", "spine1", (0.18, f.u(0.05, 0.15), 0.35), (1, -0.5, 0))
    if f.u(0, 1) < 0.5:
        _to(f, "right", "spine3", (-0.3, f.u(0.2, 0.35), 0.35), (1, -0.5, 0))
    else:
        _to(f, "right", "spine1", (-0.22, f.u(0.1, 0.2), 0.38), (1, -0.5, 0))
    f.head(f.u(0, 15), f.u(-10, 10))


def trumpet(f: Figure) -> None:
    _upright(f)
    f.torso(-f.u(3, 10))
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "head", (s * 0.04, -0.08, 0.27), (1, -0.6, 0))
    f.head(-f.u(5, 15))


def saxophone(f: Figure) -> None:
    _upright(f, 50)
    f.torso(-f.u(5, 12))
    _to(f, "right", "pelvis", (-0.06, 0.18, 0.2), (1, -0.3, 0))
    _to(f, "left", "spine3", (0.03, -0.03, 0.22), (1, -0.6, 0))
    f.head(f.u(5, 15))


def flute(f: Figure) -> None:
    _upright(f)
    _to(f, "left", "head", (-0.04, -0.09, 0.15), (0.6, -1, 0.2))
    _to(f, "right", "head", (-0.3, -0.12, 0.13), (1, -0.5, 0))
    f.head(f.u(0, 10), -f.u(5, 15), f.u(5, 15))


def accordion(f: Figure) -> None:
    _upright(f, 50)
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "spine3", (s * f.u(0.26, 0.34), -0.08, 0.18), (1, -0.6, -0.2))
    f.head(f.u(0, 15), f.u(-15, 15))


def harp(f: Figure) -> None:
    _sit(f, (0, 10))
    _to(f, "right", "spine3", (-0.12, f.u(-0.1, 0.05), 0.25), (1, -0.6, 0))
    _to(f, "left", "spine3", (0.1, f.u(-0.15, 0.0), 0.38), (1, -0.6, 0))
    f.head(f.u(5, 20), f.u(0, 20), -f.u(5, 12))


def conducting(f: Figure) -> None:
    _upright(f, 30)
    f.arm("right", (f.u(15, 45), f.u(40, 80)), (f.u(25, 60), f.u(60, 95)))
    f.arm("left", (f.u(0, 25), f.u(30, 60)), (f.u(40, 70), f.u(60, 110)))
    f.head(-f.u(0, 10))


def singing_mic(f: Figure) -> None:
    _stagger(f)
    _to(f, "right", "head", (-0.02, -0.09, 0.14), (0.6, -1, 0))
    f.arm("left", (f.u(0, 35), f.u(20, 60)), (f.u(5, 45), f.u(30, 70)))
    f.torso(-f.u(0, 10))
    f.head(-f.u(10, 25))


def rapper(f: Figure) -> None:
    _upright(f, 60)
    _to(f, "right", "head", (-0.03, -0.09, 0.13), (0.6, -1, 0))
    f.arm("left", (-f.u(30, 50), f.u(40, 70)), (f.u(-5, 20), f.u(80, 110)))
    f.torso(f.u(5, 15))
    f.head(f.u(5, 15))


def dj(f: Figure) -> None:
    _upright(f)
    f.torso(f.u(10, 20))
    _to(f, "left", "head", (0.1, 0.0, 0.0), (1, -0.5, 0))
    _to(f, "right", "pelvis", (-0.15, 0.2, 0.4), (1, -0.5, -0.2))
    f.head(f.u(20, 35), 0, f.u(5, 20))


def rock_horns(f: Figure) -> None:
    _upright(f, 60)
    _straight(f, "right", f.u(55, 80), f.u(40, 90), 8)
    _down(f, "left")
    f.torso(f.u(10, 25))
    f.head(f.u(25, 45))


# Games and play --------------------------------------------------------------------------------
def juggling(f: Figure) -> None:
    _upright(f, 20)
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "spine1", (s * 0.2, f.u(0.02, 0.12), 0.33), (0.6, -1, 0))
    f.head(-f.u(15, 30))


def magician_bow(f: Figure) -> None:
    _stagger(f)
    f.pelvis(f.u(10, 20))
    f.torso(f.u(30, 45))
    _to(f, "right", "spine1", (0.08, 0.05, 0.22), (1, -0.5, 0))
    _straight(f, "left", -f.u(0, 25), f.u(-10, 20))
    f.head(f.u(0, 15))


def video_games(f: Figure) -> None:
    _sit(f, (10, 25))
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "spine1", (s * 0.07, 0.0, 0.33), (1, -0.8, 0))
    f.head(f.u(0, 15))


def playing_chess(f: Figure) -> None:
    _sit(f, (15, 25))
    _to(f, "right", "spine1", (-0.05, 0.02, 0.45), (1, -0.6, 0))
    _to(f, "left", "head", (0.0, -0.12, 0.09), (0.2, -1, 0.3))
    f.head(f.u(25, 40))


def playing_cards(f: Figure) -> None:
    _sit(f, (0, 12))
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "spine3", (s * 0.05, -0.08, 0.27), (0.6, -1, 0))
    f.head(f.u(15, 30))


def throwing_dice(f: Figure) -> None:
    _stagger(f)
    f.torso(f.u(10, 20))
    f.arm("right", (-f.u(30, 50), f.u(70, 90)), (-f.u(5, 20), f.u(80, 100)))
    _down(f, "left")
    f.head(f.u(20, 35))


def hopscotch(f: Figure) -> None:
    f.leg("right", (-f.u(78, 86), f.u(80, 100)), (-f.u(70, 80), -f.u(80, 100)), (-50, 90))
    _flexed_leg(f, "left", f.u(-10, 10), f.u(70, 100))
    for side in ("left", "right"):
        f.arm(side, (-f.u(20, 45), f.u(-10, 40)), (-f.u(10, 40), f.u(20, 70)))
    f.torso(f.u(5, 15))
    f.head(f.u(20, 35))


def rock_paper_scissors(f: Figure) -> None:
    _stagger(f)
    f.torso(f.u(5, 15))
    f.arm("right", (-f.u(55, 70), f.u(60, 90)), (-f.u(0, 20), f.u(80, 100)))
    _down(f, "left")
    f.head(f.u(10, 25))


def peeking_around_corner(f: Figure) -> None:
    _stand_legs(f, 20)
    f.torso(f.u(5, 15), 0, -f.u(20, 30))
    _to(f, "left", "head", (-0.05, -0.05, 0.25), (1, -1, 0))
    _down(f, "right")
    f.head(f.u(0, 10), f.u(0, 15), -f.u(10, 20))


def counting_hide_seek(f: Figure) -> None:
    _upright(f, 20)
    f.torso(f.u(5, 15))
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "head", (s * 0.04, 0.02, 0.13), (1, -0.6, 0.2), 0.01)
    f.head(f.u(15, 30))


def pushing_swing(f: Figure) -> None:
    f.leg("right", (-f.u(55, 70), f.u(80, 100)), (-f.u(80, 90), f.u(80, 100)), (-20, 90))
    f.leg("left", (-f.u(65, 72), -f.u(80, 100)), (-f.u(55, 65), -f.u(80, 100)), (-50, 90))
    f.torso(f.u(10, 20))
    for side, s in (("left", 1), ("right", -1)):
        _straight(f, side, f.u(0, 15), f.u(75, 88), 4)
    f.head(f.u(-5, 10))


def flying_kite(f: Figure) -> None:
    _stagger(f)
    f.torso(-f.u(5, 12))
    f.arm("right", (f.u(30, 55), f.u(60, 90)), (f.u(40, 65), f.u(70, 100)))
    f.arm("left", (-f.u(30, 50), f.u(50, 80)), (-f.u(0, 20), f.u(70, 100)))
    f.head(-f.u(25, 40))


# Looking, travel and getting about -------------------------------------------------------------
def taking_photo(f: Figure) -> None:
    _upright(f)
    _to(f, "right", "head", (-0.07, 0.02, 0.15), (1, -0.6, 0), 0.01)
    _to(f, "left", "head", (0.04, -0.04, 0.16), (0.6, -1, 0), 0.01)
    f.head(f.u(-5, 5))


def filming_phone(f: Figure) -> None:
    _upright(f)
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "head", (s * 0.07, -0.05, 0.4), (0.6, -1, 0))
    f.head(f.u(0, 10))


def binoculars(f: Figure) -> None:
    _upright(f)
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "head", (s * 0.05, 0.03, 0.14), (1, -0.2, 0.3), 0.01)
    f.torso(-f.u(0, 8))
    f.head(-f.u(5, 20), f.u(-15, 15))


def telescope(f: Figure) -> None:
    _stagger(f)
    f.torso(f.u(15, 30))
    _to(f, "right", "head", (-0.03, 0.02, 0.12), (1, -0.6, 0), 0.01)
    _to(f, "left", "head", (0.0, -0.03, 0.35), (0.6, -1, 0))
    f.head(f.u(0, 10))


def reading_map(f: Figure) -> None:
    _upright(f)
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "spine3", (s * 0.28, -0.04, 0.33), (1, -0.8, -0.2))
    f.head(f.u(30, 45), f.u(-15, 15))


def hitchhiking(f: Figure) -> None:
    _upright(f)
    f.arm("right", (-f.u(5, 20), f.u(-10, 20)), (f.u(0, 15), f.u(0, 30)))
    _down(f, "left")
    f.head(0, -f.u(50, 75))


def hailing_taxi(f: Figure) -> None:
    _stagger(f)
    _straight(f, "right", f.u(55, 75), f.u(20, 60), 6)
    _down(f, "left")
    f.torso(f.u(0, 8), 0, f.u(3, 8))
    f.head(f.u(-5, 5), -f.u(15, 40))


def checking_watch(f: Figure) -> None:
    _upright(f)
    _to(f, "left", "spine3", (0.05, 0.04, 0.3), (1, -1, 0))
    _to(f, "right", "spine3", (0.08, 0.02, 0.28), (0.6, -1, 0))
    f.head(f.u(30, 45), f.u(5, 15))


def knocking_door(f: Figure) -> None:
    _stagger(f)
    _to(f, "right", "head", (-0.12, -0.05, 0.38), (1, -1, 0))
    _down(f, "left")
    f.head(f.u(-5, 10))


def opening_door(f: Figure) -> None:
    _stagger(f)
    f.torso(f.u(5, 15), f.u(0, 10))
    _to(f, "right", "pelvis", (-0.18, 0.15, 0.45), (1, -0.3, -0.2))
    _down(f, "left")
    f.head(f.u(0, 15))


def pushing_heavy_door(f: Figure) -> None:
    f.leg("right", (-f.u(62, 70), -f.u(80, 100)), (-f.u(56, 64), -f.u(80, 100)), (-50, 90))
    f.leg("left", (-f.u(70, 80), f.u(80, 100)), (-f.u(85, 90), f.u(-100, -80)), (-20, 90))
    f.torso(f.u(5, 15))
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, f"{side}_shoulder", (-s * 0.05, 0.02, 0.38), (1, -0.5, 0))
    f.head(f.u(-5, 10))
    f.tilt(f.u(10, 18))


def pulling_drawer(f: Figure) -> None:
    _bent_knees(f, 20, 40)
    f.pelvis(f.u(10, 20))
    f.torso(f.u(20, 35))
    _to(f, "right", "pelvis", (-0.15, -0.2, 0.35), (1, 0, -0.3))  # a low drawer
    _down(f, "left")
    f.head(f.u(25, 40))


def throwing_trash(f: Figure) -> None:
    _stagger(f)
    f.torso(f.u(5, 15))
    _straight(f, "right", -f.u(15, 35), f.u(55, 85), 10)
    _down(f, "left")
    f.head(f.u(10, 25), -f.u(0, 15))


def climbing_stairs(f: Figure) -> None:
    _flexed_leg(f, "right", f.u(50, 70), f.u(60, 85))
    f.leg("left", (-f.u(82, 88), -f.u(80, 100)), (-f.u(70, 80), -f.u(80, 100)), (-50, 90))
    f.arm("left", (-f.u(65, 80), f.u(60, 100)), (-f.u(45, 70), f.u(80, 100)))
    f.arm("right", (-f.u(65, 80), -f.u(60, 100)), (-f.u(65, 85), f.u(0, 90)))
    f.torso(f.u(8, 18))
    f.head(f.u(10, 25))


def sitting_on_stairs(f: Figure) -> None:
    for side in ("left", "right"):
        f.leg(side, (f.u(10, 25), f.u(70, 90)), (-f.u(80, 90), f.u(-100, 90)), (-20, 90))
    f.torso(f.u(20, 30))
    for side in ("left", "right"):
        f.reach(side, lambda p, s=side: p[J[f"{s}_knee"]] + [0, -0.08, 0.1], (0.5, 0.3, -0.5))
    f.head(f.u(-5, 15))


def walking_dog(f: Figure) -> None:
    _stride(f)
    _straight(f, "right", -f.u(5, 20), f.u(80, 95), 3)
    _down(f, "left")
    f.torso(-f.u(5, 12))
    f.head(f.u(0, 10))
    f.tilt(-f.u(5, 12))


def holding_umbrella(f: Figure) -> None:
    _stride_or_stand(f)
    _to(f, "right", "spine3", (-0.08, f.u(0.0, 0.12), 0.25), (0.6, -1, 0))
    _down(f, "left")
    f.head(f.u(-5, 10))


def carrying_shopping_bags(f: Figure) -> None:
    _stride(f)
    for side in ("left", "right"):
        f.shrug(side, -f.u(3, 8))
        _straight(f, side, -f.u(76, 82), f.u(-15, 10), 3)
    f.head(f.u(0, 10))


def backpack_straps(f: Figure) -> None:
    _stride(f)
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "spine3", (s * 0.1, 0.05, 0.14), (0.6, -1, 0))
    f.torso(f.u(5, 12))
    f.head(f.u(0, 10), f.u(-15, 15))


def tightrope(f: Figure) -> None:
    f.leg("right", (-f.u(78, 84), f.u(95, 110)), (-f.u(86, 90), 90), (-10, 90))
    f.leg("left", (-f.u(80, 86), -f.u(80, 95)), (-f.u(70, 78), -f.u(80, 95)), (-40, 90))
    roll = f.u(-10, 10)
    for side in ("left", "right"):
        _straight(f, side, f.u(-15, 20), f.u(-15, 10), 6)
    f.torso(0, 0, roll)
    f.head(f.u(20, 35))


# Postures: leaning, sitting, lying -------------------------------------------------------------
def leaning_back_wall(f: Figure) -> None:
    f.leg("left", (-f.u(80, 86), f.u(60, 100)), (-f.u(84, 88), f.u(60, 100)), (-20, 90))
    f.leg("right", (-f.u(40, 55), f.u(80, 100)), (-f.u(60, 70), -f.u(80, 100)), (-40, 90))
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "pelvis", (s * 0.13, -0.03, -0.12), (1, 0, 0.2))
    f.head(f.u(-10, 10), f.u(-20, 20))
    f.tilt(-f.u(8, 14))


def leaning_shoulder_wall(f: Figure) -> None:
    # The left leg crossed over, its ankle past the right one.
    f.leg("right", (-f.u(82, 86), f.u(90, 130)), (-f.u(84, 88), f.u(60, 120)), (-20, 90))
    f.leg("left", (-f.u(66, 72), f.u(160, 180)), (-f.u(74, 80), f.u(160, 180)), (-40, 120))
    _to(f, "right", "head", (-0.22, 0.1, 0.02), (1, -1, 0.3))
    f.reach("left", _waist("left"), (1, 0, -0.4))
    f.head(0, f.u(-10, 20), -f.u(5, 15))
    f.tilt(0, 0, -f.u(10, 16))


def leaning_counter(f: Figure) -> None:
    _stand_legs(f, 30)
    f.pelvis(f.u(15, 25))
    f.torso(f.u(15, 25))
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "spine3", (s * 0.1, -0.2, 0.42), (1, -0.6, -0.3))
    f.head(-f.u(0, 15), f.u(-20, 20))


def hands_in_pockets(f: Figure) -> None:
    _upright(f)
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "pelvis", (s * 0.14, -0.07, 0.07), (1, 0, -0.5), 0.01)
    f.head(f.u(-5, 10), f.u(-20, 20))


def sitting_legs_crossed_chair(f: Figure) -> None:
    _sit(f, (-5, 8))
    # The right knee over the left, its shin hanging past the left one.
    f.leg("right", (f.u(8, 18), f.u(110, 125)), (-f.u(65, 75), f.u(150, 170)), (-20, 90))
    for side in ("left", "right"):
        f.reach(side, lambda p: p[J["right_knee"]] + [0, 0.07, -0.05], (0.5, -0.3, -0.5))
    f.head(f.u(-5, 10), f.u(-15, 15))


def slouching(f: Figure) -> None:
    for side in ("left", "right"):
        f.leg(side, (-f.u(5, 15), f.u(70, 100)), (-f.u(45, 60), f.u(70, 100)), (-10, 90))
    f.torso(f.u(20, 30))
    for side in ("left", "right"):
        _down(f, side)
    f.head(f.u(15, 30))
    f.tilt(-f.u(20, 28))


def lounging_sofa(f: Figure) -> None:
    recline = f.u(40, 55)
    _flexed_leg(f, "left", 90 - recline, f.u(0, 10))
    _flexed_leg(f, "right", 90 - recline + f.u(30, 50), f.u(60, 90))
    _to(f, "right", "head", (-0.05, 0.02, -0.1), (1, 0.2, 0))
    _to(f, "left", "spine1", (0.0, 0.0, 0.18), (1, -1, 0))
    f.torso(f.u(10, 20))
    f.head(f.u(15, 30))
    f.tilt(-recline)


def sleeping_curled(f: Figure) -> None:
    for side in ("left", "right"):
        _flexed_leg(f, side, f.u(75, 100), f.u(85, 115))
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "head", (s * 0.04, -0.1, 0.15), (0.6, -1, 0))
    f.torso(f.u(5, 15))
    f.head(f.u(5, 20))
    f.tilt(0, 0, -f.u(82, 92))


def fetal_position(f: Figure) -> None:
    for side in ("left", "right"):
        _flexed_leg(f, side, f.u(110, 125), f.u(125, 140))
    f.torso(f.u(25, 40))
    for side, s in (("left", 1), ("right", -1)):
        f.reach(side, lambda p, s=s: p[J["right_ankle"] if s < 0 else J["left_ankle"]] + [
            s * 0.03, 0.06, 0.05], (1, 0, 0))
    f.head(f.u(30, 45))
    f.tilt(0, 0, -f.u(82, 92))


def dozing_in_chair(f: Figure) -> None:
    _sit(f, (5, 15))
    for side in ("left", "right"):
        f.reach(side, lambda p, s=side: p[J[f"{s}_knee"]] * 0.5 + p[J[f"{s}_hip"]] * 0.5 + [
            0, 0.05, 0.0], (0.3, -0.2, -1))
    f.head(f.u(35, 50), f.u(-15, 15), f.u(10, 25))


def napping_on_desk(f: Figure) -> None:
    _sit(f, (35, 50))
    f.pelvis(f.u(10, 20))
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "head", (-s * 0.12, -0.06, 0.1), (1, 0, -0.5))
    f.head(f.u(20, 35), f.u(-30, 30))


def sitting_side_saddle(f: Figure) -> None:
    # Both shins folded toward the left; the feet lie flat beside them.
    f.leg("right", (-f.u(5, 15), f.u(100, 115)), (-f.u(0, 8), f.u(160, 185)),
          (-f.u(10, 30), f.u(90, 120)))
    f.leg("left", (-f.u(5, 15), f.u(65, 80)), (-f.u(0, 8), -f.u(20, 50)),
          (-f.u(0, 25), f.u(30, 55)))
    f.torso(f.u(0, 10), 0, -f.u(5, 15))
    _straight(f, "right", -f.u(60, 72), f.u(-10, 20), 4)
    f.reach("left", lambda p: p[J["left_knee"]] + [0.0, 0.06, 0.0], (1, -0.3, -0.5))
    f.head(f.u(0, 15), f.u(-20, 20))


def putting_on_sock(f: Figure) -> None:
    _sit(f, (35, 50))  # bent over the foot, within the hands' reach
    f.leg("right", (f.u(15, 30), f.u(100, 115)), (-f.u(40, 55), f.u(150, 175)), (-10, 120))
    for side in ("left", "right"):
        f.reach(side, lambda p, s=side: p[J["right_ankle"]] + [(0.05 if s == "left" else -0.05),
                                                              0.05, 0.05], (1, -0.3, -0.3))
    f.head(f.u(25, 40))


def kneel_tie_shoe(f: Figure) -> None:
    _kneeling_leg(f, "left")
    f.leg("right", (f.u(0, 10), f.u(80, 100)), (-f.u(80, 90), f.u(80, 100)), (-f.u(15, 30), 90))
    f.pelvis(f.u(25, 40))  # folded over the front knee, the hands down at the shoe
    f.torso(f.u(30, 45))
    for side, s in (("left", 1), ("right", -1)):
        f.reach(side, lambda p, s=s: p[J["right_ankle"]] + [s * 0.05, 0.06, 0.08], (1, 0, -0.3))
    f.head(f.u(20, 35))


def picking_up(f: Figure) -> None:
    _bent_knees(f, 35, 55)
    f.pelvis(f.u(70, 85))  # folded far enough for the hand to reach the floor
    f.torso(f.u(30, 40))
    f.reach("right", lambda p: p[J["right_ankle"]] + [0.02, -0.02, 0.3], (0.5, 0, -0.3))
    f.reach("left", lambda p: p[J["left_knee"]] + [0.0, 0.08, 0.05], (1, 0, -0.5))
    f.head(f.u(10, 25))


# Prayer, emotions and body language ------------------------------------------------------------
def praying_kneeling(f: Figure) -> None:
    _kneel2(f)
    # The wrists side by side and the elbows low: the forearms parallel, palms together.
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "spine3", (s * 0.035, 0.05, 0.2), (0.3, -1, 0), 0.01)
    f.torso(f.u(0, 10))
    f.head(f.u(20, 35))


def meditating(f: Figure) -> None:
    _cross_shins(f)
    f.torso(f.u(-3, 5))
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "pelvis", (s * 0.03, 0.0, 0.18), (1, 0, -0.3), 0.01)
    f.head(f.u(5, 15))


def begging_on_knees(f: Figure) -> None:
    _kneel2(f)
    f.torso(f.u(0, 10))
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "head", (s * 0.02, -0.08, 0.35), (1, -1, 0), 0.01)
    f.head(-f.u(15, 30))


def dramatic_despair(f: Figure) -> None:
    _kneel2(f)
    f.torso(-f.u(5, 15))
    for side in ("left", "right"):  # spread and raised to the sky
        _straight(f, side, f.u(15, 45), f.u(-10, 30))
    f.head(-f.u(35, 50))


def crying_face_in_hands(f: Figure) -> None:
    _upright(f, 20)
    f.torso(f.u(15, 25))
    for side, s in (("left", 1), ("right", -1)):
        f.shrug(side, f.u(5, 12))
        _to(f, side, "head", (s * 0.05, -0.06, 0.12), (0.6, -1, 0), 0.01)  # palms over the eyes
    f.head(f.u(25, 40))


def head_in_hands_sitting(f: Figure) -> None:
    _sit(f, (30, 40))
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "head", (s * 0.06, -0.02, 0.1), (0.6, -1, 0), 0.01)  # palms on the brow
    f.head(f.u(30, 45))


def laughing_hard(f: Figure) -> None:
    _bent_knees(f, 15, 30)
    f.pelvis(f.u(15, 30))
    f.torso(f.u(30, 45))
    _to(f, "left", "spine1", (0.03, 0.02, 0.17), (1, -0.5, 0))
    f.reach("right", lambda p: p[J["right_knee"]] + [0, 0.12, 0.05], (1, 0, -0.3))
    f.head(-f.u(10, 25))


def laughing_head_back(f: Figure) -> None:
    _upright(f)
    f.torso(-f.u(8, 15))
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "spine1", (s * 0.08, 0.02, 0.17), (1, -0.5, 0))
    f.head(-f.u(30, 45))


def angry_fists(f: Figure) -> None:
    _upright(f, 50)
    f.torso(f.u(8, 15))
    for side in ("left", "right"):
        f.shrug(side, f.u(5, 12))
        f.arm(side, (-f.u(55, 70), f.u(5, 30)), (-f.u(20, 40), f.u(60, 90)))
    f.head(f.u(10, 20))


def shaking_fist(f: Figure) -> None:
    _stagger(f)
    f.torso(f.u(5, 12))
    f.arm("right", (f.u(5, 30), f.u(40, 70)), (f.u(55, 80), f.u(70, 110)))
    f.arm("left", (-f.u(60, 70), f.u(5, 25)), (-f.u(30, 45), f.u(60, 90)))
    f.head(-f.u(0, 10))


def stomping(f: Figure) -> None:
    f.leg("left", (-f.u(82, 88), f.u(60, 100)), (-f.u(85, 90), 90), (-20, 90))
    _flexed_leg(f, "right", f.u(60, 85), f.u(60, 85))
    for side in ("left", "right"):
        f.arm(side, (-f.u(55, 70), f.u(0, 25)), (-f.u(40, 60), f.u(40, 80)))
    f.torso(f.u(5, 15))
    f.head(f.u(10, 25))


def cowering(f: Figure) -> None:
    _bent_knees(f, 40, 60)
    f.torso(f.u(30, 45))
    for side, s in (("left", 1), ("right", -1)):
        f.shrug(side, f.u(8, 15))
        _to(f, side, "head", (s * 0.1, 0.12, 0.1), (1, -0.5, 0.5))
    f.head(f.u(30, 45))


def surprised_hands_up(f: Figure) -> None:
    _upright(f)
    f.torso(-f.u(5, 12))
    for side in ("left", "right"):
        f.arm(side, (-f.u(35, 55), f.u(20, 50)), (f.u(50, 75), f.u(60, 110)))
    f.head(-f.u(5, 15))


def shocked_hands_cheeks(f: Figure) -> None:
    _upright(f)
    f.torso(-f.u(3, 10))
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "head", (s * 0.08, -0.05, 0.07), (0.5, -1, 0), 0.01)
    f.head(-f.u(0, 10))


def sad_head_down(f: Figure) -> None:
    _upright(f, 15)
    f.torso(f.u(10, 20))
    for side in ("left", "right"):
        f.shrug(side, -f.u(3, 8))
        _straight(f, side, -f.u(80, 88), f.u(40, 90), 4)
    f.head(f.u(35, 50))


def proud_chest_out(f: Figure) -> None:
    _upright(f, 30)
    f.torso(-f.u(8, 15))
    for side in ("left", "right"):
        _straight(f, side, -f.u(70, 80), -f.u(20, 50), 5)
    f.head(-f.u(18, 28))


def bored_chin_on_hand(f: Figure) -> None:
    _sit(f, (25, 35))
    _to(f, "right", "head", (-0.01, -0.13, 0.08), (0.2, -1, 0.3), 0.01)
    _to(f, "left", "spine1", (0.1, 0.08, 0.4), (1, -0.5, 0))
    f.head(f.u(0, 10), f.u(-15, 15), -f.u(8, 20))


def biting_nails(f: Figure) -> None:
    _upright(f, 15)
    _to(f, "right", "head", (-0.01, -0.08, 0.12), (0.4, -1, 0.2), 0.01)
    _to(f, "left", "spine1", (-0.1, 0.08, 0.2), (1, -1, 0))
    f.shrug("right", f.u(5, 10))
    f.head(f.u(5, 20), f.u(-10, 10))


def embarrassed(f: Figure) -> None:
    for side in ("left", "right"):
        f.leg(side, (-f.u(80, 86), f.u(95, 110)), (-f.u(84, 88), f.u(60, 90)), (-20, 90))
    for side, s in (("left", 1), ("right", -1)):
        f.shrug(side, f.u(8, 15))
        _to(f, side, "head", (s * 0.03, -0.06, 0.13), (0.6, -1, 0), 0.01)
    f.torso(f.u(5, 12), 0, f.u(-5, 5))
    f.head(f.u(15, 30), f.u(-20, 20))


def rubbing_eyes(f: Figure) -> None:
    _upright(f)
    f.torso(f.u(3, 10))
    _to(f, "right", "head", (-0.03, 0.03, 0.11), (0.6, -1, 0.3), 0.01)
    _down(f, "left")
    f.head(f.u(10, 25), 0, f.u(0, 10))


def headache(f: Figure) -> None:
    _upright(f)
    _to(f, "right", "head", (-0.08, 0.04, 0.06), (1, -0.5, 0.3), 0.01)
    _down(f, "left")
    f.head(f.u(10, 25), 0, -f.u(5, 15))


def back_pain(f: Figure) -> None:
    _upright(f)
    f.torso(-f.u(5, 12), 0, f.u(5, 12))
    _to(f, "right", "pelvis", (-0.1, 0.12, -0.14), (1, 0, 0.3))
    f.reach("left", _waist("left"), (1, 0, -0.4))
    f.head(-f.u(5, 15), 0, f.u(0, 10))


def stomach_ache(f: Figure) -> None:
    _bent_knees(f, 15, 30)
    f.torso(f.u(25, 40))
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "spine1", (s * 0.06, -0.03, 0.17), (1, -0.3, 0))
    f.head(f.u(25, 40))


def shivering_cold(f: Figure) -> None:
    _upright(f, 10)
    f.torso(f.u(8, 15))
    _to(f, "right", "left_shoulder", (0.02, -0.12, 0.1), (0.5, -1, 0))
    _to(f, "left", "right_shoulder", (-0.02, -0.16, 0.12), (0.5, -1, 0))
    for side in ("left", "right"):
        f.shrug(side, f.u(10, 18))
    f.head(f.u(15, 30))


def fanning_self(f: Figure) -> None:
    _upright(f)
    _to(f, "right", "head", (-0.12, 0.0, 0.18), (1, -0.8, 0))
    _down(f, "left")
    f.head(-f.u(10, 20), 0, f.u(-8, 8))


def sneezing(f: Figure) -> None:
    _upright(f)
    f.torso(f.u(15, 30))
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "head", (s * 0.03, -0.05, 0.14), (0.6, -1, 0), 0.01)
    f.head(f.u(20, 35))


def coughing_elbow(f: Figure) -> None:
    _upright(f)
    f.torso(f.u(8, 15), -f.u(0, 10))
    _to(f, "right", "head", (0.18, -0.04, 0.15), (0.3, -0.6, 1))
    _down(f, "left")
    f.head(f.u(15, 25), -f.u(10, 25))


# Gestures --------------------------------------------------------------------------------------
def blowing_kiss(f: Figure) -> None:
    f.leg("left", (-f.u(84, 88), f.u(60, 100)), (-f.u(85, 90), 90), (-20, 90))
    f.leg("right", (-f.u(75, 85), -f.u(80, 100)), (-f.u(10, 30), -f.u(80, 100)), (-40, -90))
    _to(f, "right", "head", (-0.03, -0.07, 0.16), (1, -0.3, 0.5))
    _down(f, "left")
    f.torso(f.u(5, 12))
    f.head(f.u(-5, 5), 0, f.u(-15, -5))


def heart_hands(f: Figure) -> None:
    _upright(f)
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "spine3", (s * 0.04, f.u(0.05, 0.15), 0.3), (1, -0.4, 0), 0.01)
    f.head(f.u(-5, 10), 0, f.u(-12, 12))


def thumbs_up(f: Figure) -> None:
    _upright(f)
    f.arm("right", (-f.u(55, 70), f.u(60, 85)), (f.u(10, 35), f.u(80, 100)))
    _down(f, "left")
    f.head(f.u(-5, 5), 0, f.u(-10, 0))


def double_thumbs_up(f: Figure) -> None:
    _upright(f, 50)
    for side in ("left", "right"):
        f.arm(side, (-f.u(55, 70), f.u(50, 80)), (f.u(5, 30), f.u(70, 100)))
    f.torso(-f.u(0, 8))
    f.head(f.u(-10, 5))


def ok_sign(f: Figure) -> None:
    _upright(f)
    _to(f, "right", "right_shoulder", (-0.05, 0.1, 0.3), (1, -1, 0))
    _down(f, "left")
    f.head(f.u(-5, 5), 0, -f.u(0, 10))


def peace_sign(f: Figure) -> None:
    _upright(f)
    _to(f, "right", "head", (-0.13, 0.03, 0.1), (1, -1, 0.2))
    _down(f, "left")
    f.head(f.u(-5, 5), 0, -f.u(8, 18))


def pointing_at_self(f: Figure) -> None:
    _upright(f)
    _to(f, "right", "spine3", (-0.01, 0.08, 0.17), (1, -1, 0))
    f.arm("left", (-f.u(60, 75), f.u(10, 40)), (-f.u(0, 20), f.u(30, 60)))
    f.head(f.u(-5, 5), 0, f.u(-15, -5))


def beckoning(f: Figure) -> None:
    _upright(f)
    _to(f, "right", "spine3", (-0.12, 0.05, 0.36), (0.5, -1, 0))
    _down(f, "left")
    f.torso(f.u(3, 10))
    f.head(f.u(-5, 10), 0, -f.u(0, 10))


def shushing(f: Figure) -> None:
    _upright(f)
    f.torso(f.u(5, 12))
    _to(f, "right", "head", (0.0, -0.07, 0.14), (0.3, -1, 0), 0.01)
    _down(f, "left")
    f.head(f.u(0, 10))


def covering_ears(f: Figure) -> None:
    _upright(f, 20)
    for side, s in (("left", 1), ("right", -1)):
        f.shrug(side, f.u(5, 12))
        _to(f, side, "head", (s * 0.09, 0.0, 0.0), (1, -0.3, 0.2), 0.01)
    f.torso(f.u(5, 15))
    f.head(f.u(15, 30))


def listening_hand_ear(f: Figure) -> None:
    _upright(f)
    f.torso(f.u(0, 8), 0, -f.u(5, 12))
    _to(f, "right", "head", (-0.1, 0.0, 0.02), (1, -0.2, 0), 0.01)
    _down(f, "left")
    f.head(f.u(0, 10), f.u(10, 25), -f.u(5, 15))


def shading_eyes(f: Figure) -> None:
    _upright(f)
    _to(f, "right", "head", (-0.02, 0.09, 0.13), (1, -0.2, 0.3), 0.01)
    _down_or_hip(f, "left")
    f.head(-f.u(0, 10), f.u(-25, 25))


def shouting_hands_mouth(f: Figure) -> None:
    _stagger(f)
    f.torso(f.u(0, 10))
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "head", (s * 0.05, -0.06, 0.16), (1, -0.4, 0), 0.01)
    f.head(-f.u(10, 20))


def whispering(f: Figure) -> None:
    _upright(f, 20)
    f.torso(f.u(5, 12), f.u(5, 15), f.u(10, 18))
    _to(f, "right", "head", (0.03, -0.06, 0.12), (0.5, -1, 0.2), 0.01)
    _down(f, "left")
    f.head(f.u(0, 10), f.u(20, 35), f.u(5, 15))


def clapping(f: Figure) -> None:
    _upright(f)
    for side, s in (("left", 1), ("right", -1)):
        # Wrists a palm's width apart: the hands, following the forearms, meet.
        _to(f, side, "spine3", (s * 0.04, f.u(-0.05, 0.05), 0.33), (0.6, -1, 0), 0.01)
    f.head(f.u(-10, 5))


def applauding_overhead(f: Figure) -> None:
    _upright(f)
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "head", (s * 0.02, 0.3, 0.1), (1, 0.2, 0.2), 0.01)
    f.head(-f.u(5, 20))


def waving_for_help(f: Figure) -> None:
    _upright(f, 50)
    for side in ("left", "right"):
        _straight(f, side, f.u(60, 80), f.u(100, 140), 6)
    f.head(-f.u(10, 25))


def hand_on_heart(f: Figure) -> None:
    _upright(f, 10)
    # The wrist by the breastbone, so that the palm past it lies on the heart.
    _to(f, "right", "spine3", (0.02, 0.0, 0.16), (1, -1, 0), 0.01)
    _straight(f, "left", -f.u(82, 88), f.u(0, 30), 4)
    f.head(-f.u(0, 10))


def high_five(f: Figure) -> None:
    _stagger(f)
    f.arm("right", (f.u(40, 60), f.u(50, 80)), (f.u(60, 80), f.u(60, 90)), (f.u(70, 85), 90))
    _down(f, "left")
    f.torso(f.u(0, 8))
    f.head(-f.u(0, 15))


def handshake(f: Figure) -> None:
    _stagger(f)
    f.torso(f.u(5, 12))
    _to(f, "right", "pelvis", (-0.05, 0.22, 0.45), (0.6, -1, 0))
    _down(f, "left")
    f.head(f.u(-5, 10))


def hugging(f: Figure) -> None:
    _stagger(f)
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "spine3", (s * 0.08, f.u(-0.05, 0.05) + s * 0.05, 0.42), (1, -0.1, 0))
    f.torso(f.u(5, 12))
    f.head(f.u(5, 15), f.u(25, 40))


def bow_hand_on_heart(f: Figure) -> None:
    _stand_legs(f, 5)
    f.pelvis(f.u(10, 20))
    f.torso(f.u(30, 45))
    _to(f, "right", "spine3", (0.06, 0.02, 0.14), (1, -1, 0))
    _straight(f, "left", -f.u(20, 50), f.u(-20, 20), 5)
    f.head(f.u(10, 25))


def curtsy(f: Figure) -> None:
    f.leg("right", (-f.u(70, 80), f.u(80, 100)), (-f.u(85, 90), f.u(-100, -80)), (-20, 90))
    f.leg("left", (-f.u(62, 70), f.u(-150, -120)), (-f.u(40, 55), -f.u(100, 120)), (-60, -90))
    for side in ("left", "right"):
        _straight(f, side, -f.u(50, 65), f.u(-10, 20), 5)
    f.torso(f.u(10, 20))
    f.head(f.u(15, 30))


# Uniforms, characters and statues --------------------------------------------------------------
def attention(f: Figure) -> None:
    _stand_legs(f, 2)
    for side in ("left", "right"):
        _straight(f, side, -f.u(85, 89), f.u(-5, 10), 2)
    f.torso(-f.u(0, 5))
    f.head(f.u(-5, 3))


def parade_rest(f: Figure) -> None:
    _stand_legs(f, 30)
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "pelvis", (s * 0.02, 0.03, -0.16), (1, 0, 0.2), 0.01)
    f.head(-f.u(0, 8))


def marching(f: Figure) -> None:
    _flexed_leg(f, "right", f.u(70, 90), f.u(70, 90))
    f.leg("left", (-f.u(86, 90), f.u(60, 120)), (-f.u(86, 90), 90), (-20, 90))
    _straight(f, "left", -f.u(10, 30), f.u(80, 95), 5)
    _straight(f, "right", -f.u(55, 65), -f.u(80, 95), 5)
    f.head(f.u(-5, 5))


def zombie_walk(f: Figure) -> None:
    _stride(f)
    f.torso(f.u(10, 20), f.u(-10, 10), f.u(-8, 8))
    for side in ("left", "right"):
        el = -f.u(0, 20)
        f.arm(side, (el, f.u(75, 95)), (el - f.u(0, 10), f.u(80, 100)), (-f.u(40, 60), 90))
    f.head(f.u(10, 25), f.u(-15, 15), f.u(15, 30))


def sleepwalking(f: Figure) -> None:
    _stagger(f)
    f.torso(-f.u(0, 5))
    for side in ("left", "right"):
        _straight(f, side, f.u(5, 15), f.u(82, 92), 3)
    f.head(-f.u(10, 20), 0, f.u(-5, 5))


def ghost_boo(f: Figure) -> None:
    _stagger(f)
    f.torso(f.u(10, 20))
    for side in ("left", "right"):
        f.arm(side, (f.u(20, 40), f.u(40, 70)), (f.u(10, 30), f.u(70, 100)), (-f.u(35, 50), 90))
    f.head(-f.u(5, 15))


def superhero_flying(f: Figure) -> None:
    for side in ("left", "right"):
        thigh, shin = -90 + f.u(-3, 3), -90 - f.u(0, 12)
        f.leg(side, (thigh, 90), (shin, 90), (shin + f.u(20, 35), 90))
    _straight(f, "right", f.u(78, 88), f.u(60, 100), 3)
    if f.u(0, 1) < 0.5:
        _straight(f, "left", f.u(78, 88), f.u(60, 100), 3)
    else:
        _straight(f, "left", -f.u(75, 85), f.u(-20, 10), 3)
    f.head(-f.u(30, 45))
    f.tilt(f.u(80, 90))


def statue_of_liberty(f: Figure) -> None:
    _stagger(f)
    _straight(f, "right", f.u(78, 88), f.u(20, 90), 3)
    _to(f, "left", "spine3", (0.12, -0.02, 0.18), (1, -1, 0))
    f.head(-f.u(0, 10))


def thinker_statue(f: Figure) -> None:
    for side in ("left", "right"):
        f.leg(side, (f.u(5, 15), f.u(75, 90)), (-f.u(75, 85), f.u(-100, 90)), (-20, 90))
    f.torso(f.u(45, 55), f.u(5, 15))  # bent low enough for the elbow to rest on the knee
    _to(f, "right", "head", (0.0, -0.13, 0.08), (0.2, -1, 0.3), 0.01)
    f.reach("left", lambda p: p[J["left_knee"]] + [0, 0.06, 0.0], (1, -0.3, -0.5))
    f.head(f.u(10, 20))


def airplane_arms(f: Figure) -> None:
    f.leg("right", (-f.u(40, 55), f.u(80, 100)), (-f.u(80, 95), f.u(-100, 90)), (-20, 90))
    f.leg("left", (-f.u(55, 70), -f.u(80, 100)), (-f.u(10, 30), -f.u(80, 100)), (-60, -90))
    for side in ("left", "right"):
        _straight(f, side, f.u(-5, 5), f.u(-15, 0), 4)
    f.torso(f.u(10, 20), 0, f.u(15, 30))
    f.head(0, 0, -f.u(5, 15))


def robot_pose(f: Figure) -> None:
    _upright(f, 10)
    f.arm("right", (f.u(-5, 5), f.u(-5, 10)), (f.u(80, 88), f.u(80, 100)))
    f.arm("left", (f.u(-5, 5), f.u(-5, 10)), (-f.u(80, 88), f.u(80, 100)))
    f.head(0, f.u(-30, 30))


def mime_box(f: Figure) -> None:
    _stagger(f)
    _to(f, "right", "head", (-0.05, -0.02, 0.36), (1, -1, 0))
    _to(f, "left", "left_shoulder", (0.36, 0.05, 0.08), (0.3, -1, -0.5))
    f.head(f.u(0, 10), -f.u(0, 20))


def jumping_for_joy(f: Figure) -> None:
    thigh = -90 + f.u(5, 20)
    shin = thigh - f.u(5, 20)
    f.leg("right", (thigh, 90), (shin, 90), (shin + f.u(10, 25), 90))
    _flexed_leg(f, "left", f.u(-20, 0), f.u(90, 120))
    for side in ("left", "right"):
        _straight(f, side, f.u(55, 80), f.u(-10, 40), 8)
    f.torso(-f.u(5, 15))
    f.head(-f.u(10, 30))


def holding_sign_overhead(f: Figure) -> None:
    _upright(f, 40)
    for side, s in (("left", 1), ("right", -1)):
        _to(f, side, "head", (s * 0.25, 0.3, 0.12), (1, 0, 0.2))
    f.head(f.u(-10, 5))


# Parenting and toasts ----------------------------------------------------------------------------
def rocking_baby(f: Figure) -> None:
    _upright(f)
    f.torso(f.u(3, 10), 0, f.u(-6, 6))
    _to(f, "right", "spine1", (0.14, 0.12, 0.22), (1, -1, 0))
    _to(f, "left", "spine1", (-0.12, 0.18, 0.25), (1, -1, 0))
    f.head(f.u(30, 45), f.u(-10, 10))


def feeding_baby(f: Figure) -> None:
    _sit(f, (5, 15))
    _to(f, "left", "spine3", (-0.1, -0.06, 0.22), (1, -1, 0))
    _to(f, "right", "spine3", (0.02, 0.02, 0.33), (1, -0.5, 0))
    f.head(f.u(30, 45))


def raising_toast(f: Figure) -> None:
    _upright(f)
    f.arm("right", (-f.u(0, 25), f.u(50, 80)), (f.u(35, 60), f.u(70, 100)))
    _down(f, "left")
    f.head(-f.u(0, 10))


def _t(name: str, actions: tuple[str, ...], phrases: tuple[str, ...], build: Builder,
       mirror: bool = True) -> Template:
    return Template(name, actions, phrases, build, mirror)


ACTIVITIES: tuple[Template, ...] = (
    # Everyday life
    _t("texting", ("texting",), ("texting", "someone typing a message on a phone",
                                 "looking down at a phone held in both hands", "text a friend",
                                 "a person scrolling on a smartphone"), texting, mirror=False),
    _t("selfie", ("selfie",), ("taking a selfie", "a selfie with the {lead} arm stretched out",
                               "someone holding a phone up to take a selfie", "snap a selfie"),
       selfie),
    _t("yawning", ("yawning",), ("yawning", "a tired person yawning, hand over the mouth",
                                 "yawn and stretch", "a sleepy yawn"), yawning),
    _t("waking_stretch", ("stretching", "waking up"), (
        "stretching after waking up", "sitting on the edge of the bed stretching the arms",
        "a morning stretch", "stretch when you wake up"), waking_stretch, mirror=False),
    _t("drinking_cup", ("drinking",), ("drinking from a cup", "sipping coffee",
                                       "someone drinking tea", "take a sip",
                                       "a person holding a mug to the lips"), drinking_cup),
    _t("drinking_bottle", ("drinking",), ("drinking from a bottle", "chugging water, head back",
                                          "someone gulping from a water bottle",
                                          "drink from the bottle"), drinking_bottle),
    _t("eating_fork", ("eating",), ("eating with a fork", "a person eating at the table",
                                    "having dinner, fork to the mouth", "eat your meal",
                                    "someone dining"), eating_fork),
    _t("eating_sandwich", ("eating",), ("eating a sandwich", "biting into a burger",
                                        "someone eating with both hands", "take a bite"),
       eating_sandwich, mirror=False),
    _t("brushing_teeth", ("brushing teeth",), ("brushing teeth", "someone brushing their teeth",
                                               "brush your teeth", "cleaning the teeth with a "
                                               "toothbrush"), brushing_teeth),
    _t("combing_hair", ("grooming",), ("combing the hair", "brushing the hair",
                                       "someone combing their hair with the {lead} hand",
                                       "comb your hair"), combing_hair),
    _t("drying_hair", ("grooming",), ("drying the hair with a towel",
                                      "towelling the hair, head bent forward",
                                      "someone rubbing their wet hair dry", "dry your hair"),
       drying_hair, mirror=False),
    _t("shaving", ("grooming",), ("shaving", "a man shaving his face", "shave",
                                  "running a razor along the jaw"), shaving),
    _t("putting_on_hat", ("dressing",), ("putting on a hat", "someone pulling a cap onto the "
                                         "head", "put your hat on", "adjusting a hat with "
                                         "both hands"), putting_on_hat, mirror=False),
    _t("adjusting_tie", ("dressing",), ("adjusting a tie", "straightening the necktie",
                                        "a businessman fixing his tie", "tie your tie"),
       adjusting_tie),
    _t("reading_book_standing", ("reading",), ("reading a book standing",
                                               "a person standing and reading",
                                               "holding an open book in both hands",
                                               "read a book"), reading_book_standing,
       mirror=False),
    _t("reading_book_sitting", ("reading",), ("reading a book sitting down",
                                              "a reader seated with a book",
                                              "sitting on a chair reading", "curl up and read"),
       reading_book_sitting, mirror=False),
    _t("reading_newspaper", ("reading",), ("reading the newspaper", "a man reading a paper in "
                                           "his chair", "holding a newspaper open wide",
                                           "read the news"), reading_newspaper, mirror=False),
    _t("reading_in_bed", ("reading", "lying"), ("reading in bed", "lying back holding a book "
                                                "up", "someone propped up in bed with a book",
                                                "read before sleeping"), reading_in_bed,
       mirror=False),
    _t("lying_belly_reading", ("lying", "reading"), (
        "lying on the belly propped on the elbows", "a kid lying on the floor reading, feet up",
        "lying face down on the forearms", "prone on the elbows, legs kicked up"),
       lying_belly_reading, mirror=False),
    # Housework, work and trades
    _t("sweeping", ("sweeping", "housework"), ("sweeping the floor", "someone sweeping with a "
                                               "broom", "sweep up", "a cleaner with a broom"),
       sweeping),
    _t("mopping", ("mopping", "housework"), ("mopping the floor", "a janitor mopping",
                                             "mop the floor", "cleaning the floor with a mop"),
       mopping),
    _t("vacuuming", ("vacuuming", "housework"), ("vacuuming", "hoovering the carpet",
                                                 "someone pushing a vacuum cleaner",
                                                 "vacuum the living room"), vacuuming),
    _t("washing_dishes", ("washing up", "housework"), (
        "washing the dishes", "doing the dishes at the sink", "wash up",
        "someone scrubbing plates at the sink"), washing_dishes, mirror=False),
    _t("kneading_dough", ("baking",), ("kneading dough", "a baker kneading bread",
                                       "knead the dough", "pressing dough on the counter"),
       kneading_dough),
    _t("ironing", ("ironing", "housework"), ("ironing", "ironing a shirt",
                                             "someone pressing clothes on an ironing board",
                                             "iron the laundry"), ironing),
    _t("hanging_laundry", ("laundry",), ("hanging laundry", "pegging clothes on the line",
                                         "hang the washing out", "reaching up to a "
                                         "clothesline"), hanging_laundry, mirror=False),
    _t("making_bed", ("housework",), ("making the bed", "bending over to smooth the sheets",
                                      "make your bed", "straightening the duvet"), making_bed,
       mirror=False),
    _t("cleaning_window", ("cleaning",), ("cleaning a window", "wiping the glass with the "
                                          "{lead} hand", "a window washer", "wipe the window"),
       cleaning_window),
    _t("stirring_pot", ("cooking",), ("stirring a pot", "cooking at the stove",
                                      "a cook stirring soup", "stir the sauce"), stirring_pot),
    _t("chopping", ("cooking",), ("chopping vegetables", "cutting food on a chopping board",
                                  "a chef dicing onions", "chop the carrots"), chopping),
    _t("waiter_tray", ("waiting tables",), ("a waiter carrying a tray",
                                            "holding a tray up on the {lead} hand",
                                            "a server balancing a tray", "serve the drinks"),
       waiter_tray),
    _t("pushing_cart", ("pushing",), ("pushing a shopping cart", "pushing a trolley",
                                      "someone pushing a pram", "push the cart"), pushing_cart),
    _t("pushing_wheelbarrow", ("pushing", "gardening"), (
        "pushing a wheelbarrow", "a gardener wheeling a barrow", "push the wheelbarrow",
        "leaning forward holding two handles low"), pushing_wheelbarrow),
    _t("pulling_rope", ("pulling",), ("pulling a rope", "tug of war",
                                      "leaning back hauling on a rope", "pull!",
                                      "someone heaving on a line"), pulling_rope),
    _t("lifting_box", ("lifting",), ("lifting a box from the floor", "squatting to pick up a "
                                     "crate", "lift with your legs", "a mover lifting a "
                                     "box"), lifting_box, mirror=False),
    _t("carrying_sack_shoulder", ("carrying",), (
        "carrying a sack on the shoulder", "a porter with a bag over the {lead} shoulder",
        "hauling a heavy load on the shoulder", "shoulder the sack"), carrying_sack_shoulder),
    _t("carrying_bucket", ("carrying",), ("carrying a heavy bucket", "lugging a bucket in the "
                                          "{lead} hand", "someone carrying a suitcase, "
                                          "leaning away from it", "carry the water"),
       carrying_bucket),
    _t("carrying_child_hip", ("carrying", "parenting"), (
        "carrying a child on the hip", "a mother holding a toddler on her {lead} hip",
        "holding a baby on the side", "carry the kid"), carrying_child_hip),
    _t("hammering", ("hammering", "carpentry"), ("hammering a nail", "a carpenter with a "
                                                 "hammer raised", "hammer it in",
                                                 "someone pounding a nail"), hammering),
    _t("chopping_wood", ("chopping wood",), ("chopping wood", "an axe raised over the "
                                             "shoulder", "a lumberjack splitting logs",
                                             "swing the axe"), chopping_wood),
    _t("sawing", ("sawing", "carpentry"), ("sawing a plank", "a carpenter sawing wood",
                                           "saw the board", "cutting timber with a handsaw"),
       sawing),
    _t("drilling_wall", ("drilling",), ("drilling into a wall", "holding a power drill",
                                        "drill a hole", "a builder drilling"), drilling_wall),
    _t("shovelling", ("shovelling", "digging"), ("shovelling", "shovelling snow",
                                                 "a worker with a shovel", "shovel the dirt"),
       shovelling),
    _t("raking", ("raking", "gardening"), ("raking leaves", "a gardener with a rake",
                                           "rake the lawn", "pulling leaves together with a "
                                           "rake"), raking),
    _t("digging_spade", ("digging", "gardening"), (
        "digging with a spade", "pushing a spade in with the {lead} foot", "dig a hole",
        "a gardener digging"), digging_spade),
    _t("planting", ("gardening",), ("planting seedlings", "kneeling in the garden bed",
                                    "a gardener planting flowers", "plant the seeds",
                                    "kneeling, hands in the soil"), planting, mirror=False),
    _t("watering_plants", ("gardening",), ("watering the plants", "holding a watering can",
                                           "water the flowers", "a gardener watering"),
       watering_plants),
    _t("changing_lightbulb", ("household",), (
        "changing a lightbulb", "screwing in a light bulb with the {lead} hand",
        "reaching up to the ceiling light", "changing a bulb in the ceiling"), changing_lightbulb),
    _t("painting_ceiling", ("painting", "decorating"), (
        "painting the ceiling", "rolling paint onto the ceiling", "a painter working overhead",
        "paint the ceiling with a roller on a pole"), painting_ceiling),
    _t("painting_roller", ("painting", "decorating"), (
        "painting a wall with a roller", "a decorator rolling paint up the wall",
        "paint the wall", "reaching up with a paint roller"), painting_roller),
    _t("painting_easel", ("painting", "art"), ("painting on an easel", "an artist at the "
                                               "canvas with a palette", "paint a picture",
                                               "a painter at work"), painting_easel),
    _t("sewing", ("sewing",), ("sewing by hand", "a tailor pulling a needle and thread",
                               "sew on a button", "someone stitching fabric"), sewing),
    _t("knitting", ("knitting",), ("knitting", "a grandmother knitting in her chair", "knit",
                                   "working two knitting needles"), knitting, mirror=False),
    _t("typing_laptop", ("typing", "working"), ("typing on a laptop", "working on a computer "
                                                "at a desk", "type the email", "an office "
                                                "worker at the keyboard"), typing_laptop,
       mirror=False),
    _t("writing_desk", ("writing", "studying"), ("writing at a desk", "a student doing "
                                                 "homework", "write it down", "sitting and "
                                                 "writing with a pen"), writing_desk),
    _t("writing_board", ("writing", "teaching"), ("writing on a whiteboard", "a teacher "
                                                  "writing on the blackboard", "write on the "
                                                  "board", "chalk in the {lead} hand"),
       writing_board),
    _t("phone_sitting", ("phoning",), ("talking on the phone sitting down", "a seated caller, "
                                       "phone at the {lead} ear", "sit and take the call",
                                       "chatting on the phone in a chair"), phone_sitting),
    _t("bartender_shaking", ("bartending",), ("a bartender shaking a cocktail", "shaking a "
                                              "cocktail shaker by the shoulder", "shake the "
                                              "drink", "mixing a cocktail"), bartender_shaking),
    _t("barista_pouring", ("barista",), ("a barista pouring latte art", "pouring milk into a "
                                         "coffee cup", "pour the milk", "making a cappuccino"),
       barista_pouring),
    _t("surgeon", ("surgeon",), ("a surgeon with scrubbed hands raised", "a doctor holding "
                                 "up gloved hands", "ready for surgery", "keep your hands up "
                                 "and sterile"), surgeon, mirror=False),
    _t("police_stop", ("stop gesture",), ("a police officer signalling stop", "stop! palm "
                                          "out with the {lead} arm", "halt", "holding up a "
                                          "hand to stop traffic"), police_stop),
    _t("traffic_directing", ("directing traffic",), (
        "directing traffic", "a traffic cop waving cars through", "direct the traffic",
        "the {lead} arm out, signalling the cars"), traffic_directing),
    _t("raising_hand_class", ("raising hand",), ("raising a hand in class", "a pupil with the "
                                                 "{lead} hand up", "raise your hand",
                                                 "asking a question from the seat"),
       raising_hand_class),
    # Music
    _t("guitar", ("guitar", "music"), ("playing the guitar", "a guitarist strumming",
                                       "strum the guitar", "a rock guitarist on stage"),
       guitar),
    _t("bass_guitar", ("bass", "music"), ("playing the bass guitar", "a bassist plucking the "
                                          "strings", "play bass", "a bass player grooving"),
       bass_guitar),
    _t("air_guitar", ("air guitar", "music"), ("playing air guitar", "a windmill strum on air "
                                               "guitar", "rock out on air guitar",
                                               "pretending to play the guitar"), air_guitar),
    _t("violin", ("violin", "music"), ("playing the violin", "a violinist bowing",
                                       "play the fiddle", "a violin tucked under the chin"),
       violin),
    _t("cello", ("cello", "music"), ("playing the cello", "a cellist seated with the bow",
                                     "play cello", "bowing a cello between the knees"), cello),
    _t("piano", ("piano", "music"), ("playing the piano", "a pianist at the keys",
                                     "play piano", "sitting at the keyboard"), piano,
       mirror=False),
    _t("drums", ("drums", "music"), ("playing the drums", "a drummer behind the kit",
                                     "play drums", "a rock drummer mid-beat"),
       drums),
    _t("trumpet", ("trumpet", "music"), ("playing the trumpet", "a trumpeter blowing a horn",
                                         "play the trumpet", "a jazz trumpet player"), trumpet,
       mirror=False),
    _t("saxophone", ("saxophone", "music"), ("playing the saxophone", "a saxophonist leaning "
                                             "back", "play sax", "a jazz sax player"),
       saxophone),
    _t("flute", ("flute", "music"), ("playing the flute", "a flautist", "play the flute",
                                     "a flute held out to the {lead}"), flute),
    _t("accordion", ("accordion", "music"), ("playing the accordion", "an accordionist "
                                             "squeezing the bellows", "play accordion",
                                             "a street musician with an accordion"), accordion,
       mirror=False),
    _t("harp", ("harp", "music"), ("playing the harp", "a harpist plucking strings",
                                   "play harp", "seated at a concert harp"), harp),
    _t("conducting", ("conducting", "music"), ("conducting an orchestra", "a conductor "
                                               "raising the baton", "conduct the band",
                                               "a maestro leading the orchestra"), conducting),
    _t("singing_mic", ("singing", "music"), ("singing into a microphone", "a singer with "
                                             "the {other} arm out", "sing your heart out",
                                             "a pop star performing", "belting out a song"),
       singing_mic),
    _t("rapper", ("rapping", "music"), ("rapping", "a rapper with a mic", "spit bars",
                                        "a hip-hop MC gesturing"), rapper),
    _t("dj", ("DJ", "music"), ("DJing", "a DJ holding headphones to one ear",
                               "spin the decks", "a disc jockey at the turntables"), dj),
    _t("rock_horns", ("rock", "music"), ("throwing up the rock horns", "headbanging with a "
                                         "fist raised", "rock on!", "a metalhead at a "
                                         "concert"), rock_horns),
    # Games and play
    _t("juggling", ("juggling",), ("juggling", "a juggler", "someone juggling three balls",
                                   "juggle", "tossing balls in the air"), juggling,
       mirror=False),
    _t("magician_bow", ("bowing", "magic"), ("a magician's bow", "taking a theatrical bow, "
                                             "arm swept out", "ta-da, bow to the audience",
                                             "a showman bowing"), magician_bow),
    _t("video_games", ("gaming",), ("playing video games", "a gamer holding a controller",
                                    "play on the console", "gaming on the couch"),
       video_games, mirror=False),
    _t("playing_chess", ("chess", "games"), ("playing chess", "moving a chess piece",
                                             "a chess player thinking", "make your move"),
       playing_chess),
    _t("playing_cards", ("cards", "games"), ("playing cards", "holding a hand of cards",
                                             "a poker player", "play your cards"),
       playing_cards, mirror=False),
    _t("throwing_dice", ("dice", "games"), ("throwing dice", "rolling the dice",
                                            "roll the dice", "a gambler tossing dice"),
       throwing_dice),
    _t("hopscotch", ("hopscotch", "games"), ("playing hopscotch", "hopping on the {lead} "
                                             "foot", "hop, skip", "a child hopping on one "
                                             "leg"), hopscotch),
    _t("rock_paper_scissors", ("games",), ("rock paper scissors", "playing rock-paper-"
                                           "scissors", "shoot!", "a fist held out for the "
                                           "count"), rock_paper_scissors),
    _t("peeking_around_corner", ("hiding", "games"), (
        "peeking around a corner", "hide and seek, leaning out to look",
        "someone sneaking a peek", "peek out"), peeking_around_corner),
    _t("counting_hide_seek", ("hiding", "games"), (
        "counting with eyes covered", "hide and seek, covering the eyes",
        "no peeking!", "a seeker counting to ten"), counting_hide_seek, mirror=False),
    _t("pushing_swing", ("pushing", "playground"), ("pushing a swing", "a parent pushing a "
                                                    "child on the swing", "push the swing",
                                                    "both arms pushing forward"),
       pushing_swing),
    _t("flying_kite", ("kite",), ("flying a kite", "holding a kite string up",
                                  "fly the kite", "looking up at a kite"), flying_kite),
    # Looking, travel and getting about
    _t("taking_photo", ("photography",), ("taking a photo with a camera", "a photographer "
                                          "looking through the viewfinder", "take a "
                                          "picture", "snapping a photo"), taking_photo),
    _t("filming_phone", ("filming",), ("filming with a phone", "recording video held out at "
                                       "eye level", "film it", "a tourist filming"),
       filming_phone, mirror=False),
    _t("binoculars", ("looking",), ("looking through binoculars", "a birdwatcher with "
                                    "binoculars", "scan the horizon", "peering through "
                                    "field glasses"), binoculars, mirror=False),
    _t("telescope", ("looking",), ("looking through a telescope", "an astronomer at the "
                                   "eyepiece", "peer through the telescope",
                                   "bending to a spyglass"), telescope),
    _t("reading_map", ("reading",), ("reading a map", "a lost tourist with a map",
                                     "check the map", "holding a map open wide"),
       reading_map, mirror=False),
    _t("hitchhiking", ("hitchhiking",), ("hitchhiking", "a hitchhiker with the {lead} thumb "
                                         "out", "thumb a ride", "standing by the road "
                                         "thumbing"), hitchhiking),
    _t("hailing_taxi", ("hailing",), ("hailing a taxi", "waving down a cab",
                                      "taxi!", "the {lead} arm raised to flag a ride"),
       hailing_taxi),
    _t("checking_watch", ("checking the time",), ("checking a watch", "looking at the wrist "
                                                  "watch", "what time is it?", "glancing at "
                                                  "the watch on the {other} wrist"),
       checking_watch),
    _t("knocking_door", ("knocking",), ("knocking on a door", "rapping on the door with the "
                                        "{lead} fist", "knock knock", "a visitor knocking"),
       knocking_door),
    _t("opening_door", ("opening",), ("opening a door", "turning the door handle",
                                      "open the door", "pulling a door open"), opening_door),
    _t("pushing_heavy_door", ("pushing",), ("pushing a heavy door", "leaning into a push "
                                            "with both hands", "push hard", "shoving a "
                                            "heavy object"), pushing_heavy_door),
    _t("pulling_drawer", ("opening",), ("pulling open a drawer", "bending to open a low "
                                        "drawer", "open the drawer", "rummaging in a "
                                        "drawer"), pulling_drawer),
    _t("throwing_trash", ("throwing",), ("throwing trash in the bin", "tossing rubbish into "
                                         "a can", "throw it away", "binning something"),
       throwing_trash),
    _t("climbing_stairs", ("climbing",), ("climbing stairs", "walking up the steps",
                                          "take the stairs", "stepping up with the {lead} "
                                          "foot"), climbing_stairs),
    _t("sitting_on_stairs", ("sitting",), ("sitting on the stairs", "sitting on a step, "
                                           "forearms on the knees", "take a seat on the "
                                           "steps", "resting on a stoop"), sitting_on_stairs,
       mirror=False),
    _t("walking_dog", ("walking",), ("walking a dog", "being pulled along by a dog on a "
                                     "leash", "walk the dog", "a dog walker leaning back"),
       walking_dog),
    _t("holding_umbrella", ("walking",), ("holding an umbrella", "walking in the rain under "
                                          "an umbrella", "put up the umbrella",
                                          "an umbrella in the {lead} hand"), holding_umbrella),
    _t("carrying_shopping_bags", ("carrying",), (
        "carrying shopping bags", "walking with heavy bags in both hands",
        "lugging the groceries", "carry the bags"), carrying_shopping_bags, mirror=False),
    _t("backpack_straps", ("walking",), ("walking with a backpack", "a student holding the "
                                         "backpack straps", "a hiker heading out",
                                         "thumbs hooked in the rucksack straps"),
       backpack_straps),
    _t("tightrope", ("balancing",), ("walking a tightrope", "balancing on a beam, arms out",
                                     "a tightrope walker", "balance on the line",
                                     "one foot in front of the other on a rope"), tightrope),
    # Postures: leaning, sitting, lying
    _t("leaning_back_wall", ("leaning",), ("leaning back against a wall", "one foot up on "
                                           "the wall behind", "lean on the wall",
                                           "a cool guy leaning on a wall"), leaning_back_wall),
    _t("leaning_shoulder_wall", ("leaning",), ("leaning on a wall with the {lead} arm",
                                               "propped against the wall, ankles crossed",
                                               "lean against it", "casually leaning "
                                               "sideways"), leaning_shoulder_wall),
    _t("leaning_counter", ("leaning",), ("leaning on a counter", "resting the forearms on a "
                                         "bar", "lean on the table", "propped on the elbows "
                                         "at a railing"), leaning_counter, mirror=False),
    _t("hands_in_pockets", ("standing",), ("hands in pockets", "standing with the hands in "
                                           "the pockets", "a casual stance", "shove your "
                                           "hands in your pockets"), hands_in_pockets,
       mirror=False),
    _t("sitting_legs_crossed_chair", ("sitting",), (
        "sitting with the legs crossed", "the {lead} knee over the {other} on a chair",
        "cross your legs", "sitting elegantly, one leg over the other"),
       sitting_legs_crossed_chair),
    _t("slouching", ("sitting",), ("slouching in a chair", "slumped down in the seat",
                                   "don't slouch", "a bored teen sprawled in a chair"),
       slouching, mirror=False),
    _t("lounging_sofa", ("lounging",), ("lounging on a sofa", "lying back on the couch, arm "
                                        "behind the head", "chill on the sofa",
                                        "reclining lazily"), lounging_sofa),
    _t("sleeping_curled", ("sleeping",), ("sleeping curled up", "asleep on the side, knees "
                                          "drawn up", "go to sleep", "napping, hands "
                                          "under the cheek"), sleeping_curled),
    _t("fetal_position", ("lying",), ("the fetal position", "curled up in a tight ball",
                                      "hugging the knees lying on the side",
                                      "curl up"), fetal_position),
    _t("dozing_in_chair", ("sleeping",), ("dozing off in a chair", "nodding off sitting up",
                                          "asleep in the armchair", "falling asleep, head "
                                          "drooping"), dozing_in_chair),
    _t("napping_on_desk", ("sleeping",), ("napping on a desk", "head down on folded arms",
                                          "a student asleep in class", "sleep on the "
                                          "table"), napping_on_desk, mirror=False),
    _t("sitting_side_saddle", ("sitting",), ("sitting with the legs folded to the {other}",
                                             "a mermaid sit on the floor", "sitting side "
                                             "saddle on the ground", "lean on one hand, "
                                             "legs tucked aside"), sitting_side_saddle),
    _t("putting_on_sock", ("dressing",), ("putting on a sock", "pulling on a shoe, seated",
                                          "put your socks on", "the {lead} foot lifted onto "
                                          "the knee"), putting_on_sock),
    _t("kneel_tie_shoe", ("kneeling",), ("kneeling to tie a shoe", "tying the shoelaces on "
                                         "one knee", "tie your laces", "down on the {other} "
                                         "knee, hands at the {lead} foot"), kneel_tie_shoe),
    _t("picking_up", ("picking up",), ("picking something up", "bending down to grab an "
                                       "object", "pick it up", "reaching to the floor with "
                                       "the {lead} hand"), picking_up),
    # Prayer, emotions and body language
    _t("praying_kneeling", ("praying",), ("praying on the knees", "kneeling in prayer",
                                          "pray", "a worshipper kneeling, hands together"),
       praying_kneeling, mirror=False),
    _t("meditating", ("meditating",), ("meditating", "sitting cross-legged with hands in "
                                       "the lap", "meditate", "a monk in meditation",
                                       "breathing quietly in a lotus seat"), meditating,
       mirror=False),
    _t("begging_on_knees", ("begging",), ("begging on the knees", "pleading with clasped "
                                          "hands", "please, I beg you", "kneeling and "
                                          "imploring"), begging_on_knees, mirror=False),
    _t("dramatic_despair", ("despair",), ("on the knees crying out to the sky", "noooo!",
                                          "dramatic despair, arms spread", "a tragic "
                                          "kneeling scream"), dramatic_despair, mirror=False),
    _t("crying_face_in_hands", ("crying",), ("crying with the face in the hands",
                                             "sobbing", "someone weeping", "cry",
                                             "hiding a tearful face"), crying_face_in_hands,
       mirror=False),
    _t("head_in_hands_sitting", ("despair",), ("sitting with the head in the hands",
                                               "a stressed person at a loss", "overwhelmed, "
                                               "elbows on the knees", "I give up"),
       head_in_hands_sitting, mirror=False),
    _t("laughing_hard", ("laughing",), ("laughing hard", "doubled over with laughter",
                                        "laugh out loud", "slapping the knee laughing"),
       laughing_hard),
    _t("laughing_head_back", ("laughing",), ("laughing with the head thrown back",
                                             "a big belly laugh", "roaring with laughter",
                                             "laugh"), laughing_head_back, mirror=False),
    _t("angry_fists", ("anger",), ("angry with fists clenched", "furious, shoulders up",
                                   "a person seething with rage", "get mad"), angry_fists,
       mirror=False),
    _t("shaking_fist", ("anger",), ("shaking a fist", "an angry fist raised with the {lead} "
                                    "arm", "shake your fist at them", "a threatening "
                                    "gesture"), shaking_fist),
    _t("stomping", ("anger",), ("stomping", "stamping the {lead} foot in a tantrum",
                                "stomp your feet", "a child having a fit"), stomping),
    _t("cowering", ("fear",), ("cowering in fear", "scared, arms over the head",
                               "duck and cover", "a frightened person shrinking away"),
       cowering, mirror=False),
    _t("surprised_hands_up", ("surprise",), ("surprised, hands up", "startled, jumping back",
                                             "whoa!", "a surprised person leaning back"),
       surprised_hands_up, mirror=False),
    _t("shocked_hands_cheeks", ("shock",), ("shocked with hands on the cheeks",
                                            "the Home Alone face", "oh no!",
                                            "aghast, palms on the face"), shocked_hands_cheeks,
       mirror=False),
    _t("sad_head_down", ("sadness",), ("sad with the head hanging", "a dejected person",
                                       "feeling down", "slumped shoulders, looking at the "
                                       "floor"), sad_head_down, mirror=False),
    _t("proud_chest_out", ("pride",), ("proud, chest out", "standing tall with chin up",
                                       "puff your chest out", "a confident, proud stance"),
       proud_chest_out, mirror=False),
    _t("bored_chin_on_hand", ("boredom",), ("bored, chin resting on the hand",
                                            "a bored student at a desk", "so boring",
                                            "propping the head on the {lead} hand"),
       bored_chin_on_hand),
    _t("biting_nails", ("nervousness",), ("biting the nails", "nervous, fingers at the "
                                          "mouth", "an anxious person", "chewing the "
                                          "fingernails"), biting_nails),
    _t("embarrassed", ("embarrassment",), ("embarrassed, covering the face", "shy, knees "
                                           "turned in", "so embarrassing", "blushing behind "
                                           "the hands"), embarrassed, mirror=False),
    _t("rubbing_eyes", ("tiredness",), ("tired, rubbing the eyes", "rubbing a sleepy eye",
                                        "wake up", "someone exhausted after a long day"),
       rubbing_eyes),
    _t("headache", ("pain",), ("having a headache", "hand pressed to the temple",
                               "a migraine", "my head hurts"), headache),
    _t("back_pain", ("pain",), ("back pain", "hand on the aching lower back",
                                "my back hurts", "stretching a sore back"), back_pain),
    _t("stomach_ache", ("pain",), ("a stomach ache", "hunched over, hands on the belly",
                                   "my tummy hurts", "doubled over in pain"), stomach_ache,
       mirror=False),
    _t("shivering_cold", ("cold",), ("shivering with cold", "hugging oneself to keep warm",
                                     "it's freezing", "arms wrapped around the body"),
       shivering_cold, mirror=False),
    _t("fanning_self", ("heat",), ("fanning the face", "hot and fanning with the hand",
                                   "it's so hot", "cooling off with a fan"), fanning_self),
    _t("sneezing", ("sneezing",), ("sneezing", "a sneeze into the hands", "achoo!",
                                   "someone with a cold sneezing"), sneezing, mirror=False),
    _t("coughing_elbow", ("coughing",), ("coughing into the elbow", "covering a cough with "
                                         "the {lead} arm", "cough into your sleeve",
                                         "someone coughing politely", "sneezing into the "
                                         "{lead} elbow", "sneeze into your elbow"),
       coughing_elbow),
    # Gestures
    _t("blowing_kiss", ("kiss",), ("blowing a kiss", "a flirty kiss with the {lead} heel "
                                   "kicked up", "blow a kiss", "sending a kiss"),
       blowing_kiss),
    _t("heart_hands", ("heart",), ("making a heart with the hands", "heart hands",
                                   "show some love", "a finger heart at the chest"),
       heart_hands, mirror=False),
    _t("thumbs_up", ("thumbs up",), ("a thumbs up", "giving a thumbs up with the {lead} "
                                     "hand", "good job!", "approving gesture"), thumbs_up),
    _t("double_thumbs_up", ("thumbs up",), ("two thumbs up", "double thumbs up",
                                            "awesome!", "giving both thumbs up"),
       double_thumbs_up, mirror=False),
    _t("ok_sign", ("OK",), ("an OK sign", "making the okay gesture", "all good",
                            "the {lead} hand raised in an OK"), ok_sign),
    _t("peace_sign", ("peace",), ("a peace sign", "a V sign by the face", "peace!",
                                  "posing for a photo with two fingers up"), peace_sign),
    _t("pointing_at_self", ("pointing",), ("pointing at oneself", "who, me?",
                                           "a finger at the own chest", "me!"),
       pointing_at_self),
    _t("beckoning", ("beckoning",), ("beckoning", "come here gesture", "come here!",
                                     "calling someone over with the hand"), beckoning),
    _t("shushing", ("shushing",), ("shushing", "a finger on the lips", "shh, quiet!",
                                   "asking for silence"), shushing),
    _t("covering_ears", ("covering ears",), ("covering the ears", "hands over the ears, too "
                                             "loud", "I can't hear you", "blocking out the "
                                             "noise"), covering_ears, mirror=False),
    _t("listening_hand_ear", ("listening",), ("a hand cupped to the ear", "listening hard",
                                              "what? I can't hear", "straining to hear with "
                                              "the {lead} hand at the ear"),
       listening_hand_ear),
    _t("shading_eyes", ("looking",), ("shading the eyes to look far", "a hand over the "
                                      "eyes like a visor", "looking into the distance",
                                      "scan the horizon, hand at the brow"), shading_eyes),
    _t("shouting_hands_mouth", ("shouting",), ("shouting through cupped hands",
                                               "calling out loudly", "hey, over here!",
                                               "yelling with hands around the mouth"),
       shouting_hands_mouth, mirror=False),
    _t("whispering", ("whispering",), ("whispering a secret", "leaning in to whisper",
                                       "psst", "a hand shielding the mouth"), whispering),
    _t("clapping", ("clapping",), ("clapping", "applauding", "clap your hands",
                                   "an audience member clapping"), clapping, mirror=False),
    _t("applauding_overhead", ("clapping",), ("clapping above the head", "applauding with "
                                              "hands high", "cheering and clapping",
                                              "raise the roof"), applauding_overhead,
       mirror=False),
    _t("waving_for_help", ("waving",), ("waving both arms for help", "signalling a rescue "
                                        "plane", "help! over here", "arms crossing overhead"),
       waving_for_help, mirror=False),
    _t("hand_on_heart", ("pledge",), ("hand on the heart", "pledging allegiance",
                                      "I swear", "a solemn vow, hand on chest"),
       hand_on_heart),
    _t("high_five", ("high five",), ("a high five", "going for a high five with the {lead} "
                                     "hand", "up top!", "slapping hands overhead"),
       high_five),
    _t("handshake", ("greeting",), ("a handshake", "shaking hands", "nice to meet you",
                                    "offering the {lead} hand to shake"), handshake),
    _t("hugging", ("hugging",), ("hugging someone", "a warm embrace", "give me a hug",
                                 "arms wrapped around a friend"), hugging, mirror=False),
    _t("bow_hand_on_heart", ("bowing",), ("a bow with a hand on the heart", "a courteous "
                                          "bow, {other} arm out", "thank you, bowing",
                                          "bowing graciously"), bow_hand_on_heart),
    _t("curtsy", ("curtsy",), ("a curtsy", "curtsying, one leg behind", "curtsy to the "
                               "queen", "a polite dip holding the skirt"), curtsy),
    # Uniforms, characters and statues
    _t("attention", ("military",), ("standing at attention", "a soldier at attention",
                                    "attention!", "standing straight, arms at the sides"),
       attention, mirror=False),
    _t("parade_rest", ("military",), ("parade rest", "at ease, hands behind the back",
                                      "stand at ease", "a guard standing easy"), parade_rest,
       mirror=False),
    _t("marching", ("marching",), ("marching", "a soldier marching, {lead} knee high",
                                   "march!", "a marching band step"), marching),
    _t("zombie_walk", ("zombie",), ("a zombie walk", "shambling like a zombie, arms out",
                                    "walk like a zombie", "the undead lurching forward"),
       zombie_walk),
    _t("sleepwalking", ("sleepwalking",), ("sleepwalking", "a sleepwalker with arms out in "
                                           "front", "walking in the sleep", "arms stretched "
                                           "ahead, eyes shut"), sleepwalking),
    _t("ghost_boo", ("scaring",), ("a ghost saying boo", "jumping out to scare someone",
                                   "boo!", "hands raised like claws, spooking"), ghost_boo),
    _t("superhero_flying", ("flying",), ("a superhero flying", "Superman flight, fist ahead",
                                         "up, up and away", "flying like a superhero"),
       superhero_flying),
    _t("statue_of_liberty", ("statue",), ("the Statue of Liberty pose", "holding a torch up "
                                          "high", "strike a Lady Liberty pose",
                                          "torch raised in the {lead} hand"),
       statue_of_liberty),
    _t("thinker_statue", ("statue", "thinking"), ("the Thinker statue pose", "Rodin's "
                                                  "Thinker", "sit and ponder like the "
                                                  "Thinker", "chin on the fist, elbow on the "
                                                  "knee"), thinker_statue),
    _t("airplane_arms", ("playing",), ("airplane arms", "a child pretending to be a plane",
                                       "fly like an airplane", "arms spread, banking into "
                                       "a turn"), airplane_arms),
    _t("robot_pose", ("robot",), ("a robot pose", "moving like a robot, elbows bent "
                                  "square", "do the robot", "stiff mechanical arms"),
       robot_pose),
    _t("mime_box", ("mime",), ("a mime trapped in a box", "pressing on invisible walls",
                               "mime the glass wall", "a street mime"), mime_box),
    _t("jumping_for_joy", ("jumping", "joy"), ("jumping for joy", "leaping with the "
                                               "{other} heel kicked up", "yay!",
                                               "a happy jump, arms up"), jumping_for_joy),
    _t("holding_sign_overhead", ("protest",), ("holding a sign overhead", "a protester with "
                                               "a placard", "hold up the banner",
                                               "a fan holding up a poster"),
       holding_sign_overhead, mirror=False),
    _t("rocking_baby", ("parenting",), ("rocking a baby", "cradling an infant in the arms",
                                        "rock the baby to sleep", "a parent holding a "
                                        "newborn"), rocking_baby),
    _t("feeding_baby", ("parenting",), ("feeding a baby a bottle", "bottle-feeding an "
                                        "infant", "feed the baby", "a seated parent with a "
                                        "baby bottle"), feeding_baby),
    _t("raising_toast", ("toasting",), ("raising a glass", "making a toast", "cheers!",
                                        "lifting a drink to celebrate"), raising_toast),
)
