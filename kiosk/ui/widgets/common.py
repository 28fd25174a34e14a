# SPDX-License-Identifier: EUPL-1.2
"""Small building blocks: plain-text labels, touch buttons, kinetic scroll areas.

Every label is plain text: catalog texts come from the platform and must never be read
as Qt rich text (an ``<img>`` or ``<a>`` in a service name shows literally).

The home screen is built from these, so this module does not use Qt's enum namespace
(``PySide6.QtCore.Qt``): building it costs 15 ms, a tenth of a cold start. Qt's enum
properties are set by their names through the property system instead (``set_enum``),
which refuses an unknown property or value loudly rather than leaving it unset.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.event_filters import never_raises

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import Qt

    from kiosk.ui.widgets.icons import Icon


W = TypeVar("W", bound=QWidget)


def set_enum(target: QObject, prop: str, value: str) -> None:
    """Sets a Qt enum property by the value's name, e.g. ("textFormat", "PlainText")."""
    if not target.setProperty(prop, value):
        raise ValueError(f"{type(target).__name__}.{prop} cannot be set to {value!r}")


# A run this long with nowhere to break a line (a 160-letter word in a title from the
# platform) would make its label, and so the whole page, wider than the screen: a break
# is allowed every BREAK_EVERY characters of it. Real words and codes stay whole.
LONGEST_UNBROKEN = 24
BREAK_EVERY = 16
_UNBROKEN = re.compile(rf"[^\s\u200b]{{{LONGEST_UNBROKEN},}}")
ZERO_WIDTH_SPACE = "\u200b"


def breakable(text: str) -> str:
    """``text`` with an invisible place to break inside each over-long unbroken run."""
    if len(text) < LONGEST_UNBROKEN or not _UNBROKEN.search(text):
        return text
    return _UNBROKEN.sub(
        lambda run: ZERO_WIDTH_SPACE.join(
            run[0][i : i + BREAK_EVERY] for i in range(0, len(run[0]), BREAK_EVERY)
        ),
        text,
    )


def without_shortcut(text: str) -> str:
    """``text`` for a button, or a label naming a field (its buddy), both of which read
    "&" as the mark of a keyboard shortcut: "Rossi & Figli" would show as "Rossi _Figli"
    and "R&amp;D" lose its "&". Doubled, each "&" shows as itself and no key is taken."""
    return text.replace("&", "&&")


def as_given(shown: str) -> str:
    """The text ``without_shortcut`` was given."""
    return shown.replace("&&", "&")


# The side a label's lines start from: the one the UI's language reads from. Qt aligns
# a plain-text label by its own text's first letter otherwise, and in Arabic a Latin
# name ("Coop. Sociale Il Girasole") sat at the left edge of a card whose Arabic lines
# sit at the right. Absolute: Qt must not mirror it again by the text's direction.
_READING_SIDE = {
    False: "AlignLeft|AlignAbsolute|AlignVCenter",
    True: "AlignRight|AlignAbsolute|AlignVCenter",
}


def _reading_side_flags(right_to_left: bool) -> Qt.AlignmentFlag:
    """``_READING_SIDE`` as Qt's flags; read only once the UI changes direction (Qt's
    enum namespace is not built before the first frame)."""
    from PySide6.QtCore import Qt

    side = Qt.AlignmentFlag.AlignRight if right_to_left else Qt.AlignmentFlag.AlignLeft
    return side | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter


class WrappingLabel(QLabel):
    """A plain-text label that wraps even a word longer than the screen. What it says
    is still the text it was given (``text()``): only its painting breaks the run, and
    a label naming a field shows each "&" as itself (see ``without_shortcut``).

    Its lines start from the side the UI's language reads from, whatever the text's
    first letter, until it is given another alignment (centred, say); the direction
    inside each line is still the text's own."""

    # Qt's own code never calls these three, so hiding them is safe: every text the kiosk
    # gives a label passes through here, and Qt paints (and lays out) the breakable one.
    HIDES_ON_PURPOSE = ("setText", "text", "setBuddy")

    def __init__(self) -> None:
        super().__init__()
        self._right_to_left = self.isRightToLeft()
        set_enum(self, "alignment", _READING_SIDE[self._right_to_left])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._follow_reading_side()
        super().changeEvent(event)

    def _follow_reading_side(self) -> None:
        right_to_left = self.isRightToLeft()
        if right_to_left == self._right_to_left:
            return
        if self.alignment() == _reading_side_flags(self._right_to_left):  # not set since
            set_enum(self, "alignment", _READING_SIDE[right_to_left])
        self._right_to_left = right_to_left

    def setText(self, text: str) -> None:
        shown = breakable(text)
        super().setText(without_shortcut(shown) if self.buddy() is not None else shown)

    def text(self) -> str:
        shown = super().text().replace(ZERO_WIDTH_SPACE, "")
        return as_given(shown) if self.buddy() is not None else shown

    def setBuddy(self, buddy: QWidget) -> None:
        text = self.text()
        super().setBuddy(buddy)
        self.setText(text)  # with or without its "&" doubled, as the buddy now asks


class PlainButton(QPushButton):
    """A button that shows its text as given: an "&" in a Comune's name or an answer's
    label is shown, not taken as the mark of a keyboard shortcut."""

    # Qt's own code never calls these two (its accessible name reads the shown text,
    # without the doubled "&"), so hiding them is safe.
    HIDES_ON_PURPOSE = ("setText", "text")

    def setText(self, text: str) -> None:
        super().setText(without_shortcut(text))

    def text(self) -> str:
        return as_given(super().text())


def label(text: str = "", *, role: str | None = None, name: str | None = None) -> QLabel:
    widget = WrappingLabel()
    set_enum(widget, "textFormat", "PlainText")
    widget.setWordWrap(True)
    widget.setText(text)
    if role:
        widget.setProperty("role", role)
    if name:
        widget.setObjectName(name)
    return widget


def button(
    text: str = "", *, name: str, role: str | None = None, parent: QWidget | None = None
) -> QPushButton:
    """A button; one that is shown or hidden before a layout takes it needs its
    ``parent`` (a parentless widget made visible is a window of its own)."""
    widget = PlainButton(parent)
    widget.setText(text)
    widget.setObjectName(name)
    # Keys reach every button (Tab, arrows, a keypad), but a tap never takes the focus:
    # the on-screen keyboard keeps its field.
    set_enum(widget, "focusPolicy", "TabFocus")
    if role:
        widget.setProperty("role", role)
    return widget


def personal(widget: W) -> W:
    """Marks what shows a citizen's own data (an answer, a balance, a voucher's code):
    spoken mode reads it only through a headset (EN 301 549 5.1.3.9)."""
    widget.setProperty("personal", True)
    return widget


def live(widget: W) -> W:
    """Marks a text that changes as the citizen acts on another control (a quantity
    beside its "+"): spoken mode says each new text, as it says a new error."""
    widget.setProperty("live", True)
    return widget


def personal_now(widget: QWidget, shows_own_data: bool, aloud: str = "") -> None:
    """Marks a widget whose text changes as personal while it shows the citizen's own
    data, with ``aloud`` what spoken mode says of it through the loudspeaker instead:
    the same words without that data ("How you pay: my credit", not the balance), or
    nothing; through a headset the text is said in full (EN 301 549 5.1.3.9)."""
    widget.setProperty("personal", shows_own_data)
    widget.setProperty("spokenAloud", aloud if shows_own_data else "")


def upper_case_as_typed(field: QLineEdit) -> None:
    """Codes (codice fiscale, IBAN, tracking code) show in capitals however typed."""

    def to_upper(text: str) -> None:
        if text != text.upper():
            position = field.cursorPosition()
            field.setText(text.upper())
            field.setCursorPosition(position)

    field.textChanged.connect(to_upper)


TextField = TypeVar("TextField", QLineEdit, QPlainTextEdit)


def citizen_field(field: TextField) -> TextField:
    """A field a citizen types into, as made: it has no context menu, whose Undo, Copy
    and Paste would reach what someone typed before (a long press opens it on a touch
    screen)."""
    set_enum(field, "contextMenuPolicy", "NoContextMenu")
    return field


def forget_text(field: QLineEdit | QPlainTextEdit) -> None:
    """Empties a field and its undo history, as a visit ends: ``clear()`` keeps the
    history, and Ctrl+Z gave the next citizen back the last one's codice fiscale."""
    if isinstance(field, QLineEdit):
        field.setText("")  # also forgets what could be undone or redone
    else:
        field.setPlainText("")
        field.document().clearUndoRedoStacks()


def card() -> QFrame:
    frame = QFrame()
    frame.setProperty("role", "card")
    return frame


def enable_kinetic_scrolling(area: QAbstractScrollArea) -> None:
    """Lets a finger drag and fling the area, with no overshoot to confuse people."""
    viewport = area.viewport()
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(viewport)
    properties = scroller.scrollerProperties()
    off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
    properties.setScrollMetric(QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy, off)
    properties.setScrollMetric(QScrollerProperties.ScrollMetric.VerticalOvershootPolicy, off)
    properties.setScrollMetric(QScrollerProperties.ScrollMetric.DragStartDistance, 0.004)
    # Deliver presses at once: a delayed press made taps on cards get lost, and a
    # button pressed at the start of a drag is released outside itself, so no click.
    properties.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0)
    scroller.setScrollerProperties(properties)


class SideBySideWhenRoom(QObject):
    """Keeps ``box`` laid out side by side while ``host`` is at least ``need()`` wide,
    else one part under the other: on a 1280-pixel panel with larger text, a button
    beside a text was squeezed until its words were cut (the style's minimum width for
    touch lets a button shrink below its text)."""

    def __init__(
        self,
        host: QWidget,
        box: QBoxLayout,
        need: Callable[[], int],
        on_change: Callable[[bool], None] | None = None,
    ) -> None:
        super().__init__(host)
        self.host, self.box, self.need, self.on_change = host, box, need, on_change
        self.stacked = False
        host.installEventFilter(self)

    @never_raises
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.host and event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        stacked = self.host.width() < self.need()
        if stacked != self.stacked:
            self.stacked = stacked
            self.box.setDirection(
                QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight
            )
            if self.on_change is not None:
                self.on_change(stacked)


class ScrollList(QScrollArea):
    """A vertical, kinetically scrolling column of widgets that can be refilled."""

    def __init__(self, *, name: str, spacing: int = 16) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        set_enum(self, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")
        content = QWidget()
        content.setObjectName("scrollContent")
        self.content = content  # what scrolls: the column itself
        self._layout = QVBoxLayout(content)
        self._layout.setSpacing(spacing)
        self._layout.setContentsMargins(4, 4, 24, 4)
        self._layout.addStretch(1)
        self.setWidget(content)
        enable_kinetic_scrolling(self)

    def clear(self) -> None:
        while self._layout.count() > 1:
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # at once: deleteLater waits for the event loop
                widget.deleteLater()
        self.verticalScrollBar().setValue(0)

    def add(self, widget: QWidget) -> None:
        widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self._layout.insertWidget(self._layout.count() - 1, widget)
        widget.show()  # a layout would only post the show; be consistent at once


class CardButton(QPushButton):
    """A large tappable card: a bold first line and smaller lines under it.

    The lines are plain-text labels inside the button (which Qt buttons cannot wrap on
    their own); the accessible name carries the whole text for screen readers and tests.
    """

    def __init__(self, *, name: str, role: str = "card") -> None:
        super().__init__()
        self.setObjectName(name)
        self.setProperty("role", role)
        set_enum(self, "focusPolicy", "TabFocus")  # keys reach it, a tap keeps the field
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self._outer = QHBoxLayout(self)  # an icon (when set) left of the lines
        self._outer.setContentsMargins(24, 14, 24, 14)
        self._outer.setSpacing(20)
        self._layout = QVBoxLayout()
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self._outer.addLayout(self._layout, 1)
        self.icon_view: Icon | None = None  # not ``icon``: QAbstractButton.icon() is the QIcon
        # Stretches above and below keep the lines together and centred in tall cards.
        self._layout.addStretch(1)
        self._layout.addStretch(1)
        self._labels: list[QLabel] = []
        self.service_id = ""  # what the card stands for, when it stands for a service
        self._reflow: SideBySideWhenRoom | None = None  # with an icon: beside or under it

    def set_lines(self, lines: list[tuple[str, str | None]]) -> None:
        """Sets (text, role) lines; the first is the title."""
        while len(self._labels) < len(lines):
            line = label()  # a plain-text label passes presses on to the card
            self._labels.append(line)
            self._layout.insertWidget(self._layout.count() - 1, line)
        for index, line in enumerate(self._labels):
            if index < len(lines):
                text, role = lines[index]
                line.setText(text)
                role = role or ("cardTitle" if index == 0 else "muted")
                if line.property("role") != role:
                    line.setProperty("role", role)
                    if line.isVisible():  # already styled: apply the new role's style
                        line.style().polish(line)
                line.setVisible(True)
            else:
                line.setVisible(False)
        self.setAccessibleName(" — ".join(text for text, _ in lines))

    def set_icon(self, icon_id: str, *, size: int, role: str) -> None:
        """Shows the bundled icon for ``icon_id`` beside the lines (never instead)."""
        from kiosk.ui.widgets.icons import Icon

        if self.icon_view is None:
            self.icon_view = Icon(size, role=role)
            self._outer.insertWidget(0, self.icon_view)
            # The lines go under the icon where fewer than TEXT_BESIDE_ICON_PX would be
            # left beside it (a home tile on a 1280-pixel panel, with larger text, cut
            # its title's words off); under it they follow it, so titles line up from
            # card to card, and beside it they are centred in the card's height.
            margins = self._outer.contentsMargins()
            around = margins.left() + margins.right() + self._outer.spacing()
            icon = self.icon_view
            self._reflow = SideBySideWhenRoom(
                self,
                self._outer,
                lambda: around + icon.sizeHint().width() + self.TEXT_BESIDE_ICON_PX,
                lambda stacked: self._layout.setStretch(0, 0 if stacked else 1),
            )
        self.icon_view.set_icon(icon_id)

    TEXT_BESIDE_ICON_PX = 300  # the narrowest a card's lines may be beside its icon

    def lines(self) -> list[str]:
        return [line.text() for line in self._labels if not line.isHidden()]

    def sizeHint(self):  # type: ignore[no-untyped-def]
        return self._outer.sizeHint()

    def minimumSizeHint(self):  # type: ignore[no-untyped-def]
        return self._outer.minimumSize()
