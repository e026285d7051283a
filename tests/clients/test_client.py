"""SDK unit tests over httpx.MockTransport: requests sent, answers parsed, errors, retries, batching."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

import clients
from clients import (
    AsyncScreeningClient,
    AuthenticationError,
    ClientError,
    ConflictError,
    DecodingError,
    InvalidRequestError,
    NotFoundError,
    RateLimitError,
    RequestTimeoutError,
    RetryPolicy,
    ScreeningClient,
    ServerError,
    TransportError,
    ValidationError,
)

Handler = Callable[[httpx.Request], httpx.Response]
FAST = RetryPolicy(retries=2, backoff=0.0, max_wait=0.0)
NOW = "2026-01-05T10:00:00Z"


def screening(sid: str = "s1", name: str = "Acme") -> dict[str, Any]:
    """Return a minimal ScreeningPublic body."""
    return {
        "id": sid,
        "supplier_ref": "ref1",
        "job_id": None,
        "created_at": NOW,
        "snapshot_id": "snap",
        "model_version": "mv",
        "supplier": {
            "supplier_id": "",
            "name": name,
            "country": None,
            "country_raw": "",
            "address": "",
            "product": "",
            "hs_code": "",
        },  # fmt: skip
        "risk": {"score": 0.0, "tier": "none", "total_points": 0.0, "exposure_value": None, "findings": []},
        "matches": [],
        "warnings": [],
        "coverage_notes": [],
    }


def job(status: str = "done") -> dict[str, Any]:
    """Return a minimal JobPublic body."""
    return {
        "id": "j1",
        "filename": "f.csv",
        "file_format": "csv",
        "status": status,
        "total_rows": 2,
        "processed_rows": 2,
        "error_rows": 0,
        "progress": 1.0,
        "snapshot_id": "snap",
        "model_version": "mv",
        "error": "",
        "created_at": NOW,
        "updated_at": NOW,
        "finished_at": None,
    }


def error(status: int, code: str, detail: str = "nope", **headers: str) -> httpx.Response:
    """Return an ErrorResponse answer."""
    body = {"status": status, "code": code, "detail": detail, "request_id": "rid-1", "errors": []}
    return httpx.Response(status, json=body, headers=headers)


def recorder(*answers: httpx.Response | Exception) -> tuple[list[httpx.Request], Handler]:
    """Return a list that records requests and a handler giving the answers in turn (last repeats)."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        answer = answers[min(len(seen), len(answers)) - 1]
        if isinstance(answer, Exception):
            raise answer
        return answer

    return seen, handler


def client(handler: Handler, **kw: Any) -> ScreeningClient:
    """Return a sync client on a mock transport."""
    kw.setdefault("retry", FAST)
    return ScreeningClient("http://api.test/", "k-123", transport=httpx.MockTransport(handler), **kw)


def test_exports_match_all() -> None:
    namespace: dict[str, Any] = {}
    exec("from clients import *", namespace)  # noqa: S102 - what a star import really yields
    assert set(namespace) - {"__builtins__"} == set(clients.__all__) == set(clients._EXPORTS)
    assert all(getattr(clients, n).__module__.startswith("clients._") for n in clients.__all__)
    with pytest.raises(AttributeError):
        _ = clients.NoSuchName


def test_screen_sends_key_body_and_top_k() -> None:
    seen, handler = recorder(httpx.Response(200, json=screening()))
    result = client(handler).screen({"name": "Acme", "country": "CN"}, top_k=5)
    assert result.id == "s1" and result.risk.tier == "none"
    request = seen[0]
    assert request.url == "http://api.test/v1/screen?top_k=5"
    assert request.headers["authorization"] == "Bearer k-123"
    assert json.loads(request.content)["name"] == "Acme"


def test_client_key_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLSCREEN_API_KEY", "env-key")
    seen, handler = recorder(httpx.Response(200, json={"status": "ok"}))
    ScreeningClient("http://api.test", transport=httpx.MockTransport(handler)).health()
    assert seen[0].headers["authorization"] == "Bearer env-key"


@pytest.mark.parametrize(
    ("status", "code", "kind"),
    [
        (401, "not_authenticated", AuthenticationError),
        (404, "not_found", NotFoundError),
        (409, "conflict", ConflictError),
        (422, "validation_error", ValidationError),
        (500, "internal_error", ServerError),
    ],
)
def test_errors_map_to_classes(status: int, code: str, kind: type[clients.APIError]) -> None:
    _, handler = recorder(error(status, code))
    with pytest.raises(kind) as caught:
        client(handler, retry=RetryPolicy(retries=0)).get_screening("x")
    assert (caught.value.status, caught.value.code, caught.value.request_id) == (status, code, "rid-1")
    assert caught.value.method == "GET" and caught.value.url.endswith("/v1/screenings/x")


def test_error_without_json_body_keeps_status() -> None:
    _, handler = recorder(httpx.Response(502, text="<html>bad gateway</html>"))
    with pytest.raises(ServerError) as caught:
        client(handler, retry=RetryPolicy(retries=0)).get_job("j")
    assert caught.value.status == 502 and caught.value.code == "bad_gateway"


def test_get_retried_on_503_then_succeeds() -> None:
    seen, handler = recorder(error(503, "not_ready"), httpx.Response(200, json=job()))
    assert client(handler).get_job("j1").status == "done"
    assert len(seen) == 2


def test_get_retries_are_limited() -> None:
    seen, handler = recorder(error(503, "not_ready"))
    with pytest.raises(ServerError):
        client(handler).get_job("j1")
    assert len(seen) == 3  # first attempt plus two retries


def test_post_not_retried_after_server_error() -> None:
    seen, handler = recorder(error(503, "not_ready"), httpx.Response(200, json=screening()))
    with pytest.raises(ServerError):
        client(handler).screen({"name": "Acme"})
    assert len(seen) == 1


def test_post_retried_after_rate_limit_with_retry_after() -> None:
    waits: list[float] = []
    seen, handler = recorder(
        error(429, "rate_limited", **{"Retry-After": "7"}), httpx.Response(200, json=screening())
    )
    retry = RetryPolicy(retries=2, backoff=0.0, max_wait=5.0)
    assert client(handler, retry=retry, sleep=waits.append).screen({"name": "Acme"}).id == "s1"
    assert len(seen) == 2 and waits == [5.0]  # the server's 7 s capped at max_wait


def test_rate_limit_error_carries_retry_after() -> None:
    _, handler = recorder(error(429, "rate_limited", **{"Retry-After": "3"}))
    with pytest.raises(RateLimitError) as caught:
        client(handler, retry=RetryPolicy(retries=0)).health()
    assert caught.value.retry_after == 3.0


def test_post_retried_after_connect_error_only() -> None:
    seen, handler = recorder(httpx.ConnectError("refused"), httpx.Response(200, json=screening()))
    assert client(handler).screen({"name": "Acme"}).id == "s1"
    seen2, handler2 = recorder(httpx.ReadTimeout("slow"), httpx.Response(200, json=screening()))
    with pytest.raises(RequestTimeoutError) as caught:
        client(handler2).screen({"name": "Acme"})
    assert len(seen) == 2 and len(seen2) == 1
    assert isinstance(caught.value, TransportError) and "POST http://api.test/v1/screen" in str(caught.value)


def test_get_retried_after_read_error() -> None:
    seen, handler = recorder(httpx.ReadError("reset"), httpx.Response(200, json={"status": "ok"}))
    assert client(handler).health().status == "ok" and len(seen) == 2


def test_invalid_record_raises_before_sending() -> None:
    seen, handler = recorder(httpx.Response(200, json=screening()))
    with pytest.raises(InvalidRequestError) as caught:
        client(handler).screen_batch({"a": {"name": "ok"}, "b": {"name": "x" * 501}})
    assert seen == [] and "record 'b'" in str(caught.value)


def test_unexpected_answer_raises_decoding_error() -> None:
    _, handler = recorder(httpx.Response(200, json={"id": 3}))
    with pytest.raises(DecodingError):
        client(handler).get_screening("s1")


def _batch_handler(limit: int | None = None, too_big_bytes: int | None = None) -> tuple[list[int], Handler]:
    sizes: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        queries = json.loads(request.content)["queries"]
        sizes.append(len(queries))
        if limit is not None and len(queries) > limit:
            return error(
                400, "batch_too_large", f"The batch holds {len(queries)} records; the limit is {limit}."
            )
        if too_big_bytes is not None and len(request.content) > too_big_bytes:
            return error(413, "payload_too_large")
        responses = {k: screening(f"id-{k}", v["name"]) for k, v in queries.items()}
        return httpx.Response(
            200, json={"responses": responses, "snapshot_id": "snap", "model_version": "mv"}
        )

    return sizes, handler


def test_screen_batch_chunks_and_keeps_keys() -> None:
    sizes, handler = _batch_handler()
    records = {f"r{i}": {"name": f"N{i}"} for i in range(5)}
    out = client(handler, max_batch=2).screen_batch(records)
    assert sizes == [2, 2, 1]
    assert list(out.responses) == list(records) and out.responses["r3"].supplier.name == "N3"


def test_screen_batch_shrinks_to_server_limit() -> None:
    sizes, handler = _batch_handler(limit=3)
    sdk = client(handler, max_batch=10)
    out = sdk.screen_batch({f"r{i}": {"name": f"N{i}"} for i in range(7)})
    assert sizes == [7, 3, 3, 1] and len(out.responses) == 7 and sdk.max_batch == 3


def test_screen_batch_halves_on_payload_too_large() -> None:
    sizes, handler = _batch_handler(too_big_bytes=700)
    out = client(handler, max_batch=8).screen_batch({f"r{i}": {"name": f"Name {i}"} for i in range(8)})
    assert len(out.responses) == 8 and sizes[0] == 8 and max(sizes[1:]) < 8


def test_download_and_wait_for_job() -> None:
    answers = iter([job("running"), job("done")])
    waits: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/download"):
            assert request.url.params["format"] == "json"
            return httpx.Response(200, content=b"[]")
        return httpx.Response(200, json=next(answers))

    sdk = client(handler, sleep=waits.append)
    assert sdk.wait_for_job("j1", poll=0.25).status == "done" and waits == [0.25]
    assert sdk.download_job("j1", "json") == b"[]"


def report_task(status: str = "done") -> dict[str, Any]:
    """Return a minimal ReportTaskPublic body."""
    return {
        "id": "r1",
        "job_id": "j1",
        "format": "pdf",
        "min_tier": "medium",
        "sections": 100,
        "status": status,
        "error": "",
        "filename": "f-report.pdf",
        "size_bytes": 3 if status == "done" else None,
        "created_at": NOW,
        "started_at": None,
        "finished_at": None,
        "expires_at": None,
        "file_url": "/v1/reports/r1/file" if status == "done" else None,
    }


def test_report_task_create_wait_and_download() -> None:
    answers = iter([report_task("queued"), report_task("running"), report_task("done")])
    seen: list[httpx.Request] = []
    waits: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path.endswith("/file"):
            return httpx.Response(200, content=b"%PDF")
        return httpx.Response(202 if request.method == "POST" else 200, json=next(answers))

    sdk = client(handler, sleep=waits.append)
    assert sdk.create_report_task("j/1", "pdf", min_tier="high", sections=3).status == "queued"
    assert seen[0].url.raw_path == b"/v1/jobs/j%2F1/reports"
    assert json.loads(seen[0].content) == {"format": "pdf", "min_tier": "high", "sections": 3}
    assert sdk.wait_for_report_task("r1", poll=0.5).status == "done" and waits == [0.5]
    assert sdk.download_report_task("r1") == b"%PDF"
    assert [r.url.path for r in seen[1:]] == ["/v1/reports/r1", "/v1/reports/r1", "/v1/reports/r1/file"]


def test_report_task_bad_options_raise_before_sending() -> None:
    seen, handler = recorder()
    sdk = client(handler)
    with pytest.raises(InvalidRequestError):
        sdk.create_report_task("j1", "docx")  # type: ignore[arg-type]
    with pytest.raises(InvalidRequestError):
        sdk.create_report_task("j1", "pdf", sections=-1)
    assert seen == []


def test_wait_for_report_task_gives_up_after_timeout() -> None:
    sdk = client(lambda request: httpx.Response(200, json=report_task("running")), sleep=lambda s: None)
    with pytest.raises(ClientError, match="report task r1 is still running after 0 s"):
        sdk.wait_for_report_task("r1", timeout=0)


def test_iter_job_results_pages() -> None:
    row = {
        "row": 1,
        "supplier_id": "",
        "name": "A",
        "risk_score": None,
        "risk_tier": "",
        "match_entity_id": "",
        "match_name": "",
        "match_list": "",
        "match_score": None,
        "reasons": "",
        "ungp": "",
        "p28": "",
        "error": "x",
        "snapshot_id": "s",
        "model_version": "m",
        "screening_id": None,
    }

    def handler(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params["offset"])
        items = [{**row, "row": offset + i + 1} for i in range(min(2, 5 - offset))]
        return httpx.Response(200, json={"items": items, "total": 5, "limit": 2, "offset": offset})

    assert [r.row for r in client(handler).iter_job_results("j1", page_size=2)] == [1, 2, 3, 4, 5]


def test_injected_http_client_is_not_closed() -> None:
    _, handler = recorder(httpx.Response(200, json={"status": "ok"}))
    http = httpx.Client(transport=httpx.MockTransport(handler), base_url="http://api.test")
    with ScreeningClient(api_key="k", http_client=http) as sdk:
        assert sdk.health().status == "ok"
    assert not http.is_closed
    http.close()


def test_disposition_validated_and_path_quoted() -> None:
    body = {
        "id": "d1",
        "screening_id": "s/1",
        "supplier_ref": "r",
        "entity_id": "l:e",
        "status": "confirmed",
        "note": "n",
        "key_id": "k",
        "created_at": NOW,
        "entity_sha256": "0",
        "active": True,
    }
    seen, handler = recorder(httpx.Response(201, json=body))
    sdk = client(handler)
    assert sdk.create_disposition("s/1", "l:e", "confirmed", "n").active
    assert seen[0].url.raw_path == b"/v1/screenings/s%2F1/dispositions"
    with pytest.raises(InvalidRequestError):
        sdk.create_disposition("s1", "l:e", "maybe")  # type: ignore[arg-type]


def test_async_client_screens_and_retries() -> None:
    import asyncio

    seen, handler = recorder(httpx.ConnectError("refused"), httpx.Response(200, json=screening()))

    async def run() -> str:
        async def no_wait(seconds: float) -> None:
            return None

        transport = httpx.MockTransport(handler)
        async with AsyncScreeningClient("http://api.test", "k", transport=transport, sleep=no_wait) as sdk:
            return (await sdk.screen({"name": "Acme"})).id

    assert asyncio.run(run()) == "s1" and len(seen) == 2


def test_client_error_is_the_root() -> None:
    for name in clients.__all__:
        value = getattr(clients, name)
        if isinstance(value, type) and issubclass(value, Exception):
            assert issubclass(value, ClientError)
