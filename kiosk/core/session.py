# SPDX-License-Identifier: EUPL-1.2
"""One citizen's visit (Qt-free): what it holds, and forgetting it when they leave.

Everything a visit holds is a field of ``Visit``; ``CitizenSession.end`` replaces the
visit with a new one, so a field added there is forgotten with the rest without anyone
remembering to clear it (tests/kiosk/test_visit_forgotten.py checks that the session
holds nothing else). Drafts of applications live here, in memory only, for as long as
the visit lasts: the citizen may go back to the catalog and return to the form with
nothing lost. When the kiosk has been left alone for the idle timeout, the visit ends,
so the next person never sees the previous one's answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.core.applying import Draft
    from kiosk.core.manager_login import Manager
    from kiosk.core.purchasing import Cart


@dataclass
class Visit:
    """What one visit holds; a new visit starts with every field at its default."""

    drafts: dict[str, Draft] = field(default_factory=dict)  # by call id
    more_time: bool = False  # the citizen asked for longer waits during this visit
    assisted_by: Manager | None = None  # a welfare manager is helping
    cart: Cart | None = None  # services chosen to buy or book
    large_text: bool = False  # the citizen chose larger text for this visit
    high_contrast: bool = False  # the citizen chose high contrast for this visit


def _scrub(visit: Visit) -> None:
    """Empties what the ended visit's containers hold, for any code that kept a
    reference to one of them."""
    for part in fields(visit):
        value: Any = getattr(visit, part.name)
        if isinstance(value, dict | list | set):
            value.clear()


class CitizenSession:
    """The kiosk's language (kept between visits) and the visit in progress."""

    __slots__ = ("language", "visit")

    def __init__(self, language: str = "it") -> None:
        self.language = language  # the one every visit starts in
        self.visit = Visit()

    @property
    def active(self) -> bool:
        """Whether the visit holds anything to forget."""
        return bool(self.visit.drafts) or bool(self.visit.cart and self.visit.cart.lines)

    def end(self) -> None:
        ended, self.visit = self.visit, Visit()
        _scrub(ended)

    def still(self, visit: Visit) -> bool:
        """Whether ``visit`` (taken when some work began) is still the one in progress:
        a result that comes back after its citizen left is never shown to the next."""
        return self.visit is visit

    # The visit's fields, read and written through the session (as the screens do).

    @property
    def drafts(self) -> dict[str, Draft]:
        return self.visit.drafts

    @property
    def more_time(self) -> bool:
        return self.visit.more_time

    @more_time.setter
    def more_time(self, value: bool) -> None:
        self.visit.more_time = value

    @property
    def assisted_by(self) -> Manager | None:
        return self.visit.assisted_by

    @assisted_by.setter
    def assisted_by(self, value: Manager | None) -> None:
        self.visit.assisted_by = value

    @property
    def cart(self) -> Cart | None:
        return self.visit.cart

    @cart.setter
    def cart(self, value: Cart | None) -> None:
        self.visit.cart = value

    @property
    def large_text(self) -> bool:
        return self.visit.large_text

    @large_text.setter
    def large_text(self, value: bool) -> None:
        self.visit.large_text = value

    @property
    def high_contrast(self) -> bool:
        return self.visit.high_contrast

    @high_contrast.setter
    def high_contrast(self, value: bool) -> None:
        self.visit.high_contrast = value
