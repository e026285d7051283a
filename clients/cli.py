"""The ``flscreen`` command line: screen supplier files offline and inspect the bundled data.

Exit codes (DESIGN.md): 0 done; 1 internal error; 2 usage or input error (one line on stderr, no
traceback); 3 ``--fail-on`` tier reached; 130 interrupted by Ctrl-C (the partial output is valid).
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from clients.cmd_match import compare_command, evaluate_command
from clients.cmd_model import model_app
from clients.cmd_report import report_command
from clients.cmd_server import keys_app, serve_command
from scoring.intake.reader import InputError, SupplierFile, open_supplier_file
from clients.progress import estimate_rows, print_summary, progress_bar, stderr_console
from clients.screen_file import RunStats, metadata, screen_rows, source_list
from clients.writers import choose_format, open_writer
from reference_data.errors import CustomListError, ReferenceDataError

if TYPE_CHECKING:
    from scoring import Screener

app = typer.Typer(
    name="flscreen",
    help="Screen suppliers for forced-labour and trafficking risk (UNGA resolution 76/7, paragraph 28).",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


class Tier(StrEnum):
    """Risk tiers, lowest first (scoring.types.TIERS)."""

    none = "none"
    low = "low"
    medium = "medium"
    high = "high"
    severe = "severe"


class Format(StrEnum):
    """Output formats of ``flscreen screen``."""

    csv = "csv"
    json = "json"
    xlsx = "xlsx"


def fail(message: str, code: int = 2) -> NoReturn:
    """Print one line on stderr and exit with the code (2 = input or usage error)."""
    stderr_console().print(f"flscreen: {escape(message)}", markup=True, highlight=False)
    raise typer.Exit(code)


def _describe_input(source: SupplierFile) -> None:
    """Tell the user how the file was read and which columns feed which field."""
    console = stderr_console()
    console.print(f"Reading {escape(str(source.path))}: {escape(source.describe())}")
    for note in source.notes:
        console.print(escape(note))
    if source.columns is not None:
        console.print("Columns recognised: " + escape("; ".join(source.columns.describe())))
        unused = source.columns.unused()
        if unused:
            console.print("Columns not used: " + escape(", ".join(unused)))


def _load_engine(lists: list[Path]) -> Screener:
    """Build the local screener (imported lazily: it loads the snapshot and the models)."""
    from scoring import Screener

    try:
        return Screener.default(custom_lists=lists)
    except CustomListError as exc:
        fail(str(exc))
    except ReferenceDataError as exc:
        fail(f"reference data cannot be used: {exc}", 1)


def _exit_code(stats: RunStats, fail_on: str | None) -> int:
    """Map the run's outcome to the documented exit code."""
    if stats.interrupted:
        return 130
    if stats.internal_errors:
        return 1
    if fail_on and stats.reached(fail_on):
        return 3
    return 0


InputArg = Annotated[
    Path, typer.Argument(metavar="INPUT", help="Supplier CSV/XLSX file or OCDS JSON package.")
]
OutputOpt = Annotated[
    Path | None, typer.Option("-o", "--output", help="Output file (default: CSV on stdout).")
]
ListOpt = Annotated[
    list[Path] | None, typer.Option("--list", help="Watch list CSV: id,name,aliases,country.")
]
TopOpt = Annotated[int, typer.Option("--top", min=1, max=20, help="Matches to show per row.")]
FormatOpt = Annotated[
    Format | None, typer.Option("--format", help="Output format (default: -o suffix, else csv).")
]
MapOpt = Annotated[list[str] | None, typer.Option("--map", help="Override a column: field='Column Header'.")]
FailOpt = Annotated[Tier | None, typer.Option("--fail-on", help="Exit 3 when any row reaches this tier.")]
QuietOpt = Annotated[bool, typer.Option("-q", "--quiet", help="Only errors and the summary on stderr.")]


@app.command("screen")
def screen_command(
    input_path: InputArg,
    output: OutputOpt = None,
    lists: ListOpt = None,
    top: TopOpt = 1,
    fmt: FormatOpt = None,
    mapping: MapOpt = None,
    fail_on: FailOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Screen every supplier in INPUT; write one output row per input row, in input order."""
    try:
        tier = fail_on.value if fail_on else None
        code = _screen(input_path, output, lists or [], top, fmt, mapping or [], tier, quiet)
    except typer.Exit:
        raise
    except Exception as exc:  # last resort: one line, never a traceback
        fail(f"internal error: {type(exc).__name__}: {exc}", 1)
    raise typer.Exit(code)


def _screen(
    input_path: Path,
    output: Path | None,
    lists: list[Path],
    top: int,
    fmt: Format | None,
    mapping: list[str],
    fail_on: str | None,
    quiet: bool,
) -> int:
    """Run the screen command; return the exit code."""
    out_format = choose_format(fmt.value if fmt else None, output)
    for path in lists:  # checked before anything is read, so a typo costs nothing
        if not path.is_file():
            fail(f"{path}: watch list file not found")
    if output is not None:
        if not output.parent.is_dir():
            fail(f"{output}: the output folder does not exist")
        if input_path.exists() and output.exists() and output.resolve() == input_path.resolve():
            fail(f"{output}: the output would overwrite the input file")
    if out_format == "xlsx" and output is None:
        fail("XLSX output needs a file: add -o FILE.xlsx")
    try:
        source = open_supplier_file(input_path, mapping)
    except InputError as exc:
        fail(str(exc))
    console = stderr_console()
    try:
        if not quiet:
            _describe_input(source)
        engine = _load_engine(lists)
        sources = dict(engine.snapshot.sources)
        meta = metadata(engine, sources, input_path.name, top)
        try:
            writer = open_writer(out_format, output, meta)
        except OSError as exc:
            fail(f"{output}: cannot write output ({exc.strerror})")
        total = estimate_rows(input_path) if source.kind == "csv" and console.is_terminal else None
        stats = RunStats()
        try:
            with progress_bar(console, total) as tick:
                screen_rows(source.rows, engine, sources, writer, stats, top, tick)
        except InputError as exc:  # the file broke down part-way: keep what was written, valid
            writer.close({**stats.as_dict(), "error": str(exc)})
            fail(str(exc))
        writer.close({**stats.as_dict(), "notice": meta["notice"]})
    finally:
        source.close()
    print_summary(console, stats, str(output) if output else "stdout", sources)
    return _exit_code(stats, fail_on)


@app.command("data")
def data_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print the sources as JSON.")] = False,
) -> None:
    """Show the bundled reference data: sources, versions, rows and how complete each copy is."""
    try:
        from reference_data import load_snapshot

        snapshot = load_snapshot()
    except ReferenceDataError as exc:
        fail(f"reference data cannot be used: {exc}", 1)
    console = Console(soft_wrap=True, highlight=False)
    if as_json:
        info = {"snapshot_id": snapshot.snapshot_id, "created_at": snapshot.created_at}
        info["sources"] = source_list(snapshot.sources)  # type: ignore[assignment]
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


app.command("compare")(compare_command)
app.command("evaluate")(evaluate_command)
app.command("report")(report_command)
app.add_typer(model_app, name="model")
app.command("serve")(serve_command)
app.add_typer(keys_app, name="keys")


def main() -> None:
    """Run the flscreen command line (console-script entry point)."""
    try:
        app(prog_name="flscreen")
    except Exception as exc:  # anything that escaped the commands: one line, exit 1
        sys.stderr.write(f"flscreen: internal error: {type(exc).__name__}: {exc}\n")
        sys.exit(1)
