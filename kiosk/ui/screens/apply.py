# SPDX-License-Identifier: EUPL-1.2
"""Applying for a call: the Comune's privacy notice, the form one short page at a time,
a review, then submission.

The first step is the call's privacy notice (GDPR art. 13), in full, before any personal
data is typed; "Print the notice" prints it. The citizen goes on once they say they read it.

This module is the view. The wizard's state and rules (steps, "Next" and "Back", a
household member's page, the form's checks) are kiosk.core.apply_wizard.ApplyWizard,
tested without Qt; the on-screen keyboard under the page is
kiosk.ui.widgets.form_keyboard.FormKeyboard. The answers live in the citizen's draft
(kiosk.core.applying.Draft, held by the visit), so Back, leaving for the catalog and
coming back lose nothing; the idle timeout forgets it. Problems are shown under their
questions. Reading the call and its form happens on a worker thread; submission runs off
the UI thread too (see ApplyController).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QVBoxLayout,
)

from forms.answers import Problem
from kiosk.core import local_time
from kiosk.core.apply_wizard import ASKING, ApplyWizard, Outcome, Step
from kiosk.core.applying import Draft, open_call
from kiosk.core.privacy import printed_notice
from kiosk.ui.screens.base import DataScreen, UiContext
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.widgets.common import ScrollList, button, card, label, personal
from kiosk.ui.widgets.form_fields import (
    FieldWidget,
    Option,
    RepeatField,
    answer_text,
    field_widget,
    review_line,
)
from kiosk.ui.widgets.form_keyboard import FormKeyboard
from kiosk.ui.widgets.overlay import Confirm
from kiosk.ui.widgets.privacy_notice import NoticeView
from languages import left_to_right
from printing.documents import privacy_notice
from store.catalog import CatalogReader, pick

if TYPE_CHECKING:
    from kiosk.core.applying import Submitted

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

        self.call_title = label(role="muted", name="applyCallTitle")
        self.progress = label(role="muted", name="applyProgress")
        self.page_title = label(role="title", name="applyPageTitle")
        self.banner = label(role="fieldError", name="applyBanner")
        self.banner.hide()
        self.area = ScrollList(name="applyPage", spacing=18)
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
        self.next_button.clicked.connect(self._next)
        actions.addWidget(self.cancel_button)
        actions.addStretch(1)
        actions.addWidget(self.next_button)
        self.body.addLayout(actions)
        self.typing = FormKeyboard(
            self,
            self.area,
            lambda: self.widgets.values(),
            (self.call_title, self.progress, self.page_title),
            language_of=lambda: self.ctx.lang,
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
        self.wizard.loading()
        draft = self.ctx.citizen.drafts.get(call_id)
        if draft is not None and self._comuni is not None:
            self._opening = None
            self.wizard.opened(draft)
        else:
            self._opening = call_id
            self._read_call(call_id)
        self._render()

    def _read_call(self, call_id: str) -> None:
        """A new draft for the call, and the Comuni (answer options), read on a worker
        thread: a form definition is parsed and checked on the way."""
        store, catalog = self.catalog.store, self.catalog

        def work() -> tuple[Draft | None, list[Option]]:
            draft = open_call(store, call_id, datetime.now(UTC))
            return draft, [(c.id, {"it": c.name}) for c in catalog.comuni()]

        def failed(error: BaseException) -> None:
            log.error("application: the call could not be read", exc_info=error)
            self.show_opened(call_id, None, [])

        self._reader.run(work, lambda found: self.show_opened(call_id, *found), failed)

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
        self.wizard.forget()
        self.typing.show(False)
        self.area.clear()
        self.widgets = {}

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
        self.area.clear()
        self.widgets = {}
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
        assert self.draft is not None
        draft, lang = self.draft, self.ctx.lang
        choices = draft.form.data.get("choices", {})
        assert self._comuni is not None
        cleaned = self.wizard.review()
        for index in self.wizard.visible_indexes():
            page = draft.pages[index]
            section = card()
            column = QVBoxLayout(section)
            column.setContentsMargins(28, 18, 28, 18)
            top = QHBoxLayout()
            top.addWidget(label(pick(page["title"], lang), role="heading"), 1)
            change = button(self.tr("Change"), name=f"change_{page['id']}", role="chip")
            change.clicked.connect(lambda _=False, i=index: self._go_to_page(i))
            top.addWidget(change)
            column.addLayout(top)
            for item in page["fields"]:
                if item["type"] in ("calculated", "note") or item["name"] not in cleaned:
                    continue
                value = cleaned[item["name"]]
                question = pick(item["label"], lang)
                if item["type"] == "repeat":
                    column.addWidget(label(question, role="cardTitle"))
                    for n, member in enumerate(value, start=1):
                        line = self.tr("Person {n}: {who}").format(
                            n=n, who=self._describe_member(item, member)
                        )
                        column.addWidget(personal(label(line)))
                    continue
                shown = answer_text(item, value, choices, self._comuni, lang)
                column.addWidget(personal(label(review_line(question, shown))))
            self.area.add(section)
        hint = self._eligibility_hint(cleaned)
        if hint:
            self.area.add(label(hint, role="heading", name="eligibilityHint"))
        self.area.add(
            label(
                self.tr(
                    "The Comune examines every application: this kiosk does not decide who is"
                    " admitted."
                ),
                role="muted",
            )
        )

    def _eligibility_hint(self, cleaned: dict[str, Any]) -> str:
        unmet_rules = self.wizard.eligibility(cleaned)
        if unmet_rules is None:
            return ""
        unmet = [pick(message, self.ctx.lang) for message in unmet_rules]
        if unmet:
            return self.tr("Please note: {reasons}").format(reasons=" ".join(unmet))
        return self.tr(
            "From your answers you seem to meet the requirements. The Comune will decide."
        )

    def _render_done(self) -> None:
        self.code = personal(label(role="price", name="trackingCode"))
        self.protocol_line = label(role="heading", name="protocolLine")
        self.done_lines = label(name="doneLines")
        for widget in (self.code, self.protocol_line, self.done_lines):
            self.area.add(widget)

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
        for item in self.wizard.fields():
            widget = self.widgets.get(item["name"])
            if widget is not None:
                widget.setVisible(self.wizard.is_shown(item))

    def _describe_member(self, repeat: Mapping[str, Any], member: Any) -> str:
        """One line about a person: the first few answers given about them."""
        assert self.draft is not None
        choices = self.draft.form.data.get("choices", {})
        parts = []
        for item in repeat["fields"]:
            if item["name"] in member and item["type"] not in ("yes_no", "declaration"):
                parts.append(
                    answer_text(
                        item, member[item["name"]], choices, self._comuni or [], self.ctx.lang
                    )
                )
        return " · ".join(parts[:4]) or self.tr("(no answers yet)")

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
        self._collect()
        self.wizard.remove_member(index)
        self._render()

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
        lang = self.ctx.lang
        self.typing.show(False)  # the problems need the room
        for widget in self.widgets.values():
            widget.set_error(None)
            if isinstance(widget, RepeatField):
                widget.set_member_errors({})
        member_errors: dict[str, dict[int, list[str]]] = {}
        elsewhere = []
        for problem in self.wizard.problems:
            parts = problem.path.split(".")
            target = self.widgets.get(parts[0])
            if target is None or target.isHidden():
                elsewhere.append(problem.message(lang))
            elif len(parts) == 3 and isinstance(target, RepeatField):
                sub = next(f for f in target.item["fields"] if f["name"] == parts[2])
                text = f"{pick(sub['label'], lang)}: {problem.message(lang)}"
                member_errors.setdefault(parts[0], {}).setdefault(int(parts[1]), []).append(text)
            elif target.error.isHidden():
                target.set_error(problem.message(lang))
        for name, errors in member_errors.items():
            repeat = self.widgets[name]
            assert isinstance(repeat, RepeatField)
            repeat.set_member_errors(errors)
        summary = self.tr("Please check the answers marked below.")
        self.banner.setText("\n".join(["⚠  " + summary, *elsewhere]))
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

    def show_protocol(self, protocol: str | None, online: bool) -> None:
        self.wizard.protocol, self.wizard.online = protocol, online
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
        lang, wizard = self.ctx.lang, self.wizard
        step, problems = wizard.step, wizard.problems
        self.keyboard.retranslate()
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setVisible(step == Step.MEMBER)
        self.banner.setVisible(bool(problems) and step in (*ASKING, Step.REVIEW))
        self.next_button.setVisible(step != Step.LOADING)
        if step == Step.LOADING:
            for text in (self.call_title, self.progress, self.page_title):
                text.setText("")
            return
        if self.draft is None or step == Step.UNAVAILABLE:
            self._retranslate_unavailable()
            return
        draft = self.draft
        self.call_title.setText(pick(draft.call_title, lang))
        position, total = wizard.progress()
        if step == Step.NOTICE:
            self.progress.setText(self.tr("Before you start"))
            self.page_title.setText(self.tr("Privacy notice"))
            self.next_button.setText(self.tr("I have read it, go on"))
            self.notice.retranslate(lang)
        elif step in ASKING:
            self.progress.setText(self.tr("Step {n} of {total}").format(n=position, total=total))
            page = draft.pages[draft.page]
            if step == Step.MEMBER:
                self.page_title.setText(self.tr("Person {n}").format(n=wizard.person_number()))
                self.next_button.setText(self.tr("Save this person"))
            else:
                self.page_title.setText(pick(page["title"], lang))
                self.next_button.setText(self.tr("Next ›"))
            for widget in self.widgets.values():
                widget.retranslate(lang)
            if problems:
                self._show_problems()
        elif step in (Step.REVIEW, Step.SENDING):
            self.progress.setText(self.tr("Step {n} of {total}").format(n=total, total=total))
            self.page_title.setText(self.tr("Check your answers and send"))
            self.next_button.setText(
                self.tr("Sending…") if step == Step.SENDING else self.tr("Send the application")
            )
            self.next_button.setEnabled(step == Step.REVIEW and not problems)
            if problems:
                self.banner.setText(
                    "⚠  "
                    + self.tr(
                        "Some answers are missing or need checking: tap Change next to the part"
                        " to complete."
                    )
                )
            return
        else:
            self._retranslate_done()
        self.next_button.setEnabled(True)

    def _retranslate_done(self) -> None:
        submitted, protocol = self.wizard.submitted, self.wizard.protocol
        assert submitted is not None
        self.progress.setText("")
        self.page_title.setText(self.tr("Your application has been saved"))
        self.next_button.setText(self.tr("Finish"))
        self.code.setText(
            self.tr("Your tracking code: {code}").format(
                code=left_to_right(submitted.tracking_code, self.ctx.lang)
            )
        )
        if protocol:
            protocol_line = self.tr("Protocol number: {protocol}").format(
                protocol=left_to_right(protocol, self.ctx.lang)
            )
        elif self.wizard.online:
            protocol_line = self.tr("The Comune is giving it a protocol number…")
        else:
            protocol_line = self.tr(
                "This Social Point is offline right now: the application will leave by"
                " itself as soon as it can. You will find its protocol number with the"
                " tracking code."
            )
        self.protocol_line.setText(protocol_line)
        self.done_lines.setText(
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

    def _retranslate_unavailable(self) -> None:
        self.call_title.setText("")
        self.progress.setText("")
        self.page_title.setText(self.tr("This call cannot be applied for here"))
        self.next_button.setText(self.tr("Back to the calls"))
        self.next_button.setEnabled(True)
        if hasattr(self, "unavailable"):
            self.unavailable.setText(
                self.tr(
                    "It may have just closed, or its form has not reached this kiosk yet."
                    " The welfare manager at the desk can help you."
                )
            )
