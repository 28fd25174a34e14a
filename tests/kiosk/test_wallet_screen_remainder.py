# SPDX-License-Identifier: EUPL-1.2
"""My vouchers lists a buono a shop took in part at what is left of it: a €150 buono
with €50 left was listed at €150, and the citizen went to spend money they no longer had."""

from __future__ import annotations

import datetime as dt

from kiosk.core.wallet import WalletVoucher
from kiosk.ui.screens.wallet import WalletScreen
from tests.kiosk.people import shows


def buono(number: int, left: int | None) -> WalletVoucher:
    day = dt.date(2026, 1, 1)
    return WalletVoucher(
        f"v{number}", "Buoni spesa 2026", "Comune", 15_000, None, day, day, f"C{number}", "", left
    )


def test_a_buono_used_in_part_is_listed_at_what_is_left(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.go("wallet")
    qtbot.waitUntil(lambda: window.current_route == "wallet")
    screen = window.screens["wallet"]
    assert isinstance(screen, WalletScreen)
    screen.show_vouchers([buono(1, 5_000)])
    assert shows(screen, "ne restano € 50,00 su € 150,00")  # what a shop will take
    # A wallet sealed before the platform said what is left: the whole value, as before.
    screen.show_vouchers([buono(2, None)])
    assert shows(screen, "€ 150,00") and not shows(screen, "ne restano")


def hours(number: int, units: int | None, left: int | None) -> WalletVoucher:
    day = dt.date(2026, 1, 1)
    return WalletVoucher(
        f"h{number}",
        "Baby sitter qualificata a domicilio",
        "Coop. Sociale L'Argine",
        None,
        "s01",
        day,
        day,
        f"H{number}",
        "",
        units=units,
        units_left=left,
    )


def test_a_service_voucher_used_in_part_is_listed_with_the_units_left(qtbot, window, snap) -> None:  # type: ignore[no-untyped-def]
    window.go("wallet")
    qtbot.waitUntil(lambda: window.current_route == "wallet")
    screen = window.screens["wallet"]
    assert isinstance(screen, WalletScreen)
    screen.show_vouchers([hours(1, 3, 2)])
    assert shows(screen, "ne restano 2 su 3")  # two of the three hours still to have
    snap(window, "wallet-service-in-part")
    # Never used, or from a wallet sealed before the platform said: no remainder said.
    screen.show_vouchers([hours(2, 3, 3), hours(3, None, None)])
    assert not shows(screen, "ne restano")
