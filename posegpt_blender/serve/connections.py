"""uvicorn's h11 protocol with a deadline on each request's head (slowloris): a connection that
has not sent a complete request line and headers within HEADER_TIMEOUT_S of opening (or of its
previous answer) is closed, and at most MAX_WAITING_CONNECTIONS may wait for their heads at once
(the longest-waiting ones are closed first), so stalled connections cannot use up the process's
file descriptors. No token is needed to open a connection; this bounds what one costs."""
from __future__ import annotations

import asyncio

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT_S = 10.0
MAX_WAITING_CONNECTIONS = 64
EVICTION_DELAY_S = 0.1
WANTED_FILE_DESCRIPTORS = 4096


class HeadTimeoutProtocol(H11Protocol):
    """H11Protocol that closes connections whose request head is late (see the module)."""

    # Connections waiting for a request head, oldest first (dicts keep insertion order); one
    # server a process, so a class attribute.
    waiting: dict["HeadTimeoutProtocol", asyncio.TimerHandle] = {}
    eviction: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._wait_for_head()

    def connection_lost(self, exc: Exception | None) -> None:
        self._head_arrived()
        super().connection_lost(exc)

    def handle_events(self) -> None:
        super().handle_events()
        if self.conn.their_state is not h11.IDLE:  # a request head was parsed
            self._head_arrived()

    def on_response_complete(self) -> None:
        if not self.transport.is_closing():
            self._wait_for_head()  # a kept-alive connection owes its next head in time too
        super().on_response_complete()  # may parse a pipelined head, which disarms the timer

    def _wait_for_head(self) -> None:
        self._head_arrived()
        cls = HeadTimeoutProtocol
        cls.waiting[self] = self.loop.call_later(HEADER_TIMEOUT_S, self._head_late)
        if len(cls.waiting) > MAX_WAITING_CONNECTIONS and cls.eviction is None:
            # Later, not now: a burst of accepted connections runs connection_made for all of
            # them before any reads, so a client that sent its head at once (health) could be
            # taken for a stalled one.
            cls.eviction = self.loop.call_later(EVICTION_DELAY_S, cls.evict)

    @classmethod
    def evict(cls) -> None:
        """Close the longest-waiting connections while more than the cap wait."""
        cls.eviction = None
        while len(cls.waiting) > MAX_WAITING_CONNECTIONS:
            next(iter(cls.waiting))._head_late()

    def _head_arrived(self) -> None:
        timer = HeadTimeoutProtocol.waiting.pop(self, None)
        if timer is not None:
            timer.cancel()

    def _head_late(self) -> None:
        self._head_arrived()
        self.transport.close()


def raise_file_limit(wanted: int = WANTED_FILE_DESCRIPTORS) -> None:
    """Lift the soft limit on open files towards wanted (never above the hard limit)."""
    try:
        import resource
    except ImportError:  # Windows: no such limit to lift
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
