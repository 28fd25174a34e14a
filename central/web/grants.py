# SPDX-License-Identifier: EUPL-1.2
"""Buoni spesa and credits for admitted applicants, one at a time or from a CSV file.

A grant names an application by its protocol number, never a codice fiscale typed by
hand: the codice fiscale and the Comune come from the application, which must be one
of the member's and admitted. Each grant is checked with the admin API's own messages
(protocol.messages.VoucherTerms, CreditGrant), then issued through the platform's
voucher authority (signed by the platform's key) or published as a credit, and the
citizen's sealed wallet follows (central/wallets.py): the desk holds no key of its own.

A file is read whole and every line checked before anything is issued; with any
problem nothing is, and each problem names its line. Then all lines are issued in one
writing transaction, with their audit rows: a file is issued whole or not at all.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pydantic import ValidationError
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from central.models import ImportedGrantFile, Record
from central.platform import Platform, PublishError
from central.platform.statuses import holder_key_in
from central.platform.wallet import credit_of_another_comune, wallet_of_another_comune
from central.web import audit, review
from central.web.accounts import Merchant
from protocol.messages import CreditGrant, VoucherTerms
from protocol.records import SOME_TEXT
from protocol.text import UNFIT_TEXT

MAX_LINES = 2000
SAME_LINES = timedelta(days=7)  # a file with a file's lines, imported since: saved again
MAX_FILE_BYTES = 512 * 1024
AMOUNT = re.compile(r"^\s*(\d{1,7})(?:[.,](\d{1,2}))?\s*$")
# A column's name in Italian or in English, as the file's first line gives it.
COLUMNS = {
    "protocollo": "protocol",
    "protocol": "protocol",
    "tipo": "kind",
    "kind": "kind",
    "iniziativa": "programme",
    "programme": "programme",
    "importo": "amount",
    "amount": "amount",
    "giorni": "valid_days",
    "valid_days": "valid_days",
}
SOME_TEXT_RE = re.compile(SOME_TEXT)  # a published record's text: not blank, no control
KINDS = {"buono": "voucher", "voucher": "voucher", "credito": "credit", "credit": "credit"}
REQUIRED = ("protocol", "kind", "programme", "amount")


@dataclass(frozen=True)
class Grant:
    protocol: str
    kind: str  # "voucher" or "credit"
    programme: str
    cents: int
    valid_days: int = 60


@dataclass(frozen=True)
class Problem:
    line: int  # in the file, counting its header as line 1; 0 for the whole file
    code: str  # the desk's message ("grant_<code>")
    detail: str = ""
    first: int = 0  # a repeated application: the line it is first on


class GrantError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


def parse_cents(text: str) -> int | None:
    """Euros as an office writes them ("150", "150,00", "150.5") in cents."""
    found = AMOUNT.match(text)
    if found is None:
        return None
    return int(found.group(1)) * 100 + int((found.group(2) or "0").ljust(2, "0"))


def read_file(data: bytes) -> tuple[list[tuple[int, Grant]], list[Problem]]:
    """The grants of a CSV file (UTF-8, with or without BOM; ``;`` or ``,`` between
    columns, as Italian spreadsheets save it) and the problems of its lines."""
    if len(data) > MAX_FILE_BYTES:
        return [], [Problem(0, "file_too_large")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [Problem(0, "not_utf8")]
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        return [], [Problem(0, "empty_file")]
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    try:
        records = _records(text, delimiter)
    except csv.Error:  # a cell over the csv module's limit (128 KiB)
        return [], [Problem(0, "unreadable_csv")]
    names = records[0][1]
    header = [COLUMNS.get(name.strip().lower(), "") for name in names]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        return [], [Problem(1, "missing_columns", ", ".join(missing))]
    if repeated := _repeated_columns(names, header):
        return [], [Problem(1, "repeated_column", repeated)]
    if len(records) - 1 > MAX_LINES:
        return [], [Problem(0, "too_many_lines", str(MAX_LINES))]
    grants: list[tuple[int, Grant]] = []
    problems: list[Problem] = []
    first_line: dict[str, int] = {}  # each application's first line
    needed = max(header.index(column) for column in REQUIRED) + 1
    for number, row in records[1:]:
        if not any(cell.strip() for cell in row):
            continue  # a blank line (a spreadsheet's last one)
        if shape := _shape_problem(number, row, len(header), needed):
            problems.append(shape)
            continue
        cells = dict(zip(header, (cell.strip() for cell in row), strict=False))
        protocol = cells.get("protocol", "")[:32]
        # One line per application: a second one would issue a second buono, or
        # replace the first line's credit while the audit log showed both.
        first = first_line.setdefault(protocol, number) if protocol else number
        if first != number:
            problems.append(Problem(number, "repeated_application", protocol, first))
        read = _grant_of(number, protocol, cells)
        if isinstance(read, Problem):
            problems.append(read)
        elif first == number:  # a repeated line is refused above: checked once
            grants.append((number, read))
    return grants, problems


def _records(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """The file's records, each with the line it starts on: a quoted cell may span
    lines, and a problem names the line the office sees in its editor. ``newline=""``
    lets the csv module see every line end as written, ``\r`` alone (Excel for Mac)
    too."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    start = 1
    for row in reader:
        records.append((start, row))
        start = reader.line_num + 1
    return records


def _shape_problem(number: int, row: list[str], columns: int, needed: int) -> Problem | None:
    """The problem of a line with cells beyond the header's columns (150,50 unquoted in
    a file with "," between columns: 150 would be issued, 50 dropped without a word) or
    too few to reach every required column; None when its cells fit."""
    extra = [cell.strip() for cell in row[columns:] if cell.strip()]
    if extra:
        return Problem(number, "extra_cells", " | ".join(extra)[:40])
    if len(row) < needed:
        return Problem(number, "missing_cells", str(len(row)))
    return None


def content_digest(lines: Sequence[tuple[int, Grant]]) -> str:
    """What a file says, whatever its form: the same grants saved again by a spreadsheet
    (other line ends, a BOM, ``,`` for ``;``, columns in another order, "50" for
    "50,00", blank lines) give the same digest, and would issue the same buoni again."""
    said = sorted((g.protocol, g.kind, g.programme, g.cents, g.valid_days) for _number, g in lines)
    return hashlib.sha256(repr(said).encode()).hexdigest()


def _repeated_columns(names: list[str], header: list[str]) -> str:
    """The columns the header names twice ("importo", or "importo/amount" in both
    languages), as the file writes them; "" when none is. A line's cells would go by the
    last one, the first ignored without a word."""
    written: dict[str, list[str]] = {}
    for name, column in zip(names, header, strict=True):
        if column:  # an unknown column is ignored, however often it comes
            written.setdefault(column, []).append(name.strip()[:20])
    return ", ".join("/".join(dict.fromkeys(found)) for found in written.values() if len(found) > 1)


def _grant_of(number: int, protocol: str, cells: dict[str, str]) -> Grant | Problem:
    """The grant of one line of the file, or the problem of its cells."""
    kind = KINDS.get(cells.get("kind", "").lower())
    cents = parse_cents(cells.get("amount", ""))
    days_text = cells.get("valid_days") or "60"
    if kind is None:
        return Problem(number, "bad_kind", cells.get("kind", "")[:20])
    if cents is None:
        return Problem(number, "bad_amount", cells.get("amount", "")[:20])
    if not (days_text.isascii() and days_text.isdigit() and len(days_text) < 5):
        return Problem(number, "bad_days", days_text[:20])
    return Grant(protocol, kind, cells.get("programme", ""), cents, int(days_text))


def _checked(
    session: Session, platform: Platform, grant: Grant, comuni: list[str]
) -> tuple[str, str] | Problem:
    """(codice fiscale, Comune) of the grant's admitted applicant, or its problem
    (line 0: the caller sets it)."""
    found = review.applicant(session, platform, grant.protocol, comuni)
    if found is None:
        return Problem(0, "no_application", grant.protocol)
    codice_fiscale, comune, state = found
    if state != "admitted":
        return Problem(0, "not_admitted", grant.protocol)
    try:
        if grant.kind == "voucher":
            VoucherTerms(
                cf=codice_fiscale,
                comune=comune,
                programme=grant.programme,
                amount_cents=grant.cents,
                valid_days=grant.valid_days,
            )
        else:
            CreditGrant(
                cf=codice_fiscale,
                programme=grant.programme,
                balance_cents=grant.cents,
                comune=comune,
            )
    except ValidationError as error:
        first = error.errors()[0]
        if first["type"] == UNFIT_TEXT:  # a NUL or a control character: told by its field
            field = str(first.get("ctx", {}).get("place", ""))
            return Problem(0, "programme_control" if field == "programme" else "bad_line", field)
        field = str((first.get("loc") or ("",))[0])
        return Problem(0, f"bad_{field}" if field in BAD_FIELDS else "bad_line", field)
    # The published record's own rule for a name, stricter than the admin API's
    # message: checked here so every line's problem is told before any is issued.
    if not SOME_TEXT_RE.fullmatch(grant.programme):
        return Problem(0, "programme_control" if grant.programme else "bad_programme")
    # Checked here as the platform does (central/platform/wallet.py), so every line's
    # problem is told before any is issued.
    if grant.kind == "credit" and credit_of_another_comune(session, codice_fiscale, comune):
        return Problem(0, "credit_of_other_comune", grant.protocol)
    if wallet_of_another_comune(session, codice_fiscale, comune) is not None:
        return Problem(0, "wallet_of_other_comune", grant.protocol)
    return codice_fiscale, comune


BAD_FIELDS = ("programme", "amount_cents", "balance_cents", "valid_days", "cf")


def issue(
    platform: Platform,
    member: Merchant,
    comuni: list[str],
    lines: list[tuple[int, Grant]],
    file_sha256: str | None = None,
    again: str = "already_imported",
    problems: list[Problem] | None = None,
    file_name: str | None = None,
    same_lines: str | None = None,
) -> list[str]:
    """Issues every line in one transaction, or none (GrantError with each line's
    problem); the codes of the vouchers issued, in order. ``file_sha256``: of the file
    the lines come from (or of a grant form's one-time token), which is issued once per
    Comune: GrantError with the problem ``again`` the second time. ``same_lines``: the
    digest of what the file says (``content_digest``), refused too for ``SAME_LINES``
    after it was imported (the file saved again by a spreadsheet), not after (the same
    grants, issued again next month, are another decision). ``problems``: those found
    reading the file, told with the lines' own in one answer (nothing issued).
    ``file_name``: a file's, for the "imported" row of the audit log."""
    # The credits the lines set are locked before the writers' turn, as purchases lock
    # them (central/platform/database.py): a kiosk's purchase on one of them meanwhile
    # takes its turn before or after this grant, never deadlocks with it.
    digests = [d for d in (file_sha256, same_lines) if d is not None]
    with platform.writing(credits=_credit_holders(platform, comuni, lines)) as session:
        if file_sha256 is not None:
            _not_imported_yet(session, comuni, file_sha256, same_lines, again)
        checked, found = _check_all(session, platform, comuni, lines)
        found += _granted_lately(session, comuni, lines)
        if problems or found:
            raise GrantError(sorted([*(problems or []), *found], key=lambda p: p.line))
        with platform.catalog.ledger_batch(session):  # each wallet sealed once
            codes = _issue_all(session, platform, member, checked)
        # Only the Comuni of its lines: a member of several Comuni importing one
        # Comune's file is no business of the others' (their log, their imports).
        for comune in dict.fromkeys(line[3] for line in checked):
            for digest in digests:
                _note_imported(session, member, comune, digest)
        for _number, grant, _cf, comune in checked:
            _note_imported(session, member, comune, grant_digest(grant))
            if file_name is not None:
                _log_import(session, member, comune, file_name, checked)
    return codes


Checked = tuple[int, Grant, str, str]  # line, grant, codice fiscale, Comune


def _credit_holders(
    platform: Platform, comuni: list[str], lines: list[tuple[int, Grant]]
) -> list[str]:
    """The holder keys of the credits these lines would set (the lines are checked
    again, in the issuing transaction)."""
    with platform.sessions() as session:
        found = [
            review.applicant(session, platform, grant.protocol, comuni)
            for _number, grant in lines
            if grant.kind == "credit"
        ]
        return [holder_key_in(session, applicant[0]) for applicant in found if applicant]


def _check_all(
    session: Session, platform: Platform, comuni: list[str], lines: list[tuple[int, Grant]]
) -> tuple[list[Checked], list[Problem]]:
    """Each line checked against the platform: those that may be issued, and the
    problems of the others, each with its line."""
    checked: list[Checked] = []
    problems: list[Problem] = []
    credit_line: dict[str, int] = {}  # each citizen's first credit line
    for number, grant in lines:
        result = _checked(session, platform, grant, comuni)
        if isinstance(result, Problem):
            problems.append(Problem(number, result.code, result.detail))
            continue
        if grant.kind == "credit":
            # A citizen holds one credit: a second line for them (another application of
            # theirs) would replace the first line's, while the audit log showed both.
            first = credit_line.setdefault(result[0], number)
            if first != number:
                problems.append(Problem(number, "repeated_credit", grant.protocol, first))
                continue
        checked.append((number, grant, *result))
    return checked, problems


def _issue_all(
    session: Session, platform: Platform, member: Merchant, checked: list[Checked]
) -> list[str]:
    """Issues the checked lines; GrantError with the line of each the platform still
    refuses (all of them, so one answer tells every one; rolled back with the
    caller's transaction)."""
    codes: list[str] = []
    problems: list[Problem] = []
    for number, grant, codice_fiscale, comune in checked:
        try:
            codes.extend(_grant(session, platform, member, grant, codice_fiscale, comune))
        except PublishError as error:  # refused before anything of it is written
            problems.append(Problem(number, "bad_line", str(error)[:200]))
    if problems:
        raise GrantError(problems)
    return codes


def _grant(
    session: Session,
    platform: Platform,
    member: Merchant,
    grant: Grant,
    codice_fiscale: str,
    comune: str,
) -> list[str]:
    euros = f"{grant.cents // 100},{grant.cents % 100:02d} €"
    if grant.kind == "voucher":
        record = platform.wallet.issue_voucher_in(
            session, codice_fiscale, comune, grant.programme, grant.cents, grant.valid_days
        )
        # The voucher's id, never its code: the code alone redeems the buono, and the
        # audit log is shown on every view of the application and exported to files.
        # voucher_in reads the id back from this detail.
        detail = f"{grant.programme}: {euros}, {grant.valid_days} giorni, {record['id']}"
        audit.add(session, member, "issued_voucher", grant.protocol, comune, detail)
        return [str(record["code"])]
    replaced = _credit_left(session, codice_fiscale)
    platform.wallet.set_credit_in(session, codice_fiscale, grant.programme, grant.cents, comune)
    audit.add(
        session,
        member,
        "set_credit",
        grant.protocol,
        comune,
        f"{grant.programme}: {euros}{replaced}",
    )
    return []


def _credit_left(session: Session, codice_fiscale: str) -> str:
    """The credit a new one replaces, for the audit log ("", none): a credit set again
    after the citizen spent part of it is told, with what was left, never silent."""
    found = session.get(Record, ("credits", holder_key_in(session, codice_fiscale)))
    if found is None:
        return ""
    cents = int(found.data.get("balance_cents", 0))
    left = f"{cents // 100},{cents % 100:02d} €"
    return f" (al posto di {found.data.get('programme', '')}: {left} rimasti)"


def grant_digest(grant: Grant) -> str:
    """One grant to one application, whichever way it came (the form, a second tab of
    it, a file): the same buono, or the same credit, to the same application within
    ``SAME_LINES`` is that grant again, not another decision. Its days of validity do
    not make it another (a credit has none; the form and a file default them)."""
    said = ("grant", grant.protocol, grant.kind, grant.programme, grant.cents)
    return hashlib.sha256(repr(said).encode()).hexdigest()


def _granted_lately(
    session: Session, comuni: list[str], lines: Sequence[tuple[int, Grant]]
) -> list[Problem]:
    """A problem for each line granted already within ``SAME_LINES`` (from the form or
    a file): a second buono for the one decision, or a credit set back to its full
    amount after the citizen spent some of it, without a word."""
    digest_of = {grant_digest(grant): number for number, grant in lines}
    lately = datetime.now(UTC) - SAME_LINES
    rows = session.execute(
        select(ImportedGrantFile.sha256, ImportedGrantFile.imported_at).where(
            ImportedGrantFile.sha256.in_(list(digest_of)),
            ImportedGrantFile.comune.in_(comuni),
            ImportedGrantFile.imported_at > lately,
        )
    )
    when = {sha256: moment for sha256, moment in rows}
    return [
        Problem(digest_of[sha256], "already_granted", f"{moment:%d/%m/%Y %H:%M}")
        for sha256, moment in sorted(when.items(), key=lambda item: digest_of[item[0]])
    ]


def _not_imported_yet(
    session: Session, comuni: list[str], sha256: str, same_lines: str | None, again: str
) -> None:
    """GrantError when the file was imported already for one of the member's Comuni
    (a second click, a page reloaded: buoni twice), or one with the same lines lately
    (saved again). A file's lines always go to the same Comuni (their applications'),
    so any of the member's is the file's."""
    seen = ImportedGrantFile.sha256 == sha256
    if same_lines is not None:
        lately = datetime.now(UTC) - SAME_LINES
        seen = or_(
            seen,
            and_(ImportedGrantFile.sha256 == same_lines, ImportedGrantFile.imported_at > lately),
        )
    done = session.scalar(
        select(ImportedGrantFile.imported_at).where(seen, ImportedGrantFile.comune.in_(comuni))
    )
    if done is not None:
        raise GrantError([Problem(0, again, f"{done:%d/%m/%Y %H:%M}")])


def _note_imported(session: Session, member: Merchant, comune: str, sha256: str) -> None:
    """Notes the file as imported for a Comune, in the issuing transaction (again, for
    the same lines imported once more after ``SAME_LINES``: when, and by whom)."""
    moment = datetime.now(UTC)
    row = session.get(ImportedGrantFile, (sha256, comune))
    if row is None:
        row = ImportedGrantFile(sha256=sha256, comune=comune)
        session.add(row)
    row.staff_id, row.imported_at = member.account.id, moment


def _log_import(
    session: Session, member: Merchant, comune: str, name: str, checked: list[Checked]
) -> None:
    """The import's row in a Comune's log, counting that Comune's lines only."""
    mine = [grant for _number, grant, _cf, line_comune in checked if line_comune == comune]
    vouchers = sum(grant.kind == "voucher" for grant in mine)
    detail = f"{len(mine)} righe, {vouchers} buoni"
    audit.add(session, member, "imported", name[:64] or "csv", comune, detail)


def voucher_in(detail: str) -> str:
    """The buono's id in the audit detail of its issue (written by ``issue``)."""
    return detail.rpartition(", ")[2]
