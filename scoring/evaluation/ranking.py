"""Ranking (protocol B): OFAC leave-one-out, enzh, ING candidate lists and Watchman cross-script."""

from __future__ import annotations

import csv
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from reference_data.models import ListEntity
from scoring import evalsets
from scoring.evaluation.metrics import RankResult, rank_of, summarise_ranks
from scoring.evaluation.pairs import best_probability
from scoring.features import Side, feature_vector, make_side
from scoring.matcher import Matcher
from scoring.model import MatchModel
from scoring.normalize import parse_name

_ROMANISED_CHINESE = ("youxian", "gongsi", "zhongguo", "jituan", "keji", "maoyi", "zeren", "gufen")


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


# Why a leave-one-out query missed first place, in the order the checks are made.
SAME_NAME = "another record carries the same name"
UNLIKE = "no other name of its record scores >= threshold (translation, former or unrelated name)"
NOT_RETRIEVED = "a name of its record scores >= threshold but was not among the candidates"
OUTRANKED = "another record's name scores as high or higher"
MISS_KINDS = (SAME_NAME, UNLIKE, NOT_RETRIEVED, OUTRANKED)


def miss_kind(
    rank: int, same_name_elsewhere: bool, record_best: float, retrieved: bool, t: float
) -> str | None:
    """Return why a query's record was not ranked first (None when it was).

    `record_best` is the best score of the query against every other name of its record, whether
    retrieved or not; `retrieved` says whether the matcher's candidates included the record.
    """
    if rank == 1:
        return None
    if same_name_elsewhere:
        return SAME_NAME
    if record_best < t:
        return UNLIKE
    return OUTRANKED if retrieved else NOT_RETRIEVED


class OfacRanking(NamedTuple):
    """OFAC leave-one-out results of one split: slices, seconds per query and the anatomy of misses."""

    results: list[RankResult]
    per_query: float
    misses: Counter[str]  # miss kind -> queries
    reachable: tuple[int, int]  # (queries whose record is reachable by name, of them ranked first)


def ofac_ranking(root: Path, model: MatchModel, split: str, every: int = 1) -> OfacRanking:
    """Leave-one-out ranking of OFAC organisation aliases (every `every`-th query).

    A query is *reachable by name* when another name of its record scores at least the threshold and
    no other record carries a name equal to it after normalisation.
    """
    names, queries = evalsets.ofac(root)
    ents = sorted(names)
    entities = [ListEntity(f"ofac:{e}", "ofac_eval", names[e][0], tuple(names[e][1:])) for e in ents]
    matcher = Matcher(entities, model)
    pos = {e: i for i, e in enumerate(ents)}
    primaries: dict[str, int] = {}
    holders: dict[str, set[str]] = {}  # normalised name -> records carrying it
    for e in ents:
        primaries[names[e][0]] = primaries.get(names[e][0], 0) + 1
        for n in names[e]:
            holders.setdefault(parse_name(n).compact, set()).add(e)
    qs = [q for q in queries if q.split == split][:: max(every, 1)]
    rows: dict[str, list[tuple[int, float, int]]] = {}
    misses: Counter[str] = Counter()
    reachable = reachable_first = 0
    start = time.perf_counter()
    for q in qs:
        ei = pos[q.ent_num]
        ni = next(i for i, n in enumerate(names[q.ent_num]) if i > 0 and n == q.query)
        cands = matcher.candidates(q.query, exclude=frozenset({(ei, ni)}))  # leave the alias out
        side = make_side(q.query)
        best = matcher.score(side, cands)
        scores = {ents[k]: v[1].probability for k, v in best.items()}
        alerts = sum(1 for k, s in scores.items() if k != q.ent_num and s >= model.threshold)
        rank = rank_of(q.ent_num, {ents[k]: (v[1].probability, v[4]) for k, v in best.items()})
        row = (rank, scores.get(q.ent_num, 0.0), alerts)
        for tag in _ofac_tags(q, primaries):
            rows.setdefault(tag, []).append(row)
        record_best = max(
            (probability_of(model, side, n) for i, n in enumerate(names[q.ent_num]) if i != ni),
            default=0.0,
        )
        elsewhere = bool(holders.get(parse_name(q.query).compact, set()) - {q.ent_num})
        kind = miss_kind(rank, elsewhere, record_best, q.ent_num in scores, model.threshold)
        if kind:
            misses[kind] += 1
        if not elsewhere and record_best >= model.threshold:
            reachable += 1
            reachable_first += rank == 1
    per_query = (time.perf_counter() - start) / max(len(qs), 1)
    results = [summarise_ranks(k, v, model.threshold) for k, v in sorted(rows.items())]
    return OfacRanking(results, per_query, misses, (reachable, reachable_first))


def probability_of(model: MatchModel, query: Side, name: str) -> float:
    """Return the model's probability that `query` and the list name `name` are the same company."""
    return model.predict(feature_vector(query, make_side(name))).probability


def _ofac_tags(q: evalsets.OfacAlias, primaries: dict[str, int]) -> list[str]:
    """Return the slices an OFAC query belongs to."""
    tags = ["all", "aka" if q.alt_type == "aka" else "fka/nka"]
    if any(w in q.query.casefold() for w in _ROMANISED_CHINESE):
        tags.append("Chinese romanisation tokens")
    if q.query in primaries:
        tags.append("alias = another record's primary name")
    return tags


def _pron_bucket(pron: float) -> str:
    """Return the mean-Pronun slice of an enzh pair (1 = translated by meaning, 5 = phonetic)."""
    low = min(int(pron), 4)
    return f"Pronun {low}-{low + 1}" if pron > 0 else "Pronun unrated"


def enzh_ranking(root: Path, model: MatchModel, split: str) -> dict[str, tuple[int, float, float, float]]:
    """Chinese name -> English names + SEC distractors: slice -> (n, top-1, recall@10, share >= t)."""
    pairs = [p for p in evalsets.enzh(root) if p.split == split]
    english = sorted({p.names2[0] for p in evalsets.enzh(root)})
    sec_path = root / "eval/raw/cleanco_legal_forms/sec_foreign_registrants_2002.csv"
    with sec_path.open(encoding="utf-8") as fh:
        sec = [line.split(";")[0].strip() for line in fh if line.strip()]
    names = english + sorted(set(sec) - set(english))
    matcher = Matcher([ListEntity(f"e:{i}", "enzh", n) for i, n in enumerate(names)], model)
    where = {n: f"e:{i}" for i, n in enumerate(names)}
    rows: dict[str, list[tuple[int, float]]] = {}
    for p in pairs:
        best = matcher.score(make_side(p.names1[0]), matcher.candidates(p.names1[0]))
        scores = {matcher.entities[k].entity_id: v[1].probability for k, v in best.items()}
        row = (rank_of(where[p.names2[0]], scores), best_probability(model, p))
        for tag in ("all", p.tags["pronun"], _pron_bucket(float(p.tags["pron"]))):
            rows.setdefault(tag, []).append(row)
    return {
        tag: (
            len(v),
            sum(r == 1 for r, _ in v) / len(v),
            sum(r <= 10 for r, _ in v) / len(v),
            sum(s >= model.threshold for _, s in v) / len(v),
        )
        for tag, v in sorted(rows.items())
    }


def ing_ranking(root: Path, model: MatchModel) -> list[tuple[str, str, bool, str]]:
    """Rank each ING query's candidates: (query, best candidate, success, note) per query."""
    groups: dict[str, list[dict[str, str]]] = {}
    for r in _read(root / "eval/raw/ing_emm_kvk_candidates/unittest_sample_namepairs.csv"):
        groups.setdefault(r["name"], []).append(r)  # `name` is the query, `gt_name` a candidate
    out = []
    for query, cands in groups.items():
        positive = cands[0]["positive_set"] == "True"
        if not positive:  # the true entity is not on the list: delete it, expect no alert
            cands = [c for c in cands if c["correct"] != "True"]
        q = make_side(query)
        scored = sorted(
            ((probability_of(model, q, c["gt_name"]), c) for c in cands),
            key=lambda sc: -sc[0],
        )
        top, best = scored[0] if scored else (0.0, {"gt_name": "", "correct": "False"})
        ties = sum(1 for s, _ in scored if s >= top) > 1
        if positive:
            ok = best["correct"] == "True" and not ties
            note = f"top-1 {'correct' if ok else 'wrong'} ({top:.2f})"
        else:
            ok = top < model.threshold
            note = f"best remaining {top:.2f} {'<' if ok else '>='} threshold"
        out.append((query, best["gt_name"], ok, ("on list: " if positive else "not on list: ") + note))
    return out


def watchman_ranking(root: Path, model: MatchModel) -> list[tuple[str, str, str, bool]]:
    """Rank Watchman's 15 cross-script index names per query: (query, script, top name, top-1 right)."""
    folder = root / "eval/raw/watchman_test_cases"
    index = _read(folder / "cross_script_ranking_index.csv")
    out = []
    for r in _read(folder / "cross_script_ranking_queries.csv"):
        q = make_side(r["query"])
        scores = {e["entity_id"]: probability_of(model, q, e["index_name"]) for e in index}
        top = max(scores, key=lambda k: scores[k])
        ok = rank_of(r["expected_entity_id"], scores) == 1
        name = next(e["index_name"] for e in index if e["entity_id"] == top)
        out.append((r["query"], r["script"], name, ok))
    return out


def ranking_table(results: Sequence[RankResult], split: str) -> list[str]:
    """Render OFAC ranking slices as Markdown table rows."""
    return [
        f"| {split} | {r.slice_name} | {r.n} | {r.top1:.3f} | {r.recall5:.3f} | {r.recall10:.3f} | "
        f"{r.mrr:.3f} | {r.hit_rate:.3f} | {r.alerts:.2f} |"
        for r in results
    ]
