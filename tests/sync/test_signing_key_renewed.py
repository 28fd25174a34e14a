# SPDX-License-Identifier: EUPL-1.2
"""A kiosk whose voucher key the platform refuses (enrolled again after its device was
revoked, or its key revoked as leaked) makes a new key and registers it: it kept the
refused one, signed every later voucher with it, and every later purchase was refused
("made after its kiosk was switched off") while the screen took the citizen's money."""

from __future__ import annotations

from pathlib import Path

from kiosk.boot.config import Config, parse_config
from kiosk.boot.syncing import make_sync
from store.database import Store
from sync.device import load
from tests.sync.conftest import Central
from vouchers.keys import load_or_create_signer


def kiosk_config(central: Central, folder: Path) -> Config:
    return parse_config(
        f'[kiosk]\nid = "kiosk-renew"\n[paths]\ndata_dir = "{folder}"\n'
        f'[sync]\nplatform_url = "{central.url}"\n'
        f'enrollment_code = "{central.platform.new_enrollment_code()}"\n'
    )


def one_pass(config: Config, store: Store) -> None:
    sync = make_sync(config, store)
    assert sync is not None
    try:
        sync.worker.run_pass()
    finally:
        sync.stop()


def published(central: Central) -> dict[str, bool]:
    """kid -> revoked, of the kiosk's keys the platform publishes."""
    return {
        key["kid"]: key["revoked"]
        for key in central.platform.wallet.signing_keys()
        if key["issuer"] == "kiosk-renew"
    }


def test_a_kiosk_enrolled_again_after_its_revocation_signs_with_a_new_key(
    central: Central, store: Store, tmp_path: Path
) -> None:
    config = kiosk_config(central, tmp_path)
    one_pass(config, store)
    old = load_or_create_signer(config.vouchers.signing_key).kid.hex()
    assert published(central) == {old: False}
    identity = load(config.device_file)
    assert identity is not None
    central.platform.registry.revoke_device(identity.device_id, "kiosk re-installed")
    config.device_file.unlink()  # the documented recovery: enrolled again with a new code

    one_pass(kiosk_config(central, tmp_path), store)
    new = load_or_create_signer(config.vouchers.signing_key).kid.hex()
    assert new != old
    assert published(central)[new] is False  # registered: its vouchers are taken
    kept = config.vouchers.signing_key.with_name(f"voucher-signing-key.pem.refused-{old}")
    assert kept.exists()


def test_a_key_revoked_on_its_own_is_replaced_at_the_next_connection(
    central: Central, store: Store, tmp_path: Path
) -> None:
    config = kiosk_config(central, tmp_path)
    one_pass(config, store)
    old = load_or_create_signer(config.vouchers.signing_key).kid.hex()
    assert central.platform.wallet.revoke_signing_key(old)
    one_pass(config, store)
    new = load_or_create_signer(config.vouchers.signing_key).kid.hex()
    assert new != old
    assert published(central) == {old: True, new: False}


def test_a_key_the_platform_takes_is_kept(central: Central, store: Store, tmp_path: Path) -> None:
    config = kiosk_config(central, tmp_path)
    one_pass(config, store)
    first = load_or_create_signer(config.vouchers.signing_key).kid
    one_pass(config, store)
    assert load_or_create_signer(config.vouchers.signing_key).kid == first
    assert list(tmp_path.glob("*.refused-*")) == []
