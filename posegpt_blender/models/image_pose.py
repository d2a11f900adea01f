"""Image to pose: the people in a picture found by MediaPipe (models/pose_detect.py), the
chosen one's landmarks lifted to 3D (models/pose_lift.py) and SMPL rotations fitted to them
(models/pose_fit.py). A person squarely facing the camera gets a near-identity global
orientation; any of several people can be posed.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.pose import SmplPose
from core.skeleton import JOINT_INDEX
from .base import NoPersonError
from .pose_detect import (_MP, Landmarks, PersonDetector, _area, _box, face_led, forward,
                          turned)
from .pose_fit import (FIT_STEPS, PROJECTED_JOINTS, fit_rotations, hidden_limb_notes,
                       weak_perspective)
from .pose_lift import Lifter
from .pose_prior import PosePrior

_J = JOINT_INDEX


@dataclass
class ImageFit:
    """Everything the estimator found: the pose, notes, landmarks, 3D joints and 2D joints."""

    pose: SmplPose
    notes: list[str]
    landmarks: Landmarks
    joints: np.ndarray        # (24, 3) camera-relative SMPL frame, pelvis at the origin
    image_joints: np.ndarray  # (24, 2) weak-perspective projection onto the picture (pixels)
    people: list[np.ndarray]  # each person's (x0, y0, x1, y1) box in pixels, left to right
    person: int               # the one posed, an index into people


class ImagePoseEstimator:
    """MediaPipe pose landmarker plus an SMPL fit. Not thread-safe (MediaPipe graph state)."""

    def __init__(self, prior_path: Path | None = None, lifter_path: Path | None = None) -> None:
        self.prior = PosePrior.load(prior_path)
        self.lifter = Lifter.load(lifter_path)
        self.detector = PersonDetector()

    def estimate(self, image: np.ndarray) -> tuple[SmplPose, list[str]]:
        """Pose of the person in an RGB uint8 (H, W, 3) picture, and notes for the user."""
        fit = self.estimate_detailed(image)
        return fit.pose, fit.notes

    def estimate_detailed(self, image: np.ndarray, person: int | None = None,
                          facing: str | None = None) -> ImageFit:
        """As estimate, with the landmarks and the fitted joints in 3D and on the picture.

        person: which of the people found (numbered from the left, from 0) to pose; the
        largest when None. NoPersonError when there is no such person. facing: "camera" or
        "away" when the caller knows which way the person faces (Blender's own render of a
        rig): the detector's reading is turned around when it says otherwise.
        """
        people = self.detector.detect_people(image)
        boxes = [_box(p, image.shape) for p in people]
        if person is None:
            chosen = int(np.argmax([_area(b) for b in boxes]))
        elif 0 <= person < len(people):
            chosen = person
        else:
            raise NoPersonError(f"no person {person} in the picture: it shows {len(people)} "
                                f"(numbered 0 to {len(people) - 1} from the left)")
        landmarks = people[chosen]
        notes = []
        led = face_led(landmarks)
        if led is not None:
            landmarks = led
            notes.append("the detector read the body turned away from the face; it was turned "
                         "to face the same way")
        if facing is not None and (forward(landmarks)[2] > 0) != (facing == "camera"):
            landmarks = turned(landmarks)
            toward = "the camera" if facing == "camera" else "away"
            notes.append(f"the detector read the person turned around; the request says they "
                         f"face {toward}, so the reading was turned")
        pose = SmplPose.from_rotations(self.fit(landmarks))
        joints = pose.joints()
        idx = [_J[n] for n in PROJECTED_JOINTS]
        lm = [_MP[n] for n in PROJECTED_JOINTS]
        image_joints = weak_perspective(joints, joints[idx], landmarks.image[lm],
                                        landmarks.visibility[lm])
        notes = hidden_limb_notes(landmarks.visibility) + notes
        if len(people) > 1:
            which = "the largest" if person is None else "as asked"
            notes.insert(0, f"{len(people)} people in the picture, numbered 0 to "
                         f"{len(people) - 1} from the left: posed person {chosen} ({which})")
        return ImageFit(pose, notes, landmarks, joints, image_joints, boxes, chosen)

    def fit(self, landmarks: Landmarks, steps: int = FIT_STEPS, init: np.ndarray | None = None
            ) -> np.ndarray:
        """(24, 3) SMPL rotations (global orientation camera-relative) fitted to landmarks,
        from init (e.g. the previous frame's answer) or else from analytic IK."""
        return fit_rotations(landmarks, self.prior, steps, init, self.lifter)
