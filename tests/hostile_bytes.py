"""Files written byte by byte, with headers and streams an encoder will not produce: PNGs
(decompression bombs, data that ends early, 48-bit pixels) and .npz pose files that declare huge
arrays. For the tests and tools/hardening_check.py."""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import numpy as np


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def raw_png(width: int, height: int, bit_depth: int, color_type: int, rows: bytes,
            level: int = -1) -> bytes:
    """A PNG of these header values whose one IDAT chunk is rows compressed at zlib's level."""
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr)
            + png_chunk(b"IDAT", zlib.compress(rows, level)) + png_chunk(b"IEND", b""))


def grey_png(width: int, height: int, rows: int) -> bytes:
    """A grey PNG whose zlib stream (complete and valid) holds only `rows` rows of pixels."""
    return raw_png(width, height, 8, 0, (b"\x00" + b"\x80" * width) * rows, level=9)


def npz_member(archive: zipfile.ZipFile, name: str, shape: tuple, dtype: str = "<f8",
               data_bytes: int | None = None) -> None:
    """Write name.npy declaring shape, followed by data_bytes zero bytes (default: all of
    them), streamed in 1 MB pieces so that nothing holds the array."""
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(header, {"descr": dtype, "fortran_order": False,
                                                  "shape": shape})
    total = int(np.prod(shape)) * np.dtype(dtype).itemsize if data_bytes is None else data_bytes
    with archive.open(name + ".npy", "w", force_zip64=True) as m:
        m.write(header.getvalue())
        piece = bytes(1 << 20)
        for start in range(0, total, len(piece)):
            m.write(piece[:min(len(piece), total - start)])


def hostile_npz(path: Path, **members: tuple) -> Path:
    """An .npz at path with a member per keyword: (shape,) or (shape, dtype[, data_bytes])."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, spec in members.items():
            npz_member(archive, name, *spec)
    return path
