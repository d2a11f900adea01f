"""Text-pose training data for the default model: CMU motion capture plus the pose sampler.

Every pose carries several captions: the describer's styles (core.describe) mixed
with action phrases (CMU's action labels, the sampler's template phrases). The test split
holds out whole CMU motions (the files under cmu_mocap/test/) and whole sampler groups (one
seed's draws of a template, mirrored twins included), so no test pose has a train sibling.
Built arrays are cached under `<repo>/.cache/posegpt_data/`, keyed by CACHE_VERSION.
"""
from __future__ import annotations

import json
import logging
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.describe import caption_styles
from core.pose import forward_kinematics
from core.skeleton import JOINT_INDEX, NUM_JOINTS

from . import cmu
from .figure import Template, mirror_sample, sample_template
from .sampler import TEMPLATES

log = logging.getLogger(__name__)

# Bump whenever retargeting, the sampler or the describer changes what is built.
CACHE_VERSION = "v10"
CACHE_DIR = Path(__file__).resolve().parents[2] / ".cache" / "posegpt_data"
CMU_STRIDE = 8                  # every 8th frame: 67,870 frames -> about 8,500 poses
SAMPLER_POSES = 16000           # the sampler's share of the full set
DRAWS_PER_GROUP = 4             # one group = one seed's draws of a template (+ mirrors)
TEST_EVERY = 10                 # every 10th sampler group is held out
SIZES = ("full", "small")

# CMU actions whose frames alternate sides; only the right foot's strides carry the action's
# name (see _right_foot_ahead).
STRIDE_ACTIONS = ("walking", "walking_extra", "running")
# How people would name each CMU action.
CMU_ACTION_PHRASES: dict[str, tuple[str, ...]] = {
    "walking": ("a person walking", "walking forward"),
    "walking_extra": ("a person walking", "walking at a steady pace"),
    "running": ("a person running", "jogging"),
    "jumping": ("a person jumping", "jumping in place"),
    "soccer": ("a person playing soccer", "a soccer player moving with the ball"),
    "basketball": ("a person playing basketball", "a basketball player dribbling"),
    "basketball_signal": ("a basketball referee signalling", "making a referee's hand signal"),
    "directing_traffic": ("a person directing traffic", "a police officer directing traffic"),
    "washwindow": ("a person washing a window", "wiping a window clean"),
}


@dataclass
class TextPoseData:
    """Poses with captions, sources and a train/test split, aligned by index."""

    rotvecs: np.ndarray        # (N, 24, 3) float32 axis-angle, SMPL frame, heading removed
    captions: list[list[str]]  # per pose, >= 3 phrasings (described facts, action phrases)
    # "cmu:<action>/<split>/<file>:<frame>" or "sampler:<template>:g<group>"
    source: list[str]
    split: np.ndarray          # (N,) '<U5' 'train' or 'test'

    def __len__(self) -> int:
        return len(self.source)

    def subset(self, name: str) -> "TextPoseData":
        """The poses of one split ('train' or 'test')."""
        keep = np.flatnonzero(self.split == name)
        return TextPoseData(self.rotvecs[keep], [self.captions[i] for i in keep],
                            [self.source[i] for i in keep], self.split[keep])


def build_dataset(seed: int = 0, cmu_root: Path | None = None, size: str = "full"
                  ) -> TextPoseData:
    """The text-pose data set, from the cache when built before.

    cmu_root defaults to `<repo>/../shared/data/cmu_expmap`; when it is missing the set is
    built from the sampler alone (with a warning). size "small" is a few hundred poses for
    tests.
    """
    if size not in SIZES:
        raise ValueError(f"size must be one of {SIZES}, got {size!r}")
    root = cmu.default_cmu_root() if cmu_root is None else Path(cmu_root)
    has_cmu = (root / "skeleton.json").is_file()
    if not has_cmu:
        warnings.warn(f"CMU data not found at {root}: building the text-pose set from the "
                      "pose sampler alone", stacklevel=2)
    origin = "cmu" if has_cmu else "nocmu"
    cache = CACHE_DIR / f"textpose_{CACHE_VERSION}_{size}_s{seed}_{origin}.npz"
    if cache.is_file():
        return _load(cache)
    rng = np.random.default_rng(seed)
    parts = [_sampler_part(seed, size, rng)]
    if has_cmu:
        parts.append(_cmu_part(root, size, rng))
    data = TextPoseData(
        rotvecs=np.concatenate([p.rotvecs for p in parts]).astype(np.float32),
        captions=[c for p in parts for c in p.captions],
        source=[s for p in parts for s in p.source],
        split=np.concatenate([p.split for p in parts]).astype("<U5"),
    )
    _save(cache, data)
    return data


def _described(rotvecs: np.ndarray, rng: np.random.Generator) -> tuple[str, list[str]]:
    """A short salient caption (to follow an action phrase) and two longer styles."""
    styles = caption_styles(rotvecs)
    short = styles["short" if rng.random() < 0.5 else "brief"]
    longer = styles["full" if rng.random() < 0.7 else "medium"]
    return short, list(dict.fromkeys([longer, styles["terse"]]))


def _with_phrase(phrase: str, short: str) -> str:
    """"<phrase>, <short facts>" without repeating the phrase among the facts."""
    facts = [f for f in short.split(", ") if f and f != phrase]
    return ", ".join([phrase] + facts)


def _sampler_part(seed: int, size: str, rng: np.random.Generator) -> TextPoseData:
    total_weight = sum(t.weight for t in TEMPLATES)
    rotvecs, captions, source, split = [], [], [], []
    for index, template in enumerate(TEMPLATES):
        groups, draws = _sampler_plan(template, total_weight, size)
        for group in range(groups):
            group_rng = np.random.default_rng([seed, index, group])
            held_out = group % TEST_EVERY == TEST_EVERY - 1 if size == "full" else group == 1
            for _ in range(draws):
                pose = sample_template(template, group_rng)
                # Mirrored twins share the draw (same angles, sides swapped) and the group.
                for sample in (pose, mirror_sample(pose, template)) if template.mirror else (pose,):
                    rotvecs.append(sample.rotvecs)
                    captions.append(_sampler_captions(sample.rotvecs, sample.phrases, rng))
                    source.append(f"sampler:{template.name}:g{group}")
                    split.append("test" if held_out else "train")
    return TextPoseData(np.stack(rotvecs), captions, source, np.array(split, "<U5"))


def _sampler_plan(template: Template, total_weight: float, size: str) -> tuple[int, int]:
    """(groups, draws per group) for a template."""
    if size == "small":
        return 2, 1
    copies = 2 if template.mirror else 1
    poses = SAMPLER_POSES * template.weight / total_weight
    return max(TEST_EVERY, int(round(poses / (DRAWS_PER_GROUP * copies)))), DRAWS_PER_GROUP


def _sampler_captions(rotvecs: np.ndarray, phrases: tuple[str, ...],
                      rng: np.random.Generator) -> list[str]:
    short, described = _described(rotvecs, rng)
    if not phrases:  # a left-leading twin of a template whose phrases name no side
        return [short] + described
    first, second = rng.choice(len(phrases), size=2, replace=len(phrases) < 2)
    return [phrases[first], _with_phrase(phrases[second], short)] + described


def _cmu_part(root: Path, size: str, rng: np.random.Generator) -> TextPoseData:
    skeleton = cmu.load_skeleton(root)
    motions = cmu.list_motions(root)
    neutral = cmu.neutral_head(root, skeleton)
    stride = CMU_STRIDE
    if size == "small":
        # One train and one test motion of two actions, sparsely.
        picked = []
        for action in ("walking", "jumping"):
            for split in ("train", "test"):
                picked += [m for m in motions if m.action == action and m.split == split][:1]
        motions, stride = picked, 40
    rotvecs, captions, source, split = [], [], [], []
    for motion in motions:
        frames = cmu.read_frames(motion.path)
        index = np.arange(0, len(frames), stride)
        poses = cmu.retarget(frames[index], skeleton, neutral)
        phrases = CMU_ACTION_PHRASES.get(motion.action, (f"a person {motion.action}",))
        for frame, pose in zip(index, poses):
            short, described = _described(pose, rng)
            phrase = phrases[int(rng.integers(len(phrases)))]
            rotvecs.append(pose)
            # As in the sampler, a gait named without a side is the right foot's stride.
            named = motion.action not in STRIDE_ACTIONS or _right_foot_ahead(pose)
            captions.append([_with_phrase(phrase, short) if named else short] + described)
            source.append(f"cmu:{motion.key}:{frame}")
            split.append("test" if motion.split == "test" else "train")
    log.info("CMU: %d poses from %d motions", len(source), len(motions))
    return TextPoseData(np.stack(rotvecs).astype(np.float32), captions, source,
                        np.array(split, "<U5"))


def _right_foot_ahead(rotvecs: np.ndarray) -> bool:
    """Whether the right ankle is ahead of the left (+Z, the body's front, heading removed)."""
    joints = forward_kinematics(rotvecs)[0]
    return bool(joints[JOINT_INDEX["right_ankle"], 2] > joints[JOINT_INDEX["left_ankle"], 2])


def _save(path: Path, data: TextPoseData) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp.npz")  # parallel builders never clash
    np.savez_compressed(tmp, rotvecs=data.rotvecs, split=data.split,
                        source=np.array(data.source),
                        captions=np.array(json.dumps(data.captions)))
    tmp.replace(path)


def _load(path: Path) -> TextPoseData:
    with np.load(path, allow_pickle=False) as npz:
        rotvecs = npz["rotvecs"]
        if rotvecs.shape[1:] != (NUM_JOINTS, 3):
            raise ValueError(f"{path}: cached rotations shaped {rotvecs.shape}; delete it")
        return TextPoseData(rotvecs, json.loads(str(npz["captions"])),
                            [str(s) for s in npz["source"]], npz["split"].astype("<U5"))
