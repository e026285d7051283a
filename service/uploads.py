"""Read uploaded supplier files (CSV or XLSX) row by row into API records, one error per bad row.

The reading itself is scoring.intake, the same reader ``flscreen screen`` uses: encodings,
delimiter sniffing, the header synonym table, ragged rows, and the same parsing of numbers, flags
and HS codes. This module only turns its rows into the API's ``SupplierIn`` and its file-level
faults into ``InvalidInput`` (without the server-side path of the stored upload).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from scoring.intake import InputError, build_record, open_supplier_file
from scoring.types import SupplierRecord
from service.errors import InvalidInput, UnsupportedMediaType
from service.schemas.records import IdentifierIn, SupplierIn

csv.field_size_limit(1_000_000)  # one cell may hold a long address, but not the whole file

_XLSX_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True, slots=True)
class ParsedRow:
    """One non-blank data row: its 1-based position, the record, or why it could not be read."""

    row: int
    item: SupplierIn | None
    error: str = ""
    name: str = ""
    supplier_id: str = ""
    warnings: tuple[str, ...] = ()  # fields dropped while reading (e.g. a spend that is not a number)


def detect_format(filename: str, head: bytes) -> str:
    """Return "csv" or "xlsx" from the file's first bytes and name; refuse anything else."""
    if head.startswith(_XLSX_MAGIC):
        return "xlsx"
    if filename.lower().endswith((".xlsx", ".xlsm", ".xls")) or b"\x00" in head:
        raise UnsupportedMediaType("Upload a CSV file or an XLSX workbook.")
    return "csv"


def _text(value: object) -> str:
    """Render an identity cell of a faulty row for the result row."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value or "").split())


def _supplier_in(record: SupplierRecord) -> SupplierIn:
    """Return the API input for a record the reader validated (the country is resolved again later)."""
    return SupplierIn(
        name=record.name,
        supplier_id=record.supplier_id,
        country=record.country_raw,
        address=record.address,
        identifiers=[IdentifierIn(scheme=s, value=v) for s, v in record.identifiers],
        product=record.product,
        hs_code=record.hs_code,
        value=record.value,
        currency=record.currency,
        quantity=record.quantity,
        date=record.date,
        sector=record.sector,
        is_intermediary=record.is_intermediary,
        recruitment_fees_paid_by_workers=record.recruitment_fees_paid_by_workers,
        identity_documents_retained=record.identity_documents_retained,
        migrant_worker_share=record.migrant_worker_share,
        ilo_indicators=list(record.ilo_indicators),
    )


def _problems(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())


def iter_rows(path: Path, file_format: str) -> Iterator[ParsedRow]:
    """Yield every non-blank data row of a file, numbered by position after the header."""
    try:
        source = open_supplier_file(path, ocds=False, short_rows=True)
    except InputError as exc:
        raise InvalidInput(f"The {file_format.upper()} file cannot be used: {exc.problem}") from None
    try:
        for raw in source.rows:
            name, supplier_id = _text(raw.values.get("name")), _text(raw.values.get("supplier_id"))
            if raw.fault:
                yield ParsedRow(raw.row, None, raw.fault, name, supplier_id)
                continue
            outcome = build_record(raw.values)
            if outcome.record is None:
                yield ParsedRow(raw.row, None, outcome.error, name, supplier_id, outcome.warnings)
                continue
            try:
                item = _supplier_in(outcome.record)
            except ValidationError as exc:  # a cell longer than the API accepts
                yield ParsedRow(raw.row, None, _problems(exc), name, supplier_id, outcome.warnings)
                continue
            rec = outcome.record
            yield ParsedRow(raw.row, item, "", rec.name, rec.supplier_id, outcome.warnings)
    except InputError as exc:  # the file broke down part-way (e.g. no longer delimited text)
        where = f" ({exc.row})" if exc.row else ""
        raise InvalidInput(f"The file cannot be read further{where}: {exc.problem}") from None
    finally:
        source.close()


def count_rows(path: Path, file_format: str) -> int:
    """Return the number of non-blank data rows (reads the whole file once; raises InvalidInput)."""
    return sum(1 for _ in iter_rows(path, file_format))
