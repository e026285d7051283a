"""Use case: screen a record, honour reviewers' false-positive decisions, and store the result."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlmodel import Session

from scoring.types import ScreeningResult, SupplierRecord
from service import crud
from service.engine import Engine, entity_sha256
from service.models import Screening, ScreeningHit, new_id, utcnow
from service.present import screening_public
from service.schemas.screening import ScreeningPublic


@dataclass(frozen=True, slots=True)
class ScreenRequest:
    """One record to screen for a tenant, with input warnings already collected."""

    tenant_id: str
    record: SupplierRecord
    warnings: tuple[str, ...] = ()
    top_k: int = 3
    job_id: str | None = None


def _suppressed(session: Session, engine: Engine, tenant_id: str, supplier_ref: str) -> frozenset[str]:
    """Return entity ids whose latest disposition is a false positive on the entity's current record."""
    suppressed = set()
    for entity_id, disposition in crud.latest_dispositions(session, tenant_id, supplier_ref).items():
        entity = engine.entities.get(entity_id)
        if (
            disposition.status == "false_positive"
            and entity is not None
            and entity_sha256(entity) == disposition.entity_sha256
        ):
            suppressed.add(entity_id)
    return frozenset(suppressed)


def _apply_suppressions(
    engine: Engine, result: ScreeningResult, suppressed: frozenset[str]
) -> ScreeningResult:
    """Re-score without suppressed matches, so a cleared false positive adds no risk."""
    if not any(m.entity.entity_id in suppressed and m.is_match for m in result.matches):
        return result
    kept = tuple(m for m in result.matches if m.entity.entity_id not in suppressed)
    assessment = engine.screener.risk.assess(result.record, kept)
    return replace(result, assessment=assessment)


def screen_and_store(*, session: Session, engine: Engine, request: ScreenRequest) -> ScreeningPublic:
    """Screen one record, store the result and its supplier, and return the public result (uncommitted)."""
    result = engine.screener.screen(request.record, top_k=request.top_k)
    screening_id = new_id()
    now = utcnow()
    supplier = crud.upsert_supplier(
        session, tenant_id=request.tenant_id, record=request.record, screening_id=screening_id, now=now
    )
    suppressed = _suppressed(session, engine, request.tenant_id, supplier.id)
    result = _apply_suppressions(engine, result, suppressed)
    supplier.last_tier = result.assessment.tier
    supplier.last_score = result.assessment.score
    public = screening_public(
        screening_id=screening_id,
        supplier_ref=supplier.id,
        job_id=request.job_id,
        created_at=now,
        result=result,
        suppressed=suppressed,
        warnings=list(request.warnings),
        coverage=engine.coverage_notes(),
    )
    session.add(
        Screening(
            id=screening_id,
            tenant_id=request.tenant_id,
            supplier_ref=supplier.id,
            supplier_id=request.record.supplier_id,
            name=request.record.name,
            country=request.record.country,
            tier=result.assessment.tier,
            score=result.assessment.score,
            snapshot_id=result.snapshot_id,
            model_version=result.model_version,
            job_id=request.job_id,
            created_at=now,
            result_json=public.model_dump_json(),
        )
    )
    for match in result.matches:
        if match.is_match:
            session.add(
                ScreeningHit(
                    tenant_id=request.tenant_id,
                    screening_id=screening_id,
                    entity_id=match.entity.entity_id,
                    source_id=match.entity.source_id,
                    score=match.score,
                    suppressed=match.entity.entity_id in suppressed,
                )
            )
    return public
