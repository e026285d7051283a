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
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from scoring import evalsets
from scoring.candidates import CandidateIndex
from scoring.evaluate import best_probability, f_beta, pair_counts
from scoring.features import FEATURE_NAMES, Side, feature_vector, make_side
from scoring.model import ARTIFACT, MatchModel
from scoring.normalize import normalize

SET_WEIGHT = 600.0  # cap on the total weight of one set
SET_WEIGHTS = {"ofac": 300.0}  # OFAC: thousands of rows, mostly hard negatives; kept from dominating
FIXED_COEFFICIENTS = {"identifier_agree": 10.0, "identifier_conflict": -6.0, "number_conflict": -1.5}
# Features that may only push the probability one way; a wrong learned sign is set to zero and refit.
SIGNS = {"country_agree": 1, "country_conflict": -1, "legal_form_conflict": -1, "number_conflict": -1}
SIGNS |= {
    "place_conflict": -1,
    "qualifier_conflict": -1,
    "exact_name": 1,
    "legal_form_agree": 1,
    "identifier_agree": 1,
}
Row = tuple[str, Side, Side, bool]


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


def _fit(
    x: np.ndarray, y: np.ndarray, w: np.ndarray, active: list[int]
) -> tuple[np.ndarray, float, StandardScaler]:
    """Fit scaler + logistic regression on the active columns."""
    scaler = StandardScaler().fit(x[:, active])
    clf = LogisticRegression(C=1.0, max_iter=2000).fit(scaler.transform(x[:, active]), y, sample_weight=w)
    return clf.coef_[0], float(clf.intercept_[0]), scaler


def fit_model(rows: Sequence[Row]) -> dict[str, object]:
    """Fit the model with sign constraints; return the artefact's feature list and intercept."""
    x = np.array([feature_vector(q, c) for _, q, c, _ in rows], dtype=float)
    y = np.array([lab for *_, lab in rows], dtype=int)
    counts: dict[str, int] = {}
    for s, *_ in rows:
        counts[s] = counts.get(s, 0) + 1
    w = np.array([min(1.0, SET_WEIGHTS.get(s, SET_WEIGHT) / counts[s]) for s, *_ in rows])
    n = len(FEATURE_NAMES)
    active = [i for i, f in enumerate(FEATURE_NAMES) if f not in FIXED_COEFFICIENTS and x[:, i].std() > 0]
    while True:
        coef, intercept, scaler = _fit(x, y, w, active)
        wrong = [i for i, c in zip(active, coef, strict=True) if SIGNS.get(FEATURE_NAMES[i], 0) * c < 0]
        if not wrong:
            break
        active = [i for i in active if i not in wrong]
    feats = []
    for i, name in enumerate(FEATURE_NAMES):
        entry = {"name": name, "coefficient": 0.0, "mean": 0.0, "scale": 1.0, "learned": False}
        if i in active:
            j = active.index(i)
            entry |= {"coefficient": float(coef[j]), "mean": float(scaler.mean_[j])}
            entry |= {"scale": float(scaler.scale_[j]), "learned": True}
        elif name in FIXED_COEFFICIENTS:
            entry["coefficient"] = FIXED_COEFFICIENTS[name]
        feats.append(entry)
    assert len(feats) == n
    return {"features": feats, "intercept": intercept, "training_counts": counts}


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
    artefact: dict[str, object] = {"name": "match-v1", "model": "StandardScaler + LogisticRegression(C=1)"}
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
