# SPDX-License-Identifier: EUPL-1.2
"""The platform's HTTP app: its middleware and error answers, and the routers of each
area (central/api/, central/fleet.py, the web desk). ``/openapi.json`` documents it."""

import asyncio
import contextlib
from collections.abc import AsyncIterator

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, OperationalError

from central.admission import PriorityAdmission
from central.api import catalog, devices, submissions, wallet
from central.api.guards import guards
from central.compaction import DEFAULT_COMPACT_EVERY_MIN, Compactor
from central.fleet import fleet_router
from central.limits import BodyLimit, ServerLimits, ThreadLimit, database_busy
from central.platform import Platform
from central.platform.database import DeviceRevokedError
from central.web.desk import install as install_desk

DESCRIPTION = """Reference central platform of Social Point Kiosk.

* Kiosks enroll once with a one-time code and get a device token
  (`Authorization: Bearer <token>` on every other call).
* `GET /v1/changes/{stream}` returns upserts and tombstones after a cursor, in order.
  The cursor is opaque but only grows; apply a page and its `next_cursor` together.
* `POST /v1/submissions` takes a batch of records, each with a client UUID, and answers
  each one: `accepted` (with the server id; the same answer again for a repeated UUID)
  or `rejected` (with a code and a message).
* Every change page carries the platform's `epoch` (new when its database is restored
  from a backup) and `head` (its newest change). A kiosk whose cursor is of another
  epoch, or beyond the head, takes a fresh snapshot and asks `POST
  /v1/submissions/known` which of its accepted records are still held; it sends the
  others again (with the `server_id` they had, kept if still free).
* Devices have a role (kiosk, merchant, admin) and a scope; a call outside them gets
  403, a revoked device 403 with the reason in plain words.
* `GET /v1/keys` publishes the voucher keys (the platform's, the kiosks') with their
  state; merchants look up and redeem vouchers with `POST /v1/vouchers/lookup` and
  `POST /v1/redemptions`, the code in the body.
"""


def create_app(
    platform: Platform,
    *,
    admin_token: str | None = None,
    limits: ServerLimits | None = None,
    compact_every_s: float = DEFAULT_COMPACT_EVERY_MIN * 60,
) -> FastAPI:
    """``compact_every_s``: how often the serving app folds superseded changes away
    (central/compaction.py; 0: never), from its lifespan's start: every way of serving
    it (uvicorn's command line, ``--workers``, the embedded server) runs the lifespan."""
    limits = limits or ServerLimits()
    who = guards(platform, admin_token)  # refuses a short admin token before anything
    compactor = Compactor(platform, compact_every_s) if compact_every_s > 0 else None

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        task = asyncio.create_task(compactor.run()) if compactor else None
        try:
            yield
        finally:
            if task is not None:
                task.cancel()  # a round under way ends first: its thread is not abandoned
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    app = FastAPI(
        title="Social Point central platform",
        version="1",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.compactor = compactor
    # Change pages travel compressed to clients that accept gzip (requests always does):
    # the catalog's JSON shrinks about 9 times, which a kiosk on a slow line feels; level
    # 6 costs the platform a few milliseconds a page where 9 costs several times that.
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=6)
    # Inside the body's reading (a slow sender holds no slot), outside the work: a
    # citizen's submission goes before the fleet's pulls (central/admission.py).
    app.add_middleware(PriorityAdmission, at_once=limits.threads)
    # Outermost (added last), so before routing, parsing and authentication: an
    # oversized body costs nothing more than its reading.
    app.add_middleware(BodyLimit, max_bytes=limits.max_body_bytes, timeout_s=limits.body_timeout_s)
    app.add_middleware(ThreadLimit, threads=limits.threads)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, error: RequestValidationError) -> JSONResponse:
        # Where and what, never the input itself: a request may carry a codice fiscale
        # or a token, and a reply (or a proxy's log of it) must not repeat them.
        detail = [
            {
                "loc": list(problem.get("loc", ())),
                "msg": problem.get("msg", ""),
                "type": problem.get("type", ""),
            }
            for problem in error.errors()[:10]
        ]
        return JSONResponse({"detail": detail}, status_code=422)

    @app.exception_handler(OperationalError)
    async def database_error(_request: Request, error: OperationalError) -> JSONResponse:
        # A writer that waited too long for another (SQLite's one writer, a PostgreSQL
        # lock or serialization conflict) rolled back whole: the client may simply try
        # again. Anything else is the platform's fault, said without its details.
        if database_busy(error):
            return JSONResponse(
                {"detail": "busy: try again shortly"}, status_code=503, headers={"Retry-After": "2"}
            )
        return JSONResponse({"detail": "internal error"}, status_code=500)

    @app.exception_handler(DataError)
    async def data_refused(_request: Request, _error: DataError) -> JSONResponse:
        # A value the database cannot hold, that a check before it let through (a NUL in
        # a text, which PostgreSQL refuses and SQLite takes; a text past a column's
        # length): the request's fault, said as such, never a 500. What it held is not
        # repeated.
        return JSONResponse(
            {"detail": "a value the platform cannot store (a NUL character, or too long)"},
            status_code=422,
        )

    @app.exception_handler(DeviceRevokedError)
    async def revoked_meanwhile(_request: Request, error: DeviceRevokedError) -> JSONResponse:
        # Admitted on arrival, revoked before its turn to write: refused as at the door.
        return JSONResponse({"detail": f"device_revoked: {error}"}, status_code=403)

    @app.get("/v1/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    # The kiosks' calls first, the commonest (pulls, then pushes) at the head: a
    # request is matched against the routes in order, and a fleet makes thousands.
    for area in (catalog, submissions, devices, wallet):
        app.include_router(area.router(platform, who))
    # Heartbeats come from kiosks (a revoked one is refused like any other call).
    app.include_router(fleet_router(platform, who.kiosk_id, admin_token))
    # The web desk for shops (/desk), on the same database.
    install_desk(app, platform, who.admin)
    return app
