"""One flagged supplier's report section: findings, evidence, score decomposition and frameworks.

The catalogue turns the ids a finding carries (UNGP principles, paragraph-28 commitments, laws,
actions) into titles and text. A supplier's frameworks are the union over its findings, in the order
the catalogue gives (actions by stage, so "confirm the match" always comes first).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from scoring.frameworks import Catalogue, CatalogueError
from scoring.reports.document import Evidence, Finding, Match, ResultRow, Source
from scoring.reports.labels import p28_label, ungp_label
from scoring.reports.provenance import WeightsInfo

TIER_RANK: dict[str, int] = {"none": 0, "low": 1, "medium": 2, "high": 3, "severe": 4}
POINTS_TOLERANCE = 0.01  # findings are rounded to 4 decimals, the total to 4: allow rounding drift


@dataclass(frozen=True, slots=True)
class Labelled:
    """A framework item as a report shows it: id, title, and an optional detail line."""

    id: str
    title: str
    detail: str = ""  # pillar, paragraph or citation
    summary: str = ""  # the catalogue's one-sentence summary
    url: str = ""


@dataclass(frozen=True, slots=True)
class EvidenceView:
    """One piece of evidence with the title of the source it comes from."""

    source_title: str
    item: Evidence


@dataclass(frozen=True, slots=True)
class FindingView:
    """One finding as a report shows it."""

    code: str
    title: str
    sentence: str
    points: float | None
    evidence: tuple[EvidenceView, ...]
    ungp: tuple[int, ...] = ()  # framework ids as recorded on the finding
    p28: tuple[str, ...] = ()
    laws: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SupplierSection:
    """Everything the report says about one flagged supplier."""

    row: int
    supplier_id: str
    name: str
    country: str
    product: str
    hs_code: str
    value: float | None
    currency: str
    exposure: float | None
    score: float
    tier: str
    total_points: float | None
    findings: tuple[FindingView, ...]
    matches: tuple[Match, ...]
    ungp: tuple[Labelled, ...]
    p28: tuple[Labelled, ...]
    laws: tuple[Labelled, ...]
    actions: tuple[Labelled, ...]
    formula: str  # the score computed from the total, or why it cannot be shown
    points_add_up: bool


def source_title(source_id: str, sources: dict[str, Source]) -> str:
    """Return a readable name for an evidence source id."""
    if source_id in sources:
        return sources[source_id].title or source_id
    if source_id == "input":
        return "the supplier's own record"
    if source_id == "frameworks":
        return "flscreen frameworks catalogue"
    return source_id


def _finding_title(catalogue: Catalogue, code: str) -> str:
    try:
        return catalogue.mapping(code).title
    except CatalogueError:
        return code  # a code from a newer catalogue: show it rather than fail


def frameworks(catalogue: Catalogue, findings: Iterable[Finding]) -> dict[str, tuple[Labelled, ...]]:
    """Collect the UNGP, paragraph-28, law and action items findings name, in catalogue order."""
    items = list(findings)
    ungp_ids = {n for f in items for n in f.ungp}
    p28_ids = {p for f in items for p in f.p28}
    law_ids = {law for f in items for law in f.laws}
    action_ids = {a for f in items for a in f.actions}
    principles = catalogue.ungp.principles
    commitments = catalogue.p28.commitments
    laws = catalogue.laws
    stages = sorted(catalogue.actions, key=lambda a: a.stage)  # stable: catalogue order within a stage
    # Ids a newer catalogue defines but this one lacks stay visible as bare ids.
    return {
        "ungp": tuple(
            Labelled(str(p.id), ungp_label(p.id, p.summary), p.pillar, p.summary, catalogue.ungp.url)
            for p in principles
            if p.id in ungp_ids
        ),
        "p28": tuple(
            Labelled(
                c.id, p28_label(c.id, c.summary), f"paragraph {c.paragraph}", c.summary, catalogue.p28.url
            )
            for c in commitments
            if c.id in p28_ids
        )
        + tuple(Labelled(i, i) for i in sorted(p28_ids - {c.id for c in commitments})),
        "laws": tuple(Labelled(x.id, x.title, x.citation, x.summary, x.url) for x in laws if x.id in law_ids)
        + tuple(Labelled(i, i) for i in sorted(law_ids - {x.id for x in laws})),
        "actions": tuple(Labelled(a.id, a.text) for a in stages if a.id in action_ids)
        + tuple(Labelled(i, i) for i in sorted(action_ids - {a.id for a in stages})),
    }


def _formula(row: ResultRow, weights: WeightsInfo | None) -> str:
    score = row.risk_score or 0.0
    if row.total_points is None:
        return f"score {score:.1f} (points were not recorded in this results file)"
    if weights is None:
        return f"{row.total_points:.2f} points give score {score:.1f} (weights of this model not bundled)"
    computed = 100.0 * (1.0 - math.exp(-max(row.total_points, 0.0) / weights.k))
    return f"score = 100 × (1 − exp(−{row.total_points:.2f} / {weights.k:g})) = {computed:.1f}"


def build_section(
    row: ResultRow, catalogue: Catalogue, sources: dict[str, Source], weights: WeightsInfo | None
) -> SupplierSection:
    """Build the report section of one screened row."""
    findings = tuple(
        FindingView(
            code=f.code,
            title=_finding_title(catalogue, f.code),
            sentence=f.sentence,
            points=f.points,
            evidence=tuple(EvidenceView(source_title(e.source_id, sources), e) for e in f.evidence),
            ungp=f.ungp,
            p28=f.p28,
            laws=f.laws,
            actions=f.actions,
        )
        for f in row.findings
    )
    points = [f.points for f in row.findings]
    adds_up = row.total_points is not None and all(p is not None for p in points)
    if adds_up and row.total_points is not None:
        adds_up = abs(sum(p or 0.0 for p in points) - row.total_points) <= POINTS_TOLERANCE
    framework = frameworks(catalogue, row.findings)
    return SupplierSection(
        row=row.row,
        supplier_id=row.supplier_id,
        name=row.name or row.input.name,
        country=row.input.country or row.country,
        product=row.input.product,
        hs_code=row.input.hs_code,
        value=row.input.value,
        currency=row.input.currency,
        exposure=row.exposure_value,
        score=row.risk_score or 0.0,
        tier=row.risk_tier,
        total_points=row.total_points,
        findings=findings,
        matches=tuple(m for m in row.matches if m.is_match),
        ungp=framework["ungp"],
        p28=framework["p28"],
        laws=framework["laws"],
        actions=framework["actions"],
        formula=_formula(row, weights),
        points_add_up=adds_up,
    )
