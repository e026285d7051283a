"""Errors of the report renderer.

ReportError
 ├── ReportInputError   the results file is unreadable, malformed, or the request names a bad option
 └── ReportRenderError  a renderer is unavailable (WeasyPrint without its Pango library) or failed
"""

from __future__ import annotations


class ReportError(ValueError):
    """Base of the report renderer's errors; the message is one readable line."""


class ReportInputError(ReportError):
    """The results file is unreadable, not screening results, or misses a required field."""


class ReportRenderError(ReportError):
    """A renderer is unavailable or could not produce the document."""
