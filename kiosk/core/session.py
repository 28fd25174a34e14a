# SPDX-License-Identifier: EUPL-1.2
"""One citizen's visit (Qt-free): what it holds, and forgetting it when they leave.

Drafts of applications live here, in memory only, for as long as the visit lasts: the
citizen may go back to the catalog and return to the form with nothing lost. When the
kiosk has been left alone for the idle timeout, ``end`` forgets everything, so the next
person never sees the previous one's answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.core.applying import Draft
    from kiosk.core.manager_login import Manager
    from kiosk.core.purchasing import Cart


class CitizenSession:
    def __init__(self, language: str = "it") -> None:
        self.language = language  # the one every visit starts in
        self.drafts: dict[str, Draft] = {}  # by call id
        self.more_time = False  # the citizen asked for longer waits during this visit
        self.assisted_by: Manager | None = None  # a welfare manager is helping
        self.cart: Cart | None = None  # services chosen to buy or book
        self.large_text = False  # the citizen chose larger text for this visit

    @property
    def active(self) -> bool:
        """Whether the visit holds anything to forget."""
        return bool(self.drafts) or bool(self.cart and self.cart.lines)

    def end(self) -> None:
        self.drafts.clear()
        self.more_time = False
        self.assisted_by = None
        self.cart = None
        self.large_text = False
