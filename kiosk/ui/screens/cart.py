# SPDX-License-Identifier: EUPL-1.2
"""The citizen's cart: what they chose, how many, the total in euro, and the way on."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.purchasing import MAX_QUANTITY, CartLine
from kiosk.ui.key_navigation import focus_through, redraw_by_name
from kiosk.ui.screens.base import DataScreen, UiContext
from kiosk.ui.texts import quantity_text, unit_text
from kiosk.ui.widgets.common import ScrollList, button, card, label
from languages.money import format_euro
from store.catalog import CatalogReader, pick


class CartScreen(DataScreen):
    route = "cart"

    def __init__(self, ctx: UiContext, catalog: CatalogReader) -> None:
        super().__init__(ctx, catalog)
        self.title = label(role="title", name="cartTitle")
        self.body.addWidget(self.title)
        # What a sync changed while the services sat here (a new price, one no longer
        # offered), said in words until the citizen says they have read it.
        self.changes = card()
        self.changes.setObjectName("cartChanges")
        changes = QHBoxLayout(self.changes)
        changes.setContentsMargins(24, 14, 24, 14)
        self.changes_text = label(role="fieldLabel", name="cartChangesText")
        changes.addWidget(self.changes_text, 1)
        self.changes_seen = button(name="cartChangesSeen", role="chip")
        self.changes_seen.clicked.connect(self._seen)
        changes.addWidget(self.changes_seen)
        self.body.addWidget(self.changes)
        self.list = ScrollList(name="cartLines")
        self.body.addWidget(self.list, 1)
        # Said here, before the checkout: services that share no way to pay, or only the
        # desk (which needs the welfare manager), cannot be bought in one order as it is.
        self.no_way = label(role="fieldError", name="cartNoWayToPay")
        self.body.addWidget(self.no_way)
        self.total = label(role="price", name="cartTotal")
        self.no_money = label(role="muted", name="cartNoMoney")
        row = QHBoxLayout()
        row.addWidget(self.total, 1)
        self.checkout_button = button(name="toCheckout")
        self.checkout_button.setMinimumWidth(420)
        self.checkout_button.clicked.connect(lambda: self.go("checkout"))
        row.addWidget(self.checkout_button)
        self.body.addLayout(row)
        self.body.addWidget(self.no_money)

    def enter(self, **params: Any) -> None:
        self.retranslate()

    def mirror_changed(self, **params: Any) -> None:
        # A sync pass drew the lines again: by keys the focus stays on the same button
        # of the same line, not on "Go on to payment" (the safety net's nearest).
        redraw_by_name(self.list, self.retranslate, self._ways_on)

    def _ways_on(self) -> list[QWidget]:
        return [self.checkout_button, *self.list.findChildren(QAbstractButton, "cartChooseService")]

    def _line(self, line: CartLine) -> QWidget:
        lang = self.ctx.lang
        frame = card()
        row = QHBoxLayout(frame)
        row.setContentsMargins(24, 14, 24, 14)
        texts = QVBoxLayout()
        texts.addWidget(label(pick(line.title, lang), role="cardTitle"))
        unit = unit_text(line.unit)
        each = format_euro(line.unit_price_cents, lang) + (f" / {unit}" if unit else "")
        texts.addWidget(
            label(
                self.tr("{each} · {provider}").format(each=each, provider=line.provider),
                role="muted",
            )
        )
        row.addLayout(texts, 1)
        sid = line.service_id
        less = button("−", name=f"less_{sid}", role="chip")
        less.setAccessibleName(self.tr("One less"))
        less.setEnabled(line.quantity > 1)  # one less than one is "Remove"
        less.clicked.connect(lambda _=False: self._change(sid, -1))
        count = label(quantity_text(line.quantity, line.unit), role="heading", name=f"count_{sid}")
        more = button("+", name=f"more_{sid}", role="chip")
        more.setAccessibleName(self.tr("One more"))
        more.setEnabled(line.quantity < MAX_QUANTITY)
        more.clicked.connect(lambda _=False: self._change(sid, +1))
        for widget in (less, count, more):
            row.addWidget(widget)
        row.addSpacing(16)
        row.addWidget(label(format_euro(line.total_cents, lang), role="cardPrice"))
        remove = button(self.tr("Remove"), name=f"remove_{sid}", role="chip")
        remove.clicked.connect(lambda _=False: self._remove(sid))
        row.addWidget(remove)
        return frame

    def _change(self, service_id: str, step: int) -> None:
        cart = self.ctx.citizen.cart
        if cart is not None:
            cart.set_quantity(service_id, cart.quantity_of(service_id) + step)
        self.cart_changed.emit()
        # By keys: the focus stays on the key pressed, else on the other one of the line.
        first, then = ("more", "less") if step > 0 else ("less", "more")
        self._redraw([f"{first}_{service_id}", f"{then}_{service_id}", f"remove_{service_id}"])

    def _remove(self, service_id: str) -> None:
        cart = self.ctx.citizen.cart
        ids = [line.service_id for line in cart.lines] if cart is not None else []
        if cart is not None:
            cart.remove(service_id)
        self.cart_changed.emit()
        # By keys: the focus goes to the next line (the one before, for the last).
        index = ids.index(service_id) if service_id in ids else 0
        others = [sid for sid in ids if sid != service_id]
        wanted = others[index:] + others[:index][::-1]
        self._redraw([f"{kind}_{sid}" for sid in wanted[:1] for kind in ("less", "more", "remove")])

    def _seen(self) -> None:
        cart = self.ctx.citizen.cart
        if cart is not None:
            cart.seen()
        self._redraw([])

    def _redraw(self, focus_on: list[str]) -> None:
        """The lines drawn again, the focus (by keys) on the first of ``focus_on`` that
        can take it, else on the way on, never passed to the header by Qt."""
        focus_through(
            self,
            self.retranslate,
            # The old lines' buttons wait for deleteLater, hidden, under the same names.
            lambda: [
                *(b for name in focus_on for b in self.list.findChildren(QAbstractButton, name)),
                self.checkout_button,
                *self.list.findChildren(QAbstractButton, "cartChooseService"),
            ],
        )

    def retranslate(self) -> None:
        cart = self.ctx.citizen.cart
        lines = cart.lines if cart else []
        self.title.setText(self.tr("Your cart"))
        changes = cart.changes if cart else []
        self.changes.setVisible(bool(changes))
        self.changes_text.setText("\n".join(f"ⓘ  {c.words(self.ctx.lang)}" for c in changes))
        self.changes_seen.setText(self.tr("OK, understood"))
        self.list.clear()
        for line in lines:
            self.list.add(self._line(line))
        if not lines:
            empty = self.tr("The cart is empty. Choose a service and tap “Add to cart”.")
            self.list.add(label(empty, role="heading"))
            # A way on in the screen itself: by keys, the focus of the last "Remove" goes
            # here (an empty cart had no control left but the header's and the footer's).
            choose = button(self.tr("Choose a service ›"), name="cartChooseService")
            choose.clicked.connect(lambda: self.go("catalog"))
            self.list.add(_at_start(choose))
        total = cart.total_cents if cart else 0
        self.total.setText(
            self.tr("Total: {amount}").format(amount=format_euro(total, self.ctx.lang))
        )
        no_way = (
            cart.no_way_to_pay(assisted=self.ctx.citizen.assisted_by is not None) if cart else None
        )
        self.no_way.setText("⚠  " + no_way.words(self.ctx.lang) if no_way is not None else "")
        self.no_way.setVisible(no_way is not None)
        self.checkout_button.setText(self.tr("Go on to payment ›"))
        self.checkout_button.setEnabled(bool(lines))
        self.no_money.setText(
            self.tr(
                "The kiosk never takes money: you pay the provider, use your credit, or pay at"
                " the desk with the welfare manager."
            )
        )


def _at_start(widget: QWidget) -> QWidget:
    """``widget`` at the start of a row of its own (a list stretches what it holds)."""
    row = QWidget()
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    line.addWidget(widget)
    line.addStretch(1)
    return row
