"""The risk model: tiers for typical cases, exact decomposition, exposure and monotonicity."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reference_data.models import ListEntity
from scoring.evidence.weights import EVIDENCE_REVISION
from scoring.risk import RiskEngine, RiskWeights, aggregate_exposure, apply_repeat_factor, assess_findings
from scoring.types import TIERS, FeatureContribution, Finding, MatchResult
from tests.factories import make_record
from tests.scoring.risk_factories import make_listed, make_match, make_snapshot


@pytest.fixture(scope="module")
def engine() -> RiskEngine:
    return RiskEngine(make_snapshot())


CASES = [
    # (record fields, matches, expected tier, a finding code that must be present)
    ({"name": "Ordinary Widgets GmbH", "country": "DE"}, [], "none", None),
    ({"name": "Shanghai Office Supplies", "country": "CN"}, [], "low", "country.tip_tier3"),
    (
        {"name": "Listed Co", "country": "CN"},
        [make_match(make_listed(), 0.95)],
        "severe",
        "entity_list.uflpa",
    ),
    (
        {"name": "Listed Co", "country": "MX"},
        [make_match(make_listed("us_cbp_wro", action="Finding"), 0.9)],
        "severe",
        "entity_list.cbp_finding",
    ),
    ({"name": "Kashgar Trading", "country": "CN"}, [], "high", "region.xinjiang"),
    ({"name": "Plain Co", "address": "新疆乌鲁木齐市", "country": None}, [], "high", "region.xinjiang"),
    ({"name": "Solar Co", "country": "CN", "product": "polysilicon"}, [], "high", "goods.forced_labor"),
    (
        {"name": "Cocoa Co", "country": "CI", "product": "cocoa beans"},
        [],
        "medium",
        "goods.forced_child_labor",
    ),
    ({"name": "Farm Co", "country": "TM", "product": "raw cotton"}, [], "severe", "cbp_rule.region_good"),
    ({"name": "Staffing", "country": "MY", "recruitment_fees_paid_by_workers": True}, [], "medium", None),
]


@pytest.mark.parametrize(("fields", "matches", "tier", "code"), CASES)
def test_assess_tier_expected(
    engine: RiskEngine, fields: dict, matches: list, tier: str, code: str | None
) -> None:
    result = engine.assess(make_record(**fields), matches)
    assert result.tier == tier, [(f.code, f.points) for f in result.findings]
    assert code is None or code in {f.code for f in result.findings}


def test_assess_decomposition_exact(engine: RiskEngine) -> None:
    record = make_record(name="Kashgar Cotton", country="CN", product="cotton T-shirts", is_intermediary=True)
    result = engine.assess(record, [make_match(make_listed(), 0.7)])
    total = sum(f.points for f in result.findings)
    assert result.total_points == pytest.approx(total, abs=1e-3)
    assert result.score == pytest.approx(100 * (1 - math.exp(-total / engine.weights.k)), abs=0.01)


def test_assess_finding_carries_frameworks(engine: RiskEngine) -> None:
    result = engine.assess(make_record(country="CN"), [make_match(make_listed(), 0.9)])
    top = result.findings[0]
    assert top.code == "entity_list.uflpa"
    assert 24 in top.ungp and "P28-ACCOUNT" in top.p28 and "uflpa" in top.laws
    assert top.actions[-1] == "responsible_disengagement"
    assert top.evidence[0].source_id == "us_dhs_uflpa" and top.evidence[0].source_version == "20240101000000"
    assert "partial" in top.sentence


def test_assess_match_probability_scales_points(engine: RiskEngine) -> None:
    strong = engine.assess(make_record(country="DE"), [make_match(make_listed(), 0.9)])
    weak = engine.assess(make_record(country="DE"), [make_match(make_listed(), 0.6)])
    assert strong.total_points == pytest.approx(120 * 0.9) and weak.total_points == pytest.approx(120 * 0.6)


def test_assess_below_threshold_match_ignored(engine: RiskEngine) -> None:
    result = engine.assess(make_record(country="DE"), [make_match(make_listed(), 0.4)])
    assert result.findings == () and result.tier == "none"


def test_assess_historical_cbp_weighs_less(engine: RiskEngine) -> None:
    active = engine.assess(make_record(country="DE"), [make_match(make_listed("us_cbp_wro"), 0.9)])
    old = engine.assess(
        make_record(country="DE"), [make_match(make_listed("us_cbp_wro", status="historical"), 0.9)]
    )
    assert old.findings[0].code == "entity_list.cbp_historical" and old.total_points < active.total_points


def _sister(entity: ListEntity, score: float = 0.37) -> MatchResult:
    """A near-miss the match model reads as a sister company (sibling_words = 1)."""
    sibling = FeatureContribution("sibling_words", 1.0, -0.78, "sister companies")
    return replace(make_match(entity, score), contributions=(sibling,))


def test_assess_group_company_of_a_listed_entity(engine: RiskEngine) -> None:
    # Below the threshold, read as a sister company of a UFLPA entity: its own finding, 40 points.
    result = engine.assess(make_record(name="Listed Group Co", country=None), [_sister(make_listed())])
    assert [(f.code, f.points) for f in result.findings] == [("entity_list.group", 40.0)]
    assert result.tier == "high" and "sister company" in result.findings[0].sentence
    assert result.findings[0].evidence[0].record == make_listed().entity_id
    # Not a sister company (no sibling_words), another country, or a list without legal effect: nothing.
    plain = engine.assess(make_record(country=None), [make_match(make_listed(), 0.37)])
    abroad = engine.assess(make_record(country="DE"), [_sister(make_listed(country="CN"))])
    custom = engine.assess(make_record(country=None), [_sister(make_listed("my_watchlist"))])
    old = engine.assess(make_record(country=None), [_sister(make_listed("us_cbp_wro", status="historical"))])
    assert plain.findings == abroad.findings == custom.findings == old.findings == ()


def test_assess_custom_list_code(engine: RiskEngine) -> None:
    result = engine.assess(make_record(country="DE"), [make_match(make_listed("my_watchlist"), 0.9)])
    assert result.findings[0].code == "entity_list.custom"
    assert result.findings[0].evidence[0].source_version == "custom"


def test_assess_exposure_value(engine: RiskEngine) -> None:
    result = engine.assess(make_record(country="CN", value=1000.0, currency="USD"), [])
    assert result.exposure_value == pytest.approx(1000.0 * result.score / 100, abs=0.01)
    assert engine.assess(make_record(country="CN"), []).exposure_value is None


def test_aggregate_exposure_by_currency(engine: RiskEngine) -> None:
    rows = [
        make_record(country="CN", value=100.0, currency="usd"),
        make_record(country="DE", value=50.0, currency="USD"),
        make_record(country="DE", value=10.0, currency="EUR"),
        make_record(country="DE"),
    ]
    totals = aggregate_exposure((r, engine.assess(r, [])) for r in rows)
    assert set(totals) == {"USD", "EUR"}
    assert totals["USD"].rows == 2 and totals["USD"].spend == 150.0
    assert totals["USD"].spend_by_tier["low"] == 100.0 and totals["USD"].spend_by_tier["none"] == 50.0
    assert 0 < totals["USD"].exposure_share < 1


def test_model_version_format(engine: RiskEngine) -> None:
    name, digest = engine.model_version.split("+")
    assert name == "risk-v1" and len(digest) == 8 and int(digest, 16) >= 0


def test_shipped_weights_stand_for_the_evidence_rules_of_this_code() -> None:
    # A changed rule (a place added to the Xinjiang list) must come with a new artefact, so results of
    # the new rules carry a new model version; artefacts written before the field are revision 1.
    assert RiskWeights.load().evidence_revision == EVIDENCE_REVISION
    assert RiskWeights.from_dict({**RiskWeights.load().raw, "evidence_revision": 1}).evidence_revision == 1


def test_weights_tier_cutoffs_monotone() -> None:
    weights = RiskWeights.load()
    scores = [weights.tier_cutoffs[t] for t in TIERS[1:]]
    assert scores == sorted(scores)
    assert [weights.tier(s) for s in scores] == list(TIERS[1:])
    assert weights.tier(0.0) == "none"


def test_repeat_factor_halves_further_findings_of_a_type() -> None:
    def f(points: float) -> Finding:
        return Finding(type="goods", code="goods.forced_labor", points=points, sentence="s.")

    out = apply_repeat_factor([f(10.0), f(30.0), Finding("country", "country.tip_tier3", 5.0, "s.")], 0.5)
    assert [x.points for x in out] == [30.0, 5.0, 5.0]


findings_st = st.lists(
    st.builds(
        Finding,
        type=st.sampled_from(["entity_list", "goods", "country", "attribute"]),
        code=st.just("x"),
        points=st.floats(min_value=0, max_value=200, allow_nan=False),
        sentence=st.just("s."),
    ),
    max_size=8,
)


@settings(max_examples=100, deadline=None)
@given(base=findings_st, extra=findings_st)
def test_adding_findings_never_lowers_score(base: list[Finding], extra: list[Finding]) -> None:
    weights = RiskWeights.load()
    before = assess_findings(apply_repeat_factor(base, weights.repeat_factor), weights)
    after = assess_findings(apply_repeat_factor(base + extra, weights.repeat_factor), weights)
    assert after.score >= before.score - 1e-9
    assert TIERS.index(after.tier) >= TIERS.index(before.tier)


record_st = st.fixed_dictionaries(
    {
        "country": st.sampled_from([None, "CN", "TM", "CI", "DE", "MY"]),
        "product": st.sampled_from(["", "cotton", "polysilicon", "cocoa", "steel bolts", "T-shirts"]),
        "address": st.sampled_from(["", "Hotan, Xinjiang", "Berlin"]),
    }
)
adverse_st = st.fixed_dictionaries(
    {
        "recruitment_fees_paid_by_workers": st.sampled_from([None, True]),
        "identity_documents_retained": st.sampled_from([None, True]),
        "migrant_worker_share": st.sampled_from([None, 0.3, 0.9]),
        "ilo_indicators": st.sampled_from([(), ("debt bondage",), ("deception", "isolation")]),
        "is_intermediary": st.sampled_from([None, True]),
    }
)


@settings(max_examples=60, deadline=None)
@given(fields=record_st, adverse=adverse_st, with_match=st.booleans())
def test_engine_adverse_evidence_never_lowers_score(fields: dict, adverse: dict, with_match: bool) -> None:
    engine = RiskEngine(make_snapshot())
    matches = [make_match(make_listed(), 0.8)] if with_match else []
    before = engine.assess(make_record(**fields), [])
    after = engine.assess(make_record(**fields, **adverse), matches)
    assert after.score >= before.score
    total = sum(f.points for f in after.findings)
    assert after.score == pytest.approx(100 * (1 - math.exp(-total / engine.weights.k)), abs=0.01)
