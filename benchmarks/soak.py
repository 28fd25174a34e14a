# SPDX-License-Identifier: EUPL-1.2
"""Soak: thousands of taps on the real kiosk, with its memory printed as it goes.

The kiosk runs in a child process in demo mode (embedded reference platform, demo
catalog, sync and print workers running), driven through its widgets as a person would:
Services, a search typed key by key, a category, a service, Back, Home. Every 25
interactions the language is switched, every 10 the visit ends as the idle time-out ends
it, and every 7 the screen on show is refreshed as after a sync that brought a change
(a busy Comune's kiosk pulls changes every minute or so). The child prints its resident
memory at the start, after a warm-up (once the first sync has ended, the same walk until
every language has been shown: what the kiosk keeps once), every 100 interactions and at
the end; the growth is counted over the interactions after the warm-up. A crash (for
example a Qt binding that loses references and aborts the interpreter) shows as the
child's exit status. Each report also counts the kiosk's open files, threads, Qt timers
and widgets, and the sync process's open files: any of them growing would end a kiosk
left on for days. ``./dev bench soak [INTERACTIONS]``.

Memory is read after a full collection, so the figures show what the kiosk keeps, not
what the collector has not reached yet.
"""

from __future__ import annotations

import contextlib
import gc
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

INTERACTIONS = 2_000
LANGUAGE_EVERY = 25
END_VISIT_EVERY = 10
REFRESH_EVERY = 7  # its multiples fall on every place of the walk (restarted every 10) in turn
REPORT_EVERY = 100
SEARCHES = ["anziani", "pasto", "trasporto", "baby", "corso", "zzz", "assistenza dom"]


def rss_kib(pid: int | str = "self") -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def proc_counts(pid: int | str = "self") -> tuple[int, int]:
    """Open file descriptors and threads of a process: either growing over days would
    end a kiosk (too many open files, or a thread per sync that never ends)."""
    fds = len(os.listdir(f"/proc/{pid}/fd"))
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        threads = next((int(line.split()[1]) for line in status if line.startswith("Threads:")), 0)
    return fds, threads


def demo_config(folder: Path) -> Path:
    path = folder / "kiosk.toml"
    path.write_text(
        "[social_point]\n"
        'name = "Social Point Piazzola"\ncomune = "piazzola"\n'
        "[kiosk]\n"
        'id = "kiosk-soak"\nlanguage = "it"\nfullscreen = false\n'
        "[paths]\n"
        f'data_dir = "{folder}"\nlog_dir = "{folder / "log"}"\ncache_dir = "{folder / "cache"}"\n'
        "[demo]\nenabled = true\n"
        '[sync]\nplatform_url = "embedded"\ninterval_s = 15\n',
        encoding="utf-8",
    )
    return path


class Driver:
    """Taps the kiosk's widgets and waits, as a person does, for what the tap shows."""

    def __init__(self, interactions: int, settled: bool = False) -> None:
        """``settled``: the walk waits for the first sync to end (for the growth figure;
        tests/kiosk/test_soak.py, which counts crashes and references, does not wait)."""
        from kiosk.boot.config import load_config
        from kiosk.ui.application import KioskApplication

        self.folder = Path(tempfile.mkdtemp(prefix="soak-"))
        self.kiosk = KioskApplication(
            load_config(demo_config(self.folder)), windowed=True, exit_when_ready=False
        )
        self.kiosk.window.resize(1920, 1080)
        self.window = self.kiosk.window
        self.interactions = interactions
        self.settled = settled
        self.done = 0
        self.lang_index = 0

    def wait_until(self, condition: Callable[[], bool], timeout_s: float = 20.0) -> None:
        from PySide6.QtTest import QTest

        deadline = time.monotonic() + timeout_s
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError(f"the kiosk did not get there (route {self.route!r})")
            QTest.qWait(5)

    @property
    def route(self) -> str:
        return self.window.current_route

    def tap(self, widget) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)

    def visible(self, name: str):  # type: ignore[no-untyped-def]
        from PySide6.QtWidgets import QAbstractButton

        found = [
            b
            for b in self.window.findChildren(QAbstractButton, name)
            if b.isVisible() and b.isEnabled()
        ]
        return found

    def steps(self) -> Iterator[Callable[[], None]]:
        """One walk through the catalog, one interaction per step."""
        searches = iter(SEARCHES * (self.interactions // len(SEARCHES) + 1))
        round_ = 0
        while True:
            round_ += 1
            yield lambda: self._tap_and_wait("servicesTile", "catalog")
            yield lambda: self._search(next(searches))
            yield lambda: self._tap_and_wait("clearSearch", "catalog")
            yield partial(self._open_category, round_)
            yield partial(self._open_service, round_)
            yield lambda: self._tap_and_wait("backButton", "category")
            yield lambda: self._tap_and_wait("homeButton", "home")

    def _tap_and_wait(self, name: str, route: str) -> None:
        self.wait_until(lambda: bool(self.visible(name)))
        self.tap(self.visible(name)[0])
        self.wait_until(lambda: self.route == route)

    def _search(self, word: str) -> None:
        from PySide6.QtTest import QTest

        from kiosk.ui.screens.catalog import CatalogScreen

        screen = self.window.screens["catalog"]
        assert isinstance(screen, CatalogScreen)
        QTest.keyClicks(screen.search, word)
        self.wait_until(lambda: screen.stack.currentWidget() is screen.results_page)

    def _open_category(self, round_: int) -> None:
        self.wait_until(lambda: bool(self.visible("categoryTile")))
        tiles = self.visible("categoryTile")
        self.tap(tiles[round_ % len(tiles)])
        self.wait_until(lambda: self.route == "category")

    def _open_service(self, round_: int) -> None:
        self.wait_until(lambda: bool(self.visible("serviceCard")))
        cards = self.visible("serviceCard")
        self.tap(cards[round_ % len(cards)])
        self.wait_until(lambda: self.route == "service")

    def switch_language(self) -> None:
        """The next language of the kiosk, chosen as a person does: the header's
        language button first when the languages are folded behind it."""
        from kiosk.ui.i18n import LANGUAGE_NAMES

        codes = list(LANGUAGE_NAMES)
        self.lang_index = (self.lang_index + 1) % len(codes)
        name = f"language_{codes[self.lang_index]}"
        if not self.visible(name):
            self.tap(self.visible("languageToggle")[0])
            self.wait_until(lambda: bool(self.visible(name)))
        self.tap(self.visible(name)[0])
        self.wait_until(lambda: self.window.ctx.lang == codes[self.lang_index])

    def report(self, label: str) -> int:
        gc.collect()
        rss = rss_kib()
        print(
            f"  {label:>16}: RSS {rss / 1024:7.1f} MiB{self.sync_rss()}{self.handles()}", flush=True
        )
        return rss

    def sync_rss(self) -> str:
        """The sync process's memory (the kiosk runs its sync, and in demo mode the
        embedded platform, in a process of its own)."""
        kib = self.sync_kib()
        return f"   (sync process {kib / 1024:6.1f} MiB)" if kib else ""

    def handles(self) -> str:
        """Open files, threads and Qt timers of the kiosk, and the sync process's files."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        fds, threads = proc_counts()
        app = QApplication.instance()
        timers = len(app.findChildren(QTimer)) + len(self.window.findChildren(QTimer)) if app else 0
        text = f"   fds {fds} threads {threads} timers {timers} widgets {self.widgets()}"
        pid = self.sync_pid()
        with contextlib.suppress(OSError):  # it is being started again
            text += f" (sync fds {proc_counts(pid)[0]})" if pid else ""
        return text

    def sync_pid(self) -> int | None:
        backend = self.kiosk.backend
        return getattr(backend.sync.worker, "pid", None) if backend and backend.sync else None

    def sync_kib(self) -> int:
        pid = self.sync_pid()
        try:
            return rss_kib(pid) if pid else 0
        except OSError:  # it is being started again
            return 0

    def widgets(self) -> int:
        from PySide6.QtWidgets import QApplication

        return len(QApplication.allWidgets())

    def walk(self, first: int, last: int) -> None:
        """Interactions ``first`` to ``last`` of the walk, memory reported every 100."""
        steps = self.steps()
        for done in range(first, last + 1):
            if done % END_VISIT_EVERY == 0:
                self.window.visits.end()  # what the idle time-out does
                steps = self.steps()
            if done % LANGUAGE_EVERY == 0:
                self.switch_language()
            elif done % END_VISIT_EVERY != 0:
                next(steps)()
            if done % REFRESH_EVERY == 0:
                self.window.refresh()  # as the sync bridge does (mirror_changed)
            if done % REPORT_EVERY == 0:
                self.report(f"{done} interactions")

    def first_sync_done(self) -> bool:
        backend = self.kiosk.backend
        return bool(backend and backend.sync and backend.sync.worker.status.last_success)

    def run(self) -> int:
        self.wait_until(lambda: self.kiosk.backend is not None, timeout_s=60)
        start = self.report("start")
        if self.settled:
            # What the first sync brings (the demo's pull, the screens built again after
            # it) is kept once too: with the other core busy the pull ended during the
            # warm-up's last steps or after them, and the 2 MB it left counted as growth.
            self.wait_until(self.first_sync_done, timeout_s=300)
        # A binding that drops references to None aborts the interpreter once the count
        # reaches zero; the drift shows it long before (immortal from Python 3.12 on).
        none_refs = sys.getrefcount(None)
        # The warm-up: the same walk until every language has been shown. The kiosk
        # grows meanwhile by what it keeps once: each screen built, each language's
        # translations, fonts and glyphs, the search words and stemmers, the store's
        # page cache. What it keeps after that, over the interactions measured, would
        # be a leak.
        from kiosk.ui.i18n import LANGUAGE_NAMES

        warm_up = (len(LANGUAGE_NAMES) * LANGUAGE_EVERY // REPORT_EVERY + 1) * REPORT_EVERY
        began = time.monotonic()
        self.walk(1, warm_up)
        warm = self.report("after warm-up")
        warm_widgets, warm_sync = self.widgets(), self.sync_kib()
        self.walk(warm_up + 1, warm_up + self.interactions)
        elapsed = time.monotonic() - began
        end, end_widgets, end_sync = self.report("end"), self.widgets(), self.sync_kib()
        print(
            f"  {warm_up} + {self.interactions} interactions in {elapsed:.0f} s without a crash;"
            f" growth over the {self.interactions} after the warm-up of {warm_up} (every"
            f" language shown): {(end - warm) / 1024:+.1f} MiB (target ≤ 2 MB);"
            f" from the start {(end - start) / 1024:+.1f} MiB",
            flush=True,
        )
        print(f"  widgets alive: {warm_widgets} after the warm-up, {end_widgets} at the end")
        if warm_sync and end_sync:
            print(
                f"  sync process: {warm_sync / 1024:.1f} MiB after the warm-up,"
                f" {end_sync / 1024:.1f} MiB at the end"
            )
        # Signed: this binding also adds a reference to None for each widget made and
        # gone (harmless, no memory behind it), which a count of losses alone would hide.
        drift = sys.getrefcount(None) - none_refs
        print(
            f"  references to None: {drift:+d} over the run (a loss is negative; single"
            " calls are checked by tests/kiosk/test_qt_references.py)",
            flush=True,
        )
        return 0


def child(interactions: int, settled: bool = False) -> int:
    driver = Driver(interactions, settled)
    code = 1
    try:
        code = driver.run()
    finally:
        driver.kiosk.app.quit()
        if driver.kiosk.tasks is not None:
            driver.kiosk.tasks.shutdown()
        if driver.kiosk.backend is not None:
            driver.kiosk.backend.close()
        shutil.rmtree(driver.folder, ignore_errors=True)  # its kiosk's store and platform
    return code


# Qt's offscreen platform says this each time a window's size limits change (every
# screen shown): thousands of lines that would hide the figures and any real warning.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints()"


def soak(interactions: int = INTERACTIONS) -> int:
    """Runs the soak in a child process; returns its exit status (negative: a signal).
    What the child writes to its standard error is passed on, except the offscreen
    platform's message above."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "benchmarks.soak", "--child", str(interactions), "--settled"]
    with subprocess.Popen(
        command,
        env=env,
        stderr=subprocess.PIPE,
        encoding="utf-8",
        errors="replace",  # a stray byte from a library must not end the soak
    ) as child:
        assert child.stderr is not None
        for line in child.stderr:
            if line.strip() != OFFSCREEN_NOISE:
                sys.stderr.write(line)
    return child.returncode


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    interactions = int(args[0]) if args else INTERACTIONS
    print(f"Soak: {interactions} interactions on the demo kiosk")
    code = soak(interactions)
    if code != 0:
        print(f"  the kiosk ended with status {code} (a negative status is a signal)")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        sys.exit(child(int(sys.argv[2]), settled="--settled" in sys.argv[3:]))
    main(sys.argv[1:])
