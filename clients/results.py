"""Turn one screening result (or one unscreenable row) into an output row and its JSON detail.

The first fifteen columns are the DESIGN.md contract, in contract order; the extras follow. One
output row per input row: extra matches asked for with ``--top K`` go into ``other_matches`` rather
than into extra rows, so row numbers stay aligned with the input.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from reference_data.models import SourceMeta
from scoring.types import Finding, MatchResult, ScreeningResult

CONTRACT: tuple[str, ...] = (
    "row", "supplier_id", "name", "risk_score", "risk_tier", "match_entity_id", "match_name",
    "match_list", "match_score", "reasons", "ungp", "p28", "error", "snapshot_id", "model_version",
)  # fmt: skip
EXTRAS: tuple[str, ...] = (
    "country", "match_status", "match_action", "match_coverage_note", "other_matches",
    "finding_codes", "laws", "actions", "exposure_value", "warnings",
)  # fmt: skip
COLUMNS: tuple[str, ...] = CONTRACT + EXTRAS
NUMERIC: frozenset[str] = frozenset({"row", "risk_score", "match_score", "exposure_value"})
MAX_ACTIONS = 5  # recommended actions listed in the flat row; JSON carries all of them

Cell = str | int | float | None


@dataclass(frozen=True, slots=True)
class OutputRow:
    """One output row: flat cells for CSV/XLSX, plus the structured detail JSON output adds."""

    cells: dict[str, Cell]
    detail: dict[str, Any] = field(default_factory=dict)
    tier: str = ""  # empty when the row was not screened
    lists_hit: tuple[str, ...] = ()


def _unique(items: Iterable[str]) -> list[str]:
    """Return items without repeats, first occurrence first."""
    return list(dict.fromkeys(i for i in items if i))


def _match_label(m: MatchResult) -> str:
    """Describe a match in one phrase: 'id name (list, 0.91)'."""
    flag = "" if m.is_match else ", below threshold"
    return f"{m.entity.entity_id} {m.matched_name} ({m.entity.source_id}, {m.score:.2f}{flag})"


def _finding_json(f: Finding) -> dict[str, Any]:
    """Return a finding with its evidence and framework mapping as plain JSON values."""
    out = asdict(f)
    out["evidence"] = [asdict(e) for e in f.evidence]
    return out


def _match_json(m: MatchResult, sources: Mapping[str, SourceMeta]) -> dict[str, Any]:
    """Return a match with its entity's provenance and per-feature contributions."""
    e, meta = m.entity, sources.get(m.entity.source_id)
    return {
        "entity_id": e.entity_id,
        "list": e.source_id,
        "list_title": meta.title if meta else "custom list",
        "list_version": meta.version if meta else "",
        "name": e.name,
        "matched_name": m.matched_name,
        "score": m.score,
        "is_match": m.is_match,
        "status": e.status,
        "action": e.action,
        "listed_on": e.listed_on,
        "legal_basis": e.legal_basis,
        "country": e.country,
        "source_row": e.source_row,
        "source_url": e.source_url,
        "intercept": m.intercept,
        "contributions": [asdict(c) for c in m.contributions],
    }


def screened_row(
    number: int, result: ScreeningResult, sources: Mapping[str, SourceMeta], top: int, warnings: Iterable[str]
) -> OutputRow:
    """Flatten a screening result into the output columns (top = how many matches to show)."""
    rec, risk, best = result.record, result.assessment, result.best_match
    findings = sorted(risk.findings, key=lambda f: -f.points)
    shown = sorted(result.matches, key=lambda m: -m.score)[: max(top, 1)]
    others = [m for m in shown if m is not best][: top - (best is not None)] if top > 1 else []
    meta = sources.get(best.entity.source_id) if best else None
    cells: dict[str, Cell] = {
        "row": number,
        "supplier_id": rec.supplier_id,
        "name": rec.name,
        "risk_score": round(risk.score, 1),
        "risk_tier": risk.tier,
        "match_entity_id": best.entity.entity_id if best else "",
        "match_name": best.matched_name if best else "",
        "match_list": best.entity.source_id if best else "",
        "match_score": round(best.score, 3) if best else None,
        "reasons": " | ".join(f.sentence for f in findings),
        "ungp": ";".join(str(n) for n in sorted({n for f in findings for n in f.ungp})),
        "p28": ";".join(_unique(p for f in findings for p in f.p28)),
        "error": "",
        "snapshot_id": result.snapshot_id,
        "model_version": result.model_version,
        "country": rec.country or "",
        "match_status": best.entity.status if best else "",
        "match_action": best.entity.action if best else "",
        "match_coverage_note": meta.coverage_note if meta and not meta.complete else "",
        "other_matches": "; ".join(_match_label(m) for m in others),
        "finding_codes": ";".join(f.code for f in findings),
        "laws": ";".join(_unique(law for f in findings for law in f.laws)),
        "actions": " | ".join(_unique(a for f in findings for a in f.actions)[:MAX_ACTIONS]),
        "exposure_value": risk.exposure_value,
        "warnings": " | ".join(_unique([*warnings, *result.warnings])),
    }
    detail = {
        "input": {k: v for k, v in asdict(rec).items() if v not in (None, "", ())},
        "total_points": risk.total_points,
        "matches": [_match_json(m, sources) for m in shown],
        "findings": [_finding_json(f) for f in findings],
    }
    hits = tuple(_unique(m.entity.source_id for m in result.matches if m.is_match))
    return OutputRow(cells, detail, risk.tier, hits)


def error_row(
    number: int, values: Mapping[str, object], error: str, warnings: Iterable[str], stamp: tuple[str, str]
) -> OutputRow:
    """Build the row for an input row that could not be screened (its error says why)."""
    cells: dict[str, Cell] = dict.fromkeys(COLUMNS, "")
    cells.update(
        row=number,
        supplier_id=" ".join(str(values.get("supplier_id") or "").split()),
        name=" ".join(str(values.get("name") or "").split()),
        risk_score=None,
        match_score=None,
        exposure_value=None,
        error=error,
        snapshot_id=stamp[0],
        model_version=stamp[1],
        warnings=" | ".join(_unique(warnings)),
    )
    return OutputRow(cells, {"input": {}, "matches": [], "findings": []})
