# SPDX-License-Identifier: EUPL-1.2
"""A manager's login: scrypt PIN hashes from the mirror, lockout kept in the store."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from kiosk.boot.config import ManagerSettings
from kiosk.core.manager_login import hash_pin, log_in, verify_pin
from store import mirror
from store.database import Store
from store.outbox import utcnow

RULES = ManagerSettings(idle_timeout_s=180, pin_attempts=3, lockout_s=300)


def test_a_pin_hash_verifies_only_its_pin_and_hostile_hashes_are_refused() -> None:
    stored = hash_pin("246810", log2_n=10)
    assert stored.startswith("scrypt$10$8$1$") and "246810" not in stored
    assert verify_pin("246810", stored)
    assert not verify_pin("246811", stored)
    assert hash_pin("246810", log2_n=10) != stored  # salted
    for hostile in (
        "",
        "plain-246810",
        stored.replace("scrypt", "md5"),
        "scrypt$30$8$1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAA",  # a gigabyte of work
        "scrypt$14$8$1$!!$AAAA",
        stored + "$extra",
    ):
        assert not verify_pin("246810", hostile)


def test_a_pin_shorter_than_six_digits_never_logs_in(demo_store: Store) -> None:
    with demo_store.write() as session:
        mirror.upsert(
            session,
            "operators",
            [
                {
                    "id": "3003",
                    "name": "Breve",
                    "organization": "x",
                    "role": "welfare_manager",
                    "pin_hash": _published(hash_pin("2468", log2_n=10)),
                    "comuni": None,
                }
            ],
        )
        short = log_in(session, "3003", "2468", "piazzola", utcnow(), RULES)
    assert (short.manager, short.problem) == (None, "wrong")


def test_a_login_keeps_the_proof_key_only_the_pin_recomputes(demo_store: Store) -> None:
    with demo_store.write() as session:
        silvia = log_in(session, "1001", "246810", "piazzola", utcnow(), RULES)
    assert silvia.manager is not None and len(silvia.manager.proof_key) == 32
    assert "proof_key" not in repr(silvia.manager)  # never in a log line


def _published(admin_hash: str) -> str:
    """What the platform publishes of an administrator's hash: its first half."""
    import base64

    head, digest = admin_hash.rsplit("$", 1)
    raw = base64.urlsafe_b64decode(digest + "=" * (-len(digest) % 4))[:32]
    return f"{head}${base64.urlsafe_b64encode(raw).decode().rstrip('=')}"


def test_demo_operators_log_in_where_they_may(demo_store: Store) -> None:
    now = utcnow()
    with demo_store.write() as session:
        silvia = log_in(session, "1001", "246810", "limena", now, RULES)
        marco_elsewhere = log_in(session, "1002", "135791", "limena", now, RULES)
        marco_home = log_in(session, "1002", "135791", "piazzola", now, RULES)
    assert silvia.manager is not None and silvia.manager.name == "Silvia Demo"
    assert marco_elsewhere.manager is None and marco_elsewhere.problem == "not_here"
    assert marco_home.manager is not None and marco_home.manager.role == "comune_staff"


def test_wrong_pins_lock_the_code_out_even_across_a_restart(
    demo_store: Store, tmp_path: Path
) -> None:
    now = utcnow()
    with demo_store.write() as session:
        first = log_in(session, "1001", "000000", "piazzola", now, RULES)
        second = log_in(session, "1001", "111111", "piazzola", now, RULES)
    assert (first.problem, first.attempts_left) == ("wrong", 2)
    assert (second.problem, second.attempts_left) == ("wrong", 1)
    demo_store.close()
    reopened = Store(demo_store.path)
    with reopened.write() as session:
        third = log_in(session, "1001", "222222", "piazzola", now, RULES)
        right_but_locked = log_in(session, "1001", "246810", "piazzola", now, RULES)
    assert third.problem == "locked" and third.locked_until == now + timedelta(seconds=300)
    assert right_but_locked.manager is None and right_but_locked.problem == "locked"
    later = now + timedelta(seconds=301)
    with reopened.write() as session:
        assert log_in(session, "1001", "246810", "piazzola", later, RULES).manager is not None
        # A success starts the count again.
        assert log_in(session, "1001", "000000", "piazzola", later, RULES).attempts_left == 2
    reopened.close()


def test_an_unknown_code_is_just_a_wrong_login(demo_store: Store) -> None:
    with demo_store.write() as session:
        mirror.upsert(session, "operators", [])
        unknown = log_in(session, "999999", "246810", "piazzola", utcnow(), RULES)
        malformed = log_in(session, "12ab", "246810", "piazzola", utcnow(), RULES)
    assert (unknown.manager, unknown.problem) == (None, "wrong")
    assert (malformed.manager, malformed.problem) == (None, "wrong")


def test_the_pin_hash_command_makes_a_hash_the_kiosk_accepts() -> None:
    import subprocess
    import sys

    def run(pin: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "kiosk.cli", "pin-hash"],
            input=pin + "\n",
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    made = run("975310")
    assert made.returncode == 0 and verify_pin("975310", made.stdout.strip())
    assert made.stdout.startswith("scrypt$16$8$1$")  # a day of one core for 10^6 PINs
    for refused in (run("12a4"), run("97531")):  # 6 digits at least
        assert refused.returncode == 2 and "a PIN is 6 to 8 digits" in refused.stderr
