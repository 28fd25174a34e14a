"""The wire contract between the kiosk and the platform: streams, records, replies."""
