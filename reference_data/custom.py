"""Read a user's own watch list (CSV id,name,aliases,country) into list entities screened like any list."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from reference_data.countries import resolve_country
from reference_data.errors import CustomListError
from reference_data.models import ListEntity

ALIAS_SEP = ";"


def _read_text(path: Path) -> str:
    """Return the file's text (UTF-8, with or without BOM) or raise a one-line CustomListError."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise CustomListError(f"{path}: custom list file not found") from exc
    except OSError as exc:
        raise CustomListError(f"{path}: cannot read custom list ({exc.strerror})") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CustomListError(f"{path}: not UTF-8 text (byte {exc.start}); save the list as UTF-8") from exc


def _header(path: Path, reader: Iterator[list[str]]) -> dict[str, int]:
    """Map the recognised lower-cased column names to their positions."""
    try:
        header = next(reader)
    except StopIteration:
        raise CustomListError(f"{path}: empty file, expected a header row id,name,aliases,country") from None
    columns = {h.strip().casefold(): i for i, h in enumerate(header)}
    if "name" not in columns:
        raise CustomListError(f"{path}: no 'name' column in the header (expected id,name,aliases,country)")
    return columns


def load_custom_list(path: Path) -> tuple[ListEntity, ...]:
    """Load a custom watch list; its list id is the file stem and entity ids are '<stem>:<id>'."""
    path = Path(path)
    list_id = path.stem
    reader = csv.reader(io.StringIO(_read_text(path), newline=""))
    try:
        columns = _header(path, reader)
        width = max(columns.values()) + 1
        entities: list[ListEntity] = []
        seen: set[str] = set()
        for number, row in enumerate(reader, start=1):
            if not any(cell.strip() for cell in row):
                continue  # blank lines are not entries
            if len(row) > len(columns) and any(cell.strip() for cell in row[len(columns) :]):
                raise CustomListError(f"{path}: row {number}: {len(row)} fields, header has {len(columns)}")
            row = row + [""] * (width - len(row))

            def cell(name: str, row: list[str] = row) -> str:
                return " ".join(row[columns[name]].split()) if name in columns else ""

            name = cell("name")
            if not name:
                raise CustomListError(f"{path}: row {number}: blank name")
            key = cell("id") or str(number)
            if key in seen:
                raise CustomListError(f"{path}: row {number}: duplicate id {key!r}")
            seen.add(key)
            aliases = tuple(dict.fromkeys(a.strip() for a in cell("aliases").split(ALIAS_SEP) if a.strip()))
            country_text = cell("country")
            country = resolve_country(country_text) if country_text else None
            note = f"country {country_text!r} not recognised" if country_text and not country else ""
            entities.append(
                ListEntity(
                    entity_id=f"{list_id}:{key}",
                    source_id=list_id,
                    name=name,
                    aliases=aliases,
                    country=country,
                    action="custom watch list",
                    legal_basis=f"custom list {path.name}",
                    source_row=number,
                    notes=note,
                )
            )
    except csv.Error as exc:
        raise CustomListError(f"{path}: row {reader.line_num}: malformed CSV ({exc})") from exc
    return tuple(entities)
