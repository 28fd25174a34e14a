# SPDX-License-Identifier: EUPL-1.2
"""What the top of the application screen and its main button say at each step of the
wizard, in the citizen's language, without Qt: the call's title, "Step 2 of 6", the
page's title, and the button's word ("Next ›", "Save this person", "Send the
application", "Finish"), with whether it takes a tap now."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.apply_wizard import ASKING, ApplyWizard, Step
from languages import pick
from languages.catalog import QT_TRANSLATE_NOOP, translate

CONTEXT = "ApplicationSteps"
BEFORE = QT_TRANSLATE_NOOP("ApplicationSteps", "Before you start")
NOTICE = QT_TRANSLATE_NOOP("ApplicationSteps", "Privacy notice")
READ_IT = QT_TRANSLATE_NOOP("ApplicationSteps", "I have read it, go on")
STEP = QT_TRANSLATE_NOOP("ApplicationSteps", "Step {n} of {total}")
PERSON = QT_TRANSLATE_NOOP("ApplicationSteps", "Person {n}")
SAVE_PERSON = QT_TRANSLATE_NOOP("ApplicationSteps", "Save this person")
NEXT = QT_TRANSLATE_NOOP("ApplicationSteps", "Next ›")
CHECK = QT_TRANSLATE_NOOP("ApplicationSteps", "Check your answers and send")
SENDING = QT_TRANSLATE_NOOP("ApplicationSteps", "Sending…")
SEND = QT_TRANSLATE_NOOP("ApplicationSteps", "Send the application")
INCOMPLETE = QT_TRANSLATE_NOOP(
    "ApplicationSteps",
    "Some answers are missing or need checking: tap Change next to the part to complete.",
)
SAVED = QT_TRANSLATE_NOOP("ApplicationSteps", "Your application has been saved")
FINISH = QT_TRANSLATE_NOOP("ApplicationSteps", "Finish")
UNAVAILABLE = QT_TRANSLATE_NOOP("ApplicationSteps", "This call cannot be applied for here")
BACK_TO_CALLS = QT_TRANSLATE_NOOP("ApplicationSteps", "Back to the calls")


@dataclass(frozen=True)
class Heading:
    call_title: str = ""
    progress: str = ""
    page_title: str = ""
    button: str = ""  # the main button ("": hidden, while the call is read)
    button_enabled: bool = True
    banner: str = ""  # the review's word on what is missing ("": none)


def heading(wizard: ApplyWizard, lang: str) -> Heading:
    step, draft = wizard.step, wizard.draft

    def text(source: str, **values: object) -> str:
        return translate(CONTEXT, source, lang).format(**values)

    if step == Step.LOADING:
        return Heading()
    if draft is None or step == Step.UNAVAILABLE:
        return Heading(page_title=text(UNAVAILABLE), button=text(BACK_TO_CALLS))
    title = pick(draft.call_title, lang)
    position, total = wizard.progress()
    if step == Step.NOTICE:
        return Heading(title, text(BEFORE), text(NOTICE), text(READ_IT))
    if step in ASKING:
        counted = text(STEP, n=position, total=total)
        if step == Step.MEMBER:
            return Heading(
                title, counted, text(PERSON, n=wizard.person_number()), text(SAVE_PERSON)
            )
        return Heading(title, counted, pick(draft.pages[draft.page]["title"], lang), text(NEXT))
    if step in (Step.REVIEW, Step.SENDING):
        return Heading(
            title,
            text(STEP, n=total, total=total),
            text(CHECK),
            text(SENDING if step == Step.SENDING else SEND),
            button_enabled=step == Step.REVIEW and not wizard.problems,
            banner=text(INCOMPLETE) if wizard.problems else "",
        )
    return Heading(title, "", text(SAVED), text(FINISH))
