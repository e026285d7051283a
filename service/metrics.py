"""Prometheus metrics, kept in a registry per app so several apps (tests) never collide."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest


class Metrics:
    """Request, screening and job counters for one app instance (no tenant labels)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "flscreen_http_requests",
            "HTTP requests served.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "flscreen_http_request_seconds",
            "Time to answer an HTTP request, seconds.",
            ["route"],
            registry=self.registry,
        )
        self.screenings = Counter(
            "flscreen_screenings",
            "Records screened, by resulting risk tier.",
            ["tier"],
            registry=self.registry,
        )
        self.job_rows = Counter("flscreen_job_rows", "Job file rows processed.", registry=self.registry)
        self.jobs_active = Gauge("flscreen_jobs_active", "Jobs queued or running.", registry=self.registry)
        self.ratelimit_backend_errors = Counter(
            "flscreen_ratelimit_backend_errors",
            "Rate-limit calls to Redis that failed; this process's in-memory limit answered instead.",
            registry=self.registry,
        )
        self.ratelimit_shared = Gauge(
            "flscreen_ratelimit_shared",
            "1 while the rate limit is counted in Redis for all processes, 0 while counted in memory.",
            registry=self.registry,
        )
        self.ready = Gauge(
            "flscreen_ready", "1 when the snapshot and models are loaded.", registry=self.registry
        )

    def render(self) -> bytes:
        """Return the metrics in the Prometheus text format."""
        return generate_latest(self.registry)
