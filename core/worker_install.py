"""Install Worker: build the worker's own Python environment with pip (stdlib only: it runs
inside Blender). The plan (core/worker_env.py) is checked before anything is made; then a fresh
venv in a new envs/<n>, pip resolves the pinned requirements (`pip install --dry-run --report`),
this module downloads every file with HTTP ranges into wheels/ (resumable, progress in bytes,
sha256 checked), pip installs from wheels/ alone (`--no-index`), the environment is verified
(`pip check`, imports) and stamped. Only then does the caller point the Worker Python at it: a
cancelled or failed install leaves the previous environment in use. With only a wheel folder
(POSEGPT_FIND_LINKS), pip installs straight from it.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import socket
import ssl
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .worker_env import (PYPI_INDEX, STAMP, NO_WINDOW, InstallError, Plan, clean_env,
                         folder_bytes, remove_incomplete, remove_tree, size_text, venv_python)

CHUNK = 1 << 16


# --- Progress -----------------------------------------------------------------------------

@dataclass
class Progress:
    phase: str = "waiting"   # preparing, resolving, downloading, installing, verifying, done
    package: str = ""        # the package being fetched or installed
    done_bytes: int = 0      # downloaded this run
    total_bytes: int = 0     # to download this run (0: unknown)
    file_bytes: tuple[int, int] = (0, 0)  # the current file: done, size
    rate: float = 0.0        # bytes per second
    count: tuple[int, int] = (0, 0)       # packages done, of
    started: float = field(default_factory=time.monotonic)

    @property
    def fraction(self) -> float:
        """0..1 for a progress bar: resolving 10 %, downloading 70 %, installing 15 %."""
        if self.phase in ("verifying", "done"):
            return 0.95 if self.phase == "verifying" else 1.0
        if self.phase == "downloading":
            return 0.1 + 0.7 * (min(1.0, self.done_bytes / self.total_bytes)
                                if self.total_bytes else 0.0)
        share = self.count[0] / self.count[1] if self.count[1] else 0.0
        return {"resolving": 0.1 * share, "installing": 0.8 + 0.15 * share}.get(self.phase, 0.0)

    @property
    def eta_s(self) -> float | None:
        if self.phase != "downloading" or self.rate <= 0 or not self.total_bytes:
            return None
        return max(0.0, self.total_bytes - self.done_bytes) / self.rate

    def line(self) -> str:
        """One line for the panel and the status bar."""
        text = {"preparing": "Preparing the environment", "resolving": "Resolving packages",
                "downloading": "Downloading", "installing": "Installing",
                "verifying": "Checking the environment", "done": "Installed",
                "waiting": "Waiting"}.get(self.phase, self.phase)
        if self.package:
            text += f" {self.package}"
        if self.count[1] and self.phase in ("resolving", "downloading", "installing"):
            text += f" ({self.count[0]} of {self.count[1]})"
        if self.phase == "downloading":
            text += f", {size_text(self.done_bytes)}"
            if self.total_bytes:
                text += f" of {size_text(self.total_bytes)}"
            if self.rate:
                text += f" at {size_text(self.rate)}/s"
            if self.eta_s is not None:
                text += f", {_duration(self.eta_s)} left"
        return text




def _duration(s: float) -> str:
    return f"{s:.0f} s" if s < 90 else f"{s / 60:.0f} min"


# --- Errors from pip -----------------------------------------------------------------------

_PIP_ERRORS = (
    ("disk", ("No space left on device", "[Errno 28]", "There is not enough space"),
     "the disk is full: free space (or set another Environment Folder), then press Install "
     "Worker again to resume."),
    ("proxy", ("ProxyError", "Tunnel connection failed", "407 Proxy Authentication",
               "HTTP Error 407"),
     "the proxy refused the connection: set Proxy in the PoseGPT preferences "
     "(http://user:password@host:port) or HTTPS_PROXY before starting Blender."),
    ("ssl", ("CERTIFICATE_VERIFY_FAILED", "SSLError", "certificate verify failed"),
     "the package index's certificate was not trusted (a firewall that inspects HTTPS?): "
     "set PIP_CERT to your organisation's certificate bundle, or use a mirror (Index URL)."),
    ("network", ("NewConnectionError", "Failed to establish a new connection",
                 "Temporary failure in name resolution", "Name or service not known",
                 "getaddrinfo failed", "Network is unreachable", "Connection refused",
                 "Read timed out", "ConnectTimeoutError", "nodename nor servname"),
     "the package index could not be reached: check the network (or set Index URL to your "
     "studio's mirror, or Wheel Folder for an offline install), then press Install Worker "
     "again to resume."),
    ("not_found", ("No matching distribution found", "Could not find a version that satisfies"),
     "a pinned package has no build for this Python and platform at the package source: "
     "see the log; a mirror or wheel folder must hold the exact pinned versions."),
)


def classify_pip_failure(output: str) -> tuple[str, str]:
    """(kind, advice) for pip's output of a failed run."""
    for kind, needles, advice in _PIP_ERRORS:
        if any(n in output for n in needles):
            if kind == "not_found":
                missing = re.search(r"No matching distribution found for (\S+)", output)
                if missing:
                    advice = f"no {missing.group(1)} for this Python and platform: " + advice
            return kind, advice
    last = [ln.strip() for ln in output.splitlines() if ln.strip()][-3:]
    return "pip", "pip failed: " + " | ".join(last)


def classify_url_error(url: str, exc: BaseException) -> InstallError:
    """A clear InstallError for a failed request to url."""
    text = f"{type(exc).__name__}: {exc}"
    reason = getattr(exc, "reason", None)
    if reason is not None:
        text += f" ({type(reason).__name__}: {reason})"
    if isinstance(reason, OSError) and getattr(reason, "errno", None) == 28:
        text += " No space left on device"
    kind, advice = classify_pip_failure(text)
    if kind == "pip":
        kind, advice = "network", _PIP_ERRORS[3][2]
    host = urllib.parse.urlsplit(url).netloc or url
    return InstallError(kind, f"{host}: {exc}. {advice[0].upper()}{advice[1:]}")


# --- The job ------------------------------------------------------------------------------





def _sha256(path: Path) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def _whole(path: Path, digest: str | None) -> bool:
    """A download kept from an earlier run, and intact (a damaged one is fetched again)."""
    if not path.is_file():
        return False
    if digest and _sha256(path) != digest:
        path.unlink()
        return False
    return True


# The install this process runs, and what the last one came to: (kind, text), kind "done",
# "cancelled" or "error" (the preferences show them; operators/install_ops.py sets them).
current_job: "InstallJob | None" = None
last_result: tuple[str, str] | None = None


def active_job() -> "InstallJob | None":
    """The install that is running, if any."""
    job = current_job
    return job if job is not None and not job.done.is_set() else None


class InstallJob:
    """One install: run() here (background mode, scripts) or start() in a thread (the UI);
    progress() any time; cancel() from any thread stops pip and the download."""

    def __init__(self, plan: Plan, on_progress: Callable[[Progress], None] | None = None) -> None:
        self.plan = plan
        self.on_progress = on_progress
        self.env_dir: Path | None = None
        self.python: Path | None = None   # the new environment's interpreter, once complete
        self.error: InstallError | None = None
        self.done = threading.Event()
        self._progress = Progress()
        self._cancelled = threading.Event()
        self._proc: subprocess.Popen | None = None
        self._socket: socket.socket | None = None  # the download's, for cancel()
        # While pip installs: (site-packages, dist-infos there before, packages to install).
        self._installing: tuple[Path | None, int, int] | None = None
        self._lock = threading.Lock()
        self._log = None

    # public

    def start(self) -> "InstallJob":
        threading.Thread(target=self.run, daemon=True, name="posegpt-install").start()
        return self

    def run(self) -> "InstallJob":
        self.plan.root.mkdir(parents=True, exist_ok=True)
        with open(self.plan.log_path, "a", encoding="utf-8") as self._log:
            self._say(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')} install: {self.plan.describe()}")
            try:
                self._run_steps()
                self._set(phase="done", package="")
                self._say(f"done: {self.python}")
            except InstallError as exc:
                self.error = exc
                self._say(f"{'cancelled' if exc.kind == 'cancelled' else 'failed'}: {exc}")
                self._discard()
            except Exception as exc:  # noqa: BLE001  a bug must still end the job, logged
                self.error = InstallError("pip", f"{type(exc).__name__}: {exc} (see the log)")
                self._say(f"failed: {exc!r}")
                self._discard()
            finally:
                self._log = None
                if (self.plan.root / "tmp").exists():
                    remove_tree(self.plan.root / "tmp")
                self.done.set()
        return self

    def cancel(self) -> None:
        self._cancelled.set()
        with self._lock:
            proc, sock = self._proc, self._socket
        if proc is not None and proc.poll() is None:
            # TerminateProcess on Windows (a venv's launcher takes its child along); pip
            # builds nothing with --only-binary, so it has no children of its own.
            proc.terminate()
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)  # wakes a read that waits on a stalled server
            except OSError:
                pass

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def progress(self) -> Progress:
        with self._lock:
            snapshot = dataclasses.replace(self._progress)
        if snapshot.phase == "installing" and self._installing is not None:
            # pip says nothing while it unpacks: count the packages it has finished.
            site, before, total = self._installing
            done = max(0, len(list(site.glob("*.dist-info"))) - before) if site else 0
            snapshot.count = (min(done, total), total)
        return snapshot

    # steps

    def _run_steps(self) -> None:
        plan = self.plan
        remove_incomplete(plan.root)
        tmp = plan.root / "tmp"
        tmp.mkdir(parents=True, exist_ok=True)
        if plan.sources.online:
            self._reach_index()
        self._set(phase="preparing")
        plan.envs.mkdir(parents=True, exist_ok=True)
        taken = [int(p.name) for p in plan.envs.iterdir() if p.name.isdigit()]
        self.env_dir = plan.envs / str(max(taken, default=0) + 1)
        self._check()
        self._pip([plan.base.executable, "-m", "venv", str(self.env_dir)], "creating the venv")
        python = str(venv_python(self.env_dir, plan.base.platform))
        constraints = tmp / "constraints.txt"
        constraints.write_text(plan.constraints(), encoding="utf-8")
        if plan.sources.online:
            report = tmp / "report.json"
            self._set(phase="resolving", count=(0, len(plan.requirements.pins)))
            self._pip(plan.resolve_command(python, report, constraints), "resolving")
            self._download(json.loads(report.read_text(encoding="utf-8")).get("install", []))
        self._set(phase="installing", package="", count=(0, len(plan.requirements.pins)))
        self._pip(plan.install_command(python, constraints), "installing")
        self._set(phase="verifying", package="")
        self._pip([python, "-m", "pip", "check"], "checking dependencies")
        if plan.requirements.verify:
            self._pip([python, "-c", "import " + ", ".join(plan.requirements.verify)],
                      "importing " + " ".join(plan.requirements.verify))
        (self.env_dir / STAMP).write_text(json.dumps({
            "python": ".".join(map(str, plan.base.version)), "base": plan.base.executable,
            "torch": plan.torch.variant if plan.torch else "",
            "requirements": hashlib.sha256(plan.requirements.path.read_bytes()).hexdigest(),
            "created": time.strftime("%Y-%m-%dT%H:%M:%S")}), encoding="utf-8")
        self.python = Path(python)
        if plan.sources.online:
            remove_tree(plan.wheels)  # gigabytes: kept only to resume

    def _check(self) -> None:
        if self._cancelled.is_set():
            raise InstallError("cancelled", "the install was cancelled; the previous "
                               "environment (if any) is unchanged. Press Install Worker to "
                               "resume: finished downloads are kept.")

    def _reach_index(self) -> None:
        """One small request first, so no network, a proxy or a dead mirror is said plainly
        before anything is made."""
        first = next(iter(self.plan.requirements.pins), "pip")
        url = f"{self.plan.sources.index_url or PYPI_INDEX}/{first}/"
        self._set(phase="preparing", package="")
        self._say(f"checking {url}")
        try:
            with self._open(url, timeout=20) as answer:
                answer.read(1)
        except urllib.error.HTTPError as exc:
            if exc.code in (407,):
                raise classify_url_error(url, exc) from exc
            if exc.code >= 500:
                raise InstallError("network", f"{url} answered {exc.code} {exc.reason}: the "
                                   "package index is down; try again later.") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise classify_url_error(url, exc) from exc

    def _open(self, url: str, timeout: float, headers: dict | None = None):
        handlers = []
        if self.plan.sources.proxy:
            handlers.append(urllib.request.ProxyHandler(
                {"http": self.plan.sources.proxy, "https": self.plan.sources.proxy}))
        context = ssl.create_default_context(cafile=os.environ.get("PIP_CERT") or None)
        try:  # Blender's Python carries certifi; some platforms' default store is empty
            import certifi
            context.load_verify_locations(certifi.where())
        except (ImportError, OSError):
            pass
        handlers.append(urllib.request.HTTPSHandler(context=context))
        request = urllib.request.Request(url, headers={"User-Agent": "posegpt-install",
                                                       **(headers or {})})
        return urllib.request.build_opener(*handlers).open(request, timeout=timeout)

    def _download(self, items: list[dict]) -> None:
        """Every file pip resolved, into wheels/ (kept there until the install succeeds)."""
        wheels = self.plan.wheels
        wheels.mkdir(parents=True, exist_ok=True)
        todo = []
        for item in items:
            url = item["download_info"]["url"]
            if url.startswith("file:"):
                continue  # a wheel folder on this computer: pip reads it in place
            name = urllib.parse.unquote(url.split("#")[0].rsplit("/", 1)[-1])
            digest = item["download_info"].get("archive_info", {}).get("hashes", {}).get("sha256")
            todo.append((item["metadata"]["name"], url, wheels / name, digest))
        pending = [t for t in todo if not _whole(t[2], t[3])]
        self._set(phase="downloading", package="", count=(len(todo) - len(pending), len(todo)))
        sizes = self.plan.requirements.sizes
        kind = "cuda" if self.plan.torch and self.plan.torch.variant.startswith("cu") else "cpu"
        expected = max(0, sizes.get(kind, (0, 0))[0] - folder_bytes(wheels))
        self._set(total_bytes=expected)
        started, done = time.monotonic(), 0
        for name, url, target, digest in pending:
            self._check()
            self._say(f"downloading {url}")
            done = self._fetch(name, url, target, digest, started, done)
            self._set(count=(self._progress.count[0] + 1, len(todo)))

    def _fetch(self, name: str, url: str, target: Path, digest: str | None,
               started: float, done: int) -> int:
        part = target.with_name(target.name + ".part")
        have = part.stat().st_size if part.is_file() else 0
        headers = {"Range": f"bytes={have}-"} if have else {}
        try:
            answer = self._open(url, timeout=60, headers=headers)
        except urllib.error.HTTPError as exc:
            if exc.code == 416:  # the part file is already whole
                answer = None
            else:
                raise InstallError("network", f"{url} answered {exc.code} {exc.reason}") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise classify_url_error(url, exc) from exc
        if answer is not None:
            with answer:
                if have and answer.status != 206:
                    have = 0  # the server ignores ranges: start over
                length = int(answer.headers.get("Content-Length") or 0)
                size = have + length if length else 0
                self._set(package=name, file_bytes=(have, size),
                          total_bytes=max(self._progress.total_bytes, done + size - have))
                raw = getattr(getattr(answer, "fp", None), "raw", None)
                with self._lock:
                    self._socket = getattr(raw, "_sock", None)
                try:
                    with open(part, "ab" if have else "wb") as out:
                        while chunk := answer.read(CHUNK):
                            out.write(chunk)
                            have += len(chunk)
                            done += len(chunk)
                            elapsed = max(1e-3, time.monotonic() - started)
                            self._set(done_bytes=done, file_bytes=(have, size),
                                      rate=done / elapsed)
                            self._check()
                except OSError as exc:
                    self._check()
                    if exc.errno == 28:
                        raise InstallError("disk", _PIP_ERRORS[0][2]) from exc
                    raise classify_url_error(url, exc) from exc
                finally:
                    with self._lock:
                        self._socket = None
                self._check()
                if size and have < size:
                    raise InstallError("network", f"the download of {url} stopped at "
                                       f"{size_text(have)} of {size_text(size)}; press Install "
                                       "Worker again to resume it.")
        if digest:
            if _sha256(part) != digest:
                part.unlink()
                raise InstallError("network", f"{target.name} arrived damaged (its sha256 "
                                   "differs from the index's); press Install Worker again.")
        os.replace(part, target)
        return done

    def _pip(self, cmd: list[str], what: str) -> None:
        """Run one command, its output to the log and the progress; InstallError on failure."""
        self._check()
        self._say("$ " + subprocess.list2cmdline(cmd))
        tail: list[str] = []
        try:
            with self._lock:
                self._proc = subprocess.Popen(
                    cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace",
                    env=clean_env(self.plan.root / "tmp"), cwd=str(self.plan.root),
                    creationflags=NO_WINDOW)
                if self._cancelled.is_set():
                    self._proc.terminate()
            proc = self._proc
            for line in proc.stdout:
                line = line.rstrip()
                self._say(line)
                tail.append(line)
                self._track(line)
            code = proc.wait()
        except OSError as exc:
            raise InstallError("python", f"cannot run {cmd[0]} ({exc})") from exc
        finally:
            with self._lock:
                self._proc = None
        self._check()
        if code != 0:
            output = "\n".join(tail[-200:])
            if "ensurepip" in output and what == "creating the venv":
                raise InstallError("python", f"'{cmd[0]}' cannot make virtual environments "
                                   "(no ensurepip, as in some Linux distributions' Blender): "
                                   "set Base Python to a Python 3.11 from python.org.")
            kind, advice = classify_pip_failure(output)
            raise InstallError(kind, f"{what} failed: {advice} (log: {self.plan.log_path})")

    def _track(self, line: str) -> None:
        """pip's lines, read for the progress: which package, how many."""
        phase = self._progress.phase
        match = re.match(r"\s*(Collecting|Processing|Requirement already satisfied:?)\s+(\S+)",
                         line)
        if match and phase in ("resolving", "installing"):
            name = match.group(2)
            if name.endswith(".whl"):
                name = Path(name).name.split("-")[0]
            name = re.split(r"[=<>!~ ;(]", name)[0]
            if phase == "installing":  # pip reading the downloads: the count comes after
                self._set(package=name)
            else:
                done, total = self._progress.count
                self._set(package=name, count=(min(done + 1, total), total))
        elif line.startswith("Installing collected packages:"):
            names = [n.strip() for n in line.split(":", 1)[1].split(",") if n.strip()]
            found = sorted(self.env_dir.glob("*/*/site-packages")) + sorted(
                self.env_dir.glob("Lib/site-packages"))
            site = found[0] if found else None
            before = len(list(site.glob("*.dist-info"))) if site else 0
            # A package being replaced (setuptools) leaves and comes back: not counted twice.
            replaced = sum(1 for n in names if site and any(site.glob(f"{n}-*.dist-info")))
            self._installing = (site, before - replaced, len(names))
            self._set(package="", count=(0, len(names)))

    # bookkeeping

    def _set(self, **changes) -> None:
        with self._lock:
            for key, value in changes.items():
                setattr(self._progress, key, value)
            snapshot = self._progress
        if self.on_progress is not None:
            self.on_progress(snapshot)

    def _say(self, line: str) -> None:
        if self._log is not None:
            self._log.write(line + "\n")
            self._log.flush()

    def _discard(self) -> None:
        """A cancelled or failed environment is never used: delete it (downloads stay)."""
        if self.env_dir is not None and self.env_dir.exists():
            remove_tree(self.env_dir)
