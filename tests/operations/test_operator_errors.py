# SPDX-License-Identifier: EUPL-1.2
"""Operator commands given an unusable store, folder, path or logo answer one line that
names it, and a non-zero exit: never a Python traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from kiosk.cli import main
from sync.device import NotEnrolledError, load
from tests.operations.conftest import answered, config_file


def test_a_store_that_is_no_database_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = tmp_path / "kiosk.sqlite3"
    damaged.write_bytes(b"not a database at all" * 100)
    config = config_file(tmp_path, f'database = "{damaged}"')
    line = answered(capsys, "print-jobs", "--config", str(config))
    assert "local store cannot be used" in line and "not a database" in line


def test_a_store_path_that_is_a_folder_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "store-folder"
    folder.mkdir()
    config = config_file(tmp_path, f'database = "{folder}"')
    for command in ("print-jobs", "sync"):
        argv = [command, "--once"] if command == "sync" else [command]
        line = answered(capsys, *argv, "--config", str(config))
        assert "local store" in line or str(folder) in line


def test_a_data_folder_that_is_a_file_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a_file = tmp_path / "afile"
    a_file.write_text("x", encoding="utf-8")
    config = config_file(tmp_path, data_dir=a_file)
    line = answered(capsys, "voucher", "key", "--config", str(config))
    assert str(a_file) in line


@pytest.mark.parametrize(
    ("data_dir", "said"),
    [("~nosuchuser_xyz/data", "no such user's home folder"), ("a\\u0000b", "NUL character")],
)
def test_a_path_that_cannot_be_a_path_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data_dir: str, said: str
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[paths]\ndata_dir = "{data_dir}"\n', encoding="utf-8")
    for command in ("print-jobs", "run"):
        line = answered(
            capsys,
            command,
            "--config",
            str(config),
            *(["--platform", "offscreen", "--exit-when-ready"] if command == "run" else []),
        )
        assert "paths.data_dir" in line and said in line


def test_a_logo_far_too_large_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    logo = tmp_path / "logo.png"
    Image.new("1", (15_000, 15_000)).save(logo)  # 225 megapixels in a few kilobytes
    config = config_file(
        tmp_path, printer=f'connection = "file"\ndevice = "{tmp_path / "out.bin"}"\nlogo = "{logo}"'
    )
    line = answered(capsys, "print-test", "--config", str(config))
    assert "printer.logo" in line and "far too large" in line


def test_a_job_name_that_is_not_utf8_is_shown_not_raised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = config_file(tmp_path)
    line = answered(capsys, "print-jobs", "--config", str(config), "--reprint", "\udcff")
    assert "no print job" in line and "\\udcff" in line


def test_a_printer_library_folder_that_is_a_file_is_replaced_by_our_own(tmp_path: Path) -> None:
    """python-escpos keeps its capability file in the folder an environment variable
    names; set to a file, every print and doctor ended in FileExistsError."""
    import os
    import subprocess
    import sys

    a_file = tmp_path / "not-a-folder"
    a_file.write_text("x", encoding="utf-8")
    code = (
        "from printing.escpos_render import render, PROFILES\n"
        "from printing.slip import Slip, Text\n"
        "print(len(render(Slip('x', (Text('ciao'),)), PROFILES['58mm'])) > 0)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "ESCPOS_CAPABILITIES_PICKLE_DIR": str(a_file)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"


def test_rendering_a_slip_leaves_no_empty_folder_in_the_temporary_folder(tmp_path: Path) -> None:
    """python-escpos made an empty folder with mkdtemp() at every import (its default
    for the capability folder, made even when the setting names one): one left in /tmp
    at every start of the kiosk."""
    import os
    import subprocess
    import sys

    code = (
        "import tempfile\n"
        "from printing.escpos_render import render, PROFILES\n"
        "from printing.slip import Slip, Text\n"
        "render(Slip('x', (Text('ciao'),)), PROFILES['58mm'])\n"
        "print(tempfile.mkdtemp())\n"  # anyone else still gets a folder of their own
    )
    environment = {k: v for k, v in os.environ.items() if k != "ESCPOS_CAPABILITIES_PICKLE_DIR"}
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**environment, "TMPDIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    theirs = Path(done.stdout.strip())
    assert theirs.parent == tmp_path and theirs.name != "social-point-escpos"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["social-point-escpos", theirs.name]
    )


@pytest.mark.parametrize("content", ["null", "[1]", '"token"', "[" * 100_000 + "]" * 100_000])
def test_a_device_file_that_is_json_but_no_object_is_unreadable(
    tmp_path: Path, content: str
) -> None:
    """Such a file made every sync fail as "error: AttributeError" (RecursionError when
    nested too deep), not as the damaged device file it is."""
    device_file = tmp_path / "device.json"
    device_file.write_text(content, encoding="utf-8")
    with pytest.raises(NotEnrolledError, match=r"the device file .* is unreadable"):
        load(device_file)


def test_a_trusted_keys_file_nested_too_deep_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trusted = tmp_path / "trusted.json"
    trusted.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    config = config_file(tmp_path)
    with config.open("a", encoding="utf-8") as file:
        file.write(f'[vouchers]\ntrusted_keys_file = "{trusted}"\n')
    line = answered(capsys, "voucher", "verify", "SP1:x", "--config", str(config))
    assert "the trusted keys file" in line and "unreadable" in line


@pytest.mark.timeout(30)  # without the check, each open() waited for ever for a writer
@pytest.mark.parametrize(
    ("key", "argv", "said"),
    [
        ("printer.logo", ["print-test"], "printer.logo: "),
        ("vouchers.signing_key", ["voucher", "key"], "the voucher signing key "),
        ("vouchers.trusted_keys_file", ["voucher", "verify", "SP1:x"], "the trusted keys file "),
    ],
)
def test_a_file_setting_that_names_a_fifo_is_refused_not_waited_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], key: str, argv: list[str], said: str
) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    section, name = key.split(".")
    setting = f'{name} = "{fifo}"'
    config = config_file(tmp_path, printer=setting if section == "printer" else "")
    if section != "printer":
        with config.open("a", encoding="utf-8") as file:
            file.write(f"[{section}]\n{setting}\n")
    line = answered(capsys, *argv, "--config", str(config))
    assert said in line and f"{fifo} is not a file" in line


@pytest.mark.timeout(30)  # without the check, reading waited for ever for a writer
@pytest.mark.parametrize("command", [["print-jobs"], ["doctor"], ["voucher", "key"]])
def test_a_configuration_that_is_a_fifo_is_refused_not_waited_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    fifo = tmp_path / "kiosk.toml"
    os.mkfifo(fifo)
    if command == ["doctor"]:  # the doctor lists it among its checks
        assert main([*command, "--config", str(fifo)]) != 0
        line = capsys.readouterr().out
    else:
        line = answered(capsys, *command, "--config", str(fifo))
    assert f"{fifo}: the configuration file must be a plain file" in line


def test_a_configuration_file_of_endless_bytes_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """/dev/zero as the configuration: read whole, it filled the memory."""
    line = answered(capsys, "print-jobs", "--config", "/dev/zero")
    assert "/dev/zero: the configuration file must be a plain file" in line
    big = tmp_path / "kiosk.toml"
    big.write_bytes(b"# a comment\n" * 100_000)
    line = answered(capsys, "print-jobs", "--config", str(big))
    assert "larger than 1 MiB" in line
