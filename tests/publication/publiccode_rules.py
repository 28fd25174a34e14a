# SPDX-License-Identifier: EUPL-1.2
"""The publiccode.yml standard's rules, as a JSON Schema plus the checks a schema cannot say.

Transcribed from the published standard: the core schema 0.4 and the Italian extension
1.0 (publiccodeyml/publiccode.yml, docs/standard/schema.core and schema.it; the same
rules as SchemaStore's publiccode.json), and the semantic checks of Developers Italia's
parser (publiccode-parser-go): a release date with a version, a known SPDX licence,
lengths of the descriptions. Only the keys this project uses are spelled out in full;
unknown top-level keys are refused, as the parser does.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

SUPPORTED_VERSIONS = ("0.2", "0.3", "0.4")
IT_EXTENSION_VERSIONS = ("0.2", "1.0")

_DEPENDENCY = {
    "type": "object",
    "additionalProperties": False,
    "required": ["name"],
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "versionMin": {"type": "string"},
        "versionMax": {"type": "string"},
        "version": {"type": "string"},
        "optional": {"type": "boolean"},
    },
}
_DESCRIPTION = {
    "type": "object",
    "additionalProperties": False,
    "required": ["shortDescription", "longDescription", "features"],
    "properties": {
        "localisedName": {"type": "string"},
        "genericName": {"type": "string", "maxLength": 35},
        "shortDescription": {"type": "string", "minLength": 1, "maxLength": 150},
        "longDescription": {"type": "string", "minLength": 150, "maxLength": 10000},
        "documentation": {"type": "string", "format": "uri"},
        "apiDocumentation": {"type": "string", "format": "uri"},
        "features": {
            "type": "array",
            "minItems": 1,
            "items": {"type": "string", "minLength": 1, "maxLength": 100},
        },
        "screenshots": {"type": "array", "items": {"type": "string"}},
        "videos": {"type": "array", "items": {"type": "string"}},
        "awards": {"type": "array", "items": {"type": "string"}},
    },
}
_BOOLEANS = {"type": "object", "additionalProperties": {"type": "boolean"}}

SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": [
        "publiccodeYmlVersion",
        "name",
        "url",
        "platforms",
        "categories",
        "developmentStatus",
        "softwareType",
        "description",
        "legal",
        "maintenance",
        "localisation",
    ],
    "properties": {
        "publiccodeYmlVersion": {"enum": list(SUPPORTED_VERSIONS)},
        "name": {"type": "string", "minLength": 1},
        "applicationSuite": {"type": "string"},
        "url": {"type": "string", "pattern": "^https://"},
        "landingURL": {"type": "string", "pattern": "^https://"},
        "isBasedOn": {"type": ["string", "array"]},
        "softwareVersion": {"type": "string"},
        "releaseDate": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "logo": {"type": "string"},
        "platforms": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "categories": {
            "type": "array",
            "minItems": 1,
            "items": {
                "enum": [
                    "digital-citizenship",
                    "grant-management",
                    "online-booking",
                    "e-commerce",
                    "appointment-scheduling",
                    "payment-gateway",
                    "customer-service-and-support",
                    "data-collection",
                    "survey",
                ]
            },
        },
        "usedBy": {"type": "array", "items": {"type": "string"}},
        "roadmap": {"type": "string"},
        "developmentStatus": {"enum": ["concept", "development", "beta", "stable", "obsolete"]},
        "softwareType": {
            "enum": [
                "standalone/mobile",
                "standalone/iot",
                "standalone/desktop",
                "standalone/web",
                "standalone/backend",
                "standalone/other",
                "addon",
                "library",
                "configurationFiles",
            ]
        },
        "intendedAudience": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "countries": {"type": "array", "items": {"pattern": "^[a-z]{2}$"}},
                "unsupportedCountries": {"type": "array", "items": {"pattern": "^[a-z]{2}$"}},
                "scope": {
                    "type": "array",
                    "items": {"enum": ["welfare", "local-authorities", "society", "government"]},
                },
            },
        },
        "description": {
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"},
            "additionalProperties": _DESCRIPTION,
        },
        "legal": {
            "type": "object",
            "additionalProperties": False,
            "required": ["license"],
            "properties": {
                "license": {"type": "string"},
                "mainCopyrightOwner": {"type": "string"},
                "repoOwner": {"type": "string"},
                "authorsFile": {"type": "string"},
            },
        },
        "maintenance": {
            "type": "object",
            "additionalProperties": False,
            "required": ["type"],
            "properties": {
                "type": {"enum": ["internal", "contract", "community", "none"]},
                "contractors": {"type": "array"},
                "contacts": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["name"],
                        "properties": {
                            "name": {"type": "string", "minLength": 1},
                            "email": {"type": "string", "pattern": r"^[^@\s]+@[^@\s]+\.[a-z]+$"},
                            "phone": {"type": "string"},
                            "affiliation": {"type": "string"},
                        },
                    },
                },
            },
        },
        "localisation": {
            "type": "object",
            "additionalProperties": False,
            "required": ["localisationReady", "availableLanguages"],
            "properties": {
                "localisationReady": {"type": "boolean"},
                "availableLanguages": {
                    "type": "array",
                    "minItems": 1,
                    "items": {"pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"},
                },
            },
        },
        "dependsOn": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                kind: {"type": "array", "items": _DEPENDENCY}
                for kind in ("open", "proprietary", "hardware")
            },
        },
        "it": {
            "type": "object",
            "additionalProperties": False,
            "required": ["countryExtensionVersion"],
            "properties": {
                "countryExtensionVersion": {"enum": list(IT_EXTENSION_VERSIONS)},
                "conforme": {
                    **_BOOLEANS,
                    "propertyNames": {
                        "enum": [
                            "lineeGuidaDesign",
                            "modelloInteroperabilita",
                            "misureMinimeSicurezza",
                            "gdpr",
                        ]
                    },
                },
                "piattaforme": {
                    **_BOOLEANS,
                    "propertyNames": {"enum": ["spid", "cie", "anpr", "pagopa", "io"]},
                },
                "riuso": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {"codiceIPA": {"type": "string"}},
                },
            },
        },
    },
}


def semantic_problems(data: dict[str, Any], today: date) -> list[str]:
    """What the parser checks beyond the schema."""
    problems = []
    if "softwareVersion" in data and "releaseDate" not in data:
        problems.append("softwareVersion needs releaseDate")
    if "releaseDate" in data and date.fromisoformat(data["releaseDate"]) > today:
        problems.append("releaseDate is in the future")
    kind = data["maintenance"]["type"]
    if kind in ("internal", "community") and not data["maintenance"].get("contacts"):
        problems.append(f"maintenance of type {kind} needs contacts")
    if kind == "contract" and not data["maintenance"].get("contractors"):
        problems.append("maintenance of type contract needs contractors")
    if not re.fullmatch(r"[A-Za-z0-9.+-]+( (AND|OR) [A-Za-z0-9.+-]+)*", data["legal"]["license"]):
        problems.append("legal.license is not an SPDX expression")
    return problems
