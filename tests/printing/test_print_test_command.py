# SPDX-License-Identifier: EUPL-1.2
"""`social-point print-test` against a TCP printer on 127.0.0.1."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.boot.config import ConfigError, parse_config
from kiosk.boot.paths import ROOT
from tests.printing.escpos_decode import decode
from tests.printing.fake_printer import FakePrinter
from vouchers.codes import Signer, VoucherClaims, encode, new_voucher_id
from vouchers.keys import trust_entry


@pytest.fixture
def printer() -> Iterator[FakePrinter]:
    fake = FakePrinter()
    yield fake
    fake.close()


def print_test(
    tmp_path: Path, printer: FakePrinter, paper: str = "58mm", *extra: str
) -> subprocess.CompletedProcess:
    config = tmp_path / "kiosk.toml"
    config.write_text(
        '[social_point]\nname = "Social Point Limena"\ncomune = "limena"\n'
        f'[kiosk]\nid = "kiosk-lim"\n[paths]\ndata_dir = "{tmp_path}"\n'
        f'[printer]\nconnection = "network"\nhost = "127.0.0.1"\nport = {printer.port}\n'
        f'paper = "{paper}"\nstatus_timeout_ms = 300\n',
        encoding="utf-8",
    )
    return subprocess.run(
        [sys.executable, "-m", "kiosk.cli", "print-test", "--config", str(config), *extra],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kiosk.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def test_a_printed_sample_voucher_says_so_and_is_refused(
    tmp_path: Path, printer: FakePrinter
) -> None:
    result = print_test(tmp_path, printer, "80mm", "--document", "voucher")
    assert result.returncode == 0, result.stderr
    assert "sample voucher printed" in result.stdout
    deadline = time.monotonic() + 5
    while not printer.jobs:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    job = decode(printer.jobs[-1])
    [code] = job.qr_payloads
    # Above and below the code (the paper's code page prints the dash as "-").
    assert sum("CAMPIONE - NON VALIDO" in line for line in job.texts) == 2
    config = str(tmp_path / "kiosk.toml")
    verdict = cli("voucher", "verify", code, "--config", config)
    assert verdict.returncode == 1 and verdict.stdout.startswith("invalid: CAMPIONE – NON VALIDO")
    # Neither printing a sample nor checking one makes a signing key.
    assert not (tmp_path / "voucher-signing-key.pem").exists()


def signed(signer: Signer, **values: object) -> str:
    today = datetime.now(UTC).date()
    claims = {
        "voucher_id": new_voucher_id(),
        "valid_from": today,
        "valid_until": today + timedelta(days=30),
        "issued_at": datetime.now(UTC),
        "amount_cents": 5000,
    } | values
    return encode(VoucherClaims(**claims), signer)  # type: ignore[arg-type]


def test_verify_trusts_the_keys_the_platform_published_and_never_makes_one(
    tmp_path: Path,
) -> None:
    platform, kiosk = Signer(Ed25519PrivateKey.generate()), Signer(Ed25519PrivateKey.generate())
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[paths]\ndata_dir = "{tmp_path}"\n', encoding="utf-8")
    buono = signed(platform)
    unknown = cli("voucher", "verify", buono, "--config", str(config))
    assert unknown.returncode == 1 and "unknown key" in unknown.stdout
    assert not (tmp_path / "voucher-signing-key.pem").exists()  # verifying made no key

    published = [
        trust_entry(platform, "platform") | {"signs": "any", "revoked": False},
        trust_entry(kiosk, "kiosk-02") | {"revoked": False},
    ]
    (tmp_path / "voucher-keys.json").write_text(json.dumps({"keys": published}))
    valid = cli("voucher", "verify", buono, "--config", str(config))
    assert valid.returncode == 0 and valid.stdout.startswith("valid: valid until ")
    assert "amount 50.00 EUR" in valid.stdout and "cannot see a redemption" in valid.stdout
    later = cli("voucher", "verify", buono, "--config", str(config), "--on", "2099-01-01")
    assert later.returncode == 1 and later.stdout.startswith("expired: expired on ")
    tampered = buono[:40] + ("A" if buono[40] != "A" else "B") + buono[41:]
    assert cli("voucher", "verify", tampered, "--config", str(config)).stdout.startswith("invalid:")
    # A kiosk's key signs service vouchers only: an amount voucher under it is refused.
    service = signed(kiosk, amount_cents=None, service_id="s01", units=3)
    ok = cli("voucher", "verify", service, "--config", str(config))
    assert ok.returncode == 0 and "service s01 x 3" in ok.stdout
    forged = cli("voucher", "verify", signed(kiosk), "--config", str(config))
    assert forged.returncode == 1 and "only the platform issues them" in forged.stdout
    # Revoked by the platform: no longer trusted, even if a local file still lists it.
    published[1]["revoked"] = True
    (tmp_path / "voucher-keys.json").write_text(json.dumps({"keys": published}))
    (tmp_path / "trusted.json").write_text(json.dumps({"keys": [trust_entry(kiosk, "k")]}))
    trusting = f'[paths]\ndata_dir = "{tmp_path}"\n[vouchers]\ntrusted_keys_file = "trusted.json"\n'
    config.write_text(trusting, encoding="utf-8")
    revoked = cli("voucher", "verify", service, "--config", str(config))
    assert revoked.returncode == 1 and "unknown key" in revoked.stdout
    (tmp_path / "trusted.json").write_text("{not json", encoding="utf-8")
    broken = cli("voucher", "verify", buono, "--config", str(config))
    assert broken.returncode == 2 and "trusted keys file" in broken.stderr
    assert "Traceback" not in broken.stderr


def test_prints_the_test_page_and_reports_ready(tmp_path: Path, printer: FakePrinter) -> None:
    result = print_test(tmp_path, printer)
    assert result.returncode == 0, result.stderr
    assert "status: ready" in result.stdout and "test page printed" in result.stdout
    deadline = time.monotonic() + 5
    while not any(b"PAGINA" in job for job in printer.jobs):
        assert time.monotonic() < deadline
        time.sleep(0.01)
    job = decode(next(job for job in printer.jobs if b"PAGINA" in job))
    assert "Social Point Limena" in job.texts and "DOCUMENTO NON FISCALE" in job.texts
    assert any("kiosk-lim" in line for line in job.texts)
    assert job.qr_payloads == ["SOCIAL POINT - PROVA QR"] and job.cuts == 1


@pytest.mark.parametrize(("mode", "said"), [("paper_out", "paper_out"), ("silent", "no_answer")])
def test_reports_why_it_cannot_print(
    tmp_path: Path, printer: FakePrinter, mode: str, said: str
) -> None:
    printer.mode = mode
    result = print_test(tmp_path, printer)
    assert result.returncode == 1
    assert f"status: {said}" in result.stdout
    assert f"the test page was not printed: {said}" in result.stderr
    assert not any(b"PAGINA" in job for job in printer.jobs)


def test_printer_settings_are_validated() -> None:
    with pytest.raises(
        ConfigError, match=re.escape('printer.host: needed when printer.connection = "network"')
    ):
        parse_config('[printer]\nconnection = "network"\n')
    with pytest.raises(ConfigError, match=re.escape('printer.connection = "bluetooth"')):
        parse_config('[printer]\nconnection = "bluetooth"\n')
    with pytest.raises(ConfigError, match="usb_product_id: needed"):
        parse_config('[printer]\nconnection = "usb"\nusb_vendor_id = "0x04b8"\n')
    with pytest.raises(ConfigError, match=re.escape("printer.usb_timeout_ms = 0")):
        parse_config("[printer]\nusb_timeout_ms = 0\n")  # 0 would wait for ever
    with pytest.raises(ConfigError, match="device: needed"):
        parse_config('[printer]\nconnection = "serial"\n')


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ('comune = "camposanmartino"\n', "Comune di Campo San Martino"),
        (
            'comune = "piazzola"\ncomune_name = "Piazzola sul Brenta (PD)"\n',
            "Comune di Piazzola sul Brenta (PD)",
        ),
    ],
)
def test_slips_before_the_first_sync_name_the_comune_not_its_id(
    tmp_path: Path, printer: FakePrinter, settings: str, expected: str
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'[social_point]\nname = "Social Point"\n{settings}[paths]\ndata_dir = "{tmp_path}"\n'
        f'[printer]\nconnection = "network"\nhost = "127.0.0.1"\nport = {printer.port}\n',
        encoding="utf-8",
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk.cli",
            "print-test",
            "--config",
            str(config),
            "--document",
            "voucher",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    deadline = time.monotonic() + 5
    while not printer.jobs:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    texts = decode(printer.jobs[-1]).texts
    assert expected in texts
    assert not any("camposanmartino" in t or "di piazzola" in t for t in texts)
