"""Open-set false alarms (protocol C): innocent names screened against a list.

Persons: yente's innocent names against the UN list names. They are split like the pair sets, by
``sha1("yente_screening_fixtures|" + casefold(name))`` (first byte mod 10 < 3 -> dev): the dev half may
constrain the threshold, the test half is reported.

Companies: no externally written company negatives exist (the SEC names may be listed today), so
synthetic company names from Faker (10 locales, a fixed seed, and separately 8 locales of sourcing
countries) are screened against the bundled reference snapshot. They are never used to choose
anything; they only report the alert load.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from reference_data import load_snapshot
from reference_data.models import ListEntity
from scoring import evalsets
from scoring.features import make_side
from scoring.matcher import Matcher
from scoring.model import MatchModel
from scoring.types import SupplierRecord

FILES = ("negatives_global_1000.csv", "negatives_us_1000.csv")
FLOOR = 0.05  # candidate scores below this never matter for any threshold on the grid


def _names(path: Path, column: str = "full_name") -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [r[column] for r in csv.DictReader(fh) if r.get(column, "").strip()]


def split_of_name(name: str) -> str:
    """Return the split of one yente negative name."""
    return evalsets.split_of(f"yente_screening_fixtures|{name.casefold()}")


@cache
def _un_names(root: Path) -> tuple[str, ...]:
    return tuple(_names(root / "eval/raw/yente_screening_fixtures/positives_un_untreated.csv"))


def negatives(root: Path, split: str) -> dict[str, list[str]]:
    """Return the innocent names of the split, per negatives file."""
    folder = root / "eval/raw/yente_screening_fixtures"
    return {f: [n for n in _names(folder / f) if split_of_name(n) == split] for f in FILES}


def _matcher(root: Path, model: MatchModel) -> Matcher:
    listed = _un_names(root)
    return Matcher([ListEntity(f"un:{i}", "un", n) for i, n in enumerate(listed)], model)


def candidate_scores(root: Path, model: MatchModel, split: str = "dev") -> list[list[float]]:
    """Per innocent query of the split: the scores (>= FLOOR) of every listed person it is compared with."""
    matcher = _matcher(root, model)
    out = []
    for names in negatives(root, split).values():
        for q in names:
            best = matcher.score(make_side(q), matcher.candidates(q))
            out.append([v[1].probability for v in best.values() if v[1].probability >= FLOOR])
    return out


def false_alarms(root: Path, model: MatchModel, split: str = "test") -> list[tuple[str, int, int, float]]:
    """Per negatives file: (file, queries, queries with an alert, alerts per 1,000 queries)."""
    matcher = _matcher(root, model)
    out = []
    for name, queries in negatives(root, split).items():
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


COMPANY_LOCALES = ("en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "pt_BR", "zh_CN", "ja_JP", "it_IT", "nl_NL")
# Countries suppliers are screened from (South and South-East Asia, Korea, Taiwan, Turkey), reported as
# a second group so the first keeps its earlier number: their legal forms, scripts and romanisations
# are where the matcher's tables grew (docs/matching.md, rounds 13-19).
SOURCING_LOCALES = ("ko_KR", "zh_TW", "vi_VN", "th_TH", "id_ID", "en_IN", "bn_BD", "tr_TR")


def synthetic_companies(
    per_locale: int = 100, seed: int = 4242, locales: Sequence[str] = COMPANY_LOCALES
) -> list[str]:
    """Return Faker company names, `per_locale` from each of `locales` (needs the dev extra)."""
    from faker import Faker  # the evaluation runs from a development install only

    names: list[str] = []
    for locale in locales:
        fake = Faker(locale)
        fake.seed_instance(seed)
        names += [fake.company() for _ in range(per_locale)]
    return names


def snapshot_matcher(model: MatchModel) -> Matcher:
    """Return a matcher over the bundled reference snapshot, to screen synthetic companies against."""
    return Matcher(list(load_snapshot().entities), model)


def company_false_alarms(
    matcher: Matcher, per_locale: int = 100, locales: Sequence[str] = COMPANY_LOCALES
) -> tuple[int, int, float, list[str]]:
    """Screen synthetic company names with `matcher` (`snapshot_matcher`): (queries, with an alert, alerts
    per 1,000 queries, one line per alert)."""
    names = synthetic_companies(per_locale, locales=locales)
    total, lines = 0, []
    for q in names:
        found = [m for m in matcher.match(SupplierRecord(name=q), 50) if m.is_match]
        total += len(found)
        lines += [f"`{q}` -> `{m.entity.name}` ({m.entity.source_id}, {m.score:.2f})" for m in found]
    flagged = len({line.split("` ->")[0] for line in lines})
    return len(names), flagged, 1000 * total / max(len(names), 1), lines
