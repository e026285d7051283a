"""The committed openapi/openapi.json matches the app, and documents every field with an example."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from service.openapi import DEFAULT_PATH, main, openapi_document, render

# Schemas the service reuses from the scoring package (the frameworks catalogue); documented there.
FOREIGN = {
    "Catalogue",
    "UngpBlock",
    "Principle",
    "P28Block",
    "Commitment",
    "Law",
    "IndicatorBlock",
    "Indicator",
    "Sector",
    "Action",
    "FindingMap",
}


def test_openapi_committed_document_has_not_drifted() -> None:
    assert DEFAULT_PATH.read_text(encoding="utf-8") == render(), "run: python -m service.openapi"


def test_openapi_export_is_deterministic(tmp_path: Path) -> None:
    target = tmp_path / "o.json"
    assert main([str(target)]) == 0
    assert target.read_text(encoding="utf-8") == render()


def test_openapi_every_field_has_description_and_example() -> None:
    schemas: dict[str, Any] = openapi_document()["components"]["schemas"]
    missing = []
    for name, schema in schemas.items():
        if name in FOREIGN or name.startswith("Body_"):
            continue
        for prop, spec in schema.get("properties", {}).items():
            if "description" not in spec or not (
                "examples" in spec or "example" in spec or "$ref" in str(spec)
            ):
                missing.append(f"{name}.{prop}")
    assert missing == []


def test_openapi_operation_ids_and_error_schema() -> None:
    doc = openapi_document()
    for path, item in doc["paths"].items():
        for method, op in item.items():
            tag = op["tags"][0]
            assert re.fullmatch(rf"{tag}-[a-z_]+", op["operationId"]), (path, method)
            assert op.get("summary"), (path, method)
            for status, response in op["responses"].items():
                if status.startswith(("4", "5")):
                    ref = response["content"]["application/json"]["schema"]["$ref"]
                    assert ref.endswith("/ErrorResponse"), (path, method, status)
    assert "HTTPValidationError" not in doc["components"]["schemas"]


def test_openapi_security_schemes_cover_both_headers() -> None:
    schemes = openapi_document()["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}
