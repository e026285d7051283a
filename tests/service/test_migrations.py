"""Alembic migrations: an empty database upgrades to head, the tables match the models, and processes
migrating one database at once take turns."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text
from sqlmodel import SQLModel

import service.models  # noqa: F401  (registers the tables)
from service.db import alembic_config, make_engine, migrate
from tests.service.conftest import BOTH_DATABASES

_RACERS = 6


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


# A server process starting: import, wait for the starting signal (a file), then migrate.
_START = """
import sys, time
from pathlib import Path
from service.db import make_engine, migrate
engine = make_engine(sys.argv[1])
Path(sys.argv[2]).touch()
while not Path(sys.argv[3]).exists():
    time.sleep(0.005)
migrate(engine)
"""


@BOTH_DATABASES
def test_migrations_processes_upgrading_a_fresh_database_at_once_take_turns(
    tmp_path: Path, database_url: str
) -> None:
    """Server processes starting together (uvicorn --workers N) each migrate at startup: they take
    turns, so every one succeeds and the schema is at head once. A fresh SQLite file, or a fresh
    PostgreSQL schema (the fixture's, dropped afterwards)."""
    url = f"sqlite:///{tmp_path / 'fresh.sqlite'}" if database_url == "sqlite://" else database_url
    go = tmp_path / "go"
    ready = [tmp_path / f"ready-{i}" for i in range(_RACERS)]
    root = Path(__file__).resolve().parents[2]
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", _START, url, str(flag), str(go)],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for flag in ready
    ]
    try:
        while not all(flag.exists() for flag in ready):
            assert all(p.poll() is None for p in processes), [p.communicate() for p in processes]
            time.sleep(0.01)
        go.touch()  # every process has its imports done: all migrate within a few milliseconds
        outcomes = [p.communicate(timeout=120) for p in processes]
    finally:
        for process in processes:
            process.kill()
    failed = [err for p, (_, err) in zip(processes, outcomes, strict=True) if p.returncode != 0]
    assert not failed, failed[0]
    engine = make_engine(url)
    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [head]
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []
    engine.dispose()


def test_migrations_threads_of_one_process_take_turns(tmp_path: Path) -> None:
    """Two apps in one process (as in tests) may migrate at once; Alembic's context is module-global."""
    engines = [make_engine(f"sqlite:///{tmp_path / f'db-{i}.sqlite'}") for i in range(_RACERS)]
    barrier = threading.Barrier(_RACERS, timeout=60)
    failures: list[BaseException] = []

    def start(engine: Engine) -> None:
        try:
            barrier.wait()
            migrate(engine)
        except BaseException as exc:  # reported by the test thread below
            failures.append(exc)

    threads = [threading.Thread(target=start, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not any(t.is_alive() for t in threads)
    assert not failures, failures
    for engine in engines:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
        engine.dispose()
