"""What the CLI shows on stderr: a progress bar for long files and the end-of-run summary table.

Everything goes to stderr so stdout can carry the CSV or JSON output. The bar appears only when
stderr is a terminal and the file is long enough for waiting to be noticeable.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from clients.screen_file import RunStats, notice, partial_sources
from reference_data.models import SourceMeta
from scoring.types import TIERS

PROGRESS_MIN_ROWS = 2000  # below this a run takes a second or two: no bar


def stderr_console() -> Console:
    """Return a console on stderr (rich turns colour and bars off when it is not a terminal)."""
    return Console(stderr=True, highlight=False, soft_wrap=True)


def estimate_rows(path: Path) -> int:
    """Estimate the data rows of a text file by counting line breaks (quoted newlines overcount)."""
    count = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            count += chunk.count(b"\n")
    return max(count - 1, 0)


class RateColumn(ProgressColumn):
    """Show the screening rate in rows per second."""

    def render(self, task: Task) -> Text:
        """Render the current speed, blank until rich has measured one."""
        return Text(f"{task.speed:,.0f} rows/s" if task.speed else "", style="progress.data.speed")


@contextmanager
def progress_bar(console: Console, total: int | None) -> Iterator[Callable[[], None]]:
    """Yield a tick() callable that advances a bar, or does nothing for short or piped runs."""
    if not console.is_terminal or not total or total < PROGRESS_MIN_ROWS:
        yield lambda: None
        return
    columns = (
        TextColumn("screening"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("screening", total=total)
        yield lambda: bar.advance(task)


def summary_table(stats: RunStats, output: str) -> Table:
    """Return the end-of-run table: rows, tiers, errors and lists hit."""
    table = Table(title="flscreen summary", show_header=False, title_justify="left")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("rows read", str(stats.rows))
    table.add_row("screened", str(stats.screened))
    table.add_row("not screened (error)", str(stats.errors))
    table.add_row("rows with warnings", str(stats.warnings))
    for tier in reversed(TIERS):
        table.add_row(f"  tier {tier}", str(stats.tiers.get(tier, 0)))
    for source_id, count in stats.lists.most_common():
        table.add_row(f"  hits on {source_id}", str(count))
    table.add_row("output", output)
    return table


def first_sentence(text: str, limit: int = 180) -> str:
    """Return the first sentence of a coverage note, cut to a line's length (full notes are in JSON/XLSX)."""
    sentence = re.split(r"(?<=[.])\s", text.strip(), maxsplit=1)[0]
    return sentence if len(sentence) <= limit else sentence[: limit - 3].rstrip() + "..."


def print_summary(console: Console, stats: RunStats, output: str, sources: Mapping[str, SourceMeta]) -> None:
    """Print the summary table, the partial-sources notice and, if interrupted, how far the run got."""
    console.print(summary_table(stats, output))
    for src in partial_sources(sources):
        console.print(
            f"[yellow]partial source[/] {src.source_id}: {escape(first_sentence(src.coverage_note))}"
        )
    console.print(notice(sources))
    if stats.interrupted:
        console.print(
            f"[red]Interrupted[/] after {stats.rows} rows (last input row {stats.last_row}); "
            f"the output holds those rows and is a valid file."
        )
