"""Every error leaves in the ErrorResponse shape with a request id, never with a stack trace."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from service.main import create_app
from tests.service.conftest import Api, make_settings
from tests.service.fakes import fake_engine

SHAPE = {"status", "code", "detail", "request_id", "errors"}


def test_errors_unknown_route_and_method_use_error_shape(api: Api) -> None:
    for method, path, status in [("get", "/v1/nowhere", 404), ("delete", "/v1/screen", 405)]:
        response = api.client.request(method, path)
        assert response.status_code == status
        assert set(response.json()) == SHAPE


def test_errors_unexpected_exception_is_generic_500(tmp_path: Path) -> None:
    engine = fake_engine()

    def _boom(*_: object, **__: object) -> object:
        raise ValueError("secret internal detail")

    engine.screener.screen = _boom  # type: ignore[method-assign]
    app = create_app(make_settings(tmp_path), engine=engine)
    with TestClient(app, raise_server_exceptions=False) as client:
        from sqlmodel import Session

        from service.keys import create_key

        with Session(app.state.runtime.db) as session:
            token = create_key(session, tenant_id="acme", scopes=["screen"]).token
        response = client.post("/v1/screen", json={"name": "Acme"}, headers={"X-API-Key": token})
    body = response.json()
    assert response.status_code == 500 and set(body) == SHAPE
    assert "secret" not in response.text and "Traceback" not in response.text
    assert len(body["request_id"]) >= 8


def test_errors_echo_safe_request_id(api: Api) -> None:
    response = api.client.get("/v1/screenings", headers={"X-Request-ID": "client-req-12345"})
    assert response.json()["request_id"] == "client-req-12345"
    assert response.headers["x-request-id"] == "client-req-12345"
    forged = api.client.get("/v1/screenings", headers={"X-Request-ID": "bad id\nINJECTED"})
    assert forged.json()["request_id"] != "bad id\nINJECTED"


def test_errors_malformed_json_is_422(api: Api) -> None:
    headers = {**api.key(), "Content-Type": "application/json"}
    response = api.client.post("/v1/screen", content=b"{not json", headers=headers)
    assert response.status_code == 422 and response.json()["code"] == "validation_error"
