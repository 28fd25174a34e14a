# SPDX-License-Identifier: EUPL-1.2
"""In-window overlays instead of pop-up windows.

A kiosk compositor centres or loses separate windows and an on-screen keyboard cannot
reach them, so messages are cards on a dimmed layer inside the main window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.event_filters import never_raises
from kiosk.ui.widgets.common import button, label


class LayerNews(QObject):
    """A layer shown or hidden, wherever it is (over the window, or over one screen):
    keys move the focus into it, and back where it was once it closes."""

    shown = Signal(QWidget)
    hidden = Signal(QWidget)


_news: LayerNews | None = None


def layer_news() -> LayerNews:
    """The one ``LayerNews`` of the process, built on first use."""
    global _news
    if _news is None:
        _news = LayerNews()
    return _news


class Layer(QWidget):
    """A dimmed layer covering its parent, with one centred card (``self.card``), that
    follows the parent's size and retranslates itself while shown.

    Every kind of layer names its safe answer (``safe_answer``), the one the back key
    (Escape, the keypad's back key) gives: the answer that changes nothing ("No, go on"
    for a question; "OK" or "Continue" for a message). A kind that does not name one is
    refused as its class is made, so no question can be answered "Yes" by the back key.

    A centred card takes its size hint, whose height for a wrapped text Qt reckons at
    another width than the text then gets: a long text lost its last lines. So every
    wrapped text of the card is given the height it needs at its width (``fit``) when
    the layer is shown, and again whenever the card's content changes while shown (a
    new text, another language)."""

    def __init__(self, parent: QWidget, *, min_width: int = 0, max_width: int = 1000) -> None:
        super().__init__(parent)
        self.setObjectName("overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card = QFrame()
        self.card.setObjectName("overlayCard")
        self.card.setMinimumWidth(min_width)
        self.card.setMaximumWidth(max_width)
        outer.addWidget(self.card)
        parent.installEventFilter(self)
        self.card.installEventFilter(self)
        self._fit_later = QTimer(self)
        self._fit_later.setSingleShot(True)
        self._fit_later.setInterval(0)
        self._fit_later.timeout.connect(self.fit)
        self.hide()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.safe_answer is Layer.safe_answer:
            raise TypeError(f"{cls.__name__} must name its safe answer (safe_answer)")

    def safe_answer(self) -> QAbstractButton | None:
        """The control the back key presses: the answer that changes nothing (None: the
        back key does nothing here)."""
        raise NotImplementedError

    def answer_back(self) -> None:
        """The back key on this layer: its safe answer, never one that acts."""
        answer = self.safe_answer()
        if answer is not None and answer.isVisible() and answer.isEnabled():
            answer.click()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        layer_news().shown.emit(self)

    def hideEvent(self, event: QHideEvent) -> None:
        # Sent before Qt moves the focus out of the hidden layer: keys put it back
        # where it was, not on the next control in the chain (the header's first).
        super().hideEvent(event)
        layer_news().hidden.emit(self)

    def _host(self) -> QWidget:
        """The widget the layer covers (a layer always has one: its parent)."""
        host = self.parentWidget()
        assert host is not None
        return host

    def cover(self) -> None:
        """Shows the layer over the whole parent, above everything else."""
        self.setGeometry(self._host().rect())
        self.raise_()
        self.show()
        self.fit()

    def fit(self) -> None:
        """Gives each wrapped text of the card the height it needs at the width it has."""
        if not self.isVisible():
            return
        self._activate()
        # A label reckons its height for a width as at least its minimum height: the
        # ones whose text, width or font changed since their last fit start from none.
        # The others are left alone, so that a fit asks for no new layout (and no fit).
        changed = []
        for text in self.card.findChildren(QLabel):
            if text.wordWrap() and text.isVisibleTo(self.card):
                fitted = f"{text.width()} {text.font().key()} {text.text()}"
                if text.property("fittedTo") != fitted:
                    text.setMinimumHeight(0)
                    changed.append(text)
        if not changed:
            return
        self._activate()
        for text in changed:
            text.setMinimumHeight(max(0, text.heightForWidth(text.width())))
            text.setProperty("fittedTo", f"{text.width()} {text.font().key()} {text.text()}")

    def _activate(self) -> None:
        for layout in (self.layout(), self.card.layout()):
            if layout is not None:
                layout.activate()

    def retranslate(self) -> None:
        """Sets the layer's texts in the current language (when it has its own)."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.isVisible():
            self.retranslate()
            self.fit()
        super().changeEvent(event)

    @never_raises
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.parentWidget() and kind == QEvent.Type.Resize:
            self.setGeometry(self._host().rect())
            self._fit_later.start()
        elif watched is self.card and kind == QEvent.Type.LayoutRequest and self.isVisible():
            self._fit_later.start()  # a text changed while shown (set by its owner)
        return False


class Overlay(Layer):
    """A message card with a close button (its texts are set by whoever shows it)."""

    dismissed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, min_width=720, max_width=1000)
        inner = QVBoxLayout(self.card)
        inner.setContentsMargins(48, 40, 48, 40)
        inner.setSpacing(20)
        self.title = label(role="title", name="overlayTitle")
        self.body = label(name="overlayBody")
        inner.addWidget(self.title)
        inner.addWidget(self.body)
        actions = QHBoxLayout()
        actions.addStretch(1)
        self.close_button: QPushButton = button(name="overlayClose")
        self.close_button.clicked.connect(self.dismiss)
        actions.addWidget(self.close_button)
        inner.addLayout(actions)

        self._texts: Callable[[], tuple[str, str, str]] | None = None

    def safe_answer(self) -> QAbstractButton | None:
        return self.close_button  # "OK": the message is read

    def show_message(self, title: str, body: str, close_text: str) -> None:
        """A message whose texts stay as given (text from the platform, say)."""
        self._texts = None
        self._set_texts(title, body, close_text)
        self.cover()

    def show_texts(self, texts: Callable[[], tuple[str, str, str]]) -> None:
        """A message of the kiosk's own: ``texts`` gives its title, body and button in
        the current language, and is asked again when the language changes."""
        self._texts = texts
        self._set_texts(*texts())
        self.cover()

    @property
    def texts(self) -> Callable[[], tuple[str, str, str]] | None:
        return self._texts

    def retranslate(self) -> None:
        if self._texts is not None:
            self._set_texts(*self._texts())

    def _set_texts(self, title: str, body: str, close_text: str) -> None:
        self.title.setText(title)
        self.body.setText(body)
        self.close_button.setText(close_text)

    def dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()


class Confirm(Layer):
    """A question before something that cannot be undone: the safe answer on the left,
    the one that acts on the right (``accepted`` is emitted for it)."""

    accepted = Signal()

    def __init__(self, parent: QWidget, name: str) -> None:
        super().__init__(parent, min_width=720, max_width=1000)
        self.card.setObjectName("overlayCard")  # the dimmed layer's and card's style
        self.setAccessibleName(name)
        inner = QVBoxLayout(self.card)
        inner.setContentsMargins(48, 40, 48, 40)
        inner.setSpacing(20)
        self.title = label(role="title", name=f"{name}Title")
        self.body = label(name=f"{name}Body")
        inner.addWidget(self.title)
        inner.addWidget(self.body)
        actions = QHBoxLayout()
        self.keep_button: QPushButton = button(name=f"{name}Keep", role="chip")
        self.keep_button.clicked.connect(self.hide)
        self.accept_button: QPushButton = button(name=f"{name}Accept", role="primary")
        self.accept_button.clicked.connect(self._accept)
        actions.addWidget(self.keep_button)
        actions.addStretch(1)
        actions.addWidget(self.accept_button)
        inner.addLayout(actions)

        self._texts: Callable[[], tuple[str, str, str, str]] | None = None

    def safe_answer(self) -> QAbstractButton | None:
        return self.keep_button  # "No, go on": nothing is done

    def ask(self, title: str, body: str, keep: str, accept: str) -> None:
        """A question whose texts stay as given."""
        self._texts = None
        self._set_texts(title, body, keep, accept)
        self.cover()

    def ask_texts(self, texts: Callable[[], tuple[str, str, str, str]]) -> None:
        """A question of the kiosk's own: ``texts`` gives its title, body and the two
        answers in the current language, and is asked again when the language changes."""
        self._texts = texts
        self._set_texts(*texts())
        self.cover()

    def retranslate(self) -> None:
        if self._texts is not None:
            self._set_texts(*self._texts())

    def _set_texts(self, title: str, body: str, keep: str, accept: str) -> None:
        self.title.setText(title)
        self.body.setText(body)
        self.body.setVisible(bool(body))
        self.keep_button.setText(keep)
        self.accept_button.setText(accept)

    def _accept(self) -> None:
        self.hide()
        self.accepted.emit()
