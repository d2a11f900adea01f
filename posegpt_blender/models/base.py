"""The interface every served pose model implements, and the errors it raises."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from core.pose import SmplPose


class NoPersonError(ValueError):
    """The picture shows no person the model can pose (HTTP 422)."""


@dataclass
class PoseResult:
    """What a model answers: one pose or a sequence, the answer text, and notes for the user."""

    poses: list[SmplPose]
    text: str
    notes: list[str] = field(default_factory=list)
    # Other answers to the same request ("count"), the first being poses[0]; empty for one.
    variations: list[SmplPose] = field(default_factory=list)
    # A picture's people, each (x0, y0, x1, y1) in pixels, left to right, and the one posed.
    people: list[list[float]] = field(default_factory=list)
    person: int | None = None


class PoseModel(Protocol):
    """A loaded model. Implementations are not thread-safe; the server serialises calls,
    except that a model whose `concurrent_pictures` is True has its pose_from_image calls run
    on a thread of their own, beside (never with another) pose_from_text and describe."""

    name: str
    device: str
    concurrent_pictures: bool = False

    def pose_from_text(self, text: str, history: list[dict] | None = None,
                       pose: SmplPose | None = None, count: int = 1) -> PoseResult:
        """Pose from a description (history: earlier turns, [{"role", "text"}]); pose, the
        rig's current pose, makes the text an edit of it; count asks for that many different
        answers that keep what the text names (PoseResult.variations)."""

    def pose_from_image(self, image: np.ndarray, text: str = "",
                        history: list[dict] | None = None) -> PoseResult:
        """Pose of the most prominent person in an RGB uint8 (H, W, 3) image. A model that
        tells people apart also takes person=k (numbered from the left) and answers with
        PoseResult.people."""

    def describe(self, pose: SmplPose) -> str:
        """The pose in words."""
