"""Screening results as the API returns them: risk, findings with evidence, explained matches."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from service.schemas.common import PageInfo
from service.schemas.records import SupplierIn

_SNAPSHOT = Field(description="Reference snapshot the result was computed on.", examples=["3f9a1c2b7d4e"])
_MODEL = Field(description="Match-model and risk-model versions used.", examples=["match-v1+risk-v1"])


class SupplierEcho(BaseModel):
    """The screened record as the service understood it."""

    supplier_id: str = Field(description="The buyer's own supplier id.", examples=["V-100234"])
    name: str = Field(description="Supplier name as sent.", examples=["Xinjiang Example Cotton Co., Ltd."])
    country: str | None = Field(
        description="Resolved ISO 3166-1 alpha-2 code (null if unresolved).", examples=["CN"]
    )
    country_raw: str = Field(description="Country as sent.", examples=["China"])
    address: str = Field(description="Address as sent.", examples=["88 Example Road, Urumqi"])
    product: str = Field(description="Product as sent.", examples=["cotton yarn"])
    hs_code: str = Field(description="HS code, digits only.", examples=["520511"])


class EvidencePublic(BaseModel):
    """A fact a finding rests on, with its provenance down to the source row."""

    source_id: str = Field(
        description="Source (list) id, or `input` for the caller's data.", examples=["us_dhs_uflpa"]
    )
    source_version: str = Field(
        description="Version of that source in the snapshot.", examples=["20250115000000"]
    )
    record: str = Field(
        description="The record the fact is about (entity id, rule id, good|country).",
        examples=["us_dhs_uflpa:12"],
    )
    detail: str = Field(
        description="What the record says, in plain words.", examples=["Listed on 2023-06-09."]
    )
    source_row: int = Field(
        description="1-based data row in the snapshot file (0 = not applicable).", examples=[12]
    )
    url: str = Field(
        description="Page the record comes from.", examples=["https://www.dhs.gov/uflpa-entity-list"]
    )


class FindingPublic(BaseModel):
    """One reason for risk: points, a sentence, evidence, and the frameworks it maps to."""

    type: str = Field(
        description="entity_list, cbp_rule, region, goods, country, attribute or identifier.",
        examples=["entity_list"],
    )
    code: str = Field(description="Stable machine id of the finding.", examples=["entity_list.us_dhs_uflpa"])
    points: float = Field(description="Points this finding adds to the risk score.", examples=[60.0])
    sentence: str = Field(
        description="One plain-language sentence.",
        examples=["The supplier matches an entity on the UFLPA Entity List."],
    )
    evidence: list[EvidencePublic] = Field(description="Facts the finding rests on.", examples=[[]])
    ungp: list[int] = Field(
        description="UN Guiding Principles the finding bears on.", examples=[[13, 17, 19]]
    )
    p28: list[str] = Field(description="Paragraph-28 commitment ids.", examples=[["P28-ACCOUNT"]])
    laws: list[str] = Field(
        description="Law or instrument ids from the frameworks catalogue.", examples=[["us_uflpa"]]
    )
    actions: list[str] = Field(
        description="Recommended due-diligence actions, in order.",
        examples=[["Suspend new orders pending enhanced due diligence."]],
    )
    ilo_indicators: list[str] = Field(description="ILO forced-labour indicators involved.", examples=[[]])


class RiskPublic(BaseModel):
    """The additive risk score and its exact decomposition into findings."""

    score: float = Field(description="Risk score, 0 to 100.", examples=[87.5])
    tier: str = Field(description="none, low, medium, high or severe.", examples=["severe"])
    total_points: float = Field(description="Sum of the findings' points.", examples=[95.0])
    exposure_value: float | None = Field(
        description="Spend weighted by risk, when a value was given.", examples=[None]
    )
    findings: list[FindingPublic] = Field(description="Why the record carries risk.", examples=[[]])


class ContributionPublic(BaseModel):
    """One match feature's value and its share of the match model's log-odds."""

    name: str = Field(description="Feature name.", examples=["name_token_set"])
    value: float = Field(description="Feature value.", examples=[0.92])
    contribution: float = Field(
        description="Contribution to the log-odds (coefficient x scaled value).", examples=[2.1]
    )
    description: str = Field(
        description="What the feature measures.", examples=["How many name words agree."]
    )
    query_value: str = Field(
        description="The part of the query the feature looked at.", examples=["example cotton"]
    )
    candidate_value: str = Field(
        description="The part of the candidate it looked at.", examples=["example cotton"]
    )


class MatchPublic(BaseModel):
    """A list entity the record was compared with, and why it scored as it did."""

    entity_id: str = Field(description="List entity id.", examples=["us_dhs_uflpa:12"])
    source_id: str = Field(description="List the entity is on.", examples=["us_dhs_uflpa"])
    entity_name: str = Field(
        description="Entity's primary name.", examples=["Xinjiang Example Cotton Co., Ltd."]
    )
    matched_name: str = Field(description="The entity name that scored best.", examples=["Example Cotton"])
    score: float = Field(description="Match probability, 0 to 1.", examples=[0.97])
    is_match: bool = Field(description="Score at or above the shipped threshold.", examples=[True])
    suppressed: bool = Field(
        description="A reviewer marked this entity a false positive for this supplier (and the entity's "
        "record has not changed since); it adds no risk.",
        examples=[False],
    )
    entity_country: str | None = Field(description="Entity country, ISO alpha-2.", examples=["CN"])
    listed_on: str | None = Field(description="Date the listing took effect.", examples=["2023-06-09"])
    action: str = Field(description="List-specific action.", examples=["UFLPA entity"])
    legal_basis: str = Field(description="Instrument the listing rests on.", examples=["Public Law 117-78"])
    source_url: str = Field(description="Page the entity was taken from.", examples=["https://www.dhs.gov/"])
    intercept: float = Field(description="Match model intercept (log-odds).", examples=[-4.2])
    contributions: list[ContributionPublic] = Field(description="Per-feature explanation.", examples=[[]])
    names_matched: int = Field(
        default=0,
        ge=0,
        description="How many of the entity's names score at or above the threshold for this record; of "
        "two matches with equal scores, the one with more ranks first. 0 in results stored before this "
        "field existed.",
        examples=[2],
    )


class CoverageNote(BaseModel):
    """A partial source: a non-match against it is not a clearance."""

    source_id: str = Field(description="Source id.", examples=["br_mte_cadastro"])
    note: str = Field(description="What the bundled copy is missing.", examples=["Only the 2024 edition."])


class ScreeningPublic(BaseModel):
    """A stored screening result, stamped with the snapshot and model it used."""

    id: str = Field(description="Screening id.", examples=["9b2d5f0c1e7a4b3c8d6e2f1a0b9c8d7e"])
    supplier_ref: str = Field(
        description="Id of the supplier record (see /v1/suppliers).",
        examples=["4c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f"],
    )
    job_id: str | None = Field(description="Batch job the screening came from, if any.", examples=[None])
    created_at: datetime = Field(description="When it was screened (UTC).", examples=["2026-01-05T10:00:00Z"])
    snapshot_id: str = _SNAPSHOT
    model_version: str = _MODEL
    supplier: SupplierEcho = Field(description="The record as screened.")
    risk: RiskPublic = Field(description="Risk score and findings.")
    matches: list[MatchPublic] = Field(description="Top candidates, best first.", examples=[[]])
    warnings: list[str] = Field(
        description="Problems with the input that did not stop screening.",
        examples=[["country 'Atlantis' could not be resolved"]],
    )
    coverage_notes: list[CoverageNote] = Field(description="Partial sources in the snapshot.", examples=[[]])


class ScreeningSummary(BaseModel):
    """One row of the screening list."""

    id: str = Field(description="Screening id.", examples=["9b2d5f0c1e7a4b3c8d6e2f1a0b9c8d7e"])
    supplier_ref: str = Field(
        description="Supplier record id.", examples=["4c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f"]
    )
    supplier_id: str = Field(description="The buyer's supplier id.", examples=["V-100234"])
    name: str = Field(description="Supplier name.", examples=["Xinjiang Example Cotton Co., Ltd."])
    country: str | None = Field(description="Resolved country.", examples=["CN"])
    tier: str = Field(description="Risk tier.", examples=["severe"])
    score: float = Field(description="Risk score, 0 to 100.", examples=[87.5])
    lists: list[str] = Field(description="Lists with an unsuppressed match.", examples=[["us_dhs_uflpa"]])
    job_id: str | None = Field(description="Batch job, if any.", examples=[None])
    created_at: datetime = Field(description="When it was screened (UTC).", examples=["2026-01-05T10:00:00Z"])
    snapshot_id: str = _SNAPSHOT
    model_version: str = _MODEL


class ScreeningPage(PageInfo):
    """A page of stored screenings, newest first."""

    items: list[ScreeningSummary] = Field(description="Screenings on this page.", examples=[[]])


class BatchRequest(BaseModel):
    """Records keyed by the caller's own ids; the answer uses the same keys."""

    queries: dict[str, SupplierIn] = Field(
        min_length=1,
        description="Records to screen, keyed by the caller's ids (at most FLSCREEN_MAX_BATCH).",
        examples=[{"row-1": {"name": "Xinjiang Example Cotton Co., Ltd.", "country": "CN"}}],
    )


class BatchResponse(BaseModel):
    """Results under the caller's keys."""

    responses: dict[str, ScreeningPublic] = Field(description="One result per query key.", examples=[{}])
    snapshot_id: str = _SNAPSHOT
    model_version: str = _MODEL
