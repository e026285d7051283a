"""The web page's sign-in: the API key kept in an HttpOnly, SameSite=Strict cookie.

The browser never shows the key to scripts (HttpOnly) and never sends it on a request started by
another site (SameSite=Strict), which is what keeps the page's forms safe from cross-site requests.
Each request re-checks the key exactly as the API does (revocation, scopes, rate limit).
"""

from __future__ import annotations

from fastapi import Request, Response

from service.auth import Principal, authenticate
from service.deps import Runtime
from service.errors import NotAuthenticated

COOKIE = "flscreen_key"
MAX_AGE = 8 * 3600  # seconds: a working day, then sign in again


def principal_from_cookie(request: Request, runtime: Runtime) -> Principal | None:
    """Return the signed-in key's principal, or None when there is no valid key cookie."""
    token = request.cookies.get(COOKIE, "")
    if not token:
        return None
    try:
        return authenticate(request, runtime, bearer=None, api_key=token)
    except NotAuthenticated:
        return None


def set_key_cookie(response: Response, request: Request, token: str) -> None:
    """Store the API key in the browser for the web page only."""
    response.set_cookie(
        COOKIE,
        token,
        max_age=MAX_AGE,
        path="/ui",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )


def clear_key_cookie(response: Response) -> None:
    """Forget the key (sign out)."""
    response.delete_cookie(COOKIE, path="/ui", httponly=True, samesite="strict")
