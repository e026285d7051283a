"""Per-key request limit: a one-minute fixed window, in memory or shared through Redis.

Without `FLSCREEN_REDIS_URL` each server process counts in its own memory, so N processes (or hosts)
admit N times the limit. With it, every process counts in one Redis key per API key, so the budget is
shared. The Redis counter is the `limits` library's fixed window (an atomic INCRBY + EXPIRE in Lua):
the window starts at the key's first request and Retry-After is the key's remaining TTL.

Keys are named by the public key id (`<prefix>:key/<key id>/<limit>/1/minute`), never by the token.

When Redis does not answer, a request is never refused with a 500 and never let through unlimited:
the process falls back to its own in-memory limiter (today's per-process guarantee), logs one warning
per outage, counts each failed call in `flscreen_ratelimit_backend_errors_total`, sets
`flscreen_ratelimit_shared` to 0, and tries Redis again after `RETRY_SECONDS`.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from typing import Protocol

import redis
import structlog
from limits import RateLimitItemPerMinute
from limits.errors import StorageError
from limits.storage import RedisStorage
from limits.strategies import FixedWindowRateLimiter

from service.config import Settings
from service.metrics import Metrics

_log = structlog.get_logger("flscreen.ratelimit")

# Seconds to wait for Redis to connect or answer before the in-memory limiter decides instead.
REDIS_TIMEOUT_SECONDS = 0.5
# Seconds after a failed Redis call before Redis is tried again (requests meanwhile stay in memory).
RETRY_SECONDS = 5.0


class Limiter(Protocol):
    """What the API needs of a rate limiter."""

    per_minute: int

    def hit(self, key_id: str) -> int:
        """Count one request; return 0 if allowed, else the seconds until the key may retry."""

    def close(self) -> None:
        """Release connections (a no-op in memory)."""


class RateLimiter:
    """Allow at most `per_minute` requests per key in each wall-clock minute (0 = unlimited)."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._lock = threading.Lock()
        self._windows: dict[str, tuple[int, int]] = {}  # key id -> (window number, requests in it)

    def hit(self, key_id: str) -> int:
        """Count one request; return 0 if allowed, else the seconds until the next window."""
        if self.per_minute <= 0:
            return 0
        now = self._clock()
        window = int(now // 60)
        with self._lock:
            current, count = self._windows.get(key_id, (window, 0))
            if current != window:
                current, count = window, 0
            if count >= self.per_minute:
                return max(1, math.ceil((window + 1) * 60 - now))
            self._windows[key_id] = (current, count + 1)
            if len(self._windows) > 100_000:  # forget idle keys so memory stays bounded
                self._windows = {k: v for k, v in self._windows.items() if v[0] == window}
        return 0

    def close(self) -> None:
        """Nothing to release."""


class RedisRateLimiter:
    """Allow at most `per_minute` requests per key per minute across every process sharing one Redis."""

    def __init__(
        self,
        per_minute: int,
        url: str,
        prefix: str = "flscreen:ratelimit",
        metrics: Metrics | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_minute = per_minute
        self.fallback = RateLimiter(per_minute, clock=clock)
        self._metrics = metrics
        self._clock = clock
        self._lock = threading.Lock()
        self._down_until: float | None = None  # monotonic time of the next Redis attempt while down
        # Creating the client does not connect: an unreachable Redis shows up on the first hit.
        self._pool = redis.ConnectionPool.from_url(
            url.replace("redis+unix://", "unix://", 1),
            socket_timeout=REDIS_TIMEOUT_SECONDS,
            socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
        )
        self._storage = RedisStorage(url, connection_pool=self._pool, key_prefix=prefix, wrap_exceptions=True)
        self._window = FixedWindowRateLimiter(self._storage)
        self._item = RateLimitItemPerMinute(max(per_minute, 1), namespace="key")
        self._set_shared(True)

    @property
    def shared(self) -> bool:
        """Return whether Redis answered the last call (False while the in-memory fallback decides)."""
        return self._down_until is None

    def redis_key(self, key_id: str) -> str:
        """Return the Redis key that counts this API key's requests."""
        return self._storage.prefixed_key(self._item.key_for(key_id))

    def hit(self, key_id: str) -> int:
        """Count one request; return 0 if allowed, else the seconds until the key's window ends."""
        if self.per_minute <= 0:
            return 0
        if self._down_until is not None and self._clock() < self._down_until:
            return self.fallback.hit(key_id)
        try:
            wait = self._hit_redis(key_id)
        except Exception as exc:  # any Redis failure: decide in memory, never answer 500
            self._went_down(exc)
            return self.fallback.hit(key_id)
        self._came_back()
        return wait

    def _hit_redis(self, key_id: str) -> int:
        if self._window.hit(self._item, key_id):
            return 0
        reset_at = self._window.get_window_stats(self._item, key_id).reset_time  # epoch seconds
        return max(1, math.ceil(reset_at - time.time()))

    def _went_down(self, exc: Exception) -> None:
        if self._metrics is not None:
            self._metrics.ratelimit_backend_errors.inc()
        with self._lock:
            first = self._down_until is None
            self._down_until = self._clock() + RETRY_SECONDS
        self._set_shared(False)
        if first:
            cause = exc.storage_error if isinstance(exc, StorageError) else exc
            _log.warning(
                "rate_limit_redis_unavailable",
                error=f"{type(cause).__name__}: {cause}"[:300],
                fallback="in-memory limit per process",
                retry_seconds=RETRY_SECONDS,
            )

    def _came_back(self) -> None:
        if self._down_until is None:
            return
        with self._lock:
            was_down = self._down_until is not None
            self._down_until = None
        if was_down:
            self._set_shared(True)
            _log.info("rate_limit_redis_recovered")

    def _set_shared(self, shared: bool) -> None:
        if self._metrics is not None:
            self._metrics.ratelimit_shared.set(1 if shared else 0)

    def check(self) -> bool:
        """Return whether Redis answers a PING now; if not, fall back as a failed hit would."""
        try:
            if self._storage.get_connection().ping():
                self._came_back()
                return True
            raise ConnectionError("Redis did not answer PING")
        except Exception as exc:
            self._went_down(exc)
            return False

    def close(self) -> None:
        """Close the Redis connections."""
        try:
            self._pool.disconnect()
        except Exception:  # closing a client whose server is gone must not fail shutdown
            _log.debug("rate_limit_redis_close_failed")


def make_limiter(settings: Settings, metrics: Metrics | None = None) -> Limiter:
    """Return the Redis-backed limiter when FLSCREEN_REDIS_URL is set, else the in-memory one."""
    if not settings.redis_url:
        if metrics is not None:
            metrics.ratelimit_shared.set(0)
        return RateLimiter(settings.rate_limit_per_minute)
    limiter = RedisRateLimiter(
        settings.rate_limit_per_minute, settings.redis_url, prefix=settings.redis_key_prefix, metrics=metrics
    )
    if settings.rate_limit_per_minute > 0:
        limiter.check()  # warn at startup rather than on the first request
    return limiter
