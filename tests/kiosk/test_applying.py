# SPDX-License-Identifier: EUPL-1.2
"""Applying at the kiosk without the screens: a draft filled page by page, then the
application and its receipt saved together, sent once, and given a protocol number."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.applying import Draft, NotAvailableError, Submitted, start, submit
from printing import print_queue
from printing.escpos_render import PROFILES, render
from printing.slip import SlipContext
from protocol.text import unfit_text
from store import outbox
from store.database import Store
from store.models import OutboxEntry
from sync.engine import SyncEngine
from tests.forms.samples import GOOD
from tests.printing.escpos_decode import decode
from tests.sync.conftest import central, engine  # noqa: F401  (fixtures)

NOW = datetime.now(UTC)
CONTEXT = SlipContext(
    "Social Point Piazzola",
    "Piazzola sul Brenta",
    "kiosk-01",
    datetime(2026, 11, 24, 10, 0),
    operator="Maria Rossi",
)


def entry_of(session: Session, entry_uuid: str) -> OutboxEntry:
    return session.scalars(select(OutboxEntry).where(OutboxEntry.uuid == entry_uuid)).one()


def test_a_draft_is_checked_page_by_page_and_submitted_with_its_receipt(
    demo_store: Store,
) -> None:
    with demo_store.read() as session:
        draft = start(session, "bs-piazzola", NOW)
    assert [p["id"] for p in draft.pages][:2] == ["richiedente", "contatti"]
    draft.answers.update(cf="FRRNNA41A63E592X", cognome="Ferraro", nome="Anna")
    [problem] = draft.page_problems(NOW.date())
    assert problem.message("it") == (
        "Il codice fiscale non è valido: una lettera o una cifra è sbagliata,"
        " confrontalo con la tessera sanitaria."
    )
    draft.answers = copy.deepcopy(GOOD)
    assert draft.page_problems(NOW.date()) == []

    with demo_store.write() as session:
        result = submit(session, draft, CONTEXT, NOW)
    assert isinstance(result, Submitted) and result.tracking_code.startswith("DOM-")
    with demo_store.read() as session:
        entry = session.scalars(
            select(OutboxEntry).where(OutboxEntry.uuid == result.outbox_uuid)
        ).one()
        job = print_queue.get(session, result.print_job)
    assert entry.kind == "application" and entry.payload["answers"]["cf"] == "FRRNNA41A63E592W"
    assert entry.payload["tracking_code"] == result.tracking_code
    printed = decode(render(job.slip, PROFILES["80mm"]))
    text = "\n".join(printed.texts)
    assert printed.texts[4:6] == ["RICEVUTA DI", "PRESENTAZIONE"]  # big letters, two lines
    assert result.tracking_code in text
    # It waits on disk in the print queue: nobody's name (the answers alone are sealed).
    assert "Ferraro" not in text and "Anna" not in text
    assert "Maria Rossi" in text  # the welfare manager who helped, not the citizen
    assert printed.qr_payloads == [result.tracking_code]


def test_nothing_is_kept_half_way_and_a_bad_draft_is_not_submitted(demo_store: Store) -> None:
    with demo_store.read() as session:
        draft = start(session, "bs-piazzola", NOW)
    draft.answers = copy.deepcopy(GOOD)
    with pytest.raises(RuntimeError), demo_store.write() as session:
        submit(session, draft, CONTEXT, NOW)
        raise RuntimeError("power cut before the commit")
    with demo_store.read() as session:
        assert outbox.counts(session)["pending"] == 0 and print_queue.counts(session) == {}
    draft.answers["dich_445"] = False
    with demo_store.write() as session:
        problems = submit(session, draft, CONTEXT, NOW)
    assert isinstance(problems, list) and problems[0].path == "dich_445"


def test_only_open_calls_with_a_form_can_be_applied_for(demo_store: Store) -> None:
    with demo_store.read() as session, pytest.raises(NotAvailableError):
        start(session, "ce-limena", NOW)  # no online form
    with demo_store.read() as session, pytest.raises(NotAvailableError):
        start(session, "bs-piazzola", NOW.replace(year=NOW.year + 1))  # closed by then


def test_the_platform_gives_the_submitted_application_a_protocol_number(
    engine: SyncEngine,  # noqa: F811
) -> None:
    engine.run_once()
    with engine.store.read() as session:
        draft = start(session, "bs-piazzola", NOW)
    draft.answers = copy.deepcopy(GOOD)
    with engine.store.write() as session:
        result = submit(session, draft, CONTEXT, NOW)
    engine.run_once()
    engine.run_once()  # a second pass sends nothing again
    with engine.store.read() as session:
        entry = session.scalars(
            select(OutboxEntry).where(OutboxEntry.uuid == result.outbox_uuid)
        ).one()
    assert entry.state == "accepted" and entry.server_id.startswith("PROT-")
    assert entry.attempts == 1


def test_answers_are_checked_on_the_kiosks_calendar_day_as_the_wizard_checked_them(
    demo_store: Store,
) -> None:
    """At half past midnight in Rome it is still yesterday in UTC: a child born today
    (a birth date "not after today") passed the wizard and was refused at Send."""
    late = datetime.combine(NOW.date(), time(23, 30), UTC)
    rome_day = late.astimezone(ZoneInfo("Europe/Rome")).date()
    assert rome_day != late.date()
    with demo_store.read() as session:
        draft = start(session, "bs-piazzola", late)
    draft.answers = copy.deepcopy(GOOD)
    draft.answers["membri"][1]["data_nascita"] = rome_day.isoformat()
    with demo_store.write() as session:
        refused = submit(session, draft, CONTEXT, late, time_zone="UTC")
        assert [p.path for p in refused] == ["membri.2.data_nascita"]  # type: ignore[union-attr]
        assert isinstance(submit(session, draft, CONTEXT, late), Submitted)  # Europe/Rome


def _with_nul(value: Any) -> list[Any]:
    """``value`` with a NUL put in each of its texts in turn, however deep."""
    if isinstance(value, str):
        return [value[:2] + "\x00" + value[2:]]
    if isinstance(value, list):
        return [
            [*value[:i], bad, *value[i + 1 :]] for i, v in enumerate(value) for bad in _with_nul(v)
        ]
    if isinstance(value, dict):
        return [{**value, key: bad} for key, v in value.items() for bad in _with_nul(v)]
    return []


def test_a_nul_in_any_answer_never_reaches_the_outbox(demo_store: Store) -> None:
    """A NUL pasted or scanned into an answer: a text answer is kept without it, any
    other answer is refused with its message under it, the draft as typed (nothing of
    it lost). The platform refuses a NUL in any text (it cannot store one on
    PostgreSQL), and a refusal would come after the citizen left with a receipt."""
    with demo_store.read() as session:
        draft = start(session, "bs-piazzola", NOW)
    for answers in _with_nul(GOOD):
        draft.answers = copy.deepcopy(answers)
        with demo_store.write() as session:
            result = submit(session, draft, CONTEXT, NOW)
            if isinstance(result, Submitted):
                kept = entry_of(session, result.outbox_uuid).payload
                assert unfit_text(kept) is None, kept
                session.rollback()
                continue
        assert result and all(problem.message("it") for problem in result), answers
        assert draft.answers == answers  # what the citizen typed stays to be corrected
    with demo_store.read() as session:
        assert outbox.counts(session)["pending"] == 0


def test_an_answer_the_form_let_through_with_a_nul_is_not_queued(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The contract's last check before the outbox (protocol.messages):
    a NUL the form's cleaning missed stops the application, naming its answer; nothing
    is queued or printed, and the draft is kept."""
    with demo_store.read() as session:
        draft = start(session, "bs-piazzola", NOW)
    draft.answers = {**copy.deepcopy(GOOD), "cognome": "Fer\x00raro"}
    monkeypatch.setattr(Draft, "all_problems", lambda self, _today: (dict(self.answers), []))
    # A ValueError naming the answer (the payload's type, then check_submission).
    refused = pytest.raises(ValueError, match=r"answers\.cognome: contains a NUL character")
    with refused, demo_store.write() as session:
        submit(session, draft, CONTEXT, NOW)
    with demo_store.read() as session:
        assert outbox.counts(session)["pending"] == 0 and print_queue.counts(session) == {}
    assert draft.answers["cognome"] == "Fer\x00raro"
