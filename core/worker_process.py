"""Start, watch, stop or attach to the PoseGPT worker (stdlib only: it runs inside Blender).

The worker prints one line per milestone on stdout, which WorkerProcess reads in a thread:
protocol.LISTENING `{"host", "port"}` once its socket is bound, then protocol.READY `{...}` when
the model is loaded or protocol.FAILED `{"error"}` when it cannot be.
"""
from __future__ import annotations

import collections
import json
import os
import re
import secrets
import subprocess
import sys
import threading
import time
from pathlib import Path

from .client import WorkerClient, WorkerError
from .protocol import FAILED, LISTENING, READY, TOKEN_ENV

DISCOVERY_FILE = "worker.json"
STATES = ("stopped", "starting", "ready", "failed")


def config_dir() -> Path:
    """The user's PoseGPT config folder ($POSEGPT_CONFIG_DIR overrides it, e.g. in tests)."""
    if os.environ.get("POSEGPT_CONFIG_DIR"):
        return Path(os.environ["POSEGPT_CONFIG_DIR"])
    if sys.platform == "win32" and os.environ.get("APPDATA"):
        return Path(os.environ["APPDATA"]) / "posegpt"
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "posegpt"


def discovery_path() -> Path:
    """Where a worker with a generated token announces its address and token."""
    return config_dir() / DISCOVERY_FILE


def write_discovery(host: str, port: int, token: str, pid: int) -> Path:
    """Write the discovery file atomically, readable by this user only (0600)."""
    path = discovery_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{DISCOVERY_FILE}.{pid}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        if hasattr(os, "fchmod"):
            os.fchmod(f.fileno(), 0o600)  # the umask cannot widen it, an old file cannot either
        json.dump({"host": host, "port": port, "token": token, "pid": pid}, f)
    os.replace(tmp, path)
    return path


def read_discovery(path: Path | None = None) -> dict:
    """{"host", "port", "token", "pid", "url"} from the discovery file; WorkerError if none."""
    path = discovery_path() if path is None else Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        info = {"host": str(data["host"]), "port": int(data["port"]),
                "token": str(data["token"]), "pid": int(data["pid"])}
    except FileNotFoundError as exc:
        raise WorkerError("not_running", f"no running PoseGPT worker announced itself ({path} "
                          "does not exist). Start it from the PoseGPT panel.") from exc
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise WorkerError("bad_discovery", f"{path} is unreadable ({exc}); delete it and start "
                          "the worker again.") from exc
    host = f"[{info['host']}]" if ":" in info["host"] else info["host"]
    info["url"] = f"http://{host}:{info['port']}"
    return info


def remove_discovery(pid: int) -> None:
    """Remove the discovery file if it still names this worker (another may have replaced it)."""
    try:
        if read_discovery()["pid"] == pid:
            discovery_path().unlink()
    except (WorkerError, OSError):
        pass


class WorkerProcess:
    """One worker: started by us (start()) or already running (attach(), attach_discovered())."""

    def __init__(self, python: str, pythonpath: str | os.PathLike, model: str = "default",
                 device: str = "auto", host: str = "127.0.0.1", smpl_model: str = "",
                 quantize: str = "") -> None:
        self.python = str(python)
        self.pythonpath = str(pythonpath)
        self.model, self.device, self.host = model, device, host
        self.smpl_model = smpl_model  # the user's SMPL/SMPL-X .npz: answers carry its joints
        self.quantize = quantize  # "4bit"/"8bit": a large model loaded with bitsandbytes
        self.state = "stopped"
        self.error = ""
        self.url = ""
        self.token = ""
        self.info: dict = {}  # the READY line: model, device, load time
        self.started_at = 0.0
        self._proc: subprocess.Popen | None = None
        self._stderr: collections.deque[str] = collections.deque(maxlen=30)
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)

    @classmethod
    def attach(cls, url: str, token: str) -> "WorkerProcess":
        """A handle on a worker someone else started; stop() will not kill it."""
        worker = cls(python="", pythonpath="")
        worker.url, worker.token, worker.state = url.rstrip("/"), token, "starting"
        worker._refresh_attached(timeout=5.0)
        return worker

    @classmethod
    def attach_discovered(cls, path: Path | None = None) -> "WorkerProcess":
        """Attach to the worker named in the discovery file."""
        info = read_discovery(path)
        return cls.attach(info["url"], info["token"])

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def start(self) -> None:
        """Launch the worker; returns at once (see poll() and wait_ready())."""
        if self._proc is not None and self._proc.poll() is None:
            raise WorkerError("already_running", "the worker is already running; stop it first")
        self.token = secrets.token_urlsafe(32)
        self.state, self.error, self.url, self.info = "starting", "", "", {}
        self._stderr.clear()
        env = dict(os.environ, PYTHONPATH=self.pythonpath, **{TOKEN_ENV: self.token},
                   PYTHONUNBUFFERED="1", HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
        env.pop("PYTHONHOME", None)  # Blender's own Python home must not leak into the venv's
        cmd = [self.python, "-m", "posegpt_blender", "serve", "--host", self.host, "--port", "0",
               "--parent-pid", str(os.getpid()), "--model", self.model, "--device", self.device]
        if self.smpl_model:
            cmd += ["--smpl-model", self.smpl_model]
        if self.quantize:
            cmd += ["--quantize", self.quantize]
        self.started_at = time.monotonic()
        if not (Path(self.pythonpath) / "posegpt_blender").is_dir():
            self._fail(f"the worker code (posegpt_blender) is not in {self.pythonpath}: "
                       "reinstall the add-on.")
            return
        try:
            # cwd too: `-m` puts the working folder first on sys.path.
            self._proc = subprocess.Popen(
                cmd, cwd=self.pythonpath, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace",
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
        except OSError as exc:
            self._fail(f"cannot run the worker's Python '{self.python}' ({exc}). Set the worker "
                       "Python in the PoseGPT preferences to a Python 3.11 that has the "
                       "project's requirements (e.g. the project's .venv/bin/python).")
            return
        proc = self._proc
        threading.Thread(target=self._read_stdout, args=(proc,), daemon=True,
                         name="posegpt-worker-stdout").start()
        threading.Thread(target=self._read_stderr, args=(proc,), daemon=True,
                         name="posegpt-worker-stderr").start()

    def poll(self) -> str:
        """The current state, without blocking (for a Blender timer)."""
        with self._lock:
            if self._proc is not None and self.state in ("starting", "ready"):
                code = self._proc.poll()
                if code is not None:
                    self._fail_locked(self._exit_message(code))
        if self._proc is None and self.url and self.state == "starting":
            self._refresh_attached(timeout=0.5)
        return self.state

    def wait_ready(self, timeout: float = 300.0) -> None:
        """Block until the model is loaded; WorkerError if it fails or takes longer than timeout."""
        deadline = time.monotonic() + timeout
        while self.poll() == "starting":
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WorkerError("start_timeout", f"the worker was not ready after {timeout:g} s "
                                  f"({self.progress()}). Check the worker's Python and device.")
            with self._changed:
                self._changed.wait(min(remaining, 0.5))
        if self.state != "ready":
            raise WorkerError("start_failed", self.error or f"the worker is {self.state}")

    def progress(self) -> str:
        """A short line for the panel: what the worker is doing."""
        if self.state == "starting":
            step = "loading the model" if self.url else "starting Python"
            return f"{step} ({time.monotonic() - self.started_at:.0f} s)"
        if self.state == "ready":
            return f"ready at {self.url}"
        return self.error if self.state == "failed" else "stopped"

    def client(self, timeout: float = 60.0) -> WorkerClient:
        """A client for this worker (it can be used for health() while the model loads)."""
        self.poll()
        if not self.url or self.state in ("stopped", "failed"):
            raise WorkerError("not_running", "The PoseGPT worker is not running"
                              + (f" ({self.error})" if self.error else "")
                              + ". Start it from the PoseGPT panel.")
        return WorkerClient(self.url, self.token, timeout=timeout)

    def stop(self, timeout: float = 5.0) -> None:
        """Stop a worker we started (terminate, then kill); forget an attached one."""
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout)
        with self._changed:
            self.state, self.url = "stopped", ""
            self._changed.notify_all()

    def _refresh_attached(self, timeout: float) -> None:
        try:
            health = WorkerClient(self.url, self.token, timeout=timeout).health()
        except WorkerError as exc:
            self._fail(str(exc))
            return
        if health.get("error"):
            self._fail(f"the worker could not load its model: {health['error']}")
        elif health.get("ready"):
            self.info, self.state = health, "ready"

    def _read_stdout(self, proc: subprocess.Popen) -> None:
        for line in proc.stdout:
            tag, _, payload = line.strip().partition(" ")
            if tag not in (LISTENING, READY, FAILED):
                continue
            try:
                data = json.loads(payload)
            except json.JSONDecodeError:
                continue
            with self._changed:
                if proc is not self._proc:
                    return
                if tag == LISTENING:
                    host = data["host"]
                    host = f"[{host}]" if ":" in host else host
                    self.url = f"http://{host}:{data['port']}"
                elif tag == READY:
                    self.info, self.state = data, "ready"
                else:
                    self._fail_locked(f"the worker could not load its model: {data.get('error')}")
                self._changed.notify_all()
        if proc is self._proc:
            proc.wait()
            with self._changed:
                if self.state in ("starting", "ready"):
                    self._fail_locked(self._exit_message(proc.returncode))
                self._changed.notify_all()

    def _read_stderr(self, proc: subprocess.Popen) -> None:
        for line in proc.stderr:
            self._stderr.append(line.rstrip())

    def _exit_message(self, code: int) -> str:
        # Give the stderr reader a moment to catch the last lines that explain the exit.
        time.sleep(0.1)
        tail = "\n".join(self._stderr)
        if "No module named posegpt_blender" in tail:
            return f"the worker code is not under {self.pythonpath}: reinstall the add-on."
        missing = re.search(r"No module named '([\w.]+)'", tail)
        if missing and missing.group(1).split(".")[0] not in ("posegpt_blender", "core"):
            return (f"{self.python} lacks the package '{missing.group(1)}' the worker needs: "
                    f"run `{self.python} -m pip install -r requirements.txt` (torch, fastapi, "
                    "uvicorn...) or pick another Python in the PoseGPT preferences.")
        last = tail.strip().splitlines()[-5:]
        return f"the worker ({self.python}) exited with code {code}" + (
            ": " + " | ".join(last) if last else "")

    def _fail(self, message: str) -> None:
        with self._changed:
            self._fail_locked(message)
            self._changed.notify_all()

    def _fail_locked(self, message: str) -> None:
        if self.state != "failed":
            self.state, self.error = "failed", message
        proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.kill()  # a worker that cannot serve must not linger holding memory
