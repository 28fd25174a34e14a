# SPDX-License-Identifier: EUPL-1.2
"""The application wizard without Qt: which step the citizen is on, what "Next", "Back"
and a household member's page do, and the form's own rules at each step.

The view (kiosk/ui/screens/apply.py) shows the state and hands the answers typed on
screen to ``take``; everything it decides comes from here, so it is tested without a
window (tests/kiosk/test_apply_wizard.py). The answers themselves live in the citizen's
draft (kiosk.core.applying.Draft), held by the visit, so leaving and coming back loses
nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from forms.answers import (
    Problem,
    check,
    eligibility,
    shown_answers,
    visible_items,
    visible_pages,
)
from forms.prefill import first_item
from kiosk.core.applying import Draft, Submitted


class Step(StrEnum):
    LOADING = "loading"  # the call and its form are being read (off the UI thread)
    NOTICE = "notice"  # the Comune's privacy notice, before any personal data is typed
    PAGE = "page"  # a page of the form
    MEMBER = "member"  # one household member's questions
    REVIEW = "review"  # every answer, then Send
    SENDING = "sending"
    DONE = "done"  # saved: the tracking code (and, once it comes, the protocol number)
    UNAVAILABLE = "unavailable"  # closed, unknown, or its form is not here yet


class Outcome(StrEnum):
    """What a tap on the main button led to, for the view."""

    FINISHED = "finished"  # the citizen is done: the visit ends
    LEAVE = "leave"  # back to the calls
    MOVED = "moved"  # another page, or the person was saved: draw it
    PROBLEMS = "problems"  # shown under their questions; nothing moved
    SUBMIT = "submit"  # the draft goes to be saved
    NOTHING = "nothing"  # the step takes no tap now (sending, or answers missing)


# The steps where questions are on screen.
ASKING = (Step.PAGE, Step.MEMBER)


@dataclass
class ApplyWizard:
    # Today in the kiosk's configured zone (kiosk.core.local_time.today): a birth date
    # or a deadline is judged on the applicant's calendar, not UTC's nor the machine's.
    today: Callable[[], date]
    draft: Draft | None = None
    step: Step = Step.PAGE
    member: dict[str, Any] = field(default_factory=dict)  # the person being edited
    member_before: dict[str, Any] = field(default_factory=dict)  # to tell if anything changed
    member_index: int | None = None  # None: a person being added
    problems: list[Problem] = field(default_factory=list)
    submitted: Submitted | None = None
    protocol: str | None = None
    refused: bool = False  # the platform refused the application sent
    # The household's first person as filled in from the applicant's own answers, by
    # repeat: kept in step with those answers until the citizen edits that person.
    auto_first: dict[str, dict[str, Any]] = field(default_factory=dict)
    online: bool = True
    # ``shown_answers`` as last made, with the draft and the answers it was made from.
    _shown: tuple[Draft, tuple[date, str], dict[str, Any]] | None = None

    # Opening and forgetting ----------------------------------------------------------

    def loading(self) -> None:
        """The call was chosen; its draft is on the way. A confirmation is never shown
        again: whoever opens a call next (maybe the next person, if this one left
        without "Finish") starts a new application."""
        online = self.online
        self.forget()
        self.online = online
        self.step = Step.LOADING

    def opened(self, draft: Draft | None) -> None:
        """The citizen's draft for the call (a new or a kept one), or None when the call
        cannot be applied for here."""
        self.forget_answers()
        self.draft = draft
        if draft is None:
            self.step = Step.UNAVAILABLE
        elif draft.needs_notice:
            self.step = Step.NOTICE
        else:
            self.step = Step.REVIEW if draft.page >= len(draft.pages) else Step.PAGE

    def forget_answers(self) -> None:
        self.draft, self.submitted, self.protocol, self.refused = None, None, None, False
        self._shown = None  # it holds the answers too
        self.member, self.member_before, self.member_index = {}, {}, None
        self.problems = []

    def forget(self) -> None:
        """The visit ended: nothing of it is kept."""
        self.forget_answers()
        self.step = Step.PAGE

    # Pages ----------------------------------------------------------------------------

    def visible_indexes(self) -> list[int]:
        """The pages this citizen's answers lead through, by index."""
        assert self.draft is not None
        draft = self.draft
        shown = {id(p) for p in visible_pages(draft.form, self.shown_answers(), self.today())}
        return [i for i, page in enumerate(draft.pages) if id(page) in shown]

    def shown_answers(self) -> dict[str, Any]:
        """The draft's answers without those the others now hide: they decide what is
        asked, as the check decides what is kept (an answer hidden since it was typed
        led the citizen through a page whose answers were then dropped unseen). Made
        again only when the answers changed: every question on screen asks it."""
        assert self.draft is not None
        today = self.today()
        key = (today, repr(self.draft.answers))
        if self._shown is None or self._shown[0] is not self.draft or self._shown[1] != key:
            shown = shown_answers(self.draft.form, self.draft.answers, today)
            self._shown = (self.draft, key, shown)
        return self._shown[2]

    def go_to_page(self, index: int) -> None:
        """A page by its index; past the last one is the review."""
        assert self.draft is not None
        self.draft.page = index
        self.step = Step.REVIEW if index >= len(self.draft.pages) else Step.PAGE
        self.problems = []

    def page_back(self) -> bool:
        """Back on a page: the visible page before it; False on the first one (the
        draft is kept, the view goes back to the calls)."""
        if self.draft is None or self.step not in (Step.PAGE, Step.REVIEW):
            return False
        earlier = [i for i in self.visible_indexes() if i < self.draft.page]
        if not earlier:
            return False
        self.go_to_page(earlier[-1])
        return True

    def progress(self) -> tuple[int, int]:
        """(step, steps) as the citizen counts them: the visible pages, then the review."""
        assert self.draft is not None
        visible = self.visible_indexes()
        total = len(visible) + 1
        if self.step not in ASKING:
            return total, total
        page = self.draft.page
        return (visible.index(page) + 1 if page in visible else 1), total

    # Questions ------------------------------------------------------------------------

    def fields(self) -> list[dict[str, Any]]:
        """The questions on screen: the page's, or those about one person."""
        assert self.draft is not None
        if self.step == Step.MEMBER:
            return list(self.repeat_item()["fields"])
        return list(self.draft.pages[self.draft.page]["fields"])

    def repeat_item(self) -> dict[str, Any]:
        """The page's list of people (the household)."""
        assert self.draft is not None
        page = self.draft.pages[self.draft.page]
        return next(item for item in page["fields"] if item["type"] == "repeat")

    def values(self) -> dict[str, Any]:
        """The answers the questions on screen show."""
        assert self.draft is not None
        return self.member if self.step == Step.MEMBER else self.draft.answers

    def start_repeats_with_first_item(self) -> None:
        """The household starts with the applicant in it (the form's ``first_item``),
        once: a person the citizen removed stays removed. While the citizen has not
        edited that person, it follows the applicant's own answers (a codice fiscale
        corrected on an earlier page): else the review asked them to add themselves,
        listed under their old code."""
        assert self.draft is not None
        if self.step != Step.PAGE:
            return
        for item in self.fields():
            if item["type"] != "repeat":
                continue
            name = item["name"]
            # Only the person's own questions: a name of the form's ``first_item`` that
            # is none of them was "not part of the form" on that person, with nothing
            # on screen to correct, and the page never went on.
            asked = {sub["name"] for sub in item["fields"]}
            first = {
                key: value
                for key, value in first_item(item, self.draft.answers).items()
                if key in asked
            }
            people = self.draft.answers.get(name)
            if people is None:
                if first:
                    self.draft.answers[name] = [first]
                    self.auto_first[name] = first
            elif first and people and people[0] == self.auto_first.get(name) != first:
                self.draft.answers[name] = [first, *people[1:]]
                self.auto_first[name] = first

    def take(self, typed: Mapping[str, Any]) -> None:
        """What is on screen, by question name (None: left empty), into the draft or
        the person being edited. People are kept in the draft as they are saved."""
        if self.draft is None or self.step not in ASKING:
            return
        target = self.values()
        for name, value in typed.items():
            if value is None:
                target.pop(name, None)
            else:
                target[name] = value

    def is_shown(self, item: dict[str, Any]) -> bool:
        """Whether a question applies, given the answers so far (the form's rules)."""
        return self.are_shown([item])[0]

    def are_shown(self, items: list[dict[str, Any]]) -> list[bool]:
        """``is_shown`` for every question on screen, within one check's steps."""
        assert self.draft is not None
        scope = self.shown_answers()
        if self.step == Step.MEMBER:
            scope = {**scope, **self.member}
        return visible_items(self.draft.form, items, scope, self.today())

    # Household members ----------------------------------------------------------------

    def members(self) -> list[dict[str, Any]]:
        assert self.draft is not None
        return list(self.draft.answers.get(self.repeat_item()["name"], []))

    def edit_member(self, index: int | None) -> None:
        """A person's own page: one already in the list, or (None) a new one."""
        members = self.members()
        self.member_index = index
        self.member = dict(members[index]) if index is not None else {}
        self.member_before = dict(self.member)
        self.step = Step.MEMBER
        self.problems = []

    def member_changed(self) -> bool:
        """Whether leaving the person's page would lose something typed."""
        return self.member != self.member_before

    def leave_member(self) -> None:
        self.member, self.member_before, self.member_index = {}, {}, None
        self.step = Step.PAGE
        self.problems = []

    def save_member(self) -> bool:
        """Keeps the person when their answers pass the form's rules; otherwise their
        problems (by question name) are in ``problems``."""
        assert self.draft is not None
        draft = self.draft
        name = self.repeat_item()["name"]
        trial = self.members()
        if self.member_index is None:
            trial.append(dict(self.member))
            position = len(trial)
        else:
            trial[self.member_index] = dict(self.member)
            position = self.member_index + 1
        page_id = draft.pages[draft.page]["id"]
        _cleaned, problems = check(
            draft.form,
            {**draft.answers, name: trial},
            today=self.today(),
            pages={page_id},
            comuni=draft.comuni,
        )
        prefix = f"{name}.{position}."
        mine = [
            Problem(p.path[len(prefix) :], p.code, p.params, p.text)
            for p in problems
            if p.path.startswith(prefix)
        ]
        if mine:
            self.problems = mine
            return False
        draft.answers[name] = trial
        self.leave_member()
        return True

    def remove_member(self, index: int) -> None:
        assert self.draft is not None
        members = self.members()
        del members[index]
        self.draft.answers[self.repeat_item()["name"]] = members
        self.problems = []

    def person_number(self) -> int:
        """The number of the person being edited, as the citizen counts them."""
        if self.member_index is not None:
            return self.member_index + 1
        return len(self.members()) + 1

    # Next, the review and sending ------------------------------------------------------

    def next(self) -> Outcome:
        """The main button: checks the page (or the person) before moving on."""
        if self.step == Step.DONE:
            return Outcome.FINISHED
        if self.draft is None or self.step == Step.UNAVAILABLE:
            return Outcome.LEAVE
        if self.step == Step.MEMBER:
            return Outcome.MOVED if self.save_member() else Outcome.PROBLEMS
        if self.step == Step.NOTICE:  # "I have read it, go on"
            self.draft.notice_read = True
            self.go_to_page(self.draft.page)
            return Outcome.MOVED
        if self.step == Step.REVIEW:
            if self.problems:
                return Outcome.NOTHING
            self.step = Step.SENDING
            return Outcome.SUBMIT
        if self.step != Step.PAGE:
            return Outcome.NOTHING
        self.problems = self.draft.page_problems(self.today())
        if self.problems:
            return Outcome.PROBLEMS
        later = [i for i in self.visible_indexes() if i > self.draft.page]
        self.go_to_page(later[0] if later else len(self.draft.pages))
        return Outcome.MOVED

    def review(self) -> dict[str, Any]:
        """The cleaned answers to show on the review; what is missing is in
        ``problems`` (and Send waits for it)."""
        assert self.draft is not None
        cleaned, self.problems = self.draft.all_problems(self.today())
        return cleaned

    def eligibility(self, cleaned: dict[str, Any]) -> list[Mapping[str, str]] | None:
        """The call's hard requirements these answers do not meet (their messages;
        empty: all met), or None when there is nothing to say (no rules, or answers
        still missing)."""
        assert self.draft is not None
        rules = eligibility(self.draft.form, cleaned, self.today())
        if not rules or self.problems:
            return None
        return [message for kind, met, message in rules if kind == "hard" and not met]

    def sent(self, result: Submitted | list[Problem]) -> None:
        """The answer to Send: saved (the confirmation), or refused by the form's rules
        (back to the review, which shows what is missing)."""
        if isinstance(result, list):
            self.step = Step.REVIEW
            return
        self.submitted = result
        self.step = Step.DONE

    def send_failed(self) -> None:
        """It could not be saved: back to the review, nothing typed is lost."""
        self.step = Step.REVIEW
