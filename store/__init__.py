# SPDX-License-Identifier: EUPL-1.2
"""The local store (Qt-free): models, migrations, the mirror, catalog and search, the outbox,
retention and the print-queue tables."""
