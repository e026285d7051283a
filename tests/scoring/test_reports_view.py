"""The report's content: counts, ordering, money per currency, score decomposition, frameworks."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.reports import ReportOptions, build_view, parse_results
from tests.scoring.reports_factories import make_doc, make_finding, make_row


def test_build_view_counts_tiers_and_orders_flagged_by_score() -> None:
    view = build_view(
        parse_results(
            make_doc(
                make_row(1, tier="high", score=60.0),
                make_row(2, tier="severe", score=95.0),
                make_row(3, tier="low", score=12.0),
                make_row(4, tier="none", score=0.0),
            )
        )
    )
    assert dict(view.by_tier) == {"severe": 1, "high": 1, "medium": 0, "low": 1, "none": 1}
    assert [s.row for s in view.sections] == [2, 1]
    assert view.flagged == 2


@pytest.mark.parametrize(("min_tier", "expected"), [("low", 3), ("medium", 2), ("severe", 1)])
def test_build_view_min_tier_sets_flagged(min_tier: str, expected: int) -> None:
    rows = [make_row(1, "severe", 95.0), make_row(2, "medium", 40.0), make_row(3, "low", 11.0)]
    view = build_view(parse_results(make_doc(*rows)), ReportOptions(min_tier=min_tier))
    assert view.flagged == expected


def test_build_view_max_sections_moves_the_rest_to_overflow() -> None:
    rows = [make_row(n, "severe", 90.0 - n) for n in range(1, 6)]
    view = build_view(parse_results(make_doc(*rows)), ReportOptions(max_sections=2))
    assert [s.row for s in view.sections] == [1, 2]
    assert [s.row for s in view.overflow] == [3, 4, 5]


def test_build_view_totals_each_currency_separately() -> None:
    def valued(value: float, currency: str) -> dict[str, object]:
        return {"name": "x", "value": value, "currency": currency}

    rows = [
        make_row(1, "severe", 50.0, input=valued(100.0, "usd"), exposure_value=50.0),
        make_row(2, "none", 0.0, input=valued(300.0, "EUR"), exposure_value=0.0),
        make_row(3, "high", 60.0, input=valued(10.0, "USD"), exposure_value=6.0),
    ]
    view = build_view(parse_results(make_doc(*rows)))
    totals = {c.currency: (c.suppliers, c.spend, c.spend_flagged, c.exposure) for c in view.currencies}
    assert totals == {"USD": (2, 110.0, 110.0, 56.0), "EUR": (1, 300.0, 0.0, 0.0)}
    assert view.chart_currency == "USD"


def test_build_view_lists_hit_counts_matched_suppliers() -> None:
    match = {"entity_id": "e1", "list": "us_dhs_uflpa", "list_title": "UFLPA Entity List", "is_match": True}
    below = {**match, "list": "us_cbp_wro", "is_match": False}
    doc = make_doc(make_row(1, matches=[match, below]), make_row(2, matches=[match]))
    view = build_view(parse_results(doc))
    assert view.lists_hit == (("us_dhs_uflpa", "UFLPA Entity List", 2),)
    assert {r.source.id: r.hits for r in view.sources} == {"us_dhs_uflpa": 2}


def test_build_section_frameworks_in_catalogue_order() -> None:
    view = build_view(parse_results(make_doc(make_row(1))))
    section = view.sections[0]
    assert [p.id for p in section.ungp] == ["13", "17"]
    assert [a.id for a in section.actions][0] == "confirm_identity"  # stage 1 comes first
    assert section.laws[0].title == "Uyghur Forced Labor Prevention Act"


def test_build_section_unknown_code_keeps_its_id() -> None:
    finding = make_finding("entity_list.brand_new", laws=["future_law"], p28=["P99"])
    section = build_view(parse_results(make_doc(make_row(1, findings=[finding])))).sections[0]
    assert section.findings[0].title == "entity_list.brand_new"
    assert [law.id for law in section.laws] == ["future_law"]
    assert [c.id for c in section.p28] == ["P99"]


def test_build_section_points_that_do_not_add_up_are_flagged() -> None:
    section = build_view(parse_results(make_doc(make_row(1, total_points=150.0)))).sections[0]
    assert not section.points_add_up


def test_build_section_unbundled_weights_say_so() -> None:
    section = build_view(parse_results(make_doc(make_row(1)))).sections[0]
    assert "not bundled" in section.formula


def test_report_options_rejects_unknown_tier() -> None:
    with pytest.raises(ValueError, match="unknown tier"):
        ReportOptions(min_tier="extreme")


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=200, allow_nan=False), min_size=1, max_size=6))
def test_build_section_decomposition_adds_up(points: list[float]) -> None:
    findings = [make_finding(f"goods.code_{i}", round(p, 4)) for i, p in enumerate(points)]
    row = make_row(1, findings=findings)
    section = build_view(parse_results(make_doc(row))).sections[0]
    assert section.points_add_up
    assert [f.points for f in section.findings] == [round(p, 4) for p in points]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(["none", "low", "medium", "high", "severe"]), max_size=12), st.integers(0, 5))
def test_build_view_sections_and_overflow_partition_flagged(tiers: list[str], cap: int) -> None:
    rows = [make_row(n, t, {"none": 0.0, "low": 15.0}.get(t, 80.0)) for n, t in enumerate(tiers, start=1)]
    view = build_view(parse_results(make_doc(*rows)), ReportOptions(max_sections=cap))
    shown = [s.row for s in view.sections] + [s.row for s in view.overflow]
    assert sorted(shown) == [n for n, t in enumerate(tiers, start=1) if t in ("medium", "high", "severe")]
    assert len(view.sections) <= cap
