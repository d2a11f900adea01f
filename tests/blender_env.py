"""The real PyPI bpy with a throwaway Blender user folder, and the built extension installed.

Import bpy only through import_bpy(): BLENDER_USER_RESOURCES must be set before bpy's first
import (once per process), so no test touches the real user configuration.
"""
from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

import pytest

from posegpt_blender.headless import build_extension as build_zip  # one build for tests and bench

REPO_ROOT = Path(__file__).resolve().parents[1]
# The Python the add-on starts its worker with: this one, or (for the Blender-side tests on
# another bpy, whose venv has no torch) the main venv's, as `make test` sets it.
WORKER_PYTHON = os.environ.get("POSEGPT_TEST_WORKER_PYTHON") or sys.executable
REPO = "user_default"
MODULE = f"bl_ext.{REPO}.posegpt"

_installed: dict[str, Path] = {}


def import_bpy() -> ModuleType:
    """bpy with its user folders in a temporary directory and online access allowed."""
    if "bpy" not in sys.modules:
        if not os.environ.get("BLENDER_USER_RESOURCES"):
            user_dir = tempfile.mkdtemp(prefix="posegpt_blender_user_")
            atexit.register(shutil.rmtree, user_dir, ignore_errors=True)
            os.environ["BLENDER_USER_RESOURCES"] = user_dir
    elif not os.environ.get("BLENDER_USER_RESOURCES"):
        raise RuntimeError("bpy was imported before tests/blender_env.import_bpy(): it would use "
                           "the real Blender user folder; import bpy through blender_env")
    import bpy

    # The add-on talks to its worker over a socket: Blender's online-access rule applies.
    bpy.context.preferences.system.use_online_access = True
    return bpy


def _imported_bpy() -> ModuleType:
    """bpy as import_bpy() left it (import_bpy() would allow online access again)."""
    return sys.modules["bpy"] if "bpy" in sys.modules else import_bpy()


def install_extension(zip_path: Path) -> str:
    """Install and enable the zip in the user_default repository; the add-on's module name."""
    bpy = import_bpy()
    import addon_utils

    result = bpy.ops.extensions.package_install_files(
        filepath=str(zip_path), repo=REPO, enable_on_install=True)
    loaded_default, loaded_state = addon_utils.check(MODULE)
    if result != {"FINISHED"} or not loaded_state:
        raise RuntimeError(f"installing {zip_path} gave {result}; {MODULE} enabled: "
                           f"{loaded_state}")
    return MODULE


def installed_extension() -> Path:
    """Build and install the extension once per process; the installed package's folder."""
    if "path" not in _installed:
        bpy = import_bpy()
        dist = tempfile.mkdtemp(prefix="posegpt_dist_")
        atexit.register(shutil.rmtree, dist, ignore_errors=True)
        install_extension(build_zip(Path(dist)))
        import importlib
        _installed["path"] = Path(importlib.import_module(MODULE).__file__).parent
        assert bpy.ops.posegpt.create_rig.get_rna_type()
    return _installed["path"]


def own_worker_prefs():
    """The add-on's preferences, reset to 'start our own worker with this Python' (the default
    model, on the CPU, not started by requests), with online access allowed."""
    bpy = _imported_bpy()
    p = bpy.context.preferences.addons[MODULE].preferences
    p.python, p.address, p.token, p.model, p.device, p.auto_start = (
        sys.executable, "", "", "default", "cpu", False)
    bpy.context.preferences.system.use_online_access = True
    return p


def new_scene_with_rig():
    """An empty scene holding one new SMPL rig (online access allowed again after reading the
    home file); the scene."""
    bpy = _imported_bpy()
    bpy.ops.wm.read_homefile(use_empty=True)
    bpy.context.preferences.system.use_online_access = True
    bpy.ops.posegpt.create_rig()
    return bpy.context.scene


def build_tiny_model(folder: Path) -> Path:
    """A tiny untrained PoseGPT checkpoint (posegpt_blender.models.tiny) in folder: a real model
    that loads in seconds, built in a subprocess to keep torch out of this process."""
    subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; from "
                    "posegpt_blender.models.tiny import build_tiny_checkpoint; "
                    "build_tiny_checkpoint(Path(sys.argv[1]))", str(folder)],
                   cwd=REPO_ROOT, check=True, capture_output=True, timeout=300)
    return folder


def expect_failure(words: str, op, **kwargs) -> None:
    """op fails with a message matching words and leaves the scene exactly as it was."""
    bpy = _imported_bpy()
    state = scene_state(bpy)
    with pytest.raises(RuntimeError, match=words):
        op(**kwargs)
    assert scene_state(bpy) == state


def keyed_fcurves(obj) -> list:
    """The F-curves keyed on obj (bpy 5.0 layered actions, or 4.x's Action.fcurves)."""
    action = obj.animation_data.action if obj.animation_data else None
    if action is None:
        return []
    if hasattr(action, "layers") and action.layers:
        return [fc for layer in action.layers for strip in layer.strips
                for bag in strip.channelbags for fc in bag.fcurves]
    return list(getattr(action, "fcurves", []))


def scene_state(bpy) -> tuple:
    """Everything a failed or cancelled request must leave alone: objects, selection, the
    active object, every pose bone's matrix, keyframes, and the conversation."""
    bpy.context.view_layer.update()  # evaluated matrices, so a render cannot look like a change
    scene = bpy.context.scene
    objects = []
    for obj in sorted(scene.objects, key=lambda o: o.name):
        bones = ()
        if obj.type == "ARMATURE":
            bones = tuple((pb.name, tuple(round(v, 7) for row in pb.matrix_basis for v in row))
                          for pb in obj.pose.bones)
        keys = tuple((fc.data_path, fc.array_index,
                      tuple(tuple(k.co) for k in fc.keyframe_points))
                     for fc in keyed_fcurves(obj))
        objects.append((obj.name, obj.select_get(), tuple(obj.matrix_world.col[3]), bones, keys))
    active = bpy.context.view_layer.objects.active
    turns = tuple((t.prompt, t.answer) for t in scene.posegpt.turns)
    return (tuple(objects), active.name if active else None, turns, scene.frame_current,
            len(bpy.data.objects), len(bpy.data.actions))


def extension_module(name: str):
    """A submodule of the installed extension, e.g. "operators.session"."""
    import importlib
    return importlib.import_module(f"{MODULE}.{name}")
