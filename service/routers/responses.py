"""The error responses each route declares, so the OpenAPI document lists ErrorResponse for them."""

from __future__ import annotations

from typing import Any

from service.errors import ErrorResponse

_DESCRIPTIONS: dict[int, str] = {
    400: "The request cannot be used (for example a batch above the limit).",
    401: "No API key, or an unknown or revoked one.",
    403: "The API key lacks the scope this endpoint needs.",
    404: "No such object for this tenant.",
    409: "The object is not in a state that allows this request.",
    413: "Request body or upload above its size limit.",
    415: "The upload is neither CSV nor XLSX.",
    422: "The request does not match the schema.",
    429: "Per-key rate limit exceeded; see Retry-After.",
    503: "Snapshot, model or database not available.",
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """Return a `responses=` mapping declaring ErrorResponse for each status code."""
    return {code: {"model": ErrorResponse, "description": _DESCRIPTIONS[code]} for code in codes}


# Every authenticated route can answer these.
AUTHED = (401, 403, 413, 422, 429, 503)
