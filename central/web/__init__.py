# SPDX-License-Identifier: EUPL-1.2
"""The platform's web desk: pages for shops (and, later, Comune staff), served by the
platform's own app on the same database (see central/web/desk.py)."""
