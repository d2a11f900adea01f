"""The extension zip built by tools/build_extension.py with Blender's own tool (no bpy import)."""
from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile

import blender_env
from conftest import REPO_ROOT


def test_manifest_follows_blenders_rules() -> None:
    manifest = tomllib.loads((REPO_ROOT / "blender_manifest.toml").read_text())
    assert (manifest["id"], manifest["schema_version"], manifest["type"]) == (
        "posegpt", "1.0.0", "add-on")
    assert manifest["blender_version_min"] == "4.2.0"
    assert manifest["license"] == ["SPDX:GPL-3.0-or-later"]
    for text in [manifest["tagline"], *manifest["permissions"].values()]:
        assert len(text) <= 64 and not text.endswith("."), text
    assert set(manifest["permissions"]) == {"network", "files"}


def test_zip_holds_the_add_on_and_the_worker_and_no_dev_files(tmp_path) -> None:
    zip_path = blender_env.build_zip(tmp_path)
    assert zip_path.name == "posegpt-0.1.0.zip"
    with zipfile.ZipFile(zip_path) as zf:
        names = set(zf.namelist())
    for needed in ("blender_manifest.toml", "__init__.py", "preferences.py",
                   "operators/__init__.py", "panels/__init__.py", "rig/posing.py",
                   "core/pose.py", "core/client.py", "core/worker_process.py",
                   "posegpt_blender/__main__.py", "posegpt_blender/serve/server.py"):
        assert needed in names, needed
    weights = {p.relative_to(REPO_ROOT).as_posix()
               for p in (REPO_ROOT / "posegpt_blender" / "weights").rglob("*") if p.is_file()}
    assert weights and weights <= names
    for name in names:
        top = name.split("/", 1)[0]
        assert top not in {"tests", "tools", "docs", "bench", ".venv", "dist", "out", ".cache",
                           ".ci", "Makefile", "requirements.txt"} and "__pycache__" not in name
        assert not top.startswith(".git"), name
    # Blender's validator accepts the built archive too.
    sys.path.insert(0, str(REPO_ROOT / "tools"))
    from build_extension import blender_ext_tool
    done = subprocess.run([sys.executable, str(blender_ext_tool()), "validate", str(zip_path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
