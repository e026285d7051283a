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


class ModelPublic(BaseModel):
    """The models stamped on every result."""

    model_version: str = Field(
        description="Combined version stamped on results.", examples=["match-v1+risk-v1"]
    )
    match_model: MatchModelPublic = Field(description="The name-match model.")
