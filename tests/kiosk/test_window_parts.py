# SPDX-License-Identifier: EUPL-1.2
"""The window's parts on their own, without a MainWindow: navigation (routes and the
way back), the visit's lifecycle and manager mode each do their job over a bare stack
of screens, so the window only wires them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from PySide6.QtWidgets import QStackedWidget

from kiosk.core.manager_login import Manager
from kiosk.core.purchasing import Cart
from kiosk.core.session import CitizenSession
from kiosk.ui.i18n import LanguageSwitcher
from kiosk.ui.manager_mode import ManagerMode
from kiosk.ui.navigation import Navigation
from kiosk.ui.screens.base import UiContext
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.visit_lifecycle import VisitLifecycle
from store.catalog import CatalogReader
from tests.conftest import make_config

SILVIA = Manager("1001", "Silvia Demo", "Cooperativa Sociale Il Girasole", "welfare_manager")


class Parts(NamedTuple):
    ctx: UiContext
    stack: QStackedWidget
    navigation: Navigation
    visits: VisitLifecycle
    managers: ManagerMode


@pytest.fixture
def parts(qtbot, qapp, tmp_path: Path) -> Iterator[Parts]:  # type: ignore[no-untyped-def]
    switcher = LanguageSwitcher(tmp_path / "cache")
    switcher.set_language("it")
    ctx = UiContext(make_config(tmp_path).social_point, switcher, CitizenSession("it"))
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    navigation = Navigation(ctx, stack, stack)
    visits = VisitLifecycle(ctx, navigation, stack, countdown_s=20)
    managers = ManagerMode(ctx, navigation, visits, idle_s=180, parent=stack)
    navigation.add(HomeScreen(ctx))
    navigation.go_home()
    yield Parts(ctx, stack, navigation, visits, managers)
    switcher.detach()


def test_a_tap_before_the_store_opens_is_carried_out_when_it_does(
    parts: Parts, catalog: CatalogReader
) -> None:
    navigation, shown = parts.navigation, []
    navigation.shown.connect(shown.append)
    navigation.go("calls", {})
    assert navigation.current_route == "home" and not shown  # the store is still opening
    navigation.attach(catalog)
    assert navigation.current_route == "calls"
    assert parts.stack.currentWidget() is navigation.screens["calls"]
    navigation.go("catalog")
    navigation.back()
    assert shown == ["calls", "catalog", "calls"]
    assert [route for route, _ in navigation.history] == ["home", "calls"]
    navigation.go_home()
    navigation.back()  # nothing before home
    assert navigation.history == [("home", {})]


def test_an_assisted_visit_ends_at_the_login_and_a_left_kiosk_logs_out(
    parts: Parts, catalog: CatalogReader
) -> None:
    ctx, navigation, visits, managers = parts.ctx, parts.navigation, parts.visits, parts.managers
    navigation.attach(catalog)
    forgotten: list[bool] = []
    visits.ended.connect(lambda: forgotten.append(True))
    managers.logged_in(SILVIA)
    assert navigation.current_route == "manager"
    managers.start_assisted_session()
    assert ctx.citizen.assisted_by is SILVIA and navigation.current_route == "home"
    ctx.citizen.cart = Cart()
    visits.finish()  # the citizen tapped "Finish": the dashboard waits for the PIN
    assert navigation.current_route == "manager_login" and managers.manager is SILVIA
    assert ctx.citizen.assisted_by is None and ctx.citizen.cart is None
    assert managers.leave_when_idle()  # alone at the login: logged out at once
    assert managers.manager is None and navigation.current_route == "home"
    managers.logged_in(SILVIA)
    managers.start_assisted_session()
    visits.end()  # nobody answered "Sei ancora lì?": the manager leaves with the citizen
    assert managers.manager is None and navigation.current_route == "home"
    assert len(forgotten) == 5  # each start, end and logout forgot the visit before


def test_home_and_back_from_the_manager_screens_log_the_manager_out(
    parts: Parts, catalog: CatalogReader
) -> None:
    navigation, managers = parts.navigation, parts.managers
    navigation.attach(catalog)
    navigation.go("catalog")
    assert not managers.back() and not managers.home()  # a citizen's screen: theirs
    managers.logged_in(SILVIA)
    assert managers.back() and managers.manager is None
    assert navigation.current_route == "home"
    managers.open_area()
    assert navigation.current_route == "manager_login"
    assert managers.home() and navigation.current_route == "home"


def test_a_layer_s_card_shows_its_edge_in_high_contrast(qtbot, window, snap) -> None:  # type: ignore[no-untyped-def]
    """Black card on a page dimmed to black: without an edge, nothing showed where the
    help (or the still-there question) ended and the page's texts began."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QFrame

    window.set_high_contrast(True)
    window.show_help()
    qtbot.waitUntil(lambda: any(f.isVisible() for f in window.findChildren(QFrame, "overlayCard")))
    [card] = [f for f in window.findChildren(QFrame, "overlayCard") if f.isVisible()]
    corner = card.mapTo(window, QPoint(0, 0))
    image = window.grab().toImage()
    middle = corner.y() + card.height() // 2
    edge = image.pixelColor(corner.x() + 1, middle)
    inside = image.pixelColor(corner.x() + 12, middle)
    assert edge.lightness() > 200 and inside.lightness() < 60, (edge.name(), inside.name())
    snap(window, "help-high-contrast")
