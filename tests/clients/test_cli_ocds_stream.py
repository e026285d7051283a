"""`flscreen screen` on an OCDS package whose JSON breaks off: the suppliers read before the break are
screened and written, then the run stops with exit code 2 and one line naming where the JSON stops."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clients import cli, parallel
from tests.clients.fakes import FakeEngine

runner = CliRunner()


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeEngine]:
    fake = FakeEngine()
    monkeypatch.setattr(cli, "_load_engine", lambda lists: fake)
    monkeypatch.setattr(parallel, "CHUNK_ROWS", 3)  # spread even a short file over every worker
    yield fake


def _cut_package(tmp_path: Path, releases: int, keep: int) -> tuple[Path, str]:
    """Write a release package cut short inside release number ``keep`` (0-based); return where."""
    lines = []
    for n in range(releases):
        party = {
            "id": "s",
            "name": f"Supplier {n} Ltd",
            "roles": ["supplier"],
            "address": {"countryName": "DE"},
        }
        lines.append(
            json.dumps({"ocid": f"o-{n}", "parties": [party], "awards": [{"suppliers": [{"id": "s"}]}]})
        )
    text = '{"releases": [\n' + ",\n".join(lines) + "\n]}\n"
    cut = text.index(f'"o-{keep}"')
    path = tmp_path / "cut.json"
    path.write_text(text[:cut], encoding="utf-8")
    return path, f"line {text[:cut].count(chr(10)) + 1}, byte offset {cut:,}"


@pytest.mark.parametrize("workers", [1, 2])
def test_a_cut_package_screens_what_was_read_then_exits_2(
    engine: FakeEngine, tmp_path: Path, workers: int
) -> None:
    path, where = _cut_package(tmp_path, releases=12, keep=8)
    out = tmp_path / "out.json"
    result = runner.invoke(cli.app, ["screen", str(path), "-o", str(out), "--workers", str(workers)])
    assert result.exit_code == 2, result.stderr
    stderr = " ".join(result.stderr.split())  # the console may wrap long lines
    assert f"OCDS: the JSON breaks off at {where}: the file ends mid-JSON" in stderr  # before screening
    tail = stderr[stderr.rindex("flscreen: ") :]
    assert tail == (
        f"flscreen: {path}: {where}: not valid JSON: the file ends mid-JSON, as if cut short; "
        "reading stopped after 8 releases (8 suppliers read)"
    )
    assert "Traceback" not in result.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [r["name"] for r in doc["results"]] == [f"Supplier {n} Ltd" for n in range(8)]
    assert where in doc["summary"]["error"]


def test_a_package_broken_before_any_supplier_is_an_input_error(engine: FakeEngine, tmp_path: Path) -> None:
    path, where = _cut_package(tmp_path, releases=3, keep=0)
    result = runner.invoke(cli.app, ["screen", str(path)])
    assert result.exit_code == 2 and where == "line 2, byte offset 24"
    assert " ".join(result.stderr.split()) == (
        f"flscreen: {path}: {where}: not valid JSON: the file ends mid-JSON, as if cut short"
    )
