# SPDX-License-Identifier: EUPL-1.2
"""Applications as Comune staff review them: the list (by call, state and date), one
application with its answers as its form names them, and the decision.

Staff see an application when its call is of one of their Comuni, or when the call is
the whole network's and the applicant lives in one of their Comuni. An application's
state is the one published to the kiosks in the ``application_statuses`` stream (the
citizen looks it up there); a decision publishes a new one through the platform, as
the admin API does, and adds its row to the audit log in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.models import Record, Submission
from central.platform import Platform, PublishError
from central.platform.statuses import status_key_of
from central.web import audit
from central.web.accounts import Merchant
from forms.answers import check
from forms.definition import DefinitionError, FormDefinition, load_definition
from forms.expressions import ExpressionError, amount_cents, compile_expression
from protocol.states import ApplicationState

STATES = [state.value for state in ApplicationState]
Names = dict[str, dict[str, Any]]  # the Comuni's records, by id
LIST_LIMIT = 500
NOTE_MAX = 1000


class DecisionError(ValueError):
    """A decision that cannot be taken; ``code`` names the desk's message."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Listed:
    protocol: str
    received_at: datetime  # in the platform's time zone
    call: str
    applicant: str
    state: str


@dataclass(frozen=True)
class Application:
    protocol: str
    received_at: datetime
    call: str
    comune: str | None  # whose application it is (the call's, else the residence)
    applicant: str
    codice_fiscale: str
    state: str
    note: str
    note_en: str  # the same note in English, for a citizen who reads the kiosk in English
    answers: list[tuple[str, str]]  # (label, value as shown), in the form's order
    suggested_cents: int | None  # what the call's form computes for this household
    channel: str


def _local(platform: Platform, moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC).astimezone(platform.time_zone).replace(tzinfo=None)


def _utc(platform: Platform, day: date, end: bool) -> datetime:
    """The start (or the end) of a calendar day of the platform, in UTC; the first and
    last days a date can name stay within what a moment can be (no OverflowError)."""
    day = min(max(day, date.min + timedelta(days=1)), date.max - timedelta(days=1))
    moment = datetime.combine(day, time.max if end else time.min, platform.time_zone)
    return moment.astimezone(UTC)


def comune_of(call: dict[str, Any] | None, payload: dict[str, Any]) -> str | None:
    """The Comune an application belongs to: its call's, else where the applicant lives."""
    if call is not None and call.get("comune"):
        return str(call["comune"])
    residence = (payload.get("answers") or {}).get("residenza")
    return residence if isinstance(residence, str) else None


def _states(session: Session) -> dict[str, dict[str, Any]]:
    """The published status of every application, by protocol number."""
    rows = session.scalars(select(Record).where(Record.kind == "application_statuses"))
    return {str(row.data.get("protocol")): row.data for row in rows}


def _applicant(payload: dict[str, Any]) -> str:
    answers = payload.get("answers") or {}
    return " ".join(str(answers.get(key) or "") for key in ("cognome", "nome")).strip()


def applications(
    platform: Platform,
    comuni: list[str],
    *,
    call: str | None = None,
    state: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[Listed]:
    """The member's applications that match, newest first (at most LIST_LIMIT)."""
    calls = platform.records("calls")
    query = select(Submission).where(
        Submission.kind == "application", Submission.status == "accepted"
    )
    if since is not None:
        query = query.where(Submission.received_at >= _utc(platform, since, end=False))
    if until is not None:
        query = query.where(Submission.received_at <= _utc(platform, until, end=True))
    query = query.order_by(Submission.received_at.desc(), Submission.id.desc())
    shown: list[Listed] = []
    with platform.sessions() as session:
        states = _states(session)
        for row in session.scalars(query):
            payload = row.payload or {}
            if call and payload.get("call") != call:
                continue
            if comune_of(calls.get(str(payload.get("call"))), payload) not in comuni:
                continue
            current = str(states.get(str(row.server_id), {}).get("state") or "received")
            if state and current != state:
                continue
            shown.append(
                Listed(
                    str(row.server_id),
                    _local(platform, row.received_at),
                    str(payload.get("call")),
                    _applicant(payload),
                    current,
                )
            )
            if len(shown) >= LIST_LIMIT:
                break
    return shown


def _submission(session: Session, protocol: str) -> Submission | None:
    return session.scalar(
        select(Submission).where(
            Submission.server_id == protocol,
            Submission.kind == "application",
            Submission.status == "accepted",
        )
    )


def application(
    platform: Platform, member: Merchant, protocol: str, comuni: list[str], language: str
) -> Application | None:
    """One of the member's applications with its answers (None if not theirs or
    unknown); opening it is written to the audit log."""
    calls = platform.records("calls")
    # A write (the audit row): taken in turn with the platform's other writes, as every
    # write is, not raced against them (that answered "busy" to colleagues at once).
    with platform.writing() as session:
        row = _submission(session, protocol[:32])
        if row is None or row.payload is None:
            return None
        payload = row.payload
        comune = comune_of(calls.get(str(payload.get("call"))), payload)
        if comune not in comuni:
            return None
        status = _states(session).get(protocol, {})
        form_row = session.get(Record, ("forms", str(payload.get("form"))))
        audit.add(session, member, "viewed", protocol, comune, "")
    form = _form(form_row.data if form_row is not None else None)
    answers = payload.get("answers") or {}
    note = status.get("note") or {}
    return Application(
        protocol=protocol,
        received_at=_local(platform, row.received_at),
        call=str(payload.get("call")),
        comune=comune,
        applicant=_applicant(payload),
        codice_fiscale=str(answers.get("cf") or "").upper(),
        state=str(status.get("state") or "received"),
        note=str(note.get("it") or "") if isinstance(note, dict) else "",
        note_en=str(note.get("en") or "") if isinstance(note, dict) else "",
        answers=shown_answers(form, answers, language, platform.records("comuni")),
        suggested_cents=_suggested(form, answers, _local(platform, row.received_at).date(), comuni),
        channel=str(payload.get("channel") or ""),
    )


def _form(data: dict[str, Any] | None) -> FormDefinition | None:
    if data is None:
        return None
    try:
        return load_definition(data["definition"], published=True)
    except (DefinitionError, KeyError):
        return None


def _suggested(
    form: FormDefinition | None, answers: dict[str, Any], day: date, comuni: list[str]
) -> int | None:
    """The amount the call's form computes from the answers (a hint for staff)."""
    if form is None or "amount" not in form.data:
        return None
    cleaned, problems = check(form, answers, today=day, comuni=set(comuni) | {"*"})
    try:
        value = compile_expression(form.data["amount"]["expr"]).evaluate(cleaned, day)
    except ExpressionError:
        return None
    return amount_cents(value) if not problems else None


def _label(item: dict[str, Any], language: str) -> str:
    label = item.get("label") or {}
    return str(label.get(language) or label.get("it") or item.get("name", ""))


def _value(
    form: FormDefinition, item: dict[str, Any], value: Any, language: str, names: Names
) -> str:
    kind = item.get("type")
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return ("Sì" if value else "No") if language == "it" else ("Yes" if value else "No")
    if kind == "money" and isinstance(value, int):
        euros, cents = divmod(value, 100)
        return f"{euros:,}".replace(",", ".") + f",{cents:02d} €"
    if kind == "codice_fiscale":
        return str(value).upper()
    if kind == "date" and isinstance(value, str):
        try:
            return f"{date.fromisoformat(value):%d/%m/%Y}"
        except ValueError:
            return value
    if kind == "comune" and isinstance(value, str):
        return str(names.get(value, {}).get("name") or value)
    choices = form.data.get("choices", {}).get(str(item.get("choices")), None)
    if choices and isinstance(choices, list):
        labels = {str(c.get("value")): _label(c, language) for c in choices if isinstance(c, dict)}
        values = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(str(v), str(v)) for v in values)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def shown_answers(
    form: FormDefinition | None, answers: dict[str, Any], language: str, names: Names
) -> list[tuple[str, str]]:
    """Every answer with its label, in the form's order; a repeat's entries numbered.
    Without the form (withdrawn since), the answers by their names."""
    if form is None:
        return [(name, str(value)) for name, value in answers.items()]
    shown: list[tuple[str, str]] = []
    for item in form.fields():
        name = str(item.get("name", ""))
        if item.get("type") in ("calculated",) or name not in answers:
            continue
        value = answers[name]
        if item.get("type") == "repeat" and isinstance(value, list):
            for number, entry in enumerate(value, 1):
                for inner in item.get("fields", []):
                    if isinstance(entry, dict) and inner.get("name") in entry:
                        label = f"{_label(item, language)} {number}: {_label(inner, language)}"
                        shown.append(
                            (label, _value(form, inner, entry[inner["name"]], language, names))
                        )
            continue
        shown.append((_label(item, language), _value(form, item, value, language, names)))
    return shown


def decide(
    platform: Platform,
    member: Merchant,
    protocol: str,
    comuni: list[str],
    state: str,
    note: str,
    note_en: str = "",
    was: str | None = None,
) -> None:
    """Publishes the application's new state with the note (Italian, and English when
    written: the kiosk shows the citizen the one of their language, else the Italian)
    for the citizen's look-up at the kiosks. ``was``: the state the deciding page
    showed; when a colleague has changed it since, nothing is saved (DecisionError
    "changed_meanwhile"), never their decision silently overwritten. DecisionError
    says why not."""
    if state not in STATES:
        raise DecisionError("bad_state")
    # A browser sends a text box's line breaks as CRLF; the contract's texts have LF.
    note, note_en = _lines(note), _lines(note_en)
    if len(note) > NOTE_MAX or len(note_en) > NOTE_MAX:
        raise DecisionError("note_too_long")
    if note_en and not note:
        raise DecisionError("note_needs_italian")  # the contract's notes are Italian first
    texts = {"it": note, **({"en": note_en} if note_en else {})} if note else None
    calls = platform.records("calls")
    with platform.writing() as session:
        row = _submission(session, protocol[:32])
        if row is None or row.payload is None:
            raise DecisionError("no_application")
        comune = comune_of(calls.get(str(row.payload.get("call"))), row.payload)
        if comune not in comuni:
            raise DecisionError("no_application")
        if was is not None:
            found = applicant(session, platform, protocol, comuni)
            if found is not None and found[2] != was:
                raise DecisionError("changed_meanwhile")
        try:
            platform.statuses.publish_status(session, row, state, texts)
        except PublishError:  # what the kiosks would refuse: a control character, say
            raise DecisionError("note_unreadable") from None
        detail = f"{state}: {note}".rstrip(": ") + (f" / en: {note_en}" if note_en else "")
        audit.add(session, member, "decided", protocol, comune, detail)


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def applicant(
    session: Session, platform: Platform, protocol: str, comuni: list[str]
) -> tuple[str, str, str] | None:
    """(codice fiscale, Comune, state) of one of the member's applications, read in the
    caller's transaction; None when it is unknown or another Comune's."""
    row = _submission(session, protocol[:32])
    if row is None or row.payload is None:
        return None
    call = session.get(Record, ("calls", str(row.payload.get("call"))))
    comune = comune_of(call.data if call is not None else None, row.payload)
    if comune is None or comune not in comuni:
        return None
    # Its own status: the record under its key that names its protocol number (an
    # older database may hold, under a shared key, another application's).
    status = session.get(Record, ("application_statuses", status_key_of(session, row.payload)))
    own = status is not None and status.data.get("protocol") == row.server_id
    state = str(status.data.get("state")) if status is not None and own else "received"
    codice_fiscale = str((row.payload.get("answers") or {}).get("cf") or "").upper()
    return codice_fiscale, comune, state
