# SPDX-License-Identifier: EUPL-1.2
"""The contract both sides share (protocol/): a record the platform's admin API accepts,
the kiosk accepts too; a submission the kiosk builds, the platform's schema accepts.

Records start from the demo dataset and have one field replaced by a value drawn near
every limit either side ever had (lengths around 30, 80, 160, 200, ...), of a wrong type,
with control characters, or removed; the platform over loopback HTTP decides, and what
it stored must then pass the kiosk's validation on its way into a real mirror.
"""

from __future__ import annotations

import json
import re
import string
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from sqlalchemy import func, select

from central.app import create_app
from central.dataset import seed_if_empty
from central.platform import Platform
from central.server import EmbeddedServer
from kiosk.boot.paths import DEMO_DATASET
from kiosk.core.purchasing import (
    Cart,
    CartFullError,
    Checkout,
    CheckoutError,
    cart_line,
    place_order,
)
from kiosk.core.wallet import OpenedWallet
from printing.slip import SlipContext
from protocol import messages
from protocol.messages import (
    MAX_LINES,
    MAX_PAYLOAD_BYTES,
    PurchasePayload,
    SubmissionRefusedError,
    check_submission,
)
from protocol.records import (
    RECORD_TYPES,
    RecordError,
    field_problems,
    validate_published,
    where,
)
from protocol.text import UNFIT_TEXT, unfit_text
from store import demo, mirror
from store.database import Store
from store.models import OutboxEntry, PrintJob
from sync.client import PlatformClient, Submission
from tests.conftest import sqlite_platform_url
from vouchers.codes import Signer
from vouchers.wallet_key import WalletKey

ADMIN = "contract-admin-token-for-the-tests-0123"
KINDS = ("comuni", "categories", "providers", "services", "calls", "operators")
# Every length limit either side has had, and the ones the contract has now.
LIMITS = (0, 1, 2, 4, 5, 16, 30, 40, 64, 80, 120, 160, 200, 300, 1000, 4000)


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Platform, str]]:
    folder = tmp_path_factory.mktemp("contract")
    platform = Platform(sqlite_platform_url(folder))
    seed_if_empty(platform, DEMO_DATASET)
    server = EmbeddedServer(create_app(platform, admin_token=ADMIN)).start()
    yield platform, server.url
    server.stop()
    platform.engine.dispose()


@pytest.fixture(scope="module")
def kiosk_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = Store(tmp_path_factory.mktemp("kiosk") / "kiosk.sqlite3")
    demo.load_if_empty(store, DEMO_DATASET)  # what records refer to is there
    yield store
    store.close()


def demo_records() -> dict[str, list[dict[str, Any]]]:
    data = json.loads(DEMO_DATASET.read_text(encoding="utf-8"))
    return {kind: data[kind] for kind in KINDS}


DEMO = demo_records()
texts = st.sampled_from(LIMITS).flatmap(
    lambda n: st.integers(max(0, n - 1), n + 1).flatmap(
        lambda length: st.text(
            st.sampled_from(string.ascii_letters + "àèéìòù €\n\t\x00\x07\x1f\x7f"),
            min_size=length,
            max_size=length,
        )
    )
)
scalars = st.one_of(
    texts,
    st.none(),
    st.booleans(),
    st.integers(-2, 2) | st.sampled_from([999, 1000, 1001, 10_000_000, 10_000_001, 10**12 + 1]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["2026-01-01T10:00:00+01:00", "2026-01-01T10:00:00", "2026-01-01", "x"]),
)
values = st.one_of(
    scalars,
    st.lists(scalars, max_size=3),
    st.dictionaries(st.sampled_from(["it", "en", "de", "IT", "xx1"]), scalars, max_size=3),
    st.just("<remove>"),
)


def near_limits(value: Any) -> st.SearchStrategy[Any]:
    """Values of the same shape as ``value`` with a text, a number or an item at or just
    past some limit, broken or of the wrong kind."""
    if isinstance(value, bool) or value is None:
        return values
    if isinstance(value, int):
        return st.integers(-2, 2) | st.sampled_from(
            [999, 1000, 1001, 10**7, 10**7 + 1, 10**8, 10**8 + 1, 10**12, 10**12 + 1]
        )
    if isinstance(value, str):
        return texts | st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.@-]{0,70}", fullmatch=True)
    if isinstance(value, dict):  # a text in several languages
        languages = st.sampled_from([*value, "it", "en", "de", "IT", "e"])
        replaced = st.tuples(languages, texts).map(lambda pair: {**value, pair[0]: pair[1]})
        without = st.sampled_from(list(value)).map(
            lambda key: {k: v for k, v in value.items() if k != key}
        )
        return (replaced | without) if value else replaced
    if isinstance(value, list):
        item = value[0] if value else ""
        return st.lists(near_limits(item) | st.sampled_from(value or [""]), max_size=4) | st.just(
            [item] * 201
        )
    return values


@st.composite
def hostile_records(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    kind = draw(st.sampled_from(KINDS))
    record = dict(draw(st.sampled_from(DEMO[kind])))
    fields = sorted(set(RECORD_TYPES[kind].model_fields) - {"id"})
    for _ in range(draw(st.integers(1, 2))):
        field = draw(st.sampled_from(fields))
        value = draw(near_limits(record.get(field)) | values)
        if value == "<remove>":
            record.pop(field, None)
        else:
            record[field] = value
    return kind, record


@pytest.mark.slow  # 400 generated records over HTTP
@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(hostile_records())
def test_a_record_the_platform_accepts_the_kiosk_accepts(
    platform: tuple[Platform, str], kiosk_store: Store, case: tuple[str, dict[str, Any]]
) -> None:
    kind, record = case
    _platform, url = platform
    reply = requests.put(
        f"{url}/v1/admin/records/{kind}/{record['id']}",
        json=record,
        headers={"Authorization": f"Bearer {ADMIN}"},
        timeout=10,
    )
    assert reply.status_code in (200, 422), reply.text
    if reply.status_code != 200:
        return
    stored = requests.get(
        f"{url}/v1/admin/records/{kind}", headers={"Authorization": f"Bearer {ADMIN}"}, timeout=10
    ).json()[record["id"]]
    with kiosk_store.write() as session:  # raises RecordError if the kiosk refuses it
        mirror.upsert(session, kind, [stored])


@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
@given(hostile_records())
def test_the_desk_forms_problems_are_the_contracts_verdict(
    case: tuple[str, dict[str, Any]],
) -> None:
    """The web desk tells every problem of a record field by field (field_problems); it
    must refuse exactly what the admin API refuses, and name the field the API names."""
    kind, record = case
    problems = field_problems(kind, record)
    try:
        validate_published(kind, record)
    except RecordError as error:
        assert problems, error
        first = problems[0]
        assert str(error).startswith(f"{kind}{where(first.loc)}: "), (str(error), first)
    else:
        assert problems == []


SIGNER = Signer(Ed25519PrivateKey.generate())
SLIP = SlipContext("Social Point", "Piazzola", "contract-kiosk", datetime(2026, 3, 2, 10))
BUYABLE = sorted(s["id"] for s in DEMO["services"] if s["booking"] == "buy_now")


@pytest.fixture(scope="module")
def device(platform: tuple[Platform, str]) -> Iterator[PlatformClient]:
    central, url = platform
    client = PlatformClient(url)
    _device, token = client.enroll(central.new_enrollment_code(), "contract-kiosk")
    client.set_token(token)
    yield client
    client.close()


@st.composite
def orders(draw: st.DrawFn) -> tuple[dict[str, int], Checkout]:
    lines = draw(
        st.dictionaries(st.sampled_from(BUYABLE), st.integers(1, 99), min_size=1, max_size=5)
    )
    assisted = draw(st.sampled_from([None, "1001"]))
    payment = draw(st.sampled_from(["provider", "desk"] if assisted else ["provider"]))
    phone = draw(st.none() | st.text(string.digits + " +", min_size=6, max_size=20))
    locator = draw(st.none() | st.text("0123456789abcdef", min_size=64, max_size=64))
    wallet = (
        OpenedWallet(WalletKey(locator, b"s" * 32, b"p" * 32), None, None, ()) if locator else None
    )
    checkout = Checkout(
        payment,
        wallet,
        assisted_by=assisted,
        assisted_proof_key=b"o" * 32 if assisted else b"",
        phone=phone,
        desk_confirmed_by=assisted if payment == "desk" else None,
    )
    return lines, checkout


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(orders())
def test_a_purchase_the_kiosk_builds_passes_the_platform_schema(
    kiosk_store: Store, device: PlatformClient, case: tuple[dict[str, int], Checkout]
) -> None:
    services, checkout = case
    with kiosk_store.write() as session:
        cart = Cart()
        for service, quantity in services.items():
            cart.add(cart_line(session, service, quantity))
        placed = place_order(session, cart, checkout, SLIP, SIGNER, datetime.now(UTC))
        entry = session.scalars(
            select(OutboxEntry).where(OutboxEntry.uuid == placed.outbox_uuid)
        ).one()
        submission = Submission(  # as the sync engine sends it
            entry.uuid, entry.kind, entry.created_at.isoformat() + "Z", entry.payload
        )
    PurchasePayload.model_validate(submission.payload)  # the schema itself
    [result] = device.submit([submission])  # and the platform behind it
    assert result.code != "invalid_payload", result.message


# The other way: what the platform would refuse, the kiosk refuses before queuing it ----


def good_payloads() -> dict[str, dict[str, Any]]:
    """A purchase and an application the platform's schema accepts, as a kiosk sends them."""
    line = {"service": BUYABLE[0], "quantity": 1, "unit_price_cents": 500}
    return {
        "purchase": {
            "order": "ORD-AAAA-AAAA",
            "total_cents": 500,
            "payment": "provider",
            "lines": [line],
            "holder": None,
            "vouchers": [],
            "channel": "kiosk",
            "assisted_by": None,
            "desk_confirmed_by": None,
            "phone": "049 000 0000",
        },
        "application": {
            "call": "bs-piazzola",
            "form": "bs-piazzola@1",
            "form_sha256": "0" * 64,
            "tracking_code": "DOM-AAAA-AAAA",
            "answers": {"nome": "Maria"},
            "channel": "kiosk",
            "assisted_by": None,
        },
    }


hostile_values = (
    texts
    | st.integers(-(2**40), 2**40)
    | st.none()
    | st.booleans()
    | st.lists(st.integers(0, 3), max_size=2)
    | st.just([{"service": "s01", "quantity": 1, "unit_price_cents": 1}] * 21)  # 21 lines
    | st.just({"a": "x" * 70_000})  # over the size limit
)


@st.composite
def hostile_payloads(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    kind = draw(st.sampled_from(["purchase", "application"]))
    payload = good_payloads()[kind]
    field = draw(st.sampled_from([*payload, "wallet_proof", "desk_proof", "assisted_proof", "x"]))
    if draw(st.booleans()) and field in payload:
        del payload[field]
    else:
        payload[field] = draw(hostile_values)
    return kind, payload


def kiosk_refuses(kind: str, payload: dict[str, Any]) -> bool:
    """Whether the kiosk's check, which its use cases run on what they built before it
    is queued (kiosk/core/applying.py, purchasing.py), refuses ``payload``."""
    try:
        check_submission(kind, payload)
    except SubmissionRefusedError:
        return True
    return False


@pytest.mark.slow  # 150 generated payloads over HTTP
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(hostile_payloads())
def test_a_payload_the_platform_would_refuse_is_refused_at_the_kiosk(
    device: PlatformClient, case: tuple[str, dict[str, Any]]
) -> None:
    kind, payload = case
    refused_here = kiosk_refuses(kind, payload)
    submission = Submission(str(uuid.uuid4()), kind, "2026-03-02T10:00:00Z", payload)
    [result] = device.submit([submission])
    refused_there = result.code in ("invalid_payload", "payload_too_large")
    assert refused_here == refused_there, (result.code, result.message)


def test_an_order_of_more_lines_than_the_platform_takes_is_refused_before_anything_is_kept(
    kiosk_store: Store,
) -> None:
    with kiosk_store.read() as session:
        before = session.scalar(select(func.count()).select_from(OutboxEntry))
        jobs = session.scalar(select(func.count()).select_from(PrintJob))
    with kiosk_store.write() as session:
        cart = Cart()
        for service in BUYABLE[:MAX_LINES]:
            cart.add(cart_line(session, service, 1))
        one_more = cart_line(session, BUYABLE[MAX_LINES], 1)
        with pytest.raises(CartFullError):  # the cart refuses it when it is added
            cart.add(one_more)
        assert len(cart.lines) == MAX_LINES
        cart.add(cart_line(session, BUYABLE[0], 1))  # more of a service in it still fits
        assert cart.quantity_of(BUYABLE[0]) == 2
    with pytest.raises(CheckoutError, match="cart_full"), kiosk_store.write() as session:
        cart.lines.append(one_more)  # past the cart's own check: the order still refuses it
        place_order(session, cart, Checkout("provider", None), SLIP, SIGNER, datetime.now(UTC))
    with kiosk_store.read() as session:  # the order's transaction kept nothing
        assert session.scalar(select(func.count()).select_from(OutboxEntry)) == before
        assert session.scalar(select(func.count()).select_from(PrintJob)) == jobs


def test_the_payload_limit_counts_bytes_as_sent_not_json_escapes() -> None:
    """An "è" is 2 bytes in UTF-8, as a payload is sealed and sent, and was counted as
    the 6 of its JSON escape: three long answers with accents that the form allows were
    over the limit, and the citizen's "try again" never worked."""
    accented = {"answers": {f"nota_{n}": "è" * 4000 for n in range(3)}}
    assert len(json.dumps(accented)) > MAX_PAYLOAD_BYTES  # as it was counted
    check_submission("event", accented)  # 24 KB as sent: under the limit
    with pytest.raises(SubmissionRefusedError, match="larger than"):
        check_submission("event", {"answers": {"nota": "è" * (MAX_PAYLOAD_BYTES // 2)}})


# Texts no side takes (protocol/text.py) -------------------------------------------------

# Bodies whose texts are judged elsewhere: a record by its kind (its texts' patterns),
# a submission entry by its payload's kind, a heartbeat's log made storable as sent.
JUDGED_ELSEWHERE = {"SubmissionEntry", "Heartbeat"}


def _body_models(app: Any) -> dict[str, str]:
    """The model of each JSON request body of the API, by its path."""
    found = {}
    for path, operations in app.openapi()["paths"].items():
        for method, operation in operations.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body is None or "oneOf" in body["schema"]:  # a record: its kind's type
                continue
            for ref in re.findall(r"#/components/schemas/(\w+)", json.dumps(body["schema"])):
                found[f"{method} {path}"] = ref
    return found


def test_every_request_body_of_the_api_refuses_a_nul_in_any_of_its_texts(
    platform: tuple[Platform, str],
) -> None:
    """SQLite stored a NUL, PostgreSQL refused it (a 500): every body type of the API
    refuses it, and the other control characters but tab and newline, naming where."""
    models = _body_models(create_app(platform[0], admin_token=ADMIN))
    assert len(models) >= 12, models
    for route, name in models.items():
        if name in JUDGED_ELSEWHERE:
            continue
        model = getattr(messages, name)
        assert issubclass(model, messages.Contract), route
        for bad in ("\x00", "\x1b", "\r", "\x7f"):
            with pytest.raises(ValidationError) as refused:
                model.model_validate({"x": {"y": [f"a{bad}"]}})
            [problem] = refused.value.errors()
            assert problem["type"] == UNFIT_TEXT, (route, problem)
            assert problem["msg"].startswith("x.y[0]: contains a"), (route, problem)


@pytest.mark.parametrize(
    ("kind", "changes", "told"),
    [
        ("purchase", {"phone": "049\x00"}, "purchase payload.phone: contains a NUL character"),
        ("purchase", {"order": "O\x1b1"}, "purchase payload.order: contains a control character"),
        ("event", {"type": "help", "note": "a\x00"}, "event payload.note: contains a NUL"),
        ("event", {"type": "help", "x\x00": 1}, "event payload: a field's name contains a NUL"),
        ("application", {"answers": {"nome": "\x00"}}, "application payload.answers.nome: "),
    ],
)
def test_a_payload_holding_a_nul_is_refused_before_it_is_queued(
    kind: str, changes: dict[str, Any], told: str
) -> None:
    payload = {**good_payloads().get(kind, {}), **changes}
    with pytest.raises(SubmissionRefusedError) as refused:
        check_submission(kind, payload)
    assert str(refused.value).startswith(told)
    check_submission("event", {"type": "help", "note": "riga\tuno\nriga due"})  # text


@pytest.mark.parametrize(
    ("value", "told"),
    [
        ({"a": "x\x1b\x00"}, "a: contains a NUL character"),  # the NUL named first
        ({"a": ["ok", "x\x07"]}, "a[1]: contains a control character (U+0007)"),
        ({"a": {"b": "\r"}}, "a.b: contains a control character (U+000D)"),
        ({"a": "\x7f"}, "a: contains a control character (U+007F)"),
        ({"a": "tab\tand\nnewline, \u200b, \u00e8 and \u4e2d"}, None),
        ({"a": 1, "b": None, "c": [True, 2.5]}, None),
    ],
)
def test_what_no_side_takes_is_found_and_named_by_its_place(value: Any, told: str | None) -> None:
    assert unfit_text(value) == told
