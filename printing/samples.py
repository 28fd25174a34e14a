# SPDX-License-Identifier: EUPL-1.2
"""One example of every document, for checking a printer's layout on real paper
(``social-point print-test --document voucher``), the benchmarks and the tests.

The people, codes and amounts are invented. The sample voucher is signed with the public
sample key and marked "CAMPIONE – NON VALIDO": ``social-point voucher verify`` and the
platform refuse it, so a test print can never be spent.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from printing.documents import (
    ApplicationReceipt,
    DayReport,
    PurchaseReceipt,
    ReceiptLine,
    Voucher,
    application_receipt,
    day_report,
    purchase_receipt,
    voucher,
)
from printing.slip import Slip, SlipContext, Text, printer_test_page
from vouchers.codes import (
    SAMPLE_MARK,
    SAMPLE_SIGNER,
    Signer,
    VoucherClaims,
    encode,
    new_voucher_id,
)

DOCUMENTS = ("test", "receipt", "booking", "application", "voucher", "report")


def sample(
    document: str, context: SlipContext, signer: Signer = SAMPLE_SIGNER, printer: str = ""
) -> Slip:
    """``signer`` is only for tests and benchmarks; a printed sample keeps the sample key.
    Every sample but the test page says "CAMPIONE – NON VALIDO" at its top and foot: a
    receipt's order number or an application's code on it were invented, and must not
    be taken for a real one (the voucher says it beside its code)."""
    made = _sample(document, context, signer, printer)
    if document in ("test", "voucher"):
        return made
    mark = Text(SAMPLE_MARK, align="center", bold=True)
    return replace(made, elements=(mark, *made.elements, mark))


def _sample(document: str, context: SlipContext, signer: Signer, printer: str) -> Slip:
    today = context.printed_at.date()
    if document == "test":
        return printer_test_page(context, printer)
    if document == "receipt":
        return purchase_receipt(
            context,
            PurchaseReceipt(
                kind="purchase",
                reference="AC-7K3M-Q9",
                provider="Cooperativa Sociale L'Àncora",
                provider_phone="049 123 4567",
                lines=(
                    ReceiptLine("Pasti a domicilio (5 giorni)", 2, 3250),
                    ReceiptLine("Consegna al piano", 1, None),
                ),
                payment_note="Da pagare al fornitore alla prima consegna.",
                notes=("Per disdire: telefona entro le 10:00 del giorno prima.",),
            ),
        )
    if document == "booking":
        return purchase_receipt(
            context,
            PurchaseReceipt(
                kind="booking",
                reference="PR-4F8N-2T",
                provider="Associazione Età Serena",
                provider_phone="049 765 4321",
                lines=(ReceiptLine("Trasporto sociale per visita medica", 1, 800),),
                payment_note="Da pagare all'autista.",
                appointment=f"{today + timedelta(days=3):%d/%m/%Y} ore 8:30, partenza dal "
                "Municipio di Limena",
                notes=("Porta la tessera sanitaria.",),
            ),
        )
    if document == "application":
        return application_receipt(
            context,
            ApplicationReceipt(
                call_title="Buoni spesa per famiglie in difficoltà – 2026",
                comune=context.comune,
                tracking_code="DOM-9QX4-7HB2",
                submitted_at=context.printed_at,
                documents=("Attestazione ISEE in corso di validità",),
                next_steps=("L'ufficio servizi sociali ti chiamerà entro 30 giorni.",),
            ),
        )
    if document == "voucher":
        claims = VoucherClaims(
            voucher_id=new_voucher_id(),
            valid_from=today,
            valid_until=today + timedelta(days=60),
            issued_at=datetime.now(UTC),
            amount_cents=5000,
        )
        return voucher(
            context,
            Voucher(
                programme="Buoni spesa 2026",
                issuer=f"Comune di {context.comune}" if context.comune else context.social_point,
                signed_code=encode(claims, signer),
                human_code=claims.code,
                valid_from=claims.valid_from,
                valid_until=claims.valid_until,
                amount_cents=claims.amount_cents,
                beneficiary_ref="Nucleo n. 0042",
                helpdesk="049 000 0000",
                mark=SAMPLE_MARK if signer is SAMPLE_SIGNER else "",
            ),
        )
    if document == "report":
        return day_report(
            context,
            DayReport(
                day=today,
                purchases=6,
                bookings=3,
                applications=4,
                vouchers=5,
                vouchers_cents=25000,
                waiting_to_send=2,
                rejected=0,
                print_problems=1,
                last_sync=context.printed_at - timedelta(minutes=7),
                assisted_sessions=(("Maria Rossi", 5), ("Luca Bianchi", 2)),
                by_payment=(("credit", 4, 5250), ("desk", 2, 3000), ("provider", 3, 11700)),
            ),
        )
    raise ValueError(f"unknown document {document!r}; known: {', '.join(DOCUMENTS)}")
