"""Train the match model on the dev split of the shared evaluation sets and write match-v1.json.

Run ``python -m scoring.train`` (shared folder from $FLSCREEN_SHARED_DIR or ../shared). Only dev rows
are read (see scoring.evalsets for the split). Training pairs:
- name_bench, entity_checks and OpenSanctions org-like dev rows (their best-matching name pair);
- OFAC organisation aliases of dev records: (alias, primary name) positives and, as negatives, the five
  most similar names of *other* dev records found by the candidate index (hard negatives);
- enzh dev pairs whose Chinese name is a phonetic rendering (mean Pronun rating >= 3) as positives,
  each with one seeded random other English name as a negative.
Each set is weighted so that none dominates (total weight per set capped at SET_WEIGHT rows).
Some features are not learned but set as a documented prior, FIXED_COEFFICIENTS, in log-odds per unit
of the raw 0/1 value: the identifier features (no evaluation set carries identifiers; a shared valid
USCC/LEI/CNPJ names one legal person whatever the name says, so +10; a conflicting one -6) and
number_conflict (numbered entities such as "No. 1" and "No. 2" mills are distinct legal persons; the dev
rows hold too few numbered pairs to learn it, and name_bench labels some sibling funds as matches, so
a moderate -1.5).
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz
from scipy.optimize import minimize  # type: ignore[import-untyped]
from scipy.special import expit  # type: ignore[import-untyped]

from scoring import evalsets
from scoring.candidates import CandidateIndex
from scoring.evaluation.metrics import f_beta, pair_counts
from scoring.evaluation.pairs import best_probability
from scoring.features import FEATURE_NAMES, Side, feature_vector, make_side
from scoring.model import ARTIFACT, MatchModel
from scoring.normalize import normalize

SET_WEIGHT = 600.0  # cap on the total weight of one set
SET_WEIGHTS = {"ofac": 300.0}  # OFAC: thousands of rows, mostly hard negatives; kept from dominating
L2 = 1.0  # ridge penalty on the coefficients (as scikit-learn's C = 1)
FIXED_COEFFICIENTS = {"identifier_agree": 10.0, "identifier_conflict": -6.0, "number_conflict": -6.0}
FIXED_COEFFICIENTS["alias_match"] = 5.0  # a name's own bracketed alias: as strong as an exact name
# The sign each coefficient may take: +1 evidence for a match (similarities, agreements), -1 evidence
# against (conflicts, unmatched words), 0 free (script_differs only says how far string similarity can
# be trusted). Signs keep every explanation readable: a perfect similarity never counts against a match.
SIGNS: dict[str, int] = (
    dict.fromkeys(
        "exact_name token_set token_sort char_similarity jaro_winkler romanised_similarity acronym_match "
        "alias_match "
        "distinctive_overlap first_word length_ratio token_subset legal_form_agree country_agree "
        "identifier_agree".split(),
        1,
    )
    | dict.fromkeys(
        "distinctive_unmatched word_unmatched place_conflict generic_only legal_form_conflict "
        "qualifier_conflict number_conflict country_conflict identifier_conflict".split(),
        -1,
    )
    | {"script_differs": 0}
)
Row = tuple[str, Side, Side, bool]
MODEL_TEXT = (
    "logistic regression, L2 = 1, fitted by L-BFGS-B with sign bounds per feature; continuous features "
    "centred on the mean of the training non-matches and divided by their standard deviation, 0/1 "
    "features raw"
)


def _best_pair(p: evalsets.Pair) -> tuple[str, str]:
    """Pick the name pair a matcher would compare (highest token-set similarity)."""
    return max(((a, b) for a in p.names1 for b in p.names2), key=lambda ab: fuzz.token_set_ratio(*ab))


def pair_rows(pairs: Sequence[evalsets.Pair]) -> list[Row]:
    """Turn dev pairs into training rows."""
    rows = []
    for p in pairs:
        if p.split == "dev":
            a, b = _best_pair(p)
            rows.append((p.set_name, make_side(a, p.country1), make_side(b, p.country2), p.label))
    return rows


def ofac_rows(root: Path, negatives: int = 5) -> list[Row]:
    """Build OFAC alias positives and index-mined hard negatives from dev records only."""
    names, queries = evalsets.ofac(root)
    dev = [q for q in queries if q.split == "dev"]
    dev_ents = {q.ent_num for q in dev}
    keys, owners = [], []
    for ent, ent_names in names.items():
        if ent in dev_ents:
            for n in ent_names:
                keys.append(normalize(n))
                owners.append((ent, n))
    index = CandidateIndex(keys)
    rows: list[Row] = []
    hits = index.search_many([normalize(q.query) for q in dev], limit=negatives * 4)
    for q, found in zip(dev, hits, strict=True):
        rows.append(("ofac", make_side(q.query), make_side(names[q.ent_num][0]), True))
        taken = 0
        for pos, _ in found:
            ent, name = owners[pos]
            if ent != q.ent_num and taken < negatives:
                rows.append(("ofac", make_side(q.query), make_side(name), False))
                taken += 1
    return rows


def enzh_rows(root: Path, seed: int = 7) -> list[Row]:
    """Build phonetic English-Chinese positives and seeded random negatives from dev rows."""
    pairs = [p for p in evalsets.enzh(root) if p.split == "dev" and p.tags["pronun"].startswith("phonetic")]
    rng = random.Random(seed)
    rows: list[Row] = []
    for i, p in enumerate(pairs):
        rows.append(("enzh", make_side(p.names1[0]), make_side(p.names2[0]), True))
        other = pairs[(i + rng.randrange(1, len(pairs))) % len(pairs)] if len(pairs) > 1 else p
        if other is not p:
            rows.append(("enzh", make_side(p.names1[0]), make_side(other.names2[0]), False))
    return rows


def centring(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return per-feature (mean, scale): 0/1 and mostly-zero features stay raw; others centre on the
    typical non-match.

    Centring continuous features on the weighted mean of the training non-matches makes the intercept
    the log-odds of a typical non-matching pair, so each contribution reads as evidence beyond it; a
    feature that is zero for most pairs (e.g. romanised similarity of two Latin names) contributes
    nothing when it is zero.
    """
    binary = np.all((x == 0) | (x == 1), axis=0) | (np.median(x, axis=0) == 0)
    neg = w * (y == 0)
    mean = (neg @ x) / max(float(neg.sum()), 1e-12)
    scale = x.std(axis=0)
    mean = np.where(binary, 0.0, mean)
    scale = np.where(binary | (scale < 1e-9), 1.0, scale)
    return mean, scale


def bounded_logistic(
    z: np.ndarray, y: np.ndarray, w: np.ndarray, bounds: Sequence[tuple[float | None, float | None]]
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
    res = minimize(loss, start, jac=True, method="L-BFGS-B", bounds=[*bounds, (None, None)])
    return res.x[:-1], float(res.x[-1])


def fit_model(rows: Sequence[Row]) -> dict[str, object]:
    """Fit the sign-constrained model; return the artefact's feature list and intercept."""
    x = np.array([feature_vector(q, c) for _, q, c, _ in rows], dtype=float)
    y = np.array([lab for *_, lab in rows], dtype=float)
    counts: dict[str, int] = {}
    for s, *_ in rows:
        counts[s] = counts.get(s, 0) + 1
    w = np.array([min(1.0, SET_WEIGHTS.get(s, SET_WEIGHT) / counts[s]) for s, *_ in rows])
    mean, scale = centring(x, y, w)
    fixed = np.array([FIXED_COEFFICIENTS.get(f, 0.0) for f in FEATURE_NAMES])
    learn = [i for i, f in enumerate(FEATURE_NAMES) if f not in FIXED_COEFFICIENTS and x[:, i].std() > 0]
    z = (x - mean) / scale
    offset = z @ fixed  # fixed priors act as a known offset while the rest is learned
    bounds = [_bound(SIGNS[FEATURE_NAMES[i]]) for i in learn]
    coef_l, intercept = _fit_with_offset(z[:, learn], offset, y, w, bounds)
    coef = fixed.copy()
    coef[learn] = coef_l
    feats = [
        {
            "name": name,
            "coefficient": float(coef[i]),
            "mean": float(mean[i]),
            "scale": float(scale[i]),
            "sign": SIGNS[name],
            "learned": i in learn,
        }
        for i, name in enumerate(FEATURE_NAMES)
    ]
    return {"features": feats, "intercept": intercept, "training_counts": counts}


def _bound(sign: int) -> tuple[float | None, float | None]:
    """Return the L-BFGS-B bound of a coefficient with the given allowed sign."""
    return (0.0, None) if sign > 0 else (None, 0.0) if sign < 0 else (None, None)


def _fit_with_offset(
    z: np.ndarray,
    offset: np.ndarray,
    y: np.ndarray,
    w: np.ndarray,
    bounds: Sequence[tuple[float | None, float | None]],
) -> tuple[np.ndarray, float]:
    """Fit the bounded model with a fixed offset column (coefficient pinned to 1)."""
    zo = np.column_stack([z, offset])
    coef, b = bounded_logistic(zo, y, w, [*bounds, (1.0, 1.0)])
    return coef[:-1], b


def _digest(rows: Sequence[Row]) -> str:
    """Hash the training pairs (set, names, countries, label) in order."""
    h = hashlib.sha256()
    for s, q, c, lab in rows:
        h.update(f"{s}\t{q.parts.original}\t{c.parts.original}\t{q.country}\t{c.country}\t{lab}\n".encode())
    return h.hexdigest()


def choose_threshold(model: MatchModel, pairs: Sequence[evalsets.Pair]) -> tuple[float, dict[str, float]]:
    """Pick the threshold that maximises F2 on the pooled dev pairs; return it with its dev metrics."""
    scored = [(best_probability(model, p), p.label) for p in pairs if p.split == "dev"]
    best_t, best = 0.5, -1.0
    for t in np.arange(0.05, 0.951, 0.01):
        f2 = f_beta(pair_counts(scored, float(t)), 2.0)
        if f2 > best + 1e-9:
            best_t, best = float(round(t, 2)), f2
    c = pair_counts(scored, best_t)
    return best_t, {
        "f2": round(best, 4),
        "f1": round(f_beta(c, 1.0), 4),
        **{k: float(v) for k, v in c.items()},
    }


def main(argv: Sequence[str] = ()) -> int:
    """Train on dev, choose the threshold on dev, and write the artefact."""
    root = evalsets.shared_dir()
    if not (root / "eval").is_dir():
        sys.stderr.write(f"shared evaluation folder not found at {root} (set FLSCREEN_SHARED_DIR)\n")
        return 2
    pair_sets = evalsets.name_bench(root) + evalsets.entity_checks(root) + evalsets.opensanctions_pairs(root)
    rows = pair_rows(pair_sets) + ofac_rows(root) + enzh_rows(root)
    fitted = fit_model(rows)
    artefact: dict[str, object] = {"name": "match-v1", "model": MODEL_TEXT}
    artefact |= {"features": fitted["features"], "intercept": fitted["intercept"], "threshold": 0.5}
    model = MatchModel.from_dict(artefact)
    threshold, dev_metrics = choose_threshold(model, pair_sets)
    artefact |= {
        "threshold": threshold,
        "threshold_rule": "max F2 on pooled org-like dev rows (name_bench, entity_checks, opensanctions)",
        "created": date.today().isoformat(),
        "training": {"rows": len(rows), "per_set": fitted["training_counts"], "sha256": _digest(rows)},
        "dev_metrics": dev_metrics,
        "fixed_coefficients": {
            k: f"{v:+.1f} log-odds, prior (not learned)" for k, v in FIXED_COEFFICIENTS.items()
        },
    }
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text(json.dumps(artefact, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    sys.stdout.write(f"wrote {ARTIFACT} (threshold {threshold}, dev {dev_metrics})\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
