# SPDX-License-Identifier: EUPL-1.2
"""The sync API over HTTP (FastAPI). ``/openapi.json`` documents it."""

# No "from __future__ import annotations": FastAPI resolves the Depends() of local
# functions from the real annotation objects.

import hmac
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse

from central.admin_token import MIN_LENGTH
from central.devices import GrantError, may_pull, revoked_message
from central.enrollment import AttemptLimiter, known_code
from central.limits import BodyLimit, ServerLimits
from central.models import Device
from central.platform import EnrollError, Platform, PublishError, now
from central.submission_entries import read_entries
from central.voucher_authority import RedeemRequest, Standing, VoucherRefusedError
from protocol import messages
from protocol.messages import SubmissionEntry
from protocol.records import PUBLISHED, STREAMS

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
  state; merchants look up and redeem vouchers with `GET /v1/vouchers/{code}` and
  `POST /v1/redemptions`.
"""

# How a voucher refusal is answered over HTTP.
REFUSAL_STATUS = {
    "not_a_merchant": 403,
    "outside_scope": 403,
    "not_a_kiosk": 403,
    "unknown_voucher": 404,
    "bad_code": 422,
    "invalid_key": 422,
}


def _refused(refusal: VoucherRefusedError) -> HTTPException:
    return HTTPException(REFUSAL_STATUS.get(refusal.code, 409), f"{refusal.code}: {refusal}")


def _status(result: Standing) -> messages.VoucherStatus:
    row = result.voucher
    return messages.VoucherStatus(
        code=row.code,
        state=result.state,
        programme=row.programme,
        amount_cents=row.amount_cents,
        service=row.service,
        valid_from=row.valid_from,
        valid_until=row.valid_until,
        units=row.units,
        units_left=result.units_left,
        amount_left_cents=result.amount_left_cents,
    )


def create_app(
    platform: Platform, *, admin_token: str | None = None, limits: ServerLimits | None = None
) -> FastAPI:
    limits = limits or ServerLimits()
    app = FastAPI(title="Social Point central platform", version="1", description=DESCRIPTION)
    # Change pages travel compressed to clients that accept gzip (requests always does):
    # the catalog's JSON shrinks about 9 times, which a kiosk on a slow line feels; level
    # 6 costs the platform a few milliseconds a page where 9 costs several times that.
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=6)
    # Outermost (added last), so before routing, parsing and authentication: an
    # oversized body costs nothing more than its reading.
    app.add_middleware(BodyLimit, max_bytes=limits.max_body_bytes, timeout_s=limits.body_timeout_s)

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

    def device(authorization: Annotated[str | None, Header()] = None) -> Device:
        token = (authorization or "").removeprefix("Bearer ").strip()
        found = platform.device_for(token) if token else None
        if found is None:
            raise HTTPException(401, "unknown or missing device token")
        if found.revoked_at is not None:
            raise HTTPException(403, f"device_revoked: {revoked_message(found)}")
        return found

    def kiosk(found: Annotated[Device, Depends(device)]) -> Device:
        if found.role != "kiosk":
            raise HTTPException(403, f"not_allowed: a {found.role} device cannot do this")
        return found

    def merchant(found: Annotated[Device, Depends(device)]) -> Device:
        if found.role not in ("merchant", "admin"):
            raise HTTPException(403, "not_allowed: only a merchant looks vouchers up")
        return found

    expected = f"Bearer {admin_token}".encode() if admin_token else None
    if admin_token is not None and len(admin_token) < MIN_LENGTH:
        raise ValueError(f"the admin token must have at least {MIN_LENGTH} characters")

    def admin(authorization: Annotated[str | None, Header()] = None) -> None:
        given = (authorization or "").encode("utf-8", "replace")
        if expected is not None and hmac.compare_digest(given, expected):  # constant time
            return
        token = (authorization or "").removeprefix("Bearer ").strip()
        found = platform.device_for(token) if token else None
        if found is None or found.role != "admin" or found.revoked_at is not None:
            raise HTTPException(401, "admin token required")

    def kiosk_id_only(found: Annotated[Device, Depends(kiosk)]) -> str:
        return found.id

    from central.fleet import fleet_router

    # Heartbeats come from kiosks (a revoked one is refused like any other call).
    app.include_router(fleet_router(platform, kiosk_id_only, admin_token))

    from central.web.desk import install as install_desk

    # The web desk for shops (/desk), on the same database.
    install_desk(app, platform, admin)

    @app.get("/v1/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    attempts = AttemptLimiter()

    @app.post("/v1/enroll", response_model=messages.EnrollResponse)
    def enroll(
        request: messages.EnrollRequest, http: Request, response: Response
    ) -> messages.EnrollResponse:
        # Limited per client, and a wrong code is refused by a plain read: guessing
        # never takes the write lock the kiosks' submissions wait for.
        client = http.client.host if http.client else "?"
        wait = attempts.retry_after(client)
        if wait is not None:
            raise HTTPException(
                429,
                "too many enrollment attempts: wait and try again",
                headers={"Retry-After": str(wait)},
            )
        if not known_code(platform.sessions, request.code, now()):
            attempts.failed(client)
            raise HTTPException(403, "unknown, expired or already used enrollment code")
        try:
            device_id, token = platform.enroll(request.code, request.kiosk_id)
        except EnrollError as error:
            attempts.failed(client)
            raise HTTPException(403, str(error)) from None
        return messages.EnrollResponse(device_id=device_id, token=token)

    @app.get("/v1/changes/{stream}", response_model=messages.ChangePage)
    def changes(
        stream: str,
        reader: Annotated[Device, Depends(device)],
        since: Annotated[str, Query(pattern=r"^[0-9]{1,18}$")] = "0",
        limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    ) -> Response:
        if stream not in STREAMS:
            raise HTTPException(404, f"unknown stream {stream!r}")
        if not may_pull(reader, stream):
            raise HTTPException(403, f"not_allowed: a {reader.role} device does not pull {stream}")
        # Serialised by the platform from the stored JSON: the model documents the page,
        # the records were validated when published.
        page = platform.changes(stream, int(since), limit, reader.comune)
        return Response(page, media_type="application/json")

    @app.post("/v1/submissions", response_model=messages.SubmissionResults)
    def submissions(
        batch: messages.SubmissionBatch, sender: Annotated[Device, Depends(kiosk)]
    ) -> messages.SubmissionResults:
        read = read_entries(batch.entries)
        stored = platform.submit(sender.id, [e for e in read if isinstance(e, SubmissionEntry)])
        answers = iter(stored)
        results = [next(answers) if isinstance(e, SubmissionEntry) else e for e in read]
        return messages.SubmissionResults(results=[r for r in results if r is not None])

    @app.post("/v1/submissions/known", response_model=messages.KnownRecords)
    def known(
        query: messages.KnownQuery, sender: Annotated[Device, Depends(kiosk)]
    ) -> messages.KnownRecords:
        """Which of these records, accepted from this kiosk, the platform still holds
        with the same payload. A kiosk asks when the epoch changed (the database was
        restored from an older copy) and sends again what is missing."""
        epoch, known = platform.known(sender.id, query.entries)
        return messages.KnownRecords(epoch=epoch, known=known)

    @app.post("/v1/admin/compact", dependencies=[Depends(admin)])
    def compact() -> dict[str, int]:
        """Folds superseded changes away, so a new kiosk's first pull is a snapshot."""
        return {"removed": platform.compact()}

    @app.post("/v1/admin/epoch", dependencies=[Depends(admin)])
    def new_epoch() -> dict[str, str]:
        """A new epoch, after a restore the platform could not notice by itself: every
        kiosk takes a fresh snapshot and sends again what the platform lost."""
        return {"epoch": platform.new_epoch().id}

    @app.get("/v1/device/lookup-key", response_model=messages.LookupKey)
    def lookup_key(_device: Annotated[Device, Depends(kiosk)]) -> messages.LookupKey:
        """The key under which application statuses are published (forms/lookup.py)."""
        return messages.LookupKey(lookup_key=platform.lookup_secret().hex())

    @app.post("/v1/device/token")
    def rotate_token(
        holder: Annotated[Device, Depends(device)],
        authorization: Annotated[str | None, Header()] = None,
    ) -> dict[str, str]:
        """A new token for this device; the one used for this call works until the new
        one is first used, then never again."""
        used = (authorization or "").removeprefix("Bearer ").strip()
        try:
            return {"token": platform.rotate_token(holder.id, used)}
        except EnrollError as error:
            raise HTTPException(403, str(error)) from None

    @app.put("/v1/device/signing-key")
    def signing_key(
        body: messages.SigningKeyBody, signer: Annotated[Device, Depends(kiosk)]
    ) -> dict[str, str]:
        """Registers the kiosk's voucher key: it may sign the service vouchers of the
        orders this kiosk sends, nothing else."""
        try:
            return {"kid": platform.register_signing_key(signer, body.public_key)}
        except VoucherRefusedError as refusal:
            raise _refused(refusal) from None

    @app.get("/v1/keys", response_model=messages.PublishedKeys)
    def keys(_device: Annotated[Device, Depends(device)]) -> messages.PublishedKeys:
        """Every voucher key with what it signs and whether it is revoked, for offline
        checks at kiosks and shops."""
        return messages.PublishedKeys.model_validate({"keys": platform.signing_keys()})

    @app.post("/v1/admin/applications/{protocol}/status", dependencies=[Depends(admin)])
    def application_status(protocol: str, change: messages.StatusChange) -> dict[str, str]:
        try:
            platform.set_application_status(protocol, change.state, change.note)
        except PublishError as error:
            raise HTTPException(404, str(error)) from None
        return {"status": "published"}

    @app.post("/v1/admin/vouchers", dependencies=[Depends(admin)])
    def issue_voucher(issue: messages.VoucherIssue) -> dict[str, Any]:
        """A subsidy voucher the Comune approved (buoni spesa): signed by the platform and
        published under the citizen's holder key; the citizen prints it at a kiosk."""
        try:
            record = platform.issue_voucher(
                issue.cf, issue.comune, issue.programme, issue.amount_cents, issue.valid_days
            )
        except PublishError as error:
            raise HTTPException(422, str(error)) from None
        return {"id": record["id"], "code": record["code"]}

    @app.post("/v1/admin/credits", dependencies=[Depends(admin)])
    def set_credit(grant: messages.CreditGrant) -> dict[str, str]:
        try:
            platform.set_credit(grant.cf, grant.programme, grant.balance_cents, grant.comune)
        except PublishError as error:
            raise HTTPException(422, str(error)) from None
        return {"status": "published"}

    @app.get("/v1/vouchers/{code}", response_model=messages.VoucherStatus)
    def voucher_status(code: str, shop: Annotated[Device, Depends(merchant)]) -> Any:
        """For a merchant, about a voucher it may accept: is it good, what is left?"""
        try:
            return _status(platform.voucher_standing(shop, code))
        except VoucherRefusedError as refusal:
            raise _refused(refusal) from None

    def _redeem(shop: Device, voucher: str, body: messages.RedeemBody) -> messages.VoucherStatus:
        request = RedeemRequest(body.redemption_id, body.units, body.amount_cents)
        try:
            return _status(platform.redeem(shop, voucher, request))
        except VoucherRefusedError as refusal:
            raise _refused(refusal) from None

    @app.post("/v1/redemptions", response_model=messages.VoucherStatus)
    def redemption(body: messages.Redemption, shop: Annotated[Device, Depends(merchant)]) -> Any:
        """A merchant takes a voucher it scanned (the QR's SP1: text) or typed."""
        return _redeem(shop, body.voucher, body)

    @app.post("/v1/vouchers/{code}/redeem", response_model=messages.VoucherStatus)
    def redeem(
        code: str, body: messages.RedeemBody, shop: Annotated[Device, Depends(merchant)]
    ) -> Any:
        return _redeem(shop, code, body)

    @app.put("/v1/admin/records/{kind}/{record_id}", dependencies=[Depends(admin)])
    def publish(kind: str, record_id: str, record: dict[str, Any]) -> dict[str, str]:
        if record.get("id") != record_id:
            raise HTTPException(422, "the record id must match the address")
        try:
            platform.publish(kind, record)
        except PublishError as error:
            raise HTTPException(422, str(error)) from None
        return {"status": "published"}

    @app.delete("/v1/admin/records/{kind}/{record_id}", dependencies=[Depends(admin)])
    def unpublish(kind: str, record_id: str) -> dict[str, str]:
        if kind not in PUBLISHED:
            raise HTTPException(404, f"unknown kind {kind!r}")
        try:
            found = platform.unpublish(kind, record_id)
        except PublishError as error:
            raise HTTPException(409, str(error)) from None
        if not found:
            raise HTTPException(404, "no such record")
        return {"status": "deleted"}

    @app.get("/v1/admin/records/{kind}", dependencies=[Depends(admin)])
    def records(kind: str) -> dict[str, dict[str, Any]]:
        return platform.records(kind)

    @app.post("/v1/admin/enrollment-codes", dependencies=[Depends(admin)])
    def enrollment_code(grant: messages.EnrollmentGrant | None = None) -> dict[str, str]:
        grant = grant or messages.EnrollmentGrant()
        try:
            scope = {key: list(values) for key, values in (grant.scope or {}).items()}
            code = platform.new_enrollment_code(grant.role, grant.comune, scope or None)
        except GrantError as error:
            raise HTTPException(422, str(error)) from None
        return {"code": code}

    @app.post("/v1/admin/devices/{device_id}/revoke", dependencies=[Depends(admin)])
    def revoke_device(device_id: str, body: messages.Revocation) -> dict[str, str]:
        if not platform.revoke_device(device_id, body.reason):
            raise HTTPException(404, "no such device")
        return {"status": "revoked"}

    @app.post("/v1/admin/keys/{kid}/revoke", dependencies=[Depends(admin)])
    def revoke_key(kid: str) -> dict[str, str]:
        if not platform.revoke_signing_key(kid):
            raise HTTPException(404, "no such key")
        return {"status": "revoked"}

    return app
