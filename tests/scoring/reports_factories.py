"""Small screening-results documents for the report tests, and the example screening itself."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "suppliers.csv"


def make_finding(code: str = "entity_list.uflpa", points: float = 100.0, **extra: Any) -> dict[str, Any]:
    """Build one finding with one piece of evidence and a framework mapping."""
    return {
        "type": code.split(".")[0],
        "code": code,
        "points": points,
        "sentence": f"Finding {code}.",
        "evidence": [
            {
                "source_id": "us_dhs_uflpa",
                "source_version": "20250115000000",
                "record": "us_dhs_uflpa:acme",
                "detail": "Acme (UFLPA Entity List)",
                "source_row": 7,
                "url": "https://example.org/listing",
            }
        ],
        "ungp": [17, 13],
        "p28": ["P28-ACCOUNT"],
        "laws": ["uflpa"],
        "actions": ["use_leverage", "confirm_identity"],
        **extra,
    }


def make_row(row: int, tier: str = "severe", score: float = 90.0, **extra: Any) -> dict[str, Any]:
    """Build one screened row; findings default to one UFLPA listing worth the total points."""
    findings = extra.pop("findings", [make_finding()] if tier != "none" else [])
    total = sum(f["points"] for f in findings)
    base: dict[str, Any] = {
        "row": row,
        "supplier_id": f"S-{row}",
        "name": f"Supplier {row}",
        "risk_score": score,
        "risk_tier": tier,
        "country": "CN",
        "error": "",
        "exposure_value": None,
        "total_points": total,
        "input": {"name": f"Supplier {row}", "country": "CN", "product": "cotton"},
        "matches": [],
        "findings": findings,
    }
    return {**base, **extra}


def make_doc(*rows: dict[str, Any], **metadata: Any) -> dict[str, Any]:
    """Build a results document around the rows."""
    meta: dict[str, Any] = {
        "generated_at": "2026-01-02T03:04:05+00:00",
        "input": "suppliers.csv",
        "snapshot_id": "snap-test",
        "model_version": "match-test+risk-test",
        "sources": [
            {
                "id": "us_dhs_uflpa",
                "title": "UFLPA Entity List",
                "version": "20250115000000",
                "data_date": "2025-01-15",
                "complete": False,
                "coverage_note": "PARTIAL: test copy.",
                "licence": "public domain",
            }
        ],
        "notice": "A non-match is not a clearance: test notice.",
        **metadata,
    }
    return {"metadata": meta, "results": list(rows), "summary": {}}


def screen_example(tmp: Path) -> Path:
    """Screen examples/suppliers.csv with the real engine into a JSON results file."""
    from clients.cli import app

    out = tmp / "results.json"
    outcome = CliRunner().invoke(app, ["screen", str(EXAMPLE), "--format", "json", "-o", str(out)])
    assert outcome.exit_code == 0, outcome.output
    json.loads(out.read_text(encoding="utf-8"))  # a complete document
    return out
