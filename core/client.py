"""HTTP client of the PoseGPT worker (stdlib only: it runs inside Blender's Python)."""
from __future__ import annotations

import base64
import http.client
import json
import socket
from typing import Any
from urllib.parse import urlsplit

from .pose import PoseFormatError, SmplPose
from .protocol import MAX_BODY_BYTES, MAX_UPLOAD_FILE_BYTES, MIN_TOKEN_CHARS, TOKEN_ENV, check_count
from .skeleton import NUM_JOINTS

RESTART_HINT = "Restart it from the PoseGPT panel; the scene was not changed."


def token_problem(token: str) -> str:
    """Why token cannot be a worker's bearer token, as a predicate ("is too short ..."), or ""
    when it can: printable ASCII (what an HTTP header carries unchanged), no space at either
    end (HTTP strips it, so it could never match), at least MIN_TOKEN_CHARS long."""
    bad = next((i for i, c in enumerate(token) if not " " <= c <= "~"), None)
    if bad is not None:
        return (f"has a character outside printable ASCII (at position {bad + 1}); use "
                "letters, digits and punctuation")
    if token.startswith(" ") or token.endswith(" "):
        return "starts or ends with a space, which HTTP drops"
    if len(token) < MIN_TOKEN_CHARS:
        return f"is too short ({len(token)} characters; use at least {MIN_TOKEN_CHARS})"
    return ""


class WorkerError(RuntimeError):
    """A failed worker call. `code` is machine-readable, `status` the HTTP status (0 if none)."""

    def __init__(self, code: str, message: str, status: int = 0) -> None:
        super().__init__(message)
        self.code = code
        self.status = status


class WorkerClient:
    """Talks to one worker at base_url (http://host:port) with its bearer token."""

    def __init__(self, base_url: str, token: str, timeout: float = 60.0) -> None:
        parts = urlsplit(base_url)
        if parts.scheme != "http" or not parts.hostname or parts.port is None:
            raise ValueError(f"worker URL must look like http://127.0.0.1:PORT, got {base_url!r}")
        self.base_url = base_url.rstrip("/")
        self.host, self.port = parts.hostname, parts.port
        self.token = token
        self.timeout = timeout

    def health(self) -> dict:
        """{"ready", "model", "device", "version"} (and "error" when loading failed)."""
        return self._request("GET", "/v1/health")

    def pose(self, text: str | None = None, image: bytes | None = None,
             history: list[dict] | None = None, pose: dict | None = None,
             count: int = 1, person: int | None = None, facing: str | None = None) -> dict:
        """The pose schema dict (see core.pose) for a description and/or a PNG/JPEG image;
        pose (an "smpl" dict, the rig's current pose) makes the text an edit of it; count > 1
        asks for that many different answers ("variations"); person picks who in a picture is
        posed (numbered from the left; the answer's "people" lists their boxes); facing
        ("camera"/"away") says which way they face, when known."""
        if text is None and image is None:
            raise ValueError("pose() needs text, an image, or both")
        body: dict[str, Any] = {}
        if text is not None:
            body["text"] = text
        if image is not None:
            body["image"] = base64.b64encode(image).decode("ascii")
        if history:
            body["history"] = history
        if pose is not None:
            body["pose"] = pose
        if count != 1:
            check_count(count)
            body["count"] = count
        if person is not None:
            body["person"] = person
        if facing is not None:
            body["facing"] = facing
        return self._request("POST", "/v1/pose", body)

    def describe(self, smpl: dict) -> str:
        """The pose (its "smpl" dict) in words."""
        answer = self._request("POST", "/v1/describe", {"smpl": smpl})
        text = answer.get("text")
        if not isinstance(text, str):
            raise WorkerError("bad_response", "the worker's describe answer has no text; "
                              "is the worker the same version as the add-on?")
        return text

    def video_start(self, video: bytes, start: int = 0, end: int | None = None,
                    stride: int = 1) -> str:
        """Start posing a video clip's frames [start, end) every stride-th; the job's id."""
        body: dict[str, Any] = {"video": base64.b64encode(video).decode("ascii"),
                                "start": start, "stride": stride}
        if end is not None:
            body["end"] = end
        job = self._request("POST", "/v1/video", body).get("job")
        if not isinstance(job, str) or not job.isalnum():
            raise WorkerError("bad_response", "the worker's video answer has no job id; is the "
                              "worker the same version as the add-on?")
        return job

    def video_status(self, job: str) -> dict:
        """{"done": False, "progress"} while it runs; when done the /v1/pose answer of the
        sequence plus "frames" and "fps" (the job's error is raised as WorkerError)."""
        return self._request("GET", f"/v1/video/{job}")

    def video_cancel(self, job: str) -> None:
        """Stop the job and forget it."""
        self._request("DELETE", f"/v1/video/{job}")

    def _request(self, method: str, path: str, body: dict | None = None) -> dict:
        problem = token_problem(self.token)
        if problem:
            raise WorkerError("bad_token", f"The worker token {problem}: no worker can have "
                              f"it. Set the worker's token (its {TOKEN_ENV}) in Preferences > "
                              "Add-ons > PoseGPT, or restart the worker from the PoseGPT panel.")
        payload = None if body is None else json.dumps(body).encode("utf-8")
        if payload is not None and len(payload) > MAX_BODY_BYTES:
            raise WorkerError("too_large", f"the request is {len(payload) / 2**20:.1f} MB; the "
                              f"worker accepts {MAX_BODY_BYTES // 2**20} MB (a picture of about "
                              f"{MAX_UPLOAD_FILE_BYTES // 2**20} MB): use a smaller or more compressed picture.")
        headers = {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        if payload is not None:
            headers["Content-Type"] = "application/json"
        conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            conn.request(method, path, body=payload, headers=headers)
            response = conn.getresponse()
            status, raw = response.status, response.read()
        except ConnectionRefusedError as exc:
            raise WorkerError("not_running", f"The PoseGPT worker is not running at "
                              f"{self.base_url}. Start it from the PoseGPT panel.") from exc
        except (socket.timeout, TimeoutError) as exc:
            raise WorkerError("timeout", f"The PoseGPT worker did not answer within "
                              f"{self.timeout:g} s; it may be busy or stuck. Try again, or "
                              "restart it from the PoseGPT panel.") from exc
        except (ConnectionError, http.client.HTTPException, OSError) as exc:
            # Reset, broken pipe or a half response: the process went away mid-request.
            raise WorkerError("crashed", "The PoseGPT worker stopped while answering (it may "
                              f"have crashed: {exc.__class__.__name__}). " + RESTART_HINT) from exc
        finally:
            conn.close()
        return _decode(status, raw)


def _decode(status: int, raw: bytes) -> dict:
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        data = None
    if not isinstance(data, dict):
        raise WorkerError("bad_response", f"the worker answered HTTP {status} with something "
                          "that is not a JSON object; is something else using this port?", status)
    if 200 <= status < 300:
        return data
    error = data.get("error") if isinstance(data.get("error"), dict) else {}
    code = str(error.get("code") or f"http_{status}")
    message = str(error.get("message") or f"the worker answered HTTP {status}")
    if status == 401:
        message += ". The token does not match this worker: re-attach or restart it from the " \
                   "PoseGPT panel."
    elif status == 503 and code == "loading":
        message += ". Wait until the panel says the worker is ready."
    raise WorkerError(code, message, status)


def poses_from_response(resp: dict, key: str = "poses") -> list[SmplPose]:
    """The poses in a /v1/pose answer (key "poses": a sequence, or "variations": different
    answers; the top-level pose when absent), validated."""
    try:
        items = resp[key] if isinstance(resp, dict) and key in resp else [resp]
        if not isinstance(items, list) or not items:
            raise PoseFormatError(f'"{key}" must be a non-empty list')
        poses = []
        for item in items:
            joints = item.get("joints") if isinstance(item, dict) else None
            if joints is not None and (not isinstance(joints, list) or len(joints) != NUM_JOINTS
                                       or any(not isinstance(j, list) or len(j) != 3
                                              for j in joints)):
                raise PoseFormatError(f'"joints" must be {NUM_JOINTS} [x, y, z] triples')
            poses.append(SmplPose.from_dict(item))
        return poses
    except PoseFormatError as exc:
        raise WorkerError("bad_response", f"the worker's answer is not a valid pose ({exc}); is "
                          "the worker the same version as the add-on?") from exc
