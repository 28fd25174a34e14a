# SPDX-License-Identifier: EUPL-1.2
"""Starting the kiosk (Qt-free): configuration, logging, paths, and the wiring of the store,
sync and printer into one Backend the UI is handed."""
