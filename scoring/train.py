"""Train the match model on the dev split of the shared evaluation sets and write match-v1.json.

Run ``python -m scoring.train`` (shared folder from $FLSCREEN_SHARED_DIR or ../shared). Only dev rows
are read (see scoring.evalsets for the split): training pairs from `scoring.training_data`, the fit in
`scoring.fitting`, the threshold by the rule in `scoring.threshold`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from scoring import evalsets
from scoring.evaluation.open_set import candidate_scores
from scoring.evaluation.pairs import best_probability
from scoring.features import FEATURE_REVISION, feature_vector
from scoring.fitting import FIXED_COEFFICIENTS, MODEL_TEXT, SIGNS, fit_model
from scoring.model import ARTIFACT, MatchModel, resources
from scoring.threshold import MAX_ALERTS, MIN_PRECISION, Scored, choose
from scoring.training_data import Row, digest, training_pairs, training_rows

__all__ = ["SIGNS", "dev_pool", "main"]
THRESHOLD_RULE = (
    "max set-weighted F2 on the pooled dev rows (name_bench, entity_checks, OpenSanctions org-like, "
    "OFAC aliases with hard negatives) "
    f"subject to pooled dev precision >= {MIN_PRECISION:.2f} and <= {MAX_ALERTS:.0f} alerts per 1,000 "
    "innocent dev person names (yente negatives)"
)


def dev_pool(model: MatchModel, pairs: Sequence[evalsets.Pair], rows: Sequence[Row]) -> dict[str, Scored]:
    """Score the dev pool: labelled dev pairs by their best name pair, training rows directly."""
    pool: dict[str, list[tuple[float, bool]]] = {}
    for p in pairs:
        if p.split == "dev":
            pool.setdefault(p.set_name, []).append((best_probability(model, p), p.label))
    for set_name, q, c, label in rows:
        if set_name == "ofac":
            pool.setdefault(set_name, []).append((model.predict(feature_vector(q, c)).probability, label))
    return dict(pool)


def train(root: Path) -> dict[str, object]:
    """Fit on dev, choose the threshold on dev; return the artefact as a JSON object."""
    pair_sets = training_pairs(root)
    rows = training_rows(root)
    fitted = fit_model(rows)
    artefact: dict[str, object] = {
        "name": "match-v1",
        "model": MODEL_TEXT,
        "feature_revision": FEATURE_REVISION,
    }
    artefact |= {"features": fitted["features"], "intercept": fitted["intercept"], "threshold": 0.5}
    model = MatchModel.from_dict(artefact)
    chosen = choose(dev_pool(model, pair_sets, rows), candidate_scores(root, model, "dev"))
    return artefact | {
        "threshold": chosen["threshold"],
        "threshold_rule": THRESHOLD_RULE,
        "created": date.today().isoformat(),
        "resources": resources(),
        "training": {"rows": len(rows), "per_set": fitted["training_counts"], "sha256": digest(rows)},
        "dev_metrics": chosen["dev"],
        "threshold_stability": chosen["bootstrap"],
        "threshold_pool": {"rows": chosen["per_set_rows"], "open_set_queries": chosen["open_set_queries"]},
        "fixed_coefficients": {
            k: f"{v:+.1f} log-odds, prior (not learned)" for k, v in FIXED_COEFFICIENTS.items()
        },
    }


def main(argv: Sequence[str] = ()) -> int:
    """Train on dev, choose the threshold on dev, and write the artefact (or the path in argv[0])."""
    parser = argparse.ArgumentParser(
        prog="python -m scoring.train",
        description="Train the match model on the dev split and write its JSON artefact.",
    )
    parser.add_argument(
        "out", nargs="?", type=Path, default=ARTIFACT, help=f"artefact path (default: {ARTIFACT.name})"
    )
    out: Path = parser.parse_args(list(argv)).out
    root = evalsets.shared_dir()
    if not (root / "eval").is_dir():
        sys.stderr.write(f"shared evaluation folder not found at {root} (set FLSCREEN_SHARED_DIR)\n")
        return 2
    artefact = train(root)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(artefact, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    sys.stdout.write(f"wrote {out} (threshold {artefact['threshold']}, dev {artefact['dev_metrics']})\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
