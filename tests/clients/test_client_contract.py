"""The SDK against the API contract: its models agree with openapi.json, and it works on the real app."""

from __future__ import annotations

import asyncio
import inspect
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from clients import (
    AsyncScreeningClient,
    AuthenticationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ScreeningClient,
    ValidationError,
)
from clients import _models as models
from clients import _models_ref as models_ref
from tests.clients.conftest_api import BASE_URL, AsyncAppTransport, LiveApi, engine, live_api  # noqa: F401

OPENAPI = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"
SCHEMAS: dict[str, Any] = json.loads(OPENAPI.read_text(encoding="utf-8"))["components"]["schemas"]
CONSTRAINTS = ("minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems", "enum")
NOT_MODELLED = {"Body_jobs-create_job"}  # the multipart form, sent by submit_job()


def _client_models() -> dict[str, type[BaseModel]]:
    found: dict[str, type[BaseModel]] = {}
    for module in (models, models_ref):
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, BaseModel)
                and value.__module__ == module.__name__
            ):
                found[name] = value
    found.pop("_Request", None)
    found.pop("_Response", None)
    return found


def shape(schema: Any) -> Any:
    """Reduce a JSON schema to what the contract fixes: types, refs, formats and constraints."""
    if schema is True or schema == {}:
        return "any"
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return sorted((shape(s) for s in schema["anyOf"]), key=str)
    out: dict[str, Any] = {"type": schema.get("type")}
    if "format" in schema:
        out["format"] = schema["format"]
    if "items" in schema:
        out["items"] = shape(schema["items"])
    if schema.get("type") == "object" and "properties" not in schema:
        out["values"] = shape(schema.get("additionalProperties", True))
    out.update({k: schema[k] for k in CONSTRAINTS if k in schema})
    return out


def _fields(schema: dict[str, Any]) -> dict[str, Any]:
    return {name: shape(prop) for name, prop in schema.get("properties", {}).items()}


MODELS = _client_models()
# operationId -> the SDK method that calls it; a new operation fails the test until it is covered.
OPERATIONS = {
    "audit-list_audit": "list_audit",
    "health-healthz": "health",
    "health-readyz": "ready",
    "health-metrics": "",
    "jobs-create_job": "submit_job",
    "jobs-create_report_task": "create_report_task",
    "jobs-download_report_task": "download_report_task",
    "jobs-get_report_task": "get_report_task",
    "jobs-download_job": "download_job",
    "jobs-download_report": "download_report",
    "jobs-get_job": "get_job",
    "jobs-list_job_results": "job_results",
    "jobs-list_jobs": "list_jobs",
    "model-get_frameworks": "get_frameworks",
    "model-get_model": "get_model",
    "reference-get_entity": "get_entity",
    "reference-get_reference": "get_reference",
    "reference-get_source": "get_source",
    "reference-list_entities": "list_entities",
    "review-create_disposition": "create_disposition",
    "review-get_supplier": "get_supplier",
    "review-list_dispositions": "list_dispositions",
    "review-list_suppliers": "list_suppliers",
    "screenings-get_screening": "get_screening",
    "screenings-list_screenings": "list_screenings",
    "screenings-screen_batch": "screen_batch",
    "screenings-screen_record": "screen",
}  # health-metrics is Prometheus text for scrapers, not for the SDK


def test_contract_every_operation_has_a_method() -> None:
    document = json.loads(OPENAPI.read_text(encoding="utf-8"))
    operations = {op["operationId"] for path in document["paths"].values() for op in path.values()}
    assert operations == set(OPERATIONS)
    for method in filter(None, OPERATIONS.values()):
        assert callable(getattr(ScreeningClient, method)) and callable(getattr(AsyncScreeningClient, method))


def test_contract_every_schema_is_modelled() -> None:
    assert set(SCHEMAS) - NOT_MODELLED == set(MODELS)


@pytest.mark.parametrize("name", sorted(MODELS))
def test_contract_model_matches_openapi(name: str) -> None:
    ours = MODELS[name].model_json_schema(ref_template="#/components/schemas/{model}")
    theirs = SCHEMAS[name]
    assert sorted(_fields(ours)) == sorted(_fields(theirs))
    assert set(ours.get("required", [])) == set(theirs.get("required", []))
    assert _fields(ours) == _fields(theirs)
    if issubclass(MODELS[name], models._Request):  # responses ignore unknown fields on purpose
        assert ours.get("additionalProperties") == theirs.get("additionalProperties")


def test_contract_shape_notices_a_change() -> None:
    changed = {**SCHEMAS["CoverageNote"], "properties": {"note": {"type": "integer"}}}
    assert _fields(changed) != _fields(MODELS["CoverageNote"].model_json_schema())


HOSHINE = {"supplier_id": "V-1", "name": "Hoshine Silicon Industry Co., Ltd.", "country": "China"}


def test_contract_screen_batch_and_stored_results(live_api: LiveApi) -> None:  # noqa: F811
    with live_api.sdk(max_batch=2) as sdk:
        one = sdk.screen(HOSHINE)
        assert one.risk.tier == "severe" and one.supplier.country == "CN"
        batch = sdk.screen_batch(
            {"a": HOSHINE, "b": {"name": "Plain Bakery Ltd"}, "c": {"name": "Acme GmbH"}}
        )
        assert list(batch.responses) == ["a", "b", "c"] and batch.snapshot_id == one.snapshot_id
        assert sdk.get_screening(one.id).id == one.id
        page = sdk.list_screenings(tier="severe")
        assert page.total == 2 and {s.id for s in page.items} >= {one.id}
        suppliers = sdk.list_suppliers()
        assert suppliers.total == 3
        detail = sdk.get_supplier(one.supplier_ref)
        assert detail.screenings_count == 2


def test_contract_disposition_and_reference(live_api: LiveApi) -> None:  # noqa: F811
    with live_api.sdk() as sdk:
        result = sdk.screen(HOSHINE)
        entity_id = result.matches[0].entity_id
        decision = sdk.create_disposition(result.id, entity_id, "false_positive", "different company")
        assert decision.active and sdk.list_dispositions(entity_id=entity_id).total == 1
        again = sdk.screen(HOSHINE)
        assert again.matches[0].suppressed
        reference = sdk.get_reference()
        assert reference.snapshot_id == result.snapshot_id and reference.sources
        source = sdk.get_source(reference.sources[0].source_id)
        assert source.source_id == reference.sources[0].source_id
        entity = sdk.get_entity(entity_id)
        assert entity.entity_id == entity_id
        assert sdk.list_entities(q="Hoshine").total >= 1
        assert sdk.get_model().match_model.features
        assert sdk.get_frameworks().ungp.principles
        assert sdk.list_audit().total >= 3
        assert sdk.health().status == "ok" and sdk.ready().status == "ready"


def test_contract_jobs_round_trip(live_api: LiveApi, tmp_path: Path) -> None:  # noqa: F811
    upload = tmp_path / "suppliers.csv"
    upload.write_text("Supplier Name;Country\nHoshine Silicon Industry Co., Ltd.;CN\nPlain Bakery;FR\n")
    with live_api.sdk() as sdk:
        job = sdk.submit_job(upload)
        assert job.status == "queued" and job.total_rows == 2
        with pytest.raises(ConflictError):
            sdk.download_job(job.id)
        live_api.drain_jobs()
        assert sdk.wait_for_job(job.id, timeout=5).status == "done"
        rows = list(sdk.iter_job_results(job.id, page_size=1))
        assert [r.row for r in rows] == [1, 2] and rows[0].risk_tier == "severe"
        assert sdk.download_job(job.id, "csv").decode("utf-8-sig").startswith("row,supplier_id,name")
        assert sdk.list_jobs().total == 1
        assert b"<html" in sdk.download_report(job.id, "html", min_tier="low").lower()


def test_contract_report_task_round_trip(live_api: LiveApi) -> None:  # noqa: F811
    with live_api.sdk() as sdk:
        job = sdk.submit_job(
            b"Supplier Name;Country\nHoshine Silicon Industry Co., Ltd.;CN\n", filename="s.csv"
        )
        live_api.drain_jobs()
        task = sdk.create_report_task(job.id, "xlsx", min_tier="low", sections=5)
        assert task.status == "queued" and task.format == "xlsx" and task.sections == 5
        with pytest.raises(ConflictError):
            sdk.download_report_task(task.id)
        live_api.drain_reports()
        done = sdk.wait_for_report_task(task.id, timeout=5)
        assert done.status == "done" and done.file_url == f"/v1/reports/{task.id}/file"
        body = sdk.download_report_task(task.id)
        assert body == sdk.download_report(job.id, "xlsx", min_tier="low", sections=5)
        assert len(body) == done.size_bytes
        with pytest.raises(NotFoundError):
            sdk.get_report_task("nope")

    async def run() -> tuple[str, bytes]:
        transport = AsyncAppTransport(live_api.client)
        async with AsyncScreeningClient(BASE_URL, live_api.key(), transport=transport) as client:
            queued = await client.create_report_task(job.id, "html")
            live_api.drain_reports()
            finished = await client.wait_for_report_task(queued.id, timeout=5)
            return finished.status, await client.download_report_task(queued.id)

    status, html = asyncio.run(run())
    assert status == "done" and b"Hoshine" in html


def test_contract_errors_from_the_app(live_api: LiveApi) -> None:  # noqa: F811
    with live_api.sdk(key="fls_wrong") as sdk, pytest.raises(AuthenticationError) as caught:
        sdk.get_reference()
    assert caught.value.code == "not_authenticated" and caught.value.request_id
    with live_api.sdk(key=live_api.key("acme", "read")) as sdk:
        with pytest.raises(PermissionDeniedError):
            sdk.screen(HOSHINE)
        with pytest.raises(NotFoundError):
            sdk.get_screening("nope")
        with pytest.raises(ValidationError):
            sdk.list_screenings(tier="bogus")


def test_contract_async_client(live_api: LiveApi) -> None:  # noqa: F811
    key = live_api.key()

    async def run() -> tuple[str, int]:
        transport = AsyncAppTransport(live_api.client)
        async with AsyncScreeningClient(BASE_URL, key, transport=transport) as sdk:
            batch = await sdk.screen_batch({"x": HOSHINE, "y": {"name": "Plain Bakery"}})
            page = await sdk.list_screenings()
            return batch.responses["x"].risk.tier, page.total

    assert asyncio.run(run()) == ("severe", 2)
