"""Progress bars with an ETA for the long command-line jobs (train-default, train, bench,
render-data, models download), and --quiet for their logs.

Bars go to stderr and only to a terminal (tqdm's disable=None), so captured output and CI logs
carry no carriage-return noise; log lines are written above a running bar. --quiet keeps the
bar and the results and drops the logs.
"""
from __future__ import annotations

import logging
import sys
from typing import Iterable, TypeVar

from tqdm import tqdm

QUIET_FLAG = "--quiet"
T = TypeVar("T")

_quiet = False


class _AboveTheBar(logging.Handler):
    """Log records written with tqdm.write, so a running bar is redrawn below them."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            tqdm.write(self.format(record), file=sys.stderr)
        except Exception:  # noqa: BLE001 - logging must never raise into the job
            self.handleError(record)


def take_quiet_flag(argv: list[str]) -> list[str]:
    """argv without --quiet (any position); logging set up for the job: INFO, or WARNING when
    --quiet was given."""
    global _quiet
    _quiet = QUIET_FLAG in argv
    handler = _AboveTheBar()
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING if _quiet else logging.INFO)
    return [a for a in argv if a != QUIET_FLAG]


def quiet() -> bool:
    return _quiet


def say(message: str) -> None:
    """A log line for the user (stderr, above any bar); nothing with --quiet."""
    if not _quiet:
        tqdm.write(message, file=sys.stderr)


def bar(iterable: Iterable[T] | None = None, *, total: float | None = None, desc: str = "",
        unit: str = "it", unit_scale: bool = False, disable: bool = False) -> tqdm:
    """A tqdm bar with rate and ETA on stderr (hidden when stderr is not a terminal, or when
    disable is set)."""
    return tqdm(iterable, total=total, desc=desc, unit=unit, unit_scale=unit_scale,
                file=sys.stderr, dynamic_ncols=True, disable=True if disable else None,
                mininterval=0.5)
