"""Two first screenings of the same new supplier at once: both succeed and share one supplier row."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine as DbEngine
from sqlalchemy import event, func
from sqlmodel import Session, select

from scoring.types import SupplierRecord
from service.db import make_engine, migrate
from service.engine import Engine
from service.models import Screening, Supplier
from service.schemas.screening import ScreeningPublic
from service.screening import ScreenRequest, screen_and_store
from tests.service.conftest import BOTH_DATABASES
from tests.service.fakes import fake_engine


@pytest.fixture(scope="module")
def engine() -> Engine:
    return fake_engine()


@pytest.fixture
def db(tmp_path: Path, database_url: str) -> Iterator[DbEngine]:
    """A migrated database that separate connections really share (a file, not in-memory SQLite)."""
    url = f"sqlite:///{tmp_path / 'race.sqlite'}" if database_url == "sqlite://" else database_url
    engine = make_engine(url)
    migrate(engine)
    yield engine
    engine.dispose()


def _screen(
    db: DbEngine, engine: Engine, record: SupplierRecord, session: Session | None = None
) -> ScreeningPublic:
    """Screen and store one record in its own transaction, as one API request does."""
    with session or Session(db) as own:
        public = screen_and_store(session=own, engine=engine, request=ScreenRequest("acme", record))
        own.commit()
    return public


def _stored(db: DbEngine, record: SupplierRecord) -> tuple[list[Supplier], int]:
    with Session(db) as session:
        suppliers = list(session.exec(select(Supplier).where(Supplier.name == record.name)).all())
        screenings = session.exec(select(func.count()).where(Screening.name == record.name)).one()
    return suppliers, screenings


@BOTH_DATABASES
@pytest.mark.parametrize(
    "record",
    [
        SupplierRecord(name="Brand New Trading Ltd", supplier_id="V-NEW-1", country="GB"),
        SupplierRecord(name="Unkeyed Newcomer GmbH", country="DE"),  # keyed by name and country
    ],
    ids=["supplier-id", "name-and-country"],
)
def test_other_request_inserting_the_supplier_first_does_not_fail_this_one(
    db: DbEngine, engine: Engine, record: SupplierRecord
) -> None:
    # The other request inserts and commits the supplier after this one has looked for it and
    # before this one inserts it: the window in which both see a new supplier.
    other: list[ScreeningPublic] = []
    mine = Session(db)

    def other_request_first(_conn: object, _cursor: object, statement: str, *_: Any) -> None:
        if not other and statement.lstrip().upper().startswith("INSERT INTO SUPPLIER"):
            other.append(_screen(db, engine, record))

    event.listen(mine.connection(), "before_cursor_execute", other_request_first)
    public = _screen(db, engine, record, mine)

    assert other, "the other request never ran: this session inserted no supplier"
    assert public.supplier_ref == other[0].supplier_ref
    suppliers, screenings = _stored(db, record)
    assert len(suppliers) == 1 and screenings == 2
    (supplier,) = suppliers
    assert supplier.screenings_count == 2
    assert supplier.last_screening_id == public.id  # the later screening is the supplier's last
    assert supplier.first_screened_at <= supplier.last_screened_at


@BOTH_DATABASES
def test_simultaneous_first_screenings_in_threads_share_one_supplier(db: DbEngine, engine: Engine) -> None:
    records = [SupplierRecord(name=f"Parallel Newcomer {i} Ltd", supplier_id=f"P-{i}") for i in range(8)]
    rounds = 2  # two threads screen each record twice each, all starting together per record
    failures: list[BaseException] = []
    refs: list[str] = []
    lock = threading.Lock()

    def screen_all(barrier: threading.Barrier) -> None:
        for record in records:
            barrier.wait(timeout=60)
            for _ in range(rounds):
                try:
                    ref = _screen(db, engine, record).supplier_ref
                except BaseException as exc:  # collected and reported by the main thread
                    with lock:
                        failures.append(exc)
                else:
                    with lock:
                        refs.append(ref)

    barrier = threading.Barrier(2)
    threads = [threading.Thread(target=screen_all, args=(barrier,)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    assert failures == []
    for record in records:
        suppliers, screenings = _stored(db, record)
        assert len(suppliers) == 1 and screenings == 2 * rounds
        assert suppliers[0].screenings_count == 2 * rounds  # no lost update of the counter
    assert len(set(refs)) == len(records)
