"""The reviewers' web page: sign in with an API key, upload a file, follow the job, filter its results
by tier, record dispositions and download the reports. Server-rendered HTML, no scripts.

The page calls the API's own route functions (jobs, dispositions), so it enforces the same scopes,
tenancy, limits and audit log; it only swaps the Authorization header for the sign-in cookie.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from pydantic import ValidationError
from sqlalchemy import func
from sqlmodel import Session, col, select

from scoring.reports import ReportOptions
from service import crud
from service.auth import Principal, authenticate
from service.deps import RuntimeDep, SessionDep, get_engine
from service.errors import ServiceError
from service.models import Job, JobRow, Screening
from service.routers import jobs as jobs_api
from service.routers import review as review_api
from service.schemas.jobs import JobRowPublic
from service.schemas.review import DispositionIn
from service.web.auth import clear_key_cookie, principal_from_cookie, set_key_cookie
from service.web.reports import job_report

router = APIRouter(prefix="/ui", include_in_schema=False)
TEMPLATES = Path(__file__).resolve().parent / "templates"
TIERS = ("severe", "high", "medium", "low", "none")
PAGE_SIZE = 100
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
Tier = Annotated[Literal["", "severe", "high", "medium", "low", "none"], Query()]


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
    who = _signed_in(request, runtime, "read")
    if isinstance(who, Response):
        return who
    job = crud.get_owned(session, Job, tenant_id=who.tenant_id, object_id=job_id)
    if job is None:
        return _jobs_page(session, who, 404, message="No job with this id.", message_kind="error")
    rows, total = _rows(session, job, tier, offset)
    message = f"Disposition recorded: {recorded}." if recorded else ""
    return _page(
        "job.html.j2",
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
        message_kind="ok",
    )


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
    file_format: Literal["pdf", "html", "xlsx"],
    request: Request,
    runtime: RuntimeDep,
    session: SessionDep,
) -> Response:
    """Download the job's report in one format."""
    who = _signed_in(request, runtime, "read")
    if isinstance(who, Response):
        return who
    try:
        return job_report(session, runtime, who.tenant_id, job_id, file_format, ReportOptions())
    except ServiceError as exc:
        return _jobs_page(session, who, exc.status, message=exc.detail, message_kind="error")
