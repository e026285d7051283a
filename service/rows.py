"""Flatten a screening into one output row (the CLI's column contract) for job results and downloads."""

from __future__ import annotations

from service.engine import Engine
from service.schemas.jobs import JobRowPublic
from service.schemas.screening import ScreeningPublic

COLUMNS: tuple[str, ...] = tuple(JobRowPublic.model_fields)


def _join_sorted(values: set[str]) -> str:
    return ";".join(sorted(values, key=lambda v: (0, int(v), "") if v.isdigit() else (1, 0, v)))


def row_summary(
    row: int, supplier_id: str, name: str, public: ScreeningPublic | None, error: str, engine: Engine
) -> JobRowPublic:
    """Return one row's flat outcome; a failed row carries only its identity and error."""
    if public is None:
        return JobRowPublic(
            row=row,
            supplier_id=supplier_id,
            name=name,
            risk_score=None,
            risk_tier="",
            match_entity_id="",
            match_name="",
            match_list="",
            match_score=None,
            reasons="",
            ungp="",
            p28="",
            error=error,
            snapshot_id=engine.snapshot_id,
            model_version=engine.model_version,
            screening_id=None,
        )
    hits = [m for m in public.matches if m.is_match and not m.suppressed]
    best = max(hits, key=lambda m: m.score) if hits else None
    findings = sorted(public.risk.findings, key=lambda f: -f.points)
    return JobRowPublic(
        row=row,
        supplier_id=supplier_id,
        name=name,
        risk_score=public.risk.score,
        risk_tier=public.risk.tier,
        match_entity_id=best.entity_id if best else "",
        match_name=best.matched_name if best else "",
        match_list=best.source_id if best else "",
        match_score=best.score if best else None,
        reasons=" | ".join(f.sentence for f in findings[:3]),
        ungp=_join_sorted({str(n) for f in findings for n in f.ungp}),
        p28=_join_sorted({p for f in findings for p in f.p28}),
        error="",
        snapshot_id=public.snapshot_id,
        model_version=public.model_version,
        screening_id=public.id,
    )
