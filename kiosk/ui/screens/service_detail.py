# SPDX-License-Identifier: EUPL-1.2
"""One service: what it is, what it costs, who may use it, and how to reach the provider.

A service that can be bought shows its provider's privacy notice (GDPR art. 13) in full,
under its description, with "Print the notice": the citizen reads it here, before
checkout asks for any personal data."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.contact_card import vcard
from kiosk.core.privacy import printed_notice
from kiosk.core.service_card import card_for
from kiosk.ui.screens.base import DataScreen, UiContext
from kiosk.ui.texts import price_text, quantity_text
from kiosk.ui.widgets.common import ScrollList, SideBySideWhenRoom, button, card, label, live
from kiosk.ui.widgets.privacy_notice import NoticeView
from kiosk.ui.widgets.qr import QrCode
from languages import left_to_right
from printing.documents import privacy_notice, service_card
from store.catalog import CatalogReader, ServiceDetail, pick


class ServiceDetailScreen(DataScreen):
    route = "service"

    def __init__(self, ctx: UiContext, catalog: CatalogReader) -> None:
        super().__init__(ctx, catalog)
        self.service: ServiceDetail | None = None
        self.service_id = ""
        self.title = label(role="title", name="serviceTitle")
        self.category = label(role="muted", name="serviceCategory")
        self.body.addWidget(self.title)
        self.body.addWidget(self.category)
        columns = QHBoxLayout()
        columns.setSpacing(40)
        self.details = ScrollList(name="serviceDetails", spacing=12)
        self.price = label(role="price", name="servicePrice")
        # A sync changed the service while it sat in the cart: said here too.
        self.cart_note = label(role="fieldLabel", name="serviceCartNote")
        self.quantity, self.added_count = 1, 0
        # How many, and "Add to cart" beside it, or under it where both do not fit the
        # row (a translation, or larger text on a 1280-pixel panel).
        self.buy_row = QWidget()
        buy = QHBoxLayout(self.buy_row)
        buy.setContentsMargins(0, 0, 0, 0)
        buy.setSpacing(16)
        stepper_box = QWidget()  # as wide as its controls, beside or over the button
        stepper_box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        stepper = QHBoxLayout(stepper_box)
        stepper.setContentsMargins(0, 0, 0, 0)
        stepper.setSpacing(12)
        self.less_button = button("−", name="quantityLess", role="chip")
        self.quantity_label = live(label(role="heading", name="quantity"))  # heard as it changes
        self.more_button = button("+", name="quantityMore", role="chip")
        self.add_button = button(name="addToCart")
        self.less_button.clicked.connect(lambda: self._change_quantity(-1))
        self.more_button.clicked.connect(lambda: self._change_quantity(+1))
        self.add_button.clicked.connect(self.add_to_cart)
        for control in (self.less_button, self.quantity_label, self.more_button):
            stepper.addWidget(control)
        buy.addWidget(stepper_box, 0, Qt.AlignmentFlag.AlignLeading)
        buy.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeading)
        buy.addStretch(1)
        self._buy_reflow = SideBySideWhenRoom(
            self.buy_row,
            buy,
            lambda: (
                stepper_box.sizeHint().width() + buy.spacing() + self.add_button.sizeHint().width()
            ),
        )
        # Once in the cart, the service says so instead of offering to add it again: a
        # double tap, or a citizen back on the page, never orders it twice silently.
        self.in_cart_row = QWidget()
        in_cart = QHBoxLayout(self.in_cart_row)
        in_cart.setContentsMargins(0, 0, 0, 0)
        self.added = label(role="cardPrice", name="addedToCart")
        self.open_cart_button = button(name="openCart", role="chip")
        self.open_cart_button.clicked.connect(lambda: self.go("cart"))
        in_cart.addWidget(self.added, 1)
        in_cart.addWidget(self.open_cart_button)
        # One order carries at most MAX_CART_LINES services: the one more is refused
        # when it is tapped, in words, and the cart is one tap away.
        self.cart_full = False
        self.cart_full_row = QWidget()
        full = QHBoxLayout(self.cart_full_row)
        full.setContentsMargins(0, 0, 0, 0)
        self.cart_full_text = label(role="fieldError", name="cartFull")
        self.cart_full_button = button(name="openCartWhenFull", role="chip")
        self.cart_full_button.clicked.connect(lambda: self.go("cart"))
        full.addWidget(self.cart_full_text, 1)
        full.addWidget(self.cart_full_button)
        self.notice_heading = label(role="heading", name="noticeHeading")
        self.notice = NoticeView(name="serviceNotice")
        self.notice.print_requested.connect(self._print_notice)
        self.description = label(name="serviceDescription")
        self.who_heading = label(role="heading", name="whoHeading")
        self.who = label(name="serviceWho")
        self.provider_heading = label(role="heading", name="providerHeading")
        self.provider = label(name="serviceProvider")
        for widget in (
            self.price,
            self.cart_note,
            self.buy_row,
            self.cart_full_row,
            self.in_cart_row,
            self.description,
            self.notice_heading,
            self.notice,
            self.who_heading,
            self.who,
            self.provider_heading,
            self.provider,
        ):
            self.details.add(widget)
        columns.addWidget(self.details, 1)
        contact = self.contact = card()
        contact_layout = QVBoxLayout(contact)
        contact_layout.setContentsMargins(24, 24, 24, 24)
        self.qr = QrCode(name="providerQr", size_px=300)
        self.qr_caption = label(role="muted", name="qrCaption")
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_caption.setMaximumWidth(300)
        contact_layout.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        contact_layout.addWidget(self.qr_caption)
        contact_layout.addStretch(1)
        self.print_button = button(name="printCard", role="primary")
        self.print_button.clicked.connect(self.print_card)
        contact_layout.addWidget(self.print_button)
        columns.addWidget(contact, 0, Qt.AlignmentFlag.AlignTop)
        self.body.addLayout(columns, 1)

    def enter(self, **params: Any) -> None:
        self._read(params["service_id"])
        self.details.verticalScrollBar().setValue(0)
        self.quantity, self.added_count = 1, 0
        self.cart_full = False
        self.retranslate()

    def mirror_changed(self, **params: Any) -> None:
        # A sync pass while the citizen reads: the service as it is now (its price, or
        # gone), with the quantity they chose and where they had scrolled to.
        self._read(params["service_id"])
        self.retranslate()

    def _read(self, service_id: str) -> None:
        self.service_id = service_id  # kept when the service is gone from the catalog
        self.service = self.catalog.service(service_id)
        if self.service:
            s = self.service
            self.qr.set_payload(
                vcard(s.provider_name, s.provider_phone, s.provider_email, s.provider_address)
            )

    def _change_quantity(self, step: int) -> None:
        self.quantity = max(1, min(99, self.quantity + step))
        self.retranslate()

    def add_to_cart(self) -> None:
        """Puts the service in the visit's cart at the price shown (read again now),
        once the citizen has read its provider's privacy notice."""
        from kiosk.core.purchasing import Cart, CheckoutError, cart_line

        if self.service is None:
            return
        cart = self.ctx.citizen.cart
        if cart is not None and not cart.has_room_for(self.service.id):
            self.cart_full = True  # refused now, in words, never at checkout
            self.retranslate()
            return
        try:
            with self.catalog.store.read() as session:
                line = cart_line(session, self.service.id, self.quantity)
        except CheckoutError:
            return
        if cart is None:
            cart = self.ctx.citizen.cart = Cart()
        if cart.quantity_of(line.service_id):
            return  # already there: its quantity is changed in the cart
        cart.add(line)
        self.added_count += self.quantity
        self.cart_changed.emit()
        self.retranslate()

    def _print_notice(self) -> None:
        if self.service is None or not self.service.privacy_notice:
            return
        data = printed_notice(self.service.privacy_notice, self.service.title, self.ctx.lang)
        self.print_requested.emit(
            "privacy_notice", lambda context: privacy_notice(context, data), self.service.id
        )

    def _in_cart(self) -> int:
        cart = self.ctx.citizen.cart
        return cart.quantity_of(self.service.id) if cart and self.service else 0

    def _of_the_service(self) -> tuple[QWidget, ...]:
        """What shows the service, whatever it is (the rest shows or not by its kind)."""
        return (
            self.category,
            self.price,
            self.description,
            self.who_heading,
            self.who,
            self.provider_heading,
            self.provider,
            self.contact,
        )

    def _show_cart_note(self) -> None:
        cart, service_id = self.ctx.citizen.cart, self.service_id
        change = cart.change_of(service_id) if cart is not None and service_id else None
        self.cart_note.setVisible(change is not None)
        self.cart_note.setText(f"ⓘ  {change.words(self.ctx.lang)}" if change is not None else "")

    def print_card(self) -> None:
        if self.service is not None:
            card_data = card_for(self.service)
            self.print_requested.emit(
                "card", lambda context: service_card(context, card_data), self.service.id
            )

    def retranslate(self) -> None:
        s, lang = self.service, self.ctx.lang
        self.print_button.setText(self.tr("Print these details"))
        # "−" and "+" are signs a voice does not say: their names are words.
        self.less_button.setAccessibleName(self.tr("One less"))
        self.more_button.setAccessibleName(self.tr("One more"))
        self.print_button.setVisible(s is not None)
        self._show_cart_note()
        for shown in self._of_the_service():
            shown.setVisible(s is not None)
        if s is None:  # gone by a sync: nothing of it is left to read (or to buy)
            self.title.setText(self.tr("This service is no longer in the catalog."))
            for row in (self.buy_row, self.in_cart_row, self.cart_full_row):
                row.setVisible(False)
            self.notice_heading.setVisible(False)
            self.notice.setVisible(False)
            return
        self.title.setText(pick(s.title, lang))
        self.category.setText(pick(s.category_label, lang))
        self.price.setText(price_text(s.price_cents, s.unit, lang))
        for_sale = s.booking == "buy_now" and s.price_cents is not None
        in_cart = self._in_cart()
        self.buy_row.setVisible(for_sale and not in_cart)
        self.quantity_label.setText(quantity_text(self.quantity, s.unit))
        self.add_button.setText(self.tr("Add to cart"))
        self.in_cart_row.setVisible(for_sale and in_cart > 0)
        self.added.setText(
            self.tr("✓ In your cart: {amount}. Change how many in the cart.").format(
                amount=quantity_text(in_cart, s.unit)
            )
        )
        self.open_cart_button.setText(self.tr("Open the cart"))
        self.cart_full_row.setVisible(for_sale and not in_cart and self.cart_full)
        if self.cart_full:
            from kiosk.core.purchasing import MAX_CART_LINES  # the store's code: not at start

            self.cart_full_text.setText(
                self.tr(
                    "Your cart already holds {n} services, as many as one order can take."
                    " Complete this order first, then add this service in a new one."
                ).format(n=MAX_CART_LINES)
            )
            self.cart_full_button.setText(self.tr("Open the cart"))
        # Whoever buys gives personal data at checkout: the provider's notice first.
        has_notice = for_sale and bool(s.privacy_notice)
        self.notice_heading.setVisible(has_notice)
        self.notice.setVisible(has_notice)
        if has_notice:
            assert s.privacy_notice is not None
            self.notice_heading.setText(self.tr("Privacy notice"))
            self.notice.show_notice(s.privacy_notice, lang)
        self.description.setText(pick(s.description, lang))
        self.who_heading.setText(self.tr("Who can use it"))
        if s.residents_of:
            self.who.setText(
                self.tr("Residents of: {comuni}").format(comuni=", ".join(s.residents_of))
            )
        else:
            self.who.setText(self.tr("Everyone, whichever Comune they live in"))
        self.provider_heading.setText(self.tr("Who provides it"))
        lines = [s.provider_name]
        if s.provider_phone:
            lines.append(
                self.tr("Phone: {phone}").format(
                    phone=left_to_right(s.provider_phone, self.ctx.lang)
                )
            )
        if s.provider_email:
            lines.append(self.tr("E-mail: {email}").format(email=s.provider_email))
        if s.provider_address:
            lines.append(self.tr("Address: {address}").format(address=s.provider_address))
        self.provider.setText("\n".join(lines))
        self.qr_caption.setText(self.tr("Scan with your phone to save the provider's contact"))
