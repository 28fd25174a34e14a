# SPDX-License-Identifier: EUPL-1.2
"""Application forms travel from the platform to the kiosk's mirror, checked on both
sides by the same code, and a published version never changes."""

from __future__ import annotations

import copy

import pytest
from sqlalchemy import select

from central.platform import PublishError
from forms.definition import definition_records, load_definition
from kiosk.boot.paths import DEMO_DATASET
from protocol.records import RecordError
from store import demo, mirror, set_aside
from store.database import Store
from store.models import Call, FormDefinition
from sync.engine import SyncEngine
from tests.sync.conftest import Central
from tests.sync.helpers import inject

REF = "piazzola-buoni-spesa-2025@2025-11-03.1"


def demo_form() -> dict:  # type: ignore[type-arg]
    [record] = definition_records(DEMO_DATASET.parent / "forms")
    return record


def test_the_demo_form_reaches_the_kiosk_with_its_call(engine: SyncEngine) -> None:
    engine.run_once()
    with engine.store.read() as session:
        form = session.get(FormDefinition, REF)
        call = session.scalars(select(Call).where(Call.form_ref == REF)).one()
    assert form is not None and call.id
    assert form.sha256 == load_definition(demo_form()["definition"]).sha256
    assert load_definition(form.definition).ref == REF  # stored whole, loadable again


def test_the_platform_keeps_a_published_version_unchanged(central: Central) -> None:
    record = demo_form()
    central.platform.publish("forms", record)  # the same again: accepted, no change
    changed = copy.deepcopy(record)
    changed["definition"]["title"]["it"] = "Buoni spesa (modificato)"
    with pytest.raises(PublishError, match="never changes; publish a new one"):
        central.platform.publish("forms", changed)
    newer = copy.deepcopy(changed)
    newer["definition"]["version"] = "2025-11-20.1"
    newer["id"] = "piazzola-buoni-spesa-2025@2025-11-20.1"
    central.platform.publish("forms", newer)


def test_the_platform_refuses_broken_forms_and_calls_naming_missing_ones(
    central: Central,
) -> None:
    broken = demo_form()
    broken["definition"]["pages"][0]["fields"][0]["type"] = "magic"
    with pytest.raises(PublishError, match="definition"):
        central.platform.publish("forms", broken)
    wrong_id = demo_form()
    wrong_id["id"] = "another@1"
    with pytest.raises(PublishError, match="reference"):
        central.platform.publish("forms", wrong_id)
    call = next(iter(central.platform.records("calls").values()))
    with pytest.raises(PublishError, match="unknown forms 'nowhere@1'"):
        central.platform.publish("calls", {**call, "form": "nowhere@1"})


def test_the_kiosk_checks_forms_again_and_refuses_a_bad_one() -> None:
    record = demo_form()
    assert mirror.parse_batch("forms", [record])[0]["id"] == REF
    hostile = copy.deepcopy(record)
    hostile["definition"]["eligibility"][0]["expr"] = "__import__('os').system('x')"
    with pytest.raises(RecordError, match=r"forms\[0\]\.definition: eligibility 1"):
        mirror.parse_batch("forms", [hostile])
    with pytest.raises(RecordError, match="is not the definition's"):
        mirror.parse_batch("forms", [{**record, "id": "other@1"}])


def test_demo_mode_loads_the_form_without_a_platform(store: Store) -> None:
    demo.load_if_empty(store, DEMO_DATASET)
    with store.read() as session:
        assert session.get(FormDefinition, REF) is not None


def test_a_form_whose_question_waits_on_a_later_page_is_set_aside(
    central: Central, engine: SyncEngine
) -> None:
    """A version published before the kiosks checked it (or by an older platform):
    its first page's surname shown by the balance asked on the fourth page was never
    asked, and the review then wanted it. The kiosk keeps it aside, with the reason."""
    engine.run_once()
    later = demo_form()
    later["definition"]["version"] = "2025-11-20.1"
    later["id"] = ref = "piazzola-buoni-spesa-2025@2025-11-20.1"
    later["definition"]["pages"][0]["fields"][1]["visible_if"] = "patrimonio > 0"
    with pytest.raises(PublishError, match="asked after it"):
        central.platform.publish("forms", later)
    inject(central.platform, "forms", ref, later)
    assert engine.run_once().problems == {}
    with engine.store.read() as session:
        [row] = set_aside.waiting(session)
        assert session.get(FormDefinition, ref) is None
        assert session.get(FormDefinition, REF) is not None  # the version before stays
    assert (row.stream, row.kind, row.record_id) == ("calls", "forms", ref)
    assert row.reason == (
        f"forms {ref}: definition: richiedente/cognome visible_if: depends on answers asked"
        " after it (patrimonio)"
    )
