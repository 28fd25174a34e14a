# SPDX-License-Identifier: EUPL-1.2
"""SQLAlchemy models of the local store: the platform mirror, the outbox, the print queue.

The schema itself is created and changed only by the Alembic migrations in
``store/migrations``; these classes describe it for queries. Multilingual texts are
JSON objects keyed by language code ({"it": ..., "en": ...}); prices are euro cents.
Timestamps are stored as UTC without tzinfo (SQLite keeps no offsets: the text on disk is
"2026-12-31 23:30:00.000000") and read back as aware UTC datetimes (``UtcDateTime``), so
no caller can mistake one for a local time or compare it with one; an aware value written
or compared is converted to UTC first, never stored with its offset silently dropped.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, CheckConstraint, DateTime, Dialect, ForeignKey, Index, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from protocol.states import OutboxState, PrintJobState

I18n = dict[str, str]


class UtcDateTime(TypeDecorator[datetime]):
    """An instant: stored as naive UTC, read back as aware UTC. An aware value (a local
    time, a platform's instant with its offset) is converted to UTC before it is written
    or compared; a naive one is taken as UTC (older callers, the mirror's bulk writes)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is not None:
            return value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def as_utc(moment: datetime) -> datetime:
    """``moment`` as aware UTC, as the store reads its instants back; a naive one is taken
    as UTC (the store's convention), never as the machine's local time."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime,
        dict[str, str]: JSON,
        list[str]: JSON,
        dict[str, Any]: JSON,
        list[str | dict[str, str]]: JSON,  # a call's list: items in Italian or by language
    }


class Comune(Base):
    __tablename__ = "comuni"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str]
    catastale: Mapped[str] = mapped_column(String(4))
    province: Mapped[str] = mapped_column(String(2))
    cap: Mapped[str] = mapped_column(String(5))


class Category(Base):
    __tablename__ = "categories"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    label: Mapped[I18n]
    icon: Mapped[str]
    position: Mapped[int]


class Provider(Base):
    __tablename__ = "providers"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str]
    name: Mapped[str]
    phone: Mapped[str]
    email: Mapped[str]
    address: Mapped[str]
    website: Mapped[str]


class Service(Base):
    __tablename__ = "services"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    provider_id: Mapped[str] = mapped_column(ForeignKey("providers.id"))
    category_id: Mapped[str] = mapped_column(ForeignKey("categories.id"))
    title: Mapped[I18n]
    description: Mapped[I18n]
    price_cents: Mapped[int | None]
    unit: Mapped[str | None]
    booking: Mapped[str]
    payments: Mapped[list[str] | None]  # None: every way (see kiosk/core/purchasing.py)
    open_to_all: Mapped[bool]
    keywords: Mapped[list[str]]
    privacy_notice: Mapped[dict[str, Any] | None]  # protocol.records.PrivacyNotice

    __table_args__ = (Index("ix_services_category", "category_id"),)


class ServiceComune(Base):
    """A Comune whose residents may use a service (none: the service is open to all)."""

    __tablename__ = "service_comuni"

    service_id: Mapped[str] = mapped_column(
        ForeignKey("services.id", ondelete="CASCADE"), primary_key=True
    )
    comune_id: Mapped[str] = mapped_column(ForeignKey("comuni.id"), primary_key=True)


class Call(Base):
    """A municipal call (bando) or subsidy; ``comune_id`` None means every Comune."""

    __tablename__ = "calls"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    comune_id: Mapped[str | None] = mapped_column(ForeignKey("comuni.id"))
    kind: Mapped[str]
    title: Mapped[I18n]
    description: Mapped[I18n]
    opens_at: Mapped[datetime]
    closes_at: Mapped[datetime]
    budget_cents: Mapped[int | None]
    form_ref: Mapped[str | None]
    eligibility: Mapped[list[str | dict[str, str]]]  # Italian, or by language
    documents: Mapped[list[str | dict[str, str]]]
    privacy_notice: Mapped[dict[str, Any] | None]  # protocol.records.PrivacyNotice


class FormDefinition(Base):
    """An application form, immutable per reference "form_id@version"."""

    __tablename__ = "form_definitions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # "form_id@version"
    form_id: Mapped[str] = mapped_column(String(128))
    version: Mapped[str] = mapped_column(String(64))
    sha256: Mapped[str] = mapped_column(String(64))
    definition: Mapped[dict[str, Any]]


OUTBOX_STATES = tuple(OutboxState)


class OutboxEntry(Base):
    """A record on its way to the platform, written with the record it carries."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str]
    payload: Mapped[dict[str, Any]]
    state: Mapped[str] = mapped_column(default=OutboxState.PENDING.value)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None]
    server_id: Mapped[str | None]
    # The platform's receipt of the acceptance (central/acceptance.py), sent back with
    # the record if a restored platform lost it.
    receipt: Mapped[str | None] = mapped_column(String(64), default=None)
    reject_code: Mapped[str | None]
    reject_message: Mapped[str | None]
    purged_at: Mapped[datetime | None]  # personal data dropped after the platform's answer
    # The kiosk's clock minus the platform's, as last measured when the entry was made,
    # or by the first measure of its boot (None: not measured in its boot): the platform
    # places the record in its own time with it, and without it when it arrived.
    clock_skew_s: Mapped[int | None] = mapped_column(default=None)
    # The boot the entry was made in and ``kiosk_facts.elapsed()`` then: a clock reset at boot
    # leaves a record made before this boot's first measure without a skew; the measure
    # of the same boot gives it one when it is sent (store/outbox.py place_unmeasured).
    boot_id: Mapped[str | None] = mapped_column(String(64), default=None)
    created_monotonic: Mapped[float | None] = mapped_column(default=None)
    # A sealed entry's skew given that way: its envelope binds none (it was sealed
    # before the measure), so it travels beside it and can only place it earlier.
    placed_skew_s: Mapped[int | None] = mapped_column(default=None)
    # A refused record a welfare manager has dealt with (kiosk.core.refusals.OUTCOMES)
    handled_at: Mapped[datetime | None]
    handled_by: Mapped[str | None] = mapped_column(String(16))
    handled_outcome: Mapped[str | None] = mapped_column(String(32))
    # The whole payload sealed to the platform's key (protocol/sealing.py); ``payload``
    # then keeps only what the kiosk shows (store/outbox.py ``visible``).
    sealed: Mapped[str | None] = mapped_column(default=None)
    sha256: Mapped[str | None] = mapped_column(String(64), default=None)  # of the whole payload
    # How to reach the citizen, sent by the platform with its refusal of a sealed record
    called_back: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)

    __table_args__ = (
        CheckConstraint(
            "state IN (" + ", ".join(f"'{state}'" for state in OUTBOX_STATES) + ")",
            name="ck_outbox_state",
        ),
        Index("ix_outbox_state", "state", "id"),
        # Retention's purge (store/retention.py): accepted, not reduced, older than...
        Index("ix_outbox_unpurged", "state", "purged_at", "updated_at"),
    )


class SyncCursor(Base):
    """Where each change stream was last read up to; written with the batch it ends."""

    __tablename__ = "sync_cursors"

    stream: Mapped[str] = mapped_column(String(32), primary_key=True)
    cursor: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[datetime]
    # The platform's epoch the cursor belongs to (None: read before epochs existed).
    # The row "submissions" holds the epoch the outbox was last checked against.
    epoch: Mapped[str | None] = mapped_column(String(64), default=None)


class KioskFact(Base):
    """A fact about this kiosk that outlives a restart (for example the last successful
    sync, which the dashboard and the day report show)."""

    __tablename__ = "kiosk_facts"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime]


class Operator(Base):
    """A welfare manager who may log in at this kiosk; ``comuni`` None means all."""

    __tablename__ = "operators"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str]
    organization: Mapped[str]
    role: Mapped[str]
    pin_hash: Mapped[str]
    comuni: Mapped[list[str] | None]


class WalletEntry(Base):
    """A citizen's sealed wallet (credit and vouchers), under its locator: only their
    codice fiscale with their wallet PIN opens it (vouchers/wallet_key.py)."""

    __tablename__ = "wallets"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    comune_id: Mapped[str | None]
    sealed: Mapped[str | None]
    locked: Mapped[bool]
    updated_at: Mapped[datetime]


class WalletAttempt(Base):
    """Wrong wallet PINs in a row for one codice fiscale at this kiosk (``tag``: its keyed
    hash), and until when it may not try again here."""

    __tablename__ = "wallet_attempts"

    tag: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int]
    locked_until: Mapped[datetime | None]
    updated_at: Mapped[datetime]


class OperatorLockout(Base):
    """Wrong PINs in a row for an operator code, and until when it is locked out."""

    __tablename__ = "operator_lockouts"

    operator_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int]
    locked_until: Mapped[datetime | None]
    updated_at: Mapped[datetime]


PRINT_JOB_STATES = tuple(PrintJobState)


class PrintJob(Base):
    """A slip waiting for, or sent to, the printer (see printing.queue)."""

    __tablename__ = "print_jobs"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str]
    reference: Mapped[str | None]
    copy_no: Mapped[int] = mapped_column(default=0)
    original_id: Mapped[int | None] = mapped_column(ForeignKey("print_jobs.id"))
    slip: Mapped[dict[str, Any]]
    state: Mapped[str] = mapped_column(default=PrintJobState.PENDING.value)
    waiting_reason: Mapped[str | None]
    attempts: Mapped[int] = mapped_column(default=0)
    bytes_sent: Mapped[int] = mapped_column(default=0)
    sha256: Mapped[str | None]
    last_error: Mapped[str | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    printed_at: Mapped[datetime | None]
    hold_until: Mapped[datetime | None]  # not printed before then (or until released)


class PrintedSlip(Base):
    """A deleted print job's trace, with nothing that was on the slip (store/print_history.py)."""

    __tablename__ = "print_history"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    kind: Mapped[str]
    copy_no: Mapped[int]
    state: Mapped[str]  # the job's last: whether it may have put paper out
    reference_sha256: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]

    __table_args__ = (
        Index("ix_print_history_reference", "reference_sha256"),
        Index("ix_print_history_created", "created_at"),
    )


class ApplicationStatus(Base):
    """Where an application stands, as the platform says; keyed by forms.lookup, so the
    table holds no personal data."""

    __tablename__ = "application_statuses"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    state: Mapped[str]
    protocol: Mapped[str]
    call_id: Mapped[str]
    updated_at: Mapped[datetime]
    note: Mapped[I18n | None]


class SetAsideRecord(Base):
    """The latest version of a platform record the kiosk could not apply, and why.

    The stream's cursor moves past it; the record waits here, shown to a manager, until a
    later version of it applies (or it applies on a later pass, once what it refers to
    has arrived). The mirror keeps the record's last good version meanwhile."""

    __tablename__ = "set_aside_records"

    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    stream: Mapped[str] = mapped_column(String(32))
    op: Mapped[str] = mapped_column(String(8))  # "upsert" or "delete"
    data: Mapped[dict[str, Any] | None]
    reason: Mapped[str] = mapped_column(String(300))
    first_seen: Mapped[datetime]
    last_seen: Mapped[datetime]
