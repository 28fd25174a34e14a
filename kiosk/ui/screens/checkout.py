# SPDX-License-Identifier: EUPL-1.2
"""Checkout: who the citizen is, how they pay, and the order confirmed with its slips.

Steps: the codice fiscale (typed or scanned); then the total and the ways to pay the
cart allows — the provider on site, the citizen's credit (with what is available), or
at the desk in an assisted session once the manager confirms the payment with their
PIN (kiosk/ui/widgets/desk_confirm.py); then a page
of its own to check the order before confirming it (every line, the total, the way to
pay and what happens next); then the order's code while the receipt and vouchers
print. The kiosk never takes money and says so. The order itself is written off the UI
thread (PurchaseController).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout

from kiosk.ui.screens.base import DataScreen, UiContext
from kiosk.ui.texts import local_clock_time, quantity_text
from kiosk.ui.widgets.common import button, label, personal, personal_now
from kiosk.ui.widgets.desk_confirm import DeskConfirmBox
from kiosk.ui.widgets.identify import IdentifyBox, wallet_refusal_text
from kiosk.ui.widgets.settle import Settling
from languages import isolated, left_to_right
from languages.money import format_euro
from store.catalog import CatalogReader, pick

if TYPE_CHECKING:
    from kiosk.core.purchasing import (
        CartLine,
        CartUpdate,
        CreditView,
        NoWayToPay,
        OrderTerms,
        Placed,
    )


WAYS = ("provider", "credit", "desk")  # the ways to pay, as a refusal names them


class CheckoutMode(StrEnum):
    """Where the checkout is: who pays, how, the summary, on its way, and its answer."""

    IDENTIFY = "identify"  # the citizen's codice fiscale and PIN, for their wallet
    PAY = "pay"  # the ways to pay
    REVIEW = "review"  # the order's summary, to confirm
    SENDING = "sending"
    DONE = "done"
    REFUSED = "refused"  # back to the ways to pay, with why


class CheckoutScreen(DataScreen):
    route = "checkout"
    identify_requested = Signal(str, str)  # codice fiscale, wallet PIN ("" if none)
    place_requested = Signal(str, bool)  # payment, desk payment confirmed by the manager
    desk_pin_entered = Signal(str)  # the assisting manager's PIN, to confirm a desk payment
    wallet_stale = Signal()  # the mirror changed: an opened wallet is read again

    def __init__(self, ctx: UiContext, catalog: CatalogReader) -> None:
        super().__init__(ctx, catalog)
        self.mode = CheckoutMode.IDENTIFY
        self._page_shown = ""  # the step last announced (page_changed)
        self.credit: CreditView | None = None
        self.placed: Placed | None = None
        self.refusal = ("", "")
        self.withdrawn: tuple[CartLine, ...] = ()  # taken out of the cart: no longer sold
        self.reviewed: OrderTerms | None = None  # the order its summary showed
        self._drawn: tuple[CartLine, ...] = ()  # the cart as the screen last showed it
        self.title = label(role="title", name="checkoutTitle")
        self.total = label(role="price", name="checkoutTotal")
        self.text = label(name="checkoutText")
        self.body.addWidget(self.title)
        self.body.addWidget(self.total)
        self.body.addWidget(self.text)
        # Before "Confirm the order": what is being ordered, and what happens after. What
        # the citizen buys, their balance, a refusal's amount and the order's code are
        # theirs: spoken mode says them only through a headset.
        self.summary = personal(label(name="checkoutSummary"))
        self.paying = label(role="cardTitle", name="checkoutPaying")
        self.next_steps = label(name="checkoutNextSteps")
        self.body.addWidget(self.summary)
        self.body.addWidget(self.paying)
        self.body.addWidget(self.next_steps)
        self.identify = IdentifyBox(
            "checkout_cf", lambda: self.ctx.lang, ask_phone=True, ask_pin="optional"
        )
        self.identify.identified.connect(
            lambda cf: self.identify_requested.emit(cf, self.identify.pin or "")
        )
        self.body.addWidget(self.identify)
        self.dock_keyboard(self.identify.keyboard, lambda _field: self.identify.next_button)
        self.identify.keyboard_shown.connect(self._make_room)
        self.choices = QButtonGroup(self)
        self.pay_buttons = {}
        for payment in WAYS:
            choice = button(name=f"pay_{payment}", role="choice")
            choice.setCheckable(True)
            choice.clicked.connect(self.retranslate)
            self.choices.addButton(choice)
            self.pay_buttons[payment] = choice
            self.body.addWidget(choice)
        # Why less than the whole credit can be used now (the cap on unconfirmed spending).
        self.credit_note = personal(label(role="muted", name="creditNote"))
        self.body.addWidget(self.credit_note)
        self.desk = DeskConfirmBox()
        self.desk_for: OrderTerms | None = None  # the order the manager's PIN was typed for
        # Chosen, the desk's PIN box (keypad included) comes into view.
        self.pay_buttons["desk"].clicked.connect(lambda: self.reveal(self.desk))
        self.desk.pin_entered.connect(self.desk_pin_entered)
        self.desk.changed.connect(self.retranslate)
        self.body.addWidget(self.desk)
        self.desk_refused: tuple[int, str] = (0, "")  # tries left, locked until (local)
        self.problem = label(role="fieldError", name="checkoutProblem")
        self.body.addWidget(self.problem)
        # A cart with no way to pay says why and what to do, with the way out: a question
        # with no answers and a greyed "Check the order" left the citizen stuck.
        self.no_way = label(role="fieldError", name="checkoutNoWayToPay")
        self.no_way_button = button(name="checkoutNoWayOut", role="primary")
        self.no_way_button.clicked.connect(self._out_of_no_way)
        self.body.addWidget(self.no_way)
        way_out = QHBoxLayout()  # at the start of its row, as "Check the order ›"
        way_out.addWidget(self.no_way_button)
        way_out.addStretch(1)
        self.body.addLayout(way_out)
        row = QHBoxLayout()
        self.change_button = button(name="changeOrder", role="chip")
        self.change_button.clicked.connect(self.step_back)
        self.confirm_button = button(name="placeOrder")
        self.confirm_button.setMinimumWidth(420)
        # "Check the order ›" becomes "Confirm the order" where it was tapped: presses
        # wait until its new words can have been read (a double tap places no order).
        self.confirm_settling = Settling(self.confirm_button, self._confirm)
        row.addWidget(self.change_button)
        row.addWidget(self.confirm_button)
        row.addStretch(1)
        self.body.addLayout(row)
        self.body.addStretch(1)
        self.no_money = label(role="muted", name="checkoutNoMoney")
        self.body.addWidget(self.no_money)
        self.forget()

    # Flow --------------------------------------------------------------------------------

    def mirror_changed(self, **params: Any) -> None:
        # A sync pass during the visit: what the citizen typed and was shown stays (it
        # was all forgotten, as if they had come to this screen anew); the wallet opened
        # is read again, so a credit is never spent as it was before the sync.
        self._cart_still_holds()
        self.retranslate()
        self.wallet_stale.emit()

    def _cart_still_holds(self) -> None:
        """The sync changed the cart (the window took it in) while the ways to pay or
        the summary were on show: the citizen is told what changed before they confirm,
        never after. (While they type who they are, the next page shows the new total.)"""
        cart = self.ctx.citizen.cart
        if cart is None or self.mode not in (CheckoutMode.PAY, CheckoutMode.REVIEW):
            return
        reviewed = self.reviewed if self.mode == CheckoutMode.REVIEW else None
        if reviewed is not None and reviewed.payment not in self._payments():
            self.mode = CheckoutMode.REFUSED
            self.refusal = ("payment_not_allowed", reviewed.payment)
        elif cart.changes and tuple(cart.lines) != self._drawn:
            self.mode, self.refusal = CheckoutMode.REFUSED, ("cart_changed", "")

    def credit_changed(self, credit: CreditView | None) -> None:
        """The opened wallet read again: its credit as it is now."""
        self.credit = credit
        self.retranslate()

    def enter(self, **params: Any) -> None:
        # An order on its way keeps its page, and a saved one too until a new cart comes:
        # the next order (perhaps the next person's, after "⌂") starts afresh, never on
        # the last one's confirmation and order code.
        cart = self.ctx.citizen.cart
        if self.mode == CheckoutMode.SENDING or (
            self.mode == CheckoutMode.DONE and not (cart and cart.lines)
        ):
            return
        self.forget()

    def forget(self) -> None:
        self.mode, self.credit, self.placed = CheckoutMode.IDENTIFY, None, None
        self.refusal, self.withdrawn, self.reviewed = ("", ""), (), None
        self.identify.clear()
        self.choices.setExclusive(False)
        for choice in self.pay_buttons.values():
            choice.setChecked(False)
        self.choices.setExclusive(True)
        self.desk.forget()
        self.desk_refused = (0, "")
        self.retranslate()
        super().forget()

    def _make_room(self, typing: bool) -> None:
        """The keyboard takes the room of the total (the cart button shows it too) and
        the notes (the field typed in then comes into view, with Next if both fit)."""
        self.total.setVisible(not typing and self.mode != CheckoutMode.DONE)
        self.text.setVisible(not typing)
        self.no_money.setVisible(not typing)

    def step_back(self) -> bool:
        if self.mode == CheckoutMode.REVIEW:  # back to the ways to pay, the choice kept
            self.mode = CheckoutMode.PAY
            self.retranslate()
            return True
        if self.mode in (CheckoutMode.PAY, CheckoutMode.REFUSED):
            self.forget()
            return True
        return False

    def take_scanned(self, text: str) -> bool:
        if self.mode != CheckoutMode.IDENTIFY or not self.isVisible():
            return False
        self.identify.take_scanned(text)
        return True

    def show_identified(self, credit: CreditView | None) -> None:
        self.mode, self.credit = CheckoutMode.PAY, credit
        self.retranslate()

    def show_wallet_refused(self, reason: str, left: int = 0) -> None:
        """The PIN did not open the wallet: asked again, calmly, beside the PIN."""
        self.mode = CheckoutMode.IDENTIFY
        self.retranslate()
        self.identify.show_pin_problem(lambda: wallet_refusal_text(reason, left))

    def _no_way_to_pay(self) -> NoWayToPay | None:
        cart = self.ctx.citizen.cart
        if cart is None or self.mode not in (
            CheckoutMode.IDENTIFY,
            CheckoutMode.PAY,
            CheckoutMode.REFUSED,
        ):
            return None
        return cart.no_way_to_pay(assisted=self.ctx.citizen.assisted_by is not None)

    def _out_of_no_way(self) -> None:
        no_way = self._no_way_to_pay()
        if no_way is not None and no_way.desk_only:
            self.help_requested.emit()  # the welfare manager is called to the kiosk
        else:
            self.go("cart")

    def _chosen(self) -> str | None:
        allowed = self._payments()
        return next(
            (p for p, b in self.pay_buttons.items() if b.isChecked() and p in allowed), None
        )

    def _confirm(self) -> None:
        if self.mode == CheckoutMode.DONE:
            self.finish()
            return
        payment = self._chosen()
        if payment is None:
            return
        if self.mode in (
            CheckoutMode.PAY,
            CheckoutMode.REFUSED,
        ):  # first the summary, on a page of its own
            self.mode = CheckoutMode.REVIEW
            cart = self.ctx.citizen.cart
            self.reviewed = cart.terms(payment) if cart is not None else None
            self.retranslate()
            return
        self.mode = CheckoutMode.SENDING
        self.retranslate()
        self.place_requested.emit(payment, payment == "desk" and self.desk.confirmed)

    def show_placed(self, placed: Placed) -> None:
        """The order is saved: the cart is done with (what it held is in the order)."""
        self.mode, self.placed = CheckoutMode.DONE, placed
        self.ctx.citizen.cart = None
        self.cart_changed.emit()
        self.retranslate()

    def _desk_follows_the_cart(self) -> None:
        """While the PIN is asked, the desk payment is for the cart as shown; once typed
        (being checked, or confirmed) it holds only while the cart stays that order. A
        refusal's refreshed prices, a service taken out: the manager was paid another
        total, and confirms the new one with the PIN again."""
        cart = self.ctx.citizen.cart
        shown = cart.terms("desk") if cart is not None else None
        if not (self.desk.confirmed or self.desk.waiting):
            self.desk_for = shown
        elif shown != self.desk_for:
            self.desk_for = shown
            self.desk.forget("changed")

    def show_desk_checked(
        self,
        confirmed: bool,
        problem: str = "",
        left: int = 0,
        locked_until: datetime | None = None,
    ) -> None:
        """The manager's PIN checked: the desk payment confirmed, or why not ("wrong",
        with the tries left; "locked", until a local clock time; "other")."""
        until = local_clock_time(locked_until, self.ctx.time_zone) if locked_until else ""
        self.desk_refused = (left, until)
        if confirmed and self.mode == CheckoutMode.REFUSED:  # paid now: an earlier refusal is past
            self.mode, self.refusal = CheckoutMode.PAY, ("", "")
        self.desk.show_checked(confirmed, problem)
        self.reveal(self.confirm_button if confirmed else self.desk)

    def show_refused(self, reason: str, detail: str = "", update: CartUpdate | None = None) -> None:
        """Why the order was not placed; ``update``, the cart's services as the mirror
        holds them now, becomes the cart here, on the UI thread, and everything that
        shows the cart (the header's button too) shows it as it is now."""
        self.mode, self.refusal = CheckoutMode.REFUSED, (reason, detail)
        self.withdrawn = update.withdrawn if update is not None else ()
        if reason == "desk_changed":  # the PIN was typed for another order
            self.desk.forget("changed")
        cart = self.ctx.citizen.cart
        if update is not None and cart is not None:
            cart.take(update)
            self.cart_changed.emit()
        self.retranslate()

    def finish(self) -> None:
        self.forget()
        self.visit_finished.emit()

    # Texts -------------------------------------------------------------------------------

    def _payments(self) -> tuple[str, ...]:
        cart = self.ctx.citizen.cart
        if cart is None or not cart.lines:  # every service taken out: nothing to pay
            return ()
        return cart.payments(assisted=self.ctx.citizen.assisted_by is not None)

    def _word_desk(self, name: str) -> None:
        left, until = self.desk_refused
        problem = self.desk.problem  # cleared as the next PIN is typed
        if problem == "short":
            message = self.tr("The PIN has 6 to 8 digits.")
        elif problem == "wrong":
            message = self.tr("PIN not right. Tries left: {n}.").format(n=left)
        elif problem == "locked":
            message = self.tr(
                "Too many wrong PINs: locked until {time}. Choose another way to pay."
            ).format(time=left_to_right(until, self.ctx.lang))
        elif problem == "changed":
            cart = self.ctx.citizen.cart
            message = self.tr(
                "The total has changed: it is now {amount}. Type the PIN again to confirm"
                " the payment."
            ).format(amount=format_euro(cart.total_cents if cart else 0, self.ctx.lang))
        elif problem:
            message = self.tr("This PIN cannot confirm the payment.")
        else:
            message = ""
        self.desk.words(
            self.tr(
                "{name}, welfare manager: type your PIN to confirm the payment was received."
            ).format(name=name),
            self.tr("PIN"),
            self.tr("%n digit(s), hidden", "", len(self.desk.pin)),
            self.tr("Confirm the payment"),
            message,
            self.tr("✓ Payment received — confirmed by {name}").format(name=name),
            self.tr("Checking…"),
        )

    def _refusal_text(self) -> str:
        reason, detail = self.refusal
        lang = self.ctx.lang
        amount = format_euro(int(detail), lang) if detail.isdigit() else ""
        return {
            "credit_too_low": self.tr("Your credit is not enough: {amount} available.").format(
                amount=amount
            ),
            "credit_limit": self.tr(
                "Right now you can spend up to {amount} of your credit here: the rest is "
                "waiting to reach the platform. Try again later or choose another way to pay."
            ).format(amount=amount),
            "no_credit": self.tr("There is no credit in your name."),
            "price_changed": self.tr(
                "The price of something in your cart has changed. Please check the new "
                "total and confirm again."
            ),
            "desk_changed": self.tr(
                "The order has changed since the payment at the desk was confirmed: the "
                "welfare manager confirms the new total again."
            ),
            "not_identified": self.tr(
                "To pay with your welfare credit, go back and type your wallet PIN too."
            ),
            # A way the cart's services no longer allow (not a desk payment unconfirmed).
            **({"payment_not_allowed": self._payment_changed_text()} if detail in WAYS else {}),
            "not_for_sale": self._withdrawn_text(),
            "cart_changed": self._changed_text(),
        }.get(
            reason,
            self.tr(
                "The order could not be saved. Nothing was charged: please ask the welfare manager."
            ),
        )

    def _payment_changed_text(self) -> str:
        """A sync changed how a service in the cart may be paid: the way chosen is gone,
        the ways still allowed are the buttons shown (or the cart says why none is)."""
        said = self.tr(
            "The ways to pay for your cart have changed: the one you chose can no longer be used."
        )
        cart, credit = self.ctx.citizen.cart, self.credit
        total = cart.total_cents if cart else 0
        usable = [
            p
            for p in self._payments()
            if p != "credit" or (credit is not None and credit.spendable_cents >= total)
        ]
        if usable:  # else the credit's note, or the cart's, says what to do
            said += " " + self.tr("Choose one of the ways shown.")
        return said

    def _withdrawn_text(self) -> str:
        """Services no longer sold, by name, taken out of the cart; and what now."""
        lang = self.ctx.lang
        names = [isolated(pick(line.title, lang), lang) for line in self.withdrawn]
        if len(names) == 1:
            said = self.tr("“{service}” is no longer offered: it has been removed from your cart.")
            said = said.format(service=names[0])
        else:  # one a line: a title may hold commas of its own
            said = "\n".join(
                [
                    self.tr(
                        "These services are no longer offered and have been removed from your cart:"
                    ),
                    *(f"• {name}" for name in names),
                ]
            )
        cart = self.ctx.citizen.cart
        if cart is not None and cart.lines:
            return said + "\n" + self.tr("Check the new total and choose how to pay again.")
        return said + "\n" + self.tr("Your cart is now empty.")

    def _changed_text(self) -> str:
        """What a sync changed of the cart while its summary was on show, and what now."""
        cart = self.ctx.citizen.cart
        said = [change.words(self.ctx.lang) for change in (cart.changes if cart else [])]
        if cart is not None and cart.lines:
            said.append(self.tr("Check the new total and choose how to pay again."))
        else:
            said.append(self.tr("Your cart is now empty."))
        return "\n".join(said)

    def retranslate(self) -> None:
        self._desk_follows_the_cart()  # whatever changed the cart, before it is shown
        lang, mode = self.ctx.lang, self.mode
        self.identify.retranslate()
        cart = self.ctx.citizen.cart
        self._drawn = tuple(cart.lines) if cart else ()
        total = cart.total_cents if cart else 0
        empty = cart is None or not cart.lines  # all of it no longer sold, say
        no_way = self._no_way_to_pay()
        self.no_way.setVisible(no_way is not None)
        self.no_way_button.setVisible(no_way is not None)
        self.no_way.setText("⚠  " + no_way.words(lang) if no_way is not None else "")
        if no_way is not None and no_way.desk_only:
            self.no_way_button.setText(self.tr("Ask for help"))
        else:
            self.no_way_button.setText(self.tr("Open the cart"))
        self.title.setText(
            {
                # Nobody is asked who they are for an order they cannot pay here.
                CheckoutMode.IDENTIFY: self.tr("How do you pay?")
                if no_way
                else self.tr("Who is buying?"),
                CheckoutMode.PAY: self.tr("How do you pay?"),
                CheckoutMode.REVIEW: self.tr("Check your order"),
                CheckoutMode.SENDING: self.tr("Check your order"),
                CheckoutMode.REFUSED: self.tr("Check your order")
                if empty
                else self.tr("How do you pay?"),
                CheckoutMode.DONE: self.tr("Your order is saved"),
            }[mode]
        )
        self.total.setText(self.tr("Total: {amount}").format(amount=format_euro(total, lang)))
        self.total.setVisible(mode != CheckoutMode.DONE and not self.identify.typing and not empty)
        self.identify.setVisible(mode == CheckoutMode.IDENTIFY and no_way is None)
        allowed = self._payments() if mode in (CheckoutMode.PAY, CheckoutMode.REFUSED) else ()
        texts = {
            "provider": self.tr("I pay the provider when the service is done"),
            "credit": self._credit_text(total),
            "desk": self.tr("I pay at the desk now (cash or card, with the welfare manager)"),
        }
        for payment, choice in self.pay_buttons.items():
            # The chosen way says so in words too, not by its colour alone.
            choice.setText(f"✓  {texts[payment]}" if choice.isChecked() else texts[payment])
            choice.setVisible(payment in allowed)
        credit = self.credit
        self._name_credit_choice(credit)
        self.pay_buttons["credit"].setEnabled(
            credit is not None and credit.spendable_cents >= total
        )
        note = self._credit_note(total, allowed)
        self.credit_note.setText(note)
        self.credit_note.setVisible(bool(note) and "credit" in allowed)
        if allowed == ("credit",) and not self.pay_buttons["credit"].isEnabled():
            self.no_way_button.setVisible(True)  # "Open the cart", to take some out
        if mode == CheckoutMode.REFUSED and (self.withdrawn or empty):
            self.no_way_button.setVisible(True)  # "Open the cart": see what is left
        manager = self.ctx.citizen.assisted_by
        chosen = self._chosen()
        self.desk.setVisible(chosen == "desk" and mode in (CheckoutMode.PAY, CheckoutMode.REFUSED))
        self._word_desk(isolated(manager.name, self.ctx.lang) if manager else "")
        self.problem.setVisible(mode == CheckoutMode.REFUSED)
        self.problem.setText("⚠  " + self._refusal_text() if mode == CheckoutMode.REFUSED else "")
        personal_now(
            self.problem,
            self.refusal[0] in ("credit_too_low", "credit_limit"),
            self.tr("Your credit cannot pay for this order now: choose another way to pay."),
        )
        ready = chosen is not None and (chosen != "desk" or self.desk.confirmed)
        self.confirm_button.setVisible(
            mode != CheckoutMode.IDENTIFY
            and no_way is None
            and (not empty or mode == CheckoutMode.DONE)
        )
        self.change_button.setVisible(mode == CheckoutMode.REVIEW)
        self.change_button.setText(self.tr("‹ Change"))
        if mode == CheckoutMode.DONE:
            self.confirm_settling.set_text(self.tr("Finish"))
            self.confirm_button.setEnabled(True)
        elif mode in (CheckoutMode.PAY, CheckoutMode.REFUSED):
            self.confirm_settling.set_text(self.tr("Check the order ›"))
            self.confirm_button.setEnabled(ready)
        else:
            self.confirm_settling.set_text(
                self.tr("Sending…")
                if mode == CheckoutMode.SENDING
                else self.tr("Confirm the order")
            )
            self.confirm_button.setEnabled(mode == CheckoutMode.REVIEW)
        summing_up = mode in (CheckoutMode.REVIEW, CheckoutMode.SENDING) and cart is not None
        self.summary.setVisible(summing_up)
        self.paying.setVisible(summing_up)
        self.next_steps.setVisible(summing_up)
        if summing_up and cart is not None:
            self.summary.setText(
                "\n".join(
                    self.tr("{amount} · {title} · {total}").format(
                        amount=quantity_text(line.quantity, line.unit),
                        title=pick(line.title, lang),
                        total=format_euro(line.total_cents, lang),
                    )
                    for line in cart.lines
                )
            )
            way = texts.get(chosen or "", "")
            self.paying.setText(self.tr("How you pay: {way}").format(way=way))
            personal_now(  # the balance shown with the credit's way to pay
                self.paying,
                chosen == "credit" and self.credit is not None,
                self.tr("How you pay: {way}").format(way=self.tr("I use my welfare credit")),
            )
            self.next_steps.setText(self._what_happens_now(chosen))
        else:  # hidden, and empty: the last order's lines and balance are not kept
            for shown in (self.summary, self.paying, self.next_steps):
                shown.setText("")
            personal_now(self.paying, False)
        if mode == CheckoutMode.IDENTIFY and no_way is None:
            self.text.setText(
                self.tr(
                    "Only a code made from it is kept with your order, so you can print your "
                    "vouchers again at any Social Point."
                )
            )
        elif mode == CheckoutMode.DONE and self.placed is not None:
            self.text.setText(
                self.tr(
                    "Order code: {code}\nThe receipt and one voucher per service are coming out "
                    "of the printer: show the voucher to the provider."
                ).format(code=left_to_right(self.placed.reference, self.ctx.lang))
            )
        else:
            self.text.setText("")
        personal_now(  # the order's code
            self.text,
            mode == CheckoutMode.DONE,
            self.tr(
                "The receipt and one voucher per service are coming out of the printer: show "
                "the voucher to the provider."
            ),
        )
        self.text.setVisible(bool(self.text.text()) and not self.identify.typing)
        self.no_money.setText(self.tr("The kiosk never takes money."))
        # Each step is a page of its own for keys and speech: the new page is read out
        # and the focus goes into it (it stayed on the button just pressed, which became
        # "Confirm the order": a second press placed the order unheard).
        page = (
            "no_way"
            if no_way is not None
            else CheckoutMode.PAY
            if mode == CheckoutMode.REFUSED
            else mode
        )
        if page != self._page_shown and page != CheckoutMode.SENDING:
            self._page_shown = page
            self.page_changed.emit()

    def _name_credit_choice(self, credit: CreditView | None) -> None:
        """The credit's way to pay shows the balance, but its spoken name leaves it out:
        the balance is the citizen's own, heard only through a headset (EN 301 549
        5.1.3.9) as the button's personal value."""
        choice = self.pay_buttons["credit"]
        if credit is None:
            choice.setAccessibleName("")  # the shown text says there is none
            choice.setProperty("personal", False)
            choice.setProperty("spokenValue", "")
            return
        choice.setAccessibleName(self.tr("I use my welfare credit"))
        choice.setProperty("personal", True)
        choice.setProperty("spokenAsWords", True)
        choice.setProperty(
            "spokenValue",
            self.tr("{amount} available now").format(
                amount=format_euro(credit.spendable_cents, self.ctx.lang)
            ),
        )

    def _credit_text(self, total: int) -> str:
        credit, lang = self.credit, self.ctx.lang
        if credit is None:
            return self.tr("I use my welfare credit (none in your name)")
        return self.tr("I use my welfare credit ({amount} available now)").format(
            amount=format_euro(credit.spendable_cents, lang)
        )

    def _credit_note(self, total: int, allowed: tuple[str, ...]) -> str:
        """Why the credit's way to pay is greyed, in words, when it cannot pay this
        order, and what to do when it is the only way; and why less than the whole
        credit can be spent here now."""
        credit, lang = self.credit, self.ctx.lang
        said: list[str] = []
        if "credit" in allowed and (credit is None or credit.spendable_cents < total):
            said.append(
                self.tr("There is no credit in your name.")
                if credit is None
                else self.tr("Your credit is not enough: {amount} available.").format(
                    amount=format_euro(credit.spendable_cents, lang)
                )
            )
            if allowed == ("credit",):
                said.append(
                    self.tr(
                        "The services in your cart can only be paid with your welfare"
                        " credit: remove some of them from the cart, or ask for help."
                    )
                )
        left = credit.balance_cents - credit.waiting_cents if credit is not None else 0
        if credit is not None and credit.spendable_cents < left:
            said.append(
                self.tr(
                    "Your credit is {balance}. A kiosk spends at most {now} of it until the"
                    " platform has confirmed what was spent: the rest stays yours, for later"
                    " or at another Social Point."
                ).format(
                    balance=format_euro(left, lang), now=format_euro(credit.spendable_cents, lang)
                )
            )
        return " ".join(said)

    def _what_happens_now(self, payment: str | None) -> str:
        """After the order, per kind of booking (buy now: the provider agrees the day)."""
        steps = [
            self.tr(
                "What happens now: the provider calls you within two working days to agree the"
                " day and time (their number is also on your voucher). Show the voucher when the"
                " service is done."
            )
        ]
        if payment == "provider":
            steps.append(self.tr("You pay the provider then, not now."))
        elif payment == "credit":
            steps.append(self.tr("The amount is taken from your credit now."))
        elif payment == "desk":
            steps.append(self.tr("You pay at the desk now, with the welfare manager."))
        return " ".join(steps)
