"""Screen a stream of supplier rows with a local engine and write one output row per input row.

The loop owns the guarantees the CLI promises: input order is kept, a faulty row becomes an error
row instead of stopping the file, an engine failure on one row is recorded on that row, and Ctrl-C
stops cleanly so the caller can close the writer and leave a valid partial file.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Mapping
from contextlib import closing
from dataclasses import dataclass, field
from typing import Any, Protocol

from clients.results import OutputRow, error_row, screened_row
from clients.writers import ResultWriter
from reference_data.models import SourceMeta
from scoring.intake.reader import RawRow
from scoring.intake.records import build_record
from scoring.results_meta import clearance_notice, source_list
from scoring.types import TIERS, ScreeningResult, SupplierRecord

ENGINE_TOP_K = 3  # matches the engine always considers, so --top changes the display, not the risk


class Engine(Protocol):
    """What the loop needs from a screener (scoring.Screener satisfies it)."""

    @property
    def snapshot_id(self) -> str:
        """Return the snapshot id results are stamped with."""

    @property
    def model_version(self) -> str:
        """Return the model version results are stamped with."""

    def screen(self, record: SupplierRecord, top_k: int = 3) -> ScreeningResult:
        """Screen one record."""


@dataclass(slots=True)
class RunStats:
    """What happened during a run: counts by outcome, by tier and by list hit."""

    rows: int = 0
    screened: int = 0
    errors: int = 0
    internal_errors: int = 0
    warnings: int = 0
    last_row: int = 0
    interrupted: bool = False
    tiers: Counter[str] = field(default_factory=Counter)
    lists: Counter[str] = field(default_factory=Counter)

    def reached(self, tier: str) -> bool:
        """Return True when any row's tier is at or above the given tier."""
        floor = TIERS.index(tier)
        return any(TIERS.index(t) >= floor for t, n in self.tiers.items() if n and t in TIERS)

    def count(self, row: int, out: OutputRow) -> None:
        """Count one written output row: screened (by tier and list hit) or error, and its warnings."""
        self.rows += 1
        self.last_row = row
        if out.tier:
            self.screened += 1
            self.tiers[out.tier] += 1
            self.lists.update(out.lists_hit)
        else:
            self.errors += 1
        self.warnings += bool(out.cells.get("warnings"))

    def as_dict(self) -> dict[str, Any]:
        """Return the counts as JSON-ready values."""
        return {
            "rows": self.rows,
            "screened": self.screened,
            "errors": self.errors,
            "internal_errors": self.internal_errors,
            "rows_with_warnings": self.warnings,
            "by_tier": {t: self.tiers.get(t, 0) for t in TIERS},
            "lists_hit": dict(self.lists.most_common()),
            "interrupted": self.interrupted,
            "last_row": self.last_row,
        }


def partial_sources(sources: Mapping[str, SourceMeta]) -> list[SourceMeta]:
    """Return the snapshot's sources known to be partial copies."""
    return [s for s in sources.values() if not s.complete]


def notice(sources: Mapping[str, SourceMeta]) -> str:
    """Return the 'a non-match is not a clearance' notice naming the partial sources."""
    return clearance_notice([s.source_id for s in partial_sources(sources)])


def metadata(engine: Engine, sources: Mapping[str, SourceMeta], input_name: str, top: int) -> dict[str, Any]:
    """Return the run metadata JSON output starts with: stamps, sources with coverage, the notice."""
    return {
        "tool": "flscreen",
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "input": input_name,
        "snapshot_id": engine.snapshot_id,
        "model_version": engine.model_version,
        "top": top,
        "sources": source_list(sources),
        "notice": notice(sources),
    }


Outcome = tuple[int, OutputRow, bool]  # input row number, its output row, whether the engine failed on it


def screen_one(raw: RawRow, engine: Engine, sources: Mapping[str, SourceMeta], top: int) -> Outcome:
    """Screen one raw row; return its number, its output row and whether the engine itself failed."""
    stamp = (engine.snapshot_id, engine.model_version)
    if raw.fault:
        return raw.row, error_row(raw.row, raw.values, raw.fault, (), stamp), False
    outcome = build_record(raw.values)
    if outcome.record is None:
        return raw.row, error_row(raw.row, raw.values, outcome.error, outcome.warnings, stamp), False
    try:
        result = engine.screen(outcome.record, top_k=max(top, ENGINE_TOP_K))
    except Exception as exc:  # one bad row must not sink the file; the row says what went wrong
        message = f"internal error while screening this row ({type(exc).__name__}: {exc})"
        return raw.row, error_row(raw.row, raw.values, message, outcome.warnings, stamp), True
    return raw.row, screened_row(raw.row, result, sources, top, outcome.warnings), False


class RowScreener(Protocol):
    """Screens many rows at once and yields their outcomes in input order (clients.parallel)."""

    def screen(self, rows: Iterable[RawRow]) -> Generator[Outcome, None, None]:
        """Yield one outcome per row, in input order."""


def screen_rows(
    rows: Iterable[RawRow],
    engine: Engine,
    sources: Mapping[str, SourceMeta],
    writer: ResultWriter,
    stats: RunStats,
    top: int = 1,
    tick: Callable[[], None] = lambda: None,
    pool: RowScreener | None = None,
) -> RunStats:
    """Screen every row in order into the writer, counting into stats; stop cleanly on Ctrl-C.

    With a pool the rows are screened by its workers; the writing and counting here are the same.
    """
    if pool is None:
        outcomes: Generator[Outcome, None, None] = (screen_one(raw, engine, sources, top) for raw in rows)
    else:
        outcomes = pool.screen(rows)
    try:
        with closing(outcomes):  # finished at once when interrupted, not when collected
            for row, out, crashed in outcomes:
                writer.write(out)
                stats.count(row, out)
                stats.internal_errors += crashed
                tick()
    except KeyboardInterrupt:
        stats.interrupted = True
    return stats
