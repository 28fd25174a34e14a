# SPDX-License-Identifier: EUPL-1.2
"""The wire contract between the kiosk and the platform: streams, records, replies."""
