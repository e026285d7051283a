"""Evidence modules: region, goods x country, CBP rules, country indicators and supplier attributes."""

from __future__ import annotations

import pytest

from scoring.evidence import attributes, cbp_rules, country, goods, region
from scoring.evidence.context import EvidenceContext
from scoring.evidence.weights import RiskWeights
from scoring.frameworks import load_catalogue
from tests.factories import make_record
from tests.scoring.risk_factories import make_snapshot

XJ_USCC = "91650100MA77XXXXXX"  # placeholder shape; validity is checked by scoring.identifiers


@pytest.fixture(scope="module")
def ctx() -> EvidenceContext:
    return EvidenceContext(make_snapshot(), RiskWeights.load(), load_catalogue())


REGION_CASES = [
    ({"name": "Xinjiang Hengsheng Textiles"}, "region.xinjiang"),
    ({"name": "Acme", "address": "No. 5 Road, Urumqi", "country": "CN"}, "region.xinjiang"),
    ({"name": "Acme", "address": "Ürümqi", "country": None}, "region.xinjiang"),
    ({"name": "喀什某某纺织有限公司", "country": "CN"}, "region.xinjiang"),
    ({"name": "Acme", "address": "新疆维吾尔自治区"}, "region.xinjiang"),
    ({"name": "XPCC 8th Division Cotton Co", "country": "CN"}, "region.xpcc"),
    ({"name": "新疆生产建设兵团第一师", "country": "CN"}, "region.xpcc"),
    # "&" is "and": this read as Xinjiang only before
    (
        {"name": "Xinjiang Production & Construction Corps 1st Division Cotton Co", "country": "CN"},
        "region.xpcc",
    ),
    ({"name": "Aksu Steel LLP", "country": "KZ"}, None),  # Aksu is also a city in Kazakhstan
    ({"name": "Hami Melon Imports", "country": "US"}, None),
    ({"name": "Ordinary Widgets", "address": "Berlin", "country": "DE"}, None),
    ({"name": "Plain Co", "product": "Xinjiang cotton yarn", "country": "VN"}, "region.xinjiang"),
    ({"name": "Acme", "address": "No. 5 Road, Sinkiang", "country": None}, "region.xinjiang"),  # 1906 postal
    ({"name": "Acme Cotton", "address": "Aral City", "country": "CN"}, "region.xinjiang"),  # an XPCC city
    ({"name": "Aral Fisheries LLP", "country": "KZ"}, None),  # Aral is also a town in Kazakhstan
    ({"name": "Acme", "address": "Yining, Ili", "country": "CN"}, "region.xinjiang"),
    ({"name": "博尔塔拉某某棉业有限公司", "country": "CN"}, "region.xinjiang"),  # Bortala prefecture
    # County-level divisions (scoring/data/xinjiang_counties.csv): the full Chinese name, or the pinyin
    # followed by its kind, and the Latin form only for Chinese or unknown-country records.
    ({"name": "Acme", "address": "新疆和田地区洛浦县"}, "region.xinjiang"),
    ({"name": "鄯善县某某硅业有限公司", "country": "CN"}, "region.xinjiang"),
    (
        {"name": "Acme Textile", "address": "No. 8 Jiefang Road, Luopu County", "country": "CN"},
        "region.xinjiang",
    ),
    ({"name": "Acme Textile", "address": "Luopu Xian", "country": None}, "region.xinjiang"),
    ({"name": "Acme Textile", "address": "Luopu County", "country": "US"}, None),
    # CC-CEDICT's English names and readings of the counties: Lop County (洛浦), Yarkand County and
    # Shache County (莎车, 莎 read sha there); not Bay County (拜城's "Bay nahiyisi" is an English word).
    ({"name": "Lop County Meixin Hair Products", "country": "CN"}, "region.xinjiang"),
    ({"name": "Acme", "address": "Yarkand County", "country": None}, "region.xinjiang"),
    ({"name": "Acme", "address": "Shache County", "country": "CN"}, "region.xinjiang"),
    ({"name": "Bay County Electric", "country": "US"}, None),
    ({"name": "Bay County Electric", "country": None}, None),
    ({"name": "民丰特种纸股份有限公司", "country": "CN"}, None),  # Minfeng the paper maker, not 民丰县
    ({"name": "Acme", "address": "Jiaxing Minfeng Road", "country": "CN"}, None),  # a bare pinyin name
]


@pytest.mark.parametrize(("fields", "code"), REGION_CASES)
def test_region_detects_xinjiang(ctx: EvidenceContext, fields: dict, code: str | None) -> None:
    found = region.find(ctx, make_record(**fields))
    assert [f.code for f in found] == ([code] if code else [])


def test_region_cites_xuar_order(ctx: EvidenceContext) -> None:
    found = region.find(ctx, make_record(name="Hotan Foods", country="CN"))
    assert any(e.record == "us_cbp_wro:xuar" for e in found[0].evidence)


def test_region_uscc_division_65(ctx: EvidenceContext, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(region, "is_xinjiang_uscc", lambda code: code == XJ_USCC)
    found = region.find(ctx, make_record(name="Plain Co", country="CN", identifiers=(("uscc", XJ_USCC),)))
    assert found[0].code == "region.xinjiang" and found[0].evidence[0].record == f"identifier={XJ_USCC}"


GOODS_CASES = [
    ({"country": "CN", "product": "Solar-grade silicon"}, {"goods.forced_labor", "goods.uflpa_sector"}),
    ({"country": "CN", "hs_code": "2804610000"}, {"goods.forced_labor", "goods.uflpa_sector"}),
    ({"country": "CN", "product": "PV modules 550W"}, {"goods.listed_input", "goods.uflpa_sector"}),
    ({"country": "CN", "product": "cotton T-shirts"}, {"goods.forced_child_labor", "goods.forced_labor",
                                                        "goods.uflpa_sector"}),
    ({"country": "CI", "product": "Cocoa beans"}, {"goods.forced_child_labor", "goods.eo13126"}),
    ({"country": "CI", "hs_code": "180100"}, {"goods.forced_child_labor", "goods.eo13126"}),
    ({"country": "DE", "product": "cotton T-shirts"}, set()),
    ({"country": "VN", "product": "aluminium extrusions", "address": "Xinjiang"}, {"goods.uflpa_sector"}),
    ({"country": "CN", "product": "office chairs"}, set()),
    ({"country": None, "product": "cocoa"}, set()),
]  # fmt: skip


@pytest.mark.parametrize(("fields", "codes"), GOODS_CASES)
def test_goods_country_findings(ctx: EvidenceContext, fields: dict, codes: set[str]) -> None:
    assert {f.code for f in goods.find(ctx, make_record(**fields))} == codes


def test_goods_uflpa_sector_cites_strategy(ctx: EvidenceContext) -> None:
    found = [f for f in goods.find(ctx, make_record(country="CN", product="PVC resin")) if f.type == "goods"]
    assert found and found[0].evidence[0].url.startswith("https://www.dhs.gov/")
    assert "2024 Update" in found[0].sentence and "2024-07-09" in found[0].sentence


CBP_CASES = [
    ({"country": "TM", "product": "cotton lint"}, [("cbp_rule.region_good", 60.0)]),
    ({"country": "TM", "product": "wheat"}, []),
    ({"country": "CD", "product": "gold dore"}, [("cbp_rule.region_good", 30.0)]),
    ({"country": "CN", "product": "anything", "address": "Urumqi"}, []),  # reported by the region finding
    ({"country": "CN", "name": "Acme Holdings Shenzhen Ltd"}, [("cbp_rule.group", 60.0)]),
    ({"country": "CN", "name": "Apex Holdings Ltd"}, []),
    ({"country": "CN", "name": "Acme Solar (Jiaxing) Co"}, [("cbp_rule.group", 60.0)]),
]


@pytest.mark.parametrize(("fields", "expected"), CBP_CASES)
def test_cbp_rules_match(ctx: EvidenceContext, fields: dict, expected: list[tuple[str, float]]) -> None:
    found = cbp_rules.find(ctx, make_record(**fields), [])
    assert [(f.code, f.points) for f in found] == expected


COUNTRY_CASES = [
    ("CN", {"country.tip_tier3"}),
    ("MY", {"country.tip_watch_list"}),
    ("DZ", set()),  # only in the 2024 report: absent from the newest year means unknown
    ("DE", set()),  # absence never means Tier 1
    ("XK", {"country.ilab_no_advancement", "country.palermo_not_ratified"}),
    ("CI", set()),
]


@pytest.mark.parametrize(("code", "expected"), COUNTRY_CASES)
def test_country_indicators(ctx: EvidenceContext, code: str, expected: set[str]) -> None:
    found = country.find(ctx, make_record(country=code))
    assert {f.code for f in found} == expected
    assert all("Tier 1" not in f.sentence for f in found)


def test_attributes_map_to_ilo_indicators(ctx: EvidenceContext) -> None:
    record = make_record(
        recruitment_fees_paid_by_workers=True,
        identity_documents_retained=True,
        migrant_worker_share=40,
        ilo_indicators=("Debt bondage", "9", "excessive overtime", "not an indicator"),
        is_intermediary=True,
    )
    found = {f.code: f for f in attributes.find(ctx, record)}
    assert found["attribute.recruitment_fees"].ilo_indicators == ("debt_bondage",)
    assert "P28-RECRUIT" in found["attribute.recruitment_fees"].p28
    assert found["attribute.identity_documents"].ilo_indicators == ("retention_of_identity_documents",)
    assert found["attribute.migrant_share"].points == pytest.approx(15 * 0.4)
    assert "P24a" in found["attribute.migrant_share"].p28
    assert "P28-ACCOUNT" in found["attribute.intermediary"].p28
    audited = [f for f in attributes.find(ctx, record) if f.code == "attribute.ilo_indicator"]
    assert [f.ilo_indicators for f in audited] == [("debt_bondage",), ("excessive_overtime",)]


def test_attributes_absent_or_false_add_nothing(ctx: EvidenceContext) -> None:
    record = make_record(recruitment_fees_paid_by_workers=False, identity_documents_retained=None,
                         migrant_worker_share=0.0, is_intermediary=False)  # fmt: skip
    assert attributes.find(ctx, record) == []


def test_remediation_never_penalises_workers(ctx: EvidenceContext) -> None:
    text = " ".join(a.text for a in ctx.catalogue.actions).casefold()
    assert "never penalised" in text and "report them to immigration" not in text


def test_group_company_finding_on_the_bundled_lists() -> None:
    # Screening end to end (round 46): the parent of a UFLPA-listed company is not that company, and the
    # screen says what it may be; a WRO parent whose order names its subsidiaries keeps its own finding.
    from scoring import Screener

    screener = Screener.default()
    group = screener.screen(make_record(name="Xinjiang Zhongtai Group Co., Ltd.", country="CN"))
    codes = [f.code for f in group.assessment.findings]
    assert (
        "entity_list.group" in codes
        and "entity_list.uflpa" not in codes
        and group.assessment.tier == "severe"
    )
    finding = next(f for f in group.assessment.findings if f.code == "entity_list.group")
    assert "Xinjiang Zhongtai Chemical Co., Ltd." in finding.sentence
    assert finding.evidence[0].source_id == "us_dhs_uflpa"
    hoshine = screener.screen(make_record(name="Hoshine Silicon Materials Co., Ltd.", country="CN"))
    assert [f.code for f in hoshine.assessment.findings].count("cbp_rule.group") == 1
    assert "entity_list.group" not in [f.code for f in hoshine.assessment.findings]
    listed = screener.screen(make_record(name="Xinjiang Zhongtai Chemical Co., Ltd.", country="CN"))
    assert "entity_list.group" not in [f.code for f in listed.assessment.findings]
