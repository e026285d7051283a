"""Refit the risk weights from reviewed outcomes (confirmed / cleared), keeping every weight non-negative.

Input: a CSV with one row per reviewed case: ``case_id``, ``outcome`` (confirmed | cleared) and one
column per finding code holding the points the current model gave that code for the case (blank = 0).
Method: features are intensities (points / current weight, so a UFLPA match at probability 0.8 is 0.8);
an L2 logistic regression (scikit-learn) is fitted, and any code with a negative coefficient is dropped
and the model refitted until all coefficients are >= 0 (an active-set sign constraint). Points are the
coefficients times one scale factor that keeps the mean points of confirmed cases equal to the current
model's, so the tier cut-offs keep their meaning. Codes seen in fewer than `min_cases` cases keep their
current weight. Metrics come from stratified k-fold cross-validation of the whole procedure.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, brier_score_loss, log_loss, roc_auc_score
from sklearn.model_selection import StratifiedKFold

from scoring.evidence.weights import RiskWeights

OUTCOMES = {
    "confirmed": 1,
    "true_positive": 1,
    "1": 1,
    "yes": 1,
    "cleared": 0,
    "false_positive": 0,
    "0": 0,
    "no": 0,
}
FloatArray = np.ndarray[Any, np.dtype[np.float64]]


class DispositionsError(ValueError):
    """The dispositions file cannot be used for fitting (its message names the file and row)."""


@dataclass(frozen=True, slots=True)
class Dispositions:
    """Reviewed cases: per-code points and the outcome (1 confirmed, 0 cleared)."""

    codes: tuple[str, ...]
    points: FloatArray  # cases x codes
    outcome: FloatArray  # cases
    sha256: str


@dataclass(frozen=True, slots=True)
class FitReport:
    """The refitted weights and how well the procedure predicts outcomes out of sample."""

    weights: dict[str, float]
    metrics: dict[str, float]
    zeroed: tuple[str, ...]  # codes whose fitted coefficient was not positive
    kept_prior: tuple[str, ...]  # codes with too few cases to fit
    intercept: float
    scale: float
    n_cases: int
    n_confirmed: int


def read_dispositions(path: Path, weights: RiskWeights) -> Dispositions:
    """Read and validate a dispositions CSV against the codes the current weights know."""
    try:
        blob = path.read_bytes()
        rows = list(csv.DictReader(blob.decode("utf-8-sig").splitlines()))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DispositionsError(f"{path}: cannot read ({exc})") from exc
    if not rows:
        raise DispositionsError(f"{path}: no data rows")
    header = list(rows[0])
    if "outcome" not in header:
        raise DispositionsError(f"{path}: no 'outcome' column")
    codes = tuple(h for h in header if h not in ("case_id", "outcome"))
    unknown = [c for c in codes if c not in weights.points]
    if unknown or not codes:
        raise DispositionsError(
            f"{path}: unknown or missing finding-code columns: {', '.join(unknown) or 'none'}"
        )
    points = np.zeros((len(rows), len(codes)))
    outcome = np.zeros(len(rows))
    for i, row in enumerate(rows):
        label = OUTCOMES.get((row.get("outcome") or "").strip().casefold())
        if label is None:
            raise DispositionsError(f"{path}: row {i + 1}: outcome must be confirmed or cleared")
        outcome[i] = label
        for j, code in enumerate(codes):
            cell = (row.get(code) or "").strip()
            try:
                points[i, j] = float(cell) if cell else 0.0
            except ValueError:
                raise DispositionsError(f"{path}: row {i + 1}: {code} is not a number: {cell!r}") from None
            if points[i, j] < 0:
                raise DispositionsError(f"{path}: row {i + 1}: {code} is negative")
    if len(set(outcome.tolist())) < 2:
        raise DispositionsError(f"{path}: need both confirmed and cleared cases")
    return Dispositions(codes, points, outcome, hashlib.sha256(blob).hexdigest())


def _intensities(d: Dispositions, weights: RiskWeights) -> FloatArray:
    scale = np.array([weights.weight(c) or 1.0 for c in d.codes])
    result: FloatArray = np.clip(d.points / scale, 0.0, None)
    return result


def _constrained_logit(x: FloatArray, y: FloatArray, c: float) -> tuple[FloatArray, float]:
    """Fit a logistic regression whose coefficients are all >= 0 by dropping negative ones (active set)."""
    coef = np.zeros(x.shape[1])
    active = [j for j in range(x.shape[1]) if np.any(x[:, j] > 0)]
    intercept = float(np.log(max(y.mean(), 1e-6) / max(1 - y.mean(), 1e-6)))
    while active:
        model = LogisticRegression(C=c, max_iter=2000)
        model.fit(x[:, active], y)
        fitted = model.coef_[0]
        if np.all(fitted >= 0):
            coef[:] = 0.0
            coef[active] = fitted
            return coef, float(model.intercept_[0])
        active.pop(int(np.argmin(fitted)))  # drop the most negative and refit
    return coef, intercept


def _predict(coef: FloatArray, intercept: float, x: FloatArray) -> FloatArray:
    result: FloatArray = 1.0 / (1.0 + np.exp(-(x @ coef + intercept)))
    return result


def _cv_metrics(x: FloatArray, y: FloatArray, totals: FloatArray, folds: int, c: float) -> dict[str, float]:
    minority = int(min(y.sum(), len(y) - y.sum()))
    k = max(2, min(folds, minority))
    pred = np.zeros(len(y))
    for train, test in StratifiedKFold(n_splits=k, shuffle=True, random_state=0).split(x, y):
        coef, intercept = _constrained_logit(x[train], y[train], c)
        pred[test] = _predict(coef, intercept, x[test])
    return {
        "folds": float(k),
        "cv_roc_auc": float(roc_auc_score(y, pred)),
        "cv_brier": float(brier_score_loss(y, pred)),
        "cv_log_loss": float(log_loss(y, np.clip(pred, 1e-9, 1 - 1e-9))),
        "cv_accuracy": float(accuracy_score(y, pred >= 0.5)),
        "prior_roc_auc": float(roc_auc_score(y, totals)),  # the current weights' total points, for comparison
    }


def fit_weights(
    d: Dispositions, weights: RiskWeights, folds: int = 5, min_cases: int = 5, c: float = 1.0
) -> FitReport:
    """Refit the weights of the codes in `d` and report cross-validated metrics."""
    if len(d.outcome) < 2 * max(2, min(folds, 2)):
        raise DispositionsError("too few cases to fit and cross-validate (need at least 4)")
    x = _intensities(d, weights)
    y = d.outcome
    seen = (x > 0).sum(axis=0)
    fit_cols = [j for j, n in enumerate(seen) if n >= min_cases]
    if not fit_cols:
        raise DispositionsError(f"no finding code occurs in at least {min_cases} cases")
    xf = x[:, fit_cols]
    coef, intercept = _constrained_logit(xf, y, c)
    prior = np.array([weights.weight(d.codes[j]) for j in fit_cols])
    confirmed_mean = xf[y == 1].mean(axis=0)
    denominator = float(coef @ confirmed_mean)
    # One scale factor for all codes: keep confirmed cases' mean points as under the current weights.
    scale = float(prior @ confirmed_mean) / denominator if denominator > 0 else 0.0
    new = dict(weights.points)
    for j, beta in zip(fit_cols, coef, strict=True):
        new[d.codes[j]] = round(float(beta) * scale, 3)
    metrics = _cv_metrics(xf, y, d.points.sum(axis=1), folds, c)
    return FitReport(
        weights=new,
        metrics=metrics,
        zeroed=tuple(d.codes[j] for j, beta in zip(fit_cols, coef, strict=True) if beta <= 0),
        kept_prior=tuple(d.codes[j] for j in range(len(d.codes)) if j not in fit_cols),
        intercept=intercept,
        scale=scale,
        n_cases=len(y),
        n_confirmed=int(y.sum()),
    )


def write_artefact(report: FitReport, base: RiskWeights, data_sha256: str, path: Path) -> RiskWeights:
    """Write the refitted artefact as JSON and return it loaded (with its new model_version)."""
    artefact: dict[str, Any] = dict(base.raw) if base.raw else {}
    artefact.update(
        name=f"{base.name.split('-fit')[0]}-fit",
        provenance=f"Refitted by `flscreen model fit` from reviewed dispositions, from {base.model_version}.",
        weights=report.weights,
        fitted={
            "method": "L2 logistic regression on intensities, active-set non-negativity, one scale factor",
            "base_model_version": base.model_version,
            "data_sha256": data_sha256,
            "n_cases": report.n_cases,
            "n_confirmed": report.n_confirmed,
            "metrics": report.metrics,
            "zeroed": list(report.zeroed),
            "kept_prior": list(report.kept_prior),
            "intercept": report.intercept,
            "scale": report.scale,
            "fitted_at": datetime.now(UTC).isoformat(timespec="seconds"),
        },
    )
    artefact.setdefault("score", {"k": base.k})
    artefact.setdefault("tiers", base.tier_cutoffs)
    artefact.setdefault("repeat_factor", base.repeat_factor)
    path.write_text(json.dumps(artefact, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    return RiskWeights.load(path)
