"""Pydantic models for manifest.yml (the pin of the current snapshot) and each source's source.yml."""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from reference_data.errors import ManifestError
from reference_data.models import FileMeta, SourceMeta

SourceKind = Literal["entity_list", "goods_list", "country_indicator", "nomenclature"]

_VERSION = re.compile(r"^\d{14}$")  # YYYYMMDDhhmmss, UTC, sortable as text
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")  # ISO 8601 calendar date, year or month precision allowed
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FileEntry(_Frozen):
    """One snapshot file: path relative to the snapshot root, its sha256 and its data-row count."""

    path: str
    sha256: str
    rows: int = Field(ge=0)

    @field_validator("path")
    @classmethod
    def _relative_inside(cls, value: str) -> str:
        parts = PurePosixPath(value).parts
        if not parts or parts[0] != "sources" or ".." in parts or value.startswith("/"):
            raise ValueError(f"file path must be relative and under sources/: {value!r}")
        return value

    @field_validator("sha256")
    @classmethod
    def _hex_digest(cls, value: str) -> str:
        if not _SHA256.match(value):
            raise ValueError("sha256 must be 64 lower-case hex digits")
        return value


class Provenance(_Frozen):
    """Who publishes a source, where our copy came from, and how complete it is."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    title: str
    publisher: str
    official_url: str
    retrieved_from: str
    licence: str
    legal_basis: str
    kind: SourceKind
    complete: bool
    coverage_note: str


class SourceEntry(Provenance):
    """A source as pinned by manifest.yml: provenance plus the current version and its files."""

    data_date: str
    version: str
    files: tuple[FileEntry, ...] = Field(min_length=1)

    @field_validator("data_date")
    @classmethod
    def _iso_date(cls, value: str) -> str:
        if not _DATE.match(value):
            raise ValueError(f"data_date must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
        return value

    @field_validator("version")
    @classmethod
    def _timestamp(cls, value: str) -> str:
        if not _VERSION.match(value):
            raise ValueError(f"version must be a UTC timestamp YYYYMMDDhhmmss: {value!r}")
        return value

    def to_meta(self) -> SourceMeta:
        """Return the frozen record the rest of the code uses."""
        files = tuple(FileMeta(path=f.path, sha256=f.sha256, rows=f.rows) for f in self.files)
        return SourceMeta(
            source_id=self.id,
            title=self.title,
            publisher=self.publisher,
            official_url=self.official_url,
            retrieved_from=self.retrieved_from,
            data_date=self.data_date,
            version=self.version,
            licence=self.licence,
            legal_basis=self.legal_basis,
            kind=self.kind,
            complete=self.complete,
            coverage_note=self.coverage_note,
            files=files,
        )


class Manifest(_Frozen):
    """manifest.yml: the snapshot's creation time and the pinned version of every source."""

    schema_version: Literal[1] = 1
    created_at: str
    sources: tuple[SourceEntry, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Manifest:
        ids = [s.id for s in self.sources]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate source ids: {', '.join(duplicates)}")
        return self


class RawFile(_Frozen):
    """One raw input file an importer read, with its hash, so a rebuild can be checked against it."""

    path: str
    sha256: str
    rows: int


class SourceYml(Provenance):
    """sources/<id>/source.yml: provenance of the list and the raw files the current version came from."""

    data_date: str
    version: str
    raw_files: tuple[RawFile, ...] = ()
    provenance_notes: str = ""


def version_from_date(data_date: str) -> str:
    """Return the sortable version timestamp for a data date ("2025-01-15" -> "20250115000000")."""
    if not _DATE.match(data_date):
        raise ValueError(f"not an ISO date: {data_date!r}")
    year, month, day = ([*data_date.split("-"), "01", "01"])[:3]
    return f"{year}{month}{day}000000"


def dump_yaml(model: BaseModel) -> str:
    """Serialise a model as deterministic YAML (field order kept, Unicode as is, no line folding)."""
    data: dict[str, Any] = model.model_dump(mode="json")
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100_000)


def parse_manifest(text: str, where: str = "manifest.yml") -> Manifest:
    """Validate manifest text; raise ManifestError with the first problem in one line."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ManifestError(f"{where}: not valid YAML ({exc.__class__.__name__})") from exc
    if not isinstance(data, dict):
        raise ManifestError(f"{where}: expected a mapping at the top level")
    try:
        return Manifest.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise ManifestError(f"{where}: invalid field {field}: {first['msg']}") from exc
