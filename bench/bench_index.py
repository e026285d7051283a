"""Benchmark the candidate index against exhaustive rapidfuzz WRatio search.

Run `python bench/bench_index.py --help`; a quick run is `python bench/bench_index.py --names 20000`.
Generated name lists are cached under bench/out/ (gitignored), keyed by seed and size.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import platform
import random
import resource
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from anyascii import anyascii
from faker import Faker
from rapidfuzz import fuzz, process

from scoring.candidate_kernels import load_kernels
from scoring.candidates import CandidateIndex, IndexOptions

_EPS = 1e-6  # WRatio scores are floats; equal scores may differ in the last bits
TOP_WIDE = 64  # hits per query the matcher asks the index for (scoring/matcher.py)
OUT_DIR = Path(__file__).resolve().parent / "out"
Hits = list[tuple[int, float]]
LOCALES: tuple[str, ...] = (
    "en_US",
    "en_GB",
    "de_DE",
    "fr_FR",
    "es_ES",
    "it_IT",
    "pt_BR",
    "nl_NL",
    "pl_PL",
    "tr_TR",
)
LOCALES += ("ru_RU", "zh_CN", "ja_JP", "ko_KR", "vi_VN", "id_ID", "en_IN")
# Sector words seen in forced-labour enforcement lists, to vary the generated names.
SECTORS: tuple[str, ...] = (
    "textile",
    "cotton",
    "garment",
    "apparel",
    "polysilicon",
    "solar",
    "seafood",
    "fishing",
)
SECTORS += ("trading", "logistics", "mining", "electronics", "rubber", "gloves", "tomato", "agriculture")
SECTORS += ("import export", "industrial", "technology", "holdings", "international", "group")


def fold(text: str) -> str:
    """Fold a name the way a caller would: NFKC, casefold, ASCII transliteration, alphanumerics only."""
    text = anyascii(unicodedata.normalize("NFKC", text).casefold()).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def generate_names(count: int, seed: int) -> list[str]:
    """Return `count` distinct folded company names, deterministic for a seed (cached on disk)."""
    entities = _snapshot_names()
    # e: bundled entity names included; v2: Faker's element lists in a fixed order (see fixed_order)
    cache = OUT_DIR / f"names-{seed}-{count}-e{len(entities)}-v2.txt"
    if cache.exists():
        return cache.read_text(encoding="utf-8").split("\n")
    rng = random.Random(seed)
    fakers = []
    for i, locale in enumerate(LOCALES):
        fake = Faker(locale)
        fake.seed_instance(seed * 1000 + i)
        fixed_order(fake)
        fakers.append(fake)
    names: dict[str, None] = dict.fromkeys(n for n in entities if n)
    while len(names) < count:
        fake = rng.choice(fakers)
        roll = rng.random()
        if roll < 0.45:
            raw = fake.company()
        elif roll < 0.75:
            raw = f"{fake.last_name()} {rng.choice(SECTORS)} {fake.company_suffix()}"
        else:
            raw = f"{fake.city()} {fake.last_name()} {rng.choice(SECTORS)} {fake.company_suffix()}"
        key = fold(raw)
        if key:
            names[key] = None
    result = list(names)[:count]
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    cache.write_text("\n".join(result), encoding="utf-8")
    return result


def fixed_order(fake: Faker) -> None:
    """Sort the element lists Faker builds from a set, whose order (and so the seeded draws from them)
    changes with each process's hash seed: its it_IT provider lists its cities so."""
    for provider in fake.providers:
        for attr in ("cities",):
            values = getattr(provider, attr, None)
            if isinstance(values, list) and values and all(isinstance(v, str) for v in values):
                setattr(provider, attr, sorted(values))


def _snapshot_names() -> list[str]:
    """Return folded names and aliases of the bundled entities, or nothing if the snapshot fails to load."""
    try:
        from reference_data import load_snapshot

        snapshot = load_snapshot()
    except Exception as exc:  # the benchmark must run on a tree whose snapshot is not built yet
        print(f"note: bundled entities skipped ({type(exc).__name__}: {exc})", file=sys.stderr)
        return []
    folded: list[str] = []
    for entity in snapshot.entities:
        names = entity.names  # a method in older model versions, a property in newer ones
        folded.extend(fold(n) for n in (names() if callable(names) else names))
    return folded


def misspell(name: str, rng: random.Random, edits: int) -> str:
    """Apply `edits` random character deletions, insertions, substitutions or transpositions."""
    chars = list(name)
    for _ in range(edits):
        if len(chars) < 2:
            break
        i = rng.randrange(len(chars) - 1)
        op = rng.randrange(4)
        letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
        if op == 0:
            del chars[i]
        elif op == 1:
            chars.insert(i, letter)
        elif op == 2:
            chars[i] = letter
        else:
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
    return " ".join("".join(chars).split()) or name


def perturb(name: str, rng: random.Random) -> str:
    """Return a perturbed copy of a list name: misspelt, a word dropped or words reordered."""
    words = name.split()
    roll = rng.random()
    if roll < 0.6 or len(words) < 3:
        return misspell(name, rng, rng.choice((1, 1, 2)))
    if roll < 0.8:
        del words[rng.randrange(len(words))]
        return " ".join(words)
    rng.shuffle(words)
    return misspell(" ".join(words), rng, 1)


@dataclass(frozen=True)
class Queries:
    """Benchmark queries: perturbed list names (with the position they came from) and unrelated names."""

    perturbed: list[str]
    sources: list[int]
    unrelated: list[str]

    @property
    def all(self) -> list[str]:
        """Return perturbed then unrelated queries."""
        return self.perturbed + self.unrelated


def make_queries(names: Sequence[str], count: int, seed: int, unrelated_pool: Sequence[str]) -> Queries:
    """Draw half the queries from perturbed list names and half from names not on the list."""
    rng = random.Random(seed + 1)
    sources = [rng.randrange(len(names)) for _ in range(count // 2)]
    perturbed = [perturb(names[i], rng) for i in sources]
    listed = set(names)
    unrelated = [n for n in unrelated_pool if n not in listed][: count - count // 2]
    return Queries(perturbed, sources, unrelated)


@dataclass(frozen=True)
class Truth:
    """Exhaustive WRatio results for one query: top-`limit` (ties by position) and every plausible name."""

    top: Hits
    plausible: dict[int, float]  # position -> score, for every name scoring >= PLAUSIBLE


# WRatio gives 85.5 to any pair sharing one whole word (partial_token_set x 0.95 x 0.9) and 90 when
# the shorter key occurs inside the longer one (partial_ratio x 0.9): >= 90 is where a match is
# plausible (it includes "hoshine silicon" inside "hoshine silicon industry co ltd"), >= 91 is above
# both plateaus.
PLAUSIBLE = 90.0
FLOORS = (0.0, 86.0, 91.0)


def exhaustive_top(query: str, names: Sequence[str], limit: int) -> list[tuple[int, float]]:
    """Return the exhaustive WRatio top-`limit` (position, score), ties by position."""
    hits = process.extract(query, names, scorer=fuzz.WRatio, limit=limit)
    return sorted(((int(i), float(s)) for _, s, i in hits), key=lambda h: (-h[1], h[0]))


def exhaustive_many(queries: Sequence[str], names: Sequence[str], limit: int) -> list[Truth]:
    """Exhaustive results for many queries with cdist on all cores, in chunks to bound memory."""
    out: list[Truth] = []
    chunk = max(1, 10_000_000 // max(1, len(names)))  # 80 MB of float64 scores per block
    for start in range(0, len(queries), chunk):
        block = process.cdist(
            queries[start : start + chunk], names, scorer=fuzz.WRatio, workers=-1, dtype=np.float64
        )
        for row in block:
            top = np.argpartition(-row, limit)[: limit * 4] if row.size > limit * 4 else np.arange(row.size)
            # Widen to every key tied with the limit-th score so ties resolve by position.
            kth = np.sort(row[top])[::-1][min(limit, top.size) - 1]
            tied = np.flatnonzero(row >= kth)
            ranked = sorted(((int(i), float(row[i])) for i in tied), key=lambda h: (-h[1], h[0]))
            high = np.flatnonzero(row >= PLAUSIBLE)
            out.append(Truth(ranked[:limit], dict(zip(high.tolist(), row[high].tolist(), strict=True))))
    return out


@dataclass
class Recall:
    """Candidate recall of the index against exhaustive search (see `measure_recall`)."""

    queries: int = 0
    exact_ids: float = 0.0  # the literal metric: exhaustive top-10 positions the index returned
    tie_aware: dict[str, float] = field(default_factory=dict)  # top-10, ties in the index's favour
    plausible: dict[str, float] = field(default_factory=dict)  # names >= 90 / >= 91 found at limit 64
    plausible_all_found: float = 0.0  # share of queries whose every name >= 90 was found
    over_limit: int = 0  # queries with more names >= 90 than 64 hits can hold, left out of `plausible`
    best_same_score: float = 0.0  # share of queries whose best index score equals the exhaustive best


def measure_recall(top10: Sequence[Hits], top64: Sequence[Hits], truth: Sequence[Truth]) -> Recall:
    """Compare index results with exhaustive results, query by query.

    Tie-aware recall counts rank r of the exhaustive top-10 as found when the index's r-th hit
    scores as high: among equal WRatio scores either key is an equally good candidate. Plausible
    recall is the share of names scoring >= 90 (or >= 91) exhaustively that the index returns
    within 64 hits, the number the matcher asks for, over the queries with at most 64 such names.
    """
    ids = best = total = all_found = over = 0
    ranks = dict.fromkeys(FLOORS, 0)
    totals = dict.fromkeys(FLOORS, 0)
    bands = {PLAUSIBLE: [0, 0], PLAUSIBLE + 1: [0, 0]}
    for got, wide, want in zip(top10, top64, truth, strict=True):
        got_ids = {i for i, _ in got}
        ids += sum(1 for i, _ in want.top if i in got_ids)
        for floor in FLOORS:
            wanted = [(r, s) for r, (_, s) in enumerate(want.top) if s >= floor]
            totals[floor] += len(wanted)
            ranks[floor] += sum(1 for r, s in wanted if r < len(got) and got[r][1] >= s - _EPS)
        best += (not want.top) or bool(got) and got[0][1] >= want.top[0][1] - _EPS
        total += len(want.top)
        if (
            len(want.plausible) > TOP_WIDE
        ):  # "technology ag" is inside thousands of names: no 64 hits hold them
            over += 1
            continue
        wide_ids = {i for i, _ in wide}
        for floor, counts in bands.items():
            names = [i for i, s in want.plausible.items() if s >= floor - _EPS]
            counts[0] += sum(1 for i in names if i in wide_ids)
            counts[1] += len(names)
        all_found += all(i in wide_ids for i in want.plausible)
    n = len(truth)
    tie_aware = {f">={f:g}": ranks[f] / max(totals[f], 1) for f in FLOORS}
    plausible = {f">={f:g}": c[0] / max(c[1], 1) for f, c in bands.items()}
    plausible |= {f"names>={f:g}": c[1] for f, c in bands.items()}
    coverable = max(n - over, 1)
    return Recall(n, ids / max(total, 1), tie_aware, plausible, all_found / coverable, over, best / max(n, 1))


def percentile(values: Sequence[float], q: float) -> float:
    """Return the q-th percentile (0..100) of values."""
    return float(np.percentile(np.asarray(values), q)) if values else float("nan")


def timed(fn: Callable[[], object]) -> float:
    """Return the wall time of fn() in seconds."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def peak_rss_mb() -> float:
    """Return this process's peak resident set size in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass
class Results:
    """Everything one benchmark run measured."""

    config: dict[str, object]
    machine: dict[str, object]
    sections: dict[str, dict[str, object]] = field(default_factory=dict)


def machine_info() -> dict[str, object]:
    """Describe the machine and the numeric environment that affect timings.

    Hosts with one model name differ: "AMD EPYC" hosts here ran the same index code at 1,219 and at
    2,163 queries/s, so the CPU family, model, clock and vector extensions are recorded too; compare
    timings only between runs on the same kind of host.
    """
    fields: dict[str, str] = {}
    with Path("/proc/cpuinfo").open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                break  # the first processor's block is enough
            name, _, value = line.partition(":")
            fields.setdefault(name.strip(), value.strip())
    flags = set(fields.get("flags", "").split())
    mem_kib = 0
    with Path("/proc/meminfo").open(encoding="utf-8") as fh:
        mem_kib = int(fh.readline().split()[1])
    env = {k: v for k, v in sorted(os.environ.items()) if k.startswith(("OPENBLAS", "OMP_", "MKL_"))}
    return {
        "cpu": fields.get("model name", "unknown"),
        "cpu_family": fields.get("cpu family", "unknown"),
        "cpu_model": fields.get("model", "unknown"),
        "cpu_mhz": fields.get("cpu MHz", "unknown"),
        "cpu_vector": sorted(flags & {"avx2", "avx512f", "avx512_bf16", "avx_vnni"}),
        "cache": fields.get("cache size", "unknown"),
        "cores": os.cpu_count(),
        "memory_gib": round(mem_kib / 1024**2, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "env": env,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and write JSON and markdown results under bench/out/."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=1_000_000, help="size of the indexed name list")
    parser.add_argument("--queries", type=int, default=10_000, help="number of queries (half perturbed)")
    parser.add_argument("--seed", type=int, default=76_7, help="seed for names and queries")
    parser.add_argument("--recall-sample", type=int, default=400, help="queries checked exhaustively")
    parser.add_argument("--preset-queries", type=int, default=2000, help="queries timed per preset")
    parser.add_argument("--repeats", type=int, default=2, help="throughput runs per setting (best kept)")
    parser.add_argument("--skip-throughput", action="store_true", help="skip the search_many timings")
    parser.add_argument(
        "--budgets", action="store_true", help="time smaller posting budgets and pools against the defaults"
    )
    parser.add_argument("--baseline-sizes", type=int, nargs="*", default=[100_000, 200_000])
    parser.add_argument("--baseline-queries", type=int, default=200, help="queries timed exhaustively")
    parser.add_argument("--out", type=Path, default=OUT_DIR / "results.json")
    args = parser.parse_args(argv)
    results = Results(config=vars(args) | {"out": str(args.out)}, machine=machine_info())
    results.machine["load_average_at_start"] = os.getloadavg()

    t0 = time.perf_counter()
    names = generate_names(args.names, args.seed)
    pool = generate_names(args.queries, args.seed + 99)  # a different seed gives unrelated names
    queries = make_queries(names, args.queries, args.seed, pool)
    results.sections["data"] = {
        "names": len(names),
        "queries_perturbed": len(queries.perturbed),
        "queries_unrelated": len(queries.unrelated),
        "generate_or_load_s": round(time.perf_counter() - t0, 1),
        "rss_before_build_mib": round(peak_rss_mb()),
    }
    print(json.dumps(results.sections["data"]), file=sys.stderr)

    results.sections["index"] = bench_index(names, queries, args)
    print(json.dumps(results.sections["index"]), file=sys.stderr)
    if not args.skip_throughput:
        results.sections["throughput"] = bench_throughput(queries, args.repeats)
        print(json.dumps(results.sections["throughput"]), file=sys.stderr)
    if args.budgets:
        results.sections["budgets"] = bench_budgets(queries, args.repeats)
        print(json.dumps(results.sections["budgets"]), file=sys.stderr)
    if args.recall_sample > 0:
        results.sections |= bench_recall(names, queries, args)
    for size in args.baseline_sizes:
        if size <= len(names):
            section = bench_vs_exhaustive(names[:size], args)
            results.sections[f"vs_exhaustive_{size}"] = section
            print(json.dumps(section), file=sys.stderr)

    results.machine["peak_rss_whole_run_mib"] = round(peak_rss_mb())  # names, indexes, exhaustive blocks
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(asdict(results), indent=2), encoding="utf-8")
    args.out.with_suffix(".md").write_text(to_markdown(results), encoding="utf-8")
    print(to_markdown(results))
    return 0


def bench_index(names: list[str], queries: Queries, args: argparse.Namespace) -> dict[str, object]:
    """Build the full index, time it, save and load it; return the index section and the index."""
    index: CandidateIndex | None = None

    def build() -> None:
        nonlocal index
        index = CandidateIndex(names)

    build_s = timed(build)
    assert index is not None
    rss_after_build = peak_rss_mb()
    path = OUT_DIR / f"index-{args.seed}-{len(names)}.npz"
    save_s = timed(lambda: index.save(path))
    loaded: list[CandidateIndex] = []
    load_s = timed(lambda: loaded.append(CandidateIndex.load(path)))
    loaded.clear()

    all_queries = queries.all
    index.search_many(all_queries[:200])  # compile the kernels, warm caches and per-thread buffers
    latencies: list[float] = []
    single: list[Hits] = []
    for q in all_queries:
        start = time.perf_counter()
        single.append(index.search(q))
        latencies.append(time.perf_counter() - start)
    half = len(queries.perturbed)
    ms = [x * 1000 for x in latencies]
    section: dict[str, object] = {
        "build_s": round(build_s, 1),
        "peak_rss_after_build_mib": round(rss_after_build),
        "index_file_mib": round(path.stat().st_size / 1024**2, 1),
        "save_s": round(save_s, 1),
        "load_s": round(load_s, 1),
        "p50_ms": round(percentile(ms, 50), 3),
        "p99_ms": round(percentile(ms, 99), 3),
        "p50_ms_perturbed": round(percentile(ms[:half], 50), 3),
        "p50_ms_unrelated": round(percentile(ms[half:], 50), 3),
        **source_ranks(single, queries.sources),
    }
    BENCH_STATE["index"], BENCH_STATE["single"] = index, single
    return section


BENCH_STATE: dict[str, Any] = {}  # the built index and its single-query results, shared by sections


def source_ranks(found: Sequence[Hits], sources: Sequence[int]) -> dict[str, float]:
    """Return how often a perturbed query's source name is ranked first and within the top 10."""
    pairs = list(zip(found, sources, strict=False))  # perturbed queries come first
    first = sum(1 for r, src in pairs if r and r[0][0] == src)
    top10 = sum(1 for r, src in pairs if src in {p for p, _ in r[:10]})
    return {
        "perturbed_source_first": round(first / max(len(pairs), 1), 4),
        "perturbed_source_in_top10": round(top10 / max(len(pairs), 1), 4),
    }


def timed_batches(
    index: CandidateIndex,
    queries: Sequence[str],
    repeats: int,
    workers: int,
    limit: int = 10,
    reference: Sequence[Hits] | None = None,
) -> tuple[list[Hits], float, float, bool]:
    """Run `search_many` `repeats` times: the last run's results, the best wall and CPU seconds, and
    whether every run equalled `reference` (True without one). Only one run's results are kept."""
    batch: list[Hits] = []
    best_wall = best_cpu = float("inf")
    same = True
    for _ in range(max(repeats, 1)):
        cpu0, wall0 = time.process_time(), time.perf_counter()
        batch = index.search_many(queries, limit=limit, workers=workers)
        best_wall = min(best_wall, time.perf_counter() - wall0)
        best_cpu = min(best_cpu, time.process_time() - cpu0)
        same = same and (reference is None or batch == reference)
    return batch, best_wall, best_cpu, same


def bench_throughput(queries: Queries, repeats: int) -> dict[str, object]:
    """Time `search_many` (numba, numpy, previous options) on one and two workers, best of `repeats`."""
    index: CandidateIndex = BENCH_STATE["index"]
    single: list[Hits] = BENCH_STATE["single"]
    all_queries = queries.all
    out: dict[str, object] = {"load_average_before": os.getloadavg()[0]}
    previous, typo_keys = copy.copy(index), copy.copy(index)
    previous.options = IndexOptions.previous()  # the defaults before typo words, whole keys, joined words
    typo_keys.options = PRESETS["typo_keys"]  # c605bcf's defaults
    runs = (
        ("numba", index, True),
        ("numpy", index, False),
        ("numba_previous_options", previous, True),
        ("numba_typo_keys_options", typo_keys, True),
    )
    for label, idx, compiled in runs:
        idx._kernels = load_kernels(compiled)  # the numpy kernels are the previous implementation's loops
        idx.search_many(all_queries[:200], workers=2)
        for workers in (1, 2):
            _, best_wall, best_cpu, same = timed_batches(
                idx, all_queries, repeats, workers=workers, reference=single
            )
            n = len(all_queries)
            out[f"{label}_workers{workers}_queries_per_s"] = round(n / best_wall)
            out[f"{label}_workers{workers}_cpu_ms_per_query"] = round(best_cpu / n * 1000, 3)
            if idx is index:  # the previous options give other results by design
                out[f"{label}_workers{workers}_equals_search"] = same
    index._kernels = load_kernels()
    out["load_average_after"] = os.getloadavg()[0]
    return out


# Smaller search budgets than the defaults (max_postings 40,000, pool 1,024): faster, at some recall.
BUDGETS: dict[str, IndexOptions] = {
    "default": IndexOptions(),
    "postings20k": IndexOptions(max_postings=20_000),
    "pool512": IndexOptions(pool=512),
    "postings20k_pool512": IndexOptions(max_postings=20_000, pool=512),
}


def bench_budgets(queries: Queries, repeats: int) -> dict[str, object]:
    """Time `search_many(workers=2)` per budget preset and say how often each finds the source name.

    The presets run on the same index arrays, one after another, the defaults first and last so that
    a change of load during the run shows.
    """
    index: CandidateIndex = BENCH_STATE["index"]
    all_queries, half = queries.all, len(queries.perturbed)
    out: dict[str, object] = {"load_average_before": os.getloadavg()[0]}
    for label in (*BUDGETS, "default_again"):
        idx = copy.copy(index)
        idx.options = BUDGETS[label.removesuffix("_again")]
        idx.search_many(all_queries[:200], limit=TOP_WIDE, workers=2)
        found, best_wall, best_cpu, _ = timed_batches(idx, all_queries, repeats, workers=2, limit=TOP_WIDE)
        in64 = sum(
            src in {p for p, _ in hits} for hits, src in zip(found[:half], queries.sources, strict=True)
        )
        out[label] = {
            "queries_per_s_2_workers": round(len(all_queries) / best_wall),
            "cpu_ms_per_query": round(best_cpu / len(all_queries) * 1000, 3),
            **source_ranks(found, queries.sources),
            "perturbed_source_in_top64": round(in64 / max(half, 1), 4),
        }
    out["load_average_after"] = os.getloadavg()[0]
    return out


PRESETS: dict[str, IndexOptions] = {
    "default": IndexOptions(),
    "previous": IndexOptions.previous(),  # the defaults before typo words, whole keys and joined words
    "typo_keys": IndexOptions(typo_edits=1, joined_words=False),  # c605bcf's defaults
    "typo2_keys": IndexOptions(typo_edits=2, joined_words=False),
    "typo2_keys_joined": IndexOptions(typo_edits=2, joined_words=True),
    "pool4096": IndexOptions(pool=4096),
    "thorough": IndexOptions.thorough(),
}


def bench_recall(
    names: list[str], queries: Queries, args: argparse.Namespace
) -> dict[str, dict[str, object]]:
    """Measure recall against exhaustive search on a sample, and the cost of each options preset."""
    base: CandidateIndex = BENCH_STATE["index"]
    all_queries = queries.all
    half = len(queries.perturbed)
    rng = random.Random(args.seed + 2)
    per_kind = args.recall_sample // 2
    sample = sorted(rng.sample(range(half), min(per_kind, half)))
    n_per = len(sample)
    sample += sorted(rng.sample(range(half, len(all_queries)), min(per_kind, len(all_queries) - half)))
    truth: list[Truth] = []
    truth_s = timed(lambda: truth.extend(exhaustive_many([all_queries[i] for i in sample], names, 10)))
    timing = all_queries[: args.preset_queries // 2] + all_queries[half : half + args.preset_queries // 2]
    sections: dict[str, dict[str, object]] = {}
    for name, options in PRESETS.items():
        index = copy.copy(base)
        index.options = options  # the same arrays; only the search options differ
        index.search_many(timing[:50])  # builds the typo table once (about a second), warms buffers
        elapsed = timed(lambda: index.search_many(timing))  # noqa: B023 (called at once)
        wide = [index.search(all_queries[i], TOP_WIDE) for i in sample]
        top10 = [hits[:10] for hits in wide]  # the first 10 of 64 are the top 10 (same ranking)
        section: dict[str, object] = {"ms_per_query": round(elapsed / len(timing) * 1000, 3)}
        if name != "default":
            section |= source_ranks(index.search_many(all_queries[:half]), queries.sources)
        else:
            section |= source_ranks(BENCH_STATE["single"], queries.sources)
            section["exhaustive_truth_s"] = round(truth_s, 1)
        for kind, part in (("perturbed", slice(0, n_per)), ("unrelated", slice(n_per, None))):
            section |= recall_fields(kind, measure_recall(top10[part], wide[part], truth[part]))
        sections[f"recall_{name}"] = section
        print(json.dumps(section), file=sys.stderr)
    return sections


def recall_fields(kind: str, recall: Recall) -> dict[str, object]:
    """Flatten a Recall into named result fields."""
    fields: dict[str, object] = {f"queries_{kind}": recall.queries}
    fields |= {f"plausible_{kind}{k}": round(v, 4) for k, v in recall.plausible.items()}
    fields[f"plausible_all_found_{kind}"] = round(recall.plausible_all_found, 4)
    fields[f"plausible_over_{TOP_WIDE}_{kind}"] = recall.over_limit
    fields |= {f"top10_tie_aware_{kind}{k}": round(v, 4) for k, v in recall.tie_aware.items()}
    fields[f"top10_ids_{kind}"] = round(recall.exact_ids, 4)
    fields[f"best_score_found_{kind}"] = round(recall.best_same_score, 4)
    return fields


def bench_vs_exhaustive(names: list[str], args: argparse.Namespace) -> dict[str, object]:
    """Time lightly misspelt queries on a subset with the index and with exhaustive WRatio search."""
    rng = random.Random(args.seed + len(names))
    sources = [rng.randrange(len(names)) for _ in range(args.baseline_queries)]
    queries = [misspell(names[i], rng, rng.choice((1, 2))) for i in sources]
    index = CandidateIndex(names)
    index.search_many(queries[:20])
    found: list[Hits] = []
    index_s = timed(lambda: found.extend(index.search(q) for q in queries))
    top: list[Hits] = []
    exhaustive_s = timed(lambda: top.extend(exhaustive_top(q, names, 10) for q in queries))
    same_best = sum(1 for f, t in zip(found, top, strict=True) if f and t and f[0][1] >= t[0][1] - _EPS)
    same_id = sum(1 for f, t in zip(found, top, strict=True) if f and t and f[0][0] == t[0][0])
    recall = measure_recall(found, found, [Truth(t, {}) for t in top])
    n = len(queries)
    return {
        "names": len(names),
        "queries": n,
        "index_ms_per_query": round(index_s / n * 1000, 3),
        "exhaustive_ms_per_query": round(exhaustive_s / n * 1000, 1),
        "speedup": round(exhaustive_s / index_s, 1),
        "same_best_score": round(same_best / n, 4),
        "same_best_id": round(same_id / n, 4),
        **{f"recall_top10_tie_aware{k}": round(v, 4) for k, v in recall.tie_aware.items()},
    }


def to_markdown(results: Results) -> str:
    """Render the results as markdown tables."""
    lines = ["| machine | |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in results.machine.items()]
    for name, section in results.sections.items():
        lines += ["", f"**{name}**", "", "| metric | value |", "|---|---|"]
        lines += [f"| {k} | {v} |" for k, v in section.items()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
