"""Video jobs of the worker: a clip runs for seconds to minutes on the model thread, so the
client starts it, polls its progress and may cancel it (routes in server.py)."""
from __future__ import annotations

import concurrent.futures
import os
import secrets
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_VIDEO_JOBS = 4  # kept at once (running, waiting, or finished and not yet fetched)


@dataclass
class VideoJob:
    """One clip: its temporary file, progress (0..1), cancel flag, and the model's future."""

    id: str
    path: Path
    progress: float = 0.0
    cancelled: bool = False
    future: concurrent.futures.Future | None = None

    def report(self, fraction: float) -> bool:
        """The estimator's progress callback: False asks it to stop."""
        self.progress = float(fraction)
        return not self.cancelled

    def finish(self, _future: Any = None) -> None:
        self.path.unlink(missing_ok=True)


class VideoJobs:
    """The worker's video jobs by id (a random token: ids are not guessable)."""

    def __init__(self) -> None:
        self._jobs: dict[str, VideoJob] = {}
        self._lock = threading.Lock()

    def new(self, data: bytes) -> VideoJob | None:
        """A job holding data in a temporary file; None when MAX_VIDEO_JOBS are still running
        or waiting (finished jobs nobody fetched make room, oldest first)."""
        with self._lock:
            for old in [j for j in self._jobs.values() if j.future and j.future.done()]:
                if len(self._jobs) < MAX_VIDEO_JOBS:
                    break
                del self._jobs[old.id]
            if len(self._jobs) >= MAX_VIDEO_JOBS:
                return None
            fd, name = tempfile.mkstemp(prefix="posegpt_video_", suffix=".video")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            job = VideoJob(secrets.token_hex(12), Path(name))
            self._jobs[job.id] = job
            return job

    def get(self, job_id: str) -> VideoJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    def drop(self, job_id: str) -> None:
        """Forget a job (its file goes when its model call ends, or now if it never ran)."""
        with self._lock:
            job = self._jobs.pop(job_id, None)
        if job is not None:
            job.cancelled = True
            if job.future is None or job.future.cancel() or job.future.done():
                job.finish()
