"""Pair features: pure functions (query, candidate) -> float, each explained by its docstring.

The features live in `scoring.name_features` (how alike the names are) and `scoring.context_features`
(places, legal forms, qualifiers, numbers, countries, identifiers); importing them here registers them
in a fixed order, which is the order of the model artefact's feature list.
"""

from __future__ import annotations

from scoring import context_features, name_features
from scoring.context_features import places
from scoring.sides import REGISTRY, Feature, Side, make_side
from scoring.words import GENERIC

__all__ = ["FEATURE_NAMES", "GENERIC", "REGISTRY", "Feature", "Side", "feature_vector", "make_side", "places"]

_MODULES = (name_features, context_features)  # registration order: name similarity, then context
FEATURE_NAMES: tuple[str, ...] = tuple(
    name for module in _MODULES for name, f in REGISTRY.items() if f.fn.__module__ == module.__name__
)


def feature_vector(q: Side, c: Side) -> list[float]:
    """Compute every registered feature for one pair, in registry order."""
    return [REGISTRY[name].fn(q, c) for name in FEATURE_NAMES]
