"""Measure whether the candidate index finds every name the match model would alert on.

Run `python bench/bench_alert_recall.py --help`; the full run (200,000 names, 400 queries, about
20 minutes on two free cores) is `python bench/bench_alert_recall.py`, a quick one is
`python bench/bench_alert_recall.py --names 20000 --queries 60 --verify 6`.

The list is the one `bench_index.py` generates (bundled entity names plus Faker names, cached under
bench/out/), each name a list entity of its own, indexed by `scoring.matcher.Matcher` as the
screener indexes a list. The queries are a sample of `bench_index.py`'s perturbed list names and
unrelated names.

Ground truth. An *alert name* of a query is a list name the match model (read from
`scoring/artifacts/match-v1.json` at run time, names only, no country) scores at or above its
threshold. Scoring every name with the model is too slow in Python (about 70 us a pair), so a
cheap, permissive prefilter runs over all names first and only its survivors are scored: a name
survives when one of its core words is the same word as one of the query's up to a small spelling
difference (`scoring.words.same_word`, the relation the model's word features use), or its compact
form is similar to the query's (`fuzz.ratio` >= `--ratio-cutoff`), or one name is the other's
acronym or bracketed alias. `--verify` queries are also scored against every name with the model,
and the run reports how many of those alerts the prefilter would have lost (it should be none).
Alert names are cached per list, queries and model under bench/out/.

Measures, per index preset (`previous` is the baseline; all presets share the same index arrays):
- alert recall: the share of alert names among the matcher's retrieved candidates (64 hits per
  query key, as `Matcher.candidates` asks, before pre-ranking) and among the candidates it sends to
  the model (after pre-ranking to 40), in score bands and over queries with at most 64 alert names;
- source recall: over all 5,000 perturbed queries whose source list name the model alerts on, how
  often that source is retrieved and sent to the model;
- tie-aware top-10 recall against exhaustive `WRatio` over the matcher's index keys (rank r counts
  as found when the index's r-th hit scores as high), and the literal top-10 by position.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import multiprocessing
import os
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from bench_index import (
    OUT_DIR,
    Queries,
    Truth,
    exhaustive_many,
    generate_names,
    machine_info,
    make_queries,
    measure_recall,
    peak_rss_mb,
    timed,
)
from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler

from reference_data.models import ListEntity
from scoring.candidates import CandidateIndex, IndexOptions
from scoring.features import Side, feature_vector, make_side
from scoring.matcher import CANDIDATES_PER_KEY, Matcher, index_keys
from scoring.model import ARTIFACT, MatchModel
from scoring.words import same_word

PRESETS: dict[str, IndexOptions] = {
    "previous": IndexOptions.previous(),  # before typo words, whole keys and joined words: the baseline
    "typo_words_only": IndexOptions(limit_keys=False, typo_edits=1, joined_words=False),
    "limit_keys_only": IndexOptions(typo_words=False, joined_words=False),
    "joined_words_only": IndexOptions(typo_words=False, limit_keys=False, joined_words=True),
    "typo_keys": IndexOptions(typo_edits=1, joined_words=False),  # c605bcf's defaults
    "typo_keys_joined": IndexOptions(typo_edits=1, joined_words=True),
    "typo2_keys": IndexOptions(typo_edits=2, joined_words=False),
    "typo2_keys_joined": IndexOptions(typo_edits=2, joined_words=True),
    "default": IndexOptions(),
    "thorough": IndexOptions.thorough(),
}
MEASURED = [
    "previous",
    "typo_keys",
    "typo_keys_joined",
    "typo2_keys",
    "typo2_keys_joined",
    "default",
    "thorough",
]
BANDS = (0.0, 0.5, 0.8)  # alert recall is also reported for alerts scoring at least these probabilities
QUERY_POOL = 10_000  # bench_index.py's default query count: the same perturbed and unrelated queries

# Set in the parent before the worker processes fork, so they share them without pickling.
STATE: dict[str, Any] = {}


@dataclass
class Prefilter:
    """Exhaustive, cheap search for the names that could be alert names of a query."""

    sides: list[Side]
    postings: dict[str, list[int]] = field(default_factory=dict)  # core word -> name positions
    long_words: list[str] = field(default_factory=list)  # listed core words of >= 4 letters
    by_short: dict[str, list[int]] = field(default_factory=dict)  # acronym or alias -> positions
    compacts: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        for pos, side in enumerate(self.sides):
            parts = side.parts
            for word in set(parts.core):
                self.postings.setdefault(word, []).append(pos)
            for short in {*parts.acronyms, *parts.aliases, parts.compact}:
                self.by_short.setdefault(short, []).append(pos)
            self.compacts.append(parts.compact)
        self.long_words = [w for w in self.postings if len(w) >= 4]

    def close_words(self, word: str) -> list[str]:
        """Return the listed words `same_word` considers the same as `word` (itself included if listed)."""
        found = [word] if word in self.postings else []
        if len(word) < 4:
            return found
        # Slightly lower cut-offs than same_word's, then its own test decides: no float edge is lost.
        jw = process.extract(
            word, self.long_words, scorer=JaroWinkler.similarity, score_cutoff=0.89, limit=None
        )
        ratio = process.extract(word, self.long_words, scorer=fuzz.ratio, score_cutoff=79, limit=None)
        near = {w for w, _, _ in jw} | {w for w, _, _ in ratio}
        return found + sorted(w for w in near if w != word and same_word(word, w))

    def survivors(self, query: Side, ratio_cutoff: float) -> dict[int, str]:
        """Return the positions that pass the prefilter, each with the reason it passed."""
        parts = query.parts
        out: dict[int, str] = {}
        for word in set(parts.core):
            for near in self.close_words(word):
                out.update(dict.fromkeys(self.postings[near], "word"))
        for short in {*parts.acronyms, *parts.aliases, parts.compact}:
            for pos in self.by_short.get(short, ()):
                out.setdefault(pos, "acronym")
        if parts.compact:
            scores = process.cdist(
                [parts.compact], self.compacts, scorer=fuzz.ratio, score_cutoff=ratio_cutoff
            )[0]
            for pos in np.flatnonzero(scores).tolist():
                out.setdefault(pos, "ratio")
        return out


def _alerts_of(task: tuple[str, bool]) -> tuple[dict[int, float], dict[str, int], int]:
    """Score a query's prefilter survivors (or, exhaustively, every name) with the model.

    Return the alert names (position -> probability), how many alerts passed by each prefilter
    reason ("outside" for exhaustive alerts the prefilter would have lost) and the names scored.
    """
    query, exhaustive = task
    model: MatchModel = STATE["model"]
    prefilter: Prefilter = STATE["prefilter"]
    side = make_side(query)
    passed = prefilter.survivors(side, STATE["ratio_cutoff"])
    positions = range(len(prefilter.sides)) if exhaustive else sorted(passed)
    alerts: dict[int, float] = {}
    reasons: dict[str, int] = {}
    for pos in positions:
        prob = model.predict(feature_vector(side, prefilter.sides[pos])).probability
        if prob >= model.threshold:
            alerts[pos] = prob
            reason = passed.get(pos, "outside")
            reasons[reason] = reasons.get(reason, 0) + 1
    return alerts, reasons, len(positions)


def run_tasks(
    tasks: Sequence[tuple[str, bool]], workers: int
) -> list[tuple[dict[int, float], dict[str, int], int]]:
    """Run `_alerts_of` over tasks in `workers` forked processes (in order)."""
    if workers <= 1:
        return [_alerts_of(t) for t in tasks]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return pool.map(_alerts_of, tasks, chunksize=1)


def load_queries(names: list[str], seed: int) -> Queries:
    """Return bench_index.py's default queries for this list: perturbed list names and unrelated names."""
    pool = generate_names(QUERY_POOL, seed + 99)  # a different seed gives unrelated names
    return make_queries(names, QUERY_POOL, seed, pool)


def sample_queries(queries: Queries, count: int, seed: int) -> tuple[list[str], int]:
    """Return `count` of the queries, perturbed list names first, and how many are perturbed."""
    rng = random.Random(seed + 3)
    perturbed = rng.sample(queries.perturbed, min(count // 2, len(queries.perturbed)))
    unrelated = rng.sample(queries.unrelated, min(count - count // 2, len(queries.unrelated)))
    return perturbed + unrelated, len(perturbed)


def ground_truth(
    queries: list[str], verify: list[str], args: argparse.Namespace
) -> tuple[list[dict[int, float]], dict[str, object]]:
    """Return each query's alert names and a section describing how they were found (cached)."""
    model: MatchModel = STATE["model"]
    digest = hashlib.sha256("\n".join([*queries, "", *verify]).encode()).hexdigest()[:12]
    cache = OUT_DIR / f"alerts-{args.seed}-{args.names}-{model.version}-r{args.ratio_cutoff:g}-{digest}.json"
    if cache.exists():
        saved = json.loads(cache.read_text(encoding="utf-8"))
        return [{int(k): v for k, v in a.items()} for a in saved["alerts"]], saved["section"] | {
            "cached": True
        }
    start = time.perf_counter()
    found = run_tasks([(q, False) for q in queries], args.workers)
    truth_s = time.perf_counter() - start
    reasons: dict[str, int] = {}
    for _, why, _ in found:
        for k, v in why.items():
            reasons[k] = reasons.get(k, 0) + v
    section: dict[str, object] = {
        "model": model.version,
        "threshold": model.threshold,
        "ratio_cutoff": args.ratio_cutoff,
        "queries": len(queries),
        "alert_names": sum(len(a) for a, _, _ in found),
        "alerts_by_prefilter_reason": reasons,
        "names_scored_per_query_mean": round(sum(n for _, _, n in found) / max(len(found), 1)),
        "truth_s": round(truth_s, 1),
    }
    if verify:
        start = time.perf_counter()
        checked = run_tasks([(q, True) for q in verify], args.workers)
        lost = [(q, p) for q, (a, why, _) in zip(verify, checked, strict=True) for p in a if p not in
                STATE["prefilter"].survivors(make_side(q), args.ratio_cutoff)]  # fmt: skip
        section |= {
            "verify_queries": len(verify),
            "verify_alert_names": sum(len(a) for a, _, _ in checked),
            "verify_alerts_lost_by_prefilter": len(lost),
            "verify_lost_examples": [[q, STATE["names"][p]] for q, p in lost[:10]],
            "verify_s": round(time.perf_counter() - start, 1),
        }
    alerts = [a for a, _, _ in found]
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    payload = {"alerts": [{str(k): v for k, v in a.items()} for a in alerts], "section": section}
    cache.write_text(json.dumps(payload), encoding="utf-8")
    return alerts, section


def retrieved(index: CandidateIndex, owners: list[tuple[int, int]], query: str) -> set[int]:
    """Return the entities (= list names here) the matcher retrieves for `query` before pre-ranking."""
    keys = index_keys(query)
    hits = index.search_many(keys, limit=CANDIDATES_PER_KEY) if keys else []
    return {owners[pos][0] for found in hits for pos, _ in found}


def alert_recall(
    alerts: Sequence[dict[int, float]],
    found: Sequence[set[int]],
    kind: str,
    misses: list[list[object]] | None,
    queries: Sequence[str],
) -> dict[str, object]:
    """Return recall of alert names in `found`, per score band, and over queries with <= 64 alerts."""
    out: dict[str, object] = {}
    for band in BANDS:
        hit = total = 0
        for want, got in zip(alerts, found, strict=True):
            names = [p for p, s in want.items() if s >= band]
            total += len(names)
            hit += sum(1 for p in names if p in got)
        label = "" if band == 0 else f">={band:g}"
        out[f"{kind}_alert_recall{label}"] = round(hit / max(total, 1), 4)
        out[f"{kind}_alert_names{label}"] = total
    small = [(w, g) for w, g in zip(alerts, found, strict=True) if len(w) <= CANDIDATES_PER_KEY]
    out[f"{kind}_alert_recall_queries<=64_alerts"] = round(
        sum(len(w.keys() & g) for w, g in small) / max(sum(len(w) for w, _ in small), 1), 4
    )
    out[f"{kind}_queries_all_alerts_found"] = round(
        sum(1 for w, g in zip(alerts, found, strict=True) if w.keys() <= g) / max(len(alerts), 1), 4
    )
    if misses is not None:
        for q, want, got in zip(queries, alerts, found, strict=True):
            misses.extend([q, STATE["names"][p], round(s, 3)] for p, s in want.items() if p not in got)
    return out


def measure_preset(
    matcher: Matcher,
    queries: list[str],
    n_perturbed: int,
    alerts: list[dict[int, float]],
    misses: list[list[object]] | None,
) -> dict[str, object]:
    """Time the matcher's retrieval with its current index and measure alert recall."""
    index, owners = matcher.index, matcher._owners
    query_keys = [index_keys(q) for q in queries]
    elapsed = timed(lambda: [index.search_many(k, limit=CANDIDATES_PER_KEY) for k in query_keys])
    got = [retrieved(index, owners, q) for q in queries]
    sent: list[set[int]] = []
    candidates_s = timed(lambda: sent.extend({ei for ei, _ in matcher.candidates(q)} for q in queries))
    section: dict[str, object] = {
        "ms_per_query_64_per_key": round(elapsed / len(queries) * 1000, 3),
        "ms_per_query_matcher_candidates": round(candidates_s / len(queries) * 1000, 3),
        "retrieved_per_query_mean": round(sum(map(len, got)) / len(got), 1),
    }
    for kind, part in (
        ("all", slice(None)),
        ("perturbed", slice(0, n_perturbed)),
        ("unrelated", slice(n_perturbed, None)),
    ):
        keep = misses if kind == "all" else None
        section |= alert_recall(alerts[part], got[part], f"{kind}_retrieved", keep, queries[part])
        section |= alert_recall(alerts[part], sent[part], f"{kind}_sent_to_model", None, queries[part])
    return section


def source_alerts(names: list[str], pool: Queries) -> list[tuple[str, int]]:
    """Return the perturbed queries whose source list name the model alerts on, with that source."""
    model: MatchModel = STATE["model"]
    out = []
    for query, src in zip(pool.perturbed, pool.sources, strict=True):
        if (
            model.predict(feature_vector(make_side(query), make_side(names[src]))).probability
            >= model.threshold
        ):
            out.append((query, src))
    return out


def measure_sources(matcher: Matcher, sources: list[tuple[str, int]]) -> dict[str, object]:
    """Return how often the source name of an alerted perturbed query is retrieved and sent to the model."""
    found = sent = 0
    for query, src in sources:
        found += src in retrieved(matcher.index, matcher._owners, query)
        sent += src in {ei for ei, _ in matcher.candidates(query)}
    n = max(len(sources), 1)
    return {"source_retrieved": round(found / n, 4), "source_sent_to_model": round(sent / n, 4)}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the measure and write JSON and markdown results under bench/out/."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=200_000, help="size of the indexed name list")
    parser.add_argument("--queries", type=int, default=400, help="queries measured (half perturbed)")
    parser.add_argument("--verify", type=int, default=40, help="queries also scored against every name")
    parser.add_argument("--ratio-cutoff", type=float, default=60.0, help="prefilter fuzz.ratio cut-off")
    parser.add_argument("--seed", type=int, default=76_7, help="seed for names and queries")
    parser.add_argument("--workers", type=int, default=2, help="processes scoring with the model")
    parser.add_argument("--presets", nargs="*", default=MEASURED, choices=list(PRESETS))
    parser.add_argument("--out", type=Path, default=OUT_DIR / "alert_recall.json")
    args = parser.parse_args(argv)
    machine = machine_info() | {"load_average_at_start": os.getloadavg()}
    results: dict[str, Any] = {"config": vars(args) | {"out": str(args.out)}, "machine": machine}
    sections: dict[str, dict[str, object]] = {}
    results["sections"] = sections

    names = generate_names(args.names, args.seed)
    pool = load_queries(names, args.seed)
    queries, n_perturbed = sample_queries(pool, args.queries, args.seed)
    half = args.verify // 2
    verify = queries[:half] + queries[n_perturbed : n_perturbed + args.verify - half]
    model = MatchModel.load()
    start = time.perf_counter()
    matcher = Matcher([ListEntity(f"bench:{i}", "bench", n) for i, n in enumerate(names)], model)
    build_s = time.perf_counter() - start
    sides = [make_side(n) for n in names]
    STATE.update(
        model=model, names=names, ratio_cutoff=args.ratio_cutoff, prefilter=Prefilter(sides), matcher=matcher
    )
    sections["data"] = {
        "names": len(names),
        "queries_perturbed": n_perturbed,
        "queries_unrelated": len(queries) - n_perturbed,
        "model": model.version,
        "model_artifact_sha256": hashlib.sha256(ARTIFACT.read_bytes()).hexdigest()[:12],
        "threshold": model.threshold,
        "matcher_build_s": round(build_s, 1),
    }
    print(json.dumps(sections["data"]), file=sys.stderr)
    alerts, sections["truth"] = ground_truth(queries, verify, args)
    print(json.dumps(sections["truth"]), file=sys.stderr)

    keys = [k for n in names for k in index_keys(n)]  # the matcher's index keys, in its order
    query_keys = [index_keys(q) for q in queries]
    primary = [k[0] if k else "" for k in query_keys]
    top_truth: list[Truth] = []
    truth_s = timed(lambda: top_truth.extend(exhaustive_many(primary, keys, 10)))
    sections["top10_truth"] = {"exhaustive_wratio_s": round(truth_s, 1), "index_keys": len(keys)}
    sources = source_alerts(names, pool)
    sections["source_truth"] = {
        "perturbed_queries": len(pool.perturbed),
        "source_alerted": round(len(sources) / max(len(pool.perturbed), 1), 4),
    }
    base: CandidateIndex = matcher.index
    misses: list[list[object]] = []
    for name in args.presets:
        index = copy.copy(base)
        index.options = PRESETS[name]  # the same arrays; only the search options differ
        matcher.index = index
        index.search_many(primary[:50])  # warm buffers and the typo table
        section = measure_preset(matcher, queries, n_perturbed, alerts, misses if name == "default" else None)
        top10 = [index.search(k, 10)[:10] if k else [] for k in primary]
        recall = measure_recall(top10, top10, top_truth)
        section |= {f"top10_tie_aware{k}": round(v, 4) for k, v in recall.tie_aware.items()}
        section["top10_literal"] = round(recall.exact_ids, 4)
        section |= measure_sources(matcher, sources)
        sections[f"preset_{name}"] = section
        brief = ("ms_per_query_64_per_key", "all_retrieved_alert_recall", "all_sent_to_model_alert_recall")
        print(
            json.dumps({"preset": name} | {k: section[k] for k in (*brief, "source_retrieved")}),
            file=sys.stderr,
        )
    matcher.index = base
    misses.sort(key=lambda m: -float(m[2]))  # type: ignore[arg-type]
    results["misses_default"] = misses
    machine["peak_rss_whole_run_mib"] = round(peak_rss_mb())
    machine["load_average_at_end"] = os.getloadavg()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(json.dumps({k: v for k, v in results.items() if k != "misses_default"}, indent=2))
    print(f"{len(misses)} missed alert names (default preset); the strongest:", file=sys.stderr)
    for m in misses[:20]:
        print("  ", m, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
