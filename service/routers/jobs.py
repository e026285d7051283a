"""Batch jobs: upload a CSV/XLSX file, poll progress, page through and download results."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, File, Query, Response, UploadFile, status
from sqlalchemy import func
from sqlmodel import col, select

from service import crud
from service.auth import ReadKey, ScreenKey
from service.deps import EngineDep, RuntimeDep, SessionDep
from service.errors import Conflict, InvalidInput, NotFound, PayloadTooLarge
from service.exports import MEDIA_TYPES, export_rows
from service.jobs import job_file, remove_job_files
from service.models import Job, JobRow, as_utc, new_id
from service.routers.paging import Offset
from service.routers.responses import AUTHED, errors
from service.schemas.jobs import JobPage, JobPublic, JobRowPage, JobRowPublic
from service.uploads import detect_format, iter_rows
from service.web.reports import content_disposition

router = APIRouter(prefix="/v1", tags=["jobs"], responses=errors(*AUTHED))

Limit = Annotated[int, Query(ge=1, le=1000, description="Page size.", examples=[100])]
_CHUNK = 1024 * 1024  # bytes copied per read while storing an upload


def job_public(job: Job) -> JobPublic:
    """Return the public view of a job."""
    progress = (
        job.processed_rows / job.total_rows if job.total_rows else (1.0 if job.status == "done" else 0.0)
    )
    return JobPublic(
        id=job.id,
        filename=job.filename,
        file_format=job.file_format,
        status=job.status,
        total_rows=job.total_rows,
        processed_rows=job.processed_rows,
        error_rows=job.error_rows,
        progress=round(min(progress, 1.0), 4),
        snapshot_id=job.snapshot_id,
        model_version=job.model_version,
        error=job.error,
        created_at=as_utc(job.created_at),
        updated_at=as_utc(job.updated_at),
        finished_at=as_utc(job.finished_at) if job.finished_at else None,
    )


def _owned_job(session: SessionDep, tenant_id: str, job_id: str) -> Job:
    job = crud.get_owned(session, Job, tenant_id=tenant_id, object_id=job_id)
    if job is None:
        raise NotFound("No job with this id.")
    return job


@router.post(
    "/jobs",
    summary="Upload a file as a batch job",
    status_code=status.HTTP_202_ACCEPTED,
    responses=errors(400, 415),
)
def create_job(
    file: Annotated[
        UploadFile, File(description="Supplier file: CSV (any common delimiter) or XLSX, header row first.")
    ],
    who: ScreenKey,
    runtime: RuntimeDep,
    session: SessionDep,
    engine: EngineDep,
    top_k: Annotated[int, Query(ge=1, le=20, description="Candidates per record.", examples=[3])] = 3,
) -> JobPublic:
    """Store the file, queue a job and return its id; poll GET /v1/jobs/{job_id} for progress."""
    job_id = new_id()
    folder = runtime.settings.jobs_dir / job_id
    folder.mkdir(parents=True, exist_ok=True)
    staging = folder / "upload.part"
    size = 0
    with staging.open("wb") as out:
        while block := file.file.read(_CHUNK):
            size += len(block)
            if size > runtime.settings.max_upload_bytes:
                remove_job_files(runtime, job_id)
                raise PayloadTooLarge(f"The upload is larger than {runtime.settings.max_upload_bytes} bytes.")
            out.write(block)
    with staging.open("rb") as head:
        file_format = detect_format(file.filename or "", head.read(8))
    filename = (file.filename or f"upload.{file_format}")[-300:]
    job = Job(
        id=job_id,
        tenant_id=who.tenant_id,
        key_id=who.key_id,
        filename=filename,
        file_format=file_format,
        status="queued",
        top_k=top_k,
        snapshot_id=engine.snapshot_id,
        model_version=engine.model_version,
    )
    staging.rename(job_file(runtime, job))
    try:
        total = sum(1 for _ in iter_rows(job_file(runtime, job), file_format))
    except InvalidInput:
        remove_job_files(runtime, job_id)
        raise
    if total > runtime.settings.max_job_rows:
        remove_job_files(runtime, job_id)
        raise InvalidInput(f"The file has {total} rows; a job may hold {runtime.settings.max_job_rows}.")
    job.total_rows = total
    session.add(job)
    crud.add_audit(
        session,
        tenant_id=who.tenant_id,
        key_id=who.key_id,
        action="job.create",
        object_type="job",
        object_id=job.id,
        detail=f"{filename} ({total} rows)",
    )
    session.commit()
    session.refresh(job)
    if runtime.jobs is not None:
        runtime.jobs.wake()
    return job_public(job)


@router.get("/jobs", summary="List batch jobs")
def list_jobs(who: ReadKey, session: SessionDep, limit: Limit = 100, offset: Offset = 0) -> JobPage:
    """List the tenant's jobs, newest first."""
    query = select(Job).where(Job.tenant_id == who.tenant_id)
    order = (col(Job.created_at).desc(), col(Job.id))
    rows, total = crud.fetch_page(session, query, *order, limit=limit, offset=offset)
    return JobPage(items=[job_public(j) for j in rows], total=total, limit=limit, offset=offset)


@router.get("/jobs/{job_id}", summary="Get a job's progress", responses=errors(404))
def get_job(job_id: str, who: ReadKey, session: SessionDep) -> JobPublic:
    """Return a job's status and progress."""
    return job_public(_owned_job(session, who.tenant_id, job_id))


def _rows(session: SessionDep, job: Job, limit: int | None, offset: int) -> list[JobRowPublic]:
    query = select(JobRow).where(JobRow.tenant_id == job.tenant_id, JobRow.job_id == job.id)
    query = query.order_by(col(JobRow.row)).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return [JobRowPublic.model_validate_json(r.summary_json) for r in session.exec(query).all()]


@router.get("/jobs/{job_id}/results", summary="Page through a job's results", responses=errors(404))
def list_job_results(
    job_id: str, who: ReadKey, session: SessionDep, limit: Limit = 100, offset: Offset = 0
) -> JobRowPage:
    """Return a page of results in input order (available while the job runs)."""
    job = _owned_job(session, who.tenant_id, job_id)
    total = session.exec(
        select(func.count()).where(JobRow.tenant_id == job.tenant_id, JobRow.job_id == job.id)
    ).one()
    return JobRowPage(items=_rows(session, job, limit, offset), total=int(total), limit=limit, offset=offset)


@router.get(
    "/jobs/{job_id}/download",
    summary="Download a finished job's results",
    response_class=Response,
    responses={
        200: {
            "description": "All rows, in input order.",
            "content": {media: {"schema": {"type": "string"}} for media in MEDIA_TYPES.values()},
        },
        **errors(404, 409),
    },
)
def download_job(
    job_id: str,
    who: ReadKey,
    session: SessionDep,
    file_format: Annotated[
        Literal["csv", "xlsx", "json"], Query(alias="format", description="File format.", examples=["csv"])
    ] = "csv",
) -> Response:
    """Return every result row as CSV, XLSX or JSON once the job is done."""
    job = _owned_job(session, who.tenant_id, job_id)
    if job.status != "done":
        raise Conflict(f"The job is {job.status}; results can be downloaded when it is done.")
    body = export_rows(_rows(session, job, None, 0), file_format)
    stem = job.filename.rsplit(".", 1)[0] or "results"
    safe_stem = "".join(c if c.isalnum() or c in "-_" else "_" for c in stem)[:100]
    headers = {"Content-Disposition": content_disposition(f"{safe_stem}-results.{file_format}")}
    return Response(content=body, media_type=MEDIA_TYPES[file_format], headers=headers)
