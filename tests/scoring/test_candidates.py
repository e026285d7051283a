"""Tests for the trigram candidate index."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

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
    hits = CandidateIndex(NAMES).search("acme trading", limit=2)
    assert hits == [(5, 100.0), (6, 100.0)]


@pytest.mark.parametrize("query", ["", "   ", "\t\n", "zzzzqqqq"])
def test_search_without_usable_query_is_empty(query: str) -> None:
    assert CandidateIndex(NAMES).search(query) == []


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


def test_search_many_equals_search_per_query() -> None:
    index = CandidateIndex(NAMES)
    queries = ["acme", "xinjiang", "", "hefei bitland", "新疆"]
    assert index.search_many(queries, limit=3) == [index.search(q, limit=3) for q in queries]


def test_save_load_round_trip_gives_identical_results(tmp_path: Path) -> None:
    index = CandidateIndex(NAMES, IndexOptions(shortlist=16))
    path = tmp_path / "index.npz"
    index.save(path)
    loaded = CandidateIndex.load(path)
    queries = ["acme trading", "xinjiang corps", "新疆", "ромашка", ""]
    assert len(loaded) == len(index)
    assert loaded.options == index.options
    assert loaded.search_many(queries) == index.search_many(queries)


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
    assert len(hits) <= limit
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)
    assert len({p for p, _ in hits}) == len(hits)


@settings(max_examples=60, deadline=None)
@given(keys=st.lists(_name, min_size=1, max_size=40), query=_name)
def test_search_scores_agree_with_exhaustive_wratio(keys: list[str], query: str) -> None:
    # On lists shorter than the shortlist every key sharing a trigram is re-ranked, so the
    # scores must be exactly those of exhaustive search over the keys that share one.
    index = CandidateIndex(keys)
    grams = set(key_features(query))
    sharing = [k if grams & set(key_features(k)) else "" for k in keys]
    expected = _exhaustive(query, sharing, limit=10)
    assert [s for _, s in index.search(query)] == [s for _, s in expected]
