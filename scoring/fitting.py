"""Fit the match model: weighted, L2-penalised logistic regression with a sign bound per coefficient.

Continuous features are centred on the mean of the training non-matches and divided by their standard
deviation; 0/1 and mostly-zero features stay raw, so the intercept is the log-odds of a typical
non-matching pair and a flag that is off contributes nothing. Each coefficient may only take the sign
in SIGNS (similarities and agreements push towards a match, conflicts and unmatched words away), so an
explanation never shows a perfect similarity counting against a match. Some coefficients are priors,
FIXED_COEFFICIENTS (log-odds per unit of the raw 0/1 value), not learned: no evaluation set carries
identifiers (a shared valid USCC/LEI/CNPJ/DUNS names one legal person, +10; a conflicting one -6);
numbered entities ("No. 1" / "No. 2") are distinct legal persons (-6, decisive); a name's own bracketed
alias equal to the other name is as strong as an exact name (+5); a place conflict (-4: "Bank of China
(Hong Kong)" / "(Singapore)") and a qualifier conflict (-3: different branches or divisions) mark
distinct legal persons too, less decisively because a place table or qualifier rule can misread a word.
The two conflict priors replaced learned weights that were shrunk to about -1.5: their dev rows are few
(25 and 3, all non-matches), mostly OFAC rows of small weight, so the L2 penalty outweighed them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.optimize import minimize  # type: ignore[import-untyped]
from scipy.special import expit  # type: ignore[import-untyped]

from scoring.features import FEATURE_NAMES, feature_vector
from scoring.training_data import Row

SET_WEIGHT = 600.0  # cap on the total weight of one set
SET_WEIGHTS = {"ofac": 150.0}  # OFAC: thousands of rows, mostly hard negatives; kept from dominating
# Learned in a second stage on one set only (see fit_model): romanised similarity is zero for two
# Latin names, and cross-script phonetic pairs fitted jointly pulled every similarity weight to zero.
MAIN = ""  # a STAGED feature learned on the rows of stage 1 itself, after it (see fit_model)
STAGED = {
    "romanised_similarity": "enzh",
    "dictionary_translation": "translation",
    "transliteration_match": "transliteration",
    "acronym_match": "acronyms",
    "syllabic_abbreviation_match": "syllabic",
    "short_form_match": "short_forms",
    "sibling_words": MAIN,
}
L2 = 1.0  # ridge penalty on the coefficients (as scikit-learn's C = 1)
FIXED_COEFFICIENTS = {"identifier_agree": 10.0, "identifier_conflict": -6.0, "number_conflict": -6.0}
FIXED_COEFFICIENTS["alias_match"] = 5.0
FIXED_COEFFICIENTS |= {"place_conflict": -4.0, "qualifier_conflict": -3.0}
_POSITIVE = (
    "exact_name token_set token_sort char_similarity jaro_winkler romanised_similarity "
    "dictionary_translation transliteration_match acronym_match syllabic_abbreviation_match "
    "short_form_match alias_match "
    "distinctive_overlap "
    "first_word length_ratio "
    "token_subset legal_form_agree country_agree "
    "identifier_agree"
)
_NEGATIVE = (
    "distinctive_unmatched word_unmatched place_conflict generic_only sibling_words legal_form_conflict "
    "qualifier_conflict number_conflict series_conflict country_conflict identifier_conflict"
)
SIGNS: dict[str, int] = dict.fromkeys(_POSITIVE.split(), 1) | dict.fromkeys(_NEGATIVE.split(), -1)
MODEL_TEXT = (
    "logistic regression, L2 = 1, fitted by L-BFGS-B with sign bounds per feature; continuous features "
    "centred on the mean of the training non-matches and divided by their standard deviation, 0/1 "
    "features raw"
)
Bounds = Sequence[tuple[float | None, float | None]]


def centring(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return per-feature (mean, scale): 0/1 and mostly-zero features stay raw; others centre on the
    typical non-match."""
    binary = np.all((x == 0) | (x == 1), axis=0) | (np.median(x, axis=0) == 0)
    neg = w * (y == 0)
    mean = (neg @ x) / max(float(neg.sum()), 1e-12)
    scale = x.std(axis=0)
    mean = np.where(binary, 0.0, mean)
    scale = np.where(binary | (scale < 1e-9), 1.0, scale)
    return mean, scale


def bounded_logistic(
    z: np.ndarray, y: np.ndarray, w: np.ndarray, bounds: Bounds, fit_intercept: bool = True
) -> tuple[np.ndarray, float]:
    """Fit weighted, L2-penalised logistic regression with per-coefficient bounds (L-BFGS-B)."""

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        coef, b = theta[:-1], theta[-1]
        logit = z @ coef + b
        # log(1 + e^t) - y t, computed stably; its derivative is sigmoid(t) - y
        value = float(w @ (np.logaddexp(0.0, logit) - y * logit)) + 0.5 * L2 * float(coef @ coef)
        resid = w * (expit(logit) - y)
        return value, np.concatenate([z.T @ resid + L2 * coef, [resid.sum()]])

    start = np.zeros(z.shape[1] + 1)
    last = (None, None) if fit_intercept else (0.0, 0.0)
    res = minimize(loss, start, jac=True, method="L-BFGS-B", bounds=[*bounds, last])
    return res.x[:-1], float(res.x[-1])


def _bound(sign: int) -> tuple[float | None, float | None]:
    """Return the L-BFGS-B bound of a coefficient with the given allowed sign."""
    return (0.0, None) if sign > 0 else (None, 0.0) if sign < 0 else (None, None)


def set_weights(rows: Sequence[Row]) -> tuple[np.ndarray, dict[str, int]]:
    """Return per-row weights (each set's total capped) and the row count per set."""
    counts: dict[str, int] = {}
    for s, *_ in rows:
        counts[s] = counts.get(s, 0) + 1
    w = np.array([min(1.0, SET_WEIGHTS.get(s, SET_WEIGHT) / counts[s]) for s, *_ in rows])
    return w, counts


def _matrix(rows: Sequence[Row]) -> tuple[np.ndarray, np.ndarray]:
    x = np.array([feature_vector(q, c) for _, q, c, _ in rows], dtype=float).reshape(len(rows), -1)
    return x, np.array([lab for *_, lab in rows], dtype=float)


def fit_model(rows: Sequence[Row]) -> dict[str, object]:
    """Fit the sign-bounded model; return the artefact's feature list and intercept.

    Stage 1 fits every learned coefficient except the STAGED ones on the rows of the other sets. Stage 2
    fits each STAGED coefficient on its own set's rows alone, every other coefficient and the intercept
    held at their stage-1 values (the feature is zero outside that kind of pair, so stage 1 loses
    nothing by leaving it out). A STAGED feature whose set is MAIN is fitted on stage 1's own rows, with
    their set weights, after stage 1: added to a fitted model without moving any other coefficient.
    """
    main = [r for r in rows if r[0] not in STAGED.values()]  # MAIN ("") names no set: all rows stay
    x, y = _matrix(main)
    w, counts = set_weights(rows)
    w = np.array([wi for wi, r in zip(w, rows, strict=True) if r[0] not in STAGED.values()])
    mean, scale = centring(x, y, w)
    coef = np.array([FIXED_COEFFICIENTS.get(f, 0.0) for f in FEATURE_NAMES])
    learn = [
        i
        for i, f in enumerate(FEATURE_NAMES)
        if f not in FIXED_COEFFICIENTS and f not in STAGED and x[:, i].std() > 0
    ]
    z = (x - mean) / scale
    offset = (
        z @ coef
    )  # fixed priors act as a known offset (coefficient pinned to 1) while the rest is learned
    bounds = [_bound(SIGNS[FEATURE_NAMES[i]]) for i in learn]
    fitted, intercept = bounded_logistic(np.column_stack([z[:, learn], offset]), y, w, [*bounds, (1.0, 1.0)])
    coef[learn] = fitted[:-1]
    for name, set_name in STAGED.items():
        if set_name == MAIN:  # stage 1's own rows: their matrix and weights as computed above
            part_x, part_y, part_w = x, y, w
        else:
            part = [r for r in rows if r[0] == set_name]
            if not part:
                continue  # the coefficient stays 0
            part_x, part_y = _matrix(part)
            part_w = np.ones(len(part))
        i = FEATURE_NAMES.index(name)
        coef[i] = _stage_two(part_x, part_y, part_w, i, coef, mean, scale, intercept)
    feats = [
        {
            "name": name,
            "coefficient": float(coef[i]),
            "mean": float(mean[i]),
            "scale": float(scale[i]),
            "sign": SIGNS[name],
            "learned": i in learn or name in STAGED,
            **({"learned_on": STAGED[name]} if name in STAGED else {}),
        }
        for i, name in enumerate(FEATURE_NAMES)
    ]
    return {"features": feats, "intercept": intercept, "training_counts": counts}


def _stage_two(
    x: np.ndarray,
    y: np.ndarray,
    w: np.ndarray,
    i: int,
    coef: np.ndarray,
    mean: np.ndarray,
    scale: np.ndarray,
    intercept: float,
) -> float:
    """Fit coefficient `i` on the rows `x`, `y` (weights `w`), the rest of the model held fixed as an
    offset."""
    held = coef.copy()
    held[i] = 0.0
    offset = ((x - mean) / scale) @ held + intercept
    column = (x[:, i] - mean[i]) / scale[i]
    z = np.column_stack([column, offset])
    fitted, b = bounded_logistic(z, y, w, [_bound(SIGNS[FEATURE_NAMES[i]]), (1.0, 1.0)], fit_intercept=False)
    return float(fitted[0])
