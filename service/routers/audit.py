"""The tenant's append-only audit log (admin scope)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from sqlmodel import col, select

from service import crud
from service.auth import AdminKey
from service.deps import SessionDep
from service.models import AuditEvent, as_utc
from service.routers.paging import Offset
from service.routers.responses import AUTHED, errors
from service.schemas.review import AuditEventPublic, AuditPage

router = APIRouter(prefix="/v1", tags=["audit"], responses=errors(*AUTHED))


@router.get("/audit", summary="Read the audit log")
def list_audit(
    who: AdminKey,
    session: SessionDep,
    action: Annotated[
        str | None, Query(max_length=50, description="Only this action.", examples=["disposition.create"])
    ] = None,
    since: Annotated[
        datetime | None, Query(description="At or after (ISO 8601).", examples=["2026-01-01T00:00:00Z"])
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="Page size.", examples=[100])] = 100,
    offset: Offset = 0,
) -> AuditPage:
    """List who did what in this tenant, newest first; the API cannot change or delete entries."""
    query = select(AuditEvent).where(AuditEvent.tenant_id == who.tenant_id)
    if action is not None:
        query = query.where(AuditEvent.action == action)
    if since is not None:
        query = query.where(col(AuditEvent.created_at) >= as_utc(since))
    rows, total = crud.fetch_page(session, query, col(AuditEvent.id).desc(), limit=limit, offset=offset)
    items = [
        AuditEventPublic(
            id=r.id or 0,
            key_id=r.key_id,
            action=r.action,
            object_type=r.object_type,
            object_id=r.object_id,
            detail=r.detail,
            request_id=r.request_id,
            created_at=as_utc(r.created_at),
        )
        for r in rows
    ]
    return AuditPage(items=items, total=total, limit=limit, offset=offset)
