"""Read uploaded supplier files (CSV or XLSX) row by row into API records, one error per bad row.

A minimal reader for the service. The CLI has a fuller one in clients/csv_io.py; the service may not
import clients, so the two should later move into one shared package.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes
from pydantic import ValidationError

from service.errors import InvalidInput, UnsupportedMediaType
from service.schemas.records import SupplierIn

csv.field_size_limit(1_000_000)  # one cell may hold a long address, but not the whole file

_XLSX_MAGIC = b"PK\x03\x04"
# Folded header -> field. Covers plain-language exports and SAP vendor master technical names.
_HEADERS: dict[str, str] = {
    **dict.fromkeys(
        [
            "name",
            "suppliername",
            "vendorname",
            "companyname",
            "supplier",
            "vendor",
            "company",
            "name1",
            "legalname",
            "partyname",
        ],
        "name",
    ),
    **dict.fromkeys(
        [
            "supplierid",
            "vendorid",
            "vendornumber",
            "suppliernumber",
            "lifnr",
            "id",
            "vendorno",
            "supplierno",
            "suppliercode",
            "vendorcode",
        ],
        "supplier_id",
    ),
    **dict.fromkeys(
        ["country", "countrycode", "countryoforigin", "land1", "suppliercountry", "vendorcountry"], "country"
    ),
    **dict.fromkeys(["address", "street", "stras", "city", "ort01", "postcode", "pstlz", "town"], "address"),
    **dict.fromkeys(
        ["product", "description", "commodity", "item", "goods", "productdescription"], "product"
    ),
    **dict.fromkeys(["hscode", "hs", "hts", "htscode", "tariffcode"], "hs_code"),
    **dict.fromkeys(["value", "spend", "amount", "contractvalue"], "value"),
    **dict.fromkeys(["currency", "waers"], "currency"),
    **dict.fromkeys(["date", "orderdate", "contractdate"], "date"),
    **dict.fromkeys(["sector", "industry"], "sector"),
}
_IDENTIFIERS: dict[str, str] = {
    "stcd1": "tax",
    "taxnumber": "tax",
    "stceg": "vat",
    "vatnumber": "vat",
    "lei": "lei",
    "uscc": "uscc",
    "cnpj": "cnpj",
    "duns": "duns",
}
_FOLD = re.compile(r"[^0-9a-z]+")
_MULTIBYTE = frozenset(
    {
        "gb18030",
        "gbk",
        "gb2312",
        "big5",
        "big5hkscs",
        "shift_jis",
        "cp932",
        "euc_jp",
        "euc_kr",
        "cp949",
        "utf_16",
        "utf_16_le",
        "utf_16_be",
    }
)


@dataclass(frozen=True, slots=True)
class ParsedRow:
    """One non-blank data row: its 1-based position, the record, or why it could not be read."""

    row: int
    item: SupplierIn | None
    error: str = ""
    name: str = ""
    supplier_id: str = ""


def detect_format(filename: str, head: bytes) -> str:
    """Return "csv" or "xlsx" from the file's first bytes and name; refuse anything else."""
    if head.startswith(_XLSX_MAGIC):
        return "xlsx"
    if filename.lower().endswith((".xlsx", ".xlsm", ".xls")) or b"\x00" in head:
        raise UnsupportedMediaType("Upload a CSV file or an XLSX workbook.")
    return "csv"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # spreadsheet ids and HS codes arrive as floats
    return str(value).strip()


def _number(text: str) -> float | None:
    cleaned = text.replace(",", "").replace(" ", "")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


class _Columns:
    """Which column feeds which field, recognised from the header row."""

    def __init__(self, header: Sequence[str]) -> None:
        self.fields: dict[str, list[int]] = {}
        self.identifiers: dict[int, str] = {}
        for index, raw in enumerate(header):
            folded = _FOLD.sub("", raw.casefold())
            if folded in _HEADERS:
                self.fields.setdefault(_HEADERS[folded], []).append(index)
            elif folded in _IDENTIFIERS:
                self.identifiers[index] = _IDENTIFIERS[folded]
        if "name" not in self.fields:
            shown = ", ".join(repr(h) for h in header[:8])
            raise InvalidInput(f"No column is recognised as the supplier name among {shown}.")

    def values(self, cells: Sequence[str]) -> dict[str, Any]:
        """Return the record fields a row's cells give (joined when several columns feed one)."""
        out: dict[str, Any] = {}
        for name, indexes in self.fields.items():
            parts = [cells[i] for i in indexes if i < len(cells) and cells[i]]
            out[name] = ", ".join(parts) if name == "address" else (parts[0] if parts else "")
        for name in ("value",):
            out[name] = _number(out[name]) if out.get(name) else None
        out["identifiers"] = [
            {"scheme": scheme, "value": cells[i]}
            for i, scheme in self.identifiers.items()
            if i < len(cells) and cells[i]
        ]
        return out


def _rows_csv(path: Path) -> Iterator[list[str]]:
    with path.open("rb") as handle:
        sample = handle.read(65536)
    try:
        sample.decode("utf-8")
        encoding = "utf-8-sig"
    except UnicodeDecodeError:
        # Small samples make single-byte guesses unreliable: trust the detector only for multi-byte
        # East Asian encodings, and read everything else as Windows-1252 (the usual ERP export).
        guess = from_bytes(sample).best()
        encoding = guess.encoding if guess is not None and guess.encoding in _MULTIBYTE else "cp1252"
    first_line = sample.split(b"\n", 1)[0].decode(encoding, errors="replace")
    delimiter = max([",", ";", "\t", "|"], key=first_line.count)
    with path.open("r", encoding=codecs.lookup(encoding).name, errors="replace", newline="") as text:
        try:
            yield from csv.reader(text, delimiter=delimiter)
        except csv.Error as exc:
            raise InvalidInput(f"The CSV file cannot be read: {exc}.") from None


def _rows_xlsx(path: Path) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types on a damaged file
        raise InvalidInput(f"The XLSX workbook cannot be opened: {type(exc).__name__}.") from None
    try:
        sheet = workbook.worksheets[0]
        for values in sheet.iter_rows(values_only=True):
            yield [_cell(v) for v in values]
    finally:
        workbook.close()


def iter_rows(path: Path, file_format: str) -> Iterator[ParsedRow]:
    """Yield every non-blank data row of a file, numbered by position after the header."""
    rows = _rows_xlsx(path) if file_format == "xlsx" else _rows_csv(path)
    header: list[str] | None = None
    for row in rows:
        if any(c.strip() for c in row):
            header = [c.strip() for c in row]
            break
    if header is None:
        raise InvalidInput("The file is empty: no header row and no data.")
    columns = _Columns(header)
    for number, cells in enumerate(rows, start=1):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
            # Shifted data (say an unquoted comma in a name) would put values in the wrong fields.
            message = f"ragged row: {len(cells)} cells but the header has {len(header)}; not screened"
            yield ParsedRow(number, None, error=message)
            continue
        values = columns.values([c.strip() for c in cells])
        name, supplier_id = str(values.get("name", "")), str(values.get("supplier_id", ""))
        try:
            yield ParsedRow(number, SupplierIn.model_validate(values), name=name, supplier_id=supplier_id)
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            yield ParsedRow(number, None, error=problems, name=name, supplier_id=supplier_id)


def count_rows(path: Path, file_format: str) -> int:
    """Return the number of non-blank data rows (reads the whole file once; raises InvalidInput)."""
    return sum(1 for _ in iter_rows(path, file_format))
