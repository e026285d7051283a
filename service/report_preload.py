"""Imported once by the report renderer's fork server, so each render starts with its libraries loaded."""

import contextlib

import scoring.reports  # noqa: F401  (matplotlib, Jinja, openpyxl/xlsxwriter)

with contextlib.suppress(ImportError, OSError):  # without Pango a PDF render fails with its own message
    import weasyprint  # noqa: F401
