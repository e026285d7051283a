"""Screening engine: name normalisation, candidate index, match model, risk model and frameworks."""

from scoring.screener import Screener
from scoring.types import (
    TIERS,
    Evidence,
    FeatureContribution,
    Finding,
    MatchResult,
    RiskAssessment,
    ScreeningResult,
    SupplierRecord,
)

__all__ = [
    "TIERS",
    "Evidence",
    "FeatureContribution",
    "Finding",
    "MatchResult",
    "RiskAssessment",
    "Screener",
    "ScreeningResult",
    "SupplierRecord",
]
