"""Client-side models of the REST API's JSON (openapi/openapi.json): screening, jobs, review, audit.

Written for the client, not imported from the service, so the SDK installs without FastAPI. A
contract test (tests/clients/test_client_contract.py) compares every model here with the committed
OpenAPI document: field names, which are required, types and request constraints. Response models
ignore fields they do not know, so a newer server does not break an older client; request models
forbid unknown fields, as the server does.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Request(BaseModel):
    """Base of request bodies: unknown fields are refused, as the server refuses them."""

    model_config = ConfigDict(extra="forbid")


class _Response(BaseModel):
    """Base of response bodies: unknown (newer) fields are ignored."""

    model_config = ConfigDict(extra="ignore")


class AuditEventPublic(_Response):
    """One entry of the append-only audit log."""

    action: str
    created_at: datetime
    detail: str
    id: int
    key_id: str
    object_id: str
    object_type: str
    request_id: str


class AuditPage(_Response):
    """A page of audit events, newest first."""

    items: list[AuditEventPublic]
    limit: int
    offset: int
    total: int


class IdentifierIn(_Request):
    """A registry or tax identifier of the supplier."""

    scheme: str = Field(min_length=1, max_length=20)
    value: str = Field(min_length=1, max_length=100)


class SupplierIn(_Request):
    """One supplier or procurement line to screen; only the name is required."""

    name: str = Field(min_length=1, max_length=500)
    address: str = Field(default="", max_length=1000)
    country: str = Field(default="", max_length=100)
    currency: str = Field(default="", max_length=10)
    date: str = Field(default="", max_length=40)
    hs_code: str = Field(default="", max_length=20)
    identifiers: list[IdentifierIn] = Field(default_factory=list, max_length=20)
    identity_documents_retained: bool | None = None
    ilo_indicators: list[str] = Field(default_factory=list, max_length=11)
    is_intermediary: bool | None = None
    migrant_worker_share: float | None = Field(default=None, ge=0.0, le=1.0, allow_inf_nan=False)
    product: str = Field(default="", max_length=500)
    quantity: float | None = Field(default=None, allow_inf_nan=False)
    recruitment_fees_paid_by_workers: bool | None = None
    sector: str = Field(default="", max_length=200)
    supplier_id: str = Field(default="", max_length=200)
    value: float | None = Field(default=None, allow_inf_nan=False)


class BatchRequest(BaseModel):
    """Records keyed by the caller"s own ids; the answer uses the same keys."""

    queries: dict[str, SupplierIn]


class CoverageNote(_Response):
    """A partial source: a non-match against it is not a clearance."""

    note: str
    source_id: str


class ContributionPublic(_Response):
    """One match feature"s value and its share of the match model"s log-odds."""

    candidate_value: str
    contribution: float
    description: str
    name: str
    query_value: str
    value: float


class MatchPublic(_Response):
    """A list entity the record was compared with, and why it scored as it did."""

    action: str
    contributions: list[ContributionPublic]
    entity_country: str | None
    entity_id: str
    entity_name: str
    intercept: float
    is_match: bool
    legal_basis: str
    listed_on: str | None
    matched_name: str
    names_matched: int = Field(default=0, ge=0)  # absent from servers and stored results before it existed
    score: float
    source_id: str
    source_url: str
    suppressed: bool


class EvidencePublic(_Response):
    """A fact a finding rests on, with its provenance down to the source row."""

    detail: str
    record: str
    source_id: str
    source_row: int
    source_version: str
    url: str


class FindingPublic(_Response):
    """One reason for risk: points, a sentence, evidence, and the frameworks it maps to."""

    actions: list[str]
    code: str
    evidence: list[EvidencePublic]
    ilo_indicators: list[str]
    laws: list[str]
    p28: list[str]
    points: float
    sentence: str
    type: str
    ungp: list[int]


class RiskPublic(_Response):
    """The additive risk score and its exact decomposition into findings."""

    exposure_value: float | None
    findings: list[FindingPublic]
    score: float
    tier: str
    total_points: float


class SupplierEcho(_Response):
    """The screened record as the service understood it."""

    address: str
    country: str | None
    country_raw: str
    hs_code: str
    name: str
    product: str
    supplier_id: str


class ScreeningPublic(_Response):
    """A stored screening result, stamped with the snapshot and model it used."""

    coverage_notes: list[CoverageNote]
    created_at: datetime
    id: str
    job_id: str | None
    matches: list[MatchPublic]
    model_version: str
    risk: RiskPublic
    snapshot_id: str
    supplier: SupplierEcho
    supplier_ref: str
    warnings: list[str]


class BatchResponse(_Response):
    """Results under the caller"s keys."""

    model_version: str
    responses: dict[str, ScreeningPublic]
    snapshot_id: str


class DispositionIn(_Request):
    """A reviewer"s decision on one match of a screening."""

    entity_id: str = Field(min_length=1, max_length=300)
    note: str = Field(default="", max_length=4000)
    status: Literal["confirmed", "false_positive"]


class DispositionPublic(_Response):
    """A stored disposition."""

    active: bool
    created_at: datetime
    entity_id: str
    entity_sha256: str
    id: str
    key_id: str
    note: str
    screening_id: str
    status: str
    supplier_ref: str


class DispositionPage(_Response):
    """A page of dispositions, newest first."""

    items: list[DispositionPublic]
    limit: int
    offset: int
    total: int


class FieldError(_Response):
    """One problem with one field of the request."""

    loc: list[str]
    message: str


class ErrorResponse(_Response):
    """The shape of every error the API returns."""

    code: str
    detail: str
    errors: list[FieldError] = Field(default_factory=list)
    request_id: str
    status: int


class Health(_Response):
    """The process is alive."""

    status: str


class JobPublic(_Response):
    """A batch job and its progress."""

    created_at: datetime
    error: str
    error_rows: int
    file_format: str
    filename: str
    finished_at: datetime | None
    id: str
    model_version: str
    processed_rows: int
    progress: float
    snapshot_id: str
    status: str
    total_rows: int
    updated_at: datetime


class JobPage(_Response):
    """A page of jobs, newest first."""

    items: list[JobPublic]
    limit: int
    offset: int
    total: int


class JobRowPublic(_Response):
    """One input row"s outcome, in the columns of the CLI"s output file."""

    error: str
    match_entity_id: str
    match_list: str
    match_name: str
    match_score: float | None
    model_version: str
    name: str
    p28: str
    reasons: str
    risk_score: float | None
    risk_tier: str
    row: int
    screening_id: str | None
    snapshot_id: str
    supplier_id: str
    ungp: str


class JobRowPage(_Response):
    """A page of a job"s results, in input order."""

    items: list[JobRowPublic]
    limit: int
    offset: int
    total: int


class Readiness(_Response):
    """The service can screen: snapshot and models loaded, database reachable."""

    database: str
    model_version: str
    snapshot_id: str
    status: str


class ReportTaskCreate(_Request):
    """Which report to render: format and the same options as GET /v1/jobs/{job_id}/report.{format}."""

    format: Literal["pdf", "html", "xlsx"]
    min_tier: Literal["low", "medium", "high", "severe"] = "medium"
    sections: int = Field(default=100, ge=0, le=5000)


class ReportTaskPublic(_Response):
    """A report render and its state; download the file from GET /v1/reports/{task_id}/file when done."""

    created_at: datetime
    error: str
    expires_at: datetime | None
    file_url: str | None
    filename: str
    finished_at: datetime | None
    format: str
    id: str
    job_id: str
    min_tier: str
    sections: int
    size_bytes: int | None
    started_at: datetime | None
    status: str


class ScreeningSummary(_Response):
    """One row of the screening list."""

    country: str | None
    created_at: datetime
    id: str
    job_id: str | None
    lists: list[str]
    model_version: str
    name: str
    score: float
    snapshot_id: str
    supplier_id: str
    supplier_ref: str
    tier: str


class ScreeningPage(_Response):
    """A page of stored screenings, newest first."""

    items: list[ScreeningSummary]
    limit: int
    offset: int
    total: int


class SupplierPublic(_Response):
    """A supplier the tenant has screened, with its latest result."""

    country: str | None
    first_screened_at: datetime
    id: str
    last_score: float
    last_screened_at: datetime
    last_screening_id: str
    last_tier: str
    name: str
    screenings_count: int
    supplier_id: str


class SupplierDetail(SupplierPublic):
    """A supplier with its dispositions."""

    dispositions: list[DispositionPublic]


class SupplierPage(_Response):
    """A page of suppliers, most recently screened first."""

    items: list[SupplierPublic]
    limit: int
    offset: int
    total: int
