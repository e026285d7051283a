"""Tests for trading and former names written into one name field."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.alternate_names import alternate_names
from scoring.matcher import compare_names
from scoring.model import MatchModel
from scoring.normalize import parse_name


@pytest.mark.parametrize(
    ("name", "names"),
    [
        ("Acme Ltd t/a Beta Textiles", ("Acme Ltd", "Beta Textiles")),
        ("Acme Ltd trading as Beta Textiles", ("Acme Ltd", "Beta Textiles")),
        ("Acme LLC d/b/a Beta Textiles", ("Acme LLC", "Beta Textiles")),
        ("Acme LLC DBA: Beta", ("Acme LLC", "Beta")),
        ("Beta Textiles (a.k.a. Acme)", ("Beta Textiles", "Acme")),
        ("Acme Limited (formerly Beta Limited)", ("Acme Limited", "Beta Limited")),
        ("Acme Limited, formerly Beta Limited", ("Acme Limited", "Beta Limited")),
        (
            "Acme Textiles Ltd (formerly known as Beta Textiles Ltd)",
            ("Acme Textiles Ltd", "Beta Textiles Ltd"),
        ),
        ("Acme Corp f/k/a Beta Corp a/k/a Gamma", ("Acme Corp", "Beta Corp", "Gamma")),
        ("Acme Inc. (f.k.a. Beta Inc.)", ("Acme Inc.", "Beta Inc.")),
    ],
)
def test_a_name_field_is_split_at_each_trading_or_former_name(name: str, names: tuple[str, ...]) -> None:
    assert alternate_names(name) == names


@pytest.mark.parametrize(
    "name",
    [
        "DBA Group",  # the marker starts the name: no name before it
        "Nordic Trading AS",  # "Trading AS" is a word and a Norwegian legal form, with nothing after
        "Osaka Aka Co",  # a bare "aka" is a word (赤, red), not a marker
        "Previously Owned Cars Ltd",
        "Acme Ltd (formerly)",  # nothing after the marker
        "Acme (Hong Kong) Limited",
        "",
    ],
)
def test_names_without_a_written_in_name_stay_whole(name: str) -> None:
    assert alternate_names(name) == (name,)


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=80)
    | st.lists(
        st.sampled_from(["Acme", "Ltd", "t/a", "dba", "(formerly", ")", "Beta", "a.k.a."]), max_size=8
    ).map(" ".join)
)
def test_alternate_names_is_total_and_every_extra_part_is_a_name(text: str) -> None:
    names = alternate_names(text)
    assert names and names == alternate_names(text)
    assert len(names) == 1 or all(parse_name(n).core for n in names)


def test_compare_scores_the_best_pair_of_names_and_says_which() -> None:
    model = MatchModel.load()
    before = compare_names(model, "Acme Holdings Ltd", "Beta Textiles")  # no written-in name: unchanged
    result = compare_names(model, "Acme Holdings Ltd t/a Beta Textiles", "Beta Textiles")
    assert before.score < model.threshold <= result.score
    assert (result.compared1, result.compared2) == ("Beta Textiles", "")
    assert (before.compared1, before.compared2) == ("", "")
