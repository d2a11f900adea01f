"""The worker API's request/response models (their bounds document the OpenAPI schema), errors."""
from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator

from core.pose import MAX_ABS

from core.protocol import (MAX_HISTORY_MESSAGES, MAX_TEXT_CHARS, MAX_UPLOAD_B64_CHARS,
                           MAX_VARIATIONS)


class ApiError(Exception):
    """An error answered as {"error": {"code", "message"}} with the given status."""

    def __init__(self, status: int, code: str, message: str,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers



def error_response(status: int, code: str, message: str,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    """The one shape of every error: {"error": {"code", "message"}}."""
    return JSONResponse({"error": {"code": code, "message": message}}, status, headers=headers)


Text = Annotated[str, Field(strict=True, max_length=MAX_TEXT_CHARS)]
# Bounded as well as finite, like the pose files (core.pose.MAX_ABS): larger values overflow
# the kinematics downstream.
Finite = Annotated[float, Field(strict=True, allow_inf_nan=False, ge=-MAX_ABS, le=MAX_ABS)]


class Turn(BaseModel):
    """One earlier turn of the conversation."""

    model_config = ConfigDict(extra="forbid")
    role: Literal["user", "assistant"]
    text: Text


class SmplIn(BaseModel):
    """SMPL parameters: axis-angle rotations in SMPL's frame, shape and translation."""

    model_config = ConfigDict(extra="forbid")
    global_orient: Annotated[list[Finite], Field(min_length=3, max_length=3)]
    body_pose: Annotated[list[Finite], Field(min_length=69, max_length=69)]
    betas: Annotated[list[Finite], Field(min_length=10, max_length=10)] | None = None
    transl: Annotated[list[Finite], Field(min_length=3, max_length=3)] | None = None


class PoseRequest(BaseModel):
    """A description, a picture (base64 PNG/JPEG), or both; history gives earlier turns; pose,
    the rig's current pose, makes the text an edit of it ("raise the left arm", "mirror it");
    person picks who in a picture of several people is posed."""

    model_config = ConfigDict(extra="forbid")
    text: Text | None = None
    image: Annotated[str, Field(strict=True, max_length=MAX_UPLOAD_B64_CHARS)] | None = None
    history: Annotated[list[Turn], Field(max_length=MAX_HISTORY_MESSAGES)] | None = None
    pose: SmplIn | None = None
    count: Annotated[int, Field(strict=True, ge=1, le=MAX_VARIATIONS)] = Field(
        1, description="how many different poses to answer for a description (they all keep "
        "what it names); the first is the top-level pose, all are in 'variations'")
    # Which person of the picture to pose, numbered from the left from 0 (default: the largest).
    person: Annotated[int, Field(strict=True, ge=0, le=100)] | None = None
    # Which way that person faces, when the caller knows (Blender rendering its own rig).
    facing: Literal["camera", "away"] | None = None

    @model_validator(mode="after")
    def _needs_input(self) -> "PoseRequest":
        if self.image is None and not (self.text and self.text.strip()):
            raise ValueError("send 'text' (a description), 'image' (base64 PNG/JPEG) or both")
        return self


class VideoRequest(BaseModel):
    """A video file (base64; any format OpenCV reads: MP4, AVI, MOV...) and the frames to read:
    [start, end) every stride-th."""

    model_config = ConfigDict(extra="forbid")
    video: Annotated[str, Field(strict=True, min_length=1, max_length=MAX_UPLOAD_B64_CHARS)]
    start: Annotated[int, Field(strict=True, ge=0, le=10_000_000)] = 0
    end: Annotated[int, Field(strict=True, ge=1, le=10_000_000)] | None = None
    stride: Annotated[int, Field(strict=True, ge=1, le=1000)] = 1


class DescribeRequest(BaseModel):
    """The pose to put in words."""

    model_config = ConfigDict(extra="forbid")
    smpl: SmplIn


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorResponse(BaseModel):
    error: ErrorBody


class Health(BaseModel):
    ready: bool
    model: str
    device: str
    version: str
    queued: int = Field(description="model calls waiting or running")
    served: int = Field(description="model calls run since start")
    body: str = Field(description="whose joints the answers carry: 'skeleton' (the project's) "
                      "or the SMPL/SMPL-X model file's name (--smpl-model)")
    error: str | None = None
    dtype: str | None = Field(None, description="the language model's precision "
                              "(float32, bfloat16), for the large models")
    quantize: str | None = Field(None, description="'none', '4bit' or '8bit' (bitsandbytes)")
    memory: dict[str, float] | None = Field(None, description="MB held: process_rss_mb, and "
                                            "gpu_allocated_mb, gpu_peak_mb, gpu_total_mb on cuda")


class DescribeResponse(BaseModel):
    text: str


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse, "description": why} for code, why in (
        (400, "Malformed input, e.g. an undecodable image"), (401, "Missing or wrong token"),
        (413, "Body or image too large"), (415, "Not a PNG/JPEG image"),
        (422, "Invalid request, or no person in the picture"),
        (503, "Model loading, unavailable, or queue full (see Retry-After)"))}

