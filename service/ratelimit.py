"""Per-key request limit: a fixed one-minute window counted in memory (per server process)."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable


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
