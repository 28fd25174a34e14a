"""Signed vouchers (Qt-free): codes, keys, signing and verification, for kiosk, printer and
platform alike."""
