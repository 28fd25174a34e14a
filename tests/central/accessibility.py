# SPDX-License-Identifier: EUPL-1.2
"""Accessibility checks of a web desk page in a real browser: axe-core (vendored in
tests/central/axe/, MPL-2.0) against WCAG 2.0 and 2.1, levels A and AA, and keyboard
use (every control reached with Tab, in order, each with a visible focus)."""

from __future__ import annotations

from typing import Any

from tests.conftest import ROOT

AXE = ROOT / "tests" / "central" / "axe" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# What a keyboard user must be able to reach: every visible control.
CONTROLS = "a[href], button, input:not([type=hidden]), select, textarea, [tabindex='0']"


def axe_violations(page: Any) -> list[str]:
    """The WCAG 2.1 AA violations axe-core finds in the page as it is now, one line
    each: the rule, its impact and the elements (empty when there are none). The page's
    context must be made with ``bypass_csp=True``: the desk allows no script."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes:"
        " ['violations']})",
        WCAG_AA,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in result["violations"]
    ]


def keyboard_problems(page: Any) -> list[str]:
    """Tabs through the page from its top: the visible controls Tab never reached, and
    those reached without a visible focus indicator (outline or box shadow)."""
    wanted = page.evaluate(
        """selector => {
            if (document.activeElement) document.activeElement.blur();
            window.scrollTo(0, 0);
            const shown = [...document.querySelectorAll(selector)]
                .filter(e => e.getClientRects().length > 0 && !e.disabled);
            shown.forEach((e, i) => e.setAttribute('data-keyboard', String(i)));
            return shown.map(e => e.outerHTML.slice(0, 90));
        }""",
        CONTROLS,
    )
    reached: set[int] = set()
    problems: list[str] = []
    last = None
    # A date field takes a Tab per part (day, month, year): room for a few per control.
    for _ in range(4 * len(wanted) + 5):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const e = document.activeElement;
                if (!e || e === document.body) return null;
                const style = getComputedStyle(e);
                const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
                return [e.getAttribute('data-keyboard'), e.outerHTML.slice(0, 90),
                        ring || style.boxShadow !== 'none'];
            }"""
        )
        if focused is None:
            break  # past the last control, to the browser
        index, html, visible = focused
        if index is None or index == last:
            continue  # not a control this check looks for, or the next part of a date
        last = index
        if int(index) in reached:
            break  # round the page and back to the top
        reached.add(int(index))
        if not visible:
            problems.append(f"no visible focus on {html}")
    problems.extend(
        f"never reached by Tab: {html}" for i, html in enumerate(wanted) if i not in reached
    )
    return problems
