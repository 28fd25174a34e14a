"""Social Point Kiosk: the touchscreen application."""
