# SPDX-License-Identifier: EUPL-1.2
"""What a pull stores, byte for byte: every row of every mirror table, the search rows
(with their rowids) and the records set aside, after an initial pull and the changes
that follow (new versions, tombstones, a provider renamed, a category relabelled, a
record the kiosk cannot apply), against checksums taken from the pull as it was before
it was made faster. Pulled in large pages and in small ones, the mirror is the same.

The catalog is made here (not the demo data, not the benchmark's), so the checksums
move only when what the kiosk stores moves. When a change to what is stored is meant,
run this module with ``PRINT_CHECKSUMS=1`` and paste what it prints.
"""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from central.app import create_app
from central.models import Change, Record
from central.platform import Platform
from central.server import EmbeddedServer
from protocol.records import STREAM_OF
from store.database import Store
from sync.client import PlatformClient
from sync.engine import SyncEngine

LANGS = ("it", "en", "ro", "ar", "sq", "uk", "zh")
SAMPLES = {
    "it": "assistenza anziani pasti caldi domicilio bambini trasporto sociale compiti",
    "en": "care elderly hot meals home children transport social homework",
    "ro": "îngrijire vârstnici mese calde domiciliu copii transport social teme",
    "ar": "رعاية المسنين وجبات ساخنة المنزل الأطفال نقل اجتماعي",
    "sq": "kujdes të moshuarit vakte të ngrohta shtëpi fëmijë transport",
    "uk": "догляд літні гарячі обіди вдома діти транспорт соціальний",
    "zh": "照顾 老人 热餐 上门 儿童 交通 社会",
}
WORDS = {lang: text.split() for lang, text in SAMPLES.items()}
COMUNI = ("piazzola", "campodoro", "limena")
CATEGORIES = ("silvercare", "childcare", "familycare")
PROVIDERS = ("coop-uno", "coop-due", "assoc-tre")
SERVICES = 1200

# sha256 of each table's rows as the pull stored them before it was made faster.
EXPECTED: dict[str, str] = {
    "initial comuni": "f9cca3ed2fc52e0c850559add93ce9c76c277721f07fafb2511a3ae0ddb4fdfd",
    "initial categories": "5051786e4f3aa9ddd37a7c48adab0733651d47452205961c45eb0916a737f307",
    "initial providers": "01b6d55d56bf7567ee45022fbc22161f92afd0a11204ce8cd019f260f718f89b",
    "initial services": "98be60ab32cbf0d659e2ec4ea7af8053d28391430c33bd02b03c5000aa64b648",
    "initial service_comuni": "0d63e9accc7ae6a044087adad54a2061305e1f8e8ef613dccf66d601ed04e3d0",
    "initial services_fts": "4121c6140a5c6e3b1d52fec12d8a899fa9ad767ec2f7030090c8ed25dbd34a47",
    "initial set_aside_records": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "comuni": "f9cca3ed2fc52e0c850559add93ce9c76c277721f07fafb2511a3ae0ddb4fdfd",
    "categories": "935f5f3f5b172ad4af95a6a1ceefbadfbf74c8a6c61a758cb8fa386f66575307",
    "providers": "fe91e0aa74c8700968d8edb6a1804128ed8dcad56c72baff6badc7a82cdd37f3",
    "services": "05dae295a945778f69d32ffaf357d2062833cee8a7bf2ee239a756646bc46d05",
    "service_comuni": "fa2d6c19277da267fc6b0b331eabc73b2f597a7ecbcb7a8650916c47809301cf",
    "services_fts": "0997e8c6ac07c3af08b9e03e83ab18e8ddeaef959baaee461699a928c581d9e2",
    "set_aside_records": "d4c9642dd89171c5dbfed763244a68e943140c5d7a5bb6732e301dc6dae4ccaa",
}


def _text(rng: random.Random, words: int) -> dict[str, str]:
    langs = ["it", *rng.sample(LANGS[1:], rng.randrange(0, 4))]
    return {lang: " ".join(rng.choices(WORDS[lang], k=words)) for lang in langs}


def _service(rng: random.Random, number: int, version: int = 0) -> dict[str, Any]:
    booking = rng.choice(["buy_now", "book_slot", "info_only"])
    record: dict[str, Any] = {
        "id": f"svc-{number:04d}",
        "category": rng.choice(CATEGORIES),
        "provider": rng.choice(PROVIDERS),
        "title": _text(rng, 4),
        "description": _text(rng, 20),
        "price_cents": rng.randrange(0, 9000, 10) + version,
        "unit": rng.choice(["ora", "pasto", "settimana"]),
        "booking": booking,
        "residents_of": None if rng.random() < 0.4 else rng.sample(COMUNI, 2),
        "keywords": rng.sample([w for words in WORDS.values() for w in words], 3),
    }
    if booking == "info_only":
        record["price_cents"] = None
    if rng.random() < 0.2:
        record["payments"] = ["provider", "desk"]
    if rng.random() < 0.1:
        record["privacy_notice"] = {
            "controller": "Coop. Uno",
            "purposes": {"it": "Gestire la prenotazione."},
            "legal_basis": {"it": "Contratto."},
            "retention": {"it": "Dieci anni."},
            "rights": {"it": "Accesso e rettifica."},
            "dpo_contact": "dpo@uno.example",
        }
    return record


def _publish_catalog(platform: Platform) -> None:
    rng = random.Random(18)
    platform.publish_many(
        [
            *(
                (
                    "comuni",
                    {
                        "id": c,
                        "name": c.title(),
                        "catastale": f"G{n:03d}",
                        "province": "PD",
                        "cap": "35016",
                    },
                )
                for n, c in enumerate(COMUNI)
            ),
            *(
                ("categories", {"id": c, "label": _text(rng, 2), "icon": c, "position": n})
                for n, c in enumerate(CATEGORIES)
            ),
            *(
                ("providers", {"id": p, "kind": "cooperativa", "name": f"{p} sociale"})
                for p in PROVIDERS
            ),
        ]
    )
    platform.publish_many(("services", _service(rng, n)) for n in range(SERVICES))


def _publish_changes(platform: Platform) -> None:
    """What follows the initial pull: new versions, tombstones, a provider renamed, a
    category relabelled, and a service the kiosk cannot apply."""
    rng = random.Random(19)
    changed = rng.sample(range(SERVICES), 150)
    platform.publish_many(("services", _service(rng, n, version=1)) for n in changed)
    for number in rng.sample(sorted(set(range(SERVICES)) - set(changed)), 40):
        assert platform.unpublish("services", f"svc-{number:04d}")
    platform.publish("providers", {"id": "coop-due", "kind": "cooperativa", "name": "Coop Due"})
    platform.publish(
        "categories",
        {
            "id": "childcare",
            "label": {"it": "Infanzia", "en": "Children"},
            "icon": "c",
            "position": 9,
        },
    )
    poison = {**_service(rng, 5000), "price_cents": None, "booking": "buy_now"}
    with platform.sessions.begin() as session:  # as an older platform could have sent it
        session.merge(Record(kind="services", id=poison["id"], data=poison))
        session.add(
            Change(
                stream=STREAM_OF["services"],
                kind="services",
                record_id=poison["id"],
                op="upsert",
                data=poison,
            )
        )
    platform.publish_many(("services", _service(rng, n, version=2)) for n in changed[:20])


def checksums(path: Path) -> dict[str, str]:
    """sha256 of the rows of each table a pull writes, in key order; the search rows
    with their rowids; set-aside records without the moment they were seen."""
    database = sqlite3.connect(path)
    queries = {
        "comuni": "SELECT * FROM comuni ORDER BY id",
        "categories": "SELECT * FROM categories ORDER BY id",
        "providers": "SELECT * FROM providers ORDER BY id",
        "services": "SELECT rowid, * FROM services ORDER BY id",
        "service_comuni": "SELECT * FROM service_comuni ORDER BY service_id, comune_id",
        "services_fts": "SELECT rowid, * FROM services_fts ORDER BY rowid",
        "set_aside_records": "SELECT stream, kind, record_id, op, data, reason"
        " FROM set_aside_records ORDER BY kind, record_id",
    }
    found = {}
    for table, query in queries.items():
        digest = hashlib.sha256()
        for row in database.execute(query):
            digest.update(repr(row).encode())
        found[table] = digest.hexdigest()
    database.close()
    return found


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[tuple[Platform, str]]:
    published = Platform(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    _publish_catalog(published)
    server = EmbeddedServer(create_app(published)).start()
    yield published, server.url
    server.stop()
    published.engine.dispose()


def _kiosk(platform: Platform, url: str, folder: Path, page_size: int) -> tuple[Store, SyncEngine]:
    client = PlatformClient(url)
    _device, token = client.enroll(platform.new_enrollment_code("kiosk", "piazzola"), "k")
    client.set_token(token)
    store = Store(folder / f"kiosk-{page_size}.sqlite3")
    return store, SyncEngine(store, client, page_size=page_size)


def test_a_pull_stores_exactly_what_it_stored_before(
    platform: tuple[Platform, str], tmp_path: Path
) -> None:
    published, url = platform
    large, large_engine = _kiosk(published, url, tmp_path, 1000)
    small, small_engine = _kiosk(published, url, tmp_path, 7)
    large_engine.pull_stream("catalog")
    first_large = checksums(large.path)
    _publish_changes(published)
    large_engine.pull_stream("catalog")
    small_engine.pull_stream("catalog")  # everything, in pages of 7
    after = checksums(large.path)
    if os.environ.get("PRINT_CHECKSUMS"):
        print({f"initial {k}": v for k, v in first_large.items()} | after)
    expected_first = {k.removeprefix("initial "): v for k, v in EXPECTED.items() if " " in k}
    expected_after = {k: v for k, v in EXPECTED.items() if " " not in k}
    assert first_large == expected_first
    assert after == expected_after
    assert checksums(small.path) == after
    large.close()
    small.close()
