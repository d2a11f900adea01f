"""Install Worker's platform logic, without Blender: which torch build for which machine, venv
paths and long paths on Windows, pip's command lines for each package source, pip's failures
put in words, and the requirements file's own lines. (The install itself, with real venvs and
real wheels: test_worker_install_blender.py.)"""
from __future__ import annotations

import os
import shutil
import socket
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO_ROOT
from core import worker_env as we
from core import worker_install as wi

REQUIREMENTS = REPO_ROOT / "requirements-worker.txt"


def info(platform: str = "linux", machine: str = "x86_64", version=(3, 11, 9)) -> we.PythonInfo:
    return we.PythonInfo("/opt/blender/python/bin/python3.11", version, "cpython", platform,
                         machine)


# --- torch: the build for the machine ------------------------------------------------------

@pytest.mark.parametrize("platform, machine, gpu, variant, index", [
    ("linux", "x86_64", None, "cpu", "https://download.pytorch.org/whl/cpu"),
    ("linux", "aarch64", None, "cpu", "https://download.pytorch.org/whl/cpu"),
    ("win32", "AMD64", None, "pypi", ""),
    ("darwin", "arm64", None, "pypi", ""),
    ("linux", "x86_64", we.Gpu("NVIDIA H100", "580.65.06"), "cu130",
     "https://download.pytorch.org/whl/cu130"),
    ("linux", "x86_64", we.Gpu("NVIDIA RTX 4090", "575.51.03"), "cu128",
     "https://download.pytorch.org/whl/cu128"),
    ("win32", "AMD64", we.Gpu("NVIDIA RTX 3060", "566.36"), "cu126",
     "https://download.pytorch.org/whl/cu126"),
])
def test_torch_build_for_the_machine(platform, machine, gpu, variant, index) -> None:
    choice = we.choose_torch(platform, machine, gpu)
    assert (choice.variant, choice.index_url) == (variant, index)
    assert choice.reason


def test_an_old_nvidia_driver_gets_the_cpu_build_and_says_why() -> None:
    choice = we.choose_torch("win32", "AMD64", we.Gpu("NVIDIA GTX 1080", "531.79"))
    assert choice.variant == "pypi" and "531.79" in choice.reason and "update" in choice.reason
    linux = we.choose_torch("linux", "x86_64", we.Gpu("NVIDIA GTX 1080", "470.256.02"))
    assert linux.variant == "cpu" and linux.index_url.endswith("/cpu")


def test_intel_macs_are_refused_with_a_way_out() -> None:
    with pytest.raises(we.InstallError, match="Intel Macs") as refused:
        we.choose_torch("darwin", "x86_64", None)
    assert refused.value.kind == "python" and "Worker Address" in str(refused.value)


def test_nvidia_smi_and_the_linux_driver_file_are_read() -> None:
    assert we.parse_nvidia_smi("NVIDIA H100 80GB HBM3, 570.133.20\n") == we.Gpu(
        "NVIDIA H100 80GB HBM3", "570.133.20")
    assert we.parse_nvidia_smi("NVIDIA GeForce RTX 4090, 566.36\r\nNVIDIA T4, 566.36\r\n") \
        .name == "NVIDIA GeForce RTX 4090"
    assert we.parse_nvidia_smi("NVIDIA-SMI has failed because it couldn't communicate with "
                               "the NVIDIA driver.") is None
    proc = ("NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.127.05  Tue Oct  8 "
            "03:22:07 UTC 2024\nGCC version:  gcc version 12.2.0 (Debian 12.2.0-14)\n")
    assert we.parse_proc_driver(proc) == we.Gpu("NVIDIA GPU", "550.127.05")
    open_kernel = "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  580.65.06  Release"
    assert we.parse_proc_driver(open_kernel).driver_branch == 580


def test_this_machine_is_detected_without_error() -> None:
    gpu = we.detect_nvidia()
    has_driver = bool(shutil.which("nvidia-smi")) or Path("/proc/driver/nvidia/version").exists()
    assert (gpu is not None) == has_driver
    assert we.nvidia_smi_paths("win32")[-2:] == [
        os.path.join(os.environ.get("SystemRoot", r"C:\Windows"), "System32", "nvidia-smi.exe"),
        os.path.join(os.environ.get("ProgramFiles", r"C:\Program Files"), "NVIDIA Corporation",
                     "NVSMI", "nvidia-smi.exe")]


# --- Pythons --------------------------------------------------------------------------------

def test_python_versions() -> None:
    we.check_python(info())
    for version in ((3, 12, 1), (3, 13, 0), (3, 10, 13)):
        with pytest.raises(we.InstallError, match=r"CPython 3\.11") as refused:
            we.check_python(info(version=version))
        assert refused.value.kind == "python"
    with pytest.raises(we.InstallError, match="pypy"):
        we.check_python(we.PythonInfo("pypy3", (3, 11, 0), "pypy", "linux", "x86_64"))


def test_this_python_is_probed() -> None:
    probed = we.probe_python(sys.executable)
    assert probed.version[:2] == sys.version_info[:2] and probed.platform == sys.platform
    with pytest.raises(we.InstallError, match="cannot run the Python"):
        we.probe_python(str(REPO_ROOT / "no such python"))


# --- Paths ----------------------------------------------------------------------------------

def test_no_console_windows_on_windows() -> None:
    import subprocess
    assert we.NO_WINDOW == getattr(subprocess, "CREATE_NO_WINDOW", 0)
    assert (we.NO_WINDOW != 0) == (sys.platform == "win32")


def test_venv_interpreter_paths() -> None:
    assert we.venv_python("C:/Users/Zoë Ann/posegpt/envs/1", "win32").parts[-2:] == (
        "Scripts", "python.exe")
    assert we.venv_python("/home/zoë/posegpt/envs/1", "linux") == Path(
        "/home/zoë/posegpt/envs/1/bin/python")
    assert we.venv_python("/Users/zoë/Library/posegpt/envs/1", "darwin").name == "python"


def test_long_paths_on_windows() -> None:
    deep = ("C:\\Users\\Zoë Ann Example\\AppData\\Roaming\\Blender Foundation\\Blender\\4.2\\"
            "extensions\\.user\\user_default\\posegpt\\worker")
    local = "C:\\Users\\Zoë Ann Example\\AppData\\Local"
    assert we.default_root(deep, "win32", long_paths=False, local_appdata=local) == \
        Path(local) / "PoseGPT" / "worker"
    assert we.default_root(deep, "win32", long_paths=True, local_appdata=local) == Path(deep)
    assert we.default_root(deep, "linux", long_paths=False) == Path(deep)
    we.check_path_length(Path(local) / "PoseGPT" / "worker", "win32", long_paths=False)
    with pytest.raises(we.InstallError, match="long paths") as refused:
        we.check_path_length(deep, "win32", long_paths=False)
    assert refused.value.kind == "path_too_long"
    we.check_path_length(deep, "win32", long_paths=True)
    we.check_path_length("/" + "x" * 300, "linux", long_paths=False)


def test_free_space_is_checked_on_the_disk_that_will_hold_it(tmp_path) -> None:
    free = shutil.disk_usage(tmp_path).free
    we.check_free_space(tmp_path / "not yet" / "made", 1)
    with pytest.raises(we.InstallError, match="needs") as full:
        we.check_free_space(tmp_path / "not yet", free + 10**12)
    assert full.value.kind == "disk" and "GB" in str(full.value)


def test_env_of_finds_the_environment_a_python_belongs_to(tmp_path) -> None:
    root = tmp_path / "Nutzer Ü"
    assert we.env_of(root / "envs" / "3" / "bin" / "python", root) == root / "envs" / "3"
    assert we.env_of(tmp_path / "elsewhere" / "bin" / "python", root) is None


# --- Command lines ------------------------------------------------------------------------

def plan(sources: we.Sources, torch: we.TorchChoice | None, root="/data/pose gpt") -> we.Plan:
    reqs = we.read_requirements(REQUIREMENTS)
    return we.Plan(Path(root), info(), reqs, sources, torch, needed=0)


def test_command_lines_for_pypi_with_pytorchs_cpu_index() -> None:
    p = plan(we.Sources(), we.choose_torch("linux", "x86_64", None))
    cmd = p.resolve_command("/env/bin/python", Path("/t/report.json"), Path("/t/c.txt"))
    assert cmd[:4] == ["/env/bin/python", "-m", "pip", "install"]
    assert cmd[cmd.index("--index-url") + 1] == we.PYPI_INDEX
    assert cmd[cmd.index("--extra-index-url") + 1] == "https://download.pytorch.org/whl/cpu"
    assert {"--dry-run", "--only-binary", "--report"} <= set(cmd)
    assert cmd[cmd.index("-r") + 1] == str(REQUIREMENTS)
    assert p.constraints() == f"torch=={p.requirements.torch}+cpu\n"
    install = p.install_command("/env/bin/python", Path("/t/c.txt"))
    assert "--no-index" in install and "--index-url" not in install
    assert install[install.index("--find-links") + 1] == str(Path("/data/pose gpt/wheels"))


def test_command_lines_for_windows_with_a_cuda_gpu() -> None:
    torch = we.choose_torch("win32", "AMD64", we.Gpu("NVIDIA RTX 4090", "576.02"))
    p = plan(we.Sources(), torch, root="C:\\Users\\Zoë\\AppData\\Local\\PoseGPT\\worker")
    cmd = p.resolve_command("C:\\env\\Scripts\\python.exe", Path("r.json"), Path("c.txt"))
    assert cmd[cmd.index("--extra-index-url") + 1] == "https://download.pytorch.org/whl/cu128"
    assert p.constraints().endswith("+cu128\n")


def test_command_lines_for_a_mac_and_for_a_studio_mirror_and_a_wheel_folder() -> None:
    mac = plan(we.Sources(), we.choose_torch("darwin", "arm64", None))
    assert "--extra-index-url" not in mac.resolve_command("py", Path("r"), Path("c"))
    assert mac.constraints() == ""
    mirror = plan(we.Sources.from_settings(environ={
        "POSEGPT_INDEX_URL": "https://pypi.studio.example/simple/",
        "POSEGPT_FIND_LINKS": "/mnt/wheels;/mnt/more wheels"}, proxy=""), None)
    cmd = mirror.resolve_command("py", Path("r"), Path("c"))
    assert cmd[cmd.index("--index-url") + 1] == "https://pypi.studio.example/simple"
    assert [cmd[i + 1] for i, a in enumerate(cmd) if a == "--find-links"] == [
        "/mnt/wheels", "/mnt/more wheels"]
    offline = plan(we.Sources(find_links=("D:\\wheels ü",), proxy="http://proxy:3128"), None)
    assert offline.sources.offline
    install = offline.install_command("py", Path("c"))
    assert "--no-index" in install and install[install.index("--find-links") + 1] == "D:\\wheels ü"
    assert str(offline.wheels) not in install  # nothing downloaded: only the folder
    assert "--proxy" not in install  # pip reads no network when installing
    install = mirror.install_command("py", Path("c"))
    assert [install[i + 1] for i, a in enumerate(install) if a == "--find-links"] == [
        str(mirror.wheels), "/mnt/wheels", "/mnt/more wheels"]
    assert "--no-index" in install


def test_preferences_come_before_the_environment_variables() -> None:
    env = {"POSEGPT_INDEX_URL": "https://env.example/simple", "POSEGPT_FIND_LINKS": "/env"}
    assert we.Sources.from_settings("https://prefs.example/simple", "", "", env).index_url == \
        "https://prefs.example/simple"
    assert we.Sources.from_settings("", "/prefs", "", env).find_links == ("/prefs",)
    assert we.Sources.from_settings(environ={}).online
    assert we.Sources.from_settings("", "https://wheels.studio.example/torch/\nC:\\wheels ü",
                                    "", {}).find_links == (
        "https://wheels.studio.example/torch/", "C:\\wheels ü")


# --- pip's failures in words ---------------------------------------------------------------

@pytest.mark.parametrize("output, kind", [
    ("ERROR: Could not install packages due to an OSError: [Errno 28] No space left on device",
     "disk"),
    ("WARNING: Retrying ... ProxyError('Cannot connect to proxy.', OSError('Tunnel connection "
     "failed: 407 Proxy Authentication Required'))", "proxy"),
    ("Retrying after connection broken by 'NewConnectionError(': Failed to establish a new "
     "connection: [Errno -3] Temporary failure in name resolution')'", "network"),
    ("SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate "
     "verify failed: self-signed certificate in certificate chain", "ssl"),
    ("ERROR: Could not find a version that satisfies the requirement mediapipe==0.10.21\n"
     "ERROR: No matching distribution found for mediapipe==0.10.21", "not_found"),
    ("ERROR: something else entirely\nTraceback ...", "pip"),
])
def test_pip_failures_are_put_in_words(output, kind) -> None:
    found, advice = wi.classify_pip_failure(output)
    assert found == kind and advice
    if kind == "not_found":
        assert "mediapipe==0.10.21" in advice


def test_a_refused_connection_is_a_network_error() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/simple/torch/"
    try:
        urllib.request.urlopen(url, timeout=5)
    except urllib.error.URLError as exc:
        error = wi.classify_url_error(url, exc)
    assert error.kind == "network" and f"127.0.0.1:{port}" in str(error)


# --- The requirements file's own lines ----------------------------------------------------

def test_the_worker_requirements_name_what_to_verify_and_their_size() -> None:
    reqs = we.read_requirements(REQUIREMENTS)
    assert {"torch", "transformers", "fastapi", "uvicorn", "mediapipe"} <= set(reqs.verify)
    download, installed = reqs.sizes["cpu"]
    assert 100e6 < download < installed < 10e9
    assert reqs.sizes["cuda"][1] > installed
    assert reqs.torch and all(v for v in reqs.pins.values())


def test_progress_lines() -> None:
    p = wi.Progress(phase="downloading", package="torch", done_bytes=150_000_000,
                    total_bytes=600_000_000, rate=10_000_000, count=(40, 77))
    assert p.line() == ("Downloading torch (40 of 77), 150.0 MB of 600.0 MB at 10.0 MB/s, "
                        "45 s left")
    assert 0.1 < p.fraction < 0.8
    assert wi.Progress(phase="installing", count=(10, 77)).line() == "Installing (10 of 77)"
    assert wi.Progress(phase="done").fraction == 1.0
    assert wi.Progress(phase="verifying", count=(0, 77)).fraction == 0.95
    assert wi.Progress(phase="installing", count=(77, 77)).fraction == pytest.approx(0.95)
