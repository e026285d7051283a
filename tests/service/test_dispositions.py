"""Dispositions: a false positive stays suppressed until the entity's reference record changes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tests.service.conftest import Api, make_settings, start_api
from tests.service.fakes import ENTITIES, fake_engine

RECORD = {"name": "Shadow Garments Factory", "supplier_id": "S-9"}


def _mark(api: Api, headers: dict[str, str], screening_id: str, status: str) -> dict[str, object]:
    body = {"entity_id": "test_list:2", "status": status, "note": "checked registry"}
    response = api.client.post(f"/v1/screenings/{screening_id}/dispositions", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_dispositions_false_positive_suppresses_later_screenings(fake_api: Api) -> None:
    headers = fake_api.key()
    first = fake_api.client.post("/v1/screen", json=RECORD, headers=headers).json()
    assert first["risk"]["tier"] == "severe"
    made = _mark(fake_api, headers, first["id"], "false_positive")
    assert made["active"] is True
    second = fake_api.client.post("/v1/screen", json=RECORD, headers=headers).json()
    hit = next(m for m in second["matches"] if m["entity_id"] == "test_list:2")
    assert hit["suppressed"] is True and second["risk"]["tier"] == "none"
    listed = fake_api.client.get("/v1/screenings", params={"list": "test_list"}, headers=headers).json()
    assert [i["id"] for i in listed["items"]] == [first["id"]]


def test_dispositions_confirmed_after_false_positive_lifts_suppression(fake_api: Api) -> None:
    headers = fake_api.key()
    first = fake_api.client.post("/v1/screen", json=RECORD, headers=headers).json()
    _mark(fake_api, headers, first["id"], "false_positive")
    _mark(fake_api, headers, first["id"], "confirmed")
    again = fake_api.client.post("/v1/screen", json=RECORD, headers=headers).json()
    assert again["risk"]["tier"] == "severe"
    listing = fake_api.client.get(
        "/v1/dispositions", params={"entity_id": "test_list:2"}, headers=headers
    ).json()
    assert [d["status"] for d in listing["items"]] == ["confirmed", "false_positive"]
    assert [d["active"] for d in listing["items"]] == [True, False]


def test_dispositions_lapse_when_entity_record_changes(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite'}")
    for api in start_api(settings, fake_engine()):
        headers = api.key("acme")
        token = headers
        first = api.client.post("/v1/screen", json=RECORD, headers=headers).json()
        _mark(api, headers, first["id"], "false_positive")
    changed = [
        replace(e, address="New address published") if e.entity_id == "test_list:2" else e for e in ENTITIES
    ]
    for api in start_api(settings, fake_engine(changed, "snap-test-2")):
        again = api.client.post("/v1/screen", json=RECORD, headers=token).json()
        hit = next(m for m in again["matches"] if m["entity_id"] == "test_list:2")
        assert hit["suppressed"] is False and again["risk"]["tier"] == "severe"


def test_dispositions_refuse_entity_not_matched(fake_api: Api) -> None:
    headers = fake_api.key()
    first = fake_api.client.post(
        "/v1/screen", json={"name": "Shadow Garments Factory"}, headers=headers
    ).json()
    body = {"entity_id": "nowhere:1", "status": "confirmed"}
    response = fake_api.client.post(f"/v1/screenings/{first['id']}/dispositions", json=body, headers=headers)
    assert response.status_code == 409 and response.json()["code"] == "conflict"
