"""The describer on poses built joint by joint, and its mirror symmetry."""
import numpy as np
import pytest

from core.describe import caption_variants, describe, extract_facts, fact_phrases, measures
from core.pose import SmplPose
from core.retarget import mirror_rotations
from core.skeleton import JOINT_INDEX as J
from posegpt_blender.data.describer_bins import spread, table, template_poses
from posegpt_blender.data.figure import mirror_text, sample_template
from posegpt_blender.data.sampler import template

QUARTER = np.pi / 2
ARMS_DOWN = {"left_shoulder": (0, 0, -1.3), "right_shoulder": (0, 0, 1.3)}


def _pose(**rotations) -> np.ndarray:
    rotvecs = np.zeros((24, 3))
    for joint, rotvec in rotations.items():
        rotvecs[J[joint]] = rotvec
    return rotvecs


def test_kneeling_on_the_right_knee():
    # Right thigh down with the shin folded back onto the floor; left thigh forward, shin down.
    pose = _pose(left_hip=(-QUARTER, 0, 0), left_knee=(QUARTER, 0, 0),
                 right_knee=(QUARTER, 0, 0), **ARMS_DOWN)
    text = describe(pose)
    assert text.startswith("The person is kneeling on the right knee")
    assert "left foot is in front of the right foot" in text


def test_both_hands_above_the_head():
    text = describe(_pose(left_shoulder=(0, 0, QUARTER), right_shoulder=(0, 0, -QUARTER)))
    assert "Both hands are above the head" in text
    assert "both arms point straight up" in text


def test_sitting():
    pose = _pose(left_hip=(-QUARTER, 0, 0), right_hip=(-QUARTER, 0, 0),
                 left_knee=(QUARTER, 0, 0), right_knee=(QUARTER, 0, 0), **ARMS_DOWN)
    assert describe(pose).startswith("The person is sitting")


@pytest.mark.parametrize("pitch, words", [(-QUARTER, "lying on the back"),
                                          (QUARTER, "lying face down")])
def test_lying(pitch, words):
    assert words in describe(_pose(pelvis=(pitch, 0, 0), **ARMS_DOWN))


@pytest.mark.parametrize("roll, side", [(QUARTER, "right"), (-QUARTER, "left")])
def test_lying_on_a_side(roll, side):
    # A quarter turn about the forward axis (+Z): positive takes the head to the right (-X),
    # so the body's right side lies on the floor.
    assert f"lying on the {side} side" in describe(_pose(pelvis=(0, 0, roll), **ARMS_DOWN))


def test_hands_on_hips_and_arms_crossed():
    rng = np.random.default_rng(0)
    assert "Both hands are on the hips" in describe(
        sample_template(template("hands_on_hips"), rng).rotvecs)
    assert "The arms are crossed" in describe(
        sample_template(template("arms_crossed"), rng).rotvecs)


def test_heading_does_not_change_the_words():
    pose = _pose(left_hip=(-QUARTER, 0, 0), left_knee=(QUARTER, 0, 0),
                 right_knee=(QUARTER, 0, 0), **ARMS_DOWN)
    turned = pose.copy()
    turned[0] = (0, 2.0, 0)
    assert describe(turned) == describe(pose)


@pytest.mark.parametrize("name", ["kneel_one", "point", "thinking", "lunge", "wave",
                                  "goalkeeper_dive"])
def test_mirrored_pose_swaps_left_and_right(name):
    rng = np.random.default_rng(7)
    pose = sample_template(template(name), rng).rotvecs
    text = describe(pose)
    assert "left" in text or "right" in text
    assert describe(mirror_rotations(pose)) == mirror_text(text)


def test_smpl_pose_and_rotvecs_read_the_same():
    rotvecs = _pose(left_shoulder=(0, 0, QUARTER), right_knee=(1.0, 0, 0))
    assert describe(SmplPose.from_rotations(rotvecs)) == describe(rotvecs)


def test_caption_variants_give_distinct_styles_deterministically():
    pose = _pose(left_hip=(-QUARTER, 0, 0), left_knee=(QUARTER, 0, 0),
                 right_knee=(QUARTER, 0, 0), **ARMS_DOWN)
    first = caption_variants(pose, 3, np.random.default_rng(1))
    again = caption_variants(pose, 3, np.random.default_rng(1))
    assert first == again and len(set(first)) == 3
    terse = [c for c in first if not c[0].isupper()]
    assert terse and all(c.startswith("kneeling on the right knee") for c in terse)
    # The short style keeps the most salient facts: posture first.
    facts = extract_facts(pose)
    assert facts[0].predicate == "kneeling on the right knee"
    assert len(caption_variants(pose, 7, np.random.default_rng(2))) == 7


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="24 x 3"):
        describe(np.zeros(10))
    with pytest.raises(ValueError, match="NaN"):
        describe(np.full((24, 3), np.nan))
    with pytest.raises(ValueError, match="at least 1"):
        caption_variants(np.zeros((24, 3)), 0, np.random.default_rng(0))


def test_measures_are_what_the_bins_read():
    # A quarter turn at the left knee, both arms straight up.
    pose = _pose(left_knee=(QUARTER, 0, 0), left_shoulder=(0, 0, QUARTER),
                 right_shoulder=(0, 0, -QUARTER))
    m, rest = measures(pose), measures(_pose())
    # The rest knee is not quite straight: the quarter turn closes it by 90 degrees from there.
    assert m["knee_angle"][0] == pytest.approx(rest["knee_angle"][0] - 90.0, abs=0.5)
    assert m["knee_angle"][1] == pytest.approx(rest["knee_angle"][1])
    assert rest["knee_angle"][1] > 150.0
    assert all(a < 5.0 for a in m["upper_arm_from_up"])
    # The rest stance's ankles stand 0.21 m apart: the "close together" bound sits under it.
    assert rest["feet_apart"][0] == pytest.approx(0.21, abs=0.01)
    assert "left knee sharply bent" in fact_phrases(pose)


def test_bins_table_over_template_draws():
    poses = template_poses(draws=1)[:40]
    text = table({"templates": spread(poses)})
    rows = {line.split()[0]: line.split() for line in text.splitlines()[1:]}
    assert set(rows) == set(measures(poses[0]))
    assert int(rows["knee_angle"][2]) == 2 * len(poses)
    quantiles = [float(v) for v in rows["knee_angle"][3:]]
    assert quantiles == sorted(quantiles) and 0 < quantiles[0] <= quantiles[-1] <= 180
