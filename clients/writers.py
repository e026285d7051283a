"""Write screening rows as CSV, JSON or XLSX, streaming, and always leaving a valid file behind.

Spreadsheet safety: a text cell that begins with "=", "+", "-", "@", a tab or a carriage return is
read as a formula by Excel, LibreOffice and Google Sheets (CSV and formula injection, OWASP). Such
cells get a leading single quote in CSV and XLSX. Numeric columns are written as numbers and left
alone. JSON is data, not a spreadsheet, and is written verbatim.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import IO, Any, Protocol

from clients.results import COLUMNS, Cell, OutputRow
from scoring.cells import FORMULA_START, quote_formula, strip_illegal_xml

DANGEROUS = FORMULA_START
FORMATS = ("csv", "json", "xlsx")


def neutralise(value: Cell) -> Cell:
    """Prefix a text cell that a spreadsheet would evaluate as a formula with a single quote."""
    return quote_formula(value) if isinstance(value, str) else value


class ResultWriter(Protocol):
    """Sink for output rows; close() must leave a complete, valid file even after an interruption."""

    def write(self, row: OutputRow) -> None:
        """Write one row."""

    def close(self, summary: dict[str, Any]) -> None:
        """Finish the file (JSON and XLSX append the summary and sources)."""


class CsvWriter:
    """Write the flat columns as RFC 4180 CSV in UTF-8."""

    def __init__(self, stream: IO[str], owned: bool) -> None:
        self._stream, self._owned = stream, owned
        self._csv = csv.writer(stream)
        self._csv.writerow(COLUMNS)

    def write(self, row: OutputRow) -> None:
        """Write one row, neutralising formula-like text cells."""
        self._csv.writerow(["" if (v := row.cells.get(c)) is None else neutralise(v) for c in COLUMNS])

    def close(self, summary: dict[str, Any]) -> None:
        """Flush, and close the file when this writer opened it."""
        self._stream.flush()
        if self._owned:
            self._stream.close()


class JsonWriter:
    """Write one JSON document: metadata, then each row with findings and matches, then the summary."""

    def __init__(self, stream: IO[str], owned: bool, metadata: dict[str, Any]) -> None:
        self._stream, self._owned, self._first = stream, owned, True
        head = json.dumps(metadata, ensure_ascii=False, indent=2)
        stream.write('{\n"metadata": ' + head + ',\n"results": [')

    def write(self, row: OutputRow) -> None:
        """Write one row object: the flat columns plus the structured detail."""
        obj = {**{c: row.cells.get(c) for c in COLUMNS}, **row.detail}
        self._stream.write(
            ("\n" if self._first else ",\n") + json.dumps(obj, ensure_ascii=False, default=str)
        )
        self._first = False

    def close(self, summary: dict[str, Any]) -> None:
        """Close the results array and append the summary, so the document is valid JSON."""
        self._stream.write('\n],\n"summary": ' + json.dumps(summary, ensure_ascii=False, indent=2) + "\n}\n")
        self._stream.flush()
        if self._owned:
            self._stream.close()


class XlsxWriter:
    """Write an XLSX workbook in write-only (streaming) mode: results sheet plus a sources sheet."""

    def __init__(self, path: Path, metadata: dict[str, Any]) -> None:
        import openpyxl  # imported here: only XLSX output needs it
        from openpyxl.styles import Font

        self._path, self._metadata, self._rows = path, metadata, 0
        self._book = openpyxl.Workbook(write_only=True)
        self._sheet = self._book.create_sheet("screening")
        self._sheet.freeze_panes = "A2"  # keep the header visible while scrolling
        header = []
        for name in COLUMNS:
            cell = openpyxl.cell.WriteOnlyCell(self._sheet, value=name)
            cell.font = Font(bold=True)
            header.append(cell)
        self._sheet.append(header)

    @staticmethod
    def _safe(value: Cell) -> Cell:
        """Neutralise formulas and drop the control characters XML cannot carry."""
        if isinstance(value, str):
            value = strip_illegal_xml(value)
        return neutralise(value)

    def write(self, row: OutputRow) -> None:
        """Append one row; numbers stay numbers."""
        self._sheet.append([self._safe(row.cells.get(c)) for c in COLUMNS])
        self._rows += 1

    def close(self, summary: dict[str, Any]) -> None:
        """Add the autofilter and the sources sheet, then save the workbook."""
        from openpyxl.utils import get_column_letter

        self._sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{self._rows + 1}"
        about = self._book.create_sheet("sources")
        about.append(["source", "title", "version", "complete", "coverage_note"])
        for src in self._metadata.get("sources", []):
            about.append([self._safe(str(src.get(k, ""))) for k in ("id", "title", "version", "complete")]
                         + [self._safe(str(src.get("coverage_note", "")))])  # fmt: skip
        about.append([])
        about.append(["notice", self._safe(str(self._metadata.get("notice", "")))])
        for key in ("rows", "screened", "errors", "interrupted"):
            about.append([key, self._safe(str(summary.get(key, "")))])
        self._book.save(self._path)


def choose_format(fmt: str | None, output: Path | None) -> str:
    """Pick the output format: --format, else the output file's suffix, else CSV."""
    if fmt:
        return fmt.lower()
    suffix = output.suffix.lower().lstrip(".") if output else ""
    return suffix if suffix in FORMATS else "csv"


def open_writer(fmt: str, output: Path | None, metadata: dict[str, Any]) -> ResultWriter:
    """Open a writer for the format, to the output file or (CSV and JSON) to stdout."""
    if fmt == "xlsx":
        if output is None:
            raise ValueError("XLSX output needs a file: add -o FILE.xlsx")
        return XlsxWriter(output, metadata)
    stream: IO[str] = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    if fmt == "json":
        return JsonWriter(stream, output is not None, metadata)
    return CsvWriter(stream, output is not None)
