"""A model hub on loopback speaking the parts of the Hugging Face Hub's HTTP API that
huggingface_hub's snapshot_download uses: repository info, the recursive file tree, and
HEAD/GET on resolve URLs with ranges. Tests point HF_ENDPOINT at it; nothing leaves the machine.

`cut_once` names files whose first GET stops half-way (the connection drops); `stall_once`
files whose first GET sends half and then hangs (the client gets killed: a cancelled download).
"""
from __future__ import annotations

import hashlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMMIT = "c0ffee" + "0" * 34


class FakeHub:
    def __init__(self, repos: dict[str, dict[str, bytes]]) -> None:
        self.repos = repos
        self.cut_once: set[str] = set()
        self.stall_once: set[str] = set()  # first GET sends half, then waits for `release`
        self.release = threading.Event()
        self.claimed: dict[str, int] = {}  # sizes the file tree states instead of the real ones
        self.requests: list[tuple[str, str, str]] = []  # (method, path, Range header)
        self.raw_headers: list[dict] = []
        hub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args: object) -> None:
                pass

            def do_HEAD(self) -> None:
                hub._serve(self, head=True)

            def do_GET(self) -> None:
                hub._serve(self, head=False)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @classmethod
    def from_folders(cls, folders: dict[str, Path]) -> "FakeHub":
        """Repositories holding the files of local folders (repo id -> folder)."""
        return cls({repo: {str(p.relative_to(folder)): p.read_bytes()
                           for p in sorted(Path(folder).rglob("*")) if p.is_file()}
                    for repo, folder in folders.items()})

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # -- routes ---------------------------------------------------------------------------
    def _serve(self, req: BaseHTTPRequestHandler, head: bool) -> None:
        path = unquote(urlsplit(req.path).path)
        self.requests.append((req.command, path, req.headers.get("Range", "")))
        self.raw_headers.append(dict(req.headers))
        if path.startswith("/api/models/"):
            rest = path[len("/api/models/"):].rstrip("/")
            for marker in ("/revision/", "/tree/"):
                if marker in rest or (marker == "/revision/" and rest.count("/") == 1):
                    repo = rest.split(marker)[0]
                    if repo not in self.repos:
                        return self._json(req, {"error": "Repository not found"}, 404,
                                          {"X-Error-Code": "RepoNotFound"})
                    files = self.repos[repo]
                    if marker == "/revision/":
                        return self._json(req, {"id": repo, "modelId": repo, "sha": COMMIT,
                                                "private": False, "siblings": [
                                                    {"rfilename": f} for f in files]})
                    return self._json(req, [{"type": "file", "path": f,
                                             "size": self.claimed.get(f, len(data)),
                                             "oid": hashlib.sha1(data).hexdigest()}
                                            for f, data in files.items()])
        if "/resolve/" in path:
            repo, rest = path.lstrip("/").split("/resolve/", 1)
            filename = rest.split("/", 1)[1] if "/" in rest else ""
            data = self.repos.get(repo, {}).get(filename)
            if data is None:
                return self._json(req, {"error": "Entry not found"}, 404,
                                  {"X-Error-Code": "EntryNotFound"})
            return self._file(req, filename, data, head)
        return self._json(req, {"error": "not found"}, 404)

    def _json(self, req: BaseHTTPRequestHandler, body: object, status: int = 200,
              headers: dict[str, str] | None = None) -> None:
        raw = json.dumps(body).encode()
        req.send_response(status)
        req.send_header("Content-Type", "application/json")
        req.send_header("Content-Length", str(len(raw)))
        for k, v in (headers or {}).items():
            req.send_header(k, v)
        req.end_headers()
        if req.command != "HEAD":
            req.wfile.write(raw)

    def _file(self, req: BaseHTTPRequestHandler, filename: str, data: bytes, head: bool) -> None:
        start = 0
        ranged = req.headers.get("Range", "")
        if ranged.startswith("bytes="):
            start = int(ranged[len("bytes="):].split("-")[0] or 0)
        body = data[start:]
        req.send_response(206 if start else 200)
        req.send_header("Content-Length", str(len(body)))
        req.send_header("ETag", f'"{hashlib.sha1(data).hexdigest()}"')
        req.send_header("X-Repo-Commit", COMMIT)
        req.send_header("Accept-Ranges", "bytes")
        if start:
            req.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        req.end_headers()
        if head:
            return
        if filename in self.stall_once and not start:
            self.stall_once.discard(filename)
            req.wfile.write(body[:len(body) // 2])
            req.wfile.flush()
            self.release.wait(60)  # the client is killed meanwhile (a cancelled download)
            req.close_connection = True
            return
        if filename in self.cut_once and not start:
            self.cut_once.discard(filename)
            req.wfile.write(body[:len(body) // 2])
            req.wfile.flush()
            req.close_connection = True
            req.connection.shutdown(2)  # the transfer breaks mid-file
            return
        req.wfile.write(body)
