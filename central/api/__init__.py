# SPDX-License-Identifier: EUPL-1.2
"""The platform's HTTP API, one FastAPI router per area (central/platform/ holds what
each area does); central/app.py puts them together."""
