# SPDX-License-Identifier: EUPL-1.2
"""Which request a busy platform process serves next: a person's before a sync's.

A platform process runs at most ``at_once`` requests at a time (``--threads``); the
others wait. They used to wait in arrival order, so when a fleet synced at once a
kiosk's submission (a citizen's purchase or application, whose protocol number a slip
waits for) queued behind hundreds of catalog pages that no one is waiting to see. Here
a request in the background lane (a kiosk pulling changes, a heartbeat) is let in only
when no other request waits, or once it has waited ``patience_s`` (a stream of other
requests, a flood included, never starves the kiosks' sync); within a lane, first come,
first served.

Few at once is quicker than many: the requests of one process share Python's lock, so
twenty running together each take twenty times as long and switch the lock between
them, where four keep the database busy while Python works (``./dev bench platform``,
README "Benchmarks"). A slot is given back when the answer's last part is handed to the
server, not when a slow client has read it.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

PERSON, BACKGROUND = 0, 1  # the lanes, served in this order
PATIENCE_S = 5.0  # a background request waiting this long goes before the others


def lane(scope: Scope) -> int:
    """A kiosk's pull of changes and its heartbeat can wait; anything else (a
    submission, a voucher redeemed at a counter, an enrollment, the web desk) may have
    a person waiting for it."""
    path, method = scope.get("path", ""), scope.get("method", "")
    if method == "GET" and path.startswith("/v1/changes/"):
        return BACKGROUND
    if method == "POST" and path == "/v1/device/heartbeat":
        return BACKGROUND
    return PERSON


class PriorityAdmission:
    """ASGI middleware: at most ``at_once`` HTTP requests inside ``app``; the waiting
    ones are let in by lane, then by arrival. Runs on the process's event loop, so
    its counts need no lock."""

    def __init__(
        self,
        app: ASGIApp,
        at_once: int,
        patience_s: float = PATIENCE_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if at_once < 1:
            raise ValueError("at_once must be at least 1")
        self.app, self.at_once, self.patience_s, self._clock = app, at_once, patience_s, clock
        self.running = 0
        # Per lane: (when it began to wait, its turn), oldest first.
        self._waiting: tuple[deque[tuple[float, asyncio.Future[None]]], ...] = (deque(), deque())

    def waiting(self) -> int:
        return sum(len(queue) for queue in self._waiting)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self._admit(lane(scope))
        given_back = False

        def give_back() -> None:
            nonlocal given_back
            if not given_back:
                given_back = True
                self._next()

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                give_back()  # the answer is complete: its slot is the next request's
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            give_back()

    async def _admit(self, own_lane: int) -> None:
        # Straight in only when nobody of this lane or a more urgent one waits.
        if self.running < self.at_once and not any(self._waiting[: own_lane + 1]):
            self.running += 1
            return
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting[own_lane].append((self._clock(), turn))
        try:
            await turn
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():  # handed a slot, then cancelled
                self._next()
            raise

    def _next(self) -> None:
        """A slot is free: it goes to the first waiting request of the most urgent
        lane, unless a background one has run out of patience (the running count
        stays), or back to the pool."""
        background = self._waiting[BACKGROUND]
        overdue = bool(background) and self._clock() - background[0][0] >= self.patience_s
        for queue in (background, *self._waiting) if overdue else self._waiting:
            while queue:
                _since, turn = queue.popleft()
                if not turn.done():  # a waiter cancelled meanwhile is skipped
                    turn.set_result(None)
                    return
        self.running -= 1
