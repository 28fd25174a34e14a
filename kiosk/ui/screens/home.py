# SPDX-License-Identifier: EUPL-1.2
"""The home screen: the Social Point's name and three big ways in."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout

from kiosk.ui.screens.base import Screen, UiContext
from kiosk.ui.widgets.common import CardButton, label

HOME_ICON_PX = 88


class HomeScreen(Screen):
    route = "home"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.body.setContentsMargins(64, 48, 64, 48)
        self.welcome = label(role="title", name="welcome")
        self.prompt = label(role="heading", name="prompt")
        self.body.addWidget(self.welcome)
        self.body.addWidget(self.prompt)
        self.body.addSpacing(24)
        tiles = QHBoxLayout()
        tiles.setSpacing(32)
        self.services_tile = CardButton(name="servicesTile", role="tile")
        self.calls_tile = CardButton(name="callsTile", role="tile")
        self.help_tile = CardButton(name="helpTile", role="help")
        for tile, icon in (
            (self.services_tile, "services"),
            (self.calls_tile, "calls"),
            (self.help_tile, "help"),
        ):
            tile.setMinimumHeight(360)
            tile.set_icon(icon, size=HOME_ICON_PX, role="tileTitle")
            tiles.addWidget(tile, 1)
        self.services_tile.clicked.connect(lambda: self.go("catalog"))
        self.calls_tile.clicked.connect(lambda: self.go("calls"))
        self.help_tile.clicked.connect(self.help_requested)
        self.body.addLayout(tiles)
        self.body.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.welcome.setText(
            self.tr("Welcome to the {name}").format(name=self.ctx.social_point.name)
        )
        self.prompt.setText(self.tr("How can we help you? Touch one of the buttons."))
        self.services_tile.set_lines(
            [
                (self.tr("Services"), "tileTitle"),
                (self.tr("Find care, help at home, courses and local shops"), "tileText"),
            ]
        )
        self.calls_tile.set_lines(
            [
                (self.tr("Calls and subsidies"), "tileTitle"),
                (self.tr("Food vouchers, contributions and help from the Comune"), "tileText"),
            ]
        )
        self.help_tile.set_lines(
            [
                (self.tr("Ask a welfare manager for help"), "tileTitle"),
                (self.tr("A person at the Social Point will help you"), "tileText"),
            ]
        )
