"""Assemble a stored batch job into the screening-results document the report renderer reads.

Everything comes from the database (job, its rows, their stored screenings) and from the snapshot
the job used, so a job's report can be rendered again at any time and says the same thing. The job's
finish time is the report's date. Suppressed matches (a reviewer's false positive) are not hits.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, col, select

from scoring.reports import ResultsDocument, parse_results
from scoring.reports.provenance import bundled_source_list
from scoring.results_meta import clearance_notice, source_list
from service.engine import Engine
from service.models import Job, JobRow, Screening, as_utc
from service.schemas.jobs import JobRowPublic
from service.schemas.screening import MatchPublic, ScreeningPublic


def _sources(job: Job, engine: Engine | None) -> list[dict[str, Any]]:
    """Describe the sources of the snapshot the job used (loaded or bundled), or none if unknown."""
    if engine is None or engine.snapshot_id != job.snapshot_id:
        return bundled_source_list(job.snapshot_id)
    return source_list(engine.screener.snapshot.sources)


def _match(m: MatchPublic, titles: Mapping[str, tuple[str, str]]) -> dict[str, Any]:
    title, version = titles.get(m.source_id, (m.source_id, ""))
    return {
        "entity_id": m.entity_id,
        "list": m.source_id,
        "list_title": title,
        "list_version": version,
        "name": m.entity_name,
        "matched_name": m.matched_name,
        "score": m.score,
        "is_match": m.is_match and not m.suppressed,
        "listed_on": m.listed_on,
        "legal_basis": m.legal_basis,
        "source_url": m.source_url,
        "intercept": m.intercept,
        "contributions": [c.model_dump() for c in m.contributions],
    }


def _result(row: int, public: ScreeningPublic, titles: Mapping[str, tuple[str, str]]) -> dict[str, Any]:
    risk = public.risk
    return {
        "row": row,
        "supplier_id": public.supplier.supplier_id,
        "name": public.supplier.name,
        "risk_score": risk.score,
        "risk_tier": risk.tier,
        "country": public.supplier.country or "",
        "warnings": " | ".join(public.warnings),
        "exposure_value": risk.exposure_value,
        "total_points": risk.total_points,
        "input": public.supplier.model_dump(),
        "matches": [_match(m, titles) for m in public.matches],
        "findings": [f.model_dump() for f in risk.findings],
    }


def job_results_document(session: Session, job: Job, engine: Engine | None) -> ResultsDocument:
    """Return the job's results, in input order, as a report's results document."""
    return parse_results(job_results_data(session, job, engine))


def job_results_data(session: Session, job: Job, engine: Engine | None) -> dict[str, Any]:
    """Return the job's results as the plain data a results document is parsed from."""
    sources = _sources(job, engine)
    titles = {str(s["id"]): (str(s["title"]), str(s["version"])) for s in sources}
    query = (
        select(JobRow, Screening)
        .join(Screening, col(Screening.id) == col(JobRow.screening_id), isouter=True)
        .where(JobRow.tenant_id == job.tenant_id, JobRow.job_id == job.id)
        .order_by(col(JobRow.row))
    )
    results: list[dict[str, Any]] = []
    for job_row, screening in session.exec(query).all():
        if screening is not None:
            results.append(
                _result(job_row.row, ScreeningPublic.model_validate_json(screening.result_json), titles)
            )
            continue
        flat = JobRowPublic.model_validate_json(job_row.summary_json)
        results.append(
            {"row": flat.row, "supplier_id": flat.supplier_id, "name": flat.name, "error": flat.error}
        )
    stamp = as_utc(job.finished_at or job.created_at).isoformat(timespec="seconds")
    metadata = {
        "generated_at": stamp,
        "input": job.filename,
        "snapshot_id": job.snapshot_id or "unknown",
        "model_version": job.model_version or "unknown",
        "sources": sources,
        "notice": clearance_notice([str(s["id"]) for s in sources if not s.get("complete")]),
    }
    return {"metadata": metadata, "results": results}
