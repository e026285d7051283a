"""Fixtures that run the real API in process for SDK and CLI contract tests (imported by those tests).

The SDK speaks httpx; starlette's TestClient is built on httpx2, so these transports hand each httpx
request to a TestClient and turn its answer back into an httpx response. The app is the real one
(``service.main.create_app``) on in-memory SQLite, as in tests/service/conftest.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from clients import ScreeningClient
from clients._retry import RetryPolicy
from service.config import Settings
from service.engine import Engine, load_default_engine
from service.keys import create_key
from service.main import create_app

BASE_URL = "http://testserver"
NO_RETRY = RetryPolicy(retries=0)


def _forward(client: TestClient, request: httpx.Request) -> httpx.Response:
    """Send an httpx request through the TestClient and convert the answer."""
    answer = client.request(
        request.method, str(request.url), headers=dict(request.headers), content=request.read()
    )
    return httpx.Response(answer.status_code, headers=answer.headers.multi_items(), content=answer.content)


class AppTransport(httpx.BaseTransport):
    """Sync httpx transport into an in-process app."""

    def __init__(self, client: TestClient) -> None:
        self.client = client

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return _forward(self.client, request)


class AsyncAppTransport(httpx.AsyncBaseTransport):
    """Async httpx transport into an in-process app (the app runs on the TestClient's loop)."""

    def __init__(self, client: TestClient) -> None:
        self.client = client

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        return _forward(self.client, request)


@dataclass
class LiveApi:
    """A running app, a TestClient on it, and a way to mint API keys."""

    client: TestClient

    def key(self, tenant: str = "acme", *scopes: str) -> str:
        """Create an API key and return its token."""
        runtime = self.client.app.state.runtime  # type: ignore[attr-defined]
        with Session(runtime.db) as session:
            new = create_key(
                session, tenant_id=tenant, scopes=scopes or ("screen", "read", "review", "admin")
            )
        return new.token

    def drain_jobs(self) -> None:
        """Run queued jobs to the end (the test app has no background worker)."""
        self.client.app.state.runtime.jobs.drain()  # type: ignore[attr-defined]

    def drain_reports(self) -> None:
        """Render queued report tasks to the end (the test app has no background worker)."""
        self.client.app.state.runtime.reports.drain()  # type: ignore[attr-defined]

    def sdk(self, key: str | None = None, **kw: object) -> ScreeningClient:
        """Return a sync SDK client wired into the app."""
        token = key if key is not None else self.key()
        return ScreeningClient(BASE_URL, token, transport=AppTransport(self.client), retry=NO_RETRY, **kw)  # type: ignore[arg-type]


def settings(tmp_path: Path, **kw: object) -> Settings:
    """Return test settings: in-memory SQLite, no background worker, files under tmp_path."""
    base: dict[str, object] = {
        "environment": "test",
        "data_dir": tmp_path,
        "database_url": "sqlite://",
        "job_worker": False,
        "rate_limit_per_minute": 100_000,
        "job_chunk_rows": 50,
    }
    base.update(kw)
    return Settings(**base)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def engine() -> Engine:
    """The bundled snapshot and shipped models, loaded once per session."""
    return load_default_engine()


@pytest.fixture
def live_api(tmp_path: Path, engine: Engine) -> Iterator[LiveApi]:
    """The real app with the real engine on a fresh in-memory database."""
    app = create_app(settings(tmp_path), engine=engine)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield LiveApi(client)
