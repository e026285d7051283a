"""Evidence gathering: each module turns one kind of fact into cited, weighted findings."""

from __future__ import annotations

from collections.abc import Sequence

from scoring.evidence import attributes, cbp_rules, country, goods, lists, region
from scoring.evidence.context import EvidenceContext
from scoring.evidence.weights import RiskWeights, WeightsError
from scoring.types import Finding, MatchResult, SupplierRecord

__all__ = ["EvidenceContext", "RiskWeights", "WeightsError", "gather"]


def gather(ctx: EvidenceContext, record: SupplierRecord, matches: Sequence[MatchResult]) -> list[Finding]:
    """Return every finding for one record, closest exposure first (lists, region, rules, goods, ...)."""
    rules = cbp_rules.find(ctx, record, matches)
    return [
        *lists.find(ctx, matches),
        *lists.group_find(ctx, record, matches, cbp_rules.groups_found(ctx, rules)),
        *region.find(ctx, record),
        *rules,
        *goods.find(ctx, record),
        *attributes.find(ctx, record),
        *country.find(ctx, record),
    ]
