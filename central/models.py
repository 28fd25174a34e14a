# SPDX-License-Identifier: EUPL-1.2
"""The reference platform's database: current records, their change log, devices and
submissions. Portable SQLAlchemy (SQLite by default, PostgreSQL by URL)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, BigInteger, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON}


class Record(Base):
    """The current value of every published record."""

    __tablename__ = "records"

    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[dict[str, Any]]


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

    __table_args__ = (Index("ix_changes_stream_seq", "stream", "seq"),)


class Device(Base):
    __tablename__ = "devices"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(String(64))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    enrolled_at: Mapped[datetime]


class EnrollmentCode(Base):
    __tablename__ = "enrollment_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    device_id: Mapped[str | None] = mapped_column(String(36))


class Submission(Base):
    """A record a kiosk sent, stored once per client UUID with the answer it got."""

    __tablename__ = "submissions"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    uuid: Mapped[str] = mapped_column(String(36))  # unique per device, not across them
    device_id: Mapped[str] = mapped_column(String(36))
    # What was sent under the UUID (kind and payload): the same UUID with another hash
    # is a conflict, never the first record's answer.
    payload_sha256: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any] | None]
    status: Mapped[str] = mapped_column(String(16))
    server_id: Mapped[str | None] = mapped_column(String(32))
    code: Mapped[str | None] = mapped_column(String(64))
    message: Mapped[str | None] = mapped_column(String(500))
    received_at: Mapped[datetime]

    __table_args__ = (UniqueConstraint("device_id", "uuid", name="uq_submissions_device_uuid"),)


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
