"""Load the pinned snapshot: validate manifest.yml, verify each file's sha256 and row count, build records."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from reference_data.errors import ChecksumMismatch, ManifestError, ReferenceDataError, RowCountMismatch
from reference_data.manifest import FileEntry, parse_manifest
from reference_data.models import (
    CountryProfile,
    GoodListing,
    HsCode,
    ListEntity,
    ProductListing,
    ReferenceSnapshot,
    RegionRule,
    TipTier,
)

PACKAGE_ROOT = Path(__file__).resolve().parent
MANIFEST = "manifest.yml"

Row = dict[str, str]
LIST_SEP = "|"  # list separator inside snapshot cells (see importers/_common.py)


def _opt(value: str) -> str | None:
    return value or None


def _items(value: str) -> tuple[str, ...]:
    return tuple(v for v in value.split(LIST_SEP) if v)


def _flag(value: str) -> bool | None:
    """Snapshot flags are 'true', 'false' or '' (not stated)."""
    return {"true": True, "false": False, "": None}[value]


def _entity(source_id: str, number: int, r: Row) -> ListEntity:
    identifiers = tuple(tuple(i.split(":", 1)) for i in _items(r["identifiers"]))
    return ListEntity(
        entity_id=r["entity_id"],
        source_id=source_id,
        name=r["name"],
        aliases=_items(r["aliases"]),
        country=_opt(r["country"]),
        entity_type=r["entity_type"],
        address=r["address"],
        identifiers=tuple((s, v) for s, v in identifiers),
        listed_on=_opt(r["listed_on"]),
        action=r["action"],
        status=r["status"],
        legal_basis=r["legal_basis"],
        sectors=r["sectors"],
        related=r["related"],
        source_row=number,
        source_url=r["source_url"],
        notes=r["notes"],
    )


def _rule(source_id: str, number: int, r: Row) -> RegionRule:
    return RegionRule(
        rule_id=r["rule_id"],
        source_id=source_id,
        kind=r["kind"],
        description=r["description"],
        country=_opt(r["country"]),
        region=r["region"],
        goods=_items(r["goods"]),
        entity_name=r["entity_name"],
        action=r["action"],
        listed_on=_opt(r["listed_on"]),
        source_row=number,
        status=r["status"],
        notes=r["notes"],
    )


def _good(source_id: str, number: int, r: Row) -> GoodListing:
    return GoodListing(
        good=r["good"],
        country=_opt(r["country"]),
        country_name=r["country_name"],
        sector=r["sector"],
        child_labor=_flag(r["child_labor"]) is True,
        forced_labor=_flag(r["forced_labor"]) is True,
        forced_child_labor=_flag(r["forced_child_labor"]) is True,
        produced_with_listed_inputs=_flag(r["produced_with_listed_inputs"]) is True,
        input_source_country=r["input_source_country"],
        earliest_edition=r["earliest_edition"],
        source_row=number,
    )


def _product(source_id: str, number: int, r: Row) -> ProductListing:
    return ProductListing(
        product=r["product"], country=_opt(r["country"]), country_name=r["country_name"], source_row=number
    )


def _tier(source_id: str, number: int, r: Row) -> TipTier:
    return TipTier(
        country=_opt(r["country"]),
        country_name=r["country_name"],
        report_year=int(r["report_year"]),
        tier=r["tier"],
        source_url=r["source_url"],
        source_row=number,
    )


def _profile(source_id: str, number: int, r: Row) -> CountryProfile:
    return CountryProfile(
        country=_opt(r["country"]),
        country_name=r["country_name"],
        advancement_level=r["advancement_level"],
        ratified_palermo=_flag(r["ratified_palermo"]),
        ratified_c138=_flag(r["ratified_c138"]),
        ratified_c182=_flag(r["ratified_c182"]),
        forced_labor_prohibited=_flag(r["forced_labor_prohibited"]),
        forced_labor_law_meets_standard=_flag(r["forced_labor_law_meets_standard"]),
        listed_goods=_items(r["listed_goods"]),
        source_url=r["source_url"],
        source_row=number,
    )


def _hs(source_id: str, number: int, r: Row) -> HsCode:
    return HsCode(
        code=r["code"],
        description=r["description"],
        parent=r["parent"],
        level=int(r["level"]),
        section=r["section"],
    )


# Which record each canonical file name holds; other files (e.g. additions_timeline.csv) are only verified.
PARSERS: dict[str, tuple[type, Callable[[str, int, Row], Any]]] = {
    "entities.csv": (ListEntity, _entity),
    "rules.csv": (RegionRule, _rule),
    "goods.csv": (GoodListing, _good),
    "products.csv": (ProductListing, _product),
    "tiers.csv": (TipTier, _tier),
    "profiles.csv": (CountryProfile, _profile),
    "codes.csv": (HsCode, _hs),
}


def snapshot_id_of(manifest_bytes: bytes) -> str:
    """Return the snapshot id: 'snap-' and the first 12 hex digits of the manifest's sha256."""
    return "snap-" + hashlib.sha256(manifest_bytes).hexdigest()[:12]


def _read_verified(root: Path, entry: FileEntry) -> list[Row]:
    """Read one snapshot file after checking its hash and its row count against the manifest."""
    path = (root / entry.path).resolve()
    if root.resolve() not in path.parents:
        raise ManifestError(f"{MANIFEST}: file {entry.path} points outside the snapshot")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ManifestError(f"{MANIFEST} lists {entry.path}, which cannot be read ({exc.strerror})") from exc
    actual = hashlib.sha256(data).hexdigest()
    if actual != entry.sha256:
        raise ChecksumMismatch(
            f"{entry.path}: sha256 {actual} differs from the manifest's {entry.sha256}; "
            "refusing a tampered snapshot"
        )
    try:
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ReferenceDataError(f"{entry.path}: not a UTF-8 CSV file ({exc})") from exc
    if len(rows) != entry.rows:
        raise RowCountMismatch(f"{entry.path}: {len(rows)} data rows, the manifest records {entry.rows}")
    return rows


def _build(parser: Callable[[str, int, Row], Any], source_id: str, path: str, rows: list[Row]) -> list[Any]:
    """Turn verified rows into records, naming the file and row of any malformed value."""
    records = []
    for number, row in enumerate(rows, start=1):
        try:
            records.append(parser(source_id, number, row))
        except (KeyError, ValueError) as exc:
            raise ReferenceDataError(f"{path}: row {number}: bad or missing value ({exc})") from exc
    return records


def load_snapshot(root: Path | None = None) -> ReferenceSnapshot:
    """Load and verify the snapshot under root (default: the bundled one, loaded once and cached)."""
    if root is None:
        return _load_default()
    return _load(Path(root))


@lru_cache(maxsize=1)
def _load_default() -> ReferenceSnapshot:
    return _load(PACKAGE_ROOT)


def _load(root: Path) -> ReferenceSnapshot:
    manifest_path = root / MANIFEST
    try:
        manifest_bytes = manifest_path.read_bytes()
    except OSError as exc:
        raise ManifestError(f"{manifest_path}: cannot read the snapshot manifest ({exc.strerror})") from exc
    try:
        text = manifest_bytes.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ManifestError(f"{manifest_path}: not UTF-8 text") from exc
    manifest = parse_manifest(text, str(manifest_path))
    collected: dict[type, list[Any]] = {record_type: [] for record_type, _ in PARSERS.values()}
    for source in manifest.sources:
        for entry in source.files:
            rows = _read_verified(root, entry)
            spec = PARSERS.get(Path(entry.path).name)
            if spec is not None:
                record_type, parser = spec
                collected[record_type] += _build(parser, source.id, entry.path, rows)
    entities = collected[ListEntity]
    ids = [e.entity_id for e in entities]
    if len(set(ids)) != len(ids):
        raise ReferenceDataError(f"{MANIFEST}: entity ids are not unique across the snapshot")
    return ReferenceSnapshot(
        snapshot_id=snapshot_id_of(manifest_bytes),
        created_at=manifest.created_at,
        sources={s.id: s.to_meta() for s in manifest.sources},
        entities=tuple(entities),
        rules=tuple(collected[RegionRule]),
        goods=tuple(collected[GoodListing]),
        eo13126=tuple(collected[ProductListing]),
        tip_tiers=tuple(collected[TipTier]),
        country_profiles=tuple(collected[CountryProfile]),
        hs_codes={c.code: c for c in collected[HsCode]},
    )
