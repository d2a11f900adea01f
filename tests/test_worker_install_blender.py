"""Install Worker, headless with the PyPI bpy: real venvs, real pip, real wheels.

The worker's own requirements (torch...) are far too big for a test, so each test installs a
small set of real wheels written here (PEP 427 zips: a package, its dependency, and one of
2 MB), from a wheel folder (--no-index --find-links) or from a package index served on
loopback that can hold a download half-way, the way a slow mirror does, so that a cancel
lands in the middle of it. pip's own configuration is shut out (PIP_CONFIG_FILE=os.devnull):
the machine's local package sources must not stand in for the ones under test.
"""
from __future__ import annotations

import base64
import hashlib
import http.server
import os
import shutil
import socket
import subprocess
import threading
import time
import zipfile
from pathlib import Path

import pytest

import blender_env

bpy = blender_env.import_bpy()
ext = blender_env.extension_module

BIG = 2_000_000


def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def make_wheel(folder: Path, name: str, version: str, requires: tuple[str, ...] = (),
               payload: bytes = b"") -> Path:
    """A real pure-Python wheel: module <name>, VERSION, optional data file."""
    module = name.replace("-", "_")
    dist_info = f"{module}-{version}.dist-info"
    metadata = "".join([f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
                        *(f"Requires-Dist: {r}\n" for r in requires)])
    files = {f"{module}/__init__.py": f"VERSION = {version!r}\n".encode(),
             f"{dist_info}/METADATA": metadata.encode(),
             f"{dist_info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: posegpt-tests\n"
                                   b"Root-Is-Purelib: true\nTag: py3-none-any\n"}
    if payload:
        files[f"{module}/data.bin"] = payload
    record = "".join(f"{path},{_record_hash(data)},{len(data)}\n" for path, data in files.items())
    files[f"{dist_info}/RECORD"] = (record + f"{dist_info}/RECORD,,\n").encode()
    path = folder / f"{module}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for arc, data in files.items():
            zf.writestr(arc, data)
    return path


@pytest.fixture(scope="module")
def wheels(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("wheel folder ü")
    make_wheel(folder, "posegpt-tiny-b", "1.0")
    make_wheel(folder, "posegpt-tiny-a", "1.0", requires=("posegpt-tiny-b==1.0",))
    make_wheel(folder, "posegpt-tiny-big", "1.0", payload=os.urandom(BIG))
    return folder


def write_requirements(folder: Path, sizes: str = "download=3MB installed=4MB") -> Path:
    path = folder / "requirements-tiny.txt"
    path.write_text("# posegpt-verify: posegpt_tiny_a posegpt_tiny_big\n"
                    f"# posegpt-size-cpu: {sizes}\n"
                    "posegpt-tiny-a==1.0\nposegpt-tiny-b==1.0\nposegpt-tiny-big==1.0\n",
                    encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def requirements(tmp_path_factory) -> Path:
    return write_requirements(tmp_path_factory.mktemp("reqs"))


class LoopbackIndex:
    """A PEP 503 index of a wheel folder on 127.0.0.1, with PEP 658 metadata and HTTP ranges.
    While `stall` names a file, the add-on's downloads of it send half and then wait."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.log: list[tuple[str, str, str]] = []  # (user agent, path, range)
        self.stall: set[str] = set()
        self.stalled = threading.Event()
        self.release = threading.Event()
        index = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                index.log.append((self.headers.get("User-Agent", ""), self.path,
                                  self.headers.get("Range", "")))
                parts = [p for p in self.path.split("/") if p]
                if len(parts) == 2 and parts[0] == "simple":
                    return self._page(parts[1])
                if len(parts) == 2 and parts[0] == "files":
                    return self._file(parts[1])
                self.send_error(404)

            def _page(self, project: str) -> None:
                module = project.replace("-", "_")
                links = []
                for whl in sorted(index.folder.glob(f"{module}-*.whl")):
                    digest = hashlib.sha256(whl.read_bytes()).hexdigest()
                    meta = hashlib.sha256(_metadata(whl)).hexdigest()
                    links.append(f'<a href="/files/{whl.name}#sha256={digest}" '
                                 f'data-dist-info-metadata="sha256={meta}" '
                                 f'data-core-metadata="sha256={meta}">{whl.name}</a><br>')
                if not links:
                    return self.send_error(404)
                self._send(200, ("<html><body>" + "".join(links) + "</body></html>").encode(),
                           "text/html")

            def _file(self, name: str) -> None:
                if name.endswith(".metadata"):
                    return self._send(200, _metadata(index.folder / name[:-9]), "text/plain")
                path = index.folder / name
                if not path.is_file():
                    return self.send_error(404)
                data = path.read_bytes()
                start = int(self.headers["Range"].split("=")[1].split("-")[0]) \
                    if self.headers.get("Range") else 0
                body = data[start:]
                self.send_response(206 if start else 200)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Content-Length", str(len(body)))
                if start:
                    self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
                self.end_headers()
                ours = self.headers.get("User-Agent", "").startswith("posegpt")
                if name in index.stall and ours:
                    self.wfile.write(body[:len(body) // 2])
                    self.wfile.flush()
                    index.stalled.set()
                    index.release.wait(60)
                    self.close_connection = True
                    return
                self.wfile.write(body)

            def _send(self, code: int, body: bytes, kind: str) -> None:
                self.send_response(code)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/simple"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def downloads(self, name: str) -> list[str]:
        """The Range headers of the add-on's own requests for a file (pip's are not counted)."""
        return [rng for agent, path, rng in self.log
                if agent.startswith("posegpt") and path == f"/files/{name}"]

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


def _metadata(whl: Path) -> bytes:
    with zipfile.ZipFile(whl) as zf:
        return zf.read(next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA")))


@pytest.fixture(scope="module", autouse=True)
def extension():
    blender_env.installed_extension()
    yield


@pytest.fixture(scope="module", autouse=True)
def isolated_pip():
    """pip sees only the sources each test names: no pip.conf, no PIP_* variables."""
    saved = dict(os.environ)
    for key in list(os.environ):
        if key.startswith("PIP_") or key.startswith("POSEGPT_INDEX") or key == "POSEGPT_FIND_LINKS":
            del os.environ[key]
    os.environ["PIP_CONFIG_FILE"] = os.devnull
    yield
    os.environ.clear()
    os.environ.update(saved)


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    """The Environment Folder: a path with spaces and non-ASCII characters."""
    return tmp_path_factory.mktemp("blender user") / "Nutzer Ü ポーズ" / "worker env"


@pytest.fixture()
def prefs(root):
    p = bpy.context.preferences.addons[blender_env.MODULE].preferences
    p.env_folder, p.base_python, p.index_url, p.find_links, p.proxy = str(root), "", "", "", ""
    bpy.context.preferences.system.use_online_access = True
    os.environ.pop("POSEGPT_FIND_LINKS", None)
    os.environ.pop("POSEGPT_INDEX_URL", None)
    return p


def wi():
    return ext("core.worker_install")


def we():
    return ext("core.worker_env")


def install_fails(**kwargs) -> str:
    """Install Worker fails (an ERROR report, which bpy raises headless); its message."""
    with pytest.raises(RuntimeError, match="PoseGPT Install Worker") as failed:
        bpy.ops.posegpt.worker_install(**kwargs)
    assert wi().last_result[0] == "error" and wi().last_result[1] in str(failed.value)
    return wi().last_result[1]


def env_dirs(root: Path) -> list[str]:
    envs = root / "envs"
    return sorted(p.name for p in envs.iterdir()) if envs.is_dir() else []


def imports_tiny(python: str) -> str:
    done = subprocess.run([python, "-c", "import posegpt_tiny_a, posegpt_tiny_b, posegpt_tiny_big;"
                           "print(posegpt_tiny_a.VERSION)"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_default_environment_folder_is_the_extensions_user_folder(prefs) -> None:
    prefs.env_folder = ""
    root = ext("preferences").env_root(prefs)
    assert root.parts[-2:] == ("posegpt", "worker")
    assert Path(os.environ["BLENDER_USER_RESOURCES"]) in root.parents
    assert prefs.bl_rna.properties["auto_start"].default is True


def test_install_from_a_local_wheel_folder_fills_the_worker_python(
        prefs, wheels, requirements, root, capsys) -> None:
    prefs.python, prefs.auto_start = "", False
    os.environ["POSEGPT_FIND_LINKS"] = str(wheels)
    assert bpy.ops.posegpt.worker_install(requirements=str(requirements)) == {"FINISHED"}

    python = Path(prefs.python)
    assert python == we().venv_python(root / "envs" / "1") and python.is_file()
    assert imports_tiny(prefs.python) == "1.0"
    assert prefs.auto_start, "after an install, the first request starts the worker"
    assert (root / "envs" / "1" / we().STAMP).is_file()
    log = (root / we().LOG_NAME).read_text(encoding="utf-8")
    assert "--no-index" in log and f"--find-links {str(wheels)}" in log.replace('"', "")
    assert "Successfully installed" in log and "posegpt-tiny-big" in log
    printed = capsys.readouterr().out
    assert "PoseGPT install: Installing" in printed and "PoseGPT install: Installed" in printed
    assert not (root / "tmp").exists()

    # Pressed again, Install Worker finds the environment and makes nothing new.
    prefs.python = ""
    assert bpy.ops.posegpt.worker_install(requirements=str(requirements)) == {"FINISHED"}
    assert Path(prefs.python) == python and env_dirs(root) == ["1"]


def test_cancel_mid_download_keeps_the_previous_environment_and_a_second_run_resumes(
        prefs, wheels, requirements, root) -> None:
    previous = prefs.python
    assert previous and env_dirs(root) == ["1"], "runs after the wheel-folder install"
    index = LoopbackIndex(wheels)
    big = "posegpt_tiny_big-1.0-py3-none-any.whl"
    index.stall.add(big)
    prefs.index_url = index.url
    seen = {}

    def cancel_when_stalled() -> None:
        assert index.stalled.wait(120)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            job = wi().active_job()
            progress = job.progress() if job else None
            if progress and progress.package == "posegpt-tiny-big" and progress.file_bytes[0]:
                seen["progress"] = progress
                break
            time.sleep(0.05)
        wi().active_job().cancel()  # what the Cancel button and Esc do

    try:
        canceller = threading.Thread(target=cancel_when_stalled)
        canceller.start()
        result = bpy.ops.posegpt.worker_install(mode="REINSTALL", requirements=str(requirements))
        canceller.join(60)

        assert result == {"CANCELLED"}
        assert wi().last_result[0] == "cancelled" and "resume" in wi().last_result[1]
        progress = seen["progress"]
        assert progress.phase == "downloading"
        assert 0 < progress.file_bytes[0] <= _size(wheels, big) // 2
        assert progress.file_bytes[1] == _size(wheels, big)
        assert progress.count == (2, 3) and progress.done_bytes >= progress.file_bytes[0]
        assert "posegpt-tiny-big (2 of 3), " in progress.line()
        # The previous environment is still the one in use, and nothing half-made remains.
        assert prefs.python == previous and imports_tiny(previous) == "1.0"
        assert env_dirs(root) == ["1"]
        kept = sorted(p.name for p in (root / "wheels").iterdir())
        assert kept == sorted(["posegpt_tiny_a-1.0-py3-none-any.whl",
                               "posegpt_tiny_b-1.0-py3-none-any.whl", big + ".part"])
        partial = (root / "wheels" / (big + ".part")).stat().st_size
        assert 0 < partial < _size(wheels, big)

        # The second press resumes: finished files are not fetched again (unless damaged
        # since), the big one continues from where it stopped.
        (root / "wheels" / "posegpt_tiny_b-1.0-py3-none-any.whl").write_bytes(b"damaged")
        index.stall.clear()
        index.release.set()
        assert bpy.ops.posegpt.worker_install(mode="REINSTALL",
                                              requirements=str(requirements)) == {"FINISHED"}
    finally:
        index.close()
    assert index.downloads("posegpt_tiny_a-1.0-py3-none-any.whl") == [""]
    assert index.downloads("posegpt_tiny_b-1.0-py3-none-any.whl") == ["", ""]
    assert index.downloads(big) == ["", f"bytes={partial}-"]
    assert Path(prefs.python) == we().venv_python(root / "envs" / "2")
    assert imports_tiny(prefs.python) == "1.0"
    assert env_dirs(root) == ["2"], "the replaced environment is removed"
    assert not (root / "wheels").exists(), "downloads are deleted once installed"


def _size(folder: Path, name: str) -> int:
    return (folder / name).stat().st_size


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_index_is_a_clear_error_and_nothing_is_made(
        prefs, requirements, root) -> None:
    before, dirs = prefs.python, env_dirs(root)
    assert before
    prefs.index_url = f"http://127.0.0.1:{_closed_port()}/simple"
    message = install_fails(mode="REINSTALL", requirements=str(requirements))
    assert "127.0.0.1" in message and "could not be reached" in message
    assert prefs.python == before and env_dirs(root) == dirs
    assert imports_tiny(prefs.python) == "1.0"


def test_a_proxy_that_refuses_is_named_as_the_cause(prefs, requirements, root) -> None:
    """A proxy on loopback that answers every request with 407 Proxy Authentication Required."""

    class Refusing(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            self.send_response(407, "Proxy Authentication Required")
            self.send_header("Proxy-Authenticate", 'Basic realm="studio"')
            self.send_header("Content-Length", "0")
            self.end_headers()

    proxy = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Refusing)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    before, dirs = prefs.python, env_dirs(root)
    prefs.index_url = "http://pypi.studio.invalid/simple"
    prefs.proxy = f"http://127.0.0.1:{proxy.server_address[1]}"
    try:
        message = install_fails(mode="REINSTALL", requirements=str(requirements))
    finally:
        proxy.shutdown()
        proxy.server_close()
    assert "proxy refused" in message and "Proxy" in message
    assert prefs.python == before and env_dirs(root) == dirs


def test_online_access_off_refuses_to_download(prefs, requirements, root) -> None:
    before = prefs.python
    prefs.index_url = "http://127.0.0.1:9/simple"
    bpy.context.preferences.system.use_online_access = False
    try:
        message = install_fails(mode="REINSTALL", requirements=str(requirements))
    finally:
        bpy.context.preferences.system.use_online_access = True
    assert "Allow Online Access" in message and prefs.python == before


def test_too_little_disk_space_is_said_before_anything_is_made(prefs, wheels, root,
                                                                tmp_path) -> None:
    before, dirs = prefs.python, env_dirs(root)
    huge = write_requirements(tmp_path, sizes="download=3MB installed=999999GB")
    os.environ["POSEGPT_FIND_LINKS"] = str(wheels)
    message = install_fails(mode="REINSTALL", requirements=str(huge))
    assert "needs 999999.1 GB free" in message and "which has" in message
    assert prefs.python == before and env_dirs(root) == dirs


def _other_python() -> str | None:
    for name in ("python3.12", "python3.13", "python3.10"):
        for candidate in (*sorted(Path.home().glob(f".pyenv/versions/{name[6:]}*/bin/{name}")),
                          shutil.which(name)):
            if candidate and subprocess.run([str(candidate), "-c", "pass"],
                                            capture_output=True).returncode == 0:
                return str(candidate)
    return None


def test_an_unsupported_python_is_refused_with_the_version_needed(prefs, wheels, root) -> None:
    other = _other_python()
    if other is None:
        pytest.skip("no Python other than 3.11 on this machine to try")
    before, dirs = prefs.python, env_dirs(root)
    prefs.base_python = other
    os.environ["POSEGPT_FIND_LINKS"] = str(wheels)
    message = install_fails(mode="REINSTALL")
    assert "CPython 3.11" in message and other in message and "Base Python" in message
    assert prefs.python == before and env_dirs(root) == dirs


def test_repair_keeps_a_healthy_environment_and_rebuilds_a_broken_one(
        prefs, wheels, requirements, root) -> None:
    os.environ["POSEGPT_FIND_LINKS"] = str(wheels)
    current = prefs.python
    assert bpy.ops.posegpt.worker_install(mode="REPAIR",
                                          requirements=str(requirements)) == {"FINISHED"}
    assert prefs.python == current, "a healthy environment is kept"
    env = we().env_of(current, root)
    shutil.rmtree(next(env.glob("**/site-packages/posegpt_tiny_big")))
    assert bpy.ops.posegpt.worker_install(mode="REPAIR",
                                          requirements=str(requirements)) == {"FINISHED"}
    assert prefs.python != current and imports_tiny(prefs.python) == "1.0"
    assert env_dirs(root) == [we().env_of(prefs.python, root).name]


def test_remove_deletes_the_environment_and_clears_the_worker_python(prefs, root) -> None:
    assert prefs.python and env_dirs(root)
    assert bpy.ops.posegpt.worker_remove() == {"FINISHED"}
    assert prefs.python == "" and not (root / "envs").exists()
    prefs.address = ""  # start our own worker, not attach to one an earlier test left named
    with pytest.raises(RuntimeError, match="press Install Worker"):
        bpy.ops.posegpt.worker_start()
