"""Read the CSV that `flscreen screen` writes back into a results document, with fewer details.

The flat CSV has each row's tier, score, best match and finding codes with their sentences, but no
points, no evidence records and no spend. Findings get their framework ids from the catalogue, and the
sources come from the bundled snapshot when the CSV's snapshot id is the bundled one. The report says
that points were not recorded rather than inventing them.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from scoring.cells import FORMULA_START
from scoring.frameworks import CatalogueError, load_catalogue
from scoring.reports.document import ResultsDocument, parse_results
from scoring.reports.errors import ReportInputError
from scoring.reports.provenance import bundled_source_list

REQUIRED = ("row", "name", "risk_score", "risk_tier", "snapshot_id", "model_version")
_QUOTED = tuple("'" + c for c in FORMULA_START)  # cells the writer neutralised with a leading quote


def _cell(row: dict[str, str], key: str) -> str:
    value = (row.get(key) or "").strip()
    return value[1:] if value.startswith(_QUOTED) else value


def _number(text: str) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def _findings(row: dict[str, str]) -> list[dict[str, Any]]:
    """Pair finding codes with their sentences (both strongest first) and add catalogue mappings."""
    codes = [c for c in _cell(row, "finding_codes").split(";") if c]
    sentences = _cell(row, "reasons").split(" | ") if _cell(row, "reasons") else []
    if len(sentences) != len(codes):  # a sentence containing " | " would shift the pairs: keep codes only
        sentences = [""] * len(codes)
    catalogue = load_catalogue()
    out: list[dict[str, Any]] = []
    for code, sentence in zip(codes, sentences, strict=True):
        try:
            m = catalogue.mapping(code)
            mapped: dict[str, Any] = {"ungp": m.ungp, "p28": m.p28, "laws": m.laws, "actions": m.actions}
        except CatalogueError:
            mapped = {}
        out.append({"type": code.split(".", 1)[0], "code": code, "sentence": sentence, **mapped})
    return out


def _result(row: dict[str, str]) -> dict[str, Any]:
    match_list = _cell(row, "match_list")
    matches = []
    if match_list:
        matches.append({
            "entity_id": _cell(row, "match_entity_id"), "list": match_list, "name": _cell(row, "match_name"),
            "matched_name": _cell(row, "match_name"), "score": _number(_cell(row, "match_score")) or 0.0,
            "is_match": True, "status": _cell(row, "match_status"),
        })  # fmt: skip
    return {
        "row": _cell(row, "row"),
        "supplier_id": _cell(row, "supplier_id"),
        "name": _cell(row, "name"),
        "risk_score": _number(_cell(row, "risk_score")),
        "risk_tier": _cell(row, "risk_tier"),
        "country": _cell(row, "country"),
        "error": _cell(row, "error"),
        "warnings": _cell(row, "warnings"),
        "exposure_value": _number(_cell(row, "exposure_value")),
        "input": {
            "name": _cell(row, "name"),
            "supplier_id": _cell(row, "supplier_id"),
            "country": _cell(row, "country") or None,
        },
        "matches": matches,
        "findings": _findings(row),
    }


def parse_csv_results(raw: bytes, name: str) -> ResultsDocument:
    """Turn the bytes of a CSV results file into a results document."""
    try:
        text = raw.decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ReportInputError(f"{name} is not a UTF-8 CSV results file ({exc})") from None
    header = set(rows[0]) if rows else set()
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ReportInputError(f"{name} is not flscreen CSV results: missing columns {', '.join(missing)}")
    stamped = next((r for r in rows if _cell(r, "snapshot_id")), rows[0])
    snapshot_id = _cell(stamped, "snapshot_id")
    metadata = {
        "input": name,
        "snapshot_id": snapshot_id,
        "model_version": _cell(stamped, "model_version"),
        "sources": bundled_source_list(snapshot_id),
        "notice": "",
    }
    return parse_results({"metadata": metadata, "results": [_result(r) for r in rows]})
