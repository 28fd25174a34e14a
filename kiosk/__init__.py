# SPDX-License-Identifier: EUPL-1.2
"""Social Point Kiosk: the touchscreen application."""
