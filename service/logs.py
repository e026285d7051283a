"""Structured logging (structlog) with the request id bound to every line; API keys are never logged."""

from __future__ import annotations

import logging
import re
from collections.abc import MutableMapping
from contextvars import ContextVar
from typing import Any

import structlog

_request_id: ContextVar[str] = ContextVar("flscreen_request_id", default="-")
# A caller-supplied X-Request-ID is kept only when it is short and plain, so it cannot forge log lines.
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# Keys whose values must never reach a log line, whatever a caller binds.
_SECRET_KEYS = frozenset({"authorization", "x-api-key", "api_key", "token", "secret"})


def current_request_id() -> str:
    """Return the id of the request being served ("-" outside a request)."""
    return _request_id.get()


def bind_request_id(candidate: str | None, fallback: str) -> str:
    """Set the current request id: the caller's X-Request-ID when safe, else the fallback."""
    value = candidate if candidate and _SAFE_ID.match(candidate) else fallback
    _request_id.set(value)
    return value


def _add_request_id(_: Any, __: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    event.setdefault("request_id", _request_id.get())
    return event


def _drop_secrets(_: Any, __: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    for key in list(event):
        if key.lower() in _SECRET_KEYS:
            event[key] = "[redacted]"
    return event


def _level_number(name: str) -> int:
    value = logging.getLevelNamesMapping().get(name.upper())
    return value if value is not None else logging.INFO


def configure_logging(level: str = "INFO", json_lines: bool = False) -> None:
    """Configure structlog once for the process: key-value lines with request ids."""
    renderer: Any = (
        structlog.processors.JSONRenderer() if json_lines else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            _add_request_id,
            _drop_secrets,
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(_level_number(level)),
        cache_logger_on_first_use=False,
    )
