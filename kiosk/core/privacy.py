# SPDX-License-Identifier: EUPL-1.2
"""A data controller's privacy notice (GDPR art. 13), as the citizen reads and prints it
(Qt-free).

A call carries its Comune's notice, a paid service its provider's. The kiosk shows the
notice in full before the citizen types any personal data: the first step of an
application, and on the screen of a service that can be bought (checkout comes after).
Texts come in the citizen's language where the platform gave one, Italian otherwise; the
printed copy is in Italian (the legal text) with the citizen's own version under it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from languages.catalog import QT_TRANSLATE_NOOP, translate
from printing.documents import PrivacyNoticeSlip
from store.catalog import pick

CONTEXT = "Privacy"

# (field of protocol.records.PrivacyNotice, its heading). The order is art. 13's.
SECTIONS = (
    ("controller", QT_TRANSLATE_NOOP("Privacy", "Data controller")),
    ("purposes", QT_TRANSLATE_NOOP("Privacy", "Why your data is used")),
    ("legal_basis", QT_TRANSLATE_NOOP("Privacy", "Legal basis")),
    ("retention", QT_TRANSLATE_NOOP("Privacy", "How long it is kept")),
    ("rights", QT_TRANSLATE_NOOP("Privacy", "Your rights")),
    ("dpo_contact", QT_TRANSLATE_NOOP("Privacy", "Data protection officer")),
)


@dataclass(frozen=True)
class NoticeSection:
    heading: str
    text: str


def sections(notice: Mapping[str, Any], lang: str) -> list[NoticeSection]:
    """Every part of the notice, headings and texts in ``lang`` (Italian where the
    platform gave no text in it). Names and contacts are the same in every language."""
    found = []
    for key, heading in SECTIONS:
        value = notice.get(key)
        text = pick(value, lang) if isinstance(value, dict) else str(value or "")
        found.append(NoticeSection(translate(CONTEXT, heading, lang), text))
    return found


def printed_notice(
    notice: Mapping[str, Any], about: dict[str, str], lang: str
) -> PrivacyNoticeSlip:
    """The notice to print: Italian, and the citizen's version when they read another
    language and the platform gave the notice in it."""
    italian = sections(notice, "it")
    translated = any(isinstance(value, dict) and lang in value for value in notice.values())
    citizen = sections(notice, lang) if lang != "it" and translated else []
    return PrivacyNoticeSlip(
        about=pick(about, "it"),
        sections=tuple((s.heading, s.text) for s in italian),
        language=lang if citizen else "it",
        about_translated=pick(about, lang) if citizen else "",
        citizen_sections=tuple((s.heading, s.text) for s in citizen),
    )
