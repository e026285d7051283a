"""Command line: ``python -m reference_data.importers [--raw DIR] [--out DIR]`` rebuilds the snapshot."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table as RichTable

from reference_data.errors import ReferenceDataError
from reference_data.importers.build import build_snapshot
from reference_data.loader import PACKAGE_ROOT

app = typer.Typer(add_completion=False, help="Rebuild the bundled reference snapshot from raw public files.")
err = Console(stderr=True, soft_wrap=True)  # one line per error, never wrapped


def default_raw_dir() -> Path:
    """Return $FLSCREEN_SHARED_DIR/reference_data_raw, else ../shared/reference_data_raw beside the repo."""
    shared = os.environ.get("FLSCREEN_SHARED_DIR")
    base = Path(shared) if shared else PACKAGE_ROOT.parent.parent / "shared"
    return base / "reference_data_raw"


@app.command()
def main(
    raw: Annotated[Path | None, typer.Option(help="Folder of raw source files (SOURCES.md layout).")] = None,
    out: Annotated[Path | None, typer.Option(help="Snapshot root to write (default: the package).")] = None,
) -> None:
    """Import every source from the raw folder and write the snapshot files and manifest.yml."""
    raw_dir = raw or default_raw_dir()
    if not raw_dir.is_dir():
        err.print(f"error: raw data folder not found: {raw_dir} (pass --raw DIR or set FLSCREEN_SHARED_DIR)")
        raise typer.Exit(2)
    try:
        result = build_snapshot(raw_dir, out or PACKAGE_ROOT)
    except ReferenceDataError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    except OSError as exc:
        err.print(f"error: cannot write the snapshot: {exc}", markup=False)
        raise typer.Exit(2) from None
    table = RichTable(title=f"snapshot {result.snapshot_id} written to {result.out}")
    for column in ("source", "version", "rows", "complete"):
        table.add_column(column)
    for source in result.manifest.sources:
        rows = ", ".join(f"{Path(f.path).name} {f.rows}" for f in source.files)
        table.add_row(source.id, source.version, rows, "yes" if source.complete else "PARTIAL")
    Console().print(table)


if __name__ == "__main__":
    app()
