"""Keyword-only persistence functions; every query is filtered on the caller's tenant."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import case, func
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from scoring.types import SupplierRecord
from service.logs import current_request_id
from service.models import (
    AuditEvent,
    Disposition,
    Job,
    ReportTask,
    Screening,
    ScreeningHit,
    Supplier,
    new_id,
    utcnow,
)
from service.records import supplier_key

_Owned = TypeVar("_Owned", Screening, Supplier, Disposition, Job, ReportTask)
_Row = TypeVar("_Row")


@dataclass(frozen=True, slots=True)
class ScreeningFilter:
    """Filters for listing stored screenings (None = no filter)."""

    tier: str | None = None
    list_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    supplier_ref: str | None = None
    job_id: str | None = None


def upsert_supplier(
    session: Session, *, tenant_id: str, record: SupplierRecord, screening_id: str, now: datetime
) -> Supplier:
    """Find or create the tenant's supplier for this record and point it at the new screening.

    One INSERT ... ON CONFLICT DO UPDATE statement, so two first screenings of the same new supplier
    at once cannot both insert it (the unique (tenant_id, supplier_key) would fail the second): the
    later one updates the row the earlier one made, and the screening count is incremented in SQL.
    """
    insert = _upsert_insert(session)
    statement = insert(Supplier).values(
        id=new_id(),
        tenant_id=tenant_id,
        supplier_key=supplier_key(record),
        supplier_id=record.supplier_id,
        name=record.name,
        country=record.country,
        last_screening_id=screening_id,
        last_tier="none",  # the caller sets tier and score once suppressions are applied
        last_score=0.0,
        screenings_count=1,
        first_screened_at=now,
        last_screened_at=now,
    )
    statement = statement.on_conflict_do_update(
        index_elements=[col(Supplier.tenant_id), col(Supplier.supplier_key)],
        set_={
            "name": statement.excluded.name,
            "country": statement.excluded.country,
            # Under concurrency the request that commits last may have started first: keep the
            # earliest start as the first screening, so first_screened_at <= last_screened_at.
            "first_screened_at": case(
                (
                    statement.excluded.first_screened_at < col(Supplier.first_screened_at),
                    statement.excluded.first_screened_at,
                ),
                else_=col(Supplier.first_screened_at),
            ),
            "last_screening_id": statement.excluded.last_screening_id,
            "last_screened_at": statement.excluded.last_screened_at,
            "screenings_count": col(Supplier.screenings_count) + 1,
        },
    ).returning(col(Supplier.id))
    supplier_ref = session.exec(statement).scalar_one()
    supplier = session.get(Supplier, supplier_ref, populate_existing=True)  # the row as stored now
    assert supplier is not None  # the statement above returned its id in this transaction
    return supplier


def _upsert_insert(session: Session) -> Callable[[type[Supplier]], Any]:
    """Return the dialect's INSERT that has on_conflict_do_update (SQLite and PostgreSQL are supported)."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql_insert
    if dialect == "sqlite":
        return sqlite_insert
    raise RuntimeError(f"unsupported database {dialect!r}: flscreen supports SQLite and PostgreSQL")


def latest_dispositions(session: Session, tenant_id: str, supplier_ref: str) -> dict[str, Disposition]:
    """Return the latest disposition per entity for one supplier."""
    rows = session.exec(
        select(Disposition)
        .where(Disposition.tenant_id == tenant_id, Disposition.supplier_ref == supplier_ref)
        .order_by(col(Disposition.created_at))
    ).all()
    return {row.entity_id: row for row in rows}  # later rows overwrite earlier ones


def add_audit(
    session: Session,
    *,
    tenant_id: str,
    key_id: str,
    action: str,
    object_type: str,
    object_id: str,
    detail: str = "",
) -> None:
    """Append one audit event (the API has no way to change or delete it)."""
    session.add(
        AuditEvent(
            tenant_id=tenant_id,
            key_id=key_id,
            action=action,
            object_type=object_type,
            object_id=object_id,
            detail=detail,
            request_id=current_request_id()[:64],
            created_at=utcnow(),
        )
    )


def fetch_page(
    session: Session, query: SelectOfScalar[_Row], *order: Any, limit: int, offset: int
) -> tuple[Sequence[_Row], int]:
    """Return one page of the query's rows in the given order, and the total matching count."""
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(*order).offset(offset).limit(limit)).all()
    return rows, int(total)


def list_screenings(
    session: Session, *, tenant_id: str, filters: ScreeningFilter, limit: int, offset: int
) -> tuple[Sequence[Screening], int]:
    """Return one page of the tenant's screenings, newest first, and the total matching count."""
    query = select(Screening).where(Screening.tenant_id == tenant_id)
    if filters.tier is not None:
        query = query.where(Screening.tier == filters.tier)
    if filters.since is not None:
        query = query.where(col(Screening.created_at) >= filters.since)
    if filters.until is not None:
        query = query.where(col(Screening.created_at) < filters.until)
    if filters.supplier_ref is not None:
        query = query.where(Screening.supplier_ref == filters.supplier_ref)
    if filters.job_id is not None:
        query = query.where(Screening.job_id == filters.job_id)
    if filters.list_id is not None:
        hits = select(ScreeningHit.screening_id).where(
            ScreeningHit.tenant_id == tenant_id,
            ScreeningHit.source_id == filters.list_id,
            col(ScreeningHit.suppressed).is_(False),
        )
        query = query.where(col(Screening.id).in_(hits))
    return fetch_page(
        session, query, col(Screening.created_at).desc(), col(Screening.id), limit=limit, offset=offset
    )


def hit_lists(session: Session, *, tenant_id: str, screening_ids: Sequence[str]) -> dict[str, list[str]]:
    """Return, per screening, the sorted ids of lists with an unsuppressed match."""
    if not screening_ids:
        return {}
    rows = session.exec(
        select(ScreeningHit.screening_id, ScreeningHit.source_id).where(
            ScreeningHit.tenant_id == tenant_id,
            col(ScreeningHit.screening_id).in_(list(screening_ids)),
            col(ScreeningHit.suppressed).is_(False),
        )
    ).all()
    lists: dict[str, set[str]] = {}
    for screening_id, source_id in rows:
        lists.setdefault(screening_id, set()).add(source_id)
    return {sid: sorted(ids) for sid, ids in lists.items()}


def get_owned(session: Session, model: type[_Owned], *, tenant_id: str, object_id: str) -> _Owned | None:
    """Return one object by id if it belongs to the tenant (another tenant's object is None)."""
    obj = session.get(model, object_id)
    return obj if obj is not None and obj.tenant_id == tenant_id else None
