"""The ``flscreen`` command line: screen supplier files offline and inspect the bundled data.

Exit codes (DESIGN.md): 0 done; 1 internal error; 2 usage or input error (one line on stderr, no
traceback); 3 ``--fail-on`` tier reached; 130 interrupted by Ctrl-C (the partial output is valid).
"""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.markup import escape

from clients.cmd_data import data_app
from clients.cmd_match import compare_command, evaluate_command
from clients.cmd_model import model_app
from clients.cmd_remote import RemoteError, connect_engine, jobs_app, review_command, run_remote
from clients.cmd_report import report_command
from clients.cmd_server import keys_app, serve_command
from clients.parallel import MAX_WORKERS, WorkerPool, available_cores, can_fork
from clients.progress import estimate_rows, print_summary, progress_bar, stderr_console
from clients.screen_file import Engine, RunStats, metadata, screen_rows
from clients.writers import choose_format, open_writer
from reference_data.errors import CustomListError, ReferenceDataError
from reference_data.models import SourceMeta
from scoring.intake import InputError, SupplierFile, open_supplier_file

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


ApiOpt = Annotated[
    str | None,
    typer.Option("--api", metavar="URL", help="Screen on this flscreen server instead of locally."),
]
KeyOpt = Annotated[
    str | None,
    typer.Option("--api-key", envvar="FLSCREEN_API_KEY", help="API key for --api (or FLSCREEN_API_KEY)."),
]
WorkersOpt = Annotated[
    int,
    typer.Option(
        "--workers",
        min=0,
        max=MAX_WORKERS,
        help="Screening processes (0 = one per CPU core). Same output; each adds memory.",
    ),
]


@dataclass(frozen=True, slots=True)
class ScreenOptions:
    """Everything ``flscreen screen`` was asked to do."""

    input_path: Path
    output: Path | None
    lists: list[Path]
    top: int
    fmt: str | None
    mapping: list[str]
    fail_on: str | None
    quiet: bool
    api: str | None = None
    api_key: str | None = None
    workers: int = 1


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
    api: ApiOpt = None,
    api_key: KeyOpt = None,
    workers: WorkersOpt = 1,
) -> None:
    """Screen every supplier in INPUT; write one output row per input row, in input order."""
    options = ScreenOptions(
        input_path, output, lists or [], top, fmt.value if fmt else None, mapping or [],
        fail_on.value if fail_on else None, quiet, api, api_key, workers,
    )  # fmt: skip
    try:
        code = _screen(options)
    except typer.Exit:
        raise
    except Exception as exc:  # last resort: one line, never a traceback
        fail(f"internal error: {type(exc).__name__}: {exc}", 1)
    raise typer.Exit(code)


def _check_paths(o: ScreenOptions, out_format: str) -> None:
    """Refuse unusable paths and option combinations before anything is read."""
    for path in o.lists:  # checked before anything is read, so a typo costs nothing
        if not path.is_file():
            fail(f"{path}: watch list file not found")
    if o.lists and o.api:
        fail("--list works only locally; custom lists on a server are set with FLSCREEN_CUSTOM_LISTS")
    if o.workers != 1 and o.api:
        fail("--workers works only locally; a server screens --api rows itself")
    if o.output is not None:
        if not o.output.parent.is_dir():
            fail(f"{o.output}: the output folder does not exist")
        if o.input_path.exists() and o.output.exists() and o.output.resolve() == o.input_path.resolve():
            fail(f"{o.output}: the output would overwrite the input file")
    if out_format == "xlsx" and o.output is None:
        fail("XLSX output needs a file: add -o FILE.xlsx")


def _worker_pool(
    o: ScreenOptions, engine: Screener, sources: dict[str, SourceMeta]
) -> AbstractContextManager[WorkerPool | None]:
    """Return the worker processes --workers asks for, or no pool for one process."""
    workers = available_cores() if o.workers == 0 else o.workers
    if workers > 1 and not can_fork():
        stderr_console().print("--workers: worker processes need fork (Linux, macOS); screening in one")
        workers = 1
    if workers == 1:
        return nullcontext(None)
    if not o.quiet:
        stderr_console().print(f"Screening on {workers} worker processes")
    return WorkerPool(engine, sources, o.top, workers)


def _screen(o: ScreenOptions) -> int:
    """Run the screen command, locally or on a server; return the exit code."""
    out_format = choose_format(o.fmt, o.output)
    _check_paths(o, out_format)
    try:
        source = open_supplier_file(o.input_path, o.mapping)
    except InputError as exc:
        fail(str(exc))
    console = stderr_console()
    stats = RunStats()
    try:
        if not o.quiet:
            _describe_input(source)
        if o.api:
            remote = connect_engine(o.api, o.api_key, o.top)
            engine: Engine = remote
            sources = remote.sources
        else:
            local = _load_engine(o.lists)
            engine, sources = local, dict(local.snapshot.sources)
        meta = metadata(engine, sources, o.input_path.name, o.top)
        try:
            writer = open_writer(out_format, o.output, meta)
        except OSError as exc:
            fail(f"{o.output}: cannot write output ({exc.strerror})")
        total = estimate_rows(o.input_path) if source.kind == "csv" and console.is_terminal else None
        try:
            if o.api:
                with progress_bar(console, total) as tick:
                    run_remote(source.rows, remote, writer, stats, tick)
            else:
                # Workers are forked before the progress bar starts its refresh thread.
                with _worker_pool(o, local, sources) as pool, progress_bar(console, total) as tick:
                    screen_rows(source.rows, local, sources, writer, stats, o.top, tick, pool)
        except (InputError, RemoteError) as exc:  # broke down part-way: keep what was written, valid
            writer.close({**stats.as_dict(), "error": str(exc)})
            print_summary(console, stats, str(o.output) if o.output else "stdout", sources)
            fail(str(exc), 2 if isinstance(exc, InputError) else 1)
        writer.close({**stats.as_dict(), "notice": meta["notice"]})
    finally:
        source.close()
    print_summary(console, stats, str(o.output) if o.output else "stdout", sources)
    return _exit_code(stats, o.fail_on)


app.command("compare")(compare_command)
app.command("evaluate")(evaluate_command)
app.command("report")(report_command)
app.add_typer(model_app, name="model")
app.command("serve")(serve_command)
app.add_typer(keys_app, name="keys")
app.add_typer(jobs_app, name="jobs")
app.command("review")(review_command)
app.add_typer(data_app, name="data")


def main() -> None:
    """Run the flscreen command line (console-script entry point)."""
    try:
        app(prog_name="flscreen")
    except Exception as exc:  # anything that escaped the commands: one line, exit 1
        sys.stderr.write(f"flscreen: internal error: {type(exc).__name__}: {exc}\n")
        sys.exit(1)
