# SPDX-License-Identifier: EUPL-1.2
"""A row of two parts that puts its second part under the first when both do not fit.

The header's name and toggles (larger text, contrast, language): in Ukrainian, in
larger text with high contrast, on a 1280-pixel panel, the toggles were given 5-7 px
less than their words and cut them, as the name beside them could not wrap any
narrower. The toggles keep the width their words need: beside the name while the name
keeps room for its longest word, under it (on the reading side's far end) otherwise.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QBoxLayout, QLabel, QLayout, QWidget

from kiosk.ui.event_filters import never_raises

BESIDE, UNDER = QBoxLayout.Direction.LeftToRight, QBoxLayout.Direction.TopToBottom


def longest_word(labels: list[QLabel]) -> int:
    """The width of the widest word the shown ``labels`` say (a label of the kiosk
    would break a word to wrap narrower: its minimum size is no guide)."""
    return max(
        (
            lab.fontMetrics().horizontalAdvance(word)
            for lab in labels
            if not lab.isHidden()
            for word in lab.text().split()
        ),
        default=0,
    )


class ReflowRow(QObject):
    """``lead`` (labels that wrap) then ``trail`` (controls that must not be squeezed) in
    ``row``, side by side (``gap`` px apart) when ``host``'s width allows, else one under
    the other (``line_gap`` px apart). Direction follows the layout's (Qt mirrors it)."""

    def __init__(
        self,
        host: QWidget,
        row: QBoxLayout,
        lead: list[QLabel],
        trail: QLayout,
        *,
        gap: int,
        line_gap: int,
    ) -> None:
        super().__init__(host)
        self.host, self.row, self.lead, self.trail = host, row, lead, trail
        self.gap, self.line_gap = gap, line_gap
        self._queued = False
        host.installEventFilter(self)

    def fits_beside(self) -> bool:
        """Whether the trail's own width and the lead's longest word fit in one line."""
        margins = self.row.contentsMargins()
        room = self.host.contentsRect().width() - margins.left() - margins.right()
        outer = self.host.layout()
        if outer is not None:
            outer_margins = outer.contentsMargins()
            room -= outer_margins.left() + outer_margins.right()
        return longest_word(self.lead) + self.gap + self.trail.sizeHint().width() <= room

    def fit(self) -> None:
        self._queued = False
        beside = self.fits_beside()
        direction = BESIDE if beside else UNDER
        if self.row.direction() != direction:
            self.row.setDirection(direction)
            self.row.setSpacing(self.gap if beside else self.line_gap)

    @never_raises
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Texts, fonts (larger text) and the width change: once Qt has laid them out,
        # not while it does (a layout changed inside its own pass).
        kinds = (QEvent.Type.LayoutRequest, QEvent.Type.Resize, QEvent.Type.Show)
        if watched is self.host and event.type() in kinds and not self._queued:
            self._queued = True
            QTimer.singleShot(0, self, self.fit)
        return False
