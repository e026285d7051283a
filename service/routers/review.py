"""Suppliers and reviewers' dispositions on their matches."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status
from sqlmodel import Session, col, select

from service import crud
from service.auth import ReadKey, ReviewKey
from service.deps import EngineDep, RuntimeDep, SessionDep
from service.engine import Engine, entity_sha256
from service.errors import Conflict, NotFound
from service.models import Disposition, Screening, Supplier, as_utc
from service.routers.paging import Limit, Offset
from service.routers.responses import AUTHED, errors
from service.schemas.review import (
    DispositionIn,
    DispositionPage,
    DispositionPublic,
    SupplierDetail,
    SupplierPage,
    SupplierPublic,
)
from service.schemas.screening import ScreeningPublic

router = APIRouter(prefix="/v1", tags=["review"], responses=errors(*AUTHED))


def _supplier_public(row: Supplier) -> SupplierPublic:
    return SupplierPublic(
        id=row.id,
        supplier_id=row.supplier_id,
        name=row.name,
        country=row.country,
        last_screening_id=row.last_screening_id,
        last_tier=row.last_tier,
        last_score=row.last_score,
        screenings_count=row.screenings_count,
        first_screened_at=as_utc(row.first_screened_at),
        last_screened_at=as_utc(row.last_screened_at),
    )


def _dispositions_public(
    session: Session, engine: Engine | None, rows: list[Disposition]
) -> list[DispositionPublic]:
    latest: dict[tuple[str, str, str], str] = {}
    for row in rows:
        key = (row.tenant_id, row.supplier_ref, row.entity_id)
        if key not in latest:
            current = crud.latest_dispositions(session, row.tenant_id, row.supplier_ref).get(row.entity_id)
            latest[key] = current.id if current is not None else ""
    out = []
    for row in rows:
        entity = engine.entities.get(row.entity_id) if engine is not None else None
        unchanged = entity is not None and entity_sha256(entity) == row.entity_sha256
        out.append(
            DispositionPublic(
                id=row.id,
                supplier_ref=row.supplier_ref,
                screening_id=row.screening_id,
                entity_id=row.entity_id,
                entity_sha256=row.entity_sha256,
                status=row.status,
                note=row.note,
                key_id=row.key_id,
                created_at=as_utc(row.created_at),
                active=unchanged and latest[(row.tenant_id, row.supplier_ref, row.entity_id)] == row.id,
            )
        )
    return out


@router.get("/suppliers", summary="List screened suppliers")
def list_suppliers(
    who: ReadKey,
    session: SessionDep,
    tier: Annotated[
        str | None,
        Query(
            pattern="^(none|low|medium|high|severe)$",
            description="Tier of the latest screening.",
            examples=["high"],
        ),
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> SupplierPage:
    """List the tenant's suppliers, most recently screened first."""
    query = select(Supplier).where(Supplier.tenant_id == who.tenant_id)
    if tier is not None:
        query = query.where(Supplier.last_tier == tier)
    order = (col(Supplier.last_screened_at).desc(), col(Supplier.id))
    rows, total = crud.fetch_page(session, query, *order, limit=limit, offset=offset)
    return SupplierPage(items=[_supplier_public(r) for r in rows], total=total, limit=limit, offset=offset)


@router.get("/suppliers/{supplier_ref}", summary="Fetch one supplier", responses=errors(404))
def get_supplier(supplier_ref: str, who: ReadKey, session: SessionDep, runtime: RuntimeDep) -> SupplierDetail:
    """Return a supplier with its latest result summary and its dispositions."""
    row = crud.get_owned(session, Supplier, tenant_id=who.tenant_id, object_id=supplier_ref)
    if row is None:
        raise NotFound("No supplier with this id.")
    dispositions = session.exec(
        select(Disposition)
        .where(Disposition.tenant_id == who.tenant_id, Disposition.supplier_ref == row.id)
        .order_by(col(Disposition.created_at).desc())
    ).all()
    public = _supplier_public(row)
    return SupplierDetail(
        **public.model_dump(), dispositions=_dispositions_public(session, runtime.engine, list(dispositions))
    )


@router.post(
    "/screenings/{screening_id}/dispositions",
    summary="Record a disposition on a match",
    status_code=status.HTTP_201_CREATED,
    responses=errors(404, 409),
)
def create_disposition(
    screening_id: str, body: DispositionIn, who: ReviewKey, session: SessionDep, engine: EngineDep
) -> DispositionPublic:
    """Mark a match as confirmed or false positive; the latest decision per supplier and entity counts."""
    screening = crud.get_owned(session, Screening, tenant_id=who.tenant_id, object_id=screening_id)
    if screening is None:
        raise NotFound("No screening with this id.")
    matched = {m.entity_id for m in ScreeningPublic.model_validate_json(screening.result_json).matches}
    if body.entity_id not in matched:
        raise Conflict("This entity is not among the screening's matches.")
    entity = engine.entities.get(body.entity_id)
    if entity is None:
        raise Conflict("This entity is no longer in the loaded reference data; screen the supplier again.")
    row = Disposition(
        tenant_id=who.tenant_id,
        supplier_ref=screening.supplier_ref,
        entity_id=body.entity_id,
        entity_sha256=entity_sha256(entity),
        status=body.status,
        note=body.note,
        screening_id=screening.id,
        key_id=who.key_id,
    )
    session.add(row)
    crud.add_audit(
        session,
        tenant_id=who.tenant_id,
        key_id=who.key_id,
        action="disposition.create",
        object_type="disposition",
        object_id=row.id,
        detail=f"{body.status} {body.entity_id}"[:2000],
    )
    session.commit()
    session.refresh(row)
    return _dispositions_public(session, engine, [row])[0]


@router.get("/dispositions", summary="List dispositions")
def list_dispositions(
    who: ReadKey,
    session: SessionDep,
    runtime: RuntimeDep,
    supplier_ref: Annotated[
        str | None,
        Query(
            max_length=32, description="Only this supplier.", examples=["4c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f"]
        ),
    ] = None,
    entity_id: Annotated[
        str | None, Query(max_length=300, description="Only this list entity.", examples=["us_dhs_uflpa:12"])
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> DispositionPage:
    """List the tenant's dispositions, newest first."""
    query = select(Disposition).where(Disposition.tenant_id == who.tenant_id)
    if supplier_ref is not None:
        query = query.where(Disposition.supplier_ref == supplier_ref)
    if entity_id is not None:
        query = query.where(Disposition.entity_id == entity_id)
    order = (col(Disposition.created_at).desc(), col(Disposition.id))
    rows, total = crud.fetch_page(session, query, *order, limit=limit, offset=offset)
    items = _dispositions_public(session, runtime.engine, list(rows))
    return DispositionPage(items=items, total=total, limit=limit, offset=offset)
