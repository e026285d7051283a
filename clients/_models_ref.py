"""Client-side models of the REST API's JSON (openapi/openapi.json): reference data, model, frameworks.

Checked against the committed OpenAPI document by tests/clients/test_client_contract.py, like
clients._models. Response models ignore fields they do not know.
"""

from __future__ import annotations

from typing import Any

from clients._models import _Response


class Action(_Response):
    """A recommended due-diligence action and the stage it belongs to."""

    id: str
    stage: int
    text: str


class FindingMap(_Response):
    """What a finding code maps to: UNGPs, paragraph-28 commitments, laws, actions."""

    actions: list[str]
    laws: list[str]
    p28: list[str]
    title: str
    ungp: list[int]


class Indicator(_Response):
    """One ILO indicator of forced labour."""

    id: str
    label: str


class IndicatorBlock(_Response):
    """The ILO indicators of forced labour, with their source."""

    items: list[Indicator]
    source: str
    url: str


class Law(_Response):
    """A law or instrument a finding may bear on."""

    citation: str
    id: str
    jurisdiction: str
    summary: str
    title: str
    url: str


class Commitment(_Response):
    """One paragraph-28 commitment."""

    id: str
    paragraph: str
    summary: str


class P28Block(_Response):
    """The paragraph-28 commitments of UNGA resolution 76/7, with their source."""

    commitments: list[Commitment]
    source: str
    url: str


class Sector(_Response):
    """A sector named as a UFLPA enforcement priority."""

    date: str
    id: str
    label: str
    named_in: str
    url: str


class Principle(_Response):
    """One UN Guiding Principle."""

    id: int
    pillar: str
    summary: str


class UngpBlock(_Response):
    """The UN Guiding Principles, with their source."""

    principles: list[Principle]
    source: str
    url: str


class Catalogue(_Response):
    """The whole catalogue, validated: every id a finding names is defined once."""

    actions: list[Action]
    findings: dict[str, FindingMap]
    ilo_indicators: IndicatorBlock
    laws: list[Law]
    p28: P28Block
    uflpa_sectors: list[Sector]
    ungp: UngpBlock
    updated: str
    version: str


class EntityPublic(_Response):
    """One list entity as published, with the row it was read from."""

    action: str
    address: str
    aliases: list[str]
    country: str | None
    entity_id: str
    entity_type: str
    identifiers: list[list[str]]
    legal_basis: str
    listed_on: str | None
    name: str
    notes: str
    record_sha256: str
    related: str
    sectors: str
    source_id: str
    source_row: int
    source_url: str
    status: str


class EntityPage(_Response):
    """A page of list entities."""

    items: list[EntityPublic]
    limit: int
    offset: int
    total: int


class FeaturePublic(_Response):
    """One match feature with its learned weight."""

    coefficient: float
    description: str
    mean: float
    name: str
    scale: float


class MatchModelPublic(_Response):
    """The logistic-regression match model."""

    details: dict[str, Any]
    features: list[FeaturePublic]
    intercept: float
    threshold: float
    version: str


class RiskModelPublic(_Response):
    """The additive risk model: points per finding code and how points become a score and a tier."""

    evidence_revision: int = 1
    points: dict[str, float]
    repeat_factor: float
    score_scale_k: float
    tier_cutoffs: dict[str, float]
    version: str


class ModelPublic(_Response):
    """The models stamped on every result."""

    match_model: MatchModelPublic
    risk_model: RiskModelPublic | None = None
    model_version: str


class SourcePublic(_Response):
    """One source of the loaded snapshot with its provenance and coverage."""

    complete: bool
    coverage_note: str
    data_date: str
    kind: str
    legal_basis: str
    licence: str
    official_url: str
    publisher: str
    retrieved_from: str
    row_count: int
    source_id: str
    title: str
    version: str


class ReferencePublic(_Response):
    """The loaded snapshot: id, age and sources."""

    created_at: str
    entity_count: int
    model_version: str
    snapshot_id: str
    sources: list[SourcePublic]
