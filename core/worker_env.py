"""The worker's environment, before anything is installed (stdlib only: it runs inside Blender,
and its platform logic is tested anywhere): which Python and which torch build for this machine,
where environments go (venv paths, Windows' path limit, free space), what to install from where
(the pinned requirements, PyPI, PyTorch's index, a studio's mirror or wheel folder) and the pip
command lines for it. core/worker_install.py runs the install.

Layout under the root folder (the extension's user folder by default):
  envs/<n>/        one virtual environment each; complete only with its STAMP file
  wheels/          downloads, kept until an install succeeds (a second click resumes them)
  tmp/             pip's temporary files, on the same disk as the environment
  install.log      everything pip said, for the panel's Open Log
"""
from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

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


class InstallError(Exception):
    """An install that cannot start or go on; kind is one of network, proxy, ssl, disk,
    python, not_found, path_too_long, cancelled, busy, pip; the message says what to do."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


NO_WINDOW = getattr(subprocess, "CREATE_NO_WINDOW", 0)


def clean_env(tmp: Path | None = None) -> dict:
    """The environment for the base Python and pip: Blender's own Python settings must not
    leak in; pip's temporary files go to tmp (same disk as the environment)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONHOME", "PYTHONPATH", "PYTHONSTARTUP", "PYTHONNOUSERSITE")}
    env.update(PYTHONIOENCODING="utf-8", PYTHONUTF8="1", PIP_NO_INPUT="1",
               PIP_DISABLE_PIP_VERSION_CHECK="1")
    if tmp is not None:
        env.update(TMPDIR=str(tmp), TEMP=str(tmp), TMP=str(tmp))
    return env


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
                              timeout=60, env=clean_env(), creationflags=NO_WINDOW)
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
                                  timeout=20, creationflags=NO_WINDOW)
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
        raise InstallError("disk", f"the worker needs {size_text(needed)} free on the disk "
                           f"of '{folder}', which has {size_text(free)}. Free some space or set "
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
        """Preferences first, else POSEGPT_INDEX_URL / POSEGPT_FIND_LINKS (folders or URLs
        separated by ";" or new lines: ":" would cut URLs and Windows drive letters)."""
        environ = os.environ if environ is None else environ
        index_url = index_url.strip() or environ.get("POSEGPT_INDEX_URL", "").strip()
        links = find_links.strip() or environ.get("POSEGPT_FIND_LINKS", "").strip()
        split = [p.strip() for p in re.split(r"[;\n]", links)]
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
        folders = ((() if self.sources.offline else (str(self.wheels),))
                   + self.sources.find_links)
        links = [arg for folder in folders for arg in ("--find-links", folder)]
        return [python, "-m", "pip", "install", "--only-binary", ":all:", "--no-cache-dir",
                "--progress-bar", "off", "--no-index", *links,
                "-r", str(self.requirements.path), "-c", str(constraints)]

    def describe(self) -> str:
        where = (", ".join(self.sources.find_links) if self.sources.offline
                 else self.sources.index_url or "PyPI")
        torch = f"; torch: {self.torch.reason}" if self.torch else ""
        return (f"Python {'.'.join(map(str, self.base.version))} ({self.base.executable}), "
                f"packages from {where}{torch}; needs {size_text(self.needed)} free")


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
        download = max(0, download - folder_bytes(root / "wheels"))
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

def size_text(n: float) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{int(n)} B"


def folder_bytes(folder: Path) -> int:
    try:
        return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
    except OSError:
        return 0
