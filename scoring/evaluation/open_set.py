"""Open-set false alarms (protocol C): innocent person names screened against the UN list names."""

from __future__ import annotations

import csv
from pathlib import Path

from reference_data.models import ListEntity
from scoring.matcher import Matcher
from scoring.model import MatchModel
from scoring.types import SupplierRecord

FILES = ("negatives_global_1000.csv", "negatives_us_1000.csv")


def _names(path: Path, column: str = "full_name") -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [r[column] for r in csv.DictReader(fh) if r.get(column, "").strip()]


def false_alarms(root: Path, model: MatchModel) -> list[tuple[str, int, int, float]]:
    """Per negatives file: (file, queries, queries with an alert, alerts per 1,000 queries)."""
    folder = root / "eval/raw/yente_screening_fixtures"
    listed = _names(folder / "positives_un_untreated.csv")
    matcher = Matcher([ListEntity(f"un:{i}", "un", n) for i, n in enumerate(listed)], model)
    out = []
    for name in FILES:
        queries = _names(folder / name)
        alerts = [len([m for m in matcher.match(SupplierRecord(name=q), 50) if m.is_match]) for q in queries]
        flagged = sum(1 for a in alerts if a)
        out.append((name, len(queries), flagged, 1000 * sum(alerts) / max(len(queries), 1)))
    return out


def treated_hit_rate(root: Path, model: MatchModel) -> tuple[int, float]:
    """Return (queries, share) of yente's perturbed UN names whose original is found >= threshold."""
    folder = root / "eval/raw/yente_screening_fixtures"
    with (folder / "un_variant_pairs.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    originals = sorted({r["original_name"] for r in rows})
    matcher = Matcher([ListEntity(n, "un", n) for n in originals], model)
    hits = 0
    for r in rows:
        found = matcher.match(SupplierRecord(name=r["treated_name"]), 3)
        hits += any(m.is_match and m.entity.entity_id == r["original_name"] for m in found)
    return len(rows), hits / max(len(rows), 1)
