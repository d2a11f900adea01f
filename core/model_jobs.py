"""The add-on's side of `models list` and `models download`: run them in the worker's Python
(Blender's own has no huggingface_hub) and read their JSON output. Stdlib only.

A download runs as its own process so that Cancel is a plain kill: the files already written
stay, and the next download of the same model resumes from them.
"""
from __future__ import annotations

import json
import os
import subprocess
import threading

from .protocol import PROGRESS

LIST_TIMEOUT_S = 120.0


class ModelJobError(RuntimeError):
    """A models command failed; the message is its own error line."""


def _command(python: str, pythonpath: str | os.PathLike, *args: str) -> tuple[list[str], dict]:
    env = dict(os.environ, PYTHONPATH=str(pythonpath), PYTHONUNBUFFERED="1", HF_HUB_OFFLINE="0")
    env.pop("PYTHONHOME", None)  # Blender's own Python home must not leak into the venv's
    return [python, "-m", "posegpt_blender", "models", *args], env


def _error_line(stderr: str, code: int) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    errors = [line[len("error: "):] for line in lines if line.startswith("error: ")]
    return errors[-1] if errors else (lines[-1] if lines else f"exit code {code}")


def list_models(python: str, pythonpath: str | os.PathLike) -> dict:
    """`models list --json`: {"models_dir", "models": [{name, kind, path, disk_gb, parameters,
    gpu_gb}]}."""
    return _answer(python, pythonpath, "list", "--json")


def _answer(python: str, pythonpath: str | os.PathLike, *args: str) -> dict:
    """The JSON a short `models ARGS` command prints (within LIST_TIMEOUT_S)."""
    cmd, env = _command(python, pythonpath, *args)
    try:
        done = subprocess.run(cmd, cwd=str(pythonpath), env=env, capture_output=True, text=True,
                              timeout=LIST_TIMEOUT_S, stdin=subprocess.DEVNULL,
                              creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ModelJobError(f"cannot run the worker's Python '{python}' ({exc})") from exc
    if done.returncode != 0:
        raise ModelJobError(_error_line(done.stderr, done.returncode))
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError as exc:
        raise ModelJobError(f"unexpected output from models {args[0]}: "
                            f"{done.stdout[:200]!r}") from exc


def needs_text(model: dict) -> str:
    """One line: size on disk and the GPU memory each precision needs (estimates)."""
    gpu = model.get("gpu_gb") or {}
    if model.get("kind") == "default":
        return f"{model.get('disk_gb', 0):.2f} GB on disk; runs on the CPU"
    needs = ", ".join(f"{k} ~{v:g} GB" for k, v in gpu.items())
    return f"{model.get('disk_gb', 0):.1f} GB on disk; GPU memory: {needs}"


class Listing:
    """The last `models list` result as the preferences' picker shows it: one item per model,
    identified by its folder name (paths can be longer than Blender allows for identifiers)."""

    def __init__(self) -> None:
        self.data: dict = {}
        self._items: list[tuple[str, str, str]] = []  # Blender's enum items must stay referenced

    def models(self) -> list[dict]:
        return list(self.data.get("models", []))

    def items(self, current: str) -> list[tuple[str, str, str]]:
        """(identifier, label, description) per model; the current --model is kept as "current"
        when it is not in the listing (a folder chosen by path, or not listed yet)."""
        items = [(m["name"], f"{m['name']} ({m['kind']})", needs_text(m)) for m in self.models()]
        if not items:
            items = [("default", "default (default)", "The embedded PoseGPT-mini; runs on the CPU")]
        if current and self.identifier(current) is None and current != "default":
            items.append(("current", f"{current}", "A model folder chosen by path"))
        self._items[:] = items
        return self._items

    def identifier(self, path: str) -> str | None:
        return next((m["name"] for m in self.models() if m["path"] == path), None)

    def path(self, identifier: str) -> str | None:
        if identifier == "default":
            return "default"
        return next((m["path"] for m in self.models() if m["name"] == identifier), None)

    def needs(self, path: str) -> str:
        return next((needs_text(m) for m in self.models() if m["path"] == path), "")


LISTING = Listing()


class Active:
    """The running or last download (one at a time), for the preferences and for scripts."""

    job: "DownloadJob | None" = None


ACTIVE = Active()


class DownloadJob:
    """`models download NAME --accept-licence --progress-json` in the background."""

    def __init__(self, python: str, pythonpath: str | os.PathLike, name: str) -> None:
        self.name = name
        self.state = "running"  # running, done, failed, cancelled
        self.stage, self.done, self.total = "starting", 0, 0
        self.model = ""  # the model being fetched (ChatPose fetches its CLIP tower first)
        self.result = ""  # the folder `serve --model` takes, when done
        self.error = ""
        cmd, env = _command(python, pythonpath, "download", name, "--accept-licence",
                            "--progress-json")
        self._lock = threading.Lock()
        try:
            self._proc = subprocess.Popen(
                cmd, cwd=str(pythonpath), env=env, stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                errors="replace", creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
        except OSError as exc:
            raise ModelJobError(f"cannot run the worker's Python '{python}' ({exc})") from exc
        self._stderr: list[str] = []
        self._err_reader = threading.Thread(target=self._read_stderr, daemon=True)
        self._err_reader.start()
        self._reader = threading.Thread(target=self._read_stdout, daemon=True)
        self._reader.start()

    @property
    def fraction(self) -> float:
        return min(1.0, self.done / self.total) if self.total else 0.0

    def status(self) -> str:
        """One line for Blender's status bar."""
        if self.state == "running":
            if self.stage == "download":
                return (f"PoseGPT: downloading {self.model} {self.fraction * 100:.0f}% "
                        f"({self.done / 1e9:.2f} of {self.total / 1e9:.2f} GB) - Esc cancels")
            return f"PoseGPT: {self.stage} {self.model or self.name} - Esc cancels"
        if self.state == "failed":
            return f"PoseGPT: download of {self.name} failed: {self.error}"
        return f"PoseGPT: download of {self.name} {self.state}"

    def cancel(self) -> None:
        """Stop the download; what is on disk stays and the next download resumes from it."""
        with self._lock:
            if self.state != "running":
                return
            self.state = "cancelled"
        self._proc.kill()
        self._proc.wait()

    def wait(self, timeout: float | None = None) -> str:
        self._reader.join(timeout)
        return self.state

    def _read_stdout(self) -> None:
        last = ""
        for line in self._proc.stdout:
            line = line.rstrip("\n")
            if line.startswith(PROGRESS + " "):
                try:
                    info = json.loads(line[len(PROGRESS) + 1:])
                except json.JSONDecodeError:
                    continue
                self.stage = info.get("stage", self.stage)
                self.model = info.get("model", self.model)
                if "total" in info:
                    self.done, self.total = int(info.get("done", 0)), int(info["total"])
            elif line.strip():
                last = line.strip()
        code = self._proc.wait()
        self._err_reader.join(5)
        with self._lock:
            if self.state == "cancelled":
                return
            if code == 0:
                self.result, self.state = last, "done"
            else:
                self.error, self.state = _error_line("\n".join(self._stderr), code), "failed"

    def _read_stderr(self) -> None:
        for line in self._proc.stderr:
            self._stderr.append(line.rstrip("\n"))
            del self._stderr[:-50]


def licence(python: str, pythonpath: str | os.PathLike, name: str) -> dict:
    """`models licence NAME`: {"repo_id", "text", "accepted"} for the model and what it needs."""
    return _answer(python, pythonpath, "licence", name)
