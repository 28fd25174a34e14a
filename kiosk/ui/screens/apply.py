# SPDX-License-Identifier: EUPL-1.2
"""Applying for a call: the Comune's privacy notice, the form one short page at a time,
a review, then submission.

The first step is the call's privacy notice (GDPR art. 13), in full, before any personal
data is typed; "Print the notice" prints it. The citizen goes on once they say they read it.

This module is the view: it lays out what Qt-free code decides, all tested without a
window. The wizard's state and rules (steps, "Next" and "Back", a household member's
page, the form's checks) are kiosk.core.apply_wizard.ApplyWizard; the texts on top and on
the main button kiosk.core.apply_heading; where each problem shows
kiosk.core.apply_problems; what the review reads back (answers, what is missing, the
call's requirements and amount) kiosk.core.apply_review. The answers live in the
citizen's draft (kiosk.core.applying.Draft, held by the visit), so Back, leaving for the
catalog and coming back lose nothing; the idle timeout forgets it. The call and its form
are read on a worker thread (kiosk.core.applying.read_call); submission runs off the UI
thread too (see ApplyController).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractButton, QApplication, QHBoxLayout, QLabel, QWidget

from forms.answers import Problem
from kiosk.core import local_time
from kiosk.core.apply_heading import heading
from kiosk.core.apply_problems import place_problems
from kiosk.core.apply_review import Option, describe_member, review
from kiosk.core.apply_wizard import ASKING, ApplyWizard, Outcome, Step
from kiosk.core.applying import Draft, OpenedCall, read_call
from kiosk.core.privacy import printed_notice
from kiosk.ui.screens.base import DataScreen, UiContext
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.widgets.application_done import ApplicationDone
from kiosk.ui.widgets.application_review import ReviewView
from kiosk.ui.widgets.common import ScrollList, button, label
from kiosk.ui.widgets.form_fields import FieldWidget, RepeatField, field_widget
from kiosk.ui.widgets.form_keyboard import FormKeyboard
from kiosk.ui.widgets.overlay import Confirm
from kiosk.ui.widgets.privacy_notice import NoticeView
from kiosk.ui.widgets.settle import Settling
from printing.documents import privacy_notice

if TYPE_CHECKING:
    from kiosk.core.applying import Submitted
    from store.catalog import CatalogReader

log = logging.getLogger(__name__)


class ApplyScreen(DataScreen):
    route = "apply"
    submit_requested = Signal(object)  # the Draft, for the ApplyController

    def __init__(self, ctx: UiContext, catalog: CatalogReader) -> None:
        super().__init__(ctx, catalog)
        self.wizard = ApplyWizard(today=lambda: local_time.today(self.ctx.time_zone))
        self._opening: str | None = None  # the call whose draft is on its way
        self._reader = TaskRunner(self)  # reads the call and its form off the UI thread
        self.widgets: dict[str, FieldWidget] = {}
        self._comuni: list[Option] | None = None  # the Comuni as answer options
        self._review_lang = ""  # the language the review on screen is in
        self._page_shown: tuple[Step, int | None] | None = None  # for page_changed

        self.call_title = label(role="muted", name="applyCallTitle")
        self.progress = label(role="muted", name="applyProgress")
        self.page_title = label(role="title", name="applyPageTitle")
        self.banner = label(role="fieldError", name="applyBanner")
        self.banner.hide()
        self.area = ScrollList(name="applyPage", spacing=18)
        # Views of the page shown, in ``area``: None once it is cleared (``_clear_area``).
        self.unavailable: QLabel | None = None
        self.notice: NoticeView | None = None
        self.done: ApplicationDone | None = None
        self.body.addWidget(self.call_title)
        self.body.addWidget(self.progress)
        self.body.addWidget(self.page_title)
        self.body.addWidget(self.banner)
        self.body.addWidget(self.area, 1)
        actions = QHBoxLayout()
        self.cancel_button = button(name="applyCancel", role="chip")
        self.cancel_button.clicked.connect(self._leave_member)
        self.next_button = button(name="applyNext", role="primary")
        self.next_button.setMinimumWidth(360)
        # The last page's "Next ›" becomes "Send the application" where it was tapped
        # (and that one "Finish"): presses wait until the new words can have been read,
        # so a double tap never sends the application past its review.
        self.next_settling = Settling(self.next_button, self._next)
        actions.addWidget(self.cancel_button)
        actions.addStretch(1)
        actions.addWidget(self.next_button)
        self.body.addLayout(actions)
        self.typing = FormKeyboard(
            self,
            self.area,
            lambda: self.widgets.values(),
            # The banner too ("check the answers marked below"): each message is under
            # its field, and Next must stay above the keys on a 1280 x 800 panel.
            (self.call_title, self.progress, self.page_title, self.banner),
            language_of=lambda: self.ctx.lang,
            go_on=self.next_button,
            body=self.body,
        )
        self.keyboard = self.typing.keyboard
        self.dock.addWidget(self.keyboard)
        self.discard = Confirm(self, "discardPerson")
        self.discard.accepted.connect(self._cancel_member)

    # Entering, and the draft ---------------------------------------------------------

    @property
    def draft(self) -> Draft | None:
        return self.wizard.draft

    @property
    def step(self) -> Step:
        return self.wizard.step

    def enter(self, **params: Any) -> None:
        call_id = str(params.get("call_id", ""))
        self.discard.hide()  # a question left open when the citizen went elsewhere
        self.wizard.loading()
        draft = self.ctx.citizen.drafts.get(call_id)
        if draft is not None and self._comuni is not None:
            self._opening = None
            self.wizard.opened(draft)
        else:
            self._opening = call_id
            self._read_call(call_id)
        self._render()

    def mirror_changed(self, **params: Any) -> None:
        # A sync pass while the citizen fills in the form, or reads their protocol
        # number: nothing is drawn again. Drawn again, the page's fields were deleted
        # under the keyboard typing into them, and the number's page (after a pass
        # that brought the application's state) became a new form. The call is read
        # again as the application is sent (``submit``): a call closed meanwhile says so.
        if self.wizard.step == Step.UNAVAILABLE:
            self.enter(**params)  # the pass may have brought the call it could not read
            return
        self.retranslate()

    def _read_call(self, call_id: str) -> None:
        """A new draft for the call, and the Comuni (answer options), read on a worker
        thread: a form definition is parsed and checked on the way."""
        store = self.catalog.store

        def failed(error: BaseException) -> None:
            log.error("application: the call could not be read", exc_info=error)
            self.show_opened(call_id, None, [])

        self._reader.run(
            lambda: read_call(store, call_id, datetime.now(UTC)),
            lambda found: self._opened(call_id, found),
            failed,
        )

    def _opened(self, call_id: str, found: OpenedCall) -> None:
        self.show_opened(call_id, found.draft, list(found.comuni))

    def show_opened(self, call_id: str, draft: Draft | None, comuni: list[Option]) -> None:
        """The call's new draft (None: it cannot be applied for here) and the Comuni.
        An answer that comes after the citizen left the call, or after the visit
        ended, is dropped."""
        if call_id != self._opening or self.wizard.step != Step.LOADING:
            return
        self._opening = None
        self._comuni = comuni
        if draft is not None:
            draft = self.ctx.citizen.drafts.setdefault(call_id, draft)
        self.wizard.opened(draft)
        self._render()

    def forget(self) -> None:
        self.discard.hide()
        self._opening = None
        self._page_shown = None
        self.wizard.forget()
        self.typing.show(False)
        self._clear_area()
        super().forget()

    def step_back(self) -> bool:
        if self.wizard.step == Step.MEMBER:
            self._leave_member()
            return True
        self._collect()
        if self.wizard.page_back():
            self._render()
            return True
        return False  # the first page: back to the calls, the draft is kept

    def _go_to_page(self, index: int) -> None:
        self.wizard.go_to_page(index)
        self._render()

    # Rendering -----------------------------------------------------------------------

    def _render(self) -> None:
        self.typing.show(False)
        # The old fields go one by one: Qt would hand the focus from each to the next,
        # and each would open the keyboard for a field about to be deleted.
        self.typing.paused = True
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            focused.clearFocus()
        self.typing.new_page()
        self._clear_area()
        self.typing.paused = False
        step = self.wizard.step
        if step == Step.LOADING:
            pass  # for the moment the call's form takes to be read: nothing to show yet
        elif step == Step.UNAVAILABLE or self.draft is None:
            self._render_unavailable()
        elif step == Step.NOTICE:
            self._render_notice()
        elif step in ASKING:
            self._render_fields()
        elif step in (Step.REVIEW, Step.SENDING):
            self._render_review()
        else:
            self._render_done()
        self.retranslate()
        page = (step, self.draft.page if self.draft is not None else None)
        if page != self._page_shown and step != Step.LOADING:
            self._page_shown = page
            self.page_changed.emit()

    def _clear_area(self) -> None:
        """Empties the page, and forgets the views it held: a label kept after the area
        deleted it was set again by the next language change (the next citizen's), and
        the kiosk died of it (a segmentation fault)."""
        self.area.clear()
        self.widgets = {}
        self.unavailable = self.notice = self.done = None

    def _render_notice(self) -> None:
        assert self.draft is not None and self.draft.privacy_notice is not None
        self.notice = NoticeView()
        self.notice.show_notice(self.draft.privacy_notice, self.ctx.lang)
        self.notice.print_requested.connect(self._print_notice)
        self.area.add(self.notice)

    def _print_notice(self) -> None:
        if self.draft is None or self.draft.privacy_notice is None:
            return
        data = printed_notice(self.draft.privacy_notice, self.draft.call_title, self.ctx.lang)
        self.print_requested.emit(
            "privacy_notice", lambda context: privacy_notice(context, data), self.draft.call_id
        )

    def _render_fields(self) -> None:
        assert self.draft is not None
        choices = self.draft.form.data.get("choices", {})
        self.wizard.start_repeats_with_first_item()
        values = self.wizard.values()
        assert self._comuni is not None
        for item in self.wizard.fields():
            widget = field_widget(item, choices, self._comuni, self._describe_member)
            if widget is None:
                continue
            widget.set_value(values.get(item["name"]))
            widget.edited.connect(self._on_edited)
            if isinstance(widget, RepeatField):
                widget.add_requested.connect(lambda: self._edit_member(None))
                widget.edit_requested.connect(self._edit_member)
                widget.remove_requested.connect(self._remove_member)
            self.widgets[item["name"]] = widget
            self.area.add(widget)
        self._update_visibility()

    def _render_review(self) -> None:
        assert self._comuni is not None
        self._review_lang = self.ctx.lang
        view = ReviewView(review(self.wizard, self._comuni, self.ctx.lang))
        view.change_requested.connect(self._go_to_page)
        self.area.add(view)

    def _render_done(self) -> None:
        self.done = ApplicationDone()
        self.area.add(self.done)

    def _render_unavailable(self) -> None:
        self.unavailable = label(role="heading", name="applyUnavailable")
        self.area.add(self.unavailable)

    # Answers ------------------------------------------------------------------------

    def _collect(self) -> None:
        """Copies what is on screen into the draft (or the person being edited)."""
        self.wizard.take(
            {
                name: widget.value()
                for name, widget in self.widgets.items()
                if not isinstance(widget, RepeatField)  # people are kept as they are saved
            }
        )

    def _on_edited(self) -> None:
        self._collect()
        sender = self.sender()
        if isinstance(sender, FieldWidget):
            sender.set_error(None)  # the citizen is correcting it
        self._update_visibility()

    def _update_visibility(self) -> None:
        items = [item for item in self.wizard.fields() if item["name"] in self.widgets]
        for item, shown in zip(items, self.wizard.are_shown(items), strict=True):
            self.widgets[item["name"]].setVisible(shown)

    def _describe_member(self, repeat: Mapping[str, Any], member: Any) -> str:
        """One line about a person, on the household's list."""
        assert self.draft is not None
        choices = self.draft.form.data.get("choices", {})
        return describe_member(repeat, member, choices, self._comuni or [], self.ctx.lang)

    # Household members -------------------------------------------------------------

    def _edit_member(self, index: int | None) -> None:
        self._collect()
        self.wizard.edit_member(index)
        self._render()

    def _leave_member(self) -> None:
        """Cancel or Back on a person: what was typed about them is lost, so ask first
        (nothing typed or changed: nothing to ask)."""
        self._collect()
        if not self.wizard.member_changed():
            self._cancel_member()
            return
        self.typing.show(False)
        self.discard.ask_texts(
            lambda: (
                self.tr("Discard this person?"),
                self.tr("What you typed about this person will not be kept."),
                self.tr("No, go on"),
                self.tr("Yes, discard"),
            )
        )

    def _cancel_member(self) -> None:
        self.wizard.leave_member()
        self._render()

    def _remove_member(self, index: int) -> None:
        # A button takes the focus from keys only (a tap never does): on the page drawn
        # again, keys go on from the next person's card, or from "Add a person".
        people = self.sender()
        focus = QApplication.focusWidget()
        keyed = isinstance(people, RepeatField) and focus is not None and people.isAncestorOf(focus)
        name = people.name if isinstance(people, RepeatField) else None
        self._collect()
        self.wizard.remove_member(index)
        self._render()
        shown = self.widgets.get(name) if name is not None else None
        if keyed and isinstance(shown, RepeatField):
            self._focus_after_removal(shown, index)

    def _focus_after_removal(self, people: RepeatField, index: int) -> None:
        """The card now in the removed person's place (the next person), else "Add a
        person", else the card before."""

        def buttons(number: int) -> list[QAbstractButton]:
            cards = people.findChildren(QWidget, f"member_{people.name}_{number}")
            return [b for c in cards if not c.isHidden() for b in c.findChildren(QAbstractButton)]

        for target in (*buttons(index + 1), people.add_button, *buttons(index)):
            if target.isVisible() and target.isEnabled():
                target.setFocus(Qt.FocusReason.TabFocusReason)
                return

    # Next, problems and submission -------------------------------------------------

    def _next(self) -> None:
        if self.wizard.step in ASKING:
            self._collect()
        outcome = self.wizard.next()
        if outcome == Outcome.FINISHED:
            self.visit_finished.emit()
        elif outcome == Outcome.LEAVE:
            self.go("calls")
        elif outcome == Outcome.MOVED:
            self._render()
        elif outcome == Outcome.PROBLEMS:
            self._show_problems()
        elif outcome == Outcome.SUBMIT:
            self.retranslate()
            self.submit_requested.emit(self.draft)

    def _show_problems(self) -> None:
        """Each problem under its question; a person's problems on that person's card."""
        self.typing.show(False)  # the problems need the room
        shown = {name for name, widget in self.widgets.items() if not widget.isHidden()}
        placed = place_problems(self.wizard.problems, self.wizard.fields(), shown, self.ctx.lang)
        for name, widget in self.widgets.items():
            widget.set_error(placed.under.get(name))
            if isinstance(widget, RepeatField):
                widget.set_member_errors(placed.members.get(name, {}))
        summary = self.tr("Please check the answers marked below.")
        self.banner.setText("\n".join(["⚠  " + summary, *placed.elsewhere]))
        self.banner.setVisible(bool(self.wizard.problems))
        first = next((w for w in self.widgets.values() if not w.error.isHidden()), None)
        if first is not None:
            self.area.ensureWidgetVisible(first)

    def show_submitted(self, result: Submitted | list[Problem]) -> None:
        """The controller's answer: saved (with its tracking code), or refused."""
        assert self.draft is not None
        if not isinstance(result, list):
            self.ctx.citizen.drafts.pop(self.draft.call_id, None)
        self.wizard.sent(result)
        self._render()

    def show_call_gone(self) -> None:
        """The call closed (or its form changed) before the application was sent: the
        page that says it may have just closed, as for a call opened too late."""
        if self.draft is not None:
            self.ctx.citizen.drafts.pop(self.draft.call_id, None)
        self.wizard.opened(None)
        self._render()

    def show_submit_failed(self) -> None:
        self.wizard.send_failed()
        self._render()
        self.banner.setText(
            "⚠  "
            + self.tr(
                "The application could not be saved. Nothing you typed is lost: please try"
                " again, or ask the welfare manager at the desk."
            )
        )
        self.banner.show()

    def show_protocol(self, protocol: str | None, online: bool, refused: bool = False) -> None:
        self.wizard.protocol, self.wizard.online = protocol, online
        self.wizard.refused = refused
        if self.wizard.step == Step.DONE:
            self.retranslate()

    # Scanner -----------------------------------------------------------------------

    def take_scanned(self, text: str) -> bool:
        """A card read by the barcode scanner: its code goes into a codice fiscale field
        of this page (the one being typed in, else the first still empty)."""
        if not self.isVisible() or self.wizard.step not in ASKING:
            return False
        fields = [
            w
            for w in self.widgets.values()
            if w.item["type"] == "codice_fiscale" and not w.isHidden()
        ]
        if not fields:
            return False
        focus = QApplication.focusWidget()
        target = next((w for w in fields if focus in w.text_inputs()), None)
        target = target or next((w for w in fields if w.value() is None), fields[0])
        target.set_value(text)
        target.set_error(None)
        return True

    # Texts -------------------------------------------------------------------------

    def retranslate(self) -> None:
        lang, wizard, step = self.ctx.lang, self.wizard, self.wizard.step
        self.typing.retranslate()  # the keys, an amount's decimal sign
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setVisible(step == Step.MEMBER)
        typing = self.keyboard.isVisibleTo(self)  # the banner gives the keys its room
        self.banner.setVisible(
            bool(wizard.problems) and step in (*ASKING, Step.REVIEW) and not typing
        )
        shown = heading(wizard, lang)
        self.call_title.setText(shown.call_title)
        self.progress.setText(shown.progress)
        self.page_title.setText(shown.page_title)
        self.next_button.setVisible(bool(shown.button))
        self.next_settling.set_text(shown.button)
        self.next_button.setEnabled(shown.button_enabled)
        if shown.banner:
            self.banner.setText(f"⚠  {shown.banner}")
        if wizard.draft is None or step == Step.UNAVAILABLE:
            if self.unavailable is not None:
                self.unavailable.setText(
                    self.tr(
                        "It may have just closed, or its form has not reached this kiosk yet."
                        " The welfare manager at the desk can help you."
                    )
                )
        elif step == Step.NOTICE and self.notice is not None:
            self.notice.retranslate(lang)
        elif step in ASKING:
            for widget in self.widgets.values():
                widget.retranslate(lang)
            if wizard.problems:
                self._show_problems()
        elif step in (Step.REVIEW, Step.SENDING) and self._review_lang != lang:
            self._clear_area()  # the answers read back in the new language
            self._render_review()
        elif step == Step.DONE and wizard.submitted is not None and self.done is not None:
            code = wizard.submitted.tracking_code
            self.done.show_result(code, wizard.protocol, wizard.online, lang, wizard.refused)
