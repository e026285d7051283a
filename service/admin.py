"""Key management for the command line (flscreen keys ...), working on the configured database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session

from service import crud, keys
from service.config import Settings, get_settings
from service.db import make_engine, migrate
from service.models import as_utc


@dataclass(frozen=True, slots=True)
class KeyInfo:
    """A stored key as listed (the token is never stored, so it cannot be shown)."""

    key_id: str
    tenant_id: str
    name: str
    scopes: tuple[str, ...]
    created_at: str
    revoked_at: str


def _session(settings: Settings | None) -> Session:
    engine = make_engine((settings or get_settings()).resolved_database_url())
    migrate(engine)
    return Session(engine)


def create_key(
    tenant: str, scopes: Sequence[str], name: str = "", settings: Settings | None = None
) -> keys.NewKey:
    """Create a key for a tenant (ValueError for a bad tenant or scope); the token is returned once."""
    with _session(settings) as session:
        new = keys.create_key(session, tenant_id=tenant, scopes=scopes, name=name)
        crud.add_audit(
            session,
            tenant_id=new.tenant_id,
            key_id="cli",
            action="key.create",
            object_type="api_key",
            object_id=new.key_id,
            detail=" ".join(new.scopes),
        )
        session.commit()
        return new


def list_keys(tenant: str | None = None, settings: Settings | None = None) -> list[KeyInfo]:
    """List keys, optionally of one tenant."""
    with _session(settings) as session:
        return [
            KeyInfo(
                key_id=k.id,
                tenant_id=k.tenant_id,
                name=k.name,
                scopes=tuple(k.scopes.split()),
                created_at=as_utc(k.created_at).isoformat(timespec="seconds"),
                revoked_at=as_utc(k.revoked_at).isoformat(timespec="seconds") if k.revoked_at else "",
            )
            for k in keys.list_keys(session, tenant_id=tenant)
        ]


def revoke_key(key_id: str, settings: Settings | None = None) -> bool:
    """Revoke a key by id; False when there is no live key with that id."""
    with _session(settings) as session:
        tenant = next((k.tenant_id for k in keys.list_keys(session) if k.id == key_id), None)
        revoked = keys.revoke_key(session, key_id=key_id)
        if revoked and tenant is not None:
            crud.add_audit(
                session,
                tenant_id=tenant,
                key_id="cli",
                action="key.revoke",
                object_type="api_key",
                object_id=key_id,
            )
            session.commit()
        return revoked
