"""Reading supplier files: encodings, delimiters, XLSX, ragged and blank rows, file-level faults."""

from __future__ import annotations

import codecs
from pathlib import Path

import openpyxl
import pytest

from scoring.intake.reader import InputError, RawRow, open_supplier_file, sniff_delimiter

CSV_TEXT = (
    "supplier_id,Supplier Name,Country\nS1,Müller Stahl GmbH,Deutschland\n"
    "S2,Société Générale Textile,France\n"
)
CN_TEXT = "供应商编号,供应商名称,国家\nC1,新疆中泰化学股份有限公司,中国\nC2,乌鲁木齐纺织有限公司,中国\n"


def _rows(path: Path, overrides: tuple[str, ...] = ()) -> list[RawRow]:
    source = open_supplier_file(path, overrides)
    try:
        return list(source.rows)
    finally:
        source.close()


@pytest.mark.parametrize(
    ("text", "encoding", "detected"),
    [
        (CSV_TEXT, "utf-8", "utf-8"),
        (CSV_TEXT, "utf-8-sig", "utf-8-sig"),
        (CSV_TEXT, "utf-16", "utf-16"),
        (CSV_TEXT, "cp1252", "cp1252"),
        (CN_TEXT, "gb18030", "gb18030"),
        (CN_TEXT, "utf-16", "utf-16"),
    ],
)
def test_open_detects_encoding(tmp_path: Path, text: str, encoding: str, detected: str) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(text.encode(encoding))
    source = open_supplier_file(path)
    rows = list(source.rows)
    source.close()
    assert source.encoding == detected
    assert detected in source.describe()
    expected = [line.split(",")[1] for line in text.splitlines()[1:]]
    assert [r.values["name"] for r in rows] == expected


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_open_sniffs_delimiter(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "in.csv"
    path.write_text(CSV_TEXT.replace(",", delimiter), encoding="utf-8")
    source = open_supplier_file(path)
    assert source.delimiter == delimiter
    assert [r.values["country"] for r in source.rows] == ["Deutschland", "France"]
    source.close()


def test_sniff_delimiter_ignores_commas_inside_quotes() -> None:
    assert sniff_delimiter('name;amount\n"Acme, Inc.";"1,5"\n"B, C";2\n') == ";"


def test_open_reads_sap_vendor_master(tmp_path: Path) -> None:
    path = tmp_path / "lfa1.csv"
    path.write_text(
        "LIFNR;NAME1;LAND1;ORT01;STRAS;PSTLZ;STCEG\n0000100;Acme GmbH;DE;Berlin;Hauptstr. 1;10115;DE123\n"
    )
    (row,) = _rows(path)
    assert row.values["name"] == "Acme GmbH" and row.values["supplier_id"] == "0000100"
    assert row.values["address"] == "Berlin, Hauptstr. 1, 10115"
    assert row.values["identifiers"] == (("vat", "DE123"),)


def test_open_marks_ragged_rows_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("id,name,country\n1,Acme,DE\n2,Beta,NL,extra\n3,Gamma\n4,Delta,FR,\n")
    rows = _rows(path)
    assert [r.row for r in rows] == [1, 2, 3, 4]
    assert [bool(r.fault) for r in rows] == [False, True, True, False]
    assert rows[1].values["name"] == "Beta" and "ragged" in rows[1].fault


def test_open_skips_blank_rows_but_keeps_numbering(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("name\nAcme\n\n,\nBeta\n")
    assert [(r.row, r.values["name"]) for r in _rows(path)] == [(1, "Acme"), (4, "Beta")]


def test_open_applies_map_override(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("Firm,Land\nAcme,DE\n")
    (row,) = _rows(path, ("name=Firm", "country=Land"))
    assert row.values["name"] == "Acme" and row.values["country"] == "DE"


def test_open_reads_xlsx_first_sheet(tmp_path: Path) -> None:
    path = tmp_path / "in.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Vendor Number", "Vendor", "Country", "HS Code", "Spend"])
    sheet.append([100234, "Acme Ltd", "GB", 901, 1234.5])
    sheet.append([None, None, None, None, None])
    sheet.append([100235, "Beta BV", "NL", "8541.40", "n/a"])
    book.save(path)
    rows = _rows(path)
    assert [r.row for r in rows] == [1, 3]
    assert rows[0].values["supplier_id"] == 100234 and rows[0].values["hs_code"] == 901
    source = open_supplier_file(path)
    assert source.kind == "xlsx"
    source.close()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b"\n\n  \n", "file is empty"),
        (b"Acme Ltd,DE,cotton\nBeta,NL,steel\n", "no column recognised as the supplier name"),
        (b"id,amount\n1,2\n", "no column recognised as the supplier name"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "legacy Excel"),
        (b"PK\x03\x04 not really a zip", "not a readable XLSX"),
        (b"\x00\x01\x02\x03\xff\xfe\xfa" * 50, "binary"),
    ],
)
def test_open_file_faults_raise_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        open_supplier_file(path)
    assert "\n" not in str(info.value) and str(path) in str(info.value)


def test_open_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        open_supplier_file(tmp_path / "nope.csv")


def test_open_bad_map_names_the_problem(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("name\nAcme\n")
    with pytest.raises(InputError, match="header row: --map: the file has no column 'Firm'"):
        open_supplier_file(path, ["name=Firm"])


def test_open_utf16_without_trailing_newline(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(codecs.BOM_UTF16_LE + "name\r\nAcme".encode("utf-16-le"))
    assert [r.values["name"] for r in _rows(path)] == ["Acme"]
