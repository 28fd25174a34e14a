# SPDX-License-Identifier: EUPL-1.2
"""A passing line telling the citizen the scanner read a code this page has no use for.

The citizen saw the scanner light up: without a word they would wonder whether the
kiosk saw the card. A message layer would take the focus and change what a keypad's OK
or a switch's press does next; this line takes nothing. It floats over the page, out of
every layout (nothing moves), takes no focus and no touch (a tap goes to what is under
it), and goes by itself after NOTICE_MS, when the page changes or when the visit ends.
It sits in the footer, between its buttons, when it fits there; else at the bottom of
the page, or at its top when that covers fewer controls (the one with the focus first:
its ring must stay in view).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from kiosk.ui.event_filters import never_raises
from kiosk.ui.widgets.common import label

NOTICE_MS = 6000  # long enough to read twice, short enough to be plainly passing
MARGIN_PX = 24  # from the page's edges
MAX_WIDTH_PX = 1400
MIN_FOOTER_WIDTH_PX = 360  # narrower, its words would take more lines than the footer has
CONTROLS = (QAbstractButton, QLineEdit, QPlainTextEdit)


class ScanNotice(QFrame):
    """Shown by ``tell`` in ``footer`` between its buttons, or over ``page`` (parts of
    ``host``, its parent)."""

    def __init__(self, host: QWidget, page: QWidget, footer: QWidget | None = None) -> None:
        super().__init__(host)
        self.host, self.page, self.footer = host, page, footer
        self.setObjectName("scanNotice")
        self._keep_hands_off(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(28, 10, 28, 10)
        row.setSpacing(16)
        self.title = label(name="scanNoticeTitle")
        self.body = label(name="scanNoticeText")
        for part in (self.title, self.body):
            self._keep_hands_off(part)
            row.addWidget(part)
        row.setStretch(1, 1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(NOTICE_MS)
        self.timer.timeout.connect(self.hide)
        self._place_later = QTimer(self)
        self._place_later.setSingleShot(True)
        self._place_later.setInterval(0)
        self._place_later.timeout.connect(self._place)
        host.installEventFilter(self)
        self.hide()

    @staticmethod
    def _keep_hands_off(part: QWidget) -> None:
        """No focus and no touch: a tap reaches the control under it, and keys and a
        switch's highlight stay where they were."""
        part.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        part.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        part.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def tell(self) -> str:
        """Shows the line (for NOTICE_MS from now, again if it was shown); returns its
        words, for spoken mode to say."""
        self.retranslate()
        self.show()
        self._place()
        self.timer.start()
        return self.words()

    def words(self) -> str:
        return f"{self.title.text()}. {self.body.text()}"

    def retranslate(self) -> None:
        self.title.setText(self.tr("Code read"))
        self.body.setText(self.tr("It is not needed on this page. You can carry on."))

    def hide_now(self) -> None:
        self.timer.stop()
        self.hide()

    def _place(self) -> None:
        if not self.isVisible():
            return
        layout = self.layout()
        assert layout is not None
        layout.activate()
        places = [self._in_footer(), *self._over_page()]
        chosen = min((p for p in places if p is not None), key=self._covers)  # first on a tie
        self.setGeometry(chosen)
        self.raise_()

    def _one_line(self) -> int:
        """The width the line takes unwrapped (a wrapping label's size hint is narrower)."""
        layout = self.layout()
        assert layout is not None
        room = layout.contentsMargins()
        words = sum(t.fontMetrics().horizontalAdvance(t.text()) for t in (self.title, self.body))
        edges = room.left() + room.right() + 2 * self.frameWidth()
        return words + layout.spacing() + edges + 8  # 8: a label's own slack for its last letter

    def _sized(self, width: int) -> tuple[int, int]:
        width = min(width, self._one_line(), MAX_WIDTH_PX)
        return width, max(self.heightForWidth(width), self.minimumSizeHint().height())

    def _over_page(self) -> list[QRect]:
        """At the page's bottom, and at its top."""
        area = self._rect_of(self.page)
        width, height = self._sized(area.width() - 2 * MARGIN_PX)
        left = area.center().x() - width // 2
        return [
            QRect(left, area.bottom() - MARGIN_PX - height, width, height),
            QRect(left, area.top() + MARGIN_PX, width, height),
        ]

    def _in_footer(self) -> QRect | None:
        """In the footer's widest gap between its buttons (none if it is too narrow):
        there it covers nothing of the page."""
        if self.footer is None or not self.footer.isVisible():
            return None
        band = self._rect_of(self.footer)
        edges = sorted(
            (r.left(), r.right())
            for r in (self._rect_of(c) for c in self._controls() if self.footer.isAncestorOf(c))
        )
        gaps, start = [], band.left()
        for left, right in edges:
            gaps.append((start, left))
            start = max(start, right)
        gaps.append((start, band.right()))
        left, right = max(gaps, key=lambda g: g[1] - g[0])
        width, height = self._sized(right - left - 2 * MARGIN_PX)
        if width < MIN_FOOTER_WIDTH_PX or height > band.height():
            return None
        return QRect(
            (left + right) // 2 - width // 2, band.center().y() - height // 2, width, height
        )

    def _rect_of(self, widget: QWidget) -> QRect:
        return QRect(widget.mapTo(self.host, widget.rect().topLeft()), widget.size())

    def _controls(self) -> list[QWidget]:
        found = self.host.findChildren(QWidget)
        return [c for c in found if isinstance(c, CONTROLS) and c.isVisible()]

    def _covers(self, place: QRect) -> tuple[bool, int]:
        """What ``place`` would hide: the control with the focus, and how many others."""
        focus = QApplication.focusWidget()
        hidden_focus = focus is not None and self._over(focus, place)
        return hidden_focus, sum(self._over(c, place) for c in self._controls())

    def _over(self, widget: QWidget, place: QRect) -> bool:
        if not (self.host.isAncestorOf(widget) and widget.isVisible()):
            return False
        return place.intersects(self._in_view(widget))

    def _in_view(self, widget: QWidget) -> QRect:
        """The part of ``widget`` its parents show: a card scrolled half out of its
        list is not under the footer."""
        seen = self._rect_of(widget)
        node = widget.parentWidget()
        while node is not None and node is not self.host:
            seen &= self._rect_of(node)
            node = node.parentWidget()
        return seen

    def changeEvent(self, event: QEvent) -> None:
        kind = event.type()
        if kind == QEvent.Type.LanguageChange and self.isVisible():
            self.retranslate()
            self._place_later.start()
        elif kind in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._place_later.start()  # larger text: its size again
        super().changeEvent(event)

    @never_raises
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.host and event.type() == QEvent.Type.Resize:
            self._place_later.start()
        return False
