# SPDX-License-Identifier: EUPL-1.2
"""Controllers: each joins a few screens to the use cases of kiosk.core and runs them on
worker threads, so that screens stay views and never import each other."""
