# SPDX-License-Identifier: EUPL-1.2
"""Speed and memory measurements; run with ``./dev bench`` (not part of the test suite)."""
