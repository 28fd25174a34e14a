# SPDX-License-Identifier: EUPL-1.2
"""Receipts, vouchers and reports for the thermal printer (Qt-free)."""
