"""The worker's HTTP API (FastAPI): routes, JSON errors and the OpenAPI schema."""
from __future__ import annotations

import base64
import binascii
import inspect
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

from .. import __version__
from ..body.body_joints import BodyJoints
from ..models.base import NoPersonError, PoseModel, PoseResult
from .api_models import (ERRORS, ApiError, DescribeRequest, DescribeResponse, Health,
                         PoseRequest, VideoRequest, error_response)
from .guard import Guard
from .limits import (InputError, check_image_bytes, decode_base64, decode_image_bytes,
                     release_freed_memory)
from .model_host import ModelHost, run_job
from .video_jobs import VideoJob, VideoJobs


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
                takes = inspect.signature(model.pose_from_image).parameters
                if req.person is not None and "person" not in takes:
                    raise ApiError(422, "unsupported",
                                   f"the model '{model.name}' cannot choose a person")
                # facing is a hint: a model that cannot use it answers without it.
                chosen = {k: v for k, v in (("person", req.person), ("facing", req.facing))
                          if v is not None and k in takes}
                try:
                    image = decode_image_bytes(raw, checked=True)  # _checked_image did
                    decoded = time.perf_counter()
                    result = model.pose_from_image(image, text=req.text or "", history=history,
                                                   **chosen)
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

    videos = VideoJobs()

    @app.post("/v1/video", status_code=202, responses={**ERRORS, 202: {"description":
              "{'job': id}: poll GET /v1/video/{id}, cancel with DELETE"}})
    async def video(req: VideoRequest) -> dict:
        """Start posing the most prominent person of a video clip, one pose a frame."""
        try:
            data = base64.b64decode(req.video, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ApiError(400, "bad_video", f"'video' is not valid base64 ({exc})") from exc
        job = videos.new(data)
        if job is None:
            raise ApiError(429, "too_many_jobs", "other video jobs are still running: wait for "
                           "them or cancel them first", {"Retry-After": "2"})

        def infer(model: PoseModel) -> Any:
            if not hasattr(model, "pose_from_video"):
                raise ApiError(422, "unsupported", f"the model '{model.name}' does not read video")
            return model.pose_from_video(job.path, req.start, req.end, req.stride,
                                         progress=job.report)

        try:  # on the picture lane: it runs the picture fit, and text need not wait for it
            job.future = host.submit(infer, "picture")
        except ApiError:
            videos.drop(job.id)
            raise
        job.future.add_done_callback(job.finish)
        return {"job": job.id}

    @app.get("/v1/video/{job_id}", responses=ERRORS)
    async def video_status(job_id: str) -> dict:
        """{'done', 'progress'} while it runs; when done the poses (as /v1/pose answers a
        sequence) plus 'frames', 'fps', or the error. A finished job is then forgotten."""
        job = _video_job(videos, job_id)
        if not job.future.done():
            return {"done": False, "progress": job.progress}
        videos.drop(job_id)
        return {"done": True, "progress": 1.0, **_video_answer(job, body)}

    @app.delete("/v1/video/{job_id}", responses=ERRORS)
    async def video_cancel(job_id: str) -> dict:
        """Stop the job (after the frame it is on) and forget it."""
        _video_job(videos, job_id)
        videos.drop(job_id)
        return {"cancelled": True}

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


def _video_job(videos: VideoJobs, job_id: str) -> VideoJob:
    job = videos.get(job_id)
    if job is None or job.future is None:
        raise ApiError(404, "not_found", "no such video job (finished jobs are forgotten once "
                       "fetched)")
    return job


def _video_answer(job: VideoJob, body: BodyJoints) -> dict[str, Any]:
    """A finished job's poses, or raises its error as the API's error."""
    from ..models.video_pose import Cancelled, VideoError

    try:
        clip = job.future.result()
    except ApiError:
        raise
    except VideoError as exc:
        raise ApiError(422, "bad_video", str(exc)) from exc
    except NoPersonError as exc:
        raise ApiError(422, "no_person", str(exc)) from exc
    except Cancelled as exc:
        raise ApiError(499, "cancelled", "the video job was cancelled") from exc
    notes = []
    if clip.turned:
        notes.append("the detector read the body turned around in most frames: kept one "
                     "facing across the clip")
    if clip.missed:
        notes.append(f"no person in {clip.missed} frames: they hold the previous pose")
    text = f"{len(clip.poses)} frames posed"
    answer = pose_body(PoseResult(clip.poses, text, notes), body)
    answer["poses"] = answer.get("poses") or [{k: v for k, v in answer.items()
                                               if k in ("smpl", "joints", "text")}]
    return dict(answer, frames=clip.frames, fps=clip.fps)


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
    if result.people:
        body["people"] = [{"box": box} for box in result.people]
        body["person"] = result.person
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

