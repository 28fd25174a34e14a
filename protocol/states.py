# SPDX-License-Identifier: EUPL-1.2
"""Every state machine and every closed set of kinds, named once.

The values are the strings the wire and the store have always carried, so an enum
member compares equal to the text in a row or a JSON record (``StrEnum``).
"""

from __future__ import annotations

from enum import StrEnum


class Stream(StrEnum):
    """A feed of changes the kiosk pulls, each with its own cursor."""

    CATALOG = "catalog"
    CALLS = "calls"
    OPERATORS = "operators"
    STATUSES = "statuses"
    WALLET = "wallet"


class RecordKind(StrEnum):
    """What a change carries; the order is the order a kiosk applies them in."""

    COMUNI = "comuni"
    CATEGORIES = "categories"
    PROVIDERS = "providers"
    SERVICES = "services"
    FORMS = "forms"
    CALLS = "calls"
    APPLICATION_STATUSES = "application_statuses"
    OPERATORS = "operators"
    CREDITS = "credits"
    VOUCHERS = "vouchers"
    WALLETS = "wallets"


class ChangeOp(StrEnum):
    UPSERT = "upsert"
    DELETE = "delete"


class ProviderKind(StrEnum):
    COOPERATIVA = "cooperativa"
    COMUNE = "comune"
    ASSOCIAZIONE = "associazione"
    ESERCIZIO_COMMERCIALE = "esercizio_commerciale"
    CONSORZIO = "consorzio"
    ENTE = "ente"


class Unit(StrEnum):
    ORA = "ora"
    GIORNO = "giorno"
    SETTIMANA = "settimana"
    MESE = "mese"
    PASTO = "pasto"
    SEDUTA = "seduta"
    PACCHETTO = "pacchetto"
    CORSA = "corsa"
    CONSEGNA = "consegna"
    KG = "kg"
    ACCESSO = "accesso"


class Booking(StrEnum):
    BUY_NOW = "buy_now"
    REQUEST_QUOTE = "request_quote"
    BOOK_SLOT = "book_slot"
    INFO_ONLY = "info_only"


class Payment(StrEnum):
    """How a citizen pays for a service; the kiosk itself never takes money."""

    PROVIDER = "provider"  # to the provider, on delivery
    CREDIT = "credit"  # from a municipal or welfare credit
    DESK = "desk"  # at the desk, in an assisted session


class CallKind(StrEnum):
    VOUCHER = "voucher"
    CONTRIBUTO = "contributo"
    SUSSIDIO = "sussidio"


class OperatorRole(StrEnum):
    WELFARE_MANAGER = "welfare_manager"
    COMUNE_STAFF = "comune_staff"
    ADMIN = "admin"


class ApplicationState(StrEnum):
    RECEIVED = "received"
    IN_REVIEW = "in_review"
    NEEDS_DOCUMENTS = "needs_documents"
    ADMITTED = "admitted"
    NOT_ADMITTED = "not_admitted"


class VoucherState(StrEnum):
    ISSUED = "issued"
    REDEEMED = "redeemed"
    CANCELLED = "cancelled"


class SubmissionKind(StrEnum):
    """What a kiosk's outbox entry is."""

    EVENT = "event"
    APPLICATION = "application"
    PURCHASE = "purchase"
    WALLET_PIN = "wallet_pin"  # a PIN set in an assisted session (WalletPinRequest), sealed


class SubmissionStatus(StrEnum):
    """The platform's answer to one submitted entry."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    RETRY = "retry"  # could not be processed now (the platform's fault): sent again later


class OutboxState(StrEnum):
    """An outbox entry: pending -> sending -> accepted | rejected (sending -> pending
    again when the answer never came)."""

    PENDING = "pending"
    SENDING = "sending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class PrintJobState(StrEnum):
    """A print job: pending -> sending -> printed; uncertain when the printer took the
    bytes but the outcome is unknown; expired or cancelled when it will not print;
    failed when the slip could not be drawn. A manager marks an uncertain, expired or
    failed job as dealt with (``*_done``), so what it was stays known."""

    PENDING = "pending"
    SENDING = "sending"
    PRINTED = "printed"
    UNCERTAIN = "uncertain"
    EXPIRED = "expired"
    CANCELLED = "cancelled"
    FAILED = "failed"
    UNCERTAIN_DONE = "uncertain_done"
    EXPIRED_DONE = "expired_done"
    FAILED_DONE = "failed_done"
