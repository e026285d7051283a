"""The match model as published: features, descriptions and weights (as yente's /algorithms)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class FeaturePublic(BaseModel):
    """One match feature with its learned weight."""

    name: str = Field(description="Feature name.", examples=["token_set"])
    description: str = Field(
        description="What the feature measures (its docstring).",
        examples=["How many name words the two names share, in any order."],
    )
    coefficient: float = Field(
        description="Weight on the standardised value (log-odds per standard deviation).", examples=[1.7]
    )
    mean: float = Field(description="Scaler mean subtracted from the raw value.", examples=[0.41])
    scale: float = Field(description="Scaler standard deviation dividing the centred value.", examples=[0.22])


class MatchModelPublic(BaseModel):
    """The logistic-regression match model."""

    version: str = Field(description="Artefact name and sha256 prefix.", examples=["match-v1+1a2b3c4d"])
    intercept: float = Field(description="Log-odds intercept.", examples=[-2.1])
    threshold: float = Field(
        description="Probability at or above which a pair counts as a match.", examples=[0.32]
    )
    features: list[FeaturePublic] = Field(description="Features, in model order.", examples=[[]])
    details: dict[str, object] = Field(
        description="Training provenance and dev-split metrics from the artefact.",
        examples=[{"model": "StandardScaler + LogisticRegression(C=1)"}],
    )


class RiskModelPublic(BaseModel):
    """The additive risk model: points per finding code and how points become a score and a tier."""

    version: str = Field(description="Artefact name and sha256 prefix.", examples=["risk-v1+1a2b3c4d"])
    points: dict[str, float] = Field(
        description="Points a finding of each code adds at full intensity (never negative).",
        examples=[{"entity_list.uflpa": 150.0, "country.tip_tier3": 8.0}],
    )
    score_scale_k: float = Field(
        description="Score = 100 * (1 - exp(-total_points / k)); k is in points.", examples=[50.0]
    )
    tier_cutoffs: dict[str, float] = Field(
        description="Lowest 0-100 score that reaches each tier.",
        examples=[{"low": 10.0, "medium": 30.0, "high": 55.0, "severe": 75.0}],
    )
    repeat_factor: float = Field(
        description="Share of its points each further finding of the same type counts.", examples=[0.5]
    )
    evidence_revision: int = Field(
        default=1,
        description=(
            "Revision of the evidence rules (what in a record raises which finding) the artefact stands "
            "for; 1 for artefacts written before the field."
        ),
        examples=[2],
    )


class ModelPublic(BaseModel):
    """The models stamped on every result."""

    model_version: str = Field(
        description="Combined version stamped on results.", examples=["match-v1+risk-v1"]
    )
    match_model: MatchModelPublic = Field(description="The name-match model.")
    risk_model: RiskModelPublic | None = Field(
        default=None, description="The risk model's weights (absent only when the engine has none loaded)."
    )
