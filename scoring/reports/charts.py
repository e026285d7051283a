"""The report's charts, drawn with matplotlib as deterministic SVG (no pyplot, no global state).

Figures are built with the object API and the SVG backend, so drawing is thread-safe inside the web
server. The SVG carries no date and a fixed hash salt, so the same results give byte-identical
charts. Text is drawn as paths, with a CJK fallback font so Chinese product names render.
"""

from __future__ import annotations

import io
import textwrap
import warnings
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from matplotlib import font_manager, rc_context
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from scoring.reports.summary import Group, ReportView

TIER_COLOURS: dict[str, str] = {
    "severe": "#8b1a1a",
    "high": "#d9480f",
    "medium": "#e8a317",
    "low": "#8fbc8f",
    "none": "#b0b7bf",
}
BAR_COLOUR = "#3b5b7a"
WIDTH_IN = 7.0  # inches: the text width of an A4 page with 2 cm margins


@lru_cache(maxsize=1)
def _fonts() -> list[str]:
    """Return the font families to use: DejaVu Sans, then a CJK font when one is installed."""
    names = {f.name for f in font_manager.fontManager.ttflist}
    cjk = [n for n in ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Serif CJK SC") if n in names][:1]
    return ["DejaVu Sans", *cjk]


def _style() -> dict[Any, Any]:
    return {
        "font.family": _fonts(),
        "font.size": 8.5,
        "svg.hashsalt": "flscreen-report",  # fixed ids: the same data gives the same SVG
        "svg.fonttype": "path",
        "axes.spines.top": False,
        "axes.spines.right": False,
    }


def _svg(fig: Figure) -> str:
    buffer = io.StringIO()
    FigureCanvasSVG(fig)
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def _compact(value: float, top: float) -> str:
    """Label an axis tick compactly: 1.2 M, 350 k, or a plain number for small scales."""
    if top >= 1e6:
        return f"{value / 1e6:,.4g} M"
    if top >= 1e4:
        return f"{value / 1e3:,.4g} k"
    return f"{value:,.0f}"


def _bars(labels: Sequence[str], values: Sequence[float], colours: Sequence[str], xlabel: str) -> str:
    """Draw a horizontal bar chart, first label on top, each bar annotated with its value."""
    height = 0.9 + 0.3 * max(len(labels), 1)
    with rc_context(_style()), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from")  # fonts lacking a script
        fig = Figure(figsize=(WIDTH_IN, height), layout="constrained")
        ax = fig.add_subplot()
        positions = list(range(len(labels)))[::-1]
        ax.barh(positions, values, color=list(colours), height=0.7)
        ax.set_yticks(positions, [textwrap.shorten(lab, 60, placeholder="…") for lab in labels])
        ax.set_xlabel(xlabel)
        top = max(values, default=0.0) or 1.0
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: _compact(x, top)))
        ax.set_xlim(0, top * 1.18)  # room for the value labels
        for y, v in zip(positions, values, strict=True):
            ax.text(v + top * 0.01, y, f"{v:,.0f}", va="center", fontsize=7.5)
        if not labels:
            ax.text(0.5, 0.5, "nothing to show", transform=ax.transAxes, ha="center", va="center")
        return _svg(fig)


def tier_chart(view: ReportView) -> str:
    """Draw the number of suppliers per risk tier."""
    tiers = [t for t, _ in view.by_tier]
    return _bars(tiers, [float(n) for _, n in view.by_tier], [TIER_COLOURS[t] for t in tiers], "suppliers")


def group_chart(groups: Sequence[Group], currency: str) -> str:
    """Draw exposure per group in one currency, or flagged suppliers per group without amounts."""
    if currency:
        values = [g.exposure for g in groups]
        xlabel = f"risk-weighted exposure, {currency} (value × score / 100)"
    else:
        values = [float(g.flagged) for g in groups]
        xlabel = "flagged suppliers"
    return _bars([g.label for g in groups], values, [BAR_COLOUR] * len(groups), xlabel)


def findings_chart(view: ReportView) -> str:
    """Draw the most frequent findings by the number of suppliers they concern."""
    top = view.top_findings
    return _bars([t for _, t, _ in top], [float(n) for _, _, n in top], [BAR_COLOUR] * len(top), "suppliers")
