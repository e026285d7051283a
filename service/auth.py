"""Authentication by API key (Bearer or X-API-Key), per-key rate limit, and scope checks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel import Session

from service.deps import RuntimeDep
from service.errors import Forbidden, NotAuthenticated, RateLimited
from service.keys import verify_token

_bearer = HTTPBearer(auto_error=False, description="API key as `Authorization: Bearer <key>`.")
_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="API key in the X-API-Key header.")


@dataclass(frozen=True, slots=True)
class Principal:
    """The caller: which key, which tenant, which scopes."""

    key_id: str
    tenant_id: str
    scopes: frozenset[str]

    def allows(self, scope: str) -> bool:
        """Return whether the key may use an endpoint that needs this scope (admin may use all)."""
        return scope in self.scopes or "admin" in self.scopes


def authenticate(
    request: Request,
    runtime: RuntimeDep,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
    api_key: Annotated[str | None, Security(_header)],
) -> Principal:
    """Identify the caller's key, count it against the rate limit, and return the principal."""
    token = bearer.credentials if bearer is not None else api_key
    if not token:
        raise NotAuthenticated("Send an API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.")
    with Session(runtime.db) as session:
        key = verify_token(session, token)
        if key is None:
            raise NotAuthenticated("The API key is unknown or revoked.")
        principal = Principal(key_id=key.id, tenant_id=key.tenant_id, scopes=frozenset(key.scopes.split()))
    request.state.key_id = principal.key_id  # for the access log; the token itself is never logged
    wait = runtime.limiter.hit(principal.key_id)
    if wait:
        raise RateLimited(
            f"Rate limit of {runtime.limiter.per_minute} requests per minute exceeded; retry in {wait} s.",
            headers={"Retry-After": str(wait)},
        )
    return principal


def require(scope: str) -> Callable[[Principal], Principal]:
    """Return a dependency that admits keys holding `scope` (or admin)."""

    def _check(principal: Annotated[Principal, Depends(authenticate)]) -> Principal:
        if not principal.allows(scope):
            raise Forbidden(f"This endpoint needs an API key with the '{scope}' scope.")
        return principal

    return _check


ScreenKey = Annotated[Principal, Depends(require("screen"))]
ReadKey = Annotated[Principal, Depends(require("read"))]
ReviewKey = Annotated[Principal, Depends(require("review"))]
AdminKey = Annotated[Principal, Depends(require("admin"))]
