"""The screen command's contract with a stand-in engine: columns, order, exit codes, formats, faults."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from clients import cli
from clients.results import COLUMNS, CONTRACT
from tests.clients.fakes import FakeEngine

runner = CliRunner()


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeEngine]:
    fake = FakeEngine()
    monkeypatch.setattr(cli, "_load_engine", lambda lists: fake)
    yield fake


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _write(tmp_path: Path, text: str, name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


SUPPLIERS = (
    "id,Supplier Name,Country,Spend\n1,Acme GmbH,DE,100\n2,XINJIANG ZHONGTAI CHEMICAL CO LTD,CN,5\n"
    "3,,CN,1\n4,Risky Ltd,Atlantis,x\n"
)


def test_screen_writes_contract_columns_in_order_to_stdout(engine: FakeEngine, tmp_path: Path) -> None:
    result = runner.invoke(cli.app, ["screen", str(_write(tmp_path, SUPPLIERS))])
    assert result.exit_code == 0, result.stderr
    header = next(csv.reader(io.StringIO(result.stdout)))
    assert tuple(header[: len(CONTRACT)]) == CONTRACT and tuple(header) == COLUMNS
    rows = _csv(result.stdout)
    assert [r["row"] for r in rows] == ["1", "2", "3", "4"]
    assert [r["risk_tier"] for r in rows] == ["none", "severe", "", "medium"]
    assert rows[1]["match_list"] == "us_dhs_uflpa" and rows[1]["match_score"] == "0.97"
    assert rows[1]["ungp"] == "13;19" and rows[1]["p28"] == "P28-ACCOUNT"
    assert rows[1]["match_coverage_note"] == "us_dhs_uflpa copy is partial"
    assert rows[2]["error"] == "blank supplier name" and rows[2]["snapshot_id"] == "snap-test"
    assert "Atlantis" in rows[3]["warnings"] and rows[3]["reasons"] == "'=HYPERLINK(risky goods)"
    assert 'name <- "Supplier Name"' in result.stderr
    assert "non-match is not a clearance" in result.stderr and "partial source" in result.stderr


def test_screen_asks_engine_for_enough_matches(engine: FakeEngine, tmp_path: Path) -> None:
    runner.invoke(cli.app, ["screen", str(_write(tmp_path, SUPPLIERS)), "--top", "5"])
    assert {k for _, k in engine.calls} == {5}
    runner.invoke(cli.app, ["screen", str(_write(tmp_path, SUPPLIERS))])
    assert engine.calls[-1][1] == 3  # --top only changes the display, never the risk


def test_screen_top_lists_other_matches_in_one_row(engine: FakeEngine, tmp_path: Path) -> None:
    out = runner.invoke(cli.app, ["screen", str(_write(tmp_path, SUPPLIERS)), "--top", "2"]).stdout
    rows = _csv(out)
    assert len(rows) == 4
    assert "us_dhs_uflpa:2 Other Listed Co. (us_dhs_uflpa, 0.40, below threshold)" in rows[1]["other_matches"]
    out1 = runner.invoke(cli.app, ["screen", str(_write(tmp_path, SUPPLIERS))]).stdout
    assert _csv(out1)[1]["other_matches"] == ""


def test_screen_json_carries_findings_matches_and_sources(engine: FakeEngine, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = runner.invoke(cli.app, ["screen", str(_write(tmp_path, SUPPLIERS)), "-o", str(out)])
    assert result.exit_code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    meta = doc["metadata"]
    assert meta["snapshot_id"] == "snap-test" and "not a clearance" in meta["notice"]
    assert meta["sources"][0]["complete"] is False and meta["sources"][0]["coverage_note"]
    hit = doc["results"][1]
    assert hit["findings"][0]["evidence"][0]["source_id"] == "us_dhs_uflpa"
    assert {"type", "code", "points", "sentence", "ungp", "p28", "laws", "actions"} <= hit["findings"][
        0
    ].keys()
    assert hit["matches"][0]["contributions"][0]["name"] == "name_similarity"
    assert doc["summary"]["by_tier"]["severe"] == 1 and doc["summary"]["errors"] == 1


def test_screen_xlsx_output(engine: FakeEngine, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    assert runner.invoke(cli.app, ["screen", str(_write(tmp_path, SUPPLIERS)), "-o", str(out)]).exit_code == 0
    sheet = openpyxl.load_workbook(out)["screening"]
    assert [c.value for c in sheet[1]] == list(COLUMNS) and sheet.max_row == 5
    assert sheet.cell(3, COLUMNS.index("risk_score") + 1).value == 92.0


@pytest.mark.parametrize(("tier", "code"), [("severe", 3), ("high", 3), ("medium", 3), ("none", 3)])
def test_screen_fail_on_exits_3(engine: FakeEngine, tmp_path: Path, tier: str, code: int) -> None:
    assert (
        runner.invoke(cli.app, ["screen", str(_write(tmp_path, SUPPLIERS)), "--fail-on", tier]).exit_code
        == code
    )


def test_screen_fail_on_not_reached_exits_0(engine: FakeEngine, tmp_path: Path) -> None:
    path = _write(tmp_path, "name\nAcme\n")
    assert runner.invoke(cli.app, ["screen", str(path), "--fail-on", "low"]).exit_code == 0


def test_screen_internal_row_failure_keeps_other_rows_and_exits_1(engine: FakeEngine, tmp_path: Path) -> None:
    result = runner.invoke(cli.app, ["screen", str(_write(tmp_path, "name\nCRASH\nAcme\n"))])
    assert result.exit_code == 1
    rows = _csv(result.stdout)
    assert "engine exploded" in rows[0]["error"] and rows[1]["risk_tier"] == "none"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.csv"], "file not found"),
        (["in.csv", "--map", "name=Nope"], "no column 'Nope'"),
        (["in.csv", "--map", "colour=Supplier Name"], "unknown field 'colour'"),
        (["in.csv", "--format", "xlsx"], "XLSX output needs a file"),
        (["empty.csv"], "file is empty"),
        (["noname.csv"], "no column recognised as the supplier name"),
        (["in.csv", "--list", "nolist.csv"], "watch list file not found"),
    ],
)
def test_screen_input_errors_exit_2_with_one_line(
    engine: FakeEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, SUPPLIERS)
    _write(tmp_path, "", "empty.csv")
    _write(tmp_path, "a,b\n1,2\n", "noname.csv")
    result = runner.invoke(cli.app, ["screen", *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_screen_usage_errors_exit_2(engine: FakeEngine, tmp_path: Path) -> None:
    path = str(_write(tmp_path, SUPPLIERS))
    assert runner.invoke(cli.app, ["screen", path, "--top", "0"]).exit_code == 2
    assert runner.invoke(cli.app, ["screen", path, "--fail-on", "purple"]).exit_code == 2
    assert runner.invoke(cli.app, ["screen", path, "--format", "pdf"]).exit_code == 2


def test_screen_internal_error_exits_1_with_one_line(
    engine: FakeEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object, **kw: object) -> None:
        raise RuntimeError("kaput")

    monkeypatch.setattr(cli, "metadata", boom)
    result = runner.invoke(cli.app, ["screen", str(_write(tmp_path, SUPPLIERS))])
    assert result.exit_code == 1 and result.stderr.strip().endswith("internal error: RuntimeError: kaput")


def test_screen_ctrl_c_leaves_valid_partial_output(
    engine: FakeEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = engine.screen

    def interrupt_on_third(record, top_k=3):  # type: ignore[no-untyped-def]
        if record.name == "Stop":
            raise KeyboardInterrupt
        return real(record, top_k)

    monkeypatch.setattr(engine, "screen", interrupt_on_third)
    out = tmp_path / "out.json"
    result = runner.invoke(
        cli.app, ["screen", str(_write(tmp_path, "name\nA\nB\nStop\nD\n")), "-o", str(out)]
    )
    assert result.exit_code == 130
    assert "Interrupted after 2 rows" in result.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert len(doc["results"]) == 2 and doc["summary"]["interrupted"] is True


def test_screen_reads_ocds_and_xlsx_inputs(engine: FakeEngine, tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[2] / "examples" / "ocds_release_package.json"
    rows = _csv(runner.invoke(cli.app, ["screen", str(example)]).stdout)
    assert [r["name"] for r in rows][0] == "Top Glove Corporation Berhad"
    book = openpyxl.Workbook()
    book.active.append(["NAME1", "LAND1"])
    book.active.append(["Acme", "DE"])
    book.save(tmp_path / "in.xlsx")
    rows = _csv(runner.invoke(cli.app, ["screen", str(tmp_path / "in.xlsx")]).stdout)
    assert rows[0]["name"] == "Acme" and rows[0]["country"] == "DE"


@pytest.mark.parametrize(
    ("output", "message"),
    [("in.csv", "would overwrite the input"), ("nodir/out.csv", "output folder does not exist")],
)
def test_screen_refuses_unsafe_outputs(
    engine: FakeEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, SUPPLIERS)
    result = runner.invoke(cli.app, ["screen", "in.csv", "-o", output])
    assert result.exit_code == 2 and message in result.stderr
    assert (tmp_path / "in.csv").read_text(encoding="utf-8") == SUPPLIERS


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "cp1252"])
def test_screen_says_which_encoding_it_used(engine: FakeEngine, tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(
        "供应商名称;国家\n新疆中泰化学;中国\n".encode(encoding)
        if encoding != "cp1252"
        else b"Name;Land\nM\xfcller;DE\n"
    )
    result = runner.invoke(cli.app, ["screen", str(path)])
    assert result.exit_code == 0
    assert f"encoding {encoding}" in result.stderr and '";"-delimited' in result.stderr
    assert len(_csv(result.stdout)) == 1
