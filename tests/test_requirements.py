"""The requirement files kept in step: the worker's own (what Install Worker gives users),
the development ones that include it, and the bpy 4.2 LTS test venv's; all match the venv the
tests run in, and the worker's pins cover every package the worker's code imports."""
from __future__ import annotations

import ast
import importlib.metadata as md
import re
import sys
from pathlib import Path

from conftest import REPO_ROOT


def pins(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            name, _, version = line.partition("==")
            assert version, f"{path.name}: '{line}' is not pinned"
            found[re.sub(r"[-_.]+", "-", name).lower()] = version
    return found


WORKER = pins(REPO_ROOT / "requirements-worker.txt")
DEV = pins(REPO_ROOT / "requirements.txt")
BPY42 = pins(REPO_ROOT / "requirements-bpy42.txt")


def test_the_development_requirements_include_the_workers_and_pin_nothing_twice() -> None:
    text = (REPO_ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert "-r requirements-worker.txt" in text.splitlines()
    assert not set(WORKER) & set(DEV)
    assert {"bpy", "pytest", "hypothesis"} <= set(DEV)
    assert not {"bpy", "pytest", "hypothesis"} & set(WORKER)


def test_the_bpy42_venv_pins_agree_with_the_others() -> None:
    assert BPY42["bpy"].startswith("4.2.")
    both = {**WORKER, **DEV}
    assert {name: v for name, v in BPY42.items() if name != "bpy"} == \
        {name: both[name] for name in BPY42 if name != "bpy"}


def test_this_venv_runs_the_pinned_versions() -> None:
    expected = {**WORKER, **DEV}
    installed = {re.sub(r"[-_.]+", "-", d.metadata["Name"]).lower(): d.version
                 for d in md.distributions()}
    wrong = {name: (v, installed.get(name)) for name, v in expected.items()
             if installed.get(name, "").split("+")[0] != v}
    assert not wrong, f"installed versions differ from the pins: {wrong}"


def _imported_top_level(folder: Path) -> set[str]:
    """Top-level modules imported, less optional ones (inside `try: ... except ImportError`)."""
    names = set()
    for path in folder.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        optional = {id(inner) for node in ast.walk(tree) if isinstance(node, ast.Try)
                    and any(h.type is not None and "ImportError" in ast.unparse(h.type)
                            for h in node.handlers)
                    for stmt in node.body for inner in ast.walk(stmt)}
        for node in ast.walk(tree):
            if id(node) in optional:
                continue
            if isinstance(node, ast.Import):
                names.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names


def test_every_package_the_worker_imports_is_in_its_requirements() -> None:
    local = {"posegpt_blender", "core", "body_model"}
    third_party = {n for n in _imported_top_level(REPO_ROOT / "posegpt_blender")
                   | _imported_top_level(REPO_ROOT / "core")
                   if n not in sys.stdlib_module_names and n not in local}
    providers = md.packages_distributions()
    missing = {}
    for module in sorted(third_party):
        dists = {re.sub(r"[-_.]+", "-", d).lower() for d in providers.get(module, [])}
        if not dists & set(WORKER):
            missing[module] = dists or "not installed"
    assert not missing, f"the worker imports these, requirements-worker.txt lacks them: {missing}"
