# SPDX-License-Identifier: EUPL-1.2
"""PySide6 asks of every module imported after it whether its source names "PySide6"
(``shibokensupport.feature``, the support of ``from __feature__ import ...``). It asks
through ``inspect.getsource``, which keeps the text of each module in ``linecache`` for
the life of the process: about 12 MB for the kiosk's 730 modules, and a tenth of the
time its worker spends opening the store after the first frame (SQLAlchemy alone is
about 200 modules). The same question is answered here by reading the file's bytes
once and keeping nothing.

Shiboken's module is not public API: where it has no such function (another PySide6),
nothing is changed and PySide6 asks as it always did.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

FEATURE_MODULE = "shibokensupport.feature"
ASKS = "_mod_uses_pyside"


def names_pyside(module: ModuleType, fallback: Callable[[ModuleType], bool]) -> bool:
    """Whether the source of ``module`` names PySide6, as PySide6 itself decides it."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return fallback(module)  # built in, compiled, or without a file: PySide6's way
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:  # in a zip, say
        return fallback(module)


def read_sources_without_keeping_them() -> bool:
    """Installs the quicker question; True when PySide6 now asks it. Called before the
    first import of PySide6, so the modules already imported are asked it too."""
    import shiboken6  # noqa: F401  (loads shibokensupport, before PySide6's first scan)

    feature = sys.modules.get(FEATURE_MODULE)
    original = getattr(feature, ASKS, None)
    if feature is None or not callable(original):
        return False
    if getattr(original, "keeps_no_source", False):
        return True

    def quicker(module: ModuleType) -> bool:
        return names_pyside(module, original)

    quicker.keeps_no_source = True  # type: ignore[attr-defined]
    setattr(feature, ASKS, quicker)
    return True
