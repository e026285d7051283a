"""Word-level comparison: when two tokens count as the same word."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.words import same_word, unmatched


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("huafu", "huafy", True),  # one edit in a five-letter word
        ("textiles", "textile", True),
        ("joynt", "joint", True),
        ("sato", "santos", False),  # two edits: a surname is not another surname
        ("zara", "zora", False),  # one-letter brand differences in short words stay apart
        ("abc", "abd", False),  # under four letters only equal words count
        ("petrochemical", "petromechanical", True),  # long words tolerate more (the model weighs it)
    ],
)
def test_same_word_cases(a: str, b: str, same: bool) -> None:
    assert same_word(a, b) is same
    assert same_word(b, a) is same


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=0, max_size=12)


@given(words, words)
def test_same_word_is_symmetric_and_reflexive(a: str, b: str) -> None:
    assert same_word(a, b) == same_word(b, a)
    assert same_word(a, a)


@given(st.lists(words, max_size=5), st.lists(words, max_size=5))
def test_unmatched_counts_within_bounds(a: list[str], b: list[str]) -> None:
    assert 0 <= unmatched(a, b) <= len(a)
    assert unmatched(a, a) == 0
