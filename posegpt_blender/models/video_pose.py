"""Video to keyframes: one pose a frame from MediaPipe's tracking landmarker and the image fit.

Frames are read with OpenCV. Landmarks are smoothed with a One-Euro filter (Casiez, Roussel,
Vogel, CHI 2012: a low-pass whose cut-off rises with speed, so slow jitter goes and fast moves
stay). One facing holds across the clip: a body cannot turn front-to-back between two frames,
so each frame takes the reading (the detector's or the turned one, pose_detect.turned) whose
left-right axis is nearest the previous frame's, and the whole clip is turned if most frames
needed turning. Root motion comes from the hips' place and size in the picture (weak
perspective), with a foot kept where it is while it is planted (low and still).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from core.pose import SmplPose
from core.skeleton import JOINT_INDEX

from .base import NoPersonError
from .image_pose import ImagePoseEstimator
from .pose_detect import DETECT_SIDE, Landmarks, _downscale, landmarks, turned

MAX_VIDEO_FRAMES = 20000  # frames read from one clip at most (after the range and stride)
VIDEO_FIT_STEPS = 6  # L-BFGS iterations a frame, started from the previous frame's answer
# One-Euro parameters for landmarks in metres (world) and in picture heights (image).
_EURO_MIN_CUTOFF, _EURO_BETA, _EURO_D_CUTOFF = 1.0, 1.0, 1.0
# A foot is planted while within this height of the clip's lowest foot and slower than this.
_CONTACT_HEIGHT, _CONTACT_SPEED = 0.06, 0.4
# The camera's focal length assumed for depth from the body's size, in picture heights.
_FOCAL = 1.2
_FEET = (JOINT_INDEX["left_foot"], JOINT_INDEX["right_foot"])


class VideoError(ValueError):
    """The clip cannot be read, or the frame range selects nothing."""


class Cancelled(Exception):
    """The progress callback asked to stop."""


@dataclass
class VideoPoses:
    """A clip's answer: poses (translation = root motion), the frames they come from."""

    poses: list[SmplPose]
    frames: list[int]      # source frame index of each pose
    fps: float             # of the poses (the clip's rate divided by the stride)
    turned: bool           # the detector's facing was turned for the clip
    missed: int            # frames with no person (their pose holds the previous one)
    raw: list[SmplPose]    # the same frames unsmoothed, feet not planted (when asked)


def read_frames(path: Path, start: int = 0, end: int | None = None, stride: int = 1
                ) -> tuple[Iterator[tuple[int, np.ndarray]], int, float]:
    """RGB frames [start, end) every stride of a video file: (iterator of (index, frame),
    how many it yields, frames per second of the clip)."""
    import cv2  # opencv ships with mediapipe

    if stride < 1 or start < 0 or (end is not None and end <= start):
        raise VideoError(f"bad frame range: start {start}, end {end}, stride {stride}")
    if not Path(path).is_file():
        raise VideoError(f"no video file at {path}")
    capture = cv2.VideoCapture(str(path))
    if not capture.isOpened():
        raise VideoError(f"{path}: OpenCV cannot read this video")
    total = int(capture.get(cv2.CAP_PROP_FRAME_COUNT))
    fps = float(capture.get(cv2.CAP_PROP_FPS)) or 30.0
    stop = total if end is None else min(end, total)
    count = min(max(0, (stop - start + stride - 1) // stride), MAX_VIDEO_FRAMES)
    if count == 0:
        capture.release()
        raise VideoError(f"{path}: frames {start}..{stop} hold none of its {total} frames")
    if start:
        capture.set(cv2.CAP_PROP_POS_FRAMES, start)

    def frames() -> Iterator[tuple[int, np.ndarray]]:
        try:
            index, given = start, 0
            while given < count:
                ok = capture.grab()
                if not ok:
                    return
                if (index - start) % stride == 0:
                    ok, bgr = capture.retrieve()
                    if not ok:
                        return
                    given += 1
                    yield index, cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
                index += 1
        finally:
            capture.release()
    return frames(), count, fps


class OneEuro:
    """One-Euro filter over arrays of any shape (each value filtered on its own)."""

    def __init__(self, min_cutoff: float, beta: float, d_cutoff: float) -> None:
        self.min_cutoff, self.beta, self.d_cutoff = min_cutoff, beta, d_cutoff
        self._x: np.ndarray | None = None
        self._dx: np.ndarray | None = None

    @staticmethod
    def _alpha(cutoff: np.ndarray | float, dt: float) -> np.ndarray | float:
        tau = 1.0 / (2 * np.pi * cutoff)
        return 1.0 / (1.0 + tau / dt)

    def __call__(self, x: np.ndarray, dt: float) -> np.ndarray:
        if self._x is None:
            self._x, self._dx = x.copy(), np.zeros_like(x)
            return x.copy()
        dx = (x - self._x) / dt
        self._dx = self._dx + self._alpha(self.d_cutoff, dt) * (dx - self._dx)
        cutoff = self.min_cutoff + self.beta * np.abs(self._dx)
        self._x = self._x + self._alpha(cutoff, dt) * (x - self._x)
        return self._x.copy()


class VideoPoseEstimator:
    """MediaPipe in tracking mode plus ImagePoseEstimator's fit. Not thread-safe."""

    def __init__(self, images: ImagePoseEstimator | None = None) -> None:
        import mediapipe as mp

        self.images = images or ImagePoseEstimator()
        self._mp = mp

    def estimate(self, path: Path, start: int = 0, end: int | None = None, stride: int = 1,
                 smooth: bool = True, progress: Callable[[float], bool] | None = None,
                 keep_raw: bool = False) -> VideoPoses:
        """Poses of the most prominent person in frames [start, end) every stride of the clip.

        progress(fraction) is called after each frame; returning False cancels (Cancelled).
        keep_raw: also fit the unsmoothed landmarks (VideoPoses.raw; else raw is empty).
        """
        frames, count, fps = read_frames(path, start, end, stride)
        tracker = self._mp.solutions.pose.Pose(static_image_mode=False, model_complexity=1)
        marks: list[Landmarks | None] = []
        shape = (1, 1)
        indices = []
        try:
            for i, (index, frame) in enumerate(frames):
                shape = frame.shape[:2]
                marks.append(landmarks(tracker, _downscale(frame, DETECT_SIDE), frame.shape))
                indices.append(index)
                if progress is not None and not progress(0.8 * (i + 1) / count):
                    raise Cancelled()
        finally:
            tracker.close()
        if not any(m is not None for m in marks):
            raise NoPersonError("no person found in any frame of the clip")
        marks, is_turned = one_facing(marks)
        dt = stride / fps
        raw = self._fit_all(marks, shape, dt, smooth=False) if keep_raw or not smooth else []
        poses = self._fit_all(marks, shape, dt, smooth=True) if smooth else raw
        if progress is not None and not progress(1.0):
            raise Cancelled()
        return VideoPoses(poses, indices, fps / stride, is_turned,
                          sum(m is None for m in marks), raw)

    def _fit_all(self, marks: list[Landmarks | None], shape: tuple[int, int], dt: float,
                 smooth: bool) -> list[SmplPose]:
        if smooth:
            marks = smooth_landmarks(marks, shape, dt)
        rotations, roots, previous = [], [], None
        for lm in marks:
            if lm is None:  # nobody this frame: hold the last pose (or wait for the first)
                rotations.append(previous)
                roots.append(roots[-1] if roots else None)
                continue
            previous = self.images.fit(lm, VIDEO_FIT_STEPS, init=previous)
            rotations.append(previous)
            roots.append(_root(lm, shape))
        first = next(r for r in rotations if r is not None)
        rotations = [first if r is None else r for r in rotations]
        first_root = next(r for r in roots if r is not None)
        roots = np.stack([first_root if r is None else r for r in roots])
        roots -= roots[0]
        if smooth:
            roots = plant_feet(rotations, roots, dt)
        return [SmplPose.from_rotations(r, transl=t) for r, t in zip(rotations, roots)]


def smooth_landmarks(marks: list[Landmarks | None], shape: tuple[int, int], dt: float
                     ) -> list[Landmarks | None]:
    """The frames' landmarks One-Euro filtered forwards and backwards, averaged: the clip is
    all there, so the filter's lag cancels (one pass alone lagged fast limbs by ~3 mm)."""
    present = [i for i, m in enumerate(marks) if m is not None]
    world = np.stack([marks[i].world for i in present])
    image = np.stack([marks[i].image for i in present]) / shape[0]
    both = []
    for values in (world, image):
        passes = []
        for order in (slice(None), slice(None, None, -1)):
            euro = OneEuro(_EURO_MIN_CUTOFF, _EURO_BETA, _EURO_D_CUTOFF)
            passes.append(np.stack([euro(v, dt) for v in values[order]])[order])
        both.append((passes[0] + passes[1]) / 2)
    out = list(marks)
    for k, i in enumerate(present):
        out[i] = replace(marks[i], world=both[0][k], image=both[1][k] * shape[0])
    return out


def one_facing(marks: list[Landmarks | None]) -> tuple[list[Landmarks | None], bool]:
    """Each frame's reading kept or turned so the body's left-right axis moves smoothly; the
    whole clip turned when that took more turning than not. Returns the readings and whether
    the clip's facing is the turned one."""
    out: list[Landmarks | None] = []
    last, turned_frames = None, 0
    for lm in marks:
        if lm is not None and last is not None and _lateral(lm) @ last < 0:
            lm, turned_frames = turned(lm), turned_frames + 1
        out.append(lm)
        if lm is not None:
            last = _lateral(lm)
    if turned_frames * 2 > sum(m is not None for m in out):
        return [None if m is None else turned(m) for m in out], True
    return out, False


def _lateral(lm: Landmarks) -> np.ndarray:
    """The body's right-to-left direction in the horizontal plane (shoulders and hips)."""
    w = lm.world
    v = w[11] - w[12] + w[23] - w[24]
    return np.array([v[0], v[2]]) / max(float(np.hypot(v[0], v[2])), 1e-9)


def _root(lm: Landmarks, shape: tuple[int, int]) -> np.ndarray:
    """The hips' centre in the camera frame (metres, y up) from their place in the picture
    and the body's size there (weak perspective, _FOCAL picture heights of focal length)."""
    seen = lm.visibility > 0.5
    idx = np.flatnonzero(seen) if seen.sum() >= 4 else np.arange(len(seen))
    xy = lm.world[idx, :2] * [1.0, -1.0]  # metres, y down like pixels
    uv = lm.image[idx]
    xc, uc = xy - xy.mean(0), uv - uv.mean(0)
    scale = float((xc * uc).sum() / max((xc * xc).sum(), 1e-12))  # pixels per metre
    hips = (lm.image[23] + lm.image[24]) / 2
    centre = np.array([shape[1], shape[0]]) / 2
    depth = _FOCAL * shape[0] / max(scale, 1e-6)
    return np.array([(hips[0] - centre[0]) / scale, -(hips[1] - centre[1]) / scale, -depth])


def plant_feet(rotations: list[np.ndarray], roots: np.ndarray, dt: float) -> np.ndarray:
    """Root translations shifted so a planted foot (near the clip's lowest foot height and
    slow) keeps its horizontal place; the shift carries on after it lifts (no jump)."""
    from core.pose import forward_kinematics

    joints = forward_kinematics(np.stack(rotations))[0]
    feet = roots[:, None, :] + joints[:, _FEET]
    ground = feet[..., 1].min()
    speed = np.zeros(feet.shape[:2])
    speed[1:] = np.linalg.norm(np.diff(feet, axis=0), axis=-1) / dt
    planted = (feet[..., 1] - ground < _CONTACT_HEIGHT) & (speed < _CONTACT_SPEED)
    out = roots.copy()
    shift = np.zeros(3)
    anchors: list[np.ndarray | None] = [None, None]
    for t in range(len(roots)):
        pulls = []
        for k in range(2):
            if not planted[t, k]:
                anchors[k] = None
                continue
            where = feet[t, k] + shift
            if anchors[k] is None:
                anchors[k] = where
            pulls.append(anchors[k] - where)
        if pulls:
            shift = shift + np.mean(pulls, axis=0) * [1.0, 0.0, 1.0]
        out[t] = roots[t] + shift
    return out
