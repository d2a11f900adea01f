"""The embedded default model: PoseGPT-mini for text, MediaPipe + SMPL fit for pictures, the
posecode captioner for words. Runs on the CPU; nothing is downloaded."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np

from core.describe import describe, extract_facts
from core.pose import SmplPose
from core.pose_edit import is_mirror_request, merge_parts, named_joints
from core.retarget import mirror_rotations
from .base import PoseResult
from .text_pose import TextPoseModel, load_trained

WEIGHTS_DIR = Path(__file__).resolve().parents[1] / "weights" / "default"


class DefaultModel:
    """PoseModel for the embedded weights. The picture estimator loads on first use, so that
    the worker is ready for text in about a second."""

    name = "posegpt-mini"

    def __init__(self, text_model: TextPoseModel, device: str) -> None:
        self.text_model, self.device = text_model, device
        self._images = None
        self._video = None

    @classmethod
    def load(cls, device: str = "cpu") -> "DefaultModel":
        return cls(load_trained(WEIGHTS_DIR, device), device)

    def pose_from_text(self, text: str, history: list[dict] | None = None,
                       pose: SmplPose | None = None) -> PoseResult:
        """Pose from a description. Earlier user turns add their words (the latest win); pose,
        the rig's current pose, makes the text an edit: "mirror it" reflects it, a request
        naming body parts ("raise the left arm") changes only those parts."""
        if pose is not None and is_mirror_request(text):
            mirrored = _with_rotations(pose, mirror_rotations(pose.rotations()))
            return PoseResult([mirrored], "Mirrored left and right: " + describe(mirrored))
        joints = set() if pose is None else named_joints(text)
        if not joints:
            said = [t["text"] for t in history or [] if t.get("role") == "user"]
            generated = self._predict(", ".join(said + [text]))
            notes = [] if pose is None else \
                ["the request names no body part: the whole pose was replaced"]
            return PoseResult([generated], "Here is the pose: " + describe(generated), notes)
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
                          [[float(v) for v in box] for box in fit.people], fit.person)

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
        """The pose in words (the posecode captioner)."""
        return describe(pose)

    def _predict(self, text: str) -> SmplPose:
        return SmplPose.from_rotations(self.text_model.predict([text])[0])


def _with_rotations(pose: SmplPose, rotvecs: np.ndarray) -> SmplPose:
    """pose's shape and translation with new (24, 3) rotations."""
    return replace(pose, global_orient=rotvecs[0].copy(), body_pose=rotvecs[1:].reshape(-1).copy())
