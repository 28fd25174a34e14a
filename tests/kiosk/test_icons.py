# SPDX-License-Identifier: EUPL-1.2
"""Icons on the home tiles and category cards: bundled with their licence, drawn in the
colour of the text beside them (both themes), never in place of the text."""

from __future__ import annotations

import json
import re

from PySide6.QtGui import QColor, QImage
from PySide6.QtSvg import QSvgRenderer

from kiosk.boot.paths import ASSETS, DEMO_DATASET
from kiosk.ui.widgets.common import CardButton
from kiosk.ui.widgets.icons import FALLBACK, ICON_DIR, ICONS, Icon, icon_file


def inked(icon: Icon) -> set[str]:
    """The colours of the icon's drawn (opaque) pixels."""
    image = icon.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)
    colours = set()
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = QColor(image.pixel(x, y))
            if pixel.alpha() == 255:
                colours.add(pixel.name())
    return colours


def test_every_icon_is_bundled_with_its_licence_and_draws() -> None:
    assert "MIT License" in (ICON_DIR / "LICENSE").read_text()
    readme = (ICON_DIR / "README.md").read_text()
    shipped = {path.stem for path in ICON_DIR.glob("*.svg")}
    assert shipped == {*ICONS.values(), FALLBACK}  # nothing shipped unused, nothing missing
    for name in shipped:
        assert f"`{name}.svg`" in readme, name  # each file's use is documented
        renderer = QSvgRenderer(str(ICON_DIR / f"{name}.svg"))
        assert renderer.isValid(), name
    categories = json.loads(DEMO_DATASET.read_text())["categories"]
    for category in categories:  # every demo category has an icon of its own
        assert category["icon"] in ICONS, category["icon"]
    assert icon_file("a_category_added_next_year") == FALLBACK
    assert re.search(r"EUPL", readme)


def test_home_tiles_and_categories_show_an_icon_beside_their_text(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    home = window.screens["home"]
    tiles = [home.services_tile, home.calls_tile, home.help_tile]  # type: ignore[attr-defined]
    window.go("catalog")
    qtbot.waitUntil(lambda: len(window.screens["catalog"]._tiles) == 7)  # type: ignore[attr-defined]
    tiles += window.screens["catalog"]._tiles  # type: ignore[attr-defined]
    window.go_home()
    for tile in tiles:
        assert isinstance(tile, CardButton) and tile.icon_view is not None
        assert tile.lines() and all(tile.lines()), "an icon never replaces the text"
        assert tile.icon_view.name != FALLBACK
    first = home.services_tile  # type: ignore[attr-defined]
    qtbot.waitUntil(first.icon_view.isVisible)
    title = first._labels[0]
    drawn = inked(first.icon_view)
    assert title.palette().color(title.foregroundRole()).name() in drawn  # the text's colour
    window.set_high_contrast(True)
    try:
        qtbot.waitUntil(lambda: title.palette().color(title.foregroundRole()).name() != "#ffffff")
        contrast = title.palette().color(title.foregroundRole()).name()
        assert contrast in inked(first.icon_view)  # follows the theme
    finally:
        window.set_high_contrast(False)


def test_a_card_without_a_known_icon_gets_the_neutral_one(qtbot) -> None:  # type: ignore[no-untyped-def]
    card = CardButton(name="categoryTile")
    qtbot.addWidget(card)
    card.set_lines([("Nuova categoria", "cardTitle"), ("3 servizi", "muted")])
    card.set_icon("something_new", size=64, role="cardTitle")
    card.show()
    assert card.icon_view is not None and card.icon_view.name == FALLBACK
    assert inked(card.icon_view)  # drawn, not blank
    assert (ASSETS / "icons" / f"{FALLBACK}.svg").is_file()


def test_a_restarted_kiosk_draws_its_icons_from_the_kept_pictures(
    qtbot, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The first start draws each icon from its SVG and keeps the picture; the next
    ones (a new process: nothing in memory) draw the same pixels without the SVG
    renderer, which stays off the first paint's path."""
    from kiosk.ui.widgets import icons

    monkeypatch.setattr(icons, "_cache_dir", [])
    icons.use_cache(tmp_path / "icons")
    icons.picture.cache_clear()
    card = CardButton(name="servicesTile")
    qtbot.addWidget(card)
    card.set_lines([("Servizi", "cardTitle")])
    card.set_icon("services", size=64, role="cardTitle")
    card.show()
    assert card.icon_view is not None
    first = card.icon_view.grab().toImage()
    kept = list((tmp_path / "icons").glob("building-community-*-64x64.png"))
    assert len(kept) == 1
    icons.picture.cache_clear()  # as after a restart

    def no_svg(*_args: object) -> None:
        raise AssertionError("the SVG was rendered again")

    monkeypatch.setattr(icons, "_renderer", no_svg)
    assert card.icon_view.grab().toImage() == first
    icons.picture.cache_clear()  # the kept pictures are not used by other tests' icons
