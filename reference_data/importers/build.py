"""Write the snapshot: each source's CSV files and source.yml, then manifest.yml pinning them all."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reference_data.importers import (
    br_mte_cadastro,
    hs2022,
    us_cbp_wro,
    us_dhs_uflpa,
    us_dol_ilab_country_profiles,
    us_dol_ilab_eo13126,
    us_dol_ilab_tvpra,
    us_state_tip,
)
from reference_data.importers._common import SourceBuild, Table
from reference_data.loader import MANIFEST, snapshot_id_of
from reference_data.manifest import (
    FileEntry,
    Manifest,
    Provenance,
    RawFile,
    SourceEntry,
    SourceYml,
    dump_yaml,
    version_from_date,
)

# Order of the sources in manifest.yml: entity lists first, then goods, country indicators, nomenclature.
IMPORTERS: tuple[Callable[[Path], SourceBuild], ...] = (
    us_dhs_uflpa.build,
    us_cbp_wro.build,
    br_mte_cadastro.build,
    us_dol_ilab_tvpra.build,
    us_dol_ilab_eo13126.build,
    us_state_tip.build,
    us_dol_ilab_country_profiles.build,
    hs2022.build,
)


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote: the manifest, its snapshot id, and where."""

    manifest: Manifest
    snapshot_id: str
    out: Path


def csv_bytes(table: Table) -> bytes:
    """Serialise a table as UTF-8 CSV with a header row and '\\n' line ends (stable across platforms)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows(table.rows)
    return buffer.getvalue().encode("utf-8")


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _raw_file(raw_root: Path, raw_dir: str, name: str) -> RawFile:
    data = (raw_root / raw_dir / name).read_bytes()
    rows = sum(1 for _ in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))) - 1
    return RawFile(path=f"{raw_dir}/{name}", sha256=hashlib.sha256(data).hexdigest(), rows=rows)


def _write_source(raw_root: Path, out: Path, built: SourceBuild) -> SourceEntry:
    """Write one source's files and source.yml; return its manifest entry."""
    spec = built.spec
    version = version_from_date(built.data_date)
    files = []
    for table in built.tables:
        relative = f"sources/{spec.id}/{version}/{table.name}"
        data = csv_bytes(table)
        _write(out / relative, data)
        files.append(FileEntry(path=relative, sha256=hashlib.sha256(data).hexdigest(), rows=len(table.rows)))
    provenance = Provenance(
        id=spec.id,
        title=spec.title,
        publisher=spec.publisher,
        official_url=spec.official_url,
        retrieved_from=spec.retrieved_from,
        licence=spec.licence,
        legal_basis=spec.legal_basis,
        kind=spec.kind,  # type: ignore[arg-type]  # validated by pydantic against SourceKind
        complete=spec.complete,
        coverage_note=spec.coverage_note,
    ).model_dump()
    source_yml = SourceYml(
        **provenance,
        data_date=built.data_date,
        version=version,
        raw_files=tuple(_raw_file(raw_root, spec.raw_dir, name) for name in spec.raw_files),
        provenance_notes=spec.provenance_notes,
    )
    _write(out / "sources" / spec.id / "source.yml", dump_yaml(source_yml).encode("utf-8"))
    return SourceEntry(**provenance, data_date=built.data_date, version=version, files=tuple(files))


def build_snapshot(raw_root: Path, out: Path) -> BuildResult:
    """Run every importer on raw_root and write the snapshot under out (manifest.yml last)."""
    built = [importer(raw_root) for importer in IMPORTERS]
    entries = tuple(_write_source(raw_root, out, b) for b in built)
    # created_at follows the newest source version, never the wall clock, so rebuilds are identical.
    newest = max(e.version for e in entries)
    created_at = f"{newest[:4]}-{newest[4:6]}-{newest[6:8]}T{newest[8:10]}:{newest[10:12]}:{newest[12:]}Z"
    manifest = Manifest(created_at=created_at, sources=entries)
    data = dump_yaml(manifest).encode("utf-8")
    _write(out / MANIFEST, data)
    return BuildResult(manifest=manifest, snapshot_id=snapshot_id_of(data), out=out)
