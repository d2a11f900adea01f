"""ASGI guard in front of every route: bearer token (constant time), then a bounded body read.

Reading a body takes an upload slot, so that the bodies held in memory at once are bounded; a
request without a body (health) takes none and is never refused for want of one, and small
bodies (text, describe) have slots of their own, so slow picture uploads cannot starve them.
"""
from __future__ import annotations

import asyncio
import hmac
from typing import Any, Callable

from .api_models import error_response
from core.protocol import MAX_BODY_BYTES

# Bodies being read at once; each may hold up to MAX_BODY_BYTES in memory.
MAX_BODIES_IN_FLIGHT = 16
# Bodies declared at most SMALL_BODY_BYTES long (JSON without a picture) have their own slots.
SMALL_BODY_BYTES = 64 * 1024
MAX_SMALL_BODIES_IN_FLIGHT = 64
BODY_TIMEOUT_S = 60.0  # a client that stops sending mid-body must not hold an upload slot


class Guard:
    """Checks the bearer token on every route, then reads the body with a hard size limit."""

    def __init__(self, app: Any, token: str, max_body: int = MAX_BODY_BYTES) -> None:
        self.app, self.max_body = app, max_body
        self.expected = f"Bearer {token}".encode()
        self.in_flight = {"large": 0, "small": 0}
        self.slots = {"large": MAX_BODIES_IN_FLIGHT, "small": MAX_SMALL_BODIES_IN_FLIGHT}

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        if not hmac.compare_digest(headers.get(b"authorization", b""), self.expected):
            await _send_error(send, 401, "unauthorized", "missing or wrong token: send "
                              "'Authorization: Bearer <token>' (the token the worker was started "
                              "with, or the one in its discovery file)",
                              {"WWW-Authenticate": "Bearer"})
            return
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _send_error(send, 413, "too_large", f"the request body is larger than "
                              f"{self.max_body // (1024 * 1024)} MB")
            return
        if length in (None, b"0") and b"transfer-encoding" not in headers:
            await self.app(scope, receive, send)  # no body: nothing to read, no slot to take
            return
        pool = "small" if length is not None and int(length) <= SMALL_BODY_BYTES else "large"
        if self.in_flight[pool] >= self.slots[pool]:
            await _send_error(send, 503, "busy", "too many uploads at once; retry shortly",
                              {"Retry-After": "1"})
            return
        self.in_flight[pool] += 1
        try:
            body = await asyncio.wait_for(self._read_body(receive), BODY_TIMEOUT_S)
        except asyncio.TimeoutError:
            await _send_error(send, 408, "timeout", f"the request body did not arrive within "
                              f"{BODY_TIMEOUT_S:g} s")
            return
        finally:
            self.in_flight[pool] -= 1
        if body is None:
            await _send_error(send, 413, "too_large", f"the request body is larger than "
                              f"{self.max_body // (1024 * 1024)} MB")
            return
        await self.app(scope, _replay(body, receive), send)

    async def _read_body(self, receive: Callable) -> bytes | None:
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return None  # stop reading: a streamed body cannot exceed the limit in memory
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)


def _replay(body: bytes, receive: Callable) -> Callable:
    sent = False

    async def replay() -> dict:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # after the body: only http.disconnect can come
    return replay


async def _send_error(send: Callable, status: int, code: str, message: str,
                      headers: dict[str, str] | None = None) -> None:
    response = error_response(status, code, message, headers)
    await send({"type": "http.response.start", "status": status,
                "headers": response.raw_headers})
    await send({"type": "http.response.body", "body": response.body})
