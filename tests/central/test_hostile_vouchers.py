# SPDX-License-Identifier: EUPL-1.2
"""Signed voucher codes no kiosk's encoder makes, looked up by a shop over loopback HTTP
at the reference platform: signed by a key the platform trusts (a kiosk's registered
one), and still answered with a refusal, never a 500."""

from __future__ import annotations

import base64
from typing import Any

import base45
import cbor2
import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from central.platform import Platform
from vouchers import codes
from vouchers.codes import Signer


def _device(platform: Platform, role: str, comune: str | None, **scope: Any) -> dict[str, str]:
    code = platform.new_enrollment_code(role, comune, scope or None)
    _device_id, token = platform.enroll(code, f"hostile-{role}")
    return {"Authorization": f"Bearer {token}"}


def _signed_as_is(signer: Signer, claims_map: dict[int, Any]) -> str:
    """A code signed over whatever ``claims_map`` says (the encoder checks what it signs;
    a kiosk's broken or hostile build need not)."""
    protected = cbor2.dumps({codes.ALG: codes.EDDSA, codes.KID: signer.kid}, canonical=True)
    payload = cbor2.dumps(claims_map, canonical=True)
    signature = signer.private_key.sign(codes._sig_structure(protected, payload))
    message = cbor2.CBORTag(codes.COSE_SIGN1_TAG, [protected, {}, payload, signature])
    encoded: bytes = base45.b45encode(cbor2.dumps(message))
    return codes.PREFIX + encoded.decode()


# Issued at a second no clock has: before year 1 (the C library's error, not Python's
# OverflowError, and a 500 until it was caught) and after year 9999.
@pytest.mark.parametrize("issued", [-(2**63), 2**63], ids=["before-year-1", "after-year-9999"])
def test_a_trusted_keys_code_issued_at_a_second_no_clock_has_is_refused(
    platform: Platform, desk_url: str, issued: int
) -> None:
    kiosk = _device(platform, "kiosk", "piazzola")
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    registered = requests.put(
        f"{desk_url}/v1/device/signing-key",
        json={"public_key": base64.b64encode(public).decode()},
        headers=kiosk,
        timeout=10,
    )
    assert registered.status_code == 200, registered.text
    claims = {1: b"\x01" * 8, 3: "s01", 7: 1, 4: 20_000, 5: 20_001, 6: issued}
    shop = _device(platform, "merchant", None, programmes=["Buoni spesa 2026"])
    reply = requests.post(
        f"{desk_url}/v1/vouchers/lookup",
        json={"code": _signed_as_is(Signer(key), claims)},
        headers=shop,
        timeout=10,
    )
    assert reply.status_code == 409, reply.text[:300]
    assert reply.json()["detail"] == (
        "forged_voucher: voucher refused: signed, but its contents are not a voucher"
    )
