"""Kiosk tests may use the reference platform over loopback HTTP (``central``)."""

from tests.sync.conftest import central  # noqa: F401  (a fixture)
