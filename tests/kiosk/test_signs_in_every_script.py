# SPDX-License-Identifier: EUPL-1.2
"""A question's own signs, in every script the kiosk writes.

The review read "？:" "。:" "؟:" back in Chinese and Arabic (the label's own sign, then a
colon: only the ASCII "?" and "." were known), and a Chinese label that says it is
optional with full-width brackets was told so again: 电子邮件（如有）（选填）.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.core.apply_review import review_line
from tests.kiosk.people import prefilled

STRAY = re.compile(r"[?？؟.。!！]\s*[:：]")


@pytest.mark.parametrize(
    ("question", "line"),
    [
        ("Nome", "Nome: Anna"),
        ("Nome:", "Nome: Anna"),
        ("Hai figli?", "Hai figli? Anna"),
        ("Indica il nome.", "Indica il nome: Anna"),
        ("你有孩子吗？", "你有孩子吗？ Anna"),
        ("请填写姓名。", "请填写姓名: Anna"),
        ("姓名：", "姓名: Anna"),
        ("هل لديك أطفال؟", "هل لديك أطفال؟ Anna"),
        ("Attenzione!", "Attenzione! Anna"),
        ("注意！", "注意！ Anna"),
    ],
)
def test_a_question_keeps_its_own_sign_and_gets_no_colon_after_it(question: str, line: str) -> None:
    assert review_line(question, "Anna") == line


@pytest.mark.parametrize("lang", ["it", "en", "zh", "ar", "uk"])
def test_the_review_shows_no_sign_followed_by_a_colon(qtbot, window, lang: str) -> None:  # type: ignore[no-untyped-def]
    window.ctx.switcher.set_language(lang)
    prefilled(window, page=5)  # the review
    lines = [w.text() for w in window.findChildren(QLabel) if w.isVisible() and w.text()]
    assert lines
    assert [line for line in lines if STRAY.search(line)] == []


@pytest.mark.parametrize("lang", ["it", "en", "zh", "ar"])
def test_a_label_that_says_it_is_optional_is_not_told_so_again(qtbot, window, lang: str) -> None:  # type: ignore[no-untyped-def]
    window.ctx.switcher.set_language(lang)
    prefilled(window, page=1)  # the page with "E-mail (se ce l'hai)"
    email = [
        w.text()
        for w in window.findChildren(QLabel)
        if w.isVisible() and any(m in w.text().lower() for m in ("mail", "电子邮件", "البريد"))
    ]
    assert email
    assert [t for t in email if t.count("(") + t.count("（") > 1] == []
