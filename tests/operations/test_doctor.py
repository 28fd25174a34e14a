# SPDX-License-Identifier: EUPL-1.2
"""`social-point doctor` on a real configured kiosk: what is wrong, how to fix it, and an
exit status scripts can use."""

from __future__ import annotations

import shutil
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from kiosk.boot.config import parse_config
from kiosk.boot.doctor import (
    Verdict,
    check_emoji,
    check_languages,
    check_store,
    check_text_layout,
    diagnose,
)
from store import outbox
from store.database import Store
from store.models import OutboxEntry
from tests.operations.conftest import Central, cli, closed_port, write_config
from tests.printing.fake_printer import FakePrinter


def make_store(config_dir: Path, *, waiting_since: datetime | None = None) -> Path:
    path = config_dir / "data" / "kiosk.sqlite3"
    store = Store(path)
    with store.write() as session:
        outbox.add(session, "event", {"type": "kiosk_started"})
    if waiting_since is not None:
        with store.write() as session:
            session.execute(
                update(OutboxEntry).values(created_at=waiting_since.replace(tzinfo=None))
            )
    store.close()
    return path


def test_a_healthy_kiosk_passes(tmp_path: Path, central: Central, printer: FakePrinter) -> None:
    config = write_config(tmp_path, platform_url=central.url, printer_port=printer.port)
    make_store(tmp_path)
    result = cli("doctor", "--config", str(config))
    out = result.stdout
    # Fonts and voices are the machine's: a test machine may lack some of the seven
    # languages' (those lines then say what to install); the rest must pass.
    machine = ("[XX] fonts:", "[XX] speech:")
    problems = [line for line in out.splitlines() if line.startswith("[XX]")]
    assert all(line.startswith(machine) for line in problems), out
    assert result.returncode == (1 if problems else 0), out + result.stderr
    assert f"[ok] configuration: {config} is valid" in out
    assert "[ok] store:" in out and "1 record waiting to be sent," in out
    assert f"[ok] platform: {central.url} answers" in out
    assert "[ok] clock: within" in out
    assert "[ok] printer:" in out and "paper 80mm: ready" in out
    assert "[ok] disk:" in out
    assert out.rstrip().endswith(f"{len(problems)} problem(s), 0 warning(s)")


def test_each_fault_is_named_with_its_fix(tmp_path: Path, printer: FakePrinter) -> None:
    printer.mode = "paper_out"
    config = write_config(
        tmp_path, platform_url=f"http://127.0.0.1:{closed_port()}", printer_port=printer.port
    )
    make_store(tmp_path, waiting_since=datetime.now(UTC) - timedelta(days=2))
    result = cli("doctor", "--config", str(config))
    assert result.returncode == 1
    out = result.stdout
    assert "[XX] platform:" in out and "does not answer" in out
    assert "fix: check the network cable or Wi-Fi, and sync.platform_url" in out
    assert "[XX] printer:" in out and "paper_out" in out
    assert "fix: put a new paper roll in and close the cover" in out
    assert "[!!] store: the oldest record waiting to be sent is 48 hours old" in out
    assert "2 problem(s), 1 warning(s)" in out


def test_a_damaged_store_is_a_problem(
    tmp_path: Path, central: Central, printer: FakePrinter
) -> None:
    config = write_config(tmp_path, platform_url=central.url, printer_port=printer.port)
    path = make_store(tmp_path)
    data = bytearray(path.read_bytes())
    data[0:16] = b"not a database!!"
    path.write_bytes(bytes(data))
    result = cli("doctor", "--config", str(config))
    assert result.returncode == 1
    assert "[XX] store:" in result.stdout
    assert "social-point restore FILE" in result.stdout


def test_a_store_that_cannot_be_opened_is_not_called_damaged(
    tmp_path: Path, printer: FakePrinter
) -> None:
    """Restoring a backup over a store that is sound (the disk full or read-only, the
    path a folder) would lose what waits to be sent: only damage calls for it."""
    config = write_config(tmp_path, platform_url="", printer_port=printer.port)
    (tmp_path / "data" / "kiosk.sqlite3").mkdir(parents=True)  # the path is a folder
    [store] = [f for f in diagnose(config) if f.check == "store"]
    assert store.verdict is Verdict.PROBLEM and "not a file" in store.message
    assert "restore" not in store.fix


def test_a_store_emptied_by_a_power_cut_calls_for_the_backup(
    tmp_path: Path, printer: FakePrinter
) -> None:
    config = write_config(tmp_path, platform_url="", printer_port=printer.port)
    make_store(tmp_path).write_bytes(b"")  # every table gone
    [store] = [f for f in diagnose(config) if f.check == "store"]
    assert store.verdict is Verdict.PROBLEM and "restore the latest backup" in store.fix


def test_a_kiosk_clock_off_by_minutes_is_caught(
    tmp_path: Path, central: Central, printer: FakePrinter
) -> None:
    config = write_config(tmp_path, platform_url=central.url, printer_port=printer.port)
    late = diagnose(config, now=lambda: datetime.now(UTC) - timedelta(minutes=7))
    [clock] = [f for f in late if f.check == "clock"]
    assert clock.verdict is Verdict.PROBLEM
    assert "behind the platform's" in clock.message and "timedatectl set-ntp true" in clock.fix
    fine = diagnose(config)
    [clock] = [f for f in fine if f.check == "clock"]
    assert clock.verdict is Verdict.OK


@pytest.mark.parametrize(
    "date", ["Mon, 99999999999999999999 Jan 2020 00:00:00 GMT", "Mon, 01 Jan 2024 00:00:00 -0000"]
)
def test_a_platform_date_that_is_no_date_is_noted_not_a_traceback(
    tmp_path: Path, printer: FakePrinter, date: str
) -> None:
    from tests.sync.scripted_platform import ScriptedPlatform

    platform = ScriptedPlatform()
    platform.date = date
    try:
        config = write_config(tmp_path, platform_url=platform.url, printer_port=printer.port)
        findings = diagnose(config)
    finally:
        platform.close()
    [answers] = [f for f in findings if f.check == "platform"]
    assert answers.verdict is Verdict.OK
    [clock] = [f for f in findings if f.check == "clock"]
    assert clock.verdict is Verdict.NOTE and "not compared" in clock.message


def test_a_wrong_configuration_names_the_key(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('[printer]\nconnection = "bluetooth"\n', encoding="utf-8")
    result = cli("doctor", "--config", str(config))
    assert result.returncode == 1
    assert "[XX] configuration:" in result.stdout and "printer.connection" in result.stdout


def test_a_language_without_a_font_or_a_voice_is_named() -> None:
    # Klingon ("tlh"): no font on any Debian machine claims it, espeak-ng has no voice.
    findings = list(check_languages(("it", "tlh")))
    fonts = {f.message.split(":")[0]: f for f in findings if f.check == "fonts"}
    if not fonts:
        pytest.skip("fontconfig's fc-list is not installed")
    assert fonts["it"].verdict is Verdict.OK
    assert fonts["tlh"].verdict is Verdict.PROBLEM and "fonts-noto" in fonts["tlh"].fix
    voices = {f.message.split(":")[0]: f for f in findings if f.check == "speech"}
    if "tlh" in voices:
        assert voices["tlh"].verdict is Verdict.WARNING


def test_emoji_without_a_font_are_named_with_the_package_to_install() -> None:
    """The machine's own fonts for the apple of a provider's "🍎 Frutta", and a code
    point no font has (a private-use one), which stands for a kiosk without them."""
    if shutil.which("fc-list") is None:
        pytest.skip("fontconfig's fc-list is not installed")
    [missing] = check_emoji(0xF8FF)
    assert missing.verdict is Verdict.WARNING and "fonts-noto-color-emoji" in missing.fix
    [apple] = check_emoji()
    assert apple.verdict is Verdict.OK  # ./dev installs fonts-noto-color-emoji


def test_pillow_without_raqm_is_named_with_the_package_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without libfribidi0 Pillow has no Raqm layout: Arabic slips print unjoined."""
    from PIL import features

    real = features.check
    monkeypatch.setattr(features, "check", lambda name: False if name == "raqm" else real(name))
    [finding] = check_text_layout()
    assert finding.verdict is Verdict.PROBLEM and finding.fix == "sudo apt-get install libfribidi0"
    monkeypatch.setattr(features, "check", lambda name: True)
    assert [f.verdict for f in check_text_layout()] == [Verdict.OK]


def test_a_data_folder_the_kiosk_cannot_write_is_a_problem(
    tmp_path: Path, central: Central, printer: FakePrinter
) -> None:
    """A file where the data folder should be (or a read-only disk): the kiosk would
    fail at its start; doctor says so instead of "0 problems"."""
    config = write_config(tmp_path, platform_url=central.url, printer_port=printer.port)
    (tmp_path / "data").write_text("not a folder", encoding="utf-8")
    [disk] = [f for f in diagnose(config) if f.check == "disk" and "its data" in f.message]
    assert disk.verdict is Verdict.PROBLEM and "cannot write" in disk.message
    assert "read-write" in disk.fix
    result = cli("doctor", "--config", str(config))
    assert result.returncode == 1 and "[XX] disk: the kiosk cannot write its data" in result.stdout


def test_files_the_configuration_names_are_checked_before_they_are_needed(
    tmp_path: Path, central: Central, printer: FakePrinter
) -> None:
    """A CA bundle, a logo and a trusted-keys file that are not there: the kiosk would
    fail at its start, at its first sync or at its first voucher check; doctor names
    each key, and never shows a traceback."""
    config = write_config(
        tmp_path,
        platform_url=central.url.replace("http://", "https://"),
        printer_port=printer.port,
        extra=f'ca_bundle = "{tmp_path / "ca.pem"}"\n'
        f'[vouchers]\ntrusted_keys_file = "{tmp_path / "keys.json"}"\n',
    )
    text = config.read_text(encoding="utf-8").replace(
        "[printer]\n", '[printer]\nlogo = "nope.png"\n'
    )
    config.write_text(text, encoding="utf-8")
    (tmp_path / "cache").write_text("not a folder", encoding="utf-8")
    config.write_text(
        text.replace("[paths]\n", f'[paths]\ncache_dir = "{tmp_path / "cache"}"\n'),
        encoding="utf-8",
    )
    result = cli("doctor", "--config", str(config))
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    for said in (
        "[XX] platform: sync.ca_bundle: cannot read",
        "[XX] files: printer.logo: cannot use",
        "[XX] files: vouchers.trusted_keys_file: cannot read",
        "[XX] disk: the kiosk cannot write its cache",
    ):
        assert said in result.stdout, result.stdout


def test_a_configuration_file_that_cannot_be_read_says_to_check_the_file(
    tmp_path: Path,
) -> None:
    result = cli("doctor", "--config", str(tmp_path / "missing.toml"))
    assert result.returncode == 1
    assert "cannot read the configuration file" in result.stdout
    assert "check the file's path" in result.stdout and "correct the keys" not in result.stdout


@pytest.mark.parametrize("key", ["log_dir", "cache_dir", "data_dir"])
def test_the_kiosk_and_its_sync_name_a_folder_they_cannot_write_in(
    tmp_path: Path, key: str
) -> None:
    """A file where a folder should be: ``run`` and ``sync --once`` say which key, in one
    line, before anything else fails on it with a traceback."""
    (tmp_path / "in-the-way").write_text("not a folder", encoding="utf-8")
    folders = {name: tmp_path / name for name in ("log_dir", "cache_dir", "data_dir")}
    folders[key] = tmp_path / "in-the-way"
    config = tmp_path / "kiosk.toml"
    lines = "".join(f'{name} = "{folder}"\n' for name, folder in folders.items())
    config.write_text(
        f'[paths]\n{lines}[sync]\nplatform_url = "http://127.0.0.1:9"\n', encoding="utf-8"
    )
    for command in (
        ("run", "--platform", "offscreen", "--exit-when-ready"),
        ("sync", "--once"),
    ):
        result = cli(*command, "--config", str(config))
        assert result.returncode == 2, (command, result.stderr)
        assert "Traceback" not in result.stderr + result.stdout, command
        assert f"paths.{key}: cannot make the folder" in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("section", "key", "value", "said"),
    [
        ("paths", "database", "in-the-way/kiosk.sqlite3", "cannot make the folder"),
        ("paths", "database", "a-folder", "is not a file"),
        ("vouchers", "signing_key", "a-folder", "is not a file"),
        ("vouchers", "signing_key", "in-the-way/key.pem", "cannot make the folder"),
        ("paths", "database", "loop-a", "is a loop of links"),
    ],
)
def test_a_database_or_key_path_that_cannot_work_stops_the_start_naming_it(
    tmp_path: Path, section: str, key: str, value: str, said: str
) -> None:
    """Opened later (the store after the first screen, the key at the first voucher),
    such a path kept the kiosk out of service, retrying each minute, or failed a sale."""
    (tmp_path / "in-the-way").write_text("not a folder", encoding="utf-8")
    (tmp_path / "a-folder").mkdir()
    folders = "".join(
        f'{name} = "{tmp_path / name}"\n' for name in ("log_dir", "cache_dir", "data_dir")
    )
    wrong = f'{key} = "{tmp_path / value}"\n'
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f"[paths]\n{folders}{wrong if section == 'paths' else ''}"
        f"[vouchers]\n{wrong if section == 'vouchers' else ''}",
        encoding="utf-8",
    )
    (tmp_path / "loop-a").symlink_to(tmp_path / "loop-b")
    (tmp_path / "loop-b").symlink_to(tmp_path / "loop-a")
    result = cli("run", "--platform", "offscreen", "--exit-when-ready", "--config", str(config))
    assert result.returncode == 2, result.stderr
    assert f"{section}.{key}: " in result.stderr and said in result.stderr, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    # The doctor finds what `run` refuses, and makes nothing: it may run as another user.
    before = sorted(tmp_path.rglob("*"))
    problems = [f.message for f in diagnose(config) if f.verdict is Verdict.PROBLEM]
    assert any(f"{section}.{key}: " in text and said in text for text in problems), problems
    assert sorted(tmp_path.rglob("*")) == before


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        ('logo = "missing.png"', "printer.logo: cannot use"),
        ('logo = "garbage.png"', "printer.logo: cannot use"),
        ('model = "NoSuchModel"', "unknown printer model"),
        ('code_page = "cp999"', "unknown code page"),
    ],
)
def test_printer_settings_the_kiosk_refuses_are_problems_even_with_no_printer(
    tmp_path: Path, setting: str, said: str
) -> None:
    """With no printer connected the kiosk still loads its paper, model and logo at its
    start, and refuses to start on one it cannot use: the doctor said "0 problems"."""
    (tmp_path / "garbage.png").write_bytes(b"not an image")
    config = tmp_path / "kiosk.toml"
    folders = "".join(
        f'{name} = "{tmp_path / name}"\n' for name in ("log_dir", "cache_dir", "data_dir")
    )
    config.write_text(f"[paths]\n{folders}[printer]\n{setting}\n", encoding="utf-8")
    problems = [f.message for f in diagnose(config) if f.verdict is Verdict.PROBLEM]
    assert any(said in text for text in problems), problems
    if "missing" in setting:  # and `run` refuses it, as the doctor says
        result = cli("run", "--platform", "offscreen", "--exit-when-ready", "--config", str(config))
        assert result.returncode == 2 and said in result.stderr, result.stderr


def test_the_damaged_records_doctor_counts_are_those_the_kiosk_cannot_send(
    tmp_path: Path,
) -> None:
    """Text that is no JSON, and JSON that is no object (a damaged page can leave
    either): the kiosk leaves both unsent (store.outbox.readable), and doctor names as
    many."""
    path = make_store(tmp_path)
    store = Store(path)
    with store.write() as session:
        made = [outbox.add(session, "event", {"type": "help_requested", "n": n}) for n in range(5)]
        for entry_uuid, text in zip(made, ('{"type": "help_req', "[1, 2]", "null"), strict=False):
            session.connection().exec_driver_sql(
                "UPDATE outbox SET payload = ? WHERE uuid = ?", (text, entry_uuid)
            )
    with store.read() as session:
        unsendable = outbox.damaged_waiting(session)
    store.close()
    config = parse_config(f'[paths]\ndatabase = "{path}"\n')
    [warning] = [f for f in check_store(config) if f.verdict is Verdict.WARNING]
    assert sorted(unsendable) == sorted(made[:3])
    assert warning.message.startswith("3 records waiting to be sent are damaged")


def test_one_damaged_and_one_rejected_record_are_named_in_the_singular(tmp_path: Path) -> None:
    path = make_store(tmp_path)
    store = Store(path)
    with store.write() as session:
        damaged = outbox.add(session, "event", {"type": "help_requested"})
        rejected = outbox.add(session, "event", {"type": "help_requested"})
        session.connection().exec_driver_sql(
            'UPDATE outbox SET payload = \'{"type": "help\' WHERE uuid = ?', (damaged,)
        )
        session.execute(
            update(OutboxEntry).where(OutboxEntry.uuid == rejected).values(state="rejected")
        )
    store.close()
    config = parse_config(f'[paths]\ndatabase = "{path}"\n')
    said = {f.message.split(" (")[0] for f in check_store(config)}
    assert "1 record waiting to be sent is damaged" in said
    assert "1 record was rejected by the platform and kept" in said
    [sound] = [m for m in said if " is sound; " in m]
    assert sound.endswith("is sound; 2 records waiting to be sent, 1 rejected")


def test_a_kiosk_whose_token_the_platform_refuses_is_a_problem(
    tmp_path: Path, central: Central, printer: FakePrinter
) -> None:
    """The platform's health check answers anyone: a revoked kiosk syncs nothing while
    the platform "answers", so doctor asks with the kiosk's own token."""
    from sync import device

    config = write_config(tmp_path, platform_url=central.url, printer_port=printer.port)
    make_store(tmp_path)
    device_id, token = central.platform.enroll(central.platform.new_enrollment_code(), "k-doc")
    device.save(tmp_path / "data" / "device.json", device.DeviceIdentity(device_id, token))
    known = cli("doctor", "--config", str(config)).stdout
    assert f"[ok] enrollment: the platform knows this kiosk ({device_id})" in known

    assert central.platform.registry.revoke_device(device_id, "rubato")
    result = cli("doctor", "--config", str(config))
    assert result.returncode == 1
    out = result.stdout
    assert "[XX] enrollment: the platform refuses this kiosk's token (40" in out
    assert "rubato" in out and "new enrollment code" in out
    assert token not in out + result.stderr


@pytest.mark.parametrize(
    ("bell", "said"),
    [
        ("'no-such-bell-program /tmp/x.wav'", "names no program found here"),
        ("'''aplay \"/tmp/unclosed'''", "cannot be read as a command"),
    ],
)
def test_a_desk_bell_that_can_never_ring_is_named_a_seldom_sync_is_fine(
    tmp_path: Path, printer: FakePrinter, bell: str, said: str
) -> None:
    config = write_config(
        tmp_path,
        platform_url=f"http://127.0.0.1:{closed_port()}",
        printer_port=printer.port,
        extra="interval_s = 3600\nheartbeat_interval_s = 300\n"
        f"[manager]\ndesk_bell_command = {bell}\n",
    )
    make_store(tmp_path)
    out = cli("doctor", "--config", str(config)).stdout
    assert f"[XX] settings: manager.desk_bell_command {said}" in out
    # The kiosk beats between its passes: a sync once an hour leaves the fleet informed.
    assert "sync.interval_s" not in out


def test_a_desk_bell_this_machine_runs_passes(tmp_path: Path, printer: FakePrinter) -> None:
    config = write_config(
        tmp_path,
        platform_url=f"http://127.0.0.1:{closed_port()}",
        printer_port=printer.port,
        extra=f"[manager]\ndesk_bell_command = '{sys.executable} -c pass'\n",
    )
    make_store(tmp_path)
    assert "settings:" not in cli("doctor", "--config", str(config)).stdout


def test_refused_records_a_manager_dealt_with_are_not_counted(tmp_path: Path) -> None:
    # The manager's desk lists only those not dealt with: doctor warned for good.
    path = make_store(tmp_path)
    store = Store(path)
    with store.write() as session:
        refused = [outbox.add(session, "event", {"type": "help_requested"}) for _ in range(3)]
        session.execute(
            update(OutboxEntry).where(OutboxEntry.uuid.in_(refused)).values(state="rejected")
        )
        session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.uuid.in_(refused[:2]))
            .values(handled_at=outbox.utcnow(), handled_by="m1", handled_outcome="citizen_told")
        )
    store.close()
    config = parse_config(f'[paths]\ndatabase = "{path}"\n')
    said = {f.message.split(" (")[0] for f in check_store(config)}
    assert "1 record was rejected by the platform and kept" in said
    store = Store(path)
    with store.write() as session:
        session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.uuid == refused[2])
            .values(handled_at=outbox.utcnow(), handled_by="m1", handled_outcome="citizen_told")
        )
    store.close()
    findings = list(check_store(config))
    assert not [f for f in findings if "rejected by the platform" in f.message]
    [sound] = [f.message for f in findings if " is sound; " in f.message]
    assert sound.endswith("0 rejected")
