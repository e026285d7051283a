"""Tiny in-memory snapshots and matches for the risk-model tests (no bundled data needed)."""

from __future__ import annotations

from typing import Any

from reference_data.models import (
    CountryProfile,
    GoodListing,
    ListEntity,
    ProductListing,
    ReferenceSnapshot,
    RegionRule,
    SourceMeta,
    TipTier,
)
from scoring.types import MatchResult


def make_source(source_id: str, complete: bool = True, kind: str = "entity_list") -> SourceMeta:
    """Build one source's provenance with harmless defaults."""
    return SourceMeta(
        source_id=source_id,
        title=source_id,
        publisher="test",
        official_url=f"https://example.org/{source_id}",
        retrieved_from="test",
        data_date="2024-01-01",
        version="20240101000000",
        licence="public domain",
        legal_basis="test",
        kind=kind,
        complete=complete,
        coverage_note="" if complete else "partial",
    )


SOURCES = ("us_dhs_uflpa", "us_cbp_wro", "br_mte_cadastro", "us_dol_ilab_tvpra", "us_dol_ilab_eo13126",
           "us_state_tip_tiers", "us_dol_ilab_country_profiles")  # fmt: skip


def make_snapshot(**kw: Any) -> ReferenceSnapshot:
    """Build a small snapshot: a few goods, products, rules, tiers and profiles; override any field."""
    base: dict[str, Any] = {
        "snapshot_id": "snap-test",
        "created_at": "2024-01-01T00:00:00Z",
        "sources": {s: make_source(s, complete=s != "us_dhs_uflpa") for s in SOURCES},
        "entities": (),
        "rules": (
            RegionRule(
                "us_cbp_wro:tm-cotton",
                "us_cbp_wro",
                "region_good",
                "All Turkmenistan cotton",
                "TM",
                goods=("cotton",),
                action="WRO",
                listed_on="2018-05-18",
                source_row=30,
            ),
            RegionRule(
                "us_cbp_wro:drc-gold",
                "us_cbp_wro",
                "region_good",
                "Artisanal gold, eastern DRC",
                "CD",
                region="artisanal mining sites in eastern DRC",
                goods=("gold",),
                action="WRO",
                listed_on="2022-11-16",
                source_row=47,
            ),
            RegionRule(
                "us_cbp_wro:xuar",
                "us_cbp_wro",
                "region_good",
                "Xinjiang Uyghur Autonomous Region",
                "CN",
                region="Xinjiang Uyghur Autonomous Region (XUAR)",
                action="WRO",
                source_row=60,
                status="historical",
            ),
            RegionRule(
                "us_cbp_wro:group",
                "us_cbp_wro",
                "group",
                "Acme Holdings and subsidiaries",
                "CN",
                entity_name="Acme Holdings",
                action="WRO",
                source_row=61,
            ),
        ),  # fmt: skip
        "goods": (
            GoodListing("Polysilicon", "CN", "China", forced_labor=True, source_row=1),
            GoodListing(
                "Cotton",
                "CN",
                "China",
                child_labor=True,
                forced_labor=True,
                forced_child_labor=True,
                source_row=2,
            ),
            GoodListing("Garments", "CN", "China", forced_labor=True, source_row=3),
            GoodListing(
                "Solar Modules",
                "CN",
                "China",
                produced_with_listed_inputs=True,
                input_source_country="China",
                source_row=4,
            ),
            GoodListing(
                "Cocoa", "CI", "Cote d'Ivoire", child_labor=True, forced_child_labor=True, source_row=5
            ),
            GoodListing("Cotton", "TM", "Turkmenistan", forced_labor=True, source_row=6),
            GoodListing("Bricks", "IN", "India", child_labor=True, forced_labor=True, source_row=7),
        ),  # fmt: skip
        "eo13126": (ProductListing("Cocoa", "CI", "Cote D'Ivoire", source_row=10),),
        "tip_tiers": (
            TipTier("CN", "China", 2025, "Tier 3", source_row=1),
            TipTier("TM", "Turkmenistan", 2025, "Tier 3", source_row=2),
            TipTier("DZ", "Algeria", 2024, "Tier 2 Watch List", source_row=3),
            TipTier("MY", "Malaysia", 2025, "Tier 2 Watch List", source_row=4),
        ),
        "country_profiles": (
            CountryProfile(
                "CI", "Cote d'Ivoire", "Moderate Advancement", True, True, True, True, True, source_row=1
            ),
            CountryProfile("XK", "Testland", "No Advancement", False, True, True, True, False, source_row=2),
        ),
        "hs_codes": {},
    }
    base.update(kw)
    return ReferenceSnapshot(**base)


def make_listed(source_id: str = "us_dhs_uflpa", **kw: Any) -> ListEntity:
    """Build a listed entity on one of the snapshot's lists."""
    base: dict[str, Any] = {
        "entity_id": f"{source_id}:1",
        "source_id": source_id,
        "name": "Example Listed Company Co., Ltd.",
        "country": "CN",
        "action": "UFLPA entity" if "uflpa" in source_id else "WRO",
        "listed_on": "2023-06-12",
        "source_row": 3,
    }
    base.update(kw)
    return ListEntity(**base)


def make_match(entity: ListEntity, score: float = 0.95, is_match: bool | None = None) -> MatchResult:
    """Build a match result for an entity (is_match defaults to score >= 0.5)."""
    return MatchResult(
        entity=entity,
        matched_name=entity.name,
        score=score,
        is_match=score >= 0.5 if is_match is None else is_match,
    )
