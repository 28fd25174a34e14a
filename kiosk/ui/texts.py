# SPDX-License-Identifier: EUPL-1.2
"""Texts the UI derives from data: prices with their unit, dates, Comune scopes."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale, QTime

from kiosk.formatting import format_euro

LOCAL_TIME = ZoneInfo("Europe/Rome")

UNITS = {
    "ora": QT_TRANSLATE_NOOP("Units", "hour"),
    "giorno": QT_TRANSLATE_NOOP("Units", "day"),
    "settimana": QT_TRANSLATE_NOOP("Units", "week"),
    "mese": QT_TRANSLATE_NOOP("Units", "month"),
    "pasto": QT_TRANSLATE_NOOP("Units", "meal"),
    "seduta": QT_TRANSLATE_NOOP("Units", "session"),
    "pacchetto": QT_TRANSLATE_NOOP("Units", "course"),
    "corsa": QT_TRANSLATE_NOOP("Units", "ride"),
    "consegna": QT_TRANSLATE_NOOP("Units", "delivery"),
    "kg": QT_TRANSLATE_NOOP("Units", "kg"),
    "accesso": QT_TRANSLATE_NOOP("Units", "visit"),
}


def unit_text(unit: str | None) -> str:
    """The unit of a price in the current language ("ora" → "hour"), or ""."""
    return QCoreApplication.translate("Units", UNITS[unit]) if unit in UNITS else ""


def price_text(cents: int | None, unit: str | None, lang: str) -> str:
    """ "€ 12,50 / ora"; "Gratuito"; or, for shops that sell nothing here, an info line."""
    if cents is None:
        return QCoreApplication.translate("Texts", "Information only: no booking here")
    if cents == 0:
        return QCoreApplication.translate("Texts", "Free of charge")
    unit_text = QCoreApplication.translate("Units", UNITS[unit]) if unit in UNITS else ""
    return f"{format_euro(cents, lang)} / {unit_text}" if unit_text else format_euro(cents, lang)


def local_date_time(moment_utc: datetime, lang: str) -> tuple[str, str]:
    """A stored naive-UTC instant as a local long date and a time, in ``lang``."""
    local = moment_utc.replace(tzinfo=UTC).astimezone(LOCAL_TIME)
    locale = QLocale(lang)
    day = locale.toString(QDate(local.year, local.month, local.day), "d MMMM yyyy")
    hour = locale.toString(QTime(local.hour, local.minute), "HH:mm")
    return day, hour
