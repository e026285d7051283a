"""Auditor risk reports (PDF, HTML, XLSX) rendered from stored screening results.

A plain library: no web framework, no CLI. Input is the results document `flscreen screen --format
json` writes (or its CSV output, with fewer details); output is bytes or a file.
"""

from scoring.reports.document import ResultsDocument, load_results, parse_results
from scoring.reports.errors import ReportError, ReportInputError, ReportRenderError
from scoring.reports.render import FORMATS, MEDIA_TYPES, format_for, render_report, render_view, write_report
from scoring.reports.summary import ReportOptions, ReportView, build_view

__all__ = [
    "FORMATS",
    "MEDIA_TYPES",
    "ReportError",
    "ReportInputError",
    "ReportOptions",
    "ReportRenderError",
    "ReportView",
    "ResultsDocument",
    "build_view",
    "format_for",
    "load_results",
    "parse_results",
    "render_report",
    "render_view",
    "write_report",
]
