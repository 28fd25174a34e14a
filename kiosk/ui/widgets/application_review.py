# SPDX-License-Identifier: EUPL-1.2
"""The review of an application before "Send": one card per part of the form, its
answers, what is still missing there and a "Change" button; then what the call's
requirements and amount say. It lays out kiosk.core.apply_review.Review, which decides
everything shown (answers and hints are plain text, as typed or as the platform sent)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.apply_review import Review
from kiosk.ui.widgets.common import button, card, label, personal


class ReviewView(QWidget):
    change_requested = Signal(int)  # the index of the page to go back to

    def __init__(self, review: Review) -> None:
        super().__init__()
        self.setObjectName("applicationReview")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(18)
        for section in review.sections:
            box = card()
            lines = QVBoxLayout(box)
            lines.setContentsMargins(28, 18, 28, 18)
            top = QHBoxLayout()
            top.addWidget(label(section.title, role="heading"), 1)
            change = button(self.tr("Change"), name=f"change_{section.page_id}", role="chip")
            change.clicked.connect(lambda _=False, i=section.page: self.change_requested.emit(i))
            top.addWidget(change)
            lines.addLayout(top)
            for line in section.lines:
                if line.heading:
                    lines.addWidget(label(line.text, role="cardTitle"))
                else:
                    lines.addWidget(personal(label(line.text)))
            for missing in section.missing:
                lines.addWidget(label(f"⚠  {missing}", role="fieldError"))
            column.addWidget(box)
        if review.hint:
            column.addWidget(label(review.hint, role="heading", name="eligibilityHint"))
        if review.amount_line:
            column.addWidget(personal(label(review.amount_line, role="heading", name="amountHint")))
        note = self.tr(
            "The Comune examines every application: this kiosk does not decide who is admitted."
        )
        column.addWidget(label(note, role="muted"))
