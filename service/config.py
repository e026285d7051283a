"""Server settings read from the environment (prefix FLSCREEN_), validated once at startup."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from platformdirs import user_data_path
from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_MB = 1024 * 1024
_REDIS_SCHEMES = frozenset({"redis", "rediss", "redis+unix"})


def _default_data_dir() -> Path:
    return user_data_path("flscreen", appauthor=False)


class Settings(BaseSettings):
    """Typed server configuration; every field can be set as FLSCREEN_<NAME>."""

    # Errors never echo the value: a URL may carry a password.
    model_config = SettingsConfigDict(env_prefix="FLSCREEN_", extra="ignore", hide_input_in_errors=True)

    # development | test | production; production refuses the unsafe values checked below.
    environment: Literal["development", "test", "production"] = "development"
    # Where the embedded database and uploaded job files live (a per-user data folder by default).
    data_dir: Path = Field(default_factory=_default_data_dir)
    # SQLAlchemy URL; empty = an SQLite file in data_dir, so `flscreen serve` works with no setup.
    database_url: str = ""
    # Largest JSON request body, bytes; batches of max_batch small records fit comfortably.
    max_body_bytes: int = Field(default=2 * _MB, ge=1024)
    # Most records in one keyed batch request (yente's /match uses a similar cap).
    max_batch: int = Field(default=1000, ge=1)
    # Largest CSV/XLSX upload for a batch job, bytes.
    max_upload_bytes: int = Field(default=50 * _MB, ge=1024)
    # Most data rows one job file may hold.
    max_job_rows: int = Field(default=200_000, ge=1)
    # Requests per key per minute; 0 disables the limit (refused in production).
    rate_limit_per_minute: int = Field(default=600, ge=0)
    # Redis URL (redis://, rediss:// or redis+unix://) shared by every server process and host; the rate
    # limit then counts there, so N processes admit the limit once, not N times. Empty = in memory per
    # process. If Redis stops answering, each process falls back to its own in-memory limit.
    redis_url: str = ""
    # Prefix of the rate-limit keys in Redis (one key per API key id; the token is never part of it).
    redis_key_prefix: str = Field(default="flscreen:ratelimit", min_length=1, max_length=100)
    # Rows a job worker screens and commits in one transaction (the resume granularity).
    job_chunk_rows: int = Field(default=100, ge=1)
    # Starts of one batch job: a job whose worker died (crash, killed process) this many times while
    # running it fails instead of being taken over again, keeping the rows already screened.
    job_max_attempts: int = Field(default=3, ge=1, le=100)
    # Background report rendering (POST /v1/jobs/{id}/reports): a render running longer than this
    # many seconds is stopped and fails; a rendered file larger than report_max_bytes is not kept.
    report_timeout_seconds: float = Field(default=1800.0, ge=1.0, le=7 * 24 * 3600.0)
    report_max_bytes: int = Field(default=256 * _MB, ge=1024)
    # Queued or running report tasks one tenant may have; a further request answers 429.
    report_max_active_per_tenant: int = Field(default=5, ge=1)
    # Renders started for one task: a task interrupted this often by crashes or restarts fails.
    report_max_attempts: int = Field(default=3, ge=1, le=100)
    # Hours a rendered report file is kept for download before it is deleted.
    report_keep_hours: float = Field(default=24.0, gt=0, le=24 * 366.0)
    # Run the background job worker thread; tests switch it off and drain jobs explicitly.
    job_worker: bool = True
    # Candidates returned per screened record.
    top_k: int = Field(default=3, ge=1, le=20)
    # Custom watch-list CSV files screened alongside the bundled snapshot.
    custom_lists: tuple[Path, ...] = ()
    # Log level name and whether logs are JSON lines (production) or console text.
    log_level: str = "INFO"
    log_json: bool = False

    @field_validator("redis_url")
    @classmethod
    def _check_redis_url(cls, value: str) -> str:
        value = value.strip()
        if value and value.split("://", 1)[0].lower() not in _REDIS_SCHEMES:
            raise ValueError(
                "FLSCREEN_REDIS_URL must start with redis://, rediss:// or redis+unix:// (or be empty)"
            )
        return value

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> Settings:
        """Refuse values that are fine on a laptop but unsafe on a shared server."""
        if self.environment != "production":
            return self
        problems = []
        url = self.resolved_database_url()
        if url in ("sqlite://", "sqlite:///") or ":memory:" in url:
            problems.append("an in-memory database loses every result on restart")
        if self.rate_limit_per_minute == 0:
            problems.append("rate limiting is disabled (FLSCREEN_RATE_LIMIT_PER_MINUTE=0)")
        if self.max_upload_bytes > 1024 * _MB:
            problems.append("uploads above 1 GiB are refused in production")
        if not self.job_worker:
            problems.append("the job worker is disabled, so batch jobs would never run")
        if problems:
            raise ValueError("unsafe production settings: " + "; ".join(sorted(set(problems))))
        return self

    def resolved_database_url(self) -> str:
        """Return the database URL, defaulting to an SQLite file in the data folder."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'flscreen.db'}"

    @property
    def jobs_dir(self) -> Path:
        """Return the folder that holds uploaded job files."""
        return self.data_dir / "jobs"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Return the process-wide settings, read from the environment once."""
    return Settings()
