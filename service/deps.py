"""Request dependencies as Annotated aliases: runtime, session, engine, settings."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine as DbEngine
from sqlmodel import Session

from service.config import Settings
from service.engine import Engine
from service.errors import NotReady
from service.metrics import Metrics
from service.ratelimit import Limiter

if TYPE_CHECKING:
    from service.jobs import JobRunner
    from service.report_tasks import ReportRunner


@dataclass
class Runtime:
    """Everything one app instance holds: settings, database, engine, limiter, metrics, workers."""

    settings: Settings
    db: DbEngine
    limiter: Limiter
    metrics: Metrics
    engine: Engine | None = None
    engine_error: str = ""  # why the engine failed to load, for /readyz
    jobs: JobRunner | None = field(default=None)
    reports: ReportRunner | None = field(default=None)


def get_runtime(request: Request) -> Runtime:
    """Return the app's runtime (set up in the lifespan)."""
    runtime = getattr(request.app.state, "runtime", None)
    if not isinstance(runtime, Runtime):
        raise NotReady("The service is starting up.")
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


def get_session(runtime: RuntimeDep) -> Iterator[Session]:
    """Yield a database session for one request."""
    with Session(runtime.db) as session:
        yield session


def get_engine(runtime: RuntimeDep) -> Engine:
    """Return the loaded screening engine, or answer 503 while it is unavailable."""
    if runtime.engine is None:
        raise NotReady(
            "The reference snapshot and models are not loaded: " + (runtime.engine_error or "starting")
        )
    return runtime.engine


def get_settings_dep(runtime: RuntimeDep) -> Settings:
    """Return the app's settings."""
    return runtime.settings


SessionDep = Annotated[Session, Depends(get_session)]
EngineDep = Annotated[Engine, Depends(get_engine)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
