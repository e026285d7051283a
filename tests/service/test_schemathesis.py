"""Property-based fuzzing of the app's own OpenAPI document: no input produces a 5xx."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from sqlmodel import Session

from service.engine import load_default_engine
from service.keys import create_key
from service.main import create_app
from tests.service.conftest import make_settings

_state: dict[str, object] = {}


def _app() -> object:
    """Build one app for the whole fuzz run (engine loaded once)."""
    if "app" not in _state:
        tmp = Path(__import__("tempfile").mkdtemp(prefix="flscreen-fuzz-"))
        _state["app"] = create_app(make_settings(tmp), engine=load_default_engine())
    return _state["app"]


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@pytest.fixture(scope="module")
def token() -> Iterator[str]:
    from fastapi.testclient import TestClient

    app = _app()
    with TestClient(app) as client:  # type: ignore[arg-type]
        with Session(app.state.runtime.db) as session:  # type: ignore[attr-defined]
            _state["token"] = create_key(session, tenant_id="fuzz", scopes=["admin"]).token
        _state["client"] = client
        yield str(_state["token"])


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_schemathesis_no_server_errors(case: schemathesis.Case, token: str) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=[not_a_server_error])
