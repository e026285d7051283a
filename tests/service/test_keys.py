"""API keys: shown once, stored as sha256 only, scoped, revocable; key management for the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select

from service import admin
from service.db import make_engine, migrate
from service.keys import check_scopes, check_tenant, create_key, key_id_of, token_sha256, verify_token
from service.models import ApiKey, AuditEvent
from tests.service.conftest import make_settings


def test_keys_are_stored_hashed_and_verify() -> None:
    engine = make_engine("sqlite://")
    migrate(engine)
    with Session(engine) as session:
        new = create_key(session, tenant_id="acme", scopes=["read"])
        stored = session.exec(select(ApiKey)).one()
        assert new.token not in stored.token_sha256 and stored.token_sha256 == token_sha256(new.token)
        assert verify_token(session, new.token) is not None
        assert verify_token(session, new.token[:-1] + ("A" if new.token[-1] != "A" else "B")) is None
        assert key_id_of(new.token) == new.key_id == stored.id


@pytest.mark.parametrize(
    ("given", "expected"),
    [([], ("screen", "read")), (["ADMIN", "read"], ("read", "admin")), (["review", " "], ("review",))],
)
def test_keys_check_scopes(given: list[str], expected: tuple[str, ...]) -> None:
    assert check_scopes(given) == expected


@pytest.mark.parametrize(
    ("bad_scopes", "bad_tenant"), [(["root"], "acme"), (["read"], "has space"), (["read"], "")]
)
def test_keys_refuse_bad_scope_or_tenant(bad_scopes: list[str], bad_tenant: str) -> None:
    with pytest.raises(ValueError):
        check_scopes(bad_scopes)
        check_tenant(bad_tenant)


def test_admin_create_list_revoke_round_trip(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, f"sqlite:///{tmp_path / 'k.sqlite'}")
    new = admin.create_key("acme", ["screen"], "erp", settings=settings)
    listed = admin.list_keys("acme", settings=settings)
    assert [(k.key_id, k.scopes, k.revoked_at) for k in listed] == [(new.key_id, ("screen",), "")]
    assert admin.revoke_key(new.key_id, settings=settings) is True
    assert admin.revoke_key(new.key_id, settings=settings) is False
    assert admin.list_keys("acme", settings=settings)[0].revoked_at
    with Session(make_engine(settings.resolved_database_url())) as session:
        actions = [e.action for e in session.exec(select(AuditEvent)).all()]
    assert actions == ["key.create", "key.revoke"]
