# SPDX-License-Identifier: EUPL-1.2
"""A kiosk in service whose store cannot be opened says so on its screen and tries again,
instead of closing (systemd then started it again every few seconds, the home screen
coming and going under a citizen's finger)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.boot.paths import ROOT
from tests.conftest import SCREENSHOT_DIR

PROBE = """
import sys
from pathlib import Path
import kiosk.ui.application as application

store, shot = Path(sys.argv[2]), sys.argv[3]
application.KioskApplication.RETRY_S = 0.5
failed = application.KioskApplication._on_failed
ready = application.KioskApplication._on_ready
tries = []

def on_failed(self, error):
    failed(self, error)
    notice = self.out_of_service
    tries.append(notice.isVisible())
    if len(tries) == 1:
        self.window.resize(1920, 1080)
        self.app.processEvents()
        self.window.grab().save(shot)
        print("title:", notice.title.text())
        print("body:", notice.body.text())
        print("detail:", notice.detail.text())
        print("format:", notice.detail.textFormat().name)
        print("beneath enabled:", self.window.centralWidget().isEnabled())
        from kiosk.ui.key_navigation import visible_layer
        print("keys and speech on the notice:", visible_layer(self.window) is notice)
    if len(tries) == 3:  # the technician moves the damaged file away
        store.rename(store.with_name("damaged.sqlite3"))

def on_ready(self, backend):
    ready(self, backend)
    print("tries while out of service:", tries)
    print("shown once working:", self.out_of_service.isVisible())
    print("beneath enabled again:", self.window.centralWidget().isEnabled())
    print("catalog:", len(self.opened.catalog.comuni()))
    self.app.quit()

application.KioskApplication._on_failed = on_failed
application.KioskApplication._on_ready = on_ready
from kiosk.cli import main
sys.exit(main(["run", "--config", sys.argv[1], "--platform", "offscreen", "--windowed"]))
"""


def _kiosk_with(
    probe: str, folder: Path, store: Path, *args: str
) -> subprocess.CompletedProcess[str]:
    """The demo kiosk, its store at ``store``, run in its own process by ``probe``
    (given the configuration's path and ``args``); it must end by itself, cleanly."""
    config = folder / "kiosk.toml"
    config.write_text(
        f'[demo]\nenabled = true\n[paths]\ndatabase = "{store}"\ndata_dir = "{folder}"\n'
        f'log_dir = "{folder}"\ncache_dir = "{folder / "cache"}"\n',
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(config), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.mark.slow  # the kiosk, in a process of its own
def test_a_store_that_cannot_be_opened_is_said_on_screen_until_it_opens(tmp_path: Path) -> None:
    store = tmp_path / "kiosk.sqlite3"
    store.write_bytes(b"not a database at all, " * 1000)  # as a damaged card leaves it
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOT_DIR / "out_of_service.png"
    result = _kiosk_with(PROBE, tmp_path, store, str(store), str(shot))
    said = result.stdout
    assert "title: Il totem è momentaneamente fuori servizio" in said
    assert "body: Chiedi aiuto al welfare manager allo sportello" in said
    assert "file is not a database" in said and "social-point doctor" in said
    assert "format: PlainText" in said  # SQLite's words are not markup
    assert "beneath enabled: False" in said  # no tap, key or switch reaches the screen
    assert "keys and speech on the notice: True" in said  # spoken mode reads the notice
    assert "beneath enabled again: True" in said
    # The window stayed: three tries out of service, each with the notice on show, then
    # the store opened (a new one, with the demo catalog) and the notice went.
    assert "tries while out of service: [True, True, True]" in said
    assert "shown once working: False" in said
    assert "catalog: 0" not in said
    assert "Traceback" not in result.stderr
    log = (tmp_path / "kiosk.log").read_text("utf-8")
    assert log.count("the kiosk cannot work") == 1  # the same failure is logged once whole
    assert log.count("the kiosk still cannot work") == 2
    assert "the kiosk works again" in log
    assert log.count("starting kiosk") == 1  # a try again is no new start
    assert shot.exists()


SERVICES_PROBE = """
import sys
import kiosk.ui.application as application

application.KioskApplication.RETRY_S = 0.5
opening = application.open_services_and_controllers
failed = application.KioskApplication._on_failed
ready = application.KioskApplication._on_ready
tries, stores = [], []

def open_services(opened, **wiring):
    stores.append(id(opened))
    if len(stores) <= 2:  # the printer's device, the sync's disk: failing twice, then not
        raise OSError(5, "Input/output error")
    return opening(opened, **wiring)

def on_failed(self, error):
    failed(self, error)
    notice = self.out_of_service
    tries.append(notice.isVisible())
    if len(tries) == 1:
        print("detail:", notice.detail.text())
        print("beneath enabled:", self.window.centralWidget().isEnabled())
        print("catalog attached:", self.window.catalog is self.opened.catalog)

def on_ready(self, backend):
    ready(self, backend)
    print("tries while out of service:", tries)
    print("the same store each try:", len(set(stores)) == 1 and len(stores) == 3)
    print("shown once working:", self.out_of_service.isVisible())
    print("beneath enabled again:", self.window.centralWidget().isEnabled())
    self.app.quit()

application.open_services_and_controllers = open_services
application.KioskApplication._on_failed = on_failed
application.KioskApplication._on_ready = on_ready
from kiosk.cli import main
sys.exit(main(["run", "--config", sys.argv[1], "--platform", "offscreen", "--windowed"]))
"""


@pytest.mark.slow  # the kiosk, in a process of its own
def test_printing_and_sync_that_cannot_start_are_said_on_screen_and_tried_again(
    tmp_path: Path,
) -> None:
    """The store opened, the printer and the sync did not (an input/output error, here
    made to happen twice): the notice says so and only that part is tried again; the
    catalog stays attached, and the kiosk carries on once they start."""
    result = _kiosk_with(SERVICES_PROBE, tmp_path, tmp_path / "kiosk.sqlite3")
    said = result.stdout
    assert "detail:" in said and "cannot start printing and sync" in said
    assert "Input/output error" in said
    assert "beneath enabled: False" in said
    assert "catalog attached: True" in said
    assert "tries while out of service: [True, True]" in said
    assert "the same store each try: True" in said  # only the failed part, again
    assert "shown once working: False" in said
    assert "beneath enabled again: True" in said
    assert "Traceback" not in result.stderr
    log = (tmp_path / "kiosk.log").read_text("utf-8")
    assert log.count("the kiosk cannot work") == 1
    assert log.count("the kiosk still cannot work") == 1
    assert "the kiosk works again" in log
