"""Render the report view as one self-contained HTML document (inline CSS, charts as data URIs).

The same HTML feeds WeasyPrint for the PDF: its @page margin boxes put the snapshot id and model
version on every printed page. Templates autoescape; values written into the CSS are escaped as CSS
strings and links are kept only when they are http(s), since results files come from outside.
"""

from __future__ import annotations

import base64
import datetime as dt
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from scoring.reports.charts import findings_chart, group_chart, tier_chart
from scoring.reports.summary import ReportView

TEMPLATES = Path(__file__).resolve().parent / "templates"
DEFAULT_NOTICE = (
    "The reference lists are copies of public publications, some partial or dated, and each names only the "
    "parties its publisher has acted on. Check the current official lists and do your own due diligence."
)


def css_string(value: object) -> str:
    """Escape text for use inside a double-quoted CSS string in a <style> element."""
    out = []
    for ch in str(value):
        if ch in '"\\' or ch in "<>&" or ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\{ord(ch):x} ")  # hex escape: also keeps "</style>" out of the element
        else:
            out.append(ch)
    return "".join(out)


def when(value: str) -> str:
    """Show an ISO timestamp as 'YYYY-MM-DD HH:MM UTC' (or as given when it is not ISO)."""
    try:
        stamp = dt.datetime.fromisoformat(value)
    except ValueError:
        return value or "not recorded"
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(dt.UTC)
        return stamp.strftime("%Y-%m-%d %H:%M UTC")
    return stamp.strftime("%Y-%m-%d %H:%M")


def money(value: float | None) -> str:
    """Format an amount with thousands separators and two decimals."""
    return "" if value is None else f"{value:,.2f}"


def points(value: float | None) -> str:
    """Format points without trailing zeros ('114.1583', '60')."""
    return "not recorded" if value is None else f"{value:.4f}".rstrip("0").rstrip(".")


def notice_body(notice: str) -> str:
    """Drop a leading "A non-match is not a clearance:" the report already shows as a heading."""
    lead = "a non-match is not a clearance"
    text = notice.strip()
    if text.lower().startswith(lead):
        text = text[len(lead) :].lstrip(":.; ")
    return text[:1].upper() + text[1:]


def data_uri(svg: str) -> str:
    """Return an SVG as a base64 data URI, so the HTML needs no other file."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def web_url(value: str) -> str:
    """Keep http(s) links; drop anything else (javascript:, data:) a results file might carry."""
    return value if value.lower().startswith(("https://", "http://")) else "#"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Return the Jinja2 environment with the report's templates and filters."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        css_string=css_string,
        when=when,
        money=money,
        points=points,
        data_uri=data_uri,
        web_url=web_url,
        notice_body=notice_body,
    )
    return env


def render_html(view: ReportView) -> str:
    """Render the report as one HTML page with inline CSS and charts."""
    charts = {
        "tiers": tier_chart(view),
        "country": group_chart(view.by_country, view.chart_currency),
        "good": group_chart(view.by_good, view.chart_currency),
        "findings": findings_chart(view),
    }
    if view.chart_currency:
        note = (
            f"Risk-weighted exposure in {view.chart_currency}, the currency with the most exposure; "
            "suppliers valued in other currencies are not included."
        )
    else:
        note = "No supplier values were given: bars count flagged suppliers."
    return (
        environment()
        .get_template("report.html.j2")
        .render(v=view, charts=charts, chart_note=note, default_notice=DEFAULT_NOTICE)
    )
