# SPDX-License-Identifier: EUPL-1.2
"""Demo mode has citizens with wallet PINs, so the credit and "Stampa i miei buoni" can
be tried at the demo kiosk (README, "Running a kiosk")."""

from __future__ import annotations

import json
from pathlib import Path

from central.dataset import seed_demo_citizens, seed_if_empty
from central.platform import Platform
from kiosk.boot.paths import DEMO_CITIZENS, DEMO_DATASET
from tests.sync.wallets import key_of
from vouchers.wallet_key import open_sealed


def test_the_demo_citizens_wallets_open_with_the_pins_the_readme_gives(tmp_path: Path) -> None:
    platform = Platform(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    assert seed_if_empty(platform, DEMO_DATASET)
    citizens = json.loads(DEMO_CITIZENS.read_text(encoding="utf-8"))["citizens"]
    assert seed_demo_citizens(platform, DEMO_CITIZENS) == len(citizens) >= 2
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    for citizen in citizens:
        assert citizen["cf"] in readme and citizen["pin"] in readme
        holder = platform.wallet_holder(citizen["cf"])
        assert holder is not None and holder.comune == "piazzola"
    anna = citizens[0]
    key = key_of(anna["cf"], anna["pin"])  # the tests' cached key: one scrypt per run
    wallet = platform.records("wallets")[key.locator]
    content = open_sealed(key, wallet["sealed"])
    assert content["credit"]["balance_cents"] == anna["credit"]["balance_cents"]
    assert [v["amount_cents"] for v in content["vouchers"]] == [5000]
    platform.engine.dispose()
