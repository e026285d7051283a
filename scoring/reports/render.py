"""Pick the output format and render a results document to PDF, HTML or XLSX."""

from __future__ import annotations

from pathlib import Path

from scoring.reports.document import ResultsDocument
from scoring.reports.errors import ReportInputError
from scoring.reports.html import render_html
from scoring.reports.pdf import render_pdf
from scoring.reports.summary import ReportOptions, ReportView, build_view
from scoring.reports.xlsx import render_xlsx

FORMATS: tuple[str, ...] = ("pdf", "html", "xlsx")
MEDIA_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def format_for(path: Path) -> str:
    """Return the report format a file name asks for (.pdf, .html/.htm, .xlsx)."""
    suffix = path.suffix.lower().lstrip(".")
    fmt = "html" if suffix == "htm" else suffix
    if fmt not in FORMATS:
        raise ReportInputError(f"cannot tell the report format from {path.name!r}: use .pdf, .html or .xlsx")
    return fmt


def render_view(view: ReportView, fmt: str) -> bytes:
    """Render an already built report view in one format."""
    if fmt not in FORMATS:
        raise ReportInputError(f"unknown report format {fmt!r}: use one of {', '.join(FORMATS)}")
    if fmt == "xlsx":
        return render_xlsx(view)
    html = render_html(view)
    return render_pdf(html) if fmt == "pdf" else html.encode("utf-8")


def render_report(doc: ResultsDocument, fmt: str, options: ReportOptions | None = None) -> bytes:
    """Render a results document in one format and return the bytes."""
    return render_view(build_view(doc, options), fmt)


def write_report(doc: ResultsDocument, path: Path, options: ReportOptions | None = None) -> ReportView:
    """Render to the format the path's suffix names, write the file, and return the report's view."""
    fmt = format_for(path)
    view = build_view(doc, options)
    data = render_view(view, fmt)
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise ReportInputError(f"cannot write {path}: {exc.strerror or exc}") from None
    return view
