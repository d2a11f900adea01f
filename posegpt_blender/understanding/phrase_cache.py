"""The lexicon's phrase embeddings kept on disk, so only the first start ever computes them.

Embedding the ~2,500 activity phrases takes about three seconds on two cores; a request that
needs the lexicon waits for it. The file is a plain .npy (read with allow_pickle=False),
named by a hash of the phrases and of the encoder's weights file, so a changed lexicon or a
reinstalled encoder never reads a stale one. The folder is $POSEGPT_CACHE_DIR, else the
platform's cache folder + posegpt. A cache that cannot be read or written is recomputed.
"""
from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

import numpy as np


def cache_dir() -> Path:
    """$POSEGPT_CACHE_DIR, else the platform's cache folder + posegpt."""
    if os.environ.get("POSEGPT_CACHE_DIR"):
        return Path(os.environ["POSEGPT_CACHE_DIR"]).expanduser()
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "posegpt" / "cache"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "posegpt"


def cache_path(phrases: list[str], weights: Path) -> Path:
    """The file for these phrases read by the encoder whose weights are in `weights`."""
    stat = weights.stat()
    digest = hashlib.sha256()
    digest.update(f"{weights.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    digest.update("\n".join(phrases).encode())
    return cache_dir() / f"lexicon-{digest.hexdigest()[:24]}.npy"


def load(path: Path, rows: int) -> np.ndarray | None:
    """The cached (rows, D) float32 embeddings, or None when absent, unreadable or misshapen."""
    try:
        keys = np.load(path, allow_pickle=False)
    except (OSError, ValueError):
        return None
    if keys.ndim != 2 or keys.shape[0] != rows or keys.dtype != np.float32:
        return None
    return keys


def save(path: Path, keys: np.ndarray) -> None:
    """Write keys atomically (a reader never sees half a file); a read-only disk is no error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            np.save(out, keys.astype(np.float32), allow_pickle=False)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
