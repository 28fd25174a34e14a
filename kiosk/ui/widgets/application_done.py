# SPDX-License-Identifier: EUPL-1.2
"""An application saved: its tracking code, its protocol number once the Comune gives
one (or why it has none yet), the receipt and how to follow the application."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.widgets.common import label, personal
from languages import left_to_right


class ApplicationDone(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("applicationDone")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(18)
        self.code = personal(label(role="price", name="trackingCode"))
        self.protocol_line = label(role="heading", name="protocolLine")
        self.lines = label(name="doneLines")
        for widget in (self.code, self.protocol_line, self.lines):
            column.addWidget(widget)

    def show_result(
        self, tracking_code: str, protocol: str | None, online: bool, lang: str, refused: bool
    ) -> None:
        code = left_to_right(tracking_code, lang)
        self.code.setText(self.tr("Your tracking code: {code}").format(code=code))
        if protocol:
            self.protocol_line.setText(
                self.tr("Protocol number: {protocol}").format(
                    protocol=left_to_right(protocol, lang)
                )
            )
        elif refused:  # a call closed meanwhile, a form changed: never "giving it a number"
            self.protocol_line.setText(
                self.tr(
                    "The Comune's platform could not accept it. It is kept at this Social"
                    " Point: please ask the welfare manager at the desk, who will see why."
                )
            )
        elif online:
            self.protocol_line.setText(self.tr("The Comune is giving it a protocol number…"))
        else:
            self.protocol_line.setText(
                self.tr(
                    "This Social Point is offline right now: the application will leave by"
                    " itself as soon as it can. You will find its protocol number with the"
                    " tracking code."
                )
            )
        self.lines.setText(
            "\n\n".join(
                [
                    self.tr("The receipt is coming out of the printer: please keep it."),
                    self.tr(
                        'To see how your application is going, tap "Calls and subsidies" on'
                        ' the home screen, then "Where is my application?".'
                    ),
                ]
            )
        )
