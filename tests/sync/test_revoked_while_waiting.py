# SPDX-License-Identifier: EUPL-1.2
"""A device revoked while its request waited for its turn to write is refused: it was
admitted at the door, then stored its redemption or its batch after the revocation had
been answered (behind another kiosk's large push, a matter of a second)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
import requests
from sqlalchemy import select

from central.models import Device, Redemption
from central.platform.database import DeviceRevokedError
from central.voucher_authority import RedeemRequest
from protocol.messages import SubmissionEntry
from tests.sync.conftest import Central, enrolled_client, enrolled_merchant

CF = "RSSMRA80A01G224X"
PROGRAMME = "Buoni spesa 2026"


def revoked_once_admitted(
    central: Central, monkeypatch: pytest.MonkeyPatch
) -> Callable[[str], None]:
    """The platform's door, which revokes the device right after admitting it: the
    moment a revocation lands while the request waits for its turn."""
    door = central.platform.device_for

    def admitted_then_revoked(token: str) -> Device | None:
        device = door(token)
        if device is not None and device.revoked_at is None:
            central.platform.revoke_device(device.id, "rubato")
        return device

    def arm(_role: str) -> None:
        monkeypatch.setattr(central.platform, "device_for", admitted_then_revoked)

    return arm


def _redemptions(central: Central, device_id: str) -> list[Redemption]:
    with central.platform.sessions() as session:
        return list(session.scalars(select(Redemption).where(Redemption.device_id == device_id)))


def test_a_shop_revoked_while_its_redemption_waits_takes_nothing(
    central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop, token = enrolled_merchant(central, programmes=[PROGRAMME])
    buono = central.platform.issue_voucher(CF, "piazzola", PROGRAMME, 5_000)
    revoked_once_admitted(central, monkeypatch)("merchant")
    answer = requests.post(
        f"{central.url}/v1/redemptions",
        json={"voucher": buono["code"], "redemption_id": str(uuid.uuid4()), "amount_cents": 5_000},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert answer.status_code == 403 and answer.json()["detail"].startswith("device_revoked")
    assert "rubato" in answer.json()["detail"]
    assert _redemptions(central, shop.id) == []
    assert central.platform.records("vouchers")[buono["id"]]["state"] == "issued"


def test_a_kiosk_revoked_while_its_batch_waits_stores_nothing(
    central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = enrolled_client(central)
    token = client._token
    client.close()
    revoked_once_admitted(central, monkeypatch)("kiosk")
    entry = {
        "uuid": str(uuid.uuid4()),
        "kind": "event",
        "created_at": datetime.now(UTC).isoformat(),
        "payload": {"type": "help_requested"},
    }
    answer = requests.post(
        f"{central.url}/v1/submissions",
        json={"entries": [entry]},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert answer.status_code == 403 and answer.json()["detail"].startswith("device_revoked")
    assert entry["uuid"] not in {s.uuid for s in central.platform.submissions()}


@pytest.mark.parametrize("call", ["redeem", "submit", "register_signing_key"])
def test_the_platform_reads_the_device_again_in_the_writers_turn(
    central: Central, call: str
) -> None:
    """The device object a request was admitted with is stale once revoked: every
    writing call reads it again, whoever calls it."""
    shop, _token = enrolled_merchant(central, programmes=[PROGRAMME])
    client = enrolled_client(central)
    kiosk = central.platform.devices()[-1]
    client.close()
    buono = central.platform.issue_voucher(CF, "piazzola", PROGRAMME, 5_000)
    calls: dict[str, tuple[Device, Callable[[Device], Any]]] = {
        "redeem": (
            shop,
            lambda d: central.platform.redeem(
                d, buono["code"], RedeemRequest(str(uuid.uuid4()), amount_cents=5_000)
            ),
        ),
        "submit": (
            kiosk,
            lambda d: central.platform.submit(
                d.id,
                [
                    SubmissionEntry(
                        uuid=str(uuid.uuid4()),
                        kind="event",
                        created_at=datetime.now(UTC),
                        payload={"type": "help_requested"},
                    )
                ],
            ),
        ),
        "register_signing_key": (
            kiosk,
            lambda d: central.platform.register_signing_key(d, "A" * 43 + "="),
        ),
    }
    device, action = calls[call]
    central.platform.revoke_device(device.id, "rubato")
    with pytest.raises(DeviceRevokedError, match="rubato"):
        action(device)  # the object read before the revocation
    assert _redemptions(central, shop.id) == []
