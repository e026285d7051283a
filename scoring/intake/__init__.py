"""Supplier-file intake: read CSV, TSV, XLSX and OCDS files into validated supplier records.

One reader for every caller (the ``flscreen`` CLI and the API's batch jobs): encoding detection,
delimiter sniffing, the documented header synonym table with ``--map`` overrides, OCDS packages,
streaming rows, and per-row faults that never sink a file. A plain library: no CLI or web imports.
"""

from scoring.intake.columns import ColumnMap, MappingError, fold_header, parse_overrides, recognise
from scoring.intake.encoding import EncodingError, detect_encoding
from scoring.intake.reader import InputError, RawRow, SupplierFile, open_supplier_file, sniff_delimiter
from scoring.intake.records import RowOutcome, build_record

__all__ = [
    "ColumnMap",
    "EncodingError",
    "InputError",
    "MappingError",
    "RawRow",
    "RowOutcome",
    "SupplierFile",
    "build_record",
    "detect_encoding",
    "fold_header",
    "open_supplier_file",
    "parse_overrides",
    "recognise",
    "sniff_delimiter",
]
