"""Build dist/posegpt-<version>.zip with Blender's own extension tool (shipped inside bpy).

Validates the manifest first, builds, then checks the zip holds what the add-on needs at run
time (the worker's code and weights) and nothing from the development tree.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REQUIRED = ("blender_manifest.toml", "__init__.py", "core/pose.py", "core/client.py",
            "posegpt_blender/__main__.py", "posegpt_blender/serve/server.py",
            "posegpt_blender/weights/", "requirements-worker.txt")
FORBIDDEN = ("tests/", "tools/", ".venv", "dist/", "docs/", "Makefile", ".git",
             "requirements.txt", "requirements-bpy42.txt")


def blender_ext_tool() -> Path:
    """blender_ext.py inside the installed bpy wheel."""
    import importlib.util

    spec = importlib.util.find_spec("bpy")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("error: bpy is not installed in this Python; run `make` to create .venv")
    found = sorted(Path(next(iter(spec.submodule_search_locations))).glob(
        "*/scripts/addons_core/bl_pkg/cli/blender_ext.py"))
    if not found:
        sys.exit("error: Blender's extension tool (bl_pkg/cli/blender_ext.py) is not in bpy")
    return found[-1]


def build(output_dir: Path) -> Path:
    """Validate and build; returns the zip's path."""
    manifest = tomllib.loads((ROOT / "blender_manifest.toml").read_text(encoding="utf-8"))
    zip_path = output_dir / f"{manifest['id']}-{manifest['version']}.zip"
    tool = blender_ext_tool()
    for args in (["validate", str(ROOT)],
                 ["build", "--source-dir", str(ROOT), "--output-filepath", str(zip_path)]):
        done = subprocess.run([sys.executable, str(tool), *args], capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"error: blender_ext {args[0]} failed:\n{done.stdout}{done.stderr}")
    with zipfile.ZipFile(zip_path) as zf:
        names = zf.namelist()
    missing = [r for r in REQUIRED if not any(n.startswith(r) for n in names)]
    leaked = sorted({n for n in names for f in FORBIDDEN if n.startswith(f)})
    if missing or leaked:
        sys.exit(f"error: {zip_path} is wrong: missing {missing}, should not hold {leaked[:10]}")
    return zip_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", type=Path, default=ROOT / "dist")
    args = parser.parse_args(argv)
    args.output_dir.mkdir(parents=True, exist_ok=True)
    zip_path = build(args.output_dir.resolve())
    print(f"built {zip_path} ({zip_path.stat().st_size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
