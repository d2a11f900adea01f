"""Input bounds of the worker, and safe decoding of user images (server and `pose --image`)."""
from __future__ import annotations

import base64
import binascii
import io
import warnings

import numpy as np
from PIL import Image, ImageOps

from core.client import MAX_VARIATIONS  # noqa: F401 (the protocol's one definition)

MAX_BODY_BYTES = 20 * 1024 * 1024
MAX_TEXT_CHARS = 2000
MAX_HISTORY_TURNS = 32
MAX_IMAGE_SIDE = 8192
# A base64 image can use nearly the whole body; the JSON around it is small.
MAX_IMAGE_B64_CHARS = MAX_BODY_BYTES
MAX_QUEUED_REQUESTS = 32
ALLOWED_IMAGE_FORMATS = ("PNG", "JPEG")

# PIL refuses to decode more pixels than this (a decompression bomb in a small file).
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_SIDE * MAX_IMAGE_SIDE


class InputError(ValueError):
    """Bad user input; `status` and `code` say how the server answers it."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


def decode_base64_image(data: str) -> np.ndarray:
    """An RGB uint8 (H, W, 3) array from base64 PNG/JPEG text (a data: URL prefix is allowed)."""
    if data.startswith("data:"):
        data = data.partition(",")[2]
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InputError(400, "bad_image", f"'image' is not valid base64 ({exc})") from exc
    return decode_image_bytes(raw)


def decode_image_bytes(raw: bytes) -> np.ndarray:
    """An RGB uint8 (H, W, 3) array from PNG/JPEG bytes, refusing anything unsafe or odd."""
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
                if getattr(im, "n_frames", 1) > 1:
                    raise InputError(415, "unsupported_image",
                                     "animated images are not supported; send one frame as "
                                     "PNG or JPEG")
                im.load()
                rgb = ImageOps.exif_transpose(im).convert("RGB")
    except InputError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise InputError(413, "image_too_large", f"the image has too many pixels ({exc})") from exc
    except Image.UnidentifiedImageError as exc:
        raise InputError(415, "unsupported_image",
                         "the image is not a PNG or JPEG file (or it is damaged)") from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise InputError(400, "bad_image", f"the image cannot be decoded ({exc})") from exc
    if rgb.width == 0 or rgb.height == 0:
        raise InputError(400, "bad_image", "the image has no pixels")
    return np.asarray(rgb, dtype=np.uint8)
