"""A Gaussian prior over body-joint rotations, fitted on retargeted CMU motion capture.

Rebuild the shipped file with `python -m posegpt_blender.models.pose_prior` (from the repository
root, with ../shared/data present). The global orientation is left free (the camera decides it)
and the hand joints 22-23 are left out: they have no child joint, so nothing constrains them.
"""
from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.skeleton import NUM_BODY_JOINTS
from .npz_weights import read_npz

DEFAULT_PRIOR_PATH = Path(__file__).resolve().parents[1] / "weights" / "default" / "pose_prior.npz"
PRIOR_JOINTS = slice(1, NUM_BODY_JOINTS)  # joints 1..21
PRIOR_DIM = 3 * (NUM_BODY_JOINTS - 1)
# Ridge added to the covariance (rad^2): keeps rare but possible poses (sitting, kneeling are
# absent from the CMU actions) affordable instead of forbidden.
_RIDGE = 0.01


@dataclass(frozen=True)
class PosePrior:
    """Gaussian N(mean, cov) over the 63 axis-angle values of joints 1..21."""

    mean: np.ndarray       # (63,)
    whitener: np.ndarray   # (63, 63) W with W^T W = cov^-1, so energy = |W (x - mean)|^2
    frames: int            # how many poses it was fitted on

    @classmethod
    def fit(cls, rotvecs: np.ndarray) -> "PosePrior":
        """Fit on (N, 24, 3) poses."""
        x = np.asarray(rotvecs, np.float64)[:, PRIOR_JOINTS].reshape(len(rotvecs), PRIOR_DIM)
        mean = x.mean(axis=0)
        cov = np.cov(x, rowvar=False) + _RIDGE * np.eye(PRIOR_DIM)
        chol = np.linalg.cholesky(np.linalg.inv(cov))  # cov^-1 = L L^T -> W = L^T
        return cls(mean=mean, whitener=chol.T.copy(), frames=len(x))

    @classmethod
    def load(cls, path: Path | None = None) -> "PosePrior":
        path = DEFAULT_PRIOR_PATH if path is None else Path(path)
        npz = read_npz(path, "pose prior", "python -m posegpt_blender.models.pose_prior")
        mean, whitener, frames = npz["mean"], npz["whitener"], int(npz["frames"])
        if mean.shape != (PRIOR_DIM,) or whitener.shape != (PRIOR_DIM, PRIOR_DIM):
            raise ValueError(f"{path}: expected mean ({PRIOR_DIM},) and whitener "
                             f"({PRIOR_DIM}, {PRIOR_DIM}), got {mean.shape}, {whitener.shape}")
        return cls(mean=mean, whitener=whitener, frames=frames)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, mean=self.mean.astype(np.float32),
                            whitener=self.whitener.astype(np.float32), frames=self.frames)

    def mean_pose(self) -> np.ndarray:
        """(24, 3) the prior's mean pose (identity global orientation and hands)."""
        out = np.zeros((24, 3))
        out[PRIOR_JOINTS] = self.mean.reshape(-1, 3)
        return out

    def energy(self, rotvecs: np.ndarray) -> np.ndarray:
        """(B, 24, 3) -> (B,) squared Mahalanobis distance divided by the dimension."""
        x = np.asarray(rotvecs)[:, PRIOR_JOINTS].reshape(len(rotvecs), PRIOR_DIM)
        return np.square((x - self.mean) @ self.whitener.T).sum(-1) / PRIOR_DIM


def cmu_train_rotations(cmu_root: Path | None = None, stride: int = 4) -> np.ndarray:
    """(N, 24, 3) retargeted poses of the CMU train split, every `stride`-th frame."""
    from posegpt_blender.data import cmu  # only the builder needs the data code

    root = cmu.default_cmu_root() if cmu_root is None else Path(cmu_root)
    skeleton = cmu.load_skeleton(root)
    motions = [m for m in cmu.list_motions(root) if m.split == "train"]
    if not motions:
        raise FileNotFoundError(f"{root}: no CMU train motions found")
    return np.concatenate([cmu.retarget(cmu.read_frames(m.path)[::stride], skeleton)
                           for m in motions])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cmu-root", type=Path, default=None)
    parser.add_argument("--stride", type=int, default=4)
    parser.add_argument("--out", type=Path, default=DEFAULT_PRIOR_PATH)
    args = parser.parse_args(argv)
    prior = PosePrior.fit(cmu_train_rotations(args.cmu_root, args.stride))
    prior.save(args.out)
    print(f"wrote {args.out} ({prior.frames} CMU train frames)")


if __name__ == "__main__":
    main()
