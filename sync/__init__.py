# SPDX-License-Identifier: EUPL-1.2
"""Local store and its synchronisation with the central platform (Qt-free)."""
