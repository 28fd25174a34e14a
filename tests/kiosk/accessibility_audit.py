# SPDX-License-Identifier: EUPL-1.2
"""The accessibility audit of what the kiosk shows (EN 301 549 chapters 5 and 11).

Held on the window as drawn, so it sees what a citizen sees: every control has a name
(in words spoken mode can say, not signs only) and a role for assistive technology, keys
can reach it, it is at least 64 px each way and at least 8 px from its neighbours; every
text (placeholders and disabled controls included) stands out from what is behind it by
the contrast the theme promises, measured on the pixels of a screenshot, not taken from
the style's intentions.
"""

from __future__ import annotations

from PIL import Image
from PySide6.QtCore import QRect
from PySide6.QtGui import QAccessible, QImage
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPlainTextEdit, QWidget

from kiosk.ui.key_navigation import can_take_focus, visible_layer
from kiosk.ui.spoken_mode import speakable
from kiosk.ui.theme import contrast_ratio

MIN_TARGET_PX = 64
MIN_GAP_PX = 8
ROLES = {
    QAccessible.Role.Button,
    QAccessible.Role.CheckBox,
    QAccessible.Role.RadioButton,
    QAccessible.Role.EditableText,
}
INTERACTIVE = (QAbstractButton, QLineEdit, QPlainTextEdit)


def _name(widget: QWidget) -> str:
    return widget.objectName() or type(widget).__name__


def shown_rect(widget: QWidget, window: QWidget) -> QRect:
    """The part of ``widget`` on screen, in window coordinates (empty when scrolled out)."""
    visible = widget.visibleRegion().boundingRect()
    return QRect(widget.mapTo(window, visible.topLeft()), visible.size())


def controls(window: QWidget) -> list[QWidget]:
    root = visible_layer(window) or window
    return [
        w
        for w in root.findChildren(QWidget)
        if isinstance(w, INTERACTIVE) and w.isVisible() and not shown_rect(w, window).isEmpty()
    ]


def control_problems(window: QWidget) -> list[str]:
    problems = []
    found = controls(window)
    for widget in found:
        face = QAccessible.queryAccessibleInterface(widget)
        name = face.text(QAccessible.Text.Name) if face is not None else ""
        # Judged by what spoken mode says: a name of signs only ("⌫", "+", "−", "—")
        # is no name to a voice, which drops them.
        if not any(c.isalnum() for c in speakable(name)):
            problems.append(f"{_name(widget)}: no accessible name")
        if face is None or face.role() not in ROLES:
            problems.append(f"{_name(widget)}: no control role")
        if widget.isEnabled() and not can_take_focus(widget):
            problems.append(f"{_name(widget)}: keys cannot reach it")
        if min(widget.width(), widget.height()) < MIN_TARGET_PX:
            problems.append(f"{_name(widget)}: {widget.width()}×{widget.height()} px")
    rects = {w: shown_rect(w, window) for w in found}  # a control scrolled half out: its part
    for index, one in enumerate(found):
        for other in found[index + 1 :]:
            a, b = rects[one], rects[other]
            across = max(b.left() - a.right(), a.left() - b.right()) - 1
            down = max(b.top() - a.bottom(), a.top() - b.bottom()) - 1
            gap = max(across, down)
            if gap < MIN_GAP_PX and not (one.isAncestorOf(other) or other.isAncestorOf(one)):
                problems.append(f"{_name(one)} and {_name(other)}: {gap} px apart")
    return problems


def as_pil(image: QImage) -> Image.Image:
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    data = bytes(rgb.constBits())
    size = (rgb.width(), rgb.height())
    return Image.frombuffer("RGB", size, data, "raw", "RGB", rgb.bytesPerLine(), 1)


def _hex(colour: tuple[int, int, int]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*colour)


def text_contrast(shot: Image.Image, rect: QRect) -> tuple[float, str, str] | None:
    """(ratio, text colour, background) of the text drawn in ``rect`` of the screenshot:
    the background is the commonest colour; the text's colour is the one standing out
    most from it that fills a few pixels (anti-aliased edges only blend the two, so they
    stand out less; a thin sign such as "−" has few solid pixels)."""
    box = (rect.left(), rect.top(), rect.right() + 1, rect.bottom() + 1)
    region = shot.crop(box)
    colours = region.getcolors(region.width * region.height) or []
    if len(colours) < 2:
        return None
    colours.sort(reverse=True)
    background = _hex(colours[0][1])
    solid = [(contrast_ratio(_hex(c), background), _hex(c)) for n, c in colours[1:] if n >= 4]
    solid = [(ratio, colour) for ratio, colour in solid if ratio >= 1.5]
    if not solid:
        return None  # no text drawn here
    ratio, colour = max(solid)
    return ratio, colour, background


def texts(window: QWidget) -> list[tuple[QWidget, QRect]]:
    """Every widget drawing text now, with the inner rectangle where its text is."""
    root = visible_layer(window) or window
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel):
            has_text = bool(widget.text().strip()) and widget.pixmap().isNull()
            inset = 0
        elif isinstance(widget, QAbstractButton):
            has_text = bool(widget.text().strip())
            inset = 8  # inside the border and its rounded corners
        elif isinstance(widget, QLineEdit):
            has_text = bool(widget.text() or widget.placeholderText())
            inset = 8
        else:
            continue
        rect = shown_rect(widget, window).adjusted(inset, inset, -inset, -inset)
        if has_text and rect.width() > 4 and rect.height() > 4:
            found.append((widget, rect))
    return found


def contrast_problems(window: QWidget, minimum: float) -> list[str]:
    shot = as_pil(window.grab().toImage())
    problems = []
    for widget, rect in texts(window):
        measured = text_contrast(shot, rect)
        if measured is not None and measured[0] < minimum - 0.05:  # rounding of anti-aliasing
            ratio, fg, bg = measured
            problems.append(f"{_name(widget)}: {fg} on {bg} is {ratio:.2f}:1")
    return problems


def audit(window: QWidget, minimum_contrast: float) -> list[str]:
    return control_problems(window) + contrast_problems(window, minimum_contrast)
