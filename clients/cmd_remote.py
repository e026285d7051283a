"""Commands that talk to a flscreen server: ``flscreen jobs ...``, ``flscreen review``, and the
connection behind ``flscreen screen --api``.

The SDK (and httpx) is imported only when one of these runs, so the offline CLI starts without it.
Exit codes: 0 done; 2 a request the server refused as the caller's mistake (bad key, scope, id,
input) or a usage error; 1 the server or the network failed. Errors are one line on stderr.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, NoReturn

import typer
from rich.markup import escape

from clients.progress import stderr_console
from clients.screen_file import RunStats
from clients.writers import ResultWriter
from scoring.intake import RawRow

if TYPE_CHECKING:
    from clients import ScreeningClient
    from clients.remote import RemoteEngine

DEFAULT_API = "http://127.0.0.1:8000"
FORMATS: dict[str, Literal["csv", "xlsx", "json"]] = {"csv": "csv", "xlsx": "xlsx", "json": "json"}
UrlOpt = Annotated[
    str,
    typer.Option("--api", metavar="URL", envvar="FLSCREEN_API_URL", help="Server URL (or FLSCREEN_API_URL)."),
]
KeyOpt = Annotated[
    str | None, typer.Option("--api-key", envvar="FLSCREEN_API_KEY", help="API key (or FLSCREEN_API_KEY).")
]

jobs_app = typer.Typer(
    help="Batch jobs on a server: submit a file, follow it, fetch the results.", no_args_is_help=True
)


class RemoteError(Exception):
    """The server or the network failed part-way (the message is one line for the user)."""


def _fail(message: str, code: int) -> NoReturn:
    stderr_console().print(f"flscreen: {escape(message)}", highlight=False)
    raise typer.Exit(code)


def make_client(url: str, api_key: str | None) -> ScreeningClient:
    """Return an SDK client for the server (tests replace this to inject a transport)."""
    try:
        from clients import ScreeningClient
    except ImportError:
        _fail("talking to a server needs httpx: pip install 'flscreen[client]'", 2)
    return ScreeningClient(url, api_key)


def failure(exc: Exception) -> NoReturn:
    """Exit with one line for an SDK error: 2 for the caller's mistakes, 1 for server or network."""
    from clients import APIError, InvalidRequestError, RateLimitError

    if isinstance(exc, APIError):
        rid = f" (request id {exc.request_id})" if exc.request_id else ""
        mistake = 400 <= exc.status < 500 and not isinstance(exc, RateLimitError)
        _fail(f"server answered {exc.status} {exc.code}: {exc.detail}{rid}", 2 if mistake else 1)
    _fail(str(exc), 2 if isinstance(exc, InvalidRequestError) else 1)


def connect_engine(url: str, api_key: str | None, top: int) -> RemoteEngine:
    """Connect to a server for ``screen --api``: check the key and read its snapshot and sources."""
    from clients import ClientError
    from clients.remote import RemoteEngine

    engine = RemoteEngine(make_client(url, api_key), top)
    try:
        engine.connect()
    except ClientError as exc:
        failure(exc)
    return engine


def run_remote(
    rows: Iterable[RawRow],
    engine: RemoteEngine,
    writer: ResultWriter,
    stats: RunStats,
    tick: Callable[[], None],
) -> RunStats:
    """Screen the rows on the server (see clients.remote.screen_rows_remote)."""
    from clients.remote import screen_rows_remote

    return screen_rows_remote(rows, engine, writer, stats, tick)


def _call(url: str, api_key: str | None, action: Callable[[ScreeningClient], Any]) -> Any:
    """Run one SDK action, turning its errors into one line and an exit code."""
    from clients import ClientError

    client = make_client(url, api_key)
    try:
        return action(client)
    except ClientError as exc:
        failure(exc)
    finally:
        client.close()


def _show_job(job: Any) -> None:
    typer.echo(
        f"job {job.id} {job.status}: {job.processed_rows}/{job.total_rows} rows, {job.error_rows} errors"
        + (f"; {job.error}" if job.error else "")
    )


@jobs_app.command("submit")
def submit_command(
    file: Annotated[Path, typer.Argument(help="Supplier CSV or XLSX file.")],
    url: UrlOpt = DEFAULT_API,
    api_key: KeyOpt = None,
    top_k: Annotated[int, typer.Option("--top-k", min=1, max=20, help="Candidates per record.")] = 3,
    wait: Annotated[bool, typer.Option("--wait", help="Poll until the job is done.")] = False,
) -> None:
    """Upload FILE as a batch job and print its id."""
    if not file.is_file():
        _fail(f"{file}: file not found", 2)
    job = _call(url, api_key, lambda c: c.submit_job(file, top_k=top_k))
    _show_job(job)
    if wait:
        job = _call(url, api_key, lambda c: c.wait_for_job(job.id, poll=1.0))
        _show_job(job)
        if job.status == "failed":
            raise typer.Exit(1)


@jobs_app.command("status")
def status_command(job_id: str, url: UrlOpt = DEFAULT_API, api_key: KeyOpt = None) -> None:
    """Print a job's status and progress."""
    _show_job(_call(url, api_key, lambda c: c.get_job(job_id)))


@jobs_app.command("fetch")
def fetch_command(
    job_id: str,
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the results.")],
    url: UrlOpt = DEFAULT_API,
    api_key: KeyOpt = None,
    fmt: Annotated[
        str | None, typer.Option("--format", help="csv, xlsx or json (default: -o suffix).")
    ] = None,
) -> None:
    """Download a finished job's results to OUTPUT."""
    chosen = (fmt or output.suffix.lstrip(".") or "csv").lower()
    if chosen not in FORMATS:
        _fail(f"--format must be csv, xlsx or json, not {chosen!r}", 2)
    export = FORMATS[chosen]
    if not output.parent.is_dir():
        _fail(f"{output}: the output folder does not exist", 2)
    body = _call(url, api_key, lambda c: c.download_job(job_id, export))
    output.write_bytes(body)
    typer.echo(f"wrote {len(body)} bytes to {output}")


def review_command(
    screening_id: Annotated[str, typer.Argument(help="Screening id (from the API or a job's results).")],
    entity: Annotated[str, typer.Option("--entity", help="The matched list entity id.")],
    confirmed: Annotated[bool, typer.Option("--confirmed", help="The supplier is this entity.")] = False,
    false_positive: Annotated[bool, typer.Option("--false-positive", help="It is not this entity.")] = False,
    note: Annotated[str, typer.Option("--note", help="Why (kept in the audit trail).")] = "",
    url: UrlOpt = DEFAULT_API,
    api_key: KeyOpt = None,
) -> None:
    """Record a reviewer's decision on one match of a stored screening."""
    if confirmed == false_positive:
        _fail("say either --confirmed or --false-positive", 2)
    status: Literal["confirmed", "false_positive"] = "confirmed" if confirmed else "false_positive"
    decision = _call(url, api_key, lambda c: c.create_disposition(screening_id, entity, status, note))
    typer.echo(f"recorded {decision.status} on {decision.entity_id} ({decision.id})")
