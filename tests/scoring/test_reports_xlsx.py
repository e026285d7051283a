"""The XLSX report read back with openpyxl: sheets, headers, filters, values, formula safety."""

from __future__ import annotations

import io

import openpyxl
import pytest

from scoring.cells import safe_text
from scoring.reports import parse_results, render_report
from tests.scoring.reports_factories import make_doc, make_row


def _book(*rows: dict[str, object]) -> openpyxl.Workbook:
    data = render_report(parse_results(make_doc(*rows)), "xlsx")
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Acme", "Acme"),
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a\x00b", "ab"),
    ],
)
def test_safe_text_neutralises(text: str, expected: str) -> None:
    assert safe_text(text) == expected


def test_render_xlsx_sheets_have_frozen_filtered_headers() -> None:
    book = _book(make_row(1), make_row(2, tier="none", score=0.0))
    assert book.sheetnames == ["summary", "suppliers", "findings", "sources"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")


def test_render_xlsx_suppliers_and_findings_values() -> None:
    book = _book(make_row(2, tier="none", score=0.0), make_row(1, name="=cmd|' /C calc'!A0"))
    suppliers = list(book["suppliers"].iter_rows(values_only=True))
    header = suppliers[0]
    rows = [dict(zip(header, r, strict=True)) for r in suppliers[1:]]
    assert [r["row"] for r in rows] == [1, 2]
    assert rows[0]["name"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["risk_score"] == 90.0 and rows[0]["flagged"] is True
    assert rows[0]["ungp"] == "13;17"
    findings = list(book["findings"].iter_rows(values_only=True))
    first = dict(zip(findings[0], findings[1], strict=True))
    assert first["code"] == "entity_list.uflpa" and first["points"] == 100.0
    assert first["evidence_sources"] == "us_dhs_uflpa@20250115000000"


def test_render_xlsx_no_cell_is_a_formula() -> None:
    book = _book(make_row(1, name="=1+1", supplier_id="@A1"))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row)


def test_render_xlsx_sources_and_summary() -> None:
    book = _book(make_row(1))
    sources = list(book["sources"].iter_rows(values_only=True))
    record = dict(zip(sources[0], sources[1], strict=True))
    assert (record["id"], record["complete"], record["licence"]) == ("us_dhs_uflpa", False, "public domain")
    summary = dict(book["summary"].iter_rows(min_row=2, values_only=True))
    assert summary["snapshot_id"] == "snap-test" and summary["tier_severe"] == 1


def test_render_xlsx_is_reproducible() -> None:
    doc = parse_results(make_doc(make_row(1), make_row(2, tier="high", score=60.0)))
    assert render_report(doc, "xlsx") == render_report(doc, "xlsx")
