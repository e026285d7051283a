"""Calibration measures of the evaluation report: reliability bins, Brier score, ECE."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.evalsets import Pair
from scoring.evaluation.calibration import Bin, brier, expected_calibration_error, reliability, summary
from scoring.evaluation.report import _calibration_section
from scoring.model import MatchModel

SCORED = [(0.1, False), (0.15, True), (0.9, True), (1.0, True), (0.85, False)]


def test_reliability_bins_by_hand() -> None:
    bins = reliability(SCORED, bins=5)
    assert [(b.low, b.high, b.n) for b in bins] == [(0.0, 0.2, 2), (0.8, 1.0, 3)]  # 1.0 joins the last bin
    assert bins[0].mean_score == pytest.approx(0.125) and bins[0].match_rate == pytest.approx(0.5)
    assert bins[1].mean_score == pytest.approx(2.75 / 3) and bins[1].match_rate == pytest.approx(2 / 3)


def test_ece_and_brier_by_hand() -> None:
    # ECE: 2/5 * |0.125 - 0.5| + 3/5 * |0.9167 - 0.6667| = 0.15 + 0.15
    assert expected_calibration_error(SCORED, bins=5) == pytest.approx(0.30)
    # Brier: (0.01 + 0.7225 + 0.01 + 0 + 0.7225) / 5
    assert brier(SCORED) == pytest.approx(0.293)
    m = summary(SCORED)
    assert m["n"] == 5 and m["match_share"] == pytest.approx(0.6) and m["mean_score"] == pytest.approx(0.6)


def test_empty_and_invalid_input() -> None:
    assert reliability([]) == [] and expected_calibration_error([]) == 0.0 and brier([]) == 0.0
    with pytest.raises(ValueError, match="bins"):
        reliability(SCORED, bins=0)


@given(
    st.lists(st.tuples(st.floats(0.0, 1.0), st.booleans()), max_size=60),
    st.integers(1, 12),
)
def test_measures_stay_in_range_and_bins_cover_every_pair(
    scored: list[tuple[float, bool]], bins: int
) -> None:
    found = reliability(scored, bins)
    assert sum(b.n for b in found) == len(scored)
    assert all(b.low <= b.mean_score <= b.high and 0.0 <= b.match_rate <= 1.0 for b in found)
    assert 0.0 <= expected_calibration_error(scored, bins) <= 1.0
    assert 0.0 <= brier(scored) <= 1.0


@given(st.lists(st.booleans(), min_size=1, max_size=40))
def test_certain_and_right_scores_are_perfectly_calibrated(labels: list[bool]) -> None:
    scored = [(float(y), y) for y in labels]
    assert expected_calibration_error(scored) == 0.0 and brier(scored) == 0.0
    assert all(isinstance(b, Bin) for b in reliability(scored))


def test_report_section_lists_each_set_and_the_pooled_bins() -> None:
    pairs = [
        Pair(
            "name_bench",
            ("Hoshine Silicon Industry Co., Ltd.",),
            ("Hoshine Silicon Industry Co Ltd",),
            True,
            "test",
        ),
        Pair(
            "name_bench",
            ("Hoshine Silicon Industry Co., Ltd.",),
            ("Top Glove Corporation Bhd",),
            False,
            "test",
        ),
    ]
    lines = _calibration_section(MatchModel.load(), {"name_bench org-like": pairs, "other": pairs[:1]})
    rows = [line for line in lines if line.startswith("| name_bench org-like | test | 2 | 0.500 |")]
    assert len(rows) == 1 and any(line.startswith("| other | test | 1 | 1.000 |") for line in lines)
    pooled = [line for line in lines if line.startswith("| test | 0.")]
    assert sum(int(line.split("|")[3]) for line in pooled) == 2  # only the pooled set's two pairs
