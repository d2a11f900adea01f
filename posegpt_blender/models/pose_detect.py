"""MediaPipe's pose landmarker: every person in a picture, as Landmarks.

MediaPipe (legacy `solutions.pose`, the model bundled in mediapipe 0.10.21) gives 33 world
landmarks in metres, hip-centred, axes x = image right, y = image down, z = away from the
camera; its LEFT_* landmarks are the subject's left (checked against COCO's labelled left/right
keypoints). SMPL's camera-relative frame is x = image right, y = up, z = toward the camera, so
the change is diag(1, -1, -1), a proper rotation: no mirroring. The legacy landmarker poses one
person a call; each person found is painted over and it runs again, so every person in the
picture is found (up to MAX_PEOPLE).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .base import NoPersonError

_MP_TO_SMPL = np.diag([1.0, -1.0, -1.0])
# Pictures are shrunk to this longest side for the detector (it works at 256 px inside).
DETECT_SIDE = 512

# MediaPipe landmark indices (PoseLandmark).
_NOSE, _L_EAR, _R_EAR = 0, 7, 8
_FACE_PAIRS = ((_L_EAR, _R_EAR), (2, 5), (9, 10))  # ears, eyes, mouth corners (left, right)
_TORSO_PAIRS = ((11, 12), (23, 24))  # shoulders, hips
_BODY = np.arange(11, 33)  # shoulders down: what face_led may turn
_MP = {"left_shoulder": 11, "right_shoulder": 12, "left_elbow": 13, "right_elbow": 14,
       "left_wrist": 15, "right_wrist": 16, "left_hip": 23, "right_hip": 24, "left_knee": 25,
       "right_knee": 26, "left_ankle": 27, "right_ankle": 28, "left_foot": 31,
       "right_foot": 32}
# Each landmark's counterpart on the other side (itself for the nose).
_MP_MIRROR = [0, 4, 5, 6, 1, 2, 3, 8, 7, 10, 9, *[i + (1 if i % 2 else -1) for i in range(11, 33)]]
# Hand joints: between the index and pinky knuckle landmarks.
_MP_HANDS = {"left_hand": (17, 19), "right_hand": (18, 20)}
_SIDES = ("left", "right")

# Visibility below _VIS_LOW counts for nothing, above _VIS_HIGH fully.
_VIS_LOW, _VIS_HIGH = 0.3, 0.7
# People looked for in one picture at most (each costs one more detector run).
MAX_PEOPLE = 4
# A found person's box is grown by this fraction before it is painted over.
_MASK_MARGIN = 0.15
# face_led trusts a face whose ears are this far apart across the picture, in torso lengths:
# ~0.2 seen from the front or back, under 0.05 side-on (medians on training renders).
_FACE_SPREAD = 0.08


@dataclass
class Landmarks:
    """One person's MediaPipe landmarks: SMPL camera frame (metres), pixels, visibility."""

    world: np.ndarray       # (33, 3) hip-centred, SMPL camera frame
    image: np.ndarray       # (33, 2) pixels of the original picture (x right, y down)
    visibility: np.ndarray  # (33,)


class PersonDetector:
    """MediaPipe's pose landmarker, run until it finds nobody new. Not thread-safe (MediaPipe
    graph state)."""

    def __init__(self) -> None:
        import mediapipe as mp  # `import mediapipe.solutions.pose` fails in 0.10.21

        self._detector = mp.solutions.pose.Pose(static_image_mode=True, model_complexity=1)

    def detect_people(self, image: np.ndarray) -> list[Landmarks]:
        """Landmarks of each person in the picture (up to MAX_PEOPLE), left to right;
        NoPersonError when there is none.

        MediaPipe's legacy landmarker poses one person a call: each person found is painted
        over and the detector runs again, until it finds nobody new.
        """
        image = _check_image(image)
        small = _downscale(image, DETECT_SIDE)
        scale = small.shape[0] / image.shape[0]
        people: list[Landmarks] = []
        boxes: list[np.ndarray] = []
        while len(people) < MAX_PEOPLE:
            found = landmarks(self._detector, small, image.shape)
            if found is None:
                break
            box = _box(found, image.shape)
            if people and (found.visibility[[11, 12]].min() < _VIS_HIGH or any(
                    _inside(box, _grow(b, _MASK_MARGIN)) > 0.5 for b in boxes)):
                break  # shoulders unsure, or the remains of someone already found
            people.append(found)
            boxes.append(box)
            small = _paint_over(small, box * scale)
        if not people:
            raise NoPersonError("no person found in the picture: at least the head and "
                                "shoulders of one person must be visible")
        order = np.argsort([b[0] + b[2] for b in boxes], kind="stable")
        return [people[i] for i in order]


def landmarks(detector, small: np.ndarray, shape: tuple[int, ...]) -> Landmarks | None:
    """One MediaPipe Pose call on a (downscaled) picture; pixels of the shape given."""
    result = detector.process(small)
    if result.pose_world_landmarks is None or result.pose_landmarks is None:
        return None
    world = np.array([[p.x, p.y, p.z] for p in result.pose_world_landmarks.landmark])
    norm = np.array([[p.x, p.y] for p in result.pose_landmarks.landmark])
    vis = np.array([p.visibility for p in result.pose_landmarks.landmark])
    return Landmarks(world=world @ _MP_TO_SMPL.T, image=norm * [shape[1], shape[0]],
                     visibility=vis)


def forward(landmarks: Landmarks) -> np.ndarray:
    """The torso's unit forward direction (from hips and shoulders) in the SMPL camera frame:
    z > 0 faces the camera."""
    w = landmarks.world
    left = w[11] - w[12] + w[23] - w[24]
    up = w[11] + w[12] - w[23] - w[24]
    f = np.cross(left, up)
    return f / max(float(np.linalg.norm(f)), 1e-9)


def turned(landmarks: Landmarks) -> Landmarks:
    """The picture's other reading: the body turned to face the other way (front <-> back).
    Depth is mirrored and left/right labels are exchanged, so every 2D point stays where it is
    and the body stays a body (not its mirror image)."""
    return Landmarks(world=landmarks.world[_MP_MIRROR] * [1.0, 1.0, -1.0],
                     image=landmarks.image[_MP_MIRROR],
                     visibility=landmarks.visibility[_MP_MIRROR])


def face_led(landmarks: Landmarks) -> Landmarks | None:
    """The reading with the body turned to face the way the face does, when MediaPipe labelled
    them opposite ways round (None when it did not): its face's left/right labels (ears, eyes
    and mouth agreeing) point one way and its shoulders' and hips' the other, in a picture
    that shows the face well away from side-on. A head cannot turn that far from its torso,
    and the face's labels were the right ones each time this fired on front and back renders
    (2 of 551 training renders from 8 views, 2 of 28 held-out ones; once more on a held-out
    side view of a push-up, changing little there); without the spread test it also fired on
    side views of training renders, and made them worse."""
    image = landmarks.image

    def across(pairs: tuple[tuple[int, int], ...]) -> np.ndarray:
        return np.array([image[left, 0] - image[right, 0] for left, right in pairs])

    face, torso = across(_FACE_PAIRS), across(_TORSO_PAIRS)
    length = float(np.linalg.norm(image[[11, 12]].mean(0) - image[[23, 24]].mean(0)))
    if (abs(np.sign(face).sum()) < len(face) or abs(np.sign(torso).sum()) < len(torso)
            or np.sign(face[0]) == np.sign(torso[0]) or abs(face[0]) < _FACE_SPREAD * length):
        return None
    order = np.arange(len(image))
    order[_BODY] = np.asarray(_MP_MIRROR)[_BODY]
    world = landmarks.world[order]
    world[_BODY, 2] *= -1.0  # as turned(), for the body alone
    return Landmarks(world=world, image=image[order], visibility=landmarks.visibility[order])


def _box(landmarks: Landmarks, shape: tuple[int, ...]) -> np.ndarray:
    """(x0, y0, x1, y1) pixels around the visible landmarks, clipped to the picture."""
    seen = landmarks.visibility > 0.5
    pts = landmarks.image[seen] if seen.any() else landmarks.image
    return np.clip(np.r_[pts.min(0), pts.max(0)], 0, [shape[1], shape[0]] * 2)


def _grow(box: np.ndarray, margin: float) -> np.ndarray:
    size = box[2:] - box[:2]
    return np.r_[box[:2] - margin * size, box[2:] + margin * size]


def _area(box: np.ndarray) -> float:
    return float(np.prod(np.maximum(box[2:] - box[:2], 0.0)))


def _inside(box: np.ndarray, other: np.ndarray) -> float:
    """Fraction of box's area inside other."""
    overlap = np.r_[np.maximum(box[:2], other[:2]), np.minimum(box[2:], other[2:])]
    return _area(overlap) / max(_area(box), 1e-9)


def _paint_over(image: np.ndarray, box: np.ndarray) -> np.ndarray:
    """A copy with the box (grown by _MASK_MARGIN) filled with the picture's median colour
    (of every 4th pixel each way: the same colour at a sixteenth of the cost, ~2 ms less)."""
    h, w = image.shape[:2]
    x0, y0, x1, y1 = np.clip(_grow(box, _MASK_MARGIN), 0, [w, h, w, h]).round().astype(int)
    out = image.copy()
    out[y0:y1, x0:x1] = np.median(image[::4, ::4].reshape(-1, 3), axis=0)
    return out


def _check_image(image: np.ndarray) -> np.ndarray:
    image = np.asarray(image)
    if image.dtype != np.uint8 or image.ndim != 3 or image.shape[2] != 3:
        raise ValueError(f"expected an RGB uint8 (H, W, 3) picture, got {image.dtype} "
                         f"{image.shape}")
    return np.ascontiguousarray(image)


def _downscale(image: np.ndarray, side: int) -> np.ndarray:
    h, w = image.shape[:2]
    if max(h, w) <= side:
        return image
    import cv2  # opencv ships with mediapipe

    f = side / max(h, w)
    return cv2.resize(image, (round(w * f), round(h * f)), interpolation=cv2.INTER_AREA)
