"""The match model (features, weights, descriptions) and the frameworks catalogue."""

from __future__ import annotations

from fastapi import APIRouter

from scoring.features import REGISTRY
from scoring.frameworks import Catalogue, load_catalogue
from service.auth import ReadKey
from service.deps import EngineDep
from service.routers.responses import AUTHED, errors
from service.schemas.model import FeaturePublic, MatchModelPublic, ModelPublic

router = APIRouter(prefix="/v1", tags=["model"], responses=errors(*AUTHED))


@router.get("/model", summary="Describe the match model")
def get_model(who: ReadKey, engine: EngineDep) -> ModelPublic:
    """Return every match feature with its description and weight, the intercept and the threshold."""
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
    return ModelPublic(model_version=engine.model_version, match_model=match)


@router.get("/frameworks", summary="The frameworks catalogue")
def get_frameworks(who: ReadKey) -> Catalogue:
    """Return the UNGP, paragraph-28, law, ILO-indicator and action catalogue findings are mapped to."""
    return load_catalogue()
