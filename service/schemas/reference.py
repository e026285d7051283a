"""Reference data as the API shows it: sources with provenance, and list entities."""

from __future__ import annotations

from pydantic import BaseModel, Field

from service.schemas.common import PageInfo


class SourcePublic(BaseModel):
    """One source of the loaded snapshot with its provenance and coverage."""

    source_id: str = Field(description="Source id.", examples=["us_dhs_uflpa"])
    title: str = Field(description="Title as published.", examples=["UFLPA Entity List"])
    publisher: str = Field(description="Publisher.", examples=["US Department of Homeland Security"])
    official_url: str = Field(
        description="Official page.", examples=["https://www.dhs.gov/uflpa-entity-list"]
    )
    retrieved_from: str = Field(
        description="Where the bundled copy came from.", examples=["dhs.gov, 2025-01-15"]
    )
    data_date: str = Field(description="Date of the data.", examples=["2025-01-15"])
    version: str = Field(
        description="Snapshot version of this source (UTC timestamp).", examples=["20250115000000"]
    )
    licence: str = Field(
        description="Licence or terms of the data.", examples=["US Government work, public domain"]
    )
    legal_basis: str = Field(description="Instrument the list rests on.", examples=["Public Law 117-78"])
    kind: str = Field(
        description="entity_list, goods_list, country_indicator or nomenclature.", examples=["entity_list"]
    )
    complete: bool = Field(description="False when the bundled copy is known to be partial.", examples=[True])
    coverage_note: str = Field(
        description="What is missing; a non-match is never a clearance.", examples=[""]
    )
    row_count: int = Field(description="Data rows in the snapshot files.", examples=[144])


class ReferencePublic(BaseModel):
    """The loaded snapshot: id, age and sources."""

    snapshot_id: str = Field(description="Snapshot id stamped on every result.", examples=["3f9a1c2b7d4e"])
    created_at: str = Field(
        description="When the snapshot was built (ISO UTC).", examples=["2025-01-20T00:00:00Z"]
    )
    model_version: str = Field(description="Models loaded with it.", examples=["match-v1+risk-v1"])
    entity_count: int = Field(description="List entities loaded (custom lists included).", examples=[1500])
    sources: list[SourcePublic] = Field(description="Sources, by id.", examples=[[]])


class EntityPublic(BaseModel):
    """One list entity as published, with the row it was read from."""

    entity_id: str = Field(description="Entity id.", examples=["us_dhs_uflpa:12"])
    source_id: str = Field(description="List it is on.", examples=["us_dhs_uflpa"])
    name: str = Field(description="Primary name.", examples=["Xinjiang Example Cotton Co., Ltd."])
    aliases: list[str] = Field(description="Other names the publisher gives.", examples=[["Example Cotton"]])
    country: str | None = Field(description="ISO alpha-2.", examples=["CN"])
    entity_type: str = Field(
        description="organization, person, vessel or facility.", examples=["organization"]
    )
    address: str = Field(description="Address as published.", examples=["Urumqi, Xinjiang"])
    identifiers: list[list[str]] = Field(
        description="(scheme, value) pairs.", examples=[[["uscc", "91650100"]]]
    )
    listed_on: str | None = Field(description="Date the listing took effect.", examples=["2023-06-09"])
    action: str = Field(description="List-specific action.", examples=["UFLPA entity"])
    status: str = Field(description="active or historical.", examples=["active"])
    legal_basis: str = Field(description="Instrument the listing rests on.", examples=["Public Law 117-78"])
    sectors: str = Field(description="Industry or merchandise as published.", examples=["cotton"])
    related: str = Field(description="Related parties named but not listed.", examples=[""])
    source_row: int = Field(description="1-based data row in the snapshot file.", examples=[12])
    source_url: str = Field(description="Page the record was taken from.", examples=["https://www.dhs.gov/"])
    notes: str = Field(description="Notes.", examples=[""])
    record_sha256: str = Field(
        description="Hash of this record; dispositions lapse when it changes.", examples=["4f2a" + "0" * 60]
    )


class EntityPage(PageInfo):
    """A page of list entities."""

    items: list[EntityPublic] = Field(description="Entities on this page.", examples=[[]])
