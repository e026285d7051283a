"""Report tasks: render a job's report in the background, poll its state, download the file.

The synchronous GET /v1/jobs/{job_id}/report.{format} holds a server worker (and the client's
connection) for as long as the render takes, tens of seconds for a large PDF. Here the request
answers 202 at once and the report worker (service.report_tasks) renders the same bytes.
"""

from __future__ import annotations

from fastapi import APIRouter, Response, status
from fastapi.responses import FileResponse

from scoring.reports import MEDIA_TYPES
from service import crud
from service.auth import ReadKey
from service.deps import RuntimeDep, SessionDep
from service.errors import Conflict, NotFound, RateLimited
from service.models import ReportTask, as_utc
from service.report_tasks import ReportLimits, active_tasks, report_file
from service.routers.responses import AUTHED, errors
from service.schemas.reports import ReportTaskCreate, ReportTaskPublic
from service.web.reports import content_disposition, done_job, report_filename

router = APIRouter(prefix="/v1", tags=["jobs"], responses=errors(*AUTHED))

_POLL_AFTER = "2"  # seconds a client should wait before asking again about an unfinished task


def _location(task: ReportTask) -> str:
    return f"/v1/reports/{task.id}"


def report_task_public(task: ReportTask) -> ReportTaskPublic:
    """Return the public view of a report task."""
    return ReportTaskPublic(
        id=task.id,
        job_id=task.job_id,
        format=task.file_format,
        min_tier=task.min_tier,
        sections=task.sections,
        status=task.status,
        error=task.error,
        filename=task.filename,
        size_bytes=task.size_bytes,
        created_at=as_utc(task.created_at),
        started_at=as_utc(task.started_at) if task.started_at else None,
        finished_at=as_utc(task.finished_at) if task.finished_at else None,
        expires_at=as_utc(task.expires_at) if task.expires_at else None,
        file_url=f"{_location(task)}/file" if task.status == "done" else None,
    )


def _owned_task(session: SessionDep, tenant_id: str, task_id: str) -> ReportTask:
    task = crud.get_owned(session, ReportTask, tenant_id=tenant_id, object_id=task_id)
    if task is None:
        raise NotFound("No report task with this id.")
    return task


@router.post(
    "/jobs/{job_id}/reports",
    summary="Render a finished job's risk report in the background",
    status_code=status.HTTP_202_ACCEPTED,
    responses={
        202: {
            "description": "Queued; poll the Location until the task is done.",
            "headers": {
                "Location": {"description": "The task: /v1/reports/{task_id}.", "schema": {"type": "string"}}
            },
        },
        **errors(404, 409),
    },
)
def create_report_task(
    job_id: str,
    body: ReportTaskCreate,
    who: ReadKey,
    session: SessionDep,
    runtime: RuntimeDep,
    response: Response,
) -> ReportTaskPublic:
    """Queue a render of the report GET /v1/jobs/{job_id}/report.{format} would return; poll the
    Location (GET /v1/reports/{task_id}) and download from its `file_url` when done."""
    job = done_job(session, who.tenant_id, job_id)
    limits = runtime.reports.limits if runtime.reports is not None else ReportLimits()
    if active_tasks(session, who.tenant_id) >= limits.max_active_per_tenant:
        raise RateLimited(
            f"This tenant already has {limits.max_active_per_tenant} report "
            f"{'task' if limits.max_active_per_tenant == 1 else 'tasks'} queued or running (the limit); "
            "retry when one has finished.",
            headers={"Retry-After": "10"},
        )
    task = ReportTask(
        tenant_id=who.tenant_id,
        key_id=who.key_id,
        job_id=job.id,
        file_format=body.format,
        min_tier=body.min_tier,
        sections=body.sections,
        filename=report_filename(job, body.format),
        status="queued",
    )
    session.add(task)
    crud.add_audit(
        session,
        tenant_id=who.tenant_id,
        key_id=who.key_id,
        action="report.create",
        object_type="report",
        object_id=task.id,
        detail=f"job {job.id}: {body.format}, min_tier {body.min_tier}, {body.sections} sections",
    )
    session.commit()
    session.refresh(task)
    if runtime.reports is not None:
        runtime.reports.wake()
    response.headers["Location"] = _location(task)
    response.headers["Retry-After"] = _POLL_AFTER
    return report_task_public(task)


@router.get("/reports/{task_id}", summary="Get a report task's state", responses=errors(404))
def get_report_task(task_id: str, who: ReadKey, session: SessionDep, response: Response) -> ReportTaskPublic:
    """Return the task's status; while it is queued or running, Retry-After says when to ask again."""
    task = _owned_task(session, who.tenant_id, task_id)
    if task.status in ("queued", "running"):
        response.headers["Retry-After"] = _POLL_AFTER
    return report_task_public(task)


@router.get(
    "/reports/{task_id}/file",
    summary="Download a rendered report",
    response_class=Response,
    responses={
        200: {
            "description": "The report, byte for byte what GET /v1/jobs/{job_id}/report.{format} returns.",
            "content": {media: {"schema": {"type": "string"}} for media in MEDIA_TYPES.values()},
        },
        **errors(404, 409),
    },
)
def download_report_task(task_id: str, who: ReadKey, session: SessionDep, runtime: RuntimeDep) -> Response:
    """Return the rendered file once the task is done; 409 (with the task's state) before or after."""
    task = _owned_task(session, who.tenant_id, task_id)
    if task.status in ("queued", "running"):
        raise Conflict(
            f"The report is {task.status}; download it when GET /v1/reports/{task.id} says done.",
            headers={"Retry-After": _POLL_AFTER},
        )
    if task.status == "failed":
        raise Conflict(f"The report failed: {task.error}")
    path = report_file(runtime, task)
    if task.status == "expired" or not path.is_file():
        raise Conflict("The report file is no longer kept; ask for the report again.")
    return FileResponse(
        path,
        media_type=MEDIA_TYPES[task.file_format],
        headers={"Content-Disposition": content_disposition(task.filename)},
    )
