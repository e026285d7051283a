"""What the sync and async clients share: configuration, request building, answers, batch sizing."""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pydantic

from clients import _calls as calls
from clients import _models as m
from clients._exceptions import (
    BadRequestError,
    ClientError,
    DecodingError,
    InvalidRequestError,
    PayloadTooLargeError,
    api_error,
)
from clients._retry import RetryPolicy, server_batch_limit

DEFAULT_URL = "http://127.0.0.1:8000"
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)  # seconds; a 1,000-record batch takes a few seconds
DEFAULT_MAX_BATCH = 1000  # the server's default FLSCREEN_MAX_BATCH; lowered when a server says less
API_KEY_ENV = "FLSCREEN_API_KEY"
USER_AGENT = "flscreen-python"
T = TypeVar("T")
R = TypeVar("R", bound=pydantic.BaseModel)


class BaseClient:
    """Configuration and the parts of a call that do not depend on sync or async I/O."""

    def __init__(
        self,
        base_url: str | None,
        api_key: str | None,
        *,
        timeout: httpx.Timeout | float,
        retry: RetryPolicy,
        max_batch: int,
        headers: Mapping[str, str] | None,
    ) -> None:
        key = api_key if api_key is not None else os.environ.get(API_KEY_ENV, "")
        self.base_url = (base_url or DEFAULT_URL).rstrip("/")
        self.timeout = timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
        self.retry = retry
        self.max_batch = max(1, max_batch)
        self.headers = {"User-Agent": USER_AGENT, "Accept": "application/json", **(headers or {})}
        if key:
            self.headers["Authorization"] = f"Bearer {key}"

    def url(self, call: calls.Call[Any]) -> str:
        """Return the absolute URL of a call."""
        return self.base_url + call.path

    def request_args(self, call: calls.Call[Any], files: ExitStack) -> dict[str, Any]:
        """Return the keyword arguments for httpx ``request`` (upload files are opened on ``files``)."""
        args: dict[str, Any] = {
            "method": call.method,
            "url": self.url(call),
            "params": call.params or None,
            "headers": self.headers,
            "timeout": self.timeout,
        }
        if call.json is not None:
            args["json"] = call.json
        if call.upload is not None:
            up = call.upload
            body = up.content if isinstance(up.content, bytes) else files.enter_context(up.content.open("rb"))
            args["files"] = {"file": (up.filename, body, up.media_type)}
        return args

    @staticmethod
    def answer(call: calls.Call[T], response: httpx.Response) -> T:
        """Return the parsed answer of a read response, or raise the APIError it stands for."""
        if not response.is_success:
            raise api_error(response)
        try:
            return call.parse(response.content)
        except (pydantic.ValidationError, ValueError) as exc:
            raise DecodingError(
                f"{call.method} {response.request.url}: the answer does not match the API schema "
                f"({type(exc).__name__}; is the server a different major version?)",
                method=call.method,
                url=str(response.request.url),
            ) from None

    def smaller_batch(self, exc: ClientError, size: int) -> int:
        """Return a smaller batch size after a batch was refused as too large, or re-raise."""
        if isinstance(exc, BadRequestError) and exc.code == "batch_too_large":
            limit = server_batch_limit(exc.detail) or size // 2
        elif isinstance(exc, PayloadTooLargeError):
            limit = size // 2
        else:
            raise exc
        if not 1 <= limit < size:
            raise exc
        self.max_batch = limit  # remembered: the next batches are sized right from the start
        return limit


def supplier_or_raise(record: m.SupplierIn | Mapping[str, Any], key: str = "") -> m.SupplierIn:
    """Validate one record against the API schema, raising InvalidRequestError when it does not fit."""
    try:
        return calls.supplier(record)
    except pydantic.ValidationError as exc:
        where = f"record {key!r}: " if key else ""
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise InvalidRequestError(
            f"{where}{problems}", [{"loc": list(e["loc"]), "message": e["msg"]} for e in exc.errors()]
        ) from None


def batch_response(parts: list[m.BatchResponse]) -> m.BatchResponse:
    """Merge the answers of consecutive batch chunks, keys in the order they were sent."""
    responses: dict[str, m.ScreeningPublic] = {}
    for part in parts:
        responses.update(part.responses)
    first = parts[0] if parts else None
    return m.BatchResponse(
        responses=responses,
        snapshot_id=first.snapshot_id if first else "",
        model_version=first.model_version if first else "",
    )


def upload(source: str | os.PathLike[str] | bytes, filename: str | None) -> calls.Upload:
    """Describe a file to upload, from a path (read when sent) or from bytes."""
    if isinstance(source, bytes):
        return calls.Upload(filename or "upload.csv", source)
    path = Path(source)
    if not path.is_file():
        raise InvalidRequestError(f"{path}: file not found")
    return calls.Upload(filename or path.name, path)


def _request_or_raise(model: type[R], values: Mapping[str, Any]) -> R:
    """Validate a request body against the API schema, raising InvalidRequestError."""
    try:
        return model.model_validate(values)
    except pydantic.ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise InvalidRequestError(problems) from None


def disposition_or_raise(entity_id: str, status: str, note: str) -> m.DispositionIn:
    """Validate a reviewer's decision against the API schema, raising InvalidRequestError."""
    return _request_or_raise(m.DispositionIn, {"entity_id": entity_id, "status": status, "note": note})


def report_task_or_raise(fmt: str, min_tier: str, sections: int) -> m.ReportTaskCreate:
    """Validate a report render request against the API schema, raising InvalidRequestError."""
    return _request_or_raise(m.ReportTaskCreate, {"format": fmt, "min_tier": min_tier, "sections": sections})


def finished(task: m.ReportTaskPublic | m.JobPublic, deadline: float | None, timeout: float | None) -> bool:
    """Return whether a polled job or report task has ended; raise ClientError once past the deadline."""
    if task.status in ("done", "failed", "expired"):
        return True
    if deadline is not None and time.monotonic() >= deadline:
        kind = "report task" if isinstance(task, m.ReportTaskPublic) else "job"
        raise ClientError(f"{kind} {task.id} is still {task.status} after {timeout} s")
    return False
