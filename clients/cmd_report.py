"""``flscreen report``: render stored screening results as an auditor's PDF, HTML or XLSX report.

Register in clients/cli.py with ``app.command("report")(report_command)``.
Exit codes: 0 done; 2 input or usage error (one line on stderr); 1 the renderer is unavailable.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

DEFAULT_SECTIONS = 100  # scoring.reports.summary.DEFAULT_MAX_SECTIONS; kept literal so --help needs no import


class MinTier(StrEnum):
    """Lowest tier that gets a supplier section."""

    low = "low"
    medium = "medium"
    high = "high"
    severe = "severe"


def _fail(message: str, code: int = 2) -> NoReturn:
    """Print one line on stderr and exit (2 = input or usage error)."""
    Console(stderr=True, soft_wrap=True).print(f"flscreen: {escape(message)}", highlight=False)
    raise typer.Exit(code)


def report_command(
    results: Annotated[
        Path,
        typer.Argument(
            help="Results of `flscreen screen --format json` (a CSV results file gives a shorter report).",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="Report file; its suffix picks the format: .pdf, .html, .xlsx."),
    ],
    min_tier: Annotated[
        MinTier, typer.Option("--min-tier", help="Lowest risk tier that gets a supplier section.")
    ] = MinTier.medium,
    sections: Annotated[
        int,
        typer.Option(
            "--sections", min=0, help="Full sections for this many flagged suppliers (highest score first)."
        ),
    ] = DEFAULT_SECTIONS,
    all_sections: Annotated[
        bool, typer.Option("--all-sections", help="A full section for every flagged supplier (slow PDFs).")
    ] = False,
    title: Annotated[str | None, typer.Option("--title", help="Report title.")] = None,
) -> None:
    """Render screening results as an auditor's risk report (PDF, HTML or XLSX)."""
    from scoring.reports import (
        ReportInputError,
        ReportOptions,
        ReportRenderError,
        format_for,
        load_results,
        write_report,
    )

    named = {"title": title} if title else {}
    options = ReportOptions(min_tier=min_tier.value, max_sections=None if all_sections else sections, **named)
    try:
        fmt = format_for(output)
        view = write_report(load_results(results), output, options)
    except ReportInputError as exc:
        _fail(str(exc))
    except ReportRenderError as exc:
        _fail(str(exc), code=1)
    detail = f"{view.flagged} flagged at tier {options.min_tier} or above"
    if view.overflow:
        detail += f", {len(view.sections)} with a full section"
    Console(stderr=True, soft_wrap=True).print(
        f"Wrote {escape(str(output))} ({fmt.upper()}, {view.rows} rows, {detail})",
        highlight=False,
    )
