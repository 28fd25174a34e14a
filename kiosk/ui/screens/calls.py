# SPDX-License-Identifier: EUPL-1.2
"""Calls and subsidies open now for residents of the kiosk's Comune."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout

from kiosk.ui.key_navigation import redraw_by_name
from kiosk.ui.screens.base import DataScreen, UiContext
from kiosk.ui.texts import local_date_time
from kiosk.ui.widgets.common import ScrollList, SideBySideWhenRoom, button, card, label
from languages import isolated, left_to_right
from store.catalog import CallInfo, CatalogReader, pick

if TYPE_CHECKING:
    from kiosk.ui.widgets.overlay import Overlay


class CallsScreen(DataScreen):
    route = "calls"

    def __init__(self, ctx: UiContext, catalog: CatalogReader) -> None:
        super().__init__(ctx, catalog)
        self._calls: list[CallInfo] = []
        self.title = label(role="title", name="callsTitle")
        self.scope = label(role="muted", name="callsScope")
        self.list = ScrollList(name="callList", spacing=24)
        self.note = label(role="heading", name="callsNote")
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.scope)
        top.addLayout(titles, 1)
        self.status_button = button(name="statusButton", role="chip")
        self.status_button.clicked.connect(lambda: self.go("status"))
        top.addWidget(self.status_button)
        self.wallet_button = button(name="walletButton", role="chip")
        self.wallet_button.clicked.connect(lambda: self.go("wallet"))
        top.addWidget(self.wallet_button)
        self.body.addLayout(top)
        self.body.addWidget(self.list, 1)
        self.body.addWidget(self.note)
        self._notice: Overlay | None = None

    def enter(self, **params: Any) -> None:
        if self._notice is not None:
            self._notice.hide()  # left open when the citizen went elsewhere
        now = datetime.now(UTC)
        self._calls = self.catalog.open_calls(self.ctx.social_point.comune, now)
        self.retranslate()

    def mirror_changed(self, **params: Any) -> None:
        # A sync pass while the citizen reads the calls: drawn again only when they
        # changed, so the list keeps where it was scrolled to.
        calls = self.catalog.open_calls(self.ctx.social_point.comune, datetime.now(UTC))
        if calls != self._calls:
            self._calls = calls
            # By keys the focus stays on the same call's button, else the first call's.
            redraw_by_name(self.list, self.retranslate, lambda: [self.status_button])

    def _call_card(self, call: CallInfo, lang: str):  # type: ignore[no-untyped-def]
        frame = card()
        frame.setObjectName(f"call_{call.id}")
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(10)
        day, hour = local_date_time(call.closes_at, lang, self.ctx.time_zone)
        parts = [
            label(pick(call.title, lang), role="heading"),
            label(pick(call.description, lang)),
            label(
                self.tr("Apply by {day} at {hour}").format(
                    # The day holds the month's name: in its own direction, not left to right.
                    day=isolated(day, self.ctx.lang),
                    hour=left_to_right(hour, self.ctx.lang),
                ),
                role="cardPrice",
            ),
        ]
        if call.eligibility:
            parts.append(label(self.tr("Who can apply"), role="cardTitle"))
            parts.append(label(_bullets(call.eligibility, lang)))
        if call.documents:
            parts.append(label(self.tr("What to bring"), role="cardTitle"))
            parts.append(label(_bullets(call.documents, lang)))
        for part in parts:
            layout.addWidget(part)
        row = QHBoxLayout()
        buttons: list[QPushButton] = []
        if call.form_ready:
            apply = button(self.tr("Apply here"), name=f"apply_{call.id}", role="primary")
            apply.setAccessibleName(
                self.tr("Apply here: {title}").format(title=pick(call.title, lang))
            )
            apply.clicked.connect(lambda _=False, c=call.id: self.go("apply", call_id=c))
            buttons.append(apply)
        else:  # a line of its own, which wraps: beside it, the notice's button was cut
            layout.addWidget(
                label(self.tr("Apply with the welfare manager at the desk."), role="muted")
            )
        if call.privacy_notice:
            # The Comune's notice (GDPR art. 13), readable before any personal data is typed.
            notice = button(self.tr("Privacy notice"), name=f"privacy_{call.id}", role="chip")
            notice.clicked.connect(lambda _=False, c=call: self.show_notice(c))
            buttons.append(notice)
        for widget in buttons:
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)
        margins = layout.contentsMargins().left() + layout.contentsMargins().right()
        # One under the other where, side by side, their words would be cut (the card,
        # its parent, keeps it).
        SideBySideWhenRoom(
            frame,
            row,
            lambda: margins + sum(b.sizeHint().width() + row.spacing() for b in buttons),
        )
        return frame

    def show_notice(self, call: CallInfo) -> None:
        assert call.privacy_notice is not None
        if self._notice is None:
            from kiosk.ui.widgets.overlay import Overlay

            self._notice = Overlay(self)
        self._notice.show_texts(lambda: self._notice_texts(call))

    def _notice_texts(self, call: CallInfo) -> tuple[str, str, str]:
        """The notice in the screen's language (the platform gives it in several)."""
        assert call.privacy_notice is not None
        from kiosk.core.privacy import sections  # the headings the apply step shows too

        lang = self.ctx.lang
        body = "\n\n".join(
            f"{part.heading}: {part.text}" for part in sections(call.privacy_notice, lang)
        )
        title = self.tr("Privacy notice: {title}").format(title=pick(call.title, lang))
        return title, body, self.tr("OK")

    def retranslate(self) -> None:
        lang = self.ctx.lang
        self.title.setText(self.tr("Calls and subsidies"))
        self.status_button.setText(self.tr("Where is my application?"))
        self.wallet_button.setText(self.tr("Print my vouchers"))
        comune = self.catalog.comune_name(self.ctx.social_point.comune) or ""
        self.scope.setText(self.tr("Open now for residents of {comune}").format(comune=comune))
        self.note.setText(
            self.tr("The welfare manager at the desk can help you fill in any form.")
            if self._calls
            else self.tr(
                "There are no open calls right now. Ask the welfare manager about new ones."
            )
        )
        self.list.clear()
        for call in self._calls:
            self.list.add(self._call_card(call, lang))


def _bullets(items: tuple[dict[str, str], ...], lang: str) -> str:
    """A call's list (who can apply, what to bring), each item in the citizen's language
    where the platform gave it, else in Italian."""
    return "\n".join(f"•  {pick(item, lang)}" for item in items)
