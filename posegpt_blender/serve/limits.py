"""Input bounds of the worker, and safe decoding of user images (server and `pose --image`)."""
from __future__ import annotations

import base64
import binascii
import contextlib
import ctypes
import functools
import io
import struct
import warnings
import zlib
from typing import Callable, Iterator

import numpy as np
from PIL import Image

MAX_IMAGE_SIDE = 8192
# A PNG is decoded at full size (a JPEG at a reduced scale): its pixels are capped on the header.
MAX_PNG_PIXELS = 40_000_000
# Decoded pictures are reduced to this longest side: the pose model looks at 512 px.
WORK_SIDE = 2048
MAX_QUEUED_REQUESTS = 32  # a model lane's calls waiting or running; more get 503
ALLOWED_IMAGE_FORMATS = ("PNG", "JPEG")

# PIL refuses to decode more pixels than this (a decompression bomb in a small file).
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_SIDE * MAX_IMAGE_SIDE


class InputError(ValueError):
    """Bad user input; `status` and `code` say how the server answers it."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


def decode_base64(data: str) -> bytes:
    """The bytes of base64 text (a data: URL prefix is allowed); InputError if it is not."""
    if data.startswith("data:"):
        data = data.partition(",")[2]
    try:
        return base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InputError(400, "bad_image", f"'image' is not valid base64 ({exc})") from exc


def decode_base64_image(data: str) -> np.ndarray:
    """An RGB uint8 (H, W, 3) array from base64 PNG/JPEG text (a data: URL prefix is allowed)."""
    return decode_image_bytes(decode_base64(data))


def check_image_bytes(raw: bytes) -> None:
    """InputError unless raw is a PNG/JPEG that decode_image_bytes would decode within its
    limits: reads the header (and counts a PNG's pixel data), decodes no pixel."""
    with _opened(raw):
        pass


def decode_image_bytes(raw: bytes, checked: bool = False) -> np.ndarray:
    """An RGB uint8 (H, W, 3) array from PNG/JPEG bytes, refusing anything unsafe or odd.

    The size is checked on the header before any pixel is decoded; a JPEG is decoded at a
    reduced scale (libjpeg's draft mode) and every picture is reduced to WORK_SIDE, so a
    decoded picture costs at most MAX_PNG_PIXELS * 7 bytes while it is decoded and reduced, and
    WORK_SIDE^2 * 3 bytes afterwards. checked: raw already passed check_image_bytes (the
    server checks a picture on arrival), so a PNG's pixel data is not counted again.
    """
    with _opened(raw, count_png_data=not checked) as im:
        if im.format == "PNG":
            rgb = _decode_png(raw)
        else:
            im.draft("RGB", (WORK_SIDE, WORK_SIDE))
            orientation = im.getexif().get(_EXIF_ORIENTATION)
            im.load()
            rgb = im.convert("RGB")
            if orientation in _EXIF_TRANSPOSE:
                rgb = rgb.transpose(_EXIF_TRANSPOSE[orientation])
            rgb = np.asarray(rgb, dtype=np.uint8)
    if rgb.shape[0] == 0 or rgb.shape[1] == 0:
        raise InputError(400, "bad_image", "the image has no pixels")
    if max(rgb.shape[:2]) > WORK_SIDE:
        reduced = Image.fromarray(rgb)
        reduced.thumbnail((WORK_SIDE, WORK_SIDE), Image.Resampling.LANCZOS, reducing_gap=2.0)
        rgb = np.asarray(reduced, dtype=np.uint8)
    return rgb


def _decode_png(raw: bytes) -> np.ndarray:
    """A PNG's pixels, EXIF orientation applied, with OpenCV: its libpng decodes the bench's
    1024 px photo in about two thirds of Pillow's time (13 against 19 ms), and refuses pixel
    data that ends early (Pillow fills the missing rows with zeros). The header has passed
    _opened's checks."""
    import cv2  # opencv ships with mediapipe

    try:
        rgb = cv2.imdecode(np.frombuffer(raw, np.uint8), cv2.IMREAD_COLOR_RGB)
    except cv2.error as exc:
        raise InputError(400, "bad_image", f"the image cannot be decoded ({exc})") from exc
    if rgb is None:
        raise InputError(400, "bad_image", "the image cannot be decoded: its PNG data is "
                         "truncated or damaged")
    return rgb


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim  # glibc
    except (OSError, AttributeError):
        return None


def release_freed_memory() -> None:
    """Hand freed heap memory back to the OS (glibc; elsewhere nothing): glibc keeps the
    blocks a large decode freed in its heaps, which would hold the worker's RSS near its peak
    after a burst of pictures."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@contextlib.contextmanager
def _opened(raw: bytes, count_png_data: bool = True) -> Iterator[Image.Image]:
    """The opened (not yet decoded) picture once its header passed every check (and a PNG's
    pixel data was counted, unless count_png_data is False); any failure inside, decoding
    included, becomes an InputError."""
    if not raw:
        raise InputError(400, "bad_image", "the image is empty (0 bytes)")
    try:
        with warnings.catch_warnings():
            # Over MAX_IMAGE_PIXELS PIL only warns (it raises at twice that): make it an error.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw), formats=ALLOWED_IMAGE_FORMATS) as im:
                width, height = im.size
                if width > MAX_IMAGE_SIDE or height > MAX_IMAGE_SIDE:
                    raise InputError(413, "image_too_large",
                                     f"the image is {width}x{height}; the limit is "
                                     f"{MAX_IMAGE_SIDE}x{MAX_IMAGE_SIDE}, scale it down")
                if im.format == "PNG" and width * height > MAX_PNG_PIXELS:
                    raise InputError(413, "image_too_large",
                                     f"the PNG is {width}x{height} ({width * height / 1e6:.0f} "
                                     f"MP); the limit is {MAX_PNG_PIXELS / 1e6:.0f} MP for PNG, "
                                     "scale it down or send a JPEG")
                if getattr(im, "n_frames", 1) > 1:
                    raise InputError(415, "unsupported_image",
                                     "animated images are not supported; send one frame as "
                                     "PNG or JPEG")
                if im.format == "PNG" and count_png_data:
                    _check_png_data(raw, width, height)
                yield im
    except InputError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise InputError(413, "image_too_large", f"the image has too many pixels ({exc})") from exc
    except Image.UnidentifiedImageError as exc:
        raise InputError(415, "unsupported_image",
                         "the image is not a PNG or JPEG file (or it is damaged)") from exc
    except (OSError, SyntaxError, ValueError, EOFError, struct.error, zlib.error) as exc:
        raise InputError(400, "bad_image", f"the image cannot be decoded ({exc})") from exc


_EXIF_ORIENTATION = 0x0112
_EXIF_TRANSPOSE = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
                   4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
                   6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
                   8: Image.Transpose.ROTATE_90}
_PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # by colour type
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2),
          (0, 1, 1, 2))  # (x0, y0, dx, dy) of the interlaced passes


def _check_png_data(raw: bytes, width: int, height: int) -> None:
    """InputError unless the PNG's pixel data fills the picture its header declares.

    Pillow leaves rows a zlib stream never reached as zeros, so a few hundred bytes could
    declare a full-size picture. The data is inflated here in 1 MB steps, counting only.
    """
    depth, colour, interlace = raw[24], raw[25], raw[28]
    bits = depth * _PNG_CHANNELS.get(colour, 4)
    if interlace:
        passes = [((width - x0 + dx - 1) // dx, (height - y0 + dy - 1) // dy)
                  for x0, y0, dx, dy in _ADAM7]
    else:
        passes = [(width, height)]
    expected = sum(h * (1 + (w * bits + 7) // 8) for w, h in passes if w > 0 and h > 0)
    inflater, got, pos = zlib.decompressobj(), 0, 8
    view = memoryview(raw)
    while pos + 8 <= len(raw) and got < expected and not inflater.eof:
        length, kind = struct.unpack(">I4s", view[pos:pos + 8])
        if kind == b"IDAT":
            data = view[pos + 8:pos + 8 + length]
            while data and got < expected and not inflater.eof:
                got += len(inflater.decompress(data, 1 << 20))
                data = inflater.unconsumed_tail
        elif kind == b"IEND":
            break
        pos += 12 + length
    if got < expected:
        raise InputError(400, "bad_image", f"the image cannot be decoded: its PNG pixel data "
                         f"ends early ({got} of {expected} bytes; the file is truncated or "
                         "damaged)")
