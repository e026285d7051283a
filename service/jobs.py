"""Batch jobs: a worker thread screens uploaded files in chunks, each committed with its rows.

A job's `processed_rows` moves forward in the same transaction that stores the chunk's results, so a
crash or restart loses at most the chunk in flight, and the restarted worker resumes right after the
last committed row. The (job_id, row) unique constraint makes a duplicate row impossible.
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import structlog
from sqlmodel import Session, col, select

from service.deps import Runtime
from service.errors import InvalidInput
from service.models import Job, JobRow, utcnow
from service.records import to_record
from service.rows import row_summary
from service.screening import ScreenRequest, screen_and_store
from service.uploads import ParsedRow, iter_rows
from service.worker import TaskWorker

_log = structlog.get_logger("flscreen.jobs")
ACTIVE = ("queued", "running")


def job_file(runtime: Runtime, job: Job) -> Path:
    """Return where a job's uploaded file is kept."""
    return runtime.settings.jobs_dir / job.id / f"input.{job.file_format}"


def remove_job_files(runtime: Runtime, job_id: str) -> None:
    """Delete a job's stored upload (ignores a missing folder)."""
    shutil.rmtree(runtime.settings.jobs_dir / job_id, ignore_errors=True)


class JobRunner(TaskWorker):
    """Process unfinished jobs, oldest first, in a background thread (or synchronously via drain)."""

    thread_name = "flscreen-jobs"

    def ready(self) -> bool:
        """Return whether the screening engine is loaded (jobs wait for it)."""
        return self.runtime.engine is not None

    def next_id(self) -> str | None:
        """Return the oldest queued or interrupted job."""
        with Session(self.runtime.db) as session:
            job = session.exec(
                select(Job).where(col(Job.status).in_(ACTIVE)).order_by(col(Job.created_at), col(Job.id))
            ).first()
            return job.id if job is not None else None

    def process(self, job_id: str, max_chunks: int | None = None) -> bool:
        """Screen a job from its resume point, one committed chunk at a time; False if it cannot run."""
        engine = self.runtime.engine
        if engine is None:
            return False
        with Session(self.runtime.db) as session:
            job = session.get(Job, job_id)
            if job is None or job.status not in ACTIVE:
                return True
            job.status, job.snapshot_id, job.model_version = (
                "running",
                engine.snapshot_id,
                engine.model_version,
            )
            session.add(job)
            session.commit()
            path = job_file(self.runtime, job)
            try:
                rows = itertools.islice(iter_rows(path, job.file_format), job.processed_rows, None)
                chunks = 0
                while not self.stopping and (max_chunks is None or chunks < max_chunks):
                    chunk = list(itertools.islice(rows, self.runtime.settings.job_chunk_rows))
                    if not chunk:
                        self._finish(session, job, "done", "")
                        break
                    self._store_chunk(session, job, chunk)
                    chunks += 1
            except (InvalidInput, OSError) as exc:
                session.rollback()
                message = (
                    exc.detail if isinstance(exc, InvalidInput) else "the uploaded file is no longer readable"
                )
                self._finish(session, job, "failed", message)
            except Exception:
                session.rollback()
                _log.exception("job_failed", job_id=job_id)
                self._finish(session, job, "failed", "internal error while screening; see the server log")
        return True

    def _store_chunk(self, session: Session, job: Job, chunk: list[ParsedRow]) -> None:
        engine = self.runtime.engine
        assert engine is not None
        errors = 0
        for parsed in chunk:
            if parsed.item is None:
                errors += 1
                summary = row_summary(parsed.row, parsed.supplier_id, parsed.name, None, parsed.error, engine)
                session.add(
                    JobRow(
                        tenant_id=job.tenant_id,
                        job_id=job.id,
                        row=parsed.row,
                        summary_json=summary.model_dump_json(),
                    )
                )
                continue
            record, warnings = to_record(parsed.item)
            # Reading warnings (a value dropped from the file) come first, then record-building ones.
            request = ScreenRequest(job.tenant_id, record, (*parsed.warnings, *warnings), job.top_k, job.id)
            public = screen_and_store(session=session, engine=engine, request=request)
            self.runtime.metrics.screenings.labels(public.risk.tier).inc()
            summary = row_summary(parsed.row, record.supplier_id, record.name, public, "", engine)
            session.add(
                JobRow(
                    tenant_id=job.tenant_id,
                    job_id=job.id,
                    row=parsed.row,
                    screening_id=public.id,
                    summary_json=summary.model_dump_json(),
                )
            )
        job.processed_rows += len(chunk)
        job.error_rows += errors
        job.updated_at = utcnow()
        session.add(job)
        session.commit()  # the chunk's rows and the new resume point become durable together
        self.runtime.metrics.job_rows.inc(len(chunk))

    def _finish(self, session: Session, job: Job, status: str, error: str) -> None:
        job.status, job.error = status, error
        job.finished_at = job.updated_at = utcnow()
        session.add(job)
        session.commit()
        _log.info("job_finished", job_id=job.id, status=status, rows=job.processed_rows)
