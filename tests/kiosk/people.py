# SPDX-License-Identifier: EUPL-1.2
"""Drive the UI as a person does: find what is visible by its text, and tap it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.ui.widgets.common import CardButton


def visible_text(button: QAbstractButton) -> list[str]:
    texts = [button.text()] if button.text() else []
    if isinstance(button, CardButton):
        texts += button.lines()
    return texts


def buttons(root: QWidget) -> list[QAbstractButton]:
    return [b for b in root.findChildren(QAbstractButton) if b.isVisible()]


def find_button(root: QWidget, text: str) -> QAbstractButton:
    """The one visible button whose text, or a line of it, is exactly ``text``."""
    matches = [b for b in buttons(root) if text in visible_text(b)]
    seen = sorted({t for b in buttons(root) for t in visible_text(b)})
    assert len(matches) == 1, f"{len(matches)} visible buttons say {text!r}; visible: {seen}"
    return matches[0]


def tap(qtbot, root: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    target = find_button(root, text)
    assert target.isEnabled(), f"{text!r} is disabled"
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)


def visible_labels(root: QWidget) -> list[str]:
    return [label.text() for label in root.findChildren(QLabel) if label.isVisible()]


def shows(root: QWidget, text: str) -> bool:
    """Whether some visible label or button contains ``text``."""
    texts = visible_labels(root) + [t for b in buttons(root) for t in visible_text(b)]
    return any(text in shown for shown in texts)
