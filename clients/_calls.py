"""One description per API operation, shared by the sync and the async client.

A ``Call`` says what to send (method, path, query, body) and what comes back (a model, or raw
bytes). The clients only execute calls, so each endpoint is written once, not once per client.
``idempotent`` marks the calls that may be retried after an ambiguous failure: every GET. No POST
of this API is idempotent (each one stores a screening, a job, a disposition or a report task), so
POSTs are retried only when the server provably did not act on them (see clients._retry).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar
from urllib.parse import quote

from pydantic import BaseModel

from clients import _models as m
from clients import _models_ref as r

Params = dict[str, str | int | float]
DispositionStatus = Literal["confirmed", "false_positive"]
ExportFormat = Literal["csv", "xlsx", "json"]
ReportFormat = Literal["pdf", "html", "xlsx"]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Upload:
    """A file to send as multipart field ``file``: its name, its bytes (or path, read when sent)."""

    filename: str
    content: bytes | Path
    media_type: str = "application/octet-stream"


@dataclass(frozen=True, slots=True)
class Call(Generic[T]):
    """One HTTP request of the API and how its 2xx body is parsed (a model's JSON, or raw bytes)."""

    method: str
    path: str
    parse: Callable[[bytes], T]
    params: Params = field(default_factory=dict)
    json: Any = None
    upload: Upload | None = None

    @property
    def idempotent(self) -> bool:
        """Return True when repeating the call cannot change anything on the server."""
        return self.method in ("GET", "HEAD")


def _seg(value: str) -> str:
    """Quote a path segment (ids may hold ':' or '/', as list entity ids do)."""
    return quote(value, safe="")


def _params(**values: object) -> Params:
    """Drop unset query parameters and render datetimes as ISO 8601."""
    out: Params = {}
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, datetime):
            out[key] = value.isoformat()
        elif isinstance(value, str | int | float):
            out[key] = value
    return out


def _body(model: BaseModel) -> Any:
    """Return a request model as JSON-ready values."""
    return model.model_dump(mode="json")


def supplier(record: m.SupplierIn | Mapping[str, Any]) -> m.SupplierIn:
    """Validate a record given as a model or a plain mapping (raises pydantic.ValidationError)."""
    return record if isinstance(record, m.SupplierIn) else m.SupplierIn.model_validate(record)


def screen(record: m.SupplierIn, top_k: int) -> Call[m.ScreeningPublic]:
    """POST /v1/screen."""
    return Call(
        "POST", "/v1/screen", m.ScreeningPublic.model_validate_json, _params(top_k=top_k), _body(record)
    )


def screen_batch(queries: Mapping[str, m.SupplierIn], top_k: int) -> Call[m.BatchResponse]:
    """POST /v1/screen/batch."""
    body = {"queries": {key: _body(q) for key, q in queries.items()}}
    return Call("POST", "/v1/screen/batch", m.BatchResponse.model_validate_json, _params(top_k=top_k), body)


def list_screenings(filters: Mapping[str, object]) -> Call[m.ScreeningPage]:
    """GET /v1/screenings."""
    return Call("GET", "/v1/screenings", m.ScreeningPage.model_validate_json, _params(**filters))


def get_screening(screening_id: str) -> Call[m.ScreeningPublic]:
    """GET /v1/screenings/{id}."""
    return Call("GET", f"/v1/screenings/{_seg(screening_id)}", m.ScreeningPublic.model_validate_json)


def submit_job(upload: Upload, top_k: int) -> Call[m.JobPublic]:
    """POST /v1/jobs (multipart upload)."""
    return Call("POST", "/v1/jobs", m.JobPublic.model_validate_json, _params(top_k=top_k), upload=upload)


def list_jobs(limit: int, offset: int) -> Call[m.JobPage]:
    """GET /v1/jobs."""
    return Call("GET", "/v1/jobs", m.JobPage.model_validate_json, _params(limit=limit, offset=offset))


def get_job(job_id: str) -> Call[m.JobPublic]:
    """GET /v1/jobs/{id}."""
    return Call("GET", f"/v1/jobs/{_seg(job_id)}", m.JobPublic.model_validate_json)


def job_results(job_id: str, limit: int, offset: int) -> Call[m.JobRowPage]:
    """GET /v1/jobs/{id}/results."""
    params = _params(limit=limit, offset=offset)
    return Call("GET", f"/v1/jobs/{_seg(job_id)}/results", m.JobRowPage.model_validate_json, params)


def download_job(job_id: str, fmt: ExportFormat) -> Call[bytes]:
    """GET /v1/jobs/{id}/download (raw bytes)."""
    return Call("GET", f"/v1/jobs/{_seg(job_id)}/download", bytes, _params(format=fmt))


def download_report(job_id: str, fmt: ReportFormat, min_tier: str, sections: int) -> Call[bytes]:
    """GET /v1/jobs/{id}/report.{pdf|html|xlsx} (raw bytes)."""
    params = _params(min_tier=min_tier, sections=sections)
    return Call("GET", f"/v1/jobs/{_seg(job_id)}/report.{fmt}", bytes, params)


def create_report_task(job_id: str, request: m.ReportTaskCreate) -> Call[m.ReportTaskPublic]:
    """POST /v1/jobs/{id}/reports."""
    path = f"/v1/jobs/{_seg(job_id)}/reports"
    return Call("POST", path, m.ReportTaskPublic.model_validate_json, json=_body(request))


def get_report_task(task_id: str) -> Call[m.ReportTaskPublic]:
    """GET /v1/reports/{id}."""
    return Call("GET", f"/v1/reports/{_seg(task_id)}", m.ReportTaskPublic.model_validate_json)


def download_report_task(task_id: str) -> Call[bytes]:
    """GET /v1/reports/{id}/file (raw bytes)."""
    return Call("GET", f"/v1/reports/{_seg(task_id)}/file", bytes)


def list_suppliers(tier: str | None, limit: int, offset: int) -> Call[m.SupplierPage]:
    """GET /v1/suppliers."""
    return Call(
        "GET",
        "/v1/suppliers",
        m.SupplierPage.model_validate_json,
        _params(tier=tier, limit=limit, offset=offset),
    )


def get_supplier(supplier_ref: str) -> Call[m.SupplierDetail]:
    """GET /v1/suppliers/{ref}."""
    return Call("GET", f"/v1/suppliers/{_seg(supplier_ref)}", m.SupplierDetail.model_validate_json)


def create_disposition(screening_id: str, decision: m.DispositionIn) -> Call[m.DispositionPublic]:
    """POST /v1/screenings/{id}/dispositions."""
    path = f"/v1/screenings/{_seg(screening_id)}/dispositions"
    return Call("POST", path, m.DispositionPublic.model_validate_json, json=_body(decision))


def list_dispositions(
    supplier_ref: str | None, entity_id: str | None, limit: int, offset: int
) -> Call[m.DispositionPage]:
    """GET /v1/dispositions."""
    params = _params(supplier_ref=supplier_ref, entity_id=entity_id, limit=limit, offset=offset)
    return Call("GET", "/v1/dispositions", m.DispositionPage.model_validate_json, params)


def get_reference() -> Call[r.ReferencePublic]:
    """GET /v1/reference."""
    return Call("GET", "/v1/reference", r.ReferencePublic.model_validate_json)


def get_source(source_id: str) -> Call[r.SourcePublic]:
    """GET /v1/reference/sources/{id}."""
    return Call("GET", f"/v1/reference/sources/{_seg(source_id)}", r.SourcePublic.model_validate_json)


def list_entities(q: str | None, source: str | None, limit: int, offset: int) -> Call[r.EntityPage]:
    """GET /v1/reference/entities."""
    params = _params(q=q, source=source, limit=limit, offset=offset)
    return Call("GET", "/v1/reference/entities", r.EntityPage.model_validate_json, params)


def get_entity(entity_id: str) -> Call[r.EntityPublic]:
    """GET /v1/reference/entities/{id}."""
    return Call("GET", f"/v1/reference/entities/{_seg(entity_id)}", r.EntityPublic.model_validate_json)


def get_model() -> Call[r.ModelPublic]:
    """GET /v1/model."""
    return Call("GET", "/v1/model", r.ModelPublic.model_validate_json)


def get_frameworks() -> Call[r.Catalogue]:
    """GET /v1/frameworks."""
    return Call("GET", "/v1/frameworks", r.Catalogue.model_validate_json)


def list_audit(action: str | None, since: datetime | None, limit: int, offset: int) -> Call[m.AuditPage]:
    """GET /v1/audit."""
    params = _params(action=action, since=since, limit=limit, offset=offset)
    return Call("GET", "/v1/audit", m.AuditPage.model_validate_json, params)


def health() -> Call[m.Health]:
    """GET /healthz."""
    return Call("GET", "/healthz", m.Health.model_validate_json)


def ready() -> Call[m.Readiness]:
    """GET /readyz (a 503 raises ServerError with the reason)."""
    return Call("GET", "/readyz", m.Readiness.model_validate_json)
