"""In-window overlays instead of pop-up windows.

A kiosk compositor centres or loses separate windows and an on-screen keyboard cannot
reach them, so messages are cards on a dimmed layer inside the main window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.widgets.common import button, label


class Overlay(QWidget):
    """A dimmed layer covering its parent, with one message card and a close button."""

    dismissed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card = QFrame()
        self.card.setObjectName("overlayCard")
        self.card.setMinimumWidth(720)
        self.card.setMaximumWidth(1000)
        inner = QVBoxLayout(self.card)
        inner.setContentsMargins(48, 40, 48, 40)
        inner.setSpacing(20)
        self.title = label(role="title", name="overlayTitle")
        self.body = label(name="overlayBody")
        inner.addWidget(self.title)
        inner.addWidget(self.body)
        actions = QHBoxLayout()
        actions.addStretch(1)
        self.close_button: QPushButton = button(name="overlayClose")
        self.close_button.clicked.connect(self.dismiss)
        actions.addWidget(self.close_button)
        inner.addLayout(actions)
        outer.addWidget(self.card)
        parent.installEventFilter(self)
        self.hide()

    def show_message(self, title: str, body: str, close_text: str) -> None:
        self.title.setText(title)
        self.body.setText(body)
        self.close_button.setText(close_text)
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()

    def dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False
