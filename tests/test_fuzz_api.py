"""The worker API fuzzed from its own served OpenAPI schema, against a real worker on loopback.

Bodies are drawn from the schema (valid ones, and ones broken one rule at a time: a key dropped,
a wrong type, a bound crossed, an extra key) plus arbitrary JSON, raw bytes, odd methods and
paths. The worker serves a real model (`ready_worker`), so a 503 "loading" cannot hide a bug:
every answer must be a 200 of the documented shape or a 4xx {"error": {"code", "message"}}.
Most cases are refused by validation before the model; the valid ones run the real model.

POSEGPT_FUZZ_CASES sets the number of cases (default 2,000; the long run uses 10,000).
"""
from __future__ import annotations

import http.client
import json
import math
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import RunningWorker

CASES = int(os.environ.get("POSEGPT_FUZZ_CASES", "2000"))
GEN_MAX_CHARS = 64  # strings drawn far below the schema's limits; the limits are tried exactly
GEN_MAX_ITEMS = 6
MAX_BOUND_TRIED = 100_000  # length bounds tried exactly up to this (not the 20 MB image)
REQUEST_TIMEOUT_S = 60.0  # a hang fails the case instead of stalling the run

# Lone surrogates, NUL, RTL marks, emoji: the text a tokenizer or a log line chokes on.
ODD_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=GEN_MAX_CHARS)
NUMBERS = (st.integers(min_value=-(10**30), max_value=10**30)
           | st.floats(allow_nan=False, allow_infinity=False)
           | st.sampled_from([0, -0.0, 1e308, -1e308, 5e-324, 2**53 + 1, 1e-300]))
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | NUMBERS | ODD_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ODD_TEXT, inner, max_size=4),
    max_leaves=10)


class SchemaStrategies:
    """Hypothesis strategies for JSON values that do / do not match an OpenAPI 3.1 schema."""

    def __init__(self, spec: dict) -> None:
        self.components = spec.get("components", {}).get("schemas", {})

    def resolve(self, schema: dict) -> dict:
        while "$ref" in schema:
            schema = self.components[schema["$ref"].rsplit("/", 1)[1]]
        return schema

    def valid(self, schema: dict) -> st.SearchStrategy:
        schema = self.resolve(schema)
        if "anyOf" in schema:
            return st.one_of([self.valid(s) for s in schema["anyOf"]])
        if "enum" in schema:
            return st.sampled_from(schema["enum"])
        if "const" in schema:
            return st.just(schema["const"])
        kind = schema.get("type")
        if kind == "null":
            return st.none()
        if kind == "boolean":
            return st.booleans()
        if kind == "integer":
            return st.integers(-(2**31), 2**31)
        if kind == "number":
            return st.floats(-10.0, 10.0) | st.integers(-10, 10) | st.sampled_from([1e300, -1e300])
        if kind == "string":
            high = schema.get("maxLength", GEN_MAX_CHARS)
            strings = ODD_TEXT.filter(lambda s: len(s) <= high) | st.text(
                max_size=min(high, GEN_MAX_CHARS))
            # The exact bound must pass; the 20 MB image bound is test_worker_api's, not ours.
            return strings | st.just("x" * high) if high <= MAX_BOUND_TRIED else strings
        if kind == "array":
            low, high = schema.get("minItems", 0), schema.get("maxItems")
            items = self.valid(schema.get("items", {}))
            if high is not None and high - low <= GEN_MAX_ITEMS * 20:
                return st.lists(items, min_size=low, max_size=high)
            return st.lists(items, min_size=low, max_size=max(low, GEN_MAX_ITEMS))
        if kind == "object":
            props = schema.get("properties", {})
            required = set(schema.get("required", ()))
            return st.fixed_dictionaries(
                {k: self.valid(v) for k, v in props.items() if k in required},
                optional={k: self.valid(v) for k, v in props.items() if k not in required})
        return JSON_VALUES

    def broken(self, schema: dict) -> st.SearchStrategy:
        """Values that break one rule of schema (at the top or, recursively, inside)."""
        schema = self.resolve(schema)
        options = [JSON_VALUES.filter(lambda v: not isinstance(v, dict))]
        variants = [s for s in schema.get("anyOf", [schema]) if s.get("type") != "null"]
        for sub in variants:
            sub = self.resolve(sub)
            kind = sub.get("type")
            if kind == "string" and sub.get("maxLength", MAX_BOUND_TRIED + 1) <= MAX_BOUND_TRIED:
                options.append(st.just("y" * (sub["maxLength"] + 1)))
            if kind == "array":
                low, high = sub.get("minItems", 0), sub.get("maxItems")
                items = self.valid(sub.get("items", {}))
                if low:
                    options.append(st.lists(items, max_size=low - 1))
                if high is not None:
                    options.append(st.lists(items, min_size=high + 1, max_size=high + 2))
                options.append(st.lists(self.broken(sub.get("items", {})), min_size=1,
                                        max_size=3))
            if kind == "object":
                options.append(self._broken_object(sub))
        return st.one_of(options)

    def _broken_object(self, schema: dict) -> st.SearchStrategy:
        props = schema.get("properties", {})
        valid = self.valid(schema)
        fixes: list[st.SearchStrategy] = [
            st.tuples(valid, ODD_TEXT.filter(lambda k: k not in props), JSON_VALUES)
            .map(lambda t: {**t[0], t[1]: t[2]})]
        for key in schema.get("required", ()):
            fixes.append(valid.map(lambda d, key=key: {k: v for k, v in d.items() if k != key}))
        for key, sub in props.items():
            fixes.append(st.tuples(valid, self.broken(sub))
                         .map(lambda t, key=key: {**t[0], key: t[1]}))
        return st.one_of(fixes)


@pytest.fixture(scope="module")
def spec(ready_worker: RunningWorker) -> dict:
    status, body = request(ready_worker, "GET", "/openapi.json")
    assert status == 200
    return json.loads(body)


def request(worker: RunningWorker, method: str, path: str, body: bytes | None = None,
            headers: dict | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", worker.port, timeout=REQUEST_TIMEOUT_S)
    try:
        conn.request(method, path, body=body, headers={
            "Authorization": f"Bearer {worker.token}", **(headers or {})})
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def json_body(value: Any) -> bytes:
    # allow_nan: the worker must refuse NaN/Infinity tokens itself (Python's json emits them).
    return json.dumps(value, allow_nan=True).encode("utf-8", "surrogatepass")


def cases(spec: dict) -> st.SearchStrategy:
    """(method, path, body bytes or None, headers) for every documented operation and beyond."""
    schemas = SchemaStrategies(spec)
    json_type = {"Content-Type": "application/json"}
    options = []
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            body_schema = (op.get("requestBody", {}).get("content", {})
                           .get("application/json", {}).get("schema"))
            if body_schema is None:
                options.append(st.just((method.upper(), path, None, {})))
                continue
            bodies = (schemas.valid(body_schema).map(json_body)
                      | schemas.broken(body_schema).map(json_body)
                      | st.binary(max_size=128)
                      | st.sampled_from([b"", b"{", b"null", b"[]", b'"x"', b"{}" * 3,
                                         b'{"text": NaN}', b'{"text": "a\\ud800"}',
                                         b"\xff\xfe{}", b'{"text": "wave", "text": 1}',
                                         b"[" * 5000 + b"]" * 5000]))
            content_types = st.sampled_from([json_type, {"Content-Type": "text/plain"}, {},
                                             {"Content-Type": "application/json; charset=latin-1"}])
            options.append(st.tuples(st.just(method.upper()), st.just(path), bodies,
                                     content_types))
            # The same route with another method: 405, not a crash.
            options.append(st.tuples(st.sampled_from(["GET", "PUT", "DELETE", "PATCH"]),
                                     st.just(path), st.none(), st.just({})))
    segment = st.text("abcv1/._%~-", max_size=12)
    options.append(st.tuples(st.sampled_from(["GET", "POST", "OPTIONS", "HEAD"]),
                             segment.map(lambda s: "/" + s), st.none(), st.just({})))
    return st.one_of(options)


def check_answer(method: str, path: str, status: int, raw: bytes) -> None:
    """A 200 of the documented shape, or a 4xx {"error": {"code", "message"}}; never a 5xx."""
    assert status < 500, (status, raw[:500])
    if method == "HEAD":
        return
    body = json.loads(raw)
    if status == 202:  # a video job started (its clip is then refused inside the job)
        assert (method, path) == ("POST", "/v1/video") and body["job"].isalnum(), body
        return
    if status == 200:
        assert path in ("/v1/health", "/v1/pose", "/v1/describe", "/openapi.json"), path
        if path == "/v1/pose":
            numbers = body["smpl"]["global_orient"] + body["smpl"]["body_pose"]
            assert len(numbers) == 72 and all(math.isfinite(v) for v in numbers)
            assert len(body["joints"]) == 24
        elif path == "/v1/describe":
            assert isinstance(body["text"], str)  # an untrained model may say nothing
        elif path == "/v1/health":
            assert body["ready"] is True
        return
    assert 400 <= status < 500, status
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    assert isinstance(body["error"]["code"], str) and body["error"]["code"]
    assert isinstance(body["error"]["message"], str) and body["error"]["message"].strip()


def test_schema_covers_the_routes_fuzzed(spec: dict) -> None:
    operations = {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops}
    assert {("GET", "/v1/health"), ("POST", "/v1/pose"), ("POST", "/v1/describe")} <= operations


def test_fuzzed_requests_get_a_4xx_or_a_valid_answer(ready_worker: RunningWorker,
                                                     spec: dict) -> None:
    seen: dict[int, int] = {}

    @settings(max_examples=CASES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(case=cases(spec))
    def fuzz(case: tuple[str, str, bytes | None, dict]) -> None:
        method, path, body, headers = case
        status, raw = request(ready_worker, method, path, body, headers)
        seen[status] = seen.get(status, 0) + 1
        check_answer(method, path, status, raw)

    fuzz()
    total = sum(seen.values())
    print(f"\nfuzzed {total} requests; answers by status: {dict(sorted(seen.items()))}")
    assert total >= CASES * 0.9  # hypothesis may stop early only when it runs out of new cases
    assert seen.get(200, 0) > 0 and seen.get(422, 0) > 0  # both sides of validation reached
    assert ready_worker.proc.poll() is None, "the worker died during fuzzing"
    assert ready_worker.client(timeout=10).health()["ready"]
