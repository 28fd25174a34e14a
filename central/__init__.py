"""Reference central platform: the HTTP server the kiosk synchronises with."""
