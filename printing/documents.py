# SPDX-License-Identifier: EUPL-1.2
"""The slips the kiosk prints, built from plain data: purchase and booking receipts,
application receipts, vouchers and the manager's end-of-day report.

Privacy notices (GDPR art. 13) print in full, as the citizen read them on screen.

Slips are in Italian, the language of the offices that receive them. The citizen's own
lines (what they bought, what to do next) come in their language too, under the
Italian ones (``Text.lang``: drawn as images when the printer's code page lacks the
letters). Each slip opens with the common header (printing.slip.header) and closes with
DOCUMENTO NON FISCALE: the kiosk never takes payments, so nothing it prints is a fiscal
document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Literal

from printing.slip import (
    NOT_FISCAL,
    Barcode,
    Element,
    Pair,
    Qr,
    Rule,
    Slip,
    SlipContext,
    Text,
    header,
)
from protocol.money import euro

FOOTER: tuple[Element, ...] = (Rule(), Text(NOT_FISCAL, align="center", bold=True))


@dataclass(frozen=True)
class ReceiptLine:
    description: str
    quantity: int = 1
    unit_price_cents: int | None = None  # None: free of charge
    translated: str = ""  # the description in the citizen's language, when not Italian

    @property
    def total_cents(self) -> int:
        return (self.unit_price_cents or 0) * self.quantity


@dataclass(frozen=True)
class PurchaseReceipt:
    kind: Literal["purchase", "booking"]
    reference: str  # the code the provider asks for
    provider: str
    provider_phone: str
    lines: Sequence[ReceiptLine]
    payment_note: str  # how and where it is paid: never at the kiosk
    appointment: str = ""  # date, time and place of a booking
    notes: Sequence[str] = ()  # documents to bring, how to cancel
    language: str = "it"  # the citizen's, for their own lines
    citizen_notes: Sequence[str] = ()  # what to do next, in the citizen's language


def in_language(texts: Sequence[str], lang: str) -> list[Element]:
    """The citizen's lines in their language; none when it is Italian."""
    return [] if lang == "it" else [Text(text, lang=lang) for text in texts if text]


def purchase_receipt(context: SlipContext, receipt: PurchaseReceipt) -> Slip:
    title = "RICEVUTA DI PRENOTAZIONE" if receipt.kind == "booking" else "RICEVUTA D'ACQUISTO"
    body: list[Element] = [
        Pair("Codice", receipt.reference, bold=True),
        Text(receipt.provider, bold=True),
    ]
    if receipt.provider_phone:
        body.append(Pair("Telefono", receipt.provider_phone))
    body.append(Rule())
    for line in receipt.lines:
        price = "gratuito" if line.unit_price_cents is None else euro(line.total_cents)
        if line.quantity > 1 and line.unit_price_cents is not None:
            body.append(Text(line.description))
            body += in_language([line.translated], receipt.language)
            body.append(Pair(f"{line.quantity} x {euro(line.unit_price_cents)}", price))
        else:
            body.append(Pair(line.description, price))
            body += in_language([line.translated], receipt.language)
    body += [Rule(), Pair("Totale", euro(sum(ln.total_cents for ln in receipt.lines)), bold=True)]
    body.append(Text(receipt.payment_note))
    if receipt.appointment:
        body += [Rule(), Text("Appuntamento", bold=True), Text(receipt.appointment)]
    if receipt.notes:
        body.append(Rule())
        body += [Text(note) for note in receipt.notes]
    if citizen := in_language(receipt.citizen_notes, receipt.language):
        body += [Rule(), *citizen]
    body.append(Qr(receipt.reference, caption="Mostra questo codice al fornitore."))
    return Slip(title=title.capitalize(), elements=(*header(context, title), *body, *FOOTER))


@dataclass(frozen=True)
class ApplicationReceipt:
    """No personal data: the slip waits on disk in the print queue, in clear, while the
    answers are sealed to the platform (a stolen disk must not name the applicant)."""

    call_title: str
    comune: str
    tracking_code: str  # made on the kiosk when the application is saved
    submitted_at: datetime
    protocol: str | None = None  # given by the platform; None until it has answered
    next_steps: Sequence[str] = ()
    documents: Sequence[str] = ()  # to bring to the office, if any
    language: str = "it"  # the citizen's, for their own lines
    call_title_translated: str = ""  # the call's title in the citizen's language
    citizen_notes: Sequence[str] = ()  # what to do next, in the citizen's language


PROTOCOL_TO_COME = Text(
    "Il numero di protocollo viene assegnato quando la domanda arriva al Comune: "
    "lo trovi con il codice di verifica."
)


def protocol_line(protocol: str) -> Pair:
    return Pair("Protocollo", protocol, bold=True)


def with_protocol(slip: Slip, protocol: str) -> Slip:
    """An application receipt made before the platform answered, with its protocol
    number in place of the line saying it will come."""
    elements = tuple(protocol_line(protocol) if e == PROTOCOL_TO_COME else e for e in slip.elements)
    return replace(slip, elements=elements)


def application_receipt(context: SlipContext, receipt: ApplicationReceipt) -> Slip:
    body: list[Element] = [
        Text(receipt.call_title, bold=True),
        *in_language([receipt.call_title_translated], receipt.language),
        Pair("Comune", receipt.comune),
        Pair("Presentata il", f"{receipt.submitted_at:%d/%m/%Y %H:%M}"),
        Pair("Codice di verifica", receipt.tracking_code, bold=True),
    ]
    body.append(protocol_line(receipt.protocol) if receipt.protocol else PROTOCOL_TO_COME)
    if receipt.documents:
        body += [Rule(), Text("Documenti da consegnare", bold=True)]
        body += [Text(f"- {item}") for item in receipt.documents]
    if receipt.next_steps:
        body += [Rule(), *(Text(step) for step in receipt.next_steps)]
    if citizen := in_language(receipt.citizen_notes, receipt.language):
        body += [Rule(), *citizen]
    body.append(Qr(receipt.tracking_code, caption="Codice di verifica della domanda."))
    title = "RICEVUTA DI PRESENTAZIONE"
    return Slip(
        title="Ricevuta di presentazione", elements=(*header(context, title), *body, *FOOTER)
    )


@dataclass(frozen=True)
class Voucher:
    programme: str  # for example "Buoni spesa 2026"
    issuer: str  # the Comune or body that pays it
    signed_code: str  # the SP1: text carried by the QR
    human_code: str  # the same voucher, for typing by hand
    valid_from: date
    valid_until: date
    amount_cents: int | None = None
    service: str | None = None
    # What a shop has not taken yet of an amount voucher (None: all of it): a reprint
    # of a buono used in part says what it is still worth.
    amount_left_cents: int | None = None
    # A service voucher sold in units, and what a provider has not taken yet of them.
    units: int | None = None
    units_left: int | None = None
    beneficiary_ref: str = ""  # a household number or initials, never a full identity
    terms: Sequence[str] = field(
        default=(
            "Spendibile solo presso gli esercizi convenzionati.",
            "Non cedibile, non convertibile in denaro, non dà diritto a resto.",
        )
    )
    helpdesk: str = ""
    # Printed large above and below the code: "CAMPIONE – NON VALIDO" on a test print,
    # "COPIA n. 2" on a reprint of a bearer voucher (see voucher_copy_mark).
    mark: str = ""


def voucher_copy_mark(copy_no: int) -> str:
    """The mark of the n-th reprint: the first print is the original, not a copy."""
    return f"COPIA n. {copy_no}"


def voucher(context: SlipContext, item: Voucher) -> Slip:
    title = "BUONO SPESA" if item.amount_cents is not None else "BUONO SERVIZIO"
    # Double size where it fits the narrowest paper's 16 double columns ("COPIA n. 2");
    # "CAMPIONE – NON VALIDO" in bold on one line, never cut in two.
    big = len(item.mark) <= 16
    marks: list[Element] = [Text(item.mark, align="center", bold=True, big=big)] * bool(item.mark)
    left = item.amount_left_cents
    if item.amount_cents is not None and left is not None and left < item.amount_cents:
        # The remainder large, as the shop will take it; the face value small below.
        value = [
            Text(item.programme, align="center", bold=True),
            Text(item.issuer, align="center"),
            Text("RESIDUO", align="center", bold=True),
            Text(euro(left), align="center", bold=True, big=True),
            Text(f"Valore iniziale {euro(item.amount_cents)}", align="center"),
        ]
    elif item.amount_cents is not None:
        value = [
            Text(item.programme, align="center", bold=True),
            Text(item.issuer, align="center"),
            Text(euro(item.amount_cents), align="center", bold=True, big=True),
        ]
    else:  # the service's title once, with the quantity the programme line may add
        service = item.service or ""
        named = item.programme if service in item.programme else f"{service} - {item.programme}"
        value = [Text(named, align="center", bold=True), Text(item.issuer, align="center")]
        units, units_left = item.units, item.units_left
        if units is not None and units_left is not None and units_left < units:
            # Used in part: what the provider still gives, large, as the RESIDUO of a buono.
            value += [
                Text("RESIDUO", align="center", bold=True),
                Text(f"{units_left} su {units}", align="center", bold=True, big=True),
            ]
    body: list[Element] = [
        *marks,
        *value,
        Qr(item.signed_code),
        # For shops' laser scanners. Crockford Base32 ignores hyphens; without them the
        # code fits 58 mm paper at 0.25 mm bars.
        Barcode(item.human_code.replace("-", "")),
        Text(item.human_code, align="center", bold=True),
        *marks,
        Rule(),
        Pair("Valido dal", f"{item.valid_from:%d/%m/%Y}"),
        Pair("Valido fino al", f"{item.valid_until:%d/%m/%Y}", bold=True),
    ]
    if item.beneficiary_ref:
        body.append(Pair("Riferimento", item.beneficiary_ref))
    body += [Rule(), *(Text(term) for term in item.terms)]
    body.append(Text("Conservare lontano da fonti di calore."))
    if item.helpdesk:
        body.append(Text(f"Informazioni: {item.helpdesk}"))
    return Slip(title=title.capitalize(), elements=(*header(context, title), *body, *FOOTER))


@dataclass(frozen=True)
class DayReport:
    day: date
    purchases: int
    bookings: int
    applications: int
    vouchers: int
    vouchers_cents: int
    waiting_to_send: int
    rejected: int
    print_problems: int  # uncertain or expired slips
    last_sync: datetime | None
    assisted_sessions: Sequence[tuple[str, int]] = ()  # operator, sessions
    voucher_copies: int = 0  # vouchers printed again (each a "COPIA n. X")
    slip_reprints: int = 0  # receipts a manager printed again (each a DUPLICATO)
    damaged: int = 0  # records of the day no longer readable on the kiosk's disk
    # Orders per way of paying ("credit", "desk", "provider"): how many, and their total.
    by_payment: Sequence[tuple[str, int, int]] = ()


# The ways of paying as the day report names them (protocol.states.Payment).
PAYMENT_WAYS = {
    "credit": "- con il credito",
    "desk": "- alla cassa",
    "provider": "- al fornitore",
}


def day_report(context: SlipContext, report: DayReport) -> Slip:
    last_sync = f"{report.last_sync:%d/%m/%Y %H:%M}" if report.last_sync else "mai"
    body: list[Element] = [
        Pair("Giornata", f"{report.day:%d/%m/%Y}", bold=True),
        Rule(),
        Pair("Acquisti", str(report.purchases)),
        Pair("Prenotazioni", str(report.bookings)),
        *(
            Pair(f"{PAYMENT_WAYS.get(way, way)} ({count})", euro(cents))
            for way, count, cents in report.by_payment
        ),
        Pair(
            "Valore degli ordini",
            euro(sum(cents for _way, _count, cents in report.by_payment)),
            bold=True,
        ),
        Pair("Domande presentate", str(report.applications)),
        Pair("Buoni emessi", str(report.vouchers)),
        Pair("Valore dei buoni", euro(report.vouchers_cents)),
        Pair(
            "Copie di buoni ristampate", str(report.voucher_copies), bold=report.voucher_copies > 0
        ),
        Pair("Ricevute ristampate", str(report.slip_reprints), bold=report.slip_reprints > 0),
        Rule(),
        Pair("In attesa di invio", str(report.waiting_to_send), bold=report.waiting_to_send > 0),
        Pair("Rifiutati dalla piattaforma", str(report.rejected), bold=report.rejected > 0),
        Pair("Stampe da verificare", str(report.print_problems), bold=report.print_problems > 0),
        Pair("Ultima sincronizzazione", last_sync),
    ]
    if report.damaged:  # left out of the day's counts above
        body.append(Pair("Dati danneggiati sul totem", str(report.damaged), bold=True))
    if report.assisted_sessions:
        body += [Rule(), Text("Sessioni assistite", bold=True)]
        body += [Pair(name, str(count)) for name, count in report.assisted_sessions]
    title = "RIEPILOGO GIORNALIERO"
    return Slip(title="Riepilogo giornaliero", elements=(*header(context, title), *body, *FOOTER))


@dataclass(frozen=True)
class ServiceCard:
    """A service's details to take home: what, how much, who may use it, whom to call."""

    title: str
    category: str
    price: str  # as the screen shows it, for example "€ 6,50 / pasto"
    description: str
    who: str
    provider: str
    contacts: Sequence[str]  # phone, e-mail, address lines
    contact_qr: str  # a vCard the citizen's phone saves as a contact
    # Shorter codes for paper too narrow for the whole card (printing.codes): a card
    # with the name and phone only, then a tel: or mailto: link. Failing all, the
    # contact lines above are the text alone.
    contact_alternatives: tuple[str, ...] = ()


def service_card(context: SlipContext, card: ServiceCard) -> Slip:
    body: list[Element] = [
        Text(card.title, bold=True),
        Text(card.category),
        Pair("Costo", card.price, bold=True),
        Rule(),
        Text(card.description),
        Rule(),
        Text("Chi può usarlo", bold=True),
        Text(card.who),
        Rule(),
        Text("Chi lo offre", bold=True),
        Text(card.provider),
        *(Text(line) for line in card.contacts),
        Qr(
            card.contact_qr,
            caption="Inquadra il codice per salvare il contatto.",
            alternatives=card.contact_alternatives,
        ),
    ]
    title = "SCHEDA SERVIZIO"
    return Slip(title="Scheda servizio", elements=(*header(context, title), *body, *FOOTER))


@dataclass(frozen=True)
class PrivacyNoticeSlip:
    """A data controller's privacy notice (GDPR art. 13) to take home."""

    about: str  # the call or service it concerns, in Italian
    sections: Sequence[tuple[str, str]]  # (heading, text) in Italian
    language: str = "it"  # the citizen's, when the notice comes in it too
    about_translated: str = ""
    citizen_sections: Sequence[tuple[str, str]] = ()  # (heading, text) in their language


def privacy_notice(context: SlipContext, notice: PrivacyNoticeSlip) -> Slip:
    body: list[Element] = [
        Text(notice.about, bold=True),
        Text("Informativa ai sensi dell'art. 13 del Regolamento (UE) 2016/679 (GDPR)"),
        Rule(),
    ]
    for heading, text in notice.sections:
        body += [Text(heading, bold=True), Text(text)]
    if notice.citizen_sections and notice.language != "it":
        lang = notice.language
        body += [Rule(), *in_language([notice.about_translated], lang)]
        for heading, text in notice.citizen_sections:
            body += [Text(heading, bold=True, lang=lang), Text(text, lang=lang)]
    title = "INFORMATIVA PRIVACY"
    return Slip(title="Informativa privacy", elements=(*header(context, title), *body, *FOOTER))
