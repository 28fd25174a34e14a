# SPDX-License-Identifier: EUPL-1.2
"""Texts the UI derives from data: prices with their unit, dates, Comune scopes."""

from __future__ import annotations

import re
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale, QObject, QTime

from kiosk.core import local_time
from languages import language
from languages.money import format_euro

# A unit's name after a price ("€ 22,00 / ora"), and with a count ("3 ore"): counted
# texts are Qt plural forms, so each language gives as many forms as its grammar has.
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


class CountedUnits(QObject):
    """Counts with their unit as Qt plural forms ("%n hour(s)": "1 ora", "3 ore"); a
    QObject so that lupdate reads each ``self.tr`` with its count as a plural."""

    def text(self, unit: str, count: int) -> str | None:
        counted = {
            "ora": lambda: self.tr("%n hour(s)", "", count),
            "giorno": lambda: self.tr("%n day(s)", "", count),
            "settimana": lambda: self.tr("%n week(s)", "", count),
            "mese": lambda: self.tr("%n month(s)", "", count),
            "pasto": lambda: self.tr("%n meal(s)", "", count),
            "seduta": lambda: self.tr("%n session(s)", "", count),
            "pacchetto": lambda: self.tr("%n course(s)", "", count),
            "corsa": lambda: self.tr("%n ride(s)", "", count),
            "consegna": lambda: self.tr("%n delivery(ies)", "", count),
            "kg": lambda: self.tr("%n kg", "", count),
            "accesso": lambda: self.tr("%n visit(s)", "", count),
        }
        return counted[unit]() if unit in counted else None


class Answers(QObject):
    """The messages of forms/answers.py that count, which it translates without Qt
    (``languages.catalog.translate`` with the count). Said here again only for lupdate:
    it reads a count from a ``self.tr`` alone, and would make them one form again."""

    def counted(self, n: int) -> tuple[str, str]:
        return (
            self.tr("Type at least %n character(s).", "", n),
            self.tr("Type at most %n character(s).", "", n),
        )


_counted: CountedUnits | None = None


def unit_text(unit: str | None) -> str:
    """The unit of a price in the current language ("ora" → "hour"), or ""."""
    return QCoreApplication.translate("Units", str(UNITS[unit])) if unit in UNITS else ""


def quantity_text(count: int, unit: str | None) -> str:
    """A count with its unit in the right form ("1 ora", "3 ore"), or the bare count."""
    global _counted
    if _counted is None:
        _counted = CountedUnits()
    return (_counted.text(unit, count) if unit else None) or str(count)


def price_text(cents: int | None, unit: str | None, lang: str) -> str:
    """ "€ 12,50 / ora"; "Gratuito"; or, for shops that sell nothing here, an info line."""
    if cents is None:
        return QCoreApplication.translate("Texts", "Information only: no booking here")
    if cents == 0:
        return QCoreApplication.translate("Texts", "Free of charge")
    unit_text = QCoreApplication.translate("Units", str(UNITS[unit])) if unit in UNITS else ""
    return f"{format_euro(cents, lang)} / {unit_text}" if unit_text else format_euro(cents, lang)


def local_date_time(moment: datetime, lang: str, time_zone: str) -> tuple[str, str]:
    """An instant (naive: the store's UTC) as a long date and a time in the kiosk's
    time zone, in ``lang``."""
    local = local_time.local(moment, time_zone)
    locale = QLocale(language(lang).qt_locale)
    day = locale.toString(QDate(local.year, local.month, local.day), long_day_format(locale))
    hour = locale.toString(QTime(local.hour, local.minute), "HH:mm")
    # The month's name in the language, the digits as every other number of the kiosk
    # writes them (prices, steps, counts): Qt writes Arabic's in Arabic-Indic digits.
    return day.translate(WESTERN_DIGITS), hour.translate(WESTERN_DIGITS)


def long_day_format(locale: QLocale) -> str:
    """The locale's own long date without the weekday: "26 dicembre 2026", but
    "2026年12月26日" in Chinese and "26 грудня 2026 р." in Ukrainian."""
    pattern = locale.dateFormat(QLocale.FormatType.LongFormat)
    return WEEKDAY.sub("", pattern).strip() or "d MMMM yyyy"


# The weekday in a Qt date pattern, with the comma (Latin or Arabic) that follows it.
WEEKDAY = re.compile(r"dddd[,،]?\s*|\s*[,،]?\s*dddd")

# Arabic-Indic (٠–٩) and Extended Arabic-Indic (۰–۹) digits as 0–9.
WESTERN_DIGITS = str.maketrans(
    {chr(0x0660 + n): str(n) for n in range(10)} | {chr(0x06F0 + n): str(n) for n in range(10)}
)


def local_clock_time(moment: datetime, time_zone: str) -> str:
    """An instant's "HH:MM" in the kiosk's time zone (naive: the store's UTC)."""
    return f"{local_time.local(moment, time_zone):%H:%M}"


def local_day_time(moment: datetime, time_zone: str) -> str:
    """An instant's "dd/mm HH:MM" in the kiosk's time zone (naive: the store's UTC)."""
    return f"{local_time.local(moment, time_zone):%d/%m %H:%M}"
