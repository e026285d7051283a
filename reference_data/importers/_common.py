"""Shared pieces of the importers: source specs, canonical tables, raw CSV reading and stable ids."""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from anyascii import anyascii

from reference_data.errors import ImportFailure

LIST_SEP = "|"  # joins list values (aliases, goods) in snapshot cells; no published name contains it

ENTITY_COLUMNS = (
    "entity_id",
    "name",
    "aliases",
    "country",
    "entity_type",
    "address",
    "identifiers",
    "listed_on",
    "action",
    "status",
    "legal_basis",
    "sectors",
    "related",
    "source_url",
    "notes",
)


@dataclass(frozen=True)
class SourceSpec:
    """Provenance of one source, copied from SOURCES.md, and where its raw files live."""

    id: str
    title: str
    publisher: str
    official_url: str
    retrieved_from: str
    licence: str
    legal_basis: str
    kind: str
    complete: bool
    coverage_note: str
    raw_dir: str  # folder under the raw root
    raw_files: tuple[str, ...]  # file names the importer reads, relative to raw_dir
    provenance_notes: str = ""


@dataclass(frozen=True)
class Table:
    """One canonical snapshot file: a header and rows of strings, in their final order."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class SourceBuild:
    """What an importer produced: the data date (drives the version) and the snapshot tables."""

    spec: SourceSpec
    data_date: str
    tables: tuple[Table, ...] = field(default_factory=tuple)


def read_raw_csv(
    raw_root: Path, spec: SourceSpec, name: str, required: Iterable[str]
) -> list[dict[str, str]]:
    """Read one raw CSV (UTF-8, BOM tolerated) into dicts; ImportFailure on a missing file or column."""
    path = raw_root / spec.raw_dir / name
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = [h.strip() for h in reader.fieldnames or []]
            missing = [c for c in required if c not in header]
            if missing:
                raise ImportFailure(f"{path}: missing column(s) {', '.join(missing)}")
            return [{k.strip(): (v or "") for k, v in row.items() if k is not None} for row in reader]
    except FileNotFoundError as exc:
        raise ImportFailure(f"{path}: raw file not found") from exc
    except UnicodeDecodeError as exc:
        raise ImportFailure(f"{path}: not UTF-8 text") from exc


def clean(text: str) -> str:
    """Collapse runs of whitespace (including newlines and no-break spaces) and trim."""
    return " ".join(text.replace("\xa0", " ").split())


def join_list(values: Iterable[str]) -> str:
    """Join list values for one snapshot cell, dropping blanks and repeats but keeping order."""
    seen: dict[str, None] = {}
    for value in values:
        value = clean(value)
        if value and LIST_SEP not in value:
            seen.setdefault(value, None)
    return LIST_SEP.join(seen)


def flag(value: str) -> str:
    """Map a source's Yes/No/X/blank to the snapshot's true/false/'' (blank = not stated)."""
    folded = clean(value).casefold()
    if folded in {"yes", "y", "x", "true"}:
        return "true"
    if folded in {"no", "n", "false"}:
        return "false"
    return ""


def dmy_to_iso(value: str) -> str:
    """Turn a Brazilian DD/MM/YYYY date into ISO; '' when blank or malformed."""
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", clean(value))
    return f"{match[3]}-{int(match[2]):02d}-{int(match[1]):02d}" if match else ""


def slug(text: str, limit: int = 48) -> str:
    """Return a lower-case ASCII slug of a name (transliterated), at most `limit` characters."""
    ascii_text = anyascii(text).casefold()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return words[:limit].rstrip("-") or "x"


def short_hash(*parts: str) -> str:
    """Return 6 hex characters of a sha256 over the parts: a stable tie-breaker for ids."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:6]


def stable_ids(source_id: str, keys: Sequence[tuple[str, str]]) -> list[str]:
    """Give each (primary name, disambiguator) an id "<source>:<slug>"; colliding slugs all get a hash."""
    slugs = [slug(name) for name, _ in keys]
    counts = Counter(slugs)
    ids = [
        f"{source_id}:{s}" if counts[s] == 1 else f"{source_id}:{s}-{short_hash(name, extra)}"
        for s, (name, extra) in zip(slugs, keys, strict=True)
    ]
    if len(set(ids)) != len(ids):
        raise ImportFailure(f"{source_id}: two records share name and disambiguator; cannot give stable ids")
    return ids
