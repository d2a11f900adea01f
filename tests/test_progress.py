"""Long command-line jobs show a progress bar with an ETA on a terminal, and --quiet drops their
log lines: the real train-default command (a short run on the small data set) in a
pseudo-terminal, as a user at a shell sees it."""
from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import sys
import termios
from pathlib import Path

import pytest

from conftest import REPO_ROOT

RUN_TIMEOUT_S = 300


def run_in_terminal(*args: str) -> str:
    """`python -m posegpt_blender ARGS` on a 120-column pseudo-terminal; all it printed
    (bounded by RUN_TIMEOUT_S through the child's own alarm)."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: its stdout and stderr are the terminal
        os.chdir(REPO_ROOT)
        os.environ["PYTHONPATH"] = str(REPO_ROOT)
        import signal
        signal.alarm(RUN_TIMEOUT_S)
        os.execv(sys.executable, [sys.executable, "-m", "posegpt_blender", *args])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 120, 0, 0))
    out = bytearray()
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, out.decode(errors="replace")[-3000:]
    return out.decode(errors="replace")


@pytest.fixture(scope="module")
def small_run(tmp_path_factory) -> list[str]:
    out: Path = tmp_path_factory.mktemp("trained")
    return ["train-default", "--size", "small", "--steps", "40", "--composites", "20",
            "--eval-items", "0", "--threads", "1", "--out", str(out)]


def test_train_default_shows_a_bar_with_eta_and_its_logs(small_run) -> None:
    text = run_in_terminal(*small_run)
    # tqdm's line: "train-default: 100%|███| 40/40 [00:03<00:00, 11.5step/s]"
    assert re.search(r"train-default: +\d+%\|.*\| *\d+/40 \[\d\d:\d\d<\d\d:\d\d", text), text
    assert "40/40" in text
    assert "clauses:" in text  # the log lines, above the bar
    assert '"final_loss"' in text


def test_quiet_keeps_the_bar_and_the_result_and_drops_the_logs(small_run) -> None:
    text = run_in_terminal(*small_run[:1], "--quiet", *small_run[1:])
    assert "40/40" in text and '"final_loss"' in text
    assert "clauses:" not in text and "CMU:" not in text
