# SPDX-License-Identifier: EUPL-1.2
"""A data controller's privacy notice in full, as plain text, with a button to print it.

The application wizard shows it as its first step; a service that can be bought shows
its provider's under "Add to cart" (see kiosk.core.privacy).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.core.privacy import SECTIONS, sections
from kiosk.ui.widgets.common import SideBySideWhenRoom, button, card, label

INTRO_MIN_PX = 320  # the narrowest the intro may be beside the print button


class NoticeView(QWidget):
    """The notice's parts one under the other, and "Print the notice"."""

    print_requested = Signal()

    def __init__(self, *, name: str = "privacyNotice") -> None:
        super().__init__()
        self.setObjectName(name)
        self._notice: Mapping[str, Any] = {}
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(14)
        # The intro and the print button on top, where both are seen without scrolling;
        # the button goes under the intro where beside it the intro would be too narrow.
        top = QHBoxLayout()
        top.setSpacing(24)
        self.intro = label(name="noticeIntro")
        top.addWidget(self.intro, 1)
        self.print_button = button(name="printNotice", role="chip")
        self.print_button.clicked.connect(self.print_requested)
        top.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeading)
        column.addLayout(top)
        self._reflow = SideBySideWhenRoom(
            self, top, lambda: self.print_button.sizeHint().width() + top.spacing() + INTRO_MIN_PX
        )
        self.frame = card()
        parts = QVBoxLayout(self.frame)
        parts.setContentsMargins(32, 24, 32, 24)
        parts.setSpacing(8)
        # One heading and one text per part of the notice (they are always the same).
        self.parts: list[tuple[QLabel, QLabel]] = []
        for key, _heading in SECTIONS:
            pair = (
                label(role="cardTitle", name=f"noticeHeading_{key}"),
                label(name=f"notice_{key}"),
            )
            parts.addWidget(pair[0])
            parts.addWidget(pair[1])
            self.parts.append(pair)
        column.addWidget(self.frame)

    def show_notice(self, notice: Mapping[str, Any], lang: str) -> None:
        self._notice = notice
        self.retranslate(lang)

    def retranslate(self, lang: str) -> None:
        self.intro.setText(
            self.tr(
                "Before you give any personal data, please read how it will be used. You"
                " can print this notice and take it with you."
            )
        )
        self.print_button.setText(self.tr("Print the notice"))
        # Platform text: plain text labels (common.label), never rich text.
        for (heading, text), section in zip(self.parts, sections(self._notice, lang), strict=True):
            heading.setText(section.heading)
            text.setText(section.text)
