"""ASGI middleware: request ids and access logs with metrics, and request body size limits."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable

import structlog
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.errors import error_body
from service.logs import bind_request_id
from service.metrics import Metrics

_log = structlog.get_logger("flscreen.access")


class RequestContextMiddleware:
    """Give every request an id (X-Request-ID), log one access line, and count it in the metrics."""

    def __init__(self, app: ASGIApp, metrics: Callable[[], Metrics | None]) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        given = headers.get(b"x-request-id", b"").decode("latin-1")
        request_id = bind_request_id(given, uuid.uuid4().hex[:16])
        started = time.perf_counter()
        status = 500

        async def _send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode("latin-1"))]
            await send(message)

        try:
            await self.app(scope, receive, _send)
        finally:
            elapsed = time.perf_counter() - started
            route = getattr(scope.get("route"), "path", "unmatched")
            key_id = str(scope.get("state", {}).get("key_id", ""))
            _log.info(
                "request",
                method=scope["method"],
                route=route,
                status=status,
                duration_ms=round(elapsed * 1000, 1),
                key_id=key_id,
            )
            metrics = self.metrics()
            if metrics is not None:
                metrics.requests.labels(scope["method"], route, str(status)).inc()
                metrics.latency.labels(route).observe(elapsed)


class BodyLimitMiddleware:
    """Refuse request bodies above a limit: early by Content-Length, else while streaming."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int]) -> None:
        self.app = app
        self.limit_for = limit_for  # path -> byte limit (uploads get a larger one)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"").decode("latin-1")
        if declared.isdigit() and int(declared) > limit:
            await _refuse(send, limit)
            return
        seen = 0

        async def _receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    # FastAPI re-raises HTTPException from body reading; the central handler answers 413.
                    raise HTTPException(413, _too_large(limit))
            return message

        await self.app(scope, _receive, send)


def _too_large(limit: int) -> str:
    return f"The request body is larger than the limit of {limit} bytes."


async def _refuse(send: Send, limit: int) -> None:
    body = json.dumps(error_body(413, _too_large(limit))).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
