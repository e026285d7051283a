"""The FastAPI application factory: settings, database, engine, routers, errors, middleware."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import structlog
from fastapi import FastAPI
from fastapi.routing import APIRoute

from service.config import Settings, get_settings
from service.db import make_engine, migrate
from service.deps import Runtime
from service.engine import Engine, load_default_engine
from service.errors import install_error_handlers
from service.jobs import JobRunner
from service.logs import configure_logging
from service.metrics import Metrics
from service.middleware import BodyLimitMiddleware, RequestContextMiddleware
from service.ratelimit import make_limiter
from service.report_tasks import ReportRunner
from service.routers import audit, health, jobs, model, reference, report_tasks, review, screenings
from service.web import pages, reports

API_VERSION = "1.0.0"
_log = structlog.get_logger("flscreen.service")

DESCRIPTION = """\
Forced-labour and trafficking risk screening for supply chains (UN General Assembly resolution 76/7,
paragraph 28). Procurement systems screen suppliers and procurement records against public risk lists
and get an explainable risk score whose findings are mapped to the UN Guiding Principles on Business
and Human Rights, the paragraph-28 commitments and the laws they bear on.

* **Authentication**: every `/v1` endpoint needs an API key (`flscreen keys create --tenant NAME`), sent
  as `Authorization: Bearer <key>` or `X-API-Key: <key>`. Scopes: `screen`, `read`, `review`, `admin`.
* **Tenants**: a key sees only its tenant's screenings, suppliers, jobs, dispositions and audit log.
* **Reproducibility**: every result carries `snapshot_id` and `model_version`.
* **Errors**: every error has the `ErrorResponse` shape with a `request_id`.
* **Coverage**: some bundled sources are partial (see `/v1/reference`); a non-match is never a clearance.
"""


def _operation_id(route: APIRoute) -> str:
    return f"{route.tags[0]}-{route.name}" if route.tags else route.name


_UPLOAD_PATHS = frozenset({"/v1/jobs", "/ui/jobs"})  # file uploads: the API and the web page


def _upload_aware_limit(settings: Settings) -> Callable[[str], int]:
    def limit_for(path: str) -> int:
        return settings.max_upload_bytes if path.rstrip("/") in _UPLOAD_PATHS else settings.max_body_bytes

    return limit_for


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    """Build the app; the lifespan migrates the database, loads the engine and starts the workers."""
    settings = settings or get_settings()
    metrics = Metrics()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging(settings.log_level, settings.log_json)
        db = make_engine(settings.resolved_database_url())
        migrate(db)
        runtime = Runtime(settings=settings, db=db, limiter=make_limiter(settings, metrics), metrics=metrics)
        try:
            runtime.engine = engine or load_default_engine(settings.custom_lists)
        except Exception as exc:  # the API still starts, answers /healthz, and says why in /readyz
            runtime.engine_error = f"{type(exc).__name__}: {exc}"[:500]
            _log.exception("engine_load_failed")
        runtime.jobs = JobRunner(runtime)
        runtime.reports = ReportRunner(runtime)
        app.state.runtime = runtime
        if settings.job_worker:
            runtime.jobs.start()
            runtime.reports.start()
        _log.info(
            "started",
            environment=settings.environment,
            snapshot_ready=runtime.engine is not None,
            rate_limit="redis" if settings.redis_url else "memory",
        )
        try:
            yield
        finally:
            runtime.jobs.stop()
            runtime.reports.stop()
            runtime.limiter.close()
            db.dispose()

    app = FastAPI(
        title="flscreen",
        version=API_VERSION,
        description=DESCRIPTION,
        lifespan=lifespan,
        generate_unique_id_function=_operation_id,
        openapi_tags=[
            {"name": "screenings", "description": "Screen records and read stored results."},
            {"name": "jobs", "description": "Batch jobs over uploaded CSV/XLSX files."},
            {"name": "review", "description": "Suppliers and reviewers' dispositions."},
            {"name": "reference", "description": "The loaded reference data and its provenance."},
            {"name": "model", "description": "Match model, risk model and frameworks catalogue."},
            {"name": "audit", "description": "Append-only audit log."},
            {"name": "health", "description": "Liveness, readiness and metrics."},
        ],
    )
    install_error_handlers(app)
    for router in (
        screenings.router,
        jobs.router,
        review.router,
        reference.router,
        model.router,
        audit.router,
        health.router,
        reports.router,
        report_tasks.router,
        pages.router,
    ):
        app.include_router(router)
    app.add_middleware(BodyLimitMiddleware, limit_for=_upload_aware_limit(settings))
    app.add_middleware(RequestContextMiddleware, metrics=lambda: metrics)
    return app
