# SPDX-License-Identifier: EUPL-1.2
"""A service's printable card, in Italian like every slip (Qt-free)."""

from __future__ import annotations

from kiosk.core.contact_card import vcard
from printing.documents import ServiceCard
from protocol.money import euro
from store.catalog import ServiceDetail, pick


def card_for(service: ServiceDetail) -> ServiceCard:
    if service.price_cents is None:
        price = "solo informazioni, non si prenota qui"
    elif service.price_cents == 0:
        price = "gratuito"
    else:
        price = euro(service.price_cents) + (f" / {service.unit}" if service.unit else "")
    contacts = [
        f"{name}: {value}"
        for name, value in (
            ("Telefono", service.provider_phone),
            ("E-mail", service.provider_email),
            ("Indirizzo", service.provider_address),
        )
        if value
    ]
    return ServiceCard(
        title=pick(service.title, "it"),
        category=pick(service.category_label, "it"),
        price=price,
        description=pick(service.description, "it"),
        who=(
            "Residenti di: " + ", ".join(service.residents_of)
            if service.residents_of
            else "Tutti, in qualunque Comune abitino"
        ),
        provider=service.provider_name,
        contacts=contacts,
        contact_qr=vcard(
            service.provider_name,
            service.provider_phone,
            service.provider_email,
            service.provider_address,
        ),
        contact_alternatives=contact_alternatives(
            service.provider_name, service.provider_phone, service.provider_email
        ),
    )


def contact_alternatives(name: str, phone: str, email: str) -> tuple[str, ...]:
    """Shorter codes for a contact whose whole card is too large for the paper."""
    found: list[str] = []
    if phone:
        found.append(vcard(name[:60], phone, "", ""))
        found.append("tel:" + "".join(c for c in phone if c.isdigit() or c == "+"))
    if email:
        found.append("mailto:" + email)
    return tuple(found)
