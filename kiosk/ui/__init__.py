# SPDX-License-Identifier: EUPL-1.2
"""The Qt user interface; the only part of the product that imports PySide6."""
