# SPDX-License-Identifier: EUPL-1.2
"""The citizen screens, one module each."""
