# SPDX-License-Identifier: EUPL-1.2
"""Which waiting request a busy platform process lets in next (central/admission.py),
driven as the server drives it: ASGI calls on one event loop."""

from __future__ import annotations

import asyncio
from typing import Any

from central.admission import BACKGROUND, PERSON, PERSON_RUN, PriorityAdmission, lane


class Requests:
    """Requests whose handling lasts until the test releases each by name."""

    def __init__(self, at_once: int, patience_s: float) -> None:
        self.now = 0.0
        self.served: list[str] = []
        self.done: dict[str, asyncio.Event] = {}
        self.gone: dict[str, asyncio.Event] = {}  # set: the client went away
        self.bodies: dict[str, bytes] = {}
        self.admission = PriorityAdmission(
            self._app, at_once=at_once, patience_s=patience_s, clock=lambda: self.now
        )
        self.tasks: list[asyncio.Task[None]] = []

    async def _app(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        self.served.append(scope["name"])
        self.bodies[scope["name"]] = (await receive()).get("body")  # read while it waited
        await self.done[scope["name"]].wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}", "more_body": False})

    async def arrive(
        self, name: str, method: str, path: str, credential: bytes | None = b"authorization"
    ) -> None:
        self.done[name] = asyncio.Event()
        self.gone[name] = asyncio.Event()
        headers = [(credential, b"x")] if credential else []
        scope = {"type": "http", "method": method, "path": path, "name": name, "headers": headers}
        unread = [{"type": "http.request", "body": b"{}", "more_body": False}]

        async def receive() -> dict[str, Any]:  # as a server: the body, then the disconnect
            if unread:
                return unread.pop()
            await self.gone[name].wait()
            return {"type": "http.disconnect"}

        async def send(_message: dict[str, Any]) -> None:
            pass

        self.tasks.append(asyncio.create_task(self.admission(scope, receive, send)))
        await _settle()

    async def finish(self, name: str) -> None:
        self.done[name].set()
        await _settle()


async def _settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


def test_a_person_s_request_goes_first_and_the_lanes_take_turns_once_the_background_waited() -> (
    None
):
    async def scenario() -> None:
        fleet = Requests(at_once=1, patience_s=5.0)
        await fleet.arrive("push-0", "POST", "/v1/submissions")
        await fleet.arrive("pull", "GET", "/v1/changes/catalog")
        await fleet.arrive("heartbeat", "POST", "/v1/device/heartbeat")
        for n in (1, 2, 3):
            await fleet.arrive(f"push-{n}", "POST", "/v1/submissions")
        await fleet.arrive("desk", "GET", "/desk/voucher", b"cookie")
        assert fleet.served == ["push-0"] and fleet.admission.waiting() == 6
        await fleet.finish("push-0")
        await fleet.finish("push-1")
        assert fleet.served == ["push-0", "push-1", "push-2"]  # people first, in order
        fleet.now = 5.0  # the pull has waited its patience out: it goes next
        await fleet.finish("push-2")
        assert fleet.served[-1] == "pull"
        # The heartbeat came at the same moment and is overdue too, yet a person's
        # request goes between the two: overdue, the lanes take turns.
        await fleet.finish("pull")
        assert fleet.served[-1] == "push-3"
        await fleet.finish("push-3")
        assert fleet.served[-1] == "heartbeat"
        await fleet.finish("heartbeat")
        assert fleet.served[-1] == "desk"
        await fleet.finish("desk")
        await asyncio.gather(*fleet.tasks)
        assert fleet.admission.running == 0 and fleet.admission.waiting() == 0
        assert set(fleet.bodies.values()) == {b"{}"}  # each had its body, waited or not

    asyncio.run(scenario())


def test_a_waiting_request_given_up_by_its_client_passes_its_turn_on() -> None:
    async def scenario() -> None:
        fleet = Requests(at_once=1, patience_s=5.0)
        await fleet.arrive("push-0", "POST", "/v1/submissions")
        await fleet.arrive("push-1", "POST", "/v1/submissions")
        await fleet.arrive("pull", "GET", "/v1/changes/catalog")
        fleet.gone["push-1"].set()  # push-1's connection closed while it waited
        await _settle()
        assert fleet.admission.waiting() == 1
        await fleet.finish("push-0")
        assert fleet.served == ["push-0", "pull"]
        await fleet.finish("pull")
        await asyncio.gather(*fleet.tasks, return_exceptions=True)
        assert fleet.admission.running == 0 and fleet.admission.waiting() == 0

    asyncio.run(scenario())


def test_up_to_at_once_requests_run_together_and_the_rest_wait() -> None:
    async def scenario() -> None:
        fleet = Requests(at_once=3, patience_s=5.0)
        for n in range(5):
            await fleet.arrive(f"pull-{n}", "GET", "/v1/changes/catalog")
        assert fleet.served == ["pull-0", "pull-1", "pull-2"]
        assert fleet.admission.running == 3 and fleet.admission.waiting() == 2
        for n in range(5):
            await fleet.finish(f"pull-{n}")
        await asyncio.gather(*fleet.tasks)
        assert fleet.served == [f"pull-{n}" for n in range(5)]
        assert fleet.admission.running == 0

    asyncio.run(scenario())


def test_a_flood_in_the_first_lane_lets_a_background_request_in_after_a_run() -> None:
    async def scenario() -> None:
        fleet = Requests(at_once=1, patience_s=60.0)
        await fleet.arrive("push-0", "POST", "/v1/submissions")
        await fleet.arrive("pull", "GET", "/v1/changes/catalog")
        for n in range(1, 3 * PERSON_RUN):
            await fleet.arrive(f"push-{n}", "POST", "/v1/submissions")
        for n in range(PERSON_RUN + 1):
            await fleet.finish(f"push-{n}")
        assert fleet.served[-1] == "pull"
        assert fleet.served[1:-1] == [f"push-{n}" for n in range(1, PERSON_RUN + 1)]
        for name in ["pull", *(f"push-{n}" for n in range(PERSON_RUN + 1, 3 * PERSON_RUN))]:
            await fleet.finish(name)
        await asyncio.gather(*fleet.tasks)
        assert fleet.admission.running == 0

    asyncio.run(scenario())


def test_without_a_credential_nothing_goes_in_the_first_lane() -> None:
    """Anyone can send requests without a token (health checks, a submission that will
    be refused): they wait with the fleet's pulls, in arrival order."""
    scopes = [
        ("POST", "/v1/submissions", []),
        ("GET", "/v1/health", [(b"authorization", b"Bearer x")]),
        ("GET", "/desk/voucher", []),
        ("GET", "/v1/changes/catalog", [(b"authorization", b"Bearer x")]),
        ("POST", "/v1/device/heartbeat", [(b"authorization", b"Bearer x")]),
        ("GET", "/openapi.json", [(b"cookie", b"sp_desk=x")]),
    ]
    for method, path, headers in scopes:
        assert lane({"method": method, "path": path, "headers": headers}) == BACKGROUND
    first = [
        ("POST", "/v1/submissions", [(b"authorization", b"Bearer x")]),
        ("POST", "/v1/redemptions", [(b"authorization", b"Bearer x")]),
        ("GET", "/v1/vouchers/ABCD-EFGH-JKLM-NP", [(b"authorization", b"Bearer x")]),
        ("POST", "/desk/redeem", [(b"cookie", b"sp_desk=x")]),
    ]
    for method, path, headers in first:
        assert lane({"method": method, "path": path, "headers": headers}) == PERSON
