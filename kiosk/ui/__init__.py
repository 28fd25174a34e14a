# SPDX-License-Identifier: EUPL-1.2
"""The Qt user interface; the only part of the product that imports PySide6."""

from kiosk.ui.pyside_scan import read_sources_without_keeping_them

read_sources_without_keeping_them()  # before any module of this package imports PySide6
