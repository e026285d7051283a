"""Output writers: formula neutralisation, numbers kept numeric, valid JSON and XLSX."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter

from clients.results import COLUMNS, Cell, OutputRow
from clients.writers import DANGEROUS, CsvWriter, JsonWriter, XlsxWriter, choose_format, neutralise


def _row(text: str, score: float = 12.5) -> OutputRow:
    cells: dict[str, Cell] = dict.fromkeys(COLUMNS, text)
    cells.update(row=1, risk_score=score, match_score=None, exposure_value=-3.0)
    return OutputRow(cells, {"findings": [{"sentence": text}]}, "low")


def _unsafe(cell: object) -> bool:
    return isinstance(cell, str) and cell.startswith(DANGEROUS)


def test_neutralise_prefixes_formula_text_only() -> None:
    values: list[Cell] = ["=1+1", "+x", "-x", "@x", "\tx", "\rx", "ok", -5.0, None]
    assert [neutralise(v) for v in values] == [
        "'=1+1", "'+x", "'-x", "'@x", "'\tx", "'\rx", "ok", -5.0, None,
    ]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=30))
def test_csv_writer_never_emits_a_formula_cell(text: str) -> None:
    buf = io.StringIO()
    writer = CsvWriter(buf, owned=False)
    writer.write(_row(text))
    writer.close({})
    header, row = list(csv.reader(io.StringIO(buf.getvalue(), newline="")))
    text_cells = [
        v for c, v in zip(header, row, strict=True) if c not in ("row", "risk_score", "exposure_value")
    ]
    assert not any(_unsafe(v) for v in text_cells)
    assert row[header.index("exposure_value")] == "-3.0"  # numbers are not text: left alone


@settings(max_examples=25, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(["=", "+", "-", "@", "\t", "\r", "a", "1", " ", "\x01", "é"]), min_size=1
    )
)
def test_xlsx_writer_never_emits_a_formula_cell(tmp_path_factory: object, text: str) -> None:
    path = tmp_path_factory.mktemp("x") / "out.xlsx"  # type: ignore[attr-defined]
    writer = XlsxWriter(path, {"sources": [{"id": "s", "coverage_note": "=partial"}], "notice": "n"})
    writer.write(_row(text))
    writer.close({"rows": 1})
    book = openpyxl.load_workbook(path)
    sheet = book["screening"]
    values = [c.value for c in sheet[2]]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert not any(_unsafe(v) for v in values)
    assert values[COLUMNS.index("risk_score")] == 12.5
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:{get_column_letter(len(COLUMNS))}2"
    assert all(c.data_type != "f" for row in book["sources"].iter_rows() for c in row)


def test_json_writer_produces_one_valid_document(tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    writer = JsonWriter(path.open("w", encoding="utf-8"), owned=True, metadata={"notice": "not a clearance"})
    writer.write(_row("=raw"))
    writer.write(_row("second"))
    writer.close({"rows": 2})
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["metadata"]["notice"] == "not a clearance" and doc["summary"]["rows"] == 2
    assert [r["name"] for r in doc["results"]] == ["=raw", "second"]  # JSON is data: verbatim
    assert doc["results"][0]["findings"] == [{"sentence": "=raw"}]


def test_json_writer_closed_without_rows_is_valid(tmp_path: Path) -> None:
    buf = io.StringIO()
    JsonWriter(buf, owned=False, metadata={}).close({"interrupted": True})
    assert json.loads(buf.getvalue())["results"] == []


def test_choose_format_prefers_flag_then_suffix() -> None:
    assert choose_format("json", Path("a.xlsx")) == "json"
    assert choose_format(None, Path("a.XLSX")) == "xlsx"
    assert choose_format(None, Path("a.txt")) == "csv"
    assert choose_format(None, None) == "csv"
