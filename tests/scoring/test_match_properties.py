"""Invariants of the match model (hypothesis)."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from scoring.features import feature_vector, make_side
from scoring.model import MatchModel
from scoring.normalize import normalize

MODEL = MatchModel.load()
names = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
company = st.lists(
    st.sampled_from(["acme", "xinjiang", "textile", "co", "ltd", "gmbh", "华为", "No. 2", "(HK)"]),
    min_size=1,
    max_size=5,
).map(" ".join)


def _p(
    a: str,
    b: str,
    ca: str | None = None,
    cb: str | None = None,
    ia: tuple[tuple[str, str], ...] = (),
    ib: tuple[tuple[str, str], ...] = (),
) -> float:
    return MODEL.predict(feature_vector(make_side(a, ca, ia), make_side(b, cb, ib))).probability


@settings(max_examples=80, deadline=None)
@given(names, names)
def test_scores_in_unit_interval(a: str, b: str) -> None:
    assert 0.0 <= _p(a, b) <= 1.0


@settings(max_examples=80, deadline=None)
@given(st.one_of(names, company))
def test_identical_names_reach_threshold(name: str) -> None:
    assume(normalize(name))
    assert _p(name, name) >= MODEL.threshold


@settings(max_examples=60, deadline=None)
@given(st.one_of(names, company), st.one_of(names, company))
def test_country_conflict_never_raises_probability(a: str, b: str) -> None:
    assert _p(a, b, "CN", "US") <= _p(a, b) + 1e-12
    assert _p(a, b, "CN", "US") <= _p(a, b, "CN", "CN") + 1e-12


@settings(max_examples=60, deadline=None)
@given(st.one_of(names, company), st.one_of(names, company))
def test_identifier_conflict_never_raises_probability(a: str, b: str) -> None:
    ia, ib = (("duns", "150483782"),), (("duns", "150483783"),)
    assert _p(a, b, ia=ia, ib=ib) <= _p(a, b) + 1e-12
