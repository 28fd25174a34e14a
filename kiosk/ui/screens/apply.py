# SPDX-License-Identifier: EUPL-1.2
"""Applying for a call: the Comune's privacy notice, the form one short page at a time,
a review, then submission.

The first step is the call's privacy notice (GDPR art. 13), in full, before any personal
data is typed; "Print the notice" prints it. The citizen goes on once they say they read it.

The wizard keeps the answers in the citizen's draft (kiosk.core.applying.Draft, held by the
session), so Back, leaving for the catalog and coming back lose nothing; the idle
timeout forgets it. "Next" checks the page with the form's own rules and shows each
problem under its question. Household members are edited one person at a time on a
page of their own. Submission itself runs off the UI thread (see ApplyController).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from forms.answers import Problem, check, eligibility, is_visible, visible_pages
from forms.prefill import first_item
from kiosk.core.applying import Draft, NotAvailableError, start
from kiosk.core.privacy import printed_notice
from kiosk.ui.screens.base import DataScreen, UiContext
from kiosk.ui.widgets.common import ScrollList, button, card, label
from kiosk.ui.widgets.form_fields import (
    FieldWidget,
    Option,
    RepeatField,
    answer_text,
    field_widget,
    review_line,
)
from kiosk.ui.widgets.keyboard import OnScreenKeyboard
from kiosk.ui.widgets.overlay import Confirm
from kiosk.ui.widgets.privacy_notice import NoticeView
from languages import left_to_right
from printing.documents import privacy_notice
from store.catalog import CatalogReader, pick

if TYPE_CHECKING:
    from kiosk.core.applying import Submitted

CAPITALISED = ("text", "long_text")  # names and addresses: each word starts with a capital


def today() -> date:
    return datetime.now(UTC).date()


class ApplyScreen(DataScreen):
    route = "apply"
    submit_requested = Signal(object)  # the Draft, for the ApplyController

    def __init__(self, ctx: UiContext, catalog: CatalogReader) -> None:
        super().__init__(ctx, catalog)
        self.draft: Draft | None = None
        # notice | page | member | review | sending | done | unavailable
        self.mode = "page"
        self.member: dict[str, Any] = {}
        self._member_before: dict[str, Any] = {}  # to tell whether anything was typed
        self.member_index: int | None = None  # None: a person being added
        self.submitted: Submitted | None = None
        self.protocol: str | None = None
        self.online = True
        self.problems: list[Problem] = []
        self.widgets: dict[str, FieldWidget] = {}
        self._comuni: list[Option] = []
        self._rendering = False

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
        self.keyboard = OnScreenKeyboard(for_forms=True, language_of=lambda: self.ctx.lang)
        self.keyboard.closed.connect(lambda: self._show_keyboard(False))
        self.keyboard.hide()
        self.dock.addWidget(self.keyboard)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)
        self.discard = Confirm(self, "discardPerson")
        self.discard.accepted.connect(self._cancel_member)

    # Entering, and the draft ---------------------------------------------------------

    def enter(self, **params: Any) -> None:
        call_id = str(params.get("call_id", ""))
        self._comuni = [(c.id, {"it": c.name}) for c in self.catalog.comuni()]
        # A confirmation is never shown again: whoever opens the call next (maybe the
        # next person, if this one left without "Finish") starts a new application.
        if self.mode == "done":
            self.forget()
        self.submitted, self.protocol, self.problems = None, None, []
        draft = self.ctx.citizen.drafts.get(call_id)
        if draft is None:
            try:
                with self.catalog.store.read() as session:
                    draft = start(session, call_id, datetime.now(UTC))
            except NotAvailableError:
                self.draft, self.mode = None, "unavailable"
                self._render()
                return
            self.ctx.citizen.drafts[call_id] = draft
        self.draft = draft
        if draft.needs_notice:
            self.mode = "notice"
        else:
            self.mode = "review" if draft.page >= len(draft.pages) else "page"
        self._render()

    def forget(self) -> None:
        self.discard.hide()
        self.draft, self.submitted, self.protocol = None, None, None
        self.member, self.member_index, self.problems = {}, None, []
        self.mode = "page"
        self._show_keyboard(False)
        self.area.clear()
        self.widgets = {}

    def step_back(self) -> bool:
        if self.draft is None or self.mode in ("notice", "done", "unavailable", "sending"):
            return False
        if self.mode == "member":
            self._leave_member()
            return True
        self._collect()
        earlier = [i for i in self._visible_indexes() if i < self.draft.page]
        if not earlier:
            return False  # the first page: back to the calls, the draft is kept
        self._go_to_page(earlier[-1])
        return True

    def _visible_indexes(self) -> list[int]:
        assert self.draft is not None
        shown = {id(p) for p in visible_pages(self.draft.form, self.draft.answers, today())}
        return [i for i, page in enumerate(self.draft.pages) if id(page) in shown]

    def _go_to_page(self, index: int) -> None:
        assert self.draft is not None
        self.draft.page = index
        self.mode = "review" if index >= len(self.draft.pages) else "page"
        self.problems = []
        self._render()

    # Rendering -----------------------------------------------------------------------

    def _render(self) -> None:
        self._show_keyboard(False)
        # The old fields go one by one: Qt would hand the focus from each to the next,
        # and each would open the keyboard for a field about to be deleted.
        self._rendering = True
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            focused.clearFocus()
        self.keyboard.unbind()
        self.area.clear()
        self.area.widget().setMinimumHeight(0)  # room a closed keyboard left is not kept
        self._show_titles(True)
        self.widgets = {}
        self._rendering = False
        if self.mode == "unavailable" or self.draft is None:
            self._render_unavailable()
        elif self.mode == "notice":
            self._render_notice()
        elif self.mode in ("page", "member"):
            self._render_fields()
        elif self.mode in ("review", "sending"):
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

    def _fields(self) -> list[dict[str, Any]]:
        """The questions on screen: the page's, or those about one person."""
        assert self.draft is not None
        if self.mode == "member":
            return list(self._repeat_item()["fields"])
        return list(self.draft.pages[self.draft.page]["fields"])

    def _repeat_item(self) -> dict[str, Any]:
        assert self.draft is not None
        page = self.draft.pages[self.draft.page]
        return next(item for item in page["fields"] if item["type"] == "repeat")

    def _render_fields(self) -> None:
        assert self.draft is not None
        choices = self.draft.form.data.get("choices", {})
        values = self.member if self.mode == "member" else self.draft.answers
        if self.mode == "page":
            self._start_repeats_with_first_item()
        for item in self._fields():
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

    def _start_repeats_with_first_item(self) -> None:
        """The household starts with the applicant in it (the form's ``first_item``),
        once: a person the citizen removed stays removed."""
        assert self.draft is not None
        for item in self._fields():
            if item["type"] == "repeat" and item["name"] not in self.draft.answers:
                first = first_item(item, self.draft.answers)
                if first:
                    self.draft.answers[item["name"]] = [first]

    def _render_review(self) -> None:
        assert self.draft is not None
        draft, lang = self.draft, self.ctx.lang
        choices = draft.form.data.get("choices", {})
        cleaned, self.problems = draft.all_problems(today())
        for index in self._visible_indexes():
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
                        column.addWidget(label(line))
                    continue
                shown = answer_text(item, value, choices, self._comuni, lang)
                column.addWidget(label(review_line(question, shown)))
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
        assert self.draft is not None
        rules = eligibility(self.draft.form, cleaned, today())
        if not rules or self.problems:
            return ""
        unmet = [
            pick(message, self.ctx.lang)
            for kind, met, message in rules
            if kind == "hard" and not met
        ]
        if unmet:
            return self.tr("Please note: {reasons}").format(reasons=" ".join(unmet))
        return self.tr(
            "From your answers you seem to meet the requirements. The Comune will decide."
        )

    def _render_done(self) -> None:
        self.code = label(role="price", name="trackingCode")
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
        if self.draft is None or self.mode not in ("page", "member"):
            return
        target = self.member if self.mode == "member" else self.draft.answers
        for name, widget in self.widgets.items():
            if isinstance(widget, RepeatField):
                continue  # the members are kept in the draft as they are edited
            value = widget.value()
            if value is None:
                target.pop(name, None)
            else:
                target[name] = value

    def _on_edited(self) -> None:
        self._collect()
        sender = self.sender()
        if isinstance(sender, FieldWidget):
            sender.set_error(None)  # the citizen is correcting it
        self._update_visibility()

    def _update_visibility(self) -> None:
        assert self.draft is not None
        scope = (
            {**self.draft.answers, **self.member} if self.mode == "member" else (self.draft.answers)
        )
        for item in self._fields():
            widget = self.widgets.get(item["name"])
            if widget is not None:
                widget.setVisible(is_visible(self.draft.form, item, scope, today()))

    def _describe_member(self, repeat: dict[str, Any], member: dict[str, Any]) -> str:
        """One line about a person: the first few answers given about them."""
        assert self.draft is not None
        choices = self.draft.form.data.get("choices", {})
        parts = []
        for item in repeat["fields"]:
            if item["name"] in member and item["type"] not in ("yes_no", "declaration"):
                parts.append(
                    answer_text(item, member[item["name"]], choices, self._comuni, self.ctx.lang)
                )
        return " · ".join(parts[:4]) or self.tr("(no answers yet)")

    # Household members -------------------------------------------------------------

    def _edit_member(self, index: int | None) -> None:
        assert self.draft is not None
        self._collect()
        members = self.draft.answers.get(self._repeat_item()["name"], [])
        self.member_index = index
        self.member = dict(members[index]) if index is not None else {}
        self._member_before = dict(self.member)
        self.mode = "member"
        self.problems = []
        self._render()

    def _leave_member(self) -> None:
        """Cancel or Back on a person: what was typed about them is lost, so ask first
        (nothing typed or changed: nothing to ask)."""
        self._collect()
        if self.member == self._member_before:
            self._cancel_member()
            return
        self._show_keyboard(False)
        self.discard.ask_texts(
            lambda: (
                self.tr("Discard this person?"),
                self.tr("What you typed about this person will not be kept."),
                self.tr("No, go on"),
                self.tr("Yes, discard"),
            )
        )

    def _cancel_member(self) -> None:
        self.member, self.member_index = {}, None
        self.mode = "page"
        self.problems = []
        self._render()

    def _save_member(self) -> None:
        assert self.draft is not None
        self._collect()
        name = self._repeat_item()["name"]
        trial = list(self.draft.answers.get(name, []))
        if self.member_index is None:
            trial.append(dict(self.member))
            position = len(trial)
        else:
            trial[self.member_index] = dict(self.member)
            position = self.member_index + 1
        page_id = self.draft.pages[self.draft.page]["id"]
        trial_answers = {**self.draft.answers, name: trial}
        _cleaned, problems = check(
            self.draft.form, trial_answers, today=today(), pages={page_id}, comuni=self.draft.comuni
        )
        prefix = f"{name}.{position}."
        mine = [
            Problem(p.path[len(prefix) :], p.code, p.params, p.text)
            for p in problems
            if p.path.startswith(prefix)
        ]
        if mine:
            self.problems = mine
            self._show_problems()
            return
        self.draft.answers[name] = trial
        self._cancel_member()

    def _remove_member(self, index: int) -> None:
        assert self.draft is not None
        self._collect()
        name = self._repeat_item()["name"]
        members = list(self.draft.answers.get(name, []))
        del members[index]
        self.draft.answers[name] = members
        self.problems = []
        self._render()

    # Next, problems and submission -------------------------------------------------

    def _next(self) -> None:
        if self.mode == "done":
            self.visit_finished.emit()
            return
        if self.draft is None or self.mode == "unavailable":
            self.go("calls")
            return
        if self.mode == "member":
            self._save_member()
            return
        if self.mode == "notice":
            self.draft.notice_read = True
            self._go_to_page(self.draft.page)
            return
        if self.mode == "review":
            if not self.problems:
                self.mode = "sending"
                self.retranslate()
                self.submit_requested.emit(self.draft)
            return
        self._collect()
        self.problems = self.draft.page_problems(today())
        if self.problems:
            self._show_problems()
            return
        later = [i for i in self._visible_indexes() if i > self.draft.page]
        self._go_to_page(later[0] if later else len(self.draft.pages))

    def _show_problems(self) -> None:
        """Each problem under its question; a person's problems on that person's card."""
        lang = self.ctx.lang
        self._show_keyboard(False)  # the problems need the room
        for widget in self.widgets.values():
            widget.set_error(None)
            if isinstance(widget, RepeatField):
                widget.set_member_errors({})
        member_errors: dict[str, dict[int, list[str]]] = {}
        elsewhere = []
        for problem in self.problems:
            parts = problem.path.split(".")
            widget = self.widgets.get(parts[0])
            if widget is None or widget.isHidden():
                elsewhere.append(problem.message(lang))
            elif len(parts) == 3 and isinstance(widget, RepeatField):
                sub = next(f for f in widget.item["fields"] if f["name"] == parts[2])
                text = f"{pick(sub['label'], lang)}: {problem.message(lang)}"
                member_errors.setdefault(parts[0], {}).setdefault(int(parts[1]), []).append(text)
            elif widget.error.isHidden():
                widget.set_error(problem.message(lang))
        for name, errors in member_errors.items():
            repeat = self.widgets[name]
            assert isinstance(repeat, RepeatField)
            repeat.set_member_errors(errors)
        summary = self.tr("Please check the answers marked below.")
        self.banner.setText("\n".join(["⚠  " + summary, *elsewhere]))
        self.banner.setVisible(bool(self.problems))
        first = next((w for w in self.widgets.values() if not w.error.isHidden()), None)
        if first is not None:
            self.area.ensureWidgetVisible(first)

    def show_submitted(self, result: Submitted | list[Problem]) -> None:
        """The controller's answer: saved (with its tracking code), or refused."""
        assert self.draft is not None
        if isinstance(result, list):
            self.mode = "review"
            self._render()
            return
        self.ctx.citizen.drafts.pop(self.draft.call_id, None)
        self.submitted = result
        self.mode = "done"
        self._render()

    def show_submit_failed(self) -> None:
        self.mode = "review"
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
        self.protocol, self.online = protocol, online
        if self.mode == "done":
            self.retranslate()

    # Scanner and keyboard ----------------------------------------------------------

    def take_scanned(self, text: str) -> bool:
        """A card read by the barcode scanner: its code goes into a codice fiscale field
        of this page (the one being typed in, else the first still empty)."""
        if not self.isVisible() or self.mode not in ("page", "member"):
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

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not self.isVisible() or self._rendering or not new.isVisible():
            return
        for widget in self.widgets.values():
            if new in widget.text_inputs():
                assert isinstance(new, QLineEdit | QPlainTextEdit)
                # Names and addresses in the citizen's letters; codes, numbers, dates,
                # a codice fiscale, an IBAN, a phone or an e-mail in Latin ones.
                typed_words = widget.item["type"] in CAPITALISED
                self.keyboard.bind(new, capitalise=typed_words, latin_only=not typed_words)
                self._show_keyboard(True)
                # After the layout has made room for the keyboard:
                QTimer.singleShot(0, lambda w=widget: self.area.ensureWidgetVisible(w))
                return

    def _show_keyboard(self, visible: bool) -> None:
        # The keyboard takes the room of the call's name, the step and the page's title,
        # so the question being answered and its neighbours stay in view on a
        # 1080-pixel-high panel. They come back with the next page, not when the
        # keyboard closes: the page grows downwards and nothing on it moves.
        focused = QApplication.focusWidget()
        anchor = focused if focused is not None and self.area.isAncestorOf(focused) else None
        before = anchor.mapTo(self, QPoint(0, 0)).y() if anchor and not visible else None
        self.keyboard.setVisible(visible)
        if visible:
            self._show_titles(False)
        if anchor is not None and before is not None:
            self._keep_in_place(anchor, before)

    def _show_titles(self, visible: bool) -> None:
        for title in (self.call_title, self.progress, self.page_title):
            title.setVisible(visible)

    def _keep_in_place(self, anchor: QWidget, before: int) -> None:
        """When the keyboard goes, the field being typed in stays where the citizen's
        eyes are: a short page would be pulled down to fill the taller view, so room is
        added under its last field instead."""
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        moved = anchor.mapTo(self, QPoint(0, 0)).y() - before
        if not moved:
            return
        bar, content = self.area.verticalScrollBar(), self.area.widget()
        wanted = max(0, bar.value() + moved)
        if wanted > bar.maximum():
            content.setMinimumHeight(content.height() + wanted - bar.maximum())
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        bar.setValue(wanted)

    # Texts -------------------------------------------------------------------------

    def retranslate(self) -> None:
        lang = self.ctx.lang
        self.keyboard.retranslate()
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setVisible(self.mode == "member")
        self.banner.setVisible(bool(self.problems) and self.mode in ("page", "member", "review"))
        if self.draft is None or self.mode == "unavailable":
            self._retranslate_unavailable()
            return
        draft = self.draft
        self.call_title.setText(pick(draft.call_title, lang))
        visible = self._visible_indexes()
        total = len(visible) + 1
        if self.mode == "notice":
            self.progress.setText(self.tr("Before you start"))
            self.page_title.setText(self.tr("Privacy notice"))
            self.next_button.setText(self.tr("I have read it, go on"))
            self.notice.retranslate(lang)
        elif self.mode in ("page", "member"):
            position = visible.index(draft.page) + 1 if draft.page in visible else 1
            self.progress.setText(self.tr("Step {n} of {total}").format(n=position, total=total))
            page = draft.pages[draft.page]
            if self.mode == "member":
                n = (
                    self.member_index + 1
                    if self.member_index is not None
                    else len(draft.answers.get(self._repeat_item()["name"], [])) + 1
                )
                self.page_title.setText(self.tr("Person {n}").format(n=n))
                self.next_button.setText(self.tr("Save this person"))
            else:
                self.page_title.setText(pick(page["title"], lang))
                self.next_button.setText(self.tr("Next ›"))
            for widget in self.widgets.values():
                widget.retranslate(lang)
            if self.problems:
                self._show_problems()
        elif self.mode in ("review", "sending"):
            self.progress.setText(self.tr("Step {n} of {total}").format(n=total, total=total))
            self.page_title.setText(self.tr("Check your answers and send"))
            self.next_button.setText(
                self.tr("Sending…") if self.mode == "sending" else self.tr("Send the application")
            )
            self.next_button.setEnabled(self.mode == "review" and not self.problems)
            if self.problems:
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
        assert self.submitted is not None
        self.progress.setText("")
        self.page_title.setText(self.tr("Your application has been saved"))
        self.next_button.setText(self.tr("Finish"))
        self.code.setText(
            self.tr("Your tracking code: {code}").format(
                code=left_to_right(self.submitted.tracking_code, self.ctx.lang)
            )
        )
        if self.protocol:
            protocol = self.tr("Protocol number: {protocol}").format(
                protocol=left_to_right(self.protocol, self.ctx.lang)
            )
        elif self.online:
            protocol = self.tr("The Comune is giving it a protocol number…")
        else:
            protocol = self.tr(
                "This Social Point is offline right now: the application will leave by"
                " itself as soon as it can. You will find its protocol number with the"
                " tracking code."
            )
        self.protocol_line.setText(protocol)
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
