"""Install Worker: build the worker's own Python environment with pip (stdlib only: it runs
inside Blender, and its platform logic is tested anywhere).

Layout under the root folder (the extension's user folder by default):
  envs/<n>/        one virtual environment each; complete only with its STAMP file
  wheels/          downloads, kept until an install succeeds (a second click resumes them)
  tmp/             pip's temporary files, on the same disk as the environment
  install.log      everything pip said, for the panel's Open Log

Steps: the base Python is probed (version, platform) and the plan checked (disk space, path
length) before anything is made; then a fresh venv in a new envs/<n>, pip resolves the pinned
requirements (`pip install --dry-run --report`), this module downloads every file with HTTP
ranges into wheels/ (resumable, progress in bytes, sha256 checked), pip installs from wheels/
alone (`--no-index`), the environment is verified (`pip check`, imports) and stamped. Only then
does the caller point the Worker Python at it: a cancelled or failed install leaves the previous
environment in use. With only a wheel folder (POSEGPT_FIND_LINKS), pip installs straight from it.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import shutil
import socket
import ssl
import stat
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

SUPPORTED_PYTHONS = ((3, 11),)  # the pins' wheels (mediapipe, jax, bpy 4.2-5.0's Python)
PYPI_INDEX = "https://pypi.org/simple"
TORCH_INDEX = "https://download.pytorch.org/whl"
# CUDA builds of the pinned torch on PyTorch's index, newest first, with the lowest NVIDIA
# driver branch that runs each (NVIDIA's CUDA toolkit/driver table).
CUDA_BUILDS = (("cu130", 580), ("cu128", 570), ("cu126", 560))
STAMP = "posegpt-env.json"
LOG_NAME = "install.log"
# The longest file path inside the worker's environment, relative to the environment folder
# (a torch licence file, measured): Windows without long paths allows 259 characters in all.
LONGEST_RELATIVE_PATH = 200
WINDOWS_MAX_PATH = 259
CHUNK = 1 << 16


class InstallError(Exception):
    """An install that cannot start or go on; kind is one of network, proxy, ssl, disk,
    python, not_found, path_too_long, cancelled, pip; the message says what to do."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


# --- The machine -------------------------------------------------------------------------

@dataclass(frozen=True)
class PythonInfo:
    executable: str
    version: tuple[int, int, int]
    implementation: str
    platform: str  # sys.platform: linux, win32, darwin
    machine: str   # platform.machine(): x86_64, AMD64, arm64, aarch64


_PROBE = ("import json, platform, sys; print(json.dumps({'version': list(sys.version_info[:3]), "
          "'implementation': sys.implementation.name, 'platform': sys.platform, "
          "'machine': platform.machine()}))")


def probe_python(executable: str) -> PythonInfo:
    """What a Python is (it is run once); InstallError when it cannot be run."""
    try:
        done = subprocess.run([executable, "-I", "-c", _PROBE], capture_output=True, text=True,
                              timeout=60, env=_clean_env(), creationflags=_NO_WINDOW)
        if done.returncode != 0:
            lines = done.stderr.strip().splitlines() or [f"exit code {done.returncode}"]
            raise OSError(lines[-1])
        data = json.loads(done.stdout.strip().splitlines()[-1])
    except (OSError, subprocess.SubprocessError, ValueError, IndexError) as exc:
        raise InstallError("python", f"cannot run the Python '{executable}' ({exc}). Pick "
                           "a Python 3.11 in Preferences > Add-ons > PoseGPT > Base Python, "
                           "or leave it empty to use Blender's own.") from exc
    return PythonInfo(executable, tuple(data["version"]), data["implementation"],
                      data["platform"], data["machine"])


def check_python(info: PythonInfo) -> None:
    """InstallError unless the worker's pinned wheels exist for this Python."""
    if info.implementation != "cpython" or tuple(info.version[:2]) not in SUPPORTED_PYTHONS:
        wanted = " or ".join(f"{a}.{b}" for a, b in SUPPORTED_PYTHONS)
        got = ".".join(map(str, info.version))
        raise InstallError("python", f"the worker's packages (torch, mediapipe...) are pinned "
                           f"for CPython {wanted}, and '{info.executable}' is "
                           f"{info.implementation} {got}. Set Base Python in Preferences > "
                           f"Add-ons > PoseGPT to a Python {wanted} (Blender 4.2 to 5.0 "
                           "ship one).")


@dataclass(frozen=True)
class Gpu:
    name: str
    driver: str  # e.g. "575.51.03"

    @property
    def driver_branch(self) -> int:
        match = re.match(r"(\d+)", self.driver)
        return int(match.group(1)) if match else 0


def parse_nvidia_smi(text: str) -> Gpu | None:
    """The first GPU in `nvidia-smi --query-gpu=name,driver_version --format=csv,noheader`."""
    for line in text.splitlines():
        name, _, driver = line.rpartition(",")
        if name.strip() and re.match(r"\d+\.\d+", driver.strip()):
            return Gpu(name.strip(), driver.strip())
    return None


def parse_proc_driver(text: str) -> Gpu | None:
    """Linux's /proc/driver/nvidia/version (the driver is loaded, nvidia-smi may be absent)."""
    match = re.search(r"Kernel Module\s+(?:for \S+\s+)?(\d+\.\d+(?:\.\d+)?)", text)
    return Gpu("NVIDIA GPU", match.group(1)) if match else None


def nvidia_smi_paths(platform: str = sys.platform) -> list[str]:
    """Where nvidia-smi is: PATH first, then where the drivers put it on Windows."""
    found = shutil.which("nvidia-smi")
    paths = [found] if found else []
    if platform == "win32":
        windir = os.environ.get("SystemRoot", r"C:\Windows")
        program_files = os.environ.get("ProgramFiles", r"C:\Program Files")
        paths += [os.path.join(windir, "System32", "nvidia-smi.exe"),
                  os.path.join(program_files, "NVIDIA Corporation", "NVSMI", "nvidia-smi.exe")]
    return paths


def detect_nvidia(platform: str = sys.platform) -> Gpu | None:
    """The NVIDIA GPU and driver, or None: nvidia-smi, else (Linux) the loaded driver."""
    if platform == "darwin":
        return None
    for exe in nvidia_smi_paths(platform):
        if not Path(exe).is_file():
            continue
        try:
            done = subprocess.run([exe, "--query-gpu=name,driver_version",
                                   "--format=csv,noheader"], capture_output=True, text=True,
                                  timeout=20, creationflags=_NO_WINDOW)
        except (OSError, subprocess.SubprocessError):
            continue
        gpu = parse_nvidia_smi(done.stdout) if done.returncode == 0 else None
        if gpu:
            return gpu
    if platform.startswith("linux"):
        try:
            return parse_proc_driver(Path("/proc/driver/nvidia/version").read_text())
        except OSError:
            return None
    return None


@dataclass(frozen=True)
class TorchChoice:
    variant: str        # "cpu", "cu128"... or "pypi" (PyPI's own build is the right one)
    index_url: str      # PyTorch's index for this variant, "" for PyPI's build
    reason: str

    @property
    def local_tag(self) -> str:
        return "" if self.variant == "pypi" else self.variant


def choose_torch(platform: str, machine: str, gpu: Gpu | None) -> TorchChoice:
    """Which torch build: CUDA where an NVIDIA driver is, Apple silicon's own, else the CPU
    build; PyTorch's index where PyPI's default is the wrong one for the platform."""
    machine = machine.lower()
    if platform == "darwin":
        if machine not in ("arm64", "aarch64"):
            raise InstallError("python", "torch has no builds for Intel Macs any more: the "
                               "worker needs Apple silicon, or run it on another computer "
                               "and attach (Worker Address).")
        return TorchChoice("pypi", "", "Apple silicon: PyPI's macOS build (Metal)")
    if gpu is not None:
        for tag, branch in CUDA_BUILDS:
            if gpu.driver_branch >= branch:
                return TorchChoice(tag, f"{TORCH_INDEX}/{tag}",
                                   f"{gpu.name}, driver {gpu.driver}: CUDA build {tag}")
        oldest = CUDA_BUILDS[-1]
        cpu = choose_torch(platform, machine, None)
        return TorchChoice(cpu.variant, cpu.index_url,
                           f"{gpu.name}: driver {gpu.driver} is older than {oldest[1]}, which "
                           f"torch's CUDA builds need; CPU build (update the driver, then "
                           "Reinstall, to use the GPU)")
    if platform == "win32":
        return TorchChoice("pypi", "", "no NVIDIA GPU: PyPI's Windows build (CPU)")
    # PyPI's Linux torch is the CUDA build, gigabytes of libraries no CPU uses.
    return TorchChoice("cpu", f"{TORCH_INDEX}/cpu", "no NVIDIA GPU: the CPU build")


# --- Paths --------------------------------------------------------------------------------

def venv_python(env_dir: str | os.PathLike, platform: str = sys.platform) -> Path:
    """The interpreter of a virtual environment."""
    if platform == "win32":
        return Path(env_dir) / "Scripts" / "python.exe"
    return Path(env_dir) / "bin" / "python"


def windows_long_paths_enabled() -> bool:
    """Windows' LongPathsEnabled (False elsewhere: nothing to enable)."""
    if sys.platform != "win32":
        return False
    import winreg
    try:
        with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE,
                            r"SYSTEM\CurrentControlSet\Control\FileSystem") as key:
            return bool(winreg.QueryValueEx(key, "LongPathsEnabled")[0])
    except OSError:
        return False


def _too_long(root: str | os.PathLike, platform: str, long_paths: bool) -> bool:
    # envs/<n>/ and Lib/site-packages/ are in LONGEST_RELATIVE_PATH's margin.
    return platform == "win32" and not long_paths and (
        len(str(root)) + 1 + LONGEST_RELATIVE_PATH > WINDOWS_MAX_PATH)


def default_root(extension_dir: str | os.PathLike, platform: str = sys.platform,
                 long_paths: bool | None = None, local_appdata: str | None = None) -> Path:
    """Where environments go: the extension's user folder, or on Windows without long paths
    and a deep user folder, %LOCALAPPDATA%\\PoseGPT (torch's deepest file must fit 259)."""
    long_paths = windows_long_paths_enabled() if long_paths is None else long_paths
    if _too_long(extension_dir, platform, long_paths):
        local = local_appdata if local_appdata is not None else os.environ.get("LOCALAPPDATA")
        if local:
            return Path(local) / "PoseGPT" / "worker"
    return Path(extension_dir)


def check_path_length(root: str | os.PathLike, platform: str = sys.platform,
                      long_paths: bool | None = None) -> None:
    long_paths = windows_long_paths_enabled() if long_paths is None else long_paths
    if _too_long(root, platform, long_paths):
        raise InstallError("path_too_long", f"'{root}' is {len(str(root))} characters, too "
                           f"long for the worker's deepest files under Windows' "
                           f"{WINDOWS_MAX_PATH + 1}-character limit. Turn on long paths "
                           "(Group Policy 'Enable Win32 long paths', or LongPathsEnabled=1 "
                           "in the registry) or set a shorter Environment Folder.")


def check_free_space(folder: str | os.PathLike, needed: int) -> None:
    """InstallError when the disk holding folder has less than needed bytes free."""
    probe = Path(folder)
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    free = shutil.disk_usage(probe).free
    if free < needed:
        raise InstallError("disk", f"the worker needs {_size(needed)} free on the disk of "
                           f"'{folder}', which has {_size(free)}. Free some space or set "
                           "another Environment Folder in the PoseGPT preferences.")


# --- What to install, from where -----------------------------------------------------------

@dataclass(frozen=True)
class Requirements:
    path: Path
    pins: dict[str, str]               # normalised name -> version
    verify: tuple[str, ...]            # modules that must import
    sizes: dict[str, tuple[int, int]]  # "cpu"/"cuda" -> (download, installed) bytes

    @property
    def torch(self) -> str:
        return self.pins.get("torch", "")


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _parse_size(text: str) -> int:
    match = re.fullmatch(r"([\d.]+)\s*(bytes|B|kB|KB|MB|GB)?", text.strip())
    if not match:
        raise ValueError(text)
    scale = {"bytes": 1, "B": 1, "kB": 1e3, "KB": 1e3, "MB": 1e6, "GB": 1e9}[match.group(2) or "B"]
    return int(float(match.group(1)) * scale)


def read_requirements(path: str | os.PathLike) -> Requirements:
    """The pins and the `# posegpt-verify:` / `# posegpt-size-*:` lines of a requirements file."""
    path = Path(path)
    pins, verify, sizes = {}, (), {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("# posegpt-verify:"):
            verify = tuple(line.split(":", 1)[1].split())
        elif line.startswith("# posegpt-size-"):
            kind, _, rest = line[len("# posegpt-size-"):].partition(":")
            values = dict(re.findall(r"(download|installed)=([\d.]+\s*[kMG]?B)", rest))
            sizes[kind.strip()] = (_parse_size(values.get("download", "0")),
                                   _parse_size(values.get("installed", "0")))
        elif line and not line.startswith(("#", "-")):
            name, _, version = line.split(";")[0].partition("==")
            pins[_normalise(name.strip())] = version.strip()
    return Requirements(path, pins, verify, sizes)


@dataclass(frozen=True)
class Sources:
    """Where packages come from: PyPI (and PyTorch's index for torch), or a studio's mirror
    (index_url) and/or wheel folders (find_links); proxy for pip and downloads."""

    index_url: str = ""
    find_links: tuple[str, ...] = ()
    proxy: str = ""

    @classmethod
    def from_settings(cls, index_url: str = "", find_links: str = "", proxy: str = "",
                      environ: dict | None = None) -> "Sources":
        """Preferences first, else POSEGPT_INDEX_URL / POSEGPT_FIND_LINKS (os.pathsep- or
        space-separated folders or URLs)."""
        environ = os.environ if environ is None else environ
        index_url = index_url.strip() or environ.get("POSEGPT_INDEX_URL", "").strip()
        links = find_links.strip() or environ.get("POSEGPT_FIND_LINKS", "").strip()
        split = [p.strip() for p in links.split(os.pathsep if os.pathsep in links else "\n")]
        return cls(index_url.rstrip("/"), tuple(p for p in split if p), proxy.strip())

    @property
    def offline(self) -> bool:
        """Only wheel folders: pip installs straight from them, nothing is downloaded."""
        return bool(self.find_links) and not self.index_url

    @property
    def online(self) -> bool:
        return not self.offline


@dataclass
class Plan:
    root: Path
    base: PythonInfo
    requirements: Requirements
    sources: Sources
    torch: TorchChoice | None  # None: the mirror or wheel folder decides, or no torch
    needed: int                # bytes of free disk space to start

    @property
    def wheels(self) -> Path:
        return self.root / "wheels"

    @property
    def envs(self) -> Path:
        return self.root / "envs"

    @property
    def log_path(self) -> Path:
        return self.root / LOG_NAME

    def _source_args(self) -> list[str]:
        args = []
        if self.sources.offline:
            args.append("--no-index")
        else:
            args += ["--index-url", self.sources.index_url or PYPI_INDEX]
            if self.torch and self.torch.index_url:
                args += ["--extra-index-url", self.torch.index_url]
        for link in self.sources.find_links:
            args += ["--find-links", link]
        if self.sources.proxy:
            args += ["--proxy", self.sources.proxy]
        return args

    def constraints(self) -> str:
        """torch pinned to the chosen build (its local version: 2.13.0+cpu...)."""
        if self.torch and self.torch.local_tag and self.requirements.torch:
            return f"torch=={self.requirements.torch}+{self.torch.local_tag}\n"
        return ""

    def resolve_command(self, python: str, report: Path, constraints: Path) -> list[str]:
        """pip resolves every pinned file's URL without installing anything."""
        return [python, "-m", "pip", "install", "--dry-run", "--ignore-installed",
                "--only-binary", ":all:", "--no-cache-dir", "--progress-bar", "off",
                "--report", str(report), *self._source_args(),
                "-r", str(self.requirements.path), "-c", str(constraints)]

    def install_command(self, python: str, constraints: Path) -> list[str]:
        """pip installs from the downloaded wheels (or the wheel folders) alone."""
        links = [] if self.sources.offline else ["--find-links", str(self.wheels)]
        source = self._source_args() if self.sources.offline else ["--no-index"]
        return [python, "-m", "pip", "install", "--only-binary", ":all:", "--no-cache-dir",
                "--progress-bar", "off", *source, *links,
                "-r", str(self.requirements.path), "-c", str(constraints)]

    def describe(self) -> str:
        where = (", ".join(self.sources.find_links) if self.sources.offline
                 else self.sources.index_url or "PyPI")
        torch = f"; torch: {self.torch.reason}" if self.torch else ""
        return (f"Python {'.'.join(map(str, self.base.version))} ({self.base.executable}), "
                f"packages from {where}{torch}; needs {_size(self.needed)} free")


def make_plan(root: str | os.PathLike, base_python: str, requirements: str | os.PathLike,
              sources: Sources, gpu: Gpu | None | str = "detect") -> Plan:
    """Check everything that can be checked before anything is made; InstallError if not."""
    root = Path(root)
    reqs = read_requirements(requirements)
    base = probe_python(base_python)
    check_python(base)
    check_path_length(root, base.platform)
    torch = None
    if reqs.torch and not (sources.index_url or sources.find_links):
        gpu = detect_nvidia(base.platform) if gpu == "detect" else gpu
        torch = choose_torch(base.platform, base.machine, gpu)
    cuda = torch is not None and torch.variant.startswith("cu")
    download, installed = reqs.sizes.get("cuda" if cuda else "cpu", (0, 0))
    if sources.offline:
        download = 0
    else:
        download = max(0, download - _folder_bytes(root / "wheels"))
    needed = download + installed + 100_000_000  # pip's temporary files, the log, slack
    check_free_space(root, needed)
    return Plan(root, base, reqs, sources, torch, needed)


# --- Environments -------------------------------------------------------------------------

def complete_envs(root: str | os.PathLike) -> list[Path]:
    """Stamped environments, oldest first."""
    envs = Path(root) / "envs"
    found = [p for p in envs.iterdir() if (p / STAMP).is_file()] if envs.is_dir() else []
    return sorted(found, key=lambda p: (int(p.name) if p.name.isdigit() else 0, p.name))


def env_of(python: str | os.PathLike, root: str | os.PathLike) -> Path | None:
    """The environment under root that python belongs to, or None."""
    try:
        rel = Path(os.path.abspath(python)).relative_to(Path(os.path.abspath(root)) / "envs")
    except ValueError:
        return None
    return Path(os.path.abspath(root)) / "envs" / rel.parts[0] if rel.parts else None


def remove_tree(path: str | os.PathLike) -> bool:
    """Delete a folder (read-only files too, as Windows has them); False if some remain,
    e.g. a running worker's files on Windows."""
    def retry(func, p, _exc):
        try:
            os.chmod(p, stat.S_IWRITE)
            func(p)
        except OSError:
            pass
    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=retry)
    else:
        shutil.rmtree(path, onerror=retry)
    return not Path(path).exists()


def remove_incomplete(root: str | os.PathLike) -> None:
    """Unstamped environments are what a cancelled or failed install left: never used."""
    envs = Path(root) / "envs"
    for p in envs.iterdir() if envs.is_dir() else ():
        if p.is_dir() and not (p / STAMP).is_file():
            remove_tree(p)


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
        if self.phase == "downloading" and self.total_bytes:
            return 0.1 + 0.7 * min(1.0, self.done_bytes / self.total_bytes)
        if self.count[1]:
            share = self.count[0] / self.count[1]
            return {"resolving": 0.1 * share, "installing": 0.8 + 0.15 * share}.get(
                self.phase, share)
        return {"verifying": 0.95, "done": 1.0}.get(self.phase, 0.0)

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
            text += f", {_size(self.done_bytes)}"
            if self.total_bytes:
                text += f" of {_size(self.total_bytes)}"
            if self.rate:
                text += f" at {_size(self.rate)}/s"
            if self.eta_s is not None:
                text += f", {_duration(self.eta_s)} left"
        return text


def _size(n: float) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{int(n)} B"


def _duration(s: float) -> str:
    return f"{s:.0f} s" if s < 90 else f"{s / 60:.0f} min"


# --- Errors from pip -----------------------------------------------------------------------

_PIP_ERRORS = (
    ("disk", ("No space left on device", "[Errno 28]", "There is not enough space"),
     "the disk is full: free space (or set another Environment Folder), then press Install "
     "Worker again to resume."),
    ("proxy", ("ProxyError", "Tunnel connection failed", "407 Proxy Authentication"),
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

_NO_WINDOW = getattr(subprocess, "CREATE_NO_WINDOW", 0)


def _clean_env(tmp: Path | None = None) -> dict:
    """The environment for the base Python and pip: Blender's own Python settings must not
    leak in; pip's temporary files go to tmp (same disk as the environment)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONHOME", "PYTHONPATH", "PYTHONSTARTUP", "PYTHONNOUSERSITE")}
    env.update(PYTHONIOENCODING="utf-8", PYTHONUTF8="1", PIP_NO_INPUT="1",
               PIP_DISABLE_PIP_VERSION_CHECK="1")
    if tmp is not None:
        env.update(TMPDIR=str(tmp), TEMP=str(tmp), TMP=str(tmp))
    return env


def _folder_bytes(folder: Path) -> int:
    try:
        return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
    except OSError:
        return 0


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
            proc.terminate()  # TerminateProcess on Windows; --only-binary: pip has no children
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
            return dataclasses.replace(self._progress)

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
        pending = [t for t in todo if not t[2].is_file()]
        self._set(phase="downloading", count=(len(todo) - len(pending), len(todo)))
        sizes = self.plan.requirements.sizes
        kind = "cuda" if self.plan.torch and self.plan.torch.variant.startswith("cu") else "cpu"
        expected = max(0, sizes.get(kind, (0, 0))[0] - _folder_bytes(wheels))
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
                                       f"{_size(have)} of {_size(size)}; press Install Worker "
                                       "again to resume it.")
        if digest:
            sha = hashlib.sha256()
            with open(part, "rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    sha.update(block)
            if sha.hexdigest() != digest:
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
                    env=_clean_env(self.plan.root / "tmp"), cwd=str(self.plan.root),
                    creationflags=_NO_WINDOW)
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
            done, total = self._progress.count
            self._set(package=re.split(r"[=<>!~ ;(]", name)[0], count=(min(done + 1, total),
                                                                       total))
        elif line.startswith("Installing collected packages:"):
            names = [n.strip() for n in line.split(":", 1)[1].split(",") if n.strip()]
            self._set(package=", ".join(names[:3]) + ("..." if len(names) > 3 else ""))

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
