"""`flscreen screen --workers N`: the same output rows, in the same order, as one process; clean stops."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from clients import cli, parallel
from scoring.intake import reader
from scoring.types import ScreeningResult, SupplierRecord
from tests.clients.fakes import FakeEngine

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
runner = CliRunner()


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeEngine]:
    fake = FakeEngine()
    monkeypatch.setattr(cli, "_load_engine", lambda lists: fake)
    yield fake


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of 3 rows, so even a short file is spread over every worker many times."""
    monkeypatch.setattr(parallel, "CHUNK_ROWS", 3)


@pytest.fixture(autouse=True)
def field_limit() -> Iterator[int]:
    """A small csv field limit (a process-wide setting that service.uploads raises), restored after."""
    previous = csv.field_size_limit(10_000)
    yield 10_000
    csv.field_size_limit(previous)


def _screen(path: Path, workers: int, *extra: str) -> Result:
    return runner.invoke(cli.app, ["screen", str(path), "--workers", str(workers), *extra])


def _summary(stderr: str) -> str:
    """Return the summary table and what follows it (the lines before describe the run)."""
    return stderr[stderr.index("flscreen summary") :]


def _without_timestamp(text: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(text)
    assert doc["metadata"].pop("generated_at")
    return doc


def _generated(path: Path, rows: int, seed: int) -> Path:
    """Write a supplier CSV with good rows and bad ones: blank names, ragged rows, an unreadable
    record, unknown countries, bad spend, engine crashes and listed-looking names."""
    rng = random.Random(seed)
    lines = ["id,Supplier Name,Country,Spend"]
    for n in range(1, rows + 1):
        kind = rng.random()
        if kind < 0.05:
            lines.append(f"{n},,CN,1")  # blank name: an error row
        elif kind < 0.10:
            lines.append(f"{n},Ragged Co,DE,1,extra,cells")  # ragged: an error row
        elif kind < 0.13:
            lines.append(f"{n},CRASH,US,5")  # the engine raises: an internal-error row
        elif kind < 0.20:
            lines.append(f"{n},Xinjiang Zhongtai {n} Co Ltd,CN,{n}")  # a list hit
        elif kind < 0.25:
            lines.append(f"{n},Risky {n} Ltd,Atlantis,not-a-number")  # warnings
        else:
            lines.append(f'{n},"Ordinary {n}, GmbH",DE,{n * 10}')
    lines.insert(rows // 2, f"{rows + 1},{'x' * 20_000},DE,1")  # larger than the csv field limit
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.usefixtures("small_chunks")
def test_workers_write_the_rows_one_process_writes(engine: FakeEngine, tmp_path: Path, fmt: str) -> None:
    source = _generated(tmp_path / "in.csv", 300, seed=76)
    one = _screen(source, 1, "--format", fmt)
    assert one.exit_code == 1  # the CRASH rows are internal errors: exit 1, every row still written
    for workers in (2, 3):
        many = _screen(source, workers, "--format", fmt)
        assert many.exit_code == one.exit_code, many.stderr
        if fmt == "csv":
            assert many.stdout == one.stdout
        else:
            assert _without_timestamp(many.stdout) == _without_timestamp(one.stdout)
        assert _summary(many.stderr) == _summary(one.stderr)
        assert f"Screening on {workers} worker processes" in many.stderr
    rows = list(csv.DictReader(io.StringIO(_screen(source, 2).stdout)))
    assert [int(r["row"]) for r in rows] == list(range(1, 302))
    errors = {r["error"].split(" ")[0] for r in rows if r["error"]}
    assert {"blank", "ragged", "internal", "unreadable"} <= errors
    assert multiprocessing.active_children() == []


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    names=st.lists(
        st.sampled_from(["Acme", "", "CRASH", "Xinjiang Zhongtai", "Risky", "Ö Ltd"]), max_size=40
    ),
    chunk=st.integers(1, 5),
    workers=st.integers(2, 3),
)
def test_workers_keep_input_order_for_any_rows(
    engine: FakeEngine, tmp_path: Path, names: list[str], chunk: int, workers: int
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("n,name\n" + "".join(f"{i},{n}\n" for i, n in enumerate(names)), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parallel, "CHUNK_ROWS", chunk)
        one, many = _screen(source, 1), _screen(source, workers)
    assert (many.exit_code, many.stdout) == (one.exit_code, one.stdout)


@pytest.fixture(scope="module")
def engines() -> dict[tuple[Path, ...], Any]:
    """Real engines by custom lists, loaded once for the module (loading takes seconds)."""
    return {}


@pytest.mark.parametrize(
    ("example", "extra"),
    [
        ("suppliers.csv", ("--list", str(EXAMPLES / "watchlist.csv"))),
        ("procurement.csv", ()),
        ("ocds_release_package.json", ("--top", "3")),
    ],
)
@pytest.mark.usefixtures("small_chunks")
def test_workers_match_one_process_on_the_examples_with_the_real_engine(
    example: str,
    extra: tuple[str, ...],
    engines: dict[tuple[Path, ...], Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    load = cli._load_engine

    def cached(lists: list[Path]) -> Any:
        return (
            engines[tuple(lists)]
            if tuple(lists) in engines
            else engines.setdefault(tuple(lists), load(lists))
        )

    monkeypatch.setattr(cli, "_load_engine", cached)
    one = _screen(EXAMPLES / example, 1, *extra)
    many = _screen(EXAMPLES / example, 2, *extra)
    assert one.exit_code == 0, one.stderr
    assert many.exit_code == 0, many.stderr
    assert many.stdout == one.stdout and len(list(csv.DictReader(io.StringIO(one.stdout)))) >= 3
    assert _summary(many.stderr) == _summary(one.stderr)


@pytest.mark.usefixtures("small_chunks")
def test_workers_write_the_rows_before_a_read_error_then_stop_like_one_process(
    engine: FakeEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "MAX_CONSECUTIVE_BAD", 1)  # two unreadable records in a row: broken file
    big = "x" * 20_000  # larger than the csv field limit
    source = tmp_path / "in.csv"
    source.write_text("name\n" + "".join(f"Row {i}\n" for i in range(20)) + f"{big}\n{big}\nAfter\n")
    outputs = {}
    for workers in (1, 2):
        out = tmp_path / f"out-{workers}.json"
        result = _screen(source, workers, "-o", str(out))
        assert result.exit_code == 2 and "not readable as delimited text" in result.stderr
        doc = json.loads(out.read_text(encoding="utf-8"))
        assert "not readable" in doc["summary"]["error"]
        outputs[workers] = [r["row"] for r in doc["results"]], doc["summary"]
    assert outputs[2] == outputs[1] and outputs[1][0] == list(range(1, 22))


@pytest.mark.usefixtures("small_chunks")
def test_a_fault_outside_the_row_guard_fails_the_run_as_in_one_process(
    engine: FakeEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clients import screen_file

    real = screen_file.build_record

    def explode(values):  # type: ignore[no-untyped-def]
        if values.get("name") == "EXPLODE":
            raise ValueError("unexpected fault")
        return real(values)

    monkeypatch.setattr(screen_file, "build_record", explode)  # forked workers inherit the patch
    source = tmp_path / "in.csv"
    source.write_text("name\n" + "".join(f"Row {i}\n" for i in range(10)) + "EXPLODE\nAfter\n")
    one, many = _screen(source, 1), _screen(source, 2)
    assert one.exit_code == many.exit_code == 1
    assert one.stderr.strip().endswith("internal error: ValueError: unexpected fault")
    assert many.stderr.strip().endswith("internal error: ValueError: unexpected fault")
    assert "Traceback" not in many.stderr
    assert multiprocessing.active_children() == []


class DyingEngine(FakeEngine):
    """Kills its own process on the name 'DIE' (used only inside a worker process)."""

    def screen(self, record: SupplierRecord, top_k: int = 3) -> ScreeningResult:
        if record.name == "DIE":
            os.kill(os.getpid(), signal.SIGKILL)
        return super().screen(record, top_k)


@pytest.mark.usefixtures("small_chunks")
def test_a_killed_worker_ends_the_run_with_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "_load_engine", lambda lists: DyingEngine())
    source = tmp_path / "in.csv"
    source.write_text("name\n" + "".join(f"Row {i}\n" for i in range(10)) + "DIE\n" + "Row\n" * 20)
    result = _screen(source, 2)
    assert result.exit_code == 1
    assert "stopped unexpectedly (signal SIGKILL)" in result.stderr and "Traceback" not in result.stderr
    assert [r["row"] for r in csv.DictReader(io.StringIO(result.stdout))] == [str(i) for i in range(1, 10)]
    assert multiprocessing.active_children() == []


def test_workers_zero_means_one_per_core(
    engine: FakeEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "available_cores", lambda: 3)
    result = _screen(EXAMPLES / "procurement.csv", 0)
    assert result.exit_code == 0 and "Screening on 3 worker processes" in result.stderr
    monkeypatch.setattr(cli, "available_cores", lambda: 1)
    assert "worker processes" not in _screen(EXAMPLES / "procurement.csv", 0).stderr


def test_workers_option_rejects_bad_values_and_the_api(engine: FakeEngine) -> None:
    source = str(EXAMPLES / "procurement.csv")
    for bad in ("-1", str(parallel.MAX_WORKERS + 1), "two"):
        result = runner.invoke(cli.app, ["screen", source, "--workers", bad])
        assert result.exit_code == 2 and "--workers" in result.stderr
    result = runner.invoke(cli.app, ["screen", source, "--workers", "2", "--api", "http://127.0.0.1:9"])
    assert result.exit_code == 2 and "--workers works only locally" in result.stderr


# The Ctrl-C test runs the CLI in its own process group and interrupts the group, as a terminal does.
_SLOW_CLI = """
import sys, time
from clients import cli
from tests.clients.fakes import FakeEngine

class Slow(FakeEngine):
    def screen(self, record, top_k=3):
        time.sleep(0.002)
        return super().screen(record, top_k)

cli._load_engine = lambda lists: Slow()
sys.argv = ["flscreen", "screen", *sys.argv[1:]]
cli.main()
"""


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in task.read_text().split():
            found += [int(child), *_descendants(int(child))]
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find the worker processes")
@pytest.mark.parametrize("workers", [1, 2])
def test_ctrl_c_stops_every_process_without_a_traceback(tmp_path: Path, workers: int) -> None:
    source = tmp_path / "in.csv"
    source.write_text("name\n" + "".join(f"Supplier {i} Ltd\n" for i in range(20_000)))
    out = tmp_path / "out.csv"
    command = [sys.executable, "-c", _SLOW_CLI, str(source), "-o", str(out), "--workers", str(workers)]
    child = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    deadline = time.monotonic() + 120
    while not (out.exists() and out.stat().st_size > 50_000):  # well into the run
        assert child.poll() is None and time.monotonic() < deadline, "the run did not start"
        time.sleep(0.05)
    workers_seen = _descendants(child.pid)
    assert len(workers_seen) == (workers if workers > 1 else 0)
    os.killpg(child.pid, signal.SIGINT)  # Ctrl-C reaches the whole foreground process group
    _, stderr = child.communicate(timeout=60)
    assert child.returncode == 130, stderr
    assert "Traceback" not in stderr and "Interrupted after" in stderr
    rows = [int(r["row"]) for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))]
    assert rows == list(range(1, len(rows) + 1)) and 0 < len(rows) < 20_000
    for pid in workers_seen:  # no orphans: every worker is gone (reaped) once the main process is
        assert not Path(f"/proc/{pid}").exists(), f"worker {pid} outlived the interrupted run"
