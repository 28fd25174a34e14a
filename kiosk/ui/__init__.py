"""The Qt user interface; the only part of the product that imports PySide6."""
