"""Calibration: how often pairs given a score are matches (reliability bins, Brier score, ECE)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sklearn.metrics import brier_score_loss

from scoring.evaluation.metrics import Scored


@dataclass(frozen=True, slots=True)
class Bin:
    """Pairs whose score falls in [low, high): how many, their mean score and the share that match."""

    low: float
    high: float
    n: int
    mean_score: float
    match_rate: float


def reliability(scored: Scored, bins: int = 5) -> list[Bin]:
    """Split scores in [0, 1] into `bins` equal-width bins (a score of 1 joins the last) and summarise
    each non-empty one."""
    if bins < 1:
        raise ValueError("bins must be at least 1")
    groups: list[list[tuple[float, bool]]] = [[] for _ in range(bins)]
    for score, label in scored:
        groups[min(int(score * bins), bins - 1)].append((score, label))
    return [
        Bin(i / bins, (i + 1) / bins, len(g), sum(s for s, _ in g) / len(g), sum(y for _, y in g) / len(g))
        for i, g in enumerate(groups)
        if g
    ]


def expected_calibration_error(scored: Scored, bins: int = 5) -> float:
    """Return the pair-weighted mean gap between a bin's mean score and its match rate (0 = calibrated)."""
    n = len(scored)
    return sum(b.n / n * abs(b.mean_score - b.match_rate) for b in reliability(scored, bins)) if n else 0.0


def brier(scored: Scored) -> float:
    """Return the Brier score: the mean squared gap between score and outcome (0 best, 1 worst)."""
    if not scored:
        return 0.0
    return float(brier_score_loss([y for _, y in scored], [s for s, _ in scored]))


def summary(scored: Sequence[tuple[float, bool]], bins: int = 5) -> dict[str, float]:
    """Return n, the share of matches, the mean score, the Brier score and the ECE of scored pairs."""
    n = len(scored)
    return {
        "n": float(n),
        "match_share": sum(y for _, y in scored) / n if n else 0.0,
        "mean_score": sum(s for s, _ in scored) / n if n else 0.0,
        "brier": brier(scored),
        "ece": expected_calibration_error(scored, bins),
    }
