# SPDX-License-Identifier: EUPL-1.2
"""Application forms: the definition format, its expression language and validators,
shared by the kiosk and the reference platform (Qt-free, imports neither)."""
