"""Batch jobs shared by several server processes: two apps on one database race for the same jobs.

Every row must be stored exactly once and every count must come out right whoever wins; a worker
that stops beating is taken over, a worker that stalled past the takeover loses its uncommitted
chunk, and a stopping worker puts its job back. On SQLite (one file) and PostgreSQL.
"""

from __future__ import annotations

import dataclasses
import io
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlalchemy import func, inspect, text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col, select

from scoring.types import ScreeningResult, SupplierRecord
from service.config import Settings
from service.db import alembic_config, make_engine, migrate
from service.engine import Engine
from service.jobs import STALE_AFTER, JobRunner
from service.models import Job, JobRow, Screening, Supplier, utcnow
from tests.service.conftest import BOTH_DATABASES, Api, make_settings, start_api
from tests.service.fakes import fake_engine

# Data rows 1-8: row 3 has no name (an error row), row 4 is blank (skipped).
MIXED_CSV = (
    b"Supplier Name;Country;LIFNR\n"
    b"Forced Cotton Mill;BR;1\n"
    b"Ordinary Widgets GmbH;DE;2\n"
    b";DE;3\n"
    b"\n"
    b"Shadow Garments Factory;CN;4\n"
    b"Plain Trading Ltd;GB;5\n"
    b"Example Listed Company Co., Ltd.;CN;6\n"
    b"Northern Bolts AB;SE;7\n"
)
MIXED_ROWS = [1, 2, 3, 5, 6, 7, 8]
MIXED_ERRORS = 1
# Six rows, all screened: with two rows a chunk, screen call 3 is the first of the second chunk.
PLAIN_CSV = b"Supplier Name;Country;LIFNR\n" + b"".join(
    f"Supplier Number {i} Ltd;GB;{i}\n".encode() for i in range(1, 7)
)
PLAIN_ROWS = [1, 2, 3, 4, 5, 6]


class HookedScreener:
    """The fake screener, calling `hook(n)` before its n-th screening (to act mid-job)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.calls = 0
        self.hook: Callable[[int], None] = lambda n: None

    @property
    def snapshot(self) -> Any:
        return self.inner.snapshot

    @property
    def risk(self) -> Any:
        return self.inner.risk

    @property
    def snapshot_id(self) -> str:
        return str(self.inner.snapshot_id)

    @property
    def model_version(self) -> str:
        return str(self.inner.model_version)

    def screen(self, record: SupplierRecord, top_k: int = 3) -> ScreeningResult:
        self.calls += 1
        self.hook(self.calls)
        result: ScreeningResult = self.inner.screen(record, top_k)
        return result


def _url(tmp_path: Path, database_url: str) -> str:
    """One database both apps really share: a SQLite file (not in-memory), or the PostgreSQL schema."""
    return f"sqlite:///{tmp_path / 'shared.sqlite'}" if database_url == "sqlite://" else database_url


@contextmanager
def _two_apps(settings: Settings, first: Engine, second: Engine) -> Iterator[tuple[Api, Api]]:
    """Two app instances from the app factory on one database and data folder (two processes)."""
    with contextmanager(start_api)(settings, first) as a, contextmanager(start_api)(settings, second) as b:
        yield a, b


def _runner(api: Api) -> JobRunner:
    runner = api.runtime.jobs
    assert runner is not None
    return runner


def _upload(api: Api, headers: dict[str, str], data: bytes, name: str = "suppliers.csv") -> str:
    response = api.client.post("/v1/jobs", files={"file": (name, io.BytesIO(data))}, headers=headers)
    assert response.status_code == 202, response.text
    return str(response.json()["id"])


def _job(api: Api, job_id: str) -> Job:
    with Session(api.runtime.db) as session:
        job = session.get(Job, job_id)
        assert job is not None
        return job


def _stored_rows(api: Api, job_id: str) -> list[int]:
    with Session(api.runtime.db) as session:
        return sorted(session.exec(select(JobRow.row).where(JobRow.job_id == job_id)).all())


def _screenings(api: Api, job_id: str) -> int:
    with Session(api.runtime.db) as session:
        query = select(func.count()).select_from(Screening).where(Screening.job_id == job_id)
        return int(session.exec(query).one())


def _rows_metric(*apps: Api) -> float:
    """Job rows the apps' workers committed, summed over the apps."""
    return sum(a.runtime.metrics.registry.get_sample_value("flscreen_job_rows_total") or 0.0 for a in apps)


def _age(api: Api, job_id: str) -> None:
    """Make a running job look like its worker died: no heartbeat for longer than STALE_AFTER."""
    with Session(api.runtime.db) as session:
        job = session.get(Job, job_id)
        assert job is not None and job.status == "running"
        job.heartbeat_at = utcnow() - STALE_AFTER - timedelta(seconds=1)
        session.add(job)
        session.commit()


def _assert_exactly_once(api: Api, job_id: str, rows: list[int], errors: int) -> None:
    """The job is done with every row stored once and one screening per screened row."""
    job = _job(api, job_id)
    assert job.status == "done" and job.error == "", (job.status, job.error)
    assert job.processed_rows == job.total_rows == len(rows) and job.error_rows == errors
    assert _stored_rows(api, job_id) == rows
    assert _screenings(api, job_id) == len(rows) - errors


def _supplier_counts(api: Api) -> set[int]:
    with Session(api.runtime.db) as session:
        return set(session.exec(select(Supplier.screenings_count)).all())


def _record_claims(runner: JobRunner, log: list[tuple[str, str, bool]], lock: threading.Lock) -> None:
    """Wrap the runner's claim so each attempt is logged as (worker, job id, won)."""
    original = runner.claim

    def claim(job_id: str) -> Any:
        result = original(job_id)
        with lock:
            log.append((runner.worker_id, job_id, result is not None))
        return result

    runner.claim = claim  # type: ignore[method-assign]


@BOTH_DATABASES
def test_job_claims_two_apps_racing_for_each_job_store_every_row_once(
    tmp_path: Path, database_url: str
) -> None:
    settings = make_settings(tmp_path, _url(tmp_path, database_url))
    with _two_apps(settings, fake_engine(), fake_engine()) as (a, b):
        headers = a.key()
        jobs = [_upload(a if i % 2 else b, headers, MIXED_CSV) for i in range(6)]
        log: list[tuple[str, str, bool]] = []
        lock = threading.Lock()
        runners = [_runner(a), _runner(b)]
        for runner in runners:
            _record_claims(runner, log, lock)
        barrier = threading.Barrier(2, timeout=60)
        failures: list[BaseException] = []

        def work(runner: JobRunner) -> None:
            try:
                for job_id in jobs:
                    barrier.wait()  # both workers go for the same job at the same moment
                    runner.process(job_id)
            except BaseException as exc:  # reported by the test thread below
                failures.append(exc)
                barrier.abort()

        threads = [threading.Thread(target=work, args=(r,)) for r in runners]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        assert not failures, failures
        assert not any(t.is_alive() for t in threads)
        for job_id in jobs:
            attempts = [(worker, won) for worker, job, won in log if job == job_id]
            assert sorted(w for w, _ in attempts) == sorted(r.worker_id for r in runners)
            assert [won for _, won in attempts].count(True) == 1, attempts  # exactly one worker ran it
            (winner,) = [w for w, won in attempts if won]
            assert _job(a, job_id).owner == winner
            _assert_exactly_once(a, job_id, MIXED_ROWS, MIXED_ERRORS)
        assert _rows_metric(a, b) == len(jobs) * len(MIXED_ROWS)  # no chunk committed twice
        assert _supplier_counts(a) == {len(jobs)}  # each supplier screened once per job


@BOTH_DATABASES
def test_job_claims_worker_threads_of_two_apps_share_the_queue(tmp_path: Path, database_url: str) -> None:
    settings = make_settings(tmp_path, _url(tmp_path, database_url), job_worker=True)
    with _two_apps(settings, fake_engine(), fake_engine()) as (a, b):
        headers = a.key()
        jobs = [_upload(a if i % 2 else b, headers, MIXED_CSV) for i in range(8)]
        deadline = time.monotonic() + 120
        while {_job(a, j).status for j in jobs} != {"done"}:
            assert time.monotonic() < deadline, "jobs did not finish"
            time.sleep(0.05)
        for job_id in jobs:
            _assert_exactly_once(a, job_id, MIXED_ROWS, MIXED_ERRORS)
        assert _rows_metric(a, b) == len(jobs) * len(MIXED_ROWS)
        assert _supplier_counts(a) == {len(jobs)}
        owners = {_job(a, j).owner for j in jobs}
        assert owners <= {_runner(a).worker_id, _runner(b).worker_id}


@BOTH_DATABASES
def test_job_claims_a_crashed_workers_job_is_taken_over_and_resumed(
    tmp_path: Path, database_url: str
) -> None:
    settings = make_settings(tmp_path, _url(tmp_path, database_url))
    with _two_apps(settings, fake_engine(), fake_engine()) as (a, b):
        crashed, other = _runner(a), _runner(b)
        job_id = _upload(a, a.key(), MIXED_CSV)
        crashed.process(job_id, max_chunks=1)  # two rows committed ... and the process dies
        held = _job(a, job_id)
        assert (held.status, held.owner, held.processed_rows) == ("running", crashed.worker_id, 2)
        # While the heartbeat is fresh the job is not the other worker's to take.
        assert other.next_id() is None
        assert other.claim(job_id) is None
        other.process(job_id)
        assert _job(a, job_id).processed_rows == 2 and _stored_rows(a, job_id) == [1, 2]
        _age(a, job_id)
        assert other.next_id() == job_id
        other.drain()
        _assert_exactly_once(a, job_id, MIXED_ROWS, MIXED_ERRORS)
        assert _job(a, job_id).owner == other.worker_id
        # The crashed worker coming back finds the job done and leaves it alone.
        crashed.process(job_id)
        _assert_exactly_once(a, job_id, MIXED_ROWS, MIXED_ERRORS)
        assert _rows_metric(a) == 2 and _rows_metric(b) == len(MIXED_ROWS) - 2
        assert _supplier_counts(a) == {1}


@BOTH_DATABASES
def test_job_claims_a_stalled_worker_loses_its_chunk_to_the_takeover(
    tmp_path: Path, database_url: str
) -> None:
    settings = make_settings(tmp_path, _url(tmp_path, database_url))
    screener = HookedScreener(fake_engine().screener)
    stalled_engine = dataclasses.replace(fake_engine(), screener=screener)
    with _two_apps(settings, stalled_engine, fake_engine()) as (a, b):
        stalled, other = _runner(a), _runner(b)
        job_id = _upload(a, a.key(), PLAIN_CSV)

        def stall(call: int) -> None:
            # The first row of the second chunk: the worker stalls past STALE_AFTER and is taken over.
            if call == 3:
                _age(a, job_id)
                assert other.claim(job_id) is not None

        screener.hook = stall
        stalled.process(job_id)
        lost = _job(a, job_id)
        assert (lost.status, lost.owner, lost.processed_rows) == ("running", other.worker_id, 2)
        assert _stored_rows(a, job_id) == [1, 2] and _screenings(a, job_id) == 2  # chunk 2 rolled back
        assert _rows_metric(a) == 2
        other.process(job_id)
        _assert_exactly_once(a, job_id, PLAIN_ROWS, 0)
        assert _rows_metric(a, b) == len(PLAIN_ROWS)
        assert _supplier_counts(a) == {1}


@BOTH_DATABASES
def test_job_claims_a_stopping_worker_puts_its_job_back(tmp_path: Path, database_url: str) -> None:
    settings = make_settings(tmp_path, _url(tmp_path, database_url))
    screener = HookedScreener(fake_engine().screener)
    stopping_engine = dataclasses.replace(fake_engine(), screener=screener)
    with _two_apps(settings, stopping_engine, fake_engine()) as (a, b):
        stopping, other = _runner(a), _runner(b)
        headers = a.key()
        paused_id = _upload(a, headers, PLAIN_CSV)
        stopping.process(paused_id, max_chunks=1)  # a claim held between chunks
        job_id = _upload(a, headers, PLAIN_CSV)
        screener.hook = lambda call: stopping.request_stop() if call == 5 else None
        stopping.process(job_id)  # the shutdown arrives while row 3 (call 5) is screened
        back = _job(a, job_id)
        # Row 3 finished its chunk, which was committed; then the job went back to the queue.
        assert (back.status, back.owner, back.heartbeat_at, back.processed_rows) == ("queued", "", None, 3)
        assert _stored_rows(a, job_id) == [1, 2, 3]
        assert _job(a, paused_id).status == "running"
        stopping.stop()  # the app's shutdown gives back the claim it still holds
        assert (_job(a, paused_id).status, _job(a, paused_id).owner) == ("queued", "")
        stopping.process(job_id)  # a stopped worker takes nothing
        assert _job(a, job_id).status == "queued"
        # Another worker picks both up at once: no waiting for a heartbeat to go stale.
        assert other.next_id() == paused_id
        other.drain()
        for done in (paused_id, job_id):
            _assert_exactly_once(a, done, PLAIN_ROWS, 0)
        assert _rows_metric(a, b) == 2 * len(PLAIN_ROWS)
        assert _supplier_counts(a) == {2}


_STEP = st.one_of(
    st.tuples(st.just("process"), st.integers(0, 1), st.integers(1, 3)),
    st.tuples(st.just("crash"), st.integers(0, 1), st.just(0)),
    st.tuples(st.just("release"), st.integers(0, 1), st.just(0)),
)


def test_job_claims_any_schedule_of_two_workers_stores_every_row_once(tmp_path: Path) -> None:
    """Invariant: whatever two workers do (run chunks, die, give the job back), the stored rows always
    match the resume point, a worker never advances a job another worker holds, and once someone
    finishes the job every row is stored exactly once."""
    # Takeovers are capped (test_job_claims_a_job_that_keeps_crashing_its_worker_fails); not here.
    settings = make_settings(tmp_path, _url(tmp_path, "sqlite://"), job_chunk_rows=2, job_max_attempts=100)
    with _two_apps(settings, fake_engine(), fake_engine()) as (a, b):
        headers = a.key()
        runners = (_runner(a), _runner(b))

        @hypothesis_settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(steps=st.lists(_STEP, max_size=8))
        def schedule(steps: list[tuple[str, int, int]]) -> None:
            job_id = _upload(a, headers, MIXED_CSV)
            for action, who, chunks in steps:
                runner = runners[who]
                before = _job(a, job_id)
                if action == "process":
                    runner.process(job_id, max_chunks=chunks)
                elif action == "crash" and before.status == "running" and before.owner == runner.worker_id:
                    _age(a, job_id)
                elif action == "release":
                    runner.release()
                after = _job(a, job_id)
                held_by_other = (
                    before.status == "running"
                    and before.owner not in ("", runner.worker_id)
                    and not _is_stale(before)
                )
                if held_by_other:  # neither running chunks nor giving back touches another's job
                    assert (after.status, after.owner) == (before.status, before.owner)
                    assert after.processed_rows == before.processed_rows
                stored = _stored_rows(a, job_id)
                assert after.processed_rows == len(stored) and stored == MIXED_ROWS[: len(stored)]
                assert after.processed_rows >= before.processed_rows
            for runner in runners:  # whoever is left finishes, taking over if it must
                if _job(a, job_id).status == "running":
                    _age(a, job_id)
                runner.drain()
            _assert_exactly_once(a, job_id, MIXED_ROWS, MIXED_ERRORS)

        schedule()
        assert _supplier_counts(a) == {int(_rows_metric(a, b)) // len(MIXED_ROWS)}


def _is_stale(job: Job) -> bool:
    """Return whether a running job's heartbeat is missing or older than STALE_AFTER."""
    if job.heartbeat_at is None:
        return True
    beat = job.heartbeat_at if job.heartbeat_at.tzinfo else job.heartbeat_at.replace(tzinfo=utcnow().tzinfo)
    return utcnow() - beat >= STALE_AFTER


@pytest.mark.parametrize("status", ["done", "failed"])
def test_job_claims_finished_jobs_are_never_claimed(tmp_path: Path, status: str) -> None:
    settings = make_settings(tmp_path, _url(tmp_path, "sqlite://"))
    with _two_apps(settings, fake_engine(), fake_engine()) as (a, b):
        job_id = _upload(a, a.key(), MIXED_CSV)
        with Session(a.runtime.db) as session:
            job = session.get(Job, job_id)
            assert job is not None
            job.status, job.heartbeat_at = status, None
            session.add(job)
            session.commit()
        for runner in (_runner(a), _runner(b)):
            assert runner.next_id() is None and runner.claim(job_id) is None
        with Session(a.runtime.db) as session:
            assert session.exec(select(func.count()).where(col(JobRow.job_id) == job_id)).one() == 0


@BOTH_DATABASES
def test_job_claims_migration_0003_keeps_running_jobs_resumable(tmp_path: Path, database_url: str) -> None:
    """A job left running by a server before 0003 has no owner or heartbeat: the first worker takes it."""
    url = _url(tmp_path, database_url)
    db = make_engine(url)
    migrate(db, "0002")
    now = utcnow()
    with db.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO job (id, tenant_id, key_id, filename, file_format, status, total_rows,"
                " processed_rows, error_rows, top_k, snapshot_id, model_version, error, created_at,"
                " updated_at) VALUES ('old-job', 'acme', 'k', 's.csv', 'csv', 'running', 7, 2, 0, 3,"
                " '', '', '', :now, :now)"
            ),
            {"now": now},
        )
    migrate(db)
    with db.connect() as conn:
        owner, heartbeat = conn.execute(text("SELECT owner, heartbeat_at FROM job")).one()
    assert (owner, heartbeat) == ("", None)
    for api in start_api(make_settings(tmp_path, url), fake_engine()):
        runner = _runner(api)
        assert runner.next_id() == "old-job"
        claim = runner.claim("old-job")
        assert claim is not None and claim.processed_rows == 2
        assert (_job(api, "old-job").status, _job(api, "old-job").owner) == ("running", runner.worker_id)
    command.downgrade(alembic_config(db), "0002")
    with db.connect() as conn:
        columns = {c["name"] for c in inspect(conn).get_columns("job")}
        assert "owner" not in columns and "heartbeat_at" not in columns
        assert conn.execute(text("SELECT status, processed_rows FROM job")).one() == ("queued", 2)
    migrate(db)
    db.dispose()


@pytest.mark.parametrize("transient", [True, False])
def test_job_claims_a_chunk_refused_by_the_database_is_stored_again_or_fails_the_job(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, transient: bool
) -> None:
    """A lock timeout or deadlock (OperationalError) stores the chunk again; one that persists fails."""
    monkeypatch.setattr("service.jobs._RETRY_PAUSE", 0.0)
    screener = HookedScreener(fake_engine().screener)
    engine = dataclasses.replace(fake_engine(), screener=screener)

    def refuse(call: int) -> None:
        if call == 3 or (not transient and call > 3):
            raise OperationalError("INSERT INTO supplier ...", {}, Exception("database is locked"))

    screener.hook = refuse
    for api in start_api(make_settings(tmp_path, _url(tmp_path, "sqlite://")), engine):
        job_id = _upload(api, api.key(), PLAIN_CSV)
        _runner(api).drain()
        if transient:
            _assert_exactly_once(api, job_id, PLAIN_ROWS, 0)
            assert _rows_metric(api) == len(PLAIN_ROWS)
        else:
            failed = _job(api, job_id)
            assert failed.status == "failed" and "internal error" in failed.error
            assert failed.processed_rows == 2 and _stored_rows(api, job_id) == [1, 2]
            assert _screenings(api, job_id) == 2


class _Crash(BaseException):
    """Stands for the process dying: nothing in the worker catches it, so its claim stays as it was."""


class PoisonScreener(HookedScreener):
    """The fake screener, dying on the supplier named `poison` (a row that crashes the server)."""

    def __init__(self, inner: Any, poison: str) -> None:
        super().__init__(inner)
        self.poison = poison

    def screen(self, record: SupplierRecord, top_k: int = 3) -> ScreeningResult:
        if record.name == self.poison:
            raise _Crash(record.name)
        return super().screen(record, top_k)


def _poisoned() -> Engine:
    return dataclasses.replace(
        fake_engine(), screener=PoisonScreener(fake_engine().screener, "Shadow Garments Factory")
    )


@BOTH_DATABASES
def test_job_claims_a_job_that_keeps_crashing_its_worker_fails(tmp_path: Path, database_url: str) -> None:
    """A row that kills the process each time: the job is taken over until job_max_attempts starts
    died, then the next worker fails it with a message, keeping the rows committed before."""
    settings = make_settings(tmp_path, _url(tmp_path, database_url))
    assert settings.job_max_attempts == 3
    with _two_apps(settings, _poisoned(), _poisoned()) as (a, b):
        headers = a.key()
        job_id = _upload(a, headers, MIXED_CSV)
        runners = (_runner(a), _runner(b))
        for start in range(1, 4):
            runner = runners[start % 2]
            if start > 1:
                assert runner.next_id() is None  # the dead worker's heartbeat is still fresh
                _age(a, job_id)
            assert runner.next_id() == job_id
            with pytest.raises(_Crash):
                runner.process(job_id)  # rows 1-2 commit; row 3 is an error, row 5 kills the worker
            died = _job(a, job_id)
            assert (died.status, died.owner, died.attempts) == ("running", runner.worker_id, start)
            assert died.processed_rows == 2 and _stored_rows(a, job_id) == [1, 2]
        _age(a, job_id)
        last = runners[0]
        assert last.next_id() == job_id
        last.process(job_id)  # a fourth start is not made: the job fails
        failed = _job(a, job_id)
        assert (failed.status, failed.attempts, failed.processed_rows) == ("failed", 3, 2)
        assert failed.error.startswith("Screening was cut off 3 times by a server crash or restart")
        assert "The 2 rows screened before are kept in the job's results" in failed.error
        assert failed.finished_at is not None
        for runner in runners:
            assert runner.next_id() is None and runner.claim(job_id) is None
        # The user sees the reason and still reads the rows screened before the poisoned one.
        shown = a.client.get(f"/v1/jobs/{job_id}", headers=headers).json()
        assert shown["status"] == "failed" and shown["error"] == failed.error
        page = a.client.get(f"/v1/jobs/{job_id}/results", headers=headers).json()
        assert [item["row"] for item in page["items"]] == [1, 2] and page["total"] == 2
        # Rows 1-2 were committed once by the first start; the later starts died in the chunk after.
        assert _screenings(a, job_id) == 2 and _rows_metric(a, b) == 2


def test_job_claims_the_restart_cap_is_a_setting(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, _url(tmp_path, "sqlite://"), job_max_attempts=1)
    with _two_apps(settings, _poisoned(), _poisoned()) as (a, b):
        job_id = _upload(a, a.key(), MIXED_CSV)
        with pytest.raises(_Crash):
            _runner(a).process(job_id)
        _age(a, job_id)
        _runner(b).process(job_id)
        failed = _job(a, job_id)
        assert failed.status == "failed" and failed.attempts == 1
        assert failed.error.startswith("Screening was cut off once by a server crash or restart")


def test_job_claims_stopping_workers_do_not_use_up_the_attempts(tmp_path: Path) -> None:
    """A stop hands the start back: a job stopped many times, then cut off once, still finishes."""
    settings = make_settings(tmp_path, _url(tmp_path, "sqlite://"), job_max_attempts=2)
    with _two_apps(settings, fake_engine(), fake_engine()) as (a, b):
        job_id = _upload(a, a.key(), PLAIN_CSV)
        for _ in range(3):
            assert _runner(a).claim(job_id) is not None
            assert _job(a, job_id).attempts == 1
            _runner(a).release()  # what stop() does at shutdown
            assert (_job(a, job_id).status, _job(a, job_id).attempts) == ("queued", 0)
        _runner(a).process(job_id, max_chunks=1)  # ... and this time the process dies
        _age(a, job_id)
        _runner(b).drain()  # start 2 of 2 is allowed
        _assert_exactly_once(a, job_id, PLAIN_ROWS, 0)
        assert _job(a, job_id).attempts == 2
        # A worker taking back a job it already holds (between its own chunks) is no new start.
        again = _upload(a, a.key(), PLAIN_CSV)
        for _ in range(4):  # three chunks of two rows, then the end of the file
            _runner(a).process(again, max_chunks=1)
        assert (_job(a, again).status, _job(a, again).attempts, _job(a, again).processed_rows) == (
            "done",
            1,
            6,
        )


@BOTH_DATABASES
def test_job_claims_migration_0004_counts_attempts_from_zero(tmp_path: Path, database_url: str) -> None:
    url = _url(tmp_path, database_url)
    db = make_engine(url)
    migrate(db, "0003")
    now = utcnow()
    with db.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO job (id, tenant_id, key_id, filename, file_format, status, total_rows,"
                " processed_rows, error_rows, top_k, snapshot_id, model_version, error, created_at,"
                " updated_at, owner, heartbeat_at) VALUES ('old-job', 'acme', 'k', 's.csv', 'csv',"
                " 'running', 7, 2, 0, 3, '', '', '', :now, :now, 'gone:1:x', :stale)"
            ),
            {"now": now, "stale": now - STALE_AFTER - timedelta(seconds=1)},
        )
    migrate(db)
    with db.connect() as conn:
        assert conn.execute(text("SELECT attempts FROM job")).scalar_one() == 0
    for api in start_api(make_settings(tmp_path, url), fake_engine()):
        claim = _runner(api).claim("old-job")
        assert claim is not None and claim.processed_rows == 2 and _job(api, "old-job").attempts == 1
    command.downgrade(alembic_config(db), "0003")
    with db.connect() as conn:
        assert "attempts" not in {c["name"] for c in inspect(conn).get_columns("job")}
        assert conn.execute(text("SELECT processed_rows FROM job")).scalar_one() == 2
    migrate(db)
    db.dispose()


def test_job_claims_only_starts_cut_off_by_a_crash_count_toward_the_cap(tmp_path: Path) -> None:
    """Invariant: whatever mix of normal stops and crashes a job goes through, it fails exactly when a
    worker finds it cut off by job_max_attempts crashes, and its attempts count the crashed starts."""
    settings = make_settings(tmp_path, _url(tmp_path, "sqlite://"))
    with _two_apps(settings, fake_engine(), fake_engine()) as (a, b):
        headers = a.key()
        runners = (_runner(a), _runner(b))

        @hypothesis_settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(cap=st.integers(1, 3), ends=st.lists(st.sampled_from(["stop", "crash"]), max_size=7))
        def lifetimes(cap: int, ends: list[str]) -> None:
            a.runtime.settings.job_max_attempts = cap  # both apps share these settings
            job_id = _upload(a, headers, PLAIN_CSV)
            crashes, given_up = 0, False
            for turn, end in enumerate(ends):
                runner = runners[turn % 2]  # the other worker takes over: a dead one never comes back
                claim = runner.claim(job_id)
                if crashes >= cap:  # the last start crashed, as the cap-th one: no further start
                    assert claim is None
                    given_up = True
                    break
                assert claim is not None
                if end == "stop":
                    runner.release()
                else:
                    crashes += 1
                    _age(a, job_id)
                assert _job(a, job_id).attempts == crashes
            job = _job(a, job_id)
            if given_up:
                assert job.status == "failed" and job.attempts == cap
                assert job.error.startswith("Screening was cut off ")
            else:
                assert job.status in ("queued", "running") and job.error == ""

        lifetimes()
