"""Liveness, readiness and Prometheus metrics (open: no tenant data, no key needed)."""

from __future__ import annotations

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from service.db import ping
from service.deps import RuntimeDep
from service.errors import NotReady
from service.routers.responses import errors

router = APIRouter(tags=["health"])


class Health(BaseModel):
    """The process is alive."""

    status: str = Field(description="Always `ok` when the process answers.", examples=["ok"])


class Readiness(BaseModel):
    """The service can screen: snapshot and models loaded, database reachable."""

    status: str = Field(description="`ready`.", examples=["ready"])
    snapshot_id: str = Field(description="Loaded reference snapshot.", examples=["3f9a1c2b7d4e"])
    model_version: str = Field(description="Loaded models.", examples=["match-v1+risk-v1"])
    database: str = Field(description="`ok` when the database answered.", examples=["ok"])


@router.get("/healthz", summary="Liveness")
def healthz() -> Health:
    """Answer ok while the process runs."""
    return Health(status="ok")


@router.get("/readyz", summary="Readiness", responses=errors(503))
def readyz(runtime: RuntimeDep) -> Readiness:
    """Answer ready when the snapshot and models are loaded and the database answers, else 503."""
    if runtime.engine is None:
        raise NotReady(
            "The reference snapshot and models are not loaded: " + (runtime.engine_error or "starting")
        )
    if not ping(runtime.db):
        raise NotReady("The database does not answer.")
    return Readiness(
        status="ready",
        snapshot_id=runtime.engine.snapshot_id,
        model_version=runtime.engine.model_version,
        database="ok",
    )


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    response_class=Response,
    responses={
        200: {
            "description": "Prometheus text format.",
            "content": {"text/plain": {"schema": {"type": "string"}}},
        }
    },
)
def metrics(runtime: RuntimeDep) -> Response:
    """Return request, screening and job counters in the Prometheus text format."""
    runtime.metrics.ready.set(1 if runtime.engine is not None else 0)
    return Response(content=runtime.metrics.render(), media_type="text/plain; version=0.0.4; charset=utf-8")
