"""Receipts, vouchers and reports for the thermal printer (Qt-free)."""
