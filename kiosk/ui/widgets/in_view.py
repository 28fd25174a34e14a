# SPDX-License-Identifier: EUPL-1.2
"""The field being typed in stays wholly in view above the on-screen keyboard.

On a 1280 x 800 panel the keyboard leaves the page a strip little taller than a field:
scrolling to the field's button (Search, Next) put the field itself behind the header,
and the letters typed went into a box the citizen could not see. Here the field comes
first: its companion (the button that sends it, the question it answers) is brought
into view with it only when both fit. Fields inside a list that scrolls inside the
page get both scrolled, the inner one first.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QWidget

from kiosk.ui.event_filters import never_raises, quiet_slot
from kiosk.ui.widgets.keyboard import OnScreenKeyboard

TYPED_FIELD_MARGIN = 24  # pixels kept between the field being typed in and the view's edges


def _areas_around(widget: QWidget) -> list[QScrollArea]:
    """The scroll areas holding ``widget``, the innermost first."""
    areas: list[QScrollArea] = []
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea) and parent.widget() is not None:
            areas.append(parent)
        parent = parent.parentWidget()
    return areas


def _span(area: QScrollArea, widget: QWidget) -> tuple[int, int]:
    content = area.widget()
    assert content is not None  # _areas_around keeps only areas with their content
    top = widget.mapTo(content, QPoint(0, 0)).y()
    return top, top + widget.height()


def _scroll_to(area: QScrollArea, top: int, bottom: int) -> None:
    """The least scrolling that puts ``top``..``bottom`` (content pixels) in view,
    with a margin when there is room for one; the top wins when it cannot all fit."""
    bar, room = area.verticalScrollBar(), area.viewport().height()
    margin = max(0, min(TYPED_FIELD_MARGIN, (room - (bottom - top)) // 2))
    value = bar.value()
    if bottom + margin > value + room:
        value = bottom + margin - room
    if top - margin < value:
        value = top - margin
    bar.setValue(max(bar.minimum(), min(value, bar.maximum())))


def show_wholly(field: QWidget, *companions: QWidget | None) -> None:
    """``field`` wholly in view in every scroll area around it, with as many of
    ``companions`` (in their order) as fit in the area's view together with it."""
    for area in _areas_around(field):
        top, bottom = _span(area, field)
        for companion in companions:
            if companion is None or not companion.isVisible() or not area.isAncestorOf(companion):
                continue
            other_top, other_bottom = _span(area, companion)
            both = min(top, other_top), max(bottom, other_bottom)
            if both[1] - both[0] <= area.viewport().height():
                top, bottom = both
        _scroll_to(area, top, bottom)


def label_of(field: QWidget) -> QLabel | None:
    """The label naming ``field`` (its buddy), which says what to type there."""
    root = field.window()
    return next((lab for lab in root.findChildren(QLabel) if lab.buddy() is field), None)


class TypedFieldInView(QObject):
    """Keeps the field ``keyboard`` types into wholly in view, with its companion
    (``companion_of(field)``: the button that sends it) and then its label when they
    fit: when the keyboard opens, is laid out again or types, when the focus moves to a
    field, and at every layout pass that changes how far a page scrolls (new keys
    settle over several of them).

    Only while the field or the keys have the focus: a page the citizen scrolled by
    hand, or an answer tapped meanwhile, keeps where it is."""

    def __init__(
        self,
        keyboard: OnScreenKeyboard,
        companion_of: Callable[[QWidget], QWidget | None] = lambda _field: None,
    ) -> None:
        super().__init__(keyboard)
        self.keyboard = keyboard
        self.companion_of = companion_of
        keyboard.installEventFilter(self)
        keyboard.relaid.connect(self.later)
        keyboard.typed.connect(self.later)
        keyboard.chosen.connect(self.later)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)

    @never_raises
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.keyboard and event.type() in (QEvent.Type.Show, QEvent.Type.Resize):
            self.later()
        return False

    @quiet_slot
    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.keyboard.isVisible():
            self.later()

    def later(self) -> None:
        """Once the layout has settled (the keyboard that just opened takes its room)."""
        QTimer.singleShot(0, self, self.now)

    @quiet_slot
    def now(self) -> None:
        field = self.keyboard.bound_to()
        # Never on a field deleted meanwhile (a language switch rebuilds a form): a call
        # on it raises inside Qt.
        if (
            field is None
            or not shiboken6.isValid(field)
            or not self.keyboard.isVisible()
            or not field.isVisible()
        ):
            return
        focus = QApplication.focusWidget()
        if focus is not field and not (focus is not None and self.keyboard.isAncestorOf(focus)):
            return
        self._follow(field)
        companion = self.companion_of(field)
        if companion is not None and not shiboken6.isValid(companion):
            companion = None
        show_wholly(field, companion, label_of(field))

    def _follow(self, field: QWidget) -> None:
        for area in _areas_around(field):
            bar = area.verticalScrollBar()
            mark = f"typedFieldInView{id(self)}"
            if not bar.property(mark):
                bar.setProperty(mark, True)
                bar.rangeChanged.connect(self.later)
