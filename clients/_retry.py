"""When to retry a failed call, and how long to wait: limited, with exponential backoff.

A retry must never duplicate work on the server. GET calls are idempotent and are retried after a
transport failure or a 429/502/503/504 answer. A POST (which stores something) is retried only when
the server provably did not act on it: the connection was never made, or the rate limiter refused
the request (429) before any handler ran.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

import httpx

RETRY_STATUS = frozenset({429, 502, 503, 504})
_LIMIT = re.compile(r"limit is (\d+)")

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How many times to retry and how long to wait (seconds) between attempts."""

    retries: int = 2  # attempts after the first; 0 disables retries
    backoff: float = 0.5  # first wait; doubled on every further attempt
    max_wait: float = 30.0  # cap, also applied to a server's Retry-After

    def wait(self, attempt: int, retry_after: float | None = None) -> float:
        """Return the seconds to wait before retry number ``attempt`` (1-based)."""
        if retry_after is not None:
            return min(retry_after, self.max_wait)
        return min(self.backoff * 2.0 ** (attempt - 1), self.max_wait)


def retry_status(idempotent: bool, status: int) -> bool:
    """Return True when an answer with this status may be retried."""
    if idempotent:
        return status in RETRY_STATUS
    return status == 429  # refused by the rate limiter before the handler: nothing was stored


def retry_exception(idempotent: bool, exc: httpx.HTTPError) -> bool:
    """Return True when a transport failure may be retried."""
    if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout):
        return True  # no connection, so the server never saw the request
    return idempotent and isinstance(exc, httpx.TransportError)


def server_batch_limit(detail: str) -> int | None:
    """Read the batch limit out of a ``batch_too_large`` message ("... the limit is 1000.")."""
    found = _LIMIT.search(detail)
    return int(found.group(1)) if found else None


def chunks(keys: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """Yield consecutive slices of at most ``size`` items."""
    for start in range(0, len(keys), max(size, 1)):
        yield keys[start : start + max(size, 1)]


def pick(mapping: Mapping[str, T], keys: Sequence[str]) -> dict[str, T]:
    """Return the sub-mapping for the given keys, in their order."""
    return {k: mapping[k] for k in keys}
