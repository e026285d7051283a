"""Screening endpoints: one record, keyed batches, stored results with filters."""

from __future__ import annotations

from service.schemas.screening import MatchPublic
from tests.service.conftest import BOTH_DATABASES, Api

LISTED = {"name": "Hoshine Silicon Industry Co., Ltd.", "country": "China", "supplier_id": "V-1"}
CLEAN = {"name": "Ordinary Widgets GmbH", "country": "DE", "supplier_id": "V-2"}


@BOTH_DATABASES
def test_screen_listed_supplier_returns_stamped_explained_result(api: Api) -> None:
    response = api.client.post("/v1/screen", json=LISTED, headers=api.key())
    body = response.json()
    assert response.status_code == 200
    assert body["risk"]["tier"] == "severe"
    assert body["supplier"]["country"] == "CN"
    assert body["snapshot_id"] == api.runtime.engine.snapshot_id  # type: ignore[union-attr]
    assert body["model_version"] == api.runtime.engine.model_version  # type: ignore[union-attr]
    best = body["matches"][0]
    assert best["is_match"] and best["source_id"] == "us_cbp_wro" and best["contributions"]
    assert best["names_matched"] >= 1  # the name it matched on, at least
    assert body["risk"]["findings"][0]["evidence"]


def test_stored_result_from_before_names_matched_still_reads() -> None:
    # Results stored before the field existed lack it; they read back with 0, not a 500.
    stored = {
        "entity_id": "l:1", "source_id": "s", "entity_name": "A", "matched_name": "A", "score": 0.9,
        "is_match": True, "suppressed": False, "entity_country": None, "listed_on": None, "action": "",
        "legal_basis": "", "source_url": "", "intercept": -2.0, "contributions": [],
    }  # fmt: skip
    assert MatchPublic.model_validate(stored).names_matched == 0


def test_screen_unresolved_country_warns(api: Api) -> None:
    body = api.client.post(
        "/v1/screen", json={"name": "Acme", "country": "Atlantis"}, headers=api.key()
    ).json()
    assert body["supplier"]["country"] is None
    assert any("Atlantis" in w for w in body["warnings"])


def test_screen_batch_answers_under_callers_keys(api: Api) -> None:
    payload = {"queries": {"row-1": LISTED, "row-2": CLEAN}}
    body = api.client.post("/v1/screen/batch", json=payload, headers=api.key()).json()
    assert set(body["responses"]) == {"row-1", "row-2"}
    assert body["responses"]["row-1"]["risk"]["tier"] == "severe"
    assert body["responses"]["row-2"]["supplier"]["supplier_id"] == "V-2"
    assert body["snapshot_id"] == body["responses"]["row-1"]["snapshot_id"]


def test_screen_rejects_blank_name_with_field_errors(api: Api) -> None:
    response = api.client.post("/v1/screen", json={"name": "   "}, headers=api.key())
    body = response.json()
    assert response.status_code == 422
    assert body["code"] == "validation_error" and body["request_id"]
    assert body["errors"][0]["loc"][:2] == ["body", "name"]


def test_screenings_list_filters_by_tier_list_and_date(api: Api) -> None:
    headers = api.key()
    first = api.client.post("/v1/screen", json=LISTED, headers=headers).json()
    api.client.post("/v1/screen", json=CLEAN, headers=headers)
    cases = [
        ({}, 2),
        ({"tier": "severe"}, 1),
        ({"list": "us_cbp_wro"}, 1),
        ({"list": "us_dhs_uflpa"}, 0),
        ({"since": "2000-01-01T00:00:00Z"}, 2),
        ({"until": "2000-01-01T00:00:00Z"}, 0),
        ({"supplier_ref": first["supplier_ref"]}, 1),
    ]
    for params, expected in cases:
        page = api.client.get("/v1/screenings", params=params, headers=headers).json()
        assert page["total"] == expected, params
    listed = api.client.get("/v1/screenings", params={"tier": "severe"}, headers=headers).json()["items"][0]
    assert listed["lists"] == ["us_cbp_wro"] and listed["id"] == first["id"]


def test_screenings_fetch_one_returns_stored_result(api: Api) -> None:
    headers = api.key()
    created = api.client.post("/v1/screen", json=LISTED, headers=headers).json()
    fetched = api.client.get(f"/v1/screenings/{created['id']}", headers=headers)
    assert fetched.status_code == 200 and fetched.json() == created
    missing = api.client.get("/v1/screenings/nope", headers=headers)
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"


def test_suppliers_track_latest_screening(api: Api) -> None:
    headers = api.key()
    api.client.post("/v1/screen", json=LISTED, headers=headers)
    second = api.client.post("/v1/screen", json=LISTED, headers=headers).json()
    page = api.client.get("/v1/suppliers", params={"tier": "severe"}, headers=headers).json()
    assert page["total"] == 1
    supplier = page["items"][0]
    assert supplier["screenings_count"] == 2 and supplier["last_screening_id"] == second["id"]
    detail = api.client.get(f"/v1/suppliers/{supplier['id']}", headers=headers).json()
    assert detail["supplier_id"] == "V-1" and detail["dispositions"] == []
