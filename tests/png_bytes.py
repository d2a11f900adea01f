"""PNGs written byte by byte: headers and streams an encoder will not produce (decompression
bombs, data that ends early, 48-bit pixels), for the tests and tools/hardening_check.py."""
from __future__ import annotations

import struct
import zlib


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
