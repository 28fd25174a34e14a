# SPDX-License-Identifier: EUPL-1.2
"""Buying or booking services at the kiosk, without Qt: the cart, the ways to pay, and
the order written with its outbox entry and its slips in one transaction.

The kiosk never takes money. A citizen pays the provider on site (the voucher is the
booking), spends a municipal or welfare credit (mirrored balance), or, in an assisted
session, pays at the desk once the manager confirms it. The citizen is identified by
codice fiscale and wallet PIN, which open their sealed wallet (kiosk/core/wallet.py);
an order in their name carries the wallet's locator and a proof under the wallet's
proof key, which the platform checks, and nothing else about the person.

Credit spent here is not final until the platform accepts the order: what is waiting
to be sent counts against the mirrored balance, and at most ``credit_limit_cents`` may
wait at once, so a kiosk offline for days cannot overspend a balance the platform may
already have used. The platform debits the credit on acceptance and publishes the new
balance, which the next pull brings back (reconciliation).
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from forms.lookup import TRACKING_ALPHABET
from kiosk.core.manager_login import desk_proof
from languages import isolated, pick
from languages.catalog import QT_TRANSLATE_NOOP, translate
from languages.money import format_euro
from printing import print_queue
from printing.documents import PurchaseReceipt, ReceiptLine, Voucher, purchase_receipt, voucher
from printing.slip import SlipContext
from protocol.messages import MAX_LINES, PurchaseLine, PurchasePayload, check_submission
from protocol.states import Payment, Stream, SubmissionKind
from store import kiosk_facts, outbox
from store.models import OutboxEntry, Provider, Service
from vouchers.codes import Signer, VoucherClaims, encode, new_voucher_id
from vouchers.wallet_key import assisted_proof, purchase_proof

if TYPE_CHECKING:
    from kiosk.core.wallet import OpenedWallet

PAYMENTS = tuple(Payment)  # every way, in the order they are offered
MAX_QUANTITY = 99
# One order carries at most this many services (the platform's limit on a purchase's
# lines, protocol.messages.MAX_LINES): the cart refuses one more when it is tapped.
MAX_CART_LINES = MAX_LINES
PAYMENT_NOTES = {
    "provider": "Da pagare al fornitore, al momento del servizio. Il totem non riceve denaro.",
    "credit": "Pagato con il credito welfare. Il totem non riceve denaro.",
    "desk": "Pagato allo sportello del Social Point.",
}
# The same notes for the citizen's own lines, in their language (the catalogs' "Slips").
CITIZEN_PAYMENT_NOTES = {
    "provider": QT_TRANSLATE_NOOP(
        "Slips", "You pay the provider when you get the service. The kiosk never takes money."
    ),
    "credit": QT_TRANSLATE_NOOP(
        "Slips", "Paid with your welfare credit. The kiosk never takes money."
    ),
    "desk": QT_TRANSLATE_NOOP("Slips", "Paid at the Social Point desk."),
}
SHOW_VOUCHERS = QT_TRANSLATE_NOOP(
    "Slips", "One voucher per service comes out: show it to the provider."
)


class CheckoutError(Exception):
    """The order cannot be placed; ``reason`` says why, for the citizen's screen, and
    ``update`` (when the mirror changed the cart's services) what the cart now is."""

    def __init__(self, reason: str, detail: str = "", update: CartUpdate | None = None) -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason  # empty_cart, payment_not_allowed, no_credit, credit_too_low,
        # credit_limit, not_identified, not_for_sale, cart_full, price_changed,
        # desk_changed (the order is not the one the manager confirmed the desk payment for)
        self.update = update


class CartFullError(Exception):
    """A new service would take the cart past the services one order can carry."""


@dataclass(frozen=True)
class CartLine:
    service_id: str
    title: dict[str, str]
    unit: str | None
    unit_price_cents: int
    quantity: int
    provider: str
    provider_phone: str
    payments: tuple[str, ...]

    @property
    def total_cents(self) -> int:
        return self.unit_price_cents * self.quantity


# What a sync changed of a service in the cart, as the cart, the service's page and the
# checkout say it (the checkout's words: it said them first).
PRICE_CHANGED = QT_TRANSLATE_NOOP(
    "CheckoutScreen", "The price of “{service}” has changed from {old} to {new}."
)
WITHDRAWN = QT_TRANSLATE_NOOP(
    "CheckoutScreen", "“{service}” is no longer offered: it has been removed from your cart."
)


@dataclass(frozen=True)
class CartChange:
    """What a sync changed of a service while it sat in the cart: its price (``old`` is
    the one the citizen was shown first, ``new`` the one now), or it is no longer sold
    (``new`` None) and was taken out."""

    service_id: str
    title: dict[str, str]
    old_cents: int
    new_cents: int | None

    def words(self, lang: str) -> str:
        service = isolated(pick(self.title, lang), lang)
        if self.new_cents is None:
            return translate(NO_WAY, WITHDRAWN, lang).format(service=service)
        return translate(NO_WAY, PRICE_CHANGED, lang).format(
            service=service,
            old=format_euro(self.old_cents, lang),
            new=format_euro(self.new_cents, lang),
        )


@dataclass
class Cart:
    lines: list[CartLine] = field(default_factory=list)
    # What syncs changed of its services since the citizen last saw it said (``seen``).
    changes: list[CartChange] = field(default_factory=list)

    @property
    def total_cents(self) -> int:
        return sum(line.total_cents for line in self.lines)

    def add(self, line: CartLine) -> None:
        """Adds a service, or more of one already in the cart; CartFullError when a new
        service would not fit in one order (nothing changes then)."""
        for index, present in enumerate(self.lines):
            if present.service_id == line.service_id:
                # The line as the service is now (a sync may have changed its price, the
                # one the citizen was just shown), with the quantities together: the
                # first line's price would be one never shown, which the platform refuses.
                quantity = min(MAX_QUANTITY, present.quantity + line.quantity)
                self.lines[index] = replace(line, quantity=quantity)
                return
        if not self.has_room_for(line.service_id):
            raise CartFullError(f"one order carries at most {MAX_CART_LINES} services")
        self.lines.append(line)

    def has_room_for(self, service_id: str) -> bool:
        """Whether ``service_id`` can go in: it is there already, or a line is free."""
        present = any(line.service_id == service_id for line in self.lines)
        return present or len(self.lines) < MAX_CART_LINES

    def remove(self, service_id: str) -> None:
        self.lines = [line for line in self.lines if line.service_id != service_id]
        self.changes = [c for c in self.changes if c.service_id != service_id]

    def seen(self) -> None:
        """The citizen has read what changed: it is said no more."""
        self.changes = []

    def change_of(self, service_id: str) -> CartChange | None:
        return next((c for c in self.changes if c.service_id == service_id), None)

    def quantity_of(self, service_id: str) -> int:
        return next((ln.quantity for ln in self.lines if ln.service_id == service_id), 0)

    def set_quantity(self, service_id: str, quantity: int) -> None:
        """How many of a service in the cart (1 to MAX_QUANTITY; ``remove`` takes it out)."""
        quantity = max(1, min(MAX_QUANTITY, quantity))
        self.lines = [
            replace(ln, quantity=quantity) if ln.service_id == service_id else ln
            for ln in self.lines
        ]

    def take(self, update: CartUpdate) -> None:
        """The cart as the mirror holds its services now (``refreshed``)."""
        now: dict[str, CartLine | None] = {ln.service_id: None for ln in update.withdrawn}
        self.follow(now | {ln.service_id: ln for ln in update.lines})

    def follow(self, now: Mapping[str, CartLine | None]) -> bool:
        """Each line as ``now`` holds its service (``offered_now``), the quantities the
        cart's own; None, no longer sold: taken out. A line ``now`` does not know (added
        since it was read) stays as it is. What the citizen should be told is noted in
        ``changes``; says whether any line changed."""
        before = list(self.lines)
        for line in before:
            if line.service_id in now:
                self._note(line, now[line.service_id])
        after = [
            ln if ln.service_id not in now else replace(fresh, quantity=ln.quantity)
            for ln in before
            if (fresh := now.get(ln.service_id, ln)) is not None
        ]
        if after == before:
            return False
        self.lines = after
        return True

    def _note(self, line: CartLine, fresh: CartLine | None) -> None:
        """Notes a withdrawal or a new price; a price back to the one first shown is no
        change any more. The first price shown is kept across syncs."""
        earlier = self.change_of(line.service_id)
        old = earlier.old_cents if earlier is not None else line.unit_price_cents
        new = fresh.unit_price_cents if fresh is not None else None
        title = dict(fresh.title if fresh is not None else line.title)
        change = CartChange(line.service_id, title, old, new) if new != old else None
        at = self.changes.index(earlier) if earlier is not None else len(self.changes)
        # In its place (the notes keep the order they came in), or none.
        self.changes[at : at + (earlier is not None)] = [change] if change is not None else []

    def terms(self, payment: str) -> OrderTerms:
        """What an order of this cart, paid ``payment``, commits to (``OrderTerms``)."""
        return OrderTerms(
            tuple(sorted((ln.service_id, ln.quantity, ln.unit_price_cents) for ln in self.lines)),
            self.total_cents,
            payment,
        )

    def payments(self, *, assisted: bool) -> tuple[str, ...]:
        """The ways every service in the cart may be paid (the desk only when assisted)."""
        allowed = [p for p in PAYMENTS if all(p in line.payments for line in self.lines)]
        return tuple(p for p in allowed if p != "desk" or assisted)

    def no_way_to_pay(self, *, assisted: bool) -> NoWayToPay | None:
        """Why the cart, not empty, offers no way to pay (None when it offers one): the
        checkout and the cart say it in words, never a question with no answers."""
        if not self.lines or self.payments(assisted=assisted):
            return None
        # What they share with a welfare manager at hand: only the desk, or nothing.
        return NoWayToPay(desk_only=bool(self.payments(assisted=True)), lines=tuple(self.lines))


@dataclass(frozen=True)
class OrderTerms:
    """What a confirmation is for: each line's service, quantity and unit price, the
    total and the way to pay. A desk payment the manager confirmed holds for these terms
    only: once a sync changes a price, or takes a service out, the money received at
    the desk is not what the order asks any more, and the manager confirms it again."""

    lines: tuple[tuple[str, int, int], ...]  # (service, quantity, unit price), sorted
    total_cents: int
    payment: str


@dataclass(frozen=True)
class NoWayToPay:
    """A cart with no way to pay: its services share only the desk, which needs a
    welfare manager's assisted session (``desk_only``), or no way at all; each line's
    own ``payments`` say which services cannot go in one order."""

    desk_only: bool
    lines: tuple[CartLine, ...]

    def words(self, lang: str) -> str:
        """What the citizen reads, the same on the cart and at checkout: each service with
        the ways it may be paid, and what to do (separate orders, or the welfare manager)."""
        if self.desk_only:
            return translate(NO_WAY, DESK_ONLY, lang)
        said = [translate(NO_WAY, NOT_TOGETHER, lang)]
        for line in self.lines:
            ways = " / ".join(
                translate(NO_WAY, WAYS[p], lang) for p in PAYMENTS if p in line.payments
            )
            said.append(f"• {isolated(pick(line.title, lang), lang)}: {ways}")
        said.append(translate(NO_WAY, SEPARATELY, lang))
        return "\n".join(said)


# The words of a cart with no way to pay, the checkout's (its buttons are there).
NO_WAY = "CheckoutScreen"
WAYS = {
    "provider": QT_TRANSLATE_NOOP("CheckoutScreen", "to the provider"),
    "credit": QT_TRANSLATE_NOOP("CheckoutScreen", "with your welfare credit"),
    "desk": QT_TRANSLATE_NOOP("CheckoutScreen", "at the desk, with the welfare manager"),
}
NOT_TOGETHER = QT_TRANSLATE_NOOP(
    "CheckoutScreen",
    "These services cannot be paid in the same way, so they cannot be bought in one order."
    " Each can be paid:",
)
SEPARATELY = QT_TRANSLATE_NOOP(
    "CheckoutScreen",
    "Buy them in separate orders: remove from the cart the ones paid in another way,"
    " complete this order, then add them again for a new one.",
)
DESK_ONLY = QT_TRANSLATE_NOOP(
    "CheckoutScreen",
    "The services in your cart can only be paid at the desk, with the welfare manager."
    " Ask for help: the welfare manager completes the order with you.",
)


def cart_line(session: Session, service_id: str, quantity: int) -> CartLine:
    service = session.get(Service, service_id)
    if service is None or service.booking != "buy_now" or service.price_cents is None:
        raise CheckoutError("not_for_sale", service_id)
    provider = session.get(Provider, service.provider_id)
    return CartLine(
        service_id=service.id,
        title=dict(service.title),
        unit=service.unit,
        unit_price_cents=service.price_cents,
        quantity=max(1, min(MAX_QUANTITY, quantity)),
        provider=provider.name if provider else "",
        provider_phone=provider.phone if provider else "",
        payments=tuple(service.payments or PAYMENTS),
    )


@dataclass(frozen=True)
class CartUpdate:
    """A cart's lines as the mirror holds their services now (a sync may have changed
    a price, the ways to pay, a title, or withdrawn a service while it sat in the cart)."""

    lines: tuple[CartLine, ...]  # those still sold: refreshed whole, quantities kept
    withdrawn: tuple[CartLine, ...]  # those no longer sold, as the cart showed them

    def prices_changed(self, cart: Cart) -> bool:
        shown = {line.service_id: line.unit_price_cents for line in cart.lines}
        return any(shown.get(ln.service_id) != ln.unit_price_cents for ln in self.lines)


def offered_now(session: Session, service_ids: tuple[str, ...]) -> dict[str, CartLine | None]:
    """Each of these services as a cart line now (of one), None when no longer sold: a
    catalog question (``CatalogReader.ask``), answered off the UI thread after a sync."""
    now: dict[str, CartLine | None] = {}
    for service_id in service_ids:
        try:
            now[service_id] = cart_line(session, service_id, 1)
        except CheckoutError:
            now[service_id] = None
    return now


def refreshed(session: Session, cart: Cart) -> CartUpdate:
    """What the cart's lines are now, read from the mirror; the cart itself is left as
    it is (it belongs to the UI thread, which takes the update with ``Cart.take``)."""
    lines: list[CartLine] = []
    withdrawn: list[CartLine] = []
    for line in cart.lines:
        try:
            lines.append(cart_line(session, line.service_id, line.quantity))
        except CheckoutError:
            withdrawn.append(line)
    return CartUpdate(tuple(lines), tuple(withdrawn))


@dataclass(frozen=True)
class CreditView:
    balance_cents: int  # as the platform last said
    waiting_cents: int  # spent here, not yet in the wallet this kiosk holds
    spendable_cents: int


def _waiting_credit(session: Session, holder: str) -> int:
    """What this kiosk spent of the holder's credit that the wallet it holds does not
    show yet: purchases not sent, and those the platform accepted after the wallets were
    last pulled (the push goes first in a sync; a pull that failed after it, a network
    gone in between, left the wallet as it was before them, and the credit it shows
    spendable twice)."""
    pulled = kiosk_facts.pulled_at(session, Stream.WALLET.value)
    unsent = OutboxEntry.state.in_(("pending", "sending"))
    not_shown = (
        or_(unsent, and_(OutboxEntry.state == "accepted", OutboxEntry.updated_at >= pulled))
        if pulled is not None
        else unsent
    )
    rows = session.scalars(
        select(OutboxEntry.payload).where(
            OutboxEntry.kind == "purchase",
            not_shown,
            # A damaged purchase (no longer JSON) cannot be read, nor sent: it would
            # fail every citizen's checkout with credit (store/outbox.py).
            outbox.readable(),
        )
    )
    return sum(
        p["total_cents"] for p in rows if p.get("payment") == "credit" and p.get("holder") == holder
    )


def credit_of(session: Session, wallet: OpenedWallet, limit_cents: int) -> CreditView | None:
    """The citizen's credit, or None when the platform has given them none."""
    if wallet.balance_cents is None:
        return None
    waiting = _waiting_credit(session, wallet.locator)
    spendable = max(0, min(wallet.balance_cents - waiting, limit_cents - waiting))
    return CreditView(wallet.balance_cents, waiting, spendable)


def order_reference() -> str:
    letters = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(6))
    return f"AC-{letters[:4]}-{letters[4:]}"


@dataclass(frozen=True)
class Placed:
    reference: str
    outbox_uuid: str
    receipt_job: str
    voucher_jobs: tuple[str, ...]
    total_cents: int


@dataclass(frozen=True)
class Checkout:
    payment: str
    wallet: OpenedWallet | None  # the identified citizen's opened wallet
    assisted_by: str | None = None  # operator id
    desk_confirmed_by: str | None = None  # operator id, for a desk payment
    desk_proof_key: bytes = field(default=b"", repr=False)  # that operator's login proof key
    # The order the operator confirmed the desk payment for (Cart.terms): the proof is
    # made only for an order with those very terms.
    desk_confirmed_for: OrderTerms | None = None
    # The assisting operator's login proof key (the desk's, when they are the same).
    assisted_proof_key: bytes = field(default=b"", repr=False)
    credit_limit_cents: int = 5000
    voucher_days: int = 90
    phone: str | None = None  # to call the citizen back if the platform refuses the order
    language: str = "it"  # the citizen's: their lines on the receipt come in it too


def place_order(
    session: Session,
    cart: Cart,
    checkout: Checkout,
    context: SlipContext,
    signer: Signer,
    now: datetime,
) -> Placed:
    """Writes the order, its outbox entry, its receipt and its vouchers in the caller's
    transaction, with the cart's services as the mirror holds them now; CheckoutError
    when it cannot be placed (nothing is written). ``cart`` is only read."""
    if not cart.lines:
        raise CheckoutError("empty_cart")
    if len(cart.lines) > MAX_CART_LINES:  # Cart.add refuses it first; never sent to fail
        raise CheckoutError("cart_full", str(len(cart.lines)))
    # The services as the mirror holds them now, not as the cart copied them: a sync
    # may have withdrawn one, changed its price or the ways it may be paid, and the
    # platform would refuse the order after its receipt and vouchers printed. Each
    # refusal carries the refreshed lines, for the cart the citizen sees.
    update = refreshed(session, cart)
    if update.withdrawn:
        raise CheckoutError("not_for_sale", update.withdrawn[0].service_id, update)
    shown, cart = cart, Cart(list(update.lines))
    if checkout.payment not in cart.payments(assisted=checkout.assisted_by is not None):
        raise CheckoutError("payment_not_allowed", checkout.payment, update)
    if checkout.payment == "desk" and not checkout.desk_confirmed_by:
        raise CheckoutError("payment_not_allowed", "a desk payment needs the manager")
    if update.prices_changed(shown):
        raise CheckoutError("price_changed", str(cart.total_cents), update)
    total = cart.total_cents
    confirmed_for = checkout.desk_confirmed_for
    if checkout.desk_confirmed_by and confirmed_for not in (None, cart.terms(checkout.payment)):
        # The manager was paid for another order (another total): never signed as this one.
        raise CheckoutError("desk_changed", str(total), update)
    if checkout.payment == "credit":
        if checkout.wallet is None:
            raise CheckoutError("not_identified")
        # The wallet as the mirror holds it now: a sync since it was opened may have
        # brought the balance after an earlier order of the visit, which then no longer
        # counts as waiting, and the opened balance would let it be spent again.
        from kiosk.core.wallet import WalletRefusal, reopen  # with the wallet, not at start

        current = reopen(session, checkout.wallet)
        if isinstance(current, WalletRefusal):
            raise CheckoutError("not_identified")
        credit = credit_of(session, current, checkout.credit_limit_cents)
        if credit is None:
            raise CheckoutError("no_credit")
        if total > credit.balance_cents - credit.waiting_cents:
            raise CheckoutError("credit_too_low", str(credit.balance_cents - credit.waiting_cents))
        if total > credit.spendable_cents:
            raise CheckoutError("credit_limit", str(credit.spendable_cents))
    reference = order_reference()
    today = context.printed_at.date()
    slips, vouchers = [], []
    for line in cart.lines:
        claims = VoucherClaims(
            voucher_id=new_voucher_id(),
            valid_from=today,
            valid_until=today + timedelta(days=checkout.voucher_days - 1),
            issued_at=now,
            service_id=line.service_id,
            units=line.quantity,
        )
        signed = encode(claims, signer)
        title = line.title.get("it", line.service_id)
        vouchers.append(
            {
                "id": claims.voucher_id.hex(),
                "code": claims.code,
                "signed_code": signed,
                "service": line.service_id,
                "amount_cents": None,
                "comune": None,
                "programme": title[:200],
                "issuer": line.provider[:200],
                "valid_from": claims.valid_from.isoformat(),
                "valid_until": claims.valid_until.isoformat(),
            }
        )
        slips.append(
            (
                claims.code,
                voucher(
                    context,
                    Voucher(
                        programme=f"{title} x {line.quantity}",
                        issuer=line.provider,
                        signed_code=signed,
                        human_code=claims.code,
                        valid_from=claims.valid_from,
                        valid_until=claims.valid_until,
                        service=title,
                        beneficiary_ref=f"Ordine {reference}",
                        terms=(
                            "Da mostrare al fornitore, che lo controlla e lo segna come usato.",
                            PAYMENT_NOTES[checkout.payment],
                        ),
                        helpdesk=line.provider_phone,
                    ),
                ),
            )
        )
    desk_confirmation = None
    if checkout.desk_confirmed_by:  # the platform checks it was typed on this kiosk
        desk_confirmation = desk_proof(
            checkout.desk_proof_key,
            reference,
            total,
            checkout.desk_confirmed_by,
            context.kiosk_id,
        )
    wallet_confirmation = None
    if checkout.wallet is not None:  # the citizen typed their wallet PIN on this kiosk
        wallet_confirmation = purchase_proof(
            checkout.wallet.key.proof_key, reference, total, context.kiosk_id
        )
    assisting_key = checkout.assisted_proof_key or (
        checkout.desk_proof_key if checkout.desk_confirmed_by == checkout.assisted_by else b""
    )
    assisting = None
    if checkout.assisted_by and assisting_key:  # the platform checks it was typed here
        assisting = assisted_proof(assisting_key, reference, checkout.assisted_by, context.kiosk_id)
    # The contract's own type: an order the platform would refuse (too many lines, a
    # phone too long) stops here (ValueError, naming the field), before anything is
    # queued or printed.
    payload = PurchasePayload(
        order=reference,
        total_cents=total,
        payment=Payment(checkout.payment),
        lines=[
            PurchaseLine(
                service=ln.service_id, quantity=ln.quantity, unit_price_cents=ln.unit_price_cents
            )
            for ln in cart.lines
        ],
        holder=checkout.wallet.locator if checkout.wallet else None,
        wallet_proof=wallet_confirmation,
        vouchers=vouchers,
        channel="kiosk_assisted" if checkout.assisted_by else "kiosk",
        assisted_by=checkout.assisted_by,
        assisted_proof=assisting,
        desk_confirmed_by=checkout.desk_confirmed_by,
        desk_proof=desk_confirmation,
        phone=checkout.phone,  # dropped once the platform accepts (store/retention.py)
    )
    data = payload.model_dump(mode="json")
    check_submission(SubmissionKind.PURCHASE, data)  # as the platform reads it, from JSON
    entry_uuid = outbox.add(session, SubmissionKind.PURCHASE, data)
    providers = sorted({ln.provider for ln in cart.lines})
    lang = checkout.language
    receipt = purchase_receipt(
        context,
        PurchaseReceipt(
            kind="booking" if checkout.payment == "provider" else "purchase",
            reference=reference,
            provider=providers[0] if len(providers) == 1 else "Più fornitori (vedi i buoni)",
            provider_phone=cart.lines[0].provider_phone if len(providers) == 1 else "",
            lines=[
                ReceiptLine(
                    f"{ln.title.get('it', ln.service_id)}{f' ({ln.unit})' if ln.unit else ''}",
                    ln.quantity,
                    ln.unit_price_cents,
                    translated=ln.title.get(lang, ""),
                )
                for ln in cart.lines
            ],
            payment_note=PAYMENT_NOTES[checkout.payment],
            notes=("Per ogni servizio esce un buono da mostrare al fornitore.",),
            language=lang,
            citizen_notes=[
                translate("Slips", CITIZEN_PAYMENT_NOTES[checkout.payment], lang),
                translate("Slips", SHOW_VOUCHERS, lang),
            ],
        ),
    )
    receipt_job = print_queue.add(session, receipt, "receipt", reference)
    voucher_jobs = tuple(print_queue.add(session, slip, "voucher", code) for code, slip in slips)
    return Placed(reference, entry_uuid, receipt_job, voucher_jobs, total)
