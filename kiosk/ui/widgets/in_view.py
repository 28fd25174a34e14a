# SPDX-License-Identifier: EUPL-1.2
"""The field being typed in stays wholly in view above the on-screen keyboard.

On a 1280 x 800 panel the keyboard leaves the page a strip little taller than a field:
scrolling to the field's button (Search, Next) put the field itself behind the header,
and the letters typed went into a box the citizen could not see. Here the field comes
first, then its message (what is wrong with it, under it), then the button that goes
on (Search, Next), then the question it answers: each brought into view with those
before it only when they all fit. A message under a field had been left below the
keyboard, and the button after it. Fields inside a list that scrolls inside the page
get both scrolled, the inner one first.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QTimer
from PySide6.QtWidgets import QApplication, QBoxLayout, QLabel, QLayout, QScrollArea, QWidget

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


def message_of(field: QWidget) -> QLabel | None:
    """The message shown under ``field`` (what is wrong with it): the kiosk names a
    field ``input_<name>`` and its message ``error_<name>``."""
    name = field.objectName().removeprefix("input_")
    if not name or name == field.objectName():
        return None
    found = field.window().findChildren(QLabel, f"error_{name}")
    return next((message for message in found if message.isVisible()), None)


def label_of(field: QWidget) -> QLabel | None:
    """The label naming ``field`` (its buddy), which says what to type there."""
    root = field.window()
    return next((lab for lab in root.findChildren(QLabel) if lab.buddy() is field), None)


def _place_of(widget: QWidget) -> tuple[QBoxLayout, int] | None:
    """The row or column holding ``widget``, and its index there."""
    parent = widget.parentWidget()
    pending: list[QLayout | None] = [parent.layout() if parent is not None else None]
    while pending:
        layout = pending.pop()
        for index in range(layout.count() if layout is not None else 0):
            assert layout is not None
            item = layout.itemAt(index)
            if item is not None and item.widget() is widget and isinstance(layout, QBoxLayout):
                return layout, index
            pending.append(item.layout() if item is not None else None)
    return None


def _in_view(widget: QWidget) -> bool:
    """Whether ``widget`` is shown whole (no scroll area around it cuts it)."""
    if not widget.isVisible():
        return True  # nothing to bring into view
    shown = widget.visibleRegion().boundingRect()
    return shown.height() >= widget.height() and shown.width() >= widget.width()


class GoOnAboveKeys(QObject):
    """While ``keyboard`` is open, a button that goes on (Search, Next) that cannot be
    in view with the field being typed in (``pin``) sits in ``strip``, just above the
    keys; it goes back to its place in the page when they close. On a 1280 x 800 panel
    the page above the keys holds a field and its message, not the fields between them
    and the button (a PIN, a phone number): the button was left below the keys."""

    def __init__(self, keyboard: OnScreenKeyboard, strip: QBoxLayout) -> None:
        super().__init__(keyboard)
        self.keyboard, self.strip = keyboard, strip
        self.pinned: QWidget | None = None
        self._home: tuple[QBoxLayout, int] | None = None
        keyboard.installEventFilter(self)

    @never_raises
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.keyboard and event.type() == QEvent.Type.Hide:
            self._unpin()
        return False

    def pin(self, button: QWidget) -> None:
        if button is self.pinned:
            return
        self._unpin()
        home = _place_of(button)
        if home is None:
            return
        home[0].removeWidget(button)
        self.strip.insertWidget(0, button)
        self.pinned, self._home = button, home

    def _unpin(self) -> None:
        button, home = self.pinned, self._home
        self.pinned = self._home = None
        if button is None or home is None or not shiboken6.isValid(button):
            return
        self.strip.removeWidget(button)
        layout, index = home
        if shiboken6.isValid(layout):
            layout.insertWidget(index, button)


class TypedFieldInView(QObject):
    """Keeps the field ``keyboard`` types into wholly in view, with its message, its
    companion (``companion_of(field)``: the button that sends it), its label and what
    holds it all (``holder_of(field)``: a form's question) as far as they fit: when the
    keyboard opens, is laid out again or types, when the focus moves to a field, and at
    every layout pass that changes how far a page scrolls (new keys settle over several
    of them).

    Only while the field or the keys have the focus: a page the citizen scrolled by
    hand, or an answer tapped meanwhile, keeps where it is."""

    def __init__(
        self,
        keyboard: OnScreenKeyboard,
        companion_of: Callable[[QWidget], QWidget | None] = lambda _field: None,
        holder_of: Callable[[QWidget], QWidget | None] = lambda _field: None,
    ) -> None:
        super().__init__(keyboard)
        self.keyboard = keyboard
        self.companion_of = companion_of
        self.holder_of = holder_of
        # Where the companion goes when it cannot be in view with the field, if anywhere.
        self.above_keys: GoOnAboveKeys | None = None
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
        companion, holder = self.companion_of(field), self.holder_of(field)
        valid = [w if w is not None and shiboken6.isValid(w) else None for w in (companion, holder)]
        show_wholly(field, message_of(field), valid[0], label_of(field), valid[1])
        if self.above_keys is not None and valid[0] is not None and not _in_view(valid[0]):
            self.above_keys.pin(valid[0])  # once pinned, it stays until the keys close

    def _follow(self, field: QWidget) -> None:
        for area in _areas_around(field):
            bar = area.verticalScrollBar()
            mark = f"typedFieldInView{id(self)}"
            if not bar.property(mark):
                bar.setProperty(mark, True)
                bar.rangeChanged.connect(self.later)
