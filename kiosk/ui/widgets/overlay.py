# SPDX-License-Identifier: EUPL-1.2
"""In-window overlays instead of pop-up windows.

A kiosk compositor centres or loses separate windows and an on-screen keyboard cannot
reach them, so messages are cards on a dimmed layer inside the main window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.widgets.common import button, label


class Layer(QWidget):
    """A dimmed layer covering its parent, with one centred card (``self.card``), that
    follows the parent's size and retranslates itself while shown."""

    def __init__(self, parent: QWidget, *, min_width: int = 0, max_width: int = 1000) -> None:
        super().__init__(parent)
        self.setObjectName("overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card = QFrame()
        self.card.setObjectName("overlayCard")
        self.card.setMinimumWidth(min_width)
        self.card.setMaximumWidth(max_width)
        outer.addWidget(self.card)
        parent.installEventFilter(self)
        self.hide()

    def cover(self) -> None:
        """Shows the layer over the whole parent, above everything else."""
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()

    def retranslate(self) -> None:
        """Sets the layer's texts in the current language (when it has its own)."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.isVisible():
            self.retranslate()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False


class Overlay(Layer):
    """A message card with a close button (its texts are set by whoever shows it)."""

    dismissed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, min_width=720, max_width=1000)
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

    def show_message(self, title: str, body: str, close_text: str) -> None:
        self.title.setText(title)
        self.body.setText(body)
        self.close_button.setText(close_text)
        self.cover()
        # A centred card takes its size hint, whose height for wrapped text Qt reckons
        # at another width than the text gets: a long message lost its last line.
        self.body.setMinimumHeight(0)
        self.card.layout().activate()
        self.body.setMinimumHeight(self.body.heightForWidth(self.body.width()))

    def dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()


class Confirm(Layer):
    """A question before something that cannot be undone: the safe answer on the left,
    the one that acts on the right (``accepted`` is emitted for it)."""

    accepted = Signal()

    def __init__(self, parent: QWidget, name: str) -> None:
        super().__init__(parent, min_width=720, max_width=1000)
        self.card.setObjectName("overlayCard")  # the dimmed layer's and card's style
        self.setAccessibleName(name)
        inner = QVBoxLayout(self.card)
        inner.setContentsMargins(48, 40, 48, 40)
        inner.setSpacing(20)
        self.title = label(role="title", name=f"{name}Title")
        self.body = label(name=f"{name}Body")
        inner.addWidget(self.title)
        inner.addWidget(self.body)
        actions = QHBoxLayout()
        self.keep_button: QPushButton = button(name=f"{name}Keep", role="chip")
        self.keep_button.clicked.connect(self.hide)
        self.accept_button: QPushButton = button(name=f"{name}Accept", role="primary")
        self.accept_button.clicked.connect(self._accept)
        actions.addWidget(self.keep_button)
        actions.addStretch(1)
        actions.addWidget(self.accept_button)
        inner.addLayout(actions)

    def ask(self, title: str, body: str, keep: str, accept: str) -> None:
        self.title.setText(title)
        self.body.setText(body)
        self.body.setVisible(bool(body))
        self.keep_button.setText(keep)
        self.accept_button.setText(accept)
        self.cover()

    def _accept(self) -> None:
        self.hide()
        self.accepted.emit()
