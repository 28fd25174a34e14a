# SPDX-License-Identifier: EUPL-1.2
"""“Sei ancora lì?”: the question the kiosk asks before it forgets a visit.

A layer over the window (no pop-up window), with a countdown the citizen can see and
two large buttons: carry on, or ask for more time (for people who read or move slowly:
the wait doubles for the rest of the visit). When the countdown ends, ``expired``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.widgets.common import button, label
from kiosk.ui.widgets.overlay import Layer


class StillTherePanel(Layer):
    carry_on = Signal()
    more_time = Signal()
    expired = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, min_width=820, max_width=1100)
        self.remaining = 0
        inner = QVBoxLayout(self.card)
        inner.setContentsMargins(56, 48, 56, 48)
        inner.setSpacing(24)
        self.title = label(role="title", name="stillThereTitle")
        self.countdown = label(role="price", name="stillThereCountdown")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explanation = label(name="stillThereText")
        inner.addWidget(self.title)
        inner.addWidget(self.countdown)
        inner.addWidget(self.explanation)
        row = QHBoxLayout()
        self.more_button = button(name="stillThereMore", role="chip")
        self.more_button.clicked.connect(self._more)
        self.continue_button = button(name="stillThereContinue", role="primary")
        self.continue_button.clicked.connect(self._continue)
        row.addWidget(self.more_button)
        row.addStretch(1)
        row.addWidget(self.continue_button)
        inner.addLayout(row)
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self._tick)

    def safe_answer(self) -> QAbstractButton | None:
        return self.continue_button  # the visit goes on as it was

    def ask(self, seconds: int) -> None:
        self.remaining = seconds
        self.retranslate()
        self.cover()
        self.ticker.start()

    def close_panel(self) -> None:
        self.ticker.stop()
        self.hide()

    def _tick(self) -> None:
        self.remaining -= 1
        if self.remaining <= 0:
            self.close_panel()
            self.expired.emit()
        else:
            self.retranslate()

    def _continue(self) -> None:
        self.close_panel()
        self.carry_on.emit()

    def _more(self) -> None:
        self.close_panel()
        self.more_time.emit()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Are you still there?"))
        self.countdown.setText(self.tr("%n second(s)", "", self.remaining))
        self.explanation.setText(
            self.tr(
                "When the time runs out, what you entered is cleared so the next person cannot"
                " see it, and the kiosk goes back to the start."
            )
        )
        self.continue_button.setText(self.tr("Continue"))
        self.more_button.setText(self.tr("I need more time"))
