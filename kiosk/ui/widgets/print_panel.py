# SPDX-License-Identifier: EUPL-1.2
"""What is being printed, and how the printer is doing, in plain words.

A layer over the window (like the help overlay): on the left the slip as it comes out
of the printer, on the right one calm sentence that follows the printer worker's news.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.widgets.common import button, enable_kinetic_scrolling, label
from kiosk.ui.widgets.overlay import Layer
from printing.connection import State
from printing.print_worker import PrintUpdate

PROBLEMS = {
    State.PAPER_OUT: "paper_out",
    State.COVER_OPEN: "cover_open",
    State.OFFLINE: "offline",
    State.UNREACHABLE: "offline",
    State.NO_ANSWER: "offline",
    State.NOT_A_PRINTER: "offline",
}


class PrintPanel(Layer):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, max_width=1400)
        self.job_uuid: str | None = None
        self.job_state = "pending"
        self.printer = State.NO_ANSWER
        row = QHBoxLayout(self.card)
        row.setContentsMargins(40, 32, 40, 32)
        row.setSpacing(40)
        self.paper = QLabel()
        self.paper.setObjectName("printPreview")
        self.paper.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.preview_area = QScrollArea()
        self.preview_area.setObjectName("printPreviewArea")
        self.preview_area.setWidget(self.paper)
        self.preview_area.setWidgetResizable(True)
        self.preview_area.setFixedWidth(640)
        self.preview_area.setMinimumHeight(760)
        enable_kinetic_scrolling(self.preview_area)
        row.addWidget(self.preview_area)
        side = QVBoxLayout()
        side.setSpacing(24)
        self.title = label(role="title", name="printTitle")
        self.state_text = label(role="heading", name="printState")
        self.hint = label(name="printHint")
        self.done_button = button(name="printDone", role="primary")
        self.done_button.clicked.connect(self.hide)
        side.addWidget(self.title)
        side.addWidget(self.state_text)
        side.addWidget(self.hint)
        side.addStretch(1)
        side.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignRight)
        row.addLayout(side, 1)

    def safe_answer(self) -> QAbstractButton | None:
        return self.done_button  # closes the panel; the sheet prints all the same

    def show_job(
        self, job_uuid: str, preview: Any, latest: PrintUpdate, job_state: str = "pending"
    ) -> None:
        """``preview`` is the slip as a grey Pillow image (printing.preview); ``job_state``
        what the printer worker already said of this job, if it was quicker."""
        self.job_uuid, self.job_state = job_uuid, job_state
        self.printer = latest.printer
        data = preview.tobytes()
        image = QImage(
            data, preview.width, preview.height, preview.width, QImage.Format.Format_Grayscale8
        ).copy()
        self.paper.setPixmap(QPixmap.fromImage(image))
        self.preview_area.verticalScrollBar().setValue(0)
        self.retranslate()
        self.cover()

    def on_update(self, update: PrintUpdate) -> None:
        """News from the printer worker (delivered on the UI thread)."""
        self.printer = update.printer
        if update.job_uuid is not None and update.job_uuid == self.job_uuid:
            self.job_state = update.job_state or self.job_state
        if self.isVisible():
            self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Your printout"))
        self.done_button.setText(self.tr("Done"))
        state, hint = self._words()
        self.state_text.setText(state)
        self.hint.setText(hint)

    def _words(self) -> tuple[str, str]:
        if self.printer is State.NO_PRINTER:
            no_printer = self.tr("Show this screen to the welfare manager, or take a photo of it.")
            return self.tr("This Social Point has no printer"), no_printer
        if self.job_state == "printed":
            return self.tr("Printed"), self.tr("Take your sheet from the printer.")
        if self.job_state == "failed":
            return (
                self.tr("This sheet could not be printed"),
                self.tr("Ask the welfare manager for it: nothing is lost."),
            )
        if self.job_state == "uncertain":
            return (
                self.tr("Printing stopped half-way"),
                self.tr("Ask the welfare manager for a copy: nothing is lost."),
            )
        problem = PROBLEMS.get(self.printer)
        # Nobody is told by the printer itself: the citizen is asked to tell the desk.
        if self.job_state == "pending" and problem == "paper_out":
            return (
                self.tr("The printer is out of paper"),
                self.tr(
                    "Please tell the welfare manager at the desk, or tap “Ask for"
                    " help”. Your sheet prints as soon as the paper is changed."
                ),
            )
        if self.job_state == "pending" and problem == "cover_open":
            return (
                self.tr("The printer cover is open"),
                self.tr(
                    "Please tell the welfare manager at the desk, or tap “Ask for"
                    " help”. Your sheet prints as soon as it is closed."
                ),
            )
        if self.job_state == "pending" and problem == "offline":
            return (
                self.tr("The printer is not answering"),
                self.tr(
                    "Please tell the welfare manager at the desk, or tap “Ask for"
                    " help”. Your sheet prints as soon as the printer is back."
                ),
            )
        return self.tr("Printing…"), self.tr("This is what is being printed.")
