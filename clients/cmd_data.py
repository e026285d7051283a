"""``flscreen data``: show the reference snapshot, and ``flscreen data diff`` between two snapshots.

A diff answers the reviewer's question after a data update: which sources changed version, and
which list entities were added, removed or changed (a changed record is also what lifts a
false-positive disposition on the server). Entities are compared by id, ignoring their row number.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from clients.progress import stderr_console
from reference_data.errors import ReferenceDataError
from reference_data.models import ListEntity, ReferenceSnapshot
from scoring.results_meta import source_list

data_app = typer.Typer(
    help="Show the reference data: sources, versions, rows, coverage; diff two snapshots.",
    invoke_without_command=True,
)
SHOWN = 20  # entity ids listed per group in the table view; --json lists all


@dataclass
class SnapshotDiff:
    """Sources and entities added, removed or changed from one snapshot to another."""

    old_id: str
    new_id: str
    sources_added: list[str] = field(default_factory=list)
    sources_removed: list[str] = field(default_factory=list)
    sources_changed: dict[str, str] = field(default_factory=dict)  # id -> "version a -> b, rows x -> y"
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)


def _record(entity: ListEntity) -> dict[str, Any]:
    data = asdict(entity)
    data.pop("source_row", None)  # moving within the file is not a change of the record
    return data


def diff_snapshots(old: ReferenceSnapshot, new: ReferenceSnapshot) -> SnapshotDiff:
    """Compare two snapshots source by source and entity by entity."""
    out = SnapshotDiff(old.snapshot_id, new.snapshot_id)
    out.sources_added = sorted(set(new.sources) - set(old.sources))
    out.sources_removed = sorted(set(old.sources) - set(new.sources))
    for sid in sorted(set(old.sources) & set(new.sources)):
        a, b = old.sources[sid], new.sources[sid]
        if (a.version, a.row_count, a.complete) != (b.version, b.row_count, b.complete):
            out.sources_changed[sid] = (
                f"version {a.version} -> {b.version}, rows {a.row_count} -> {b.row_count}"
            )
    before = {e.entity_id: _record(e) for e in old.entities}
    after = {e.entity_id: _record(e) for e in new.entities}
    out.added = sorted(set(after) - set(before))
    out.removed = sorted(set(before) - set(after))
    out.changed = sorted(k for k in set(before) & set(after) if before[k] != after[k])
    return out


def _load(root: Path | None) -> ReferenceSnapshot:
    from reference_data import load_snapshot

    try:
        return load_snapshot(root)
    except ReferenceDataError as exc:
        stderr_console().print(
            "flscreen: " + escape(f"{root or 'bundled'}: reference data cannot be used: {exc}")
        )
        raise typer.Exit(2 if root else 1) from None
    except OSError as exc:
        stderr_console().print(f"flscreen: {escape(f'{root}: cannot be read ({exc.strerror})')}")
        raise typer.Exit(2) from None


@data_app.callback()
def data_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print the sources as JSON.")] = False,
) -> None:
    """Show the bundled reference data: sources, versions, rows and how complete each copy is."""
    if ctx.invoked_subcommand is not None:
        return
    snapshot = _load(None)
    console = Console(soft_wrap=True, highlight=False)
    if as_json:
        info: dict[str, Any] = {"snapshot_id": snapshot.snapshot_id, "created_at": snapshot.created_at}
        info["sources"] = source_list(snapshot.sources)
        typer.echo(json.dumps(info, ensure_ascii=False, indent=2))
        return
    table = Table(
        title=f"snapshot {snapshot.snapshot_id} (built {snapshot.created_at})", title_justify="left"
    )
    for column in ("source", "version", "data date", "rows", "copy"):
        table.add_column(column, no_wrap=True)
    for src in snapshot.sources.values():
        copy = "complete" if src.complete else "[yellow]partial[/]"
        table.add_row(src.source_id, src.version, src.data_date, str(src.row_count), copy)
    console.print(table)
    for src in snapshot.sources.values():
        console.print(
            f"[bold]{src.source_id}[/] {escape(src.title)}: {escape(src.coverage_note or 'complete copy')}"
        )


@data_app.command("diff")
def diff_command(
    old_root: Annotated[Path, typer.Argument(help="Folder of the older snapshot (holds manifest.yml).")],
    new_root: Annotated[Path, typer.Argument(help="Folder of the newer snapshot.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the full diff as JSON.")] = False,
) -> None:
    """Show sources and list entities added, removed or changed between two snapshot folders."""
    for root in (old_root, new_root):
        if not (root / "manifest.yml").is_file():
            stderr_console().print(f"flscreen: {escape(str(root))}: not a snapshot folder (no manifest.yml)")
            raise typer.Exit(2)
    diff = diff_snapshots(_load(old_root), _load(new_root))
    if as_json:
        typer.echo(json.dumps(asdict(diff), ensure_ascii=False, indent=2))
        return
    console = Console(soft_wrap=True, highlight=False)
    console.print(f"snapshot {diff.old_id} -> {diff.new_id}")
    for label, ids in (("sources added", diff.sources_added), ("sources removed", diff.sources_removed)):
        if ids:
            console.print(f"{label}: {', '.join(ids)}")
    for sid, change in diff.sources_changed.items():
        console.print(f"source {sid}: {change}")
    for label, ids in (("entities added", diff.added), ("removed", diff.removed), ("changed", diff.changed)):
        shown = ", ".join(ids[:SHOWN]) + (f", ... ({len(ids) - SHOWN} more)" if len(ids) > SHOWN else "")
        console.print(f"{label}: {len(ids)}" + (f" ({escape(shown)})" if ids else ""))
