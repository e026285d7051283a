"""Errors the SDK raises: one tree, so callers catch ``ClientError`` and nothing else.

    ClientError                    anything the SDK raises
    ├── InvalidRequestError        the request failed the API schema before it was sent
    ├── DecodingError              the server's answer did not match the API schema
    ├── APIError                   the server answered with an error (status, code, detail, request_id)
    │   ├── BadRequestError        400  invalid input, batch too large
    │   ├── AuthenticationError    401  no key, or an unknown or revoked one
    │   ├── PermissionDeniedError  403  the key lacks the scope
    │   ├── NotFoundError          404  no such object for this tenant
    │   ├── ConflictError          409  the object's state does not allow it (job not done, ...)
    │   ├── PayloadTooLargeError   413  body or upload above the server's limit
    │   ├── UnsupportedMediaError  415  an upload that is neither CSV nor XLSX
    │   ├── ValidationError        422  the request does not match the schema (see ``errors``)
    │   ├── RateLimitError         429  too many requests; ``retry_after`` seconds to wait
    │   └── ServerError            5xx  the server failed or is not ready
    └── TransportError             no usable answer: connection, timeout, protocol (wraps httpx)
        └── RequestTimeoutError    the request timed out

Every error keeps the request that caused it (``method``, ``url``) so a log line is enough to tell
which call failed; ``APIError.request_id`` is the server's id for the same request in its log.
"""

from __future__ import annotations

from typing import Any

import httpx

__all__ = [
    "APIError",
    "AuthenticationError",
    "BadRequestError",
    "ClientError",
    "ConflictError",
    "DecodingError",
    "InvalidRequestError",
    "NotFoundError",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestTimeoutError",
    "ServerError",
    "TransportError",
    "UnsupportedMediaError",
    "ValidationError",
]


class ClientError(Exception):
    """Base class of every error the SDK raises."""

    def __init__(self, message: str, *, method: str = "", url: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.method = method
        self.url = url


class InvalidRequestError(ClientError):
    """The request does not satisfy the API schema; nothing was sent (``errors`` lists the fields)."""

    def __init__(self, message: str, errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or []


class DecodingError(ClientError):
    """The server answered 2xx with a body this client cannot read as the API's schema."""


class APIError(ClientError):
    """The server answered with an error status (in the API's ErrorResponse shape when it could)."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str,
        *,
        request_id: str = "",
        errors: list[dict[str, Any]] | None = None,
        retry_after: float | None = None,
        method: str = "",
        url: str = "",
    ) -> None:
        where = f" ({method} {url})" if method else ""
        super().__init__(f"{status} {code}: {detail}{where}", method=method, url=url)
        self.status = status
        self.code = code
        self.detail = detail
        self.request_id = request_id
        self.errors = errors or []
        self.retry_after = retry_after  # seconds the server asked to wait (429, 503), if it said


class BadRequestError(APIError):
    """400: the server cannot use the request (``code`` says why, e.g. ``batch_too_large``)."""


class AuthenticationError(APIError):
    """401: no API key was sent, or the key is unknown or revoked."""


class PermissionDeniedError(APIError):
    """403: the API key lacks the scope the endpoint needs."""


class NotFoundError(APIError):
    """404: no such object for the caller's tenant."""


class ConflictError(APIError):
    """409: the object is not in a state that allows the request."""


class PayloadTooLargeError(APIError):
    """413: the request body or upload is larger than the server accepts."""


class UnsupportedMediaError(APIError):
    """415: the upload is neither CSV nor XLSX."""


class ValidationError(APIError):
    """422: the request does not match the API schema; ``errors`` lists the fields."""


class RateLimitError(APIError):
    """429: the key used up its requests for the minute; ``retry_after`` says how long to wait."""


class ServerError(APIError):
    """5xx: the server failed, or is not ready to screen."""


class TransportError(ClientError):
    """No usable answer: the connection failed, timed out or broke (``__cause__`` is the httpx error)."""


class RequestTimeoutError(TransportError):
    """The request timed out (connect, read, write or pool timeout)."""


_BY_STATUS: dict[int, type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    413: PayloadTooLargeError,
    415: UnsupportedMediaError,
    422: ValidationError,
    429: RateLimitError,
}


def _body(response: httpx.Response) -> dict[str, Any]:
    """Return the JSON error body, or an empty dict when the server sent something else."""
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def api_error(response: httpx.Response) -> APIError:
    """Build the APIError subclass for an error response, keeping the request context."""
    body = _body(response)
    status = response.status_code
    cls = _BY_STATUS.get(status, ServerError if status >= 500 else APIError)
    detail = body.get("detail")
    if not isinstance(detail, str):
        detail = response.reason_phrase or "error"
    errors = body.get("errors")
    return cls(
        status,
        str(body.get("code") or httpx.codes.get_reason_phrase(status).lower().replace(" ", "_")),
        detail,
        request_id=str(body.get("request_id") or response.headers.get("x-request-id", "")),
        errors=errors if isinstance(errors, list) else None,
        retry_after=retry_after(response),
        method=response.request.method,
        url=str(response.request.url),
    )


def retry_after(response: httpx.Response) -> float | None:
    """Return the Retry-After header in seconds, when it is a number."""
    value = response.headers.get("retry-after", "")
    try:
        return max(float(value), 0.0)
    except ValueError:
        return None


def transport_error(exc: httpx.HTTPError, method: str, url: str) -> TransportError:
    """Wrap an httpx error, keeping the request it happened on."""
    cls = RequestTimeoutError if isinstance(exc, httpx.TimeoutException) else TransportError
    name = type(exc).__name__
    text = str(exc) or name
    return cls(f"{method} {url}: {name}: {text}", method=method, url=url)
