# SPDX-License-Identifier: EUPL-1.2
"""Qt-free use cases of the kiosk: checkout, applying, the wallet, manager login and desk,
the visit. The screens call them; they import no Qt and nothing of kiosk.boot or kiosk.ui."""
