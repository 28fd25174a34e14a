# SPDX-License-Identifier: EUPL-1.2
"""The platform's access log without secrets: a voucher code in a path is enough to
redeem the voucher, so it is logged as ``…``."""

from __future__ import annotations

import logging
import re

# Whatever follows a "vouchers" segment, up to the query or "/redeem": a QR's text may
# hold "/" itself. In any case and after any prefix: a request for "/v1//vouchers/…",
# "/v1/Vouchers/…" or "/v1/./vouchers/…" is refused (404) but logged all the same.
# (Not the body look-up's own address, ``/v1/vouchers/lookup``: its code is in the body.)
SECRET_IN_PATH = re.compile(
    r"(?i)(/vouchers/+)(?!lookup(?:[?\s]|$))[^?\s]+?(?=/redeem(?:[?\s]|$)|[?\s]|$)"
)


class WithoutSecrets(logging.Filter):
    """For uvicorn's access log, whose arguments are (client, method, path, version,
    status)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], redact(args[2]), *args[3:])
        return True


def redact(path: str) -> str:
    return SECRET_IN_PATH.sub(r"\1…", path)


def install() -> None:
    logging.getLogger("uvicorn.access").addFilter(WithoutSecrets())
