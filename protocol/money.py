# SPDX-License-Identifier: EUPL-1.2
"""Amounts of money: whole cents on the wire, euros as Italians read them on paper."""

from __future__ import annotations


def euro(cents: int) -> str:
    """Money as Italians read it: "€ 1.234,50"."""
    euros, rest = divmod(abs(cents), 100)
    sign = "-" if cents < 0 else ""
    return f"{sign}€ {euros:,}".replace(",", ".") + f",{rest:02d}"
