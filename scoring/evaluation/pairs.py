"""Pairwise verification (protocol A): score labelled pairs, report dev and test separately."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from scoring import evalsets
from scoring.evaluation.metrics import bootstrap, metrics
from scoring.features import feature_vector, make_side
from scoring.model import MatchModel
from scoring.normalize import parse_name

System = tuple[Callable[[evalsets.Pair], float], float]  # scorer and its threshold
HEADLINE_SETS = ("name_bench org-like", "company_name_matcher test_data (test-only)")


@dataclass(frozen=True, slots=True)
class SetResult:
    """Metrics of one system on one set and split (optionally one slice)."""

    set_name: str
    split: str
    system: str
    threshold: float
    m: dict[str, float]
    ci: dict[str, tuple[float, float]]


def best_probability(model: MatchModel, p: evalsets.Pair) -> float:
    """Score a pair as the best model probability over its name combinations."""
    best = 0.0
    for a in p.names1:
        q = make_side(a, p.country1)
        for b in p.names2:
            best = max(best, model.predict(feature_vector(q, make_side(b, p.country2))).probability)
    return best


def naive_score(p: evalsets.Pair) -> float:
    """Naive baseline: best token-sorted Levenshtein ratio of the casefolded names."""
    return max(fuzz.token_sort_ratio(a.casefold(), b.casefold()) for a in p.names1 for b in p.names2) / 100


def evaluate_pairs(name: str, pairs: Sequence[evalsets.Pair], systems: dict[str, System]) -> list[SetResult]:
    """Score `pairs` with every system and report dev and test separately."""
    out = []
    for split in ("dev", "test"):
        rows = [p for p in pairs if p.split == split]
        for system, (fn, t) in systems.items() if rows else ():
            scored = [(fn(p), p.label) for p in rows]
            out.append(SetResult(name, split, system, t, metrics(scored, t), bootstrap(scored, t)))
    return out


def pair_sets(root: Path) -> dict[str, list[evalsets.Pair]]:
    """Return the pairwise sets of protocol A (org-like first; persons as a secondary set)."""
    nb = evalsets.name_bench(root)
    return {
        "name_bench org-like": nb,
        "name_bench org-like, WEAK rows dropped": [p for p in nb if p.tags.get("quality") != "WEAK"],
        "entity_checks org-like": evalsets.entity_checks(root),
        "opensanctions_pairs org-like": evalsets.opensanctions_pairs(root),
        "company_name_matcher test_data (test-only)": evalsets.company_name_matcher(root),
        "name_bench persons (secondary)": evalsets.name_bench(root, org=False),
    }


def non_latin(p: evalsets.Pair) -> bool:
    """Return True when the first name on either side is written in a non-Latin script."""
    return any(parse_name(n).script not in ("latin", "none") for n in (*p.names1[:1], *p.names2[:1]))


def slices(pairs: Sequence[evalsets.Pair]) -> dict[str, list[evalsets.Pair]]:
    """Group pairs by script, quality tier and whether a side carries a number."""
    out: dict[str, list[evalsets.Pair]] = {}
    for p in pairs:
        out.setdefault("non-Latin script on a side" if non_latin(p) else "Latin only", []).append(p)
        if "quality" in p.tags:
            out.setdefault(f"quality {p.tags['quality']}", []).append(p)
        if any(parse_name(n).numbers for n in (p.names1[0], p.names2[0])):
            out.setdefault("a side carries a number", []).append(p)
    return dict(sorted(out.items()))


def wrong_rows(model: MatchModel, sets: dict[str, list[evalsets.Pair]]) -> list[str]:
    """Return one line per test row of the headline sets the matcher gets wrong."""
    lines = []
    for name in HEADLINE_SETS:
        for p in (p for p in sets[name] if p.split == "test"):
            s = best_probability(model, p)
            if (s >= model.threshold) != p.label:
                kind = "FN" if p.label else "FP"
                lines.append(f"- {name}: {kind} {s:.2f} `{p.names1[0]}` / `{p.names2[0]}`")
    return lines


_ROW = re.compile(r"^- (.+?): (FN|FP) [0-9.]+ (`.*`)$")


def changed_rows(previous: str, current: Sequence[str]) -> tuple[list[str], list[str]]:
    """Compare wrong-row lines with a previous report: (now right, newly wrong), scores ignored."""

    def keys(lines: Sequence[str]) -> dict[tuple[str, str, str], str]:
        found = (_ROW.match(line.strip()) for line in lines)
        return {(m.group(1), m.group(2), m.group(3)): m.group(0) for m in found if m}

    before, after = keys(previous.splitlines()), keys(current)
    fixed = [f"{before[k]} (now right)" for k in before if k not in after]
    broken = [after[k] for k in after if k not in before]
    return fixed, broken
