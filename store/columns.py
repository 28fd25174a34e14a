# SPDX-License-Identifier: EUPL-1.2
"""A validated record (protocol.records) as the column values of its mirror table.

What the mirror stores is exactly what it stored before the contract had types: texts
as they came, an absent optional text as "", instants as naive UTC, a service's
``residents_of`` as a list (empty: open to all) beside ``open_to_all``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from protocol import records as r
from store.models import as_utc


def _notice(notice: r.PrivacyNotice | None) -> dict[str, Any] | None:
    return notice.model_dump() if notice is not None else None


def comune(record: r.ComuneRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "name": record.name,
        "catastale": record.catastale,
        "province": record.province,
        "cap": record.cap,
    }


def category(record: r.CategoryRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "label": record.label,
        "icon": record.icon,
        "position": record.position,
    }


def provider(record: r.ProviderRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "kind": record.kind,
        "name": record.name,
        "phone": record.phone or "",
        "email": record.email or "",
        "address": record.address or "",
        "website": record.website or "",
    }


def service(record: r.ServiceRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "provider_id": record.provider,
        "category_id": record.category,
        "title": record.title,
        "description": record.description,
        "price_cents": record.price_cents,
        "unit": record.unit,
        "booking": record.booking,
        "payments": record.payments,
        "open_to_all": record.residents_of is None,
        "keywords": record.keywords,
        "residents_of": record.residents_of or [],
        "privacy_notice": _notice(record.privacy_notice),
    }


def call(record: r.CallRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "comune_id": record.comune,
        "kind": record.kind,
        "title": record.title,
        "description": record.description,
        "opens_at": as_utc(record.opens_at),
        "closes_at": as_utc(record.closes_at),
        "budget_cents": record.budget_cents,
        "form_ref": record.form,
        "eligibility": record.eligibility,
        "documents": record.documents,
        "privacy_notice": _notice(record.privacy_notice),
    }


def form(record: r.FormRecord) -> dict[str, Any]:
    definition = record.form
    return {
        "id": record.id,
        "form_id": definition.id,
        "version": definition.version,
        "sha256": definition.sha256,
        "definition": definition.data,
    }


def operator(record: r.OperatorRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "name": record.name,
        "organization": record.organization,
        "role": record.role,
        "pin_hash": record.pin_hash,
        "comuni": record.comuni,
    }


def application_status(record: r.ApplicationStatusRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "state": record.state,
        "protocol": record.protocol,
        "call_id": record.call,
        "updated_at": as_utc(record.updated_at),
        "note": record.note,
    }


def wallet(record: r.WalletRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "comune_id": record.comune,
        "sealed": record.sealed,
        "locked": record.locked,
        "updated_at": as_utc(record.updated_at),
    }


COLUMNS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "comuni": comune,
    "categories": category,
    "providers": provider,
    "services": service,
    "forms": form,
    "calls": call,
    "application_statuses": application_status,
    "operators": operator,
    "wallets": wallet,
}
