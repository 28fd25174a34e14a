# SPDX-License-Identifier: EUPL-1.2
"""The kiosk without touch: a keyboard, a USB navigation keypad or switches drive it.

Keys (README, "Accessibility"): Tab and Shift+Tab go through the controls in reading
order (top to bottom, then along the line, mirrored for right-to-left languages); the
arrows go to the nearest control in their direction; Enter (the keypad's OK) and Space
press the control with focus; Escape (the keypad's back key) goes back; F1 (the help
key) asks for help. A visible layer (a message, "Are you still there?") keeps the focus
inside itself; when it closes, the focus goes back to the control that had it before
(else to the screen's first). A control disabled while it has the focus (Search, while
it searches) keeps it: the focus waits with none, and comes back to it when it is
enabled again (Qt gave it to the next control in its chain, the header's first). A
control hidden or deleted with the focus (a list drawn again) hands it to the screen's
control nearest where it was, never to the header; screens that redraw a list say
where it goes (``focus_through``).

The order is worked out from where the controls are on screen, not from the order they
were built in: screens are built lazily, a form's fields come from the platform, and a
right-to-left language mirrors the screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)

from kiosk.ui.event_filters import never_raises, quiet_slot
from kiosk.ui.theme import TOKENS, Tokens

if TYPE_CHECKING:
    from kiosk.ui.widgets.overlay import Layer

BACK_KEYS = {Qt.Key.Key_Escape, Qt.Key.Key_Back}
HELP_KEYS = {Qt.Key.Key_F1, Qt.Key.Key_Help}
ACTIVATE_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Select}
ARROWS = {
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
}
RING_PX = 4  # each of the two rings; neighbours are at least 8 px apart


def visible_layer(window: QWidget) -> Layer | None:
    """The message or question shown, the topmost when several are: over the whole
    window, or over one screen (a screen's own question, its privacy notice)."""
    from kiosk.ui.widgets.overlay import Layer

    shown = [layer for layer in window.findChildren(Layer) if layer.isVisible()]
    return max(shown, key=lambda layer: _stacking(layer, window), default=None)


def _stacking(widget: QWidget, top: QWidget) -> list[int]:
    """Where ``widget`` is painted under ``top``: its place among its siblings, and its
    parent's among theirs, up to ``top``. Of two widgets the greater is painted last
    (above): a later sibling covers an earlier one and everything inside it."""
    path: list[int] = []
    node = widget
    parent = node.parentWidget()
    while node is not top and parent is not None:
        siblings = [c for c in parent.children() if isinstance(c, QWidget)]
        path.append(siblings.index(node))
        node, parent = parent, parent.parentWidget()
    return path[::-1]


def can_take_focus(widget: QWidget) -> bool:
    # Qt takes Tab away from the unchosen buttons of an exclusive group (as for radio
    # buttons); here every answer and language is reached by keys all the same.
    grouped = isinstance(widget, QAbstractButton) and widget.group() is not None
    return (
        (bool(widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value) or grouped)
        and widget.isVisible()
        and widget.isEnabled()
        and not isinstance(widget, QScrollArea)
        and widget.focusProxy() is None
    )


def focus_through(
    part: QWidget, rebuild: Callable[[], None], choose: Callable[[], Sequence[QWidget | None]]
) -> None:
    """Runs ``rebuild``, which deletes or hides controls of ``part`` (a list drawn
    again): if one of them had the focus, it goes to the first of ``choose()`` that can
    take it (the same line's control, the next line's), else to ``part``'s first
    control. Qt would have handed it to the next control in its chain, the header's
    "Larger text", which spoken mode announces and the next OK presses."""
    focus = QApplication.focusWidget()
    inside = focus is not None and part.isAncestorOf(focus)
    if focus is not None and inside:
        focus.clearFocus()  # before it goes: Qt passes a hidden control's focus on
    rebuild()
    if not inside:
        return
    target = next((w for w in choose() if w is not None and can_take_focus(w)), None)
    if target is None:
        target = first_control(part)
    if target is not None:
        give_focus_back(target)


def give_focus_back(
    target: QWidget, reason: Qt.FocusReason = Qt.FocusReason.TabFocusReason
) -> None:
    """The focus given to ``target`` after what had it was drawn again: spoken mode says
    it only if it says something else than the control the focus left (the citizen
    never moved, and the same words at every sync pass are noise)."""
    navigator = getattr(target.window(), "navigator", None)
    if not isinstance(navigator, KeyNavigator):
        target.setFocus(reason)
        return
    navigator.redrawing = True
    try:
        target.setFocus(reason)
    finally:
        navigator.redrawing = False


def redraw_by_name(
    part: QWidget,
    rebuild: Callable[[], None],
    fallback: Callable[[], Sequence[QWidget | None]] = lambda: [],
) -> None:
    """Runs ``rebuild``, which draws ``part``'s controls again under the same names (a
    sync pass): the focus, if it was on one, goes to the one of that name as drawn
    again, else to the first of ``fallback()``, else to ``part``'s first control."""
    focus = QApplication.focusWidget()
    name = focus.objectName() if focus is not None and part.isAncestorOf(focus) else ""
    focus_through(
        part,
        rebuild,
        lambda: [*(part.findChildren(QWidget, name) if name else []), *fallback()],
    )


def first_control(part: QWidget) -> QWidget | None:
    """``part``'s first control in reading order, a text field last (it would open the
    on-screen keyboard)."""
    rtl = part.layoutDirection() == Qt.LayoutDirection.RightToLeft
    controls = reading_order(
        [w for w in part.findChildren(QWidget) if can_take_focus(w)], part, rtl
    )
    pressable = [w for w in controls if not isinstance(w, QLineEdit | QPlainTextEdit)]
    return next(iter(pressable or controls), None)


def _scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    """The nearest scroll area whose content holds ``widget`` (not its own viewport)."""
    node = widget.parentWidget()
    while node is not None:
        parent = node.parentWidget()
        if isinstance(parent, QAbstractScrollArea) and node is parent.viewport():
            return parent
        node = parent
    return None


def _outermost_area(widget: QWidget, context: QWidget) -> QAbstractScrollArea | None:
    """The outermost scroll area holding ``widget`` inside ``context``."""
    found = None
    area = _scroll_area_of(widget)
    while area is not None and context.isAncestorOf(area):
        found = area
        area = _scroll_area_of(area)
    return found


def _content(area: QAbstractScrollArea) -> QWidget:
    inner = area.widget() if isinstance(area, QScrollArea) else None
    return inner if inner is not None else area.viewport()


def _in_lines(items: list[QWidget], context: QWidget, rtl: bool) -> list[QWidget]:
    """Top to bottom; on one line (a control whose middle is level with the line's
    first) from the reading side."""
    rects = {w: QRect(w.mapTo(context, QPoint(0, 0)), w.size()) for w in items}
    ordered: list[QWidget] = []
    line: list[QWidget] = []
    for widget in sorted(items, key=lambda w: (rects[w].top(), rects[w].left())):
        first = rects[line[0]] if line else None
        if first is not None and not first.top() <= rects[widget].center().y() <= first.bottom():
            ordered += sorted(line, key=lambda w: -rects[w].right() if rtl else rects[w].left())
            line = []
        line.append(widget)
    return ordered + sorted(line, key=lambda w: -rects[w].right() if rtl else rects[w].left())


def _own_part(widget: QWidget, context: QWidget, rtl: bool) -> QWidget | None:
    """The outermost part of ``context`` holding ``widget`` that is laid out in a
    direction of its own (a numeric keypad, the on-screen keyboard: 1 2 3 from the left
    in Arabic too) or in the other direction, if any: read as one, in its direction."""
    found = None
    node = widget.parentWidget()
    while node is not None and node is not context:
        other = (node.layoutDirection() == Qt.LayoutDirection.RightToLeft) != rtl
        if other or node.testAttribute(Qt.WidgetAttribute.WA_SetLayoutDirection):
            found = node
        node = node.parentWidget()
    return found


def reading_order(widgets: list[QWidget], context: QWidget, rtl: bool) -> list[QWidget]:
    """``widgets`` as a person reads ``context``: a scrolling area takes its turn where
    it stands, and inside it its content is read in full (scrolled out of view or not);
    so does a part laid out in a direction of its own (a keypad: its keys one after the
    other, not each row of keys mixed with the fields beside it), read in its own."""
    groups: dict[QWidget, list[QWidget]] = {}
    for widget in widgets:
        anchor = _outermost_area(widget, context) or _own_part(widget, context, rtl)
        groups.setdefault(anchor or widget, []).append(widget)
    ordered: list[QWidget] = []
    for anchor in _in_lines(list(groups), context, rtl):
        members = groups[anchor]
        if members == [anchor]:
            ordered.append(anchor)
        elif isinstance(anchor, QAbstractScrollArea):
            ordered += reading_order(members, _content(anchor), rtl)
        else:
            own = anchor.layoutDirection() == Qt.LayoutDirection.RightToLeft
            ordered += reading_order(members, anchor, own)
    return ordered


class KeyNavigator(QObject):
    """Moves the focus and presses controls on keys, for the whole window."""

    def __init__(
        self,
        window: QWidget,
        *,
        layer: Callable[[], QWidget | None],
        back: Callable[[], None],
        help: Callable[[], None],
        body: Callable[[], QWidget | None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self._layer, self._back, self._help, self._body = layer, back, help, body
        self.used = False  # a key moved the focus during this visit
        self.ring = FocusRing(window)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        # Filters on the window, its layers and the control with focus only (that is
        # where keys arrive), not on the application: a filter there is called for every
        # event of every widget, which made a change of style several times slower.
        self._keyed: QWidget | None = None
        # For each layer shown, the control that had the focus before it (see _layer_hidden).
        self._before: list[tuple[QWidget, QWidget | None]] = []
        # A control disabled with the focus: it takes it back when enabled (see _park).
        self._parked: QWidget | None = None
        self.restoring = False  # the focus going back to it: no news for spoken mode
        # The focus given back after a list was drawn again (``focus_through``): news
        # for spoken mode only if the control says something else than the one it left.
        self.redrawing = False
        window.installEventFilter(self)
        app.focusChanged.connect(self._focus_changed)
        from kiosk.ui.widgets.overlay import layer_news

        # Any layer, over the window or over one screen, built now or later.
        layer_news().shown.connect(self._layer_shown)
        layer_news().hidden.connect(self._layer_hidden)

    # What can be reached ------------------------------------------------------------

    def root(self) -> QWidget:
        return self._layer() or self.window

    def controls(self) -> list[QWidget]:
        """The controls keys reach now, in reading order."""
        root = self.root()
        rtl = root.layoutDirection() == Qt.LayoutDirection.RightToLeft
        found = [w for w in root.findChildren(QWidget) if can_take_focus(w)]
        return reading_order(found, root, rtl)

    def focus_first(self) -> None:
        """Focus on the first control of the screen's body (or of the layer shown)."""
        controls = self.controls()
        body = self._body() if self._layer() is None else None
        inside = [w for w in controls if body is not None and body.isAncestorOf(w)]
        # Not a text field first: it would open the on-screen keyboard over the screen.
        pressable = [w for w in inside if not isinstance(w, QLineEdit | QPlainTextEdit)]
        target = next(iter(pressable or inside or controls), None)
        if target is not None:
            target.setFocus(Qt.FocusReason.TabFocusReason)

    def begin(self) -> None:
        """Keys drive the visit from now on (spoken mode started): the focus on the
        screen's first control unless a key already put it somewhere, with its ring."""
        focus = QApplication.focusWidget()
        first = not self.used or focus is None or focus.window() is not self.window
        self.used = True
        if first:
            self.focus_first()
        self.ring.follow(QApplication.focusWidget())

    def _focus_if_none(self) -> None:
        focus = QApplication.focusWidget()
        if focus is None or focus.window() is not self.window or not can_take_focus(focus):
            self.focus_first()

    def step(self, forward: bool) -> None:
        controls = self.controls()
        if not controls:
            return
        current = QApplication.focusWidget()
        if current in controls:
            index = controls.index(current) + (1 if forward else -1)
            target = controls[index % len(controls)]
        else:
            target = controls[0 if forward else -1]
        reason = Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
        target.setFocus(reason)

    def move(self, dx: int, dy: int) -> None:
        """To the nearest control in the arrow's direction; at the edge, on in order."""
        current = QApplication.focusWidget()
        controls = self.controls()
        if current not in controls:
            self.step(dx + dy > 0)
            return
        here = self._rect(current)
        best: tuple[float, QWidget] | None = None
        for other in controls:
            if other is current:
                continue
            there = self._rect(other)
            along = (there.center().x() - here.center().x()) * dx + (
                there.center().y() - here.center().y()
            ) * dy
            if along <= 0:
                continue
            if dx:  # overlap of the two on the other axis counts as no sideways distance
                across = max(0, max(here.top(), there.top()) - min(here.bottom(), there.bottom()))
            else:
                across = max(0, max(here.left(), there.left()) - min(here.right(), there.right()))
            score = along + 3 * across
            if best is None or score < best[0]:
                best = (score, other)
        if best is not None:
            best[1].setFocus(Qt.FocusReason.TabFocusReason)
        else:
            self.step(dx + dy > 0)

    def _rect(self, widget: QWidget) -> QRect:
        top_left = widget.mapTo(self.window, QPoint(0, 0))
        return QRect(top_left, widget.size())

    # Keys -----------------------------------------------------------------------------

    @never_raises
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Show and isinstance(watched, QWidget):
            self.ring.notice_layout()
            return False
        if kind == QEvent.Type.WindowActivate and watched is self.window and not self.used:
            # Right after this event Qt gives the focus to the first control in the
            # chain (the header's first toggle): nobody put it there, so a visit starts
            # with none and the first key goes to the screen's first control.
            QTimer.singleShot(0, self, self._drop_activation_focus)
            return False
        if kind == QEvent.Type.EnabledChange and watched is self._parked:
            QTimer.singleShot(0, self, self._unpark)  # once the screen has shown what changed
            return False
        if kind != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        assert isinstance(event, QKeyEvent)
        return self.handle_key(event)

    # A control disabled with the focus -----------------------------------------------

    def _park(self, control: QWidget) -> None:
        """``control`` was disabled with the focus (a search, a payment under way): the
        focus goes nowhere, not to the next control in Qt's chain (the header's "Larger
        text", said aloud and pressed by the next OK), and comes back once it is enabled.
        The ring stays on it meanwhile."""
        self._forget_parked()
        if self._keyed is not None and shiboken6.isValid(self._keyed):
            self._keyed.removeEventFilter(self)  # now, not after the filter below
        self._keyed = None
        focus = QApplication.focusWidget()
        if focus is not None and self._ours(focus):
            focus.clearFocus()
        self._parked = control
        control.installEventFilter(self)
        self.ring.follow(control)

    def _forget_parked(self) -> None:
        parked, self._parked = self._parked, None
        if parked is not None and shiboken6.isValid(parked):
            parked.removeEventFilter(self)

    @quiet_slot
    def _unpark(self) -> None:
        parked = self._parked
        if parked is None or not shiboken6.isValid(parked) or not parked.isEnabled():
            return
        self._forget_parked()
        focus = QApplication.focusWidget()
        free = focus is None or not self._ours(focus) or not can_take_focus(focus)
        if free and parked in self.controls():
            self.restoring = True
            try:
                parked.setFocus(Qt.FocusReason.OtherFocusReason)
            finally:
                self.restoring = False

    # Layers --------------------------------------------------------------------------

    def _ours(self, widget: QWidget) -> bool:
        return shiboken6.isValid(widget) and widget.window() is self.window

    @quiet_slot
    def _layer_shown(self, layer: QWidget) -> None:
        """A layer appeared: the focus goes into it (for a keys user), and where it was
        is kept for when it closes."""
        if not self._ours(layer):
            return
        focus = QApplication.focusWidget()
        before = focus if focus is not None and self._ours(focus) else None
        self._before = [(w, b) for w, b in self._before if shiboken6.isValid(w) and w is not layer]
        self._before.append(
            (layer, None if before is not None and layer.isAncestorOf(before) else before)
        )
        self.ring.notice_layout()
        if self.used:
            QTimer.singleShot(0, self, self.focus_first)

    @quiet_slot
    def _layer_hidden(self, layer: QWidget) -> None:
        """A layer closed (called before Qt hands the focus to the next control in its
        chain, the header's first): the focus goes back to the control that had it
        before the layer showed, if keys can still reach it, else to the first control."""
        if not self._ours(layer):
            return
        remembered = [b for w, b in self._before if w is layer]
        self._before = [(w, b) for w, b in self._before if shiboken6.isValid(w) and w is not layer]
        if not self.used or not layer.isHidden():
            return  # a touch visit; or the layer's screen went, and the layer with it
        focus = QApplication.focusWidget()
        inside = focus is not None and self._ours(focus) and layer.isAncestorOf(focus)
        if not inside and (not remembered or (focus is not None and can_take_focus(focus))):
            return  # the focus is elsewhere already (a layer closed by the kiosk)
        before = remembered[0] if remembered else None
        if before is not None and shiboken6.isValid(before) and before in self.controls():
            before.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.focus_first()

    def _drop_activation_focus(self) -> None:
        focus = QApplication.focusWidget()
        if (
            not self.used
            and focus is not None
            and focus.window() is self.window
            and not isinstance(focus, QLineEdit | QPlainTextEdit)
        ):
            focus.clearFocus()

    def handle_key(self, event: QKeyEvent) -> bool:
        key = Qt.Key(event.key())
        if not self.used and key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab, *ARROWS, *ACTIVATE_KEYS):
            self.used = True
            self.ring.follow(QApplication.focusWidget())
        focus = QApplication.focusWidget()
        typing = isinstance(focus, QLineEdit | QPlainTextEdit)
        ours = focus is not None and focus.window() is self.window and can_take_focus(focus)
        if not ours and key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab, *ARROWS, *ACTIVATE_KEYS):
            self.focus_first()  # the first key: the screen's first control, not the header
            return True
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.used = True
            shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.step(forward=key == Qt.Key.Key_Tab and not shift)
            return True
        if key in ARROWS:
            if typing and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
                return False  # moves the cursor in the text
            self.used = True
            dx, dy = ARROWS[key]
            # The focused control's own direction: a keypad stays left to right in Arabic.
            facing = focus if focus is not None else self.root()
            if facing.layoutDirection() == Qt.LayoutDirection.RightToLeft:
                dx = -dx
            self.move(dx, dy)
            return True
        if key in ACTIVATE_KEYS:
            self.used = True
            if isinstance(focus, QAbstractButton) and focus.isEnabled():
                focus.click()
                return True
            if focus is None or focus.window() is not self.window:
                self.focus_first()
                return True
            return False  # a text field's Enter (a search starts, say)
        if key in BACK_KEYS:
            self.used = True
            if not event.isAutoRepeat():  # held down: one step back, not one per repeat
                self._back()
            return True
        if key in HELP_KEYS:
            if not event.isAutoRepeat():  # held down: one call, not thirty a second
                self._help()
            return True
        return False

    @quiet_slot
    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if (
            self.used
            and old is not None
            and self._ours(old)
            and not old.isEnabled()
            and old.isVisible()
            and new is QApplication.focusWidget()  # not a change already undone
        ):
            self._park(old)
            return
        if self.used and self._lost(old, new):
            assert old is not None
            self._into_body(old)
            return
        ours = new is not None and new.window() is self.window
        if ours and new is not None:
            self._forget_parked()  # the focus is somewhere again
        if self._keyed is not None and self._keyed is not new:
            if shiboken6.isValid(self._keyed):  # a closing window deletes it first
                self._keyed.removeEventFilter(self)
            self._keyed = None
        if ours and new is not self.window:
            assert new is not None
            new.installEventFilter(self)  # keys go to the control with focus
            self._keyed = new
        # The ring shows once keys are in use (a tapped field needs none).
        self.ring.follow(new if ours and self.used else None)
        if new is not None and new.window() is self.window:
            area = _scroll_area_of(new)
            while isinstance(area, QScrollArea):
                area.ensureWidgetVisible(new, 24, 24)
                area = _scroll_area_of(area)

    def _lost(self, old: QWidget | None, new: QWidget | None) -> bool:
        """The control with focus was hidden (deleted with its list, say) while its
        screen stays, and Qt passed the focus out of the screen (the header's "Larger
        text", which spoken mode announced and the next OK pressed) or to no control
        (the list around it)."""
        if old is None or not self._ours(old) or old.isVisible() or self._layer() is not None:
            return False
        body = self._body()
        if body is None or not body.isVisible() or not body.isAncestorOf(old):
            return False
        if new is None or new is not QApplication.focusWidget():
            return False  # nowhere (the next key finds the screen), or moved on already
        return not body.isAncestorOf(new) or not can_take_focus(new)

    def _into_body(self, old: QWidget) -> None:
        """The focus to the control of the screen nearest where ``old`` was, one after
        it rather than before (the same line's next, the next line's)."""
        body = self._body()
        assert body is not None
        was = self._rect(old).center()
        ahead = -1 if body.layoutDirection() == Qt.LayoutDirection.RightToLeft else 1
        controls = [
            w
            for w in body.findChildren(QWidget)
            if can_take_focus(w) and not isinstance(w, QLineEdit | QPlainTextEdit)
        ]

        def distance(control: QWidget) -> float:
            there = self._rect(control).center()
            dy, dx = there.y() - was.y(), there.x() - was.x()
            before = dy < 0 or (dy == 0 and dx * ahead < 0)
            return abs(dy) + abs(dx) / 4 + (100_000 if before else 0)

        if controls:
            min(controls, key=distance).setFocus(Qt.FocusReason.TabFocusReason)
        else:
            self.focus_first()

    def reset(self) -> None:
        """The visit ended: no focus left on the screen of the last citizen."""
        self.used = False
        self._forget_parked()
        self.ring.follow(None)
        focus = QApplication.focusWidget()
        if focus is not None and focus.window() is self.window:
            focus.clearFocus()  # a touch visit starts with no focus (no keyboard opened)


class FocusRing(QWidget):
    """Two rings around the control with focus (dark and light, so it shows on any
    colour), drawn on a layer above everything, following the control as it moves."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("focusRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tokens: Tokens = TOKENS
        self.target: QWidget | None = None
        self._watched: list[QWidget] = []
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(0)
        self._refresh.timeout.connect(self._place)
        self.hide()

    def follow(self, widget: QWidget | None) -> None:
        for watched in self._watched:
            if shiboken6.isValid(watched):  # a page replaced, or the window closing
                watched.removeEventFilter(self)
        self._watched = []
        self.target = widget
        node = widget
        while node is not None and node is not self.parentWidget():
            # A scroll moves an ancestor of the control, not the control itself.
            node.installEventFilter(self)
            self._watched.append(node)
            node = node.parentWidget()
        self._place()

    def set_tokens(self, tokens: Tokens) -> None:
        self.tokens = tokens
        self.update()

    @never_raises
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (
            QEvent.Type.Move,
            QEvent.Type.Resize,
            QEvent.Type.Hide,
            QEvent.Type.Show,
        ):
            self._refresh.start()
        return False

    def notice_layout(self) -> None:
        """Something moved (a scroll, a layer): place the ring again, once."""
        if self.target is not None:
            self._refresh.start()

    def _place(self) -> None:
        target = self.target
        parent = self.parentWidget()
        if target is None or not target.isVisible() or parent is None:
            self.hide()
            return
        self.setGeometry(parent.rect())
        self.raise_()
        self.show()
        self.update()

    def ring_rect(self) -> QRect:
        parent = self.parentWidget()
        assert self.target is not None and parent is not None
        top_left = self.target.mapTo(parent, QPoint(0, 0))
        margin = 2 * RING_PX
        return QRect(top_left, self.target.size()).adjusted(-margin, -margin, margin, margin)

    def paintEvent(self, _event) -> None:  # type: ignore[no-untyped-def]
        if self.target is None or not self.target.isVisible():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.ring_rect()
        for colour, inset in ((self.tokens.focus_outer, 0), (self.tokens.focus_inner, RING_PX)):
            pen = QPen(QColor(colour))
            pen.setWidth(RING_PX)
            painter.setPen(pen)
            half = RING_PX // 2 + inset
            painter.drawRoundedRect(rect.adjusted(half, half, -half, -half), 14, 14)
        painter.end()
