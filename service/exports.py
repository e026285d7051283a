"""Write a job's flat result rows as CSV, XLSX or JSON bytes."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from scoring.cells import quote_formula
from service.rows import COLUMNS
from service.schemas.jobs import JobRowPublic

MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def _safe_cell(value: object) -> object:
    # A cell starting like a formula would run in a spreadsheet (CSV injection): prefix it with a quote.
    if isinstance(value, str):
        return quote_formula(value)
    return "" if value is None else value


def export_rows(rows: Sequence[JobRowPublic], file_format: str) -> bytes:
    """Return the rows in the requested format, one row per input row, in input order."""
    dicts = [r.model_dump() for r in rows]
    if file_format == "json":
        return json.dumps(dicts, ensure_ascii=False, indent=1).encode("utf-8")
    if file_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(COLUMNS)
        writer.writerows([_safe_cell(d[c]) for c in COLUMNS] for d in dicts)
        return buffer.getvalue().encode("utf-8-sig")  # BOM so spreadsheet programs detect UTF-8
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("results")
    sheet.append(list(COLUMNS))
    for d in dicts:
        sheet.append([_safe_cell(d[c]) for c in COLUMNS])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
