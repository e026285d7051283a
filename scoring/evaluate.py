"""Evaluate the matcher on the shared held-out sets and write docs/accuracy.md.

Run ``python -m scoring.evaluate [OUT.md]`` (or ``flscreen evaluate``). The work is done by the
``scoring.evaluation`` package; this module is the entry point and keeps the old import names.
"""

from __future__ import annotations

import sys

from scoring.evaluation.metrics import (
    RankResult,
    bootstrap,
    choose_threshold,
    f_beta,
    metrics,
    pair_counts,
    rank_of,
    summarise_ranks,
)
from scoring.evaluation.pairs import best_probability, naive_score
from scoring.evaluation.ranking import ofac_ranking
from scoring.evaluation.report import main, report

__all__ = [
    "RankResult",
    "best_probability",
    "bootstrap",
    "choose_threshold",
    "f_beta",
    "main",
    "metrics",
    "naive_score",
    "ofac_ranking",
    "pair_counts",
    "rank_of",
    "report",
    "summarise_ranks",
]

if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
