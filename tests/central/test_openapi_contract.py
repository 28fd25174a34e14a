# SPDX-License-Identifier: EUPL-1.2
"""The platform's OpenAPI document comes from the contract's types (protocol/): a
submission's entries and their payloads, the records an administrator publishes; every
reference in it resolves; and what it describes is what the platform takes.

The document is read from the reference platform served over loopback HTTP, and real
bodies are checked against it with a JSON Schema 2020-12 validator (OpenAPI 3.1's
dialect) before they are sent to the same platform."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
import requests
from fastapi.openapi.constants import REF_PREFIX
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from central.app import create_app
from central.dataset import seed_if_empty
from central.platform import Platform
from central.platform.submissions import SUBMISSION_CHECKS
from central.server import EmbeddedServer
from kiosk.boot.paths import DEMO_DATASET
from protocol.messages import PAYLOADS
from protocol.records import PUBLISHED, RECORD_TYPES
from protocol.states import SubmissionKind
from sync.client import PlatformClient
from tests.conftest import sqlite_platform_url

ADMIN = "openapi-admin-token-for-the-tests-012345"
SUBMISSIONS = "/v1/submissions"
PUBLISH = "/v1/admin/records/{kind}/{record_id}"
DOCUMENT = "urn:social-point:openapi"  # the document's base URI for the validator


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Platform, str]]:
    platform = Platform(sqlite_platform_url(tmp_path_factory.mktemp("openapi")))
    seed_if_empty(platform, DEMO_DATASET)
    server = EmbeddedServer(create_app(platform, admin_token=ADMIN)).start()
    yield platform, server.url
    server.stop()
    platform.engine.dispose()


@pytest.fixture(scope="module")
def document(served: tuple[Platform, str]) -> dict[str, Any]:
    reply = requests.get(f"{served[1]}/openapi.json", timeout=10)
    assert reply.status_code == 200
    return dict(reply.json())


def body_schema(document: dict[str, Any], path: str, method: str) -> dict[str, Any]:
    return dict(resolve(document, body_pointer(path, method)))


def body_pointer(path: str, method: str) -> str:
    """The reference to an operation's JSON request body schema."""
    escaped = path.replace("~", "~0").replace("/", "~1")
    return f"#/paths/{escaped}/{method}/requestBody/content/application~1json/schema"


def references(node: Any) -> Iterator[str]:
    """Every reference in ``node``: ``$ref`` values and discriminator mappings."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            elif key == "mapping" and isinstance(value, dict):
                yield from (target for target in value.values() if isinstance(target, str))
            else:
                yield from references(value)
    elif isinstance(node, list):
        for item in node:
            yield from references(item)


def resolve(document: dict[str, Any], reference: str) -> Any:
    """The node a local reference (a JSON pointer after "#") names; KeyError if none."""
    assert reference.startswith("#/"), reference
    node: Any = document
    for part in reference[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def validator(document: dict[str, Any], reference: str) -> Draft202012Validator:
    """A validator of the schema ``reference`` names in ``document``, whose references
    ("#/components/...") resolve against the document, as an OpenAPI 3.1 reader's do."""
    registry: Registry[Any] = Registry().with_resource(
        DOCUMENT, Resource.from_contents(document, default_specification=DRAFT202012)
    )
    return Draft202012Validator({"$ref": DOCUMENT + reference}, registry=registry)


def no_null_defaults(node: Any) -> Any:
    """``node`` without ``"default": null`` (FastAPI leaves that out of its schemas)."""
    if isinstance(node, dict):
        return {
            key: no_null_defaults(value)
            for key, value in node.items()
            if not (key == "default" and value is None)
        }
    if isinstance(node, list):
        return [no_null_defaults(item) for item in node]
    return node


def test_the_document_is_openapi_3_1_and_every_reference_resolves(
    document: dict[str, Any],
) -> None:
    assert document["openapi"].startswith("3.1.")
    found = list(references(document))
    assert f"{REF_PREFIX}SubmissionEntry" in found  # the walk reaches what this is about
    for reference in found:
        resolve(document, reference)  # KeyError names a reference to nothing
    for name, schema in document["components"]["schemas"].items():
        Draft202012Validator.check_schema(schema)  # a JSON Schema 2020-12 schema, each
        assert re.fullmatch(r"[A-Za-z0-9._-]+", name), name  # OpenAPI's rule for the key


def test_a_submission_entry_is_documented_by_its_kind_with_the_contracts_payloads(
    document: dict[str, Any],
) -> None:
    schemas = document["components"]["schemas"]
    batch = body_schema(document, SUBMISSIONS, "post")
    assert batch["required"] == ["entries"]
    entry = batch["properties"]["entries"]["items"]
    assert entry == {"$ref": f"{REF_PREFIX}SubmissionEntry"}
    union = resolve(document, entry["$ref"])
    assert union["discriminator"]["propertyName"] == "kind"
    mapping = union["discriminator"]["mapping"]
    # Every kind the platform judges, and only those (others: unknown_kind).
    assert set(mapping) == set(SubmissionKind) == set(SUBMISSION_CHECKS)
    assert sorted(choice["$ref"] for choice in union["oneOf"]) == sorted(mapping.values())
    for kind, target in mapping.items():
        of_kind = resolve(document, target)
        assert of_kind["properties"]["kind"]["const"] == kind
        payload = of_kind["properties"]["payload"]["anyOf"]
        model = PAYLOADS.get(kind)
        expected = {"$ref": REF_PREFIX + model.__name__} if model else {"type": "object"}
        assert [{k: v for k, v in p.items() if k != "additionalProperties"} for p in payload] == [
            expected,
            {"type": "null"},  # a sealed entry's payload: ``sealed`` carries it
        ]
    # The payloads' schemas are the contract types' own.
    for model in PAYLOADS.values():
        own = model.model_json_schema(ref_template=REF_PREFIX + "{model}")
        own.pop("$defs", None)
        assert no_null_defaults(schemas[model.__name__]) == no_null_defaults(own), model


def test_the_admin_publish_body_is_one_of_the_published_records(
    document: dict[str, Any],
) -> None:
    body = body_schema(document, PUBLISH, "put")
    assert body["oneOf"] == [
        {"$ref": REF_PREFIX + RECORD_TYPES[kind].__name__, "unevaluatedProperties": False}
        for kind in PUBLISHED
    ]
    for kind in PUBLISHED:
        assert f"{kind}: {RECORD_TYPES[kind].__name__}" in body["description"]
    # Every record model is referred to by a path, not only reachable from a page.
    paths = json.dumps(document["paths"])
    for model in RECORD_TYPES.values():
        assert f'"{REF_PREFIX}{model.__name__}"' in paths, model.__name__


def test_a_published_record_is_what_the_document_says_and_the_platform_takes(
    served: tuple[Platform, str], document: dict[str, Any]
) -> None:
    _platform, url = served
    check = validator(document, body_pointer(PUBLISH, "put"))
    admin = {"Authorization": f"Bearer {ADMIN}"}
    for kind in ("comuni", "categories", "providers", "services", "forms", "calls", "operators"):
        held = requests.get(f"{url}/v1/admin/records/{kind}", headers=admin, timeout=10).json()
        record = next(iter(held.values()))  # a demo record, as the platform holds it
        assert not list(check.iter_errors(record)), (kind, record["id"])
        address = f"{url}/v1/admin/records/{kind}/{record['id']}"
        assert requests.put(address, json=record, headers=admin, timeout=10).status_code == 200
        # A field no record has: the document refuses it, and so does the platform.
        odd = {**record, "colour": "blu"}
        assert list(check.iter_errors(odd)), kind
        refused = requests.put(address, json=odd, headers=admin, timeout=10)
        assert refused.status_code == 422 and "colour" in refused.text


def test_a_batch_the_document_describes_is_answered_entry_by_entry(
    served: tuple[Platform, str], document: dict[str, Any]
) -> None:
    """Entries of every kind, as a kiosk sends them, fit the documented body; the
    platform still reads the body itself and answers each entry on its own, also one
    the document does not describe (the documentation changed nothing of that)."""
    platform, url = served
    check = validator(document, body_pointer(SUBMISSIONS, "post"))
    now = datetime.now(UTC).isoformat()

    def entry(kind: str, payload: Any) -> dict[str, Any]:
        return {"uuid": str(uuid.uuid4()), "kind": kind, "created_at": now, "payload": payload}

    purchase = {
        "order": "ORD-AAAA-AAAA",
        "total_cents": 500,
        "payment": "provider",
        "lines": [{"service": "s01", "quantity": 1, "unit_price_cents": 500}],
        "vouchers": [],
        "channel": "kiosk",
    }
    application = {
        "call": "bs-piazzola",
        "form": "bs-piazzola@1",
        "form_sha256": "0" * 64,
        "tracking_code": "DOM-AAAA-AAAA",
        "answers": {"nome": "Maria"},
    }
    sealed = {**entry("wallet_pin", None), "sealed": "x" * 80}
    batch = {
        "entries": [
            entry("event", {"name": "screen_opened"}),
            entry("purchase", purchase),
            entry("application", application),
            sealed,
        ]
    }
    assert not list(check.iter_errors(batch))
    wrong = entry("purchase", application)  # an application's payload as a purchase
    unknown = entry("frobnicate", {})
    assert list(check.iter_errors({"entries": [wrong]}))
    assert list(check.iter_errors({"entries": [unknown]}))

    client = PlatformClient(url)
    _device, token = client.enroll(platform.new_enrollment_code(), "openapi-kiosk")
    client.close()
    sent = [*batch["entries"], wrong, unknown]
    reply = requests.post(
        f"{url}{SUBMISSIONS}",
        json={"entries": sent},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert reply.status_code == 200, reply.text
    answers = {answer["uuid"]: answer for answer in reply.json()["results"]}
    assert set(answers) == {item["uuid"] for item in sent}
    assert answers[batch["entries"][0]["uuid"]]["status"] == "accepted"
    assert answers[wrong["uuid"]]["code"] == "invalid_payload"
    assert answers[unknown["uuid"]]["code"] == "unknown_kind"
