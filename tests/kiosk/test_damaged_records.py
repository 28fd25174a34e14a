# SPDX-License-Identifier: EUPL-1.2
"""An outbox record whose stored text is no longer JSON (a damaged page of the disk, a
bad manual edit of the file) holds back no other: the citizen's offline status look-up
and the manager's day report go on with the other records, and the manager is told, in
words, that one record is damaged. Real SQLite files, damaged from outside the kiosk."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta

from kiosk.core import applying, local_time, wallet_pin
from kiosk.core.manager_desk import day_report, desk_facts
from kiosk.core.purchasing import credit_of
from kiosk.core.status_lookup import find
from kiosk.core.wallet import OpenedWallet
from printing.documents import day_report as day_report_slip
from printing.slip import Pair, SlipContext
from protocol.wire import Result
from store import outbox
from store.database import Store
from store.retention import RetentionRule, housekeep
from tests.kiosk.people import shows
from vouchers.wallet_key import WalletKey

CF = "FRRNNA41A63E592W"
ZONE = "Europe/Rome"
DAY = timedelta(days=1)
NOW = datetime.now(UTC).replace(tzinfo=None)


def damage(store: Store, entry_uuid: str, text: str = '{"broken') -> None:
    """What a bad manual edit does: the stored payload is no longer JSON."""
    with closing(sqlite3.connect(store.path)) as db:
        db.execute("UPDATE outbox SET payload = ? WHERE uuid = ?", (text, entry_uuid))
        db.commit()


def application(store: Store, code: str, cf: str = CF) -> str:
    with store.write() as session:
        return outbox.add(
            session,
            "application",
            {"call": "bs-piazzola", "tracking_code": code, "answers": {"cf": cf}},
        )


def test_a_damaged_application_holds_back_no_other_citizen_s_status_look_up(
    store: Store,
) -> None:
    application(store, "DOM-AAAA-AAAA")
    damage(store, application(store, "DOM-BBBB-BBBB"))
    application(store, "DOM-CCCC-CCCC")
    with store.read() as session:
        for code in ("DOM-AAAA-AAAA", "DOM-CCCC-CCCC"):
            found = find(session, None, code, CF)
            assert found is not None and found.state == "waiting", code
        # The damaged one cannot be read: it is not found, the look-up does not fail.
        assert find(session, None, "DOM-BBBB-BBBB", CF) is None
        assert find(session, None, "DOM-AAAA-AAAA", "BNCMTT15B19G224I") is None


def test_the_day_report_counts_the_other_records_and_names_the_damaged_ones(
    store: Store,
) -> None:
    with store.write() as session:
        outbox.add(session, "event", {"type": "assisted_session", "operator": "1001"})
        broken_event = outbox.add(session, "event", {"type": "assisted_session", "operator": "x"})
        outbox.add(
            session,
            "event",
            {"type": "voucher_printed", "voucher": "V1", "amount_cents": 2500},
        )
        outbox.add(session, "purchase", {"order": "AC-1", "total_cents": 500, "payment": "cash"})
        outbox.add(session, "purchase", {"order": "AC-2", "total_cents": 0, "payment": "provider"})
        broken_purchase = outbox.add(
            session, "purchase", {"order": "AC-3", "total_cents": 500, "payment": "cash"}
        )
    application(store, "DOM-AAAA-AAAA")
    damage(store, broken_event)
    damage(store, broken_purchase, '{"order": "AC-3", "total_cents": 5')
    today = local_time.local(datetime.now(UTC), ZONE).date()
    with store.read() as session:
        report = day_report(session, today, None, ZONE)
    assert (report.purchases, report.bookings, report.applications) == (1, 1, 1)
    assert report.vouchers_cents == 2500
    assert list(report.assisted_sessions) == [("1001", 1)]
    assert report.damaged == 2
    context = SlipContext("Social Point Piazzola", "Piazzola sul Brenta", "k1", datetime.now())
    slip = day_report_slip(context, report)
    pairs = {e.label: e.value for e in slip.elements if isinstance(e, Pair)}
    assert pairs["Dati danneggiati sul totem"] == "2"


def test_the_dashboard_goes_on_and_says_that_records_are_damaged(
    qtbot, window, backend, snap
) -> None:  # type: ignore[no-untyped-def]
    store = backend.store
    with store.write() as session:
        refused = [
            outbox.add(session, "purchase", {"order": f"AC-000{n}", "phone": "049 87 65"})
            for n in range(2)
        ]
        outbox.add(session, "event", {"type": "help_requested", "kiosk": "k1"})
        broken_call = outbox.add(session, "event", {"type": "help_requested", "kiosk": "k1"})
    with store.write() as session:
        outbox.record_results(
            session, [Result(e, False, None, "price_changed", "changed") for e in refused]
        )
    damage(store, refused[1], '{"order": "AC-00')
    damage(store, broken_call)
    now = datetime.now(UTC).replace(tzinfo=None)
    with store.read() as session:
        facts = desk_facts(session, now, RetentionRule(7, 7))
    assert [item.reference for item in facts.refused] == ["AC-0000"]
    assert len(facts.help_requests) == 1
    assert facts.damaged == 2
    window.go("manager")
    window.screens["manager"].show_facts(facts)
    assert shows(window, "Chiama il cittadino al 049 87 65")
    assert shows(window, "⚠ Dati danneggiati su questo totem: 2")
    assert shows(window, "Chiama l’assistenza tecnica")
    snap(window, "dashboard-damaged-records")


def test_a_damaged_purchase_holds_back_no_citizen_s_credit(store: Store) -> None:
    key = WalletKey.from_secret(b"wallet of a citizen")
    with store.write() as session:
        for order, cents in (("AC-1", 700), ("AC-2", 300)):
            outbox.add(
                session,
                "purchase",
                {"order": order, "total_cents": cents, "payment": "credit", "holder": key.locator},
            )
            broken = order
    with closing(sqlite3.connect(store.path)) as db:
        [(entry_uuid,)] = db.execute(
            "SELECT uuid FROM outbox WHERE json_extract(payload, '$.order') = ?", (broken,)
        )
    damage(store, entry_uuid)
    wallet = OpenedWallet(key, "Carta solidale", 5000, ())
    with store.read() as session:
        view = credit_of(session, wallet, 5000)
    assert view is not None and view.waiting_cents == 700


def test_a_damaged_accepted_record_holds_back_no_receipt_and_no_sending_again(
    store: Store,
) -> None:
    good = application(store, "DOM-AAAA-AAAA")
    broken = application(store, "DOM-BBBB-BBBB")
    with store.write() as session:
        outbox.record_results(
            session, [Result(e, True, f"P-{n}", None, None) for n, e in enumerate((good, broken))]
        )
    damage(store, broken)
    with store.write() as session:
        answers = [Result(e, True, f"P-{n}", None, None) for n, e in enumerate((good, broken))]
        assert applying.receipts_after_push(session, answers) == 0  # no receipt was held
        assert [row.uuid for row in outbox.kept_whole(session, 0, 10)] == [good]
        assert applying.application_state(session, broken) == ("accepted", "P-1")


def test_retention_drops_a_damaged_accepted_record_s_text_and_goes_on(store: Store) -> None:
    good = application(store, "DOM-AAAA-AAAA")
    broken = application(store, "DOM-BBBB-BBBB")
    waiting = application(store, "DOM-CCCC-CCCC")
    with store.write() as session:
        outbox.record_results(
            session, [Result(e, True, f"P-{n}", None, None) for n, e in enumerate((good, broken))]
        )
    damage(store, broken, '{"call": "bs-piazzola", "answers": {"cf": "FRRNNA41A63')
    damage(store, waiting)
    purged = housekeep(store, RetentionRule(7, 7, keep_sent_days=0), NOW + DAY)
    assert purged.records == 2
    with closing(sqlite3.connect(store.path)) as db:
        rows = dict(db.execute("SELECT uuid, payload FROM outbox WHERE purged_at IS NOT NULL"))
        [(still,)] = db.execute("SELECT payload FROM outbox WHERE uuid = ?", (waiting,))
    assert set(rows) == {good, broken}
    assert "FRRNNA" not in rows[broken] and json.loads(rows[broken]) == {"damaged": True}
    assert json.loads(rows[good])["tracking_code"] == "DOM-AAAA-AAAA"
    assert still == '{"broken'  # not accepted: kept as it is, for a person to look at


def test_the_state_of_a_damaged_record_is_still_followed(store: Store) -> None:
    with store.write() as session:
        pin = outbox.add(session, "wallet_pin", {"operator": "1001", "document": "carta"})
    damage(store, pin)
    with store.read() as session:
        assert wallet_pin.pin_state(session, pin) == ("waiting", None)


def test_a_payload_that_is_json_but_not_an_object_is_damaged_too(store: Store) -> None:
    """A bad manual edit can leave valid JSON that is not an object ("[1]", a number):
    the dashboard and the day report go on and count it as damaged."""
    with store.write() as session:
        made = [
            outbox.add(session, kind, {"order": f"AC-{n}", "payment": "cash"})
            for n, kind in enumerate(("purchase", "event", "application", "purchase"))
        ]
    for entry_uuid, text in zip(made[1:], ("[1]", '"x"', "7"), strict=True):
        damage(store, entry_uuid, text)
    today = local_time.local(datetime.now(UTC), ZONE).date()
    with store.read() as session:
        report = day_report(session, today, None, ZONE)
        facts = desk_facts(session, NOW, RetentionRule(7, 7))
    assert (report.purchases, report.applications, report.damaged) == (1, 0, 3)
    assert facts.damaged == 3


def test_a_damaged_record_is_left_out_of_the_day_s_counts_also_after_retention(
    store: Store,
) -> None:
    """A damaged application is not among the day's applications; a damaged accepted
    purchase that retention reduced to its mark is not counted as a purchase."""
    application(store, "DOM-AAAA-AAAA")
    damage(store, application(store, "DOM-BBBB-BBBB"))
    with store.write() as session:
        paid = outbox.add(session, "purchase", {"order": "AC-1", "payment": "cash"})
        broken = outbox.add(session, "purchase", {"order": "AC-2", "payment": "provider"})
    with store.write() as session:
        outbox.record_results(
            session, [Result(e, True, f"ORD-{n}", None, None) for n, e in enumerate((paid, broken))]
        )
    damage(store, broken, '{"order": "AC-2", "paym')
    today = local_time.local(datetime.now(UTC), ZONE).date()
    with store.read() as session:
        before = day_report(session, today, None, ZONE)
    housekeep(store, RetentionRule(7, 7, keep_sent_days=0), NOW + DAY)
    with store.read() as session:
        after = day_report(session, today, None, ZONE)
        facts = desk_facts(session, NOW, RetentionRule(7, 7))
    for report in (before, after):
        assert (report.applications, report.purchases, report.bookings) == (1, 1, 0)
        assert report.damaged == 2
    assert facts.damaged == 1  # the reduced purchase is dealt with; the application waits
