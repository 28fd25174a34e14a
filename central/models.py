# SPDX-License-Identifier: EUPL-1.2
"""The reference platform's database: current records, their change log, devices and
submissions. Portable SQLAlchemy (SQLite by default, PostgreSQL by URL)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar, Protocol

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    Dialect,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.sql.functions import FunctionElement


class UtcDateTime(TypeDecorator[datetime]):
    """An instant: stored as naive UTC (the columns stay ``timestamp without time zone``,
    so existing databases need no change), read back as aware UTC. An aware value is
    converted to UTC before it is written or compared; a naive one is taken as UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is not None:
            return value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime,
        dict[str, Any]: JSON,
    }


class Record(Base):
    """The current value of every published record."""

    __tablename__ = "records"

    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[dict[str, Any]]
    # The Comuni whose kiosks receive it, as "|piazzola|limena|"; None: every kiosk
    # (see central/scopes.py).
    scope: Mapped[str | None] = mapped_column(Text, default=None)


class _HolderOf(FunctionElement[str]):
    """A record's ``holder`` field as SQL text, its path written out (SQLAlchemy's
    ``data["holder"]`` sends the path as a parameter, and an index on an expression is
    used only by the same expression)."""

    type = String()
    inherit_cache = True


@compiles(_HolderOf, "sqlite")
def _holder_sqlite(element: _HolderOf, compiler: Any, **kw: Any) -> str:
    return f"json_extract({compiler.process(element.clauses, **kw)}, '$.holder')"


@compiles(_HolderOf, "postgresql")
def _holder_postgresql(element: _HolderOf, compiler: Any, **kw: Any) -> str:
    return f"({compiler.process(element.clauses, **kw)} ->> 'holder')"


# A voucher's holder key and its index: a citizen's vouchers are found by it. Each change
# to their ledger seals their wallet again, and reading every voucher of the network for
# it took 250 ms per 20,000 vouchers, in the writers' turn.
# Only vouchers' rows are indexed (a partial index): on PostgreSQL, reading a field of
# another record's JSON could fail on a text the JSON type cannot convert ("\u0000" in a
# record from before the platform's checks), and that record could not be written.
RECORD_HOLDER = _HolderOf(Record.data)
VOUCHERS_ONLY = "kind = 'vouchers'"
Index(
    "ix_records_holder",
    RECORD_HOLDER,
    sqlite_where=text(VOUCHERS_ONLY),
    postgresql_where=text(VOUCHERS_ONLY),
)


class Change(Base):
    """One entry of a change stream; ``seq`` orders every stream and is its cursor."""

    __tablename__ = "changes"

    # BIGINT on PostgreSQL; SQLite needs INTEGER to make it the auto-incrementing rowid.
    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True
    )
    stream: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(String(64))
    op: Mapped[str] = mapped_column(String(8))
    data: Mapped[dict[str, Any] | None]
    scope: Mapped[str | None] = mapped_column(Text, default=None)  # as Record.scope

    __table_args__ = (
        Index("ix_changes_stream_seq", "stream", "seq"),
        # Compaction finds the later versions of a record (central/compaction.py).
        Index("ix_changes_record_seq", "kind", "record_id", "seq"),
    )


class Device(Base):
    """An enrolled device and what its role lets it do (see central/devices.py)."""

    __tablename__ = "devices"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(String(64))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    enrolled_at: Mapped[datetime]
    role: Mapped[str] = mapped_column(String(16), default="kiosk")  # kiosk, merchant, admin
    # The Comune whose Social Point a kiosk serves (None: the whole network), and what a
    # merchant may accept: {"services": [...], "programmes": [...]}.
    comune: Mapped[str | None] = mapped_column(String(64), default=None)
    scope: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    token_issued_at: Mapped[datetime | None] = mapped_column(default=None)
    # The token before the last rotation, still accepted until the new one is first
    # used: a rotation whose reply was lost does not lock the device out.
    previous_token_hash: Mapped[str | None] = mapped_column(String(64), default=None, index=True)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
    revoked_reason: Mapped[str | None] = mapped_column(String(500), default=None)
    # A revoked device has the same kiosk name, role and Comune (the dead kiosk this one
    # replaces): what that one had accepted is answered as it was when this one sends
    # it again (central/platform/submissions.py). Set at enrollment and at revocation.
    succeeds_revoked: Mapped[bool | None] = mapped_column(default=None)


class EnrollmentCode(Base):
    __tablename__ = "enrollment_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    device_id: Mapped[str | None] = mapped_column(String(36))
    # The role, Comune and scope the device enrolled with this code gets.
    role: Mapped[str] = mapped_column(String(16), default="kiosk")
    comune: Mapped[str | None] = mapped_column(String(64), default=None)
    scope: Mapped[dict[str, Any] | None] = mapped_column(default=None)


class EnrollmentClaim(Base):
    """The hashed secret a device sent with the code it enrolled with: only the same
    secret asks for a lost enrollment reply again (central/enrollment.py). A table of
    its own: a platform's database made before it gets it at the next start."""

    __tablename__ = "enrollment_claims"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    claim_hash: Mapped[str] = mapped_column(String(64))


class Submission(Base):
    """A record a kiosk sent, stored once per client UUID with the answer it got."""

    __tablename__ = "submissions"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    # Unique per device, not across them; indexed alone too: a sealed record's refusal
    # asks whether another device sent it before (central/platform/sealing.py copied).
    uuid: Mapped[str] = mapped_column(String(36), index=True)
    device_id: Mapped[str] = mapped_column(String(36))
    # What was sent under the UUID (kind and payload): the same UUID with another hash
    # is a conflict, never the first record's answer.
    payload_sha256: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any] | None]
    status: Mapped[str] = mapped_column(String(16))
    # Unique (a database made before this keeps its plain index: the platform never
    # gives a number twice either way, central/platform/submissions.py).
    server_id: Mapped[str | None] = mapped_column(String(32), index=True, unique=True)
    code: Mapped[str | None] = mapped_column(String(64))
    message: Mapped[str | None] = mapped_column(String(500))
    received_at: Mapped[datetime]

    __table_args__ = (UniqueConstraint("device_id", "uuid", name="uq_submissions_device_uuid"),)


class SubmissionRecord(Protocol):
    """An accepted submission as what follows its acceptance reads it: a row, or one a
    batch wrote without building a row for it (central/platform/submissions.py)."""

    payload: dict[str, Any] | None  # a wallet PIN's follow-up keeps it without the PIN

    @property
    def uuid(self) -> str: ...

    @property
    def device_id(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def server_id(self) -> str | None: ...


class SubmissionConflict(Base):
    """A record a device sent under a UUID it had already used for a different one:
    kept apart, unprocessed, for a person to look at."""

    __tablename__ = "submission_conflicts"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(String(36))
    uuid: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any] | None]
    payload_sha256: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime]

    __table_args__ = (
        UniqueConstraint("device_id", "uuid", "payload_sha256", name="uq_conflicts_once"),
    )


class PlatformSecret(Base):
    """Secrets the platform makes once, such as the key of the application statuses."""

    __tablename__ = "platform_secrets"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class StatusSubject(Base):
    """Whose application a status record is about, for the platform only: each kiosk gets
    the record under its own lookup key (central/kiosk_lookup.py), made from these."""

    __tablename__ = "status_subjects"

    record_id: Mapped[str] = mapped_column(String(64), primary_key=True)  # platform's id
    tracking_code: Mapped[str] = mapped_column(String(32))
    codice_fiscale: Mapped[str] = mapped_column(String(16))


class HolderCode(Base):
    """A wallet holder's codice fiscale, for the platform only: a kiosk reports a wrong
    wallet PIN under its own lookup key, and the platform finds whose it is."""

    __tablename__ = "holder_codes"

    holder: Mapped[str] = mapped_column(String(64), primary_key=True)
    codice_fiscale: Mapped[str] = mapped_column(String(16))


class SigningKey(Base):
    """A public key vouchers may be signed with: the platform's (any voucher) or a
    kiosk's (service vouchers of the orders that kiosk sends). Published to devices with
    its state, so a revoked or retired key stops being trusted offline too."""

    __tablename__ = "signing_keys"

    kid: Mapped[str] = mapped_column(String(8), primary_key=True)  # 4 bytes, hex
    public_key: Mapped[str] = mapped_column(String(64))  # Base64 of the 32 raw bytes
    owner: Mapped[str] = mapped_column(String(36))  # "platform" or a device id
    issuer: Mapped[str] = mapped_column(String(64))  # for people: "platform", a kiosk id
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
    # Revoked because its device was switched off (a dead disk, a replaced machine), not
    # because the key leaked: it signs nothing new, and the vouchers the ledger took
    # before stay good (citizens paid for them); a key revoked as such voids them all.
    device_retired: Mapped[bool | None] = mapped_column(default=None)


class Redemption(Base):
    """A merchant took (part of) a voucher; its id comes from the merchant, so the same
    redemption sent twice is stored once."""

    __tablename__ = "redemptions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    voucher_id: Mapped[str] = mapped_column(String(16), index=True)
    device_id: Mapped[str] = mapped_column(String(36))
    units: Mapped[int | None]
    amount_cents: Mapped[int | None]
    at: Mapped[datetime]


class RetiredProofKey(Base):
    """An operator's proof key from before their PIN changed, and when it stopped being
    theirs: a login proof made with it before then (an assisted application or a desk
    payment made offline, sent after the change) still shows that they logged in."""

    __tablename__ = "retired_proof_keys"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    operator_id: Mapped[str] = mapped_column(String(64), index=True)
    key: Mapped[str] = mapped_column(String(200))
    retired_at: Mapped[datetime]


class SpentWalletProof(Base):
    """A proof that paid an accepted purchase, and pays for nothing else: a citizen's
    wallet proof (their PIN), or an operator's desk-payment proof (the citizen paid at
    the desk). Either binds an order reference and a kiosk name, both chosen by the
    sending device, so without this the same proof under a new UUID, or sent by another
    device, would debit the citizen's credit again without their PIN, or make another
    "paid at the desk" order, with its service vouchers, that nobody paid for."""

    __tablename__ = "spent_wallet_proofs"

    proof_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    submission_uuid: Mapped[str] = mapped_column(String(36))
    device_id: Mapped[str] = mapped_column(String(36))
    spent_at: Mapped[datetime]


class IssuedVoucher(Base):
    """Every voucher the platform stands behind, whoever signed it, with its value."""

    __tablename__ = "issued_vouchers"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)  # the 8-byte id, hex
    code: Mapped[str] = mapped_column(String(20), unique=True)
    kid: Mapped[str] = mapped_column(String(8))
    device_id: Mapped[str] = mapped_column(String(36))  # "platform" for its own
    comune: Mapped[str | None] = mapped_column(String(64))
    programme: Mapped[str] = mapped_column(String(200))
    service: Mapped[str | None] = mapped_column(String(64))
    units: Mapped[int | None]
    amount_cents: Mapped[int | None]
    valid_from: Mapped[date]
    valid_until: Mapped[date]
    issued_at: Mapped[datetime]
    # How the citizen paid for a service voucher a kiosk sold (the purchase's payment):
    # "provider" was paid on site, and the Comune owes the provider nothing for it.
    # None for the platform's own vouchers, and for those issued before it was kept.
    payment: Mapped[str | None] = mapped_column(String(16), default=None)
    # A buono of the admin API: the caller's id for the decision, and a digest of its
    # terms. Sent again after a lost reply, the request gets this voucher, not another.
    # Unique (an index, so that a database made before gets it at start); None for the
    # rest.
    request_id: Mapped[str | None] = mapped_column(
        String(36), unique=True, index=True, default=None
    )
    request_sha256: Mapped[str | None] = mapped_column(String(64), default=None)


class KioskHealth(Base):
    """The latest heartbeat of each kiosk, for the fleet page (central/fleet.py)."""

    __tablename__ = "kiosk_health"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime]
    clock_skew_s: Mapped[int]  # the kiosk's clock minus ours, when the heartbeat came
    beat: Mapped[dict[str, Any]]
    log_requested_at: Mapped[datetime | None]
    log_received_at: Mapped[datetime | None]
    log_text: Mapped[str | None] = mapped_column(Text)


class MerchantAccount(Base):
    """A shop's login to the web desk (central/web). It acts through its own merchant
    device row, so the desk redeems under the same role and scope as the API does."""

    __tablename__ = "merchant_accounts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))  # scrypt, see central/web/accounts
    display_name: Mapped[str] = mapped_column(String(200))
    iban: Mapped[str] = mapped_column(String(34))
    device_id: Mapped[str] = mapped_column(String(36), unique=True)
    created_at: Mapped[datetime]


class DeskSession(Base):
    """A logged-in browser: the cookie holds a random token, the database its hash."""

    __tablename__ = "desk_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[str] = mapped_column(String(36), index=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class LoginAttempt(Base):
    """A login attempt not (yet) known to have succeeded, counted per account and per
    client within a window to slow down password guessing."""

    __tablename__ = "desk_login_attempts"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    client: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime]


class WalletHolder(Base):
    """A citizen whose wallet is sealed for the kiosks (see central/wallets.py): the keys
    their codice fiscale and wallet PIN give (never the PIN), who set the PIN, and the
    wrong PINs the kiosks reported since."""

    __tablename__ = "wallet_holders"

    holder: Mapped[str] = mapped_column(String(64), primary_key=True)  # the ledger's key
    locator: Mapped[str] = mapped_column(String(64), unique=True)
    seal_key: Mapped[str] = mapped_column(String(64))
    proof_key: Mapped[str] = mapped_column(String(64))
    comune: Mapped[str | None] = mapped_column(String(64))
    set_by: Mapped[str] = mapped_column(String(64))  # "comune" or the operator's id
    document: Mapped[str | None] = mapped_column(String(200))  # what the operator checked
    set_at: Mapped[datetime]
    failures: Mapped[int] = mapped_column(default=0)
    locked_at: Mapped[datetime | None] = mapped_column(default=None)
    # The change that first published the wallet under this PIN: a kiosk that had not
    # read it judged a PIN before it had the wallet. Kept here, as compaction folds
    # that change into the wallet's later reseals. None: set before it was kept.
    first_seq: Mapped[int | None] = mapped_column(BigInteger(), default=None)


class ImportedGrantFile(Base):
    """A file of buoni a Comune's staff imported, by its SHA-256: the same file sent
    again (a second click, a page reloaded) issues nothing a second time."""

    __tablename__ = "imported_grant_files"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    comune: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[str] = mapped_column(String(36))
    imported_at: Mapped[datetime]


class CreditRequest(Base):
    """A credit set through the admin API under the caller's request id: sent again (a
    reply lost), it is not set again, so a late retry never gives back to the citizen
    what they spent since the first one."""

    __tablename__ = "credit_requests"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    terms_sha256: Mapped[str] = mapped_column(String(64))
    set_at: Mapped[datetime]


class StaffAction(Base):
    """What a Comune staff member did on the web desk (central/web/audit.py): who, what,
    when, on what, for which Comune. Only ever added to."""

    __tablename__ = "staff_actions"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(index=True)  # UTC
    account_id: Mapped[str] = mapped_column(String(36))
    username: Mapped[str] = mapped_column(String(64))
    comune: Mapped[str | None] = mapped_column(String(64), index=True)
    action: Mapped[str] = mapped_column(String(32))
    target: Mapped[str] = mapped_column(String(64))  # a protocol number, a file name...
    detail: Mapped[str] = mapped_column(String(2000), default="")
