"""The match model (features, weights, descriptions) and the frameworks catalogue."""

from __future__ import annotations

from fastapi import APIRouter

from scoring.features import REGISTRY
from scoring.frameworks import Catalogue, load_catalogue
from service.auth import ReadKey
from service.deps import EngineDep
from service.routers.responses import AUTHED, errors
from service.schemas.model import FeaturePublic, MatchModelPublic, ModelPublic, RiskModelPublic

router = APIRouter(prefix="/v1", tags=["model"], responses=errors(*AUTHED))


@router.get("/model", summary="Describe the match model")
def get_model(who: ReadKey, engine: EngineDep) -> ModelPublic:
    """Return the match features with descriptions and weights, and the risk model's points and tiers."""
    model = engine.match_model
    features = [
        FeaturePublic(
            name=name,
            description=REGISTRY[name].description if name in REGISTRY else "",
            coefficient=coef,
            mean=mean,
            scale=scale,
        )
        for name, coef, mean, scale in zip(
            model.feature_names, model.coefficients, model.means, model.scales, strict=True
        )
    ]
    match = MatchModelPublic(
        version=model.version,
        intercept=model.intercept,
        threshold=model.threshold,
        features=features,
        details=dict(model.meta),
    )
    weights = engine.risk_weights
    risk = None
    if weights is not None:
        risk = RiskModelPublic(
            version=weights.model_version,
            points=dict(sorted(weights.points.items())),
            score_scale_k=weights.k,
            tier_cutoffs=dict(weights.tier_cutoffs),
            repeat_factor=weights.repeat_factor,
            evidence_revision=weights.evidence_revision,
        )
    return ModelPublic(model_version=engine.model_version, match_model=match, risk_model=risk)


@router.get("/frameworks", summary="The frameworks catalogue")
def get_frameworks(who: ReadKey) -> Catalogue:
    """Return the UNGP, paragraph-28, law, ILO-indicator and action catalogue findings are mapped to."""
    return load_catalogue()
