# SPDX-License-Identifier: EUPL-1.2
"""My vouchers: after the codice fiscale and the wallet PIN, the vouchers in the
citizen's name (buoni spesa the Comune granted, vouchers of their purchases), each
printable again here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.key_navigation import first_control, redraw_by_name
from kiosk.ui.screens.base import DataScreen, UiContext
from kiosk.ui.widgets.common import ScrollList, button, card, label, personal
from kiosk.ui.widgets.identify import IdentifyBox, wallet_refusal_text
from languages import left_to_right
from languages.money import format_euro
from store.catalog import CatalogReader

if TYPE_CHECKING:
    from kiosk.core.wallet import WalletVoucher


class WalletScreen(DataScreen):
    route = "wallet"
    identify_requested = Signal(str, str)  # codice fiscale, wallet PIN
    print_voucher = Signal(str)  # voucher id
    wallet_stale = Signal()  # the mirror changed: an opened wallet is read again

    def __init__(self, ctx: UiContext, catalog: CatalogReader) -> None:
        super().__init__(ctx, catalog)
        self.vouchers: list[WalletVoucher] | None = None  # None: not identified yet
        self.problem: str | None = None  # "not_connected", "error" or "print"
        # A print asked and not answered yet: the Print buttons wait, so a double tap
        # does not print the same voucher twice (two slips that each pay).
        self.printing = False
        self.title = label(role="title", name="walletTitle")
        self.intro = label(role="muted", name="walletIntro")
        self.body.addWidget(self.title)
        self.body.addWidget(self.intro)
        self.identify = IdentifyBox("wallet_cf", lambda: self.ctx.lang, ask_pin="required")
        self.identify.identified.connect(
            lambda cf: self.identify_requested.emit(cf, self.identify.pin or "")
        )
        self.body.addWidget(self.identify)
        self.dock_keyboard(self.identify.keyboard, lambda _field: self.identify.next_button)
        self.identify.keyboard_shown.connect(self._make_room)
        self.list = ScrollList(name="walletList")
        self.body.addWidget(self.list, 1)
        self.forget()

    def _make_room(self, typing: bool) -> None:
        """The keyboard takes the room of the introduction (the field typed in then
        comes into view, with Next if both fit)."""
        self.intro.setVisible(not typing)

    def mirror_changed(self, **params: Any) -> None:
        # A sync pass during the visit: what the citizen typed and was shown stays (it
        # was all forgotten, as if they had come to this screen anew); the wallet opened
        # is read again, so no buono redeemed meanwhile is offered for printing.
        self._redraw()
        self.wallet_stale.emit()

    def enter(self, **params: Any) -> None:
        self.forget()

    def forget(self) -> None:
        self.vouchers = None
        self.problem = None
        self.printing = False
        self.identify.clear()
        self.retranslate()
        super().forget()

    def take_scanned(self, text: str) -> bool:
        if self.vouchers is not None or not self.isVisible():
            return False
        self.identify.take_scanned(text)
        return True

    def show_vouchers(self, vouchers: list[WalletVoucher]) -> None:
        self.vouchers, self.problem = vouchers, None
        self._redraw()

    def _redraw(self) -> None:
        """The vouchers drawn again (a sync pass, the wallet read again after it): by
        keys the focus stays on the same voucher's Print, not on the safety net's
        nearest control."""
        redraw_by_name(self.list, self.retranslate, lambda: [first_control(self)])

    def show_problem(self, problem: str) -> None:
        """Says what went wrong: the kiosk has not reached the platform yet (so it
        cannot know whose vouchers are whose), the store could not be read, or a print
        could not be queued. The codice fiscale can be given again."""
        if problem != "print":
            self.vouchers = None
            self.identify.clear()
        self.problem = problem
        self.retranslate()

    def show_wallet_refused(self, reason: str, left: int = 0) -> None:
        """The wallet did not open, or one opened was withdrawn or locked since: its
        vouchers and codes go, and why is said calmly beside the PIN, typed again."""
        self.vouchers, self.problem = None, None
        self.printing = False
        self.retranslate()
        self.identify.show_pin_problem(lambda: wallet_refusal_text(reason, left))

    def _card(self, item: WalletVoucher) -> QWidget:
        lang = self.ctx.lang
        frame = card()
        row = QHBoxLayout(frame)
        row.setContentsMargins(24, 14, 24, 14)
        texts = QVBoxLayout()
        texts.addWidget(label(item.programme, role="cardTitle"))
        # What is left of a buono a shop took in part: what a shop will take of it.
        value = format_euro(item.left_cents, lang) if item.left_cents else ""
        if item.used_in_part and item.amount_cents:
            value = self.tr("{left} left of {whole}").format(
                left=value, whole=format_euro(item.amount_cents, lang)
            )
        elif item.used_in_part:  # a service voucher: units (hours, lessons) left
            value = self.tr("{left} left of {whole}").format(left=item.units_left, whole=item.units)
        texts.addWidget(personal(label(" · ".join(p for p in (value, item.issuer) if p))))
        texts.addWidget(
            personal(
                label(
                    # Both kept left to right in Arabic: a code opening with digits
                    # ("9255-CRYV-…") had that group drawn at the other end.
                    self.tr("Code {code} · valid until {day}").format(
                        code=left_to_right(item.code, lang),
                        day=left_to_right(f"{item.valid_until:%d/%m/%Y}", lang),
                    ),
                    role="muted",
                )
            )
        )
        row.addLayout(texts, 1)
        again = button(self.tr("Print"), name=f"printVoucher_{item.id}", role="primary")
        again.setEnabled(not self.printing)
        again.clicked.connect(lambda _=False, v=item.id: self._print(v))
        row.addWidget(again)
        return frame

    def _print(self, voucher_id: str) -> None:
        if self.printing:
            return
        self._printing(True)
        self.print_voucher.emit(voucher_id)

    def print_answered(self) -> None:
        """The print asked has its answer (queued or not): Print can be tapped again."""
        self._printing(False)

    def _printing(self, waiting: bool) -> None:
        self.printing = waiting
        for again in self.list.findChildren(QPushButton):
            if again.objectName().startswith("printVoucher_"):
                again.setEnabled(not waiting)

    def retranslate(self) -> None:
        self.title.setText(self.tr("My vouchers"))
        self.identify.retranslate()
        self.identify.setVisible(self.vouchers is None)
        intro = self.tr(
            "Vouchers in your name, granted by the Comune or bought here, can be printed "
            "again. Type your codice fiscale or pass your health card over the reader, then"
            " your wallet PIN."
        )
        self.intro.setText(intro)
        self.list.clear()
        if self.problem is not None:
            self.list.add(label(self._problem_text(self.problem), role="fieldError"))
        if self.vouchers is None:
            return
        for item in self.vouchers:
            self.list.add(self._card(item))
        if not self.vouchers:
            none = self.tr(
                "There are no vouchers in your name to print. If the Comune has just approved"
                " yours, it may take a few minutes to reach this kiosk."
            )
            self.list.add(label(none, role="heading"))

    def _problem_text(self, problem: str) -> str:
        if problem == "not_connected":
            return self.tr(
                "This Social Point has not reached the welfare platform yet, so it cannot"
                " show your vouchers. Please ask a welfare manager, or try again later."
            )
        if problem == "print":
            return self.tr("The voucher could not be printed. Please ask a welfare manager.")
        return self.tr(
            "Your vouchers could not be read just now. Please try again, or ask a welfare manager."
        )
