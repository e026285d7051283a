"""API keys: high-entropy tokens shown once, stored only as their sha256, with a tenant and scopes."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, select

from service.models import ApiKey, utcnow

SCOPES: tuple[str, ...] = ("screen", "read", "review", "admin")
DEFAULT_SCOPES: tuple[str, ...] = ("screen", "read")
_TOKEN = re.compile(r"^fls_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$")
_TENANT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


@dataclass(frozen=True, slots=True)
class NewKey:
    """A freshly created key: the token exists only here and is never stored."""

    key_id: str
    tenant_id: str
    scopes: tuple[str, ...]
    token: str


def token_sha256(token: str) -> str:
    """Return the hex sha256 of a token (256 random bits make a salt unnecessary)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def key_id_of(token: str) -> str | None:
    """Return the public key id inside a well-formed token, else None."""
    found = _TOKEN.match(token.strip())
    return found.group(1) if found else None


def check_scopes(scopes: Iterable[str]) -> tuple[str, ...]:
    """Return the scopes sorted and deduplicated; ValueError names an unknown scope."""
    chosen = {s.strip().lower() for s in scopes if s.strip()}
    unknown = sorted(chosen - set(SCOPES))
    if unknown:
        raise ValueError(f"unknown scope(s) {', '.join(unknown)}; choose from {', '.join(SCOPES)}")
    return tuple(s for s in SCOPES if s in chosen) or DEFAULT_SCOPES


def check_tenant(tenant: str) -> str:
    """Return the tenant name if it is 1-100 letters, digits, dots, dashes or underscores."""
    if not _TENANT.match(tenant):
        raise ValueError(
            "tenant must be 1-100 letters, digits, '.', '-' or '_', starting with a letter or digit"
        )
    return tenant


def create_key(session: Session, *, tenant_id: str, scopes: Sequence[str], name: str = "") -> NewKey:
    """Create and store a key for a tenant; the returned token is the only copy."""
    tenant = check_tenant(tenant_id)
    chosen = check_scopes(scopes)
    key_id = secrets.token_hex(8)
    token = f"fls_{key_id}_{secrets.token_urlsafe(32)}"
    session.add(
        ApiKey(
            id=key_id,
            tenant_id=tenant,
            name=name[:200],
            token_sha256=token_sha256(token),
            scopes=" ".join(chosen),
            created_at=utcnow(),
        )
    )
    session.commit()
    return NewKey(key_id=key_id, tenant_id=tenant, scopes=chosen, token=token)


def verify_token(session: Session, token: str) -> ApiKey | None:
    """Return the live key a token belongs to, or None (unknown, revoked or wrong secret)."""
    key_id = key_id_of(token)
    if key_id is None:
        return None
    key = session.get(ApiKey, key_id)
    if key is None or key.revoked_at is not None:
        return None
    if not hmac.compare_digest(key.token_sha256, token_sha256(token.strip())):
        return None
    return key


def list_keys(session: Session, *, tenant_id: str | None = None) -> list[ApiKey]:
    """Return keys (of one tenant, or all), oldest first; tokens are not stored, so none are shown."""
    query = select(ApiKey).order_by(col(ApiKey.created_at), col(ApiKey.id))
    if tenant_id is not None:
        query = query.where(ApiKey.tenant_id == tenant_id)
    return list(session.exec(query).all())


def revoke_key(session: Session, *, key_id: str) -> bool:
    """Revoke a key; return False when no live key has this id."""
    key = session.get(ApiKey, key_id)
    if key is None or key.revoked_at is not None:
        return False
    key.revoked_at = utcnow()
    session.add(key)
    session.commit()
    return True
