"""Choose the shipped match threshold on the dev split, by a fixed rule, and measure its stability.

Dev pool (dev rows only): name_bench, entity_checks and OpenSanctions org-like pairs, and OFAC alias
positives with their index-mined hard negatives (five per alias). Each set carries the same total
weight, so no set dominates by size. (The enzh phonetic pairs are left out: almost none reach any
threshold, so they only lower every threshold's recall alike.) Open-set constraint: the dev half of
yente's innocent person names (split by ``sha1("yente_screening_fixtures|" + casefold(name))``, the
pair-set rule on one name) screened against the UN list names.

Rule: among thresholds 0.05..0.95 (step 0.01) whose pooled dev precision is at least MIN_PRECISION
and whose open-set alert rate is at most MAX_ALERTS per 1,000 innocent queries, take the one with the
highest pooled F2 (recall weighted: a missed listed supplier is worse than an extra alert); ties go to
the higher threshold. Stability: the rule re-applied on bootstrap resamples of every set's rows.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

import numpy as np

GRID = np.round(np.arange(0.05, 0.951, 0.01), 2)
MIN_PRECISION = 0.80  # pooled, set-weighted dev precision: at most one alert in five false on hard pairs
MAX_ALERTS = 50.0  # alerts per 1,000 innocent dev queries
Scored = Sequence[tuple[float, bool]]


def curves(pool: Mapping[str, Scored], open_set: Sequence[Sequence[float]]) -> dict[str, np.ndarray]:
    """Return set-weighted precision, recall, F1, F2 and open-set alerts per 1,000 at every GRID value."""
    tp = np.zeros(len(GRID))
    fp = np.zeros(len(GRID))
    fn = np.zeros(len(GRID))
    for rows in pool.values():
        if not rows:
            continue
        s = np.array([r[0] for r in rows])[:, None]
        y = np.array([r[1] for r in rows], dtype=bool)[:, None]
        w = 1.0 / len(rows)  # every set weighs the same in the pool
        hit = s >= GRID[None, :]
        tp += w * (hit & y).sum(axis=0)
        fp += w * (hit & ~y).sum(axis=0)
        fn += w * (~hit & y).sum(axis=0)
    p = np.divide(tp, tp + fp, out=np.zeros_like(tp), where=tp + fp > 0)
    r = np.divide(tp, tp + fn, out=np.zeros_like(tp), where=tp + fn > 0)
    f1 = np.divide(2 * p * r, p + r, out=np.zeros_like(p), where=p + r > 0)
    f2 = np.divide(5 * p * r, 4 * p + r, out=np.zeros_like(p), where=p + r > 0)
    alerts = np.zeros(len(GRID))
    for scores in open_set:
        alerts += (np.array(scores)[:, None] >= GRID[None, :]).sum(axis=0) if len(scores) else 0.0
    alerts *= 1000.0 / max(len(open_set), 1)
    return {"precision": p, "recall": r, "f1": f1, "f2": f2, "alerts": alerts}


def apply_rule(c: Mapping[str, np.ndarray]) -> int:
    """Return the GRID index the rule picks (best F2 among feasible; else the most precise feasible-alert
    threshold; else the highest)."""
    feasible = (c["precision"] >= MIN_PRECISION) & (c["alerts"] <= MAX_ALERTS)
    if feasible.any():
        best = np.where(feasible, c["f2"], -1.0)
        return int(np.flatnonzero(best >= best.max() - 1e-12)[-1])
    quiet = c["alerts"] <= MAX_ALERTS
    if quiet.any():
        return int(np.argmax(np.where(quiet, c["precision"], -1.0)))
    return len(GRID) - 1


def choose(
    pool: Mapping[str, Scored], open_set: Sequence[Sequence[float]], resamples: int = 200, seed: int = 11
) -> dict[str, object]:
    """Apply the rule; return the threshold, its dev metrics and its bootstrap distribution."""
    c = curves(pool, open_set)
    i = apply_rule(c)
    rng = random.Random(seed)
    picks = []
    for _ in range(resamples):
        sample = {k: [v[rng.randrange(len(v))] for _ in v] for k, v in pool.items() if v}
        negs = [open_set[rng.randrange(len(open_set))] for _ in open_set] if open_set else []
        picks.append(float(GRID[apply_rule(curves(sample, negs))]))
    picks.sort()

    def q(f: float) -> float:
        return picks[min(int(f * len(picks)), len(picks) - 1)] if picks else float(GRID[i])

    return {
        "threshold": float(GRID[i]),
        "dev": {k: round(float(v[i]), 4) for k, v in c.items()},
        "per_set_rows": {k: len(v) for k, v in pool.items()},
        "open_set_queries": len(open_set),
        "bootstrap": {"resamples": resamples, "p05": q(0.05), "median": q(0.5), "p95": q(0.95)},
    }
