"""Shared state for evidence gathering: the snapshot, weights, catalogue, and a finding builder."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reference_data.models import ReferenceSnapshot, SourceMeta
from scoring.evidence.weights import RiskWeights
from scoring.frameworks import Catalogue
from scoring.types import Evidence, Finding

INPUT_SOURCE = "input"  # evidence taken from the user's own record
CATALOGUE_SOURCE = "frameworks"  # evidence taken from the frameworks catalogue (e.g. UFLPA sectors)


@dataclass(frozen=True, slots=True)
class EvidenceContext:
    """What every evidence module needs: data with provenance, the weights and the frameworks mapping."""

    snapshot: ReferenceSnapshot
    weights: RiskWeights
    catalogue: Catalogue

    def source(self, *hints: str) -> SourceMeta | None:
        """Return the first snapshot source whose id contains one of the hints, in hint order."""
        for hint in hints:
            for source_id, meta in sorted(self.snapshot.sources.items()):
                if hint in source_id:
                    return meta
        return None

    def version(self, source_id: str) -> str:
        """Return a source's snapshot version, or "custom" for a list the snapshot does not hold."""
        meta = self.snapshot.sources.get(source_id)
        return meta.version if meta else "custom"

    def input_evidence(self, field: str, value: str, detail: str) -> Evidence:
        """Cite a value of the user's own record."""
        return Evidence(
            source_id=INPUT_SOURCE,
            source_version=self.snapshot.snapshot_id,
            record=f"{field}={value}",
            detail=detail,
        )

    def finding(
        self,
        code: str,
        sentence: str,
        evidence: Sequence[Evidence],
        intensity: float = 1.0,
        ilo_indicators: Sequence[str] = (),
    ) -> Finding:
        """Build a finding: points = weight(code) x intensity, frameworks mapping from the catalogue."""
        mapping = self.catalogue.mapping(code)
        # Intensity is a probability or a share in [0, 1]; clamp so bad input can never subtract points.
        share = min(max(intensity, 0.0), 1.0)
        return Finding(
            type=code.split(".", 1)[0],
            code=code,
            points=round(self.weights.weight(code) * share, 4),
            sentence=sentence,
            evidence=tuple(evidence),
            ungp=mapping.ungp,
            p28=mapping.p28,
            laws=mapping.laws,
            actions=mapping.actions,
            ilo_indicators=tuple(ilo_indicators),
        )
