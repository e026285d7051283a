"""The risk model: additive points per finding, an exact decomposition, a 0-100 score and a tier.

total_points = sum(finding.points); score = 100 * (1 - exp(-total_points / k)); the tier is the highest
cut-off the score reaches. Within one finding type, each further finding counts `repeat_factor` of
its points (strongest first), so ten goods findings do not outweigh one direct listing. All points
are non-negative, so adding evidence never lowers the score.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reference_data.models import ReferenceSnapshot
from scoring import evidence
from scoring.evidence.context import EvidenceContext
from scoring.evidence.weights import RiskWeights, WeightsError
from scoring.frameworks import Catalogue, load_catalogue
from scoring.types import TIERS, Finding, MatchResult, RiskAssessment, SupplierRecord

__all__ = [
    "ExposureTotals",
    "RiskEngine",
    "RiskWeights",
    "WeightsError",
    "aggregate_exposure",
    "apply_repeat_factor",
    "assess_findings",
]


def apply_repeat_factor(findings: Sequence[Finding], factor: float) -> list[Finding]:
    """Scale every finding after the strongest of its type by `factor`; return them strongest first."""
    ordered = sorted(findings, key=lambda f: -f.points)  # stable: equal points keep evidence order
    seen: set[str] = set()
    out: list[Finding] = []
    for finding in ordered:
        if finding.type in seen and factor < 1.0 and finding.points > 0:
            note = f" (Counted at {factor:.0%}: a further {finding.type.replace('_', ' ')} finding.)"
            finding = dataclasses.replace(
                finding, points=round(finding.points * factor, 4), sentence=finding.sentence + note
            )
        seen.add(finding.type)
        out.append(finding)
    return sorted(out, key=lambda f: -f.points)


def assess_findings(
    findings: Sequence[Finding], weights: RiskWeights, value: float | None = None
) -> RiskAssessment:
    """Sum finding points into the score and tier (findings already carry their final points)."""
    total = sum(f.points for f in findings)
    score = weights.score(total)
    shown = round(score, 2)
    # Exposure uses the score as shown, so a reader can reproduce it from the output.
    exposure = None if value is None else round(value * shown / 100.0, 2)
    return RiskAssessment(
        score=shown,
        tier=weights.tier(score),
        total_points=round(total, 4),
        findings=tuple(findings),
        exposure_value=exposure,
    )


class RiskEngine:
    """Gather evidence for a record and its matches, and score it with the weights of one artefact."""

    def __init__(
        self,
        snapshot: ReferenceSnapshot,
        weights: RiskWeights | None = None,
        catalogue: Catalogue | None = None,
        artefact: Path | None = None,
    ) -> None:
        self.weights = weights or RiskWeights.load(artefact)
        self.catalogue = catalogue or load_catalogue()
        self.context = EvidenceContext(snapshot=snapshot, weights=self.weights, catalogue=self.catalogue)

    @property
    def model_version(self) -> str:
        """Return "<artefact name>+<8 hex of its sha256>", stamped on every result."""
        return self.weights.model_version

    def assess(self, record: SupplierRecord, matches: Sequence[MatchResult]) -> RiskAssessment:
        """Return the score, tier, findings and spend exposure for one record."""
        found = evidence.gather(self.context, record, matches)
        findings = apply_repeat_factor(found, self.weights.repeat_factor)
        return assess_findings(findings, self.weights, record.value)


@dataclass(slots=True)
class ExposureTotals:
    """Spend and risk-weighted exposure of a file, in one currency."""

    currency: str
    rows: int = 0  # rows with a value
    spend: float = 0.0
    exposure: float = 0.0  # sum of value x score / 100
    spend_by_tier: dict[str, float] = field(default_factory=lambda: dict.fromkeys(TIERS, 0.0))

    @property
    def exposure_share(self) -> float:
        """Return exposure as a share of spend (0 when there is no spend)."""
        return self.exposure / self.spend if self.spend else 0.0


def aggregate_exposure(items: Iterable[tuple[SupplierRecord, RiskAssessment]]) -> dict[str, ExposureTotals]:
    """Total spend, exposure and spend per tier for a whole file, per currency ("" when not given)."""
    totals: dict[str, ExposureTotals] = {}
    for record, assessment in items:
        if record.value is None:
            continue
        currency = record.currency.strip().upper()
        bucket = totals.setdefault(currency, ExposureTotals(currency=currency))
        bucket.rows += 1
        bucket.spend += record.value
        bucket.exposure += record.value * assessment.score / 100.0
        bucket.spend_by_tier[assessment.tier] = bucket.spend_by_tier.get(assessment.tier, 0.0) + record.value
    return totals
