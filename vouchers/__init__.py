# SPDX-License-Identifier: EUPL-1.2
"""Signed vouchers (Qt-free): codes, keys, signing and verification, for kiosk, printer and
platform alike."""
