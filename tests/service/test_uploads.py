"""The service's upload reader: header synonyms, delimiters, encodings, per-row errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.errors import InvalidInput, UnsupportedMediaType
from service.uploads import count_rows, detect_format, iter_rows


@pytest.mark.parametrize(
    ("content", "encoding", "names"),
    [
        ("NAME1,LAND1,LIFNR\nAcme GmbH,DE,1\n", "utf-8", ["Acme GmbH"]),
        ("Supplier Name;Country\nMüller Stahlbau GmbH;Österreich\n", "cp1252", ["Müller Stahlbau GmbH"]),
        ("Vendor\tCountry of Origin\nA Ltd\tGB\n\nB Ltd\tFR\n", "utf-8", ["A Ltd", "B Ltd"]),
        ("\ufeffcompany name|spend\nC Co|1,200.50\n", "utf-8", ["C Co"]),
    ],
)
def test_uploads_read_common_exports(tmp_path: Path, content: str, encoding: str, names: list[str]) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(content.encode(encoding))
    rows = list(iter_rows(path, "csv"))
    assert [r.item.name for r in rows if r.item] == names


def test_uploads_bad_row_becomes_error_not_failure(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text("name,country,spend,STCEG\n,DE,1\nGood Ltd,GB,abc,GB123\n", encoding="utf-8")
    first, second = iter_rows(path, "csv")
    assert first.item is None and "name" in first.error and first.row == 1
    assert second.item is not None and second.item.value is None
    assert [(i.scheme, i.value) for i in second.item.identifiers] == [("vat", "GB123")]
    assert count_rows(path, "csv") == 2


def test_uploads_refuse_file_without_name_column(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text("foo,bar\n1,2\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="supplier name"):
        list(iter_rows(path, "csv"))


@pytest.mark.parametrize(
    ("name", "head", "expected"), [("a.csv", b"name\n", "csv"), ("a.bin", b"PK\x03\x04", "xlsx")]
)
def test_uploads_detect_format(name: str, head: bytes, expected: str) -> None:
    assert detect_format(name, head) == expected


def test_uploads_detect_format_refuses_binary() -> None:
    with pytest.raises(UnsupportedMediaType):
        detect_format("x.xls", b"\xd0\xcf\x11\xe0")


def test_uploads_ragged_row_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text("name,country\nAcme Co., Ltd.,CN\nGood Ltd,GB\n", encoding="utf-8")
    first, second = iter_rows(path, "csv")
    assert first.item is None and "ragged" in first.error
    assert second.item is not None and second.item.country == "GB"


def test_uploads_errors_do_not_show_the_server_path(tmp_path: Path) -> None:
    path = tmp_path / "secret-dir" / "input.csv"
    path.parent.mkdir()
    path.write_text("foo,bar\n1,2\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        list(iter_rows(path, "csv"))
    assert "secret-dir" not in caught.value.detail and "supplier name" in caught.value.detail


def test_uploads_share_the_cli_parsing(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text("NAME1;LAND1;Spend;HS Code\nAcme GmbH;DE;1.234,50;8541.40\n", encoding="utf-8")
    (row,) = iter_rows(path, "csv")
    assert row.item is not None and row.item.value == 1234.5 and row.item.hs_code == "854140"
    assert row.item.country == "DE"
