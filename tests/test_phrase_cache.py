"""The lexicon's phrase embeddings on disk: computed once, read back equal, never stale."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from posegpt_blender.models.text_pose import ClauseReader
from posegpt_blender.understanding import phrase_cache
from posegpt_blender.understanding.lexicon import ActivityLexicon


@pytest.fixture(scope="module")
def reader() -> ClauseReader:
    return ClauseReader(32)


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("POSEGPT_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_second_lexicon_reads_the_first_ones_embeddings(reader: ClauseReader, cache: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    first = ActivityLexicon(reader)
    keys = first.keys()
    files = list(cache.glob("lexicon-*.npy"))
    assert len(files) == 1 and not list(cache.glob("*.tmp"))

    second = ActivityLexicon(reader)
    embed = second.embed
    monkeypatch.setattr(second, "embed", lambda texts: embed(texts) if len(texts) == 1
                        else pytest.fail("recomputed the cached phrases"))
    assert torch.equal(second.keys(), keys)
    match = second.match("swinging a golf club")
    assert match is not None and "golf" in match.template.name


def test_damaged_or_misshapen_cache_is_not_trusted(cache: Path) -> None:
    path = cache / "lexicon-x.npy"
    path.write_bytes(b"\x93NUMPY not really")
    assert phrase_cache.load(path, 3) is None
    np.save(path, np.zeros((2, 384), np.float32))
    assert phrase_cache.load(path, 3) is None
    np.save(path, np.zeros((3, 384), np.float64))
    assert phrase_cache.load(path, 3) is None
    np.save(path, np.array([{"a": 1}, {}, {}], dtype=object), allow_pickle=True)
    assert phrase_cache.load(path, 3) is None  # never unpickled
    np.save(path, np.ones((3, 384), np.float32))
    assert phrase_cache.load(path, 3).sum() == 3 * 384


def test_other_phrases_or_weights_get_another_file(cache: Path, tmp_path: Path) -> None:
    weights = tmp_path / "model.safetensors"
    weights.write_bytes(b"one")
    a = phrase_cache.cache_path(["golf swing", "skiing"], weights)
    assert a == phrase_cache.cache_path(["golf swing", "skiing"], weights)
    assert a != phrase_cache.cache_path(["golf swing", "skiing fast"], weights)
    weights.write_bytes(b"other weights")
    assert a != phrase_cache.cache_path(["golf swing", "skiing"], weights)


def test_unwritable_cache_folder_is_no_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("")
    phrase_cache.save(blocker / "cache" / "lexicon-x.npy", np.ones((3, 384), np.float32))
    assert not (blocker / "cache").exists()
