# SPDX-License-Identifier: EUPL-1.2
"""A slip shows the kiosk's time zone (Europe/Rome by default), as the screen does, even
on a system whose clock zone is UTC (most kiosks): an hour apart, on a deadline day the
receipt fell on the other side of midnight."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.boot.printer_setup import slip_context
from printing.slip import Pair, header
from tests.conftest import make_config


@pytest.fixture
def system_in_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("zone", ["Europe/Rome", "America/New_York"])
def test_the_slip_time_is_in_the_kiosk_s_zone(
    system_in_utc: None, tmp_path: Path, zone: str
) -> None:
    config = make_config(tmp_path, f'[vouchers]\ntime_zone = "{zone}"\n')
    before = datetime.now(UTC).astimezone(ZoneInfo(zone))
    context = slip_context(config, None)
    after = datetime.now(UTC).astimezone(ZoneInfo(zone))
    assert context.printed_at.utcoffset() == before.utcoffset() != datetime.now().utcoffset()
    [shown] = [e.value for e in header(context, "Ricevuta") if isinstance(e, Pair)][:1]
    assert shown in {moment.strftime("%d/%m/%Y %H:%M") for moment in (before, after)}
