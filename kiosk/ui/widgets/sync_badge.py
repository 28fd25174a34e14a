# SPDX-License-Identifier: EUPL-1.2
"""The sync status badge: online or not, records waiting, time of the last sync."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent

from kiosk.ui.widgets.common import WrappingLabel, set_enum

if TYPE_CHECKING:  # the sync package loads SQLAlchemy: not before the first frame
    from datetime import datetime

    from sync.worker import SyncStatus


class SyncBadge(WrappingLabel):
    """On a line of its own under the header's names and toggles, in as many lines as its
    width needs: after an order or a night offline its text ("3 records waiting to be
    sent", "synced on 05/12 at 15:08") is long, and beside the toggles it squeezed their
    words off them."""

    def __init__(self, time_zone: str) -> None:
        """``time_zone``: the kiosk's ([vouchers] time_zone), for the time of the last sync."""
        super().__init__()
        self.time_zone = time_zone
        self.setObjectName("syncBadge")
        set_enum(self, "textFormat", "PlainText")
        self.setWordWrap(True)
        self.status: SyncStatus | None = None
        self.hide()  # a kiosk that does not sync shows nothing

    def show_status(self, status: SyncStatus) -> None:
        self.status = status
        self.setVisible(True)
        self.retranslate()

    def retranslate(self) -> None:
        status = self.status
        if status is None:
            return
        parts = [self.tr("● Online") if status.online else self.tr("○ Offline")]
        if status.waiting:
            parts.append(self.tr("%n record(s) waiting to be sent", "", status.waiting))
        if status.last_success:
            parts.append(self._synced(status.last_success))
        self.setText(" · ".join(parts))
        self.setProperty("state", "online" if status.online else "offline")

    def _synced(self, moment: datetime) -> str:
        """The time alone on the day of the sync; its date too after that (a kiosk
        offline since yesterday must not seem up to date)."""
        from kiosk.core import local_time  # not needed for the first frame

        local = local_time.local(moment, self.time_zone)
        if local.date() == local_time.today(self.time_zone):
            return self.tr("synced at {time}").format(time=f"{local:%H:%M}")
        return self.tr("synced on {day} at {time}").format(
            day=f"{local:%d/%m}", time=f"{local:%H:%M}"
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
