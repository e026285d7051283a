"""Make text safe for a spreadsheet cell: no formula injection, no characters XML cannot hold.

Excel, LibreOffice and Google Sheets evaluate a cell that starts with "=", "+", "-" or "@" as a
formula, and a leading tab or carriage return can smuggle one in (OWASP, "CSV Injection"). Supplier
names and list records come from outside, so every text cell is written through `safe_text` (reports)
or `quote_formula` (the CLI's and the service's CSV and XLSX exports). Kept outside scoring.reports so
the CLI can use it without importing the report renderers.
"""

from __future__ import annotations

import re

FORMULA_START: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
# XML 1.0 cannot carry these control characters (XLSX is XML).
ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_CELL = 32_767  # Excel's limit on the characters of one cell


def quote_formula(text: str) -> str:
    """Return the text with a leading single quote when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def strip_illegal_xml(text: str) -> str:
    """Return the text without the control characters XML 1.0 cannot carry."""
    return ILLEGAL_XML.sub("", text)


def safe_text(value: str) -> str:
    """Return text a spreadsheet shows verbatim: a leading quote before formula-like text."""
    return quote_formula(strip_illegal_xml(value))[:MAX_CELL]
