# SPDX-License-Identifier: EUPL-1.2
"""An application sent through the outbox is checked again by the platform with the
same form code: accepted with a protocol number, or rejected with the reason kept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from kiosk.boot.config import ManagerSettings
from kiosk.core.manager_login import log_in
from store import outbox
from store.models import OutboxEntry
from store.outbox import utcnow
from sync.engine import SyncEngine
from tests.sync.conftest import Central
from tests.sync.helpers import REF, application
from vouchers.wallet_key import assisted_proof

OTHER_CALL = "ce-limena"  # a call without an online form


def _calls(engine: SyncEngine) -> list[str]:
    from store.models import Call

    with engine.store.read() as session:
        return [c.id for c in session.scalars(select(Call).where(Call.form_ref == REF))]


def outcomes(engine: SyncEngine, payloads: list[dict[str, Any]]) -> list[OutboxEntry]:
    with engine.store.write() as session:
        uuids = [outbox.add(session, "application", p) for p in payloads]
    engine.push()
    with engine.store.read() as session:
        rows = {r.uuid: r for r in session.scalars(select(OutboxEntry))}
    return [rows[u] for u in uuids]


def test_the_platform_accepts_a_good_application_and_refuses_bad_ones_with_reasons(
    engine: SyncEngine, central: Central
) -> None:
    engine.run_once()  # the form and the call reach the mirror
    assert _calls(engine) == ["bs-piazzola"]
    wrong_cf = application(engine)
    wrong_cf["answers"]["cf"] = "FRRNNA41A63E592X"
    good, bad, changed, stranger = outcomes(
        engine,
        [
            application(engine),
            wrong_cf,
            application(engine, form_sha256="0" * 64),
            application(engine, call=OTHER_CALL),
        ],
    )
    assert good.state == "accepted" and good.server_id.startswith("PROT-")
    assert bad.state == "rejected" and bad.reject_code == "invalid_answers"
    assert (
        "cf: Il codice fiscale non è valido: una lettera o una cifra è sbagliata,"
        " confrontalo con la tessera sanitaria."
    ) in bad.reject_message
    assert (changed.reject_code, stranger.reject_code) == ("form_changed", "wrong_form")
    stored = {s.uuid: s for s in central.platform.submissions()}
    assert stored[good.uuid].payload["answers"]["cognome"] == "Ferraro"
    assert stored[good.uuid].server_id == good.server_id
    assert stored[bad.uuid].payload is None  # a refused application keeps no personal data


def test_an_assisted_application_names_a_real_operator(
    engine: SyncEngine, central: Central
) -> None:
    engine.run_once()
    rules = ManagerSettings(idle_timeout_s=180, pin_attempts=3, lockout_s=300)
    with engine.store.write() as session:  # the manager logs in on this kiosk
        silvia = log_in(session, "1001", "246810", "piazzola", utcnow(), rules).manager
    assert silvia is not None
    code = "DOM-TEST-2345"
    proof = assisted_proof(silvia.proof_key, code, "1001", "kiosk-test")
    elsewhere = assisted_proof(silvia.proof_key, code, "1001", "kiosk-other")
    assisted, claimed, other_kiosk, stranger = outcomes(
        engine,
        [
            application(
                engine,
                channel="kiosk_assisted",
                assisted_by="1001",
                tracking_code=code,
                assisted_proof=proof,
            ),
            application(engine, channel="kiosk_assisted", assisted_by="1001", tracking_code=code),
            application(
                engine,
                channel="kiosk_assisted",
                assisted_by="1001",
                tracking_code=code,
                assisted_proof=elsewhere,
            ),
            application(engine, channel="kiosk_assisted", assisted_by="9999"),
        ],
    )
    assert assisted.state == "accepted"
    for refused in (claimed, other_kiosk):  # a bare claim, or a login on another kiosk
        assert (refused.state, refused.reject_code) == ("rejected", "unconfirmed_assistance")
    assert stranger.state == "rejected" and stranger.reject_code == "unknown_operator"


def test_an_application_made_after_the_call_closed_is_refused(
    engine: SyncEngine, central: Central
) -> None:
    engine.run_once()
    call = central.platform.records("calls")["bs-piazzola"]
    closes = datetime.now(UTC).replace(microsecond=0) - timedelta(days=10)
    closed = {
        **call,
        "id": "bs-piazzola-chiuso",
        "opens_at": (closes - timedelta(30)).isoformat(),
        "closes_at": closes.isoformat(),
    }
    central.platform.publish("calls", closed)
    [late] = outcomes(engine, [application(engine, call="bs-piazzola-chiuso")])
    assert late.state == "rejected" and late.reject_code == "call_closed"
    assert f"{closes:%d/%m/%Y}" in late.reject_message


def test_an_application_made_before_the_call_opened_is_refused(
    engine: SyncEngine, central: Central
) -> None:
    """The platform checks the opening too, by its own clock: a device's token alone
    (or a kiosk with a wrong clock) must not take a first-come call's first places."""
    engine.run_once()
    call = central.platform.records("calls")["bs-piazzola"]
    opens = datetime.now(UTC).replace(microsecond=0) + timedelta(days=3)
    central.platform.publish(
        "calls",
        {
            **call,
            "id": "bs-piazzola-presto",
            "opens_at": opens.isoformat(),
            "closes_at": (opens + timedelta(30)).isoformat(),
        },
    )
    early, open_call = outcomes(
        engine, [application(engine, call="bs-piazzola-presto"), application(engine)]
    )
    assert (early.state, early.reject_code) == ("rejected", "call_not_open")
    assert early.server_id is None
    assert f"{opens:%d/%m/%Y}" in early.reject_message
    assert open_call.state == "accepted"  # the open call next to it goes on


def test_statuses_come_down_under_a_key_only_code_and_codice_fiscale_open(
    engine: SyncEngine, central: Central, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    import stat

    from kiosk.core.status_lookup import find
    from store.models import ApplicationStatus
    from sync.device import ensure_enrolled, load
    from tests.sync.conftest import enrolled_client

    client = enrolled_client(central)
    device_file = tmp_path / "device.json"
    client.set_token("")
    identity = ensure_enrolled(
        device_file, client, code=central.platform.new_enrollment_code(), kiosk_id="kiosk-status"
    )
    # The kiosk's own key, never the platform's (central/kiosk_lookup.py).
    assert identity.lookup_key == central.platform.kiosk_lookup_secret(identity.device_id).hex()
    assert identity.lookup_key != central.platform.lookup_secret().hex()
    assert load(device_file) == identity
    assert stat.S_IMODE(device_file.stat().st_mode) == 0o600
    assert identity.lookup_key not in repr(identity)
    client.close()

    engine.run_once()
    own_key = engine.client.lookup_key()  # the statuses come to this kiosk under its key
    code = "DOM-ABCD-EFGH"
    [entry] = outcomes(engine, [application(engine, tracking_code=code)])
    engine.run_once()
    cf = "FRRNNA41A63E592W"
    with engine.store.read() as session:
        [row] = session.scalars(select(ApplicationStatus))
        assert (row.state, row.protocol, row.call_id) == (
            "received",
            entry.server_id,
            "bs-piazzola",
        )
        assert cf not in row.id and "ABCD" not in row.id  # a keyed hash, nothing in plain
        found = find(session, own_key, code, cf)
        assert found is not None and found.state == "received"
        assert found.call_title["it"] == "Buoni spesa – solidarietà alimentare"
        assert find(session, own_key, code, "BNCMTT15B19G224I") is None
        assert find(session, own_key, "DOM-ABCD-EFGK", cf) is None
        assert find(session, "00" * 32, code, cf).state == "received"  # type: ignore[union-attr]

    central.platform.set_application_status(
        entry.server_id, "admitted", {"it": "Il buono arriva entro 10 giorni."}
    )
    engine.run_once()
    with engine.store.read() as session:
        found = find(session, own_key, code, cf)
    assert found is not None and found.state == "admitted"
    assert found.note == {"it": "Il buono arriva entro 10 giorni."}
