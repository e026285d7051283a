"""Metrics of the evaluation protocol: counts at a threshold, F-beta, bootstrap intervals, ranks."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sklearn.metrics import average_precision_score

SEED = 20240601  # fixed bootstrap seed, so intervals are reproducible
Scored = Sequence[tuple[float, bool]]


def pair_counts(scored: Scored, t: float) -> dict[str, int]:
    """Count TP, FP, FN, TN at threshold t (match iff score >= t)."""
    c = {"tp": 0, "fp": 0, "fn": 0, "tn": 0, "n": len(scored)}
    for s, y in scored:
        c[("tp" if y else "fp") if s >= t else ("fn" if y else "tn")] += 1
    return c


def _pr(c: dict[str, int]) -> tuple[float, float]:
    """Return (precision, recall) from counts, 0 when undefined."""
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    return p, r


def f_beta(c: dict[str, int], beta: float) -> float:
    """Return F-beta from counts (0 when undefined)."""
    p, r = _pr(c)
    return (1 + beta**2) * p * r / (beta**2 * p + r) if p + r else 0.0


def metrics_fast(scored: Scored, t: float) -> dict[str, float]:
    """Return P, R, F1, F2 only (for bootstrap resamples)."""
    c = pair_counts(scored, t)
    p, r = _pr(c)
    return {"p": p, "r": r, "f1": f_beta(c, 1), "f2": f_beta(c, 2)}


def metrics(scored: Scored, t: float) -> dict[str, float]:
    """Return P, R, F1, F2 at t, average precision and the counts."""
    labels = [y for _, y in scored]
    ap = (
        float(average_precision_score(labels, [s for s, _ in scored]))
        if 0 < sum(labels) < len(labels)
        else float("nan")
    )
    return {**metrics_fast(scored, t), "ap": ap, **pair_counts(scored, t)}


def bootstrap(scored: Scored, t: float, n: int = 1000) -> dict[str, tuple[float, float]]:
    """Return 95% bootstrap intervals of P, R, F1, F2 over rows (fixed seed)."""
    rng = random.Random(SEED)
    samples: dict[str, list[float]] = {"p": [], "r": [], "f1": [], "f2": []}
    for _ in range(n if scored else 0):
        m = metrics_fast([scored[rng.randrange(len(scored))] for _ in scored], t)
        for k in samples:
            samples[k].append(m[k])
    out = {}
    for k, vals in samples.items():
        vals.sort()
        out[k] = (vals[int(0.025 * len(vals))], vals[int(0.975 * len(vals)) - 1]) if vals else (0.0, 0.0)
    return out


def choose_threshold(scored: Scored, beta: float = 2.0) -> float:
    """Return the threshold in 0.05..0.95 maximising F-beta (ties: the higher threshold)."""
    grid = [round(0.05 + 0.01 * i, 2) for i in range(91)]
    return max(grid, key=lambda t: (round(f_beta(pair_counts(scored, t), beta), 9), t))


@dataclass(frozen=True, slots=True)
class RankResult:
    """Ranking metrics of one query slice (leave-one-out over an index of list names)."""

    slice_name: str
    n: int
    top1: float
    recall5: float
    recall10: float
    mrr: float
    hit_rate: float  # gold scored >= threshold
    alerts: float  # mean non-gold records >= threshold per query


def rank_of(gold: str, scores: Mapping[str, float] | Mapping[str, tuple[float, int]]) -> int:
    """Return the pessimistic rank of `gold` (after every record with an equal score); 10**6 if absent.

    A score may be a (probability, names matched) pair, ordered as the matcher orders its results."""
    if gold not in scores:
        return 10**6
    g = scores[gold]
    return 1 + sum(1 for k, s in scores.items() if k != gold and s >= g)  # type: ignore[operator,misc]


def summarise_ranks(name: str, rows: Sequence[tuple[int, float, int]], t: float) -> RankResult:
    """Summarise (rank, gold score, alerts) rows into ranking metrics."""
    n = len(rows) or 1
    return RankResult(
        name,
        len(rows),
        sum(r == 1 for r, _, _ in rows) / n,
        sum(r <= 5 for r, _, _ in rows) / n,
        sum(r <= 10 for r, _, _ in rows) / n,
        sum(1 / r for r, _, _ in rows) / n,
        sum(g >= t for _, g, _ in rows) / n,
        sum(a for _, _, a in rows) / n,
    )
