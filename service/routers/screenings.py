"""Screen one record or a keyed batch; list and fetch stored screenings."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from service import crud
from service.auth import Principal, ReadKey, ScreenKey
from service.deps import EngineDep, RuntimeDep, SessionDep
from service.engine import Engine
from service.errors import BatchTooLarge, NotFound
from service.models import Screening, as_utc
from service.records import to_record
from service.routers.paging import Limit, Offset
from service.routers.responses import AUTHED, errors
from service.schemas.records import SupplierIn
from service.schemas.screening import (
    BatchRequest,
    BatchResponse,
    ScreeningPage,
    ScreeningPublic,
    ScreeningSummary,
)
from service.screening import ScreenRequest, screen_and_store

router = APIRouter(prefix="/v1", tags=["screenings"], responses=errors(*AUTHED))

TopK = Annotated[int, Query(ge=1, le=20, description="Candidates returned per record.", examples=[3])]


def _screen(
    runtime: RuntimeDep, session: SessionDep, engine: Engine, who: Principal, item: SupplierIn, top_k: int
) -> ScreeningPublic:
    record, warnings = to_record(item)
    public = screen_and_store(
        session=session, engine=engine, request=ScreenRequest(who.tenant_id, record, tuple(warnings), top_k)
    )
    runtime.metrics.screenings.labels(public.risk.tier).inc()
    return public


@router.post("/screen", summary="Screen one supplier or procurement record")
def screen_record(
    item: SupplierIn,
    who: ScreenKey,
    runtime: RuntimeDep,
    session: SessionDep,
    engine: EngineDep,
    top_k: TopK = 3,
) -> ScreeningPublic:
    """Screen one record synchronously; the result is stored and returned with its findings."""
    public = _screen(runtime, session, engine, who, item, top_k)
    crud.add_audit(
        session,
        tenant_id=who.tenant_id,
        key_id=who.key_id,
        action="screening.create",
        object_type="screening",
        object_id=public.id,
    )
    session.commit()
    return public


@router.post("/screen/batch", summary="Screen a keyed batch of records", responses=errors(400))
def screen_batch(
    batch: BatchRequest,
    who: ScreenKey,
    runtime: RuntimeDep,
    session: SessionDep,
    engine: EngineDep,
    top_k: TopK = 3,
) -> BatchResponse:
    """Screen up to FLSCREEN_MAX_BATCH records keyed by the caller's ids; answers use the same keys."""
    if len(batch.queries) > runtime.settings.max_batch:
        raise BatchTooLarge(
            f"The batch holds {len(batch.queries)} records; the limit is {runtime.settings.max_batch}. "
            "Split it, or upload a file as a batch job."
        )
    responses = {
        key: _screen(runtime, session, engine, who, item, top_k) for key, item in batch.queries.items()
    }
    crud.add_audit(
        session,
        tenant_id=who.tenant_id,
        key_id=who.key_id,
        action="screening.batch",
        object_type="screening",
        object_id=",".join(r.id for r in responses.values())[:300],
        detail=f"{len(responses)} records",
    )
    session.commit()
    return BatchResponse(
        responses=responses, snapshot_id=engine.snapshot_id, model_version=engine.model_version
    )


@router.get("/screenings", summary="List stored screenings")
def list_screenings(
    who: ReadKey,
    session: SessionDep,
    tier: Annotated[
        str | None,
        Query(pattern="^(none|low|medium|high|severe)$", description="Risk tier.", examples=["high"]),
    ] = None,
    list_id: Annotated[
        str | None,
        Query(
            alias="list",
            max_length=100,
            description="Only screenings with a match on this list.",
            examples=["us_dhs_uflpa"],
        ),
    ] = None,
    since: Annotated[
        datetime | None,
        Query(description="Screened at or after (ISO 8601).", examples=["2026-01-01T00:00:00Z"]),
    ] = None,
    until: Annotated[
        datetime | None, Query(description="Screened before (ISO 8601).", examples=["2026-02-01T00:00:00Z"])
    ] = None,
    supplier_ref: Annotated[
        str | None,
        Query(
            max_length=32,
            description="Only this supplier's screenings.",
            examples=["4c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f"],
        ),
    ] = None,
    job_id: Annotated[
        str | None,
        Query(
            max_length=32,
            description="Only this job's screenings.",
            examples=["7a1b2c3d4e5f60718293a4b5c6d7e8f9"],
        ),
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> ScreeningPage:
    """List the tenant's stored screenings, newest first, filtered by tier, list and date."""
    filters = crud.ScreeningFilter(
        tier, list_id, since and as_utc(since), until and as_utc(until), supplier_ref, job_id
    )
    rows, total = crud.list_screenings(
        session, tenant_id=who.tenant_id, filters=filters, limit=limit, offset=offset
    )
    lists = crud.hit_lists(session, tenant_id=who.tenant_id, screening_ids=[r.id for r in rows])
    items = [summary(r, lists.get(r.id, [])) for r in rows]
    return ScreeningPage(items=items, total=total, limit=limit, offset=offset)


@router.get("/screenings/{screening_id}", summary="Fetch one stored screening", responses=errors(404))
def get_screening(screening_id: str, who: ReadKey, session: SessionDep) -> ScreeningPublic:
    """Return a stored screening with its findings, matches and provenance."""
    row = crud.get_owned(session, Screening, tenant_id=who.tenant_id, object_id=screening_id)
    if row is None:
        raise NotFound("No screening with this id.")
    return ScreeningPublic.model_validate_json(row.result_json)


def summary(row: Screening, lists: list[str]) -> ScreeningSummary:
    """Return the list view of a stored screening."""
    return ScreeningSummary(
        id=row.id,
        supplier_ref=row.supplier_ref,
        supplier_id=row.supplier_id,
        name=row.name,
        country=row.country,
        tier=row.tier,
        score=row.score,
        lists=lists,
        job_id=row.job_id,
        created_at=as_utc(row.created_at),
        snapshot_id=row.snapshot_id,
        model_version=row.model_version,
    )
