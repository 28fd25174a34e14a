# SPDX-License-Identifier: EUPL-1.2
"""Keeping the local store in step with the platform (Qt-free): the HTTP client, the sync
engine and its worker thread, device enrolment."""
