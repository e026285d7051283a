"""The screening-results document a report is rendered from, validated at the boundary.

The shape is what ``flscreen screen --format json`` writes: ``metadata`` (stamps, sources with
coverage), ``results`` (one object per input row, with findings, evidence and matches) and
``summary``. Unknown keys are ignored so that newer result files still render; missing optional
keys take empty defaults. A malformed file raises ReportInputError with one readable line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from scoring.reports.errors import ReportInputError

Tier = Literal["none", "low", "medium", "high", "severe", ""]  # "" = the row could not be screened


class _In(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    @model_validator(mode="before")
    @classmethod
    def _null_is_default(cls, data: Any) -> Any:
        """Treat null like an absent key, so optional text fields written as null still validate."""
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if v is not None or k not in cls.model_fields}
        return data


class Contribution(_In):
    """One match feature's share of the match model's log-odds."""

    name: str
    value: float = 0.0
    contribution: float = 0.0
    description: str = ""


class Match(_In):
    """One candidate list entity the supplier was compared with."""

    entity_id: str = ""
    list: str = ""
    list_title: str = ""
    list_version: str = ""
    name: str = ""
    matched_name: str = ""
    score: float = 0.0
    is_match: bool = False
    status: str = ""
    listed_on: str = ""
    legal_basis: str = ""
    source_row: int | None = None
    source_url: str = ""
    intercept: float | None = None
    contributions: tuple[Contribution, ...] = ()


class Evidence(_In):
    """Where a finding comes from: source, version, record, row and URL."""

    source_id: str = ""
    source_version: str = ""
    record: str = ""
    detail: str = ""
    source_row: int | None = None
    url: str = ""


class Finding(_In):
    """One reason for risk with its points and its framework mapping."""

    type: str = ""
    code: str
    points: float | None = None  # None when the results file did not record points (CSV results)
    sentence: str = ""
    evidence: tuple[Evidence, ...] = ()
    ungp: tuple[int, ...] = ()
    p28: tuple[str, ...] = ()
    laws: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    ilo_indicators: tuple[str, ...] = ()


class SupplierInput(_In):
    """The validated input record, as echoed in the results."""

    name: str = ""
    supplier_id: str = ""
    country: str | None = None
    country_raw: str = ""
    address: str = ""
    product: str = ""
    hs_code: str = ""
    value: float | None = None
    currency: str = ""
    is_intermediary: bool | None = None


class ResultRow(_In):
    """One input row's screening result (or the error that kept it from being screened)."""

    row: int
    supplier_id: str = ""
    name: str = ""
    risk_score: float | None = Field(default=None, ge=0, le=100)
    risk_tier: Tier = ""
    country: str = ""
    error: str = ""
    warnings: str = ""
    exposure_value: float | None = None
    total_points: float | None = None
    input: SupplierInput = SupplierInput()
    matches: tuple[Match, ...] = ()
    findings: tuple[Finding, ...] = ()


class Source(_In):
    """Provenance and coverage of one reference source used by the screening."""

    id: str
    title: str = ""
    publisher: str = ""
    kind: str = ""
    version: str = ""
    data_date: str = ""
    rows: int | None = None
    complete: bool = False  # unknown completeness is treated as partial: a non-match is no clearance
    coverage_note: str = ""
    legal_basis: str = ""
    official_url: str = ""
    licence: str = ""


class Metadata(_In):
    """Run stamps recorded when the screening ran (the report's only clock)."""

    tool: str = "flscreen"
    generated_at: str = ""
    input: str = ""
    snapshot_id: str = Field(min_length=1)
    model_version: str = Field(min_length=1)
    sources: tuple[Source, ...] = ()
    notice: str = ""


class ResultsDocument(_In):
    """A whole screening: metadata, one result per input row, and the run summary."""

    metadata: Metadata
    results: tuple[ResultRow, ...]
    summary: dict[str, Any] = Field(default_factory=dict)


def _first_error(exc: ValidationError) -> str:
    """Describe the first validation problem as 'results[3].risk_score: message'."""
    err = exc.errors()[0]
    where = ""
    for part in err["loc"]:
        where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
    return f"{where or 'document'}: {err['msg']}"


def parse_results(data: Any) -> ResultsDocument:
    """Validate parsed JSON as a results document; ReportInputError names the first bad field."""
    if not isinstance(data, dict) or "results" not in data or "metadata" not in data:
        raise ReportInputError("not a screening-results document (expected 'metadata' and 'results' keys)")
    try:
        return ResultsDocument.model_validate(data)
    except ValidationError as exc:
        raise ReportInputError(f"malformed results document: {_first_error(exc)}") from None


def load_results(path: Path) -> ResultsDocument:
    """Read a results file written by `flscreen screen` (JSON, or CSV with fewer details)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReportInputError(f"cannot read {path}: {exc.strerror or exc}") from None
    if path.suffix.lower() == ".csv":
        from scoring.reports.csv_results import parse_csv_results

        return parse_csv_results(raw, path.name)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReportInputError(f"{path.name} is not a JSON results file ({exc})") from None
    return parse_results(data)
