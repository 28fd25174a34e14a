# SPDX-License-Identifier: EUPL-1.2
"""The platform's HTTP API (FastAPI), put together from one router per area
(central/routes/). ``/openapi.json`` documents it, from the protocol's own types."""

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

from central.platform import Platform
from central.routes.applications import applications_router
from central.routes.deps import guards
from central.routes.devices import devices_router
from central.routes.records import records_router
from central.routes.sync import sync_router
from central.routes.vouchers import vouchers_router

DESCRIPTION = """Reference central platform of Social Point Kiosk.

* Kiosks enroll once with a one-time code and get a device token
  (`Authorization: Bearer <token>` on every other call).
* `GET /v1/changes/{stream}` returns upserts and tombstones after a cursor, in order.
  The cursor is opaque but only grows; apply a page and its `next_cursor` together.
* `POST /v1/submissions` takes a batch of records, each with a client UUID, and answers
  each one: `accepted` (with the server id; the same answer again for a repeated UUID)
  or `rejected` (with a code and a message).
"""


def create_app(platform: Platform, *, admin_token: str | None = None) -> FastAPI:
    app = FastAPI(title="Social Point central platform", version="1", description=DESCRIPTION)
    # Change pages travel compressed to clients that accept gzip (requests always does):
    # the catalog's JSON shrinks about 9 times, which a kiosk on a slow line feels; level
    # 6 costs the platform a few milliseconds a page where 9 costs several times that.
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=6)

    routes = guards(platform, admin_token)
    from central.fleet import fleet_router

    app.include_router(fleet_router(platform, routes.device, admin_token))
    for router in (devices_router, sync_router, records_router, applications_router,
                   vouchers_router):  # fmt: skip
        app.include_router(router(platform, routes))

    return app
