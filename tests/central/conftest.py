# SPDX-License-Identifier: EUPL-1.2
"""Fixtures of the platform's tests: the demo platform on a real SQLite file, its app,
an HTTPS test client, the app served over loopback HTTP and a headless chromium. A test
module that needs a differently seeded platform declares its own ``platform``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from central.app import create_app
from central.dataset import seed_if_empty
from central.platform import Platform
from central.server import EmbeddedServer
from kiosk.boot.paths import DEMO_DATASET
from tests.central.desk import ADMIN_TOKEN, browser


@pytest.fixture
def platform(tmp_path: Path) -> Platform:
    made = Platform(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    seed_if_empty(made, DEMO_DATASET)
    return made


@pytest.fixture
def app(platform: Platform) -> Any:
    return create_app(platform, admin_token=ADMIN_TOKEN)


@pytest.fixture
def client(app: Any) -> Iterator[TestClient]:
    with browser(app) as opened:
        yield opened


@pytest.fixture
def desk_url(platform: Platform) -> Iterator[str]:
    server = EmbeddedServer(create_app(platform)).start()
    yield server.url
    server.stop()


@pytest.fixture
def chromium() -> Iterator[Any]:
    # Imported here: the module skips the test when chromium or Playwright is missing.
    from tests.central.browser import headless_chromium

    with headless_chromium() as launched:
        yield launched
