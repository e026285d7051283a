"""Database engine (SQLite by default, PostgreSQL by URL), Alembic migrations and sessions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.pool import StaticPool
from sqlmodel import Session

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def make_engine(url: str) -> Engine:
    """Create an engine: SQLite files get a busy timeout and WAL; in-memory SQLite one shared connection."""
    if url.startswith("sqlite"):
        memory = url in ("sqlite://", "sqlite:///") or ":memory:" in url
        if not memory:
            path = url.split("///", 1)[-1]
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            # Requests run in a thread pool and jobs in a worker thread.
            connect_args={"check_same_thread": False, "timeout": 30},
            poolclass=StaticPool if memory else None,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection: object, _: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")  # readers do not block the job writer
    cursor.close()


def alembic_config(engine: Engine) -> Config:
    """Return an Alembic configuration bound to this engine (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database schema to a revision (head by default)."""
    command.upgrade(alembic_config(engine), revision)


def ping(engine: Engine) -> bool:
    """Return whether the database answers a trivial query."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception:  # any driver error means "not reachable"
        return False
    return True


def session_scope(engine: Engine) -> Iterator[Session]:
    """Yield one session; the caller commits, and the session is closed afterwards."""
    with Session(engine) as session:
        yield session
