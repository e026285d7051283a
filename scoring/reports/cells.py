"""Make text safe for a spreadsheet cell: no formula injection, no characters XML cannot hold.

Excel, LibreOffice and Google Sheets evaluate a cell that starts with "=", "+", "-" or "@" as a
formula, and a leading tab or carriage return can smuggle one in (OWASP, "CSV Injection"). Supplier
names and list records come from outside, so every text cell is written through `safe_text`.
"""

from __future__ import annotations

import re

FORMULA_START: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
# XML 1.0 cannot carry these control characters (XLSX is XML).
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_CELL = 32_767  # Excel's limit on the characters of one cell


def safe_text(value: str) -> str:
    """Return text a spreadsheet shows verbatim: a leading quote before formula-like text."""
    text = _ILLEGAL_XML.sub("", value)
    if text.startswith(FORMULA_START):
        text = "'" + text
    return text[:MAX_CELL]
