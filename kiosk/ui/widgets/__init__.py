# SPDX-License-Identifier: EUPL-1.2
"""Reusable touch widgets."""
