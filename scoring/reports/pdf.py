"""Render the report HTML to PDF with WeasyPrint (Pango lays out the text; fontconfig finds Noto CJK)."""

from __future__ import annotations

from typing import Any

from scoring.reports.errors import ReportRenderError


def _inline_only() -> Any:
    """Return a URL fetcher limited to data: URIs: a report never reaches the network or the disk."""
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # older WeasyPrint: our HTML holds only data: URIs anyway
        return None
    return URLFetcher(allowed_protocols={"data"})


def render_pdf(html: str) -> bytes:
    """Lay out the report HTML on A4 pages and return the PDF bytes."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: the Pango shared library is missing
        raise ReportRenderError(
            f"PDF output needs WeasyPrint and the Pango library ({exc}); HTML and XLSX reports still work"
        ) from None
    pdf: bytes | None = HTML(string=html, url_fetcher=_inline_only()).write_pdf()
    if pdf is None:
        raise ReportRenderError("WeasyPrint returned no PDF")
    return pdf
