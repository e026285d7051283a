"""The reviewers' web page: sign in with an API key, upload a file, follow the job, filter its results
by tier, record dispositions and get the reports. Server-rendered HTML; one small same-origin script.

The page calls the API's own route functions (jobs, dispositions, report tasks), so it enforces the
same scopes, tenancy, limits and audit log; it only swaps the Authorization header for the sign-in
cookie (HttpOnly, SameSite=Strict, which is what keeps its forms safe from other sites).

Reports are rendered in the background by the report worker (service.report_tasks): a form asks for
one, the task's page refreshes itself until the file is ready, then offers it. The script
(templates/reports.js) only improves this: it posts the form and follows the task on the job page.
A small job's HTML and XLSX reports are still rendered in the request (about a second); see SYNC_MAX_ROWS.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from pydantic import ValidationError
from sqlalchemy import func
from sqlmodel import Session, col, select

from scoring.reports import ReportOptions
from service import crud
from service.auth import Principal, authenticate
from service.deps import RuntimeDep, SessionDep, get_engine
from service.errors import ServiceError
from service.models import Job, JobRow, ReportTask, Screening
from service.routers import jobs as jobs_api
from service.routers import report_tasks as report_tasks_api
from service.routers import review as review_api
from service.schemas.jobs import JobRowPublic
from service.schemas.reports import ReportTaskCreate
from service.schemas.review import DispositionIn
from service.web.auth import clear_key_cookie, principal_from_cookie, set_key_cookie
from service.web.report_view import job_tasks, task_view
from service.web.reports import job_report

_Owned = TypeVar("_Owned", Job, ReportTask)

router = APIRouter(prefix="/ui", include_in_schema=False)
TEMPLATES = Path(__file__).resolve().parent / "templates"
TIERS = ("severe", "high", "medium", "low", "none")
PAGE_SIZE = 100
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
Tier = Annotated[Literal["", "severe", "high", "medium", "low", "none"], Query()]
ReportFormat = Literal["pdf", "html", "xlsx"]
# HTML and XLSX reports of jobs up to this many rows are rendered in the request: a second or two
# for 2,000 rows (docs/reports.md, Performance: 10,000 suppliers under 1 s for HTML, under 5 s for
# XLSX, plus validation), where a queue adds more waiting than it saves. A PDF always goes to the
# report worker: its cost is its page count (~140 pages, 13-23 s with the default 100 sections,
# even for a small job), and it needs the worker's child process, time limit and per-tenant cap.
SYNC_MAX_ROWS = 2000
SYNC_FORMATS = ("html", "xlsx")
POLL_SECONDS = 2  # how often a task's page refreshes itself while the task is queued or running


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined, trim_blocks=True
    )


def _page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render one page with the security headers every page carries."""
    defaults: dict[str, Any] = {
        "title": "flscreen",
        "message": "",
        "message_kind": "",
        "refresh": 0,
        "signed_in": True,
        "scripts": [],
    }
    html = _env().get_template(name).render(**{**defaults, **context})
    return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)


def _to_login() -> RedirectResponse:
    return RedirectResponse("/ui/login", status_code=303)


def _signed_in(request: Request, runtime: RuntimeDep, scope: str) -> Principal | Response:
    """Return the principal, or the response to send instead (sign-in page, or a missing scope)."""
    who = principal_from_cookie(request, runtime)
    if who is None:
        return _to_login()
    if not who.allows(scope):
        return _page(
            "login.html.j2", 403, message=f"This key lacks the '{scope}' scope.", message_kind="error"
        )
    return who


def _jobs_page(session: Session, who: Principal, status: int = 200, **context: Any) -> HTMLResponse:
    jobs = jobs_api.list_jobs(who, session, limit=100, offset=0).items
    return _page("jobs.html.j2", status, title="Batch jobs", jobs=jobs, **context)


def _wants_json(request: Request) -> bool:
    """Tell whether the page's script made the request (it asks for JSON; forms and links do not)."""
    return "application/json" in request.headers.get("accept", "")


def _json_error(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    headers = {**SECURITY_HEADERS, **(headers or {})}
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


def _signed_in_json(request: Request, runtime: RuntimeDep, scope: str) -> Principal | Response:
    """Like _signed_in, for the script's requests: a JSON 401 or 403 instead of a page."""
    who = principal_from_cookie(request, runtime)
    if who is None:
        return _json_error(401, "You are signed out; reload the page and sign in again.")
    if not who.allows(scope):
        return _json_error(403, f"This key lacks the '{scope}' scope.")
    return who


def sync_report(job: Job, file_format: str) -> bool:
    """Tell whether the page renders this report in the request rather than in the background."""
    return file_format in SYNC_FORMATS and job.total_rows <= SYNC_MAX_ROWS


@router.get("/login")
def login_form() -> HTMLResponse:
    """Show the sign-in form."""
    return _page("login.html.j2", title="Sign in", signed_in=False)


@router.post("/login")
def login(request: Request, runtime: RuntimeDep, api_key: Annotated[str, Form(max_length=500)]) -> Response:
    """Check the key like the API does and keep it in an HttpOnly, SameSite=Strict cookie."""
    try:
        authenticate(request, runtime, bearer=None, api_key=api_key.strip())
    except ServiceError as exc:
        return _page("login.html.j2", exc.status, title="Sign in", signed_in=False, message=exc.detail,
                     message_kind="error")  # fmt: skip
    response = RedirectResponse("/ui", status_code=303)
    set_key_cookie(response, request, api_key.strip())
    return response


@router.post("/logout")
def logout() -> Response:
    """Forget the key."""
    response = _to_login()
    clear_key_cookie(response)
    return response


@router.get("")
def jobs_page(request: Request, runtime: RuntimeDep, session: SessionDep) -> Response:
    """List the tenant's batch jobs, with the upload form."""
    who = _signed_in(request, runtime, "read")
    return who if isinstance(who, Response) else _jobs_page(session, who)


@router.post("/jobs")
def upload(
    request: Request, runtime: RuntimeDep, session: SessionDep, file: Annotated[UploadFile, File()]
) -> Response:
    """Store an uploaded file as a batch job (the API's own upload) and open it."""
    who = _signed_in(request, runtime, "screen")
    if isinstance(who, Response):
        return who
    try:
        job = jobs_api.create_job(file, who, runtime, session, get_engine(runtime), top_k=3)
    except ServiceError as exc:
        return _jobs_page(session, who, exc.status, message=exc.detail, message_kind="error")
    return RedirectResponse(f"/ui/jobs/{job.id}", status_code=303)


def _rows(session: Session, job: Job, tier: str, offset: int) -> tuple[list[JobRowPublic], int]:
    """Return a page of the job's rows in input order, only those at `tier` when given."""
    query = select(JobRow).where(JobRow.tenant_id == job.tenant_id, JobRow.job_id == job.id)
    if tier:
        query = query.join(Screening, col(Screening.id) == col(JobRow.screening_id)).where(
            Screening.tier == tier
        )
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(col(JobRow.row)).offset(offset).limit(PAGE_SIZE)).all()
    return [JobRowPublic.model_validate_json(r.summary_json) for r in rows], int(total)


def _job_page(
    session: Session,
    who: Principal,
    job: Job,
    *,
    status: int = 200,
    tier: str = "",
    offset: int = 0,
    message: str = "",
    message_kind: str = "ok",
) -> HTMLResponse:
    rows, total = _rows(session, job, tier, offset)
    return _page(
        "job.html.j2",
        status,
        title=job.filename,
        job=jobs_api.job_public(job),
        rows=rows,
        total=total,
        tier=tier,
        tiers=TIERS,
        more=offset + PAGE_SIZE < total,
        next_offset=offset + PAGE_SIZE,
        page_size=PAGE_SIZE,
        refresh=2 if job.status in ("queued", "running") else 0,
        message=message,
        message_kind=message_kind,
        sync_formats=[f for f in SYNC_FORMATS if sync_report(job, f)],
        report_tasks=job_tasks(session, who.tenant_id, job.id),
        scripts=["/ui/static/reports.js"],
    )


@router.get("/jobs/{job_id}")
def job_page(
    job_id: str,
    request: Request,
    runtime: RuntimeDep,
    session: SessionDep,
    tier: Tier = "",
    offset: Annotated[int, Query(ge=0)] = 0,
    recorded: Annotated[str, Query(max_length=40)] = "",
) -> Response:
    """Show a job's progress and its results, filtered by tier; refresh while it runs."""
    found = _signed_in_owned(request, runtime, session, Job, job_id)
    if isinstance(found, Response):
        return found
    who, job = found
    message = f"Disposition recorded: {recorded}." if recorded else ""
    return _job_page(session, who, job, tier=tier, offset=offset, message=message)


@router.post("/jobs/{job_id}/dispositions")
def record_disposition(
    job_id: str,
    request: Request,
    runtime: RuntimeDep,
    session: SessionDep,
    screening_id: Annotated[str, Form(max_length=32)],
    entity_id: Annotated[str, Form(max_length=300)],
    status: Annotated[Literal["confirmed", "false_positive"], Form()],
    note: Annotated[str, Form(max_length=2000)] = "",
    tier: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Record a reviewer's decision on a match (the API's own disposition endpoint)."""
    who = _signed_in(request, runtime, "review")
    if isinstance(who, Response):
        return who
    try:
        body = DispositionIn(entity_id=entity_id, status=status, note=note)
        review_api.create_disposition(screening_id, body, who, session, get_engine(runtime))
    except ServiceError as exc:
        return _jobs_page(session, who, exc.status, message=exc.detail, message_kind="error")
    except ValidationError as exc:
        return _jobs_page(session, who, 422, message=str(exc.errors()[0]["msg"]), message_kind="error")
    back = f"/ui/jobs/{job_id}?recorded={status}" + (f"&tier={tier}" if tier in TIERS else "")
    return RedirectResponse(back, status_code=303)


@router.get("/jobs/{job_id}/report.{file_format}")
def report(
    job_id: str,
    file_format: ReportFormat,
    request: Request,
    runtime: RuntimeDep,
    session: SessionDep,
) -> Response:
    """Download a small job's HTML or XLSX report, rendered in the request; others are asked for."""
    found = _signed_in_owned(request, runtime, session, Job, job_id)
    if isinstance(found, Response):
        return found
    who, job = found
    if not sync_report(job, file_format):
        message = (
            f"The {file_format.upper()} report is rendered in the background: "
            f"use “Prepare {file_format.upper()}” below and download it when it is ready."
        )
        return _job_page(session, who, job, status=409, message=message, message_kind="notice")
    try:
        return job_report(session, runtime, who.tenant_id, job_id, file_format, ReportOptions())
    except ServiceError as exc:
        return _job_page(session, who, job, status=exc.status, message=exc.detail, message_kind="error")


@router.post("/jobs/{job_id}/reports")
def request_report(
    job_id: str,
    request: Request,
    runtime: RuntimeDep,
    session: SessionDep,
    file_format: Annotated[ReportFormat, Form(alias="format")],
) -> Response:
    """Ask the report worker for the job's report (the API's own POST /v1/jobs/{job_id}/reports).

    A form post is sent on to the task's page; the page's script gets the task as JSON (202).
    """
    wants_json = _wants_json(request)
    who = (_signed_in_json if wants_json else _signed_in)(request, runtime, "read")
    if isinstance(who, Response):
        return who
    body = ReportTaskCreate(format=file_format)
    try:
        created = report_tasks_api.create_report_task(job_id, body, who, session, runtime, Response())
    except ServiceError as exc:
        if wants_json:
            return _json_error(exc.status, exc.detail, exc.headers)
        job = crud.get_owned(session, Job, tenant_id=who.tenant_id, object_id=job_id)
        if job is None:
            return _jobs_page(session, who, exc.status, message=exc.detail, message_kind="error")
        return _job_page(session, who, job, status=exc.status, message=exc.detail, message_kind="error")
    task = session.get(ReportTask, created.id)
    assert task is not None  # just stored by this request
    if wants_json:
        return JSONResponse(task_view(task).as_json(), status_code=202, headers=SECURITY_HEADERS)
    return RedirectResponse(f"/ui/reports/{task.id}", status_code=303)


@router.get("/jobs/{job_id}/reports")
def report_states(job_id: str, request: Request, runtime: RuntimeDep, session: SessionDep) -> Response:
    """The job's latest report tasks as JSON, which the job page's script polls."""
    who = _signed_in_json(request, runtime, "read")
    if isinstance(who, Response):
        return who
    if crud.get_owned(session, Job, tenant_id=who.tenant_id, object_id=job_id) is None:
        return _json_error(404, "No job with this id.")
    tasks = job_tasks(session, who.tenant_id, job_id)
    body = {"tasks": [t.as_json() for t in tasks], "poll_seconds": POLL_SECONDS}
    return JSONResponse(body, headers=SECURITY_HEADERS)


_MISSING = {Job: "No job with this id.", ReportTask: "No report with this id."}


def _signed_in_owned(
    request: Request, runtime: RuntimeDep, session: Session, model: type[_Owned], object_id: str
) -> tuple[Principal, _Owned] | Response:
    """Return the signed-in reader and their tenant's job or report task, or the page to answer instead."""
    who = _signed_in(request, runtime, "read")
    if isinstance(who, Response):
        return who
    found = crud.get_owned(session, model, tenant_id=who.tenant_id, object_id=object_id)
    if found is None:
        return _jobs_page(session, who, 404, message=_MISSING[model], message_kind="error")
    return who, found


def _task_page(session: Session, task: ReportTask, status: int = 200, **context: Any) -> HTMLResponse:
    job = session.get(Job, task.job_id)
    view = task_view(task)
    return _page(
        "report.html.j2",
        status,
        title=f"{task.file_format.upper()} report",
        task=view,
        filename=task.filename,
        job_name=job.filename if job is not None else task.job_id,
        refresh=POLL_SECONDS if view.active else 0,
        **context,
    )


@router.get("/reports/{task_id}")
def report_page(task_id: str, request: Request, runtime: RuntimeDep, session: SessionDep) -> Response:
    """Show a report task's state; the page refreshes itself until it is done or failed."""
    found = _signed_in_owned(request, runtime, session, ReportTask, task_id)
    if isinstance(found, Response):
        return found
    return _task_page(session, found[1])


@router.get("/reports/{task_id}/file")
def report_file(task_id: str, request: Request, runtime: RuntimeDep, session: SessionDep) -> Response:
    """Download a rendered report (the API's own GET /v1/reports/{task_id}/file)."""
    found = _signed_in_owned(request, runtime, session, ReportTask, task_id)
    if isinstance(found, Response):
        return found
    who, task = found
    if task.status == "done":
        try:
            return report_tasks_api.download_report_task(task_id, who, session, runtime)
        except ServiceError as exc:  # the file is gone although the task says done
            return _task_page(session, task, exc.status, message=exc.detail, message_kind="error")
    if task.status in ("queued", "running"):
        message = f"The report is {task.status}, not ready yet; this page refreshes itself until it is."
    else:
        message = f"The report {task.status}, so there is no file to download; ask for it again."
    return _task_page(session, task, 409, message=message, message_kind="error")


@lru_cache(maxsize=1)
def _script() -> bytes:
    return (TEMPLATES / "reports.js").read_bytes()


@router.get("/static/reports.js")
def reports_script() -> Response:
    """The job page's script: asks for reports and follows them without leaving the page."""
    headers = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"}
    return Response(_script(), media_type="text/javascript", headers=headers)
