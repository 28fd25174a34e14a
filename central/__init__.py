# SPDX-License-Identifier: EUPL-1.2
"""Reference central platform: the HTTP server the kiosk synchronises with."""
