"""Stick-figure thumbnails of a pose (numpy only): the pose library's preview images.

Drawn from bone segments already projected to 2D, so no render engine, GPU or scene change is
needed (pose assets are saved headless too, where Blender cannot draw its own previews).
"""
from __future__ import annotations

import numpy as np

BACKGROUND = (0.16, 0.17, 0.19, 1.0)
LEFT = (0.30, 0.62, 1.00)    # the body's left side, as Blender's own theme tints .L bones
RIGHT = (1.00, 0.55, 0.25)
CENTRE = (0.88, 0.88, 0.88)


def fit_segments(segments: np.ndarray, size: int, margin: float = 0.1) -> np.ndarray:
    """(N, 2, 2) segments in any 2D units -> pixel coordinates centred in a size x size image
    with margin (a share of the side) around them; the aspect ratio is kept."""
    segments = np.asarray(segments, dtype=np.float64)
    if segments.ndim != 3 or segments.shape[1:] != (2, 2) or len(segments) == 0:
        raise ValueError(f"segments must be (N, 2, 2) with N >= 1, got {segments.shape}")
    points = segments.reshape(-1, 2)
    low, high = points.min(axis=0), points.max(axis=0)
    span = float(max(high[0] - low[0], high[1] - low[1], 1e-6))
    scale = size * (1.0 - 2.0 * margin) / span
    centre = (low + high) / 2.0
    return (segments - centre) * scale + size / 2.0


def draw_segments(segments: np.ndarray, colours: np.ndarray, size: int = 128,
                  width: float | None = None) -> np.ndarray:
    """(size, size, 4) RGBA floats, row 0 at the bottom (Blender's image order): each segment
    (pixel coordinates, x right, y up) a round-capped line of its colour, anti-aliased;
    width in pixels (default: a 64th of the side, legible in the Asset Browser's tiles)."""
    width = size / 64.0 if width is None else width
    segments = np.asarray(segments, dtype=np.float64)
    colours = np.asarray(colours, dtype=np.float64)
    if len(colours) != len(segments):
        raise ValueError(f"{len(segments)} segments but {len(colours)} colours")
    image = np.empty((size, size, 4))
    image[:] = BACKGROUND
    ys, xs = np.mgrid[0:size, 0:size] + 0.5
    pixels = np.stack([xs, ys], axis=-1)  # (size, size, 2)
    for (a, b), colour in zip(segments, colours):
        ab = b - a
        t = np.clip(((pixels - a) @ ab) / max(float(ab @ ab), 1e-12), 0.0, 1.0)
        distance = np.linalg.norm(pixels - (a + t[..., None] * ab), axis=-1)
        cover = np.clip(width / 2.0 + 0.5 - distance, 0.0, 1.0)[..., None]
        image[..., :3] = image[..., :3] * (1.0 - cover) + colour * cover
    return image
