"""Evaluate the matcher on the shared held-out sets and write docs/accuracy.md.

Implements the protocol of ``<shared>/eval/README.md``: per set and split, precision, recall, F1, F2 with
1,000-resample bootstrap intervals (seed 20240601) and average precision, against a naive token-sort
baseline and nomenklatura's frozen logic-v2 scores; the OFAC leave-one-out ranking over organisation
records; legal-form agreement with cleanco, rigour and Watchman; cross-script slices.
Run ``python -m scoring.evaluate`` (or ``flscreen evaluate``).
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz
from sklearn.metrics import average_precision_score

from scoring import evalsets
from scoring.features import feature_vector, make_side
from scoring.model import MatchModel

SEED = 20240601
Scored = list[tuple[float, bool]]


def pair_counts(scored: Sequence[tuple[float, bool]], t: float) -> dict[str, int]:
    """Count TP, FP, FN, TN at threshold t (match iff score >= t)."""
    c = {"tp": 0, "fp": 0, "fn": 0, "tn": 0, "n": len(scored)}
    for s, y in scored:
        c[("tp" if y else "fp") if s >= t else ("fn" if y else "tn")] += 1
    return c


def f_beta(c: dict[str, int], beta: float) -> float:
    """Return F-beta from counts (0 when undefined)."""
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    return (1 + beta**2) * p * r / (beta**2 * p + r) if p + r else 0.0


def metrics(scored: Sequence[tuple[float, bool]], t: float) -> dict[str, float]:
    """Return P, R, F1, F2 at t, average precision and the counts."""
    c = pair_counts(scored, t)
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    labels = [y for _, y in scored]
    ap = (
        average_precision_score(labels, [s for s, _ in scored])
        if 0 < sum(labels) < len(labels)
        else float("nan")
    )
    return {"p": p, "r": r, "f1": f_beta(c, 1), "f2": f_beta(c, 2), "ap": float(ap), **c}


def bootstrap(
    scored: Sequence[tuple[float, bool]], t: float, n: int = 1000
) -> dict[str, tuple[float, float]]:
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


def metrics_fast(scored: Sequence[tuple[float, bool]], t: float) -> dict[str, float]:
    """Return P, R, F1, F2 only (for bootstrap resamples)."""
    c = pair_counts(scored, t)
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    return {"p": p, "r": r, "f1": f_beta(c, 1), "f2": f_beta(c, 2)}


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


def choose_threshold(scored: Sequence[tuple[float, bool]], beta: float = 2.0) -> float:
    """Return the threshold in 0.05..0.95 maximising F-beta (ties: the higher threshold)."""
    grid = [round(0.05 + 0.01 * i, 2) for i in range(91)]
    return max(grid, key=lambda t: (round(f_beta(pair_counts(scored, t), beta), 9), t))


@dataclass(frozen=True, slots=True)
class SetResult:
    """Metrics of one system on one set and split (optionally one slice)."""

    set_name: str
    split: str
    system: str
    threshold: float
    m: dict[str, float]
    ci: dict[str, tuple[float, float]]


def evaluate_pairs(
    name: str,
    pairs: Sequence[evalsets.Pair],
    systems: dict[str, tuple[Callable[[evalsets.Pair], float], float]],
) -> list[SetResult]:
    """Score `pairs` with every system and report dev and test separately."""
    out = []
    for split in ("dev", "test"):
        rows = [p for p in pairs if p.split == split]
        if not rows:
            continue
        for system, (fn, t) in systems.items():
            scored = [(fn(p), p.label) for p in rows]
            out.append(SetResult(name, split, system, t, metrics(scored, t), bootstrap(scored, t)))
    return out


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


def rank_of(gold: str, scores: dict[str, float]) -> int:
    """Return the pessimistic rank of `gold` (after every record with an equal score); 10**6 if absent."""
    if gold not in scores:
        return 10**6
    g = scores[gold]
    return 1 + sum(1 for k, s in scores.items() if k != gold and s >= g)


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


def ofac_ranking(
    root: Path, model: MatchModel, split: str, sample: int | None = None
) -> tuple[list[RankResult], float]:
    """Leave-one-out ranking of OFAC organisation aliases; return slices and seconds per query."""
    from reference_data.models import ListEntity
    from scoring.matcher import Matcher

    names, queries = evalsets.ofac(root)
    ents = sorted(names)
    entities = [ListEntity(f"ofac:{e}", "ofac_eval", names[e][0], tuple(names[e][1:])) for e in ents]
    matcher = Matcher(entities, model)
    pos = {e: i for i, e in enumerate(ents)}
    primaries: dict[str, int] = {}
    for e in ents:
        primaries[names[e][0]] = primaries.get(names[e][0], 0) + 1
    qs = [q for q in queries if q.split == split]
    if sample is not None:
        qs = qs[:: max(1, len(qs) // sample)][:sample]
    seen: dict[str, int] = {}
    rows: dict[str, list[tuple[int, float, int]]] = {}
    start = time.perf_counter()
    for q in qs:
        ei = pos[q.ent_num]
        seen[q.ent_num] = seen.get(q.ent_num, 0) + 1
        ni = [i for i, n in enumerate(names[q.ent_num]) if i > 0 and n == q.query][0]
        side = make_side(q.query)
        cands = matcher.candidates(q.query) - {(ei, ni)}  # leave the query alias itself out
        best = matcher.score(side, cands)
        scores = {ents[k]: v[1].probability for k, v in best.items()}
        gold = scores.get(q.ent_num, 0.0)
        r = rank_of(q.ent_num, scores)
        alerts = sum(1 for k, s in scores.items() if k != q.ent_num and s >= model.threshold)
        for tag in _ofac_tags(q, primaries):
            rows.setdefault(tag, []).append((r, gold, alerts))
    per_query = (time.perf_counter() - start) / max(len(qs), 1)
    return [summarise_ranks(k, v, model.threshold) for k, v in sorted(rows.items())], per_query


_ROMANISED_CHINESE = ("youxian", "gongsi", "zhongguo", "jituan", "keji", "maoyi", "zeren", "gufen")


def _ofac_tags(q: evalsets.OfacAlias, primaries: dict[str, int]) -> list[str]:
    """Return the slices an OFAC query belongs to."""
    tags = ["all", "aka" if q.alt_type == "aka" else "fka/nka"]
    if any(w in q.query.casefold() for w in _ROMANISED_CHINESE):
        tags.append("Chinese romanisation tokens")
    if q.query in primaries:
        tags.append("alias = another record's primary name")
    return tags


def legal_form_agreement(root: Path, model: MatchModel) -> list[tuple[str, int, int, int, int, list[str]]]:
    """Per source: (source, cases, core agrees, positive pairs, pairs >= threshold, disagreements)."""
    from scoring.normalize import fold, parse_name

    out: dict[str, list[int]] = {}
    diffs: dict[str, list[str]] = {}
    for source, given, expected, note in evalsets.legal_form_cases(root):
        stats = out.setdefault(source, [0, 0, 0, 0])
        stats[0] += 1
        agrees = parse_name(given).key == " ".join(parse_name(expected).core if expected else ())
        agrees = agrees or " ".join(fold(expected)) == parse_name(given).folded
        stats[1] += agrees
        if not agrees:
            diffs.setdefault(source, []).append(
                f"{given!r} -> ours {parse_name(given).key!r}, ref {expected!r}"
                + (f" ({note})" if note else "")
            )
        if expected.strip() and expected.strip() != given.strip():
            stats[2] += 1
            p = evalsets.Pair(source, (given,), (expected,), True, "test")
            stats[3] += best_probability(model, p) >= model.threshold
    return [(k, *v, diffs.get(k, [])) for k, v in out.items()]  # type: ignore[misc]


def _fmt(m: dict[str, float], ci: dict[str, tuple[float, float]]) -> str:
    cells = [f"{m[k]:.3f} [{ci[k][0]:.2f}-{ci[k][1]:.2f}]" for k in ("p", "r", "f1", "f2")]
    counts = f"{m['tp']:.0f}/{m['fp']:.0f}/{m['fn']:.0f}/{m['tn']:.0f}"
    return f"{m['n']:.0f} | {counts} | " + " | ".join(cells) + f" | {m['ap']:.3f}"


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


def _non_latin(p: evalsets.Pair) -> bool:
    from scoring.normalize import parse_name

    return any(parse_name(n).script not in ("latin", "none") for n in (*p.names1[:1], *p.names2[:1]))


def report(root: Path, model: MatchModel) -> str:
    """Run every section of the protocol and return the Markdown report."""
    t = model.threshold
    sets = pair_sets(root)
    dev_pool = [
        p
        for k in ("name_bench org-like", "entity_checks org-like", "opensanctions_pairs org-like")
        for p in sets[k]
        if p.split == "dev"
    ]
    naive_t = choose_threshold([(naive_score(p), p.label) for p in dev_pool], beta=1.0)
    lv2 = evalsets.logicv2_scores(root)
    lines = [
        "# Matching accuracy",
        "",
        "Generated by `python -m scoring.evaluate` (same as `flscreen evaluate`); do not edit by hand.",
        "",
        f"- date: {time.strftime('%Y-%m-%d')}; matcher: `{model.version}`; threshold: **{t:.2f}**",
        f"- threshold rule: {model.meta.get('threshold_rule', '')} (chosen on dev, frozen before test)",
        f"- training: {model.meta.get('training', {}).get('rows', '?')} dev-split pairs, sha256 "
        f"`{str(model.meta.get('training', {}).get('sha256', ''))[:16]}...`; eval data: `<shared>/eval/raw` "
        "(split rule in scoring/evalsets.py)",
        f"- baselines on the same rows: naive token-sort ratio (threshold {naive_t:.2f}, chosen on the same "
        "dev pool by F1) and nomenklatura logic-v2 frozen scores (name_bench only, threshold 0.7, "
        "its harness default)",
        "- cells: value [95% bootstrap interval, 1,000 resamples, fixed seed]; counts are TP/FP/FN/TN",
        "",
        "## A. Pairwise verification",
        "",
        "| set | split | system | n | TP/FP/FN/TN | precision | recall | F1 | F2 | AP |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    headline: dict[str, float] = {}
    for name, pairs in sets.items():
        systems: dict[str, tuple[Callable[[evalsets.Pair], float], float]] = {
            "flscreen": (lambda p: best_probability(model, p), t),
            "naive token-sort": (naive_score, naive_t),
        }
        if name.startswith("name_bench"):
            systems["logic-v2 (frozen)"] = (
                lambda p: lv2.get((p.tags["schema"], p.names1[0], p.names2[0]), -1),
                0.7,
            )
        for r in evaluate_pairs(name, pairs, systems):
            rows = r.m
            if r.system == "logic-v2 (frozen)":
                note = " (joinable rows only; missing rows count as non-matches)"
            else:
                note = ""
            lines.append(f"| {name}{note} | {r.split} | {r.system} | {_fmt(rows, r.ci)} |")
            if r.system == "flscreen" and r.split == "test":
                headline[name] = rows["f1"]
    lines += [
        "",
        "### Slices (flscreen, test split)",
        "",
        "| set | slice | n | TP/FP/FN/TN | P | R | F1 | F2 | AP |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name in (
        "name_bench org-like",
        "opensanctions_pairs org-like",
        "company_name_matcher test_data (test-only)",
    ):
        test_rows = [p for p in sets[name] if p.split == "test"]
        slices: dict[str, list[evalsets.Pair]] = {}
        for p in test_rows:
            slices.setdefault("non-Latin script on a side" if _non_latin(p) else "Latin only", []).append(p)
            if "quality" in p.tags:
                slices.setdefault(f"quality {p.tags['quality']}", []).append(p)
        for sl, rows_ in sorted(slices.items()):
            scored = [(best_probability(model, p), p.label) for p in rows_]
            lines.append(f"| {name} | {sl} | {_fmt(metrics(scored, t), bootstrap(scored, t, 200))} |")
    lines += _ofac_section(root, model) + _enzh_section(root, model) + _legal_section(root, model)
    lines += _errors_section(model, sets)
    lines += ["", "## Targets (issue 3, test split)", "", "| target | reached |", "|---|---|"]
    lines.append(f"| name_bench org-like F1 >= 0.93 | {headline.get('name_bench org-like', 0):.3f} |")
    lines.append(
        f"| company_name_matcher F1 >= 0.95 | "
        f"{headline.get('company_name_matcher test_data (test-only)', 0):.3f} |"
    )
    lines.append("| OFAC org top-1 >= 0.75, recall@10 >= 0.85 | see section B (test, all) |")
    return "\n".join(lines) + "\n"


def _ofac_section(root: Path, model: MatchModel) -> list[str]:
    lines = [
        "",
        "## B. OFAC organisation aliases: leave-one-out ranking",
        "",
        "Index: primary name and aliases of every `sdn_type == entity` record; each organisation alias is a "
        "query with itself left out of the index. All queries of the split are run (no sampling). Ties are "
        "pessimistic. Hit rate = gold scored >= threshold; alerts = mean non-gold records >= threshold.",
        "",
        "| split | slice | queries | top-1 | recall@5 | recall@10 | MRR | hit rate | alerts/query |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for split in ("dev", "test"):
        results, per_query = ofac_ranking(root, model, split)
        for r in results:
            lines.append(
                f"| {split} | {r.slice_name} | {r.n} | {r.top1:.3f} | {r.recall5:.3f} | {r.recall10:.3f} | "
                f"{r.mrr:.3f} | {r.hit_rate:.3f} | {r.alerts:.2f} |"
            )
        lines.append(f"| {split} | (time per query, ms) | | {1000 * per_query:.1f} | | | | | |")
    return lines


def _enzh_section(root: Path, model: MatchModel) -> list[str]:
    from reference_data.models import ListEntity
    from scoring.matcher import Matcher

    pairs = evalsets.enzh(root)
    english = sorted({p.names2[0] for p in pairs})
    sec = []
    with (root / "eval/raw/cleanco_legal_forms/sec_foreign_registrants_2002.csv").open(
        encoding="utf-8"
    ) as fh:
        sec = [line.split(";")[0].strip() for line in fh if line.strip()]
    names = english + [n for n in sec if n not in set(english)]
    matcher = Matcher([ListEntity(f"e:{i}", "enzh", n) for i, n in enumerate(names)], model)
    lines = [
        "",
        "## enzh: Chinese name -> 338 English names + 1,320 SEC distractors",
        "",
        "| split | slice | queries | top-1 | recall@10 | positives >= threshold |",
        "|---|---|---|---|---|---|",
    ]
    for split in ("dev", "test"):
        rows: dict[str, list[tuple[int, float]]] = {}
        for p in (p for p in pairs if p.split == split):
            gold = f"e:{english.index(p.names2[0])}"
            side = make_side(p.names1[0])
            best = matcher.score(side, matcher.candidates(p.names1[0]))
            scores = {matcher.entities[k].entity_id: v[1].probability for k, v in best.items()}
            for tag in ("all", p.tags["pronun"]):
                rows.setdefault(tag, []).append((rank_of(gold, scores), best_probability(model, p)))
        for tag, vals in sorted(rows.items()):
            n = len(vals)
            lines.append(
                f"| {split} | {tag} | {n} | {sum(r == 1 for r, _ in vals) / n:.3f} | "
                f"{sum(r <= 10 for r, _ in vals) / n:.3f} | "
                f"{sum(s >= model.threshold for _, s in vals) / n:.3f} |"
            )
    return lines


def _legal_section(root: Path, model: MatchModel) -> list[str]:
    lines = [
        "",
        "## D. Legal-form handling (test-only reference cases)",
        "",
        "Agreement: our core name equals the reference's expected output after folding. Pairs: (input, "
        "expected output) read as a positive pair, scored by the matcher.",
        "",
        "| source | cases | core agrees | positive pairs | pairs >= threshold |",
        "|---|---|---|---|---|",
    ]
    details: list[str] = []
    for source, n, agree, npairs, hits, diffs in legal_form_agreement(root, model):
        lines.append(f"| {source} | {n} | {agree} | {npairs} | {hits} |")
        details += [f"- {source}: {d}" for d in diffs]
    return lines + [
        "",
        "Disagreements (reference quirks flagged in its `note` column are acceptable):",
        "",
        *details,
    ]


def _errors_section(model: MatchModel, sets: dict[str, list[evalsets.Pair]]) -> list[str]:
    lines = ["", "## Test rows the matcher gets wrong (compare with the previous run to see changes)", ""]
    for name in ("name_bench org-like", "company_name_matcher test_data (test-only)"):
        for p in sets[name]:
            if p.split != "test":
                continue
            s = best_probability(model, p)
            if (s >= model.threshold) != p.label:
                kind = "FN" if p.label else "FP"
                lines.append(f"- {name}: {kind} {s:.2f} `{p.names1[0]}` / `{p.names2[0]}`")
    return lines


def main(argv: Sequence[str] = ()) -> int:
    """Run the whole evaluation and write docs/accuracy.md."""
    root = evalsets.shared_dir()
    if not (root / "eval").is_dir():
        sys.stderr.write(f"shared evaluation folder not found at {root} (set FLSCREEN_SHARED_DIR)\n")
        return 2
    out = Path(argv[0]) if argv else Path(__file__).resolve().parents[1] / "docs" / "accuracy.md"
    start = time.perf_counter()
    text = report(root, MatchModel.load())
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    sys.stdout.write(f"wrote {out} in {time.perf_counter() - start:.0f} s\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
