"""Tests for the trigram candidate index."""

from __future__ import annotations

import json
import math
import random
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from scoring.candidate_kernels import load_kernels
from scoring.candidates import CandidateIndex, IndexOptions, key_features

NAMES = [
    "xinjiang production and construction corps",
    "xinjiang zhongtai chemical",
    "hoshine silicon industry",
    "hefei bitland information technology",
    "lop county meixin clothing",
    "acme trading",
    "acme trading",  # duplicate key: both positions must be returned
    "ningbo acme textiles",
    "",  # empty key: indexed, never returned
    "新疆生产建设兵团",
    "ооо ромашка",
]

_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
_name = st.lists(_word, min_size=1, max_size=4).map(" ".join)


def _exhaustive(query: str, keys: list[str], limit: int) -> list[tuple[int, float]]:
    hits = process.extract(query, keys, scorer=fuzz.WRatio, limit=None)
    return sorted(((int(i), float(s)) for _, s, i in hits if s > 0), key=lambda h: (-h[1], h[0]))[:limit]


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        ("ab", [" ab", "ab ", "\x1fab"]),
        ("a b", [" a ", " b ", "\x1fa", "\x1fb"]),
        ("  ", []),
        ("abc", [" ab", "abc", "bc ", "\x1fabc"]),
    ],
)
def test_key_features_pads_each_word(text: str, grams: list[str]) -> None:
    assert key_features(text) == grams


@pytest.mark.parametrize(
    ("query", "expected_first"),
    [
        ("xinjiang production and construction corps", 0),
        ("xinjiang prodution and constuction corps", 0),
        ("hoshine silcon industry", 2),
        ("meixin clothing lop county", 4),
        ("新疆生产建设兵团", 9),
        ("ооо ромашка", 10),
    ],
)
def test_search_finds_misspelt_and_reordered_names_first(query: str, expected_first: int) -> None:
    assert CandidateIndex(NAMES).search(query)[0][0] == expected_first


def test_search_returns_every_position_of_a_duplicate_key() -> None:
    hits = CandidateIndex(NAMES).search("acme trading", limit=1)
    assert hits == [(5, 100.0), (6, 100.0)]


def test_search_without_limit_keys_returns_at_most_limit_positions() -> None:
    hits = CandidateIndex(NAMES, IndexOptions(limit_keys=False)).search("acme trading", limit=1)
    assert hits == [(5, 100.0)]


def test_a_key_repeated_on_many_rows_does_not_push_out_another_name() -> None:
    # "cag" is inside the query, so WRatio ranks it first (90) above the misspelt name (about 89).
    keys = ["cag"] * 10 + ["capgemini", "bayer"]
    query = "cagpemini"
    assert 10 in {p for p, _ in CandidateIndex(keys).search(query, limit=2)}
    assert 10 not in {p for p, _ in CandidateIndex(keys, IndexOptions.previous()).search(query, limit=2)}


@pytest.mark.parametrize("query", ["", "   ", "\t\n", "zzzzqqqq"])
def test_search_without_usable_query_is_empty(query: str) -> None:
    assert CandidateIndex(NAMES).search(query) == []


def test_search_with_a_huge_limit_returns_the_whole_pool_without_allocating_for_the_limit() -> None:
    index = CandidateIndex(NAMES, IndexOptions(pool=4, shortlist=2))
    hits = index.search("acme trading", limit=10**12)  # would be terabytes if buffers followed `limit`
    assert {p for p, _ in hits} >= {5, 6} and len({p for p, _ in hits}) <= 5  # pool of 4 keys, one doubled


@pytest.mark.parametrize("limit", [0, -1])
def test_search_non_positive_limit_is_empty(limit: int) -> None:
    assert CandidateIndex(NAMES).search("acme", limit=limit) == []


def test_search_on_empty_index_is_empty() -> None:
    index = CandidateIndex([])
    assert len(index) == 0
    assert index.search("acme") == []
    assert index.search_many(["acme", ""]) == [[], []]


def test_search_very_long_query_is_bounded() -> None:
    hits = CandidateIndex(NAMES).search("xinjiang zhongtai chemical " * 400)
    assert hits[0][0] == 1
    assert all(0 <= score <= 100 for _, score in hits)


def test_search_odd_characters_do_not_raise() -> None:
    index = CandidateIndex([*NAMES, "\x00\x01 ctrl", "emoji 🏭 works", "\ud800 lone surrogate"])
    for query in ["\x00", "🏭", "emoji 🏭", "\ud800", "a\u0301"]:
        assert isinstance(index.search(query), list)


def test_len_counts_positions_including_duplicates() -> None:
    assert len(CandidateIndex(NAMES)) == len(NAMES)


def _synthetic(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ten", "zhu", "ang", "or", "vel", "ske", "tr", "in", "sol"]
    words = ["".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))) for _ in range(400)]
    words += ["ltd", "co", "trading", "textile", "gmbh", "solar"] * 20  # frequent words, long lists
    return [" ".join(rng.choice(words) for _ in range(rng.randint(1, 5))) for _ in range(count)]


# The results of the implementation before the numba kernels, kept so default results cannot drift.
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("acme", [(5, 90.0), (6, 90.0), (7, 90.0)]),
        ("hoshine silicon", [(2, 90.0), (4, 48.857142857142854), (0, 42.0), (3, 40.0)]),
        ("ningbo textiles acme", [(7, 95.0), (5, 85.5), (6, 85.5), (4, 37.17391304347826), (3, 36.0)]),
        ("bitland", [(3, 90.0), (0, 51.42857142857142)]),
        ("lop meixin", [(4, 85.5), (1, 42.75), (0, 42.75)]),
    ],
)
def test_search_keeps_previous_results(query: str, expected: list[tuple[int, float]]) -> None:
    assert CandidateIndex(NAMES).search(query, limit=5) == expected


@pytest.mark.parametrize("workers", [1, 2])
def test_search_many_equals_search_per_query(workers: int) -> None:
    keys = _synthetic(3000, seed=1)
    index = CandidateIndex(keys, IndexOptions(pool=64, max_postings=300, shortlist=16))
    queries = [*_synthetic(300, seed=2), "", "   ", keys[7]]
    assert index.search_many(queries, limit=5, workers=workers) == [index.search(q, 5) for q in queries]


def test_compiled_and_numpy_kernels_give_identical_results() -> None:
    keys = _synthetic(3000, seed=3)
    compiled = CandidateIndex(keys, IndexOptions(pool=64, max_postings=300, shortlist=16))
    plain = CandidateIndex(keys, IndexOptions(pool=64, max_postings=300, shortlist=16))
    plain._kernels = load_kernels(compiled=False)
    queries = _synthetic(200, seed=4)
    assert compiled.search_many(queries) == plain.search_many(queries)


def test_kernels_agree_bitwise_on_partial_scores_selections_and_cosines() -> None:
    index = CandidateIndex(_synthetic(2000, seed=5))
    post, fwd = index._postings, index._forward
    rng = np.random.default_rng(6)
    n_keys, n_features = len(index._keys), post.shape[0]
    for _ in range(20):
        gids = rng.choice(n_features, size=12, replace=False).astype(np.int64)
        weights = rng.random(12, dtype=np.float32)
        norm = np.float32(np.sqrt(np.dot(weights, weights)))
        outs = []
        for kernels in (load_kernels(True), load_kernels(False)):
            keys, part = np.zeros(n_keys, np.int32), np.zeros(n_keys, np.float32)
            acc, query = np.zeros(n_keys, np.float32), np.zeros(n_features, np.float32)
            n = kernels.walk(post.indptr, post.indices, post.data, gids, weights, 4, 500, acc, keys, part)
            picked = np.zeros(n_keys, np.int64)
            m = kernels.select(part, n, 50, picked)
            pool = keys[picked[:m]]
            cosine = np.zeros(m, np.float32)
            kernels.cosines(fwd.indptr, fwd.indices, fwd.data, pool, gids, weights, norm, query, cosine)
            out_keys, out_cosine = np.zeros(16, np.int32), np.zeros(16, np.float32)
            scratch = [np.zeros(n_keys, np.float32), np.zeros(n_keys, np.int32), np.zeros(n_keys, np.float32)]
            k = kernels.shortlist(
                post.indptr, post.indices, post.data, fwd.indptr, fwd.indices, fwd.data, gids, weights, norm,
                4, 500, 50, 16, *scratch, query, np.zeros(50, np.int64), np.zeros(50, np.float32),
                out_keys, out_cosine,
            )  # fmt: skip
            assert not acc.any() and not query.any() and not scratch[0].any()  # scratch left clean
            outs.append((keys[:n].copy(), part[:n].copy(), pool, cosine, out_keys[:k], out_cosine[:k]))
        for a, b in zip(*outs, strict=True):
            assert a.dtype == b.dtype and np.array_equal(a, b)


def test_cosines_are_the_exact_sums_rounded_once() -> None:
    # The float64 sums are exact, so the kernels' cosines equal an exact (fsum) reference, whatever
    # order numpy or numba add the terms in.
    index = CandidateIndex(_synthetic(1000, seed=8))
    fwd, n_features = index._forward, index._postings.shape[0]
    rng = np.random.default_rng(9)
    gids = rng.choice(n_features, size=40, replace=False).astype(np.int64)
    weights = (rng.random(40, dtype=np.float32) * 15).astype(np.float32)
    norm = np.float32(np.sqrt(np.dot(weights, weights)))
    pool = np.arange(len(index._keys), dtype=np.int32)
    dense = dict(zip(gids.tolist(), weights.tolist(), strict=True))
    expected = []
    for key in pool.tolist():
        row = range(fwd.indptr[key], fwd.indptr[key + 1])
        terms = [
            float(np.float32(fwd.data[p] * np.float32(dense.get(int(fwd.indices[p]), 0.0)))) for p in row
        ]
        expected.append(np.float32(math.fsum(terms)) / norm)
    for kernels in (load_kernels(True), load_kernels(False)):
        out = np.zeros(pool.size, np.float32)
        query = np.zeros(n_features, np.float32)
        kernels.cosines(fwd.indptr, fwd.indices, fwd.data, pool, gids, weights, norm, query, out)
        assert np.array_equal(out, np.array(expected, dtype=np.float32))


@settings(max_examples=200, deadline=None)
@given(
    values=st.lists(st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0]), max_size=60),  # few values: many ties
    k=st.integers(min_value=1, max_value=70),
)
def test_select_keeps_the_k_best_values_ties_by_position(values: list[float], k: int) -> None:
    array_ = np.array(values + [9.0] * 3, dtype=np.float32)  # values past n must be ignored
    n = len(values)
    expected = sorted(sorted(range(n), key=lambda i: (-values[i], i))[:k])
    for kernels in (load_kernels(True), load_kernels(False)):
        out = np.full(80, -1, dtype=np.int64)
        count = kernels.select(array_, n, k, out)
        assert out[:count].tolist() == expected


def test_save_load_round_trip_gives_identical_results(tmp_path: Path) -> None:
    index = CandidateIndex(NAMES, IndexOptions(shortlist=16))
    path = tmp_path / "index.npz"
    index.save(path)
    loaded = CandidateIndex.load(path)
    queries = ["acme trading", "xinjiang corps", "新疆", "ромашка", ""]
    assert len(loaded) == len(index)
    assert loaded.options == index.options
    assert loaded.search_many(queries) == index.search_many(queries)


def test_load_reads_a_file_saved_before_typo_words_existed(tmp_path: Path) -> None:
    path = tmp_path / "index.npz"
    CandidateIndex(NAMES, IndexOptions(shortlist=16)).save(path)
    with np.load(path) as data:
        arrays = {name: data[name] for name in data.files}
    options = json.loads(str(arrays["options"]))
    del options["typo_words"], options["limit_keys"]
    arrays["options"] = np.array(json.dumps(options))
    with path.open("wb") as fh:
        np.savez(fh, **arrays)
    loaded = CandidateIndex.load(path)
    assert loaded.options == IndexOptions(shortlist=16)  # missing options take today's defaults
    assert loaded.search("acme trading", limit=1) == [(5, 100.0), (6, 100.0)]


def test_save_load_keeps_thorough_options(tmp_path: Path) -> None:
    path = tmp_path / "index.npz"
    CandidateIndex(NAMES, IndexOptions.thorough()).save(path)
    assert CandidateIndex.load(path).options == IndexOptions.thorough()


def test_typo_words_recovers_a_name_whose_rare_word_is_misspelt() -> None:
    # A tiny pool and budget stand in for a million names: only the rarest features are walked.
    keys = ["bykova solar ltd", "ybko ltd", "ybko solar", "obko ltd", "solar ltd", "solar co"]
    keys += ["ivanova ltd", "petrova ltd", "kovac ltd", "kovacs ltd"]  # common trigrams of "bykova"
    tight = IndexOptions(pool=1, shortlist=1, min_grams=1, max_postings=1, typo_words=False)
    query = "ltd ybkova solar"
    assert CandidateIndex(keys, tight).search(query, limit=1)[0][0] != 0
    index = CandidateIndex(keys, IndexOptions(pool=1, shortlist=1, min_grams=1, max_postings=1))
    assert index.search(query, limit=1)[0][0] == 0


@pytest.mark.parametrize("query", ["ltd ybkova solar", "acme", "", "x" * 600, "ybkova 🏭"])
def test_typo_words_keeps_exact_hits_first(query: str) -> None:
    keys = [*NAMES, "bykova solar ltd", "acme"]
    hits = CandidateIndex(keys, IndexOptions.thorough()).search(query)
    assert all(0 < score <= 100 for _, score in hits)
    if query.strip() and query in keys:
        assert hits[0] == (keys.index(query), 100.0)


def test_load_rejects_a_file_that_is_not_an_index(tmp_path: Path) -> None:
    path = tmp_path / "bad.npz"
    path.write_bytes(b"not a zip file")
    with pytest.raises(ValueError):
        CandidateIndex.load(path)


@settings(max_examples=60, deadline=None)
@given(keys=st.lists(_name, min_size=1, max_size=30), pick=st.integers(min_value=0), limit=st.integers(1, 12))
def test_search_exact_key_first_sorted_and_limited(keys: list[str], pick: int, limit: int) -> None:
    query = keys[pick % len(keys)]
    hits = CandidateIndex(keys).search(query, limit=limit)
    assert keys[hits[0][0]] == query
    assert hits[0][1] == 100.0
    found = {keys[p] for p, _ in hits}
    assert len(found) <= limit
    assert {p for p, _ in hits} == {p for p, k in enumerate(keys) if k in found}  # every position
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)
    assert len({p for p, _ in hits}) == len(hits)
    capped = CandidateIndex(keys, IndexOptions(limit_keys=False)).search(query, limit=limit)
    assert len(capped) <= limit
    assert capped == hits[: len(capped)]


@settings(max_examples=60, deadline=None)
@given(keys=st.lists(_name, min_size=1, max_size=40), query=_name)
def test_search_scores_agree_with_exhaustive_wratio(keys: list[str], query: str) -> None:
    # On lists shorter than the shortlist every key sharing a trigram is re-ranked, so the
    # scores must be exactly those of exhaustive search over the keys that share one.
    index = CandidateIndex(keys, IndexOptions.previous())
    grams = set(key_features(query))
    sharing = [k if grams & set(key_features(k)) else "" for k in keys]
    expected = _exhaustive(query, sharing, limit=10)
    assert [s for _, s in index.search(query)] == [s for _, s in expected]


@settings(max_examples=60, deadline=None)
@given(keys=st.lists(_name, min_size=1, max_size=40), query=_name)
def test_typo_words_only_add_candidates(keys: list[str], query: str) -> None:
    # Lists shorter than the shortlist: every key the trigram walk touches is returned either way.
    plain = CandidateIndex(keys, IndexOptions(typo_words=False, joined_words=False)).search(query, limit=64)
    typo = CandidateIndex(keys, IndexOptions(typo_edits=1, joined_words=False)).search(query, limit=64)
    assert set(plain) <= set(typo)
    for pos, score in set(typo) - set(plain):
        assert score == fuzz.WRatio(query, keys[pos])
        # An added key has a word one edit away from a query word of four letters or more.
        assert any(OSA.distance(a, b) == 1 for a in query.split() if len(a) >= 4 for b in keys[pos].split())


# A tiny pool and budget stand in for a million names: only the rarest query feature is walked, so
# a name is found only when one of its own features is the rarest one the query walks.
_TIGHT = IndexOptions(pool=1, shortlist=1, min_grams=1, max_postings=1)


def test_typo_words_find_pugh_plc_from_pguh_plc() -> None:
    keys = ["pugh plc", "guha plc", "guha ltd", "pgu ltd", "pgu co", "uhp plc", "plc"]
    query = "pguh plc"
    assert CandidateIndex(keys, replace(_TIGHT, typo_words=False)).search(query, 1)[0][0] != 0
    assert CandidateIndex(keys, _TIGHT).search(query, limit=1)[0][0] == 0


# Every word and trigram of the queries below is on at least two decoys; only "seafood" is rare.
_SEAFOOD = ["om seafood inc", "seafoo ltd", "seafoo co", "dinc ltd", "dinc co", "o ltd", "o co"]
_SEAFOOD += ["om ltd", "om co", "sea ltd", "sea co", "food ltd", "food co", "foodinc ltd", "foodinc co"]
_SEAFOOD += ["inc ltd", "inc co"]


@pytest.mark.parametrize("query", ["o seafoo dinc", "om seafoodinc", "om sea food inc"])
def test_joined_words_find_a_name_with_a_space_moved_dropped_or_added(query: str) -> None:
    # Typo words off: here "seafoo" would also find "seafood" one edit away.
    without = CandidateIndex(_SEAFOOD, replace(_TIGHT, typo_words=False, joined_words=False))
    assert without.search(query, limit=1)[0][0] != 0
    joined = CandidateIndex(_SEAFOOD, replace(_TIGHT, typo_words=False, joined_words=True))
    assert joined.search(query, limit=1)[0][0] == 0


def test_joined_words_ignore_splits_into_unlisted_or_tiny_words() -> None:
    index = CandidateIndex(["an ltd", "dersen ltd", "andersen ltd", "ab cd"], _TIGHT)
    counts: dict[int, int] = {}
    index._add_joined_words("andersem abcd", counts)  # "an|dersem": "dersem" unlisted; "ab|cd" too short
    assert counts == {}


@settings(max_examples=60, deadline=None)
@given(keys=st.lists(_name, min_size=1, max_size=40), query=_name)
def test_joined_words_only_add_candidates(keys: list[str], query: str) -> None:
    # Lists shorter than the shortlist: every key the trigram walk touches is returned either way.
    plain = CandidateIndex(keys, IndexOptions(joined_words=False)).search(query, limit=64)
    joined = CandidateIndex(keys, IndexOptions(joined_words=True)).search(query, limit=64)
    assert set(plain) <= set(joined)
    compact = query.replace(" ", "")
    for pos, score in set(joined) - set(plain):
        assert score == fuzz.WRatio(query, keys[pos])
        # An added key has a word that query words join into or split off: a part of the query
        # without spaces that is not itself a query word.
        assert any(w in compact and w not in query.split() for w in keys[pos].split())


def _rewrite(path: Path, change: dict[str, object], drop: tuple[str, ...] = ()) -> None:
    """Rewrite a saved index with some stored arrays or options changed (as another version would)."""
    with np.load(path) as data:
        arrays = {name: data[name] for name in data.files}
    options = json.loads(str(arrays["options"]))
    for name in drop:
        del options[name]
    options |= change.pop("options", {})
    arrays["options"] = np.array(json.dumps(options))
    arrays |= {k: np.asarray(v) for k, v in change.items()}
    with path.open("wb") as fh:
        np.savez(fh, **arrays)


def test_load_reads_a_format_2_file_saved_before_joined_words_existed(tmp_path: Path) -> None:
    path = tmp_path / "index.npz"
    index = CandidateIndex(_SEAFOOD, replace(_TIGHT, joined_words=True))
    index.save(path)
    _rewrite(path, {"version": np.int64(2)}, drop=("joined_words",))
    loaded = CandidateIndex.load(path)
    assert loaded.options == replace(index.options, joined_words=IndexOptions().joined_words)  # the default
    loaded.options = index.options  # the arrays are unchanged: with the same options, the same results
    assert loaded.search("o seafoo dinc", limit=1) == index.search("o seafoo dinc", limit=1)


@pytest.mark.parametrize("version", [1, 4])
def test_load_refuses_other_formats_with_a_clear_message(tmp_path: Path, version: int) -> None:
    path = tmp_path / "index.npz"
    CandidateIndex(NAMES).save(path)
    _rewrite(path, {"version": np.int64(version)})
    with pytest.raises(ValueError, match=f"format {version} .*rebuild the index"):
        CandidateIndex.load(path)


def test_load_refuses_unknown_options_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "index.npz"
    CandidateIndex(NAMES).save(path)
    _rewrite(path, {"options": {"phonetic_keys": True}})
    with pytest.raises(ValueError, match="phonetic_keys.*rebuild the index"):
        CandidateIndex.load(path)


@pytest.mark.parametrize(("query", "source"), [("cnushng ltd", "cunshang ltd"), ("wjema co", "wejman co")])
def test_two_edit_typo_words_find_a_word_with_two_slips(query: str, source: str) -> None:
    # "cnushng" is a transposition and an insertion away from "cunshang": no shared single deletion.
    keys = [
        source,
        "cnus ltd",
        "cnus co",
        "ushng ltd",
        "ushng co",
        "jema ltd",
        "jema co",
        "wje ltd",
        "wje co",
    ]
    keys += ["ltd", "co"]
    one = CandidateIndex(keys, replace(_TIGHT, typo_edits=1)).search(query, limit=1)
    assert one == [] or one[0][0] != 0
    assert CandidateIndex(keys, replace(_TIGHT, typo_edits=2)).search(query, limit=1)[0][0] == 0


@pytest.mark.parametrize("edits", [0, 3, -1])
def test_index_options_refuse_other_typo_edits(edits: int) -> None:
    with pytest.raises(ValueError, match="typo_edits"):
        IndexOptions(typo_edits=edits)


@pytest.mark.parametrize(
    "bad", [{"pool": 0}, {"shortlist": 0}, {"max_query_chars": 0}, {"max_postings": -1}, {"min_grams": -2}]
)
def test_index_options_refuse_budgets_that_leave_nothing_to_search(bad: dict[str, int]) -> None:
    with pytest.raises(ValueError, match=next(iter(bad))):
        IndexOptions(**bad)


def test_select_of_nothing_writes_nothing() -> None:
    for kernels in (load_kernels(True), load_kernels(False)):
        out = np.full(4, -1, dtype=np.int64)
        assert kernels.select(np.ones(3, np.float32), 3, 0, out) == 0 and (out == -1).all()


@settings(max_examples=60, deadline=None)
@given(keys=st.lists(_name, min_size=1, max_size=40), query=_name)
def test_two_edit_typo_words_only_add_candidates(keys: list[str], query: str) -> None:
    # Lists shorter than the shortlist: every key the trigram walk touches is returned either way.
    one = CandidateIndex(keys, IndexOptions(typo_edits=1)).search(query, limit=64)
    two = CandidateIndex(keys, IndexOptions(typo_edits=2)).search(query, limit=64)
    assert set(one) <= set(two)
    for pos, score in set(two) - set(one):
        assert score == fuzz.WRatio(query, keys[pos])
        # An added key has a word two edits away from a query word of five letters or more.
        assert any(OSA.distance(a, b) == 2 for a in query.split() if len(a) >= 5 for b in keys[pos].split())


@pytest.mark.parametrize("compiled", [True, False])
def test_cosines_refuse_a_corrupt_index_and_leave_the_query_buffer_clean(compiled: bool) -> None:
    index = CandidateIndex(_synthetic(200, seed=10))
    fwd, n_features = index._forward, index._postings.shape[0]
    data = fwd.data.copy()
    data[fwd.indptr[3]] = -1.0  # the first weight of key 3
    query, out = np.zeros(n_features, np.float32), np.zeros(5, np.float32)
    pool = np.arange(5, dtype=np.int32)
    gids, weights = np.array([0, 1], np.int64), np.ones(2, np.float32)
    with pytest.raises(ValueError, match="corrupt candidate index"):
        load_kernels(compiled).cosines(
            fwd.indptr, fwd.indices, data, pool, gids, weights, np.float32(1), query, out
        )
    assert not query.any()
