"""The worker's HTTP API against a real worker process: auth, bounds, errors, schema.

These run whether or not the default model is trained: validation and auth come before the
model. Tests that need poses are in test_worker_model.py.
"""
from __future__ import annotations

import base64
import http.client
import io
import json
import socket

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from conftest import RunningWorker
from core.client import WorkerError
from core.pose import SmplPose
from core.protocol import (MAX_BODY_BYTES, MAX_HISTORY_MESSAGES, MAX_TEXT_CHARS,
                           MAX_UPLOAD_FILE_BYTES, MAX_VARIATIONS)

MB = 1024 * 1024


def call(worker: RunningWorker, method: str, path: str, body: bytes | dict | None = None,
         token: str | None = "", headers: dict | None = None) -> tuple[int, dict, dict]:
    """(status, JSON body, headers) of one raw request; token "" means the right one."""
    conn = http.client.HTTPConnection("127.0.0.1", worker.port, timeout=60)
    hdrs = dict(headers or {})
    if token is not None:
        hdrs["Authorization"] = f"Bearer {token or worker.token}"
    if isinstance(body, dict):
        body = json.dumps(body).encode()
        hdrs.setdefault("Content-Type", "application/json")
    try:
        conn.request(method, path, body=body, headers=hdrs)
        resp = conn.getresponse()
        return resp.status, json.loads(resp.read()), dict(resp.getheaders())
    finally:
        conn.close()


def assert_error(result: tuple[int, dict, dict], status: int, code: str | None = None,
                 words: str = "") -> None:
    got, body, _ = result
    assert got == status, body
    assert set(body) == {"error"} and isinstance(body["error"]["message"], str), body
    assert body["error"]["message"].strip(), body
    if code:
        assert body["error"]["code"] == code, body
    assert words.lower() in body["error"]["message"].lower(), body


def png(width: int, height: int, **save: object) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), (90, 120, 150)).save(buf, "PNG", **save)
    return buf.getvalue()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def raw_exchange(worker: RunningWorker, head: bytes, chunks: list[bytes]) -> tuple[int, dict]:
    """Send a hand-made request (headers, then body pieces) and parse the answer."""
    with socket.create_connection(("127.0.0.1", worker.port), timeout=30) as sock:
        sock.sendall(head)
        for chunk in chunks:
            sock.sendall(chunk)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    header, _, body = data.partition(b"\r\n\r\n")
    return int(header.split()[1]), json.loads(body)


ROUTES = [("GET", "/v1/health", None), ("POST", "/v1/pose", {"text": "wave"}),
          ("POST", "/v1/describe", {"smpl": SmplPose().to_dict()["smpl"]}),
          ("GET", "/openapi.json", None), ("GET", "/docs", None), ("GET", "/no-such-route", None),
          ("POST", "/v1/video", {"video": "AAAA"}), ("GET", "/v1/video/abc", None),
          ("DELETE", "/v1/video/abc", None)]


def test_health_answers_at_once(worker_server: RunningWorker) -> None:
    health = worker_server.client().health()
    assert isinstance(health["ready"], bool)
    assert health["model"] and health["device"] and health["version"] == "0.1.0"


@pytest.mark.parametrize("method,path,body", ROUTES)
@pytest.mark.parametrize("token", [None, "wrong-token", "Bearer"])
def test_every_route_needs_the_token(worker_server: RunningWorker, method: str, path: str,
                                     body: dict | None, token: str | None) -> None:
    result = call(worker_server, method, path, body, token=token)
    assert_error(result, 401, "unauthorized", "Authorization: Bearer")
    assert result[2].get("www-authenticate") == "Bearer"


def test_a_token_prefix_or_other_case_is_refused(worker_server: RunningWorker) -> None:
    assert_error(call(worker_server, "GET", "/v1/health", token=worker_server.token[:-1]), 401)
    lower = {"Authorization": f"bearer {worker_server.token}"}
    assert_error(call(worker_server, "GET", "/v1/health", token=None, headers=lower), 401)


def test_openapi_schema_documents_routes_bounds_and_auth(worker_server: RunningWorker) -> None:
    status, schema, _ = call(worker_server, "GET", "/openapi.json")
    assert status == 200
    assert {"/v1/health", "/v1/pose", "/v1/describe"} <= set(schema["paths"])
    assert schema["security"] == [{"bearer": []}]
    props = schema["components"]["schemas"]["PoseRequest"]["properties"]
    text = next(s for s in props["text"]["anyOf"] if s.get("type") == "string")
    history = next(s for s in props["history"]["anyOf"] if s.get("type") == "array")
    assert text["maxLength"] == MAX_TEXT_CHARS and history["maxItems"] == MAX_HISTORY_MESSAGES


def test_unknown_route_and_wrong_method_are_json(worker_server: RunningWorker) -> None:
    assert_error(call(worker_server, "GET", "/v1/nothing"), 404, "not_found")
    assert_error(call(worker_server, "GET", "/v1/pose"), 405, "method_not_allowed")


def test_body_over_the_cap_by_content_length_is_refused_unread(worker_server: RunningWorker
                                                             ) -> None:
    head = (f"POST /v1/pose HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {worker_server.token}"
            f"\r\nContent-Type: application/json\r\nContent-Length: {MAX_BODY_BYTES + MB}\r\n"
            "Connection: close\r\n\r\n").encode()
    status, body = raw_exchange(worker_server, head, [])  # not one body byte is sent
    assert status == 413 and body["error"]["code"] == "too_large"
    assert f"{MAX_BODY_BYTES // MB} MB" in body["error"]["message"]


def test_streamed_body_over_the_cap_is_cut_off(worker_server: RunningWorker) -> None:
    head = (f"POST /v1/pose HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {worker_server.token}"
            "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
            "Connection: close\r\n\r\n").encode()
    piece = b"x" * MB
    chunk = f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
    # Exactly one byte too many, and nothing after it: the server reads all that was sent.
    status, body = raw_exchange(worker_server, head,
                                [chunk] * (MAX_BODY_BYTES // MB) + [b"1\r\nx\r\n"])
    assert status == 413 and body["error"]["code"] == "too_large"


@pytest.mark.parametrize("payload,words", [
    ({"text": "x" * (MAX_TEXT_CHARS + 1)}, f"{MAX_TEXT_CHARS} characters"),
    ({"text": "wave", "history": [{"role": "user", "text": "hi"}] * (MAX_HISTORY_MESSAGES + 1)},
     f"{MAX_HISTORY_MESSAGES} items"),
    ({"text": "wave", "history": [{"role": "system", "text": "hi"}]}, "history.0.role"),
    ({"text": "wave", "history": [{"role": "user", "text": "x" * (MAX_TEXT_CHARS + 1)}]},
     f"{MAX_TEXT_CHARS} characters"),
    ({"text": 123}, "valid string"),
    ({"text": ["wave"]}, "valid string"),
    ({"image": 5}, "valid string"),
    ({"text": "wave", "history": "hi"}, "valid list"),
    ({}, "send 'text'"),
    ({"text": "   "}, "send 'text'"),
    ({"text": "wave", "unexpected": 1}, "unexpected"),
    ({"text": "wave", "count": MAX_VARIATIONS + 1}, f"less than or equal to {MAX_VARIATIONS}"),
    ({"text": "wave", "count": 0}, "greater than or equal to 1"),
    ({"text": "wave", "count": "2"}, "valid integer"),
])
def test_pose_request_bounds_and_types(worker_server: RunningWorker, payload: dict,
                                       words: str) -> None:
    assert_error(call(worker_server, "POST", "/v1/pose", payload), 422, "invalid_request", words)


@pytest.mark.parametrize("body,words", [
    (b"{not json", "not valid JSON"), (b"[1, 2]", "valid dictionary"), (b"", "")])
def test_malformed_json_is_422(worker_server: RunningWorker, body: bytes, words: str) -> None:
    result = call(worker_server, "POST", "/v1/pose", body,
                  headers={"Content-Type": "application/json"})
    assert_error(result, 422, "invalid_request", words)


def _animated_png() -> bytes:
    buf = io.BytesIO()
    frames = [Image.new("RGB", (8, 8), c) for c in ((255, 0, 0), (0, 255, 0))]
    frames[0].save(buf, "PNG", save_all=True, append_images=frames[1:])
    return buf.getvalue()


def _gif() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buf, "GIF")
    return buf.getvalue()


@pytest.mark.parametrize("image,status,code,words", [
    ("@@not base64@@", 400, "bad_image", "base64"),
    (b64(b""), 400, "bad_image", "empty"),
    (b64(png(64, 64)[:60]), 400, "bad_image", "cannot be decoded"),
    (b64(b"hello, not a picture"), 415, "unsupported_image", "PNG or JPEG"),
    (b64(_gif()), 415, "unsupported_image", "PNG or JPEG"),
    (b64(_animated_png()), 415, "unsupported_image", "animated"),
    (b64(png(9000, 2)), 413, "image_too_large", "8192"),
    (b64(png(2, 8193)), 413, "image_too_large", "8192"),
])
def test_bad_images_get_a_4xx_that_says_why(worker_server: RunningWorker, image: str,
                                            status: int, code: str, words: str) -> None:
    result = call(worker_server, "POST", "/v1/pose", {"image": image})
    assert_error(result, status, code, words)


@pytest.mark.parametrize("smpl,words", [
    ({"global_orient": [0, 0, 0], "body_pose": [0.0] * 68}, "at least 69"),
    ({"global_orient": [0, 0], "body_pose": [0.0] * 69}, "at least 3"),
    ({"global_orient": [0, 0, "x"], "body_pose": [0.0] * 69}, "valid number"),
    ({"global_orient": [0, 0, True], "body_pose": [0.0] * 69}, "valid number"),
    ({"body_pose": [0.0] * 69}, "global_orient"),
    ({"global_orient": [0, 0, 0], "body_pose": [0.0] * 69, "betas": [0.0] * 11}, "at most 10"),
    ({"global_orient": [0, 0, 0], "body_pose": [0.0] * 69, "hands": [1]}, "hands"),
])
def test_describe_validates_the_pose(worker_server: RunningWorker, smpl: dict,
                                     words: str) -> None:
    assert_error(call(worker_server, "POST", "/v1/describe", {"smpl": smpl}), 422,
                 "invalid_request", words)


def test_describe_refuses_nan(worker_server: RunningWorker) -> None:
    body = b'{"smpl": {"global_orient": [NaN, 0, 0], "body_pose": [' + b", ".join(
        [b"0"] * 69) + b"]}}"
    result = call(worker_server, "POST", "/v1/describe", body,
                  headers={"Content-Type": "application/json"})
    assert_error(result, 422, "invalid_request", "finite")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner,
                                                                 max_size=4),
    max_leaves=12)


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(route=st.sampled_from(["/v1/pose", "/v1/describe"]),
       body=st.fixed_dictionaries({}, optional={
           "text": JSON_VALUES, "image": JSON_VALUES, "history": JSON_VALUES,
           "smpl": JSON_VALUES, "extra": JSON_VALUES}))
def test_fuzzed_bodies_never_get_a_5xx_other_than_not_ready(worker_server: RunningWorker,
                                                             route: str, body: dict) -> None:
    status, answer, _ = call(worker_server, "POST", route, body)
    if status == 200:
        return
    assert 400 <= status < 500 or (status == 503 and answer["error"]["code"] in (
        "loading", "model_unavailable", "busy")), (status, answer)
    assert answer["error"]["message"].strip()


def test_client_refuses_a_body_over_the_limit_before_sending(worker_server: RunningWorker
                                                            ) -> None:
    with pytest.raises(WorkerError) as big:
        worker_server.client().pose(image=b"\xff" * (MAX_UPLOAD_FILE_BYTES + MB))
    assert big.value.code == "too_large" and "smaller" in str(big.value)
