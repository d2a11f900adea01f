"""Client-side checks of worker answers, and the worker's image decoding, without a process."""
from __future__ import annotations

import copy
import io

import numpy as np
import pytest
from PIL import Image

from core.client import WorkerClient, WorkerError, poses_from_response
from core.pose import SmplPose
from posegpt_blender.serve.limits import InputError, decode_image_bytes
from posegpt_blender.models.registry import ModelSpecError, check_spec, resolve_device

GOOD = SmplPose.from_rotations(np.full((24, 3), 0.1)).to_dict("arms out")


def test_a_valid_answer_and_a_sequence_are_read() -> None:
    assert np.allclose(poses_from_response(GOOD)[0].rotations(), 0.1)
    seq = dict(GOOD, poses=[GOOD, SmplPose().to_dict()])
    assert len(poses_from_response(seq)) == 2


def _broken(mutate) -> dict:
    answer = copy.deepcopy(GOOD)
    mutate(answer)
    return answer


@pytest.mark.parametrize("answer", [
    _broken(lambda a: a["smpl"].update(body_pose=[0.0] * 63)),
    _broken(lambda a: a["smpl"].update(global_orient=[0.0, "x", 0.0])),
    _broken(lambda a: a["smpl"].pop("global_orient")),
    _broken(lambda a: a.update(joints=[[0.0, 0.0, 0.0]] * 22)),
    _broken(lambda a: a.update(joints=[[0.0, 0.0]] * 24)),
    _broken(lambda a: a.update(poses=[])),
    _broken(lambda a: a.update(poses="many")),
    _broken(lambda a: a.update(smpl=[1, 2, 3])),
    ["not", "a", "dict"],
])
def test_wrong_shapes_are_bad_response(answer: object) -> None:
    with pytest.raises(WorkerError) as bad:
        poses_from_response(answer)
    assert bad.value.code == "bad_response" and "same version" in str(bad.value)


def test_client_refuses_a_bad_url_and_empty_request() -> None:
    with pytest.raises(ValueError, match="http://127.0.0.1:PORT"):
        WorkerClient("127.0.0.1:8000", "t")
    with pytest.raises(ValueError, match="needs text"):
        WorkerClient("http://127.0.0.1:9", "t").pose()


def _encode(image: Image.Image, fmt: str, **kw: object) -> bytes:
    buf = io.BytesIO()
    image.save(buf, fmt, **kw)
    return buf.getvalue()


@pytest.mark.parametrize("image,fmt", [
    (Image.new("CMYK", (40, 30), (0, 255, 0, 0)), "JPEG"),
    (Image.new("I;16", (40, 30), 40000), "PNG"),
    (Image.new("LA", (40, 30), (128, 200)), "PNG"),
    (Image.new("P", (40, 30), 3), "PNG"),
    (Image.new("L", (40, 30), 77), "JPEG"),
    (Image.new("RGBA", (40, 30), (1, 2, 3, 0)), "PNG"),
])
def test_odd_image_modes_become_rgb_uint8(image: Image.Image, fmt: str) -> None:
    rgb = decode_image_bytes(_encode(image, fmt))
    assert rgb.shape == (30, 40, 3) and rgb.dtype == np.uint8


def test_exif_rotation_is_applied() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 CW to view": a phone photo held upright
    raw = _encode(Image.new("RGB", (40, 30)), "JPEG", exif=exif.tobytes())
    assert decode_image_bytes(raw).shape == (40, 30, 3)


def test_a_decompression_bomb_is_refused_before_decoding() -> None:
    # A 1-bit PNG makes a file of a few kB from 67 M pixels: refused from its header alone.
    raw = _encode(Image.new("1", (8193, 8193)), "PNG")
    assert len(raw) < 100_000
    with pytest.raises(InputError) as big:
        decode_image_bytes(raw)
    assert big.value.status == 413


def test_model_specs_and_devices_are_checked() -> None:
    check_spec("default")
    with pytest.raises(ModelSpecError, match="unknown model"):
        check_spec("gpt-17")
    with pytest.raises(ModelSpecError, match="unknown device"):
        resolve_device("tpu")
    assert resolve_device("cpu") == "cpu"


def test_a_sequence_answer_has_the_first_pose_on_top_and_all_in_poses() -> None:
    from posegpt_blender.body.body_joints import BodyJoints
    from posegpt_blender.models.base import PoseResult
    from posegpt_blender.serve.server import pose_body

    first, second = SmplPose.from_rotations(np.full((24, 3), 0.2)), SmplPose()
    body = pose_body(PoseResult([first, second], "a sequence", ["note"]), BodyJoints())
    assert body["smpl"] == first.to_dict()["smpl"] and body["notes"] == ["note"]
    assert [p["smpl"] for p in body["poses"]] == [first.to_dict()["smpl"], second.to_dict()["smpl"]]
    read = poses_from_response(body)
    assert len(read) == 2 and np.allclose(read[0].rotations(), 0.2)
    assert body["joints"] == first.to_dict()["joints"]
    assert "poses" not in pose_body(PoseResult([first], "one"), BodyJoints())


@pytest.mark.parametrize("poses", [[], [SmplPose(global_orient=np.array([np.nan, 0.0, 0.0]))]])
def test_a_broken_model_answer_is_a_json_500(poses: list) -> None:
    from posegpt_blender.serve.api_models import ApiError
    from posegpt_blender.body.body_joints import BodyJoints
    from posegpt_blender.models.base import PoseResult
    from posegpt_blender.serve.server import pose_body

    with pytest.raises(ApiError) as bad:
        pose_body(PoseResult(poses, ""), BodyJoints())
    assert bad.value.status == 500 and bad.value.code == "bad_model_output"
