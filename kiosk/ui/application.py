# SPDX-License-Identifier: EUPL-1.2
"""The running kiosk: QApplication, style, language, main window, and the store behind it."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.boot.config import Config, ConfigError
from kiosk.ui.event_filters import never_raises
from kiosk.ui.i18n import LanguageSwitcher
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.base import UiContext
from kiosk.ui.theme import style_sheet

if TYPE_CHECKING:
    from kiosk.boot.backend import Backend, OpenStore
    from kiosk.core.headset import JackSource
    from kiosk.ui.controllers.apply import ApplyController
    from kiosk.ui.controllers.manager import ManagerController
    from kiosk.ui.controllers.printer import PrintController
    from kiosk.ui.controllers.purchase import PurchaseController
    from kiosk.ui.print_bridge import PrintBridge
    from kiosk.ui.spoken_mode import SpokenMode
    from kiosk.ui.sync_bridge import SyncBridge
    from kiosk.ui.tasks import TaskRunner
    from kiosk.ui.widgets.out_of_service import OutOfService
    from printing.print_worker import PrintUpdate
    from printing.slip import SlipContext
    from sync.worker import SyncStatus

log = logging.getLogger(__name__)


def build_window(config: Config, app: QApplication, *, watch_idle: bool = True) -> MainWindow:
    """The styled main window in the configured language, without its catalog yet.
    Without ``watch_idle`` the caller calls ``start_watches`` (after the first frame)."""
    app.setStyleSheet(style_sheet())
    app.setCursorFlashTime(0)
    switcher = LanguageSwitcher(config.paths.cache_dir)
    switcher.set_language(config.language)
    from kiosk.ui.widgets import icons

    icons.use_cache(config.paths.cache_dir / "icons")
    from kiosk.core.session import CitizenSession
    from kiosk.ui.idle import IdleWatcher

    citizen = CitizenSession(config.language)
    ctx = UiContext(
        social_point=config.social_point,
        switcher=switcher,
        citizen=citizen,
        time_zone=config.vouchers.time_zone,
    )
    window = MainWindow(
        ctx, countdown_s=config.countdown_s, manager_idle_s=config.manager.idle_timeout_s
    )
    window.idle = IdleWatcher(config.idle_timeout_s, window.ask_still_there, window)
    window.speech_settings = config.speech
    window.switch_settings = config.switches
    if watch_idle:
        start_watches(window)
    return window


def attach_access(window: MainWindow) -> None:
    """Keys and keypad drive the kiosk; spoken mode waits for its tactile start. After
    the first frame: keys and speech build Qt's enum namespace."""
    from kiosk.core.speech import EspeakSpeaker, SilentSpeaker, Speaker
    from kiosk.ui.key_navigation import KeyNavigator, visible_layer
    from kiosk.ui.spoken_mode import SpokenMode

    def back() -> None:
        layer = visible_layer(window)
        if layer is None:
            window.back()
        else:  # its safe answer ("No, go on", "OK", "Continue"), never the one that acts
            layer.answer_back()

    def help_key() -> None:  # the first press starts spoken mode, the next ask for help
        spoken = window.spoken
        if spoken is not None and not spoken.on:
            spoken.start()
        else:
            window.show_help()

    navigator = KeyNavigator(
        window,
        layer=lambda: visible_layer(window),
        back=back,
        help=help_key,
        body=lambda: window.stack.currentWidget(),
    )
    window.navigator = navigator

    def screen_shown(_route: str) -> None:
        if navigator.used:  # a keypad user: the focus goes into the new screen
            QTimer.singleShot(0, window, navigator.focus_first)

    window.screen_shown.connect(screen_shown)
    window.visit_ended.connect(navigator.reset)
    speech = window.speech_settings
    speaker: Speaker
    if speech.engine == "espeak-ng" and EspeakSpeaker.available(speech.device):
        speaker = EspeakSpeaker(
            volume=speech.volume, rate_wpm=speech.rate_wpm, device=speech.device
        )
    else:
        if speech.engine == "espeak-ng":
            missing = "aplay (alsa-utils)" if EspeakSpeaker.available() else "espeak-ng"
            log.warning("speech: %s is not installed; spoken mode will be silent", missing)
        speaker = SilentSpeaker(keep=False)
    window.spoken = SpokenMode(window, speaker, speech)
    watch_headset(window.spoken, speech.headset_jack)
    if window.switch_settings.scanning != "off":
        from kiosk.ui.switch_scanning import SwitchScanner

        scanner = SwitchScanner(window, navigator, window.switch_settings)
        window.visit_ended.connect(scanner.stop)


def watch_headset(spoken: SpokenMode, setting: str, jack: JackSource | None = None) -> None:
    """The headset jack (``speech.headset_jack``), watched on its own thread for the
    kiosk's lifetime: its news reach spoken mode on the UI thread."""
    from kiosk.core.headset import jack_for
    from kiosk.ui.spoken_mode import HeadsetBridge

    jack = jack or jack_for(setting)
    if jack is None:
        return
    bridge = HeadsetBridge(spoken)
    bridge.changed.connect(spoken.set_headset)
    spoken.jack = jack
    jack.watch(bridge.changed.emit)


def start_watches(window: MainWindow, *, access: bool = True) -> None:
    """The idle watch, the cycle collector moved to the UI thread, and (unless the
    caller attaches it later) keys and speech."""
    from kiosk.ui.collector import UiThreadCollector

    assert window.idle is not None
    window.idle.watch()
    if access:
        attach_access(window)
    window.collector = UiThreadCollector(window)


class FirstPaint(QObject):
    """Calls ``then`` once, when ``widget`` has been painted for the first time.

    A window is drawn only when the window system exposes it, some time after show();
    the start-up work that may wait waits for that, not for an arbitrary turn of the
    event loop. A window that is never exposed still gets ``then`` after ``fallback_ms``.
    """

    def __init__(self, widget: QWidget, then: Callable[[], None], fallback_ms: int = 3000) -> None:
        super().__init__(widget)
        self._widget = widget
        self._then: Callable[[], None] | None = then
        widget.installEventFilter(self)
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.timeout.connect(self._fire)
        self._fallback.start(fallback_ms)

    @never_raises
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self._fire)  # once this paint has been carried out
        return False

    def _fire(self) -> None:
        if self._then is None:
            return
        then, self._then = self._then, None
        self._fallback.stop()
        self._widget.removeEventFilter(self)
        then()


def settle_heap() -> None:
    """Moves everything alive after start-up out of the garbage collector's sight.

    A full collection otherwise walks every Qt wrapper, SQLAlchemy and platform object
    holding the GIL, about 50 ms during which the screen cannot move (measured while
    syncing a 10,000-service catalog); frozen objects are not walked again, and a sync
    pass does not thaw them (sync/heap.py).
    """
    from sync import heap  # after the first frame: not on the start's path

    heap.settle()


def attach_printing(
    window: MainWindow, backend: Backend, tasks: TaskRunner, bridge: PrintBridge
) -> PrintController:
    """Screens' print requests go to the queue, and the print panel shows them."""
    from kiosk.boot.printer_setup import slip_context
    from kiosk.ui.controllers.printer import PrintController

    config = backend.config

    def context() -> SlipContext:
        names = {c.id: c.name for c in backend.catalog.comuni()}
        manager = window.ctx.citizen.assisted_by  # "Assistito da" on every slip
        return slip_context(
            config, names.get(config.social_point.comune), manager.name if manager else None
        )

    controller = PrintController(window, backend.printing, tasks, context, bridge)
    window.visit_ended.connect(controller.close_panel)
    window.visits.abandoned.connect(controller.kiosk_left_alone)
    return controller


def attach_applying(
    window: MainWindow,
    backend: Backend,
    tasks: TaskRunner,
    printer: PrintController,
    sync_bridge: SyncBridge,
    print_bridge: PrintBridge,
) -> ApplyController:
    """Applications from the wizard are saved off the UI thread and followed until their
    receipt prints; a barcode scanner's reading reaches the form."""
    from kiosk.ui.controllers.apply import ApplyController
    from kiosk.ui.scanner_input import ScannerInput

    scanner = ScannerInput(window)
    controller = ApplyController(window, backend, tasks, printer.context, printer, scanner)
    sync_bridge.status_changed.connect(controller.on_sync_status)
    print_bridge.updated.connect(controller.on_print_update)
    return controller


class Controllers(NamedTuple):
    printing: PrintController
    applying: ApplyController
    managing: ManagerController
    purchasing: PurchaseController


def connect_backend(
    window: MainWindow,
    backend: Backend,
    tasks: TaskRunner,
    sync_bridge: SyncBridge,
    print_bridge: PrintBridge,
) -> Controllers:
    """The store is open: screens get the catalog, printing, applying and manager mode
    their workers' news. (The workers themselves are started by the caller.)"""
    from kiosk.ui.controllers.manager import ManagerController
    from kiosk.ui.controllers.purchase import PurchaseController

    if window.catalog is not backend.catalog:  # the kiosk attached it as the store opened
        window.attach(backend.catalog)
    printer = attach_printing(window, backend, tasks, print_bridge)
    applying = attach_applying(window, backend, tasks, printer, sync_bridge, print_bridge)
    managing = ManagerController(window, backend, tasks, printer)
    sync_bridge.status_changed.connect(managing.on_sync_status)
    purchasing = PurchaseController(window, backend, tasks, printer.context, printer)
    # Home drags and flings like every screen once the kiosk is ready: its first frame
    # does without the scroller (Qt's enum namespace, a tenth of a cold start), but a
    # small panel or larger text in Arabic make it taller than the screen.
    from kiosk.ui.widgets.common import enable_kinetic_scrolling

    enable_kinetic_scrolling(window.screens["home"].page)
    return Controllers(printer, applying, managing, purchasing)


def open_store_and_screens(config: Config) -> OpenStore:
    """On a worker, after the first frame: the log file, the store, and the modules of
    the screens a first tap opens (the UI thread then finds them loaded)."""
    from kiosk.boot.backend import open_store, start_logging
    from kiosk.ui.screens import calls, catalog  # noqa: F401  (the home screen's two ways)

    start_logging(config)
    log.info("home screen shown")
    return open_store(config)


def open_services_and_controllers(
    opened: OpenStore,
    *,
    on_status: Callable[[SyncStatus], None],
    on_mirror_changed: Callable[[], None],
    on_print_update: Callable[[PrintUpdate], None],
) -> Backend:
    """On a worker, once the catalog works: printer, sync, housekeeping, and the
    modules of the other screens and of the controllers that ``connect_backend``
    builds on the UI thread."""
    from kiosk.boot.backend import open_services
    from kiosk.ui.controllers import apply, manager, printer, purchase  # noqa: F401
    from kiosk.ui.navigation import data_screens

    data_screens()
    return open_services(
        opened,
        on_status=on_status,
        on_mirror_changed=on_mirror_changed,
        on_print_update=on_print_update,
        own_process=True,  # the sync's work never holds this process's Python lock
    )


class KioskApplication(QObject):
    """Shows the home screen first, then opens the store on a worker thread, then the
    printer and the sync. When either cannot be opened, an installation check
    (``--exit-when-ready``) or a wrong configuration ends with status 2 and one line; a
    kiosk in service otherwise says so on its screen and tries again every ``RETRY_S``
    seconds."""

    RETRY_S = 60.0

    def __init__(self, config: Config, *, windowed: bool, exit_when_ready: bool) -> None:
        self.app = QApplication.instance() or QApplication(["social-point"])
        super().__init__()
        self.app.setApplicationName("Social Point Kiosk")
        self.config = config
        self.exit_when_ready = exit_when_ready
        self.opened: OpenStore | None = None
        self.backend: Backend | None = None
        self.tasks: TaskRunner | None = None
        self.out_of_service: OutOfService | None = None  # built the first time it is needed
        self._last_failure = ""
        self.window = build_window(config, self.app, watch_idle=False)  # type: ignore[arg-type]
        if config.fullscreen and not windowed:
            self.window.locked = True  # closed only from the manager's dashboard
            self.window.showFullScreen()
        else:
            self.window.resize(1600, 900)
            self.window.show()
        self._restore_qt_messages: Callable[[], None] | None = None
        self._first_paint = FirstPaint(self.window, self._after_first_frame)

    def _after_first_frame(self) -> None:
        self._progress("home screen shown")
        from kiosk.boot.service_manager import ServiceManager
        from kiosk.ui.print_bridge import PrintBridge
        from kiosk.ui.qt_messages import route_qt_messages
        from kiosk.ui.sync_bridge import SyncBridge
        from kiosk.ui.tasks import TaskRunner
        from kiosk.ui.watchdog import start_watchdog

        # systemd (deploy/social-point-kiosk.service) counts the kiosk started when its
        # home screen is drawn, and restarts it when the UI thread stops pinging.
        self._restore_qt_messages = route_qt_messages()  # Qt's warnings in the kiosk's log
        self.service_manager = ServiceManager()
        self.service_manager.ready("home screen shown")
        self.watchdog = start_watchdog(self, self.service_manager)
        self.print_bridge = PrintBridge(self)
        self.bridge = SyncBridge(self)
        self.bridge.status_changed.connect(self.window.sync_badge.show_status)
        self.bridge.mirror_changed.connect(self.window.refresh)
        self.tasks = TaskRunner(self)
        # The store first, and the screens' modules with it, on the worker: the UI
        # thread only attaches the catalog (a tap made meanwhile is carried out then).
        self.tasks.run(
            lambda: open_store_and_screens(self.config), self._on_store_open, self._on_failed
        )
        # Keys and speech once the catalog works: building Qt's enums for them would
        # take the processor from the store's opening meanwhile.
        start_watches(self.window, access=False)

    def _on_store_open(self, opened: OpenStore) -> None:
        self.opened = opened
        self.window.attach(opened.catalog)
        log.info("catalog ready")
        self._progress("catalog ready")
        attach_access(self.window)
        self._open_services(opened)

    def _open_services(self, opened: OpenStore) -> None:
        assert self.tasks is not None
        self.tasks.run(
            lambda: open_services_and_controllers(
                opened,
                on_status=self.bridge.on_status,
                on_mirror_changed=self.bridge.on_mirror_changed,
                on_print_update=self.print_bridge.on_update,
            ),
            self._on_ready,
            self._on_failed,
        )

    def _on_ready(self, backend: Backend) -> None:
        """Printing, applying, purchases and manager mode join the screens."""
        self.backend = backend
        if self.out_of_service is not None and self.out_of_service.isVisible():
            self.out_of_service.hide()
            self.window.body.setEnabled(True)
            self.service_manager.status("home screen shown")
            log.warning("the kiosk works again")
        assert self.tasks is not None
        controllers = connect_backend(
            self.window, backend, self.tasks, self.bridge, self.print_bridge
        )
        controllers.managing.maintenance_requested.connect(self.app.quit)
        log.info("printing and sync ready")
        settle_heap()
        backend.printing.worker.start()
        if backend.sync is not None:
            from kiosk.ui.connectivity import watch_connectivity

            backend.sync.worker.start()
            watch_connectivity(backend.sync.worker.connectivity_returned)
        if self.exit_when_ready:
            self.window.locked = False  # a full-screen window would refuse the quit
            self.app.quit()

    def _on_failed(self, error: BaseException) -> None:
        from store.database import UnusableStoreError, storage_problem

        if isinstance(error, ConfigError | UnusableStoreError):  # says what to do in one line
            message = str(error)
        else:
            # SQLite's own words, without SQLAlchemy's statement and link lines
            reason = (storage_problem(error).splitlines() or [type(error).__name__])[0]
            if self.opened is None:
                message = f"cannot open the local store {self.config.paths.database}: {reason}"
            else:
                message = f"cannot start printing and sync: {reason}"
        if message != self._last_failure:  # the same failure again, every minute: one line
            log.critical("the kiosk cannot work: %s", message, exc_info=error)
        else:
            log.warning("the kiosk still cannot work: %s", message)
        self._last_failure = message
        print(f"social-point: {message}", file=sys.stderr)
        if self.exit_when_ready or isinstance(error, ConfigError):
            # An installation check, or a configuration to fix (no try again would help):
            # the start stops with the line that says what to do.
            self.app.exit(2)
            return
        self._show_out_of_service(message)
        self.service_manager.status(f"out of service: {message}"[:200])
        QTimer.singleShot(int(self.RETRY_S * 1000), self._try_again)

    def _show_out_of_service(self, message: str) -> None:
        """The notice over everything; what is beneath takes no tap, key or switch."""
        from kiosk.boot.logs import redact
        from kiosk.ui.widgets.out_of_service import OutOfService

        if self.out_of_service is None:
            self.out_of_service = OutOfService(self.window)
        self.window.navigation.forget_waiting_tap()
        self.window.body.setEnabled(False)
        self.out_of_service.show_reason(redact(message))

    def _try_again(self) -> None:
        """The part that failed, again: the store, or (the store open) the printer and
        the sync. The log, started with the first try, is not started again."""
        from kiosk.boot.logs import logging_started

        assert self.tasks is not None
        if self.opened is not None:
            self._open_services(self.opened)
        elif logging_started():
            from kiosk.boot.backend import open_store

            self.tasks.run(lambda: open_store(self.config), self._on_store_open, self._on_failed)
        else:
            self.tasks.run(
                lambda: open_store_and_screens(self.config), self._on_store_open, self._on_failed
            )

    def _progress(self, step: str) -> None:
        if self.exit_when_ready:
            print(step, flush=True)  # read by installation checks and the start benchmark

    def exec(self) -> int:
        code = self.app.exec()
        if hasattr(self, "service_manager"):
            self.service_manager.stopping()
        if self.tasks is not None:
            self.tasks.shutdown()
        if self.backend is not None:
            self.backend.close()
        elif self.opened is not None:  # the printer or sync could not be set up
            self.opened.store.close()
        if self._restore_qt_messages is not None:
            self._restore_qt_messages()
        return code
