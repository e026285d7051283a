"""Database tables (SQLModel). Every row carries tenant_id; queries always filter on it.

Times are stored as UTC. JSON payloads are stored as text so SQLite and PostgreSQL behave alike.
The schema is owned by the Alembic migrations in service/migrations; a test checks they agree.
"""

import uuid
from datetime import UTC, datetime

from sqlalchemy import Column, DateTime, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """Return the current time, timezone-aware UTC."""
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """Return a datetime as aware UTC (SQLite hands back naive values that are UTC already)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def new_id() -> str:
    """Return a fresh random object id (32 hex characters; not guessable, not sequential)."""
    return uuid.uuid4().hex


def _ts(nullable: bool = False, index: bool = False) -> Column[datetime]:
    return Column(DateTime(timezone=True), nullable=nullable, index=index)


class ApiKey(SQLModel, table=True):
    """An API key: its public id, the sha256 of the full token, tenant and scopes."""

    __tablename__ = "api_key"

    id: str = Field(primary_key=True, max_length=32)  # public key id, also inside the token
    tenant_id: str = Field(index=True, max_length=100)
    name: str = Field(default="", max_length=200)
    token_sha256: str = Field(max_length=64)
    scopes: str = Field(max_length=200)  # space-separated
    created_at: datetime = Field(default_factory=utcnow, sa_column=_ts())
    revoked_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))


class Supplier(SQLModel, table=True):
    """A supplier as the tenant knows it, keyed by its own id (or by name and country without one)."""

    __tablename__ = "supplier"
    __table_args__ = (UniqueConstraint("tenant_id", "supplier_key"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    tenant_id: str = Field(index=True, max_length=100)
    supplier_key: str = Field(max_length=600)
    supplier_id: str = Field(default="", max_length=200)
    name: str = Field(max_length=500)
    country: str | None = Field(default=None, max_length=2)
    last_screening_id: str = Field(max_length=32)
    last_tier: str = Field(index=True, max_length=10)
    last_score: float
    screenings_count: int = 1
    first_screened_at: datetime = Field(default_factory=utcnow, sa_column=_ts())
    last_screened_at: datetime = Field(default_factory=utcnow, sa_column=_ts(index=True))


class Screening(SQLModel, table=True):
    """One stored screening result with the snapshot and model it used."""

    __tablename__ = "screening"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    tenant_id: str = Field(index=True, max_length=100)
    supplier_ref: str = Field(index=True, max_length=32)  # Supplier.id
    supplier_id: str = Field(default="", max_length=200)
    name: str = Field(max_length=500)
    country: str | None = Field(default=None, max_length=2)
    tier: str = Field(index=True, max_length=10)
    score: float
    snapshot_id: str = Field(max_length=100)
    model_version: str = Field(max_length=200)
    job_id: str | None = Field(default=None, index=True, max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_ts(index=True))
    result_json: str = Field(sa_column=Column(Text, nullable=False))


class ScreeningHit(SQLModel, table=True):
    """A list entity a screening matched (for filtering results by list)."""

    __tablename__ = "screening_hit"

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: str = Field(index=True, max_length=100)
    screening_id: str = Field(index=True, max_length=32)
    entity_id: str = Field(max_length=300)
    source_id: str = Field(index=True, max_length=100)
    score: float
    suppressed: bool = False


class Disposition(SQLModel, table=True):
    """A reviewer's decision on one supplier x list entity pair; the latest one counts."""

    __tablename__ = "disposition"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    tenant_id: str = Field(index=True, max_length=100)
    supplier_ref: str = Field(index=True, max_length=32)
    entity_id: str = Field(max_length=300)
    entity_sha256: str = Field(max_length=64)  # the entity record it was made on
    status: str = Field(max_length=20)  # confirmed | false_positive
    note: str = Field(default="", sa_column=Column(Text, nullable=False))
    screening_id: str = Field(max_length=32)
    key_id: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_ts())


class Job(SQLModel, table=True):
    """A batch job over an uploaded file; processed_rows is the resume point.

    A worker claims a job by writing its id into `owner` with a conditional update and stamps
    `heartbeat_at` with every committed chunk; a running job whose heartbeat stopped may be taken over.
    `attempts` counts the starts not given back by a stopping worker, so when a worker finds a running
    job without a heartbeat it is the number of starts cut off by a crash; past a limit the job fails.
    """

    __tablename__ = "job"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    tenant_id: str = Field(index=True, max_length=100)
    key_id: str = Field(max_length=32)
    filename: str = Field(max_length=300)
    file_format: str = Field(max_length=10)  # csv | xlsx
    status: str = Field(index=True, max_length=10)  # queued | running | done | failed
    total_rows: int = 0
    processed_rows: int = 0
    error_rows: int = 0
    top_k: int = 3
    snapshot_id: str = Field(default="", max_length=100)
    model_version: str = Field(default="", max_length=200)
    error: str = Field(default="", sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_column=_ts(index=True))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_ts())
    finished_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    owner: str = Field(default="", max_length=100)  # the worker holding (or that last held) the job
    heartbeat_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    attempts: int = 0  # starts by a worker; a stopping worker's start is given back


class JobRow(SQLModel, table=True):
    """The outcome of one data row of a job file; (job_id, row) is unique, so no row is stored twice."""

    __tablename__ = "job_row"
    __table_args__ = (UniqueConstraint("job_id", "row"),)

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: str = Field(index=True, max_length=100)
    job_id: str = Field(index=True, max_length=32)
    row: int  # 1-based data row of the uploaded file
    screening_id: str | None = Field(default=None, max_length=32)
    summary_json: str = Field(sa_column=Column(Text, nullable=False))


class AuditEvent(SQLModel, table=True):
    """Append-only record of who did what: no endpoint updates or deletes these rows."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: str = Field(index=True, max_length=100)
    key_id: str = Field(max_length=32)
    action: str = Field(index=True, max_length=50)
    object_type: str = Field(max_length=30)
    object_id: str = Field(max_length=300)
    detail: str = Field(default="", sa_column=Column(Text, nullable=False))
    request_id: str = Field(default="", max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_ts(index=True))


class ReportTask(SQLModel, table=True):
    """A job's report rendered in the background; the file is kept in the data folder until expires_at."""

    __tablename__ = "report_task"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    tenant_id: str = Field(index=True, max_length=100)
    key_id: str = Field(max_length=32)
    job_id: str = Field(index=True, max_length=32)
    file_format: str = Field(max_length=10)  # pdf | html | xlsx
    min_tier: str = Field(max_length=10)
    sections: int
    filename: str = Field(max_length=200)  # the download's file name
    status: str = Field(index=True, max_length=10)  # queued | running | done | failed | expired
    attempts: int = 0  # renders started; an interrupted render is tried again up to a limit
    size_bytes: int | None = None
    error: str = Field(default="", sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_column=_ts(index=True))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_ts())
    started_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    finished_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    expires_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
