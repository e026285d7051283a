"""Database engine (SQLite by default, PostgreSQL by URL), Alembic migrations and sessions."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import structlog
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.pool import StaticPool
from sqlmodel import Session

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The PostgreSQL advisory lock key held while migrating ("flscreen" as a big-endian 64-bit number).
MIGRATION_LOCK_KEY = 7380400760311604590
_PROCESS_LOCK = threading.Lock()
_log = structlog.get_logger("flscreen.db")


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
    """Upgrade the database schema to a revision (head by default), one process at a time.

    Every server process migrates at startup, so `uvicorn --workers N` on a fresh database starts N
    upgrades at once. They take turns: on PostgreSQL under a session-level advisory lock, on an SQLite
    file under an exclusive lock on a file beside it, and within one process under a thread lock
    (Alembic's context is module-global). Whoever comes second finds the schema at head and does nothing.
    """
    with _PROCESS_LOCK, _database_lock(engine):
        command.upgrade(alembic_config(engine), revision)


@contextmanager
def _database_lock(engine: Engine) -> Iterator[None]:
    """Hold the lock that serialises migrations of this database across processes and hosts."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            # Session-level: held across the upgrade's own transactions, gone if the connection dies.
            if not conn.execute(
                text("SELECT pg_try_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
            ).scalar():
                _log.info("migration_lock_wait", database="postgresql")
                conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
                conn.commit()
        return
    path = _sqlite_file(engine)
    if path is None:  # in-memory SQLite lives in this process only: the thread lock is enough
        yield
        return
    with _file_lock(path.with_name(path.name + ".migrate-lock")):
        yield


def _sqlite_file(engine: Engine) -> Path | None:
    """Return the file of an SQLite database, None for in-memory or another kind of database."""
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return None
    return Path(database)


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on a file (created if missing), waiting for it; released on exit."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+b") as handle:
        if sys.platform == "win32":
            import msvcrt

            while True:  # LK_LOCK tries for about 10 s, then raises
                try:
                    handle.seek(0)
                    msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
                    break
                except OSError:
                    _log.info("migration_lock_wait", database="sqlite")
            try:
                yield
            finally:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                _log.info("migration_lock_wait", database="sqlite")
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


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
