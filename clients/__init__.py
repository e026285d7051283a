"""The flscreen command line and the Python SDK for the REST API.

    from clients import ScreeningClient
    with ScreeningClient("http://127.0.0.1:8000", api_key="fls_...") as client:
        print(client.screen({"name": "Hoshine Silicon Industry Co., Ltd.", "country": "CN"}).risk.tier)

Everything public is listed in ``__all__``; modules whose names start with ``_`` are private. The SDK
needs httpx (``pip install 'flscreen[client]'``); it is imported on first use, so the offline CLI does not.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from clients._async_client import AsyncScreeningClient
    from clients._client import ScreeningClient
    from clients._exceptions import (
        APIError,
        AuthenticationError,
        BadRequestError,
        ClientError,
        ConflictError,
        DecodingError,
        InvalidRequestError,
        NotFoundError,
        PayloadTooLargeError,
        PermissionDeniedError,
        RateLimitError,
        RequestTimeoutError,
        ServerError,
        TransportError,
        UnsupportedMediaError,
        ValidationError,
    )
    from clients._models import (
        BatchResponse,
        DispositionPublic,
        ErrorResponse,
        JobPublic,
        JobRowPublic,
        ReportTaskPublic,
        ScreeningPublic,
        ScreeningSummary,
        SupplierDetail,
        SupplierIn,
    )
    from clients._models_ref import EntityPublic, ReferencePublic, SourcePublic
    from clients._retry import RetryPolicy

__all__ = [
    "APIError",
    "AsyncScreeningClient",
    "AuthenticationError",
    "BadRequestError",
    "BatchResponse",
    "ClientError",
    "ConflictError",
    "DecodingError",
    "DispositionPublic",
    "EntityPublic",
    "ErrorResponse",
    "InvalidRequestError",
    "JobPublic",
    "JobRowPublic",
    "NotFoundError",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "RateLimitError",
    "ReferencePublic",
    "ReportTaskPublic",
    "RequestTimeoutError",
    "RetryPolicy",
    "ScreeningClient",
    "ScreeningPublic",
    "ScreeningSummary",
    "ServerError",
    "SourcePublic",
    "SupplierDetail",
    "SupplierIn",
    "TransportError",
    "UnsupportedMediaError",
    "ValidationError",
]

_EXPORTS: dict[str, str] = {
    "APIError": "clients._exceptions",
    "AsyncScreeningClient": "clients._async_client",
    "AuthenticationError": "clients._exceptions",
    "BadRequestError": "clients._exceptions",
    "BatchResponse": "clients._models",
    "ClientError": "clients._exceptions",
    "ConflictError": "clients._exceptions",
    "DecodingError": "clients._exceptions",
    "DispositionPublic": "clients._models",
    "EntityPublic": "clients._models_ref",
    "ErrorResponse": "clients._models",
    "InvalidRequestError": "clients._exceptions",
    "JobPublic": "clients._models",
    "JobRowPublic": "clients._models",
    "NotFoundError": "clients._exceptions",
    "PayloadTooLargeError": "clients._exceptions",
    "PermissionDeniedError": "clients._exceptions",
    "RateLimitError": "clients._exceptions",
    "ReferencePublic": "clients._models_ref",
    "ReportTaskPublic": "clients._models",
    "RequestTimeoutError": "clients._exceptions",
    "RetryPolicy": "clients._retry",
    "ScreeningClient": "clients._client",
    "ScreeningPublic": "clients._models",
    "ScreeningSummary": "clients._models",
    "ServerError": "clients._exceptions",
    "SourcePublic": "clients._models_ref",
    "SupplierDetail": "clients._models",
    "SupplierIn": "clients._models",
    "TransportError": "clients._exceptions",
    "UnsupportedMediaError": "clients._exceptions",
    "ValidationError": "clients._exceptions",
}


def __getattr__(name: str) -> Any:
    """Import an exported name on first use, so the offline CLI starts without httpx installed."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'clients' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    """List the public names."""
    return sorted(__all__)
