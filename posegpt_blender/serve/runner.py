"""`serve`: bind, announce, load the model in the background, serve, and die with the parent."""
from __future__ import annotations

import ipaddress
import os
import secrets
import signal
import socket
import sys
import threading
import time
from typing import Callable

import uvicorn

from core.client import token_problem
from core.protocol import FAILED, LISTENING, READY, TOKEN_ENV
from core.worker_process import remove_discovery, write_discovery

from ..body.body_joints import BodyJoints
from ..models.registry import check_spec
from .connections import HeadTimeoutProtocol, raise_file_limit
from .model_host import ModelHost
from .server import announce, create_app

class ServeError(RuntimeError):
    """The worker cannot start as asked (the message says why); exit code 2."""


def is_loopback(host: str) -> bool:
    """True for localhost and loopback IP literals (127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A listening socket; connections queue in the backlog until uvicorn accepts them."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
    except OSError as exc:
        raise ServeError(f"cannot use host '{host}': {exc}") from exc
    try:
        if os.name != "nt":  # on Windows SO_REUSEADDR would let two workers share a port
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc} (is another "
                         "worker using this port? --port 0 picks a free one)") from exc
    return sock


def serve(host: str, port: int, model: str, device: str, allow_remote: bool,
          parent_pid: int | None, smpl_model: str | None = None,
          quantize: str | None = None) -> int:
    """Run the worker until SIGINT/SIGTERM or until parent_pid exits; answers carry the joints
    of smpl_model (the user's SMPL/SMPL-X .npz) when given; quantize ("4bit"/"8bit") loads a
    large model with bitsandbytes."""
    if not is_loopback(host) and not allow_remote:
        raise ServeError(f"refusing to listen on non-loopback host '{host}': other machines "
                         "could reach the worker. Pass --allow-remote to do it on purpose (the "
                         "token is still required).")
    token = os.environ.get(TOKEN_ENV, "")
    generated = not token
    if generated:
        token = secrets.token_urlsafe(32)
    elif token_problem(token):
        raise ServeError(f"{TOKEN_ENV} {token_problem(token)} (e.g. python -c 'import secrets; "
                         "print(secrets.token_urlsafe(32))')")
    check_spec(model, quantize)  # a typo fails here, at once, not after a bind and a slow import
    if quantize:  # so does a machine that cannot run bitsandbytes
        from ..models.quantize import check_quantize
        from ..models.registry import resolve_device
        check_quantize(quantize, resolve_device(device))
    body = load_body(smpl_model)
    model_host = ModelHost(model, device, quantize=quantize)
    app = create_app(model_host, token, body)
    raise_file_limit()
    sock = bind(host, port)
    bound_port = sock.getsockname()[1]
    pid = os.getpid()
    if generated:
        path = write_discovery(host, bound_port, token, pid)
        print(f"posegpt worker: token and address written to {path}", file=sys.stderr, flush=True)
    announce(LISTENING, {"host": host, "port": bound_port, "pid": pid})
    model_host.start(on_ready=lambda info: announce(READY, info),
                     on_failed=lambda error: announce(FAILED, {"error": error}))
    server = uvicorn.Server(uvicorn.Config(app, http=HeadTimeoutProtocol, log_level="warning",
                                           access_log=False, lifespan="off",
                                           timeout_graceful_shutdown=3))
    if parent_pid:
        watch_parent(parent_pid, lambda: setattr(server, "should_exit", True))
    # uvicorn re-raises SIGTERM after its graceful shutdown; make that an exit that runs finally.
    signal.signal(signal.SIGTERM, _exit_on_signal)
    try:
        server.run(sockets=[sock])
    finally:
        if generated:
            remove_discovery(pid)
    return 0


def load_body(smpl_model: str | None) -> BodyJoints:
    """The body whose joints answers carry; ServeError naming the file when it is unusable."""
    from core.smpl_model import SmplModelError

    try:
        return BodyJoints(smpl_model)
    except (OSError, SmplModelError) as exc:
        raise ServeError(f"--smpl-model: {exc}") from exc


def _exit_on_signal(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def watch_parent(pid: int, on_exit: Callable[[], None], period: float = 1.0) -> None:
    """Call on_exit once process pid has exited (checked every period seconds)."""
    was_parent = os.name != "nt" and os.getppid() == pid

    def watch() -> None:
        # Reparenting is the reliable sign on POSIX: a dead parent's pid may be reused.
        while (os.getppid() == pid) if was_parent else _alive(pid):
            time.sleep(period)
        print(f"posegpt worker: parent process {pid} has exited; stopping", file=sys.stderr,
              flush=True)
        on_exit()
    threading.Thread(target=watch, daemon=True, name="posegpt-parent-watch").start()


def _alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process on Windows
        import ctypes
        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x00100000, False, pid)  # SYNCHRONIZE
        if not handle:
            return False
        try:
            return kernel32.WaitForSingleObject(handle, 0) == 0x102  # WAIT_TIMEOUT: running
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
