"""The loaded reference data: sources with provenance and coverage, and list entities."""

from __future__ import annotations

import unicodedata
from typing import Annotated

from fastapi import APIRouter, Query

from reference_data import ListEntity, SourceMeta
from service.auth import ReadKey
from service.deps import EngineDep
from service.engine import entity_sha256
from service.errors import NotFound
from service.routers.paging import Limit, Offset
from service.routers.responses import AUTHED, errors
from service.schemas.reference import EntityPage, EntityPublic, ReferencePublic, SourcePublic

router = APIRouter(prefix="/v1/reference", tags=["reference"], responses=errors(*AUTHED))


def _source(meta: SourceMeta) -> SourcePublic:
    return SourcePublic(
        source_id=meta.source_id,
        title=meta.title,
        publisher=meta.publisher,
        official_url=meta.official_url,
        retrieved_from=meta.retrieved_from,
        data_date=meta.data_date,
        version=meta.version,
        licence=meta.licence,
        legal_basis=meta.legal_basis,
        kind=meta.kind,
        complete=meta.complete,
        coverage_note=meta.coverage_note,
        row_count=meta.row_count,
    )


def _entity(entity: ListEntity) -> EntityPublic:
    return EntityPublic(
        entity_id=entity.entity_id,
        source_id=entity.source_id,
        name=entity.name,
        aliases=list(entity.aliases),
        country=entity.country,
        entity_type=entity.entity_type,
        address=entity.address,
        identifiers=[[scheme, value] for scheme, value in entity.identifiers],
        listed_on=entity.listed_on,
        action=entity.action,
        status=entity.status,
        legal_basis=entity.legal_basis,
        sectors=entity.sectors,
        related=entity.related,
        source_row=entity.source_row,
        source_url=entity.source_url,
        notes=entity.notes,
        record_sha256=entity_sha256(entity),
    )


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


@router.get("", summary="Describe the loaded snapshot")
def get_reference(who: ReadKey, engine: EngineDep) -> ReferencePublic:
    """Return the snapshot id and every source with provenance, version and coverage note."""
    snapshot = engine.screener.snapshot
    return ReferencePublic(
        snapshot_id=snapshot.snapshot_id,
        created_at=snapshot.created_at,
        model_version=engine.model_version,
        entity_count=len(engine.entities),
        sources=[_source(snapshot.sources[k]) for k in sorted(snapshot.sources)],
    )


@router.get("/sources/{source_id}", summary="Describe one source", responses=errors(404))
def get_source(source_id: str, who: ReadKey, engine: EngineDep) -> SourcePublic:
    """Return one source's provenance and coverage."""
    meta = engine.screener.snapshot.sources.get(source_id)
    if meta is None:
        raise NotFound("No source with this id in the loaded snapshot.")
    return _source(meta)


@router.get("/entities", summary="Search list entities")
def list_entities(
    who: ReadKey,
    engine: EngineDep,
    q: Annotated[
        str | None,
        Query(max_length=200, description="Text contained in a name or alias.", examples=["cotton"]),
    ] = None,
    source: Annotated[
        str | None, Query(max_length=100, description="Only this list.", examples=["us_dhs_uflpa"])
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> EntityPage:
    """List entities by id order, optionally filtered by list and by text in their names."""
    needle = _fold(q) if q else ""
    found = [
        e
        for _, e in sorted(engine.entities.items())
        if (source is None or e.source_id == source)
        and (not needle or any(needle in _fold(n) for n in e.names))
    ]
    items = [_entity(e) for e in found[offset : offset + limit]]
    return EntityPage(items=items, total=len(found), limit=limit, offset=offset)


@router.get("/entities/{entity_id}", summary="Look up one list entity", responses=errors(404))
def get_entity(entity_id: str, who: ReadKey, engine: EngineDep) -> EntityPublic:
    """Return one list entity as published, with its source row and record hash."""
    entity = engine.entities.get(entity_id)
    if entity is None:
        raise NotFound("No list entity with this id.")
    return _entity(entity)
