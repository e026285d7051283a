"""Authentication, scopes, and the tenant matrix: no endpoint returns another tenant's data."""

from __future__ import annotations

import io

import pytest
from sqlmodel import Session

from service.keys import revoke_key
from tests.service.conftest import BOTH_DATABASES, Api

RECORD = {"name": "Hoshine Silicon Industry Co., Ltd.", "country": "CN", "supplier_id": "V-1"}


def _token(headers: dict[str, str]) -> str:
    return headers["Authorization"].removeprefix("Bearer ")


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Bearer fls_0000000000000000_" + "a" * 43}, 401),
        ({"Authorization": "Bearer not-a-key"}, 401),
        ({"X-API-Key": "wrong"}, 401),
        ({"Authorization": "Basic dXNlcjpwYXNz"}, 401),
    ],
)
def test_auth_refuses_missing_or_unknown_keys(api: Api, headers: dict[str, str], status: int) -> None:
    response = api.client.get("/v1/screenings", headers=headers)
    assert response.status_code == status
    assert response.json()["code"] == "not_authenticated"


def test_auth_accepts_x_api_key_header(api: Api) -> None:
    token = _token(api.key())
    assert api.client.get("/v1/screenings", headers={"X-API-Key": token}).status_code == 200


def test_auth_refuses_revoked_key(api: Api) -> None:
    headers = api.key()
    with Session(api.runtime.db) as session:
        assert revoke_key(session, key_id=_token(headers)[4:20])
    assert api.client.get("/v1/screenings", headers=headers).status_code == 401


@pytest.mark.parametrize(
    ("scope", "method", "path", "allowed"),
    [
        ("read", "post", "/v1/screen", False),
        ("screen", "post", "/v1/screen", True),
        ("screen", "get", "/v1/screenings", False),
        ("read", "get", "/v1/screenings", True),
        ("read", "get", "/v1/audit", False),
        ("review", "get", "/v1/audit", False),
        ("admin", "get", "/v1/audit", True),
        ("admin", "post", "/v1/screen", True),
        ("read", "post", "/v1/screenings/x/dispositions", False),
    ],
)
def test_auth_scopes_gate_endpoints(api: Api, scope: str, method: str, path: str, allowed: bool) -> None:
    headers = api.key("acme", scope)
    body = RECORD if path == "/v1/screen" else {"entity_id": "e", "status": "confirmed"}
    response = api.client.request(method, path, headers=headers, json=body if method == "post" else None)
    assert (response.status_code != 403) is allowed
    if not allowed:
        assert response.json()["code"] == "forbidden"


def _seed(api: Api, headers: dict[str, str]) -> dict[str, str]:
    screening = api.client.post("/v1/screen", json=RECORD, headers=headers).json()
    entity_id = screening["matches"][0]["entity_id"]
    disposition = api.client.post(
        f"/v1/screenings/{screening['id']}/dispositions",
        json={"entity_id": entity_id, "status": "false_positive"},
        headers=headers,
    ).json()
    files = {"file": ("s.csv", io.BytesIO(b"name,country\nHoshine Silicon Industry,CN\n"), "text/csv")}
    job = api.client.post("/v1/jobs", files=files, headers=headers).json()
    api.runtime.jobs.drain()  # type: ignore[union-attr]
    return {
        "screening": screening["id"],
        "supplier": screening["supplier_ref"],
        "job": job["id"],
        "disposition": disposition["id"],
        "entity": entity_id,
    }


@BOTH_DATABASES
def test_tenants_never_see_each_others_data(api: Api) -> None:
    mine, theirs = api.key("acme"), api.key("globex")
    ids = _seed(api, mine)
    single = [
        f"/v1/screenings/{ids['screening']}",
        f"/v1/suppliers/{ids['supplier']}",
        f"/v1/jobs/{ids['job']}",
        f"/v1/jobs/{ids['job']}/results",
        f"/v1/jobs/{ids['job']}/download",
    ]
    for path in single:
        assert api.client.get(path, headers=mine).status_code == 200, path
        other = api.client.get(path, headers=theirs)
        assert other.status_code == 404 and other.json()["code"] == "not_found", path
    listings = ["/v1/screenings", "/v1/suppliers", "/v1/jobs", "/v1/dispositions", "/v1/audit"]
    for path in listings:
        assert api.client.get(path, headers=mine).json()["total"] > 0, path
        assert api.client.get(path, headers=theirs).json()["total"] == 0, path
    cross = api.client.post(
        f"/v1/screenings/{ids['screening']}/dispositions",
        json={"entity_id": ids["entity"], "status": "confirmed"},
        headers=theirs,
    )
    assert cross.status_code == 404
    # The other tenant's screening of the same supplier is not suppressed by acme's disposition.
    fresh = api.client.post("/v1/screen", json=RECORD, headers=theirs).json()
    assert not any(m["suppressed"] for m in fresh["matches"])
