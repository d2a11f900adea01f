"""The embedded default model: requests read into named facts, poses from the activity
lexicon, posture templates or PoseGPT-mini, repaired to keep every named fact; MediaPipe +
SMPL fit for pictures; the project's describer for words. Runs on the CPU; nothing is
downloaded."""
from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np

from core.describe import describe, extract_facts
from core.pose import SmplPose
from core.pose_edit import is_mirror_request, merge_parts, named_joints
from core.retarget import mirror_rotations
from ..understanding.compose import Composer, keep_promises
from ..understanding.facts import Fact
from ..understanding.lexicon import ActivityLexicon
from ..understanding.reading import read_request
from .base import PoseResult
from .text_pose import TextPoseModel, load_trained

WEIGHTS_DIR = Path(__file__).resolve().parents[1] / "weights" / "default"


class DefaultModel:
    """PoseModel for the embedded weights. The picture estimator loads on first use, so that
    the worker is ready for text in about two seconds; a warm-up request runs in the
    background meanwhile."""

    name = "posegpt-mini"
    concurrent_pictures = True  # pictures (MediaPipe + fit) share no state with text/describe

    def __init__(self, text_model: TextPoseModel, device: str) -> None:
        self.text_model, self.device = text_model, device
        self.lexicon = ActivityLexicon(text_model.reader)
        self.composer = Composer(text_model.predict, self.lexicon)
        self._images = None
        self._video = None
        # Not a daemon: a process that exits meanwhile waits for it rather than aborting
        # inside torch.
        threading.Thread(target=self._warm, name="text-warm-up").start()

    def _warm(self) -> None:
        """One request through the whole text path: the lexicon's phrases (from the phrase
        cache, else computed) and torch's first-call set-up (~0.5 s), so that the first user
        request does not pay for them."""
        self.composer.compose("swinging a golf club, the left hand on the hip")

    @classmethod
    def load(cls, device: str = "cpu") -> "DefaultModel":
        return cls(load_trained(WEIGHTS_DIR, device), device)

    def pose_from_text(self, text: str, history: list[dict] | None = None,
                       pose: SmplPose | None = None, count: int = 1) -> PoseResult:
        """count poses from a description, each keeping what it names (a fact that cannot be
        kept is said in the answer). Earlier user turns add their words (the latest win);
        pose, the rig's current pose, makes the text an edit: "mirror it" reflects it, named
        facts ("raise the left arm") are repaired onto it, other named parts regenerated."""
        if pose is not None:
            return self._edit(text, pose)
        said = [t["text"] for t in history or [] if t.get("role") == "user"]
        answers = self.composer.compose(", ".join(said + [text]), count)
        poses = [SmplPose.from_rotations(a.rotvecs) for a in answers]
        first = answers[0]
        notes = _unmet_notes(first.unmet) + [
            f"did not understand \"{c}\": its side is not checked" for c in first.unread]
        text = _answer_text("Here is the pose: ", poses[0], first.unmet)
        if first.unread:
            text += " Did not understand: " + "; ".join(f'"{c}"' for c in first.unread) + "."
        return PoseResult(poses[:1], text, notes, poses if count > 1 else [])

    def _edit(self, text: str, pose: SmplPose) -> PoseResult:
        if is_mirror_request(text):
            mirrored = _with_rotations(pose, mirror_rotations(pose.rotations()))
            return PoseResult([mirrored], "Mirrored left and right: " + describe(mirrored))
        facts = read_request(text).facts
        joints = named_joints(text)
        if any(f.kind == "posture" for f in facts) or not (facts or joints):
            answer = self.composer.compose(text)[0]
            generated = _with_rotations(pose, answer.rotvecs)
            why = "a whole-body posture" if facts else "no body part"
            return PoseResult([generated], _answer_text("Here is the pose: ", generated,
                                                        answer.unmet),
                              [f"the request names {why}: the whole pose was replaced"]
                              + _unmet_notes(answer.unmet))
        if facts:
            rotvecs, unmet = keep_promises(text, pose.rotations())
            edited = _with_rotations(pose, rotvecs)
            return PoseResult([edited], _answer_text("Edited: ", edited, unmet),
                              _unmet_notes(unmet))
        # The current pose's other facts stay in the request, so the edited part fits them.
        kept = [f.terse() for f in extract_facts(pose) if not named_joints(f.terse()) & joints]
        generated = self._predict(", ".join(kept + [text]))
        edited = _with_rotations(pose, merge_parts(pose.rotations(), generated.rotations(), joints))
        return PoseResult([edited], "Edited: " + describe(edited))

    def pose_from_image(self, image: np.ndarray, text: str = "",
                        history: list[dict] | None = None, person: int | None = None,
                        facing: str | None = None) -> PoseResult:
        """Pose of one person in an RGB uint8 picture: person k of those found (numbered
        from the left), the largest by default; facing ("camera"/"away") when the caller
        knows it (text and history are not used by the fit)."""
        fit = self._image_estimator().estimate_detailed(image, person, facing)
        return PoseResult([fit.pose], "Here is the pose: " + describe(fit.pose), fit.notes,
                          people=[[float(v) for v in box] for box in fit.people],
                          person=fit.person)

    def pose_from_video(self, path: Path, start: int = 0, end: int | None = None,
                        stride: int = 1, progress: Callable[[float], bool] | None = None):
        """One pose a frame of the most prominent person in a video file (VideoPoses;
        models/video_pose.py): smoothed, one facing, root motion."""
        if self._video is None:
            from .video_pose import VideoPoseEstimator

            self._video = VideoPoseEstimator(self._image_estimator())
        return self._video.estimate(path, start, end, stride, progress=progress)

    def _image_estimator(self):
        if self._images is None:
            from .image_pose import ImagePoseEstimator

            self._images = ImagePoseEstimator()
        return self._images

    def describe(self, pose: SmplPose) -> str:
        """The pose in words (the project's describer)."""
        return describe(pose)

    def _predict(self, text: str) -> SmplPose:
        return SmplPose.from_rotations(self.text_model.predict([text])[0])


def _answer_text(lead: str, pose: SmplPose, unmet: list[Fact]) -> str:
    text = lead + describe(pose)
    if unmet:
        text += " Could not keep: " + "; ".join(f.phrase() for f in unmet) + "."
    return text


def _unmet_notes(unmet: list[Fact]) -> list[str]:
    return [f"could not keep {f.phrase()}" for f in unmet]


def _with_rotations(pose: SmplPose, rotvecs: np.ndarray) -> SmplPose:
    """pose's shape and translation with new (24, 3) rotations."""
    return replace(pose, global_orient=rotvecs[0].copy(), body_pose=rotvecs[1:].reshape(-1).copy())
