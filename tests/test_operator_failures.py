"""Every operator fails one way, through operator_base.PoseGPTOperator (read from the source
with ast; the Blender tests check the behaviour: the report, and the scene unchanged)."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted([*(ROOT / "operators").glob("*.py"), *(ROOT / "retarget").glob("*.py")])


def classes() -> dict[str, list[str]]:
    """Each class of the operator modules: the names of its bases."""
    found = {}
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                found[node.name] = [b.id if isinstance(b, ast.Name) else ast.unparse(b)
                                    for b in node.bases]
    return found


def test_every_operator_derives_from_the_base() -> None:
    bases = classes()

    def guarded(name: str) -> bool:
        return name == "PoseGPTOperator" or any(guarded(b) for b in bases.get(name, []))

    operators = [name for name in bases if name.startswith("POSEGPT_OT_")]
    assert len(operators) >= 19
    assert not [name for name in operators if not guarded(name)]


def test_only_the_base_reports_errors() -> None:
    """An ERROR report and its {"CANCELLED"} are written once, in operator_base.fail()."""
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        assert 'report({"ERROR"}' not in text, path.name
