"""What the web page shows of report tasks: one line of state per task, for the HTML and the poll.

A task is a row of `report_task` (service.report_tasks); the page only reads it, always through the
signed-in key's tenant, so a reviewer never sees another tenant's task.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlmodel import Session, col, select

from service.models import ReportTask, as_utc

ACTIVE = ("queued", "running")
# Shown on a job page: its latest report tasks, newest first.
LISTED = 10


@dataclass(frozen=True, slots=True)
class TaskView:
    """A report task as the page shows it."""

    id: str
    job_id: str
    format: str
    status: str
    text: str  # the state in words, with the reason when it failed
    created: str  # HH:MM UTC
    page_url: str  # the task's own page (refreshes itself while the task is active)
    download_url: str  # set once done
    active: bool

    def as_json(self) -> dict[str, Any]:
        """Return the view as the job page's script reads it."""
        return asdict(self)


def _size(size: int | None) -> str:
    if size is None:
        return "size unknown"
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def state_text(task: ReportTask) -> str:
    """Return what the task's state means for the reviewer, in one line."""
    if task.status == "queued":
        return "queued: waiting for the report worker"
    if task.status == "running":
        since = as_utc(task.started_at).strftime("%H:%M:%S") if task.started_at else "now"
        return f"running: rendering since {since} UTC"
    if task.status == "done":
        until = as_utc(task.expires_at).strftime("%Y-%m-%d %H:%M") if task.expires_at else "expiry"
        return f"ready: {_size(task.size_bytes)}, kept until {until} UTC"
    if task.status == "failed":
        return f"failed: {task.error or 'no reason was recorded'}"
    if task.status == "expired":
        return "expired: the file was deleted after its retention time; ask for the report again"
    return task.status


def task_view(task: ReportTask) -> TaskView:
    """Return the page's view of one task."""
    page = f"/ui/reports/{task.id}"
    return TaskView(
        id=task.id,
        job_id=task.job_id,
        format=task.file_format,
        status=task.status,
        text=state_text(task),
        created=as_utc(task.created_at).strftime("%H:%M"),
        page_url=page,
        download_url=f"{page}/file" if task.status == "done" else "",
        active=task.status in ACTIVE,
    )


def job_tasks(session: Session, tenant_id: str, job_id: str, limit: int = LISTED) -> list[TaskView]:
    """Return the tenant's latest report tasks of one job, newest first."""
    query = (
        select(ReportTask)
        .where(ReportTask.tenant_id == tenant_id, ReportTask.job_id == job_id)
        .order_by(col(ReportTask.created_at).desc(), col(ReportTask.id).desc())
        .limit(limit)
    )
    return [task_view(t) for t in session.exec(query).all()]
