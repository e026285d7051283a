"""The shared rate limit: one budget per API key across processes through Redis, memory when it is down.

Runs against the real Redis at 127.0.0.1:6379 (`.ci/run` starts it); each test counts under its own key
prefix and deletes its keys afterwards. Skipped with the reason when Redis does not answer.
"""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from limits.errors import StorageError
from pydantic import ValidationError
from structlog.testing import capture_logs

from service.config import Settings
from service.keys import key_id_of
from service.metrics import Metrics
from service.ratelimit import RETRY_SECONDS, RateLimiter, RedisRateLimiter, make_limiter
from tests.service.conftest import Api, clear_of_minute_boundary, make_settings, start_api

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def redis_client() -> Iterator[redis.Redis]:
    """A client for the test Redis, or a skip that says why."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
    try:
        client.ping()
    except redis.RedisError as exc:
        client.close()
        pytest.skip(f"Redis at 127.0.0.1:6379 not reachable ({type(exc).__name__}); .ci/run starts it")
    yield client
    client.close()


@pytest.fixture
def prefix(redis_client: redis.Redis) -> Iterator[str]:
    """A key prefix of this test's own; every key under it is deleted afterwards."""
    mine = f"flscreen-test:{uuid.uuid4().hex[:12]}"
    try:
        yield mine
    finally:
        stale = list(redis_client.scan_iter(match=f"{mine}*", count=1000))
        if stale:
            redis_client.delete(*stale)


def _closed_port_url() -> str:
    """Return a Redis URL on a loopback port where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


def _shared_settings(tmp_path: Path, **kw: Any) -> Settings:
    """Settings two apps can share: one SQLite file (so a key exists in both) and the given limit."""
    return make_settings(tmp_path, database_url=f"sqlite:///{tmp_path / 'shared.db'}", **kw)


def _metric(api: Api, name: str) -> float:
    for line in api.client.get("/metrics").text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    raise AssertionError(f"{name} not in /metrics")


def test_two_apps_share_one_budget_per_key(tmp_path: Path, prefix: str) -> None:
    shared = _shared_settings(tmp_path, rate_limit_per_minute=4, redis_url=REDIS_URL, redis_key_prefix=prefix)
    for first in start_api(shared):
        for second in start_api(shared):
            mine = first.key("acme")
            clear_of_minute_boundary()
            apps = [first, second, first, second, second, first]
            statuses = [api.client.get("/v1/screenings", headers=mine).status_code for api in apps]
            assert statuses == [200, 200, 200, 200, 429, 429]
            refused = second.client.get("/v1/screenings", headers=mine)
            body = refused.json()
            assert refused.status_code == 429 and body["status"] == 429 and body["code"] == "rate_limited"
            assert body["request_id"] == refused.headers["x-request-id"]
            assert 1 <= int(refused.headers["retry-after"]) <= 60
            assert "4 requests per minute" in body["detail"]
            other = second.key("acme")  # another key of the same tenant has its own budget
            assert first.client.get("/v1/screenings", headers=other).status_code == 200
            assert _metric(first, "flscreen_ratelimit_shared") == 1.0


def test_without_redis_each_app_counts_alone(tmp_path: Path) -> None:
    """The problem the shared limit solves: two in-memory apps admit twice the limit."""
    alone = _shared_settings(tmp_path, rate_limit_per_minute=2)
    for first in start_api(alone):
        for second in start_api(alone):
            mine = first.key("acme")
            clear_of_minute_boundary()
            apps = [first, first, second, second, first]
            statuses = [api.client.get("/v1/screenings", headers=mine).status_code for api in apps]
            assert statuses == [200, 200, 200, 200, 429]
            assert _metric(first, "flscreen_ratelimit_shared") == 0.0


def test_redis_keys_name_the_key_id_never_the_token(
    tmp_path: Path, prefix: str, redis_client: redis.Redis
) -> None:
    settings_ = make_settings(tmp_path, rate_limit_per_minute=5, redis_url=REDIS_URL, redis_key_prefix=prefix)
    for api in start_api(settings_):
        header = api.key("acme")
        token = header["Authorization"].removeprefix("Bearer ")
        assert api.client.get("/v1/screenings", headers=header).status_code == 200
        keys = [k.decode() for k in redis_client.scan_iter(match=f"{prefix}*")]
        key_id = key_id_of(token)
        assert key_id is not None and len(keys) == 1
        assert keys[0].startswith(f"{prefix}:") and key_id in keys[0]
        secret = token.split(key_id, 1)[1]  # everything after the public id: the part that must stay private
        assert len(secret) >= 16 and token not in keys[0] and secret not in keys[0]
        ttl = int(redis_client.ttl(keys[0]))  # type: ignore[arg-type]  # the sync client returns an int
        assert redis_client.get(keys[0]) == b"1" and 0 < ttl <= 60


def test_retry_after_is_the_time_left_in_the_shared_window(prefix: str, redis_client: redis.Redis) -> None:
    limiter = RedisRateLimiter(1, REDIS_URL, prefix=prefix)
    assert limiter.hit("k1") == 0
    redis_client.expire(limiter.redis_key("k1"), 7)  # as if the window had begun 53 s ago
    assert limiter.hit("k1") == 7
    redis_client.expire(limiter.redis_key("k1"), 42)
    assert limiter.hit("k1") == 42
    limiter.close()


def test_redis_limit_zero_counts_nothing(prefix: str, redis_client: redis.Redis) -> None:
    limiter = RedisRateLimiter(0, REDIS_URL, prefix=prefix)
    assert [limiter.hit("k") for _ in range(5)] == [0] * 5
    assert list(redis_client.scan_iter(match=f"{prefix}*")) == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    limit=st.integers(min_value=1, max_value=5),
    route=st.lists(st.booleans(), min_size=0, max_size=12),
)
def test_shared_budget_admits_exactly_the_limit(prefix: str, limit: int, route: list[bool]) -> None:
    """However requests are spread over two processes, exactly the first `limit` are admitted."""
    example = f"{prefix}:{uuid.uuid4().hex[:8]}"
    processes = [RedisRateLimiter(limit, REDIS_URL, prefix=example) for _ in range(2)]
    clear_of_minute_boundary()
    answers = [processes[int(second)].hit("key") for second in route]
    assert [wait == 0 for wait in answers] == [i < limit for i in range(len(route))]
    assert all(1 <= wait <= 60 for wait in answers[limit:])
    for process in processes:
        process.close()


def test_unreachable_redis_falls_back_to_memory_never_500(tmp_path: Path) -> None:
    settings_ = make_settings(tmp_path, rate_limit_per_minute=3, redis_url=_closed_port_url())
    for api in start_api(settings_):
        mine = api.key("acme")
        clear_of_minute_boundary()
        statuses = [api.client.get("/v1/screenings", headers=mine).status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        refused = api.client.get("/v1/screenings", headers=mine)
        assert refused.json()["code"] == "rate_limited" and 1 <= int(refused.headers["retry-after"]) <= 60
        assert api.client.get("/readyz").status_code == 200  # the API stays ready on its own limit
        assert _metric(api, "flscreen_ratelimit_shared") == 0.0
        assert _metric(api, "flscreen_ratelimit_backend_errors_total") >= 1.0


def test_outage_logs_once_counts_each_failure_and_retries_after_a_pause() -> None:
    now = [1000.0]
    metrics = Metrics()
    limiter = RedisRateLimiter(2, _closed_port_url(), metrics=metrics, clock=lambda: now[0])
    with capture_logs() as logs:
        assert [limiter.hit("k") for _ in range(3)] == [0, 0, 60 - 1000 % 60]
        assert not limiter.shared
        assert metrics.ratelimit_backend_errors._value.get() == 1  # the pause spares Redis the rest
        now[0] += RETRY_SECONDS
        assert limiter.hit("k") > 0  # tried Redis again, failed again, memory still refuses
    assert metrics.ratelimit_backend_errors._value.get() == 2
    warnings = [entry for entry in logs if entry["event"] == "rate_limit_redis_unavailable"]
    assert len(warnings) == 1 and warnings[0]["log_level"] == "warning"
    assert "ConnectionError" in warnings[0]["error"]


def test_shared_limit_resumes_when_redis_answers_again(prefix: str, monkeypatch: pytest.MonkeyPatch) -> None:
    now = [0.0]
    metrics = Metrics()
    limiter = RedisRateLimiter(3, REDIS_URL, prefix=prefix, metrics=metrics, clock=lambda: now[0])
    peer = RedisRateLimiter(3, REDIS_URL, prefix=prefix)  # another process, Redis reachable throughout
    assert limiter.hit("k") == 0

    def down(*_: object, **__: object) -> bool:
        raise StorageError(redis.ConnectionError("connection reset"))

    with capture_logs() as logs:
        monkeypatch.setattr(limiter._window, "hit", down)
        assert limiter.hit("k") == 0 and not limiter.shared  # decided in memory, not counted in Redis
        assert metrics.ratelimit_shared._value.get() == 0
        monkeypatch.undo()
        assert limiter.hit("k") == 0 and not limiter.shared  # still pausing: memory decides
        now[0] += RETRY_SECONDS
        assert peer.hit("k") == 0  # the shared count is now 2
        assert limiter.hit("k") == 0 and limiter.shared  # 3: Redis decides again
        assert limiter.hit("k") > 0 and peer.hit("k") > 0
    assert metrics.ratelimit_shared._value.get() == 1
    assert [entry["event"] for entry in logs] == [
        "rate_limit_redis_unavailable",
        "rate_limit_redis_recovered",
    ]
    limiter.close()
    peer.close()


def test_make_limiter_picks_memory_without_a_url_and_redis_with_one(tmp_path: Path) -> None:
    assert isinstance(make_limiter(make_settings(tmp_path)), RateLimiter)
    chosen = make_limiter(make_settings(tmp_path, rate_limit_per_minute=0, redis_url=REDIS_URL))
    assert isinstance(chosen, RedisRateLimiter)
    chosen.close()


@pytest.mark.parametrize("url", ["http://user:s3cret@cache:6379", "127.0.0.1:6379", "memcached://m"])
def test_redis_url_must_be_a_redis_url_and_is_never_echoed(tmp_path: Path, url: str) -> None:
    with pytest.raises(ValidationError, match="FLSCREEN_REDIS_URL must start with") as raised:
        Settings(data_dir=tmp_path, redis_url=url)
    assert url not in str(raised.value) and "s3cret" not in str(raised.value)


def test_redis_url_read_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLSCREEN_REDIS_URL", " rediss://:pw@cache.internal:6380/2 ")
    monkeypatch.setenv("FLSCREEN_REDIS_KEY_PREFIX", "tenant-a:rl")
    settings_ = Settings(data_dir=tmp_path)
    assert settings_.redis_url == "rediss://:pw@cache.internal:6380/2"
    assert settings_.redis_key_prefix == "tenant-a:rl"
