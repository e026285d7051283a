"""Golden tests: expected tiers and reasons for the bundled examples, screened with the real snapshot."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from reference_data import resolve_country
from scoring import Screener
from scoring.risk import aggregate_exposure
from scoring.types import SupplierRecord

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# supplier_id -> (tier, finding codes that must be among the reasons)
SUPPLIERS: dict[str, tuple[str, set[str]]] = {
    "S-1001": ("none", set()),
    "S-1002": ("severe", {"entity_list.uflpa", "region.xinjiang", "goods.uflpa_sector"}),
    "S-1003": ("none", set()),
    "S-1004": ("severe", {"entity_list.cbp_wro", "goods.uflpa_sector"}),
    "S-1005": ("severe", {"entity_list.cbp_wro", "goods.forced_labor"}),
    "S-1006": ("severe", {"region.xinjiang", "goods.forced_child_labor", "goods.uflpa_sector"}),
    "S-1007": ("none", set()),
    "S-1008": ("severe", {"entity_list.cbp_wro"}),
    "S-1009": ("high", {"goods.forced_child_labor", "goods.eo13126", "attribute.intermediary"}),
    "S-1010": ("none", set()),
    "S-1011": ("medium", {"goods.forced_child_labor", "goods.eo13126"}),
    "S-1012": ("severe", {"entity_list.uflpa", "goods.listed_input"}),
    "S-1013": ("none", set()),
    "S-1014": ("severe", {"entity_list.br_cadastro", "goods.forced_labor"}),
    "S-1015": ("severe", {"cbp_rule.region_good", "goods.forced_labor", "attribute.intermediary"}),
    "S-1016": ("none", set()),
    "S-1017": ("severe", {"entity_list.uflpa", "region.xinjiang", "goods.forced_labor"}),
    "S-1018": ("severe", {"region.xinjiang", "goods.forced_child_labor"}),
    "S-1019": ("none", set()),
    "S-1020": ("severe", {"entity_list.uflpa"}),
    "S-1021": ("severe", {"entity_list.cbp_wro", "region.xinjiang"}),
    "S-1022": ("none", set()),
    "S-1023": ("severe", {"entity_list.br_cadastro"}),
    "S-1024": ("none", set()),
    "S-1025": ("severe", {"entity_list.cbp_wro"}),
    "S-1026": ("severe", {"entity_list.uflpa", "goods.uflpa_sector"}),
    "S-1027": ("high", {"goods.forced_labor", "goods.uflpa_sector", "country.tip_tier3"}),
    "S-1028": ("none", set()),
    "S-1029": ("severe", {"entity_list.uflpa", "attribute.intermediary"}),
    "S-1030": ("severe", {"entity_list.cbp_wro", "goods.forced_child_labor"}),
    "S-1031": ("none", {"attribute.intermediary"}),
}


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener.default()


def _number(text: str) -> float | None:
    cleaned = text.replace(",", "").strip()
    return float(cleaned) if cleaned else None


def _suppliers() -> list[SupplierRecord]:
    with (EXAMPLES / "suppliers.csv").open(encoding="utf-8", newline="") as fh:
        return [
            SupplierRecord(
                name=r["supplier_name"],
                supplier_id=r["supplier_id"],
                country=resolve_country(r["country"]),
                country_raw=r["country"],
                address=r["address"],
                product=r["product"],
                hs_code=r["hs_code"],
                value=_number(r["annual_spend"]),
                currency=r["currency"],
                is_intermediary=r["intermediary"] == "yes",
            )
            for r in csv.DictReader(fh)
        ]


def _procurement() -> list[SupplierRecord]:
    with (EXAMPLES / "procurement.csv").open(encoding="utf-8", newline="") as fh:
        return [
            SupplierRecord(
                name=r["Vendor"],
                supplier_id=r["PO Number"],
                country=resolve_country(r["Country of Origin"]),
                product=r["Item Description"],
                hs_code=r["HS Code"].replace(".", ""),
                value=_number(r["Line Value"]),
                currency=r["Currency"],
                date=r["Order Date"],
            )
            for r in csv.DictReader(fh)
        ]


@pytest.mark.parametrize("record", _suppliers(), ids=lambda r: r.supplier_id)
def test_golden_suppliers_tier_and_reasons(screener: Screener, record: SupplierRecord) -> None:
    tier, codes = SUPPLIERS[record.supplier_id]
    assessment = screener.screen(record).assessment
    found = {f.code for f in assessment.findings}
    assert (assessment.tier, codes - found) == (tier, set()), sorted(
        (f.code, f.points) for f in assessment.findings
    )
    for finding in assessment.findings:
        assert finding.sentence and finding.evidence and finding.ungp and finding.p28 and finding.actions
        assert all(e.source_id and e.source_version for e in finding.evidence)


PROCUREMENT = {
    "PO-24-0101": "none", "PO-24-0102": "severe", "PO-24-0103": "severe", "PO-24-0105": "medium",
    "PO-24-0106": "severe", "PO-24-0107": "medium", "PO-24-0109": "severe", "PO-24-0111": "none",
    "PO-24-0114": "severe", "PO-24-0115": "none",
}  # fmt: skip


def test_golden_procurement_tiers_and_exposure(screener: Screener) -> None:
    records = _procurement()
    results = [(r, screener.screen(r).assessment) for r in records]
    tiers = {r.supplier_id: a.tier for r, a in results}
    assert {k: tiers[k] for k in PROCUREMENT} == PROCUREMENT
    totals = aggregate_exposure(results)
    assert set(totals) == {"USD", "EUR"}
    usd = totals["USD"]
    assert usd.rows == sum(r.currency == "USD" for r in records)
    assert usd.exposure == pytest.approx(
        sum(a.exposure_value or 0 for r, a in results if r.currency == "USD"), rel=1e-3
    )
    assert usd.spend_by_tier["severe"] > usd.spend_by_tier["none"]


def test_golden_ordinary_suppliers_stay_none_or_low(screener: Screener) -> None:
    ordinary = [r for r in _suppliers() if SUPPLIERS[r.supplier_id][0] == "none"]
    assert all(screener.screen(r).assessment.tier in ("none", "low") for r in ordinary)
