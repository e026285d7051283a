"""GET /v1/jobs/{job_id}/report.{pdf,html,xlsx}: a finished job's auditor report."""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query, Response
from sqlmodel import Session

from scoring.reports import MEDIA_TYPES, ReportError, ReportOptions, render_report
from service import crud
from service.auth import ReadKey
from service.deps import RuntimeDep, SessionDep
from service.errors import Conflict, InvalidInput, NotFound, NotReady
from service.models import Job
from service.routers.responses import AUTHED, errors
from service.web.job_document import job_results_document

router = APIRouter(prefix="/v1", tags=["jobs"], responses=errors(*AUTHED))

ReportFormat = Literal["pdf", "html", "xlsx"]
MinTier = Annotated[
    Literal["low", "medium", "high", "severe"],
    Query(description="Lowest risk tier that gets a supplier section.", examples=["medium"]),
]
Sections = Annotated[
    int,
    Query(ge=0, le=5000, description="Suppliers with a full section, highest score first.", examples=[100]),
]


def done_job(session: Session, tenant_id: str, job_id: str) -> Job:
    """Return the tenant's job if it is done: 404 for an unknown (or another tenant's) job, else 409."""
    job = crud.get_owned(session, Job, tenant_id=tenant_id, object_id=job_id)
    if job is None:
        raise NotFound("No job with this id.")
    if job.status != "done":
        raise Conflict(f"The job is {job.status}; its report can be rendered when it is done.")
    return job


def report_filename(job: Job, fmt: str) -> str:
    """Return the download name of a job's report: the upload's stem, made safe, plus -report.FMT."""
    stem = "".join(c if c.isalnum() or c in "-_" else "_" for c in job.filename.rsplit(".", 1)[0])[:100]
    return f"{stem or 'job'}-report.{fmt}"


def content_disposition(filename: str) -> str:
    """Return an attachment header for a file name; non-ASCII names go in filename* (RFC 6266)."""
    fallback = "".join(c if c.isascii() else "_" for c in filename)
    if fallback == filename:
        return f'attachment; filename="{filename}"'
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def report_response(body: bytes, fmt: str, filename: str) -> Response:
    """Return report bytes as a download with the format's media type."""
    headers = {"Content-Disposition": content_disposition(filename)}
    return Response(content=body, media_type=MEDIA_TYPES[fmt], headers=headers)


def job_report(
    session: Session, runtime: RuntimeDep, tenant_id: str, job_id: str, fmt: str, options: ReportOptions
) -> Response:
    """Render a finished job's report as a download (shared by the API and the web page)."""
    job = done_job(session, tenant_id, job_id)
    document = job_results_document(session, job, runtime.engine)
    try:
        body = render_report(document, fmt, options)
    except ReportError as exc:
        raise (NotReady if fmt == "pdf" else InvalidInput)(str(exc)) from None
    return report_response(body, fmt, report_filename(job, fmt))


@router.get(
    "/jobs/{job_id}/report.{file_format}",
    summary="Download a finished job's risk report",
    response_class=Response,
    responses={
        200: {
            "description": "The report: PDF or HTML for reading, XLSX with one sheet per view.",
            "content": {media: {"schema": {"type": "string"}} for media in MEDIA_TYPES.values()},
        },
        **errors(400, 404, 409),
    },
)
def download_report(
    job_id: str,
    file_format: ReportFormat,
    who: ReadKey,
    session: SessionDep,
    runtime: RuntimeDep,
    min_tier: MinTier = "medium",
    sections: Sections = 100,
) -> Response:
    """Render the job's auditor report; every page carries the snapshot id and model version."""
    options = ReportOptions(min_tier=min_tier, max_sections=sections)
    return job_report(session, runtime, who.tenant_id, job_id, file_format, options)
