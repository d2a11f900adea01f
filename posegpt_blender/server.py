"""The worker's HTTP API (FastAPI): routes, JSON errors and the OpenAPI schema."""
from __future__ import annotations

import json
import math
import sys
import time
import traceback
from typing import Any, Callable

import numpy as np
from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from core.pose import PoseFormatError, SmplPose

from . import __version__
from .body_joints import BodyJoints
from .api_models import (ERRORS, ApiError, DescribeRequest, DescribeResponse, Health,
                         PoseRequest, error_response)
from .guard import Guard
from .limits import (InputError, check_image_bytes, decode_base64, decode_image_bytes,
                     release_freed_memory)
from .model_host import ModelHost, run_job
from .models.base import NoPersonError, PoseModel, PoseResult


def create_app(host: ModelHost, token: str, body: BodyJoints | None = None) -> Any:
    """The ASGI app: routes inside the auth/size Guard; answers' joints are body's (the
    project skeleton's by default)."""
    body = body or BodyJoints()
    app = FastAPI(title="PoseGPT worker", version=__version__, docs_url=None, redoc_url=None,
                  description="Text and images to SMPL poses for the PoseGPT Blender add-on. "
                  "Every route needs 'Authorization: Bearer <token>'.")

    @app.exception_handler(ApiError)
    async def _api_error(_req: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_req: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, "invalid_request", _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_req: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code,
                                                                 f"http_{exc.status_code}")
        return error_response(exc.status_code, code, str(exc.detail), exc.headers)

    @app.exception_handler(Exception)
    async def _internal(_req: Request, exc: Exception) -> JSONResponse:
        traceback.print_exception(exc, file=sys.stderr)
        return error_response(500, "internal_error",
                               f"internal error in the worker ({exc.__class__.__name__}: {exc})")

    @app.get("/v1/health", response_model=Health, responses=ERRORS)
    async def health() -> dict:
        """Whether the model is loaded, which one, on which device, and which body's joints
        the answers carry."""
        return {**host.health(), "body": body.name}

    @app.post("/v1/pose", responses={**ERRORS, 200: {"description": "The pose schema of "
              "core/pose.py plus 'timings' (ms), 'notes', and 'poses' for a sequence"}})
    async def pose(req: PoseRequest, request: Request) -> dict:
        """A pose from a description and/or a picture of one person."""
        start = time.perf_counter()
        raw = None
        if req.image is not None:
            try:  # the header only, to refuse a bad picture before it takes a queue slot
                raw = await run_in_threadpool(_checked_image, req.image)
            except InputError as exc:
                raise ApiError(exc.status, exc.code, str(exc)) from exc
        history = [t.model_dump() for t in req.history or []]
        current = None
        if req.pose is not None:
            try:
                current = SmplPose.from_dict(req.pose.model_dump(exclude_none=True))
            except PoseFormatError as exc:
                raise ApiError(422, "invalid_request", str(exc)) from exc

        def infer(model: PoseModel) -> tuple[PoseResult, float, float, float]:
            # A picture is decoded here, on its lane, once its queue slot is taken: decodes run
            # one at a time, never more than the queue's cap wait, and a text waits for none.
            began = time.perf_counter()
            if raw is not None:
                try:
                    image = decode_image_bytes(raw)
                    decoded = time.perf_counter()
                    result = model.pose_from_image(image, text=req.text or "", history=history)
                finally:
                    image = None
                    release_freed_memory()
            else:
                decoded = began
                result = model.pose_from_text(req.text or "", history=history, pose=current,
                                              count=req.count)
            return result, began, decoded, time.perf_counter()

        try:
            result, began, decoded, ended = await run_job(
                host, request, infer, "text" if raw is None else "picture")
        except InputError as exc:
            raise ApiError(exc.status, exc.code, str(exc)) from exc
        except NoPersonError as exc:
            raise ApiError(422, "no_person", str(exc) or "no person found in the picture") from exc
        answer = pose_body(result, body)
        answer["timings"] = {"decode_ms": _ms(began, decoded), "queue_ms": _ms(start, began),
                           "inference_ms": _ms(decoded, ended),
                           "total_ms": _ms(start, time.perf_counter())}
        return answer

    @app.post("/v1/describe", response_model=DescribeResponse, responses=ERRORS)
    async def describe(req: DescribeRequest, request: Request) -> dict:
        """The pose in words."""
        try:
            smpl = SmplPose.from_dict(req.smpl.model_dump(exclude_none=True))
        except PoseFormatError as exc:
            raise ApiError(422, "invalid_request", str(exc)) from exc
        return {"text": await run_job(host, request, lambda model: model.describe(smpl))}

    app.openapi = _with_bearer(app)
    return Guard(app, token)


def _checked_image(data: str) -> bytes:
    raw = decode_base64(data)
    check_image_bytes(raw)
    return raw


def _validation_message(exc: RequestValidationError) -> str:
    # loc + msg only: echoing the input could send megabytes of base64 back.
    parts = []
    for err in exc.errors()[:5]:
        if err.get("type") == "json_invalid":
            return f"the body is not valid JSON ({err.get('ctx', {}).get('error', 'parse error')})"
        loc = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
        parts.append(f"{loc}: {err.get('msg', 'invalid').removeprefix('Value error, ')}")
    return "; ".join(parts) or "invalid request"


def pose_body(result: PoseResult, body: BodyJoints) -> dict[str, Any]:
    """The /v1/pose answer: the first pose at the top level, all of them in "poses" if several;
    joints on body."""
    if not result.poses:
        raise ApiError(500, "bad_model_output", "the model returned no pose")
    body_joints = body
    joints = body(np.stack([p.rotations() for p in result.poses]),
                  np.stack([p.betas for p in result.poses]))
    dicts = [p.to_dict(result.text, j) for p, j in zip(result.poses, joints)]
    if not all(math.isfinite(v) for d in dicts for v in _numbers(d)):
        raise ApiError(500, "bad_model_output", "the model returned a non-finite pose")
    body = dict(dicts[0], notes=list(result.notes))
    if len(dicts) > 1:
        body["poses"] = dicts
    if result.variations:
        joints = body_joints(np.stack([p.rotations() for p in result.variations]),
                             np.stack([p.betas for p in result.variations]))
        body["variations"] = [p.to_dict(result.text, j)
                              for p, j in zip(result.variations, joints)]
    return body


def _numbers(d: dict) -> list[float]:
    smpl = d["smpl"]
    return [*smpl["global_orient"], *smpl["body_pose"], *smpl["transl"],
            *(c for joint in d["joints"] for c in joint)]


def _ms(a: float, b: float) -> float:
    return round((b - a) * 1000.0, 2)


def _with_bearer(app: FastAPI) -> Callable[[], dict]:
    """app.openapi that also declares the bearer scheme every route requires."""
    original = app.openapi

    def openapi() -> dict:
        schema = original()
        schema.setdefault("components", {})["securitySchemes"] = {
            "bearer": {"type": "http", "scheme": "bearer"}}
        schema["security"] = [{"bearer": []}]
        return schema
    return openapi


def announce(tag: str, payload: dict) -> None:
    """One machine-readable line on stdout (read by core.worker_process)."""
    print(f"{tag} {json.dumps(payload)}", flush=True)

