# SPDX-License-Identifier: EUPL-1.2
"""A receipt for every accepted record, which only this platform can make.

A platform restored from an older copy has lost the records accepted after it; each
kiosk sends those again (sync/engine.py, epochs) with the server id printed on the
citizen's slip. Judged again, such a record could now be refused against the older
data: the price a service had before, a form replaced since. With its receipt it is
taken back as it was accepted, under its server id, unjudged: the receipt binds the
device, the UUID, the hash of the very payload and the server id under a key derived
from the platform's own secret, which the backup holds too. Without a valid receipt
(forged, or a copy older than the secret) the record is judged as any new one.
"""

from __future__ import annotations

import hashlib
import hmac

from sqlalchemy.orm import Session

from central.constant_time import same_secret
from central.kiosk_lookup import lookup_secret_in


class Receipts:
    """The receipts of one writing transaction (the key is read once). ``lookup_secret``:
    the platform's secret as the caller already read it (central.kiosk_lookup); read
    here when not given."""

    def __init__(self, session: Session, lookup_secret: str | None = None) -> None:
        secret = bytes.fromhex(lookup_secret) if lookup_secret else lookup_secret_in(session)
        key = hmac.new(secret, b"acceptance-receipt", hashlib.sha256).digest()
        self._keyed = hmac.new(key, digestmod=hashlib.sha256)  # copied for each receipt

    def of(self, device_id: str, uuid: str, payload_sha256: str | None, server_id: str) -> str:
        message = f"accepted|{device_id}|{uuid}|{payload_sha256 or ''}|{server_id}"
        mac = self._keyed.copy()
        mac.update(message.encode())
        return mac.hexdigest()

    def proves(
        self,
        device_id: str,
        uuid: str,
        payload_sha256: str | None,
        server_id: str | None,
        receipt: str | None,
    ) -> bool:
        if not server_id or not receipt:
            return False
        expected = self.of(device_id, uuid, payload_sha256, server_id)
        return same_secret(expected, receipt)
