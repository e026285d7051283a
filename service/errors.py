"""Service errors, the one ErrorResponse schema, and the central handlers that produce it.

    ServiceError                 status 500, code "internal_error"
    ├── InvalidInput             400  a request or file the service cannot use (bad upload, unknown list)
    ├── BatchTooLarge            400  more records than FLSCREEN_MAX_BATCH in one keyed batch
    ├── NotAuthenticated         401  no API key, or an unknown / revoked one
    ├── Forbidden                403  the key lacks the scope the endpoint needs
    ├── NotFound                 404  no such object for this tenant (other tenants' objects included)
    ├── Conflict                 409  the object is not in a state that allows the request
    ├── PayloadTooLarge          413  request body or upload above its limit
    ├── UnsupportedMediaType     415  an upload that is neither CSV nor XLSX
    ├── RateLimited              429  the key used up its requests for this minute
    └── NotReady                 503  snapshot, model or database not available yet

Business code raises these; it never raises HTTPException. Responses never carry stack traces.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any, ClassVar

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from service.logs import current_request_id

_log = structlog.get_logger("flscreen.service")


class ServiceError(Exception):
    """Base class: an error the API answers in the ErrorResponse shape."""

    status: ClassVar[int] = 500
    code: ClassVar[str] = "internal_error"

    def __init__(self, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.headers = headers or {}


class InvalidInput(ServiceError):
    """The request or uploaded file cannot be used as given."""

    status, code = 400, "invalid_input"


class BatchTooLarge(ServiceError):
    """A keyed batch holds more records than the configured maximum."""

    status, code = 400, "batch_too_large"


class NotAuthenticated(ServiceError):
    """No valid API key was sent."""

    status, code = 401, "not_authenticated"


class Forbidden(ServiceError):
    """The API key lacks the scope this endpoint needs."""

    status, code = 403, "forbidden"


class NotFound(ServiceError):
    """No such object exists for the caller's tenant."""

    status, code = 404, "not_found"


class Conflict(ServiceError):
    """The object is not in a state that allows this request."""

    status, code = 409, "conflict"


class PayloadTooLarge(ServiceError):
    """The request body or upload is larger than allowed."""

    status, code = 413, "payload_too_large"


class UnsupportedMediaType(ServiceError):
    """The uploaded file is neither CSV nor XLSX."""

    status, code = 415, "unsupported_media_type"


class RateLimited(ServiceError):
    """The API key exceeded its requests per minute."""

    status, code = 429, "rate_limited"


class NotReady(ServiceError):
    """The snapshot, model or database is not available."""

    status, code = 503, "not_ready"


class FieldError(BaseModel):
    """One problem with one field of the request."""

    loc: list[str] = Field(
        description="Path to the field, e.g. body > queries > a1 > name.", examples=[["body", "name"]]
    )
    message: str = Field(description="What is wrong with the field.", examples=["Field required"])


class ErrorResponse(BaseModel):
    """The shape of every error the API returns."""

    status: int = Field(description="HTTP status code, repeated for logs and proxies.", examples=[404])
    code: str = Field(description="Stable machine-readable error code.", examples=["not_found"])
    detail: str = Field(description="One human-readable sentence.", examples=["No screening with this id."])
    request_id: str = Field(
        description="Id of the request in the server logs (also in the X-Request-ID header).",
        examples=["5f0c2a9e1b7d4c3a"],
    )
    errors: list[FieldError] = Field(
        default_factory=list, description="Per-field problems (validation errors only).", examples=[[]]
    )


_CODES: dict[int, str] = {
    400: "invalid_input",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "rate_limited",
    503: "not_ready",
}


def error_body(status: int, detail: str, errors: list[FieldError] | None = None) -> dict[str, Any]:
    """Build an ErrorResponse body for a status, stamped with the current request id."""
    code = _CODES.get(status, "internal_error" if status >= 500 else "error")
    body = ErrorResponse(
        status=status, code=code, detail=detail, request_id=current_request_id(), errors=errors or []
    )
    return body.model_dump()


def _respond(status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(status_code=status, content=body, headers=headers)


async def _service_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ServiceError)
    _log.info("request_failed", code=exc.code, status=exc.status, detail=exc.detail)
    body = error_body(exc.status, exc.detail)
    body["code"] = exc.code
    return _respond(exc.status, body, exc.headers)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        FieldError(loc=[str(part) for part in err.get("loc", ())], message=str(err.get("msg", "")))
        for err in exc.errors()
    ]
    return _respond(422, error_body(422, "The request does not match the schema.", errors))


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    headers = dict(exc.headers) if exc.headers else None
    return _respond(exc.status_code, error_body(exc.status_code, detail), headers)


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    # The traceback goes to the log under the request id, never into the response.
    _log.exception("unhandled_error", error_type=type(exc).__name__)
    return _respond(500, error_body(500, "Internal server error; quote the request id when reporting it."))


def install_error_handlers(app: FastAPI) -> None:
    """Register the central handlers so every error leaves in the ErrorResponse shape."""
    app.add_exception_handler(ServiceError, _service_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)
