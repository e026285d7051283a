"""Batch jobs: workers screen uploaded files in chunks, each committed with its rows.

A job's `processed_rows` moves forward in the same transaction that stores the chunk's results, so a
crash or restart loses at most the chunk in flight, and the next worker resumes right after the
last committed row. The (job_id, row) unique constraint makes a duplicate row impossible.

Several server processes (uvicorn workers, hosts on one PostgreSQL) may share the job table:

* A worker claims a job with a conditional update that makes it the job's `owner` only if the job is
  queued, or running with no heartbeat for STALE_AFTER (its worker died); of two workers claiming
  one job, one wins and the other moves on.
* A chunk commits only if its worker still owns the job and the resume point is still the one the
  chunk started from; the same update stamps the heartbeat. A chunk ends after `job_chunk_rows` rows
  or HEARTBEAT, whichever comes first, so a slow chunk never makes a live worker look dead.
* A worker that stalled past STALE_AFTER and lost its job to a takeover finds its next commit
  refused, rolls that chunk back and lets the job go: the new owner stores those rows once.
* A stopping worker commits the rows it has and puts the job back in the queue for any worker.
* Each start counts in the job's `attempts`; a stopping worker gives its start back. A job whose
  worker died `job_max_attempts` times (say a file that crashes the process each time) is not taken
  over again but fails with a message saying so; the rows committed before stay readable.
"""

from __future__ import annotations

import itertools
import shutil
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal

import structlog
from sqlalchemy import ColumnElement, and_, or_, update
from sqlalchemy.exc import OperationalError
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
# A worker stamps its job's heartbeat_at with every chunk, and ends a chunk after HEARTBEAT at the
# latest; a running job not stamped for STALE_AFTER belongs to a worker that died and may be taken over.
HEARTBEAT = timedelta(seconds=10)
STALE_AFTER = timedelta(seconds=60)
# A chunk refused by a transient database error (lock wait timeout, deadlock) is stored again.
_CHUNK_TRIES = 3
_RETRY_PAUSE = 0.5  # seconds, times the attempt number

RunEnd = Literal["done", "failed", "lost", "stopped", "paused"]


def interrupted_message(attempts: int, processed_rows: int) -> str:
    """Return a job's error after its worker died `attempts` times while screening it."""
    times = "once" if attempts == 1 else f"{attempts} times"
    if processed_rows == 0:
        kept = "No row had been screened"
    elif processed_rows == 1:
        kept = "The 1 row screened before is kept in the job's results"
    else:
        kept = f"The {processed_rows} rows screened before are kept in the job's results"
    return (
        f"Screening was cut off {times} by a server crash or restart, so it is not tried again. {kept}; "
        "the rest of the file may hold a row that makes the server fail: upload the remaining rows as a "
        "new job (smaller files narrow it down), or ask the operator to check the server log."
    )


def job_file(runtime: Runtime, job: Job) -> Path:
    """Return where a job's uploaded file is kept."""
    return runtime.settings.jobs_dir / job.id / f"input.{job.file_format}"


def remove_job_files(runtime: Runtime, job_id: str) -> None:
    """Delete a job's stored upload (ignores a missing folder)."""
    shutil.rmtree(runtime.settings.jobs_dir / job_id, ignore_errors=True)


@dataclass(slots=True)
class Claim:
    """A job this worker holds, with its committed resume point and error count."""

    job_id: str
    tenant_id: str
    path: Path
    file_format: str
    top_k: int
    processed_rows: int
    error_rows: int


class JobRunner(TaskWorker):
    """Process unfinished jobs, oldest first, in a background thread (or synchronously via drain)."""

    thread_name = "flscreen-jobs"

    def ready(self) -> bool:
        """Return whether the screening engine is loaded (jobs wait for it)."""
        return self.runtime.engine is not None

    def _claimable(self, now: datetime) -> ColumnElement[bool]:
        """Jobs this worker may take: queued, or running and either its own or without a heartbeat."""
        abandoned = or_(
            col(Job.owner) == self.worker_id,
            col(Job.heartbeat_at).is_(None),
            col(Job.heartbeat_at) < now - STALE_AFTER,
        )
        return or_(col(Job.status) == "queued", and_(col(Job.status) == "running", abandoned))

    def next_id(self) -> str | None:
        """Return the oldest job this worker may claim (queued, or running with a stopped heartbeat)."""
        with Session(self.runtime.db) as session:
            query = select(Job.id).where(self._claimable(utcnow()))
            return session.exec(query.order_by(col(Job.created_at), col(Job.id))).first()

    def claim(self, job_id: str) -> Claim | None:
        """Make this worker the job's owner with a conditional update; None if it may not or lost.

        The update's condition is the one next_id reads, evaluated again by the database, together
        with the attempt count read, so of two workers claiming one job exactly one changes the row.
        Each start counts an attempt (a worker taking back the job it holds does not); a running job
        without a heartbeat that was started `job_max_attempts` times fails instead.
        """
        engine = self.runtime.engine
        assert engine is not None, "claim needs the screening engine"
        now = utcnow()
        with Session(self.runtime.db) as session:
            query = select(Job.status, Job.owner, Job.heartbeat_at, Job.attempts)
            before = session.exec(query.where(Job.id == job_id, self._claimable(now))).first()
            if before is None:
                return None
            status, owner, heartbeat, attempts = before
            own = status == "running" and owner == self.worker_id
            if status == "running" and not own and attempts >= self.runtime.settings.job_max_attempts:
                self._give_up(session, job_id, now, attempts)
                return None
            statement = (
                update(Job)
                .where(col(Job.id) == job_id, col(Job.attempts) == attempts, self._claimable(now))
                .values(
                    status="running",
                    owner=self.worker_id,
                    heartbeat_at=now,
                    attempts=attempts if own else attempts + 1,
                    snapshot_id=engine.snapshot_id,
                    model_version=engine.model_version,
                )
                .execution_options(synchronize_session=False)
            )
            if not session.exec(statement).rowcount:
                session.rollback()
                return None
            session.commit()
            job = session.get(Job, job_id)
            assert job is not None  # we just changed it
            claim = Claim(
                job.id,
                job.tenant_id,
                job_file(self.runtime, job),
                job.file_format,
                job.top_k,
                job.processed_rows,
                job.error_rows,
            )
        if status == "running" and not own:
            _log.warning(
                "job_taken_over",
                job_id=job_id,
                worker=self.worker_id,
                previous_owner=owner,
                last_heartbeat=heartbeat.isoformat() if heartbeat else None,
                resume_after_row=claim.processed_rows,
                attempt=attempts + 1,
            )
        return claim

    def _give_up(self, session: Session, job_id: str, now: datetime, attempts: int) -> None:
        """Fail a job whose workers died `attempts` times, if no other worker changed it meanwhile.

        Its committed rows stay: they are readable as the job's results, like any failed job's.
        """
        processed = session.exec(select(Job.processed_rows).where(Job.id == job_id)).one()
        statement = (
            update(Job)
            .where(
                col(Job.id) == job_id,
                col(Job.status) == "running",
                col(Job.attempts) == attempts,
                self._claimable(now),
            )
            .values(
                status="failed",
                error=interrupted_message(attempts, processed),
                finished_at=now,
                updated_at=now,
                heartbeat_at=now,
                owner=self.worker_id,
            )
            .execution_options(synchronize_session=False)
        )
        failed = bool(session.exec(statement).rowcount)
        session.commit()
        if failed:
            _log.error(
                "job_given_up", job_id=job_id, worker=self.worker_id, attempts=attempts, rows=processed
            )

    def process(self, job_id: str, max_chunks: int | None = None) -> bool:
        """Claim a job and screen it from its resume point, one committed chunk at a time.

        Returns False if jobs cannot run now (no engine), True otherwise, also when another worker
        holds the job. With max_chunks the worker stops after that many chunks and keeps the claim,
        as if its process died there (tests use this).
        """
        if self.runtime.engine is None:
            return False
        if self.stopping:
            return True
        claim = self.claim(job_id)
        if claim is None:
            return True
        try:
            end = self._run(claim, max_chunks)
        except (InvalidInput, OSError) as exc:
            message = (
                exc.detail if isinstance(exc, InvalidInput) else "the uploaded file is no longer readable"
            )
            self._finish(claim, "failed", message)
        except Exception:
            _log.exception("job_failed", job_id=job_id)
            self._finish(claim, "failed", "internal error while screening; see the server log")
        else:
            if end == "stopped":
                self._release(claim.job_id)
        return True

    def _run(self, claim: Claim, max_chunks: int | None) -> RunEnd:
        """Screen the job's remaining rows; return why this stopped."""
        rows = itertools.islice(iter_rows(claim.path, claim.file_format), claim.processed_rows, None)
        chunks = 0
        while max_chunks is None or chunks < max_chunks:
            if self.stopping:
                return "stopped"
            stored = self._chunk(claim, rows)
            if stored == 0:
                return self._finish(claim, "done", "")
            if stored < 0:
                return "lost"
            chunks += 1
        return "paused"

    def _chunk(self, claim: Claim, rows: Iterator[ParsedRow]) -> int:
        """Store the next rows and advance the job; return how many (0: no rows left, -1: job lost)."""
        chunk: list[ParsedRow] = []
        for attempt in range(1, _CHUNK_TRIES + 1):
            tiers: list[str] = []
            try:
                with Session(self.runtime.db) as session:
                    for parsed in chunk:  # a retry stores the rows read before again
                        self._store_row(session, claim, parsed, tiers)
                    if attempt == 1:
                        self._read_and_store(session, claim, rows, chunk, tiers)
                    if not chunk:
                        return 0
                    if not self._advance(session, claim, chunk, tiers):
                        session.rollback()
                        _log.warning("job_lost", job_id=claim.job_id, worker=self.worker_id)
                        return -1
                    session.commit()  # the chunk's rows and the new resume point become durable together
            except OperationalError:
                if attempt == _CHUNK_TRIES:
                    raise
                _log.warning("job_chunk_retry", job_id=claim.job_id, attempt=attempt, exc_info=True)
                time.sleep(_RETRY_PAUSE * attempt)
                continue
            claim.processed_rows += len(chunk)
            claim.error_rows += len(chunk) - len(tiers)
            self.runtime.metrics.job_rows.inc(len(chunk))
            for tier, count in Counter(tiers).items():
                self.runtime.metrics.screenings.labels(tier).inc(count)
            return len(chunk)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _read_and_store(
        self,
        session: Session,
        claim: Claim,
        rows: Iterator[ParsedRow],
        chunk: list[ParsedRow],
        tiers: list[str],
    ) -> None:
        """Store rows until the chunk is full, HEARTBEAT has passed, the file ends or the worker stops."""
        deadline = time.monotonic() + HEARTBEAT.total_seconds()
        while len(chunk) < self.runtime.settings.job_chunk_rows:
            parsed = next(rows, None)
            if parsed is None:
                return
            chunk.append(parsed)  # before storing, so a retry stores it too
            self._store_row(session, claim, parsed, tiers)
            if self.stopping or time.monotonic() >= deadline:
                return

    def _store_row(self, session: Session, claim: Claim, parsed: ParsedRow, tiers: list[str]) -> None:
        """Add one row's outcome to the session; a screened row adds its tier to tiers."""
        engine = self.runtime.engine
        assert engine is not None
        if parsed.item is None:
            screening_id = None
            summary = row_summary(parsed.row, parsed.supplier_id, parsed.name, None, parsed.error, engine)
        else:
            record, warnings = to_record(parsed.item)
            # Reading warnings (a value dropped from the file) come first, then record-building ones.
            warned = (*parsed.warnings, *warnings)
            request = ScreenRequest(claim.tenant_id, record, warned, claim.top_k, claim.job_id)
            public = screen_and_store(session=session, engine=engine, request=request)
            tiers.append(public.risk.tier)
            screening_id = public.id
            summary = row_summary(parsed.row, record.supplier_id, record.name, public, "", engine)
        row = JobRow(
            tenant_id=claim.tenant_id,
            job_id=claim.job_id,
            row=parsed.row,
            screening_id=screening_id,
            summary_json=summary.model_dump_json(),
        )
        session.add(row)

    def _advance(self, session: Session, claim: Claim, chunk: list[ParsedRow], tiers: list[str]) -> bool:
        """Move the resume point past the chunk and beat, if this worker still holds the job there."""
        session.flush()  # the rows first, then the job: its update is the last statement before commit
        now = utcnow()
        statement = (
            update(Job)
            .where(
                col(Job.id) == claim.job_id,
                col(Job.owner) == self.worker_id,
                col(Job.status) == "running",
                col(Job.processed_rows) == claim.processed_rows,
            )
            .values(
                processed_rows=claim.processed_rows + len(chunk),
                error_rows=claim.error_rows + len(chunk) - len(tiers),
                updated_at=now,
                heartbeat_at=now,
            )
            .execution_options(synchronize_session=False)
        )
        return bool(session.exec(statement).rowcount)

    def _finish(self, claim: Claim, status: Literal["done", "failed"], error: str) -> RunEnd:
        """Mark the job done or failed if this worker still holds it; return the outcome."""
        now = utcnow()
        statement = (
            update(Job)
            .where(
                col(Job.id) == claim.job_id, col(Job.owner) == self.worker_id, col(Job.status) == "running"
            )
            .values(status=status, error=error, finished_at=now, updated_at=now, heartbeat_at=now)
            .execution_options(synchronize_session=False)
        )
        with Session(self.runtime.db) as session:
            won = bool(session.exec(statement).rowcount)
            session.commit()
        if not won:
            _log.warning("job_lost", job_id=claim.job_id, worker=self.worker_id)
            return "lost"
        _log.info("job_finished", job_id=claim.job_id, status=status, rows=claim.processed_rows)
        return status

    def _release(self, job_id: str | None) -> int:
        """Put this worker's running job (or all of them) back in the queue; return how many."""
        condition = and_(col(Job.owner) == self.worker_id, col(Job.status) == "running")
        if job_id is not None:
            condition = and_(condition, col(Job.id) == job_id)
        statement = (
            update(Job)
            .where(condition)
            # A stop is no failure: the start is given back, so restarts never use up a job's attempts.
            .values(status="queued", owner="", heartbeat_at=None, attempts=col(Job.attempts) - 1)
            .execution_options(synchronize_session=False)
        )
        with Session(self.runtime.db) as session:
            released = int(session.exec(statement).rowcount)
            session.commit()
        if released:
            _log.info("jobs_released", worker=self.worker_id, count=released, job_id=job_id)
        return released

    def release(self) -> None:
        """Put every job this worker still holds back in the queue (called by stop)."""
        self._release(None)
