"""Open a supplier file (CSV, TSV, XLSX or OCDS JSON) and stream its rows as field values.

The one reader of supplier files: the CLI and the API (batch-job uploads) both use it.

File-level faults (missing, empty, unreadable, no name column, bad ``--map``) raise InputError with
one line naming the file, the row and the problem. Row-level faults (a ragged row) travel with the
row as ``RawRow.fault`` so every other row is still screened. Rows are read lazily: CSV through the
csv module, XLSX through openpyxl's read-only mode, so memory stays flat however long the file is.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from scoring.intake.columns import ColumnMap, MappingError, parse_overrides, recognise
from scoring.intake.encoding import EncodingError, detect_encoding

DELIMITERS = (",", ";", "\t", "|")
MAX_CONSECUTIVE_BAD = 100  # csv errors in a row before the file, not the row, is deemed broken
_XLSX_MAGIC = b"PK\x03\x04"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0"


class InputError(Exception):
    """A file-level fault: the message is the one line shown to the user."""

    def __init__(self, path: Path, problem: str, row: str = "") -> None:
        where = f"{path}: {row}: " if row else f"{path}: "
        super().__init__(where + problem)
        self.problem = problem  # without the path: what a server may show about a stored upload
        self.row = row


@dataclass(frozen=True, slots=True)
class RawRow:
    """One data row: its 1-based number, field values keyed as in scoring.intake.columns, and any fault."""

    row: int
    values: dict[str, object]
    fault: str = ""


@dataclass(slots=True)
class SupplierFile:
    """An opened supplier file: how it was read, which columns were recognised, and its rows."""

    path: Path
    kind: str  # csv | xlsx | ocds
    rows: Iterator[RawRow]
    encoding: str = ""
    delimiter: str = ""
    columns: ColumnMap | None = None
    notes: list[str] = field(default_factory=list)
    _closers: list[IO[str] | object] = field(default_factory=list)

    def describe(self) -> str:
        """Return a short description of how the file was read, e.g. 'CSV, cp1252, ";"-delimited'."""
        if self.kind == "csv":
            delim = "tab" if self.delimiter == "\t" else f'"{self.delimiter}"'
            return f"CSV, encoding {self.encoding}, {delim}-delimited"
        return {"xlsx": "XLSX workbook (first sheet)", "ocds": "OCDS JSON package"}[self.kind]

    def close(self) -> None:
        """Release the underlying file handle or workbook."""
        for obj in self._closers:
            close = getattr(obj, "close", None)
            if callable(close):
                close()


def sniff_delimiter(sample: str) -> str:
    """Pick the delimiter that splits the first lines into the most, equally long, fields."""
    lines = [ln for ln in sample.splitlines()[:20] if ln.strip()]
    if len(lines) > 1 and not sample.endswith(("\n", "\r")):
        lines = lines[:-1]  # the sample may cut the last line short
    best, best_key = ",", (0.0, 1)
    for delim in DELIMITERS:
        try:
            widths = [len(r) for r in csv.reader(lines, delimiter=delim)]
        except csv.Error:
            continue
        if not widths or widths[0] < 2:
            continue
        consistency = sum(w == widths[0] for w in widths) / len(widths)
        if (consistency, widths[0]) > best_key:
            best, best_key = delim, (consistency, widths[0])
    return best


def _values(cols: ColumnMap, cells: Sequence[object]) -> dict[str, object]:
    """Pick a row's cells into field values using the column map."""
    values: dict[str, object] = {name: cells[i] for name, i in cols.single.items()}
    parts = [str(cells[i]).strip() for i in cols.address if cells[i] is not None and str(cells[i]).strip()]
    if parts:
        values["address"] = ", ".join(parts)
    values["identifiers"] = tuple(
        (scheme, str(cells[i]).strip()) for scheme, idx in cols.identifiers.items() for i in idx if cells[i]
    )
    return values


def _blank(cells: Sequence[object]) -> bool:
    """Return True when every cell is empty."""
    return all(c is None or not str(c).strip() for c in cells)


def _header(path: Path, rows: Iterator[Sequence[object]], overrides: Sequence[str]) -> ColumnMap:
    """Read up to the first non-blank row and recognise it as the header; raise InputError if unusable."""
    header = next((r for r in rows if not _blank(r)), None)
    if header is None:
        raise InputError(path, "file is empty (no header row and no data)")
    names = [("" if c is None else str(c)).strip() for c in header]
    try:
        cols = recognise(names, parse_overrides(overrides))
    except MappingError as exc:
        raise InputError(path, str(exc), "header row") from None
    if "name" not in cols.single:
        shown = ", ".join(repr(n) for n in names[:8]) + (", ..." if len(names) > 8 else "")
        raise InputError(
            path,
            f"no column recognised as the supplier name among {shown}; is the header row missing? "
            "Name the column with --map name='Column Header'",
            "header row",
        )
    return cols


class _Unreadable(str):
    """A record the csv module could not parse, carrying its message in place of the cells."""


def _identity(cols: ColumnMap, cells: Sequence[object]) -> dict[str, object]:
    """Return the name and supplier id of a faulty row, as far as they can be read, for the output."""
    return {k: cells[i] for k, i in cols.single.items() if k in ("name", "supplier_id") and i < len(cells)}


def _data(cols: ColumnMap, rows: Iterable[Sequence[object]], ragged: bool) -> Iterator[RawRow]:
    """Yield field values for each data row, numbering rows from 1 and skipping blank ones."""
    width = len(cols.headers)
    for number, item in enumerate(rows, start=1):
        if isinstance(item, _Unreadable):
            yield RawRow(number, {}, str(item))
            continue
        cells = list(item)
        if _blank(cells):
            continue
        if len(cells) > width and _blank(cells[width:]):
            cells = cells[:width]
        # XLSX rows may stop at the last filled cell; CSV rows of another width are shifted data.
        if len(cells) > width or (ragged and len(cells) < width):
            hint = " (an unclosed quote?)" if any("\n" in str(c) for c in cells if c) else ""
            fault = f"ragged row{hint}: {len(cells)} cells but the header has {width}; not screened"
            yield RawRow(number, _identity(cols, cells), fault)
            continue
        cells += [None] * (width - len(cells))
        yield RawRow(number, _values(cols, cells))


def _csv_rows(path: Path, handle: IO[str], delimiter: str) -> Iterator[Sequence[str]]:
    """Yield parsed CSV records, turning a malformed record into an empty-name row, not a crash."""
    reader = csv.reader(handle, delimiter=delimiter)
    bad = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            bad += 1
            if bad > MAX_CONSECUTIVE_BAD:
                raise InputError(
                    path, f"not readable as delimited text: {exc}", f"line {reader.line_num}"
                ) from None
            yield _Unreadable(f"unreadable record near line {reader.line_num}: {exc}; not screened")
            continue
        bad = 0
        yield record


def _open_csv(path: Path, overrides: Sequence[str], short_rows: bool) -> SupplierFile:
    """Open delimited text: detect the encoding and delimiter, then read the header."""
    try:
        encoding = detect_encoding(path)
    except EncodingError as exc:
        raise InputError(path, str(exc)) from None
    with path.open(encoding=encoding, newline="") as sample:
        delimiter = sniff_delimiter(sample.read(64 * 1024))
    handle = path.open(encoding=encoding, newline="")
    raw = _csv_rows(path, handle, delimiter)
    try:
        cols = _header(path, raw, overrides)
    except InputError:
        handle.close()
        raise
    rows = _data(cols, raw, ragged=not short_rows)
    return SupplierFile(path, "csv", rows, encoding, delimiter, cols, _closers=[handle])


def _cell(value: object) -> object:
    """Normalise an XLSX cell: dates to ISO text, everything else as openpyxl gives it."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _open_xlsx(path: Path, overrides: Sequence[str]) -> SupplierFile:
    """Open the first worksheet of an XLSX workbook in read-only (streaming) mode."""
    import openpyxl  # imported here: only XLSX input needs it

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError and XML errors for damaged files
        raise InputError(path, f"not a readable XLSX workbook ({type(exc).__name__})") from None
    sheet = book.worksheets[0]
    raw = ([_cell(v) for v in r] for r in sheet.iter_rows(values_only=True))
    try:
        cols = _header(path, raw, overrides)
    except InputError:
        book.close()
        raise
    return SupplierFile(path, "xlsx", _data(cols, raw, ragged=False), columns=cols, _closers=[book])


def open_supplier_file(
    path: Path, overrides: Sequence[str] = (), ocds: bool = True, short_rows: bool = False
) -> SupplierFile:
    """Open a supplier file of any supported kind; raise InputError for file-level faults.

    ``ocds=False`` reads JSON-looking text as delimited text (the API accepts only CSV and XLSX);
    ``short_rows=True`` pads CSV rows with fewer cells than the header instead of flagging them
    (the API's long-standing behaviour: some exporters drop trailing empty cells).
    """
    if not path.exists():
        raise InputError(path, "file not found")
    if path.is_dir():
        raise InputError(path, "is a directory, not a file")
    try:
        with path.open("rb") as fh:
            magic = fh.read(8)
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror})") from None
    if not magic.strip():
        raise InputError(path, "file is empty")
    if magic.startswith(_XLS_MAGIC):
        raise InputError(path, "legacy Excel .xls is not supported; save the sheet as .xlsx or CSV")
    if magic.startswith(_XLSX_MAGIC):
        return _open_xlsx(path, overrides)
    if ocds and (path.suffix.lower() == ".json" or magic.lstrip().startswith((b"{", b"["))):
        from scoring.intake.ocds import open_ocds

        if overrides:
            raise InputError(path, "--map applies to CSV and XLSX files, not to OCDS JSON")
        return open_ocds(path)
    return _open_csv(path, overrides, short_rows)
