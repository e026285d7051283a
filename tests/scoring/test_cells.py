"""Spreadsheet cell safety: formula-like text gets a leading quote, XML-illegal characters go."""

from __future__ import annotations

import pytest

from scoring.cells import quote_formula, strip_illegal_xml


@pytest.mark.parametrize(
    ("text", "expected"),
    [("=1+1", "'=1+1"), ("+x", "'+x"), ("-x", "'-x"), ("@x", "'@x"), ("\tx", "'\tx"), ("\rx", "'\rx"),
     ("ok", "ok"), ("a=b", "a=b"), ("", "")],
)  # fmt: skip
def test_quote_formula_prefixes_formula_text_only(text: str, expected: str) -> None:
    assert quote_formula(text) == expected


def test_strip_illegal_xml_keeps_tab_newline_and_return() -> None:
    assert strip_illegal_xml("a\x00b\x08c\td\ne\rf\x1f") == "abc\td\ne\rf"
