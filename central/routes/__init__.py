# SPDX-License-Identifier: EUPL-1.2
"""The platform's HTTP API, one router per area; central/app.py puts them together."""
