"""See an activity template's draws: joint heights above the floor (the lowest joint), metres,
one row a draw, and which of its checks in tests/test_activity_templates.py fail.

    python tools/template_draws.py bowling_release deadlift [--draws 12]
    python tools/template_draws.py --failing      # every checked template under 10 of 12
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.body_points import BodyView  # noqa: E402
from core.pose import forward_kinematics  # noqa: E402
from core.skeleton import JOINT_INDEX  # noqa: E402
from posegpt_blender.data.activities import ACTIVITIES  # noqa: E402
from posegpt_blender.data.figure import sample_template  # noqa: E402
from posegpt_blender.evaluation.judge import Check  # noqa: E402
from posegpt_blender.understanding.compose import DRAW_TRIES  # noqa: E402

COLUMNS = ("pelvis", "head", "left_wrist", "right_wrist", "left_knee", "right_knee",
           "left_ankle", "right_ankle")
SHORT = ("pelv", "head", "l_wr", "r_wr", "l_kn", "r_kn", "l_an", "r_an")


def expected() -> dict[str, tuple[str, ...]]:
    spec = importlib.util.spec_from_file_location(
        "test_activity_templates", ROOT / "tests" / "test_activity_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.EXPECTED


def draws(name: str, n: int) -> list[np.ndarray]:
    template = next(t for t in ACTIVITIES if t.name == name)
    return [sample_template(template, np.random.default_rng(seed), DRAW_TRIES).rotvecs
            for seed in range(n)]


def show(name: str, checks: tuple[str, ...], n: int) -> int:
    parsed = [Check.parse(c) for c in checks]
    print(f"{name}: " + "; ".join(checks))
    print("  seed " + " ".join(f"{s:>5}" for s in SHORT) + "  failing")
    passed = 0
    for seed, rotvecs in enumerate(draws(name, n)):
        y = forward_kinematics(rotvecs.astype(np.float64))[0][:, 1]
        y = y - y.min()
        body = BodyView(rotvecs)
        failing = [c.text() for c in parsed if not c.holds(body)]
        passed += not failing
        print(f"  {seed:4d} " + " ".join(f"{y[JOINT_INDEX[c]]:5.2f}" for c in COLUMNS)
              + "  " + ", ".join(failing))
    print(f"  {passed}/{n} pass")
    return passed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--draws", type=int, default=12)
    parser.add_argument("--failing", action="store_true")
    args = parser.parse_args()
    table = expected()
    if args.failing:
        for name, checks in table.items():
            parsed = [Check.parse(c) for c in checks]
            ok = sum(all(c.holds(BodyView(r)) for c in parsed) for r in draws(name, args.draws))
            if ok < args.draws - 2:
                print(f"{name}: {ok}/{args.draws}")
        return
    for name in args.names:
        show(name, table.get(name, ()), args.draws)


if __name__ == "__main__":
    main()
