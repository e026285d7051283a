"""Alembic migrations: an empty database upgrades to head, and the tables match the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

import service.models  # noqa: F401  (registers the tables)
from service.db import make_engine, migrate
from tests.service.conftest import BOTH_DATABASES


@BOTH_DATABASES
def test_migrations_upgrade_empty_database_to_models(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    with engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) >= set(SQLModel.metadata.tables)
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []
    migrate(engine)  # idempotent at head
    engine.dispose()
