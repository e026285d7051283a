"""A tiny stand-in for scoring.Screener so the CLI's I/O can be tested without the real engine."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from reference_data.models import SourceMeta
from scoring.types import (
    Evidence,
    FeatureContribution,
    Finding,
    MatchResult,
    RiskAssessment,
    ScreeningResult,
    SupplierRecord,
)
from tests.factories import make_entity


def make_source(source_id: str, complete: bool = True) -> SourceMeta:
    """Build a source's provenance with harmless defaults."""
    return SourceMeta(
        source_id=source_id,
        title=f"Title of {source_id}",
        publisher="Publisher",
        official_url="https://example.org",
        retrieved_from="test",
        data_date="2024-01-01",
        version="20240101000000",
        licence="public domain",
        legal_basis="a law",
        kind="entity_list",
        complete=complete,
        coverage_note="" if complete else f"{source_id} copy is partial",
    )


@dataclass
class FakeSnapshot:
    """Just the part of a snapshot the CLI reads."""

    sources: dict[str, SourceMeta] = field(
        default_factory=lambda: {"us_dhs_uflpa": make_source("us_dhs_uflpa", complete=False)}
    )


class FakeEngine:
    """Flags names containing 'ZHONGTAI' as a UFLPA hit, 'RISKY' as medium, the rest as none."""

    snapshot_id = "snap-test"
    model_version = "fake-1"

    def __init__(self) -> None:
        self.snapshot = FakeSnapshot()
        self.calls: list[tuple[SupplierRecord, int]] = []

    def screen(self, record: SupplierRecord, top_k: int = 3) -> ScreeningResult:
        """Return a canned result, failing on purpose for the name 'CRASH'."""
        self.calls.append((record, top_k))
        if record.name == "CRASH":
            raise RuntimeError("engine exploded")
        entity = make_entity(
            entity_id="us_dhs_uflpa:1", source_id="us_dhs_uflpa", name="Xinjiang Zhongtai Chemical Co., Ltd."
        )
        near = make_entity(entity_id="us_dhs_uflpa:2", source_id="us_dhs_uflpa", name="Other Listed Co.")
        contrib = (
            FeatureContribution(
                "name_similarity", 0.9, 2.5, "How alike the names are.", record.name, entity.name
            ),
        )
        matches: tuple[MatchResult, ...] = (MatchResult(near, near.name, 0.4, False),)
        findings: tuple[Finding, ...] = ()
        tier, score = "none", 0.0
        if "ZHONGTAI" in record.name.upper():
            matches = (MatchResult(entity, entity.name, 0.97, True, -1.0, contrib), *matches)
            ev = Evidence("us_dhs_uflpa", "20240101000000", entity.entity_id, "listed", source_row=1)
            sentence = "Listed on the UFLPA Entity List."
            finding = Finding("entity_list", "entity_list.us_dhs_uflpa", 80.0, sentence, (ev,), (13, 19))
            findings = (replace(finding, p28=("P28-ACCOUNT",), laws=("UFLPA",), actions=("Stop imports.",)),)
            tier, score = "severe", 92.0
        elif "RISKY" in record.name.upper():
            findings = (Finding("goods", "goods.forced_labor", 20.0, "=HYPERLINK(risky goods)", ungp=(17,)),)
            tier, score = "medium", 45.0
        risk = RiskAssessment(score, tier, sum(f.points for f in findings), findings)
        return ScreeningResult(record, matches, risk, self.snapshot_id, self.model_version)
