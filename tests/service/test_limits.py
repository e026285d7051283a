"""Limits: body size, batch size, upload size and per-key rate; each a 4xx in the error schema."""

from __future__ import annotations

import io
from pathlib import Path

from service.ratelimit import RateLimiter
from tests.service.conftest import Api, clear_of_minute_boundary, make_settings, start_api


def test_limits_body_too_large_by_content_length(tmp_path: Path) -> None:
    for api in start_api(make_settings(tmp_path, max_body_bytes=2048)):
        response = api.client.post("/v1/screen", json={"name": "x" * 5000}, headers=api.key())
        assert response.status_code == 413 and response.json()["code"] == "payload_too_large"


def test_limits_body_too_large_when_streamed(tmp_path: Path) -> None:
    def chunks() -> object:
        yield b'{"name": "' + b"x" * 3000
        yield b'"}'

    for api in start_api(make_settings(tmp_path, max_body_bytes=2048)):
        headers = {**api.key(), "Content-Type": "application/json"}
        response = api.client.post("/v1/screen", content=chunks(), headers=headers)  # type: ignore[arg-type]
        assert response.status_code == 413 and response.json()["code"] == "payload_too_large"


def test_limits_batch_above_max_is_refused(tmp_path: Path) -> None:
    for api in start_api(make_settings(tmp_path, max_batch=2)):
        queries = {str(i): {"name": f"Supplier {i}"} for i in range(3)}
        response = api.client.post("/v1/screen/batch", json={"queries": queries}, headers=api.key())
        assert response.status_code == 400 and response.json()["code"] == "batch_too_large"


def test_limits_upload_too_large(tmp_path: Path) -> None:
    for api in start_api(make_settings(tmp_path, max_upload_bytes=4096)):
        data = b"name\n" + b"Some Supplier Ltd\n" * 1000
        response = api.client.post("/v1/jobs", files={"file": ("s.csv", io.BytesIO(data))}, headers=api.key())
        assert response.status_code == 413 and response.json()["code"] == "payload_too_large"


def test_limits_rate_limit_per_key(tmp_path: Path) -> None:
    for api in start_api(make_settings(tmp_path, rate_limit_per_minute=3)):
        mine, other = api.key("acme"), api.key("acme")
        clear_of_minute_boundary()
        statuses = [api.client.get("/v1/screenings", headers=mine).status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        refused = api.client.get("/v1/screenings", headers=mine)
        assert refused.json()["code"] == "rate_limited" and int(refused.headers["retry-after"]) >= 1
        assert api.client.get("/v1/screenings", headers=other).status_code == 200


def test_ratelimiter_window_resets() -> None:
    now = [0.0]
    limiter = RateLimiter(2, clock=lambda: now[0])
    assert [limiter.hit("k") for _ in range(3)] == [0, 0, 60]
    now[0] = 61.0
    assert limiter.hit("k") == 0
    assert RateLimiter(0).hit("k") == 0


def test_limits_job_rows_cap(tmp_path: Path) -> None:
    for api in start_api(make_settings(tmp_path, max_job_rows=2)):
        data = b"name\nA Ltd\nB Ltd\nC Ltd\n"
        response = api.client.post("/v1/jobs", files={"file": ("s.csv", io.BytesIO(data))}, headers=api.key())
        assert response.status_code == 400 and "rows" in response.json()["detail"]


def test_limits_fixture_api_unaffected(api: Api) -> None:
    assert api.client.get("/v1/screenings", headers=api.key()).status_code == 200


def test_limits_web_page_upload_gets_the_upload_limit_not_the_body_limit(tmp_path: Path) -> None:
    from service.config import Settings
    from service.main import _upload_aware_limit

    limit_for = _upload_aware_limit(
        Settings(max_body_bytes=2048, max_upload_bytes=1 << 20, data_dir=tmp_path)
    )
    assert [limit_for(p) for p in ("/ui/jobs", "/v1/jobs/", "/v1/screen", "/ui/login")] == [
        1 << 20,
        1 << 20,
        2048,
        2048,
    ]
