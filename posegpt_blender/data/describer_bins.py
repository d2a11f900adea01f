"""`python -m posegpt_blender.data.describer_bins`: the spread of every quantity the describer
(core.describe) bins, over the project's own poses: CMU motion capture retargeted as the data
set builds it (every CMU_STRIDE-th frame) and draws of every sampler, posture and activity
template. Prints quantiles per source and pooled; docs/DESCRIBER.md sets the bins from them.

Deterministic (fixed seed); one to two minutes on one core.
"""
from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

import numpy as np

from core.describe import measures
from . import cmu
from .activities import ACTIVITIES
from .dataset import CMU_STRIDE
from .postures import NEW_TEMPLATES
from .figure import sample_template
from .sampler import TEMPLATES

QUANTILES = (0.01, 0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.99)


def cmu_poses(root: Path, stride: int = CMU_STRIDE) -> np.ndarray:
    """(N, 24, 3) axis-angle: every stride-th frame of every CMU motion, retargeted."""
    skeleton = cmu.load_skeleton(root)
    neutral = cmu.neutral_head(root, skeleton)
    return np.concatenate([cmu.retarget(cmu.read_frames(m.path)[::stride], skeleton, neutral)
                           for m in cmu.list_motions(root)])


def template_poses(draws: int, seed: int = 0) -> np.ndarray:
    """(N, 24, 3) axis-angle: `draws` draws of each sampler, posture and activity template
    (right side leading; the describer reads both sides, so mirrors add nothing)."""
    rng = np.random.default_rng(seed)
    return np.stack([sample_template(t, rng).rotvecs.astype(np.float64)
                     for t in TEMPLATES + NEW_TEMPLATES + ACTIVITIES for _ in range(draws)])


def spread(poses: np.ndarray) -> dict[str, np.ndarray]:
    """Every measured value of each quantity over the poses."""
    values: dict[str, list[float]] = defaultdict(list)
    for pose in poses:
        for name, vals in measures(pose).items():
            values[name].extend(vals)
    return {name: np.asarray(v) for name, v in values.items()}


def table(spreads: dict[str, dict[str, np.ndarray]]) -> str:
    """One row per quantity and source: count, then the QUANTILES."""
    head = f"{'quantity':<18} {'source':<9} {'n':>6} " + " ".join(
        f"{'q' + format(q * 100, 'g'):>7}" for q in QUANTILES)
    rows = [head]
    for name in next(iter(spreads.values())):
        for source, values in spreads.items():
            v = values[name]
            qs = np.quantile(v, QUANTILES) if v.size else np.full(len(QUANTILES), np.nan)
            rows.append(f"{name:<18} {source:<9} {v.size:>6} "
                        + " ".join(f"{q:>7.3f}" for q in qs))
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cmu-root", type=Path, default=cmu.default_cmu_root())
    parser.add_argument("--cmu-stride", type=int, default=CMU_STRIDE)
    parser.add_argument("--draws", type=int, default=8, help="draws of each template")
    args = parser.parse_args(argv)
    if args.cmu_stride < 1 or args.draws < 1:
        parser.error("--cmu-stride and --draws must be at least 1")
    if not (args.cmu_root / "skeleton.json").is_file():
        parser.error(f"{args.cmu_root}: no CMU data (skeleton.json) there")
    sources = {"cmu": cmu_poses(args.cmu_root, args.cmu_stride),
               "templates": template_poses(args.draws)}
    sources["all"] = np.concatenate(list(sources.values()))
    print("poses: " + ", ".join(f"{k} {len(v)}" for k, v in sources.items()))
    print(table({k: spread(v) for k, v in sources.items()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
