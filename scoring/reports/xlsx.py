"""Render the report view as an XLSX workbook: summary, suppliers, findings and sources sheets.

Each sheet is a table with a bold frozen header and an autofilter. Every text cell goes through
`safe_text` (formula injection) and is written as a string, never as a formula; numbers stay numbers.
The workbook's creation date is the screening date, so the same results give the same workbook.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

import xlsxwriter

from scoring.cells import safe_text
from scoring.reports.summary import ReportView
from scoring.reports.view import TIER_RANK, SupplierSection

Value = str | int | float | bool | None
_EPOCH = dt.datetime(2000, 1, 1)  # creation date when the results do not record one

SUPPLIER_COLUMNS = (
    "row", "supplier_id", "name", "country", "product", "hs_code", "value", "currency", "risk_score",
    "risk_tier", "flagged", "total_points", "exposure", "lists_matched", "matched_names", "finding_codes",
    "ungp", "p28", "laws", "actions", "error",
)  # fmt: skip
FINDING_COLUMNS = (
    "row", "supplier_id", "name", "risk_tier", "code", "finding", "points", "sentence", "evidence_sources",
    "evidence_records", "evidence_urls", "ungp", "p28", "laws", "actions",
)  # fmt: skip
SOURCE_COLUMNS = (
    "id", "title", "publisher", "kind", "version", "data_date", "rows", "complete", "coverage_note",
    "licence", "legal_basis", "official_url", "suppliers_matched",
)  # fmt: skip


def _kv(key: str, value: Value) -> list[Value]:
    return [key, value]


def _created(view: ReportView) -> dt.datetime:
    try:
        stamp = dt.datetime.fromisoformat(view.recorded_at)
    except ValueError:
        return _EPOCH
    return stamp.astimezone(dt.UTC).replace(tzinfo=None) if stamp.tzinfo else stamp


def _table(book: Any, name: str, header: Sequence[str], rows: Sequence[Sequence[Value]]) -> None:
    """Write one sheet: bold frozen header, autofilter over the data, text neutralised."""
    sheet = book.add_worksheet(name)
    bold = book.add_format({"bold": True, "bg_color": "#EEF2F6"})
    sheet.write_row(0, 0, header, bold)
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values):
            if value is None or value == "":
                continue
            if isinstance(value, bool):
                sheet.write_boolean(r, c, value)
            elif isinstance(value, int | float):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, safe_text(value))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(header) - 1)
    sheet.set_column(0, len(header) - 1, 16)


def _supplier_row(s: SupplierSection, min_rank: int) -> list[Value]:
    ids = {
        "ungp": ";".join(p.id for p in s.ungp),
        "p28": ";".join(c.id for c in s.p28),
        "laws": ";".join(law.id for law in s.laws),
        "actions": ";".join(a.id for a in s.actions),
    }
    return [
        s.row, s.supplier_id, s.name, s.country, s.product, s.hs_code, s.value, s.currency, s.score, s.tier,
        TIER_RANK[s.tier] >= min_rank, s.total_points, s.exposure, ";".join(m.list for m in s.matches),
        ";".join(m.name for m in s.matches), ";".join(f.code for f in s.findings), ids["ungp"], ids["p28"],
        ids["laws"], ids["actions"], "",
    ]  # fmt: skip


def _finding_rows(s: SupplierSection) -> list[list[Value]]:
    out: list[list[Value]] = []
    for f in s.findings:
        out.append([
            s.row, s.supplier_id, s.name, s.tier, f.code, f.title, f.points, f.sentence,
            "; ".join(f"{e.item.source_id}@{e.item.source_version}" for e in f.evidence),
            "; ".join(f"{e.item.record} (row {e.item.source_row})" if e.item.source_row else e.item.record
                      for e in f.evidence),
            " ".join(e.item.url for e in f.evidence if e.item.url),
            ";".join(str(n) for n in f.ungp), ";".join(f.p28), ";".join(f.laws), ";".join(f.actions),
        ])  # fmt: skip
    return out


def render_xlsx(view: ReportView) -> bytes:
    """Return the report as XLSX workbook bytes."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    book.set_properties({"title": view.options.title, "created": _created(view), "author": "flscreen"})
    summary: list[list[Value]] = [
        ["input", view.input_name], ["screened_on", view.recorded_at], ["snapshot_id", view.snapshot_id],
        ["model_version", view.model_version], ["frameworks_catalogue", view.catalogue_version],
        ["rows", view.rows], ["screened", view.screened], ["not_screened", len(view.errors)],
        *[_kv(f"tier_{t}", n) for t, n in view.by_tier],
        [f"flagged (tier {view.options.min_tier} or above)", view.flagged],
        *[_kv(f"hits_{sid}", n) for sid, _, n in view.lists_hit],
    ]  # fmt: skip
    for c in view.currencies:
        label = c.currency or "no currency"
        summary += [[f"spend {label}", c.spend], [f"spend_flagged {label}", c.spend_flagged],
                    [f"exposure {label}", c.exposure]]  # fmt: skip
    summary.append(["notice", view.notice])
    _table(book, "summary", ("item", "value"), summary)
    min_rank = TIER_RANK[view.options.min_tier]
    rows = [_supplier_row(s, min_rank) for s in view.all_rows]
    rows += [[n, "", name, *[""] * 17, error] for n, name, error in view.errors]
    rows.sort(key=lambda r: int(r[0] or 0))
    _table(book, "suppliers", SUPPLIER_COLUMNS, rows)
    found = [r for s in view.all_rows for r in _finding_rows(s)]
    _table(book, "findings", FINDING_COLUMNS, found)
    sources = [
        [r.source.id, r.source.title, r.source.publisher, r.source.kind, r.source.version, r.source.data_date,
         r.source.rows, r.source.complete, r.source.coverage_note, r.licence, r.source.legal_basis,
         r.source.official_url, r.hits]
        for r in view.sources
    ]  # fmt: skip
    _table(book, "sources", SOURCE_COLUMNS, sources)
    book.close()
    return buffer.getvalue()
