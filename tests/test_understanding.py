"""Reading requests into named facts, keeping them, and judging answers by their joints."""
from __future__ import annotations

import numpy as np
import pytest

from conftest import default_model_missing
from core.pose import SmplPose
from core.retarget import mirror_rotations
from posegpt_blender.data.figure import mirror_text
from posegpt_blender.judge import Check, CheckSyntaxError, judge, load_requests
from posegpt_blender.understanding.compose import keep_promises
from posegpt_blender.understanding.reading import read_request


def facts(text: str) -> set[tuple[str, str, str]]:
    return {(f.kind, f.side, f.what) for f in read_request(text).facts}


@pytest.mark.parametrize("text, expected", [
    ("Put your left hand on your right knee", {("contact", "left", "right_knee")}),
    ("she's got her right palm resting on her belly", {("contact", "right", "belly")}),
    ("the left shoulder touched by the right hand", {("contact", "right", "left_shoulder_top")}),
    ("lift both arms", {("arm", "left", "up"), ("arm", "right", "up")}),
    ("put up both hands", {("arm", "left", "up"), ("arm", "right", "up")}),
    ("right arm hanging down", {("arm", "right", "down")}),
    ("step back with the right leg", {("leg", "right", "back")}),
    ("kick sideways with his left foot", {("leg", "left", "kick_side")}),
    ("lean forward", {("lean", "", "forward")}),
    ("facing left", {("facing", "", "left")}),
    ("look over the right shoulder", {("head", "", "right")}),
    ("down on the left knee", {("posture", "left", "kneeling_one")}),
    ("holding a plank on the forearms", {("posture", "", "forearm_plank")}),
    ("leaning back on the elbows", {("posture", "", "propped_back")}),
    ("hands together", {("hands_together", "", "hands")}),
])
def test_reading_finds_the_named_facts(text: str, expected: set) -> None:
    assert expected <= facts(text)


def test_a_hand_on_the_knee_is_not_kneeling() -> None:
    assert not any(kind == "posture" for kind, _, _ in facts("left hand on the right knee"))


def test_mirrored_words_give_mirrored_facts() -> None:
    text = "kneel on the left knee, right hand on the left shoulder, look left"
    assert {f.mirrored() for f in read_request(text).facts} == \
        set(read_request(mirror_text(text)).facts)


def test_keeping_promises_repairs_only_what_is_named() -> None:
    start = np.zeros((24, 3))  # a T-pose: arms out, nothing else named
    fixed, unmet = keep_promises("left hand on the head", start)
    assert not unmet
    verdict = judge(fixed, (Check.parse("touch left_hand head_top"),
                            Check.parse("rightof right_wrist right_shoulder 0.3")))
    assert verdict.right
    changed = np.flatnonzero(np.abs(fixed - start).max(1) > 1e-6)
    assert all(j in (13, 16, 18, 20, 22) for j in changed if j != 0)


def test_left_and_right_requests_are_mirrored_exactly() -> None:
    start = SmplPose().rotations()
    a, _ = keep_promises("right arm forward, left hand on the hip", start)
    b, _ = keep_promises("left arm forward, right hand on the hip", start)
    assert np.allclose(mirror_rotations(a), b, atol=1e-9)


def test_judge_counts_side_swaps_and_direction_flips() -> None:
    start = np.zeros((24, 3))
    raised, _ = keep_promises("right arm up", start)
    verdict = judge(raised, (Check.parse("above left_wrist head"),))
    assert verdict.failed and verdict.side_swaps
    lowered, _ = keep_promises("right arm down", start)
    verdict = judge(lowered, (Check.parse("above right_wrist head"),))
    assert verdict.failed and not verdict.side_swaps


@pytest.mark.parametrize("bad", ["touch left_hand", "hover left_hand", "lean sideways",
                                 "touch left_hand nose", "bent left_wrist", "ground knee x"])
def test_bad_checks_are_refused(bad: str) -> None:
    with pytest.raises(CheckSyntaxError):
        Check.parse(bad)


@pytest.mark.parametrize("split", ["dev", "test"])
def test_request_sets_parse(split: str) -> None:
    requests = load_requests(split)
    assert len(requests) >= 150 and all(r.checks for r in requests)
    assert len({r.id for r in requests}) == len(requests)


@pytest.mark.skipif(bool(default_model_missing()), reason=default_model_missing() or "ok")
def test_default_model_answers_mirror_for_mirrored_requests() -> None:
    from posegpt_blender.models.default import DefaultModel

    model = DefaultModel.load("cpu")
    for text in ("a goalkeeper diving to the left", "stand on the left leg, arms out",
                 "throwing a ball with the left arm"):
        a = model.pose_from_text(text).poses[0].rotations()
        b = model.pose_from_text(mirror_text(text)).poses[0].rotations()
        assert np.allclose(mirror_rotations(a), b, atol=1e-6), text
