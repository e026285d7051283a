"""The HTML report: self-contained, escaped, stamped, reproducible."""

from __future__ import annotations

import re

import pytest

from scoring.reports import parse_results, render_report
from scoring.reports.html import css_string, web_url, when
from tests.scoring.reports_factories import make_doc, make_row


def _html(*rows: dict[str, object], **meta: object) -> str:
    return render_report(parse_results(make_doc(*rows, **meta)), "html").decode("utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("snap-1", "snap-1"),
        ('a"b', "a\\22 b"),
        ("</style>", "\\3c /style\\3e "),
        ("back\\slash", "back\\5c slash"),
        ("new\nline", "new\\a line"),
    ],
)
def test_css_string_escapes(text: str, expected: str) -> None:
    assert css_string(text) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [("https://dhs.gov/x", "https://dhs.gov/x"), ("javascript:alert(1)", "#"), ("data:text/html,x", "#")],
)
def test_web_url_keeps_only_http(url: str, expected: str) -> None:
    assert web_url(url) == expected


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [("2026-01-02T03:04:05+00:00", "2026-01-02 03:04 UTC"), ("", "not recorded"), ("soon", "soon")],
)
def test_when_formats_the_recorded_date(stamp: str, expected: str) -> None:
    assert when(stamp) == expected


def test_render_html_is_self_contained() -> None:
    html = _html(make_row(1), make_row(2, tier="none", score=0.0))
    assert "<style>" in html
    assert len(re.findall(r'<img [^>]*src="data:image/svg\+xml;base64,', html)) == 4
    assert not re.findall(r'src="(?!data:)', html)
    assert "<link" not in html
    assert "<script" not in html


def test_render_html_escapes_supplier_text() -> None:
    html = _html(make_row(1, name="<script>alert(1)</script> Ltd"))
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Ltd" in html


def test_render_html_stamps_pages_and_states_non_clearance() -> None:
    html = _html(make_row(1))
    assert '@top-right { content: "snapshot snap-test"' in html
    assert 'content: "model match-test+risk-test"' in html
    assert "A non-match is not a clearance" in html
    assert "PARTIAL" in html


def test_render_html_section_content() -> None:
    html = _html(make_row(1, name="Acme Cotton"))
    expected = ("Acme Cotton", "UFLPA Entity List", "version 20250115000000", "row 7", "17 human rights due")
    assert all(text in html for text in expected)


def test_render_html_is_reproducible() -> None:
    assert _html(make_row(1), make_row(2, tier="high", score=60.0)) == _html(
        make_row(1), make_row(2, tier="high", score=60.0)
    )


def test_render_html_uses_only_the_recorded_date() -> None:
    html = _html(make_row(1), generated_at="2020-05-06T07:08:09+00:00")
    assert "2020-05-06 07:08 UTC" in html
    years = set(re.findall(r"\b20[2-9]\d-\d\d-\d\d\b", html))
    assert years <= {"2020-05-06", "2025-01-15"}  # the run date and the source's data date only


def test_render_html_empty_screening() -> None:
    html = _html()
    assert "No supplier matched a list entry" in html
