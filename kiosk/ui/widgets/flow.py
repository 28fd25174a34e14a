# SPDX-License-Identifier: EUPL-1.2
"""A row of widgets that goes on to a new line when it runs out of width.

For rows whose length the kiosk does not choose: the Comuni come from the platform,
and larger text makes every chip wider. A plain row would squeeze its chips until
their names were cut. Qt has no such layout; this is the usual one (Qt's own "Flow
Layout" example), each widget centred in a line as high as its tallest. Its lines start
on the reading side: from the right in Arabic, as Qt's own rows do (a label before the
chips, "For residents of:", stood at the far end of the chips it names).
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QStyle, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, *, spacing: int = 12) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(QMargins(0, 0, 0, 0))
        self.setSpacing(spacing)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        """As wide as the widest widget: narrower than the row, it goes on to more lines."""
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, place: bool) -> int:
        """Puts each visible widget after the one before, or at the start of a new line
        when it would pass the line's end; returns the height the lines take."""
        area = rect.marginsRemoved(self.contentsMargins())
        direction = self._direction()
        gap = self.spacing()
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = area.x()
        for item in self._items:
            if item.isEmpty():  # a hidden widget takes no room
                continue
            hint = item.sizeHint()
            if lines[-1] and x + hint.width() > area.right() + 1:
                lines.append([])
                x = area.x()
            lines[-1].append((item, hint))
            x += hint.width() + gap
        y = area.y()
        for index, line in enumerate(lines):
            y += gap if index else 0  # between lines only
            height = max((hint.height() for _, hint in line), default=0)
            x = area.x()
            for item, hint in line:
                if place:
                    top = y + (height - hint.height()) // 2
                    # Laid out left to right, then mirrored in the area for right to left.
                    place_at = QRect(QPoint(x, top), hint)
                    item.setGeometry(QStyle.visualRect(direction, area, place_at))
                x += hint.width() + gap
            y += height
        return y - rect.y() + self.contentsMargins().bottom()

    def _direction(self) -> Qt.LayoutDirection:
        parent = self.parentWidget()
        return parent.layoutDirection() if parent is not None else Qt.LayoutDirection.LeftToRight
