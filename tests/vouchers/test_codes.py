# SPDX-License-Identifier: EUPL-1.2
"""Signed voucher codes: made, verified, tampered with, expired, from unknown keys."""

from __future__ import annotations

import base64
import errno
import json
import multiprocessing
import os
import stat
import time
from datetime import UTC, date, datetime
from pathlib import Path

import base45
import cbor2
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from hypothesis import given, settings
from hypothesis import strategies as st

from vouchers import codes
from vouchers.codes import (
    CROCKFORD,
    PREFIX,
    SAMPLE_SIGNER,
    Signer,
    VoucherClaims,
    encode,
    human_code,
    new_voucher_id,
    normalise_code,
    verify,
)
from vouchers.keys import (
    KeyFileError,
    anyone_signs_for,
    load_or_create_signer,
    load_trusted,
    parse_entries,
    trust_entry,
)

SIGNER = Signer(Ed25519PrivateKey.generate())
TRUSTED = {SIGNER.kid: SIGNER.private_key.public_key()}
ISSUED = datetime(2026, 11, 24, 10, 30, tzinfo=UTC)
TODAY = date(2026, 12, 1)


def claims(**changes: object) -> VoucherClaims:
    values: dict[str, object] = {
        "voucher_id": bytes.fromhex("0123456789abcdef"),
        "valid_from": date(2026, 11, 24),
        "valid_until": date(2026, 12, 31),
        "issued_at": ISSUED,
        "amount_cents": 5000,
    }
    values.update(changes)
    return VoucherClaims(**values)  # type: ignore[arg-type]


def test_a_code_verifies_and_gives_back_its_claims() -> None:
    text = encode(claims(), SIGNER)
    assert text.startswith(PREFIX) and len(text) < 189  # fits a version 9 QR at level Q
    verdict = verify(text, TRUSTED, date(2026, 12, 1))
    assert verdict.outcome == "valid", verdict.reason
    assert verdict.claims == claims() and verdict.kid == SIGNER.kid
    service = encode(claims(amount_cents=None, service_id="limena-pasti", units=12), SIGNER)
    signed = verify(service, TRUSTED, date(2026, 12, 1)).claims
    assert (signed.service_id, signed.units) == ("limena-pasti", 12)  # the units are signed


def test_dates_decide_between_valid_expired_and_not_yet_valid() -> None:
    text = encode(claims(), SIGNER)
    assert verify(text, TRUSTED, date(2026, 12, 31)).outcome == "valid"  # last day included
    expired = verify(text, TRUSTED, date(2027, 1, 1))
    assert (expired.outcome, expired.reason) == ("expired", "expired on 31/12/2026")
    early = verify(text, TRUSTED, date(2026, 11, 23))
    assert (early.outcome, early.reason) == ("invalid", "not valid before 24/11/2026")


def test_an_unknown_key_a_forgery_and_garbage_are_invalid_with_a_reason() -> None:
    other = Signer(Ed25519PrivateKey.generate())
    unknown = verify(encode(claims(), other), TRUSTED, date(2026, 12, 1))
    assert unknown.outcome == "invalid" and other.kid.hex() in unknown.reason
    # Same key id, another key: the signature gives it away.
    forged = verify(
        encode(claims(), other), {other.kid: SIGNER.private_key.public_key()}, date(2026, 12, 1)
    )
    assert forged.outcome == "invalid" and "signature" in forged.reason
    for text in ("", "hello", "SP1:", "SP1:%%%", "HC1:6BFOXN", "SP1:" + "A" * 600):
        assert verify(text, TRUSTED, date(2026, 12, 1)).outcome == "invalid"


def test_a_voucher_carries_an_amount_or_a_service_never_both() -> None:
    with pytest.raises(ValueError):
        encode(claims(service_id="x"), SIGNER)
    with pytest.raises(ValueError):
        encode(claims(amount_cents=0), SIGNER)
    with pytest.raises(ValueError):
        encode(claims(valid_until=date(2026, 1, 1)), SIGNER)
    with pytest.raises(ValueError):  # a service voucher says how many units
        encode(claims(amount_cents=None, service_id="x"), SIGNER)
    with pytest.raises(ValueError):
        encode(claims(amount_cents=None, service_id="x", units=100), SIGNER)
    with pytest.raises(ValueError):  # an amount voucher has no units
        encode(claims(units=2), SIGNER)


def test_a_sample_is_refused_and_says_so() -> None:
    sample = encode(claims(), SAMPLE_SIGNER)
    trusting_all = TRUSTED | {SAMPLE_SIGNER.kid: SAMPLE_SIGNER.private_key.public_key()}
    verdict = verify(sample, trusting_all, date(2026, 12, 1))  # even if someone trusted it
    assert verdict.outcome == "invalid" and verdict.reason.startswith("CAMPIONE – NON VALIDO")


def test_the_human_code_is_crockford_base32_grouped_with_a_check_character() -> None:
    assert human_code(bytes(8)) == "0000-0000-0000-00"
    assert human_code(b"\xff" * 8)[:-1] == "FZZZ-ZZZZ-ZZZZ-Z"  # 64 bits: 4 + 12 x 5
    assert all(
        set(human_code(new_voucher_id())) <= set("0123456789ABCDEFGHJKMNPQRSTVWXYZ-")
        for _ in range(50)
    )


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=8, max_size=8), st.data())
def test_a_typed_code_is_normalised_and_a_typo_is_caught(
    voucher_id: bytes, data: st.DataObject
) -> None:
    code = human_code(voucher_id)
    digits = code.replace("-", "")
    sloppy = " ".join(digits[i : i + 3] for i in range(0, 14, 3)).lower()
    sloppy = sloppy.replace("1", "l").replace("0", "o")  # what people read on paper
    assert normalise_code(sloppy) == code
    assert normalise_code(digits) == code
    index = data.draw(st.integers(0, 13), label="position")
    wrong = data.draw(st.sampled_from(CROCKFORD.replace(digits[index], "")), label="typo")
    assert normalise_code(digits[:index] + wrong + digits[index + 1 :]) is None
    swap = data.draw(st.integers(0, 12), label="swap")
    # Luhn mod 32 misses one swap only: 0 and Z (as Luhn mod 10 misses 09 and 90).
    if digits[swap] != digits[swap + 1] and {digits[swap], digits[swap + 1]} != {"0", "Z"}:
        swapped = digits[:swap] + digits[swap + 1] + digits[swap] + digits[swap + 2 :]
        assert normalise_code(swapped) is None
    for junk in ("", "SP1:ABC", "0000-0000-0000", "Ü" * 14, "x" * 100):
        assert normalise_code(junk) is None


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_any_changed_byte_fails_verification(data: st.DataObject) -> None:
    message = bytearray(base45.b45decode(encode(claims(), SIGNER)[len(PREFIX) :]))
    index = data.draw(st.integers(0, len(message) - 1), label="byte")
    message[index] ^= data.draw(st.integers(1, 255), label="xor")
    tampered = PREFIX + base45.b45encode(bytes(message)).decode()
    assert verify(tampered, TRUSTED, date(2026, 12, 1)).outcome == "invalid"


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_any_changed_character_fails_verification(data: st.DataObject) -> None:
    text = encode(claims(), SIGNER)
    index = data.draw(st.integers(len(PREFIX), len(text) - 1), label="position")
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
    other = data.draw(st.sampled_from(alphabet.replace(text[index], "")), label="character")
    tampered = text[:index] + other + text[index + 1 :]
    assert verify(tampered, TRUSTED, date(2026, 12, 1)).outcome == "invalid"


def test_the_signing_key_is_made_once_and_private(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "voucher.pem"
    first = load_or_create_signer(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_signer(path).kid == first.kid


@pytest.mark.parametrize("answer", [errno.EPERM, errno.EOPNOTSUPP])
def test_the_signing_key_is_made_where_files_cannot_be_linked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: int
) -> None:
    """A data folder on FAT (a USB stick) has no hard links: link(2) fails there. That
    answer of the file system is the one thing imitated here (no FAT mount in a test)."""

    def no_links(source: object, target: object) -> None:
        raise OSError(answer, os.strerror(answer))

    monkeypatch.setattr(os, "link", no_links)
    path = tmp_path / "stick" / "voucher.pem"
    first = load_or_create_signer(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_signer(path).kid == first.kid
    assert [entry.name for entry in path.parent.iterdir()] == ["voucher.pem"]


def test_processes_making_the_signing_key_at_once_all_get_the_same_one(tmp_path: Path) -> None:
    """The kiosk's screen (signing its first voucher) and its sync process (registering
    the key with the platform) may make the key at the same moment: both must end up
    with the key in the file, or vouchers are signed with a key the platform never saw."""
    for attempt in range(5):
        path = tmp_path / f"attempt-{attempt}" / "signing-key.pem"
        with multiprocessing.get_context("spawn").Pool(4) as pool:
            kids = pool.map(_kid_of_new_key, [path] * 8)
        assert len(set(kids)) == 1
        assert kids[0] == load_or_create_signer(path).kid.hex()
        assert [entry.name for entry in path.parent.iterdir()] == ["signing-key.pem"]


def _kid_of_new_key(path: Path) -> str:
    """In a process of its own: waits for the next tenth of a second, so that the
    processes start making the key together, then makes or loads it."""
    time.sleep(0.1 - time.time() % 0.1)
    return load_or_create_signer(path).kid.hex()


def test_trusted_keys_come_from_a_checked_file(tmp_path: Path) -> None:
    path = tmp_path / "trusted.json"
    path.write_text(json.dumps({"keys": [trust_entry(SIGNER, "kiosk-01")]}))
    trusted = load_trusted(path)
    assert verify(encode(claims(), SIGNER), trusted, date(2026, 12, 1)).outcome == "valid"
    wrong = trust_entry(SIGNER, "kiosk-01") | {"kid": "00000000"}
    path.write_text(json.dumps({"keys": [wrong]}))
    with pytest.raises(KeyFileError, match="does not match"):
        load_trusted(path)
    path.write_text('{"keys": [{"kid": "zz"}]}')
    with pytest.raises(KeyFileError, match="key 1 needs"):
        load_trusted(path)


# Keys of small order, as libsodium lists them (the top bit, x's sign, set or not).
SMALL_ORDER = [
    bytes(32),  # order 4
    (1).to_bytes(32, "little"),  # the identity
    bytes.fromhex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),  # order 8
    bytes.fromhex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),  # order 8
    bytes.fromhex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),  # order 2
]


def forged_under(public_key: bytes, made: VoucherClaims) -> str:
    """A code for ``made`` with no private key at all: R = the identity, S = 0."""
    kid = codes.key_id(Ed25519PublicKey.from_public_bytes(public_key))
    protected = cbor2.dumps({codes.ALG: codes.EDDSA, codes.KID: kid}, canonical=True)
    payload = cbor2.dumps(codes._claims_map(made), canonical=True)
    signature = (1).to_bytes(32, "little") + bytes(32)
    sign1 = cbor2.CBORTag(codes.COSE_SIGN1_TAG, [protected, {}, payload, signature])
    return PREFIX + base45.b45encode(cbor2.dumps(sign1)).decode()


def test_a_key_of_small_order_is_never_trusted() -> None:
    """Under the identity key a fixed "signature" verifies for any claims: a platform
    that published such a key would let anyone make vouchers that pass offline."""
    made = claims(amount_cents=None, service_id="s02", units=99)
    identity = SMALL_ORDER[1]
    forged = forged_under(identity, made)
    kid = codes.key_id(Ed25519PublicKey.from_public_bytes(identity))
    # What the signature check alone says (and why the key must never be trusted):
    assert verify(forged, {kid: Ed25519PublicKey.from_public_bytes(identity)}, TODAY).outcome == (
        "valid"
    )
    entries = [
        {
            "kid": codes.key_id(Ed25519PublicKey.from_public_bytes(raw)).hex(),
            "public_key": base64.b64encode(raw).decode(),
            "signs": "any",
        }
        for raw in SMALL_ORDER
        + [bytes([raw[0]]) + raw[1:31] + bytes([raw[31] | 0x80]) for raw in SMALL_ORDER]
    ] + [trust_entry(SIGNER, "platform")]
    trust = parse_entries(entries, "test")
    assert list(trust.keys) == [SIGNER.kid]  # the real key stays trusted
    assert trust.check(forged, TODAY).outcome == "invalid"
    assert trust.check(encode(made, SIGNER), TODAY).outcome == "valid"


def test_real_keys_are_not_of_small_order() -> None:
    for raw in SMALL_ORDER:
        assert anyone_signs_for(raw)
    for _ in range(50):
        key = Ed25519PrivateKey.generate().public_key()
        assert not anyone_signs_for(key.public_bytes_raw())


def test_published_keys_with_a_field_nested_a_thousand_deep_are_kept(tmp_path: Path) -> None:
    """The platform's list is kept for offline checks; writing an unknown field nested
    995 deep recursed past Python's limit, and that stopped every sync pass."""
    from vouchers.keys import save_published

    deep: list[object] = []
    for _ in range(995):
        deep = [deep]
    entry = trust_entry(SIGNER, "platform") | {"signs": "any", "extra": deep}
    path = tmp_path / "published.json"
    assert save_published(path, [entry]) == 1
    assert load_trusted(path) == {SIGNER.kid: SIGNER.private_key.public_key()}
    assert "extra" not in path.read_text(encoding="utf-8")


def test_a_code_scanned_in_small_letters_verifies_as_printed() -> None:
    """A scanner typing with Caps Lock on sends the code's letters in small letters;
    Base45 has none, so the code is read in capitals. A changed character still fails."""
    text = encode(claims(), SIGNER)
    verdict = verify(f" {text.lower()}\r\n", TRUSTED, TODAY)
    assert verdict.outcome == "valid", verdict.reason
    assert verdict.claims == claims()
    altered = text[:-1] + ("A" if text[-1] != "A" else "B")
    assert verify(altered.lower(), TRUSTED, TODAY).outcome == "invalid"
