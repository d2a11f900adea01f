"""`python -m posegpt_blender bench --quick`: the whole benchmark, small, so it cannot rot.

Real everything: the CLI, the default model, a worker process on loopback, bpy renders and
the Blender operators in a subprocess.
"""
from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import default_model_missing

ROOT = Path(__file__).resolve().parents[1]
QUICK_TIMEOUT_S = 600  # a bound on a hung run; its speed is the bench's to report


def _numbers(value) -> list:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return []
    if isinstance(value, (int, float)):
        return [value]
    if isinstance(value, dict):
        return [n for v in value.values() for n in _numbers(v)]
    return [n for v in value for n in _numbers(v)]


def test_quick_bench_writes_report_and_finite_results(tmp_path: Path) -> None:
    reason = default_model_missing()
    if reason:
        pytest.skip(f"the benchmark scores the trained default model: {reason}")
    out = tmp_path / "bench"
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    done = subprocess.run([sys.executable, "-m", "posegpt_blender", "bench", "--quick",
                           "--out", str(out)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=QUICK_TIMEOUT_S)
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]

    results = json.loads((out / "results.json").read_text())
    assert results["errors"] == {}
    for section in ("text", "requests", "image", "pck", "speed", "blender", "gallery"):
        assert results.get(section), section
    numbers = _numbers({k: results[k] for k in ("text", "image", "pck", "speed", "blender")})
    assert numbers and all(math.isfinite(n) for n in numbers)
    heldout, kind = results["text"]["heldout"], results["text"]["kind"]
    for result, methods in ((heldout, ("model", "mean_pose", "retrieval", "clause_lookup")),
                            (kind, ("model", "mean_pose", "retrieval", "clause_lookup"))):
        for method in methods:
            assert result[method]["mpjpe_mm"] > 0 and result[method]["pa_mpjpe_mm"] > 0
    # The reported baseline is the strongest of the three.
    assert heldout["baseline"] == min(("mean_pose", "retrieval", "clause_lookup"),
                                      key=lambda b: heldout[b]["mpjpe_mm"])
    assert 0 < heldout["items"] <= heldout["looked_at"] <= heldout["cmu_test_poses"]
    speed = results["speed"]
    assert speed["cold_start_s"]["ready"] >= speed["cold_start_s"]["listening"] > 0
    assert [t["clients"] for t in speed["throughput"]] == [1, 4, 8]
    assert speed["peak_rss_mb"] > 50
    assert all("error" not in speed[k] for k in ("text", "image_512", "image_1024"))
    load = speed["mixed_load"]  # 16 clients of mixed requests, latency per kind
    assert load["errors"] == 0 and set(load["latency_ms"]) == {"text", "describe", "health",
                                                               "image"}
    assert results["blender"]["latency_errors"] == {}
    assert results["image"]["all"]["images"] >= 2
    assert len(results["gallery"]) >= 1 and results["blender"]["latency_s"]["text"]

    report = (out / "REPORT.md").read_text()
    for heading in ("Text -> pose, truly held-out", "The old protocol",
                    "Requests as people type them", "Image -> pose", "Speed", "Mixed load",
                    "Gallery"):
        assert heading in report
    for png in ("accuracy.png", "latency.png", "gallery.png"):
        assert (out / png).stat().st_size > 1000, png
        assert f"]({png})" in report
