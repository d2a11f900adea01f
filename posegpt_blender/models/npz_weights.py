"""Small numpy weights shipped beside the default model (the pose prior, the 2D-to-3D lifter):
read with pickling refused, a missing file named with the command that builds it."""
from __future__ import annotations

from pathlib import Path

import numpy as np


def read_npz(path: Path, what: str, build: str) -> dict[str, np.ndarray]:
    """Every array of the .npz at path; FileNotFoundError says how to build a missing one."""
    if not path.is_file():
        raise FileNotFoundError(f"{path}: {what} not found; build it with `{build}`")
    with np.load(path, allow_pickle=False) as npz:
        return {name: npz[name] for name in npz.files}
