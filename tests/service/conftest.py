"""API test fixtures: an app on in-memory SQLite (or PostgreSQL) with a fake engine, and key helpers."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session

from service.config import Settings
from service.deps import Runtime
from service.engine import Engine, load_default_engine
from service.keys import create_key
from service.main import create_app
from tests.service.fakes import fake_engine

PG_BASE = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def make_settings(tmp_path: Path, database_url: str = "sqlite://", **kw: Any) -> Settings:
    """Return test settings: no background worker, generous rate limit, files under tmp_path."""
    base: dict[str, Any] = {
        "environment": "test",
        "data_dir": tmp_path,
        "database_url": database_url,
        "job_worker": False,
        "rate_limit_per_minute": 10_000,
        "job_chunk_rows": 2,
    }
    base.update(kw)
    return Settings(**base)


@dataclass
class Api:
    """A running test app with a client and a way to mint keys."""

    app: FastAPI
    client: TestClient

    @property
    def runtime(self) -> Runtime:
        runtime = self.app.state.runtime
        assert isinstance(runtime, Runtime)
        return runtime

    def key(self, tenant: str = "acme", *scopes: str) -> dict[str, str]:
        """Create a key and return the Authorization header for it."""
        with Session(self.runtime.db) as session:
            new = create_key(
                session, tenant_id=tenant, scopes=scopes or ("screen", "read", "review", "admin")
            )
        return {"Authorization": f"Bearer {new.token}"}


def clear_of_minute_boundary(margin: float = 3.0) -> None:
    """Wait until neither clock is within `margin` seconds of a new minute.

    Rate limits count in fixed one-minute windows (the in-memory one on the monotonic clock, the Redis one
    on the wall clock), so a test whose requests straddle a new minute sees its count start again.
    """
    while max(time.monotonic() % 60, time.time() % 60) > 60 - margin:
        time.sleep(0.05)


def start_api(settings: Settings, engine: Engine | None = None) -> Iterator[Api]:
    """Run an app for the duration of a with-block."""
    app = create_app(settings, engine=engine or fake_engine())
    with TestClient(app, raise_server_exceptions=False) as client:
        yield Api(app, client)


def _postgres_url() -> str:
    """Return a URL for a fresh schema on the test PostgreSQL, or skip with the reason."""
    try:
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/test", connect_timeout=2) as conn:
            schema = f"t_{uuid.uuid4().hex[:12]}"
            conn.execute(f'CREATE SCHEMA "{schema}"')
    except Exception as exc:  # unreachable server, no database, no driver
        pytest.skip(
            f"PostgreSQL at 127.0.0.1:5432/test not reachable ({type(exc).__name__}); .ci/run starts it"
        )
    return f"{PG_BASE}?options=-csearch_path%3D{schema}"


def _drop_schema(url: str) -> None:
    import psycopg

    schema = url.rsplit("%3D", 1)[1]
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/test", connect_timeout=2) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture(params=["sqlite"])
def database_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """The database under test: in-memory SQLite by default; modules may add "postgresql"."""
    if request.param == "sqlite":
        yield "sqlite://"
        return
    url = _postgres_url()
    try:
        yield url
    finally:
        _drop_schema(url)


@pytest.fixture(scope="session")
def real_engine() -> Engine:
    """The bundled snapshot with the shipped models, loaded once per test session."""
    return load_default_engine()


@pytest.fixture
def api(tmp_path: Path, database_url: str, real_engine: Engine) -> Iterator[Api]:
    """A running app with the real engine."""
    yield from start_api(make_settings(tmp_path, database_url), real_engine)


@pytest.fixture
def fake_api(tmp_path: Path) -> Iterator[Api]:
    """A running app with the three-entity fake engine (for changing reference records)."""
    yield from start_api(make_settings(tmp_path))


BOTH_DATABASES = pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
