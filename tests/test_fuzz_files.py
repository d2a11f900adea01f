"""Users' files fuzzed: pictures (worker's decoder, and the server's answer) and SMPL .npz/.json.

Every input either loads into the documented form or is refused with the module's own error
(InputError with a 4xx status, PoseFormatError) whose message says what is wrong: never another
exception, never an unpickled object. Cases the worker engineer's tests already cover (plain
odd modes, GIF, APNG, a 1-bit bomb, empty/garbage base64) are not repeated here.
"""
from __future__ import annotations

import base64
import io
import json
import struct
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from PIL import Image

from conftest import RunningWorker
from core.pose import (Z_UP_TO_Y_UP, PoseFormatError, SmplPose, load_json, load_npz,
                       load_pose_file)
from core.rotations import axis_angle_to_matrix
from hostile_bytes import raw_png
from posegpt_blender.serve.limits import MAX_IMAGE_SIDE, InputError, decode_image_bytes
from test_worker_api import assert_error, call

FUZZ = settings(max_examples=300, deadline=None, database=None, derandomize=True,
                suppress_health_check=list(HealthCheck))


# ---------------------------------------------------------------- pictures

def encode(image: Image.Image, fmt: str, **kw: object) -> bytes:
    buf = io.BytesIO()
    image.save(buf, fmt, **kw)
    return buf.getvalue()


def jpeg_with_size(width: int, height: int) -> bytes:
    """A real JPEG whose SOF0 header claims width x height (the scan data stays 16x16)."""
    raw = bytearray(encode(Image.new("RGB", (16, 16), (10, 200, 30)), "JPEG"))
    sof = raw.index(b"\xff\xc0")
    raw[sof + 5:sof + 9] = struct.pack(">HH", height, width)
    return bytes(raw)


def rgb16_png() -> bytes:
    row = b"\x00" + struct.pack(">HHH", 65535, 32768, 0) * 4
    return raw_png(4, 3, 16, 2, row * 3)


def animated_gif() -> bytes:
    frames = [Image.new("P", (8, 8), i) for i in range(3)]
    return encode(frames[0], "GIF", save_all=True, append_images=frames[1:])


SAMPLE_PNG = encode(Image.radial_gradient("L").convert("RGB").resize((48, 32)), "PNG")
SAMPLE_JPEG = encode(Image.radial_gradient("L").convert("RGB").resize((48, 32)), "JPEG",
                     progressive=True)

DECODED = [  # (bytes, (height, width)): odd encodings that must become RGB uint8
    (rgb16_png(), (3, 4)),
    (raw_png(5, 2, 16, 6, (b"\x00" + b"\xff\xff\x00\x00\x12\x34\x80\x00" * 5) * 2), (2, 5)),
    (raw_png(3, 3, 1, 0, b"\x00\xa0" * 3), (3, 3)),  # 1-bit grayscale
    (encode(Image.new("P", (6, 4), 1), "PNG", transparency=1), (4, 6)),  # palette + tRNS
    (encode(Image.new("CMYK", (7, 5), (0, 0, 0, 255)), "JPEG", progressive=True), (5, 7)),
    (SAMPLE_JPEG, (32, 48)),
]

REFUSED = [  # (bytes, accepted status(es), words in the message)
    (raw_png(100_000, 100_000, 8, 2, b""), 413, "limit"),
    (raw_png(MAX_IMAGE_SIDE + 1, 1, 8, 2, b"\x00" + b"\x00" * 3 * (MAX_IMAGE_SIDE + 1)), 413,
     "limit"),
    (jpeg_with_size(65_000, 65_000), 413, "limit"),
    (raw_png(0, 0, 8, 2, b""), (400, 415), ""),
    (raw_png(4, 4, 8, 2, b"\x00" * 7), 400, "cannot be decoded"),  # IDAT too short
    (SAMPLE_PNG[:8], (400, 415), ""),
    (SAMPLE_JPEG[: len(SAMPLE_JPEG) // 2], 400, "cannot be decoded"),
    (animated_gif(), 415, "PNG or JPEG"),
    (encode(Image.new("RGB", (4, 4)), "BMP"), 415, "PNG or JPEG"),
    (encode(Image.new("RGB", (4, 4)), "TIFF"), 415, "PNG or JPEG"),
    (b"\x00" * 1000, 415, "PNG or JPEG"),
]


@pytest.mark.parametrize("raw,shape", DECODED, ids=["rgb48", "rgba64", "gray1", "palette-trns",
                                                     "cmyk-progressive", "progressive"])
def test_odd_encodings_decode_to_rgb_uint8(raw: bytes, shape: tuple[int, int]) -> None:
    rgb = decode_image_bytes(raw)
    assert rgb.shape == (*shape, 3) and rgb.dtype == np.uint8


REFUSED_IDS = ["100k-png", "8193-png", "65k-jpeg", "0x0-png", "short-idat", "png-signature",
               "half-jpeg", "animated-gif", "bmp", "tiff", "zeros"]


@pytest.mark.parametrize("raw,status,words", REFUSED, ids=REFUSED_IDS)
def test_bad_pictures_are_refused_with_a_reason(raw: bytes, status: int | tuple, words: str
                                                ) -> None:
    with pytest.raises(InputError) as refused:
        decode_image_bytes(raw)
    assert refused.value.status in (status if isinstance(status, tuple) else (status,))
    assert refused.value.code
    assert words.lower() in str(refused.value).lower() and str(refused.value).strip()


@pytest.mark.parametrize("raw,status,words", REFUSED, ids=REFUSED_IDS)
def test_the_server_answers_bad_pictures_with_the_same_4xx(ready_worker: RunningWorker,
                                                           raw: bytes, status: int | tuple,
                                                           words: str) -> None:
    # Refused on the header before the queue, or while decoding on the picture lane.
    result = call(ready_worker, "POST", "/v1/pose",
                  {"image": base64.b64encode(raw).decode(), "text": "same pose"})
    accepted = status if isinstance(status, tuple) else (status,)
    assert result[0] in accepted, result
    assert_error(result, result[0], None, words)


def test_every_truncation_of_a_png_and_a_jpeg_is_refused_or_complete() -> None:
    # Cut after the pixel data (only IEND/EOI lost) may decode, but never to a partial picture.
    for sample in (SAMPLE_PNG, SAMPLE_JPEG):
        whole = decode_image_bytes(sample)
        for end in range(len(sample)):
            try:
                rgb = decode_image_bytes(sample[:end])
            except InputError as exc:
                assert 400 <= exc.status < 500, end
                continue
            assert np.array_equal(rgb, whole), f"{end} of {len(sample)} bytes: partial picture"


@FUZZ
@given(sample=st.sampled_from([SAMPLE_PNG, SAMPLE_JPEG, rgb16_png()]),
       edits=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), min_size=1,
                      max_size=8))
def test_corrupted_pictures_decode_or_get_an_input_error(sample: bytes,
                                                         edits: list[tuple[int, int]]) -> None:
    raw = bytearray(sample)
    for pos, value in edits:
        raw[pos % len(raw)] = value
    try:
        rgb = decode_image_bytes(bytes(raw))
    except InputError as exc:
        assert 400 <= exc.status < 500 and str(exc).strip()
        return
    assert rgb.ndim == 3 and rgb.shape[2] == 3 and rgb.dtype == np.uint8


# ---------------------------------------------------------------- SMPL files

class Unpickled:
    """Unpickling this writes a marker file: proof that a loader unpickled a user's file."""

    marker: Path

    def __reduce__(self) -> tuple:
        return (Path.touch, (self.marker,))


def test_object_arrays_are_refused_and_never_unpickled(tmp_path: Path) -> None:
    Unpickled.marker = tmp_path / "unpickled"
    path = tmp_path / "evil.npz"
    np.savez(path, global_orient=np.zeros(3),
             body_pose=np.array([Unpickled()] * 69, dtype=object))
    with pytest.raises(PoseFormatError, match="not a plain numeric"):
        load_npz(path)
    assert not Unpickled.marker.exists()


def test_a_pickle_renamed_npz_is_refused_unread(tmp_path: Path) -> None:
    import pickle
    Unpickled.marker = tmp_path / "unpickled"
    path = tmp_path / "pose.npz"
    path.write_bytes(pickle.dumps({"body_pose": Unpickled()}))
    with pytest.raises(PoseFormatError):
        load_npz(path)
    assert not Unpickled.marker.exists()


def save(tmp_path: Path, name: str, **arrays: object) -> Path:
    path = tmp_path / name
    np.savez(path, **arrays)
    return path


GOOD = {"global_orient": np.zeros(3), "body_pose": np.zeros(69)}

BAD_NPZ = [  # (arrays, words in the message)
    ({"body_pose": np.zeros(69)}, "global_orient"),
    ({"global_orient": np.zeros(3), "body_pose": np.zeros(68)}, "69"),
    ({"global_orient": np.zeros(4), "body_pose": np.zeros(69)}, "3 values"),
    ({"global_orient": np.zeros((2, 3)), "body_pose": np.zeros((3, 69))}, "2 global"),
    ({**GOOD, "body_pose": np.full(69, np.nan)}, "NaN"),
    ({**GOOD, "global_orient": np.array([0, np.inf, 0])}, "infinite"),
    ({**GOOD, "transl": np.array([0, 0, -np.inf])}, "infinite"),
    ({**GOOD, "betas": np.full(10, np.nan)}, "NaN"),
    ({**GOOD, "body_pose": np.zeros(69, complex)}, "numeric"),
    ({**GOOD, "body_pose": np.zeros(69, bool)}, "numeric"),
    ({**GOOD, "body_pose": np.array(["0"] * 69)}, "numeric"),
    ({**GOOD, "body_pose": np.zeros(69, "datetime64[s]")}, "numeric"),
    ({**GOOD, "transl": np.zeros(4)}, "transl"),
    ({"poses": np.zeros((2, 30))}, "66"),
]


@pytest.mark.parametrize("arrays,words", BAD_NPZ)
def test_bad_npz_arrays_get_a_clear_error(tmp_path: Path, arrays: dict, words: str) -> None:
    with pytest.raises(PoseFormatError, match=words):
        load_npz(save(tmp_path, "bad.npz", **arrays))


def test_extra_keys_and_other_dtypes_load(tmp_path: Path) -> None:
    path = save(tmp_path, "amass_smplx.npz", root_orient=np.ones((2, 3), np.float16),
                pose_body=np.zeros((2, 63), np.int32), trans=np.zeros((2, 3), np.float32),
                betas=np.zeros(16), gender=np.array("neutral"), mocap_framerate=np.array(120.0),
                pose_hand=np.zeros((2, 90)))
    poses = load_npz(path)
    assert len(poses) == 2 and poses[0].body_pose.shape == (69,)
    assert poses[0].global_orient.dtype == np.float64
    upright = Z_UP_TO_Y_UP @ axis_angle_to_matrix(np.ones(3))  # AMASS is Z-up
    np.testing.assert_allclose(axis_angle_to_matrix(poses[1].global_orient), upright, atol=1e-12)


@pytest.mark.parametrize("arrays", [
    pytest.param({"poses": np.zeros(0)}, id="empty-poses"),
    pytest.param({"poses": np.float64(3)}, id="scalar-poses"),
    pytest.param({**GOOD, "betas": np.zeros(0)}, id="empty-betas"),
    pytest.param({"global_orient": np.zeros((0, 3)), "body_pose": np.zeros((0, 69))},
                 id="zero-frames"),
])
def test_empty_and_scalar_arrays_get_a_clear_error(tmp_path: Path, arrays: dict) -> None:
    with pytest.raises(PoseFormatError):
        load_npz(save(tmp_path, "odd.npz", **arrays))


def test_a_npy_named_npz_gets_a_clear_error(tmp_path: Path) -> None:
    np.save(tmp_path / "pose.npy", np.zeros(72))
    (tmp_path / "pose.npy").rename(tmp_path / "pose.npz")
    with pytest.raises(PoseFormatError):
        load_npz(tmp_path / "pose.npz")


def write_json(tmp_path: Path, text: str, name: str = "pose.json") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


ZEROS_69 = json.dumps([0] * 69)
BAD_JSON = [  # (file text, words in the message)
    ("", "cannot read as JSON"),
    ("{", "cannot read as JSON"),
    ("[1, 2, 3]", "JSON object"),
    ('"pose"', "JSON object"),
    ('{"smpl": [1, 2]}', "smpl"),
    ('{"global_orient": [0, 0], "body_pose": %s}' % ZEROS_69, "global_orient"),
    ('{"global_orient": [0, 0, 0], "body_pose": [0]}', "body_pose"),
    ('{"global_orient": [NaN, 0, 0], "body_pose": %s}' % ZEROS_69, "finite"),
    ('{"global_orient": [0, -Infinity, 0], "body_pose": %s}' % ZEROS_69, "finite"),
    ('{"global_orient": [1e999, 0, 0], "body_pose": %s}' % ZEROS_69, "finite"),
    ('{"global_orient": ["0", 0, 0], "body_pose": %s}' % ZEROS_69, "finite numbers"),
    ('{"global_orient": [true, 0, 0], "body_pose": %s}' % ZEROS_69, "finite numbers"),
    ('{"global_orient": [null, 0, 0], "body_pose": %s}' % ZEROS_69, "finite numbers"),
    ('{"global_orient": {"x": 0}, "body_pose": %s}' % ZEROS_69, "global_orient"),
    ('{"poses": [1]}', "JSON object"),
]


@pytest.mark.parametrize("text,words", BAD_JSON)
def test_bad_json_poses_get_a_clear_error(tmp_path: Path, text: str, words: str) -> None:
    with pytest.raises(PoseFormatError, match=words):
        load_json(write_json(tmp_path, text))


def test_non_utf8_json_and_unknown_extensions_are_refused(tmp_path: Path) -> None:
    (tmp_path / "latin.json").write_bytes(b'{"text": "caf\xe9"}')
    with pytest.raises(PoseFormatError, match="cannot read as JSON"):
        load_json(tmp_path / "latin.json")
    with pytest.raises(PoseFormatError, match="unknown pose file type"):
        load_pose_file(tmp_path / "pose.pkl")


def test_json_extra_keys_are_ignored(tmp_path: Path) -> None:
    body = SmplPose().to_dict("text")
    body["smpl"]["left_hand_pose"] = [0.0] * 45
    body["gender"] = "neutral"
    assert len(load_json(write_json(tmp_path, json.dumps(body)))) == 1


@pytest.mark.parametrize("text", [
    pytest.param("[" * 100_000 + "]" * 100_000, id="deep-nesting"),
    pytest.param('{"global_orient": [1%s, 0, 0], "body_pose": %s}' % ("0" * 400, ZEROS_69),
                 id="huge-int"),
    pytest.param('{"poses": []}', id="no-poses"),
])
def test_pathological_json_gets_a_clear_error(tmp_path: Path, text: str) -> None:
    with pytest.raises(PoseFormatError):
        load_json(write_json(tmp_path, text))


ARRAYS = hnp.arrays(
    dtype=st.sampled_from([np.float64, np.float32, np.float16, np.int64, np.uint8, np.bool_,
                           np.complex64, np.dtype("U3")]),
    shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=80))
NPZ_KEYS = st.sampled_from(["global_orient", "root_orient", "body_pose", "pose_body", "betas",
                            "transl", "trans", "poses", "gender", "extra"])


@FUZZ
@given(arrays=st.dictionaries(NPZ_KEYS, ARRAYS, max_size=5))
def test_any_npz_loads_valid_poses_or_gets_a_pose_format_error(tmp_path_factory, arrays: dict
                                                               ) -> None:
    path = tmp_path_factory.mktemp("npz") / "fuzz.npz"
    np.savez(path, **arrays)
    try:
        poses = load_npz(path)
    except PoseFormatError as exc:
        assert str(exc).strip()
        return
    assert poses, "a file with no pose loaded as an empty list"
    for pose in poses:
        assert pose.global_orient.shape == (3,) and pose.body_pose.shape == (69,)
        assert pose.betas.shape == (10,) and pose.transl.shape == (3,)
        assert np.all(np.isfinite(pose.rotations()))


@pytest.mark.parametrize("value", [1e300, -1e200])
def test_huge_finite_angles_are_refused_or_stay_finite(tmp_path: Path, value: float) -> None:
    path = save(tmp_path, "huge.npz", global_orient=np.zeros(3), body_pose=np.full(69, value))
    try:
        poses = load_npz(path)
    except PoseFormatError:
        return
    assert np.all(np.isfinite(poses[0].joints()))
