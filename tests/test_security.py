"""Security properties the worker's own tests leave out: static checks of the source (no eval,
no pickle, constant-time token checks, no request value used as a path), the discovery file
under a hostile umask, loopback rules, odd methods, oversized headers, and path-like inputs.
"""
from __future__ import annotations

import ast
import base64
import os
import socket
import stat
from pathlib import Path

import pytest

from conftest import REPO_ROOT, RunningWorker, start_worker
from test_worker_api import assert_error, call

WORKER_SOURCES = sorted((REPO_ROOT / "posegpt_blender").rglob("*.py")) + sorted(
    (REPO_ROOT / "core").glob("*.py"))
SERVE = REPO_ROOT / "posegpt_blender" / "serve"
# The modules a request's values flow through before the model (see server.py's routes).
REQUEST_PATH_MODULES = ["server.py", "guard.py", "limits.py", "api_models.py", "model_host.py",
                        "connections.py"]


def parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def dotted(node: ast.AST) -> str:
    """'a.b.c' for a Name/Attribute chain, '' otherwise."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value) or '?'}.{node.attr}"  # x().eval is '?.eval', not eval
    return ""


def calls(tree: ast.AST) -> list[tuple[str, ast.Call]]:
    return [(dotted(n.func), n) for n in ast.walk(tree) if isinstance(n, ast.Call)]


def keyword(call: ast.Call, name: str) -> object:
    for kw in call.keywords:
        if kw.arg == name:
            return kw.value.value if isinstance(kw.value, ast.Constant) else kw.value
    return None


def test_sources_were_found() -> None:
    names = {p.name for p in WORKER_SOURCES}
    assert {"server.py", "guard.py", "pose.py", "client.py"} <= names


FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "pickle.load", "pickle.loads",
                   "marshal.loads", "marshal.load", "shelve.open", "yaml.load",
                   "yaml.unsafe_load", "dill.load", "dill.loads", "joblib.load",
                   "cloudpickle.load", "cloudpickle.loads", "pd.read_pickle",
                   "pandas.read_pickle", "os.system"}
FORBIDDEN_IMPORTS = {"pickle", "marshal", "shelve", "dill", "cloudpickle", "joblib"}


@pytest.mark.parametrize("path", WORKER_SOURCES, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_no_eval_or_unpickling_in_worker_and_core(path: Path) -> None:
    tree = parsed(path)
    bad = [f"line {c.lineno}: {name}()" for name, c in calls(tree) if name in FORBIDDEN_CALLS]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            bad += [f"line {node.lineno}: import {a.name}" for a in node.names
                    if a.name.split(".")[0] in FORBIDDEN_IMPORTS]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in \
                FORBIDDEN_IMPORTS:
            bad.append(f"line {node.lineno}: from {node.module} import")
    for name, c in calls(tree):
        tail = name.rsplit(".", 1)[-1]
        if tail == "load" and name.split(".")[0] in ("np", "numpy") and \
                keyword(c, "allow_pickle") is not False:
            bad.append(f"line {c.lineno}: {name}() without allow_pickle=False")
        if name in ("torch.load",) and keyword(c, "weights_only") is not True:
            bad.append(f"line {c.lineno}: torch.load() without weights_only=True")
        if tail == "from_pretrained" and keyword(c, "trust_remote_code") not in (None, False):
            bad.append(f"line {c.lineno}: from_pretrained(trust_remote_code=...)")
        if name == "subprocess.Popen" or name.startswith("subprocess."):
            if keyword(c, "shell") not in (None, False):
                bad.append(f"line {c.lineno}: {name}(shell=...)")
    assert not bad, f"{path.relative_to(REPO_ROOT)}: " + "; ".join(bad)


SECRET_NAMES = {"token", "expected", "secret", "authorization", "auth", "api_key", "password"}


def _secret_operand(node: ast.AST) -> bool:
    for sub in ast.walk(node):
        name = sub.id if isinstance(sub, ast.Name) else sub.attr if isinstance(
            sub, ast.Attribute) else sub.value if isinstance(sub, ast.Constant) else None
        if isinstance(name, bytes):
            name = name.decode(errors="replace")
        if isinstance(name, str) and (name.lower() in SECRET_NAMES
                                      or (name.endswith("_token") and name.islower())):
            return True
    return False


@pytest.mark.parametrize("path", WORKER_SOURCES, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_secrets_are_never_compared_with_eq(path: Path) -> None:
    # == on a token leaks its prefix through timing; hmac.compare_digest does not.
    bad = []
    for node in ast.walk(parsed(path)):
        if isinstance(node, ast.Compare) and any(isinstance(op, (ast.Eq, ast.NotEq, ast.In))
                                                 for op in node.ops):
            operands = [node.left, *node.comparators]
            secret = [o for o in operands if _secret_operand(o)]
            if secret and not any(isinstance(o, ast.Constant) and o.value in ("", None)
                                  for o in operands) and "len(" not in ast.unparse(node):
                bad.append(f"line {node.lineno}: {ast.unparse(node)}")
    assert not bad, f"{path.relative_to(REPO_ROOT)}: " + "; ".join(bad)


def test_the_guard_checks_the_token_with_compare_digest() -> None:
    names = [name for name, _ in calls(parsed(SERVE / "guard.py"))]
    assert "hmac.compare_digest" in names


FILE_CALLS = {"open", "Path", "pathlib.Path", "os.open", "os.remove", "os.unlink", "os.listdir",
              "os.scandir", "shutil.rmtree", "shutil.copy", "np.load", "torch.load",
              "Image.open", "load_pose_file", "load_npz", "load_json", "load_model"}


@pytest.mark.parametrize("name", REQUEST_PATH_MODULES)
def test_request_handling_opens_no_path(name: str) -> None:
    """Nothing on a request's way opens a file by name; images are opened from memory only."""
    bad = []
    for func, c in calls(parsed(SERVE / name)):
        if func not in FILE_CALLS and not func.endswith((".read_text", ".read_bytes",
                                                         ".write_text", ".open")):
            continue
        if func == "Image.open" and c.args and dotted(c.args[0].func if isinstance(
                c.args[0], ast.Call) else c.args[0]) in ("io.BytesIO", "BytesIO"):
            continue  # decoding bytes held in memory
        if func == "load_model" and name == "model_host.py":
            continue  # the --model given on the command line, once, at start
        bad.append(f"line {c.lineno}: {ast.unparse(c)[:80]}")
    assert not bad, f"{name}: " + "; ".join(bad)


@pytest.mark.parametrize("value", ["/etc/passwd", "../../../../etc/passwd", "file:///etc/passwd",
                                   "data:,/etc/passwd", "C:\\Windows\\win.ini",
                                   "\\\\server\\share\\pose.png", "~/.ssh/id_rsa"])
def test_path_like_inputs_are_data_not_paths(worker_server: RunningWorker, value: str) -> None:
    status, body, _ = call(worker_server, "POST", "/v1/pose", {"image": value, "text": value})
    assert 400 <= status < 500 and "root:" not in str(body), body
    encoded = base64.b64encode(value.encode()).decode()
    assert_error(call(worker_server, "POST", "/v1/pose", {"image": encoded}), 415,
                 "unsupported_image")


@pytest.mark.parametrize("method", ["OPTIONS", "HEAD", "TRACE", "PUT", "DELETE", "PATCH"])
@pytest.mark.parametrize("path", ["/v1/health", "/../../etc/passwd", "/openapi.json?x=1",
                                  "/docs/oauth2-redirect", "/redoc"])
def test_any_method_and_path_without_the_token_is_401(worker_server: RunningWorker, method: str,
                                                      path: str) -> None:
    with socket.create_connection(("127.0.0.1", worker_server.port), timeout=30) as sock:
        sock.sendall(f"{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                     .encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    assert data.split()[1] == b"401", data[:200]


def test_an_oversized_header_is_refused_not_crashing(worker_server: RunningWorker) -> None:
    head = (f"GET /v1/health HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {worker_server.token}"
            f"\r\nX-Big: {'a' * 1_000_000}\r\nConnection: close\r\n\r\n").encode()
    with socket.create_connection(("127.0.0.1", worker_server.port), timeout=30) as sock:
        try:
            sock.sendall(head)
            data = sock.recv(65536)
        except (ConnectionResetError, BrokenPipeError):
            data = b""  # the server hung up on it: also a refusal
    assert not data or 400 <= int(data.split()[1]) < 500, data[:200]
    assert worker_server.client(timeout=10).health()["version"]


def test_discovery_file_is_0600_under_a_permissive_umask(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from core.worker_process import read_discovery, write_discovery
    monkeypatch.setenv("POSEGPT_CONFIG_DIR", str(tmp_path / "cfg"))
    old = os.umask(0)
    try:
        (tmp_path / "cfg").mkdir()
        stale = tmp_path / "cfg" / "worker.json"
        stale.write_text("{}")
        stale.chmod(0o666)  # a world-readable file from an older version
        path = write_discovery("127.0.0.1", 5, "s" * 32, 42)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert read_discovery(path)["token"] == "s" * 32


@pytest.mark.parametrize("host,loopback", [
    ("127.0.0.1", True), ("127.5.6.7", True), ("::1", True), ("localhost", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.10", False), ("10.0.0.1", False),
    ("example.com", False), ("127.0.0.1.nip.io", False), ("", False)])
def test_only_loopback_hosts_count_as_loopback(host: str, loopback: bool) -> None:
    from posegpt_blender.serve.runner import is_loopback
    assert is_loopback(host) is loopback


def test_allow_remote_still_needs_the_token() -> None:
    worker = start_worker("--host", "0.0.0.0", "--allow-remote", "--model", "default")
    try:
        assert_error(call(worker, "GET", "/v1/health", token="nope"), 401, "unauthorized")
        assert call(worker, "GET", "/v1/health")[0] == 200
    finally:
        worker.stop()
