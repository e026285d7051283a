"""The whole report as data: scope, executive summary, aggregates, flagged sections and appendix.

Everything a renderer shows is computed here, once, from the stored results, so the HTML, PDF and
XLSX renderings agree and the same results always give the same report. Amounts are never
converted between currencies: each currency is totalled on its own.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from scoring.frameworks import Catalogue, load_catalogue
from scoring.reports.document import ResultsDocument, Source
from scoring.reports.provenance import WeightsInfo, bundled_sources, weights_for
from scoring.reports.view import TIER_RANK, Labelled, SupplierSection, build_section, frameworks

TIERS_DESC: tuple[str, ...] = ("severe", "high", "medium", "low", "none")
DEFAULT_MAX_SECTIONS = 100
TOP_GROUPS = 10  # bars per aggregate chart; the rest is summed into "other"


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """What to include: the tier from which suppliers get a section, and an optional section cap."""

    min_tier: str = "medium"
    # Full sections for the highest-scoring flagged suppliers; the rest go to a short table. WeasyPrint
    # lays out about 7 pages a second, so an unbounded PDF of thousands of sections takes many minutes.
    max_sections: int | None = DEFAULT_MAX_SECTIONS  # None = a section for every flagged supplier
    title: str = "Forced-labour and trafficking risk screening report"

    def __post_init__(self) -> None:
        if self.min_tier not in TIER_RANK:
            raise ValueError(f"unknown tier {self.min_tier!r}; use one of {', '.join(TIER_RANK)}")
        if self.max_sections is not None and self.max_sections < 0:
            raise ValueError("max_sections must be zero or more")


@dataclass(frozen=True, slots=True)
class CurrencyTotals:
    """Spend, spend with flagged suppliers, and risk-weighted exposure in one currency."""

    currency: str
    suppliers: int
    spend: float
    spend_flagged: float
    exposure: float  # sum of value x score / 100


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One reference source in the appendix, with how many suppliers matched it."""

    source: Source
    licence: str
    hits: int


@dataclass(frozen=True, slots=True)
class Group:
    """One bar of an aggregate chart: a label, the flagged suppliers in it and their exposure."""

    label: str
    flagged: int
    exposure: float


@dataclass(frozen=True, slots=True)
class ReportView:
    """The report's content, independent of the output format."""

    options: ReportOptions
    input_name: str
    recorded_at: str  # when the screening ran, as recorded in the results (the report's only date)
    snapshot_id: str
    model_version: str
    rows: int
    screened: int
    errors: tuple[tuple[int, str, str], ...]  # (row, name, error)
    by_tier: tuple[tuple[str, int], ...]  # severe first
    flagged: int
    lists_hit: tuple[tuple[str, str, int], ...]  # (source id, title, suppliers matched)
    currencies: tuple[CurrencyTotals, ...]
    chart_currency: str  # the currency the exposure charts use ("" = counts only)
    by_country: tuple[Group, ...]
    by_good: tuple[Group, ...]
    top_findings: tuple[tuple[str, str, int], ...]  # (code, title, suppliers)
    sections: tuple[SupplierSection, ...]
    overflow: tuple[SupplierSection, ...]  # flagged beyond max_sections, listed briefly
    sources: tuple[SourceRow, ...]
    weights: WeightsInfo | None
    notice: str
    catalogue_version: str
    frameworks: dict[str, tuple[Labelled, ...]]  # every item the flagged suppliers' findings name
    all_rows: tuple[SupplierSection, ...] = field(default=(), repr=False)  # every screened row (XLSX)


def _groups(pairs: list[tuple[str, bool, float]]) -> tuple[Group, ...]:
    """Sum (label, flagged, exposure) into the largest groups by exposure, then flagged count."""
    flagged: Counter[str] = Counter()
    exposure: dict[str, float] = {}
    for label, is_flagged, amount in pairs:
        flagged[label] += int(is_flagged)
        exposure[label] = exposure.get(label, 0.0) + amount
    labels = [lab for lab in flagged if flagged[lab] or exposure[lab]]
    labels.sort(key=lambda lab: (-exposure[lab], -flagged[lab], lab))
    head = [Group(lab, flagged[lab], round(exposure[lab], 2)) for lab in labels[:TOP_GROUPS]]
    rest = labels[TOP_GROUPS:]
    if rest:
        head.append(Group("other", sum(flagged[r] for r in rest), round(sum(exposure[r] for r in rest), 2)))
    return tuple(head)


def _currency_totals(
    sections: list[SupplierSection], is_flagged: dict[int, bool]
) -> tuple[CurrencyTotals, ...]:
    """Total spend, flagged spend and exposure per currency, largest exposure first."""
    money: dict[str, list[float]] = {}
    for s in sections:
        if s.value is None:
            continue
        bucket = money.setdefault(s.currency.upper(), [0.0, 0.0, 0.0, 0.0])
        bucket[0] += 1
        bucket[1] += s.value
        bucket[2] += s.value if is_flagged[s.row] else 0.0
        bucket[3] += s.exposure or 0.0
    return tuple(
        CurrencyTotals(c, int(b[0]), round(b[1], 2), round(b[2], 2), round(b[3], 2))
        for c, b in sorted(money.items(), key=lambda kv: (-kv[1][3], kv[0]))
    )


def build_view(
    doc: ResultsDocument, options: ReportOptions | None = None, catalogue: Catalogue | None = None
) -> ReportView:
    """Compute the report's content from a results document."""
    opts = options or ReportOptions()
    cat = catalogue or load_catalogue()
    meta = doc.metadata
    sources = {s.id: s for s in meta.sources}
    weights = weights_for(meta.model_version)
    screened = [r for r in doc.results if r.risk_tier]
    sections = [build_section(r, cat, sources, weights) for r in screened]
    is_flagged = {s.row: TIER_RANK[s.tier] >= TIER_RANK[opts.min_tier] for s in sections}
    flagged = sorted((s for s in sections if is_flagged[s.row]), key=lambda s: (-s.score, s.row))
    cap = len(flagged) if opts.max_sections is None else opts.max_sections

    tiers: Counter[str] = Counter(r.risk_tier for r in screened)
    hits: Counter[str] = Counter()
    titles: dict[str, str] = {}
    for r in screened:
        for m in r.matches:
            titles.setdefault(m.list, m.list_title or source_title_of(m.list, sources))
        hits.update({m.list for m in r.matches if m.is_match})
    codes: Counter[str] = Counter(code for r in screened for code in {f.code for f in r.findings})
    finding_titles = {f.code: f.title for s in sections for f in s.findings}

    currencies = _currency_totals(sections, is_flagged)
    chart_currency = currencies[0].currency if currencies and currencies[0].exposure > 0 else ""

    def amount(s: SupplierSection) -> float:
        return (s.exposure or 0.0) if chart_currency and s.currency.upper() == chart_currency else 0.0

    licences = bundled_sources(meta.snapshot_id)
    return ReportView(
        options=opts,
        input_name=meta.input,
        recorded_at=meta.generated_at,
        snapshot_id=meta.snapshot_id,
        model_version=meta.model_version,
        rows=len(doc.results),
        screened=len(screened),
        errors=tuple((r.row, r.name, r.error) for r in doc.results if not r.risk_tier),
        by_tier=tuple((t, tiers.get(t, 0)) for t in TIERS_DESC),
        flagged=len(flagged),
        lists_hit=tuple(
            (sid, titles.get(sid, sid), n) for sid, n in sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))
        ),
        currencies=currencies,
        chart_currency=chart_currency,
        by_country=_groups([(s.country or "unknown", is_flagged[s.row], amount(s)) for s in sections]),
        by_good=_groups(
            [(s.product.strip().lower() or "not given", is_flagged[s.row], amount(s)) for s in sections]
        ),
        top_findings=tuple(
            (c, finding_titles.get(c, c), n)
            for c, n in sorted(codes.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_GROUPS]
        ),
        sections=tuple(flagged[:cap]),
        overflow=tuple(flagged[cap:]),
        sources=tuple(
            SourceRow(s, s.licence or (licences[s.id].licence if s.id in licences else ""), hits.get(s.id, 0))
            for s in meta.sources
        ),
        weights=weights,
        notice=meta.notice,
        catalogue_version=cat.version,
        frameworks=frameworks(cat, (f for r in screened if is_flagged[r.row] for f in r.findings)),
        all_rows=tuple(sections),
    )


def source_title_of(source_id: str, sources: dict[str, Source]) -> str:
    """Return a source's title, or its id when the results do not describe it (custom lists)."""
    return sources[source_id].title if source_id in sources and sources[source_id].title else source_id
