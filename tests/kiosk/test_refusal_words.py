# SPDX-License-Identifier: EUPL-1.2
"""Every refusal code the reference platform can send a kiosk has words on the dashboard.

The dashboard said "the platform gave no reason this kiosk knows" for codes the platform
really sends (a locked wallet, a proof already used, a wrong clock...): the welfare
manager could not tell the citizen anything. The codes are read from the platform's
source (central/), so a new refusal there without words here fails.
"""

from __future__ import annotations

import ast
import re
from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.boot.paths import ROOT
from kiosk.core.manager_desk import desk_facts
from protocol.wire import Result
from store import outbox
from store.retention import RetentionRule

CENTRAL = ROOT / "central"
# The staff's web pages answer people at a browser, never a kiosk's record.
NOT_ANSWERING_KIOSKS = (CENTRAL / "web",)
# Codes of the platform that never answer a kiosk's record, and why: a test fails when
# one is no longer in the source (the list is kept true).
NEVER_A_KIOSKS_RECORD = {
    "bad_code": "a merchant's redemption of a typed code",
    "outside_scope": "a merchant's redemption",
    "not_a_merchant": "a redemption by a device that is no merchant",
    "redemption_id_reused": "a merchant's redemption",
    "too_much": "a merchant's redemption",
    "key_taken": "an issuer registering its signing key",
    "sample_key": "an issuer registering its signing key",
    "not_a_kiosk": "a signing key registered by a device that is no kiosk",
    "unknown_comune": "a wallet PIN the platform's staff set",
}
CODE = re.compile(r"[a-z]+(?:_[a-z]+)*")


def _code(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if CODE.fullmatch(node.value) else None
    return None


def _is_message(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str) and " " in node.value
    )


def _called(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def platform_refusal_codes() -> dict[str, list[str]]:
    """Each refusal code in central/, with where it is made: a ``(code, message)`` pair
    (what a check returns, or a constant of one), an exception whose first argument is
    its code (``WalletError("weak_pin", ...)``), a rejected result
    (``SubmissionResult(status="rejected", code=...)``), or a ``code = ...`` choosing one."""
    files = [
        path
        for path in sorted(CENTRAL.rglob("*.py"))
        if not any(path.is_relative_to(place) for place in NOT_ANSWERING_KIOSKS)
    ]
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in files}
    coded = {
        node.name
        for tree in trees.values()
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
        for item in node.body
        if isinstance(item, ast.FunctionDef)
        and item.name == "__init__"
        and [a.arg for a in item.args.args[1:2]] == ["code"]
    }
    assert {"WalletError", "VoucherRefusedError"} <= coded
    found: dict[str, list[str]] = {}
    for path, tree in trees.items():
        for node in ast.walk(tree):
            codes: list[str | None] = []
            if isinstance(node, ast.Tuple) and len(node.elts) == 2 and _is_message(node.elts[1]):
                codes.append(_code(node.elts[0]))
            elif isinstance(node, ast.Call) and _called(node) in coded and node.args:
                codes.append(_code(node.args[0]))
            elif isinstance(node, ast.Call):
                given = {k.arg: k.value for k in node.keywords}
                if "code" in given and _code(given.get("status", ast.Constant(""))) == "rejected":
                    codes.append(_code(given["code"]))
            elif isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "code" for t in node.targets
            ):
                codes += [_code(c) for c in ast.walk(node.value)]
            for code in codes:
                if code is not None:
                    where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"
                    found.setdefault(code, []).append(where)
    return found


def test_the_scan_finds_the_refusals_the_platform_is_known_to_send() -> None:
    found = platform_refusal_codes()
    # One of each way of making them: a returned pair, an exception, a rejected result,
    # a constant pair, a code chosen in a variable, the clock's.
    for code in (
        "price_changed",
        "weak_pin",
        "unreadable_payload",
        "tracking_code_taken",
        "forged_voucher",
        "impossible_timestamp",
        "wallet_locked",
        "proof_used",
        "unconfirmed_assistance",
        "not_identified",
        "payload_too_large",
        "unknown_voucher",
    ):
        assert code in found, code
    assert "cannot_process_now" not in found  # "retry": sent again later, never refused
    assert set(NEVER_A_KIOSKS_RECORD) <= set(found), set(NEVER_A_KIOSKS_RECORD) - set(found)


@pytest.mark.parametrize("lang", ["it", "en"])
def test_every_refusal_the_platform_can_send_has_words_on_the_dashboard(
    qtbot, window, lang: str
) -> None:  # type: ignore[no-untyped-def]
    window.ctx.switcher.set_language(lang)
    desk = window.screen_for("manager")
    unknown = desk._reason("")  # what a code with no words gets
    codes = sorted(set(platform_refusal_codes()) - set(NEVER_A_KIOSKS_RECORD))
    assert len(codes) > 30
    without = [code for code in codes if desk._reason(code) == unknown]
    assert without == [], "add words for them in ManagerDeskScreen._reason (and _advice)"


# Codes whose words tell the manager something to do with the citizen, not the help desk.
CALL_THE_CITIZEN = (
    "wallet_locked",
    "unknown_wallet",
    "unconfirmed_holder",
    "proof_used",
    "not_identified",
    "payload_too_large",
    "impossible_timestamp",
    "unconfirmed_assistance",
)


def test_the_dashboard_says_why_and_what_to_do_for_each_refused_record(
    qtbot, window, backend
) -> None:  # type: ignore[no-untyped-def]
    with backend.store.write() as session:
        uuids = [
            outbox.add(session, "purchase", {"order": f"ORD-77{n}", "phone": "333 1234567"})
            for n in range(len(CALL_THE_CITIZEN))
        ]
    with backend.store.write() as session:
        outbox.record_results(
            session,
            [
                Result(uuid, False, None, code, "the platform's words, in English")
                for uuid, code in zip(uuids, CALL_THE_CITIZEN, strict=True)
            ],
        )
    with backend.store.read() as session:
        facts = desk_facts(session, datetime.now(UTC).replace(tzinfo=None), RetentionRule(7, 7))
    window.go("manager")
    desk = window.screens["manager"]
    desk.show_facts(facts)
    reasons = [w.text() for w in desk.findChildren(QLabel, "refusedReason")]
    assert len(reasons) == len(CALL_THE_CITIZEN)
    assert not [r for r in reasons if "non ha indicato un motivo" in r], reasons
    advice = [w.text() for w in desk.findChildren(QLabel) if w.text().startswith("Cosa fare:")]
    assert len(advice) == len(CALL_THE_CITIZEN)
    # Each says what to do about the citizen, never only "call the help desk".
    assert all("cittadino" in a or "di nuovo" in a for a in advice), advice
    assert any("nuovo PIN" in a and "Comune" in a for a in advice)  # the locked wallet


def test_the_exclusions_are_about_other_devices_only() -> None:
    # Their places: the voucher authority's redemptions and keys, the platform's own
    # wallet tools, never a kiosk's submission checks.
    found = platform_refusal_codes()
    checks = {
        "central/platform/submissions.py",
        "central/purchases.py",
        "central/applications.py",
        "central/operators.py",
        "central/clock.py",
    }
    for code in NEVER_A_KIOSKS_RECORD:
        places = {where.rsplit(":", 1)[0] for where in found[code]}
        assert not places & checks, (code, places)
