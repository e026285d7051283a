"""Progress bar (terminal only, long files only) and the end-of-run summary."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from clients.progress import PROGRESS_MIN_ROWS, estimate_rows, first_sentence, print_summary, progress_bar
from clients.screen_file import RunStats
from tests.clients.fakes import make_source


def test_progress_bar_silent_when_not_a_terminal() -> None:
    buf = io.StringIO()
    with progress_bar(Console(file=buf, force_terminal=False), PROGRESS_MIN_ROWS * 10) as tick:
        tick()
    assert buf.getvalue() == ""


def test_progress_bar_shown_on_a_terminal_for_long_files() -> None:
    buf = io.StringIO()
    with progress_bar(Console(file=buf, force_terminal=True), PROGRESS_MIN_ROWS) as tick:
        for _ in range(3):
            tick()
    assert "screening" in buf.getvalue()


def test_progress_bar_silent_for_short_files() -> None:
    buf = io.StringIO()
    with progress_bar(Console(file=buf, force_terminal=True), 10) as tick:
        tick()
    assert buf.getvalue() == ""


def test_estimate_rows_counts_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("name\na\nb\nc\n")
    assert estimate_rows(path) == 3


def test_first_sentence_cuts_long_notes() -> None:
    assert first_sentence("PARTIAL: 43 of 144. More text.") == "PARTIAL: 43 of 144."
    assert len(first_sentence("x" * 500)) == 180


def test_print_summary_states_partial_sources_and_interruption() -> None:
    buf = io.StringIO()
    stats = RunStats(rows=2, screened=1, errors=1, interrupted=True, last_row=2)
    stats.tiers["severe"] += 1
    stats.lists["us_dhs_uflpa"] += 1
    sources = {"us_dhs_uflpa": make_source("us_dhs_uflpa", complete=False), "x": make_source("x")}
    print_summary(Console(file=buf, width=200), stats, "out.csv", sources)
    text = buf.getvalue()
    assert "hits on us_dhs_uflpa" in text and "partial source us_dhs_uflpa" in text
    assert "A non-match is not a clearance: us_dhs_uflpa is a partial" in text
    assert "Interrupted after 2 rows" in text
