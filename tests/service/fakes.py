"""A tiny deterministic screener over a three-entity snapshot, for API tests that need no real models."""

from __future__ import annotations

import math
from collections.abc import Sequence

from rapidfuzz import fuzz

from reference_data.models import FileMeta, ListEntity, ReferenceSnapshot, SourceMeta
from scoring.model import MatchModel
from scoring.types import (
    Evidence,
    FeatureContribution,
    Finding,
    MatchResult,
    RiskAssessment,
    ScreeningResult,
    SupplierRecord,
)
from service.engine import Engine
from tests.factories import make_entity

ENTITIES = (
    make_entity(entity_id="test_list:1", source_id="test_list", name="Example Listed Company Co., Ltd."),
    make_entity(
        entity_id="test_list:2", source_id="test_list", name="Shadow Garments Factory", aliases=("SGF",)
    ),
    make_entity(entity_id="other_list:7", source_id="other_list", name="Forced Cotton Mill", country="BR"),
)


def _source(source_id: str, complete: bool) -> SourceMeta:
    return SourceMeta(
        source_id=source_id,
        title=f"{source_id} title",
        publisher="Test publisher",
        official_url="https://example.org",
        retrieved_from="tests",
        data_date="2026-01-01",
        version="20260101000000",
        licence="CC0",
        legal_basis="Test Act",
        kind="entity_list",
        complete=complete,
        coverage_note="" if complete else "Only part of the list is bundled.",
        files=(FileMeta(path=f"sources/{source_id}/x.csv", sha256="0" * 64, rows=2),),
    )


def make_snapshot(
    entities: Sequence[ListEntity] = ENTITIES, snapshot_id: str = "snap-test"
) -> ReferenceSnapshot:
    """Return a snapshot holding only the given entities."""
    return ReferenceSnapshot(
        snapshot_id=snapshot_id,
        created_at="2026-01-01T00:00:00Z",
        sources={"test_list": _source("test_list", True), "other_list": _source("other_list", False)},
        entities=tuple(entities),
        rules=(),
        goods=(),
        eo13126=(),
        tip_tiers=(),
        country_profiles=(),
        hs_codes={},
    )


class FakeRisk:
    """100 points per matched entity; tiers by score."""

    def assess(self, record: SupplierRecord, matches: tuple[MatchResult, ...]) -> RiskAssessment:
        findings = tuple(
            Finding(
                type="entity_list",
                code=f"entity_list.{m.entity.source_id}",
                points=100.0,
                sentence=f"The supplier matches {m.entity.name} on {m.entity.source_id}.",
                evidence=(Evidence(m.entity.source_id, "20260101000000", m.entity.entity_id, "listed", 1),),
                ungp=(13, 17),
                p28=("P28-ACCOUNT",),
            )
            for m in matches
            if m.is_match
        )
        points = sum(f.points for f in findings)
        score = round(100 * (1 - math.exp(-points / 50)), 2)
        return RiskAssessment(
            score=score, tier="severe" if points else "none", total_points=points, findings=findings
        )


class FakeScreener:
    """Token-set similarity against each entity name; a match at 0.9 or more."""

    def __init__(self, entities: Sequence[ListEntity] = ENTITIES, snapshot_id: str = "snap-test") -> None:
        self.snapshot = make_snapshot(entities, snapshot_id)
        self.risk = FakeRisk()
        self.calls = 0

    @property
    def snapshot_id(self) -> str:
        return self.snapshot.snapshot_id

    @property
    def model_version(self) -> str:
        return "fake-match+fake-risk"

    def screen(self, record: SupplierRecord, top_k: int = 3) -> ScreeningResult:
        self.calls += 1
        scored = []
        for entity in self.snapshot.entities:
            best = max(entity.names, key=lambda n: fuzz.token_set_ratio(record.name.casefold(), n.casefold()))
            score = fuzz.token_set_ratio(record.name.casefold(), best.casefold()) / 100
            contribution = FeatureContribution(
                "token_set", score, 2 * score, "Shared words.", record.name, best
            )
            scored.append(MatchResult(entity, best, score, score >= 0.9, -1.0, (contribution,)))
        matches = tuple(sorted(scored, key=lambda m: -m.score)[:top_k])
        return ScreeningResult(
            record, matches, self.risk.assess(record, matches), self.snapshot_id, self.model_version
        )


def fake_engine(entities: Sequence[ListEntity] = ENTITIES, snapshot_id: str = "snap-test") -> Engine:
    """Return an Engine around the fake screener and the shipped match-model artefact."""
    return Engine.build(FakeScreener(entities, snapshot_id), MatchModel.load())
