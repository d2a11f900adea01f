"""The package's import graph, read from the source (ast; nothing is imported): no circles, and no
import from a lower layer to a higher one, so that the folder list stays the architecture.

Layers, low to high (docs/ARCHITECTURE.md draws them); a module may import its own layer, a lower one of its own side, or `core`:
the add-on (bpy) side and the worker side never import each other.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("core", "operators", "panels", "rig", "retarget", "posegpt_blender")
ADDON = "__init__"  # the extension's own package root (the repository root's __init__.py)

# (side, layer, module prefixes); a module belongs to its longest matching prefix.
LAYERS = [
    ("shared", "core: numpy + stdlib, both sides", ["core"]),
    ("blender", "rig", ["rig"]),
    ("blender", "operator base", ["operator_base"]),
    ("blender", "retarget", ["retarget"]),
    ("blender", "preferences", ["preferences"]),
    ("blender", "status the panels draw", ["status"]),
    ("blender", "panels", ["panels"]),  # below the operators: panels never import them
    ("blender", "operators", ["operators"]),
    ("blender", "add-on root", [ADDON]),
    # The worker's package root holds only its entry (below) and helpers the rooms share; every
    # module there is named here by itself, so a new one goes into the room of its job.
    ("worker", "package root: progress bars, headless Blender",
     ["posegpt_blender", "posegpt_blender.progress", "posegpt_blender.headless"]),
    ("worker", "body", ["posegpt_blender.body"]),
    ("worker", "data", ["posegpt_blender.data"]),
    ("worker", "model parts", ["posegpt_blender.models.base", "posegpt_blender.models.markers",
                               "posegpt_blender.models.pose_head",
                               "posegpt_blender.models.posegpt_chat",
                               "posegpt_blender.models.text_pose",
                               "posegpt_blender.models.pose_prior",
                               "posegpt_blender.models.npz_weights",
                               "posegpt_blender.models.quantize",
                               "posegpt_blender.models.chatpose_import"]),
    ("worker", "understanding", ["posegpt_blender.understanding"]),
    ("worker", "models: served, and the model store", ["posegpt_blender.models"]),
    ("worker", "evaluation", ["posegpt_blender.evaluation"]),
    ("worker", "training", ["posegpt_blender.training"]),
    ("worker", "serve", ["posegpt_blender.serve"]),
    ("worker", "bench", ["posegpt_blender.bench"]),  # times the server's own decoding
    ("worker", "command line", ["posegpt_blender.cli", "posegpt_blender.__main__"]),
]
# Third-party imports each side may not make.
FORBIDDEN = {"worker": {"bpy", "mathutils", "bmesh", "addon_utils"},
             "blender": {"torch", "transformers", "fastapi", "uvicorn"}}
# What core may import besides the standard library (certifi: optional, Blender's Python has it).
CORE_MAY_IMPORT = {"numpy", "certifi"}


def module_files() -> dict[str, Path]:
    """Every module of the extension by dotted name (the repository root's files at the top)."""
    files = {path.stem: path for path in ROOT.glob("*.py")} | {ADDON: ROOT / "__init__.py"}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            files[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return files


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules name imports anywhere in its file (deferred imports too): the extension's
    modules by dotted name, others by their top-level name."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    if name == ADDON:
        package = ""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".") if package else []
                base = base[:len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            for alias in node.names:  # `from pkg import mod` imports the module pkg.mod
                sub = f"{module}.{alias.name}" if module else alias.name
                found.add(sub if sub in known else module or ADDON)
    return {m if m in known else m.split(".")[0] for m in found}


GRAPH = {name: imports(name, path, set(module_files())) for name, path in module_files().items()}


def layer_of(module: str) -> tuple[int, str, str]:
    """(rank, side, layer name) of one of the extension's modules."""
    best = max(((len(prefix), rank) for rank, (_, _, prefixes) in enumerate(LAYERS)
                for prefix in prefixes if module == prefix or module.startswith(prefix + ".")),
               default=None)
    if best is None:
        raise AssertionError(f"{module} is in no layer: add it to LAYERS in {__file__}")
    side, layer, _ = LAYERS[best[1]]
    return best[1], side, layer


def test_every_module_has_a_layer() -> None:
    for module in GRAPH:
        layer_of(module)


def test_the_worker_root_lists_rooms_not_modules() -> None:
    """A module directly in posegpt_blender/ has its own entry in LAYERS (the package's own prefix
    would otherwise take it in silently): the root keeps its entry and shared helpers only."""
    named = {prefix for _, _, prefixes in LAYERS for prefix in prefixes}
    loose = sorted(m for m, path in module_files().items()
                   if path.parent == ROOT / "posegpt_blender" and m not in named)
    assert not loose, f"{loose} stand in posegpt_blender/ itself: move them into a room"


def test_no_import_circle() -> None:
    """Tarjan's strongly connected components: any with two or more modules is a circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in GRAPH[v] & GRAPH.keys():
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = stack[stack.index(v):]
            del stack[stack.index(v):]
            if len(component) > 1:
                circles.append(sorted(component))

    for module in GRAPH:
        if module not in index:
            visit(module)
    assert not circles, f"import circles: {circles}"


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_imports_only_downward(module: str) -> None:
    rank, side, layer = layer_of(module)
    wrong = []
    for target in sorted(GRAPH[module]):
        if target in GRAPH:
            t_rank, t_side, t_layer = layer_of(target)
            if t_side not in ("shared", side) or t_rank > rank:
                wrong.append(f"{target} ({t_side}: {t_layer})")
        elif target in FORBIDDEN.get(side, ()) or (side == "shared" and target not in
                                                          CORE_MAY_IMPORT | sys.stdlib_module_names):
            wrong.append(f"{target} (not for the {side} side)")
    assert not wrong, f"{module} ({side}: {layer}) imports upward or across: {', '.join(wrong)}"
