"""Report tasks: a finished job's report rendered in the background, kept as a file for a while.

POST /v1/jobs/{job_id}/reports stores a `report_task` row (status "queued") and wakes this worker,
which works through the table like the job worker (service.worker): oldest first, one at a time.
It reads the job's results from the database exactly as the synchronous report endpoint does and
renders them in a child process (service.report_render) under a time and size limit, into
`<data_dir>/reports/<task_id>/`. A stopping server puts its render back in the queue. A render cut
off by a crash leaves its row "running" with a heartbeat (updated_at) that stops; a minute later any
worker renders it again, at most `max_attempts` starts in all, then marks it failed with a message
saying so. Claims are conditional updates, so several server processes can share the table. Done
files are deleted after `keep` and the task becomes "expired".
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import structlog
from sqlalchemy import ColumnElement, and_, func, or_, update
from sqlmodel import Session, col, select

from scoring.reports import ReportOptions
from service.config import Settings
from service.deps import Runtime
from service.models import Job, ReportTask, utcnow
from service.report_render import RenderOutcome, RenderRequest, render_in_child
from service.web.job_document import job_results_data
from service.worker import TaskWorker

_log = structlog.get_logger("flscreen.reports")
ACTIVE = ("queued", "running")
_SWEEP_EVERY = 60.0  # seconds between looks for expired files while idle
# A render's worker stamps its task's updated_at this often; a running task not stamped for
# STALE_AFTER belongs to a process that died, and another worker may take it over.
HEARTBEAT = timedelta(seconds=10)
STALE_AFTER = timedelta(seconds=60)
_MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReportLimits:
    """Limits of background report rendering (the defaults are the FLSCREEN_REPORT_* settings')."""

    # A render still running after this many seconds is stopped and fails. The largest report the
    # API allows (5,000 full sections, about 6,000 PDF pages at 6-10 pages/s) takes 10-17 minutes.
    timeout_seconds: float = 1800.0
    # A rendered file larger than this is not kept, and the task fails.
    max_bytes: int = 256 * _MIB
    # Queued or running tasks one tenant may have; more answer 429 until one finishes.
    max_active_per_tenant: int = 5
    # Renders started for one task: a task interrupted this often by restarts fails instead.
    max_attempts: int = 3
    # How long a rendered file is kept for download.
    keep: timedelta = timedelta(hours=24)

    @classmethod
    def from_settings(cls, settings: Settings) -> ReportLimits:
        """Return the limits set by the FLSCREEN_REPORT_* settings."""
        return cls(
            timeout_seconds=settings.report_timeout_seconds,
            max_bytes=settings.report_max_bytes,
            max_active_per_tenant=settings.report_max_active_per_tenant,
            max_attempts=settings.report_max_attempts,
            keep=timedelta(hours=settings.report_keep_hours),
        )


def reports_dir(runtime: Runtime) -> Path:
    """Return the folder that holds rendered report files, one subfolder per task."""
    return runtime.settings.data_dir / "reports"


def report_file(runtime: Runtime, task: ReportTask) -> Path:
    """Return where a task's rendered file is kept."""
    return reports_dir(runtime) / task.id / f"report.{task.file_format}"


def active_tasks(session: Session, tenant_id: str) -> int:
    """Return how many report tasks of the tenant are queued or running."""
    query = select(func.count()).where(ReportTask.tenant_id == tenant_id, col(ReportTask.status).in_(ACTIVE))
    return int(session.exec(query).one())


def _claimable(stale: datetime) -> ColumnElement[bool]:
    """Return the condition of tasks a worker may take: queued, or running without a heartbeat."""
    running_stale = and_(col(ReportTask.status) == "running", col(ReportTask.updated_at) < stale)
    return or_(col(ReportTask.status) == "queued", running_stale)


def _interrupted_message(attempts: int) -> str:
    times = "once" if attempts == 1 else f"{attempts} times"
    return (
        f"Rendering was cut off {times} by a server crash or restart, so it is not tried again; "
        "ask for the report again (fewer sections or a higher min_tier render faster)."
    )


class ReportRunner(TaskWorker):
    """Render queued report tasks, oldest first, in a background thread (or synchronously via drain)."""

    thread_name = "flscreen-reports"

    def __init__(self, runtime: Runtime, limits: ReportLimits | None = None) -> None:
        super().__init__(runtime)
        self.limits = limits or ReportLimits.from_settings(runtime.settings)
        self._last_sweep: float | None = None

    def next_id(self) -> str | None:
        """Return the oldest queued task, or a running one whose renderer stopped beating."""
        stale = utcnow() - STALE_AFTER
        with Session(self.runtime.db) as session:
            order = (col(ReportTask.created_at), col(ReportTask.id))
            query = select(ReportTask.id).where(_claimable(stale)).order_by(*order)
            return session.exec(query).first()

    def process(self, task_id: str) -> bool:
        """Render one task to done or failed; a stop request puts it back in the queue."""
        attempt = self.claim(task_id)
        if attempt is None:
            return True
        try:
            outcome = self._render(task_id, attempt)
        except Exception:
            _log.exception("report_failed", task_id=task_id)
            outcome = RenderOutcome("failed", "Internal error while rendering; see the server log.")
        if outcome is None:  # the server is stopping: the next start renders it again
            self._update(task_id, attempt, status="queued", updated_at=utcnow())
        else:
            self._finish(task_id, attempt, outcome)
        return True

    def claim(self, task_id: str) -> int | None:
        """Mark a task running and count the start; return the attempt number, None if not ours.

        A task is taken only if it is queued, or running with no heartbeat for STALE_AFTER (its
        process died). The update is conditional on the attempt count read, so of two processes
        claiming the same task one wins. A task cut off too often fails instead.
        """
        stale = utcnow() - STALE_AFTER
        with Session(self.runtime.db) as session:
            query = select(ReportTask.status, ReportTask.attempts)
            found = session.exec(query.where(ReportTask.id == task_id, _claimable(stale))).first()
        if found is None:
            return None
        status, attempts = found
        if status == "running" and attempts >= self.limits.max_attempts:
            self._finish(task_id, attempts, RenderOutcome("failed", _interrupted_message(attempts)))
            return None
        now = utcnow()
        won = self._update(
            task_id, attempts, status="running", attempts=attempts + 1, started_at=now, updated_at=now
        )
        return attempts + 1 if won else None

    def _update(self, task_id: str, attempt: int, **values: object) -> bool:
        """Change a task if it is still at this attempt (no other process took it over)."""
        statement = (
            update(ReportTask)
            .where(col(ReportTask.id) == task_id, col(ReportTask.attempts) == attempt)
            .values(**values)
        )
        with Session(self.runtime.db) as session:
            changed = session.exec(statement).rowcount
            session.commit()
        return bool(changed)

    def _render(self, task_id: str, attempt: int) -> RenderOutcome | None:
        with Session(self.runtime.db) as session:
            task = session.get(ReportTask, task_id)
            job = session.get(Job, task.job_id) if task is not None else None
            if task is None or job is None or job.status != "done" or job.tenant_id != task.tenant_id:
                return RenderOutcome("failed", "The job is no longer available.")
            data = job_results_data(session, job, self.runtime.engine)
            target = report_file(self.runtime, task)
            options = ReportOptions(min_tier=task.min_tier, max_sections=task.sections)
            fmt = task.file_format
        target.parent.mkdir(parents=True, exist_ok=True)
        request = RenderRequest(data, fmt, options, target, self.limits.max_bytes)
        last_beat = time.monotonic()

        def keep_going() -> bool:
            nonlocal last_beat
            if time.monotonic() - last_beat >= HEARTBEAT.total_seconds():
                last_beat = time.monotonic()
                self._update(task_id, attempt, updated_at=utcnow())
            return not self.stopping

        return render_in_child(request, timeout=self.limits.timeout_seconds, keep_going=keep_going)

    def _finish(self, task_id: str, attempt: int, outcome: RenderOutcome) -> None:
        now = utcnow()
        values: dict[str, object] = {"status": outcome.status, "error": outcome.error}
        if outcome.status == "done":
            values.update(size_bytes=outcome.size_bytes, expires_at=now + self.limits.keep)
        if not self._update(task_id, attempt, finished_at=now, updated_at=now, **values):
            return  # another process took the task over; its files are its own
        if outcome.status == "failed":
            shutil.rmtree(reports_dir(self.runtime) / task_id, ignore_errors=True)
        _log.info("report_finished", task_id=task_id, status=outcome.status, size=outcome.size_bytes)

    def idle(self) -> None:
        """Delete expired report files, at most once a minute."""
        now = time.monotonic()
        if self._last_sweep is None or now - self._last_sweep >= _SWEEP_EVERY:
            self._last_sweep = now
            self.expire()

    def expire(self) -> int:
        """Delete the files of done tasks past their expiry time, mark them expired; return how many."""
        now = utcnow()
        with Session(self.runtime.db) as session:
            query = select(ReportTask).where(ReportTask.status == "done", col(ReportTask.expires_at) <= now)
            tasks = session.exec(query).all()
            for task in tasks:
                shutil.rmtree(reports_dir(self.runtime) / task.id, ignore_errors=True)
                task.status, task.updated_at = "expired", now
                session.add(task)
            session.commit()
        if tasks:
            _log.info("reports_expired", count=len(tasks))
        return len(tasks)
