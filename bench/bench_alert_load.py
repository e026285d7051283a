"""Alert load of the shipped match model against a previous artefact, on the same list and queries.

    python bench/bench_alert_load.py --previous old-match-v1.json --fill series_conflict=-6

The list is `bench_index.py`'s (bundled entity names plus Faker names, seed 767); the queries are its
perturbed list names and Faker names not on the list. For each model the script counts the queries
with at least one name at or above that model's threshold, the alerted names, and how many perturbed
queries find the name they were made from at or above the threshold (`source_alerted`). A previous artefact
written before a feature existed is scored by this code with the missing feature at the coefficient
given by `--fill` (default 0), so the comparison is of weights and thresholds, not of old code.
(`git show <commit>:scoring/artifacts/match-v1.json > old-match-v1.json` gives a previous artefact.)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench_index import generate_names, make_queries

from reference_data.models import ListEntity
from scoring.features import FEATURE_NAMES, make_side
from scoring.matcher import Matcher
from scoring.model import MatchModel


def previous_model(path: Path, fill: dict[str, float]) -> MatchModel:
    """Load an older artefact, adding features it lacks at the given coefficients."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    by_name = {f["name"]: f for f in data["features"]}
    data["features"] = [
        by_name.get(n) or {"name": n, "coefficient": fill.get(n, 0.0), "mean": 0.0, "scale": 1.0}
        for n in FEATURE_NAMES
    ]
    return MatchModel.from_dict(data, digest="previous", any_revision=True)


def alert_load(
    matcher: Matcher, model: MatchModel, queries: Sequence[str], sources: Sequence[int] = ()
) -> dict[str, int]:
    """Count queries with an alert and alerted names; with `sources` (the list position each query was
    made from), also the queries whose source name alerts."""
    with_alert = names = found_source = 0
    for i, q in enumerate(queries):
        best = matcher.score(make_side(q), matcher.candidates(q))
        n = sum(1 for found in best.values() if found[1].probability >= model.threshold)
        with_alert += n > 0
        names += n
        if sources and sources[i] in best:
            found_source += best[sources[i]][1].probability >= model.threshold
    out = {"queries": len(queries), "queries_with_alert": with_alert, "alerted_names": names}
    return out | ({"source_alerted": found_source} if sources else {})


def main(argv: Sequence[str] | None = None) -> int:
    """Run the comparison and print one JSON object."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--previous", type=Path, required=True, help="an older match-v1.json")
    ap.add_argument("--fill", action="append", default=[], help="feature=coefficient for missing features")
    ap.add_argument("--names", type=int, default=20000)
    ap.add_argument("--queries", type=int, default=400, help="half perturbed, half unrelated")
    args = ap.parse_args(argv)
    fill = {k: float(v) for k, v in (item.split("=", 1) for item in args.fill)}
    names = generate_names(args.names, 767)
    pool = generate_names(args.names + args.queries, 767)[args.names :]
    qs = make_queries(names, args.queries, 99, pool)
    entities = [ListEntity(f"bench:{i}", "bench", n, ()) for i, n in enumerate(names)]
    out: dict[str, object] = {"names": len(names), "command": " ".join(sys.argv)}
    for label, model in (("shipped", MatchModel.load()), ("previous", previous_model(args.previous, fill))):
        matcher = Matcher(entities, model)
        out[label] = {
            "model": model.version,
            "threshold": model.threshold,
            "perturbed": alert_load(matcher, model, qs.perturbed, qs.sources),
            "unrelated": alert_load(matcher, model, qs.unrelated),
        }
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
