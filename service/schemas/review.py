"""Suppliers, reviewers' dispositions and the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from service.schemas.common import PageInfo

_SUPPLIER_REF = Field(description="Supplier record id.", examples=["4c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f"])


class SupplierPublic(BaseModel):
    """A supplier the tenant has screened, with its latest result."""

    id: str = _SUPPLIER_REF
    supplier_id: str = Field(
        description="The buyer's supplier id (empty when none was sent).", examples=["V-100234"]
    )
    name: str = Field(description="Latest name screened.", examples=["Xinjiang Example Cotton Co., Ltd."])
    country: str | None = Field(description="Latest resolved country.", examples=["CN"])
    last_screening_id: str = Field(
        description="Latest screening.", examples=["9b2d5f0c1e7a4b3c8d6e2f1a0b9c8d7e"]
    )
    last_tier: str = Field(description="Risk tier of the latest screening.", examples=["severe"])
    last_score: float = Field(description="Risk score of the latest screening.", examples=[87.5])
    screenings_count: int = Field(description="How often it was screened.", examples=[3])
    first_screened_at: datetime = Field(
        description="First screening (UTC).", examples=["2026-01-05T10:00:00Z"]
    )
    last_screened_at: datetime = Field(
        description="Latest screening (UTC).", examples=["2026-02-05T10:00:00Z"]
    )


class SupplierPage(PageInfo):
    """A page of suppliers, most recently screened first."""

    items: list[SupplierPublic] = Field(description="Suppliers on this page.", examples=[[]])


class DispositionIn(BaseModel):
    """A reviewer's decision on one match of a screening."""

    model_config = ConfigDict(extra="forbid")

    entity_id: str = Field(
        min_length=1, max_length=300, description="The matched list entity.", examples=["us_dhs_uflpa:12"]
    )
    status: Literal["confirmed", "false_positive"] = Field(
        description="confirmed: the supplier is this entity; false_positive: it is not (suppressed in later "
        "screenings of this supplier until the entity's reference record changes).",
        examples=["false_positive"],
    )
    note: str = Field(
        default="",
        max_length=4000,
        description="Why; shown in the audit trail.",
        examples=["Different legal entity: registry number differs."],
    )


class DispositionPublic(BaseModel):
    """A stored disposition."""

    id: str = Field(description="Disposition id.", examples=["0a1b2c3d4e5f60718293a4b5c6d7e8f9"])
    supplier_ref: str = _SUPPLIER_REF
    screening_id: str = Field(
        description="Screening it was made on.", examples=["9b2d5f0c1e7a4b3c8d6e2f1a0b9c8d7e"]
    )
    entity_id: str = Field(description="The list entity.", examples=["us_dhs_uflpa:12"])
    entity_sha256: str = Field(
        description="Hash of the entity record it was made on; a change ends it.",
        examples=["4f2a" + "0" * 60],
    )
    status: str = Field(description="confirmed or false_positive.", examples=["false_positive"])
    note: str = Field(description="Reviewer's note.", examples=["Different legal entity."])
    key_id: str = Field(description="API key that recorded it.", examples=["a1b2c3d4e5f60718"])
    created_at: datetime = Field(description="When (UTC).", examples=["2026-01-06T09:00:00Z"])
    active: bool = Field(
        description="Latest for this supplier and entity, and made on the entity's current record.",
        examples=[True],
    )


class DispositionPage(PageInfo):
    """A page of dispositions, newest first."""

    items: list[DispositionPublic] = Field(description="Dispositions on this page.", examples=[[]])


class SupplierDetail(SupplierPublic):
    """A supplier with its dispositions."""

    dispositions: list[DispositionPublic] = Field(
        description="Reviewers' decisions, newest first.", examples=[[]]
    )


class AuditEventPublic(BaseModel):
    """One entry of the append-only audit log."""

    id: int = Field(description="Sequence number.", examples=[17])
    key_id: str = Field(
        description="API key that acted (`cli` for command-line key management).",
        examples=["a1b2c3d4e5f60718"],
    )
    action: str = Field(description="What was done.", examples=["disposition.create"])
    object_type: str = Field(description="Kind of object acted on.", examples=["disposition"])
    object_id: str = Field(description="Object id(s).", examples=["0a1b2c3d4e5f60718293a4b5c6d7e8f9"])
    detail: str = Field(description="Extra context.", examples=["false_positive us_dhs_uflpa:12"])
    request_id: str = Field(description="Request id in the server log.", examples=["5f0c2a9e1b7d4c3a"])
    created_at: datetime = Field(description="When (UTC).", examples=["2026-01-06T09:00:00Z"])


class AuditPage(PageInfo):
    """A page of audit events, newest first."""

    items: list[AuditEventPublic] = Field(description="Events on this page.", examples=[[]])
