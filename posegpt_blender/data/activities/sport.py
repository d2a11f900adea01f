"""Sport, fitness, martial-arts, dance and outdoor activity templates for the pose sampler.

Each builder draws one activity's pose on a sampler `Figure` (body frame: +Y up, facing +Z,
+X the body's left; degrees), written for the right side leading (a right-handed player);
`ACTIVITIES` lists them as `Template`s with their action words and phrases: ball and racket
games, athletics, water, winter and outdoor sports, gym and gymnastics, martial arts and
aiming sports, yoga and stretching, dance and cheerleading. Some side-on activities
(fencing, archery, throwing) are drawn facing the target with the pelvis turned; the heading
is removed after sampling.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from core.skeleton import JOINT_INDEX as J
from posegpt_blender.data.figure import (Figure, Template, _flexed_leg, _head_point,
                                         _stand_legs, _waist)

SIDES = ("left", "right")
Target = Callable[[np.ndarray], np.ndarray]


def _s(side: str) -> float:
    return 1.0 if side == "left" else -1.0


def _at(joint: str, dx: float = 0.0, dy: float = 0.0, dz: float = 0.0) -> Target:
    """A point offset (metres, +x toward the body's left) from a joint."""
    off = np.array([dx, dy, dz])
    return lambda p: p[J[joint]] + off


def _grip(f: Figure, point: Target, spread: float = 0.05,
          pole: tuple[float, float, float] = (0.6, -1.0, 0.0)) -> None:
    """Both hands on one handle around point (a bat, club, oar, bar), spread apart in x."""
    for side in SIDES:
        f.reach(side, lambda p, s=_s(side): point(p) + np.array([s * spread, 0.0, 0.0]), pole)


def _ready_legs(f: Figure, lo: float = 50.0, hi: float = 70.0, out: float = 55.0) -> None:
    """Feet apart, both knees bent (thighs lo..hi degrees below horizontal): a ready stance."""
    for side in SIDES:
        f.leg(side, (-f.u(lo, hi), f.u(out, 85)), (-f.u(68, 80), -f.u(80, 100)),
              (-f.u(15, 25), 90))


def _wide_legs(f: Figure, thigh: float, out: tuple[float, float] = (15, 35)) -> None:
    """Feet wide apart, knees bent out over the feet, shins near vertical."""
    for side in SIDES:
        f.leg(side, (-thigh + f.u(-4, 4), f.u(*out)), (-f.u(78, 88), f.u(60, 120)),
              (-f.u(15, 25), f.u(40, 70)))


def _lie(f: Figure) -> None:
    """Straight legs, arms along the body: the base of the lying poses (then tilted)."""
    for side in SIDES:
        f.leg(side, (-f.u(86, 90), f.u(80, 100)), (-f.u(86, 90), f.u(80, 100)), (f.u(0, 30), 90))
        f.arm(side, (-f.u(78, 88), f.u(-10, 20)))


# Ball and racket sports --------------------------------------------------------------------

def volleyball_spike(f: Figure) -> None:
    for side in SIDES:
        _flexed_leg(f, side, f.u(10, 35), f.u(40, 75))
    f.arm("left", (f.u(50, 75), f.u(75, 100)))
    f.arm("right", (f.u(15, 40), -f.u(10, 40)), (f.u(60, 85), f.u(-30, 60)))
    f.torso(-f.u(5, 20), -f.u(10, 25))
    f.head(-f.u(15, 30))


def volleyball_set(f: Figure) -> None:
    _ready_legs(f, 65, 80)
    for side in SIDES:
        f.reach(side, _head_point(_s(side) * f.u(0.07, 0.1), f.u(0.15, 0.22), f.u(0.1, 0.16)),
                (1.0, -0.2, 0.2))
    f.torso(-f.u(0, 10))
    f.head(-f.u(20, 35))


def volleyball_dig(f: Figure) -> None:
    _ready_legs(f, 30, 50)
    f.torso(f.u(20, 35))
    el = -f.u(30, 50)
    for side in SIDES:
        f.arm(side, (el, f.u(108, 115)))
    f.head(-f.u(10, 25))


def volleyball_block(f: Figure) -> None:
    for side in SIDES:
        _flexed_leg(f, side, f.u(0, 15), f.u(5, 30))
        f.arm(side, (f.u(65, 80), f.u(70, 95)))
    f.head(-f.u(0, 15))


def bowling_release(f: Figure) -> None:
    _flexed_leg(f, "left", f.u(70, 85), f.u(70, 90))
    f.leg("right", (-f.u(25, 45), -f.u(105, 130)), (-f.u(5, 25), -f.u(105, 130)), (-60, -110))
    f.pelvis(f.u(10, 25))
    f.torso(f.u(25, 40), f.u(0, 15))
    f.arm("right", (-f.u(68, 82), f.u(80, 95)))  # the release: the hand low by the sliding foot
    f.arm("left", (f.u(-20, 10), f.u(-20, 10)))
    f.head(-f.u(15, 30))


def tug_of_war(f: Figure) -> None:
    _flexed_leg(f, "right", f.u(35, 55), f.u(5, 20))
    _flexed_leg(f, "left", f.u(50, 75), f.u(60, 90))
    f.pelvis(-f.u(15, 30))
    f.torso(-f.u(0, 10))
    dy = f.u(0.0, 0.12)
    f.reach("right", _at("pelvis", -0.03, dy, 0.3), (0.4, -1.0, 0.0))
    f.reach("left", _at("pelvis", 0.0, dy + 0.03, 0.55), (0.4, -1.0, 0.0))
    f.head(f.u(-10, 10))


def golf_address(f: Figure) -> None:
    for side in SIDES:
        f.leg(side, (-f.u(75, 82), f.u(40, 70)), (-f.u(80, 86), -f.u(80, 100)), (-20, 80))
    f.pelvis(f.u(25, 35))
    f.torso(f.u(10, 20))
    _grip(f, _at("pelvis", -f.u(0.0, 0.05), -f.u(0.3, 0.38), f.u(0.3, 0.4)), 0.02,
          (0.3, 0.0, -1.0))
    f.head(f.u(15, 30))


def golf_backswing(f: Figure) -> None:
    for side in SIDES:
        f.leg(side, (-f.u(75, 82), f.u(40, 70)), (-f.u(80, 86), -f.u(80, 100)), (-20, 80))
    f.pelvis(f.u(20, 30), -f.u(15, 30))
    f.torso(f.u(10, 20), -f.u(50, 70))
    _grip(f, _at("right_shoulder", -f.u(0.05, 0.15), f.u(0.2, 0.3), f.u(0.0, 0.1)), 0.02,
          (0.0, -1.0, 0.3))
    f.head(f.u(15, 30), f.u(45, 60))


def golf_follow_through(f: Figure) -> None:
    f.leg("left", (-f.u(82, 88), f.u(60, 90)), (-f.u(84, 89), 90), (-20, 60))
    f.leg("right", (-f.u(70, 78), f.u(100, 130)), (-f.u(60, 72), -f.u(90, 130)), (-60, 120))
    f.pelvis(f.u(0, 10), f.u(40, 60))
    f.torso(-f.u(5, 15), f.u(30, 50))
    _grip(f, _at("left_shoulder", f.u(0.05, 0.12), f.u(0.15, 0.25), -f.u(0.0, 0.1)), 0.02,
          (0.0, -1.0, 0.3))
    f.head(-f.u(0, 10), -f.u(20, 40))


def golf_putt(f: Figure) -> None:
    for side in SIDES:
        f.leg(side, (-f.u(80, 86), f.u(30, 60)), (-f.u(84, 89), 90), (-20, 90))
    f.pelvis(f.u(30, 40))
    f.torso(f.u(15, 25))
    _grip(f, _at("pelvis", 0.0, -f.u(0.2, 0.28), f.u(0.3, 0.38)), 0.03, (1.0, 0.0, -0.3))
    f.head(f.u(30, 45))


def baseball_pitch_windup(f: Figure) -> None:
    f.leg("right", (-f.u(84, 89), 90), (-f.u(84, 89), 90), (-20, 90))
    _flexed_leg(f, "left", f.u(80, 100), f.u(80, 110))
    f.pelvis(0, -f.u(20, 40))
    for side in SIDES:
        f.reach(side, _at("spine3", -0.02, f.u(0.0, 0.08), f.u(0.15, 0.2)), (1.0, -0.6, 0.0))
    f.torso(-f.u(0, 10), -f.u(10, 30))
    f.head(0, f.u(40, 60))


def baseball_catcher(f: Figure) -> None:
    for side in SIDES:
        f.leg(side, (-f.u(0, 15), f.u(35, 55)), (-f.u(70, 80), -f.u(110, 150)), (-10, 60))
    f.torso(f.u(20, 35))
    f.arm("left", (-f.u(10, 30), f.u(70, 90)), (f.u(20, 50), f.u(80, 100)))
    f.reach("right", _at("right_knee", 0.05, 0.05, -0.05), (0.8, 0.0, -0.5))
    f.head(-f.u(0, 15))


def baseball_fly_catch(f: Figure) -> None:
    _stand_legs(f, 30)
    for side in SIDES:
        f.reach(side, _head_point(_s(side) * f.u(0.0, 0.08) + 0.06, f.u(0.3, 0.4),
                                  f.u(0.15, 0.25)), (1.0, 0.0, -0.3))
    f.torso(-f.u(5, 15))
    f.head(-f.u(30, 45))


def baseball_swing(f: Figure) -> None:
    f.leg("left", (-f.u(78, 86), f.u(40, 70)), (-f.u(82, 88), 90), (-20, 70))
    f.leg("right", (-f.u(68, 78), f.u(110, 130)), (-f.u(65, 75), -f.u(100, 130)), (-50, 110))
    f.pelvis(0, f.u(30, 50))
    f.torso(f.u(5, 15), f.u(25, 45))
    # The bat met out in front: both hands together, swinging through to the left.
    _grip(f, _at("spine3", f.u(0.2, 0.35), f.u(-0.1, 0.05), f.u(0.25, 0.35)), 0.03,
          (0.3, -1.0, 0.0))
    f.head(f.u(0, 15), -f.u(30, 50))


def cricket_bowling(f: Figure) -> None:
    _flexed_leg(f, "left", f.u(10, 25), f.u(0, 10))
    _flexed_leg(f, "right", -f.u(20, 35), f.u(40, 70))
    f.pelvis(0, -f.u(30, 50))
    f.torso(-f.u(10, 20), -f.u(10, 20))
    f.arm("right", (f.u(-5, 15), -f.u(70, 90)))
    f.arm("left", (f.u(75, 88), f.u(60, 100)))
    f.head(-f.u(0, 15), f.u(40, 60))


def cricket_batting(f: Figure) -> None:
    _flexed_leg(f, "left", f.u(40, 55), f.u(40, 60))
    _flexed_leg(f, "right", -f.u(10, 20), f.u(5, 20))
    f.pelvis(f.u(10, 20), -f.u(30, 50))
    f.torso(f.u(20, 30), f.u(10, 20))
    _grip(f, _at("pelvis", f.u(0.0, 0.1), -f.u(0.05, 0.15), f.u(0.35, 0.45)), 0.03,
          (0.5, -0.5, -0.5))
    f.head(f.u(25, 40), f.u(30, 50))


def hockey_slapshot(f: Figure) -> None:
    f.leg("left", (-f.u(55, 70), f.u(60, 90)), (-f.u(72, 82), -f.u(80, 100)), (-20, 60))
    f.leg("right", (-f.u(60, 70), -f.u(30, 60)), (-f.u(40, 60), -f.u(60, 90)), (-30, 0))
    f.pelvis(f.u(15, 25), -f.u(30, 50))
    f.torso(f.u(15, 30), -f.u(20, 40))
    f.arm("left", (f.u(20, 40), -f.u(30, 60)), (f.u(40, 60), -f.u(20, 40)))
    f.arm("right", (-f.u(0, 20), -f.u(40, 70)), (f.u(20, 40), -f.u(60, 90)))
    f.head(f.u(20, 35), f.u(30, 50))


def rugby_pass(f: Figure) -> None:
    _flexed_leg(f, "left", f.u(30, 50), f.u(30, 50))
    _flexed_leg(f, "right", -f.u(5, 20), f.u(20, 45))
    f.torso(f.u(10, 25), f.u(30, 50))
    dy = f.u(0.0, 0.15)
    f.reach("right", _at("pelvis", f.u(0.2, 0.35), dy, f.u(0.35, 0.45)), (0.6, -1.0, 0.0))
    f.reach("left", _at("pelvis", f.u(0.45, 0.55), dy, f.u(0.3, 0.4)), (1.0, -0.5, -0.3))
    f.head(f.u(0, 10), f.u(40, 60))


def football_throw(f: Figure) -> None:
    _flexed_leg(f, "left", f.u(20, 35), f.u(5, 20))
    _flexed_leg(f, "right", -f.u(5, 15), f.u(20, 40))
    f.pelvis(0, -f.u(40, 60))
    f.torso(-f.u(0, 10), -f.u(10, 25))
    f.arm("right", (f.u(0, 15), -f.u(0, 30)), (f.u(70, 88), f.u(60, 110)))
    f.arm("left", (f.u(0, 25), f.u(80, 100)), (f.u(-5, 20), f.u(100, 140)))
    f.head(0, f.u(45, 60))


def football_stance(f: Figure) -> None:
    for side in SIDES:
        _flexed_leg(f, side, f.u(100, 120), f.u(100, 120))
    f.arm("right", (f.u(-5, 10), f.u(85, 95)))
    f.arm("left", (-f.u(60, 80), -f.u(70, 100)), (-f.u(30, 50), f.u(70, 100)))
    f.head(-f.u(40, 60))
    f.level(("right_hand",), ("left_foot", "right_foot"), (60, 90))  # the hand down on the turf


def football_catch(f: Figure) -> None:
    f.leg("right", (-f.u(40, 60), f.u(80, 100)), (-f.u(80, 90), -f.u(80, 100)), (-40, 90))
    f.leg("left", (-f.u(65, 80), -f.u(80, 100)), (-f.u(30, 55), -f.u(80, 100)), (-60, -90))
    for side in SIDES:
        f.arm(side, (f.u(60, 80), f.u(60, 95)), (f.u(65, 85), f.u(70, 100)))
    f.torso(-f.u(5, 15))
    f.head(-f.u(30, 45))


def badminton_smash(f: Figure) -> None:
    for side in SIDES:
        _flexed_leg(f, side, f.u(10, 30), f.u(40, 70))
    f.pelvis(0, -f.u(20, 40))
    f.torso(-f.u(5, 20), -f.u(10, 25))
    f.arm("right", (f.u(40, 60), -f.u(0, 30)), (f.u(70, 88), f.u(60, 120)))
    f.arm("left", (f.u(30, 60), f.u(70, 100)))
    f.head(-f.u(25, 40), f.u(20, 40))


def table_tennis_forehand(f: Figure) -> None:
    _ready_legs(f, 55, 70, 35)
    f.torso(f.u(20, 35), -f.u(10, 30))
    f.arm("right", (-f.u(30, 50), f.u(20, 50)), (f.u(0, 25), f.u(110, 140)))
    f.arm("left", (-f.u(40, 60), f.u(60, 90)), (-f.u(0, 20), f.u(100, 130)))
    f.head(f.u(5, 20), f.u(0, 20))


def tennis_forehand(f: Figure) -> None:
    _flexed_leg(f, "left", f.u(35, 55), f.u(30, 55))
    _flexed_leg(f, "right", -f.u(0, 15), f.u(20, 40))
    f.pelvis(0, -f.u(20, 40))
    f.torso(f.u(5, 15), -f.u(30, 45))
    el = f.u(-10, 10)
    f.arm("right", (el, -f.u(20, 50)), (el + f.u(0, 10), -f.u(10, 40)))
    f.arm("left", (f.u(0, 15), f.u(100, 130)))
    f.head(f.u(5, 15), f.u(40, 60))


def tennis_backhand(f: Figure) -> None:
    _flexed_leg(f, "right", f.u(35, 55), f.u(30, 55))
    _flexed_leg(f, "left", -f.u(0, 15), f.u(20, 40))
    f.pelvis(0, f.u(20, 40))
    f.torso(f.u(5, 15), f.u(30, 45))
    _grip(f, _at("left_shoulder", f.u(0.15, 0.25), -f.u(0.1, 0.25), -f.u(0.05, 0.2)), 0.03,
          (0.0, -1.0, 0.0))
    f.head(f.u(5, 15), -f.u(40, 60))


def tennis_ready(f: Figure) -> None:
    _ready_legs(f, 55, 70, 40)
    f.torso(f.u(20, 30))
    _grip(f, _at("pelvis", 0.0, f.u(0.15, 0.25), f.u(0.35, 0.45)), 0.05, (1.0, -0.5, 0.0))
    f.head(-f.u(5, 15))


def basketball_dribble(f: Figure) -> None:
    _ready_legs(f, 50, 65)
    f.torso(f.u(15, 30))
    f.arm("right", (-f.u(50, 70), f.u(20, 50)), (-f.u(55, 75), f.u(60, 90)))
    f.arm("left", (-f.u(20, 40), f.u(50, 80)), (-f.u(0, 20), f.u(70, 100)))
    f.head(-f.u(0, 15), f.u(-10, 10))


def basketball_layup(f: Figure) -> None:
    _flexed_leg(f, "right", f.u(80, 100), f.u(80, 100))
    _flexed_leg(f, "left", f.u(0, 10), f.u(5, 20))
    f.arm("right", (f.u(65, 80), f.u(70, 100)), (f.u(75, 88), f.u(70, 100)))
    f.arm("left", (f.u(0, 20), f.u(60, 90)), (f.u(10, 40), f.u(100, 130)))
    f.head(-f.u(20, 35))


def basketball_dunk(f: Figure) -> None:
    for side in SIDES:
        _flexed_leg(f, side, f.u(10, 30), f.u(60, 90))
    f.arm("right", (f.u(70, 85), f.u(70, 100)), (f.u(40, 65), f.u(80, 100)))
    f.arm("left", (-f.u(20, 50), f.u(20, 60)))
    f.torso(f.u(5, 15))
    f.head(-f.u(15, 30))


def basketball_defense(f: Figure) -> None:
    _wide_legs(f, f.u(40, 55))
    f.torso(f.u(20, 30))
    for side in SIDES:
        el = f.u(-10, 20)
        f.arm(side, (el, f.u(-10, 20)), (el + f.u(10, 30), f.u(10, 50)))
    f.head(-f.u(5, 20))


def basketball_chest_pass(f: Figure) -> None:
    _flexed_leg(f, "right", f.u(25, 40), f.u(25, 45))
    _flexed_leg(f, "left", -f.u(5, 15), f.u(10, 30))
    f.torso(f.u(10, 20))
    for side in SIDES:
        f.arm(side, (-f.u(0, 15), f.u(85, 100)), (f.u(-5, 10), f.u(85, 100)))
    f.head(f.u(-5, 5))


def soccer_header(f: Figure) -> None:
    for side in SIDES:
        _flexed_leg(f, side, f.u(5, 25), f.u(40, 80))
        f.arm(side, (-f.u(10, 35), f.u(-10, 20)), (f.u(0, 30), f.u(40, 90)))
    f.torso(-f.u(10, 25))
    f.head(-f.u(20, 35))


def soccer_throw_in(f: Figure) -> None:
    _flexed_leg(f, "right", f.u(15, 30), f.u(10, 25))
    _flexed_leg(f, "left", -f.u(10, 20), f.u(20, 40))
    f.torso(-f.u(15, 25))
    for side in SIDES:
        f.reach(side, _head_point(_s(side) * 0.11, f.u(0.18, 0.28), -f.u(0.2, 0.3)),
                (1.0, 0.5, 0.3))
    f.head(-f.u(10, 25))


def goalkeeper_catch(f: Figure) -> None:
    _ready_legs(f, 60, 75)
    f.torso(f.u(0, 10))
    for side in SIDES:
        f.reach(side, _head_point(_s(side) * f.u(0.07, 0.1), -f.u(0.12, 0.25), f.u(0.35, 0.45)),
                (1.0, -0.3, 0.0))  # at chest height
    f.head(f.u(-5, 10))


def frisbee_throw(f: Figure) -> None:
    _flexed_leg(f, "right", f.u(30, 45), f.u(30, 50))
    _flexed_leg(f, "left", -f.u(5, 15), f.u(5, 20))
    f.pelvis(0, f.u(20, 35))
    f.torso(f.u(10, 20), f.u(30, 45))
    f.arm("right", (f.u(-10, 10), f.u(150, 175)), (f.u(-10, 5), f.u(-160, -130)))
    f.arm("left", (-f.u(40, 70), -f.u(10, 30)))
    f.head(f.u(0, 10), -f.u(40, 60))


def handball_jump_shot(f: Figure) -> None:
    _flexed_leg(f, "right", f.u(70, 95), f.u(70, 100))
    _flexed_leg(f, "left", f.u(0, 10), f.u(5, 25))
    f.torso(-f.u(5, 15), -f.u(20, 35))
    f.arm("right", (f.u(10, 30), -f.u(10, 40)), (f.u(65, 85), f.u(-20, 40)))
    f.arm("left", (f.u(10, 30), f.u(70, 100)))
    f.head(-f.u(5, 15), f.u(20, 40))


# Athletics, water and winter sports --------------------------------------------------------

def swim_freestyle(f: Figure) -> None:
    _lie(f)
    _flexed_leg(f, "left", f.u(10, 25), f.u(10, 30))
    f.arm("left", (f.u(75, 88), f.u(80, 95)))
    f.arm("right", (-f.u(30, 60), f.u(60, 90)), (-f.u(70, 85), f.u(60, 100)))
    f.torso(0, f.u(10, 25))
    f.head(0, -f.u(40, 60))
    f.tilt(f.u(85, 92))


def swim_breaststroke(f: Figure) -> None:
    for side in SIDES:
        f.leg(side, (-f.u(40, 60), f.u(30, 50)), (-f.u(60, 80), -f.u(120, 150)), (-10, 30))
        f.arm(side, (f.u(30, 50), f.u(30, 60)), (f.u(20, 45), f.u(100, 130)))
    f.torso(-f.u(10, 25))
    f.head(-f.u(30, 50))
    f.tilt(f.u(75, 85))


def swim_butterfly(f: Figure) -> None:
    for side in SIDES:
        _flexed_leg(f, side, f.u(10, 30), f.u(30, 60))
        f.arm(side, (-f.u(10, 30), -f.u(0, 30)))
    f.torso(-f.u(10, 20))
    f.head(-f.u(30, 50))
    f.tilt(f.u(70, 80))


def swim_backstroke(f: Figure) -> None:
    _lie(f)
    _flexed_leg(f, "left", f.u(15, 30), f.u(10, 30))
    f.arm("right", (f.u(75, 88), f.u(60, 100)))
    f.arm("left", (-f.u(75, 88), f.u(-10, 20)))
    f.torso(0, f.u(5, 20))
    f.head(f.u(0, 15))
    f.tilt(-f.u(82, 90))


def swim_dive_start(f: Figure) -> None:
    for side in SIDES:
        _flexed_leg(f, side, f.u(20, 35), f.u(35, 55))
        f.arm(side, (-f.u(75, 88), f.u(80, 100)))
    f.pelvis(f.u(70, 85))
    f.torso(f.u(10, 20))
    f.head(f.u(-10, 10))


def diving_board(f: Figure) -> None:
    for side in SIDES:
        f.leg(side, (-f.u(86, 90), 90), (-f.u(87, 90), 90), (-f.u(60, 75), 90))
        f.arm(side, (f.u(78, 88), f.u(70, 100)))
    f.head(-f.u(5, 15))


def pike_dive(f: Figure) -> None:
    for side in SIDES:
        _flexed_leg(f, side, f.u(120, 140), f.u(0, 10))
        f.reach(side, _at(f"{side}_ankle", 0.0, f.u(0.05, 0.15), f.u(0.05, 0.12)),
                (0.5, 0.0, -1.0))
    f.torso(f.u(30, 45))
    f.head(f.u(10, 30))
    f.tilt(f.u(40, 60))


def high_jump(f: Figure) -> None:
    for side in SIDES:
        _flexed_leg(f, side, -f.u(10, 25), f.u(60, 90))
        f.arm(side, (-f.u(50, 70), f.u(-10, 20)))
    f.pelvis(-f.u(20, 35))
    f.torso(-f.u(25, 40))
    f.head(-f.u(10, 30))
    f.tilt(-f.u(60, 80))


def long_jump(f: Figure) -> None:
    for side in SIDES:
        _flexed_leg(f, side, f.u(90, 110), f.u(0, 20))
        f.arm(side, (f.u(-10, 20), f.u(70, 100)))
    f.torso(f.u(20, 35))
    f.head(-f.u(0, 15))


def hurdles(f: Figure) -> None:
    f.leg("right", (f.u(-5, 10), f.u(85, 95)), (f.u(-10, 5), f.u(85, 95)), (f.u(0, 20), 90))
    f.leg("left", (-f.u(30, 45), -f.u(20, 50)), (-f.u(0, 15), f.u(140, 170)), (-10, 140))
    f.torso(f.u(30, 45))
    f.arm("left", (f.u(-5, 15), f.u(80, 100)))
    f.arm("right", (-f.u(40, 60), -f.u(40, 70)), (-f.u(10, 30), f.u(60, 90)))
    f.head(-f.u(20, 35))


def javelin_throw(f: Figure) -> None:
    _flexed_leg(f, "left", f.u(30, 45), f.u(5, 15))
    _flexed_leg(f, "right", -f.u(10, 20), f.u(30, 60))
    f.pelvis(-f.u(0, 10), -f.u(20, 40))
    f.torso(-f.u(15, 25), -f.u(20, 35))
    f.arm("right", (f.u(10, 25), -f.u(80, 100)))
    f.arm("left", (f.u(20, 40), f.u(80, 100)), (f.u(10, 30), f.u(110, 140)))
    f.head(-f.u(5, 15), f.u(40, 60))


def shot_put(f: Figure) -> None:
    _flexed_leg(f, "right", f.u(50, 70), f.u(60, 80))
    f.leg("left", (-f.u(55, 70), f.u(20, 50)), (-f.u(55, 70), f.u(20, 50)), (-20, 60))
    f.pelvis(f.u(10, 20), -f.u(40, 60))
    f.torso(f.u(10, 20), -f.u(10, 20))
    f.reach("right", _head_point(-f.u(0.1, 0.14), -f.u(0.06, 0.1), f.u(0.0, 0.05)),
            (1.0, 0.0, -0.5))
    f.arm("left", (f.u(0, 20), f.u(80, 110)), (f.u(0, 20), f.u(100, 150)))
    f.head(f.u(0, 15), f.u(20, 40))


def discus_throw(f: Figure) -> None:
    for side in SIDES:
        f.leg(side, (-f.u(62, 72), f.u(25, 50)), (-f.u(75, 85), -f.u(80, 110)), (-20, 70))
    f.pelvis(f.u(10, 20), -f.u(20, 35))
    f.torso(f.u(10, 20), -f.u(40, 55))
    f.arm("right", (f.u(-5, 15), -f.u(50, 80)))
    f.arm("left", (f.u(-5, 15), f.u(90, 130)), (f.u(-10, 10), f.u(140, 170)))
    f.head(f.u(0, 10), f.u(20, 40))


def pole_vault(f: Figure) -> None:
    _flexed_leg(f, "right", f.u(60, 85), f.u(70, 100))
    _flexed_leg(f, "left", f.u(0, 15), f.u(0, 15))
    f.arm("right", (f.u(80, 88), f.u(70, 100)))
    f.arm("left", (f.u(40, 60), f.u(70, 100)), (f.u(55, 75), f.u(70, 100)))
    f.torso(-f.u(0, 10))
    f.head(-f.u(10, 25))


def hammer_throw(f: Figure) -> None:
    _wide_legs(f, f.u(60, 72), (30, 55))
    f.torso(f.u(0, 10), -f.u(30, 45))
    _grip(f, _at("pelvis", -f.u(0.4, 0.5), f.u(0.3, 0.45), f.u(0.0, 0.15)), 0.03,  # in reach
          (0.0, -1.0, 0.3))
    f.head(0, f.u(10, 30))


def jogging(f: Figure) -> None:
    f.leg("right", (-f.u(55, 70), f.u(80, 100)), (-f.u(75, 88), -f.u(80, 100)), (-20, 90))
    f.leg("left", (-f.u(70, 80), -f.u(80, 100)), (-f.u(35, 55), -f.u(80, 100)), (-60, -90))
    f.arm("left", (-f.u(55, 70), f.u(60, 100)), (f.u(0, 20), f.u(80, 110)))
    f.arm("right", (-f.u(55, 70), -f.u(60, 100)), (-f.u(0, 25), f.u(80, 110)))
    f.torso(f.u(3, 10), f.u(-8, 8))
    f.head(f.u(-5, 5))


def high_knees(f: Figure) -> None:
    f.leg("left", (-f.u(84, 88), 90), (-f.u(84, 89), -90), (-f.u(40, 55), 90))
    _flexed_leg(f, "right", f.u(85, 100), f.u(85, 100))
    f.arm("right", (-f.u(50, 65), -f.u(60, 90)), (-f.u(0, 20), f.u(80, 100)))
    f.arm("left", (-f.u(20, 35), f.u(75, 95)), (f.u(30, 60), f.u(85, 110)))
    f.head(f.u(-5, 5))


def skipping_rope(f: Figure) -> None:
    for side in SIDES:
        _flexed_leg(f, side, f.u(5, 15), f.u(10, 25))
        f.arm(side, (-f.u(60, 75), f.u(0, 30)), (-f.u(0, 20), f.u(0, 40)))
    f.head(f.u(-5, 10))


def hula_hoop(f: Figure) -> None:
    _stand_legs(f, 40)
    f.pelvis(0, 0, f.u(5, 12))
    f.torso(0, f.u(-10, 10), -f.u(5, 12))
    for side in SIDES:
        el = f.u(10, 40)
        f.arm(side, (el, f.u(-10, 20)), (el + f.u(20, 45), f.u(30, 80)))
    f.head(-f.u(0, 10))


def trampoline_seat_drop(f: Figure) -> None:
    for side in SIDES:
        _flexed_leg(f, side, f.u(85, 95), f.u(0, 10))
        f.arm(side, (-f.u(60, 75), -f.u(40, 70)))
    f.torso(-f.u(0, 10))
    f.head(f.u(0, 10))


def trampoline_straddle(f: Figure) -> None:
    for side in SIDES:
        el = f.u(0, 15)
        f.leg(side, (el, f.u(30, 45)), (el, f.u(30, 45)), (el + 30, 60))
        f.reach(side, _at(f"{side}_ankle", 0.0, 0.05, 0.0), (0.5, 0.5, 0.0))
    f.torso(f.u(20, 35))
    f.head(f.u(0, 15))


def cycling(f: Figure) -> None:
    _flexed_leg(f, "right", f.u(90, 110), f.u(100, 120))
    _flexed_leg(f, "left", f.u(30, 45), f.u(20, 40))
    f.pelvis(f.u(30, 45))
    f.torso(f.u(10, 25))
    for side in SIDES:
        f.arm(side, (-f.u(25, 45), f.u(75, 90)), (-f.u(20, 40), f.u(85, 100)))
    f.head(-f.u(30, 45))


def horse_riding(f: Figure) -> None:
    for side in SIDES:
        f.leg(side, (-f.u(30, 45), f.u(40, 55)), (-f.u(70, 80), -f.u(70, 100)), (-5, 90))
        f.reach(side, _at("pelvis", _s(side) * 0.08, f.u(0.15, 0.25), f.u(0.3, 0.4)),
                (0.5, -1.0, 0.0))
    f.torso(f.u(0, 10))
    f.head(f.u(0, 10))


def tightrope_walking(f: Figure) -> None:
    f.leg("left", (-f.u(86, 90), 90), (-f.u(87, 90), 90), (-20, 90))
    f.leg("right", (-f.u(70, 80), f.u(80, 100)), (-f.u(80, 88), f.u(80, 100)), (-f.u(25, 40), 90))
    for side in SIDES:
        el = f.u(-5, 15)
        f.arm(side, (el, f.u(-10, 10)), (el + f.u(-5, 10), f.u(-10, 10)))
    f.torso(0, 0, f.u(-5, 5))
    f.head(f.u(20, 35))


def surfing(f: Figure) -> None:
    for side in SIDES:
        f.leg(side, (-f.u(40, 55), f.u(10, 30)), (-f.u(68, 80), -f.u(60, 100)), (-10, 60))
    f.torso(f.u(15, 30), f.u(5, 20))
    f.arm("left", (f.u(0, 20), f.u(10, 40)))
    f.arm("right", (f.u(-15, 10), -f.u(0, 40)))
    f.head(f.u(0, 10), f.u(40, 60))


def surf_paddle(f: Figure) -> None:
    _lie(f)
    f.arm("left", (f.u(65, 85), f.u(80, 100)))
    f.arm("right", (-f.u(20, 45), f.u(80, 100)))
    f.torso(-f.u(10, 25))
    f.head(-f.u(30, 45))
    f.tilt(f.u(82, 90))


def snowboarding(f: Figure) -> None:
    for side in SIDES:
        f.leg(side, (-f.u(35, 50), f.u(20, 35)), (-f.u(65, 78), -f.u(70, 100)), (-10, 50))
    f.torso(f.u(20, 35), f.u(10, 25))
    f.arm("left", (-f.u(0, 25), f.u(30, 70)))
    f.arm("right", (-f.u(35, 60), f.u(60, 100)))
    f.head(f.u(10, 20), f.u(35, 55))


def skiing(f: Figure) -> None:
    for side in SIDES:
        f.leg(side, (-f.u(45, 60), f.u(80, 95)), (-f.u(60, 72), -f.u(80, 100)), (-10, 90))
        f.arm(side, (-f.u(35, 55), f.u(50, 80)), (-f.u(5, 20), f.u(80, 100)))
    f.torso(f.u(20, 35))
    f.head(-f.u(10, 25))


def ski_tuck(f: Figure) -> None:
    for side in SIDES:
        f.leg(side, (-f.u(5, 20), f.u(80, 95)), (-f.u(45, 58), -f.u(80, 100)), (-10, 90))
        f.reach(side, _head_point(_s(side) * 0.06, -f.u(0.15, 0.25), f.u(0.25, 0.32)),
                (1.0, -0.5, 0.0))
    f.pelvis(f.u(35, 50))
    f.torso(f.u(20, 30))
    f.head(-f.u(40, 55))


def skateboarding(f: Figure) -> None:
    for side in SIDES:
        f.leg(side, (-f.u(60, 75), f.u(10, 30)), (-f.u(75, 85), -f.u(60, 100)), (-10, 60))
    f.torso(f.u(5, 15), f.u(5, 20))
    f.arm("left", (-f.u(20, 45), f.u(20, 60)), (-f.u(0, 20), f.u(60, 100)))
    f.arm("right", (-f.u(40, 60), -f.u(0, 30)), (-f.u(30, 50), f.u(0, 40)))
    f.head(f.u(0, 10), f.u(40, 60))


def skateboard_push(f: Figure) -> None:
    _flexed_leg(f, "left", f.u(35, 50), f.u(45, 65))
    _flexed_leg(f, "right", -f.u(20, 35), f.u(5, 20))
    f.torso(f.u(10, 20))
    f.arm("left", (-f.u(40, 60), f.u(30, 60)))
    f.arm("right", (-f.u(50, 70), -f.u(20, 50)))
    f.head(f.u(0, 10))


def skate_ollie(f: Figure) -> None:
    _flexed_leg(f, "left", f.u(70, 90), f.u(90, 110))
    _flexed_leg(f, "right", f.u(50, 70), f.u(100, 120))
    for side in SIDES:
        f.arm(side, (f.u(-20, 10), f.u(0, 40)))
    f.torso(f.u(15, 25))
    f.head(f.u(15, 30))


def ice_skating_glide(f: Figure) -> None:
    _flexed_leg(f, "left", f.u(20, 35), f.u(20, 40))
    f.leg("right", (-f.u(55, 70), -f.u(40, 70)), (-f.u(50, 65), -f.u(40, 70)), (-40, -60))
    f.torso(f.u(10, 25))
    for side in SIDES:
        f.arm(side, (-f.u(10, 30), f.u(10, 50)))
    f.head(f.u(-5, 10))


def ice_skating_spin(f: Figure) -> None:
    f.leg("left", (-f.u(85, 89), 90), (-f.u(86, 90), 90), (-20, 90))
    f.leg("right", (-f.u(60, 70), f.u(120, 150)), (-f.u(80, 88), f.u(100, 150)), (-60, 120))
    for side in SIDES:
        f.reach(side, _at("spine3", 0.0, f.u(0.05, 0.1), f.u(0.12, 0.18)), (1.0, -0.3, 0.0))
    f.head(-f.u(0, 15))


def figure_skating_spiral(f: Figure) -> None:
    f.leg("left", (-f.u(85, 89), f.u(70, 100)), (-f.u(86, 90), 90), (-20, 90))
    el = f.u(10, 40)
    f.leg("right", (el, -f.u(80, 100)), (el + f.u(-3, 3), -f.u(80, 100)), (el + 10, -90))
    f.pelvis(f.u(40, 60))
    f.torso(f.u(10, 25))
    for side in SIDES:
        el = f.u(-10, 15)
        f.arm(side, (el, f.u(-20, 20)), (el, f.u(-20, 20)))
    f.head(-f.u(35, 50))


def speed_skating(f: Figure) -> None:
    _flexed_leg(f, "left", f.u(80, 100), f.u(90, 110))
    f.leg("right", (-f.u(20, 40), -f.u(10, 40)), (-f.u(10, 30), -f.u(10, 40)), (-30, 0))
    f.pelvis(f.u(45, 60))
    f.torso(f.u(15, 25))
    f.reach("left", _at("pelvis", 0.05, f.u(0.0, 0.05), -f.u(0.1, 0.15)), (1.0, 0.0, 0.3))
    f.arm("right", (-f.u(0, 25), -f.u(60, 90)))
    f.head(-f.u(40, 55))


def sledding(f: Figure) -> None:
    for side in SIDES:
        _flexed_leg(f, side, f.u(70, 85), f.u(30, 60))
        f.reach(side, _at(f"{side}_knee", _s(side) * 0.1, f.u(0.0, 0.05), f.u(0.05, 0.15)),
                (1.0, 0.0, -0.3))
    f.torso(-f.u(0, 15))
    f.head(f.u(-5, 10))


def snowball_throw(f: Figure) -> None:
    _flexed_leg(f, "left", f.u(25, 40), f.u(20, 35))
    _flexed_leg(f, "right", -f.u(10, 20), f.u(20, 40))
    f.torso(-f.u(5, 15), -f.u(25, 40))
    f.arm("right", (f.u(10, 30), -f.u(30, 60)), (f.u(60, 85), -f.u(20, 30)))
    f.arm("left", (f.u(0, 25), f.u(80, 100)))
    f.head(0, f.u(20, 35))


def hiking_poles(f: Figure) -> None:
    f.leg("right", (-f.u(60, 70), f.u(80, 100)), (-f.u(80, 88), f.u(60, 120)), (-f.u(0, 10), 90))
    f.leg("left", (-f.u(72, 80), -f.u(80, 100)), (-f.u(55, 70), -f.u(80, 100)), (-45, 90))
    f.arm("left", (-f.u(45, 60), f.u(60, 90)), (-f.u(0, 15), f.u(80, 100)))
    f.arm("right", (-f.u(70, 80), -f.u(30, 60)), (-f.u(30, 50), f.u(60, 90)))
    f.torso(f.u(10, 20))
    f.head(f.u(0, 15))


def rowing_catch(f: Figure) -> None:
    for side in SIDES:
        _flexed_leg(f, side, f.u(115, 130), f.u(115, 135))
        f.arm(side, (-f.u(5, 20), f.u(85, 95)))
    f.torso(f.u(20, 30))
    f.head(-f.u(10, 20))


def rowing_finish(f: Figure) -> None:
    for side in SIDES:
        _flexed_leg(f, side, f.u(80, 88), f.u(0, 8))
        f.reach(side, _at("spine1", _s(side) * f.u(0.1, 0.13), f.u(0.02, 0.08), f.u(0.13, 0.17)),
                (1.0, -0.3, -1.0))
    f.torso(-f.u(20, 35))
    f.head(f.u(-5, 10))


def kayaking(f: Figure) -> None:
    for side in SIDES:
        _flexed_leg(f, side, f.u(75, 85), f.u(10, 30))
    f.torso(f.u(5, 15), f.u(20, 35))
    f.arm("right", (-f.u(20, 35), f.u(70, 90)), (-f.u(20, 35), f.u(80, 95)))
    f.arm("left", (f.u(0, 20), f.u(60, 90)), (f.u(20, 45), f.u(110, 140)))
    f.head(f.u(0, 10), -f.u(15, 30))


def canoeing(f: Figure) -> None:
    thigh, shin = -f.u(75, 88), f.u(8, 14)
    for side in SIDES:
        f.leg(side, (thigh + f.u(-2, 2), f.u(80, 100)), (shin + f.u(-2, 2), -f.u(80, 100)),
              (-f.u(40, 55), -90))
    f.torso(f.u(10, 25), -f.u(10, 20))
    f.reach("left", _head_point(-f.u(0.05, 0.12), f.u(0.0, 0.1), f.u(0.3, 0.38)), (1.0, 0.0, 0.0))
    f.reach("right", _at("pelvis", -f.u(0.3, 0.38), f.u(0.0, 0.1), f.u(0.25, 0.35)),
            (1.0, 0.0, -0.3))
    f.head(f.u(5, 15))


def paddleboarding(f: Figure) -> None:
    _stand_legs(f, 25)
    for side in SIDES:
        f.leg(side, (-f.u(75, 82), f.u(70, 90)), (-f.u(78, 86), -f.u(80, 100)), (-20, 90))
    f.torso(f.u(15, 25), f.u(10, 20))
    f.reach("left", _at("spine3", -f.u(0.05, 0.1), f.u(0.15, 0.25), f.u(0.3, 0.38)),
            (1.0, 0.0, 0.0))
    f.reach("right", _at("pelvis", -f.u(0.22, 0.3), f.u(0.0, 0.1), f.u(0.35, 0.45)),
            (1.0, 0.0, -0.3))
    f.head(f.u(10, 20))


def water_skiing(f: Figure) -> None:
    for side in SIDES:
        _flexed_leg(f, side, f.u(50, 65), f.u(60, 80))
    f.pelvis(-f.u(18, 28))
    _grip(f, _at("pelvis", 0.0, f.u(0.0, 0.1), f.u(0.55, 0.6)), 0.1, (0.5, -1.0, 0.0))
    f.head(f.u(-5, 10))


def fishing_cast(f: Figure) -> None:
    _flexed_leg(f, "left", f.u(15, 30), f.u(10, 25))
    _flexed_leg(f, "right", -f.u(5, 15), f.u(5, 20))
    f.torso(-f.u(0, 10), -f.u(5, 15))
    f.arm("right", (f.u(10, 30), f.u(40, 80)), (f.u(70, 88), f.u(40, 90)))
    f.arm("left", (-f.u(20, 40), f.u(60, 90)), (f.u(0, 20), f.u(100, 130)))
    f.head(-f.u(5, 20))


def kite_flying(f: Figure) -> None:
    _stand_legs(f, 30)
    f.torso(-f.u(5, 15))
    el = f.u(25, 45)
    f.arm("right", (el, f.u(60, 90)), (el + f.u(0, 15), f.u(70, 95)))
    f.arm("left", (el - f.u(20, 35), f.u(60, 90)), (el - f.u(10, 20), f.u(80, 100)))
    f.head(-f.u(35, 50))


def skydiving(f: Figure) -> None:
    for side in SIDES:
        f.leg(side, (-f.u(60, 75), f.u(10, 30)), (-f.u(20, 40), -f.u(100, 130)), (-80, 90))
        f.arm(side, (f.u(20, 40), f.u(-30, 0)), (f.u(50, 70), f.u(50, 90)))
    f.torso(-f.u(15, 25))
    f.head(-f.u(30, 45))
    f.tilt(f.u(85, 95))


def rock_climbing(f: Figure) -> None:
    # the right side leads, as in every template: the right hand reaches for the next hold
    _flexed_leg(f, "right", f.u(60, 85), f.u(80, 100))
    f.leg("left", (-f.u(70, 85), f.u(20, 50)), (-f.u(80, 88), -f.u(60, 100)), (-10, 60))
    f.arm("right", (f.u(75, 88), f.u(40, 100)))
    f.arm("left", (f.u(10, 40), f.u(30, 70)), (f.u(40, 70), f.u(80, 110)))
    f.torso(-f.u(0, 10), 0, f.u(-5, 5))
    f.head(-f.u(25, 40), f.u(-15, 15))


def rope_climb(f: Figure) -> None:
    _flexed_leg(f, "right", f.u(60, 80), f.u(70, 95))
    _flexed_leg(f, "left", f.u(40, 55), f.u(50, 70))
    f.reach("left", _head_point(0.0, f.u(0.3, 0.38), f.u(0.12, 0.18)), (1.0, 0.0, 0.3))
    f.reach("right", _head_point(0.0, f.u(0.0, 0.05), f.u(0.15, 0.2)), (1.0, -0.3, 0.3))
    f.head(-f.u(15, 30))


def pull_up(f: Figure) -> None:
    for side in SIDES:
        _flexed_leg(f, side, f.u(0, 20), f.u(20, 70))
        f.reach(side, _head_point(_s(side) * f.u(0.22, 0.28), f.u(0.08, 0.18), f.u(0.05, 0.12)),
                (1.0, -0.6, 0.0))
    f.head(-f.u(10, 25))


def dead_hang(f: Figure) -> None:
    for side in SIDES:
        _flexed_leg(f, side, f.u(0, 15), f.u(0, 40))
        f.arm(side, (f.u(78, 86), f.u(-10, 20)))
    f.head(-f.u(0, 15))


# Gym, fitness and gymnastics ----------------------------------------------------------------

def weightlifting_snatch(f: Figure) -> None:
    for side in SIDES:
        f.leg(side, (-f.u(0, 15), f.u(45, 65)), (-f.u(55, 70), -f.u(90, 120)), (-15, 70))
        f.arm(side, (f.u(62, 75), f.u(-5, 15)))  # the snatch's wide grip
    f.torso(f.u(10, 25))
    f.head(f.u(-5, 5))


def weightlifting_clean(f: Figure) -> None:
    for side in SIDES:
        f.leg(side, (-f.u(10, 30), f.u(55, 75)), (-f.u(60, 72), -f.u(90, 115)), (-15, 75))
        f.reach(side, _at(f"{side}_shoulder", -_s(side) * 0.02, f.u(0.0, 0.04), f.u(0.12, 0.16)),
                (0.6, 0.0, 1.0))
    f.torso(f.u(10, 20))
    f.head(f.u(-5, 5))


def deadlift(f: Figure) -> None:
    # The set-up: hips above the knees, back flat and steep, hands on the bar at mid-shin.
    for side in SIDES:
        f.leg(side, (-f.u(28, 40), f.u(75, 90)), (-f.u(62, 72), -f.u(80, 100)), (-20, 90))
        f.arm(side, (-f.u(86, 90), f.u(70, 100)))
    f.pelvis(f.u(66, 76))
    f.torso(-f.u(0, 10))
    f.head(-f.u(10, 25))


def back_squat(f: Figure) -> None:
    thigh, shin = f.u(-10, 10), -f.u(55, 68)
    for side in SIDES:
        f.leg(side, (thigh + f.u(-3, 3), f.u(55, 75)), (shin + f.u(-3, 3), -f.u(85, 100)),
              (-20, 80))
        f.reach(side, _at(f"{side}_shoulder", _s(side) * f.u(0.15, 0.22), f.u(0.05, 0.1),
                          -f.u(0.05, 0.08)), (0.3, -1.0, -0.5))
    f.torso(f.u(30, 45))
    f.head(-f.u(20, 35))


def bench_press(f: Figure) -> None:
    for side in SIDES:
        _flexed_leg(f, side, f.u(10, 25), f.u(80, 100))  # along the bench, feet on the floor
    if f.u(0, 1) < 0.5:  # the bar pressed up
        for side in SIDES:
            f.arm(side, (f.u(-10, 10), f.u(80, 95)), (f.u(-5, 5), f.u(85, 95)))
    else:  # the bar lowered to the chest
        for side in SIDES:
            f.arm(side, (-f.u(5, 20), f.u(-10, 10)), (0, 90))
    f.tilt(-f.u(85, 92))
    f.head(f.u(0, 10))


def bicep_curl(f: Figure) -> None:
    _stand_legs(f, 20)
    f.arm("right", (-f.u(80, 88), f.u(70, 100)), (f.u(50, 80), f.u(80, 100)))
    f.arm("left", (-f.u(80, 88), f.u(70, 100)), (-f.u(30, 60), f.u(80, 100)))
    f.head(f.u(0, 10))


def overhead_lockout(f: Figure) -> None:
    """A weight locked out overhead (the top of a press or a jerk): arms straight up."""
    _stand_legs(f, 25)
    for side in SIDES:
        f.arm(side, (f.u(74, 84), f.u(-10, 10)))
    f.head(f.u(-10, 0))


def referee_touchdown(f: Figure) -> None:
    """Touchdown or a goal given: both arms straight up beside the head."""
    _stand_legs(f, 20)
    for side in SIDES:
        f.arm(side, (f.u(80, 88), f.u(-10, 15)))
    f.head(f.u(-5, 5))


def shoulder_press(f: Figure) -> None:
    _stand_legs(f, 25)
    low = f.u(0, 1) < 0.5  # the weights at the shoulders, or pressed up
    for side in SIDES:
        if low:
            f.arm(side, (f.u(-5, 5), f.u(-5, 15)), (f.u(80, 88), f.u(0, 90)))
        else:
            f.arm(side, (f.u(72, 82), f.u(-10, 10)))
    f.head(f.u(-5, 5))


def lateral_raise(f: Figure) -> None:
    _stand_legs(f, 20)
    for side in SIDES:
        el = f.u(-5, 10)
        f.arm(side, (el, f.u(0, 15)), (el - f.u(0, 10), f.u(10, 25)))
    f.torso(f.u(0, 10))
    f.head(f.u(0, 10))


def kettlebell_swing(f: Figure) -> None:
    for side in SIDES:
        f.leg(side, (-f.u(80, 86), f.u(40, 60)), (-f.u(84, 89), 90), (-20, 70))
        f.arm(side, (f.u(-5, 15), f.u(100, 110)))
    f.torso(-f.u(0, 10))
    f.head(f.u(-5, 5))


def sit_up(f: Figure) -> None:
    for side in SIDES:  # the feet flat on the floor once leaning back
        _flexed_leg(f, side, f.u(90, 105), f.u(100, 120))
        f.reach(side, _head_point(_s(side) * 0.09, -f.u(0.0, 0.05), -f.u(0.08, 0.12)),
                (1.0, 0.3, 0.5))
    f.torso(f.u(15, 30))
    f.head(f.u(10, 25))
    f.tilt(-f.u(45, 60))


def crunch(f: Figure) -> None:
    for side in SIDES:
        _flexed_leg(f, side, f.u(40, 60), f.u(80, 100))
        f.reach(side, _head_point(_s(side) * 0.09, -f.u(0.0, 0.05), -f.u(0.05, 0.1)),
                (1.0, 0.3, 0.5))
    f.torso(f.u(35, 50))
    f.head(f.u(15, 30))
    f.tilt(-f.u(85, 92))


def bicycle_crunch(f: Figure) -> None:
    # Curled and twisted far enough that the right elbow meets the drawn-in left knee.
    _flexed_leg(f, "left", f.u(125, 140), f.u(90, 110))
    _flexed_leg(f, "right", f.u(15, 30), f.u(0, 10))
    for side in SIDES:
        f.reach(side, _head_point(_s(side) * 0.09, -f.u(0.0, 0.05), -f.u(0.05, 0.1)),
                (0.2, 0.0, 1.0))
    f.torso(f.u(55, 70), f.u(45, 55))
    f.head(f.u(10, 25))
    f.tilt(-f.u(85, 92))


def leg_raise(f: Figure) -> None:
    _lie(f)
    hip = f.u(60, 90)
    for side in SIDES:
        _flexed_leg(f, side, hip + f.u(-2, 2), f.u(0, 5))
    f.tilt(-f.u(86, 92))
    f.head(f.u(0, 15))


def russian_twist(f: Figure) -> None:
    for side in SIDES:
        _flexed_leg(f, side, f.u(100, 115), f.u(50, 80))  # the feet off the floor
    f.torso(f.u(5, 15), f.u(30, 45))
    _grip(f, _at("pelvis", f.u(0.25, 0.35), f.u(0.05, 0.15), f.u(0.3, 0.35)), 0.05,
          (0.5, -1.0, 0.0))
    f.head(f.u(0, 15), f.u(10, 25))
    f.tilt(-f.u(35, 45))


def burpee_jump(f: Figure) -> None:
    for side in SIDES:
        f.leg(side, (-f.u(82, 88), 90), (-f.u(82, 88), -90), (-f.u(55, 70), 90))
        f.reach(side, _head_point(_s(side) * 0.06, f.u(0.25, 0.35), 0.05), (1.0, 0.0, 0.0))
    f.head(-f.u(5, 20))


def burpee_squat_thrust(f: Figure) -> None:
    for side in SIDES:
        _flexed_leg(f, side, f.u(120, 135), f.u(120, 140))
        f.arm(side, (f.u(-5, 10), f.u(85, 95)))
    f.torso(f.u(10, 20))
    f.head(-f.u(30, 50))
    f.level(("left_hand", "right_hand"), ("left_foot", "right_foot"), (45, 90))


def mountain_climber(f: Figure) -> None:
    _flexed_leg(f, "right", f.u(100, 120), f.u(100, 120))
    _flexed_leg(f, "left", f.u(0, 10), f.u(0, 10))
    for side in SIDES:
        f.arm(side, (f.u(-5, 10), f.u(85, 95)))
    f.head(-f.u(30, 50))
    f.level(("left_hand", "right_hand"), ("left_foot", "right_foot"), (60, 90))


def forearm_plank(f: Figure) -> None:
    for side in SIDES:
        f.leg(side, (-90, 90), (-90, 90), (f.u(-10, 5), 90))
        f.arm(side, (-f.u(0, 8), f.u(85, 95)), (f.u(82, 88), f.u(80, 100)))
    f.tilt(f.u(80, 88))
    f.head(-f.u(30, 50))


def side_plank(f: Figure) -> None:
    for side in SIDES:
        f.leg(side, (-90, 90), (-90, 90), (f.u(-20, 0), 90))
    f.arm("right", (f.u(-5, 10), f.u(-10, 10)))
    if f.u(0, 1) < 0.5:
        f.arm("left", (f.u(-10, 10), f.u(-10, 10)))
    else:
        f.reach("left", _waist("left"), (1.0, 0.0, -0.3))
    f.tilt(0, 0, -f.u(65, 75))
    f.head(0, 0, f.u(-10, 10))


def glute_bridge(f: Figure) -> None:
    for side in SIDES:
        _flexed_leg(f, side, -f.u(0, 15), f.u(100, 120))  # the hips pushed up past the line
        f.arm(side, (-f.u(52, 65), -f.u(80, 100)))  # back along the body: flat on the floor
    f.head(f.u(40, 55))
    # On the shoulders and feet, the hips raised between them.
    f.level(("left_shoulder", "right_shoulder"), ("left_ankle", "right_ankle"), (-140, -95))


def superman(f: Figure) -> None:
    for side in SIDES:
        f.leg(side, (-f.u(66, 78), -f.u(80, 100)), (-f.u(66, 78), -f.u(80, 100)), (-70, 90))
        f.arm(side, (f.u(65, 78), -f.u(60, 90)))  # overhead and toward the back: up off the mat
    f.torso(-f.u(15, 25))
    f.head(-f.u(10, 25))
    f.tilt(f.u(88, 92))


def wall_sit(f: Figure) -> None:
    for side in SIDES:
        _flexed_leg(f, side, f.u(85, 95), f.u(85, 95))
        f.reach(side, _at(f"{side}_knee", 0.0, 0.05, -0.05), (0.5, 0.0, -0.5))
    f.head(f.u(-5, 10))


def tricep_dip(f: Figure) -> None:
    for side in SIDES:
        _flexed_leg(f, side, f.u(60, 80), f.u(70, 90))
        # The elbows well back: the hands on the bench behind the hips.
        f.arm(side, (-f.u(40, 55), -f.u(80, 100)), (-f.u(78, 88), -f.u(70, 110)))
    f.torso(f.u(-5, 5))
    f.head(f.u(-5, 10))


def jumping_lunge(f: Figure) -> None:
    _flexed_leg(f, "right", f.u(60, 80), f.u(70, 90))
    _flexed_leg(f, "left", -f.u(15, 25), f.u(70, 90))
    f.arm("left", (-f.u(30, 50), f.u(60, 90)), (f.u(0, 30), f.u(80, 100)))
    f.arm("right", (-f.u(40, 60), -f.u(60, 90)), (-f.u(20, 40), -f.u(60, 90)))
    f.head(f.u(-5, 10))


def handstand(f: Figure) -> None:
    for side in SIDES:
        f.leg(side, (-f.u(85, 90), f.u(60, 120)), (-f.u(86, 90), 90), (-f.u(70, 85), 90))
        f.arm(side, (f.u(80, 88), f.u(60, 110)))
    f.torso(-f.u(0, 10))
    f.head(-f.u(20, 40))
    f.tilt(180 + f.u(-5, 5))


def headstand(f: Figure) -> None:
    for side in SIDES:
        f.leg(side, (-f.u(85, 90), 90), (-f.u(86, 90), 90), (-f.u(70, 85), 90))
        f.reach(side, _head_point(_s(side) * 0.12, f.u(0.08, 0.12), f.u(0.1, 0.18)),
                (1.0, 0.0, 1.0))
    f.head(f.u(0, 10))
    f.tilt(180 + f.u(5, 10))


def cartwheel(f: Figure) -> None:
    for side in SIDES:
        el = -f.u(35, 50)
        f.leg(side, (el, f.u(-10, 10)), (el + f.u(-3, 3), f.u(-10, 10)), (el + 10, 0))
        el = f.u(60, 75)
        f.arm(side, (el, f.u(-10, 10)), (el + f.u(-5, 5), f.u(-10, 10)))
    f.tilt(0, 0, -f.u(120, 150))


def backbend_bridge(f: Figure) -> None:
    # Pelvis face up, head end tipped down by a; thighs down toward the feet by b; shins
    # vertical; arms overhead to the floor.
    a, b = f.u(15, 25), f.u(45, 55)
    for side in SIDES:
        _flexed_leg(f, side, -(a + b), 90 - b + f.u(-5, 5))
        f.arm(side, (a + f.u(10, 20), -f.u(80, 100)))
    f.torso(-f.u(35, 45))
    f.head(-f.u(30, 45))
    f.tilt(-(90 + a))


def front_splits(f: Figure) -> None:
    f.leg("right", (f.u(-5, 3), 90), (f.u(-5, 3), 90), (f.u(10, 30), 90))
    f.leg("left", (f.u(-3, 5), -90), (f.u(-3, 5), -90), (-f.u(60, 85), -90))
    f.pelvis(f.u(0, 10))
    f.torso(f.u(0, 20))
    out = f.u(0, 1) < 0.5  # arms out to the sides, or raised
    for side in SIDES:
        if out:
            f.arm(side, (f.u(-5, 10), f.u(-10, 10)))
        else:
            f.arm(side, (f.u(75, 88), f.u(60, 100)))
    f.head(f.u(-5, 10))


def side_splits(f: Figure) -> None:
    for side in SIDES:
        el = f.u(-5, 5)
        f.leg(side, (el, f.u(0, 10)), (el, f.u(0, 10)), (f.u(40, 70), 90))
    f.torso(f.u(0, 20))
    for side in SIDES:
        f.arm(side, (f.u(-5, 15), f.u(-10, 15)))
    f.head(f.u(-5, 10))


def ring_hold(f: Figure) -> None:
    for side in SIDES:
        f.leg(side, (-f.u(87, 90), 90), (-f.u(87, 90), 90), (-f.u(65, 80), 90))
        el = f.u(-5, 5)
        f.arm(side, (el, f.u(-5, 5)), (el + f.u(-3, 3), f.u(-5, 5)))
    f.head(f.u(-5, 5))


def l_sit(f: Figure) -> None:
    for side in SIDES:
        _flexed_leg(f, side, f.u(95, 110), f.u(0, 5))  # the heels held above the hands
        f.arm(side, (-f.u(84, 89), f.u(70, 100)))
    f.torso(f.u(0, 10))
    f.head(f.u(0, 10))


def balance_beam(f: Figure) -> None:
    f.leg("left", (-f.u(86, 90), f.u(80, 100)), (-f.u(87, 90), 90), (-f.u(55, 70), 90))
    f.leg("right", (-f.u(50, 65), f.u(80, 100)), (-f.u(55, 70), f.u(80, 100)), (-f.u(40, 55), 90))
    for side in SIDES:
        el = f.u(20, 45)
        f.arm(side, (el, f.u(-5, 20)), (el + f.u(0, 10), f.u(-5, 20)))
    f.head(-f.u(5, 15))


def pommel_horse(f: Figure) -> None:
    # Straight arms on the pommels, legs together swung out to the {other} side.
    el = -f.u(45, 60)
    f.leg("left", (el, f.u(0, 20)), (el, f.u(0, 20)), (el + 30, 60))
    f.leg("right", (el, f.u(160, 180)), (el, f.u(160, 180)), (el + 30, 120))
    for side in SIDES:
        f.arm(side, (-f.u(80, 88), f.u(60, 100)))
    f.torso(f.u(0, 10), 0, -f.u(10, 20))
    f.head(f.u(0, 15))


def parkour_vault(f: Figure) -> None:
    # A kong vault: diving forward, hands down on the wall, knees tucked under the chest.
    for side in SIDES:
        _flexed_leg(f, side, f.u(100, 120), f.u(110, 130))
        f.arm(side, (f.u(-10, 10), f.u(80, 95)))
    f.tilt(f.u(45, 65))
    f.head(-f.u(30, 50))


def limbo(f: Figure) -> None:
    for side in SIDES:
        f.leg(side, (-f.u(15, 30), f.u(40, 60)), (-f.u(70, 85), -f.u(90, 130)), (-20, 70))
        f.arm(side, (-f.u(0, 20), f.u(-40, -10)))
    f.pelvis(-f.u(45, 60))
    f.torso(-f.u(10, 20))
    f.head(f.u(20, 40))


# Martial arts and combat sports --------------------------------------------------------------

def _fight_legs(f: Figure) -> None:
    """A fighter's stance: the left foot forward, knees soft."""
    f.leg("left", (-f.u(70, 82), f.u(60, 100)), (-f.u(75, 85), f.u(-100, -60)), (-20, 90))
    f.leg("right", (-f.u(70, 80), -f.u(60, 100)), (-f.u(75, 85), -f.u(60, 100)), (-30, 90))


def _guard(f: Figure, side: str) -> None:
    """A fist up in front of the chin (the wrist placed, the fist beyond it)."""
    f.reach(side, _head_point(_s(side) * 0.1, -f.u(0.12, 0.18), f.u(0.12, 0.18)), (0.5, -1.0, 0.0))


def boxing_jab(f: Figure) -> None:
    _fight_legs(f)
    f.torso(f.u(5, 15), -f.u(10, 25))
    el = f.u(-5, 10)
    f.arm("left", (el, f.u(85, 100)), (el + f.u(-3, 3), f.u(85, 100)))
    _guard(f, "right")
    f.head(f.u(5, 15))


def boxing_cross(f: Figure) -> None:
    _fight_legs(f)
    f.torso(f.u(5, 15), f.u(20, 35))
    el = f.u(-5, 10)
    f.arm("right", (el, f.u(100, 115)), (el + f.u(-3, 3), f.u(100, 115)))
    _guard(f, "left")
    f.head(f.u(5, 15), -f.u(10, 20))


def boxing_hook(f: Figure) -> None:
    _fight_legs(f)
    f.torso(f.u(5, 15), f.u(20, 35))
    f.arm("right", (f.u(-5, 10), f.u(30, 60)), (f.u(-5, 10), f.u(140, 170)))
    _guard(f, "left")
    f.head(f.u(5, 15), -f.u(10, 20))


def boxing_uppercut(f: Figure) -> None:
    _fight_legs(f)
    f.torso(f.u(5, 15), f.u(15, 30))
    f.arm("right", (-f.u(50, 70), f.u(60, 100)), (f.u(55, 80), f.u(80, 110)))
    _guard(f, "left")
    f.head(f.u(5, 15))


def karate_punch(f: Figure) -> None:
    _flexed_leg(f, "left", f.u(40, 55), f.u(40, 55))
    _flexed_leg(f, "right", -f.u(20, 30), f.u(0, 10))
    el = f.u(0, 10)
    f.arm("right", (el, f.u(100, 110)), (el, f.u(100, 110)))
    f.reach("left", _waist("left"), (0.5, 0.0, -1.0))
    f.torso(0, f.u(5, 15))
    f.head(f.u(-5, 5))


def karate_block(f: Figure) -> None:
    _flexed_leg(f, "right", f.u(40, 55), f.u(40, 55))
    _flexed_leg(f, "left", -f.u(20, 30), f.u(0, 10))
    f.arm("right", (f.u(35, 50), f.u(60, 90)), (f.u(5, 20), f.u(150, 175)))  # over the brow
    f.reach("left", _waist("left"), (0.5, 0.0, -1.0))
    f.head(f.u(-5, 5))


def karate_knife_hand(f: Figure) -> None:
    _flexed_leg(f, "left", f.u(20, 30), f.u(10, 20))
    f.leg("right", (-f.u(55, 65), -f.u(10, 30)), (-f.u(75, 85), -f.u(100, 140)), (-20, f.u(0, 20)))
    f.arm("left", (-f.u(0, 15), f.u(70, 90)), (f.u(20, 40), f.u(90, 110)))
    f.reach("right", _at("spine3", -0.02, -f.u(0.0, 0.05), f.u(0.15, 0.2)), (1.0, -0.5, 0.0))
    f.head(0, f.u(30, 45))


def kung_fu_horse_stance(f: Figure) -> None:
    _wide_legs(f, f.u(10, 25), (5, 20))
    for side in SIDES:
        if f.u(0, 1) < 0.5:
            f.reach(side, _waist(side), (0.5, 0.0, -1.0))
        else:
            f.arm(side, (f.u(-5, 10), f.u(85, 95)))
    f.head(f.u(-5, 5))


def crane_kick(f: Figure) -> None:
    f.leg("left", (-f.u(82, 88), 90), (-f.u(84, 89), -90), (-20, 90))
    _flexed_leg(f, "right", f.u(80, 100), f.u(90, 110))
    for side in SIDES:
        f.arm(side, (f.u(35, 55), f.u(-5, 20)), (f.u(20, 45), f.u(0, 30)))
    f.head(f.u(-5, 5))


def judo_throw(f: Figure) -> None:
    for side in SIDES:
        f.leg(side, (-f.u(50, 65), f.u(70, 90)), (-f.u(72, 82), -f.u(80, 100)), (-20, 90))
    f.pelvis(f.u(35, 50), f.u(10, 25))
    f.torso(f.u(15, 25), f.u(20, 35))
    f.reach("right", _at("right_shoulder", f.u(0.1, 0.15), f.u(0.1, 0.15), f.u(0.1, 0.18)),
            (1.0, 0.0, -0.5))
    f.arm("left", (-f.u(30, 50), f.u(90, 120)), (-f.u(50, 70), -f.u(0, 60)))
    f.head(f.u(0, 15), f.u(10, 30))


def wrestling_stance(f: Figure) -> None:
    _wide_legs(f, f.u(35, 50), (20, 45))
    f.pelvis(f.u(25, 40))
    f.torso(f.u(10, 20))
    for side in SIDES:
        f.arm(side, (-f.u(20, 40), f.u(70, 90)), (-f.u(0, 20), f.u(90, 110)))
    f.head(-f.u(20, 35))


def taekwondo_roundhouse(f: Figure) -> None:
    f.leg("left", (-f.u(80, 88), f.u(60, 100)), (-f.u(82, 90), f.u(60, 100)), (-20, 120))
    el = f.u(-5, 20)
    f.leg("right", (el, f.u(40, 60)), (el + f.u(-5, 5), f.u(80, 110)), (el - 30, 60))
    f.torso(-f.u(5, 15), f.u(5, 20), -f.u(20, 35))
    f.arm("left", (-f.u(20, 40), f.u(60, 100)), (f.u(10, 40), f.u(100, 130)))
    f.arm("right", (-f.u(50, 70), -f.u(20, 60)))
    f.head(0, -f.u(20, 40))


def muay_thai_knee(f: Figure) -> None:
    f.leg("left", (-f.u(84, 88), 90), (-f.u(84, 89), 90), (-f.u(40, 60), 90))
    _flexed_leg(f, "right", f.u(80, 100), f.u(110, 130))
    f.pelvis(-f.u(5, 15))
    for side in SIDES:
        f.reach(side, _head_point(_s(side) * 0.08, f.u(0.0, 0.05), f.u(0.35, 0.45)),
                (1.0, 0.2, 0.0))
    f.head(f.u(5, 15))


def sumo_shiko(f: Figure) -> None:
    f.leg("left", (-f.u(55, 65), f.u(10, 25)), (-f.u(80, 88), f.u(60, 120)), (-20, 60))
    el = f.u(15, 35)
    f.leg("right", (el, f.u(0, 15)), (el - f.u(0, 15), f.u(0, 15)), (el, 30))
    f.torso(f.u(10, 20), 0, f.u(15, 25))
    f.reach("left", _at("left_knee", -0.02, 0.08, 0.02), (1.0, 0.0, 0.0))
    f.arm("right", (-f.u(10, 30), f.u(0, 20)))
    f.head(f.u(0, 15))


def sumo_stance(f: Figure) -> None:
    _wide_legs(f, f.u(10, 25), (15, 35))
    f.torso(f.u(25, 40))
    for side in SIDES:
        f.reach(side, _at(f"{side}_knee", -_s(side) * 0.03, 0.08, 0.05), (1.0, 0.0, 0.0))
    f.head(-f.u(20, 30))


def kendo_strike(f: Figure) -> None:
    _flexed_leg(f, "right", f.u(30, 45), f.u(20, 35))
    _flexed_leg(f, "left", -f.u(15, 25), f.u(10, 20))
    _grip(f, _head_point(0.0, f.u(0.0, 0.1), f.u(0.45, 0.52)), 0.03, (1.0, -0.3, 0.0))
    f.head(f.u(-5, 5))


def sword_guard(f: Figure) -> None:
    _flexed_leg(f, "right", f.u(30, 45), f.u(25, 40))
    _flexed_leg(f, "left", -f.u(15, 25), f.u(15, 30))
    _grip(f, _at("pelvis", 0.0, f.u(0.1, 0.2), f.u(0.3, 0.38)), 0.03, (0.8, -1.0, 0.0))
    f.torso(f.u(0, 10))
    f.head(f.u(-5, 5))


def fencing_en_garde(f: Figure) -> None:
    f.pelvis(0, f.u(25, 40))
    hip = f.u(45, 60)  # the front shin near vertical over the foot
    _flexed_leg(f, "right", hip, hip + f.u(-10, 5))
    # The back foot on the line to the target, behind the front one.
    f.leg("left", (-f.u(50, 65), -f.u(60, 80)), (-f.u(80, 88), f.u(60, 120)), (-20, 0))
    f.torso(0, -f.u(0, 15))
    f.arm("right", (-f.u(15, 30), f.u(75, 90)), (f.u(0, 15), f.u(85, 95)))
    f.arm("left", (f.u(10, 30), -f.u(60, 90)), (f.u(60, 85), f.u(60, 100)))
    f.head(0, -f.u(40, 55))


def fencing_lunge(f: Figure) -> None:
    f.pelvis(f.u(5, 15), f.u(40, 55))
    _flexed_leg(f, "right", f.u(75, 95), f.u(75, 95))
    f.leg("left", (-f.u(25, 40), -f.u(70, 90)), (-f.u(25, 40), -f.u(70, 90)), (-20, 0))
    f.arm("right", (f.u(0, 15), f.u(85, 95)))
    f.arm("left", (-f.u(10, 30), -f.u(70, 90)))
    f.torso(f.u(5, 15), -f.u(5, 15))
    f.head(0, -f.u(40, 55))


def archery_draw(f: Figure) -> None:
    f.pelvis(0, -f.u(70, 85))
    # side-on to the target: both feet point where the turned pelvis faces (the body's right)
    f.leg("left", (-f.u(80, 86), f.u(70, 100)), (-f.u(84, 89), 90), (-20, 180))
    f.leg("right", (-f.u(80, 86), -f.u(70, 100)), (-f.u(84, 89), 90), (-20, 0))
    f.torso(0, f.u(5, 15))
    el = f.u(-3, 8)
    f.arm("left", (el, f.u(87, 93)), (el + f.u(-2, 2), f.u(87, 93)))
    f.reach("right", _head_point(-f.u(0.0, 0.04), -f.u(0.06, 0.1), f.u(0.06, 0.1)),
            (-0.3, 0.2, -1.0))
    f.head(0, f.u(50, 60))


def darts_throw(f: Figure) -> None:
    f.leg("right", (-f.u(84, 89), f.u(80, 100)), (-f.u(85, 90), 90), (-20, 90))
    f.leg("left", (-f.u(75, 82), -f.u(80, 100)), (-f.u(70, 80), -f.u(80, 100)), (-50, 90))
    f.torso(f.u(5, 15))
    # cocked: the upper arm forward, the forearm folded back so the dart is up by the eye
    f.arm("right", (f.u(5, 20), f.u(95, 110)), (f.u(45, 65), -f.u(70, 100)))
    f.arm("left", (-f.u(60, 80), f.u(0, 30)))
    f.head(f.u(-5, 5))


def billiards_shot(f: Figure) -> None:
    _flexed_leg(f, "left", f.u(25, 40), f.u(15, 30))
    f.leg("right", (-f.u(80, 86), -f.u(70, 100)), (-f.u(82, 88), 90), (-20, 60))
    f.pelvis(f.u(55, 70), f.u(10, 20))
    f.torso(f.u(15, 25))
    f.arm("left", (-f.u(10, 25), f.u(85, 100)), (-f.u(20, 35), f.u(85, 100)))
    f.arm("right", (-f.u(0, 15), -f.u(80, 100)), (-f.u(80, 88), f.u(60, 110)))
    f.head(-f.u(40, 55))


def curling_delivery(f: Figure) -> None:
    _flexed_leg(f, "left", f.u(120, 135), f.u(120, 140))
    f.leg("right", (-f.u(15, 30), -f.u(80, 100)), (-f.u(0, 10), -f.u(80, 100)), (-20, -90))
    f.torso(f.u(20, 35))
    f.arm("right", (-f.u(20, 35), f.u(80, 95)))
    f.arm("left", (-f.u(20, 35), f.u(10, 30)))
    f.head(-f.u(30, 45))


# Yoga, pilates and stretching --------------------------------------------------------------

def yoga_downward_dog(f: Figure) -> None:
    # An inverted V: legs slanting back to the feet, trunk and arms forward to the hands.
    for side in SIDES:
        el = -f.u(62, 72)
        f.leg(side, (el, -90), (el, -90), (-f.u(20, 35), 90))
        f.arm(side, (-f.u(40, 50), f.u(80, 100)))
    f.pelvis(f.u(110, 120))
    f.torso(f.u(10, 20))
    f.head(-f.u(0, 15))
    f.level(("left_hand", "right_hand"), ("left_foot", "right_foot"), (-15, 15))


def yoga_cobra(f: Figure) -> None:
    _lie(f)
    for side in SIDES:
        # the tops of the feet flat on the mat: the foot points on along the shin
        f.leg(side, (-f.u(86, 90), -f.u(80, 100)), (-f.u(86, 90), -f.u(80, 100)), (-f.u(80, 86), 90))
    f.torso(-f.u(30, 42))
    f.head(-f.u(20, 35))
    # Face down, the legs along the mat: the mat is the body's front plane at the pelvis, and
    # the hands press on it below the shoulders.
    for side in SIDES:
        f.reach(side, lambda p, s=side: np.array([p[J[f"{s}_shoulder"], 0],
                                                  p[J[f"{s}_shoulder"], 1] - f.u(0.05, 0.15),
                                                  p[J["pelvis"], 2] + 0.05]), (1.0, 0.0, -1.0))
    f.tilt(f.u(88, 91))


def yoga_child_pose(f: Figure) -> None:
    for side in SIDES:
        f.leg(side, (-f.u(20, 30), f.u(80, 95)), (f.u(0, 5), -f.u(80, 95)), (-f.u(10, 20), -90))
        # arms stretched forward, the hands flat on the mat (at the knees' height)
        ahead = f.u(0.35, 0.45)
        f.reach(side, lambda p, s=side, d=ahead: np.array([p[J[f"{s}_shoulder"], 0],
                                                           p[J[f"{s}_knee"], 1] + 0.03,
                                                           p[J[f"{s}_shoulder"], 2] + d]),
                (1.0, 1.0, 0.0))
    f.pelvis(f.u(72, 82))  # folded over the thighs, the forehead down on the mat
    f.torso(f.u(25, 35))
    f.head(f.u(15, 30))


def yoga_triangle(f: Figure) -> None:
    f.leg("right", (-f.u(50, 60), f.u(0, 10)), (-f.u(50, 60), f.u(0, 10)), (-20, 0))
    f.leg("left", (-f.u(55, 65), f.u(10, 20)), (-f.u(55, 65), f.u(10, 20)), (-20, 90))
    f.torso(0, 0, -f.u(45, 60))
    f.pelvis(0, 0, -f.u(10, 20))
    f.arm("right", (-f.u(80, 88), f.u(-20, 20)))
    f.arm("left", (f.u(80, 88), f.u(-20, 20)))
    f.head(0, f.u(30, 50))


def yoga_chair(f: Figure) -> None:
    thigh, shin = -f.u(30, 45), -f.u(60, 70)
    for side in SIDES:
        f.leg(side, (thigh, f.u(85, 95)), (shin, -f.u(85, 95)), (-20, 90))
        f.arm(side, (f.u(55, 70), f.u(80, 95)))
    f.torso(f.u(20, 35))
    f.head(f.u(-5, 5))


def yoga_warrior_one(f: Figure) -> None:
    _flexed_leg(f, "right", f.u(70, 85), f.u(70, 90))
    f.leg("left", (-f.u(40, 50), -f.u(70, 90)), (-f.u(40, 50), -f.u(70, 90)), (-40, 0))
    for side in SIDES:
        f.arm(side, (f.u(78, 88), f.u(70, 100)))
    f.torso(-f.u(0, 10))
    f.head(-f.u(0, 15))


def yoga_warrior_three(f: Figure) -> None:
    f.leg("left", (-f.u(86, 90), 90), (-f.u(86, 90), 90), (-20, 90))
    el = f.u(-5, 10)
    f.leg("right", (el, -f.u(85, 95)), (el, -f.u(85, 95)), (el - 10, -90))
    f.pelvis(f.u(75, 88))
    for side in SIDES:
        f.arm(side, (f.u(-5, 10), f.u(80, 95)))
    f.head(-f.u(20, 35))


def yoga_boat(f: Figure) -> None:
    lean = f.u(35, 45)
    for side in SIDES:  # legs and arms raised, the arms level once leaning back
        _flexed_leg(f, side, f.u(105, 115), f.u(0, 30))
        f.arm(side, (-lean + f.u(-5, 5), f.u(80, 95)))
    f.tilt(-lean)
    f.head(f.u(0, 10))


def yoga_crow(f: Figure) -> None:
    # A tight tuck tipped forward onto straight-ish arms; the knees wide at the upper arms.
    tip = f.u(76, 86)  # far enough forward that the feet leave the floor
    for side in SIDES:
        hip, knee = f.u(115, 130), f.u(125, 145)
        f.leg(side, (hip - 90, f.u(60, 75)), (hip - 90 - knee, f.u(80, 100)),
              (hip - 25 - knee, 90))
        f.arm(side, (tip - 90 - f.u(5, 15), f.u(80, 95)), (tip - 90 + f.u(0, 10), f.u(80, 95)))
    f.tilt(tip)
    f.head(-f.u(25, 40))


def yoga_pigeon(f: Figure) -> None:
    # The front thigh low and the shin across: the hips settle down onto the mat.
    f.leg("right", (-f.u(15, 30), f.u(100, 120)), (-f.u(0, 10), f.u(165, 180)), (-10, 170))
    f.leg("left", (-f.u(10, 20), -f.u(85, 95)), (-f.u(3, 10), -f.u(85, 95)), (-f.u(0, 10), -90))
    f.torso(-f.u(0, 15))
    for side in SIDES:
        f.reach(side, _at(f"{side}_hip", _s(side) * 0.05, -f.u(0.05, 0.1), f.u(0.2, 0.3)),
                (1.0, 0.0, -0.3))
    f.head(-f.u(0, 15))
    f.level(("right_knee", "right_ankle"), ("left_knee", "left_ankle"), (-8, 8))


def yoga_lotus(f: Figure) -> None:
    for side in SIDES:
        f.leg(side, (-f.u(0, 8), f.u(45, 60)), (f.u(5, 15), f.u(160, 175)), (f.u(15, 35), 150))
        f.reach(side, _at(f"{side}_knee", -_s(side) * 0.02, f.u(0.05, 0.08), 0.0),
                (0.5, 0.0, -0.5))
    f.head(f.u(0, 15))


def yoga_bridge(f: Figure) -> None:
    for side in SIDES:
        _flexed_leg(f, side, -f.u(0, 15), f.u(100, 120))
    # Clasped on the floor under the raised pelvis.
    _grip(f, _at("pelvis", 0.0, f.u(0.05, 0.15), -f.u(0.2, 0.26)), 0.04, (1.0, 0.0, 0.0))
    f.head(f.u(45, 55))
    f.level(("left_shoulder", "right_shoulder"), ("left_ankle", "right_ankle"), (-140, -95))


def yoga_camel(f: Figure) -> None:
    for side in SIDES:
        f.leg(side, (-f.u(80, 88), f.u(80, 100)), (f.u(5, 12), -f.u(80, 100)), (-f.u(20, 30), -90))
        f.reach(side, _at(f"{side}_ankle", 0.0, 0.05, 0.0), (1.0, 0.0, 0.0))  # hands on the heels
    f.pelvis(-f.u(15, 25))
    f.torso(-f.u(45, 60))  # arched back far enough for the hands to reach
    f.head(-f.u(30, 45))


def yoga_dancer(f: Figure) -> None:
    f.leg("left", (-f.u(86, 90), 90), (-f.u(86, 90), 90), (-20, 90))
    # The heel drawn up behind, close enough for the hand to hold the foot.
    f.leg("right", (-f.u(0, 15), -f.u(85, 95)), (f.u(70, 85), -f.u(85, 95)), (f.u(50, 70), -90))
    f.pelvis(f.u(20, 35))
    f.reach("right", _at("right_ankle", 0.0, 0.03, 0.0), (0.5, 0.0, 0.5))
    f.arm("left", (f.u(20, 40), f.u(85, 95)))
    f.head(-f.u(20, 35))


def yoga_seated_forward_fold(f: Figure) -> None:
    for side in SIDES:
        _flexed_leg(f, side, f.u(85, 90), f.u(0, 8))
        f.reach(side, _at(f"{side}_ankle", 0.0, f.u(0.05, 0.12), -f.u(0.0, 0.05)),
                (0.5, 0.0, -1.0))
    f.pelvis(f.u(40, 55))
    f.torso(f.u(25, 40))
    f.head(f.u(10, 25))


def yoga_happy_baby(f: Figure) -> None:
    for side in SIDES:
        hip, knee = f.u(135, 150), f.u(80, 100)
        f.leg(side, (hip - 90, f.u(40, 55)), (hip - 90 - knee, f.u(70, 90)), (hip - knee - 25, 90))
        f.reach(side, _at(f"{side}_ankle", 0.0, -0.03, 0.0), (1.0, 0.0, 0.0))
    f.tilt(-f.u(86, 92))
    f.head(f.u(0, 10))


def yoga_cat_cow(f: Figure) -> None:
    arch = f.u(-25, 25)
    # Thighs under the hips; the shins and insteps flat behind once the trunk is tipped down
    # (the arms are longer than the thighs: the shoulders rest higher than the hips).
    for side in SIDES:
        shin = -f.u(104, 114)
        f.leg(side, (f.u(-5, 5), f.u(85, 95)), (shin, f.u(85, 95)), (shin + f.u(5, 12), 90))
        f.arm(side, (f.u(-5, 5), f.u(85, 95)))
    f.torso(arch)
    f.head(arch * 1.5)
    f.level(("left_hand", "right_hand"), ("left_knee", "right_knee"), (70, 110))


def yoga_extended_side_angle(f: Figure) -> None:
    f.leg("right", (-f.u(5, 15), f.u(0, 10)), (-f.u(82, 88), f.u(0, 30)), (-20, 0))
    f.leg("left", (-f.u(50, 60), f.u(10, 20)), (-f.u(50, 60), f.u(10, 20)), (-20, 90))
    f.torso(0, f.u(5, 15), -f.u(45, 60))
    f.reach("right", _at("right_knee", -f.u(0.0, 0.05), -f.u(0.25, 0.35), 0.0), (0.0, 0.0, -1.0))
    f.arm("left", (f.u(30, 45), f.u(160, 175)))
    f.head(0, f.u(20, 40))


def yoga_plow(f: Figure) -> None:
    for side in SIDES:
        _flexed_leg(f, side, f.u(150, 160), f.u(0, 10))
        f.arm(side, (-f.u(82, 88), f.u(-10, 20)))
    f.tilt(-f.u(160, 170))
    f.head(f.u(30, 45))


def yoga_mountain(f: Figure) -> None:
    _stand_legs(f, 5)
    for side in SIDES:
        f.arm(side, (f.u(78, 88), f.u(60, 100)))
    f.head(-f.u(5, 20))


def pilates_hundred(f: Figure) -> None:
    hip = f.u(50, 70)
    for side in SIDES:
        _flexed_leg(f, side, hip, f.u(0, 5))
        f.arm(side, (f.u(0, 15), f.u(70, 90)))
    f.torso(f.u(30, 40))
    f.head(f.u(15, 25))
    f.tilt(-f.u(86, 92))


def pilates_teaser(f: Figure) -> None:
    hip = f.u(95, 105)
    for side in SIDES:
        _flexed_leg(f, side, hip, f.u(0, 5))
        f.arm(side, (f.u(0, 15), f.u(80, 95)))
    f.tilt(-f.u(45, 55))
    f.head(f.u(0, 10))


def quad_stretch(f: Figure) -> None:
    f.leg("left", (-f.u(86, 90), 90), (-f.u(86, 90), 90), (-20, 90))
    f.leg("right", (-f.u(80, 88), -f.u(80, 100)), (f.u(55, 75), -f.u(80, 100)), (f.u(40, 60), -90))
    f.reach("right", _at("right_ankle", 0.0, 0.03, -0.02), (0.5, 0.0, -0.3))
    f.arm("left", (-f.u(10, 75), f.u(0, 30)))
    f.head(f.u(-5, 10))


def hamstring_stretch(f: Figure) -> None:
    f.leg("left", (-f.u(86, 90), 90), (-f.u(86, 90), 90), (-20, 90))
    el = -f.u(0, 20)
    f.leg("right", (el, f.u(85, 95)), (el, f.u(85, 95)), (el + f.u(40, 60), 90))
    f.pelvis(f.u(30, 45))
    f.torso(f.u(10, 25))
    for side in SIDES:
        f.reach(side, _at("right_knee", _s(side) * 0.06, f.u(0.0, 0.05), f.u(0.1, 0.2)),
                (1.0, 0.0, -0.3))
    f.head(f.u(0, 15))


def calf_stretch(f: Figure) -> None:
    _flexed_leg(f, "left", f.u(30, 45), f.u(35, 50))
    f.leg("right", (-f.u(55, 65), -f.u(85, 95)), (-f.u(55, 65), -f.u(85, 95)), (-5, 90))
    f.pelvis(f.u(15, 25))  # leaning into the wall along the straight back leg
    f.torso(f.u(10, 20))
    for side in SIDES:
        f.arm(side, (f.u(5, 20), f.u(75, 90)))
    f.head(f.u(-5, 10))


def butterfly_stretch(f: Figure) -> None:
    for side in SIDES:
        f.leg(side, (f.u(-5, 10), f.u(35, 50)), (-f.u(5, 15), f.u(150, 165)), (f.u(0, 20), 100))
        f.reach(side, _at("pelvis", -_s(side) * 0.01, -f.u(0.05, 0.1), f.u(0.3, 0.35)),
                (0.8, 0.0, -0.5))
    f.torso(f.u(15, 30))
    f.head(f.u(10, 25))


def shoulder_stretch(f: Figure) -> None:
    _stand_legs(f, 25)
    f.arm("right", (f.u(-5, 10), f.u(160, 175)))
    f.reach("left", _at("right_elbow", f.u(0.05, 0.1), -0.02, 0.05), (1.0, -0.5, 0.3))
    f.head(f.u(-5, 5), f.u(0, 20))


def triceps_stretch(f: Figure) -> None:
    _stand_legs(f, 25)
    f.arm("right", (f.u(75, 85), f.u(80, 110)), (-f.u(40, 55), -f.u(80, 100)))
    f.reach("left", _at("right_elbow", f.u(0.03, 0.08), f.u(0.03, 0.06), 0.03), (1.0, 0.5, 0.3))
    f.head(f.u(5, 15))


# Dance and cheer ---------------------------------------------------------------------------

def ballet_first_position(f: Figure) -> None:
    for side in SIDES:
        # Slanting in from the hips so that the heels meet.
        f.leg(side, (-f.u(83, 86), f.u(170, 190)), (-f.u(84, 87), f.u(170, 190)),
              (-f.u(15, 25), f.u(0, 10)))
        f.arm(side, (-f.u(55, 70), f.u(60, 80)), (-f.u(20, 35), f.u(130, 150)))
    f.head(f.u(-10, 0))


def ballet_plie(f: Figure) -> None:
    for side in SIDES:
        f.leg(side, (-f.u(25, 45), f.u(5, 20)), (-f.u(75, 85), f.u(60, 120)),
              (-f.u(15, 25), f.u(0, 10)))
        el = f.u(-15, 5)
        f.arm(side, (el, f.u(10, 30)), (el - f.u(0, 10), f.u(30, 60)))
    f.head(f.u(-10, 0), f.u(-20, 20))


def ballet_fifth_arms(f: Figure) -> None:
    _stand_legs(f, 10)
    for side in SIDES:
        f.arm(side, (f.u(60, 72), f.u(40, 60)), (f.u(50, 65), f.u(130, 150)))
    f.head(-f.u(5, 15), f.u(-20, 20))


def ballet_pirouette(f: Figure) -> None:
    f.leg("left", (-f.u(86, 90), 90), (-f.u(86, 90), 90), (-f.u(70, 80), 90))
    # Passé: the knee turned out to the side, the toe at the standing knee.
    f.leg("right", (-f.u(15, 30), f.u(25, 40)), (-f.u(25, 40), f.u(185, 205)),
          (-f.u(50, 65), 180))
    for side in SIDES:
        f.arm(side, (-f.u(0, 15), f.u(60, 75)), (-f.u(0, 15), f.u(140, 160)))
    f.head(f.u(-5, 5))


def ballet_grand_jete(f: Figure) -> None:
    el = f.u(-5, 10)
    f.leg("right", (el, 90), (el, 90), (el + 10, 90))
    f.leg("left", (-el + f.u(-5, 5), -90), (-el + f.u(-5, 10), -90), (-el - 20, -90))
    f.arm("left", (f.u(10, 30), f.u(80, 100)))
    f.arm("right", (f.u(10, 30), f.u(-20, 10)))
    f.torso(-f.u(5, 15))
    f.head(-f.u(10, 20))


def ballet_attitude(f: Figure) -> None:
    f.leg("left", (-f.u(86, 90), 90), (-f.u(86, 90), 90), (-f.u(60, 75), 90))
    _flexed_leg(f, "right", -f.u(50, 70), f.u(60, 80))
    f.pelvis(f.u(10, 20))
    f.arm("right", (f.u(65, 80), f.u(40, 70)), (f.u(55, 70), f.u(120, 150)))
    f.arm("left", (f.u(-5, 10), f.u(20, 45)))
    f.head(-f.u(5, 15), f.u(10, 25))


def tango(f: Figure) -> None:
    _flexed_leg(f, "left", f.u(25, 40), f.u(25, 40))
    f.leg("right", (-f.u(55, 65), -f.u(85, 95)), (-f.u(55, 65), -f.u(85, 95)), (-f.u(60, 80), 90))
    f.arm("left", (f.u(0, 15), f.u(20, 40)), (f.u(10, 30), f.u(60, 90)))
    f.reach("right", _at("spine3", f.u(0.05, 0.12), f.u(-0.05, 0.05), f.u(0.25, 0.3)),
            (1.0, 0.0, 0.0))
    f.head(0, f.u(30, 45))


def waltz(f: Figure) -> None:
    _flexed_leg(f, "right", f.u(15, 30), f.u(10, 25))
    _flexed_leg(f, "left", -f.u(10, 20), f.u(10, 25))
    f.arm("left", (f.u(0, 20), f.u(0, 30)), (f.u(40, 70), f.u(40, 80)))
    f.reach("right", _at("spine3", f.u(0.1, 0.15), f.u(0.0, 0.05), f.u(0.2, 0.25)),
            (1.0, 0.0, 0.0))
    f.torso(-f.u(5, 15))
    f.head(-f.u(5, 15), f.u(25, 45))


def salsa(f: Figure) -> None:
    _flexed_leg(f, "right", f.u(15, 30), f.u(25, 45))
    _flexed_leg(f, "left", f.u(0, 10), f.u(5, 20))
    f.pelvis(0, f.u(-10, 10), f.u(5, 15))
    f.torso(0, f.u(-15, 15), -f.u(5, 15))
    f.arm("right", (-f.u(20, 40), f.u(20, 50)), (f.u(10, 40), f.u(60, 100)))
    f.arm("left", (f.u(20, 50), f.u(0, 30)), (f.u(40, 70), f.u(20, 60)))
    f.head(f.u(-5, 5), f.u(-20, 20))


def hip_hop_freeze(f: Figure) -> None:
    # Rolled onto the right hand: the arm out to the right, as far below the shoulder line as
    # the roll makes it straight down; the straight right leg across, up in the air.
    roll = f.u(60, 75)
    _flexed_leg(f, "left", f.u(70, 90), f.u(100, 120))
    f.leg("right", (-f.u(40, 55), f.u(140, 160)), (-f.u(40, 55), f.u(140, 160)), (0, 0))
    f.arm("right", (roll - 90 + f.u(-5, 5), f.u(-10, 10)))
    f.arm("left", (f.u(20, 50), f.u(20, 60)))
    f.torso(f.u(10, 20), 0, -f.u(10, 20))
    f.tilt(0, 0, -roll)
    f.head(f.u(-5, 10))


def breakdance_windmill(f: Figure) -> None:
    # On the upper back, hips high, legs straight in a wide V; one arm tucked at the belly.
    for side in SIDES:
        el = -f.u(10, 30)
        f.leg(side, (el, f.u(10, 30)), (el, f.u(10, 30)), (el + 30, 60))
    f.reach("right", _at("pelvis", 0.0, f.u(0.1, 0.2), f.u(0.12, 0.18)), (1.0, 0.0, 0.5))
    f.arm("left", (-f.u(0, 20), f.u(-10, 20)))
    f.tilt(-f.u(110, 130), 0, f.u(-20, 20))
    f.head(f.u(20, 40))


def moonwalk(f: Figure) -> None:
    # The right knee bent enough to lift its heel.
    f.leg("right", (-f.u(80, 86), f.u(80, 100)), (-f.u(52, 62), -f.u(80, 100)), (-f.u(55, 70), 90))
    f.leg("left", (-f.u(80, 86), -f.u(80, 100)), (-f.u(84, 89), -90), (-f.u(10, 20), 90))
    f.arm("right", (-f.u(60, 75), f.u(50, 80)), (-f.u(20, 45), f.u(80, 110)))
    f.arm("left", (-f.u(60, 75), -f.u(0, 30)), (-f.u(60, 80), f.u(0, 40)))
    f.torso(f.u(0, 8))
    f.head(f.u(0, 10))


def dab(f: Figure) -> None:
    _stand_legs(f, 25)
    f.arm("left", (f.u(25, 40), f.u(5, 30)))
    f.arm("right", (f.u(15, 25), f.u(120, 140)), (-f.u(0, 15), f.u(-160, -130)))
    f.torso(f.u(10, 20), 0, f.u(5, 10))
    f.head(f.u(40, 55), f.u(-10, 10), -f.u(10, 20))


def floss(f: Figure) -> None:
    _stand_legs(f, 20)
    f.pelvis(0, 0, f.u(8, 15))
    f.torso(0, 0, -f.u(5, 12))
    # Both straight arms swung to the left: the right one behind the back, the left in front.
    f.arm("right", (-f.u(55, 70), -f.u(110, 135)))
    f.arm("left", (-f.u(55, 70), f.u(20, 50)))
    f.head(f.u(-5, 5))


def macarena(f: Figure) -> None:
    _stand_legs(f, 20)
    f.reach("right", _head_point(-0.08, f.u(0.02, 0.06), -f.u(0.07, 0.1)), (1.0, 0.3, 0.3))
    f.reach("left", _waist("left"), (1.0, 0.0, -0.4))
    f.pelvis(0, 0, f.u(-8, 8))
    f.head(f.u(-5, 5))


def macarena_arms_out(f: Figure) -> None:
    _stand_legs(f, 20)
    for side in SIDES:
        el = f.u(-8, 5)
        f.arm(side, (el, f.u(85, 95)), (el + f.u(-3, 3), f.u(85, 95)))
    f.head(f.u(-5, 5))


def robot_dance(f: Figure) -> None:
    _stand_legs(f, 20)
    f.arm("right", (-f.u(85, 89), 90), (f.u(-3, 3), f.u(87, 93)))
    f.arm("left", (f.u(-3, 3), f.u(-3, 3)), (f.u(85, 89), 90))
    f.torso(0, f.u(-10, 10))
    f.head(0, f.u(-40, 40))


def the_twist(f: Figure) -> None:
    f.leg("left", (-f.u(65, 75), f.u(60, 90)), (-f.u(75, 82), -f.u(80, 100)), (-20, 70))
    f.leg("right", (-f.u(50, 60), f.u(80, 100)), (-f.u(80, 88), -f.u(80, 100)), (-f.u(30, 45), 90))
    f.pelvis(0, -f.u(15, 30))
    f.torso(f.u(5, 15), f.u(20, 40))
    for side in SIDES:
        f.arm(side, (-f.u(30, 50), f.u(20, 50)), (-f.u(0, 20), f.u(80, 120)))
    f.head(f.u(-5, 5))


def flamenco(f: Figure) -> None:
    _flexed_leg(f, "right", f.u(20, 40), f.u(30, 50))
    f.leg("left", (-f.u(86, 90), 90), (-f.u(86, 90), 90), (-20, 90))
    f.arm("right", (f.u(60, 75), f.u(20, 50)), (f.u(40, 60), f.u(120, 150)))
    f.reach("left", _at("pelvis", 0.1, 0.08, -0.15), (1.0, 0.0, 0.2))
    f.torso(-f.u(5, 15), f.u(10, 20))
    f.head(-f.u(5, 15), -f.u(20, 40))


def belly_dance(f: Figure) -> None:
    f.leg("left", (-f.u(80, 86), f.u(70, 100)), (-f.u(80, 88), -f.u(80, 100)), (-20, 90))
    f.leg("right", (-f.u(70, 78), f.u(80, 100)), (-f.u(75, 85), -f.u(80, 100)), (-f.u(50, 60), 90))
    f.pelvis(0, f.u(-10, 10), f.u(10, 18))
    f.torso(0, 0, -f.u(10, 18))
    for side in SIDES:
        el = f.u(10, 40)
        f.arm(side, (el, f.u(-10, 10)), (el + f.u(10, 30), f.u(20, 60)))
    f.head(f.u(-5, 5), 0, f.u(-10, 10))


def cheerleader_toe_touch(f: Figure) -> None:
    for side in SIDES:
        el = f.u(-5, 15)
        f.leg(side, (el, f.u(5, 20)), (el + f.u(-3, 3), f.u(5, 20)), (el + 20, 70))
        el = f.u(-5, 10)
        f.arm(side, (el, f.u(10, 30)), (el, f.u(10, 30)))
    f.torso(f.u(5, 15))
    f.head(f.u(-5, 5))


def cheerleader_high_v(f: Figure) -> None:
    _stand_legs(f, 15)
    for side in SIDES:
        el = f.u(52, 65)  # a high V: the hands well above the head
        f.arm(side, (el, f.u(5, 20)), (el + f.u(-3, 3), f.u(5, 20)))
    f.head(-f.u(5, 15))


def cheerleader_herkie(f: Figure) -> None:
    el = f.u(0, 20)
    f.leg("right", (el, f.u(5, 20)), (el, f.u(5, 20)), (el + 20, 60))
    _flexed_leg(f, "left", f.u(10, 25), f.u(90, 110))
    f.arm("right", (f.u(40, 55), f.u(5, 20)))
    f.reach("left", _waist("left"), (1.0, 0.0, -0.4))
    f.head(f.u(-5, 10))


def ymca_y(f: Figure) -> None:
    _stand_legs(f, 30)
    for side in SIDES:
        el = f.u(55, 68)
        f.arm(side, (el, f.u(10, 30)), (el + f.u(-3, 3), f.u(10, 30)))
    f.head(-f.u(5, 15))


def gangnam_style(f: Figure) -> None:
    _wide_legs(f, f.u(45, 60))
    f.leg("right", (-f.u(35, 50), f.u(40, 60)), (-f.u(70, 80), -f.u(60, 100)), (-30, 70))
    # The wrists crossed in front, the right one over to the left.
    f.reach("right", _at("spine2", f.u(0.05, 0.09), f.u(0.0, 0.05), f.u(0.3, 0.35)),
            (1.0, -0.5, 0.0))
    f.reach("left", _at("spine2", -f.u(0.05, 0.09), f.u(-0.05, 0.0), f.u(0.33, 0.38)),
            (1.0, -0.5, 0.0))
    f.torso(f.u(5, 15))
    f.head(f.u(-5, 5))


def walk_like_an_egyptian(f: Figure) -> None:
    f.leg("right", (-f.u(70, 80), f.u(80, 100)), (-f.u(80, 88), f.u(60, 120)), (-10, 90))
    f.leg("left", (-f.u(80, 85), -f.u(80, 100)), (-f.u(70, 78), -f.u(80, 100)), (-50, 90))
    f.arm("right", (f.u(-5, 5), f.u(80, 95)), (f.u(-5, 5), f.u(170, 185)))
    f.arm("left", (f.u(-5, 5), f.u(-5, 10)), (f.u(82, 89), f.u(60, 120)))
    f.head(0, f.u(40, 55))


def sprinkler_dance(f: Figure) -> None:
    f.leg("left", (-f.u(84, 88), f.u(60, 100)), (-f.u(85, 89), 90), (-20, 90))
    f.leg("right", (-f.u(70, 80), f.u(60, 90)), (-f.u(70, 80), -f.u(80, 100)), (-f.u(40, 55), 90))
    f.reach("left", _head_point(0.12, -f.u(0.0, 0.04), -f.u(0.05, 0.08)), (1.0, 0.3, 0.0))
    el = f.u(-5, 10)
    f.arm("right", (el, f.u(40, 80)), (el + f.u(-3, 3), f.u(40, 80)))
    f.torso(0, f.u(-15, 15))
    f.head(f.u(-5, 5))


def running_man(f: Figure) -> None:
    _flexed_leg(f, "right", f.u(70, 85), f.u(80, 100))
    f.leg("left", (-f.u(75, 85), -f.u(80, 100)), (-f.u(75, 85), -f.u(80, 100)), (-40, 90))
    for side in SIDES:
        f.arm(side, (-f.u(20, 40), f.u(70, 90)), (-f.u(40, 60), f.u(80, 110)))
    f.torso(f.u(0, 10))
    f.head(f.u(-5, 10))


def charleston(f: Figure) -> None:
    f.leg("left", (-f.u(75, 82), f.u(60, 80)), (-f.u(80, 86), -f.u(80, 100)), (-20, 120))
    f.leg("right", (-f.u(70, 80), f.u(80, 100)), (-f.u(30, 45), -f.u(20, 45)), (-f.u(75, 88), 90))
    f.torso(f.u(5, 15))
    f.arm("left", (-f.u(20, 40), f.u(30, 60)), (f.u(10, 40), f.u(40, 90)))
    f.arm("right", (-f.u(30, 50), -f.u(10, 40)), (-f.u(0, 30), -f.u(0, 40)))
    f.head(f.u(-5, 5), f.u(-20, 20))


def cossack_kick(f: Figure) -> None:
    _flexed_leg(f, "left", f.u(120, 135), f.u(135, 150))
    _flexed_leg(f, "right", f.u(60, 80), f.u(0, 10))
    f.reach("right", _at("left_shoulder", 0.0, 0.0, f.u(0.08, 0.12)), (1.0, 0.0, 0.0))
    f.reach("left", _at("right_shoulder", 0.0, -0.04, f.u(0.12, 0.16)), (1.0, 0.0, 0.0))
    f.torso(f.u(0, 10))
    f.head(f.u(-5, 5))


def irish_dance(f: Figure) -> None:
    f.leg("left", (-f.u(86, 90), 90), (-f.u(86, 90), 90), (-f.u(60, 75), 90))
    el = f.u(-10, 20)
    f.leg("right", (el, f.u(80, 100)), (el - f.u(0, 10), f.u(80, 100)), (el + 20, 90))
    for side in SIDES:
        f.arm(side, (-f.u(85, 89), f.u(60, 100)))
    f.head(f.u(-5, 5))


def _hip_shift_legs(f: Figure) -> None:
    """Standing on the right leg, the hip pushed out."""
    f.pelvis(0, f.u(-10, 10), -f.u(5, 12))
    f.leg("right", (-f.u(84, 88), f.u(10, 40)), (-f.u(86, 90), 90))
    f.leg("left", (-f.u(75, 82), f.u(60, 100)), (-f.u(70, 80), f.u(-100, -60)))
    f.torso(0, f.u(-10, 10), f.u(3, 10))


def vogue(f: Figure) -> None:
    _hip_shift_legs(f)
    f.reach("right", _head_point(-f.u(0.1, 0.14), f.u(0.05, 0.12), f.u(0.0, 0.05)),
            (1.0, 0.5, 0.0))
    f.reach("left", _head_point(f.u(0.08, 0.12), -f.u(0.05, 0.1), f.u(0.05, 0.1)),
            (1.0, -0.5, 0.0))
    f.head(-f.u(5, 15), f.u(-20, 20), f.u(-10, 10))


# Templates ----------------------------------------------------------------------------------

def _t(build: Callable[[Figure], None], actions: tuple[str, ...], *phrases: str,
       mirror: bool = True) -> Template:
    """A template named after its builder."""
    return Template(build.__name__, actions, phrases, build, mirror)


_BALL_SPORTS = (
    _t(volleyball_spike, ("volleyball", "jumping"), "a volleyball spike",
       "a volleyball player spiking the ball", "spike the ball", "jumping to smash the volleyball",
       "spiking with the {lead} hand"),
    _t(volleyball_set, ("volleyball",), "a volleyball set", "a setter setting the ball",
       "set the volleyball", "pushing the ball up with both hands above the forehead",
       mirror=False),
    _t(volleyball_dig, ("volleyball",), "a volleyball dig", "bumping a volleyball",
       "a player passing the ball with forearms together", "dig the ball", "a low forearm pass",
       mirror=False),
    _t(volleyball_block, ("volleyball", "jumping"), "a volleyball block", "blocking at the net",
       "jumping with both arms straight up", "a blocker at the net", "block the spike",
       mirror=False),
    _t(bowling_release, ("bowling",), "bowling", "a bowler releasing the ball", "ten-pin bowling",
       "roll the bowling ball", "releasing a bowling ball with the {lead} hand"),
    _t(tug_of_war, ("tug of war", "pulling"), "tug of war", "someone pulling on a rope",
       "pull the rope", "leaning back and heaving on a rope", "a tug-of-war team member",
       "pulling a rope, the {lead} foot forward"),
    _t(golf_address, ("golf",), "a golfer addressing the ball", "a golf stance",
       "setting up over the golf ball", "get ready to swing the club", "a golfer at address",
       "a {lead}-handed golfer at address"),
    _t(golf_backswing, ("golf", "swinging"), "a golf backswing",
       "a golfer at the top of the backswing", "swinging a golf club back", "take the club back",
       "a golf swing, club raised over the {lead} shoulder"),
    _t(golf_follow_through, ("golf", "swinging"), "a golf follow-through",
       "a golfer finishing the swing", "after teeing off", "finish the golf swing",
       "a golf swing, club over the {other} shoulder"),
    _t(golf_putt, ("golf", "putting"), "putting", "a golfer putting", "putt the ball",
       "a golfer bent over the putter", "lining up a putt on the green",
       "a {lead}-handed golfer putting"),
    _t(baseball_pitch_windup, ("baseball", "pitching"), "a pitcher's windup",
       "a baseball pitch windup", "a pitcher lifting the {other} knee", "winding up to pitch",
       "wind up for the pitch"),
    _t(baseball_catcher, ("baseball", "squatting"), "a baseball catcher",
       "a catcher crouching behind home plate", "squat like a catcher",
       "a catcher holding out the mitt", "crouching to catch a pitch",
       "a catcher with the mitt on the {other} hand"),
    _t(baseball_fly_catch, ("baseball", "catching"), "catching a fly ball",
       "an outfielder making a catch overhead", "catch the ball above your head",
       "reaching up to catch a baseball", "a fielder catching a pop fly",
       "catching a fly ball, glove on the {other} hand"),
    _t(baseball_swing, ("baseball", "batting"), "a baseball swing", "a batter swinging the bat",
       "swing the bat", "hitting a home run", "a baseball batter's follow-through",
       "a {lead}-handed batter swinging"),
    _t(cricket_bowling, ("cricket", "bowling"), "cricket bowling",
       "a cricket bowler in the delivery stride", "bowl the cricket ball",
       "a fast bowler about to deliver", "bowling with the {lead} arm"),
    _t(cricket_batting, ("cricket", "batting"), "cricket batting",
       "a batsman playing a forward drive", "play a cricket shot", "a cricketer driving the ball",
       "a batter stepping into a drive", "a {lead}-handed batsman driving"),
    _t(hockey_slapshot, ("hockey",), "a hockey slapshot", "an ice hockey player winding up a shot",
       "take a slapshot", "a hockey player with the stick raised", "shooting the puck",
       "a slapshot, the stick raised on the {lead} side"),
    _t(rugby_pass, ("rugby", "passing"), "a rugby pass", "a rugby player passing the ball",
       "pass the rugby ball", "a spin pass to the side", "throwing a rugby ball sideways",
       "passing a rugby ball to the {other}"),
    _t(football_throw, ("american football", "throwing"), "throwing a football",
       "a quarterback about to throw", "a quarterback's pass", "throw the football",
       "a quarterback with the ball cocked by the {lead} ear"),
    _t(football_stance, ("american football",), "a three-point stance",
       "an American football lineman in stance", "get down in a three-point stance",
       "a lineman ready at the line of scrimmage", "crouching with the {lead} hand on the ground"),
    _t(football_catch, ("american football", "catching"), "catching a football",
       "a receiver catching a pass overhead", "catch the pass",
       "a wide receiver reaching for the ball", "running and catching with both hands up",
       "catching a pass mid-stride, the {lead} knee forward"),
    _t(badminton_smash, ("badminton",), "a badminton smash",
       "a badminton player smashing the shuttle", "smash the shuttlecock",
       "jumping to hit an overhead shot", "an overhead racket smash",
       "smashing with the racket in the {lead} hand"),
    _t(table_tennis_forehand, ("table tennis",), "table tennis", "a ping-pong forehand",
       "playing ping pong", "hit a forehand at the table",
       "a table tennis player leaning over the table", "a {lead}-handed ping-pong forehand"),
    _t(tennis_forehand, ("tennis",), "a tennis forehand", "a tennis player hitting a forehand",
       "hit a forehand", "swinging the racket on the {lead} side", "a forehand groundstroke"),
    _t(tennis_backhand, ("tennis",), "a tennis backhand", "a two-handed backhand",
       "hit a backhand", "a tennis player swinging across the body",
       "a backhand on the {other} side"),
    _t(tennis_ready, ("tennis",), "a tennis ready position",
       "a tennis player waiting for the serve", "get ready to return",
       "crouched with the racket in front", "ready to return serve", mirror=False),
    _t(basketball_dribble, ("basketball", "dribbling"), "dribbling a basketball",
       "a basketball player dribbling", "dribble the ball",
       "bouncing a basketball with the {lead} hand", "a point guard dribbling low"),
    _t(basketball_layup, ("basketball", "jumping"), "a layup",
       "a basketball player going for a layup", "do a layup", "leaping to lay the ball in",
       "a layup with the {lead} hand"),
    _t(basketball_dunk, ("basketball", "jumping"), "a slam dunk", "a basketball player dunking",
       "dunk the ball", "hanging on the rim after a dunk", "a one-handed dunk",
       "dunking with the {lead} hand"),
    _t(basketball_defense, ("basketball", "defending"), "a defensive stance in basketball",
       "a basketball defender", "play defense", "guarding a player, arms out and knees bent",
       "a low defensive crouch", mirror=False),
    _t(basketball_chest_pass, ("basketball", "passing"), "a chest pass", "a basketball chest pass",
       "pass the ball from the chest", "pushing a ball forward with both hands",
       "a player passing a basketball", "a chest pass stepping in with the {lead} foot"),
    _t(soccer_header, ("soccer", "jumping"), "a header", "a soccer player heading the ball",
       "head the ball", "jumping to head a football", "a football header", mirror=False),
    _t(soccer_throw_in, ("soccer", "throwing"), "a soccer throw-in", "taking a throw-in",
       "throw the ball in", "a footballer throwing the ball from behind the head",
       "a two-handed throw-in", "a throw-in with the {lead} foot forward"),
    _t(goalkeeper_catch, ("soccer", "catching"), "a goalkeeper catching the ball",
       "a goalie making a save", "catch the ball at chest height",
       "a keeper holding out both hands", "a goalkeeper stopping a shot", mirror=False),
    _t(frisbee_throw, ("frisbee", "throwing"), "throwing a frisbee", "a backhand frisbee throw",
       "throw the disc", "a frisbee player flicking the disc", "tossing a flying disc",
       "a backhand frisbee throw with the {lead} hand"),
    _t(handball_jump_shot, ("handball", "throwing"), "a handball jump shot",
       "a handball player shooting", "jump and throw at the goal", "leaping to throw the ball",
       "a handball shot with the {lead} arm"),
)
_ATHLETICS_AND_OUTDOORS = (
    _t(swim_freestyle, ("swimming",), "swimming freestyle", "a swimmer doing the front crawl",
       "swim the crawl", "a freestyle stroke",
       "a front crawl stroke with the {other} arm reaching ahead"),
    _t(swim_breaststroke, ("swimming",), "swimming breaststroke",
       "a swimmer doing the breaststroke", "swim breaststroke", "a frog kick with arms sweeping",
       "the breaststroke", mirror=False),
    _t(swim_butterfly, ("swimming",), "swimming butterfly", "a butterfly swimmer",
       "swim the butterfly stroke", "both arms sweeping back together", "the butterfly stroke",
       mirror=False),
    _t(swim_backstroke, ("swimming",), "swimming backstroke", "a swimmer on the back",
       "swim backstroke", "a backstroke with the {lead} arm overhead", "the backstroke"),
    _t(swim_dive_start, ("swimming", "diving"), "a swimmer on the starting block",
       "a racing dive start", "get ready to dive in", "crouched on the block, arms down",
       "a swimmer about to dive", mirror=False),
    _t(diving_board, ("diving",), "standing on a diving board", "a diver about to jump",
       "a diver on tiptoe with arms up", "get ready to dive", "springboard diving", mirror=False),
    _t(pike_dive, ("diving",), "a pike dive", "a diver in the pike position", "dive in a pike",
       "folded in the air, touching the toes", "a springboard diver piking", mirror=False),
    _t(high_jump, ("high jump", "jumping"), "a high jump", "a high jumper arching over the bar",
       "the Fosbury flop", "clear the bar backward", "a high jumper in the air", mirror=False),
    _t(long_jump, ("long jump", "jumping"), "a long jump", "a long jumper in the air",
       "long jump landing, legs forward", "leap into the sandpit",
       "a long jumper reaching for the sand", mirror=False),
    _t(hurdles, ("hurdling", "running"), "hurdling", "a hurdler clearing a hurdle",
       "jump the hurdle", "a track hurdler mid-stride", "a hurdler leading with the {lead} leg"),
    _t(javelin_throw, ("javelin", "throwing"), "throwing a javelin", "a javelin thrower",
       "throw the javelin", "a javelin thrower with the arm drawn back", "javelin",
       "a javelin drawn back in the {lead} hand"),
    _t(shot_put, ("shot put", "throwing"), "shot put", "a shot putter", "put the shot",
       "pushing the shot from the neck", "a shot putter crouched in the ring",
       "a shot held at the {lead} side of the neck"),
    _t(discus_throw, ("discus", "throwing"), "a discus throw", "a discus thrower winding up",
       "throw the discus", "swinging a discus back at arm's length", "discus throwing",
       "a discus swung back in the {lead} hand"),
    _t(pole_vault, ("pole vault",), "a pole vault", "a pole vaulter taking off",
       "vault with a pole", "planting the pole and jumping", "pole vaulting",
       "a vault take-off, the {lead} knee driving up"),
    _t(hammer_throw, ("hammer throw", "throwing"), "a hammer throw", "a hammer thrower spinning",
       "throw the hammer", "swinging a hammer ball around", "hammer throwing",
       "swinging the hammer round to the {lead}"),
    _t(jogging, ("jogging", "running"), "jogging", "a jogger", "go for a jog",
       "running at an easy pace", "a slow run", "jogging, the {lead} foot in front"),
    _t(high_knees, ("running", "exercise"), "high knees", "running in place, knees high",
       "do high knees", "a high-knee drill", "lifting the {lead} knee to the waist"),
    _t(skipping_rope, ("skipping",), "skipping rope", "jumping rope",
       "someone skipping with a jump rope", "jump rope", "hopping over a skipping rope",
       mirror=False),
    _t(hula_hoop, ("hula hoop",), "hula hooping", "spinning a hula hoop",
       "someone with a hula hoop around the waist", "swing a hula hoop",
       "circling the hips with a hoop", mirror=False),
    _t(trampoline_seat_drop, ("trampoline",), "a trampoline seat drop",
       "bouncing on a trampoline in a sitting position", "do a seat drop",
       "a trampolinist landing seated", "sitting in the air on a trampoline", mirror=False),
    _t(trampoline_straddle, ("trampoline", "jumping"), "a straddle jump",
       "a trampolinist in a straddle", "jump with legs wide and touch the toes",
       "a pike straddle jump on a trampoline", "bouncing with legs apart", mirror=False),
    _t(cycling, ("cycling",), "cycling", "riding a bike", "a cyclist pedalling", "ride a bicycle",
       "a racing cyclist leaning over the handlebars", "pedalling, the {lead} knee up"),
    _t(horse_riding, ("horse riding",), "horse riding", "a rider on horseback", "ride a horse",
       "sitting astride with the reins", "an equestrian in the saddle", mirror=False),
    _t(tightrope_walking, ("balancing", "walking"), "tightrope walking", "a tightrope walker",
       "walk the tightrope", "balancing on a line, arms out",
       "a funambulist stepping with the {lead} foot"),
    _t(surfing, ("surfing",), "surfing", "a surfer riding a wave", "surf",
       "balancing on a surfboard, knees bent", "a surfer in a wide stance",
       "surfing with the {other} foot forward"),
    _t(surf_paddle, ("surfing", "paddling"), "paddling on a surfboard", "a surfer paddling out",
       "paddle out", "lying on the board stroking with the arms", "prone paddling",
       "paddling, the {other} arm reaching ahead"),
    _t(snowboarding, ("snowboarding",), "snowboarding", "a snowboarder", "ride a snowboard",
       "carving down the slope sideways", "a snowboarder in a low stance",
       "snowboarding with the {other} foot forward"),
    _t(skiing, ("skiing",), "skiing", "a skier", "ski down the slope",
       "skiing with poles, knees bent", "an alpine skier", mirror=False),
    _t(ski_tuck, ("skiing",), "a ski tuck", "a downhill skier tucked", "get into a tuck",
       "a racing skier crouched low", "a speed tuck on skis", mirror=False),
    _t(skateboarding, ("skateboarding",), "skateboarding", "a skateboarder cruising",
       "ride a skateboard", "standing sideways on a skateboard", "a skater rolling",
       "riding a skateboard with the {other} foot forward"),
    _t(skateboard_push, ("skateboarding",), "pushing a skateboard", "a skater kicking along",
       "push off on a skateboard", "one foot on the board, the {lead} foot pushing",
       "skating along the street"),
    _t(skate_ollie, ("skateboarding", "jumping"), "an ollie", "a skateboarder doing an ollie",
       "ollie", "jumping with the board, knees tucked", "a skate trick in the air",
       "an ollie, the {other} knee high"),
    _t(ice_skating_glide, ("ice skating",), "ice skating", "a skater gliding on the ice",
       "glide on skates", "an ice skater pushing off with the {lead} foot",
       "skating on a frozen lake"),
    _t(ice_skating_spin, ("figure skating", "spinning"), "an ice skating spin",
       "a figure skater spinning", "spin on the ice", "a scratch spin, arms pulled in",
       "a skater twirling on one foot", "spinning on the {other} skate"),
    _t(figure_skating_spiral, ("figure skating",), "a figure skating spiral",
       "a skater gliding with the {lead} leg raised behind", "do a spiral",
       "a spiral on ice, arms spread", "a figure skater in a spiral"),
    _t(speed_skating, ("speed skating",), "speed skating", "a speed skater",
       "skate fast, low and bent", "a speed skater pushing with the {lead} leg",
       "long-track speed skating"),
    _t(sledding, ("sledding",), "sledding", "riding a sled", "sitting on a toboggan",
       "go sledding", "a child on a sledge", mirror=False),
    _t(snowball_throw, ("throwing",), "throwing a snowball", "a snowball fight",
       "throw a snowball", "winding up to hurl a snowball", "a kid throwing snow",
       "throwing a snowball with the {lead} hand"),
    _t(hiking_poles, ("hiking", "walking"), "hiking with poles", "a hiker with trekking poles",
       "hike", "Nordic walking", "a trekker striding with poles",
       "hiking, the {lead} foot stepping forward"),
    _t(rowing_catch, ("rowing",), "rowing", "a rower at the catch", "row",
       "a rower reaching forward, knees to the chest", "on a rowing machine, reaching forward",
       mirror=False),
    _t(rowing_finish, ("rowing",), "the finish of a rowing stroke",
       "a rower pulling the oar to the chest", "pull the oar", "leaning back on a rowing machine",
       "a rower finishing the stroke", mirror=False),
    _t(kayaking, ("kayaking", "paddling"), "kayaking", "a kayaker paddling", "paddle a kayak",
       "a kayak paddle stroke on the {lead} side", "sitting in a kayak with a double paddle"),
    _t(canoeing, ("canoeing", "paddling"), "canoeing", "paddling a canoe",
       "a canoeist kneeling with a paddle", "paddle the canoe",
       "a canoe stroke on the {lead} side"),
    _t(paddleboarding, ("paddleboarding", "paddling"), "stand-up paddleboarding",
       "a paddleboarder", "paddle standing on a board", "SUP paddling on the {lead} side",
       "paddling on a board"),
    _t(water_skiing, ("water skiing",), "water skiing", "a water skier holding the tow rope",
       "water ski", "leaning back on skis behind a boat", "a water skier", mirror=False),
    _t(fishing_cast, ("fishing",), "casting a fishing rod", "a fisherman casting", "cast the line",
       "fly fishing", "an angler with the rod raised", "casting a rod with the {lead} hand"),
    _t(kite_flying, ("kite flying",), "flying a kite", "someone holding a kite string",
       "fly a kite", "looking up at a kite", "a kite flier",
       "holding a kite string up in the {lead} hand"),
    _t(skydiving, ("skydiving",), "skydiving", "a skydiver in free fall", "skydive",
       "the arch position in free fall", "a skydiver spread out in the air", mirror=False),
    _t(rock_climbing, ("climbing",), "rock climbing", "a rock climber on the wall",
       "climb the rock", "bouldering, the {lead} hand reaching up",
       "a climber on a climbing wall"),
    _t(rope_climb, ("climbing",), "climbing a rope", "a rope climb in gym class", "climb the rope",
       "hauling up a rope, hand over hand", "someone climbing a rope",
       "climbing a rope, the {other} hand on top"),
    _t(pull_up, ("pull-up",), "a pull-up", "doing a pull-up", "chin over the bar", "do a pull-up",
       "pulling up on a bar", mirror=False),
    _t(dead_hang, ("hanging",), "hanging from a bar", "a dead hang", "hang from the pull-up bar",
       "hanging with straight arms", "hanging from monkey bars", mirror=False),
)
_GYM_AND_GYMNASTICS = (
    _t(weightlifting_snatch, ("weightlifting",), "a snatch", "a weightlifter catching a snatch",
       "an overhead squat", "snatch the barbell", "squatting with a barbell held overhead",
       mirror=False),
    _t(weightlifting_clean, ("weightlifting",), "a power clean", "a weightlifter in the clean",
       "clean the barbell", "the bar racked on the shoulders in a squat", "a front squat catch",
       mirror=False),
    _t(deadlift, ("weightlifting",), "a deadlift", "a powerlifter deadlifting",
       "deadlift the barbell", "lifting a barbell from the floor, back flat",
       "a weightlifter bent over a bar", mirror=False),
    _t(back_squat, ("weightlifting", "squatting"), "a barbell back squat",
       "squatting with a bar on the shoulders", "do a back squat",
       "a lifter at the bottom of a squat", "a weighted squat", mirror=False),
    _t(bench_press, ("weightlifting", "lying"), "a bench press",
       "lying on a bench pressing a barbell", "bench press",
       "a lifter pushing a bar up from the chest", "lying on the back holding a barbell",
       mirror=False),
    _t(bicep_curl, ("exercise",), "a bicep curl", "curling a dumbbell", "do a biceps curl",
       "lifting a weight with the {lead} forearm", "a dumbbell curl"),
    _t(overhead_lockout, ("exercise", "weightlifting"), "an overhead press lockout",
       "press lockout", "locking out a barbell overhead", "the top of a push press",
       "a jerk held overhead", mirror=False),
    _t(referee_touchdown, ("referee",), "a referee signalling a touchdown", "touchdown!",
       "the ref signals a touchdown", "both arms straight up for the score", mirror=False),
    _t(shoulder_press, ("exercise",), "a shoulder press", "pressing dumbbells overhead",
       "do an overhead press", "a military press", "pushing weights above the head", mirror=False),
    _t(lateral_raise, ("exercise",), "a lateral raise", "raising dumbbells out to the sides",
       "do lateral raises", "a side raise with weights", "arms lifted sideways to shoulder height",
       mirror=False),
    _t(kettlebell_swing, ("exercise",), "a kettlebell swing", "swinging a kettlebell forward",
       "swing the kettlebell", "a kettlebell at chest height, arms straight",
       "a kettlebell workout", mirror=False),
    _t(sit_up, ("exercise",), "a sit-up", "doing sit-ups", "do a sit-up",
       "sitting up with hands behind the head", "an ab exercise, knees bent", mirror=False),
    _t(crunch, ("exercise",), "a crunch", "doing abdominal crunches", "crunch",
       "lying down curling the shoulders up", "an ab crunch", mirror=False),
    _t(bicycle_crunch, ("exercise",), "a bicycle crunch", "elbow to the opposite knee",
       "do bicycle crunches", "twisting the {lead} elbow toward the {other} knee",
       "a twisting ab exercise"),
    _t(leg_raise, ("exercise",), "a leg raise", "lying on the back raising straight legs",
       "do leg raises", "lifting both legs up from the floor", "a lying leg lift", mirror=False),
    _t(russian_twist, ("exercise",), "a Russian twist",
       "twisting side to side sitting with feet up", "do Russian twists",
       "a seated twist holding a weight", "an oblique twist",
       "twisting to the {other} with a weight"),
    _t(burpee_jump, ("exercise", "jumping"), "a burpee", "the jump of a burpee", "do a burpee",
       "jumping with hands over the head", "a burpee jump", mirror=False),
    _t(burpee_squat_thrust, ("exercise",), "a squat thrust", "the crouch of a burpee",
       "squat down with the hands on the floor", "a burpee, hands down, knees in",
       "crouching with hands on the floor", mirror=False),
    _t(mountain_climber, ("exercise",), "a mountain climber", "doing mountain climbers",
       "drive the knee to the chest in a plank", "a plank with the {lead} knee pulled in",
       "mountain climbers"),
    _t(forearm_plank, ("exercise", "plank"), "a forearm plank", "planking on the elbows",
       "hold a plank", "a plank on the forearms", "an elbow plank", mirror=False),
    _t(side_plank, ("exercise", "plank"), "a side plank",
       "balancing on the {lead} hand in a side plank", "do a side plank",
       "a side plank, body straight", "holding a side plank"),
    _t(glute_bridge, ("exercise",), "a glute bridge", "lying with the hips lifted",
       "do a hip bridge", "a hip raise on the floor", "hips up, shoulders on the floor",
       mirror=False),
    _t(superman, ("exercise",), "the superman exercise", "lying face down lifting arms and legs",
       "do a superman", "a back extension on the floor", "flying like superman on the floor",
       mirror=False),
    _t(wall_sit, ("exercise", "sitting"), "a wall sit", "sitting against a wall with no chair",
       "hold a wall sit", "thighs level, back against the wall", "an invisible chair",
       mirror=False),
    _t(tricep_dip, ("exercise",), "a tricep dip", "dipping off a bench", "do bench dips",
       "hands behind on a bench, hips lowered", "a triceps dip", mirror=False),
    _t(jumping_lunge, ("exercise", "jumping"), "a jumping lunge", "a split jump",
       "jump into a lunge", "a lunge jump, {lead} leg forward", "switching lunges in the air"),
    _t(handstand, ("gymnastics",), "a handstand", "standing on the hands", "do a handstand",
       "upside down on the hands, legs straight up", "a gymnast in a handstand", mirror=False),
    _t(headstand, ("gymnastics", "yoga"), "a headstand", "standing on the head", "do a headstand",
       "upside down on the head and forearms", "a yoga headstand", mirror=False),
    _t(cartwheel, ("gymnastics",), "a cartwheel", "doing a cartwheel", "turn a cartwheel",
       "upside down sideways, arms and legs spread", "a cartwheel to the {lead}"),
    _t(backbend_bridge, ("gymnastics",), "a backbend", "a gymnastics bridge", "do a bridge",
       "arched backward on hands and feet", "a wheel pose", mirror=False),
    _t(front_splits, ("gymnastics", "stretching"), "the splits", "a front split", "do the splits",
       "the {lead} leg forward, the {other} leg back, flat on the floor", "a split on the floor"),
    _t(side_splits, ("gymnastics", "stretching"), "side splits", "a middle split",
       "do the side splits", "legs straight out to both sides", "a straddle split", mirror=False),
    _t(ring_hold, ("gymnastics",), "an iron cross", "a gymnast holding the rings",
       "an iron cross on the rings", "hanging with arms straight out",
       "hold the cross on the rings", mirror=False),
    _t(l_sit, ("gymnastics",), "an L-sit", "holding the legs out straight on the hands",
       "do an L-sit", "an L-sit hold", "supported on straight arms, legs forward", mirror=False),
    _t(balance_beam, ("gymnastics", "balancing"), "walking on a balance beam",
       "a gymnast on the balance beam", "balance on the beam",
       "stepping forward with the {lead} foot, arms out", "a beam routine"),
    _t(pommel_horse, ("gymnastics",), "the pommel horse", "a gymnast on the pommel horse",
       "swinging on the pommel horse",
       "straight arms on the pommels, legs swung to the {other} side", "a pommel horse circle"),
    _t(parkour_vault, ("parkour", "jumping"), "a parkour vault", "a kong vault over a wall",
       "vault the obstacle", "diving over a wall, hands down and knees tucked",
       "a free runner vaulting", mirror=False),
    _t(limbo, ("limbo",), "the limbo", "doing the limbo", "how low can you go",
       "leaning back under the bar", "a limbo dancer", mirror=False),
)
_MARTIAL_ARTS_AND_AIM = (
    _t(boxing_jab, ("boxing", "punching"), "a jab", "a boxer throwing a jab", "jab",
       "a straight punch with the {other} hand", "a boxing jab"),
    _t(boxing_cross, ("boxing", "punching"), "a cross", "a boxer throwing a straight right",
       "throw a cross", "a power punch with the {lead} fist", "a boxing cross"),
    _t(boxing_hook, ("boxing", "punching"), "a hook", "a boxer throwing a hook", "throw a hook",
       "a hook with the {lead} fist", "a looping hook punch"),
    _t(boxing_uppercut, ("boxing", "punching"), "an uppercut", "a boxer throwing an uppercut",
       "throw an uppercut", "an uppercut with the {lead} fist", "punching upward to the chin"),
    _t(karate_punch, ("karate", "punching"), "a karate punch", "a reverse punch in a front stance",
       "punch", "a karateka punching",
       "punching with the {lead} fist, the {other} fist at the hip"),
    _t(karate_block, ("karate", "blocking"), "a karate block", "a rising block", "block",
       "a karate blocking move", "blocking overhead with the {lead} forearm"),
    _t(karate_knife_hand, ("karate",), "a knife-hand block", "a karate back stance",
       "a karate pose with open hands", "knife-hand guard", "a shuto block",
       "a back stance, the {other} foot forward"),
    _t(kung_fu_horse_stance, ("kung fu",), "a horse stance", "a kung fu horse stance",
       "sink into a horse stance", "a martial artist squatting wide",
       "a kung fu stance with fists at the hips", mirror=False),
    _t(crane_kick, ("karate",), "the crane kick", "the crane pose from the Karate Kid",
       "stand on one leg like a crane", "balancing on the {other} leg, arms spread",
       "a crane stance"),
    _t(judo_throw, ("judo",), "a judo throw", "a shoulder throw",
       "throw an opponent over the shoulder", "a judoka bending to throw", "a seoi nage",
       "turning in for a throw, the {lead} hand at the shoulder"),
    _t(wrestling_stance, ("wrestling",), "a wrestling stance", "a wrestler ready to shoot",
       "get in a wrestling stance", "a wrestler crouched with hands out", "a grappler's stance",
       mirror=False),
    _t(taekwondo_roundhouse, ("taekwondo", "kicking"), "a roundhouse kick",
       "a taekwondo roundhouse kick", "kick a roundhouse", "a turning kick with the {lead} leg",
       "a high round kick"),
    _t(muay_thai_knee, ("muay thai", "kneeing"), "a knee strike", "a Muay Thai knee", "knee",
       "driving the {lead} knee up", "a Thai clinch knee"),
    _t(sumo_shiko, ("sumo",), "a sumo leg stomp", "shiko",
       "a sumo wrestler raising the {lead} leg", "lift a leg high and stomp",
       "a sumo ritual stomp"),
    _t(sumo_stance, ("sumo",), "a sumo stance", "a sumo wrestler crouching",
       "squat like a sumo wrestler", "a wide squat with hands on the knees",
       "a sumo ready to charge", mirror=False),
    _t(kendo_strike, ("kendo", "striking"), "a kendo strike", "striking with a bamboo sword",
       "strike overhead with a sword", "a swordsman cutting down",
       "raising a sword with both hands", "a kendo strike, the {lead} foot forward"),
    _t(sword_guard, ("sword fighting",), "a sword guard", "a samurai stance",
       "hold the sword in front", "a swordsman on guard, blade forward",
       "ready with a two-handed sword", "on guard, the {lead} foot forward"),
    _t(fencing_en_garde, ("fencing",), "en garde", "a fencer in guard position",
       "take the en garde stance", "a fencer, sword arm forward, back hand raised", "fencing",
       "en garde with the sword in the {lead} hand"),
    _t(fencing_lunge, ("fencing", "lunging"), "a fencing lunge", "a fencer lunging",
       "lunge with the foil", "a fencer's attack, arm fully extended", "touché",
       "lunging with the {lead} leg"),
    _t(archery_draw, ("archery",), "archery", "an archer drawing a bow", "draw the bow",
       "the bow in the {other} hand", "drawing the string with the {lead} hand",
       "aiming an arrow", "an archer at full draw", "drawing the bowstring with the {lead} hand"),
    _t(darts_throw, ("darts", "throwing"), "throwing a dart", "a darts player aiming",
       "throw a dart", "a darts throw", "aiming a dart at the board",
       "throwing a dart with the {lead} hand"),
    _t(billiards_shot, ("billiards",), "a billiards shot", "a pool player lining up a shot",
       "shoot pool", "bent over a cue", "playing snooker",
       "a pool shot with the cue in the {lead} hand"),
    _t(curling_delivery, ("curling",), "a curling delivery", "a curler sliding the stone",
       "deliver the stone", "curling", "sliding low on the ice with a curling stone",
       "sliding on the {other} foot with a curling stone"),
)
_YOGA_AND_STRETCHING = (
    _t(yoga_downward_dog, ("yoga",), "downward dog", "the downward-facing dog pose",
       "do downward dog", "hips high, hands and feet on the floor", "an inverted V yoga pose",
       mirror=False),
    _t(yoga_cobra, ("yoga",), "the cobra pose", "a yoga cobra", "do the cobra",
       "lying face down, chest lifted on the arms", "an upward-facing backbend on the floor",
       mirror=False),
    _t(yoga_child_pose, ("yoga", "kneeling"), "child's pose", "the yoga child's pose",
       "rest in child's pose", "kneeling folded forward, arms stretched ahead", "balasana",
       mirror=False),
    _t(yoga_triangle, ("yoga",), "the triangle pose", "a yoga triangle", "do triangle pose",
       "legs wide, the {lead} hand down and the {other} hand up", "trikonasana"),
    _t(yoga_chair, ("yoga",), "chair pose", "the yoga chair pose", "sit back in chair pose",
       "knees bent, arms raised overhead", "utkatasana", mirror=False),
    _t(yoga_warrior_one, ("yoga", "lunging"), "warrior one", "the yoga warrior one pose",
       "step into warrior one", "a lunge with both arms reaching up",
       "warrior I with the {lead} knee bent"),
    _t(yoga_warrior_three, ("yoga", "balancing"), "warrior three", "the yoga warrior three pose",
       "balance in warrior three", "body level, the {lead} leg back and arms forward",
       "a T-shaped balance"),
    _t(yoga_boat, ("yoga",), "boat pose", "the yoga boat pose", "balance in boat pose",
       "sitting in a V, legs and arms raised", "navasana", mirror=False),
    _t(yoga_crow, ("yoga", "balancing"), "crow pose", "the yoga crow pose", "balance in crow",
       "knees on the arms, balancing on the hands", "bakasana", mirror=False),
    _t(yoga_pigeon, ("yoga", "stretching"), "pigeon pose", "the yoga pigeon pose",
       "stretch in pigeon", "the {lead} shin folded in front, the {other} leg back",
       "a hip-opening stretch"),
    _t(yoga_lotus, ("yoga", "meditating"), "the lotus position", "meditating in lotus",
       "sit in lotus", "sitting with feet on the thighs", "padmasana", mirror=False),
    _t(yoga_bridge, ("yoga",), "bridge pose", "the yoga bridge", "lift into bridge pose",
       "hips lifted, hands clasped under the back", "setu bandha", mirror=False),
    _t(yoga_camel, ("yoga", "kneeling"), "camel pose", "the yoga camel pose",
       "lean back into camel", "kneeling backbend, hands toward the heels", "ustrasana",
       mirror=False),
    _t(yoga_dancer, ("yoga", "balancing"), "dancer's pose", "the yoga dancer pose",
       "balance in dancer's pose", "holding the {lead} foot behind, the {other} arm forward",
       "natarajasana"),
    _t(yoga_seated_forward_fold, ("yoga", "stretching"), "a seated forward bend",
       "sitting and reaching for the toes", "fold forward over the legs", "paschimottanasana",
       "a seated hamstring stretch", mirror=False),
    _t(yoga_happy_baby, ("yoga",), "happy baby pose", "lying on the back holding the feet",
       "do happy baby", "knees wide, hands on the soles", "ananda balasana", mirror=False),
    _t(yoga_cat_cow, ("yoga",), "cat-cow", "the yoga cat-cow stretch", "do cat-cow",
       "on hands and knees arching the back", "a tabletop spine stretch", mirror=False),
    _t(yoga_extended_side_angle, ("yoga",), "extended side angle", "the yoga side angle pose",
       "reach into side angle", "the {lead} knee bent, the {other} arm over the ear",
       "a deep side stretch over the bent knee"),
    _t(yoga_plow, ("yoga",), "plow pose", "the yoga plough pose", "roll into plow",
       "lying on the back, feet over the head", "halasana", mirror=False),
    _t(yoga_mountain, ("yoga",), "upward salute", "standing with arms raised in yoga",
       "reach up in mountain pose", "urdhva hastasana", "a tall standing stretch", mirror=False),
    _t(pilates_hundred, ("pilates",), "the pilates hundred", "pilates", "do the hundred",
       "head and legs lifted, arms pumping by the sides", "a pilates ab exercise", mirror=False),
    _t(pilates_teaser, ("pilates",), "a pilates teaser", "balancing in a V with arms forward",
       "do the teaser", "a pilates V-sit", "legs and arms lifted together", mirror=False),
    _t(quad_stretch, ("stretching",), "a quad stretch", "stretching the thigh",
       "pull the heel to the buttock", "holding the {lead} foot behind",
       "a standing quadriceps stretch"),
    _t(hamstring_stretch, ("stretching",), "a hamstring stretch", "stretching the back of the leg",
       "stretch the hamstrings", "the {lead} leg up, reaching toward it",
       "bending over a raised straight leg"),
    _t(calf_stretch, ("stretching",), "a calf stretch", "pushing against a wall",
       "stretch the calf", "leaning on a wall, the {lead} leg straight behind",
       "a runner's stretch"),
    _t(butterfly_stretch, ("stretching",), "the butterfly stretch", "sitting with soles together",
       "do the butterfly stretch", "knees out, holding the feet", "a groin stretch", mirror=False),
    _t(shoulder_stretch, ("stretching",), "a shoulder stretch", "pulling an arm across the chest",
       "stretch the shoulder", "the {lead} arm across the chest", "a cross-body arm stretch"),
    _t(triceps_stretch, ("stretching",), "a triceps stretch", "an overhead arm stretch",
       "stretch the triceps", "the {lead} hand behind the head, elbow pointing up",
       "pushing the elbow behind the head"),
)
_DANCE = (
    _t(ballet_first_position, ("ballet", "dancing"), "ballet first position",
       "a ballerina in first position", "stand in first position",
       "heels together, toes out, arms rounded low", "a ballet dancer's first position",
       mirror=False),
    _t(ballet_plie, ("ballet", "dancing"), "a plié", "a ballet plié", "do a plié",
       "bending the knees over turned-out feet", "a dancer in second position plié", mirror=False),
    _t(ballet_fifth_arms, ("ballet", "dancing"), "arms in fifth position",
       "a ballerina with rounded arms overhead", "ballet arms en haut",
       "a dancer with a halo of arms", "fifth position arms", mirror=False),
    _t(ballet_pirouette, ("ballet", "spinning"), "a pirouette", "a ballerina spinning on one foot",
       "turn a pirouette", "a passé turn, the {lead} toe at the knee", "a ballet dancer turning"),
    _t(ballet_grand_jete, ("ballet", "leaping"), "a grand jeté", "a ballet leap",
       "leap in the splits", "a dancer flying with legs split",
       "a split leap, the {lead} leg forward"),
    _t(ballet_attitude, ("ballet", "dancing"), "a ballet attitude", "a dancer in attitude",
       "an attitude derrière", "the {lead} leg lifted behind with the knee bent",
       "a ballerina holding attitude"),
    _t(tango, ("tango", "dancing"), "dancing the tango", "a tango dancer", "tango",
       "a tango step, the {lead} leg stretched behind", "an Argentine tango pose"),
    _t(waltz, ("waltz", "dancing"), "dancing a waltz", "a waltz hold", "waltz",
       "ballroom dancing in a closed frame", "a ballroom dancer",
       "a waltz step, the {lead} foot forward"),
    _t(salsa, ("salsa", "dancing"), "dancing salsa", "a salsa dancer", "salsa",
       "a Latin dance step with swaying hips", "a salsa step on the {lead} foot"),
    _t(hip_hop_freeze, ("breakdance", "dancing"), "a hip hop freeze", "a b-boy freeze",
       "hold a freeze", "balancing on one hand, legs in the air",
       "a breakdance freeze on the {lead} hand"),
    _t(breakdance_windmill, ("breakdance", "dancing"), "a breakdance windmill",
       "a b-boy spinning on the back", "do a windmill", "spinning on the shoulders, legs spread",
       "a power move", "a windmill, the {other} arm out on the floor"),
    _t(moonwalk, ("dancing",), "the moonwalk", "moonwalking", "moonwalk",
       "sliding backward, the {lead} heel raised", "a Michael Jackson dance step"),
    _t(dab, ("dancing",), "the dab", "dabbing", "dab",
       "head tucked into the {lead} elbow, the {other} arm out", "a dab dance move"),
    _t(floss, ("dancing",), "the floss dance", "doing the floss", "floss",
       "swinging arms back and forth around the hips", "the floss dance move",
       "the floss, arms swung to the {other}"),
    _t(macarena, ("dancing",), "the Macarena", "dancing the Macarena", "do the Macarena",
       "the {lead} hand behind the head, the {other} hand on the hip", "a Macarena move"),
    _t(macarena_arms_out, ("dancing",), "the start of the Macarena",
       "both arms straight out in front", "arms forward, palms down",
       "reaching forward with both arms", "a Macarena arm move", mirror=False),
    _t(robot_dance, ("dancing",), "the robot dance", "dancing like a robot", "do the robot",
       "stiff arms bent at right angles", "a robotic dance move",
       "the robot, the {lead} forearm pointing forward"),
    _t(the_twist, ("dancing",), "the twist", "dancing the twist", "twist",
       "twisting the hips on the balls of the feet", "a 1960s twist dance",
       "the twist with the {lead} heel raised"),
    _t(flamenco, ("flamenco", "dancing"), "flamenco", "a flamenco dancer", "dance flamenco",
       "one arm curved overhead, the other on the back", "a proud flamenco pose",
       "flamenco, the {lead} arm curved overhead"),
    _t(belly_dance, ("belly dance", "dancing"), "belly dancing", "a belly dancer", "belly dance",
       "swinging the hips with arms up", "an oriental dance pose",
       "belly dancing on the {lead} toe"),
    _t(cheerleader_toe_touch, ("cheerleading", "jumping"), "a toe touch jump",
       "a cheerleader jump", "do a toe touch", "a straddle jump with arms in a T",
       "a cheerleader in the air", mirror=False),
    _t(cheerleader_high_v, ("cheerleading",), "a cheerleader high V",
       "a cheer pose with arms up in a V", "hit a high V", "arms raised in a V",
       "a cheerleader cheering", mirror=False),
    _t(cheerleader_herkie, ("cheerleading", "jumping"), "a herkie jump", "a cheerleader herkie",
       "jump a herkie", "the {lead} leg kicked out to the side in the air", "a cheer jump"),
    _t(ymca_y, ("dancing",), "the Y of YMCA", "the YMCA dance", "make a Y with the arms",
       "arms raised in a Y", "dancing to YMCA", mirror=False),
    _t(gangnam_style, ("dancing",), "Gangnam style", "the horse-riding dance",
       "do the Gangnam style dance", "hands crossed in front, hopping in a wide stance",
       "a K-pop dance move", "the horse dance, the {lead} knee up"),
    _t(walk_like_an_egyptian, ("dancing",), "walk like an Egyptian", "the Egyptian dance",
       "do the Egyptian walk", "arms bent at right angles, head turned",
       "an ancient Egyptian pose", "the {lead} arm bent across the front, the {other} hand up"),
    _t(sprinkler_dance, ("dancing",), "the sprinkler dance", "doing the sprinkler",
       "do the sprinkler", "the {other} hand behind the head, the {lead} arm sweeping",
       "a goofy lawn sprinkler dance"),
    _t(running_man, ("dancing",), "the running man", "dancing the running man",
       "do the running man", "a hip hop step with the {lead} knee up", "a running man dance move"),
    _t(charleston, ("dancing",), "the Charleston", "dancing the Charleston", "do the Charleston",
       "a swing dance kick with the {lead} foot", "a 1920s flapper dance"),
    _t(cossack_kick, ("dancing",), "a Cossack dance", "squatting and kicking out a leg",
       "do the Cossack kick", "a hopak kick with arms folded",
       "a Russian folk dance kick with the {lead} leg"),
    _t(irish_dance, ("dancing",), "Irish dancing", "an Irish step dancer", "Irish dance",
       "arms straight down, the {lead} leg kicked", "a Riverdance kick"),
    _t(vogue, ("dancing", "posing"), "voguing", "a vogue pose", "strike a pose",
       "framing the face with the hands", "a fashion model pose",
       "a vogue pose, the {lead} hand above the head"),
)

ACTIVITIES: tuple[Template, ...] = (_BALL_SPORTS + _ATHLETICS_AND_OUTDOORS + _GYM_AND_GYMNASTICS
                                    + _MARTIAL_ARTS_AND_AIM + _YOGA_AND_STRETCHING + _DANCE)
